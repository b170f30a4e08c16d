//! The device queue as data: what a family did while offline, kept in the browser's storage until
//! the server has answered it. Pure code (no browser calls) so it is unit tested natively.

use serde::{Deserialize, Serialize};

use crate::api::sync::{SyncOperation, SyncOutcome, SyncResult, CURRENT_VERSION};

/// Where the queue lives in `localStorage`.
pub const STORAGE_KEY: &str = "tuoyu.queue.v1";
/// Items waiting longer than this get a warning: some browsers drop site data unused for 7 days.
pub const WARN_AFTER_MS: f64 = 6.0 * 86_400_000.0;

/// Where a queued item stands on this device.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Not yet answered by the server: 待同步.
    Pending,
    /// The server applied it; `result` says what came of it.
    Applied,
    /// Refused for good; `message` says why. Stays until dismissed.
    Refused,
}

/// One queued operation with what the page needs to show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub operation: SyncOperation,
    /// Words for people: e.g. the facility's name and the start month.
    pub label: String,
    /// When the person acted (milliseconds since the epoch, the browser's clock).
    pub queued_at: f64,
    pub state: ItemState,
    #[serde(default)]
    pub result: serde_json::Value,
    #[serde(default)]
    pub message: String,
    /// When the server's answer reached this device (milliseconds since the epoch; 0 = not yet).
    #[serde(default)]
    pub answered_at: f64,
    /// For a request kept whole on the device (`offline::held`): the path it is sent to, on its
    /// own, instead of through `/api/v1/sync`. `None` for the usual sync operations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_to: Option<String>,
}

impl QueueItem {
    pub fn new(op_id: String, kind: &str, payload: serde_json::Value, label: String, now_ms: f64) -> Self {
        QueueItem {
            operation: SyncOperation { v: CURRENT_VERSION, op_id, kind: kind.to_string(), payload },
            label,
            queued_at: now_ms,
            state: ItemState::Pending,
            result: serde_json::Value::Null,
            message: String::new(),
            answered_at: 0.0,
            send_to: None,
        }
    }

    /// An item whose whole request body is kept in `offline::held` and POSTed to `path` later.
    pub fn held(op_id: String, kind: &str, path: &str, label: String, now_ms: f64) -> Self {
        QueueItem { send_to: Some(path.to_string()), ..QueueItem::new(op_id, kind, serde_json::Value::Null, label, now_ms) }
    }

    pub fn is_pending(&self) -> bool {
        self.state == ItemState::Pending
    }

    /// Waiting so long that the browser might drop it.
    pub fn is_old(&self, now_ms: f64) -> bool {
        self.is_pending() && now_ms - self.queued_at > WARN_AFTER_MS
    }
}

/// The stored queue, read back. Items that cannot be read (a damaged or hand-edited store) are
/// counted and dropped from the queue, never sent: `unreadable` lets the page say so.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub items: Vec<QueueItem>,
    pub unreadable: usize,
}

pub fn load(text: Option<&str>) -> Loaded {
    let Some(text) = text else { return Loaded::default() };
    match serde_json::from_str::<Vec<serde_json::Value>>(text) {
        Ok(values) => {
            let total = values.len();
            let items: Vec<QueueItem> = values.into_iter().filter_map(|v| serde_json::from_value(v).ok()).collect();
            Loaded { unreadable: total - items.len(), items }
        }
        Err(_) => Loaded { items: Vec::new(), unreadable: 1 },
    }
}

pub fn save(items: &[QueueItem]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// The operations to send now through `/api/v1/sync`, oldest first.
pub fn to_send(items: &[QueueItem]) -> Vec<SyncOperation> {
    items.iter().filter(|i| i.is_pending() && i.send_to.is_none()).map(|i| i.operation.clone()).collect()
}

/// The held requests to send now, each on its own: (operation id, path), oldest first.
pub fn held_to_send(items: &[QueueItem]) -> Vec<(String, String)> {
    items.iter().filter(|i| i.is_pending()).filter_map(|i| Some((i.operation.op_id.clone(), i.send_to.clone()?))).collect()
}

/// What the server's answer means for a queued item (a sync result, or a held request's answer).
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Done: the answer's JSON (e.g. a complaint's tracking code and password).
    Applied(serde_json::Value),
    /// Refused for good, with the server's words ("" when there are none, or the kept body was
    /// lost on the device: the page then asks to file again).
    Refused(String),
    /// No answer, or the server failed: keep it and try again later.
    Retry,
}

/// Reads the answer to a held request: `None` when none came back. Any 4xx is final (the same
/// request would be refused again); a 5xx or no answer is tried again with the same id.
pub fn held_answer(answer: Option<(u16, &str)>) -> Answer {
    match answer {
        Some((200..=299, text)) => Answer::Applied(serde_json::from_str(text).unwrap_or(serde_json::Value::Null)),
        Some((400..=499, text)) => {
            let body: serde_json::Value = serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
            Answer::Refused(body["message"].as_str().unwrap_or_default().to_string())
        }
        _ => Answer::Retry,
    }
}

/// Records the answer for `op_id`, received at `now_ms` (a held request's, or one of a sync's).
pub fn record_answer(items: &mut [QueueItem], op_id: &str, answer: Answer, now_ms: f64) {
    let Some(item) = items.iter_mut().find(|i| i.operation.op_id == op_id) else { return };
    match answer {
        Answer::Applied(result) => {
            item.state = ItemState::Applied;
            item.result = result;
            item.message.clear();
            item.answered_at = now_ms;
        }
        Answer::Refused(message) => {
            item.state = ItemState::Refused;
            item.message = message;
            item.answered_at = now_ms;
        }
        Answer::Retry => {}
    }
}

/// Records the server's answers, received at `now_ms`. `Retry` answers leave the item pending.
pub fn record(items: &mut [QueueItem], results: &[SyncResult], now_ms: f64) {
    for result in results {
        let answer = match result.outcome {
            SyncOutcome::Applied => Answer::Applied(result.result.clone()),
            SyncOutcome::Refused => Answer::Refused(result.message.clone()),
            SyncOutcome::Retry => Answer::Retry,
        };
        record_answer(items, &result.op_id, answer, now_ms);
    }
}

/// Seconds to wait before the next try after `failures` network failures in a row: 5 s doubling
/// up to 5 minutes.
pub fn backoff_seconds(failures: u32) -> u32 {
    (5u32 << failures.min(6)).min(300)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(op: &str) -> QueueItem {
        QueueItem::new(op.into(), "application.apply", serde_json::json!({ "child_id": 1, "facility_id": 2, "start_month": "2027-01" }), "机构".into(), 0.0)
    }

    #[test]
    fn the_queue_survives_a_round_trip_and_damaged_items_are_set_aside() {
        let saved = save(&[item("a"), item("b")]);
        assert_eq!(load(Some(&saved)).items.len(), 2);
        let damaged = saved.replacen("\"operation\"", "\"broken\"", 1);
        let loaded = load(Some(&damaged));
        assert_eq!((loaded.items.len(), loaded.unreadable), (1, 1));
        assert_eq!(load(Some("not json")), Loaded { items: vec![], unreadable: 1 });
        assert_eq!(load(None), Loaded::default());
    }

    #[test]
    fn answers_are_recorded_per_operation_and_retries_stay_pending() {
        let mut items = vec![item("a"), item("b"), item("c")];
        let answer = |op: &str, outcome| SyncResult { op_id: op.into(), outcome, result: serde_json::json!({ "ok": 1 }), error: None, message: "原因".into() };
        record(&mut items, &[answer("a", SyncOutcome::Applied), answer("b", SyncOutcome::Refused), answer("c", SyncOutcome::Retry)], 42.0);
        assert_eq!(items.iter().map(|i| i.state).collect::<Vec<_>>(), vec![ItemState::Applied, ItemState::Refused, ItemState::Pending]);
        assert_eq!(items.iter().map(|i| i.answered_at).collect::<Vec<_>>(), vec![42.0, 42.0, 0.0], "the time of each answer is kept");
        assert_eq!(items[1].message, "原因");
        assert_eq!(to_send(&items).len(), 1, "only the pending one is sent again");
    }

    #[test]
    fn held_requests_are_sent_on_their_own_and_their_answers_recorded() {
        let mut items = vec![item("a"), QueueItem::held("h".into(), "complaint.file", "/api/v1/complaints", "无证托育点".into(), 0.0)];
        assert_eq!(to_send(&items).iter().map(|o| o.op_id.as_str()).collect::<Vec<_>>(), vec!["a"], "a held request never goes through sync");
        assert_eq!(held_to_send(&items), vec![("h".to_string(), "/api/v1/complaints".to_string())]);
        let saved = save(&items);
        assert_eq!(load(Some(&saved)).items, items, "where it goes survives a reload");

        assert_eq!(held_answer(None), Answer::Retry, "offline: try again");
        assert_eq!(held_answer(Some((503, "busy"))), Answer::Retry, "the server failed: try again");
        assert_eq!(held_answer(Some((422, r#"{"error":{"code":"too_short"},"message":"描述至少 10 个字"}"#))), Answer::Refused("描述至少 10 个字".into()));
        record_answer(&mut items, "h", held_answer(Some((429, "not json"))), 7.0);
        assert_eq!((items[1].state, items[1].message.as_str(), items[1].answered_at), (ItemState::Refused, "", 7.0));

        items[1].state = ItemState::Pending;
        record_answer(&mut items, "h", held_answer(Some((200, r#"{"code":"TS-26-7KQ4M2","password":"123456"}"#))), 9.0);
        assert_eq!(items[1].state, ItemState::Applied);
        assert_eq!(items[1].result["code"], "TS-26-7KQ4M2");
        assert!(held_to_send(&items).is_empty(), "answered: not sent again");
        record_answer(&mut items, "h", Answer::Retry, 10.0);
        assert_eq!(items[1].answered_at, 9.0, "a retry changes nothing");
    }

    #[test]
    fn old_items_warn_and_backoff_grows_to_five_minutes() {
        assert!(item("a").is_old(WARN_AFTER_MS + 1.0));
        assert!(!item("a").is_old(1000.0));
        assert_eq!(backoff_seconds(0), 5);
        assert_eq!(backoff_seconds(1), 10);
        assert_eq!(backoff_seconds(20), 300);
    }
}

//! The device queue's way home: `/api/v1/sync` takes the operations a family made offline, in
//! order, and applies each exactly once (its operation id), answering one result per operation.
//!
//! The wire format is versioned: a request says `"version": 1` and each operation `"v": 1`. An
//! old client keeps working after a server upgrade as long as its version is still listed in
//! [`SUPPORTED_VERSIONS`]; an unknown version is refused in words, per operation, and the rest of
//! the queue still goes through.
//!
//! Adding a kind of operation (ratings, complaints, lesson progress…): one payload struct and one
//! arm in [`server::apply_one`].

use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Operation format versions this server understands.
pub const SUPPORTED_VERSIONS: &[u32] = &[1];
/// The version clients write today.
pub const CURRENT_VERSION: u32 = 1;
/// Most operations in one sync request.
pub const MAX_OPERATIONS: usize = 500;

/// One operation as the device queued it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SyncOperation {
    /// Format version of this operation.
    pub v: u32,
    /// The UUID made when the person acted; the server applies it once.
    pub op_id: String,
    /// `application.apply`, `application.cancel`, `application.renew`, `slot.book`, `slot.cancel`,
    /// `rating.create`, `rating.edit`, `rating.withdraw`, `complaint.file`, `lesson.progress`.
    pub kind: String,
    /// The operation's fields, e.g. `{"child_id": 3, "facility_id": 1, "start_month": "2027-01"}`.
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub payload: serde_json::Value,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SyncRequest {
    /// The request format's version: 1.
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 1))]
    pub version: u32,
    /// The queued operations (each a [`SyncOperation`]). Any JSON value is taken: an item the
    /// device damaged is refused on its own, in words, and the others still sync.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Value>))]
    pub operations: Vec<serde_json::Value>,
}

/// How one operation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum SyncOutcome {
    /// Applied now or before (a replay answers the first result).
    Applied,
    /// Refused for good (a rule, bad input, not yours): shown with its reason until dismissed.
    Refused,
    /// Not done because of a passing problem (database busy): the device tries again later.
    Retry,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SyncResult {
    /// The operation id, or empty when the queued item was unreadable.
    pub op_id: String,
    pub outcome: SyncOutcome,
    /// What the operation produced, e.g. `{"Offered": {...}}` for an application; `null` when
    /// it was refused or is to be retried.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<Object>))]
    pub result: serde_json::Value,
    #[cfg_attr(feature = "ssr", schema(value_type = Option<Object>))]
    pub error: Option<AppError>,
    /// The outcome in the request's language.
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SyncResponse {
    pub version: u32,
    pub results: Vec<SyncResult>,
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::api::booking::ApplyInput;
    use crate::domain::account::roles::Viewer;
    use crate::i18n::Locale;
    use crate::state::AppState;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ApplyPayload {
        child_id: i64,
        facility_id: i64,
        start_month: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ApplicationPayload {
        application_id: i64,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SlotBookPayload {
        slot_id: i64,
        child_id: i64,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SlotCancelPayload {
        booking_id: i64,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RatePayload {
        facility_id: i64,
        child_id: i64,
        rating: crate::domain::rating::RatingInput,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RatingEditPayload {
        rating_id: i64,
        rating: crate::domain::rating::RatingInput,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RatingPayload {
        rating_id: i64,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ComplaintPayload {
        complaint: crate::domain::complaint::ComplaintInput,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct LessonProgressPayload {
        lesson_id: String,
        child_id: Option<i64>,
        step: String,
        #[serde(default)]
        answers: Vec<u32>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ActivityBookPayload {
        activity_id: i64,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ActivityCancelPayload {
        booking_id: i64,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct QuestionPayload {
        age_months: String,
        topic: String,
        text: String,
        may_publish: bool,
    }

    fn payload<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Result<T, AppError> {
        serde_json::from_value(value.clone()).map_err(|_| AppError::bad_input("payload"))
    }

    fn json(value: impl Serialize) -> Result<serde_json::Value, AppError> {
        serde_json::to_value(value).map_err(|_| AppError::Internal)
    }

    /// Applies one operation through the same functions the pages and `/api/v1` use.
    async fn apply_one(state: &AppState, viewer: &Viewer, client_ip: &str, op: &SyncOperation) -> Result<serde_json::Value, AppError> {
        use crate::api::booking::server as booking;
        use crate::api::ratings::server as ratings;
        use crate::api::ratings::RateInput;
        match op.kind.as_str() {
            "application.apply" => {
                let p: ApplyPayload = payload(&op.payload)?;
                let input = ApplyInput { op_id: op.op_id.clone(), child_id: p.child_id, facility_id: p.facility_id, start_month: p.start_month };
                json(booking::apply(state, viewer, input).await?)
            }
            "application.cancel" => {
                let p: ApplicationPayload = payload(&op.payload)?;
                json(booking::family_change(state, viewer, &op.op_id, p.application_id, false).await?)
            }
            "application.renew" => {
                let p: ApplicationPayload = payload(&op.payload)?;
                json(booking::family_change(state, viewer, &op.op_id, p.application_id, true).await?)
            }
            "slot.book" => {
                let p: SlotBookPayload = payload(&op.payload)?;
                json(serde_json::json!({ "booking_id": booking::book_slot(state, viewer, &op.op_id, p.slot_id, p.child_id).await? }))
            }
            "slot.cancel" => {
                let p: SlotCancelPayload = payload(&op.payload)?;
                json(booking::cancel_slot(state, viewer, &op.op_id, p.booking_id).await?)
            }
            "rating.create" => {
                let p: RatePayload = payload(&op.payload)?;
                let input = RateInput { op_id: op.op_id.clone(), facility_id: p.facility_id, child_id: p.child_id, rating: p.rating };
                json(ratings::rate(state, viewer, input).await?)
            }
            "rating.edit" => {
                let p: RatingEditPayload = payload(&op.payload)?;
                json(ratings::edit(state, viewer, &op.op_id, p.rating_id, &p.rating).await?)
            }
            "rating.withdraw" => {
                let p: RatingPayload = payload(&op.payload)?;
                json(ratings::withdraw(state, viewer, &op.op_id, p.rating_id).await?)
            }
            // Kept on the device without photos (they would not fit its storage).
            "complaint.file" => {
                let p: ComplaintPayload = payload(&op.payload)?;
                let input = crate::api::complaints::FileComplaintInput { op_id: op.op_id.clone(), complaint: p.complaint, photos: Vec::new() };
                json(crate::api::complaints::family::server::file(state, Some(viewer), client_ip, input).await?)
            }
            "lesson.progress" => {
                let p: LessonProgressPayload = payload(&op.payload)?;
                let input = crate::api::lessons::progress::ProgressInput { op_id: op.op_id.clone(), lesson_id: p.lesson_id, child_id: p.child_id, step: p.step, answers: p.answers };
                json(crate::api::lessons::progress::server::record(state, viewer, input).await?)
            }
            "activity.book" => {
                let p: ActivityBookPayload = payload(&op.payload)?;
                json(serde_json::json!({ "booking_id": crate::api::lessons::activities::server::book(state, viewer, &op.op_id, p.activity_id).await? }))
            }
            "activity.cancel" => {
                let p: ActivityCancelPayload = payload(&op.payload)?;
                json(crate::api::lessons::activities::server::cancel(state, viewer, &op.op_id, p.booking_id).await?)
            }
            "question.ask" => {
                let p: QuestionPayload = payload(&op.payload)?;
                let input = crate::api::lessons::expert::AskInput { op_id: op.op_id.clone(), age_months: p.age_months, topic: p.topic, text: p.text, may_publish: p.may_publish };
                json(crate::api::lessons::expert::server::ask(state, viewer, input).await?)
            }
            _ => Err(AppError::bad_input("operation_kind")),
        }
    }

    /// Applies the operations in order, each on its own: one refusal does not stop the rest.
    pub async fn sync(state: &AppState, viewer: &Viewer, client_ip: &str, request: SyncRequest, locale: Locale) -> Result<SyncResponse, AppError> {
        if !SUPPORTED_VERSIONS.contains(&request.version) {
            return Err(AppError::refused(crate::error::SyncRefusal::ClientTooOld));
        }
        if request.operations.len() > MAX_OPERATIONS {
            return Err(AppError::bad_input("operations"));
        }
        let mut results = Vec::with_capacity(request.operations.len());
        for raw in request.operations {
            let op_id = raw.get("op_id").and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let outcome = match serde_json::from_value::<SyncOperation>(raw) {
                Err(_) => Err(AppError::bad_input("operation")),
                Ok(op) if !SUPPORTED_VERSIONS.contains(&op.v) => Err(AppError::refused(crate::error::SyncRefusal::ClientTooOld)),
                Ok(op) => apply_one(state, viewer, client_ip, &op).await,
            };
            results.push(match outcome {
                Ok(result) => SyncResult { op_id, outcome: SyncOutcome::Applied, result, error: None, message: String::new() },
                Err(error) => {
                    let message = crate::labels::error_message(locale, &error);
                    let outcome = if error.status() >= 500 { SyncOutcome::Retry } else { SyncOutcome::Refused };
                    SyncResult { op_id, outcome, result: serde_json::Value::Null, error: Some(error), message }
                }
            });
        }
        Ok(SyncResponse { version: CURRENT_VERSION, results })
    }
}

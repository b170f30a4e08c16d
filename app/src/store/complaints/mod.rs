//! Complaints in the database: filing (here), what each side reads (`read`), the departments'
//! steps and the family's verdict (`handling`), and the overdue watch (`overdue`). Every write
//! goes through `apply_once`; every change of state is one conditional UPDATE on the state it
//! was decided from, and leaves an entry in `complaint_events` (the timeline and the audit).

mod handling;
mod notices;
mod overdue;
mod read;

pub use handling::{HandlingOutcome, StaffActor};
pub use notices::DepartmentNotice;
pub use read::{Audience, ComplaintAccess, ComplaintItem, ComplaintView, TimelineEntry, VerifiedComplaint};

use serde::{Deserialize, Serialize};

use super::accounts::take_rate_in;
use super::db::{IdRow, Tx};
use super::operations::Operation;
use super::{Store, StoreError};
use crate::args;
use crate::domain::account::roles::Department;
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::complaint::deadline::{inbox_order, Clock, Limits};
use crate::domain::complaint::handling::Event;
use crate::domain::complaint::routing::{is_urgent, route};
use crate::domain::complaint::state::State;
use crate::domain::complaint::tracking::TrackingCode;
use crate::domain::complaint::{ComplaintDraft, ComplaintRefusal, Place, DAILY_LIMIT};

/// Who files: a signed-in parent, or someone anonymous who looks it up with a password.
#[derive(Clone, Debug, PartialEq)]
pub enum Author {
    Account(i64),
    /// The keyed hash of the query password (the password itself is never stored).
    Anonymous { password_hash: String },
}

/// A photo as the server re-encoded it (no metadata left).
#[derive(Clone, Debug, PartialEq)]
pub struct CleanPhoto {
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// Everything filing needs.
#[derive(Clone, Debug)]
pub struct NewComplaint {
    pub draft: ComplaintDraft,
    pub author: Author,
    /// A fresh random code; taken codes are a unique violation the caller retries with another.
    pub code: TrackingCode,
    pub photos: Vec<CleanPhoto>,
    /// For the per-address daily limit.
    pub client_address: String,
}

/// What filing did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilingOutcome {
    Filed { complaint_id: i64, code: String },
    Refused(ComplaintRefusal),
}

const DAY_SECONDS: i64 = 86_400;

/// Appends a timeline entry; `by` is the acting department and account, when there are any.
pub(crate) async fn record_event(
    tx: &mut Tx,
    complaint_id: i64,
    event: Event,
    actor: &str,
    by: (Option<Department>, Option<i64>),
    text: Option<&str>,
    detail: Option<String>,
    now: Timestamp,
) -> Result<(), StoreError> {
    tx.execute(
        "record complaint event",
        "INSERT INTO complaint_events (complaint_id, at, action, actor, department, account_id, text, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        args![complaint_id, now.0, event.code(), actor, by.0.map(|d| d.code().to_string()), by.1, text.map(str::to_string), detail],
    )
    .await?;
    Ok(())
}

/// Writes where a complaint stands in the inboxes (`deadline::inbox_order`), on the complaint
/// and on each of its department rows, after every change of its state or deadline.
pub(crate) async fn write_inbox_order(tx: &mut Tx, complaint_id: i64, state: State, due: Option<i64>) -> Result<(), StoreError> {
    let order = inbox_order(state, due.map(Timestamp));
    tx.execute("order complaint in inboxes", "UPDATE complaints SET inbox_order = $1 WHERE id = $2", args![order, complaint_id]).await?;
    tx.execute("order complaint in department inboxes", "UPDATE complaint_departments SET inbox_order = $1 WHERE complaint_id = $2", args![order, complaint_id])
        .await?;
    Ok(())
}

/// The departments as the timeline's detail stores them: codes joined by commas.
pub(crate) fn department_list(departments: &[Department]) -> String {
    departments.iter().map(|d| d.code()).collect::<Vec<_>>().join(",")
}

/// Replaces the departments a complaint is dispatched to (the first one replies).
pub(crate) async fn assign(tx: &mut Tx, complaint_id: i64, departments: &[Department]) -> Result<(), StoreError> {
    tx.execute("clear complaint departments", "DELETE FROM complaint_departments WHERE complaint_id = $1", args![complaint_id]).await?;
    for (i, department) in departments.iter().enumerate() {
        tx.execute(
            "assign complaint department",
            "INSERT INTO complaint_departments (complaint_id, department, replying) VALUES ($1, $2, $3)",
            args![complaint_id, department.code(), i == 0],
        )
        .await?;
    }
    Ok(())
}

impl Store {
    /// Files a complaint once: checks the facility and the daily limits, stores it dispatched
    /// to the departments of its category's route, with its photos and first timeline entries.
    pub async fn file_complaint(&self, op: &Operation, complaint: &NewComplaint, limits: &Limits, now: Timestamp) -> Result<FilingOutcome, StoreError> {
        let complaint = complaint.clone();
        let limits = *limits;
        let op_id = op.id.as_str().to_string();
        self.apply_once(op, now, move |tx| {
            let (complaint, op_id) = (complaint.clone(), op_id.clone());
            Box::pin(async move { file(tx, &complaint, &op_id, &limits, now).await })
        })
        .await
    }
}

async fn file(tx: &mut Tx, complaint: &NewComplaint, op_id: &str, limits: &Limits, now: Timestamp) -> Result<FilingOutcome, StoreError> {
    let draft = &complaint.draft;
    if let Place::Facility(id) = draft.place {
        let found: Option<IdRow> = tx.fetch_optional("find complained-about facility", "SELECT id FROM facilities WHERE id = $1", args![id]).await?;
        if found.is_none() {
            return Ok(FilingOutcome::Refused(ComplaintRefusal::UnknownFacility));
        }
    }
    // Five a day per address and per account; a refusal by the second gives back the first.
    let address_key = format!("complaint:address:{}", complaint.client_address);
    if !take_rate_in(tx, &address_key, now, DAILY_LIMIT, DAY_SECONDS).await? {
        return Ok(FilingOutcome::Refused(ComplaintRefusal::DailyLimit));
    }
    let (account_id, password_hash) = match &complaint.author {
        Author::Account(id) => (Some(*id), None),
        Author::Anonymous { password_hash } => (None, Some(password_hash.clone())),
    };
    if let Some(account) = account_id {
        if !take_rate_in(tx, &format!("complaint:account:{account}"), now, DAILY_LIMIT, DAY_SECONDS).await? {
            tx.execute("give back rate event", "UPDATE rate_limits SET events = events - 1 WHERE key = $1 AND events > 0", args![address_key]).await?;
            return Ok(FilingOutcome::Refused(ComplaintRefusal::DailyLimit));
        }
    }
    let urgent = is_urgent(draft.category);
    let departments = route(draft.category);
    let clock = Clock { kind: draft.kind, urgent, state_since: now, reply_clock_from: now, extension_working_days: 0 };
    let due = limits.due(State::Dispatched, clock).map(|t| t.0);
    let (facility_id, place_name, place_address, lon, lat) = match &draft.place {
        Place::Facility(id) => (Some(*id), None, None, None, None),
        Place::Unlisted { name, address, point } => (None, Some(name.clone()), Some(address.clone()), point.map(|p| p.lon), point.map(|p| p.lat)),
    };
    let row: IdRow = tx
        .fetch_one(
            "record complaint",
            "INSERT INTO complaints (code, kind, category, urgent, facility_id, place_name, place_address, place_lon, place_lat, occurred_on, \
             description, account_id, password_hash, state, state_since, filed_at, reply_clock_from, due_at, op_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'dispatched', $14, $14, $14, $15, $16) RETURNING id",
            args![
                complaint.code.as_str(), draft.kind.code(), draft.category.code(), urgent, facility_id, place_name, place_address, lon, lat,
                draft.occurred_on.to_string(), draft.description.clone(), account_id, password_hash, now.0, due, op_id
            ],
        )
        .await?;
    let id = row.id;
    assign(tx, id, departments).await?;
    write_inbox_order(tx, id, State::Dispatched, due).await?;
    record_event(tx, id, Event::Filed, "family", (None, None), None, None, now).await?;
    record_event(tx, id, Event::Dispatched, "system", (None, None), None, Some(department_list(departments)), now).await?;
    for (position, photo) in complaint.photos.iter().enumerate() {
        tx.execute(
            "store complaint photo",
            "INSERT INTO complaint_photos (complaint_id, position, mime, width, height, bytes) VALUES ($1, $2, $3, $4, $5, $6)",
            args![id, position as i64 + 1, photo.mime, photo.width, photo.height, photo.bytes.clone()],
        )
        .await?;
    }
    Ok(FilingOutcome::Filed { complaint_id: id, code: complaint.code.as_str().to_string() })
}

/// The China date a complaint was filed on (the code's year).
pub fn filing_year(now: Timestamp) -> i32 {
    CivilDate::in_china_at(now).year()
}

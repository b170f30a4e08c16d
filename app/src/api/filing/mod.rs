//! Filing (备案) online: an organisation registers (text-message code, password, authenticator)
//! and files its facility; the health commission returns items, accepts or refuses. The rules
//! are in `domain::filing`; every write is applied once by its operation id and audited.

#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::api::account::CodeSent;
use crate::api::staff::StaffStep;
use crate::domain::calendar::Timestamp;
use crate::domain::filing::facts::FactsInput;
use crate::domain::filing::{FilingItem, FilingKind, FilingState};
pub use crate::domain::filing::record::{MaterialVersion, ReturnedItem};
use crate::error::AppError;

/// The registration form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationInput {
    pub phone: String,
    pub code: String,
    /// The organisation's registered name.
    pub organisation: String,
    pub credit_code: String,
    pub username: String,
    pub password: String,
}

/// A filing as its filer and its reviewer see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilingView {
    pub id: i64,
    pub kind: FilingKind,
    pub state: FilingState,
    pub organisation: String,
    /// Absent for a change of a facility filed before filing went online.
    pub credit_code: Option<String>,
    /// Masked (138****0000).
    pub contact_phone: String,
    /// The facts as the form shows them; the legal representative's ID number is masked here
    /// and left unchanged when the form sends it back empty or masked.
    pub facts: Option<FactsInput>,
    pub materials: Vec<MaterialVersion>,
    /// Every round's returned items, oldest first.
    pub returns: Vec<ReturnedItem>,
    pub round: i64,
    pub submitted_at: Option<Timestamp>,
    pub review_due_at: Option<Timestamp>,
    /// Working days the district has to decide (the configured deadline).
    pub review_days: u32,
    pub decided_at: Option<Timestamp>,
    pub refusal_reason: Option<String>,
    pub filing_number: Option<String>,
    /// Why the facility closes (closure filings).
    pub closure_reason: Option<String>,
    pub facility_id: Option<i64>,
    /// Required documents not uploaded yet.
    pub missing: Vec<FilingItem>,
    /// Waiting for a decision past its due time.
    pub overdue: bool,
    pub editable: bool,
    /// The reviewer is looking (the page offers the review actions).
    pub reviewing: bool,
}

impl FilingView {
    /// The newest version of each uploaded item.
    pub fn current_material(&self, item: FilingItem) -> Option<&MaterialVersion> {
        self.materials.iter().filter(|m| m.item == item).max_by_key(|m| m.version)
    }

    /// The reasons given for `item` in the latest returned round, when the filing is returned.
    pub fn returned_reason(&self, item: FilingItem) -> Option<&str> {
        if self.state != FilingState::Returned {
            return None;
        }
        self.returns.iter().filter(|r| r.round == self.round && r.item == item).map(|r| r.reason.as_str()).next()
    }
}

/// One line of the review queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilingSummary {
    pub id: i64,
    pub kind: FilingKind,
    pub organisation: String,
    pub facility_name: Option<String>,
    pub round: i64,
    pub submitted_at: Option<Timestamp>,
    pub review_due_at: Option<Timestamp>,
    pub overdue: bool,
}

/// A returned item as the reviewer types it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnItemInput {
    pub item: String,
    pub reason: String,
}

/// The reviewer's decision: `return` (with items), `accept` or `refuse` (with a reason).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewInput {
    pub decision: String,
    pub items: Vec<ReturnItemInput>,
    pub reason: String,
}

/// What a review did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDone {
    pub state: FilingState,
    pub filing_number: Option<String>,
    pub facility_id: Option<i64>,
}

#[server(prefix = "/api", endpoint = "request_registration_code")]
pub async fn request_registration_code(phone: String) -> Result<CodeSent, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(crate::api::account::server::send_code(&state, &phone, crate::api::account::server::CodePurpose::Register).await)
}

/// Registers once per `op_id`: sent again (a retry after a lost answer), it answers as the first
/// time if the password is the same, although the text-message code is spent.
#[server(prefix = "/api", endpoint = "register_organisation")]
pub async fn register_organisation(op_id: String, input: RegistrationInput) -> Result<StaffStep, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::register(&state, &op_id, &input).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "my_filing")]
pub async fn fetch_my_filing() -> Result<Option<FilingView>, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::my_filing(&state).await)
}

#[server(prefix = "/api", endpoint = "save_filing_facts")]
pub async fn save_filing_facts(op_id: String, filing_id: i64, input: FactsInput) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::save_facts(&state, &op_id, filing_id, &input).await)
}

/// A document for an item, base64-encoded (PDF, JPEG or PNG, at most 10 MB).
#[server(prefix = "/api", endpoint = "upload_filing_material")]
pub async fn upload_filing_material(op_id: String, filing_id: i64, item: String, file_name: String, content: String) -> Result<i64, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::upload(&state, &op_id, filing_id, &item, &file_name, &content).await)
}

/// The operator starts a change filing (变更备案) of its facility; returns its id.
#[server(prefix = "/api", endpoint = "start_change_filing")]
pub async fn start_change_filing(op_id: String) -> Result<i64, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::start_change(&state, &op_id).await)
}

/// The operator starts a closure filing (注销备案) of its facility, with the reason; returns its id.
#[server(prefix = "/api", endpoint = "start_closure_filing")]
pub async fn start_closure_filing(op_id: String, reason: String) -> Result<i64, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::start_closure(&state, &op_id, &reason).await)
}

#[server(prefix = "/api", endpoint = "submit_filing")]
pub async fn submit_filing(op_id: String, filing_id: i64) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::submit(&state, &op_id, filing_id).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "filing_queue")]
pub async fn fetch_filing_queue() -> Result<Vec<FilingSummary>, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::queue(&state).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "filing")]
pub async fn fetch_filing(id: i64) -> Result<FilingView, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::one(&state, id).await)
}

#[server(prefix = "/api", endpoint = "review_filing")]
pub async fn review_filing(op_id: String, filing_id: i64, input: ReviewInput) -> Result<ReviewDone, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::review(&state, &op_id, filing_id, &input).await)
}

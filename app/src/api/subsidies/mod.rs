//! Subsidy applications (补贴申请, plan items 11–13): the operator opens an application for a
//! kind and year, sees the figures the live data gives (computed by the public calculator's
//! function), adds the rent and contract for the rent subsidy, and submits; the health commission
//! returns, approves or refuses (its queue and ledger belong to district steering). Rules are in
//! `domain::subsidy`; every write is applied once by its operation id and audited.

#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::api::policies::LineView;
use crate::domain::calendar::Timestamp;
use crate::domain::policy::PolicyRefusal;
use crate::domain::subsidy::{ApplicationState, ContractVersion, SubsidyFigures, SubsidyKind};
use crate::error::AppError;

/// An application as the operator (and the health commission) sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i64,
    pub facility_id: i64,
    pub kind: SubsidyKind,
    pub year: i32,
    pub state: ApplicationState,
    /// From the live data while the application can be edited, as submitted otherwise.
    pub figures: Option<SubsidyFigures>,
    /// Why the live figures cannot be computed (e.g. more children than filed places).
    pub figures_refusal: Option<PolicyRefusal>,
    /// The calculator's lines of the figures, as the calculator page shows them.
    pub lines: Vec<LineView>,
    /// Rent per m² and month in yuan ("12.50"), as typed.
    pub rent_per_m2_yuan: Option<String>,
    pub housing_supported: bool,
    pub contract: Option<ContractVersion>,
    /// The district's reason for returning or refusing.
    pub decision_reason: Option<String>,
    pub opened_at: Timestamp,
    pub submitted_at: Option<Timestamp>,
    pub decided_at: Option<Timestamp>,
}

/// The operator's subsidy section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorSubsidies {
    pub facility_name: String,
    /// Years an application can be opened for, newest first.
    pub years: Vec<i32>,
    pub applications: Vec<ApplicationView>,
}

#[server(input = GetUrl, prefix = "/api", endpoint = "operator_subsidies")]
pub async fn fetch_operator_subsidies() -> Result<OperatorSubsidies, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::operator_subsidies(&state).await)
}

/// One application: its facility's operator, or the health commission.
#[server(input = GetUrl, prefix = "/api", endpoint = "subsidy_application")]
pub async fn fetch_subsidy_application(application_id: i64) -> Result<ApplicationView, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::application(&state, application_id).await)
}

#[server(prefix = "/api", endpoint = "open_subsidy_application")]
pub async fn open_subsidy_application(op_id: String, kind: String, year: i32) -> Result<i64, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::open(&state, &op_id, &kind, year).await)
}

#[server(prefix = "/api", endpoint = "save_subsidy_rent")]
pub async fn save_subsidy_rent(op_id: String, application_id: i64, rent_per_m2: String, housing_supported: bool) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::save_rent(&state, &op_id, application_id, &rent_per_m2, housing_supported).await)
}

/// Uploads the rent contract (base64 of a PDF, JPEG or PNG of at most 10 MB).
#[server(prefix = "/api", endpoint = "upload_subsidy_contract")]
pub async fn upload_subsidy_contract(op_id: String, application_id: i64, file_name: String, content: String) -> Result<i64, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::upload_contract(&state, &op_id, application_id, &file_name, &content).await)
}

#[server(prefix = "/api", endpoint = "submit_subsidy_application")]
pub async fn submit_subsidy_application(op_id: String, application_id: i64) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::submit(&state, &op_id, application_id).await)
}

/// The health commission's decision: `return`, `approve` or `refuse` (a reason for the first
/// and the last).
#[server(prefix = "/api", endpoint = "decide_subsidy_application")]
pub async fn decide_subsidy_application(op_id: String, application_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::decide(&state, &op_id, application_id, &decision, &reason).await)
}

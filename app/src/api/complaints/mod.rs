//! Complaints (投诉举报马上查): a family files one (signed in or anonymous), tracks it with its
//! code and password or from its account, and gives its verdict on the answer (`family`); the
//! departments handle them and the facility explains itself (`staff`). Functions in `server`
//! modules take the viewer explicitly so `/api/v1`, pages and the offline sync share them.

pub mod family;
pub mod staff;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

pub use crate::domain::complaint::handling::StepInput;
pub use crate::domain::complaint::ComplaintInput;
use crate::error::AppError;

/// A complaint to file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FileComplaintInput {
    /// A UUID the client made for this action; resending it returns the first answer (and,
    /// for an anonymous complaint, the same password).
    #[cfg_attr(feature = "ssr", schema(pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"))]
    pub op_id: String,
    pub complaint: ComplaintInput,
    /// Up to 3 photos (JPEG, PNG or WebP, at most 5 MB each), base64-encoded.
    #[serde(default)]
    pub photos: Vec<String>,
}

/// What filing gives the family.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComplaintFiled {
    /// The tracking code, e.g. `TS-26-7KQ4M2`.
    pub code: String,
    /// Anonymous complaints only: the 6-digit password to look it up, shown once.
    pub password: Option<String>,
    /// The category can mean a child is in danger: call 110 / 120 now.
    pub urgent: bool,
}

/// A tracking code and its password.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrackInput {
    pub code: String,
    pub password: String,
}

/// One entry of a complaint's timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TimelineView {
    /// `filed`, `dispatched`, `accepted`, `extended`, `replied`, `closed`, `verdict`, `reopened`, `merged`
    /// (departments also see `returned`, `asked_facility`, `explained`, `overdue`).
    pub event: String,
    /// Unix seconds.
    pub at: i64,
    pub department: Option<String>,
    pub text: Option<String>,
    /// Dispatches: department codes joined by commas; extensions: working days; closing: the finding.
    pub detail: Option<String>,
}

/// The current step's deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeadlineView {
    /// Unix seconds.
    pub due_at: i64,
    /// Whole working days left after today (0: due today); `null` when overdue.
    pub working_days_left: Option<i64>,
    pub overdue: bool,
    /// The year of the deadline has no official holiday schedule on record: Monday–Friday counted.
    pub weekdays_only: bool,
}

/// A complaint as the asker may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComplaintDetail {
    pub id: i64,
    pub code: String,
    pub kind: String,
    pub category: String,
    pub urgent: bool,
    pub facility_id: Option<i64>,
    pub place_name: String,
    pub place_address: Option<String>,
    /// The point (WGS-84) marked on the map for a place not in the directory; never for operators.
    pub place_lon: Option<f64>,
    pub place_lat: Option<f64>,
    pub occurred_on: String,
    pub description: String,
    /// `pending`, `dispatched`, `accepted`, `replied`, `closed` or `merged`.
    pub state: String,
    pub deadline: Option<DeadlineView>,
    pub filed_at: i64,
    /// The replying department first.
    pub departments: Vec<String>,
    pub reply: Option<String>,
    pub finding: Option<String>,
    pub verdict: Option<String>,
    /// Until when (Unix seconds) the family may give its verdict; `null`: not now.
    pub verdict_open_until: Option<i64>,
    pub anonymous: bool,
    /// Photo numbers (1–3), for departments only.
    pub photos: Vec<i64>,
    pub timeline: Vec<TimelineView>,
}

/// A line of a list of complaints (the family's own, a department's inbox, a facility's).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComplaintLine {
    pub id: i64,
    pub code: String,
    pub kind: String,
    pub category: String,
    pub urgent: bool,
    pub place_name: String,
    pub state: String,
    pub filed_at: i64,
    pub deadline: Option<DeadlineView>,
}

/// The verified complaints on a facility's page: "近 12 个月经核实的投诉 N 件".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VerifiedComplaints {
    pub count: u32,
    /// Each one's category and month (`YYYY-MM`), newest first.
    pub items: Vec<VerifiedComplaintView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VerifiedComplaintView {
    pub category: String,
    pub month: String,
}

/// The family's verdict on the answer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VerdictInput {
    #[cfg_attr(feature = "ssr", schema(pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"))]
    pub op_id: String,
    pub code: String,
    /// Needed unless the signed-in author asks.
    #[serde(default)]
    pub password: String,
    /// `satisfied`, `mostly_satisfied` or `dissatisfied`.
    pub verdict: String,
}

#[server(prefix = "/api", endpoint = "file_complaint")]
pub async fn file_complaint(input: FileComplaintInput) -> Result<ComplaintFiled, AppError> {
    let state = crate::api::state()?;
    let result = async {
        let viewer = crate::auth::viewer::current_viewer(&state).await?;
        family::server::file(&state, viewer.as_ref(), &crate::auth::viewer::request_info().client_ip, input).await
    };
    crate::api::reply(result.await)
}

#[server(prefix = "/api", endpoint = "track_complaint")]
pub async fn track_complaint(input: TrackInput) -> Result<ComplaintDetail, AppError> {
    let state = crate::api::state()?;
    let result = async {
        let viewer = crate::auth::viewer::current_viewer(&state).await?;
        family::server::track(&state, viewer.as_ref(), &crate::auth::viewer::request_info().client_ip, &input).await
    };
    crate::api::reply(result.await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "my_complaints")]
pub async fn fetch_my_complaints() -> Result<Vec<ComplaintLine>, AppError> {
    let state = crate::api::state()?;
    let result = async { family::server::mine(&state, &crate::auth::viewer::require_viewer(&state).await?).await };
    crate::api::reply(result.await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "my_complaint")]
pub async fn fetch_my_complaint(id: i64) -> Result<ComplaintDetail, AppError> {
    let state = crate::api::state()?;
    let result = async { family::server::own(&state, &crate::auth::viewer::require_viewer(&state).await?, id).await };
    crate::api::reply(result.await)
}

#[server(prefix = "/api", endpoint = "complaint_verdict")]
pub async fn give_complaint_verdict(input: VerdictInput) -> Result<ComplaintDetail, AppError> {
    let state = crate::api::state()?;
    let result = async {
        let viewer = crate::auth::viewer::current_viewer(&state).await?;
        family::server::verdict(&state, viewer.as_ref(), &crate::auth::viewer::request_info().client_ip, &input).await
    };
    crate::api::reply(result.await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "verified_complaints")]
pub async fn fetch_verified_complaints(facility_id: i64) -> Result<VerifiedComplaints, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(family::server::verified(&state, facility_id).await)
}

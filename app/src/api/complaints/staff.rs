//! The departments' side (inbox, a complaint in full, each handling step, its photos) and the
//! operator's (complaints about its facility without who filed them, and its explanation).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::{ComplaintDetail, ComplaintLine, StepInput};
use crate::error::AppError;

#[server(input = GetUrl, prefix = "/api", endpoint = "complaint_inbox")]
pub async fn fetch_complaint_inbox(page: u32) -> Result<Vec<ComplaintLine>, AppError> {
    let state = crate::api::state()?;
    let result = async { server::inbox(&state, &crate::auth::viewer::require_viewer(&state).await?, page).await };
    crate::api::reply(result.await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "staff_complaint")]
pub async fn fetch_staff_complaint(id: i64) -> Result<ComplaintDetail, AppError> {
    let state = crate::api::state()?;
    let result = async { server::complaint(&state, &crate::auth::viewer::require_viewer(&state).await?, id).await };
    crate::api::reply(result.await)
}

#[server(prefix = "/api", endpoint = "complaint_step")]
pub async fn take_complaint_step(op_id: String, id: i64, step: StepInput) -> Result<ComplaintDetail, AppError> {
    let state = crate::api::state()?;
    let result = async { server::step(&state, &crate::auth::viewer::require_viewer(&state).await?, &op_id, id, &step).await };
    crate::api::reply(result.await)
}

#[server(prefix = "/api", endpoint = "explain_complaint")]
pub async fn explain_complaint(op_id: String, id: i64, text: String) -> Result<ComplaintDetail, AppError> {
    let state = crate::api::state()?;
    let result = async { server::explain(&state, &crate::auth::viewer::require_viewer(&state).await?, &op_id, id, &text).await };
    crate::api::reply(result.await)
}

/// A notice to the supervisor's department about a complaint.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DepartmentNoticeView {
    pub id: i64,
    /// `complaint.overdue` or `complaint.reopened`.
    pub kind: String,
    pub complaint_id: i64,
    pub code: String,
    pub category: String,
    pub urgent: bool,
    pub created_at: i64,
    pub unread: bool,
}

/// The supervisor's department's latest notices (late steps, reopenings), newest first.
#[server(input = GetUrl, prefix = "/api", endpoint = "department_notices")]
pub async fn fetch_department_notices() -> Result<Vec<DepartmentNoticeView>, AppError> {
    let state = crate::api::state()?;
    let result = async { server::notices(&state, &crate::auth::viewer::require_viewer(&state).await?).await };
    crate::api::reply(result.await)
}

/// Marks the department's notices up to `up_to` read.
#[server(prefix = "/api", endpoint = "read_department_notices")]
pub async fn read_department_notices(up_to: i64) -> Result<(), AppError> {
    let state = crate::api::state()?;
    let result = async {
        let viewer = crate::auth::viewer::require_viewer(&state).await?;
        let department = server::department_of(&viewer)?;
        state.store.mark_department_notices_read(department, up_to, state.clock.now()).await?;
        Ok(())
    };
    crate::api::reply(result.await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::api::complaints::family::server::{detail, line};
    use crate::api::operation;
    use crate::domain::account::roles::{Department, Role, Viewer};
    use crate::domain::complaint::handling_text;
    use crate::domain::complaint::routing::LEAD_DEPARTMENT;
    use crate::state::AppState;
    use crate::store::complaints::{Audience, ComplaintAccess, HandlingOutcome, StaffActor};

    const PER_PAGE: u32 = 50;

    /// The latest 50 notices of the supervisor's department; anyone else: not found.
    pub async fn notices(state: &AppState, viewer: &Viewer) -> Result<Vec<DepartmentNoticeView>, AppError> {
        let department = department_of(viewer)?;
        Ok(state
            .store
            .department_notices(department, 50)
            .await?
            .into_iter()
            .map(|n| DepartmentNoticeView {
                id: n.id,
                kind: n.kind,
                complaint_id: n.complaint_id,
                code: n.code,
                category: n.category,
                urgent: n.urgent,
                created_at: n.created_at,
                unread: n.read_at.is_none(),
            })
            .collect())
    }

    pub(crate) fn department_of(viewer: &Viewer) -> Result<Department, AppError> {
        match viewer.role {
            Role::Supervisor { department } => Ok(department),
            _ => Err(AppError::NotFound),
        }
    }

    /// How the viewer may see this complaint, if at all: its departments and the lead department
    /// fully, its facility's operator without the author. Anyone else: not found.
    fn audience(viewer: &Viewer, access: &ComplaintAccess) -> Option<Audience> {
        match viewer.role {
            Role::Supervisor { department } if department == LEAD_DEPARTMENT || access.departments.contains(&department) => Some(Audience::Department),
            Role::Operator { facility_id } if access.facility_id == Some(facility_id) => Some(Audience::Operator),
            _ => None,
        }
    }

    pub async fn inbox(state: &AppState, viewer: &Viewer, page: u32) -> Result<Vec<ComplaintLine>, AppError> {
        if !(1..=1_000).contains(&page) {
            return Err(AppError::bad_input("page"));
        }
        let now = state.clock.now();
        let items = match viewer.role {
            Role::Supervisor { department } => {
                state.store.complaint_inbox(department, department == LEAD_DEPARTMENT, PER_PAGE, (page - 1) * PER_PAGE).await?
            }
            Role::Operator { facility_id } => state.store.complaints_about_facility(facility_id).await?,
            _ => return Err(AppError::NotFound),
        };
        Ok(items.into_iter().map(|item| line(item, now)).collect())
    }

    pub async fn complaint(state: &AppState, viewer: &Viewer, complaint_id: i64) -> Result<ComplaintDetail, AppError> {
        let access = state.store.complaint_access(complaint_id).await?.ok_or(AppError::NotFound)?;
        let audience = audience(viewer, &access).ok_or(AppError::NotFound)?;
        let view = state.store.complaint_view(complaint_id, audience).await?.ok_or(AppError::NotFound)?;
        Ok(detail(view, audience, state.clock.now()))
    }

    fn outcome(result: HandlingOutcome) -> Result<(), AppError> {
        match result {
            HandlingOutcome::Done { .. } => Ok(()),
            HandlingOutcome::Refused(refusal) => Err(AppError::refused(refusal)),
            HandlingOutcome::NotFound => Err(AppError::NotFound),
        }
    }

    pub async fn step(state: &AppState, viewer: &Viewer, op_id: &str, complaint_id: i64, input: &StepInput) -> Result<ComplaintDetail, AppError> {
        let department = department_of(viewer)?;
        let step = input.validate().map_err(AppError::refused)?;
        let operation = operation(op_id, viewer, "complaint.step", &(complaint_id, input))?;
        let actor = StaffActor { account_id: viewer.account_id, department };
        outcome(state.store.complaint_step(&operation, actor, complaint_id, &step, &state.complaint_limits, state.clock.now()).await?)?;
        complaint(state, viewer, complaint_id).await
    }

    pub async fn explain(state: &AppState, viewer: &Viewer, op_id: &str, complaint_id: i64, text: &str) -> Result<ComplaintDetail, AppError> {
        let Role::Operator { facility_id } = viewer.role else { return Err(AppError::NotFound) };
        let text = handling_text(text).map_err(AppError::refused)?;
        let operation = operation(op_id, viewer, "complaint.explain", &(complaint_id, &text))?;
        outcome(state.store.explain_complaint(&operation, facility_id, viewer.account_id, complaint_id, &text, state.clock.now()).await?)?;
        complaint(state, viewer, complaint_id).await
    }

    /// One photo of a complaint, for its departments only.
    pub async fn photo(state: &AppState, viewer: &Viewer, complaint_id: i64, position: i64) -> Result<(String, Vec<u8>), AppError> {
        let access = state.store.complaint_access(complaint_id).await?.ok_or(AppError::NotFound)?;
        if audience(viewer, &access) != Some(Audience::Department) {
            return Err(AppError::NotFound);
        }
        state.store.complaint_photo(complaint_id, position).await?.ok_or(AppError::NotFound)
    }
}

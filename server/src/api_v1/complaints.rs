//! `/api/v1` for complaints: filing (signed in or anonymous), looking up with code and
//! password, the family's verdict and its own list, the verified count on a facility's page;
//! and for staff the inbox, a complaint in full, each handling step, its photos, and the
//! operator's explanation. Every write carries its `op_id` and is applied once.

use app::api::complaints::{ComplaintDetail, ComplaintFiled, ComplaintLine, FileComplaintInput, StepInput, TrackInput, VerdictInput, VerifiedComplaints};
use app::auth::viewer::ClientIp;
use app::domain::account::roles::Viewer;
use app::error::AppError;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{locale, viewer, ApiError, Body, Params, PathId, Reply};

/// The signed-in person, or nobody (anonymous filing and lookups).
async fn maybe_viewer(state: &AppState, headers: &HeaderMap) -> Result<Option<Viewer>, AppError> {
    match viewer(state, headers).await {
        Ok(viewer) => Ok(Some(viewer)),
        Err(AppError::Unauthenticated) => Ok(None),
        Err(other) => Err(other),
    }
}

fn address(client_ip: &Option<Extension<ClientIp>>) -> String {
    client_ip.as_ref().map(|Extension(ip)| ip.0.clone()).unwrap_or_else(|| "unknown".into())
}

#[derive(Deserialize)]
pub(crate) struct InboxPage {
    page: Option<u32>,
}

/// A department's step on a complaint.
#[derive(Deserialize, ToSchema)]
pub(crate) struct StepRequest {
    #[schema(pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    op_id: String,
    step: StepInput,
}

/// The facility's explanation to the department.
#[derive(Deserialize, ToSchema)]
pub(crate) struct ExplainRequest {
    #[schema(pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    op_id: String,
    text: String,
}

/// Files a complaint, report or suggestion about a facility or about a place not in the
/// directory, signed in or anonymously. It goes at once to the departments its category is
/// routed to. Anonymous complaints get a 6-digit password, shown once, to look them up.
/// Photos are re-encoded: no metadata is kept. Five a day per account and per address.
#[utoipa::path(
    post,
    path = "/api/v1/complaints",
    request_body = FileComplaintInput,
    responses((status = 200, body = ComplaintFiled), (status = 400, body = ApiError, description = "Malformed request"), (status = 403, body = ApiError, description = "A staff account"), (status = 409, body = ApiError, description = "Operation id reused for another request"), (status = 413, description = "Request larger than 24 MB"), (status = 422, body = ApiError, description = "Refused by a rule (text, category, place, date, photos), or unusable input"), (status = 429, body = ApiError, description = "Five complaints today already"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again"))
)]
pub(crate) async fn file(State(state): State<AppState>, headers: HeaderMap, client_ip: Option<Extension<ClientIp>>, Body(input): Body<FileComplaintInput>) -> Reply<ComplaintFiled> {
    let result = match maybe_viewer(&state, &headers).await {
        Ok(viewer) => app::api::complaints::family::server::file(&state, viewer.as_ref(), &address(&client_ip), input).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// Looks a complaint up by its tracking code and password ("马上查"): its progress, the deadline
/// of its current step and the answer. A wrong code and a wrong password get the same answer;
/// five wrong passwords per code in ten minutes, then wait.
#[utoipa::path(
    post,
    path = "/api/v1/complaints/track",
    request_body = TrackInput,
    responses((status = 200, body = ComplaintDetail), (status = 400, body = ApiError, description = "Malformed request"), (status = 422, body = ApiError, description = "Code and password do not match a complaint"), (status = 429, body = ApiError, description = "Too many tries; wait"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again"))
)]
pub(crate) async fn track(State(state): State<AppState>, headers: HeaderMap, client_ip: Option<Extension<ClientIp>>, Body(input): Body<TrackInput>) -> Reply<ComplaintDetail> {
    let result = match maybe_viewer(&state, &headers).await {
        Ok(viewer) => app::api::complaints::family::server::track(&state, viewer.as_ref(), &address(&client_ip), &input).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// The family's verdict on the answer, within 7 days of it: 满意, 基本满意 or 不满意 (which
/// reopens the complaint to the lead department, once).
#[utoipa::path(
    post,
    path = "/api/v1/complaints/verdict",
    request_body = VerdictInput,
    responses((status = 200, body = ComplaintDetail), (status = 400, body = ApiError, description = "Malformed request"), (status = 404, body = ApiError, description = "Unknown complaint"), (status = 409, body = ApiError, description = "Operation id reused for another request"), (status = 422, body = ApiError, description = "Refused (no answer yet, given already, too late), wrong code or password, or unusable input"), (status = 429, body = ApiError, description = "Too many tries; wait"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again"))
)]
pub(crate) async fn verdict(State(state): State<AppState>, headers: HeaderMap, client_ip: Option<Extension<ClientIp>>, Body(input): Body<VerdictInput>) -> Reply<ComplaintDetail> {
    let result = match maybe_viewer(&state, &headers).await {
        Ok(viewer) => app::api::complaints::family::server::verdict(&state, viewer.as_ref(), &address(&client_ip), &input).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// The signed-in parent's complaints, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/me/complaints",
    responses((status = 200, body = Vec<ComplaintLine>), (status = 401, body = ApiError, description = "Not signed in"), (status = 503, body = ApiError, description = "Database busy or unreachable"))
)]
pub(crate) async fn mine(State(state): State<AppState>, headers: HeaderMap) -> Reply<Vec<ComplaintLine>> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::complaints::family::server::mine(&state, &viewer).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// A facility's complaints closed as substantiated or partly substantiated in the last 12
/// months: category and month only. Nothing else about complaints is public.
#[utoipa::path(
    get,
    path = "/api/v1/facilities/{id}/complaints",
    params(("id" = i64, Path)),
    responses((status = 200, body = VerifiedComplaints), (status = 404, body = ApiError, description = "Malformed id"), (status = 503, body = ApiError, description = "Database busy or unreachable"))
)]
pub(crate) async fn verified(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId) -> Reply<VerifiedComplaints> {
    Reply(app::api::complaints::family::server::verified(&state, id).await, locale(&headers))
}

/// A supervisor's inbox (the lead department's holds every open complaint), the most urgent
/// deadline first, 50 a page; an operator's list of complaints about its facility.
#[utoipa::path(
    get,
    path = "/api/v1/staff/complaints",
    params(("page" = Option<u32>, Query, minimum = 1, maximum = 1000, description = "Page, 1 first")),
    responses((status = 200, body = Vec<ComplaintLine>), (status = 400, body = ApiError, description = "Malformed query"), (status = 401, body = ApiError, description = "Not signed in"), (status = 404, body = ApiError, description = "Not a supervisor or operator"), (status = 422, body = ApiError, description = "Page out of range"), (status = 503, body = ApiError, description = "Database busy or unreachable"))
)]
pub(crate) async fn inbox(State(state): State<AppState>, headers: HeaderMap, Params(query): Params<InboxPage>) -> Reply<Vec<ComplaintLine>> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::complaints::staff::server::inbox(&state, &viewer, query.page.unwrap_or(1)).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// A complaint in full for its departments; for its facility's operator without the author.
#[utoipa::path(
    get,
    path = "/api/v1/staff/complaints/{id}",
    params(("id" = i64, Path)),
    responses((status = 200, body = ComplaintDetail), (status = 401, body = ApiError, description = "Not signed in"), (status = 404, body = ApiError, description = "Unknown, or not yours to see"), (status = 503, body = ApiError, description = "Database busy or unreachable"))
)]
pub(crate) async fn complaint(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId) -> Reply<ComplaintDetail> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::complaints::staff::server::complaint(&state, &viewer, id).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// A department's step: dispatch (lead), accept, return to the lead, merge (lead), ask the
/// facility, extend once, reply, close with a finding.
#[utoipa::path(
    post,
    path = "/api/v1/staff/complaints/{id}/steps",
    params(("id" = i64, Path)),
    request_body = StepRequest,
    responses((status = 200, body = ComplaintDetail), (status = 400, body = ApiError, description = "Malformed request"), (status = 401, body = ApiError, description = "Not signed in"), (status = 403, body = ApiError, description = "A step for another department"), (status = 404, body = ApiError, description = "Unknown, or not yours to handle"), (status = 409, body = ApiError, description = "Operation id reused for another request"), (status = 422, body = ApiError, description = "Not allowed in the current state, or unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again"))
)]
pub(crate) async fn step(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId, Body(input): Body<StepRequest>) -> Reply<ComplaintDetail> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::complaints::staff::server::step(&state, &viewer, &input.op_id, id, &input.step).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// The facility's operator explains itself to the department (its own facility's complaints).
#[utoipa::path(
    post,
    path = "/api/v1/staff/complaints/{id}/explain",
    params(("id" = i64, Path)),
    request_body = ExplainRequest,
    responses((status = 200, body = ComplaintDetail), (status = 400, body = ApiError, description = "Malformed request"), (status = 401, body = ApiError, description = "Not signed in"), (status = 404, body = ApiError, description = "Unknown, or not about your facility"), (status = 409, body = ApiError, description = "Operation id reused for another request"), (status = 422, body = ApiError, description = "Closed already, or unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again"))
)]
pub(crate) async fn explain(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId, Body(input): Body<ExplainRequest>) -> Reply<ComplaintDetail> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::complaints::staff::server::explain(&state, &viewer, &input.op_id, id, &input.text).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// One photo of a complaint (1–3), for the departments handling it.
#[utoipa::path(
    get,
    path = "/api/v1/staff/complaints/{id}/photos/{n}",
    params(("id" = i64, Path), ("n" = i64, Path, minimum = 1, maximum = 3)),
    responses((status = 200, content_type = "image/jpeg", description = "The photo (JPEG or PNG)"), (status = 401, body = ApiError, description = "Not signed in"), (status = 404, body = ApiError, description = "Unknown, or not yours to see"), (status = 503, body = ApiError, description = "Database busy or unreachable"))
)]
pub(crate) async fn photo(State(state): State<AppState>, headers: HeaderMap, Path((id, n)): Path<(String, String)>) -> Response {
    let locale = locale(&headers);
    let (Ok(id), Ok(n)) = (id.parse::<i64>(), n.parse::<i64>()) else { return Reply::<()>(Err(AppError::NotFound), locale).into_response() };
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::complaints::staff::server::photo(&state, &viewer, id, n).await,
        Err(e) => Err(e),
    };
    match result {
        Ok((mime, bytes)) => (StatusCode::OK, [(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, "private, no-store".to_string())], bytes).into_response(),
        Err(error) => Reply::<()>(Err(error), locale).into_response(),
    }
}

//! `/api/v1` for policy lookup and the two subsidy calculators. Public and pure: no sign-in,
//! no `op_id`, nothing stored; each answer line names its rule and, when 0, why.

use app::api::policies::{FacilityAnswer, FacilityInput, FamilyAnswer, FamilyInput};
use app::domain::policy::entry::Policy;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{locale, ApiError, Body, Params, Reply};

/// Who a policy is for, as the `audience` filter takes it.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // only describes the parameter in the OpenAPI document
pub(crate) enum AudienceParam {
    Family,
    Facility,
}

#[derive(Deserialize)]
pub(crate) struct PolicyQuery {
    audience: Option<String>,
    q: Option<String>,
}

/// Policies for families or facilities matching the words, families' first.
#[utoipa::path(
    get,
    path = "/api/v1/policies",
    params(
        ("audience" = Option<AudienceParam>, Query, description = "family or facility; none for all"),
        ("q" = Option<String>, Query, description = "Words in Chinese, or pinyin initials (yebt for 育儿补贴); at most 40 characters are used")
    ),
    responses((status = 200, body = Vec<Policy>), (status = 400, body = ApiError, description = "Malformed query"), (status = 422, body = ApiError, description = "Unknown audience"))
)]
pub(crate) async fn policies(headers: HeaderMap, Params(query): Params<PolicyQuery>) -> Reply<Vec<Policy>> {
    // The pages' form sends an empty value for "everyone"; this API takes a value or no parameter.
    if query.audience.as_deref().is_some_and(|a| a.trim().is_empty()) {
        return Reply(Err(app::error::AppError::refused(app::domain::policy::PolicyRefusal::Audience)), locale(&headers));
    }
    Reply(app::api::policies::server::policies(query.audience.as_deref(), query.q.as_deref()), locale(&headers))
}

/// One policy: what it gives, who it is for, conditions, how to apply, sources.
#[utoipa::path(
    get,
    path = "/api/v1/policies/{id}",
    params(("id" = String, Path, description = "The policy's id, e.g. childcare-subsidy")),
    responses((status = 200, body = Policy), (status = 404, body = ApiError, description = "Unknown policy"))
)]
pub(crate) async fn policy(headers: HeaderMap, Path(id): Path<String>) -> Reply<Policy> {
    Reply(app::api::policies::server::policy(&id), locale(&headers))
}

/// The family calculator: childcare subsidy per child and calendar year, hardship aid, the
/// income-tax deduction and, with an income, the tax it saves.
#[utoipa::path(
    post,
    path = "/api/v1/calculators/family",
    request_body = FamilyInput,
    responses((status = 200, body = FamilyAnswer), (status = 400, body = ApiError, description = "Malformed request"), (status = 422, body = ApiError, description = "A field that cannot be used, named in the message"))
)]
pub(crate) async fn family(State(state): State<AppState>, headers: HeaderMap, Body(input): Body<FamilyInput>) -> Reply<FamilyAnswer> {
    Reply(app::api::policies::server::family(&state, &input), locale(&headers))
}

/// The facility calculator: opening grant (two yearly halves), operating subsidy, rent
/// subsidy and model-unit awards, for the first and second year and in total.
#[utoipa::path(
    post,
    path = "/api/v1/calculators/facility",
    request_body = FacilityInput,
    responses((status = 200, body = FacilityAnswer), (status = 400, body = ApiError, description = "Malformed request"), (status = 422, body = ApiError, description = "A field that cannot be used, named in the message"))
)]
pub(crate) async fn facility(headers: HeaderMap, Body(input): Body<FacilityInput>) -> Reply<FacilityAnswer> {
    Reply(app::api::policies::server::facility(&input), locale(&headers))
}

//! `/api/v1` for ratings: a facility's public ratings (paged, with its figures), and a parent's
//! rating, its edits and its withdrawal — each write with its `op_id`, applied once.

use app::api::ratings::{FacilityRatings, RateInput, RatingInput, RatingSaved};
use app::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{locale, viewer, ApiError, Body, OperationInput, Params, PathId, Reply};

#[derive(Deserialize)]
pub(crate) struct RatingsPage {
    page: Option<u32>,
}

/// A change to one's own rating.
#[derive(Deserialize, ToSchema)]
pub(crate) struct RatingEditInput {
    /// A UUID made by the client for this action.
    #[schema(pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    op_id: String,
    rating: RatingInput,
}

/// A facility's published ratings, newest first, 5 a page, with its score (from 3 ratings),
/// per-aspect means and per-star counts. Held texts and hidden ratings never appear.
#[utoipa::path(
    get,
    path = "/api/v1/facilities/{id}/ratings",
    params(("id" = i64, Path), ("page" = Option<u32>, Query, minimum = 1, maximum = 10000, description = "Page, 1 first")),
    responses((status = 200, body = FacilityRatings), (status = 400, body = ApiError, description = "Malformed query"), (status = 404, body = ApiError, description = "Unknown or malformed id"), (status = 422, body = ApiError, description = "Page out of range"), (status = 503, body = ApiError, description = "Database busy or unreachable"))
)]
pub(crate) async fn facility_ratings(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId, Params(query): Params<RatingsPage>) -> Reply<FacilityRatings> {
    Reply(app::api::ratings::server::facility_ratings(&state, id, query.page.unwrap_or(1)).await, locale(&headers))
}

/// Rates a facility for one of the parent's children (who must be or have been enrolled, have
/// used hourly or temporary care, or have visited it). Stars 1–5 for all six aspects; the
/// overall score is computed. Phone and ID numbers in the text are masked; some texts are held
/// for review (`text_held`) while the stars count at once.
#[utoipa::path(
    post,
    path = "/api/v1/ratings",
    request_body = RateInput,
    responses((status = 200, body = RatingSaved), (status = 400, body = ApiError, description = "Malformed request"), (status = 401, body = ApiError, description = "Not signed in"), (status = 403, body = ApiError, description = "No relationship with the facility, or a staff account"), (status = 404, body = ApiError, description = "Unknown facility, or not your child"), (status = 409, body = ApiError, description = "Operation id reused for another request"), (status = 422, body = ApiError, description = "Refused by a rule (stars, text, already rated), or unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again"))
)]
pub(crate) async fn rate(State(state): State<AppState>, headers: HeaderMap, Body(input): Body<RateInput>) -> Reply<RatingSaved> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::ratings::server::rate(&state, &viewer, input).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// Changes one's own rating (once in 30 days); the earlier version is kept in its history.
#[utoipa::path(
    post,
    path = "/api/v1/ratings/{id}/edit",
    params(("id" = i64, Path)),
    request_body = RatingEditInput,
    responses((status = 200, body = RatingSaved), (status = 400, body = ApiError, description = "Malformed request"), (status = 401, body = ApiError, description = "Not signed in"), (status = 403, body = ApiError, description = "Another family's rating, or a staff account"), (status = 404, body = ApiError, description = "Unknown rating"), (status = 409, body = ApiError, description = "Operation id reused for another request"), (status = 422, body = ApiError, description = "Refused by a rule (too soon, withdrawn, stars, text), or unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again"))
)]
pub(crate) async fn edit(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId, Body(input): Body<RatingEditInput>) -> Reply<RatingSaved> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::ratings::server::edit(&state, &viewer, &input.op_id, id, &input.rating).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// Withdraws one's own rating: it no longer shows or counts.
#[utoipa::path(
    post,
    path = "/api/v1/ratings/{id}/withdraw",
    params(("id" = i64, Path)),
    request_body = OperationInput,
    responses((status = 200, description = "Done"), (status = 400, body = ApiError, description = "Malformed request"), (status = 401, body = ApiError, description = "Not signed in"), (status = 403, body = ApiError, description = "Another family's rating, or a staff account"), (status = 404, body = ApiError, description = "Unknown rating"), (status = 409, body = ApiError, description = "Operation id reused for another request"), (status = 422, body = ApiError, description = "Hidden ratings cannot be withdrawn, or unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again"))
)]
pub(crate) async fn withdraw(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId, Body(input): Body<OperationInput>) -> Reply<()> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::ratings::server::withdraw(&state, &viewer, &input.op_id, id).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

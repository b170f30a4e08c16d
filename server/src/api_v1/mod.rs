//! `/api/v1`: a JSON API over the same operations the pages use (facilities, classes and
//! vacancies, slots, place applications and slot bookings), for other clients such as a WeChat
//! mini-program, a partner system or the app's own offline sync. Its OpenAPI document is
//! generated from this code and served at `/api/v1/openapi.json`.
//!
//! Who is asking: the session cookie, or `Authorization: Bearer <session token>` for clients
//! that do not keep cookies. Every write carries the client's operation id (`op_id`, a UUID);
//! sending it again returns the first answer and changes nothing.
//!
//! Errors: the HTTP status of the error, and `{"error": {...code...}, "message": "…"}` with the
//! message in Chinese, or in English when `Accept-Language` or the language cookie asks for it.

use app::api::booking::{ApplyInput, ApplyResult, MyBookings, SlotView};
use app::api::directory::{FacilityDetail, FinderResult};
use app::api::sync::{SyncOperation, SyncOutcome, SyncRequest, SyncResponse, SyncResult};
use app::domain::account::roles::Viewer;
use app::domain::finder::FinderParams;
use app::error::AppError;
use app::i18n::Locale;
use app::state::AppState;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

mod complaints;
mod filings;
mod photos;
mod lessons;
mod policies;
mod ratings;

/// Filing a complaint carries up to three photos of 5 MB, base64-encoded.
const COMPLAINT_BODY_LIMIT: usize = 24 * 1024 * 1024;

/// The routes under `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/facilities/{id}/ratings", get(ratings::facility_ratings))
        .route("/api/v1/ratings", post(ratings::rate))
        .route("/api/v1/ratings/{id}/edit", post(ratings::edit))
        .route("/api/v1/ratings/{id}/withdraw", post(ratings::withdraw))
        .route("/api/v1/complaints", post(complaints::file).layer(axum::extract::DefaultBodyLimit::max(COMPLAINT_BODY_LIMIT)))
        .route("/api/v1/complaints/track", post(complaints::track))
        .route("/api/v1/complaints/verdict", post(complaints::verdict))
        .route("/api/v1/me/complaints", get(complaints::mine))
        .route("/api/v1/facilities/{id}/complaints", get(complaints::verified))
        .route("/api/v1/staff/complaints", get(complaints::inbox))
        .route("/api/v1/staff/complaints/{id}", get(complaints::complaint))
        .route("/api/v1/staff/complaints/{id}/steps", post(complaints::step))
        .route("/api/v1/staff/complaints/{id}/explain", post(complaints::explain))
        .route("/api/v1/staff/complaints/{id}/photos/{n}", get(complaints::photo))
        .route("/api/v1/filings/{id}/materials/{item}/{version}", get(filings::material))
        .route("/api/v1/photos/{id}/{size}", get(photos::photo))
        .route("/api/v1/lessons", get(lessons::lessons))
        .route("/api/v1/lessons/progress", post(lessons::progress))
        .route("/api/v1/lessons/{id}", get(lessons::lesson))
        .route("/api/v1/policies", get(policies::policies))
        .route("/api/v1/policies/{id}", get(policies::policy))
        .route("/api/v1/calculators/family", post(policies::family))
        .route("/api/v1/calculators/facility", post(policies::facility))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/facilities", get(find_facilities))
        .route("/api/v1/facilities/{id}", get(facility))
        .route("/api/v1/facilities/{id}/slots", get(facility_slots))
        .route("/api/v1/me/bookings", get(my_bookings))
        .route("/api/v1/applications", post(apply))
        .route("/api/v1/applications/{id}/cancel", post(cancel_application))
        .route("/api/v1/applications/{id}/renew", post(renew_application))
        .route("/api/v1/slots/{id}/bookings", post(book_slot))
        .route("/api/v1/slot-bookings/{id}/cancel", post(cancel_slot_booking))
        .route("/api/v1/sync", post(sync))
}

#[derive(OpenApi)]
#[openapi(
    info(title = "渝北托育 API", version = "1", description = "Facilities, vacancies, bookings, ratings, complaints, parenting lessons, policies and subsidy calculators of the Yubei childcare platform."),
    paths(
        find_facilities, facility, facility_slots, my_bookings, apply, cancel_application, renew_application, book_slot, cancel_slot_booking, sync,
        ratings::facility_ratings, ratings::rate, ratings::edit, ratings::withdraw,
        complaints::file, complaints::track, complaints::verdict, complaints::mine, complaints::verified, complaints::inbox, complaints::complaint,
        complaints::step, complaints::explain, complaints::photo, filings::material, photos::photo, lessons::lessons, lessons::lesson, lessons::progress,
        policies::policies, policies::policy, policies::family, policies::facility
    ),
    components(schemas(
        ApplyInput, ApplyResult, MyBookings, SlotView, FinderResult, FacilityDetail, OperationInput, SlotBookingInput, BookedSlot, ApiError, SyncRequest,
        SyncOperation, SyncResponse, SyncResult, SyncOutcome, ratings::RatingEditInput, complaints::StepRequest, complaints::ExplainRequest, lessons::TopicParam,
        policies::AudienceParam
    ))
)]
struct ApiDoc;

async fn openapi() -> Response {
    match ApiDoc::openapi().to_json() {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot write the OpenAPI document");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// An error as the API answers it.
#[derive(Serialize, ToSchema)]
pub(crate) struct ApiError {
    /// The error's code and details, e.g. `{"code": "refused", "detail": {"reason": "slot_full"}}`.
    #[schema(value_type = Object)]
    error: AppError,
    /// A sentence for people, in the request's language.
    message: String,
}

/// An answer: JSON on success, the error with its status and words otherwise.
pub(crate) struct Reply<T>(pub Result<T, AppError>, pub Locale);

impl<T: Serialize> IntoResponse for Reply<T> {
    fn into_response(self) -> Response {
        match self.0 {
            Ok(body) => Json(body).into_response(),
            Err(error) => {
                let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let message = app::labels::error_message(self.1, &error);
                (status, Json(ApiError { error, message })).into_response()
            }
        }
    }
}

/// The language of the answer: the language cookie first, then `Accept-Language`; Chinese by default.
pub(crate) fn locale(headers: &HeaderMap) -> Locale {
    let cookies = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join("; ");
    if let Some(chosen) = app::auth::session::read_cookie(&cookies, "i18n_pref_locale") {
        return if chosen.starts_with("en") { Locale::en } else { Locale::zh_CN };
    }
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    match accept.split(',').next().map(str::trim) {
        Some(first) if first.to_ascii_lowercase().starts_with("en") => Locale::en,
        _ => Locale::zh_CN,
    }
}

/// The signed-in parent: from the session cookie or a bearer token.
pub(crate) async fn viewer(state: &AppState, headers: &HeaderMap) -> Result<Viewer, AppError> {
    let mut cookies = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join("; ");
    if let Some(token) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")) {
        cookies = format!("{}={}", state.auth.cookies.session_name(), token.trim());
    }
    app::auth::viewer::viewer_from_cookies(state, &cookies).await?.ok_or(AppError::Unauthenticated)
}

/// A JSON body that answers a malformed body with our error shape instead of axum's text.
pub(crate) struct Body<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let locale = locale(request.headers());
        let bad_request = || Reply::<()>(Err(AppError::BadRequest), locale).into_response();
        let Ok(Json(mut value)) = Json::<serde_json::Value>::from_request(request, state).await else {
            return Err(bad_request());
        };
        integral_numbers(&mut value);
        serde_json::from_value(value).map(Body).map_err(|_| bad_request())
    }
}

/// JSON does not tell `3` from `3.0`: a whole number written with a fraction is taken as the
/// integer it is, so that an id sent as `311.0` is the id 311 rather than a malformed request.
fn integral_numbers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(number) if number.is_f64() => {
            if let Some(float) = number.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15) {
                *value = serde_json::Value::from(float as i64);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_numbers),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(integral_numbers),
        _ => {}
    }
}

/// A numeric id in the path. An id that is not a number names nothing: 404 with our error
/// body (as an unknown id), never axum's plain-text 400.
pub(crate) struct PathId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let locale = locale(&parts.headers);
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(text)) => text.trim().parse::<i64>().map(PathId).map_err(|_| Reply::<()>(Err(AppError::NotFound), locale).into_response()),
            Err(_) => Err(Reply::<()>(Err(AppError::NotFound), locale).into_response()),
        }
    }
}

/// Query parameters that answer a malformed query with our error body (400), not axum's text.
pub(crate) struct Params<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let locale = locale(&parts.headers);
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Params(value)),
            Err(_) => Err(Reply::<()>(Err(AppError::BadRequest), locale).into_response()),
        }
    }
}

/// A write that names only its operation id.
#[derive(Deserialize, ToSchema)]
pub(crate) struct OperationInput {
    /// A UUID made by the client for this action.
    #[schema(pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    pub op_id: String,
}

#[derive(Deserialize, ToSchema)]
struct SlotBookingInput {
    /// A UUID made by the client for this action.
    #[schema(pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    op_id: String,
    child_id: i64,
}

#[derive(Serialize, ToSchema)]
struct BookedSlot {
    booking_id: i64,
}

/// Finds facilities: the same filters as the finder page (`q`, `street`, `birth`, `start`,
/// `service`, `inclusive`, `vacant`, `grade`, `kind`, `fee_min`, `fee_max`, `near`, `within`,
/// `sort`, `view`, `page`).
#[utoipa::path(get, path = "/api/v1/facilities", responses((status = 200, body = FinderResult), (status = 400, body = ApiError, description = "Malformed query"), (status = 422, body = ApiError, description = "Unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable")))]
async fn find_facilities(State(state): State<AppState>, headers: HeaderMap, Params(params): Params<FinderParams>) -> Reply<FinderResult> {
    Reply(app::api::directory::server::find(&state, &params).await, locale(&headers))
}

/// One facility with its classes and their honest vacancies.
#[utoipa::path(get, path = "/api/v1/facilities/{id}", params(("id" = i64, Path)), responses((status = 200, body = FacilityDetail), (status = 404, body = ApiError, description = "Unknown or malformed id"), (status = 503, body = ApiError, description = "Database busy or unreachable")))]
async fn facility(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId) -> Reply<FacilityDetail> {
    Reply(app::api::directory::server::detail(&state, &id.to_string()).await, locale(&headers))
}

/// Upcoming visit, hourly and temporary care slots of a facility with their free places.
#[utoipa::path(get, path = "/api/v1/facilities/{id}/slots", params(("id" = i64, Path)), responses((status = 200, body = Vec<SlotView>), (status = 404, body = ApiError, description = "Malformed id"), (status = 503, body = ApiError, description = "Database busy or unreachable")))]
async fn facility_slots(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId) -> Reply<Vec<SlotView>> {
    Reply(app::api::booking::server::slots(&state, id).await, locale(&headers))
}

/// The signed-in family's applications, slot bookings and notices.
#[utoipa::path(get, path = "/api/v1/me/bookings", responses((status = 200, body = MyBookings), (status = 401, body = ApiError, description = "Not signed in"), (status = 503, body = ApiError, description = "Database busy or unreachable")))]
async fn my_bookings(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::booking::server::my_bookings(&state, &viewer).await,
        Err(e) => Err(e),
    };
    let mut response = Reply(result, locale(&headers)).into_response();
    // Personal data: never stored by shared caches.
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("private, no-store"));
    response
}

/// Applies for a place: an offer that holds a place, or a waitlist position.
#[utoipa::path(
    post,
    path = "/api/v1/applications",
    request_body = ApplyInput,
    responses((status = 200, body = ApplyResult), (status = 400, body = ApiError, description = "Malformed request"), (status = 401, body = ApiError, description = "Not signed in"), (status = 404, body = ApiError, description = "Unknown or not yours"), (status = 409, body = ApiError, description = "Operation id reused for another request, or consent needed"), (status = 422, body = ApiError, description = "Refused by a rule, or unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again"))
)]
async fn apply(State(state): State<AppState>, headers: HeaderMap, Body(input): Body<ApplyInput>) -> Reply<ApplyResult> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::booking::server::apply(&state, &viewer, input).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// Cancels an application; a held place goes to the next child on the waitlist.
#[utoipa::path(post, path = "/api/v1/applications/{id}/cancel", params(("id" = i64, Path)), request_body = OperationInput, responses((status = 200, description = "Done"), (status = 400, body = ApiError, description = "Malformed request"), (status = 401, body = ApiError, description = "Not signed in"), (status = 404, body = ApiError, description = "Unknown or not yours"), (status = 409, body = ApiError, description = "Operation id reused for another request, or consent needed"), (status = 422, body = ApiError, description = "Refused by a rule, or unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again")))]
async fn cancel_application(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId, Body(input): Body<OperationInput>) -> Reply<()> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::booking::server::family_change(&state, &viewer, &input.op_id, id, false).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// Renews a waitlist entry for another 90 days.
#[utoipa::path(post, path = "/api/v1/applications/{id}/renew", params(("id" = i64, Path)), request_body = OperationInput, responses((status = 200, description = "Done"), (status = 400, body = ApiError, description = "Malformed request"), (status = 401, body = ApiError, description = "Not signed in"), (status = 404, body = ApiError, description = "Unknown or not yours"), (status = 409, body = ApiError, description = "Operation id reused for another request, or consent needed"), (status = 422, body = ApiError, description = "Refused by a rule, or unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again")))]
async fn renew_application(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId, Body(input): Body<OperationInput>) -> Reply<()> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::booking::server::family_change(&state, &viewer, &input.op_id, id, true).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// Books a place in a visit or care slot for a child.
#[utoipa::path(post, path = "/api/v1/slots/{id}/bookings", params(("id" = i64, Path)), request_body = SlotBookingInput, responses((status = 200, body = BookedSlot), (status = 400, body = ApiError, description = "Malformed request"), (status = 401, body = ApiError, description = "Not signed in"), (status = 404, body = ApiError, description = "Unknown or not yours"), (status = 409, body = ApiError, description = "Operation id reused for another request, or consent needed"), (status = 422, body = ApiError, description = "Refused by a rule, or unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again")))]
async fn book_slot(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId, Body(input): Body<SlotBookingInput>) -> Reply<BookedSlot> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::booking::server::book_slot(&state, &viewer, &input.op_id, id, input.child_id).await.map(|booking_id| BookedSlot { booking_id }),
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// Cancels a slot booking (until two hours before it starts).
#[utoipa::path(post, path = "/api/v1/slot-bookings/{id}/cancel", params(("id" = i64, Path)), request_body = OperationInput, responses((status = 200, description = "Done"), (status = 400, body = ApiError, description = "Malformed request"), (status = 401, body = ApiError, description = "Not signed in"), (status = 404, body = ApiError, description = "Unknown or not yours"), (status = 409, body = ApiError, description = "Operation id reused for another request, or consent needed"), (status = 422, body = ApiError, description = "Refused by a rule, or unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again")))]
async fn cancel_slot_booking(State(state): State<AppState>, headers: HeaderMap, PathId(id): PathId, Body(input): Body<OperationInput>) -> Reply<()> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::booking::server::cancel_slot(&state, &viewer, &input.op_id, id).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

/// The device queue's sync: operations made offline, in order, each applied once (its `op_id`),
/// one result per operation. `version` and each operation's `v` are the wire format's version;
/// an unknown one is refused in words (`client_too_old`) and the rest still syncs.
#[utoipa::path(
    post,
    path = "/api/v1/sync",
    request_body = SyncRequest,
    responses((status = 200, body = SyncResponse), (status = 400, body = ApiError, description = "Malformed request"), (status = 401, body = ApiError, description = "Not signed in"), (status = 404, body = ApiError, description = "Unknown or not yours"), (status = 409, body = ApiError, description = "Operation id reused for another request, or consent needed"), (status = 422, body = ApiError, description = "Refused by a rule, or unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again"))
)]
async fn sync(
    State(state): State<AppState>,
    headers: HeaderMap,
    client_ip: Option<axum::Extension<app::auth::viewer::ClientIp>>,
    Body(request): Body<SyncRequest>,
) -> Response {
    let locale = locale(&headers);
    let client_ip = client_ip.map(|axum::Extension(ip)| ip.0).unwrap_or_else(|| "unknown".into());
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::sync::server::sync(&state, &viewer, &client_ip, request, locale).await,
        Err(e) => Err(e),
    };
    let mut response = Reply(result, locale).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("private, no-store"));
    response
}

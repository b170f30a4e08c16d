//! Photos of facilities' places: a published photo for everyone (cached for a day: a photo never
//! changes, a new one gets a new id, and a removed one should not linger in shared caches); one awaiting the health commission's check only for its
//! facility's operator and the reviewers (anyone else gets "not found").

use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{locale, viewer, ApiError, Reply};
use app::error::AppError;

/// One size of one photo, as a JPEG.
#[utoipa::path(
    get,
    path = "/api/v1/photos/{id}/{size}",
    params(("id" = i64, Path), ("size" = String, Path, description = "phone (at most 720 px) or desktop (at most 1440 px)")),
    responses((status = 200, content_type = "image/jpeg", description = "The photo"), (status = 404, body = ApiError, description = "Unknown, or not public and not yours to see"), (status = 503, body = ApiError, description = "Database busy or unreachable"))
)]
pub(crate) async fn photo(State(state): State<AppState>, headers: HeaderMap, Path((id, size)): Path<(String, String)>) -> Response {
    let locale = locale(&headers);
    let Ok(id) = id.parse::<i64>() else { return Reply::<()>(Err(AppError::NotFound), locale).into_response() };
    // Not signed in is fine here: published photos are public.
    let viewer = viewer(&state, &headers).await.ok();
    match app::api::gallery::server::photo_file(&state, viewer.as_ref(), id, &size).await {
        Ok((bytes, public)) => {
            let cache = if public { "public, max-age=86400" } else { "private, no-store" };
            (StatusCode::OK, [(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, cache)], bytes).into_response()
        }
        Err(error) => Reply::<()>(Err(error), locale).into_response(),
    }
}

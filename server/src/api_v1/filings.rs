//! Filing documents: one stored version of one item of a filing, for the organisation that
//! filed it and the health commission (anyone else gets "not found").

use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{locale, viewer, ApiError, Reply};
use app::error::AppError;

/// One version of a filing document (PDF, JPEG or PNG).
#[utoipa::path(
    get,
    path = "/api/v1/filings/{id}/materials/{item}/{version}",
    params(("id" = i64, Path), ("item" = String, Path, description = "registration_certificate, premises_proof, fire_safety, health_evaluation, food_licence, staff_certificates or commitment"), ("version" = i64, Path, minimum = 1)),
    responses((status = 200, content_type = "application/pdf", description = "The file as uploaded"), (status = 401, body = ApiError, description = "Not signed in"), (status = 404, body = ApiError, description = "Unknown, or not yours to see"), (status = 503, body = ApiError, description = "Database busy or unreachable"))
)]
pub(crate) async fn material(State(state): State<AppState>, headers: HeaderMap, Path((id, item, version)): Path<(String, String, String)>) -> Response {
    let locale = locale(&headers);
    let (Ok(id), Ok(version)) = (id.parse::<i64>(), version.parse::<i64>()) else { return Reply::<()>(Err(AppError::NotFound), locale).into_response() };
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::filing::server::material(&state, &viewer, id, &item, version).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(file) => {
            // Shown in the browser where it can be (PDF viewer, image), saved under its name otherwise;
            // the name is percent-encoded (RFC 6266), so no header can be broken by it.
            let encoded: String = file.file_name.bytes().map(|b| if b.is_ascii_alphanumeric() || b".-_".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
            let disposition = HeaderValue::from_str(&format!("inline; filename*=UTF-8''{encoded}")).unwrap_or(HeaderValue::from_static("inline"));
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static(file.mime.code())),
                    (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
                ],
                file.bytes,
            )
                .into_response()
        }
        Err(error) => Reply::<()>(Err(error), locale).into_response(),
    }
}

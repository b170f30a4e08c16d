//! The HTTP surface: Leptos pages and server functions, static files, `/healthz`, and the
//! layers every response passes through.

use std::time::Duration;

use app::app::{shell, App};
use app::state::AppState;
use axum::extract::State;
use axum::http::{HeaderName, Request, StatusCode};
use axum::response::{IntoResponse, Json};
use axum::routing::get;
use axum::Router;

use crate::security::SecuritySettings;
use std::sync::OnceLock;

use leptos_axum::{file_and_error_handler, generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// Requests slower than this are logged as warnings.
const SLOW_REQUEST: Duration = Duration::from_secs(2);

/// The application's routes, generated once per process. Generating them runs the app with
/// resource loading suppressed through a process-wide flag (leptos_server's
/// `SuppressResourceLoad`); a page rendering in another server of the same process at that
/// moment would wait forever for its data (leptos issue #4773). One generation, before any
/// request, avoids that.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Requests that carry files (a filing document or rent contract of up to 10 MB, or three complaint photos of
/// up to 5 MB, base64-encoded in a form) may be this large…
const LARGE_BODY_LIMIT: usize = 24 * 1024 * 1024;
/// …every other request at most this (axum's own default).
const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// The server functions that carry files.
const LARGE_BODY_PATHS: [&str; 4] = ["/api/upload_filing_material", "/api/upload_subsidy_contract", "/api/upload_facility_photo", "/api/file_complaint"];

/// Refuses a request whose declared size is above its path's limit before its body is read (413),
/// and cuts a body sent without a declared size (chunked) at the same limit: reading further
/// fails, so no path but the file uploads ever reads more than `BODY_LIMIT`.
async fn body_limits(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let limit = if LARGE_BODY_PATHS.contains(&request.uri().path()) { LARGE_BODY_LIMIT } else { BODY_LIMIT };
    let declared = request.headers().get(axum::http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|size| size > limit) {
        return too_large();
    }
    use http_body_util::BodyExt;
    use std::sync::atomic::{AtomicBool, Ordering};
    // Set when the handler's read went past the limit: its answer (a failed read) becomes 413.
    let cut = std::sync::Arc::new(AtomicBool::new(false));
    let flag = cut.clone();
    let (parts, body) = request.into_parts();
    let limited = http_body_util::Limited::new(body, limit).map_err(move |error| {
        if error.is::<http_body_util::LengthLimitError>() {
            flag.store(true, Ordering::Relaxed);
        }
        error
    });
    let response = next.run(axum::extract::Request::from_parts(parts, axum::body::Body::new(limited))).await;
    if cut.load(Ordering::Relaxed) { too_large() } else { response }
}

fn too_large() -> axum::response::Response {
    let body = serde_json::json!({ "code": "bad_request" }).to_string();
    (StatusCode::PAYLOAD_TOO_LARGE, [(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The whole application router over `state`.
pub fn build(state: AppState, security: SecuritySettings) -> Router {
    let routes = routes();
    let leptos_options = state.leptos_options.clone();
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/sw.js", get(service_worker))
        .merge(crate::api_v1::routes());
    if state.auth.dev_tools {
        router = router.route("/dev/inbox", get(dev_inbox)).route("/dev/totp", get(dev_totp));
    }
    router
        .leptos_routes_with_context(&state, routes, || (), move || shell(leptos_options.clone()))
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(body_limits))
        .layer(axum::extract::DefaultBodyLimit::max(LARGE_BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(security, crate::security::layer))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(30)))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    let request_id = request.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %request_id)
                })
                .on_response(|response: &axum::http::Response<_>, latency: Duration, _span: &tracing::Span| {
                    if latency > SLOW_REQUEST {
                        tracing::warn!(status = response.status().as_u16(), latency_ms = latency.as_millis() as u64, "slow request");
                    } else {
                        tracing::debug!(status = response.status().as_u16(), latency_ms = latency.as_millis() as u64, "response");
                    }
                }),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state)
}

/// The service worker: its code with the version of the built client files and the list of
/// files it keeps (every family page's code, see `client_files`). The version changes with every
/// build (names, sizes and times of the `/pkg` files), so browsers install the new worker, which
/// replaces the old caches.
async fn service_worker(State(state): State<AppState>) -> impl IntoResponse {
    use std::hash::{Hash, Hasher};
    let pkg_dir = std::path::Path::new(&*state.leptos_options.site_root).join(&*state.leptos_options.site_pkg_dir);
    let files = crate::client_files::list(&pkg_dir);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    files.hash(&mut hasher);
    let version = format!("{:016x}", hasher.finish());
    let mut shell: Vec<String> = crate::client_files::for_families(&pkg_dir, &files)
        .iter()
        .map(|file| format!("/{}/{}", state.leptos_options.site_pkg_dir, file.name))
        .collect();
    shell.extend(["/favicon.svg", "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png", "/offline.html", "/offline.js"].map(String::from));
    let body = format!(
        "const VERSION = {};\nconst SHELL = {};\n{}",
        serde_json::Value::String(version),
        serde_json::to_string(&shell).unwrap_or_else(|_| "[]".into()),
        include_str!("service_worker.js")
    );
    (
        [(axum::http::header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (axum::http::header::CACHE_CONTROL, "no-cache")],
        body,
    )
}

/// Liveness and readiness: answers 200 only when the database answers.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let backend = match state.store.backend() {
        app::store::Backend::Sqlite => "sqlite",
        app::store::Backend::Postgres => "postgres",
    };
    match state.store.db().ping().await {
        Ok(()) => (StatusCode::OK, Json(serde_json::json!({ "status": "ok", "database": backend }))),
        Err(error) => {
            tracing::warn!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "status": "unavailable", "database": backend })))
        }
    }
}

#[derive(serde::Deserialize)]
struct InboxQuery {
    phone: String,
}

/// Development only: the last text message "sent" to a phone, and the code in it. Tests and
/// demos sign in with it; production does not have this route.
async fn dev_inbox(State(state): State<AppState>, axum::extract::Query(query): axum::extract::Query<InboxQuery>) -> impl IntoResponse {
    let Ok(phone) = app::domain::account::phone::PhoneNumber::parse(&query.phone) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, Json(serde_json::json!({ "code": "bad_input" })));
    };
    match state.store.dev_inbox_latest(phone.as_str()).await {
        Ok(Some(message)) => {
            let code: String = message.chars().filter(|c| c.is_ascii_digit()).take(6).collect();
            (StatusCode::OK, Json(serde_json::json!({ "message": message, "code": code })))
        }
        Ok(None) => (StatusCode::NOT_FOUND, Json(serde_json::json!({ "code": "not_found" }))),
        Err(error) => {
            tracing::error!(%error, "development inbox");
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "code": "unavailable" })))
        }
    }
}

#[derive(serde::Deserialize)]
struct TotpQuery {
    username: String,
}

/// Development only: the current second-factor code of a *demo* staff account.
async fn dev_totp(State(state): State<AppState>, axum::extract::Query(query): axum::extract::Query<TotpQuery>) -> impl IntoResponse {
    let account = state.store.staff_by_username(&query.username).await.ok().flatten();
    match account.filter(|a| a.is_demo).and_then(|a| a.totp_secret) {
        Some(secret) => {
            let code = app::auth::totp::current_code(&secret, state.clock.now().0).unwrap_or_default();
            (StatusCode::OK, Json(serde_json::json!({ "code": code })))
        }
        None => (StatusCode::NOT_FOUND, Json(serde_json::json!({ "code": "not_found" }))),
    }
}

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
use leptos_axum::{file_and_error_handler, generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// Requests slower than this are logged as warnings.
const SLOW_REQUEST: Duration = Duration::from_secs(2);

/// The whole application router over `state`.
pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let leptos_options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .leptos_routes_with_context(&state, routes, || (), move || shell(leptos_options.clone()))
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .layer(CompressionLayer::new())
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

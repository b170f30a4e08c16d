//! Who is asking: the request's session cookie → the signed-in account. Every server function
//! that touches personal data starts here.

use leptos::prelude::use_context;

use super::secrets::sha256_hex;
use super::session::read_cookie;
use crate::domain::account::roles::Viewer;
use crate::error::AppError;
use crate::state::AppState;

/// The client's address as the server determined it (peer address, or the trusted proxy's
/// header when configured). Put into request extensions by the server's middleware.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientIp(pub String);

/// What server functions need from the request.
#[derive(Clone, Debug, Default)]
pub struct RequestInfo {
    pub cookie_header: String,
    pub client_ip: String,
}

/// Reads the current request (provided as context by the Leptos integration).
pub fn request_info() -> RequestInfo {
    let Some(parts) = use_context::<axum::http::request::Parts>() else {
        return RequestInfo { cookie_header: String::new(), client_ip: "unknown".into() };
    };
    let cookie_header = parts
        .headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join("; ");
    let client_ip = parts.extensions.get::<ClientIp>().map(|ip| ip.0.clone()).unwrap_or_else(|| "unknown".into());
    RequestInfo { cookie_header, client_ip }
}

/// The session token from the request's cookies, if any.
pub fn session_token(state: &AppState) -> Option<String> {
    read_cookie(&request_info().cookie_header, state.auth.cookies.session_name()).map(str::to_string)
}

/// The signed-in person, or `None`.
pub async fn current_viewer(state: &AppState) -> Result<Option<Viewer>, AppError> {
    viewer_from_cookies(state, &request_info().cookie_header).await
}

/// The person a `Cookie` header's session belongs to (for handlers outside Leptos).
pub async fn viewer_from_cookies(state: &AppState, cookie_header: &str) -> Result<Option<Viewer>, AppError> {
    let Some(token) = read_cookie(cookie_header, state.auth.cookies.session_name()) else {
        return Ok(None);
    };
    let account = state.store.session_account(&sha256_hex(token), state.clock.now()).await?;
    Ok(account.map(|a| a.viewer()).transpose()?)
}

/// The signed-in person, or "please sign in".
pub async fn require_viewer(state: &AppState) -> Result<Viewer, AppError> {
    current_viewer(state).await?.ok_or(AppError::Unauthenticated)
}

/// The signed-in operator and the facility it runs; anyone else is refused (audited as `action`).
pub async fn require_operator(state: &AppState, action: &str) -> Result<(Viewer, i64), AppError> {
    use crate::domain::account::access::{may_facility, FacilityAction};
    use crate::domain::account::roles::Role;
    let viewer = require_viewer(state).await?;
    match viewer.role {
        Role::Operator { facility_id } if may_facility(&viewer, FacilityAction::ReadOperatorView, facility_id) => Ok((viewer, facility_id)),
        _ => Err(refuse(state, Some(&viewer), action, "operator").await),
    }
}

/// Appends to the audit log with the request's client address. A failure to write the log is
/// itself logged; it does not undo what already happened.
pub async fn audit(state: &AppState, actor: &str, action: &str, target: &str, outcome: &str) {
    audit_from(state, &request_info().client_ip, actor, action, target, outcome).await
}

/// `audit` with an explicit client address (for handlers outside Leptos).
pub async fn audit_from(state: &AppState, client_ip: &str, actor: &str, action: &str, target: &str, outcome: &str) {
    if let Err(error) = state.store.audit(state.clock.now(), actor, action, target, client_ip, outcome).await {
        tracing::error!(%error, action, "cannot write the audit log");
    }
}

/// Refuses access to a record: audited, and answered as "not found" so that the asker learns
/// nothing about records that are not theirs.
pub async fn refuse(state: &AppState, viewer: Option<&Viewer>, action: &str, target: &str) -> AppError {
    let actor = viewer.map(|v| v.actor()).unwrap_or_else(|| "anonymous".into());
    audit(state, &actor, action, target, "refused").await;
    AppError::NotFound
}

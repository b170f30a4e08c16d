//! Server functions: thin. Each works out who is asking, applies the domain rules and calls the
//! store; types here are shared with the browser.

pub mod account;
pub mod booking;
pub mod complaints;
pub mod directory;
pub mod display;
pub mod fees;
pub mod gallery;
pub mod filing;
pub mod lessons;
pub mod policies;
pub mod limits;
pub mod ratings;
pub mod roster;
pub mod staff;
pub mod subsidies;
pub mod sync;

#[cfg(feature = "ssr")]
use crate::error::AppError;

/// Sets the HTTP status of the current response from an error (server functions and pages).
#[cfg(feature = "ssr")]
pub fn set_response_status(error: &AppError) {
    use leptos::prelude::use_context;
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
            options.set_status(status);
        }
    }
}

/// Passes a result through, setting the response status when it is an error.
#[cfg(feature = "ssr")]
pub(crate) fn reply<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        set_response_status(error);
    }
    result
}

/// The operation a write is, from the client's operation id: applied once whatever the number
/// of times it arrives (`store::operations`).
#[cfg(feature = "ssr")]
pub(crate) fn operation(
    id: &str,
    viewer: &crate::domain::account::roles::Viewer,
    kind: &'static str,
    request: &impl serde::Serialize,
) -> Result<crate::store::operations::Operation, AppError> {
    let id = crate::domain::operation::OperationId::parse(id).map_err(|_| AppError::bad_input("op_id"))?;
    Ok(crate::store::operations::Operation::new(id, viewer.actor(), kind, request)?)
}

/// Why a file sent as base64 in a form cannot be read.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UploadProblem {
    /// More than `max_bytes` (known before decoding: base64 is 4 characters per 3 bytes).
    TooLarge,
    /// Not base64 at all.
    NotBase64,
}

/// The bytes of a file sent as base64, refused early when it cannot fit in `max_bytes`.
#[cfg(feature = "ssr")]
pub(crate) fn decode_upload(content: &str, max_bytes: usize) -> Result<Vec<u8>, UploadProblem> {
    let content = content.trim();
    if content.len() > max_bytes / 3 * 4 + 8 {
        return Err(UploadProblem::TooLarge);
    }
    data_encoding::BASE64.decode(content.as_bytes()).map_err(|_| UploadProblem::NotBase64)
}

/// The server state, provided as context by the router.
#[cfg(feature = "ssr")]
pub(crate) fn state() -> Result<crate::state::AppState, AppError> {
    leptos::prelude::use_context::<crate::state::AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

#[cfg(feature = "ssr")]
impl From<crate::store::StoreError> for AppError {
    fn from(error: crate::store::StoreError) -> Self {
        use crate::store::StoreError;
        match error {
            StoreError::NotFound => AppError::NotFound,
            StoreError::OperationConflict(_) => AppError::OperationConflict,
            other if other.is_unavailable() || other.is_transient() => {
                tracing::warn!(error = %other, "database unavailable");
                AppError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "storage failure");
                AppError::Internal
            }
        }
    }
}

//! The error every server function returns. It crosses the wire as JSON and is shown to people
//! as a friendly sentence (see `labels::error_message`); details stay in the server log.

use serde::{Deserialize, Serialize};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// What went wrong, in terms a page can explain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", content = "detail", rename_all = "snake_case")]
pub enum AppError {
    /// The record does not exist, or the asker may not know that it exists.
    #[error("not found")]
    NotFound,
    /// A value the user sent cannot be used; `field` names which.
    #[error("bad input in {field}")]
    BadInput { field: String },
    /// The request could not be understood at all (malformed arguments).
    #[error("malformed request")]
    BadRequest,
    /// Signing in is needed first.
    #[error("not signed in")]
    Unauthenticated,
    /// Too many attempts; try again after this many seconds.
    #[error("rate limited")]
    RateLimited { retry_after_s: u32 },
    /// The sign-in code or second-factor code is wrong or expired.
    #[error("wrong or expired code")]
    WrongCode,
    /// Username or password is wrong (never says which).
    #[error("wrong credentials")]
    WrongCredentials,
    /// Fields of a form that cannot be used, each with its problem.
    #[error("invalid fields")]
    Invalid { problems: Vec<crate::domain::account::child::FieldProblem> },
    /// A booking rule refused the request; `reason` is a code the page words
    /// (`start_in_past`, `class_full`, `too_late`…).
    #[error("refused: {reason}")]
    Refused { reason: String },
    /// Consent to process children's data is needed first.
    #[error("consent required")]
    ConsentRequired,
    /// The same operation id was used for a different request.
    #[error("operation id reused")]
    OperationConflict,
    /// The database is out of reach or overloaded; trying again later may work.
    #[error("service unavailable")]
    Unavailable,
    /// The browser could not reach the server.
    #[error("network error")]
    Network,
    /// A fault on our side. Logged on the server with details.
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn refused(reason: &str) -> Self {
        AppError::Refused { reason: reason.to_string() }
    }

    pub fn bad_input(field: &str) -> Self {
        AppError::BadInput { field: field.to_string() }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::RateLimited { .. } => 429,
            AppError::WrongCode => 422,
            AppError::WrongCredentials => 401,
            AppError::Invalid { .. } => 422,
            AppError::ConsentRequired => 409,
            AppError::Refused { .. } => 422,
            AppError::BadInput { .. } => 422,
            AppError::BadRequest => 400,
            AppError::OperationConflict => 409,
            AppError::Unavailable => 503,
            AppError::Network => 503,
            AppError::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            // Arguments the framework could not decode come from the client: a 4xx, not a 500.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                AppError::BadRequest
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            ServerFnErrorErr::Registration(_)
            | ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Serialization(_) => AppError::Internal,
        };
        #[cfg(feature = "ssr")]
        crate::api::set_response_status(&error);
        error
    }
}

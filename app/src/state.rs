//! What every request handler and server function can reach: passed in, never global, so each
//! test builds its own.

use leptos::config::LeptosOptions;

use std::sync::Arc;

use crate::auth::codes::CodeSender;
use crate::auth::AuthSettings;
use crate::domain::calendar::Timestamp;
use crate::store::Store;

/// Where "now" comes from. Tests fix it (or move it forward); the server reads the system clock.
#[derive(Clone, Debug)]
pub enum Clock {
    System,
    Fixed(Timestamp),
    /// A clock a test can move: seconds since the epoch.
    Manual(Arc<std::sync::atomic::AtomicI64>),
}

impl Clock {
    pub fn now(&self) -> Timestamp {
        match self {
            Clock::System => {
                let secs = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs() as i64)
                    .unwrap_or_default();
                Timestamp(secs)
            }
            Clock::Fixed(at) => *at,
            Clock::Manual(seconds) => Timestamp(seconds.load(std::sync::atomic::Ordering::SeqCst)),
        }
    }
}

/// Shared state of the server: Leptos options (for rendering), storage, the clock, and
/// authentication settings with the sign-in code sender.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub clock: Clock,
    pub auth: AuthSettings,
    pub code_sender: Arc<dyn CodeSender>,
    /// Hours an offer holds its place (`TUOYU_OFFER_HOURS`, default 48).
    pub offer_hours: i64,
    /// Complaint time limits (`TUOYU_COMPLAINT_*`, the district's defaults otherwise).
    pub complaint_limits: crate::domain::complaint::deadline::Limits,
    /// Working days the district has to decide a submitted filing (`TUOYU_FILING_REVIEW_DAYS`, default 5).
    pub filing_review_working_days: u32,
    /// Pages ask the browser to install the service worker (`/sw.js`).
    pub service_worker: bool,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

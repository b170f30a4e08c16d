//! Staff workspaces: administration, the facility operator's view, supervision.

mod activities;
mod admin;
mod expert;
mod operator;
mod operator_bookings;
mod operator_nav;
mod supervisor;

pub use activities::StaffActivitiesPage;
pub use admin::AdminPage;
pub use expert::ExpertInboxPage;
pub use operator::{OperatorBookingsPage, OperatorPage, OperatorRatingsPage};
pub use operator_nav::{OperatorSection, OperatorShell};
pub use supervisor::SupervisorPage;

use leptos::prelude::*;

use crate::error::AppError;

/// What a staff page shows when the request is not allowed: sign-in for strangers, "not found"
/// for everyone else (the page does not reveal that it exists).
#[component]
pub fn StaffRefusal(error: AppError) -> impl IntoView {
    match error {
        AppError::Unauthenticated => view! { <leptos_router::components::Redirect path="/staff/login"/> }.into_any(),
        AppError::NotFound => view! { <crate::components::NotFound/> }.into_any(),
        other => view! { <crate::components::ErrorNotice error=other/> }.into_any(),
    }
}

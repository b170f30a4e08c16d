//! Parenting activities and talks: the list (everyone), booking and cancelling a family's
//! place (parents; also through the offline sync), publishing (an operator for its facility,
//! the health commission for health centres and the guidance centre).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One activity as lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActivityView {
    pub id: i64,
    /// `parent_child` or `talk`.
    pub kind: String,
    /// `health_centre`, `facility` or `guidance_centre`.
    pub host: String,
    pub host_name: String,
    pub title: String,
    pub title_en: String,
    pub place: String,
    pub age_from: u32,
    pub age_to: u32,
    /// Unix seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: u32,
    pub free: u32,
    /// The asking family's booking, when it holds a place.
    pub my_booking: Option<i64>,
    /// Whether that place can still be given back (until 2 hours before the start).
    pub may_cancel: bool,
}

/// The activities page: what is coming up, and what the asker may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityList {
    pub activities: Vec<ActivityView>,
    /// A parent is signed in: the page offers booking.
    pub may_book: bool,
    /// The hosts the asker may publish for (empty for families and most staff).
    pub may_publish: Vec<String>,
}

/// An activity to publish. `starts_at` is `YYYY-MM-DDTHH:MM`, China time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishActivityInput {
    pub op_id: String,
    pub kind: String,
    pub host: String,
    pub host_name: String,
    pub title: String,
    pub title_en: String,
    pub place: String,
    pub age_from: u32,
    pub age_to: u32,
    pub starts_at: String,
    pub minutes: u32,
    pub capacity: u32,
}

#[server(input = GetUrl, prefix = "/api", endpoint = "activities")]
pub async fn fetch_activities() -> Result<ActivityList, AppError> {
    let state = crate::api::state()?;
    let result = async { server::list(&state, crate::auth::viewer::current_viewer(&state).await?.as_ref()).await };
    crate::api::reply(result.await)
}

#[server(prefix = "/api", endpoint = "book_activity")]
pub async fn book_activity(op_id: String, activity_id: i64) -> Result<i64, AppError> {
    let state = crate::api::state()?;
    let result = async { server::book(&state, &crate::auth::viewer::require_viewer(&state).await?, &op_id, activity_id).await };
    crate::api::reply(result.await)
}

#[server(prefix = "/api", endpoint = "cancel_activity")]
pub async fn cancel_activity(op_id: String, booking_id: i64) -> Result<(), AppError> {
    let state = crate::api::state()?;
    let result = async { server::cancel(&state, &crate::auth::viewer::require_viewer(&state).await?, &op_id, booking_id).await };
    crate::api::reply(result.await)
}

#[server(prefix = "/api", endpoint = "publish_activity")]
pub async fn publish_activity(input: PublishActivityInput) -> Result<i64, AppError> {
    let state = crate::api::state()?;
    let result = async { server::publish(&state, &crate::auth::viewer::require_viewer(&state).await?, input).await };
    crate::api::reply(result.await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::api::operation;
    use crate::auth::viewer::{audit, refuse};
    use crate::domain::account::roles::{Role, Viewer};
    use crate::domain::activity::{free_places, may_publish, ActivityInput, ActivityRefusal, Host};
    use crate::api::booking::server::{require_parent, slot_result};
    use crate::domain::booking::may_cancel_slot;
    use crate::domain::calendar::{parse_local_time, Timestamp};
    use crate::state::AppState;
    use crate::store::activities::{ActivityRow, Publisher};

    pub fn view(row: ActivityRow, now: Timestamp) -> ActivityView {
        ActivityView {
            free: free_places(row.capacity, row.booked),
            may_cancel: row.my_booking.is_some() && may_cancel_slot(Timestamp(row.starts_at), now),
            id: row.id,
            kind: row.kind,
            host: row.host,
            host_name: row.host_name,
            title: row.title,
            title_en: row.title_en,
            place: row.place,
            age_from: u32::try_from(row.age_from).unwrap_or_default(),
            age_to: u32::try_from(row.age_to).unwrap_or_default(),
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            capacity: u32::try_from(row.capacity).unwrap_or_default(),
            my_booking: row.my_booking,
        }
    }

    pub async fn list(state: &AppState, viewer: Option<&Viewer>) -> Result<ActivityList, AppError> {
        let now = state.clock.now();
        let parent = viewer.filter(|v| v.role == Role::Parent);
        let rows = state.store.upcoming_activities(parent.map(|v| v.account_id), now).await?;
        let may_publish = viewer.map_or_else(Vec::new, |v| Host::ALL.iter().filter(|host| may_publish(v.role, **host)).map(|host| host.code().to_string()).collect());
        Ok(ActivityList { activities: rows.into_iter().map(|row| view(row, now)).collect(), may_book: parent.is_some(), may_publish })
    }

    pub async fn book(state: &AppState, viewer: &Viewer, op_id: &str, activity_id: i64) -> Result<i64, AppError> {
        require_parent(viewer)?;
        let op = operation(op_id, viewer, "activity.book", &activity_id)?;
        slot_result(state.store.book_activity(&op, viewer.account_id, activity_id, state.clock.now()).await?)
    }

    pub async fn cancel(state: &AppState, viewer: &Viewer, op_id: &str, booking_id: i64) -> Result<(), AppError> {
        require_parent(viewer)?;
        let op = operation(op_id, viewer, "activity.cancel", &booking_id)?;
        slot_result(state.store.cancel_activity_booking(&op, viewer.account_id, booking_id, state.clock.now()).await?).map(|_| ())
    }

    pub async fn publish(state: &AppState, viewer: &Viewer, input: PublishActivityInput) -> Result<i64, AppError> {
        let host = Host::from_code(input.host.trim());
        if !host.is_some_and(|host| may_publish(viewer.role, host)) {
            if !viewer.role.is_staff() {
                return Err(refuse(state, Some(viewer), "activity.publish", "activities").await);
            }
            return Err(AppError::refused(ActivityRefusal::ActivityHost));
        }
        let now = state.clock.now();
        let fields = ActivityInput {
            kind: input.kind.clone(),
            host: input.host.clone(),
            host_name: input.host_name.clone(),
            title: input.title.clone(),
            title_en: input.title_en.clone(),
            place: input.place.clone(),
            age_from: input.age_from,
            age_to: input.age_to,
            minutes: input.minutes,
            capacity: input.capacity,
        };
        let draft = fields.validate(parse_local_time(&input.starts_at), now).map_err(AppError::refused)?;
        let facility_id = match viewer.role {
            Role::Operator { facility_id } => Some(facility_id),
            _ => None,
        };
        let op = operation(&input.op_id, viewer, "activity.publish", &(&fields, &input.starts_at))?;
        let id = slot_result(state.store.publish_activity(&op, Publisher { account_id: viewer.account_id, facility_id }, &draft, now).await?)?;
        audit(state, &viewer.actor(), "activity.publish", &format!("activity:{id}"), "ok").await;
        Ok(id)
    }
}

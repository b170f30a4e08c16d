//! Booking for families (place applications, visits, hourly and temporary care, "my
//! bookings" with notices) and for operators (deciding applications, publishing slots).
//! The functions in `server` take the viewer explicitly so `/api/v1` shares them.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::domain::booking::{ApplicationState, SlotKind};
#[cfg(feature = "ssr")]
use crate::domain::calendar::Timestamp;
use crate::domain::facility::ClassLevel;
use crate::error::AppError;

/// A place application as a family sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApplyInput {
    /// A UUID the client made for this action; resending it returns the first answer.
    #[cfg_attr(feature = "ssr", schema(pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"))]
    pub op_id: String,
    pub child_id: i64,
    pub facility_id: i64,
    /// `YYYY-MM`.
    #[cfg_attr(feature = "ssr", schema(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$", example = "2027-01"))]
    pub start_month: String,
}

/// What applying achieved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum ApplyResult {
    /// A place is held until `until` (Unix seconds) for the operator to confirm.
    Offered { application_id: i64, until: i64 },
    /// In the queue at `position` (1 = next).
    Waitlisted { application_id: i64, position: u64 },
}

/// An application as its family sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApplicationView {
    pub id: i64,
    pub facility_id: i64,
    pub facility_name: String,
    pub child_name: Option<String>,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub class: ClassLevel,
    pub start_month: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub state: ApplicationState,
    pub offered_until: Option<i64>,
    /// Queue position while waitlisted.
    pub position: Option<u64>,
    pub renew_by: Option<i64>,
    pub decline_reason: Option<String>,
}

/// A published slot with its free places.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SlotView {
    pub id: i64,
    pub facility_id: i64,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub kind: SlotKind,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: u32,
    pub free: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SlotBookingView {
    pub id: i64,
    pub facility_id: i64,
    pub facility_name: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub kind: SlotKind,
    pub starts_at: i64,
    pub ends_at: i64,
    pub child_name: Option<String>,
    /// `booked` or `cancelled`.
    pub state: String,
}

/// An in-app notice: a kind the page words, about a subject, with parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoticeView {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    /// JSON object with the notice's values (`until`, `position`, `reason`…).
    pub params: String,
    pub created_at: i64,
    pub read: bool,
}

/// Everything a family has booked, with their notices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MyBookings {
    pub applications: Vec<ApplicationView>,
    pub slot_bookings: Vec<SlotBookingView>,
    /// Activities and talks the family holds a place at (newest first).
    #[serde(default)]
    pub activities: Vec<crate::api::lessons::activities::ActivityView>,
    pub notices: Vec<NoticeView>,
    pub as_of: i64,
}

/// An application as the operator sees it: only what deciding needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorApplicationView {
    pub id: i64,
    pub child_name: Option<String>,
    pub class: ClassLevel,
    pub start_month: String,
    pub state: ApplicationState,
    pub offered_until: Option<i64>,
    pub position: Option<u64>,
    /// The family's phone, masked.
    pub phone_masked: String,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorBookings {
    pub applications: Vec<OperatorApplicationView>,
    pub slots: Vec<SlotView>,
    pub slot_bookings: Vec<SlotBookingView>,
}

/// A slot the operator publishes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotInput {
    pub op_id: String,
    /// `visit`, `hourly` or `temporary`.
    pub kind: String,
    /// Local (China) time `YYYY-MM-DDTHH:MM`, as a datetime-local input gives it.
    pub starts_at: String,
    pub minutes: u32,
    pub capacity: u32,
}

/// Operator decisions on an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Confirm,
    Decline,
    Enrol,
    Withdraw,
}

#[server(prefix = "/api", endpoint = "apply_for_place")]
pub async fn apply_for_place(input: ApplyInput) -> Result<ApplyResult, AppError> {
    let state = crate::api::state()?;
    let viewer = crate::auth::viewer::require_viewer(&state).await;
    crate::api::reply(match viewer {
        Ok(viewer) => server::apply(&state, &viewer, input).await,
        Err(e) => Err(e),
    })
}

#[server(prefix = "/api", endpoint = "cancel_application")]
pub async fn cancel_application(op_id: String, application_id: i64) -> Result<(), AppError> {
    let state = crate::api::state()?;
    let viewer = crate::auth::viewer::require_viewer(&state).await;
    crate::api::reply(match viewer {
        Ok(viewer) => server::family_change(&state, &viewer, &op_id, application_id, false).await,
        Err(e) => Err(e),
    })
}

#[server(prefix = "/api", endpoint = "renew_application")]
pub async fn renew_application(op_id: String, application_id: i64) -> Result<(), AppError> {
    let state = crate::api::state()?;
    let viewer = crate::auth::viewer::require_viewer(&state).await;
    crate::api::reply(match viewer {
        Ok(viewer) => server::family_change(&state, &viewer, &op_id, application_id, true).await,
        Err(e) => Err(e),
    })
}

#[server(input = GetUrl, prefix = "/api", endpoint = "my_bookings")]
pub async fn fetch_my_bookings() -> Result<MyBookings, AppError> {
    let state = crate::api::state()?;
    let viewer = crate::auth::viewer::require_viewer(&state).await;
    crate::api::reply(match viewer {
        Ok(viewer) => server::my_bookings(&state, &viewer).await,
        Err(e) => Err(e),
    })
}

#[server(prefix = "/api", endpoint = "mark_notices_read")]
pub async fn mark_notices_read() -> Result<(), AppError> {
    let state = crate::api::state()?;
    // Every error goes through `reply`, which sets its status (401 when signed out, not 500).
    let marked = async {
        let viewer = crate::auth::viewer::require_viewer(&state).await?;
        state.store.mark_notices_read(viewer.account_id, state.clock.now()).await.map_err(AppError::from)
    };
    crate::api::reply(marked.await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "facility_slots")]
pub async fn fetch_facility_slots(facility_id: i64) -> Result<Vec<SlotView>, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::slots(&state, facility_id).await)
}

#[server(prefix = "/api", endpoint = "book_slot")]
pub async fn book_slot(op_id: String, slot_id: i64, child_id: i64) -> Result<i64, AppError> {
    let state = crate::api::state()?;
    let viewer = crate::auth::viewer::require_viewer(&state).await;
    crate::api::reply(match viewer {
        Ok(viewer) => server::book_slot(&state, &viewer, &op_id, slot_id, child_id).await,
        Err(e) => Err(e),
    })
}

#[server(prefix = "/api", endpoint = "cancel_slot_booking")]
pub async fn cancel_slot_booking(op_id: String, booking_id: i64) -> Result<(), AppError> {
    let state = crate::api::state()?;
    let viewer = crate::auth::viewer::require_viewer(&state).await;
    crate::api::reply(match viewer {
        Ok(viewer) => server::cancel_slot(&state, &viewer, &op_id, booking_id).await,
        Err(e) => Err(e),
    })
}

#[server(input = GetUrl, prefix = "/api", endpoint = "operator_bookings")]
pub async fn fetch_operator_bookings() -> Result<OperatorBookings, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::operator_bookings(&state).await)
}

#[server(prefix = "/api", endpoint = "decide_application")]
pub async fn decide_application(op_id: String, application_id: i64, decision: Decision, reason: Option<String>) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::decide(&state, &op_id, application_id, decision, reason).await)
}

#[server(prefix = "/api", endpoint = "publish_slot")]
pub async fn publish_slot(input: SlotInput) -> Result<i64, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::publish_slot(&state, input).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::auth::viewer::{audit, require_operator};
    use crate::domain::account::phone::mask_phone;
    use crate::domain::account::roles::{Role, Viewer};
    use crate::domain::booking::{ApplicationEvent, ChangeRefusal, SlotRefusal};
    use crate::domain::calendar::{parse_local_time, YearMonth};
    use crate::state::AppState;
    use crate::store::booking::{Actor, ApplicationsOf, ApplyOutcome, ApplyRequest, ChangeOutcome, SlotBookingRow, SlotOutcome, SlotRow};

    use crate::api::operation as op;

    pub(crate) fn require_parent(viewer: &Viewer) -> Result<(), AppError> {
        if viewer.role == Role::Parent {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    pub async fn apply(state: &AppState, viewer: &Viewer, input: ApplyInput) -> Result<ApplyResult, AppError> {
        require_parent(viewer)?;
        let start_month = YearMonth::parse(&input.start_month).map_err(|_| AppError::bad_input("start_month"))?;
        let request = ApplyRequest { child_id: input.child_id, facility_id: input.facility_id, start_month };
        let operation = op(&input.op_id, viewer, "application.apply", &request)?;
        let outcome = state.store.apply_for_place(&operation, viewer.account_id, &request, state.clock.now(), state.offer_hours).await?;
        match outcome {
            ApplyOutcome::Offered { application_id, until } => Ok(ApplyResult::Offered { application_id, until: until.0 }),
            ApplyOutcome::Waitlisted { application_id, position } => Ok(ApplyResult::Waitlisted { application_id, position }),
            ApplyOutcome::Refused(refusal) => Err(AppError::refused(refusal)),
            ApplyOutcome::NotFound => Err(AppError::NotFound),
        }
    }

    fn change_result(outcome: ChangeOutcome) -> Result<(), AppError> {
        match outcome {
            ChangeOutcome::Changed { .. } => Ok(()),
            ChangeOutcome::NotAllowed { .. } => Err(AppError::refused(ChangeRefusal::NotAllowed)),
            ChangeOutcome::NotFound => Err(AppError::NotFound),
        }
    }

    /// A family cancels (or renews) its own application.
    pub async fn family_change(state: &AppState, viewer: &Viewer, op_id: &str, application_id: i64, renew: bool) -> Result<(), AppError> {
        require_parent(viewer)?;
        let (event, kind) = if renew {
            (ApplicationEvent::FamilyRenews, "application.renew")
        } else {
            (ApplicationEvent::FamilyCancels, "application.cancel")
        };
        let operation = op(op_id, viewer, kind, &application_id)?;
        let actor = Actor::Family { account_id: viewer.account_id };
        change_result(state.store.change_application(&operation, application_id, actor, event, None, state.clock.now(), state.offer_hours).await?)
    }

    fn class_level(code: &str) -> Result<ClassLevel, AppError> {
        ClassLevel::from_code(code).ok_or(AppError::Internal)
    }

    fn slot_kind(code: &str) -> Result<SlotKind, AppError> {
        SlotKind::from_code(code).ok_or(AppError::Internal)
    }

    fn slot_booking_view(row: SlotBookingRow, facility_name: String, child_name: Option<String>) -> Result<SlotBookingView, AppError> {
        Ok(SlotBookingView {
            id: row.id,
            facility_id: row.facility_id,
            facility_name,
            kind: slot_kind(&row.kind)?,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            child_name,
            state: row.state,
        })
    }

    pub async fn my_bookings(state: &AppState, viewer: &Viewer) -> Result<MyBookings, AppError> {
        require_parent(viewer)?;
        let listed = state.store.list_applications(ApplicationsOf::Account(viewer.account_id)).await?;
        let mut applications = Vec::with_capacity(listed.len());
        for item in listed {
            let row = item.row;
            applications.push(ApplicationView {
                id: row.id,
                facility_id: row.facility_id,
                facility_name: item.facility_name,
                child_name: item.child_name,
                class: class_level(&item.level)?,
                start_month: row.start_month.clone(),
                state: row.state()?,
                offered_until: row.offered_until,
                position: item.position.map(|p| p as u64),
                renew_by: row.renew_by,
                decline_reason: row.decline_reason.clone(),
            });
        }
        let slot_bookings = state
            .store
            .slot_bookings_of_account(viewer.account_id)
            .await?
            .into_iter()
            .map(|item| slot_booking_view(item.row, item.facility_name, item.child_name))
            .collect::<Result<Vec<_>, _>>()?;
        let notices = state
            .store
            .notices_of(viewer.account_id)
            .await?
            .into_iter()
            .map(|n| NoticeView { id: n.id, kind: n.kind, subject: n.subject, params: n.params, created_at: n.created_at, read: n.read_at.is_some() })
            .collect();
        let now = state.clock.now();
        let activities = state.store.booked_activities(viewer.account_id).await?.into_iter().map(|row| crate::api::lessons::activities::server::view(row, now)).collect();
        Ok(MyBookings { applications, slot_bookings, activities, notices, as_of: now.0 })
    }

    fn slot_view(row: SlotRow) -> Result<SlotView, AppError> {
        Ok(SlotView {
            id: row.id,
            facility_id: row.facility_id,
            kind: slot_kind(&row.kind)?,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            capacity: row.capacity as u32,
            free: (row.capacity - row.booked).max(0) as u32,
        })
    }

    pub async fn slots(state: &AppState, facility_id: i64) -> Result<Vec<SlotView>, AppError> {
        state.store.upcoming_slots(facility_id, state.clock.now()).await?.into_iter().map(slot_view).collect()
    }

    /// A slot outcome as the API answers it (visit and care slots, and activities, which book
    /// by the same rules).
    pub(crate) fn slot_result(outcome: SlotOutcome) -> Result<i64, AppError> {
        match outcome {
            SlotOutcome::Booked { booking_id } => Ok(booking_id),
            SlotOutcome::Published { slot_id } => Ok(slot_id),
            SlotOutcome::Cancelled => Ok(0),
            SlotOutcome::Full => Err(AppError::refused(SlotRefusal::Full)),
            SlotOutcome::AlreadyBooked => Err(AppError::refused(SlotRefusal::AlreadyBooked)),
            SlotOutcome::Past => Err(AppError::refused(SlotRefusal::Past)),
            SlotOutcome::TooLate => Err(AppError::refused(SlotRefusal::TooLate)),
            SlotOutcome::NotFound => Err(AppError::NotFound),
        }
    }

    pub async fn book_slot(state: &AppState, viewer: &Viewer, op_id: &str, slot_id: i64, child_id: i64) -> Result<i64, AppError> {
        require_parent(viewer)?;
        let operation = op(op_id, viewer, "slot.book", &(slot_id, child_id))?;
        slot_result(state.store.book_slot(&operation, viewer.account_id, slot_id, child_id, state.clock.now()).await?)
    }

    pub async fn cancel_slot(state: &AppState, viewer: &Viewer, op_id: &str, booking_id: i64) -> Result<(), AppError> {
        require_parent(viewer)?;
        let operation = op(op_id, viewer, "slot.cancel", &booking_id)?;
        slot_result(state.store.cancel_slot_booking(&operation, viewer.account_id, booking_id, state.clock.now()).await?).map(|_| ())
    }

    pub async fn operator_bookings(state: &AppState) -> Result<OperatorBookings, AppError> {
        let (viewer, facility_id) = require_operator(state, "operator.bookings").await?;
        let now = state.clock.now();
        let listed = state.store.list_applications(ApplicationsOf::Facility(facility_id)).await?;
        let mut applications = Vec::with_capacity(listed.len());
        for item in listed {
            let row = item.row;
            applications.push(OperatorApplicationView {
                id: row.id,
                child_name: item.child_name,
                class: class_level(&item.level)?,
                state: row.state()?,
                start_month: row.start_month,
                offered_until: row.offered_until,
                position: item.position.map(|p| p as u64),
                phone_masked: item.family_phone.map(|p| mask_phone(&p)).unwrap_or_default(),
                created_at: row.created_at,
            });
        }
        // Staff reading children's records is audited.
        audit(state, &viewer.actor(), "child.read_by_staff", &format!("facility:{facility_id}:applications"), "ok").await;
        let slots = state.store.upcoming_slots(facility_id, now).await?.into_iter().map(slot_view).collect::<Result<Vec<_>, _>>()?;
        let slot_bookings = state
            .store
            .slot_bookings_of_facility(facility_id, now)
            .await?
            .into_iter()
            .map(|item| slot_booking_view(item.row, item.facility_name, item.child_name))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(OperatorBookings { applications, slots, slot_bookings })
    }

    /// Longest decline reason, in characters.
    pub const MAX_REASON_CHARS: usize = 200;

    pub async fn decide(state: &AppState, op_id: &str, application_id: i64, decision: Decision, reason: Option<String>) -> Result<(), AppError> {
        let (viewer, facility_id) = require_operator(state, "operator.bookings").await?;
        let reason = reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
        let event = match decision {
            Decision::Confirm => ApplicationEvent::OperatorConfirms,
            Decision::Decline => ApplicationEvent::OperatorDeclines,
            Decision::Enrol => ApplicationEvent::OperatorEnrols,
            Decision::Withdraw => ApplicationEvent::OperatorWithdraws,
        };
        if decision == Decision::Decline {
            match &reason {
                None => return Err(AppError::bad_input("reason")),
                Some(r) if r.chars().count() > MAX_REASON_CHARS || r.chars().any(|c| c.is_control()) => return Err(AppError::bad_input("reason")),
                Some(_) => {}
            }
        }
        let operation = op(op_id, &viewer, "application.decide", &(application_id, decision, &reason))?;
        let outcome = state
            .store
            .change_application(&operation, application_id, Actor::Operator { facility_id }, event, reason, state.clock.now(), state.offer_hours)
            .await?;
        if matches!(outcome, ChangeOutcome::Changed { .. }) {
            audit(state, &viewer.actor(), &format!("application.{decision:?}").to_lowercase(), &format!("application:{application_id}"), "ok").await;
        }
        change_result(outcome)
    }

    pub async fn publish_slot(state: &AppState, input: SlotInput) -> Result<i64, AppError> {
        let (viewer, facility_id) = require_operator(state, "operator.bookings").await?;
        let kind = SlotKind::from_code(&input.kind).ok_or_else(|| AppError::bad_input("kind"))?;
        let starts_at = parse_local_time(&input.starts_at).ok_or_else(|| AppError::bad_input("starts_at"))?;
        let now = state.clock.now();
        if starts_at.0 <= now.0 {
            return Err(AppError::refused(SlotRefusal::Past));
        }
        if !(15..=12 * 60).contains(&input.minutes) {
            return Err(AppError::bad_input("minutes"));
        }
        if !(1..=100).contains(&input.capacity) {
            return Err(AppError::bad_input("capacity"));
        }
        let operation = op(&input.op_id, &viewer, "slot.publish", &(&input.kind, &input.starts_at, input.minutes, input.capacity))?;
        let ends_at = Timestamp(starts_at.0 + input.minutes as i64 * 60);
        let id = slot_result(state.store.publish_slot(&operation, facility_id, kind, starts_at, ends_at, input.capacity, now).await?)?;
        audit(state, &viewer.actor(), "slot.publish", &format!("slot:{id}"), "ok").await;
        Ok(id)
    }
}

//! The operator's staff roster (人员): the facility's current staff with their certificates,
//! adding a person, recording that one left. Checks live in `domain::roster`; every write is
//! applied once by its operation id and audited. The certification rate families see is
//! computed by `domain::roster::certification_rate` from the same rows.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::CivilDate;
use crate::domain::facility::ClassLevel;
use crate::domain::roster::{CertificationRate, Qualification, StaffInput, StaffRole};
use crate::error::AppError;

/// A member of staff on the operator's own roster (the ID number in full: this is the one page,
/// besides the health commission's, where it is shown).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffView {
    pub id: i64,
    pub name: String,
    pub id_number: String,
    pub role: StaffRole,
    pub class_level: Option<ClassLevel>,
    pub qualification: Qualification,
    pub employed_from: String,
    pub health_expires: String,
    /// Expired or expiring within 30 days.
    pub health_due: bool,
    pub background_checked_on: Option<String>,
    /// Also on another facility's current roster.
    pub elsewhere: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OperatorRoster {
    pub members: Vec<StaffView>,
    pub rate: Option<CertificationRate>,
    /// The classes the facility runs (a carer may belong to one).
    pub levels: Vec<ClassLevel>,
    pub today: CivilDate,
}

/// A person on more than one facility's current roster, with each of those entries (the health
/// commission's view: the ID number in full).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RosterOverlap {
    pub id_number: String,
    pub name: String,
    /// (facility id, facility name, role, employed from)
    pub places: Vec<(i64, String, StaffRole, String)>,
}

#[server(input = GetUrl, prefix = "/api", endpoint = "roster_overlaps")]
pub async fn fetch_roster_overlaps() -> Result<Vec<RosterOverlap>, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::overlaps(&state).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "operator_roster")]
pub async fn fetch_roster() -> Result<OperatorRoster, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::roster(&state).await)
}

#[server(prefix = "/api", endpoint = "add_staff")]
pub async fn add_staff(op_id: String, input: StaffInput) -> Result<i64, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::add(&state, &op_id, &input).await)
}

#[server(prefix = "/api", endpoint = "end_staff")]
pub async fn end_staff(op_id: String, staff_id: i64) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::end(&state, &op_id, staff_id).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::api::operation;
    use crate::auth::viewer::{audit, require_operator};
    use crate::domain::roster::{certification_rate, health_certificate_due};
    use crate::state::AppState;
    use crate::store::roster::RosterOutcome;

    /// The certification rate of a facility's current care staff, as its public page shows it.
    pub async fn facility_rate(state: &AppState, facility_id: i64) -> Result<Option<CertificationRate>, AppError> {
        let entries: Vec<_> = state.store.roster(facility_id).await?.iter().filter_map(|r| r.entry()).collect();
        Ok(certification_rate(&entries))
    }

    pub async fn roster(state: &AppState) -> Result<OperatorRoster, AppError> {
        let (_, facility_id) = require_operator(state, "roster.list").await?;
        let today = CivilDate::in_china_at(state.clock.now());
        let rows = state.store.roster(facility_id).await?;
        let entries: Vec<_> = rows.iter().filter_map(|r| r.entry()).collect();
        let members = rows
            .into_iter()
            .filter_map(|r| {
                let entry = r.entry()?;
                Some(StaffView {
                    id: r.id,
                    name: r.name,
                    id_number: r.id_number,
                    role: entry.role,
                    class_level: r.class_level.as_deref().and_then(ClassLevel::from_code),
                    qualification: entry.qualification,
                    employed_from: r.employed_from,
                    health_due: health_certificate_due(entry.health_expires, today),
                    health_expires: r.health_expires,
                    background_checked_on: r.background_checked_on,
                    elsewhere: r.elsewhere,
                })
            })
            .collect();
        let levels = state.store.classes_of(&[facility_id]).await?.iter().map(|c| c.level).collect();
        Ok(OperatorRoster { members, rate: certification_rate(&entries), levels, today })
    }

    pub async fn overlaps(state: &AppState) -> Result<Vec<RosterOverlap>, AppError> {
        let viewer = crate::auth::viewer::require_viewer(state).await?;
        if !crate::domain::account::access::may_see_roster_overlaps(&viewer) {
            return Err(crate::auth::viewer::refuse(state, Some(&viewer), "roster.overlaps", "rosters").await);
        }
        let mut out: Vec<RosterOverlap> = Vec::new();
        for row in state.store.roster_overlaps().await? {
            let role = StaffRole::from_code(&row.role).ok_or(AppError::Internal)?;
            let place = (row.facility_id, row.facility_name, role, row.employed_from);
            match out.last_mut() {
                Some(last) if last.id_number == row.id_number => last.places.push(place),
                _ => out.push(RosterOverlap { id_number: row.id_number, name: row.name, places: vec![place] }),
            }
        }
        audit(state, &viewer.actor(), "roster.overlaps", "rosters", "ok").await;
        Ok(out)
    }

    pub async fn add(state: &AppState, op_id: &str, input: &StaffInput) -> Result<i64, AppError> {
        let (viewer, facility_id) = require_operator(state, "roster.add").await?;
        let now = state.clock.now();
        let levels: Vec<ClassLevel> = state.store.classes_of(&[facility_id]).await?.iter().map(|c| c.level).collect();
        let draft = input.validate(&levels, CivilDate::in_china_at(now)).map_err(AppError::refused)?;
        let op = operation(op_id, &viewer, "roster.add", &draft)?;
        match state.store.add_staff(&op, facility_id, &draft, now).await? {
            RosterOutcome::Added { staff_id } => {
                audit(state, &viewer.actor(), "roster.add", &format!("staff:{staff_id}"), "ok").await;
                Ok(staff_id)
            }
            RosterOutcome::Refused(refusal) => Err(AppError::refused(refusal)),
            RosterOutcome::Ended | RosterOutcome::NotFound => Err(AppError::Internal),
        }
    }

    pub async fn end(state: &AppState, op_id: &str, staff_id: i64) -> Result<(), AppError> {
        let (viewer, facility_id) = require_operator(state, "roster.end").await?;
        let op = operation(op_id, &viewer, "roster.end", &staff_id)?;
        match state.store.end_staff(&op, facility_id, staff_id, state.clock.now()).await? {
            RosterOutcome::Ended => {
                audit(state, &viewer.actor(), "roster.end", &format!("staff:{staff_id}"), "ok").await;
                Ok(())
            }
            RosterOutcome::Refused(refusal) => Err(AppError::refused(refusal)),
            RosterOutcome::NotFound => Err(AppError::NotFound),
            RosterOutcome::Added { .. } => Err(AppError::Internal),
        }
    }
}

//! Fees (收费公示): the public schedule on a facility's page, and the operator's side —
//! publishing a fee ahead of its day and withdrawing one that has not started. Checks live in
//! `domain::fees`; every write is applied once by its operation id and audited.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::CivilDate;
use crate::domain::facility::{ClassLevel, ServiceType};
use crate::domain::fees::{FeeInput, FeeSchedule, PriceCaps};
use crate::error::AppError;

/// A facility's fees as everyone sees them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FacilityFees {
    pub schedule: FeeSchedule,
    /// The district's caps, shown beside a 普惠 facility's fees (`None` for the others).
    pub caps: Option<PriceCaps>,
}

/// The operator's fee page: the schedule, and what the form may offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OperatorFees {
    pub facility_id: i64,
    pub facility_name: String,
    pub inclusive: bool,
    /// The class levels the facility runs (care fees are per class).
    pub levels: Vec<ClassLevel>,
    pub services: Vec<ServiceType>,
    pub fees: FacilityFees,
    pub today: CivilDate,
}

#[server(input = GetUrl, prefix = "/api", endpoint = "operator_fees")]
pub async fn fetch_operator_fees() -> Result<OperatorFees, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::operator_fees(&state).await)
}

#[server(prefix = "/api", endpoint = "publish_fee")]
pub async fn publish_fee(op_id: String, input: FeeInput) -> Result<i64, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::publish(&state, &op_id, &input).await)
}

#[server(prefix = "/api", endpoint = "withdraw_fee")]
pub async fn withdraw_fee(op_id: String, fee_id: i64) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::withdraw(&state, &op_id, fee_id).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::api::operation;
    use crate::auth::viewer::{audit, require_operator};
    use crate::domain::facility::Facility;
    use crate::domain::fees::FeeContext;
    use crate::state::AppState;
    use crate::store::fees::FeeOutcome;

    /// The schedule of `facility` as of `today`, with the caps when it is 普惠.
    pub async fn facility_fees(state: &AppState, facility: &Facility, today: CivilDate) -> Result<FacilityFees, AppError> {
        let schedule = FeeSchedule::on(state.store.facility_fees(facility.id).await?, today);
        let caps = if facility.inclusive { Some(state.store.price_caps().await?) } else { None };
        Ok(FacilityFees { schedule, caps })
    }

    pub async fn operator_fees(state: &AppState) -> Result<OperatorFees, AppError> {
        let (_, facility_id) = require_operator(state, "fee.list").await?;
        let facility = state.store.facility(facility_id).await?.ok_or(AppError::NotFound)?;
        let today = CivilDate::in_china_at(state.clock.now());
        let levels = state.store.classes_of(&[facility_id]).await?.iter().map(|c| c.level).collect();
        let fees = facility_fees(state, &facility, today).await?;
        Ok(OperatorFees { facility_id, facility_name: facility.name, inclusive: facility.inclusive, levels, services: facility.service_types, fees, today })
    }

    pub async fn publish(state: &AppState, op_id: &str, input: &FeeInput) -> Result<i64, AppError> {
        let (viewer, facility_id) = require_operator(state, "fee.publish").await?;
        let facility = state.store.facility(facility_id).await?.ok_or(AppError::NotFound)?;
        let levels: Vec<ClassLevel> = state.store.classes_of(&[facility_id]).await?.iter().map(|c| c.level).collect();
        let caps = state.store.price_caps().await?;
        let now = state.clock.now();
        let context = FeeContext { today: CivilDate::in_china_at(now), levels: &levels, services: &facility.service_types, inclusive: facility.inclusive, caps: &caps };
        let draft = input.validate(&context).map_err(AppError::refused)?;
        let op = operation(op_id, &viewer, "fee.publish", &draft)?;
        match state.store.publish_fee(&op, facility_id, viewer.account_id, &draft, now).await? {
            FeeOutcome::Published { fee_id } => {
                audit(state, &viewer.actor(), "fee.publish", &format!("fee:{fee_id}"), "ok").await;
                Ok(fee_id)
            }
            FeeOutcome::Refused(refusal) => Err(AppError::refused(refusal)),
            FeeOutcome::Withdrawn | FeeOutcome::NotFound => Err(AppError::Internal),
        }
    }

    pub async fn withdraw(state: &AppState, op_id: &str, fee_id: i64) -> Result<(), AppError> {
        let (viewer, facility_id) = require_operator(state, "fee.withdraw").await?;
        let op = operation(op_id, &viewer, "fee.withdraw", &fee_id)?;
        match state.store.withdraw_fee(&op, facility_id, fee_id, state.clock.now()).await? {
            FeeOutcome::Withdrawn => {
                audit(state, &viewer.actor(), "fee.withdraw", &format!("fee:{fee_id}"), "ok").await;
                Ok(())
            }
            FeeOutcome::Refused(refusal) => Err(AppError::refused(refusal)),
            FeeOutcome::NotFound => Err(AppError::NotFound),
            FeeOutcome::Published { .. } => Err(AppError::Internal),
        }
    }
}

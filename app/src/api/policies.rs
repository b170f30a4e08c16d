//! Policy lookup and the two subsidy calculators. Public and pure: nothing is stored, nobody
//! needs to sign in, no operation id. Pages and `/api/v1` share `server`.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::domain::policy::entry::Policy;
use crate::error::AppError;

/// A family's situation as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FamilyInput {
    /// Each child's birth date, `YYYY-MM-DD` (under 3 today, not in the future); 1 to 6.
    pub children: Vec<String>,
    /// The family's household registration (户籍) is in Chongqing.
    pub chongqing_registered: bool,
    /// `low_income` (低保), `orphan`, `disabled`, `family_planning_special`, or none.
    pub hardship: Option<String>,
    /// The children attend (or will attend) a 普惠 facility.
    pub inclusive_facility: bool,
    /// `one_parent` (one takes the whole deduction, the default) or `halves`.
    pub split: Option<String>,
    /// One parent's monthly taxable income in yuan (after the basic deduction and social
    /// insurance), e.g. "8000" or "8000.50"; none to skip the tax saving.
    pub monthly_taxable_income: Option<String>,
}

/// A facility's situation as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FacilityInput {
    pub inclusive: bool,
    pub filed: bool,
    /// `1`, `2`, `3` or `none` (未评定).
    pub grade: String,
    /// `public`, `private`, `public_built` or `public_aided`.
    pub ownership: String,
    /// Already supported with public housing or premises funds.
    pub housing_supported: bool,
    /// Filed places, 1 to 2,000.
    pub filed_places: u32,
    /// Enrolled children in 乳儿班, 托小班 and 托大班; together at most the filed places.
    pub enrolled_infant: u32,
    pub enrolled_toddler: u32,
    pub enrolled_older: u32,
    /// Actual rent per m² and month in yuan, e.g. "12" or "8.50"; 0 to 1,000.
    pub rent_per_m2: String,
    pub national_model: bool,
    pub municipal_model: bool,
    /// Broke the 普惠 price rules this period (item 19).
    pub price_breach: bool,
}

/// One line of an answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LineView {
    /// The rule's id, e.g. `childcare-subsidy`, `opening-subsidy`.
    pub rule: String,
    /// The policy entry explaining it (`/api/v1/policies/{id}`).
    pub policy_id: String,
    /// Which child (from 0), for family lines.
    pub child: Option<u32>,
    /// The calendar year (family) or the year of payment, 1 or 2 (facility).
    pub year: Option<i32>,
    /// Months, places, children or 1, as the rule counts.
    pub quantity: i64,
    pub amount_fen: i64,
    /// The amount in yuan, "3,600.00".
    pub amount_yuan: String,
    /// Why the amount is 0, when it is (e.g. `occupancy_too_low`).
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FamilyAnswer {
    pub lines: Vec<LineView>,
    /// Childcare subsidy and hardship aid together, fen.
    pub total_received_fen: i64,
    /// Tax saved over the years shown, fen (0 without an income).
    pub total_tax_saved_fen: i64,
    /// The marginal rate at the income given, per cent.
    pub marginal_rate_percent: Option<i64>,
    /// `YYYY-MM-DD`: the day the calculation is for.
    pub as_of: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FacilityAnswer {
    pub lines: Vec<LineView>,
    pub first_year_fen: i64,
    pub second_year_fen: i64,
    pub total_fen: i64,
    /// Enrolled ÷ filed places, per mille.
    pub occupancy_per_mille: i64,
}

/// Policies for `audience` (`family`, `facility`; empty for all) matching `q`.
#[server(input = GetUrl, prefix = "/api", endpoint = "policies")]
pub async fn fetch_policies(audience: Option<String>, q: Option<String>) -> Result<Vec<Policy>, AppError> {
    crate::api::reply(server::policies(audience.as_deref(), q.as_deref()))
}

#[server(input = GetUrl, prefix = "/api", endpoint = "policy")]
pub async fn fetch_policy(id: String) -> Result<Policy, AppError> {
    crate::api::reply(server::policy(&id))
}

#[server(prefix = "/api", endpoint = "calculate_family")]
pub async fn calculate_family(input: FamilyInput) -> Result<FamilyAnswer, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::family(&state, &input))
}

#[server(prefix = "/api", endpoint = "calculate_facility")]
pub async fn calculate_facility(input: FacilityInput) -> Result<FacilityAnswer, AppError> {
    crate::api::reply(server::facility(&input))
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::content::policies::PolicyCatalogue;
    use crate::domain::calendar::CivilDate;
    use crate::domain::facility::{ClassLevel, Grade, Ownership};
    use crate::domain::policy::facility::FacilityCase;
    use crate::domain::policy::family::{FamilyCase, Hardship, Split};
    use crate::domain::policy::money::Fen;
    use crate::domain::policy::{Audience, Line, PolicyRefusal};
    use crate::api::lessons::MAX_WORDS;
    use crate::state::AppState;

    pub fn line(line: &Line) -> LineView {
        LineView {
            rule: line.rule.code().into(),
            policy_id: line.rule.policy_id().into(),
            child: line.child.and_then(|c| u32::try_from(c).ok()),
            year: line.year,
            quantity: line.quantity,
            amount_fen: line.amount.0,
            amount_yuan: line.amount.to_yuan_string(),
            reason: line.reason.map(|r| r.code().to_string()),
        }
    }

    pub fn policies(audience: Option<&str>, words: Option<&str>) -> Result<Vec<Policy>, AppError> {
        let audience = match audience.map(str::trim).filter(|a| !a.is_empty()) {
            None => None,
            Some(code) => Some(Audience::from_code(code).ok_or(AppError::refused(PolicyRefusal::Audience))?),
        };
        let words: Option<String> = words.map(|w| w.chars().take(MAX_WORDS).collect());
        Ok(PolicyCatalogue::embedded().find(audience, words.as_deref()))
    }

    pub fn policy(id: &str) -> Result<Policy, AppError> {
        PolicyCatalogue::embedded().get(id.trim()).cloned().ok_or(AppError::NotFound)
    }

    /// Parses what was typed into the domain's case.
    pub fn family_case(input: &FamilyInput) -> Result<FamilyCase, AppError> {
        let births = input.children.iter().map(|b| CivilDate::parse(b)).collect::<Result<Vec<_>, _>>().map_err(|_| AppError::refused(PolicyRefusal::BirthDate))?;
        let hardship = match input.hardship.as_deref().map(str::trim).filter(|h| !h.is_empty() && *h != "none") {
            None => None,
            Some(code) => Some(Hardship::from_code(code).ok_or(AppError::refused(PolicyRefusal::HardshipCategory))?),
        };
        let split = match input.split.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Split::OneParent,
            Some(code) => Split::from_code(code).ok_or(AppError::refused(PolicyRefusal::Split))?,
        };
        let monthly_taxable_income = match input.monthly_taxable_income.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            None => None,
            Some(text) => Some(Fen::parse_yuan(text).ok_or(AppError::refused(PolicyRefusal::Income))?),
        };
        Ok(FamilyCase { births, chongqing_registered: input.chongqing_registered, hardship, inclusive_facility: input.inclusive_facility, split, monthly_taxable_income })
    }

    pub fn family(state: &AppState, input: &FamilyInput) -> Result<FamilyAnswer, AppError> {
        let today = CivilDate::in_china_at(state.clock.now());
        let result = crate::domain::policy::family::calculate(&family_case(input)?, today).map_err(AppError::refused)?;
        Ok(FamilyAnswer {
            lines: result.lines.iter().map(line).collect(),
            total_received_fen: result.total_received.0,
            total_tax_saved_fen: result.total_tax_saved.0,
            marginal_rate_percent: result.marginal_rate,
            as_of: today.to_string(),
        })
    }

    pub fn facility_case(input: &FacilityInput) -> Result<FacilityCase, AppError> {
        let grade = Grade::from_code(input.grade.trim()).ok_or(AppError::refused(PolicyRefusal::Grade))?;
        let ownership = Ownership::from_code(input.ownership.trim()).ok_or(AppError::refused(PolicyRefusal::Ownership))?;
        let rent_per_m2 = Fen::parse_yuan(&input.rent_per_m2).ok_or(AppError::refused(PolicyRefusal::Rent))?;
        Ok(FacilityCase {
            inclusive: input.inclusive,
            filed: input.filed,
            grade,
            ownership,
            housing_supported: input.housing_supported,
            filed_places: input.filed_places,
            enrolled: [(ClassLevel::Infant, input.enrolled_infant), (ClassLevel::Toddler, input.enrolled_toddler), (ClassLevel::Older, input.enrolled_older)],
            rent_per_m2,
            national_model: input.national_model,
            municipal_model: input.municipal_model,
            price_breach: input.price_breach,
        })
    }

    pub fn facility(input: &FacilityInput) -> Result<FacilityAnswer, AppError> {
        let result = crate::domain::policy::facility::calculate(&facility_case(input)?).map_err(AppError::refused)?;
        Ok(FacilityAnswer {
            lines: result.lines.iter().map(line).collect(),
            first_year_fen: result.first_year.0,
            second_year_fen: result.second_year.0,
            total_fen: result.total.0,
            occupancy_per_mille: result.occupancy_per_mille,
        })
    }
}

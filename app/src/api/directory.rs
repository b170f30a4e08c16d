//! Reading the facility directory: the list with search and street/town filter, one facility
//! with its classes, and the district summary on the home page.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::Timestamp;
use crate::domain::facility::{ClassLevel, Facility, FacilityKind, FilingStatus, Grade};
use crate::domain::vacancy::Vacancy;
use crate::error::AppError;

/// Facilities per page of the list.
pub const PAGE_SIZE: u32 = 20;
/// Longest search text we look for; longer input is cut, not refused.
pub const MAX_SEARCH_CHARS: usize = 40;

/// The list's query as it comes from the URL: raw text, validated on the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    pub q: Option<String>,
    pub street: Option<String>,
    pub page: Option<String>,
}

/// One facility in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacilityCard {
    pub id: i64,
    pub name: String,
    pub kind: FacilityKind,
    pub inclusive: bool,
    pub unit_code: u32,
    pub address: String,
    pub grade: Grade,
    pub filing_status: FilingStatus,
    /// Lowest monthly fee over its classes.
    pub fee_from: Option<u32>,
    pub vacancy: Vacancy,
    pub is_demo: bool,
}

/// A page of the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacilityPage {
    pub cards: Vec<FacilityCard>,
    pub total: u64,
    /// 1-based, after correction into the valid range.
    pub page: u32,
    pub pages: u32,
    /// The search text actually used (trimmed and cut to length).
    pub search: Option<String>,
    pub unit_code: Option<u32>,
    /// Names of query parameters that were not understood and were ignored.
    pub ignored: Vec<String>,
    pub as_of: Timestamp,
}

/// A class as families see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassView {
    pub level: ClassLevel,
    pub monthly_fee: u32,
    pub filed_capacity: u32,
    pub staffed_capacity: u32,
    pub enrolled: u32,
    pub vacancy: Vacancy,
    pub updated_at: Timestamp,
}

/// Everything public about one facility.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacilityDetail {
    pub facility: Facility,
    pub classes: Vec<ClassView>,
    pub vacancy: Vacancy,
    pub as_of: Timestamp,
}

/// Figures for the home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistrictSummary {
    pub facilities: u64,
    pub inclusive_facilities: u64,
    /// Free places in classes with current figures.
    pub free_places: u64,
    pub demo: bool,
    pub as_of: Timestamp,
}

#[server(input = GetUrl, prefix = "/api", endpoint = "facilities")]
pub async fn list_facilities(query: ListQuery) -> Result<FacilityPage, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::list(&state, query).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "facility")]
pub async fn fetch_facility_detail(id: String) -> Result<FacilityDetail, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::detail(&state, &id).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "summary")]
pub async fn fetch_district_summary() -> Result<DistrictSummary, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::summary(&state).await)
}

/// The plain functions behind the server functions, callable from tests and `/api/v1`.
#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::domain::district::parse_unit_code;
    use crate::domain::vacancy::facility_vacancy;
    use crate::state::AppState;
    use crate::store::directory::FacilityFilter;

    pub async fn list(state: &AppState, query: ListQuery) -> Result<FacilityPage, AppError> {
        let now = state.clock.now();
        let mut ignored = Vec::new();
        let search = query
            .q
            .as_deref()
            .map(|q| q.trim().chars().filter(|c| !c.is_control()).take(MAX_SEARCH_CHARS).collect::<String>())
            .filter(|q| !q.is_empty());
        let unit_code = match query.street.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(raw) => {
                let code = parse_unit_code(raw);
                if code.is_none() {
                    ignored.push("street".to_string());
                }
                code
            }
        };
        let requested_page = match query.page.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => 1,
            Some(raw) => raw.parse::<u32>().unwrap_or_else(|_| {
                ignored.push("page".to_string());
                1
            }),
        };
        let filter = FacilityFilter { text: search.clone(), unit_code };
        // Count first so that an absurd page number lands on the last page instead of nothing.
        let total = state.store.count_matching(&filter).await?;
        let pages = (total.div_ceil(PAGE_SIZE as u64) as u32).max(1);
        let page = requested_page.clamp(1, pages);
        let offset = (page as u64 - 1) * PAGE_SIZE as u64;
        let facilities = state.store.list_facilities(&filter, PAGE_SIZE, offset).await?;
        let ids: Vec<i64> = facilities.iter().map(|f| f.id).collect();
        let classes = state.store.classes_of(&ids).await?;
        let cards = facilities
            .into_iter()
            .map(|f| {
                let own: Vec<_> = classes.iter().filter(|c| c.facility_id == f.id).cloned().collect();
                FacilityCard {
                    id: f.id,
                    fee_from: own.iter().map(|c| c.monthly_fee).min(),
                    vacancy: facility_vacancy(&own, now),
                    name: f.name,
                    kind: f.kind,
                    inclusive: f.inclusive,
                    unit_code: f.unit_code,
                    address: f.address,
                    grade: f.grade,
                    filing_status: f.filing_status,
                    is_demo: f.is_demo,
                }
            })
            .collect();
        Ok(FacilityPage { cards, total, page, pages, search, unit_code, ignored, as_of: now })
    }

    pub async fn detail(state: &AppState, raw_id: &str) -> Result<FacilityDetail, AppError> {
        // Any id that is not a positive number cannot exist: the same 404 as an unknown one.
        let id = raw_id.trim().parse::<i64>().ok().filter(|id| *id > 0).ok_or(AppError::NotFound)?;
        let facility = state.store.facility(id).await?.ok_or(AppError::NotFound)?;
        let now = state.clock.now();
        let classes = state.store.classes_of(&[id]).await?;
        let vacancy = facility_vacancy(&classes, now);
        let classes = classes
            .iter()
            .map(|c| ClassView {
                level: c.level,
                monthly_fee: c.monthly_fee,
                filed_capacity: c.filed_capacity,
                staffed_capacity: c.staffed_capacity,
                enrolled: c.enrolled,
                vacancy: Vacancy::of(c, now),
                updated_at: c.updated_at,
            })
            .collect();
        Ok(FacilityDetail { facility, classes, vacancy, as_of: now })
    }

    pub async fn summary(state: &AppState) -> Result<DistrictSummary, AppError> {
        let now = state.clock.now();
        let figures = state.store.district_figures(now).await?;
        Ok(DistrictSummary {
            facilities: figures.facilities,
            inclusive_facilities: figures.inclusive_facilities,
            free_places: figures.free_places,
            demo: figures.demo_facilities > 0,
            as_of: now,
        })
    }
}

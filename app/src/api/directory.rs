//! Reading the facility directory: the finder (list and map), one facility with its classes,
//! and the district summary on the home page.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::Timestamp;
use crate::domain::facility::{ClassLevel, Facility, FacilityKind, Grade};
use crate::domain::finder::{FinderParams, FinderQuery, MapPin, Note, Surroundings};
use crate::domain::geo::GeoPoint;
use crate::domain::vacancy::Vacancy;
use crate::error::AppError;

/// Facilities per page of the list.
pub const PAGE_SIZE: u32 = 20;
/// Most pins the map receives; beyond this the page asks to narrow the search.
pub const MAX_PINS: u32 = 2_000;

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
    /// Lowest monthly fee of the classes that fit the query.
    pub fee_from: Option<u32>,
    pub vacancy: Vacancy,
    pub distance_m: Option<f64>,
    pub is_demo: bool,
    /// Parents' score, one decimal, from 3 ratings on.
    pub rating: Option<String>,
    pub rating_count: u32,
}

/// The OpenAPI schema of a [`Vacancy`] as it is sent: `{"Free": n}` with n ≥ 1, or the
/// string `"Full"` or `"Unknown"` (figures older than 30 days).
#[cfg(feature = "ssr")]
pub fn vacancy_schema() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
    OneOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::String).enum_values(Some(["Full", "Unknown"])))
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Object)
                .property("Free", ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(1)))
                .required("Free"),
        )
        .into()
}

/// What the finder answers: a page of cards (list view) or every pin (map view).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FinderResult {
    /// The query as understood, after corrections.
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub query: FinderQuery,
    /// What was corrected or ignored, to explain on the page.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Object>))]
    pub notes: Vec<Note>,
    pub total: u64,
    /// 1-based, within `1..=pages`.
    pub page: u32,
    pub pages: u32,
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Object>))]
    pub cards: Vec<FacilityCard>,
    /// Map pins: id, position (WGS-84), vacancy.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Object>))]
    pub pins: Vec<MapPin>,
    /// More facilities matched than `MAX_PINS`.
    pub pins_truncated: bool,
    /// Where distances are measured from.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<Object>))]
    pub origin: Option<GeoPoint>,
    /// The 15-minute circle around the origin.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<Object>))]
    pub surroundings: Option<Surroundings>,
    /// The class a child of the given age joins, when an age was given.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub class_for_age: Option<ClassLevel>,
    /// Unix seconds: when these figures were read.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub as_of: Timestamp,
}

/// A class as families see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClassView {
    /// `Infant` (6–12 months), `Toddler` (12–24), `Older` (24–36).
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub level: ClassLevel,
    pub monthly_fee: u32,
    pub filed_capacity: u32,
    pub staffed_capacity: u32,
    pub enrolled: u32,
    /// `{"Free": n}`, `"Full"` or `"Unknown"` (figures older than 30 days).
    #[cfg_attr(feature = "ssr", schema(schema_with = crate::api::directory::vacancy_schema))]
    pub vacancy: Vacancy,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub updated_at: Timestamp,
}

/// Everything public about one facility.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FacilityDetail {
    /// Name, kind, ownership, 普惠 status and capped fee, filing, grade, address, WGS-84
    /// location, phone, hours, service types.
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub facility: Facility,
    pub classes: Vec<ClassView>,
    /// The facility's vacancy: as a class's.
    #[cfg_attr(feature = "ssr", schema(schema_with = crate::api::directory::vacancy_schema))]
    pub vacancy: Vacancy,
    /// GCJ-02 position for Chinese navigation apps.
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub navigation: GeoPoint,
    /// Published fees (current, coming, earlier), in fen, with the district's caps for 普惠 facilities.
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub fees: crate::api::fees::FacilityFees,
    /// Certified care staff over all care staff on the current roster; absent when none is listed.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<Object>))]
    pub certification: Option<crate::domain::roster::CertificationRate>,
    /// Published photos of the place (each at `/api/v1/photos/{id}/{phone|desktop}`).
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Object>))]
    pub photos: Vec<crate::domain::gallery::PhotoEntry>,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
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

#[server(input = GetUrl, prefix = "/api", endpoint = "find")]
pub async fn find_facilities(#[server(flatten)] params: FinderParams) -> Result<FinderResult, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::find(&state, &params).await)
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
    use crate::domain::calendar::CivilDate;
    use crate::domain::finder::{self, View, WALK_15_MIN_RADIUS_M};
    use crate::domain::geo::wgs84_to_gcj02;
    use crate::domain::vacancy::facility_vacancy;
    use crate::state::AppState;

    pub async fn find(state: &AppState, params: &FinderParams) -> Result<FinderResult, AppError> {
        let now = state.clock.now();
        let (query, notes) = finder::parse(params, CivilDate::in_china_at(now));
        let store = &state.store;
        let total = store.search_count(&query, now).await?;
        let pages = (total.div_ceil(PAGE_SIZE as u64) as u32).max(1);
        // An absurd page number lands on the last page instead of an empty one.
        let page = query.page.clamp(1, pages);
        let (cards, pins) = match query.view {
            View::List => {
                let hits = store.search(&query, now, PAGE_SIZE, (page as u64 - 1) * PAGE_SIZE as u64).await?;
                let cards = hits
                    .into_iter()
                    .map(|hit| FacilityCard {
                        id: hit.facility.id,
                        name: hit.facility.name,
                        kind: hit.facility.kind,
                        inclusive: hit.facility.inclusive,
                        unit_code: hit.facility.unit_code,
                        address: hit.facility.address,
                        grade: hit.facility.grade,
                        fee_from: hit.fee_from,
                        vacancy: hit.vacancy,
                        distance_m: hit.distance_m,
                        is_demo: hit.facility.is_demo,
                        rating: hit.rating_score.map(crate::domain::rating::score::one_decimal),
                        rating_count: hit.rating_count,
                    })
                    .collect();
                (cards, Vec::new())
            }
            View::Map => (Vec::new(), store.search_pins(&query, now, MAX_PINS).await?),
        };
        let surroundings = match query.origin {
            Some(_) => Some(store.search_surroundings(&query, now, WALK_15_MIN_RADIUS_M).await?),
            None => None,
        };
        Ok(FinderResult {
            pins_truncated: query.view == View::Map && total > MAX_PINS as u64,
            origin: query.origin.map(|o| o.point()),
            class_for_age: query.age.map(|a| a.class),
            query,
            notes,
            total,
            page,
            pages,
            cards,
            pins,
            surroundings,
            as_of: now,
        })
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
        let fees = crate::api::fees::server::facility_fees(state, &facility, CivilDate::in_china_at(now)).await?;
        let certification = crate::api::roster::server::facility_rate(state, id).await?;
        let photos = state.store.facility_photos(id, true).await?;
        Ok(FacilityDetail { navigation: wgs84_to_gcj02(facility.location), facility, classes, vacancy, fees, certification, photos, as_of: now })
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

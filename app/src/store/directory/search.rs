//! The finder's queries: every filter, sort and distance limit of a `FinderQuery` in one SQL
//! text that runs on both databases.
//!
//! Per-facility figures (lowest fee, free places, classes with current figures) come from
//! correlated subqueries over `classes`, limited to the child's class when an age is given, so
//! the list and map always agree with the detail page. Distances are sorted by a flat-earth
//! approximation in SQL (exact enough to order places in one district) and shown with the exact
//! great-circle distance computed here.

use super::super::db::SqlBuilder;
use super::super::{Store, StoreError};
use super::{FacilityRow, FACILITY_COLUMNS};
use crate::domain::calendar::Timestamp;
use crate::domain::facility::Facility;
use crate::domain::finder::{FinderQuery, MapPin, SortOrder, Surroundings};
use crate::domain::geo::GeoPoint;
use crate::domain::rating::score::{one_decimal, GOOD_SCORE, NEUTRAL_MEAN, PRIOR_WEIGHT};
use crate::domain::vacancy::{Vacancy, STALE_AFTER_DAYS};

const METRES_PER_DEGREE: f64 = 111_194.9;

/// Free places of one class, in SQL: min(filed, staffed) − enrolled − held.
const CLASS_FREE: &str =
    "CASE WHEN c.filed_capacity < c.staffed_capacity THEN c.filed_capacity ELSE c.staffed_capacity END - c.enrolled - c.held";

/// The stored rating figures (`store::ratings::figures`) the list, pins and rating sort use.
const RATING_COLUMNS: &str = "f.rating_count, f.rating_score, f.rating_weighted_sum, f.rating_weight_total";

/// One facility in the results, with its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    pub facility: Facility,
    /// Lowest monthly fee of the classes that fit the query.
    pub fee_from: Option<u32>,
    pub vacancy: Vacancy,
    /// Metres from the query's origin.
    pub distance_m: Option<f64>,
    /// Parents' ratings and the score shown (from 3 ratings).
    pub rating_count: u32,
    pub rating_score: Option<f64>,
}

#[derive(sqlx::FromRow)]
struct HitRow {
    #[sqlx(flatten)]
    facility: FacilityRow,
    fee_from: Option<i64>,
    free_places: i64,
    fresh_classes: i64,
    rating_count: i64,
    rating_score: Option<f64>,
}

#[derive(sqlx::FromRow)]
struct PinRow {
    id: i64,
    name: String,
    lon: f64,
    lat: f64,
    inclusive: bool,
    is_demo: bool,
    fee_from: Option<i64>,
    free_places: i64,
    fresh_classes: i64,
    rating_score: Option<f64>,
}

#[derive(sqlx::FromRow)]
struct TotalsRow {
    facilities: i64,
    free_places: i64,
}

/// The vacancy of a facility from its totals: unknown when no class has current figures.
fn vacancy_from_totals(fresh_classes: i64, free_places: i64) -> Vacancy {
    match (fresh_classes, free_places) {
        (0, _) => Vacancy::Unknown,
        (_, n) if n <= 0 => Vacancy::Full,
        (_, n) => Vacancy::Free(n as u32),
    }
}

/// Which columns the inner query selects.
enum Columns {
    Full,
    Pin,
    Count,
}

/// Appends the condition that a class fits the query (the child's class, the fee range and,
/// when asked, a free place now) to a subquery over `classes c`.
fn class_conditions(sql: &mut SqlBuilder, query: &FinderQuery, fresh_since: i64, with_fee_and_vacancy: bool) {
    if let Some(age) = &query.age {
        sql.push(" AND c.level = ").arg(age.class.code());
    }
    if with_fee_and_vacancy {
        if let Some(low) = query.fee_min {
            sql.push(" AND c.monthly_fee >= ").arg(low);
        }
        if let Some(high) = query.fee_max {
            sql.push(" AND c.monthly_fee <= ").arg(high);
        }
        if query.vacant_only {
            sql.push(" AND c.updated_at > ").arg(fresh_since).push(&format!(" AND {CLASS_FREE} > 0"));
        }
    }
}

/// The filtered facilities with their figures, as a subquery named `hits`. The figures come
/// from one aggregate over `classes` joined to the facilities (a single pass, which both
/// databases run as a hash aggregate) and are left out when only counting.
fn inner_query(query: &FinderQuery, now: Timestamp, columns: Columns) -> SqlBuilder {
    let fresh_since = now.0 - STALE_AFTER_DAYS * Timestamp::SECONDS_PER_DAY;
    let mut sql = SqlBuilder::new("SELECT * FROM (SELECT ");
    match columns {
        Columns::Full => {
            let prefixed: Vec<String> = FACILITY_COLUMNS.split(',').map(|c| format!("f.{}", c.trim())).collect();
            sql.push(&prefixed.join(", "));
            sql.push(&format!(", {RATING_COLUMNS}"));
        }
        Columns::Pin => {
            sql.push(&format!("f.id, f.name, f.lon, f.lat, f.inclusive, f.is_demo, {RATING_COLUMNS}"));
        }
        Columns::Count => {
            sql.push("f.id");
        }
    }
    let with_figures = !matches!(columns, Columns::Count);
    if with_figures {
        sql.push(", agg.fee_from, COALESCE(agg.free_places, 0) AS free_places, COALESCE(agg.fresh_classes, 0) AS fresh_classes");
    }
    match query.origin {
        Some(origin) => {
            let o = origin.point();
            let kx = o.lat.to_radians().cos() * METRES_PER_DEGREE;
            sql.push(", ((f.lon - ").arg(o.lon).push(") * ").arg(kx).push(") * ((f.lon - ").arg(o.lon).push(") * ").arg(kx);
            sql.push(") + ((f.lat - ").arg(o.lat).push(") * ").arg(METRES_PER_DEGREE).push(") * ((f.lat - ").arg(o.lat);
            sql.push(") * ").arg(METRES_PER_DEGREE).push(") AS dist2");
        }
        None => {
            sql.push(", CAST(NULL AS DOUBLE PRECISION) AS dist2");
        }
    }
    sql.push(" FROM facilities f");
    if with_figures {
        sql.push(" LEFT JOIN (SELECT c.facility_id, MIN(c.monthly_fee) AS fee_from");
        sql.push(", CAST(SUM(CASE WHEN c.updated_at > ").arg(fresh_since);
        sql.push(&format!(" THEN {CLASS_FREE} ELSE 0 END) AS BIGINT) AS free_places"));
        sql.push(", CAST(SUM(CASE WHEN c.updated_at > ").arg(fresh_since).push(" THEN 1 ELSE 0 END) AS BIGINT) AS fresh_classes");
        sql.push(" FROM classes c WHERE 1 = 1");
        class_conditions(&mut sql, query, fresh_since, false);
        sql.push(" GROUP BY c.facility_id) agg ON agg.facility_id = f.id");
    }
    // A facility whose closure was filed has left the finder.
    sql.push(" WHERE f.closed_at IS NULL");

    if let Some(text) = &query.text {
        let pattern = super::like_pattern(text);
        sql.push(" AND (lower(f.name) LIKE ").arg(pattern.clone()).push(" ESCAPE '\\'");
        sql.push(" OR lower(f.address) LIKE ").arg(pattern).push(" ESCAPE '\\'");
        if let Some(initials) = &query.initials {
            sql.push(" OR f.search_initials LIKE ").arg(super::like_pattern(initials)).push(" ESCAPE '\\'");
        }
        sql.push(")");
    }
    if let Some(code) = query.unit_code {
        sql.push(" AND f.unit_code = ").arg(code);
    }
    if query.inclusive_only {
        sql.push(" AND f.inclusive = ").arg(true);
    }
    if query.well_rated_only {
        sql.push(" AND f.rating_score >= ").arg(GOOD_SCORE);
    }
    if let Some(kind) = query.kind {
        sql.push(" AND f.kind = ").arg(kind.code());
    }
    let grades = query.accepted_grades();
    if !grades.is_empty() {
        sql.push(" AND f.grade IN (");
        for (i, grade) in grades.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.arg(grade.code());
        }
        sql.push(")");
    }
    if let Some(service) = query.service {
        // Codes are distinct words, none part of another, so a substring match is exact.
        sql.push(" AND f.service_types LIKE ").arg(format!("%{}%", service.code()));
    }
    if query.age.is_some() || query.fee_min.is_some() || query.fee_max.is_some() || query.vacant_only {
        sql.push(" AND EXISTS (SELECT 1 FROM classes c WHERE c.facility_id = f.id");
        class_conditions(&mut sql, query, fresh_since, true);
        sql.push(")");
    }
    if let (Some(origin), Some(radius)) = (query.origin, query.within_m) {
        // A bounding box the index can use; the exact circle is applied on `dist2` outside.
        let o = origin.point();
        let d_lat = radius as f64 / METRES_PER_DEGREE;
        let d_lon = radius as f64 / (o.lat.to_radians().cos() * METRES_PER_DEGREE);
        sql.push(" AND f.lat BETWEEN ").arg(o.lat - d_lat).push(" AND ").arg(o.lat + d_lat);
        sql.push(" AND f.lon BETWEEN ").arg(o.lon - d_lon).push(" AND ").arg(o.lon + d_lon);
    }
    sql.push(") hits WHERE 1 = 1");
    if let (Some(_), Some(radius)) = (query.origin, query.within_m) {
        sql.push(" AND dist2 <= ").arg((radius as f64).powi(2));
    }
    sql
}

/// Orders the hits; `district_mean` is needed by the rating sort only.
fn order_by(sql: &mut SqlBuilder, query: &FinderQuery, district_mean: f64) {
    let order = match (query.sort, query.origin.is_some()) {
        (SortOrder::Distance, true) | (SortOrder::Default, true) => "dist2, id",
        (SortOrder::Fee, _) => "CASE WHEN fee_from IS NULL THEN 1 ELSE 0 END, fee_from, id",
        (SortOrder::Vacancy, _) => "free_places DESC, id",
        (SortOrder::Rating, _) => {
            // `domain::rating::score::sort_key`, in SQL (a store test ties the two).
            sql.push(" ORDER BY (rating_weighted_sum + ").arg(PRIOR_WEIGHT * district_mean).push(") / (rating_weight_total + ").arg(PRIOR_WEIGHT);
            sql.push(") DESC, rating_count DESC, id");
            return;
        }
        (SortOrder::Distance, false) | (SortOrder::Default, false) => "id",
    };
    sql.push(" ORDER BY ").push(order);
}

impl Store {
    /// The district's mean when the query sorts by rating (one aggregate), else unused.
    async fn mean_for(&self, query: &FinderQuery) -> Result<f64, StoreError> {
        match query.sort {
            SortOrder::Rating => self.district_rating_mean().await,
            _ => Ok(NEUTRAL_MEAN),
        }
    }
}

impl Store {
    /// How many facilities match.
    pub async fn search_count(&self, query: &FinderQuery, now: Timestamp) -> Result<u64, StoreError> {
        let mut sql = SqlBuilder::new("SELECT COUNT(*) AS facilities, CAST(0 AS BIGINT) AS free_places FROM (");
        let inner = inner_query(query, now, Columns::Count);
        sql.append(inner);
        sql.push(") counted");
        let (sql, args) = sql.finish();
        let totals: TotalsRow = self.db().fetch_one("count search results", &sql, args).await?;
        Ok(totals.facilities as u64)
    }

    /// One page of matching facilities, in the query's order.
    pub async fn search(&self, query: &FinderQuery, now: Timestamp, limit: u32, offset: u64) -> Result<Vec<SearchHit>, StoreError> {
        let mean = self.mean_for(query).await?;
        let mut sql = inner_query(query, now, Columns::Full);
        order_by(&mut sql, query, mean);
        sql.push(" LIMIT ").arg(limit as i64).push(" OFFSET ").arg(offset as i64);
        let (sql, args) = sql.finish();
        let rows: Vec<HitRow> = self.db().fetch_all("search facilities", &sql, args).await?;
        let origin = query.origin.map(|o| o.point());
        rows.into_iter()
            .map(|row| {
                let facility = Facility::try_from(row.facility)?;
                let distance_m = origin.map(|o| o.distance_m(facility.location));
                Ok(SearchHit {
                    fee_from: row.fee_from.map(|f| f as u32),
                    vacancy: vacancy_from_totals(row.fresh_classes, row.free_places),
                    distance_m,
                    facility,
                    rating_count: row.rating_count.max(0) as u32,
                    rating_score: row.rating_score,
                })
            })
            .collect()
    }

    /// Every matching facility as a pin, at most `cap` of them (nearest or first ones).
    pub async fn search_pins(&self, query: &FinderQuery, now: Timestamp, cap: u32) -> Result<Vec<MapPin>, StoreError> {
        let mean = self.mean_for(query).await?;
        let mut sql = inner_query(query, now, Columns::Pin);
        order_by(&mut sql, query, mean);
        sql.push(" LIMIT ").arg(cap as i64);
        let (sql, args) = sql.finish();
        let rows: Vec<PinRow> = self.db().fetch_all("search pins", &sql, args).await?;
        Ok(rows
            .into_iter()
            .map(|row| MapPin {
                id: row.id,
                name: row.name,
                location: GeoPoint { lon: row.lon, lat: row.lat },
                inclusive: row.inclusive,
                is_demo: row.is_demo,
                fee_from: row.fee_from.map(|f| f as u32),
                vacancy: vacancy_from_totals(row.fresh_classes, row.free_places),
                rating: row.rating_score.map(one_decimal),
            })
            .collect())
    }

    /// Matching facilities and their free places within `radius_m` of the query's origin.
    pub async fn search_surroundings(&self, query: &FinderQuery, now: Timestamp, radius_m: u32) -> Result<Surroundings, StoreError> {
        let mut circle = query.clone();
        circle.within_m = Some(radius_m);
        let mut sql = SqlBuilder::new("SELECT COUNT(*) AS facilities, CAST(COALESCE(SUM(free_places), 0) AS BIGINT) AS free_places FROM (");
        sql.append(inner_query(&circle, now, Columns::Pin));
        sql.push(") around");
        let (sql, args) = sql.finish();
        let totals: TotalsRow = self.db().fetch_one("count surroundings", &sql, args).await?;
        Ok(Surroundings { radius_m, facilities: totals.facilities as u64, free_places: totals.free_places.max(0) as u64 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_current_figures_means_unknown_even_with_free_places_on_record() {
        assert_eq!(vacancy_from_totals(0, 12), Vacancy::Unknown);
        assert_eq!(vacancy_from_totals(2, 0), Vacancy::Full);
        assert_eq!(vacancy_from_totals(2, 5), Vacancy::Free(5));
    }
}

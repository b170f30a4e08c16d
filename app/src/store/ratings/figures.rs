//! Each facility's stored rating figures (count, shown score, weighted sum and total), computed
//! by `domain::rating::score::summarise` — the one definition — and written where the finder
//! can filter and sort by them and a facility's page can read them from one row. Refreshed in
//! the transaction of every change to a facility's ratings, and once a day for every rated
//! facility (a rating's weight halves at 24 months).

use super::read::date_of;
use super::{StarsRow, STAR_COLUMNS};
use crate::args;
use crate::domain::calendar::CivilDate;
use crate::domain::rating::score::{district_mean, summarise, Counted, Summary};
use crate::domain::rating::Aspect;
use crate::store::db::{SqlBuilder, Tx};
use crate::store::{Store, StoreError};

/// Facilities refreshed per transaction by the daily refresh.
const REFRESH_BATCH: usize = 500;

#[derive(sqlx::FromRow)]
struct FigureRow {
    facility_id: i64,
    #[sqlx(flatten)]
    stars: StarsRow,
    rated_on: String,
}

/// The per-aspect means and star-level counts, in `Aspect::ALL` and 1–5 order.
const ASPECT_COLUMNS: &str = "rating_safety, rating_hygiene_meals, rating_care, rating_communication, rating_environment, rating_fees";
const STAR_LEVEL_COLUMNS: &str = "rating_stars_1, rating_stars_2, rating_stars_3, rating_stars_4, rating_stars_5";

/// A facility's stored figures, as `write_figures` left them.
#[derive(sqlx::FromRow)]
struct StoredFigures {
    rating_count: i64,
    rating_score: Option<f64>,
    rating_weighted_sum: f64,
    rating_weight_total: f64,
    rating_safety: Option<f64>,
    rating_hygiene_meals: Option<f64>,
    rating_care: Option<f64>,
    rating_communication: Option<f64>,
    rating_environment: Option<f64>,
    rating_fees: Option<f64>,
    rating_stars_1: i64,
    rating_stars_2: i64,
    rating_stars_3: i64,
    rating_stars_4: i64,
    rating_stars_5: i64,
    rating_as_of: Option<String>,
}

impl StoredFigures {
    /// The summary they hold, if they are `today`'s (a rating's weight depends on the day).
    /// A facility never rated needs no date: every change to its ratings writes its figures.
    fn summary_on(&self, today: CivilDate) -> Option<Summary> {
        let count = usize::try_from(self.rating_count).ok()?;
        if count > 0 && self.rating_as_of.as_deref() != Some(today.to_string().as_str()) {
            return None;
        }
        let means = [self.rating_safety, self.rating_hygiene_meals, self.rating_care, self.rating_communication, self.rating_environment, self.rating_fees];
        let per_aspect = match means.iter().copied().collect::<Option<Vec<f64>>>() {
            Some(means) => Aspect::ALL.iter().copied().zip(means).collect(),
            None => Vec::new(),
        };
        let levels = [self.rating_stars_1, self.rating_stars_2, self.rating_stars_3, self.rating_stars_4, self.rating_stars_5];
        let mut per_star = [0usize; 5];
        for (slot, level) in per_star.iter_mut().zip(levels) {
            *slot = usize::try_from(level).ok()?;
        }
        Some(Summary {
            count,
            score: self.rating_score,
            per_aspect,
            per_star,
            weighted_sum: self.rating_weighted_sum,
            weight_total: self.rating_weight_total,
        })
    }
}

#[derive(sqlx::FromRow)]
struct FacilityId {
    id: i64,
}

#[derive(sqlx::FromRow)]
struct Totals {
    weighted_sum: Option<f64>,
    weight_total: Option<f64>,
}

async fn write_figures(tx: &mut Tx, facility_id: i64, summary: &Summary, today: CivilDate) -> Result<(), StoreError> {
    let mean = |index: usize| summary.per_aspect.get(index).map(|(_, mean)| *mean);
    let level = |index: usize| summary.per_star[index] as i64;
    tx.execute(
        "store rating figures",
        "UPDATE facilities SET rating_count = $1, rating_score = $2, rating_weighted_sum = $3, rating_weight_total = $4, rating_as_of = $5, \
         rating_safety = $6, rating_hygiene_meals = $7, rating_care = $8, rating_communication = $9, rating_environment = $10, rating_fees = $11, \
         rating_stars_1 = $12, rating_stars_2 = $13, rating_stars_3 = $14, rating_stars_4 = $15, rating_stars_5 = $16 WHERE id = $17",
        args![
            summary.count as i64, summary.score, summary.weighted_sum, summary.weight_total, today.to_string(),
            mean(0), mean(1), mean(2), mean(3), mean(4), mean(5),
            level(0), level(1), level(2), level(3), level(4), facility_id
        ],
    )
    .await?;
    Ok(())
}

/// Published ratings of the facilities in `ids`, grouped per facility, summarised for `today`.
async fn summaries(tx: &mut Tx, ids: &[i64], today: CivilDate) -> Result<Vec<(i64, Summary)>, StoreError> {
    let mut sql = SqlBuilder::new(&format!("SELECT facility_id, {STAR_COLUMNS}, rated_on FROM ratings WHERE state = 'published' AND facility_id IN ("));
    for (i, id) in ids.iter().enumerate() {
        sql.push(if i == 0 { "" } else { ", " }).arg(*id);
    }
    // In id order, as `rating_summary_from_ratings` reads them: floating-point sums depend on
    // the order of their terms, and the stored figures must equal the computed ones exactly.
    sql.push(") ORDER BY facility_id, id");
    let (sql, sql_args) = sql.finish();
    let rows: Vec<FigureRow> = tx.fetch_all("read ratings for figures", &sql, sql_args).await?;
    ids.iter()
        .map(|id| {
            let counted = rows
                .iter()
                .filter(|row| row.facility_id == *id)
                .map(|row| Ok(Counted { stars: row.stars.stars()?, rated_on: date_of(&row.rated_on)? }))
                .collect::<Result<Vec<_>, StoreError>>()?;
            Ok((*id, summarise(&counted, today)))
        })
        .collect()
}

/// Recomputes the stored figures of the facilities in `ids` (in the caller's transaction).
pub(crate) async fn refresh_figures(tx: &mut Tx, ids: &[i64], today: CivilDate) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    for (id, summary) in summaries(tx, ids, today).await? {
        write_figures(tx, id, &summary, today).await?;
    }
    Ok(())
}

impl Store {
    /// A facility's rating figures on `today` (`None`: no such facility). Read from its stored
    /// figures, one row however many ratings it has; computed from its ratings when the stored
    /// ones are from an earlier day (the daily refresh has not run yet).
    pub async fn facility_rating_summary(&self, facility_id: i64, today: CivilDate) -> Result<Option<Summary>, StoreError> {
        let stored: Option<StoredFigures> = self
            .db()
            .fetch_optional(
                "read stored rating figures",
                &format!(
                    "SELECT rating_count, rating_score, rating_weighted_sum, rating_weight_total, {ASPECT_COLUMNS}, {STAR_LEVEL_COLUMNS}, rating_as_of \
                     FROM facilities WHERE id = $1"
                ),
                args![facility_id],
            )
            .await?;
        let Some(stored) = stored else { return Ok(None) };
        match stored.summary_on(today) {
            Some(summary) => Ok(Some(summary)),
            None => self.rating_summary_from_ratings(facility_id, today).await.map(Some),
        }
    }

    /// Recomputes the figures of every rated facility whose figures are from before `today`.
    /// Returns how many facilities were refreshed.
    pub async fn refresh_rating_figures(&self, today: CivilDate) -> Result<usize, StoreError> {
        let due: Vec<FacilityId> = self
            .db()
            .fetch_all(
                "find facilities with old rating figures",
                "SELECT id FROM facilities WHERE (rating_as_of IS NULL OR rating_as_of < $1) \
                 AND (rating_count > 0 OR id IN (SELECT facility_id FROM ratings WHERE state = 'published')) ORDER BY id",
                args![today.to_string()],
            )
            .await?;
        let ids: Vec<i64> = due.iter().map(|row| row.id).collect();
        for batch in ids.chunks(REFRESH_BATCH) {
            let mut tx = self.db().begin_write().await?;
            refresh_figures(&mut tx, batch, today).await?;
            tx.commit().await?;
        }
        Ok(ids.len())
    }

    /// The district's mean score, which the rating sort pulls facilities with few ratings towards.
    pub async fn district_rating_mean(&self) -> Result<f64, StoreError> {
        let totals: Totals = self
            .db()
            .fetch_one(
                "read district rating totals",
                "SELECT SUM(rating_weighted_sum) AS weighted_sum, SUM(rating_weight_total) AS weight_total FROM facilities WHERE rating_count > 0",
                args![],
            )
            .await?;
        Ok(district_mean(totals.weighted_sum.unwrap_or(0.0), totals.weight_total.unwrap_or(0.0)))
    }
}

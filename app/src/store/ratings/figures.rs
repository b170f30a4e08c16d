//! Each facility's stored rating figures (count, shown score, weighted sum and total), computed
//! by `domain::rating::score::summarise` — the one definition — and written where the finder
//! can filter and sort by them. Refreshed in the transaction of every change to a facility's
//! ratings, and once a day for every rated facility (a rating's weight halves at 24 months).

use super::read::date_of;
use super::{StarsRow, STAR_COLUMNS};
use crate::args;
use crate::domain::calendar::CivilDate;
use crate::domain::rating::score::{district_mean, summarise, Counted, Summary};
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
    tx.execute(
        "store rating figures",
        "UPDATE facilities SET rating_count = $1, rating_score = $2, rating_weighted_sum = $3, rating_weight_total = $4, rating_as_of = $5 WHERE id = $6",
        args![summary.count as i64, summary.score, summary.weighted_sum, summary.weight_total, today.to_string(), facility_id],
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
    sql.push(")");
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

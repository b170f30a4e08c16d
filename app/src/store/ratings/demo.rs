//! Loading the demo families' ratings in bulk (with the enrolment that makes each one allowed),
//! in one transaction, a few hundred rows per statement.

use crate::domain::calendar::{CivilDate, Timestamp, YearMonth};
use crate::domain::rating::text::masked_author;
use crate::domain::rating::{RatingDraft, Relationship};
use crate::store::db::{CountRow, SqlBuilder, Tx};
use crate::store::{Backend, Store, StoreError};

/// A demo family's rating of a facility: the family, its child, an enrolment at `class_id`
/// that has ended (the child left, so today's vacancies are untouched) and the rating.
#[derive(Clone, Debug, PartialEq)]
pub struct NewDemoRating {
    pub facility_id: i64,
    pub class_id: i64,
    pub phone: String,
    pub child_name: String,
    pub birth_date: CivilDate,
    pub draft: RatingDraft,
    pub rated_at: Timestamp,
}

const ROWS_PER_STATEMENT: usize = 200;
const TABLES: [&str; 5] = ["accounts", "children", "applications", "ratings", "rating_versions"];

async fn max_id(tx: &mut Tx, table: &str) -> Result<i64, StoreError> {
    let row: CountRow = tx.fetch_one("read largest id", &format!("SELECT COALESCE(MAX(id), 0) AS n FROM {table}"), vec![]).await?;
    Ok(row.n)
}

/// Appends `(a, b, …)` rows to `sql`, one per item, with `row` adding an item's values.
fn values<T>(start: &str, items: &[(i64, &T)], mut row: impl FnMut(&mut SqlBuilder, i64, &T)) -> SqlBuilder {
    let mut sql = SqlBuilder::new(start);
    for (i, (id, item)) in items.iter().enumerate() {
        sql.push(if i == 0 { "(" } else { ", (" });
        row(&mut sql, *id, item);
        sql.push(")");
    }
    sql
}

impl Store {
    /// Stores demo ratings with their families, children and enrolments (ids after the largest
    /// in each table).
    pub async fn insert_demo_ratings(&self, ratings: &[NewDemoRating], now: Timestamp) -> Result<(), StoreError> {
        if ratings.is_empty() {
            return Ok(());
        }
        let mut tx = self.db().begin_write().await?;
        let mut base = [0; 4];
        for (slot, table) in base.iter_mut().zip(TABLES) {
            *slot = max_id(&mut tx, table).await?;
        }
        let [accounts, children, applications, rating_ids] = base;
        let first_rating = rating_ids + 1;
        for (chunk_index, chunk) in ratings.chunks(ROWS_PER_STATEMENT).enumerate() {
            // The n-th rating overall has the n-th new id in every table.
            let numbered: Vec<(i64, &NewDemoRating)> = chunk.iter().enumerate().map(|(i, r)| ((chunk_index * ROWS_PER_STATEMENT + i + 1) as i64, r)).collect();
            let statements = [
                values("INSERT INTO accounts (id, kind, phone, display_name, is_demo, created_at) VALUES ", &numbered, |sql, n, r| {
                    sql.arg(accounts + n).push(", 'parent', ").arg(&r.phone).push(", '演示家长', ").arg(true).push(", ").arg(r.rated_at.0 - 400 * 86_400);
                }),
                values("INSERT INTO children (id, account_id, name, birth_date, sex, relation, created_at, updated_at) VALUES ", &numbered, |sql, n, r| {
                    sql.arg(children + n).push(", ").arg(accounts + n).push(", ").arg(&r.child_name).push(", ").arg(r.birth_date.to_string());
                    sql.push(if n % 2 == 0 { ", 'female', 'mother', " } else { ", 'male', 'mother', " }).arg(now.0).push(", ").arg(now.0);
                }),
                values(
                    "INSERT INTO applications (id, account_id, child_id, facility_id, class_id, start_month, state, queued_at, op_id, created_at, updated_at) VALUES ",
                    &numbered,
                    |sql, n, r| {
                        let enrolled_at = r.rated_at.0 - 300 * 86_400;
                        sql.arg(applications + n).push(", ").arg(accounts + n).push(", ").arg(children + n).push(", ").arg(r.facility_id).push(", ");
                        sql.arg(r.class_id).push(", ").arg(YearMonth::of(CivilDate::in_china_at(Timestamp(enrolled_at))).to_string()).push(", 'withdrawn', ");
                        sql.arg(enrolled_at).push(", ").arg(format!("demo-application-{n}")).push(", ").arg(enrolled_at).push(", ").arg(r.rated_at.0);
                    },
                ),
                values(
                    "INSERT INTO ratings (id, facility_id, account_id, child_id, relationship, safety, hygiene_meals, care, communication, environment, fees, \
                     overall, text, text_state, state, author_label, rated_on, op_id, created_at, updated_at) VALUES ",
                    &numbered,
                    |sql, n, r| {
                        sql.arg(rating_ids + n).push(", ").arg(r.facility_id).push(", ").arg(accounts + n).push(", ").arg(children + n).push(", ");
                        sql.arg(Relationship::Enrolled.code());
                        for stars in r.draft.stars.values() {
                            sql.push(", ").arg(stars);
                        }
                        sql.push(", ").arg(r.draft.stars.overall()).push(", ").arg(r.draft.text.clone());
                        sql.push(if r.draft.text.is_some() { ", 'published', 'published', " } else { ", 'none', 'published', " });
                        sql.arg(masked_author(&r.child_name)).push(", ").arg(CivilDate::in_china_at(r.rated_at).to_string()).push(", ");
                        sql.arg(format!("demo-rating-{n}")).push(", ").arg(r.rated_at.0).push(", ").arg(r.rated_at.0);
                    },
                ),
            ];
            for statement in statements {
                let (sql, args) = statement.finish();
                tx.execute("insert demo ratings", &sql, args).await?;
            }
        }
        tx.execute(
            "record demo rating versions",
            "INSERT INTO rating_versions (rating_id, safety, hygiene_meals, care, communication, environment, fees, text, created_at) \
             SELECT id, safety, hygiene_meals, care, communication, environment, fees, text, created_at FROM ratings WHERE id >= $1",
            crate::args![first_rating],
        )
        .await?;
        let mut rated: Vec<i64> = ratings.iter().map(|r| r.facility_id).collect();
        rated.sort_unstable();
        rated.dedup();
        for batch in rated.chunks(ROWS_PER_STATEMENT) {
            super::figures::refresh_figures(&mut tx, batch, CivilDate::in_china_at(now)).await?;
        }
        if tx.backend() == Backend::Postgres {
            // Explicit ids do not advance identity sequences; later inserts must not collide.
            for table in TABLES {
                let sql = format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)");
                tx.execute("advance id sequence", &sql, vec![]).await?;
            }
        }
        tx.commit().await
    }
}

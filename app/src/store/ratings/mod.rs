//! Ratings in the database. Every write goes through `apply_once`; each change keeps a row in
//! `rating_versions` (the edit history). Who may rate is decided from our own records in the
//! same transaction as the write, with the rule of `domain::rating::Relationship`.

mod demo;
mod figures;
mod read;
mod replies;

pub use demo::NewDemoRating;
pub use read::{OwnRating, PublicRating, RatingChoice};
pub use replies::{OperatorRating, ReviewItem, StaffOutcome};

use serde::{Deserialize, Serialize};

use super::db::{IdRow, Tx};
use super::operations::Operation;
use super::{Store, StoreError};
use crate::args;
use crate::domain::booking::{ApplicationState, SlotKind};
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::rating::text::masked_author;
use crate::domain::rating::{may_edit, AspectStars, RatingDraft, RatingRefusal, Relationship};

/// What a rating write did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RatingOutcome {
    /// Stored and published; `text_held` when its text waits for a supervisor's look.
    Saved { rating_id: i64, text_held: bool },
    Withdrawn { rating_id: i64 },
    Refused(RatingRefusal),
    /// No such child of this parent, facility or rating.
    NotFound,
}

const STAR_COLUMNS: &str = "safety, hygiene_meals, care, communication, environment, fees";

/// The star columns of table alias `alias`, named as `StarsRow` expects.
fn prefixed_stars(alias: &str) -> String {
    STAR_COLUMNS.split(", ").map(|c| format!("{alias}.{c}")).collect::<Vec<_>>().join(", ")
}

#[derive(sqlx::FromRow)]
struct StarsRow {
    safety: i64,
    hygiene_meals: i64,
    care: i64,
    communication: i64,
    environment: i64,
    fees: i64,
}

impl StarsRow {
    fn stars(&self) -> Result<AspectStars, StoreError> {
        AspectStars::from_values([self.safety, self.hygiene_meals, self.care, self.communication, self.environment, self.fees])
            .map_err(|_| StoreError::Corrupt("rating stars out of range".into()))
    }
}

#[derive(sqlx::FromRow)]
struct OwnRow {
    id: i64,
    account_id: i64,
    facility_id: i64,
    state: String,
    updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct SourceRow {
    child_id: i64,
    source: String,
    code: String,
}

#[derive(sqlx::FromRow)]
struct ChildName {
    name: String,
}

/// The application states that make a relationship, as an SQL list, from the domain's rule.
fn relating_states() -> String {
    ApplicationState::ALL
        .iter()
        .filter(|state| Relationship::from_application(**state).is_some())
        .map(|state| format!("'{}'", state.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The query for every relationship the children in `children` (an SQL set, e.g. `($1)`) have
/// with facility `$2` at `$3`: applications that reached enrolment, and slot bookings not
/// cancelled whose slot has ended. One query for any number of children.
fn relationships_sql(children: &str) -> String {
    format!(
        "SELECT a.child_id AS child_id, 'application' AS source, a.state AS code FROM applications a \
         WHERE a.child_id IN {children} AND a.facility_id = $2 AND a.state IN ({}) \
         UNION ALL \
         SELECT b.child_id AS child_id, 'slot' AS source, s.kind AS code FROM slot_bookings b JOIN slots s ON s.id = b.slot_id \
         WHERE b.child_id IN {children} AND s.facility_id = $2 AND b.state = 'booked' AND s.ends_at <= $3",
        relating_states()
    )
}

/// What one row of `relationships_sql` says, by the domain's rule.
fn relationship_of(row: &SourceRow) -> Option<Relationship> {
    match row.source.as_str() {
        "application" => ApplicationState::from_code(&row.code).and_then(Relationship::from_application),
        _ => SlotKind::from_code(&row.code).map(Relationship::from_attended_slot),
    }
}

/// Every relationship `child_id` has with `facility_id` at `now`. One query.
pub(crate) async fn relationships(tx: &mut Tx, child_id: i64, facility_id: i64, now: Timestamp) -> Result<Vec<Relationship>, StoreError> {
    let rows: Vec<SourceRow> = tx.fetch_all("find relationships", &relationships_sql("($1)"), args![child_id, facility_id, now.0]).await?;
    Ok(rows.iter().filter_map(relationship_of).collect())
}

fn text_state(draft: &RatingDraft) -> &'static str {
    match (&draft.text, draft.text_held) {
        (None, _) => "none",
        (Some(_), true) => "held",
        (Some(_), false) => "published",
    }
}

async fn record_version(tx: &mut Tx, rating_id: i64, draft: &RatingDraft, now: Timestamp) -> Result<(), StoreError> {
    let [a, b, c, d, e, f] = draft.stars.values();
    tx.execute(
        "record rating version",
        &format!("INSERT INTO rating_versions (rating_id, {STAR_COLUMNS}, text, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"),
        args![rating_id, a, b, c, d, e, f, draft.text.clone(), now.0],
    )
    .await?;
    Ok(())
}

/// Replaces a rating's stars and text (an edit, or rating again after withdrawing) if it
/// still has `last_change` as its last change; returns whether it did.
async fn overwrite(tx: &mut Tx, rating_id: i64, last_change: i64, relationship: Option<Relationship>, draft: &RatingDraft, now: Timestamp) -> Result<bool, StoreError> {
    let [a, b, c, d, e, f] = draft.stars.values();
    let rated_on = CivilDate::in_china_at(now).to_string();
    let changed = tx
        .execute(
            "change rating",
            "UPDATE ratings SET safety = $1, hygiene_meals = $2, care = $3, communication = $4, environment = $5, fees = $6, \
             overall = $7, text = $8, text_state = $9, state = 'published', rated_on = $10, updated_at = $11, \
             relationship = COALESCE($12, relationship) \
             WHERE id = $13 AND updated_at = $14",
            args![a, b, c, d, e, f, draft.stars.overall(), draft.text.clone(), text_state(draft), rated_on, now.0, relationship.map(|r| r.code().to_string()), rating_id, last_change],
        )
        .await?;
    Ok(changed == 1)
}

impl Store {
    /// A parent rates a facility for one of their children.
    pub async fn rate_facility(&self, op: &Operation, account_id: i64, facility_id: i64, child_id: i64, draft: &RatingDraft, now: Timestamp) -> Result<RatingOutcome, StoreError> {
        let op_id = op.id.to_string();
        let draft = draft.clone();
        self.apply_once(op, now, move |tx| {
            let (op_id, draft) = (op_id.clone(), draft.clone());
            Box::pin(async move {
                let draft = &draft;
                let child: Option<ChildName> =
                    tx.fetch_optional("read child for rating", "SELECT name FROM children WHERE id = $1 AND account_id = $2", args![child_id, account_id]).await?;
                let Some(child) = child else { return Ok(RatingOutcome::NotFound) };
                let facility: Option<IdRow> = tx.fetch_optional("find facility", "SELECT id FROM facilities WHERE id = $1", args![facility_id]).await?;
                if facility.is_none() {
                    return Ok(RatingOutcome::NotFound);
                }
                let Some(relationship) = Relationship::strongest(relationships(tx, child_id, facility_id, now).await?) else {
                    return Ok(RatingOutcome::Refused(RatingRefusal::NoRelationship));
                };
                let existing: Option<OwnRow> = tx
                    .fetch_optional(
                        "find earlier rating",
                        "SELECT id, account_id, facility_id, state, updated_at FROM ratings WHERE facility_id = $1 AND child_id = $2",
                        args![facility_id, child_id],
                    )
                    .await?;
                let rating_id = match existing {
                    Some(earlier) if earlier.state != "withdrawn" => return Ok(RatingOutcome::Refused(RatingRefusal::AlreadyRated)),
                    // Rating again after withdrawing: the same row, under the edit rule.
                    Some(earlier) => {
                        if let Err(refusal) = may_edit(Timestamp(earlier.updated_at), now) {
                            return Ok(RatingOutcome::Refused(refusal));
                        }
                        if !overwrite(tx, earlier.id, earlier.updated_at, Some(relationship), draft, now).await? {
                            return Ok(RatingOutcome::Refused(RatingRefusal::EditTooSoon));
                        }
                        // A new rating: the facility's answer to the withdrawn one does not carry over.
                        tx.execute(
                            "clear reply of a rating made again",
                            "UPDATE ratings SET reply_text = NULL, replied_at = NULL, reply_changed_at = NULL, hidden_reason = NULL WHERE id = $1",
                            args![earlier.id],
                        )
                        .await?;
                        earlier.id
                    }
                    None => {
                        let [a, b, c, d, e, f] = draft.stars.values();
                        let row: IdRow = tx
                            .fetch_one(
                                "record rating",
                                &format!(
                                    "INSERT INTO ratings (facility_id, account_id, child_id, relationship, {STAR_COLUMNS}, overall, text, text_state, \
                                     state, author_label, rated_on, op_id, created_at, updated_at) \
                                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'published', $14, $15, $16, $17, $17) RETURNING id"
                                ),
                                args![
                                    facility_id, account_id, child_id, relationship.code(), a, b, c, d, e, f, draft.stars.overall(), draft.text.clone(),
                                    text_state(draft), masked_author(&child.name), CivilDate::in_china_at(now).to_string(), op_id, now.0
                                ],
                            )
                            .await?;
                        row.id
                    }
                };
                record_version(tx, rating_id, draft, now).await?;
                figures::refresh_figures(tx, &[facility_id], CivilDate::in_china_at(now)).await?;
                Ok(RatingOutcome::Saved { rating_id, text_held: draft.text_held })
            })
        })
        .await
    }

    /// The author changes their rating (once in 30 days).
    pub async fn edit_rating(&self, op: &Operation, account_id: i64, rating_id: i64, draft: &RatingDraft, now: Timestamp) -> Result<RatingOutcome, StoreError> {
        let draft = draft.clone();
        self.apply_once(op, now, move |tx| {
            let draft = draft.clone();
            Box::pin(async move {
                let draft = &draft;
                let rating = match own_rating(tx, account_id, rating_id).await? {
                    Ok(rating) => rating,
                    Err(outcome) => return Ok(outcome),
                };
                if rating.state != "published" {
                    return Ok(RatingOutcome::Refused(RatingRefusal::NotEditable));
                }
                if let Err(refusal) = may_edit(Timestamp(rating.updated_at), now) {
                    return Ok(RatingOutcome::Refused(refusal));
                }
                // Changed since it was read (another edit at the same moment): that one counts.
                if !overwrite(tx, rating_id, rating.updated_at, None, draft, now).await? {
                    return Ok(RatingOutcome::Refused(RatingRefusal::EditTooSoon));
                }
                record_version(tx, rating_id, draft, now).await?;
                figures::refresh_figures(tx, &[rating.facility_id], CivilDate::in_china_at(now)).await?;
                Ok(RatingOutcome::Saved { rating_id, text_held: draft.text_held })
            })
        })
        .await
    }

    /// The author withdraws their rating: it no longer shows or counts.
    pub async fn withdraw_rating(&self, op: &Operation, account_id: i64, rating_id: i64, now: Timestamp) -> Result<RatingOutcome, StoreError> {
        self.apply_once(op, now, move |tx| {
            Box::pin(async move {
                let rating = match own_rating(tx, account_id, rating_id).await? {
                    Ok(rating) => rating,
                    Err(outcome) => return Ok(outcome),
                };
                match rating.state.as_str() {
                    "withdrawn" => return Ok(RatingOutcome::Withdrawn { rating_id }),
                    "hidden" => return Ok(RatingOutcome::Refused(RatingRefusal::NotEditable)),
                    _ => {}
                }
                let changed = tx
                    .execute(
                        "withdraw rating",
                        "UPDATE ratings SET state = 'withdrawn', updated_at = $1 WHERE id = $2 AND account_id = $3 AND state = 'published'",
                        args![now.0, rating_id, account_id],
                    )
                    .await?;
                if changed != 1 {
                    return Err(StoreError::Corrupt(format!("rating {rating_id} changed under a write transaction")));
                }
                figures::refresh_figures(tx, &[rating.facility_id], CivilDate::in_china_at(now)).await?;
                Ok(RatingOutcome::Withdrawn { rating_id })
            })
        })
        .await
    }
}

/// A deleted account's ratings: withdrawn, and their texts (every version's) erased.
pub(crate) async fn erase_ratings_of(tx: &mut Tx, account_id: i64, now: Timestamp) -> Result<(), StoreError> {
    let rated: Vec<IdRow> =
        tx.fetch_all("find facilities an account rated", "SELECT DISTINCT facility_id AS id FROM ratings WHERE account_id = $1", args![account_id]).await?;
    tx.execute(
        "erase rating texts",
        "UPDATE rating_versions SET text = NULL WHERE rating_id IN (SELECT id FROM ratings WHERE account_id = $1)",
        args![account_id],
    )
    .await?;
    tx.execute(
        "withdraw ratings of deleted account",
        "UPDATE ratings SET state = 'withdrawn', text = NULL, text_state = 'none', updated_at = $1 WHERE account_id = $2",
        args![now.0, account_id],
    )
    .await?;
    let facilities: Vec<i64> = rated.iter().map(|row| row.id).collect();
    figures::refresh_figures(tx, &facilities, CivilDate::in_china_at(now)).await
}

/// The rating if it is `account_id`'s; otherwise the outcome to answer: another family's
/// published rating is refused, anything else is not found (hidden ones never leak).
async fn own_rating(tx: &mut Tx, account_id: i64, rating_id: i64) -> Result<Result<OwnRow, RatingOutcome>, StoreError> {
    let row: Option<OwnRow> =
        tx.fetch_optional("read rating", "SELECT id, account_id, facility_id, state, updated_at FROM ratings WHERE id = $1", args![rating_id]).await?;
    Ok(match row {
        Some(row) if row.account_id == account_id => Ok(row),
        Some(row) if row.state == "published" => Err(RatingOutcome::Refused(RatingRefusal::NotAuthor)),
        _ => Err(RatingOutcome::NotFound),
    })
}

//! Ratings in the database. Every write goes through `apply_once`; each change keeps a row in
//! `rating_versions` (the edit history). Who may rate is decided from our own records in the
//! same transaction as the write, with the rule of `domain::rating::Relationship`.

use serde::{Deserialize, Serialize};

use super::db::{IdRow, Tx};
use super::operations::Operation;
use super::{Store, StoreError};
use crate::args;
use crate::domain::booking::{ApplicationState, SlotKind};
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::rating::score::{summarise, Counted, Summary};
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

/// A published rating as anyone may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicRating {
    pub id: i64,
    pub relationship: Relationship,
    /// Stars per aspect, in `Aspect::ALL` order.
    pub stars: [i64; 6],
    pub overall: f64,
    /// Only once published: a held or hidden text is not shown.
    pub text: Option<String>,
    /// "王**": the family name of the child and stars.
    pub author: String,
    /// The date of the last change (pages show the month only).
    pub rated_on: CivilDate,
}

const STAR_COLUMNS: &str = "safety, hygiene_meals, care, communication, environment, fees";

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
struct PublicRow {
    id: i64,
    relationship: String,
    #[sqlx(flatten)]
    stars: StarsRow,
    overall: f64,
    text: Option<String>,
    text_state: String,
    author_label: String,
    rated_on: String,
}

#[derive(sqlx::FromRow)]
struct CountedRow {
    #[sqlx(flatten)]
    stars: StarsRow,
    rated_on: String,
}

#[derive(sqlx::FromRow)]
struct OwnRow {
    id: i64,
    account_id: i64,
    state: String,
    updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct SourceRow {
    source: String,
    code: String,
}

#[derive(sqlx::FromRow)]
struct ChildName {
    name: String,
}

fn date_of(text: &str) -> Result<CivilDate, StoreError> {
    CivilDate::parse(text).map_err(|_| StoreError::Corrupt(format!("rating date {text:?}")))
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

/// Every relationship `child_id` has with `facility_id` at `now`, from applications and from
/// slot bookings not cancelled whose slot has ended. One query.
pub(crate) async fn relationships(tx: &mut Tx, child_id: i64, facility_id: i64, now: Timestamp) -> Result<Vec<Relationship>, StoreError> {
    let sql = format!(
        "SELECT 'application' AS source, a.state AS code FROM applications a \
         WHERE a.child_id = $1 AND a.facility_id = $2 AND a.state IN ({}) \
         UNION ALL \
         SELECT 'slot' AS source, s.kind AS code FROM slot_bookings b JOIN slots s ON s.id = b.slot_id \
         WHERE b.child_id = $1 AND s.facility_id = $2 AND b.state = 'booked' AND s.ends_at <= $3",
        relating_states()
    );
    let rows: Vec<SourceRow> = tx.fetch_all("find relationships", &sql, args![child_id, facility_id, now.0]).await?;
    Ok(rows
        .iter()
        .filter_map(|row| match row.source.as_str() {
            "application" => ApplicationState::from_code(&row.code).and_then(Relationship::from_application),
            _ => SlotKind::from_code(&row.code).map(Relationship::from_attended_slot),
        })
        .collect())
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
                        "SELECT id, account_id, state, updated_at FROM ratings WHERE facility_id = $1 AND child_id = $2",
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
                Ok(RatingOutcome::Withdrawn { rating_id })
            })
        })
        .await
    }

    /// A facility's published ratings, newest first, `per_page` at a time (page 1 first).
    pub async fn facility_ratings(&self, facility_id: i64, page: u32, per_page: u32) -> Result<Vec<PublicRating>, StoreError> {
        let offset = i64::from(page.max(1) - 1) * i64::from(per_page);
        let rows: Vec<PublicRow> = self
            .db()
            .fetch_all(
                "list facility ratings",
                &format!(
                    "SELECT id, relationship, {STAR_COLUMNS}, overall, text, text_state, author_label, rated_on FROM ratings \
                     WHERE facility_id = $1 AND state = 'published' ORDER BY updated_at DESC, id DESC LIMIT $2 OFFSET $3"
                ),
                args![facility_id, per_page, offset],
            )
            .await?;
        rows.into_iter()
            .map(|row| {
                Ok(PublicRating {
                    id: row.id,
                    relationship: Relationship::from_code(&row.relationship).ok_or_else(|| StoreError::Corrupt(format!("relationship {:?}", row.relationship)))?,
                    stars: row.stars.stars()?.values(),
                    overall: row.overall,
                    text: (row.text_state == "published").then_some(row.text).flatten(),
                    author: row.author_label,
                    rated_on: date_of(&row.rated_on)?,
                })
            })
            .collect()
    }

    /// A facility's rating figures on `today`, from its published ratings.
    pub async fn facility_rating_summary(&self, facility_id: i64, today: CivilDate) -> Result<Summary, StoreError> {
        let rows: Vec<CountedRow> = self
            .db()
            .fetch_all(
                "read facility rating stars",
                &format!("SELECT {STAR_COLUMNS}, rated_on FROM ratings WHERE facility_id = $1 AND state = 'published'"),
                args![facility_id],
            )
            .await?;
        let counted = rows
            .iter()
            .map(|row| Ok(Counted { stars: row.stars.stars()?, rated_on: date_of(&row.rated_on)? }))
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(summarise(&counted, today))
    }

    /// How many versions a rating has had (the first included).
    pub async fn rating_version_count(&self, rating_id: i64) -> Result<i64, StoreError> {
        let row: super::db::CountRow =
            self.db().fetch_one("count rating versions", "SELECT COUNT(*) AS n FROM rating_versions WHERE rating_id = $1", args![rating_id]).await?;
        Ok(row.n)
    }
}

/// A deleted account's ratings: withdrawn, and their texts (every version's) erased.
pub(crate) async fn erase_ratings_of(tx: &mut Tx, account_id: i64, now: Timestamp) -> Result<(), StoreError> {
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
    Ok(())
}

/// The rating if it is `account_id`'s; otherwise the outcome to answer: another family's
/// published rating is refused, anything else is not found (hidden ones never leak).
async fn own_rating(tx: &mut Tx, account_id: i64, rating_id: i64) -> Result<Result<OwnRow, RatingOutcome>, StoreError> {
    let row: Option<OwnRow> =
        tx.fetch_optional("read rating", "SELECT id, account_id, state, updated_at FROM ratings WHERE id = $1", args![rating_id]).await?;
    Ok(match row {
        Some(row) if row.account_id == account_id => Ok(row),
        Some(row) if row.state == "published" => Err(RatingOutcome::Refused(RatingRefusal::NotAuthor)),
        _ => Err(RatingOutcome::NotFound),
    })
}

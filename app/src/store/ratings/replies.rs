//! The facility's and the supervisor's side of ratings: public replies, reports, and the review
//! queue with its decisions. Every write goes through `apply_once` and is one conditional
//! statement whose row count is checked; the author is told of replies and decisions by notice.

use serde::{Deserialize, Serialize};

use super::read::{date_of, PublicRow};
use super::PublicRating;
use super::{prefixed_stars, StarsRow};
use crate::args;
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::rating::reply::{Review, ReviewDecision};
use crate::domain::rating::{RatingRefusal, REPLY_EDIT_DAYS};
use crate::store::booking::notify;
use crate::store::db::Tx;
use crate::store::operations::Operation;
use crate::store::{Store, StoreError};

/// What a reply, a report or a review decision did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffOutcome {
    Done { rating_id: i64 },
    Refused(RatingRefusal),
    /// No such rating, or not this facility's, or not (any longer) published.
    NotFound,
}

/// A rating as its facility sees it in the operator's inbox (a held text is not shown).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OperatorRating {
    pub rating: PublicRating,
    /// When the reply was first posted: it may change for 7 days from then.
    pub replied_at: Option<Timestamp>,
    /// The facility reported it and a supervisor has not decided yet.
    pub reported: bool,
}

/// A rating waiting for a supervisor: its text is held, or its facility reported it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub rating_id: i64,
    pub facility_id: i64,
    pub facility_name: String,
    pub stars: [i64; 6],
    pub text: Option<String>,
    pub text_held: bool,
    pub report_reason: Option<String>,
    pub author: String,
    pub rated_on: CivilDate,
}

#[derive(sqlx::FromRow)]
struct InboxRow {
    #[sqlx(flatten)]
    public: PublicRow,
    replied_at: Option<i64>,
    open_reports: i64,
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    id: i64,
    facility_id: i64,
    facility_name: String,
    #[sqlx(flatten)]
    stars: StarsRow,
    text: Option<String>,
    text_state: String,
    report_reason: Option<String>,
    author_label: String,
    rated_on: String,
}

#[derive(sqlx::FromRow)]
struct StateRow {
    account_id: i64,
    facility_id: i64,
    state: String,
    text_state: String,
}

async fn rating_state(tx: &mut Tx, rating_id: i64) -> Result<Option<StateRow>, StoreError> {
    tx.fetch_optional("read rating state", "SELECT account_id, facility_id, state, text_state FROM ratings WHERE id = $1", args![rating_id])
        .await
}

/// The moment before which a first reply can no longer change.
fn reply_cutoff(now: Timestamp) -> i64 {
    now.0 - REPLY_EDIT_DAYS * Timestamp::SECONDS_PER_DAY
}

impl Store {
    /// The facility answers a rating in public, or changes its answer within 7 days.
    pub async fn reply_to_rating(&self, op: &Operation, facility_id: i64, rating_id: i64, text: &str, now: Timestamp) -> Result<StaffOutcome, StoreError> {
        let text = text.to_string();
        self.apply_once(op, now, move |tx| {
            let text = text.clone();
            Box::pin(async move {
                let changed = tx
                    .execute(
                        "reply to rating",
                        "UPDATE ratings SET reply_text = $1, replied_at = COALESCE(replied_at, $2), reply_changed_at = $2 \
                         WHERE id = $3 AND facility_id = $4 AND state = 'published' AND (replied_at IS NULL OR replied_at > $5)",
                        args![text, now.0, rating_id, facility_id, reply_cutoff(now)],
                    )
                    .await?;
                let Some(rating) = rating_state(tx, rating_id).await? else { return Ok(StaffOutcome::NotFound) };
                if changed == 0 {
                    // Why nothing changed: not this facility's or not shown (not found), or too late.
                    if rating.facility_id != facility_id || rating.state != "published" {
                        return Ok(StaffOutcome::NotFound);
                    }
                    return Ok(StaffOutcome::Refused(RatingRefusal::ReplyWindowClosed));
                }
                notify(tx, rating.account_id, "rating.replied", &format!("rating:{rating_id}"), serde_json::json!({ "facility_id": facility_id }), now).await?;
                Ok(StaffOutcome::Done { rating_id })
            })
        })
        .await
    }

    /// The facility asks a supervisor to look at a rating, with a reason.
    pub async fn report_rating(&self, op: &Operation, facility_id: i64, rating_id: i64, reason: &str, now: Timestamp) -> Result<StaffOutcome, StoreError> {
        let reason = reason.to_string();
        self.apply_once(op, now, move |tx| {
            let reason = reason.clone();
            Box::pin(async move {
                let added = tx
                    .execute(
                        "report rating",
                        "INSERT INTO rating_reports (rating_id, facility_id, reason, state, created_at) \
                         SELECT id, facility_id, $1, 'open', $2 FROM ratings r WHERE r.id = $3 AND r.facility_id = $4 AND r.state = 'published' \
                         AND NOT EXISTS (SELECT 1 FROM rating_reports o WHERE o.rating_id = r.id AND o.state = 'open')",
                        args![reason, now.0, rating_id, facility_id],
                    )
                    .await?;
                if added == 1 {
                    return Ok(StaffOutcome::Done { rating_id });
                }
                match rating_state(tx, rating_id).await? {
                    Some(r) if r.facility_id == facility_id && r.state == "published" => Ok(StaffOutcome::Refused(RatingRefusal::AlreadyReported)),
                    _ => Ok(StaffOutcome::NotFound),
                }
            })
        })
        .await
    }

    /// A facility's published ratings with their replies and reports, newest first.
    pub async fn operator_ratings(&self, facility_id: i64, limit: u32) -> Result<Vec<OperatorRating>, StoreError> {
        let rows: Vec<InboxRow> = self
            .db()
            .fetch_all(
                "list operator ratings",
                &format!(
                    "SELECT {}, r.replied_at, \
                     (SELECT COUNT(*) FROM rating_reports o WHERE o.rating_id = r.id AND o.state = 'open') AS open_reports \
                     FROM ratings r JOIN accounts a ON a.id = r.account_id \
                     WHERE r.facility_id = $1 AND r.state = 'published' ORDER BY r.updated_at DESC, r.id DESC LIMIT $2",
                    PublicRow::columns()
                ),
                args![facility_id, limit],
            )
            .await?;
        rows.into_iter()
            .map(|row| Ok(OperatorRating { rating: row.public.into_public()?, replied_at: row.replied_at.map(Timestamp), reported: row.open_reports > 0 }))
            .collect()
    }

    /// Ratings waiting for a supervisor, oldest first.
    pub async fn rating_review_queue(&self, limit: u32) -> Result<Vec<ReviewItem>, StoreError> {
        let rows: Vec<QueueRow> = self
            .db()
            .fetch_all(
                "list rating review queue",
                &format!(
                    "SELECT r.id, r.facility_id, f.name AS facility_name, {STARS}, r.text, r.text_state, o.reason AS report_reason, r.author_label, r.rated_on \
                     FROM ratings r JOIN facilities f ON f.id = r.facility_id \
                     LEFT JOIN rating_reports o ON o.rating_id = r.id AND o.state = 'open' \
                     WHERE r.state = 'published' AND (r.text_state = 'held' OR o.id IS NOT NULL) ORDER BY r.updated_at, r.id LIMIT $1",
                    STARS = prefixed_stars("r")
                ),
                args![limit],
            )
            .await?;
        rows.into_iter()
            .map(|row| {
                Ok(ReviewItem {
                    rating_id: row.id,
                    facility_id: row.facility_id,
                    facility_name: row.facility_name,
                    stars: row.stars.stars()?.values(),
                    text_held: row.text_state == "held",
                    text: row.text,
                    report_reason: row.report_reason,
                    author: row.author_label,
                    rated_on: date_of(&row.rated_on)?,
                })
            })
            .collect()
    }

    /// A supervisor publishes a held text (and keeps a reported rating), or hides the rating.
    pub async fn review_rating(&self, op: &Operation, rating_id: i64, review: &Review, now: Timestamp) -> Result<StaffOutcome, StoreError> {
        let review = review.clone();
        self.apply_once(op, now, move |tx| {
            let review = review.clone();
            Box::pin(async move {
                let Some(rating) = rating_state(tx, rating_id).await? else { return Ok(StaffOutcome::NotFound) };
                if rating.state != "published" {
                    return Ok(StaffOutcome::NotFound);
                }
                let reports = tx
                    .execute(
                        "close rating reports",
                        "UPDATE rating_reports SET state = $1, decided_at = $2 WHERE rating_id = $3 AND state = 'open'",
                        args![match review.decision { ReviewDecision::Publish => "kept", ReviewDecision::Hide => "hidden" }, now.0, rating_id],
                    )
                    .await?;
                if reports == 0 && rating.text_state != "held" {
                    return Ok(StaffOutcome::Refused(RatingRefusal::NothingToReview));
                }
                let (sql, kind) = match review.decision {
                    ReviewDecision::Publish => (
                        "UPDATE ratings SET text_state = CASE WHEN text_state = 'held' THEN 'published' ELSE text_state END, hidden_reason = $1 \
                         WHERE id = $2 AND state = 'published'",
                        "rating.published",
                    ),
                    ReviewDecision::Hide => (
                        "UPDATE ratings SET state = 'hidden', text_state = CASE WHEN text IS NULL THEN 'none' ELSE 'hidden' END, hidden_reason = $1 \
                         WHERE id = $2 AND state = 'published'",
                        "rating.hidden",
                    ),
                };
                if tx.execute("decide rating review", sql, args![review.reason.clone(), rating_id]).await? != 1 {
                    return Err(StoreError::Corrupt(format!("rating {rating_id} changed under a write transaction")));
                }
                super::figures::refresh_figures(tx, &[rating.facility_id], CivilDate::in_china_at(now)).await?;
                let params = serde_json::json!({ "facility_id": rating.facility_id, "reason": review.reason.clone().unwrap_or_default() });
                notify(tx, rating.account_id, kind, &format!("rating:{rating_id}"), params, now).await?;
                Ok(StaffOutcome::Done { rating_id })
            })
        })
        .await
    }
}

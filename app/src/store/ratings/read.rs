//! Reading ratings: a facility's public list and figures, and what a family may do on a
//! facility's page (which children may rate, and their own ratings).

use serde::{Deserialize, Serialize};

use super::{prefixed_stars, relationship_of, relationships_sql, SourceRow, StarsRow, STAR_COLUMNS};
use crate::args;
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::rating::score::{summarise, Counted, Summary};
use crate::domain::rating::Relationship;
use crate::store::{Store, StoreError};

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
    /// The facility's public reply.
    pub reply: Option<String>,
    /// Made by an invented demo family (shown as 演示数据).
    pub is_demo: bool,
}

/// The columns of `PUBLIC_COLUMNS` (ratings `r` joined to their authors' accounts `a`).
#[derive(sqlx::FromRow)]
pub(super) struct PublicRow {
    id: i64,
    relationship: String,
    #[sqlx(flatten)]
    stars: StarsRow,
    overall: f64,
    text: Option<String>,
    text_state: String,
    author_label: String,
    rated_on: String,
    reply_text: Option<String>,
    is_demo: bool,
}

impl PublicRow {
    /// The columns it reads, from `ratings r JOIN accounts a ON a.id = r.account_id`.
    pub(super) fn columns() -> String {
        format!("r.id, r.relationship, {}, r.overall, r.text, r.text_state, r.author_label, r.rated_on, r.reply_text, a.is_demo", prefixed_stars("r"))
    }

    /// As anyone may see it: a held or hidden text is left out.
    pub(super) fn into_public(self) -> Result<PublicRating, StoreError> {
        Ok(PublicRating {
            id: self.id,
            relationship: relationship_code(&self.relationship)?,
            stars: self.stars.stars()?.values(),
            overall: self.overall,
            text: (self.text_state == "published").then_some(self.text).flatten(),
            author: self.author_label,
            rated_on: date_of(&self.rated_on)?,
            reply: self.reply_text,
            is_demo: self.is_demo,
        })
    }
}

#[derive(sqlx::FromRow)]
struct CountedRow {
    #[sqlx(flatten)]
    stars: StarsRow,
    rated_on: String,
}

/// A family's own rating, as its author sees it (also when hidden, with the reason).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnRating {
    pub id: i64,
    /// `published`, `hidden` or `withdrawn`.
    pub state: String,
    pub stars: [i64; 6],
    pub text: Option<String>,
    /// `none`, `published`, `held` (waiting for review) or `hidden`.
    pub text_state: String,
    pub updated_at: Timestamp,
    pub hidden_reason: Option<String>,
    pub reply: Option<String>,
}

/// One child of the family on a facility's page: may it rate, and its rating if any.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatingChoice {
    pub child_id: i64,
    pub child_name: String,
    /// The strongest relationship in our records; `None`: this child may not rate here.
    pub relationship: Option<Relationship>,
    pub own: Option<OwnRating>,
}

#[derive(sqlx::FromRow)]
struct ChildRow {
    id: i64,
    name: String,
}

#[derive(sqlx::FromRow)]
struct OwnRatingRow {
    id: i64,
    child_id: Option<i64>,
    state: String,
    #[sqlx(flatten)]
    stars: StarsRow,
    text: Option<String>,
    text_state: String,
    updated_at: i64,
    hidden_reason: Option<String>,
    reply_text: Option<String>,
}

pub(super) fn date_of(text: &str) -> Result<CivilDate, StoreError> {
    CivilDate::parse(text).map_err(|_| StoreError::Corrupt(format!("rating date {text:?}")))
}

pub(super) fn relationship_code(code: &str) -> Result<Relationship, StoreError> {
    Relationship::from_code(code).ok_or_else(|| StoreError::Corrupt(format!("relationship {code:?}")))
}

impl Store {
    /// A facility's published ratings, newest first, `per_page` at a time (page 1 first).
    pub async fn facility_ratings(&self, facility_id: i64, page: u32, per_page: u32) -> Result<Vec<PublicRating>, StoreError> {
        let offset = i64::from(page.max(1) - 1) * i64::from(per_page);
        let rows: Vec<PublicRow> = self
            .db()
            .fetch_all(
                "list facility ratings",
                &format!(
                    "SELECT {} FROM ratings r JOIN accounts a ON a.id = r.account_id \
                     WHERE r.facility_id = $1 AND r.state = 'published' ORDER BY r.updated_at DESC, r.id DESC LIMIT $2 OFFSET $3",
                    PublicRow::columns()
                ),
                args![facility_id, per_page, offset],
            )
            .await?;
        rows.into_iter().map(PublicRow::into_public)
            .collect()
    }

    /// A facility's rating figures on `today`, computed from its published ratings (what the
    /// stored figures must equal; pages read those, see `facility_rating_summary`).
    pub async fn rating_summary_from_ratings(&self, facility_id: i64, today: CivilDate) -> Result<Summary, StoreError> {
        let rows: Vec<CountedRow> = self
            .db()
            .fetch_all(
                "read facility rating stars",
                &format!("SELECT {STAR_COLUMNS}, rated_on FROM ratings WHERE facility_id = $1 AND state = 'published' ORDER BY id"),
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
        let row: crate::store::db::CountRow =
            self.db().fetch_one("count rating versions", "SELECT COUNT(*) AS n FROM rating_versions WHERE rating_id = $1", args![rating_id]).await?;
        Ok(row.n)
    }

    /// For each child of the family: may it rate `facility_id` at `now`, and its rating there.
    /// Three queries, whatever the number of children.
    pub async fn rating_choices(&self, account_id: i64, facility_id: i64, now: Timestamp) -> Result<Vec<RatingChoice>, StoreError> {
        let children: Vec<ChildRow> =
            self.db().fetch_all("list children for rating", "SELECT id, name FROM children WHERE account_id = $1 ORDER BY id", args![account_id]).await?;
        if children.is_empty() {
            return Ok(Vec::new());
        }
        let sources: Vec<SourceRow> = self
            .db()
            .fetch_all(
                "find family relationships",
                &relationships_sql("(SELECT id FROM children WHERE account_id = $1)"),
                args![account_id, facility_id, now.0],
            )
            .await?;
        let own: Vec<OwnRatingRow> = self
            .db()
            .fetch_all(
                "read own ratings",
                &format!(
                    "SELECT id, child_id, state, {STAR_COLUMNS}, text, text_state, updated_at, hidden_reason, reply_text FROM ratings \
                     WHERE account_id = $1 AND facility_id = $2"
                ),
                args![account_id, facility_id],
            )
            .await?;
        children
            .into_iter()
            .map(|child| {
                let found = sources.iter().filter(|s| s.child_id == child.id).filter_map(relationship_of);
                let own = match own.iter().find(|r| r.child_id == Some(child.id)) {
                    Some(row) => Some(OwnRating {
                        id: row.id,
                        state: row.state.clone(),
                        stars: row.stars.stars()?.values(),
                        text: row.text.clone(),
                        text_state: row.text_state.clone(),
                        updated_at: Timestamp(row.updated_at),
                        hidden_reason: row.hidden_reason.clone(),
                        reply: row.reply_text.clone(),
                    }),
                    None => None,
                };
                Ok(RatingChoice { child_id: child.id, child_name: child.name, relationship: Relationship::strongest(found), own })
            })
            .collect()
    }
}

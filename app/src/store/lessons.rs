//! Lesson progress (家长课堂): each family's reading and answering, applied once per operation
//! id, and the district's reach figure.

use serde::{Deserialize, Serialize};

use super::operations::Operation;
use super::{Store, StoreError};
use crate::args;
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::lesson::progress::ProgressStep;
use crate::domain::lesson::reach::{window_start, Reach, LESSONS_TO_BE_REACHED};

/// A family's progress on one lesson.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ProgressRecord {
    pub lesson_id: String,
    pub read_at: Option<i64>,
    pub answered_at: Option<i64>,
    pub correct: Option<i64>,
    pub questions: Option<i64>,
}

const PROGRESS_COLUMNS: &str = "lesson_id, read_at, answered_at, correct, questions";

/// The condition of "learned in the window starting at `$n`", in SQL: both moments set and the
/// later of the two inside the window — `reach::learned_at` and `reach::window_start`, which the
/// store suite ties to this text.
fn learned_since(param: usize) -> String {
    format!("read_at IS NOT NULL AND answered_at IS NOT NULL AND (read_at >= ${param} OR answered_at >= ${param})")
}

#[derive(sqlx::FromRow)]
struct ReachRow {
    families: i64,
    reached: i64,
}

impl Store {
    /// Records one step once (`op`): the first reading stays; a new answer replaces the last.
    /// One statement per step, so two devices of the family cannot lose each other's step.
    pub async fn record_lesson_progress(
        &self,
        op: &Operation,
        account_id: i64,
        lesson_id: &str,
        child_id: Option<i64>,
        step: &ProgressStep,
        now: Timestamp,
    ) -> Result<ProgressRecord, StoreError> {
        let (read_at, answered_at, correct, questions) = match step {
            ProgressStep::Read => (Some(now.0), None, None, None),
            ProgressStep::Answered { correct, questions } => (None, Some(now.0), Some(i64::from(*correct)), Some(i64::from(*questions))),
        };
        let lesson_id = lesson_id.to_string();
        self.apply_once(op, now, move |tx| {
            let lesson_id = lesson_id.clone();
            Box::pin(async move {
                tx.fetch_one(
                    "record lesson progress",
                    &format!(
                        "INSERT INTO lesson_progress (account_id, lesson_id, child_id, read_at, answered_at, correct, questions, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                         ON CONFLICT (account_id, lesson_id) DO UPDATE SET \
                           child_id = COALESCE(excluded.child_id, lesson_progress.child_id), \
                           read_at = COALESCE(lesson_progress.read_at, excluded.read_at), \
                           answered_at = COALESCE(excluded.answered_at, lesson_progress.answered_at), \
                           correct = COALESCE(excluded.correct, lesson_progress.correct), \
                           questions = COALESCE(excluded.questions, lesson_progress.questions), \
                           updated_at = excluded.updated_at \
                         RETURNING {PROGRESS_COLUMNS}"
                    ),
                    args![account_id, lesson_id.as_str(), child_id, read_at, answered_at, correct, questions, now.0],
                )
                .await
            })
        })
        .await
    }

    /// A family's progress on every lesson it opened, newest first.
    pub async fn lesson_progress_of(&self, account_id: i64) -> Result<Vec<ProgressRecord>, StoreError> {
        self.db()
            .fetch_all(
                "list lesson progress",
                &format!("SELECT {PROGRESS_COLUMNS} FROM lesson_progress WHERE account_id = $1 ORDER BY updated_at DESC, lesson_id"),
                args![account_id],
            )
            .await
    }

    /// The reach figure on `today`: families (parent accounts with a child under 3) and those of
    /// them that learned at least 3 lessons in the last 12 months. One query: the lessons
    /// learned are counted per family in a correlated subquery.
    pub async fn lesson_reach(&self, today: CivilDate) -> Result<Reach, StoreError> {
        let born_after = today.years_before(3).to_string();
        let row: ReachRow = self
            .db()
            .fetch_one(
                "lesson reach",
                &format!(
                    "SELECT COUNT(*) AS families, COALESCE(SUM(CASE WHEN learned >= $4 THEN 1 ELSE 0 END), 0) AS reached FROM ( \
                       SELECT (SELECT COUNT(*) FROM lesson_progress p WHERE p.account_id = a.id AND {}) AS learned \
                       FROM accounts a \
                       WHERE a.kind = 'parent' AND a.deleted_at IS NULL \
                         AND EXISTS (SELECT 1 FROM children c WHERE c.account_id = a.id AND c.birth_date > $1 AND c.birth_date <= $2) \
                     ) families",
                    learned_since(3)
                ),
                args![born_after.as_str(), today.to_string().as_str(), window_start(today).0, i64::from(LESSONS_TO_BE_REACHED)],
            )
            .await?;
        Ok(Reach { families: row.families.max(0) as u64, reached: row.reached.max(0) as u64 })
    }

    /// Progress for the invented demo families, so the reach figure means something on a demo
    /// start: 6 in 10 learned the three `lessons`, 2 in 10 read and answered one, the rest
    /// nothing; learned on different days of the last 200. One statement. Returns the rows made.
    pub async fn insert_demo_lesson_progress(&self, lessons: [&str; 3], now: Timestamp) -> Result<u64, StoreError> {
        self.db()
            .execute(
                "demo lesson progress",
                "INSERT INTO lesson_progress (account_id, lesson_id, read_at, answered_at, correct, questions, updated_at) \
                 SELECT a.id, l.column1, $4 - (a.id % 200) * 86400, $4 - (a.id % 200) * 86400 + 600, 2, 2, $4 \
                 FROM accounts a CROSS JOIN (VALUES ($1, 0), ($2, 1), ($3, 2)) l \
                 WHERE a.kind = 'parent' AND a.is_demo AND a.deleted_at IS NULL \
                   AND l.column2 < CASE WHEN a.id % 10 < 6 THEN 3 WHEN a.id % 10 < 8 THEN 1 ELSE 0 END \
                 ON CONFLICT (account_id, lesson_id) DO NOTHING",
                args![lessons[0], lessons[1], lessons[2], now.0],
            )
            .await
    }

    /// Forgets a family's lesson progress (the account is being deleted).
    pub(crate) async fn erase_lesson_progress(tx: &mut super::Tx, account_id: i64) -> Result<(), StoreError> {
        tx.execute("erase lesson progress", "DELETE FROM lesson_progress WHERE account_id = $1", args![account_id]).await?;
        Ok(())
    }
}

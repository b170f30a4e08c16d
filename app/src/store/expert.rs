//! 问专家: families' questions, the experts' answers, and the public list of answered
//! questions the asker allowed to publish. Experts never see who asked: an expert's inbox
//! carries age, topic and text only.

use serde::{Deserialize, Serialize};

use super::accounts::take_rate_in;
use super::booking::notify;
use super::db::IdRow;
use super::operations::Operation;
use super::{Store, StoreError};
use crate::args;
use crate::domain::calendar::Timestamp;
use crate::domain::expert::{answer_due, is_published, ExpertRefusal, QuestionDraft, QUESTIONS_PER_DAY};

/// A question with its answer, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: i64,
    pub age_months: i64,
    pub topic: String,
    pub question: String,
    pub may_publish: bool,
    pub asked_at: i64,
    pub due_at: i64,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    pub published: bool,
    /// The answering expert's title (e.g. 儿童保健科主治医师), never a name.
    pub expert_title: Option<String>,
}

const QUESTION_COLUMNS: &str = "SELECT q.id, q.age_months, q.topic, q.question, q.may_publish, q.asked_at, q.due_at, q.answer, q.answered_at, q.published, \
     e.title AS expert_title FROM expert_questions q LEFT JOIN experts e ON e.account_id = q.answered_by";

/// What asking or answering came to; refusals are results so that a replay repeats them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionOutcome {
    Asked { question_id: i64, due_at: i64 },
    Answered,
    Refused(ExpertRefusal),
    NotFound,
}

#[derive(sqlx::FromRow)]
struct AskerRow {
    account_id: Option<i64>,
    may_publish: bool,
}

impl Store {
    /// The expert's title when `account_id` is an expert account.
    pub async fn expert_title(&self, account_id: i64) -> Result<Option<String>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct TitleRow {
            title: String,
        }
        let row: Option<TitleRow> = self.db().fetch_optional("read expert", "SELECT title FROM experts WHERE account_id = $1", args![account_id]).await?;
        Ok(row.map(|r| r.title))
    }

    /// Makes a health-commission account an expert (administrators; the demo).
    pub async fn add_expert(&self, account_id: i64, title: &str) -> Result<(), StoreError> {
        self.db()
            .execute("add expert", "INSERT INTO experts (account_id, title) VALUES ($1, $2) ON CONFLICT (account_id) DO UPDATE SET title = excluded.title", args![account_id, title])
            .await?;
        Ok(())
    }

    /// Stores a family's question once, within the daily limit, due in 3 working days.
    pub async fn ask_expert(&self, op: &Operation, account_id: i64, draft: &QuestionDraft, now: Timestamp) -> Result<QuestionOutcome, StoreError> {
        let (op_id, draft) = (op.id.to_string(), draft.clone());
        self.apply_once(op, now, move |tx| {
            let (op_id, d) = (op_id.clone(), draft.clone());
            Box::pin(async move {
                if !take_rate_in(tx, &format!("question:account:{account_id}"), now, QUESTIONS_PER_DAY, 86_400).await? {
                    return Ok(QuestionOutcome::Refused(ExpertRefusal::QuestionDailyLimit));
                }
                let due = answer_due(now);
                let row: IdRow = tx
                    .fetch_one(
                        "record question",
                        "INSERT INTO expert_questions (account_id, age_months, topic, question, may_publish, asked_at, due_at, op_id) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                        args![account_id, d.age.get(), d.topic.code(), d.text.as_str(), d.may_publish, now.0, due.0, op_id],
                    )
                    .await?;
                Ok(QuestionOutcome::Asked { question_id: row.id, due_at: due.0 })
            })
        })
        .await
    }

    /// Answers a question once: the first expert's answer stands. Published when the asker
    /// allowed it and the expert agrees; the asker gets a notice.
    pub async fn answer_question(&self, op: &Operation, expert_id: i64, question_id: i64, answer: &str, publish: bool, now: Timestamp) -> Result<QuestionOutcome, StoreError> {
        let answer = answer.to_string();
        self.apply_once(op, now, move |tx| {
            let answer = answer.clone();
            Box::pin(async move {
                let asker: Option<AskerRow> =
                    tx.fetch_optional("read question", "SELECT account_id, may_publish FROM expert_questions WHERE id = $1", args![question_id]).await?;
                let Some(asker) = asker else { return Ok(QuestionOutcome::NotFound) };
                let published = is_published(asker.may_publish, publish);
                let changed = tx
                    .execute(
                        "answer question",
                        "UPDATE expert_questions SET answer = $1, answered_by = $2, answered_at = $3, published = $4 WHERE id = $5 AND answered_at IS NULL",
                        args![answer.as_str(), expert_id, now.0, published, question_id],
                    )
                    .await?;
                if changed != 1 {
                    return Ok(QuestionOutcome::Refused(ExpertRefusal::AlreadyAnswered));
                }
                if let Some(account_id) = asker.account_id {
                    notify(tx, account_id, "question.answered", &format!("question:{question_id}"), serde_json::json!({}), now).await?;
                }
                Ok(QuestionOutcome::Answered)
            })
        })
        .await
    }

    /// A family's own questions, newest first.
    pub async fn questions_of(&self, account_id: i64) -> Result<Vec<QuestionRow>, StoreError> {
        let sql = format!("{QUESTION_COLUMNS} WHERE q.account_id = $1 ORDER BY q.id DESC LIMIT 100");
        self.db().fetch_all("list my questions", &sql, args![account_id]).await
    }

    /// The experts' inbox: unanswered questions, the earliest due first (the overdue on top).
    pub async fn open_questions(&self) -> Result<Vec<QuestionRow>, StoreError> {
        let sql = format!("{QUESTION_COLUMNS} WHERE q.answered_at IS NULL ORDER BY q.due_at, q.id LIMIT 200");
        self.db().fetch_all("list open questions", &sql, args![]).await
    }

    /// Answers given in the last days, newest first, for the experts to see what was said.
    pub async fn recent_answers(&self, limit: i64) -> Result<Vec<QuestionRow>, StoreError> {
        let sql = format!("{QUESTION_COLUMNS} WHERE q.answered_at IS NOT NULL ORDER BY q.answered_at DESC, q.id DESC LIMIT $1");
        self.db().fetch_all("list recent answers", &sql, args![limit]).await
    }

    /// The public list: published answers, newest first (the caller filters by words).
    pub async fn published_answers(&self) -> Result<Vec<QuestionRow>, StoreError> {
        let sql = format!("{QUESTION_COLUMNS} WHERE q.published ORDER BY q.answered_at DESC, q.id DESC LIMIT 500");
        self.db().fetch_all("list published answers", &sql, args![]).await
    }
}

/// A deleted family's questions: the unpublished go; the published stay in the public list,
/// tied to nobody (they never named anyone).
pub(crate) async fn erase_questions_of(tx: &mut super::db::Tx, account_id: i64) -> Result<(), StoreError> {
    tx.execute("erase unpublished questions", "DELETE FROM expert_questions WHERE account_id = $1 AND NOT published", args![account_id]).await?;
    tx.execute("untie published questions", "UPDATE expert_questions SET account_id = NULL WHERE account_id = $1", args![account_id]).await?;
    Ok(())
}

//! 问专家: a parent asks (also through the offline sync), sees its own questions and answers;
//! experts of the health commission see the open questions without who asked, and answer;
//! everyone reads and searches the published answers.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A question and its answer as pages show them (never who asked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QuestionView {
    pub id: i64,
    pub age_months: u32,
    pub topic: String,
    pub question: String,
    pub may_publish: bool,
    /// Unix seconds.
    pub asked_at: i64,
    pub due_at: i64,
    /// Not answered and past the deadline.
    pub overdue: bool,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    /// The answering expert's title, never a name.
    pub expert_title: Option<String>,
    pub published: bool,
}

/// A question to ask. `age_months` is text as typed (or from the chosen child).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AskInput {
    /// A UUID the client made for this question; sending it again returns the first answer.
    pub op_id: String,
    pub age_months: String,
    pub topic: String,
    pub text: String,
    pub may_publish: bool,
}

/// The asked question: its id and when the answer is due (Unix seconds).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Asked {
    pub question_id: i64,
    pub due_at: i64,
}

/// An expert's inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertInbox {
    pub title: String,
    /// Unanswered, the earliest due first.
    pub open: Vec<QuestionView>,
    pub recent: Vec<QuestionView>,
}

#[server(prefix = "/api", endpoint = "ask_expert")]
pub async fn ask_expert(input: AskInput) -> Result<Asked, AppError> {
    let state = crate::api::state()?;
    let result = async { server::ask(&state, &crate::auth::viewer::require_viewer(&state).await?, input).await };
    crate::api::reply(result.await)
}

/// The signed-in parent's questions; `None` for anyone else.
#[server(input = GetUrl, prefix = "/api", endpoint = "my_questions")]
pub async fn fetch_my_questions() -> Result<Option<Vec<QuestionView>>, AppError> {
    let state = crate::api::state()?;
    let result = async {
        match crate::auth::viewer::current_viewer(&state).await? {
            Some(viewer) if viewer.role == crate::domain::account::roles::Role::Parent => server::mine(&state, &viewer).await.map(Some),
            _ => Ok(None),
        }
    };
    crate::api::reply(result.await)
}

/// Published answers matching `q` (Chinese words or pinyin initials; empty for all).
#[server(input = GetUrl, prefix = "/api", endpoint = "expert_faq")]
pub async fn fetch_expert_faq(q: Option<String>) -> Result<Vec<QuestionView>, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::faq(&state, q.as_deref()).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "expert_inbox")]
pub async fn fetch_expert_inbox() -> Result<ExpertInbox, AppError> {
    let state = crate::api::state()?;
    let result = async { server::inbox(&state, &crate::auth::viewer::require_viewer(&state).await?).await };
    crate::api::reply(result.await)
}

#[server(prefix = "/api", endpoint = "answer_question")]
pub async fn answer_question(op_id: String, question_id: i64, answer: String, publish: bool) -> Result<(), AppError> {
    let state = crate::api::state()?;
    let result = async { server::answer(&state, &crate::auth::viewer::require_viewer(&state).await?, &op_id, question_id, &answer, publish).await };
    crate::api::reply(result.await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::api::operation;
    use crate::auth::viewer::audit;
    use crate::domain::account::roles::{Role, Viewer};
    use crate::domain::calendar::Timestamp;
    use crate::domain::expert::{answer_text, is_overdue, ExpertRefusal, QuestionInput};
    use crate::content::search::SearchText;
    use crate::state::AppState;
    use crate::store::expert::{QuestionOutcome, QuestionRow};

    fn view(row: QuestionRow, now: Timestamp) -> QuestionView {
        QuestionView {
            overdue: is_overdue(Timestamp(row.due_at), row.answered_at.is_some(), now),
            id: row.id,
            age_months: u32::try_from(row.age_months).unwrap_or_default(),
            topic: row.topic,
            question: row.question,
            may_publish: row.may_publish,
            asked_at: row.asked_at,
            due_at: row.due_at,
            answer: row.answer,
            answered_at: row.answered_at,
            expert_title: row.expert_title,
            published: row.published,
        }
    }

    fn refused(outcome: QuestionOutcome) -> AppError {
        match outcome {
            QuestionOutcome::Refused(refusal) => AppError::refused(refusal),
            _ => AppError::NotFound,
        }
    }

    pub async fn ask(state: &AppState, viewer: &Viewer, input: AskInput) -> Result<Asked, AppError> {
        if viewer.role != Role::Parent {
            return Err(AppError::refused(ExpertRefusal::ParentsAsk));
        }
        let question = QuestionInput { age_months: input.age_months.clone(), topic: input.topic.clone(), text: input.text.clone(), may_publish: input.may_publish };
        let draft = question.validate().map_err(AppError::refused)?;
        let op = operation(&input.op_id, viewer, "question.ask", &question)?;
        match state.store.ask_expert(&op, viewer.account_id, &draft, state.clock.now()).await? {
            QuestionOutcome::Asked { question_id, due_at } => Ok(Asked { question_id, due_at }),
            other => Err(refused(other)),
        }
    }

    pub async fn mine(state: &AppState, viewer: &Viewer) -> Result<Vec<QuestionView>, AppError> {
        let now = state.clock.now();
        Ok(state.store.questions_of(viewer.account_id).await?.into_iter().map(|row| view(row, now)).collect())
    }

    pub async fn faq(state: &AppState, words: Option<&str>) -> Result<Vec<QuestionView>, AppError> {
        let now = state.clock.now();
        let words = words.map(str::trim).filter(|w| !w.is_empty()).map(|w| w.chars().take(super::super::MAX_WORDS).collect::<String>());
        let rows = state.store.published_answers().await?;
        Ok(rows
            .into_iter()
            .filter(|row| words.as_deref().is_none_or(|words| SearchText::new(&row.question, row.answer.as_deref().unwrap_or_default()).matches(words)))
            .map(|row| view(row, now))
            .collect())
    }

    /// The expert's title, or a refusal in words for everyone else.
    async fn require_expert(state: &AppState, viewer: &Viewer) -> Result<String, AppError> {
        let title = match viewer.role {
            Role::Supervisor { .. } => state.store.expert_title(viewer.account_id).await?,
            _ => None,
        };
        title.ok_or(AppError::refused(ExpertRefusal::ExpertsAnswer))
    }

    pub async fn inbox(state: &AppState, viewer: &Viewer) -> Result<ExpertInbox, AppError> {
        let title = require_expert(state, viewer).await?;
        let now = state.clock.now();
        let open = state.store.open_questions().await?.into_iter().map(|row| view(row, now)).collect();
        let recent = state.store.recent_answers(20).await?.into_iter().map(|row| view(row, now)).collect();
        Ok(ExpertInbox { title, open, recent })
    }

    pub async fn answer(state: &AppState, viewer: &Viewer, op_id: &str, question_id: i64, answer: &str, publish: bool) -> Result<(), AppError> {
        require_expert(state, viewer).await?;
        let text = answer_text(answer).map_err(AppError::refused)?;
        let op = operation(op_id, viewer, "question.answer", &(question_id, &text, publish))?;
        match state.store.answer_question(&op, viewer.account_id, question_id, &text, publish, state.clock.now()).await? {
            QuestionOutcome::Answered => {
                audit(state, &viewer.actor(), "question.answer", &format!("question:{question_id}"), "ok").await;
                Ok(())
            }
            other => Err(refused(other)),
        }
    }
}

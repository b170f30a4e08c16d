//! A family's lesson progress (read to the end, check answered), each step applied once by its
//! operation id (pages, `/api/v1` and the offline sync share `server::record`), and the
//! district's reach figure for supervisors.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A step of progress on one lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProgressInput {
    /// A UUID the client made for this step; sending it again returns the first answer.
    #[cfg_attr(feature = "ssr", schema(pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"))]
    pub op_id: String,
    pub lesson_id: String,
    /// The child the parent read for (one of theirs), if any.
    pub child_id: Option<i64>,
    /// `read` (read to the end) or `answered` (the check).
    pub step: String,
    /// For `answered`: the chosen choice of each question, in order (index from 0).
    #[serde(default)]
    pub answers: Vec<u32>,
}

/// The family's progress on a lesson after a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProgressView {
    pub lesson_id: String,
    pub read: bool,
    pub answered: bool,
    /// Read to the end and the check answered: counts towards the family being reached.
    pub learned: bool,
    /// Right answers of the last check, of `questions`.
    pub correct: Option<u32>,
    pub questions: Option<u32>,
}

/// The district's reach: families with a child under 3, and those that learned at least 3
/// lessons in the last 12 months.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReachView {
    pub families: u64,
    pub reached: u64,
    /// Share reached, in per mille (rounded down); `null` with no families.
    pub per_mille: Option<u32>,
    /// The plan's goal, in per mille (900).
    pub goal_per_mille: u32,
    /// `YYYY-MM-DD`: the day the figure is for.
    pub as_of: String,
}

#[server(prefix = "/api", endpoint = "record_lesson_progress")]
pub async fn record_lesson_progress(input: ProgressInput) -> Result<ProgressView, AppError> {
    let state = crate::api::state()?;
    let result = async { server::record(&state, &crate::auth::viewer::require_viewer(&state).await?, input).await };
    crate::api::reply(result.await)
}

/// The signed-in parent's progress on every lesson opened; `None` for anyone else (whose
/// reading is not kept).
#[server(input = GetUrl, prefix = "/api", endpoint = "my_lesson_progress")]
pub async fn fetch_my_lesson_progress() -> Result<Option<Vec<ProgressView>>, AppError> {
    let state = crate::api::state()?;
    let result = async {
        match crate::auth::viewer::current_viewer(&state).await? {
            Some(viewer) if viewer.role == crate::domain::account::roles::Role::Parent => server::mine(&state, &viewer).await.map(Some),
            _ => Ok(None),
        }
    };
    crate::api::reply(result.await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "lesson_reach")]
pub async fn fetch_lesson_reach() -> Result<ReachView, AppError> {
    let state = crate::api::state()?;
    let result = async { server::reach(&state, &crate::auth::viewer::require_viewer(&state).await?).await };
    crate::api::reply(result.await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::content::lessons::Catalogue;
    use crate::domain::account::roles::{Role, Viewer};
    use crate::domain::calendar::CivilDate;
    use crate::domain::lesson::progress::check_step;
    use crate::domain::lesson::reach::{learned_at, GOAL_PER_MILLE};
    use crate::domain::lesson::LessonRefusal;
    use crate::state::AppState;
    use crate::store::lessons::ProgressRecord;

    fn view(record: ProgressRecord) -> ProgressView {
        let at = |value: Option<i64>| value.map(crate::domain::calendar::Timestamp);
        ProgressView {
            read: record.read_at.is_some(),
            answered: record.answered_at.is_some(),
            learned: learned_at(at(record.read_at), at(record.answered_at)).is_some(),
            correct: record.correct.map(|n| n as u32),
            questions: record.questions.map(|n| n as u32),
            lesson_id: record.lesson_id,
        }
    }

    /// Records one step for a parent: the lesson must exist, the step fit it, the child (if
    /// named) be the parent's own.
    pub async fn record(state: &AppState, viewer: &Viewer, input: ProgressInput) -> Result<ProgressView, AppError> {
        if viewer.role != Role::Parent {
            return Err(AppError::refused(LessonRefusal::FamiliesOnly));
        }
        let lesson = Catalogue::embedded().lesson(input.lesson_id.trim()).ok_or(AppError::refused(LessonRefusal::UnknownLesson))?;
        let step = check_step(lesson, &input.step, &input.answers).map_err(AppError::refused)?;
        if let Some(child_id) = input.child_id {
            match state.store.child(child_id).await? {
                Some(child) if child.account_id == viewer.account_id => {}
                _ => return Err(crate::auth::viewer::refuse(state, Some(viewer), "lesson.progress", &format!("child:{child_id}")).await),
            }
        }
        let op = crate::api::operation(&input.op_id, viewer, "lesson.progress", &input)?;
        let record = state.store.record_lesson_progress(&op, viewer.account_id, &lesson.card.id, input.child_id, &step, state.clock.now()).await?;
        Ok(view(record))
    }

    pub async fn mine(state: &AppState, viewer: &Viewer) -> Result<Vec<ProgressView>, AppError> {
        Ok(state.store.lesson_progress_of(viewer.account_id).await?.into_iter().map(view).collect())
    }

    /// The district figure, for supervisors of any department: counts only, no family.
    pub async fn reach(state: &AppState, viewer: &Viewer) -> Result<ReachView, AppError> {
        if !matches!(viewer.role, Role::Supervisor { .. }) {
            return Err(crate::auth::viewer::refuse(state, Some(viewer), "lesson.reach", "district").await);
        }
        let today = CivilDate::in_china_at(state.clock.now());
        let reach = state.store.lesson_reach(today).await?;
        Ok(ReachView { families: reach.families, reached: reach.reached, per_mille: reach.per_mille(), goal_per_mille: GOAL_PER_MILLE, as_of: today.to_string() })
    }
}

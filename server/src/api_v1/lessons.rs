//! `/api/v1` for parenting lessons: the list (by topic, age and words) and one lesson. Public;
//! a signed-in parent also gets this month's lessons for each child.

use app::api::lessons::progress::{ProgressInput, ProgressView};
use app::api::lessons::{LessonList, LessonView};
use app::domain::lesson::LessonRefusal;
use app::error::AppError;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{locale, viewer, ApiError, Body, Params, Reply};

/// The six topics of the national guide, as the `topic` filter takes them.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // only describes the parameter in the OpenAPI document
pub(crate) enum TopicParam {
    Growth,
    Feeding,
    Play,
    Care,
    Safety,
    Health,
}

#[derive(Deserialize)]
pub(crate) struct LessonQuery {
    topic: Option<String>,
    age: Option<String>,
    q: Option<String>,
}

/// Lessons that match, youngest age first; with `age`, one recommended lesson per topic.
#[utoipa::path(
    get,
    path = "/api/v1/lessons",
    params(
        ("topic" = Option<TopicParam>, Query, description = "growth, feeding, play, care, safety or health"),
        ("age" = Option<u32>, Query, minimum = 0, maximum = 36, description = "The child's age in whole months"),
        ("q" = Option<String>, Query, description = "Words in Chinese, or pinyin initials (fs for 辅食); at most 40 characters are used")
    ),
    responses((status = 200, body = LessonList), (status = 400, body = ApiError, description = "Malformed query"), (status = 422, body = ApiError, description = "Unknown topic, or an age outside 0–36 months"), (status = 503, body = ApiError, description = "Database busy or unreachable"))
)]
pub(crate) async fn lessons(State(state): State<AppState>, headers: HeaderMap, Params(query): Params<LessonQuery>) -> Reply<LessonList> {
    // The pages' form sends an empty value for "any"; this API takes a value or no parameter.
    let blank = |value: &Option<String>| value.as_deref().is_some_and(|v| v.trim().is_empty());
    if blank(&query.age) {
        return Reply(Err(AppError::refused(LessonRefusal::AgeOutOfRange)), locale(&headers));
    }
    if blank(&query.topic) {
        return Reply(Err(AppError::refused(LessonRefusal::UnknownTopic)), locale(&headers));
    }
    // Lessons are public: a request without a session simply has no children to recommend for.
    let asker = match viewer(&state, &headers).await {
        Ok(viewer) => Some(viewer),
        Err(AppError::Unauthenticated) => None,
        Err(error) => return Reply(Err(error), locale(&headers)),
    };
    Reply(app::api::lessons::server::lessons(&state, asker.as_ref(), query.topic.as_deref(), query.age.as_deref(), query.q.as_deref()).await, locale(&headers))
}

/// One whole lesson: text (Chinese), what to try today, the check with its answers, sources.
#[utoipa::path(
    get,
    path = "/api/v1/lessons/{id}",
    params(("id" = String, Path, description = "The lesson's id, e.g. feeding-06-12-first-foods")),
    responses((status = 200, body = LessonView), (status = 404, body = ApiError, description = "Unknown lesson"))
)]
pub(crate) async fn lesson(headers: HeaderMap, Path(id): Path<String>) -> Reply<LessonView> {
    Reply(app::api::lessons::server::lesson(&id), locale(&headers))
}

/// Records a step of the family's progress on a lesson: `read` (read to the end) or `answered`
/// (the check, one chosen index per question). Applied once per `op_id`. A lesson read to the
/// end with its check answered counts as learned.
#[utoipa::path(
    post,
    path = "/api/v1/lessons/progress",
    request_body = ProgressInput,
    responses((status = 200, body = ProgressView), (status = 400, body = ApiError, description = "Malformed request"), (status = 401, body = ApiError, description = "Not signed in"), (status = 404, body = ApiError, description = "Unknown lesson, or not your child"), (status = 409, body = ApiError, description = "Operation id reused for another request"), (status = 422, body = ApiError, description = "The step does not fit the lesson, a staff account, or unusable input"), (status = 503, body = ApiError, description = "Database busy or unreachable; try again"))
)]
pub(crate) async fn progress(State(state): State<AppState>, headers: HeaderMap, Body(input): Body<ProgressInput>) -> Reply<ProgressView> {
    let result = match viewer(&state, &headers).await {
        Ok(viewer) => app::api::lessons::progress::server::record(&state, &viewer, input).await,
        Err(e) => Err(e),
    };
    Reply(result, locale(&headers))
}

//! Parenting lessons (家长课堂): the list by topic, age and words, one lesson, and this month's
//! lessons for each child of a signed-in parent. Lessons are public; only the recommendations
//! per child read anything private (the parent's own children's birth dates).

pub mod activities;
pub mod expert;
pub mod guide;
pub mod progress;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::domain::lesson::body::Block;
use crate::domain::lesson::{Action, LessonCard, Question, Source};
use crate::error::AppError;

/// Longest search text taken; the rest is ignored.
pub const MAX_WORDS: usize = 40;

/// A lesson in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LessonCardView {
    /// The lesson's id, also its address: `/lessons/{id}`.
    pub id: String,
    /// `growth`, `feeding`, `play`, `care`, `safety` or `health`.
    pub topic: String,
    /// Months, from (inclusive) and to (exclusive).
    pub age_from: u32,
    pub age_to: u32,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
}

impl From<&LessonCard> for LessonCardView {
    fn from(card: &LessonCard) -> Self {
        LessonCardView {
            id: card.id.clone(),
            topic: card.topic.code().into(),
            age_from: card.age_from,
            age_to: card.age_to,
            title: card.title.clone(),
            title_en: card.title_en.clone(),
            summary: card.summary.clone(),
            summary_en: card.summary_en.clone(),
        }
    }
}

/// This month's lessons for one of the parent's children.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChildLessons {
    pub child_id: i64,
    pub name: String,
    /// Whole months today.
    pub age_months: u32,
    /// One lesson per topic for the age.
    pub recommended: Vec<LessonCardView>,
}

/// The lesson list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LessonList {
    /// Lessons that match, youngest age first.
    pub lessons: Vec<LessonCardView>,
    /// One lesson per topic for the age asked for, when an age was given.
    pub recommended: Vec<LessonCardView>,
    /// For a signed-in parent: each child under 3 with its lessons of the month.
    pub children: Vec<ChildLessons>,
    /// How many lessons there are in all.
    pub total: u32,
    /// Lessons the device keeps for offline reading: each child's current and next age band,
    /// or without children the band of the age asked for.
    pub keep_offline: Vec<String>,
}

/// A whole lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LessonView {
    pub card: LessonCardView,
    /// `YYYY-MM-DD`: when the text was last checked against its sources.
    pub reviewed: String,
    /// Chinese text: headings, paragraphs and lists.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Object>))]
    pub body: Vec<Block>,
    /// "今天就可以试试", in Chinese and English.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Object>))]
    pub actions: Vec<Action>,
    /// The check: questions, choices, the index of the right choice and why.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Object>))]
    pub checks: Vec<Question>,
    /// Documents and sections the facts come from.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Object>))]
    pub sources: Vec<Source>,
}

/// Lessons by topic (`growth` … `health`), age in whole months (0–36) and words (Chinese, or
/// pinyin initials such as `fs` for 辅食).
#[server(input = GetUrl, prefix = "/api", endpoint = "lessons")]
pub async fn fetch_lessons(topic: Option<String>, age: Option<String>, q: Option<String>) -> Result<LessonList, AppError> {
    let state = crate::api::state()?;
    let result = async {
        let viewer = crate::auth::viewer::current_viewer(&state).await?;
        server::lessons(&state, viewer.as_ref(), topic.as_deref(), age.as_deref(), q.as_deref()).await
    };
    crate::api::reply(result.await)
}

/// This month's lessons for each child of the signed-in parent (home page, 我的); empty for
/// anyone else.
#[server(input = GetUrl, prefix = "/api", endpoint = "month_lessons")]
pub async fn fetch_month_lessons() -> Result<Vec<ChildLessons>, AppError> {
    let state = crate::api::state()?;
    let result = async {
        match crate::auth::viewer::current_viewer(&state).await? {
            Some(viewer) if viewer.role == crate::domain::account::roles::Role::Parent => {
                server::children_lessons(&state, &viewer, &crate::content::lessons::Catalogue::embedded().cards()).await
            }
            _ => Ok(Vec::new()),
        }
    };
    crate::api::reply(result.await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "lesson")]
pub async fn fetch_lesson(id: String) -> Result<LessonView, AppError> {
    crate::api::reply(server::lesson(&id))
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::content::lessons::{Catalogue, LessonFilter};
    use crate::domain::account::roles::{Role, Viewer};
    use crate::domain::calendar::CivilDate;
    use crate::domain::lesson::{recommended, AgeBand, AgeMonths, LessonRefusal, Topic};
    use crate::state::AppState;

    /// A value that is there and not blank.
    fn blank(value: Option<&str>) -> Option<&str> {
        value.map(str::trim).filter(|v| !v.is_empty())
    }

    /// The filter as asked: an unknown topic or an age outside 0–36 is refused in words; a
    /// blank value means "any".
    pub fn filter(topic: Option<&str>, age: Option<&str>, words: Option<&str>) -> Result<LessonFilter, AppError> {
        let topic = blank(topic).map(|code| Topic::from_code(code).ok_or(AppError::refused(LessonRefusal::UnknownTopic))).transpose()?;
        let age = blank(age).map(|text| AgeMonths::parse(text).map_err(AppError::refused)).transpose()?;
        let words = blank(words).map(|text| text.chars().take(MAX_WORDS).collect());
        Ok(LessonFilter { topic, age, words })
    }

    pub async fn lessons(state: &AppState, viewer: Option<&Viewer>, topic: Option<&str>, age: Option<&str>, words: Option<&str>) -> Result<LessonList, AppError> {
        let filter = filter(topic, age, words)?;
        let catalogue = Catalogue::embedded();
        let cards = catalogue.cards();
        let for_age = filter.age.map(|age| recommended(&cards, age)).unwrap_or_default();
        let children = match viewer {
            Some(viewer) if viewer.role == Role::Parent => children_lessons(state, viewer, &cards).await?,
            _ => Vec::new(),
        };
        let ages: Vec<AgeMonths> = match children.is_empty() {
            true => filter.age.into_iter().collect(),
            false => children.iter().filter_map(|child| AgeMonths::new(child.age_months).ok()).collect(),
        };
        let keep_offline = offline_bands(&ages, children.is_empty());
        Ok(LessonList {
            keep_offline: cards.iter().filter(|card| keep_offline.contains(&card.band())).map(|card| card.id.clone()).collect(),
            lessons: catalogue.find(&filter).iter().map(LessonCardView::from).collect(),
            recommended: for_age.iter().map(LessonCardView::from).collect(),
            children,
            total: catalogue.len() as u32,
        })
    }

    /// The age bands kept on the device: for a child its band and the next (it grows into it),
    /// for an age asked without a child only its band.
    fn offline_bands(ages: &[AgeMonths], asked_without_child: bool) -> Vec<AgeBand> {
        let mut bands: Vec<AgeBand> = Vec::new();
        for age in ages {
            let band = AgeBand::of_age(*age);
            let next = if asked_without_child { None } else { band.next() };
            for band in std::iter::once(band).chain(next) {
                if !bands.contains(&band) {
                    bands.push(band);
                }
            }
        }
        bands
    }

    /// Each child under 3 (by the birth date in its profile, today in China) with a lesson per
    /// topic for its age.
    pub async fn children_lessons(state: &AppState, viewer: &Viewer, cards: &[LessonCard]) -> Result<Vec<ChildLessons>, AppError> {
        let today = CivilDate::in_china_at(state.clock.now());
        let children = state.store.children_of(viewer.account_id).await?;
        Ok(children
            .into_iter()
            .filter_map(|child| {
                let birth = CivilDate::parse(&child.birth_date).ok()?;
                let age = AgeMonths::of_child(birth, today)?;
                Some(ChildLessons {
                    child_id: child.id,
                    name: child.name,
                    age_months: age.get(),
                    recommended: recommended(cards, age).iter().map(LessonCardView::from).collect(),
                })
            })
            .collect())
    }

    pub fn lesson(id: &str) -> Result<LessonView, AppError> {
        let lesson = Catalogue::embedded().lesson(id.trim()).ok_or(AppError::refused(LessonRefusal::UnknownLesson))?;
        Ok(LessonView {
            card: LessonCardView::from(&lesson.card),
            reviewed: lesson.reviewed.clone(),
            body: lesson.body.clone(),
            actions: lesson.actions.clone(),
            checks: lesson.checks.clone(),
            sources: lesson.sources.clone(),
        })
    }
}

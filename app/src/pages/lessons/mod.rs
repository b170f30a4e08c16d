//! Parenting lessons (家长课堂): the list by age, topic and words, and one lesson to read, hear
//! and check oneself on.

mod activities;
mod check;
mod guide;
mod list;
mod month;
mod progress;
mod questions;
mod reach;
mod reading;

pub use activities::ActivitiesPage;
pub use guide::GuidePage;
pub use list::LessonsPage;
pub use month::MonthLessons;
pub use questions::{AskExpertPage, ExpertFaqPage, QuestionItem};
pub use reach::LessonReach;
pub use reading::LessonPage;

use leptos::prelude::*;

use crate::api::lessons::LessonCardView;
use crate::domain::lesson::Topic;
use crate::i18n::{use_i18n, Locale};
use crate::labels;

/// A lesson's title and summary in the reader's language (English has both; the body is
/// Chinese in every language).
fn title_in(locale: Locale, card: &LessonCardView) -> (String, String) {
    match locale {
        Locale::en => (card.title_en.clone(), card.summary_en.clone()),
        _ => (card.title.clone(), card.summary.clone()),
    }
}

/// Topic and age of a lesson, as two small badges.
#[component]
fn LessonBadges(topic: String, age_from: u32, age_to: u32) -> impl IntoView {
    let i18n = use_i18n();
    let topic = Topic::from_code(&topic);
    view! {
        <p class="lesson-badges">
            {topic.map(|topic| view! { <span class="badge">{move || labels::lessons::topic(i18n.get_locale(), topic)}</span> })}
            <span class="badge badge-quiet">{move || labels::lessons::age_range(i18n.get_locale(), age_from, age_to)}</span>
        </p>
    }
}

/// One lesson in a list: a link to it with its badges and summary.
#[component]
fn LessonCardLink(card: LessonCardView) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/lessons/{}", card.id);
    let (topic, from, to) = (card.topic.clone(), card.age_from, card.age_to);
    let text = move || title_in(i18n.get_locale(), &card);
    let text2 = text.clone();
    view! {
        <li class="lesson-card">
            <a href=href>
                <LessonBadges topic age_from=from age_to=to/>
                <strong class="lesson-card-title">{move || text().0}</strong>
                <span class="lesson-card-summary">{move || text2().1}</span>
            </a>
        </li>
    }
}

//! `/lessons/:id`: one lesson in large type, to read or hear, with what to try today, a short
//! check and its sources.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::check::Check;
use crate::components::read_aloud::ReadAloud;
use super::{title_in, LessonBadges};
use super::progress::{ReadDone, Tracker};
use crate::api::lessons::progress::{fetch_my_lesson_progress, ProgressView};
use crate::api::lessons::{fetch_lesson, LessonView};
use crate::error::AppError;
use crate::components::ErrorNotice;
use crate::domain::lesson::body::{plain_text, Block};
use crate::i18n::{t, td_string, use_i18n, Locale};
use crate::labels;

#[component]
pub fn LessonPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let lesson = Resource::new(move || id.get(), fetch_lesson);
    let mine = Resource::new(|| (), |_| fetch_my_lesson_progress());
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                // Reading works without the progress (e.g. the database is busy): it is then
                // not kept, and the page says why.
                let (lesson, mine) = (lesson.await, mine.await);
                match lesson {
                    Ok(lesson) => view! { <Reading lesson mine/> }.into_any(),
                    Err(e) => view! {
                        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), lessons.title))/>
                        <ErrorNotice error=e/>
                        <p><a href="/lessons">{t!(i18n, lessons.back)}</a></p>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Reading(lesson: LessonView, mine: Result<Option<Vec<ProgressView>>, AppError>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let (title, summary) = title_in(locale, &lesson.card);
    let progress_error = mine.as_ref().err().cloned();
    let tracker = Tracker::new(lesson.card.id.clone(), lesson.card.title.clone(), mine.ok().flatten());
    let spoken = format!("{}。\n{}", lesson.card.title, plain_text(&lesson.body));
    let back = format!("/lessons?age={}&topic={}", lesson.card.age_from, lesson.card.topic);
    let LessonView { card, reviewed, body, actions, checks, sources } = lesson;
    view! {
        <Title text=labels::page_title(locale, &title)/>
        <article class="lesson">
            <LessonBadges topic=card.topic.clone() age_from=card.age_from age_to=card.age_to/>
            <h1>{title}</h1>
            <p class="lead">{summary}</p>
            {(locale == Locale::en).then(|| view! { <p class="notice">{t!(i18n, lessons.body_in_chinese)}</p> })}
            <ReadAloud text=spoken/>
            <div class="lesson-body" lang="zh-CN">
                {body.into_iter().map(block_view).collect_view()}
            </div>
            {progress_error.map(|error| view! { <ErrorNotice error/> })}
            <ReadDone tracker/>
            <section class="lesson-try" aria-labelledby="try-today">
                <h2 id="try-today">{t!(i18n, lessons.try_today)}</h2>
                <ul>
                    {actions
                        .into_iter()
                        .map(|action| view! { <li>{move || if i18n.get_locale() == Locale::en { action.en.clone() } else { action.zh.clone() }}</li> })
                        .collect_view()}
                </ul>
            </section>
            <Check checks on_complete=Callback::new(move |answers| tracker.report("answered", answers))/>
            <section class="lesson-sources" aria-labelledby="sources">
                <h2 id="sources">{t!(i18n, lessons.sources)}</h2>
                <ul lang="zh-CN">
                    {sources.into_iter().map(|s| view! { <li>{format!("《{}》 {}", s.document.trim_matches(|c| c == '《' || c == '》'), s.section)}</li> }).collect_view()}
                </ul>
                <p class="as-of">{move || td_string!(i18n.get_locale(), lessons.reviewed, date = reviewed.clone()).to_string()}</p>
            </section>
            <p><a class="button secondary" href=back>{t!(i18n, lessons.back)}</a></p>
        </article>
    }
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Heading(text) => view! { <h2>{text}</h2> }.into_any(),
        Block::Paragraph(text) => view! { <p>{text}</p> }.into_any(),
        Block::List(items) => view! { <ul>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul> }.into_any(),
    }
}

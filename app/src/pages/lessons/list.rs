//! `/lessons`: lessons by the child's age, topic and words. The filters are a plain GET form,
//! so the list works before the page's code has loaded and every search has an address.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::LessonCardLink;
use crate::api::lessons::{fetch_lessons, ChildLessons, LessonList, MAX_WORDS};
use crate::components::ErrorNotice;
use crate::domain::lesson::{Topic, MAX_AGE_MONTHS};
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::labels;

#[component]
pub fn LessonsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        let map = query.read();
        (map.get("topic"), map.get("age"), map.get("q"))
    });
    let list = Resource::new(move || asked.get(), |(topic, age, q)| fetch_lessons(topic, age, q));
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), lessons.title))/>
        <h1>{t!(i18n, lessons.heading)}</h1>
        <p class="lead">{t!(i18n, lessons.lead)}</p>
        <nav class="lesson-more" aria-label=move || t_string!(i18n, lessons.more_label).to_string()>
            <a class="button secondary" href="/lessons/activities" data-testid="activities-link">{t!(i18n, activities.link)}</a>
            <a class="button secondary" href="/lessons/ask" data-testid="ask-link">{t!(i18n, expert.title)}</a>
            <a class="button secondary" href="/lessons/faq">{t!(i18n, expert.faq_link)}</a>
        </nav>
        <Filters asked/>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <Lists list asked_age=asked.get_untracked().1/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Age, topic and words, kept from the address.
#[component]
fn Filters(asked: Memo<(Option<String>, Option<String>, Option<String>)>) -> impl IntoView {
    let i18n = use_i18n();
    let (topic, age, words) = asked.get_untracked();
    let age = age.unwrap_or_default();
    let topic = topic.unwrap_or_default();
    view! {
        <form class="lesson-filters" method="get" action="/lessons" role="search">
            <label for="lesson-age">{t!(i18n, lessons.age_label)}</label>
            <select id="lesson-age" name="age">
                <option value="" selected=age.is_empty()>{t!(i18n, lessons.any_age)}</option>
                {(0..=MAX_AGE_MONTHS)
                    .map(|n| {
                        let selected = age == n.to_string();
                        view! { <option value=n.to_string() selected=selected>{move || t_string!(i18n, lessons.age_option, n = n).to_string()}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="lesson-topic">{t!(i18n, lessons.topic_label)}</label>
            <select id="lesson-topic" name="topic">
                <option value="" selected=topic.is_empty()>{t!(i18n, lessons.any_topic)}</option>
                {Topic::ALL
                    .iter()
                    .map(|code| {
                        let code = *code;
                        view! { <option value=code.code() selected=topic == code.code()>{move || labels::lessons::topic(i18n.get_locale(), code)}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="lesson-search">{t!(i18n, lessons.search_label)}</label>
            <input id="lesson-search" type="search" name="q" maxlength=MAX_WORDS.to_string() autocomplete="off"
                value=words.unwrap_or_default() placeholder=move || t_string!(i18n, lessons.search_placeholder).to_string()/>
            <button type="submit">{t!(i18n, lessons.search)}</button>
        </form>
    }
}

#[component]
fn Lists(list: LessonList, asked_age: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let LessonList { lessons, recommended, children, total, keep_offline } = list;
    // The lesson pages and their reads, kept by the service worker once this page has shown.
    let addresses: Vec<String> = keep_offline.iter().flat_map(|id| [format!("/lessons/{id}"), format!("/api/lesson?id={id}")]).collect();
    #[cfg(feature = "hydrate")]
    crate::hydration::after_hydration(move || crate::offline::keep_for_offline(&addresses));
    #[cfg(not(feature = "hydrate"))]
    let _ = addresses;
    let count = lessons.len();
    let age = asked_age.and_then(|a| a.trim().parse::<u32>().ok());
    view! {
        {children.into_iter().map(|child| view! { <ChildSection child/> }).collect_view()}
        {(!recommended.is_empty()).then(|| view! {
            <section class="lesson-section" aria-labelledby="for-age">
                <h2 id="for-age">{move || t_string!(i18n, lessons.for_age, n = age.unwrap_or_default()).to_string()}</h2>
                <p><a class="button secondary" href=format!("/lessons/guide?age={}", age.unwrap_or_default()) data-testid="guide-link">{t!(i18n, lessons.guide_link)}</a></p>
                <ul class="lesson-cards">{recommended.into_iter().map(|card| view! { <LessonCardLink card/> }).collect_view()}</ul>
            </section>
        })}
        <section class="lesson-section" aria-labelledby="all-lessons">
            <h2 id="all-lessons">{move || t_string!(i18n, lessons.found, n = count, total = total).to_string()}</h2>
            {if lessons.is_empty() {
                view! { <p class="notice">{t!(i18n, lessons.none)}</p> }.into_any()
            } else {
                view! { <ul class="lesson-cards">{lessons.into_iter().map(|card| view! { <LessonCardLink card/> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

/// "本月推荐" for one of the parent's children.
#[component]
fn ChildSection(child: ChildLessons) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("child-{}", child.child_id);
    let labelled_by = heading_id.clone();
    let (name, months) = (child.name.clone(), child.age_months);
    view! {
        <section class="lesson-section" aria-labelledby=labelled_by>
            <h2 id=heading_id>{move || t_string!(i18n, lessons.for_child, name = name.clone(), n = months).to_string()}</h2>
            <p><a class="button secondary" href=format!("/lessons/guide?child={}", child.child_id) data-testid="guide-link">{t!(i18n, lessons.guide_link)}</a></p>
            <ul class="lesson-cards">{child.recommended.into_iter().map(|card| view! { <LessonCardLink card/> }).collect_view()}</ul>
        </section>
    }
}

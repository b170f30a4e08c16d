//! The home page: search, district figures, and a way in by street or town or "near me".

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::directory::fetch_district_summary;
use crate::components::ErrorNotice;
use crate::domain::district::{UnitKind, UNITS};
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::labels;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let summary = Resource::new(|| (), |_| fetch_district_summary());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), home.title))/>
        <section class="hero">
            <h1>{t!(i18n, home.heading)}</h1>
            <p class="lead">{t!(i18n, home.lead)}</p>
            <p class="elder-entry"><crate::components::display::DisplaySwitch prominent=true/></p>
            <form method="get" action="/facilities" role="search">
                <div class="search-row">
                    <label for="home-search" class="visually-hidden">{t!(i18n, home.search_label)}</label>
                    <input id="home-search" type="search" name="q" maxlength="40" autocomplete="off"
                        placeholder=move || t_string!(i18n, home.search_placeholder).to_string()/>
                    <button type="submit">{t!(i18n, home.search)}</button>
                </div>
            </form>
        </section>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(s) => view! {
                        <section class="figures" aria-label=move || t_string!(i18n, home.figures).to_string()>
                            <div class="figure"><strong>{s.facilities}</strong><span>{t!(i18n, home.facilities)}</span></div>
                            <div class="figure"><strong>{s.inclusive_facilities}</strong><span>{t!(i18n, home.inclusive_facilities)}</span></div>
                            <div class="figure"><strong>{s.free_places}</strong><span>{t!(i18n, home.free_places)}</span></div>
                        </section>
                        <p class="as-of">{move || { let date = labels::date(s.as_of); t_string!(i18n, home.figures_note, date = date) }}</p>
                        {s.demo.then(|| view! { <p class="notice">{t!(i18n, home.demo_notice)}</p> })}
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <p><a class="button secondary wide" href="/facilities?view=map">{t!(i18n, home.near_me)}</a></p>
        <p class="actions left">
            <a class="button secondary" href="/complaints/new">{t!(i18n, complaints.new_link)}</a>
            <a class="button secondary" href="/complaints/track">{t!(i18n, complaints.track_heading)}</a>
        </p>
        <crate::pages::lessons::MonthLessons/>
        <LessonsTeaser/>
        <section class="units">
            <h2>{t!(i18n, home.by_street)}</h2>
            <UnitLinks kind=UnitKind::Street/>
            <h2>{t!(i18n, home.by_town)}</h2>
            <UnitLinks kind=UnitKind::Town/>
        </section>
    }
}

#[component]
fn UnitLinks(kind: UnitKind) -> impl IntoView {
    view! {
        <ul class="unit-grid">
            {UNITS
                .iter()
                .filter(|u| u.kind == kind)
                .map(|u| view! { <li><a href=format!("/facilities?street={}", u.code)>{u.short_name}</a></li> })
                .collect_view()}
        </ul>
    }
}

/// The way into the lessons: choose the child's age, see this month's lessons.
#[component]
fn LessonsTeaser() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="lessons-teaser" aria-labelledby="home-lessons">
            <h2 id="home-lessons">{t!(i18n, lessons.home_heading)}</h2>
            <p>{t!(i18n, lessons.home_lead)}</p>
            <form method="get" action="/lessons" class="search-row">
                <label for="home-lesson-age" class="visually-hidden">{t!(i18n, lessons.age_label)}</label>
                <select id="home-lesson-age" name="age">
                    <option value="">{t!(i18n, lessons.any_age)}</option>
                    {(0..=crate::domain::lesson::MAX_AGE_MONTHS)
                        .map(|n| view! { <option value=n.to_string()>{move || t_string!(i18n, lessons.age_option, n = n).to_string()}</option> })
                        .collect_view()}
                </select>
                <button type="submit">{t!(i18n, lessons.home_link)}</button>
            </form>
            <p><a class="button secondary" href="/policies" data-testid="policies-link">{t!(i18n, policies.link)}</a></p>
        </section>
    }
}

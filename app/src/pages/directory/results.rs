//! What the finder found: notes on corrections, the count, the 15-minute circle, then the list
//! (with pages) or the map; and when nothing matched, why, with ways to widen the search.

use leptos::prelude::*;

use super::finder::finder_href;
use crate::api::directory::{FacilityCard, FinderResult};
use crate::components::map::FacilityMap;
use crate::components::{DemoBadge, InclusiveBadge, RatingBadge, VacancyBadge};
use crate::domain::finder::{FinderParams, View};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

#[component]
pub fn Results(result: FinderResult, params: FinderParams) -> impl IntoView {
    let i18n = use_i18n();
    let FinderResult { query, notes, total, page, pages, cards, pins, pins_truncated, origin, surroundings, class_for_age, as_of } =
        result;
    let narrowed = query.is_narrowed();
    let notes_view = (!notes.is_empty()).then(|| {
        view! {
            <ul class="notes" role="status">
                {notes.into_iter().map(|note| view! { <li>{move || labels::finder_note(i18n.get_locale(), &note)}</li> }).collect_view()}
            </ul>
        }
    });
    let summary = move || {
        if narrowed {
            t_string!(i18n, finder.summary, n = total)
        } else {
            t_string!(i18n, finder.summary_all, n = total)
        }
    };
    let circle = surroundings.map(|s| {
        view! {
            <div class="circle-summary" data-circle-facilities=s.facilities data-circle-free=s.free_places>
                <p>{move || t_string!(i18n, finder.circle, m = s.radius_m, n = s.facilities, free = s.free_places)}</p>
                <p class="hint">{t!(i18n, finder.circle_explain)}</p>
            </div>
        }
    });
    let age = class_for_age.map(|class| {
        view! { <p class="age-class">{move || { let class = labels::class_level(i18n.get_locale(), class); t_string!(i18n, finder.class_for_age, class = class) }}</p> }
    });
    let as_of_text = move || {
        let date = labels::date(as_of);
        t_string!(i18n, finder.as_of, date = date)
    };

    if total == 0 {
        return view! {
            {notes_view}
            <EmptyResults params/>
        }
        .into_any();
    }

    let shown_pins = pins.len();
    let body = match query.view {
        View::Map => view! {
            {pins_truncated.then(|| view! { <p class="notice">{move || t_string!(i18n, map.truncated, n = shown_pins)}</p> })}
            <FacilityMap pins origin circle_m=surroundings.map(|s| s.radius_m)/>
        }
        .into_any(),
        View::List => {
            let prev = (page > 1).then(|| finder_href(&params.with("page", Some(&(page - 1).to_string()))));
            let next = (page < pages).then(|| finder_href(&params.with("page", Some(&(page + 1).to_string()))));
            view! {
                <ul class="cards">
                    {cards.into_iter().map(|card| view! { <Card card/> }).collect_view()}
                </ul>
                <nav class="pager" aria-label=move || t_string!(i18n, finder.pager).to_string()>
                    {prev.map(|href| view! { <a class="button secondary" href=href rel="prev">{t!(i18n, finder.previous)}</a> })}
                    <span>{move || t_string!(i18n, finder.page_of, page = page, pages = pages)}</span>
                    {next.map(|href| view! { <a class="button secondary" href=href rel="next">{t!(i18n, finder.next)}</a> })}
                </nav>
            }
            .into_any()
        }
    };
    view! {
        {notes_view}
        <p class="result-summary" aria-live="polite" data-total=total>{summary}</p>
        {age}
        {circle}
        {body}
        <p class="as-of">{as_of_text}</p>
    }
    .into_any()
}

/// Nothing matched: say so, and offer to drop the narrowest filters one by one, or all.
#[component]
fn EmptyResults(params: FinderParams) -> impl IntoView {
    let i18n = use_i18n();
    let keep_view = FinderParams::default().with("view", params.view.as_deref());
    let mut widen = Vec::new();
    if params.vacant.is_some() {
        widen.push(("vacant", finder_href(&params.with("vacant", None).with("page", None))));
    }
    if params.within.is_some() {
        widen.push(("within", finder_href(&params.with("within", None).with("page", None))));
    }
    if params.fee_min.is_some() || params.fee_max.is_some() {
        widen.push(("fee", finder_href(&params.with("fee_min", None).with("fee_max", None).with("page", None))));
    }
    view! {
        <div class="empty">
            <p><strong>{t!(i18n, finder.empty)}</strong></p>
            <p>{t!(i18n, finder.empty_hint)}</p>
            <p class="actions">
                {widen
                    .into_iter()
                    .map(|(what, href)| {
                        let label = move || match what {
                            "vacant" => t_string!(i18n, finder.widen_vacant).to_string(),
                            "within" => t_string!(i18n, finder.widen_distance).to_string(),
                            _ => t_string!(i18n, finder.widen_fee).to_string(),
                        };
                        view! { <a class="button secondary" href=href>{label}</a> }
                    })
                    .collect_view()}
                <a class="button" href=finder_href(&keep_view)>{t!(i18n, finder.widen)}</a>
            </p>
        </div>
    }
}

#[component]
fn Card(card: FacilityCard) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/facilities/{}", card.id);
    let kind = card.kind;
    let grade = card.grade;
    view! {
        <li class="card">
            <a href=href class="card-link">
                <h2 class="card-title">{card.name}</h2>
                <p class="card-badges">
                    {card.inclusive.then(|| view! { <InclusiveBadge/> })}
                    <span class="badge">{move || labels::facility_kind(i18n.get_locale(), kind)}</span>
                    <span class="badge">{move || labels::grade(i18n.get_locale(), grade)}</span>
                    {card.is_demo.then(|| view! { <DemoBadge/> })}
                </p>
                <p class="card-address">{card.address}</p>
                <p class="card-foot">
                    <VacancyBadge vacancy=card.vacancy/>
                    {card.rating.map(|score| view! { <RatingBadge score/> })}
                    {card.distance_m.map(|d| view! { <span class="distance">{move || labels::distance(i18n.get_locale(), d)}</span> })}
                    {card.fee_from.map(|fee| view! { <span class="fee">{move || labels::fee_from(i18n.get_locale(), fee)}</span> })}
                </p>
            </a>
        </li>
    }
}

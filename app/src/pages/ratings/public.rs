//! What everyone sees of a facility's ratings: the score (from 3 ratings), the count, a bar per
//! aspect and per star level, and the ratings newest first with their badge, month, masked
//! author and the facility's reply. More pages load on request.

use leptos::prelude::*;

use crate::api::ratings::{fetch_facility_ratings, FacilityRatings, RatingSummaryView, RatingView};
use crate::components::{DemoBadge, ErrorNotice};
use crate::domain::rating::{Aspect, Relationship};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

#[component]
pub fn RatingsSummary(summary: RatingSummaryView) -> impl IntoView {
    let i18n = use_i18n();
    let count = summary.count;
    if count == 0 {
        return view! { <p class="muted">{t!(i18n, ratings.none)}</p> }.into_any();
    }
    let headline = match summary.score.clone() {
        Some(score) => {
            let attribute = score.clone();
            view! {
            <p class="rating-score">
                <strong data-score=attribute>{move || t_string!(i18n, ratings.score, score = score.clone())}</strong>
                " · "
                <span>{move || t_string!(i18n, ratings.count, n = count)}</span>
            </p>
            }
            .into_any()
        }
        None => view! {
            <p class="rating-score">
                <span class="muted" data-score="">{t!(i18n, ratings.too_few)}</span>
                " · "
                <span>{move || t_string!(i18n, ratings.count, n = count)}</span>
            </p>
        }
        .into_any(),
    };
    let aspects = summary.per_aspect.clone();
    let stars = summary.per_star.clone();
    view! {
        {headline}
        {(!aspects.is_empty()).then(|| view! {
            <h3 class="visually-hidden">{t!(i18n, ratings.per_aspect)}</h3>
            <ul class="rating-bars">
                {aspects.into_iter().filter_map(|a| Aspect::from_code(&a.aspect).map(|aspect| (aspect, a.score))).map(|(aspect, score)| {
                    let value = score.parse::<f64>().unwrap_or_default();
                    view! {
                        <li>
                            <span>{move || labels::aspect(i18n.get_locale(), aspect)}</span>
                            <meter min="0" max="5" value=value.to_string()></meter>
                            <span class="bar-value">{score}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
        <ul class="rating-bars per-star">
            {(1..=5u32).rev().map(|level| {
                let n = stars.get(level as usize - 1).copied().unwrap_or(0);
                view! {
                    <li>
                        <span>{move || t_string!(i18n, ratings.per_star, n = level)}</span>
                        <meter min="0" max=count.to_string() value=n.to_string()></meter>
                        <span class="bar-value">{n}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
        <details class="rating-help">
            <summary>{t!(i18n, ratings.how_scored_title)}</summary>
            <p class="hint">{t!(i18n, ratings.how_scored)}</p>
        </details>
    }
    .into_any()
}

/// One published rating.
#[component]
pub fn RatingItem(rating: RatingView) -> impl IntoView {
    let i18n = use_i18n();
    let relationship = Relationship::from_code(&rating.relationship);
    let author = rating.author.clone();
    let overall = rating.overall.clone();
    view! {
        <li class="rating" class:aged=rating.aged data-rating=rating.id.to_string()>
            <p class="rating-head">
                <strong class="stars" aria-label=move || t_string!(i18n, ratings.overall, score = overall.clone())>{"★ "}{rating.overall.clone()}</strong>
                {relationship.map(|r| view! { <span class="badge relation">{move || labels::relationship(i18n.get_locale(), r)}</span> })}
                <span class="muted">{move || t_string!(i18n, ratings.author, author = author.clone())}" · "{rating.month.clone()}</span>
                {rating.is_demo.then(|| view! { <DemoBadge/> })}
            </p>
            {rating.aged.then(|| view! { <p class="hint">{t!(i18n, ratings.aged)}</p> })}
            {rating.text.map(|text| view! { <p class="rating-text">{text}</p> })}
            {rating.reply.map(|reply| view! {
                <div class="rating-reply">
                    <p class="muted">{t!(i18n, ratings.reply)}</p>
                    <p>{reply}</p>
                </div>
            })}
        </li>
    }
}

/// The summary and the first page, with a button that loads the next pages.
#[component]
pub fn RatingsList(first: FacilityRatings) -> impl IntoView {
    let i18n = use_i18n();
    let facility_id = first.facility_id;
    let shown = RwSignal::new(first.ratings);
    let has_more = RwSignal::new(first.has_more);
    let page = RwSignal::new(first.page);
    let more = Action::new(move |next: &u32| fetch_facility_ratings(facility_id, *next));
    Effect::new(move |_| {
        if let Some(Ok(next)) = more.value().get() {
            page.set(next.page);
            has_more.set(next.has_more);
            shown.update(|list| {
                let known: Vec<i64> = list.iter().map(|r| r.id).collect();
                list.extend(next.ratings.into_iter().filter(|r| !known.contains(&r.id)));
            });
        }
    });
    view! {
        <RatingsSummary summary=first.summary/>
        <ul class="ratings">
            <For each=move || shown.get() key=|r| r.id let:rating>
                <RatingItem rating/>
            </For>
        </ul>
        {move || more.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
        {move || has_more.get().then(|| view! {
            <p class="actions">
                <button type="button" class="secondary" disabled=move || more.pending().get() on:click=move |_| { more.dispatch(page.get_untracked() + 1); }>
                    {t!(i18n, ratings.more)}
                </button>
            </p>
        })}
    }
}

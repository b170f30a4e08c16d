//! The health commission's review queue: held texts and reported ratings; publish, or hide
//! with a reason the author is told.

use leptos::prelude::*;

use crate::api::ratings::staff::{fetch_rating_reviews, review_rating, ReviewItemView};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::rating::reply::ReviewDecision;
use crate::error::AppError;
use crate::i18n::{t, t_string, use_i18n};

pub type ReviewsResource = Resource<Result<Option<Vec<ReviewItemView>>, AppError>>;

/// Created with the page's other resources.
pub fn reviews_resource() -> ReviewsResource {
    Resource::new(|| (), |_| fetch_rating_reviews())
}

/// Nothing for supervisors of other departments.
#[component]
pub fn RatingReviews(reviews: ReviewsResource) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match reviews.await {
                    Ok(None) => ().into_any(),
                    Ok(Some(items)) => view! {
                        <section aria-labelledby="rating-reviews-heading">
                            <h2 id="rating-reviews-heading">{t!(i18n, supervisor.ratings_heading)}</h2>
                            {if items.is_empty() {
                                view! { <p class="muted">{t!(i18n, supervisor.ratings_none)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="cards reviews">
                                        {items.into_iter().map(|item| view! { <ReviewCard item reviews/> }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }}
                        </section>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReviewCard(item: ReviewItemView, reviews: ReviewsResource) -> impl IntoView {
    let i18n = use_i18n();
    let id = item.rating_id;
    let reason = RwSignal::new(String::new());
    let decide = Action::new(move |(op_id, decision, reason): &(String, ReviewDecision, String)| {
        review_rating(op_id.clone(), id, decision.code().to_string(), reason.clone())
    });
    Effect::new(move |_| {
        if matches!(decide.value().get(), Some(Ok(()))) {
            reviews.refetch();
        }
    });
    let stars: String = item.stars.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" · ");
    let report = item.report_reason.clone();
    view! {
        <li class="card" data-review=id.to_string()>
            <div class="card-link">
                <h3 class="card-title"><a href=format!("/facilities/{}", item.facility_id)>{item.facility_name.clone()}</a></h3>
                <p class="muted">{item.author.clone()}" · "{item.month.clone()}" · ★ "{stars}</p>
                {item.text.clone().map(|text| view! { <p class="rating-text">{text}</p> })}
                {item.text_held.then(|| view! { <p><span class="badge held">{t!(i18n, supervisor.rating_held)}</span></p> })}
                {report.map(|r| view! { <p class="notice">{move || t_string!(i18n, supervisor.rating_reported, reason = r.clone())}</p> })}
                <div class="field">
                    <label for=format!("hide-reason-{id}")>{t!(i18n, supervisor.rating_hide_reason)}</label>
                    <textarea id=format!("hide-reason-{id}") rows="2" maxlength="200" bind:value=reason></textarea>
                </div>
                <p class="actions">
                    <button type="button" disabled=move || decide.pending().get()
                        on:click=move |_| { decide.dispatch((new_operation_id(), ReviewDecision::Publish, reason.get_untracked())); }>
                        {t!(i18n, supervisor.rating_publish)}
                    </button>
                    <button type="button" class="secondary" disabled=move || decide.pending().get()
                        on:click=move |_| { decide.dispatch((new_operation_id(), ReviewDecision::Hide, reason.get_untracked())); }>
                        {t!(i18n, supervisor.rating_hide)}
                    </button>
                </p>
                {move || decide.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
            </div>
        </li>
    }
}

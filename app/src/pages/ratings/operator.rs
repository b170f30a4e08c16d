//! The operator's ratings inbox: every published rating of its facility, newest first, with
//! one public reply each (changeable for 7 days) and a report for review with a reason.

use leptos::prelude::*;

use crate::api::ratings::staff::{fetch_operator_ratings, reply_to_rating, report_rating, OperatorRatingView};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::rating::Relationship;
use crate::error::AppError;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

pub type OperatorRatingsResource = Resource<Result<Vec<OperatorRatingView>, AppError>>;

/// Created at the top of the page with its other resources (see `FacilityDetailPage`).
pub fn operator_ratings_resource() -> OperatorRatingsResource {
    Resource::new(|| (), |_| fetch_operator_ratings())
}

#[component]
pub fn OperatorRatings(ratings: OperatorRatingsResource) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="operator-ratings-heading">
            <h2 id="operator-ratings-heading">{t!(i18n, operator.ratings_heading)}</h2>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match ratings.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{t!(i18n, operator.ratings_none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="cards ratings">
                                {list.into_iter().map(|rating| view! { <InboxItem rating/> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn InboxItem(rating: OperatorRatingView) -> impl IntoView {
    let i18n = use_i18n();
    let (may_reply, already_reported) = (rating.may_reply, rating.reported);
    let rating = rating.rating;
    let id = rating.id;
    let reply_text = RwSignal::new(rating.reply.clone().unwrap_or_default());
    let reason = RwSignal::new(String::new());
    let reply = Action::new(move |(op_id, text): &(String, String)| reply_to_rating(op_id.clone(), id, text.clone()));
    let report = Action::new(move |(op_id, reason): &(String, String)| report_rating(op_id.clone(), id, reason.clone()));
    // Answers show in place (no refetch: redrawing the list would drop what was just typed).
    let reported = move || already_reported || matches!(report.value().get(), Some(Ok(())));
    let relationship = Relationship::from_code(&rating.relationship);
    let author = rating.author.clone();
    view! {
        <li class="card rating" data-rating=id.to_string()>
            <div class="card-link">
                <p class="rating-head">
                    <strong class="stars">{"★ "}{rating.overall.clone()}</strong>
                    {relationship.map(|r| view! { <span class="badge relation">{move || labels::relationship(i18n.get_locale(), r)}</span> })}
                    <span class="muted">{move || t_string!(i18n, ratings.author, author = author.clone())}" · "{rating.month.clone()}</span>
                </p>
                {rating.text.clone().map(|text| view! { <p class="rating-text">{text}</p> })}
                {if may_reply {
                    view! {
                        <form class="reply-form" on:submit=move |ev| {
                            ev.prevent_default();
                            reply.dispatch((new_operation_id(), reply_text.get_untracked()));
                        }>
                            <div class="field">
                                <label for=format!("reply-{id}")>{t!(i18n, operator.reply_label)}</label>
                                <textarea id=format!("reply-{id}") rows="3" maxlength="300" bind:value=reply_text></textarea>
                            </div>
                            <button type="submit" disabled=move || reply.pending().get()>{t!(i18n, operator.reply_submit)}</button>
                        </form>
                    }
                    .into_any()
                } else {
                    view! {
                        <div class="rating-reply"><p class="muted">{t!(i18n, ratings.reply)}</p><p>{rating.reply.clone()}</p></div>
                        <p class="hint">{t!(i18n, operator.reply_locked)}</p>
                    }
                    .into_any()
                }}
                {move || reply.value().get().map(|r| match r {
                    Ok(()) => view! { <p class="notice" role="status">{t!(i18n, operator.reply_saved)}</p> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                })}
                {move || if reported() {
                    view! { <p class="notice" role="status">{t!(i18n, operator.reported)}</p> }.into_any()
                } else {
                    view! {
                        <details class="report">
                            <summary>{t!(i18n, operator.report)}</summary>
                            <form on:submit=move |ev| {
                                ev.prevent_default();
                                report.dispatch((new_operation_id(), reason.get_untracked()));
                            }>
                                <div class="field">
                                    <label for=format!("report-{id}")>{t!(i18n, operator.report_reason)}</label>
                                    <textarea id=format!("report-{id}") rows="2" maxlength="200" bind:value=reason></textarea>
                                </div>
                                <button type="submit" class="secondary" disabled=move || report.pending().get()>{t!(i18n, operator.report_submit)}</button>
                            </form>
                        </details>
                    }
                    .into_any()
                }}
                {move || report.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
            </div>
        </li>
    }
}

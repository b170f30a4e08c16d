//! The health commission's side of filing (minimal; the full review desk belongs to the
//! supervision work): the queue by deadline, and one filing with its documents, where single
//! items can be returned with a reason, or the filing accepted or refused.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::facts::FactsSummary;
use super::workspace::{FilingStatus, MaterialRow};
use crate::api::filing::{fetch_filing, fetch_filing_queue, review_filing, FilingSummary, FilingView, ReturnItemInput, ReviewDone, ReviewInput};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::filing::{FilingItem, FilingState};
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;
use crate::pages::staff::StaffRefusal;

#[component]
pub fn FilingQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let queue: Resource<Result<Vec<FilingSummary>, AppError>> = Resource::new(|| (), |_| fetch_filing_queue());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), filings.queue_heading))/>
        <section>
            <h1>{t!(i18n, filings.queue_heading)}</h1>
            <p class="lead">{t!(i18n, filings.queue_lead)}</p>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty">{t!(i18n, filings.queue_empty)}</p> }.into_any(),
                        Ok(list) => view! { <ul class="filing-queue" data-testid="filing-queue">{list.into_iter().map(|f| view! { <QueueLine filing=f/> }).collect_view()}</ul> }.into_any(),
                        Err(e) => view! { <StaffRefusal error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn QueueLine(filing: FilingSummary) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let due = filing.review_due_at.map(|d| {
        let date = labels::due_day(d);
        td_string!(locale, filings.due_short, date = date)
    });
    let name = filing.facility_name.clone().unwrap_or_else(|| filing.organisation.clone());
    view! {
        <li class="card" class:overdue=filing.overdue data-filing=filing.id>
            <p><strong>{name}</strong>" · "{labels::filing::kind(locale, filing.kind)}</p>
            <p class="muted">{filing.organisation.clone()}" · "{td_string!(locale, filings.round, n = filing.round)}" · "{due}</p>
            {filing.overdue.then(|| view! { <p class="warning">{t!(i18n, filings.overdue)}</p> })}
            <a class="button" href=format!("/supervisor/filings/{}", filing.id)>{t!(i18n, filings.open)}</a>
        </li>
    }
}

type ReviewAction = Action<(String, i64, ReviewInput), Result<ReviewDone, AppError>>;

#[component]
pub fn FilingReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let filing: Resource<Result<FilingView, AppError>> = Resource::new(id, fetch_filing);
    let review: ReviewAction = Action::new(move |(op, id, input): &(String, i64, ReviewInput)| review_filing(op.clone(), *id, input.clone()));
    Effect::new(move |_| {
        if matches!(review.value().get(), Some(Ok(_))) {
            filing.refetch();
        }
    });
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), filings.review_heading))/>
        <section class="filing-page">
            <p><a href="/supervisor/filings">{t!(i18n, filings.queue_heading)}</a></p>
            <h1>{t!(i18n, filings.heading)}</h1>
            {move || review.value().get().map(|result| match result {
                Ok(done) => view! { <p class="notice" role="status" data-testid="review-done">{done_line(i18n.get_locale(), &done)}</p> }.into_any(),
                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
            })}
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match filing.await {
                        Ok(filing) => view! { <ReviewSection filing review/> }.into_any(),
                        Err(e) => view! { <StaffRefusal error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn done_line(locale: crate::i18n::Locale, done: &ReviewDone) -> String {
    match done.state {
        FilingState::Accepted => {
            let number = done.filing_number.clone().unwrap_or_default();
            td_string!(locale, filings.done_accepted, number = number)
        }
        FilingState::Refused => td_string!(locale, filings.done_refused).to_string(),
        _ => td_string!(locale, filings.done_returned).to_string(),
    }
}

#[component]
fn ReviewSection(filing: FilingView, review: ReviewAction) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let deciding = filing.reviewing && filing.state == FilingState::Submitted;
    // One "return this item" choice and reason per item.
    let marks: Vec<(FilingItem, RwSignal<bool>, RwSignal<String>)> =
        FilingItem::ALL.iter().map(|item| (*item, RwSignal::new(false), RwSignal::new(String::new()))).collect();
    let refuse_reason = RwSignal::new(String::new());
    let filing_id = filing.id;
    let mark_for = move |item: FilingItem, marks: &[(FilingItem, RwSignal<bool>, RwSignal<String>)]| {
        let (_, on, reason) = *marks.iter().find(|(i, _, _)| *i == item).expect("every item has a mark");
        deciding.then(|| view! {
            <div class="return-mark">
                <label class="check"><input type="checkbox" name=format!("return_{}", item.code()) bind:checked=on/>{t!(i18n, filings.return_this)}</label>
                <Show when=move || on.get()>
                    <label class="field">
                        <span>{t!(i18n, filings.reason)}</span>
                        <textarea name=format!("reason_{}", item.code()) maxlength="300" bind:value=reason></textarea>
                    </label>
                </Show>
            </div>
        })
    };
    let returned = StoredValue::new(marks.clone());
    let decide = move |decision: &'static str| {
        let items = returned.with_value(|marks| {
            marks
                .iter()
                .filter(|(_, on, _)| on.get_untracked())
                .map(|(item, _, reason)| ReturnItemInput { item: item.code().into(), reason: reason.get_untracked() })
                .collect()
        });
        review.dispatch((new_operation_id(), filing_id, ReviewInput { decision: decision.into(), items, reason: refuse_reason.get_untracked() }));
    };
    view! {
        <FilingStatus filing=filing.clone()/>
        <section class="card">
            <h2>{t!(i18n, filings.facts_heading)}</h2>
            {filing.facts.clone().map(|facts| view! { <FactsSummary facts/> })}
            {mark_for(FilingItem::Facts, &marks)}
        </section>
        <section class="card">
            <h2>{t!(i18n, filings.materials_heading)}</h2>
            <ul class="materials" data-testid="materials">
                {FilingItem::materials().map(|item| {
                    let review = mark_for(item, &marks).map(|mark| mark.into_any());
                    view! { <MaterialRow filing=filing.clone() item review=review.unwrap_or_else(|| ().into_any())/> }
                }).collect_view()}
            </ul>
        </section>
        {deciding.then(|| view! {
            <section class="card review-decision" data-testid="review-decision">
                <h2>{t!(i18n, filings.review_heading)}</h2>
                <div class="actions">
                    <button type="button" data-testid="review-return" class="secondary" disabled=move || review.pending().get() on:click=move |_| decide("return")>{t!(i18n, filings.return_items)}</button>
                    <button type="button" data-testid="review-accept" disabled=move || review.pending().get() on:click=move |_| decide("accept")>{t!(i18n, filings.accept_filing)}</button>
                </div>
                <label class="field">
                    <span>{t!(i18n, filings.refuse_reason)}</span>
                    <textarea name="refuse_reason" maxlength="300" bind:value=refuse_reason></textarea>
                </label>
                <button type="button" data-testid="review-refuse" class="danger" disabled=move || review.pending().get() on:click=move |_| decide("refuse")>{t!(i18n, filings.refuse_filing)}</button>
            </section>
        })}
        {(!filing.returns.is_empty()).then(|| view! {
            <section class="card">
                <h2>{t!(i18n, filings.history)}</h2>
                <ul>
                    {filing.returns.iter().map(|r| {
                        let round = td_string!(locale, filings.round, n = r.round);
                        view! { <li>{round}" · "{labels::filing::item(locale, r.item)}": "{r.reason.clone()}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

//! The filing receipt (备案回执): what was filed, under which number and when, laid out to be
//! printed or saved as PDF from the browser.

use leptos::prelude::*;
use leptos_meta::Title;

use super::facts::FactsSummary;
use crate::api::filing::{fetch_my_filing, FilingView};
use crate::domain::filing::FilingState;
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;
use crate::pages::staff::StaffRefusal;

#[component]
pub fn FilingReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let filing: Resource<Result<Option<FilingView>, AppError>> = Resource::new(|| (), |_| fetch_my_filing());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), filings.receipt_title))/>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match filing.await {
                    Ok(Some(filing)) if filing.state == FilingState::Accepted => view! { <Receipt filing/> }.into_any(),
                    Ok(_) => view! { <crate::components::NotFound/> }.into_any(),
                    Err(e) => view! { <StaffRefusal error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Receipt(filing: FilingView) -> impl IntoView {
    let i18n = use_i18n();
    let decided = filing.decided_at.map(labels::date).unwrap_or_default();
    view! {
        <article class="receipt card" data-testid="filing-receipt">
            <h1>{t!(i18n, filings.receipt_heading)}</h1>
            <p>{t!(i18n, filings.receipt_lead)}</p>
            <dl class="facts">
                <dt>{t!(i18n, filings.number_label)}</dt>
                <dd data-testid="receipt-number">{filing.filing_number.clone().unwrap_or_default()}</dd>
                <dt>{t!(i18n, filings.organisation)}</dt><dd>{filing.organisation.clone()}</dd>
                <dt>{t!(i18n, filings.credit_code)}</dt><dd>{filing.credit_code.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{t!(i18n, filings.receipt_date)}</dt><dd>{decided}</dd>
            </dl>
            {filing.facts.clone().map(|facts| view! { <FactsSummary facts/> })}
            <p class="receipt-issuer">{t!(i18n, filings.receipt_issuer)}</p>
            <p class="hint">{t!(i18n, filings.receipt_note)}</p>
            <button type="button" class="secondary no-print" on:click=move |_| {
                #[cfg(feature = "hydrate")]
                if let Some(window) = leptos::web_sys::window() {
                    let _ = window.print();
                }
            }>{t!(i18n, filings.print)}</button>
        </article>
    }
}

//! Filing (备案) pages: registration, the filer's workspace (an applicant's only page, and the
//! 备案 section of an operator's portal), the printable receipt, and the health commission's
//! review queue and decision page.

mod facts;
mod receipt;
mod register;
mod review;
mod workspace;

use leptos::prelude::*;
use leptos_meta::Title;

pub use receipt::FilingReceiptPage;
pub use register::RegisterPage;
pub use review::{FilingQueuePage, FilingReviewPage};
use workspace::{FilingWorkspace, SubmitAction, UploadAction};

use crate::api::filing::{fetch_my_filing, save_filing_facts, start_change_filing, start_closure_filing, submit_filing, upload_filing_material, FilingView};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::filing::facts::FactsInput;
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;
use crate::pages::staff::{OperatorSection, OperatorShell, StaffRefusal};
use facts::SaveFactsAction;

/// The signed-in filer's newest filing with the actions that change it. The actions belong to
/// the page, so their answers stay on screen when the filing is read again after them.
#[component]
fn MyFiling(
    /// The facility's operator: it may start a change filing when none is open.
    #[prop(optional)]
    operator: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let filing: Resource<Result<Option<FilingView>, AppError>> = Resource::new(|| (), |_| fetch_my_filing());
    let save: SaveFactsAction = Action::new(move |(op, id, input): &(String, i64, FactsInput)| save_filing_facts(op.clone(), *id, input.clone()));
    let upload: UploadAction = Action::new(move |(op, id, item, name, content): &(String, i64, String, String, String)| {
        upload_filing_material(op.clone(), *id, item.clone(), name.clone(), content.clone())
    });
    let submit: SubmitAction = Action::new(move |(op, id): &(String, i64)| submit_filing(op.clone(), *id));
    let start: Action<String, Result<i64, AppError>> = Action::new(move |op: &String| start_change_filing(op.clone()));
    let close: Action<(String, String), Result<i64, AppError>> = Action::new(move |(op, reason): &(String, String)| start_closure_filing(op.clone(), reason.clone()));
    let closure_reason = RwSignal::new(String::new());
    Effect::new(move |_| {
        // All are read every time (no short-circuit), so the effect follows each.
        let (saved, uploaded, submitted) = (save.value().get(), upload.value().get(), submit.value().get());
        let (started, closing) = (start.value().get(), close.value().get());
        let done = [matches!(saved, Some(Ok(()))), matches!(uploaded, Some(Ok(_))), matches!(submitted, Some(Ok(()))), matches!(started, Some(Ok(_))), matches!(closing, Some(Ok(_)))];
        if done.contains(&true) {
            filing.refetch();
        }
    });
    let change = move |open: bool| {
        (operator && !open).then(|| view! {
            <section class="card start-change">
                <p class="hint">{t!(i18n, filings.change_lead)}</p>
                <button type="button" data-testid="start-change" disabled=move || start.pending().get() on:click=move |_| { start.dispatch(new_operation_id()); }>
                    {t!(i18n, filings.start_change)}
                </button>
                {move || start.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorNotice error=e/> })}
                <details class="start-closure">
                    <summary>{t!(i18n, filings.start_closure)}</summary>
                    <p class="hint">{t!(i18n, filings.closure_lead)}</p>
                    <label class="field">
                        <span>{t!(i18n, filings.closure_reason)}</span>
                        <textarea name="closure_reason" maxlength="300" bind:value=closure_reason></textarea>
                    </label>
                    <button type="button" class="danger" data-testid="start-closure" disabled=move || close.pending().get()
                        on:click=move |_| { close.dispatch((new_operation_id(), closure_reason.get_untracked())); }>
                        {t!(i18n, filings.start_closure)}
                    </button>
                    {move || close.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorNotice error=e/> })}
                </details>
            </section>
        })
    };
    view! {
        <div class="filing-page">
        <h1>{t!(i18n, filings.heading)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match filing.await {
                    Ok(Some(filing)) => {
                        let open = filing.state.is_open();
                        view! { {change(open)} <FilingWorkspace filing save upload submit/> }.into_any()
                    }
                    Ok(None) => view! { <p class="empty">{t!(i18n, filings.none)}</p> {change(false)} }.into_any(),
                    Err(e) => view! { <StaffRefusal error=e/> }.into_any(),
                }
            })}
        </Suspense>
        </div>
    }
}

/// `/filing`: where a registered organisation works until its filing is accepted.
#[component]
pub fn ApplicantFilingPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), filings.title))/>
        <MyFiling/>
    }
}

/// `/operator/filing`: the operator's filing and its receipt.
#[component]
pub fn OperatorFilingPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), filings.title))/>
        <OperatorShell current=OperatorSection::Filing>
            <MyFiling operator=true/>
        </OperatorShell>
    }
}

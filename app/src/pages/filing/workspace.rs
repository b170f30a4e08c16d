//! The filer's view of a filing: where it stands and by when the district decides, the facts,
//! each document with its versions and any reviewer's note, and "submit".

use leptos::html::Input;
use leptos::prelude::*;

use super::facts::{FactsForm, FactsSummary, SaveFactsAction};
use crate::api::filing::FilingView;
use crate::components::files::read_base64;
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::filing::{FilingItem, FilingKind, FilingState};
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;

/// (operation id, filing id, item code, file name, base64 content) → the stored version.
pub type UploadAction = Action<(String, i64, String, String, String), Result<i64, AppError>>;
pub type SubmitAction = Action<(String, i64), Result<(), AppError>>;

/// Where the filing stands: state, due time, number and receipt, refusal.
#[component]
pub fn FilingStatus(filing: FilingView, #[prop(optional)] receipt: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let due = filing.review_due_at.filter(|_| filing.state == FilingState::Submitted).map(|due| {
        let date = labels::due_day(due);
        td_string!(locale, filings.due, date = date, days = filing.review_days)
    });
    view! {
        <section class="card filing-status" data-testid="filing-status" data-state=filing.state.code()>
            <p><strong>{labels::filing::state(locale, filing.state)}</strong>" · "{labels::filing::kind(locale, filing.kind)}</p>
            <p>{labels::filing::state_line(locale, filing.state)}</p>
            {due.map(|line| view! { <p data-testid="filing-due">{line}</p> })}
            {filing.overdue.then(|| view! { <p class="warning">{t!(i18n, filings.overdue)}</p> })}
            {filing.filing_number.clone().map(|number| view! {
                <p data-testid="filing-number">{td_string!(locale, filings.number, number = number)}</p>
                {receipt.then(|| view! { <p><a class="button secondary" href="/filing/receipt">{t!(i18n, filings.receipt_link)}</a></p> })}
            })}
            {filing.refusal_reason.clone().map(|reason| view! { <p class="warning">{td_string!(locale, filings.refused_reason, reason = reason)}</p> })}
            {filing.closure_reason.clone().map(|reason| view! { <p data-testid="closure-reason">{td_string!(locale, filings.closure_reason_line, reason = reason)}</p> })}
            <p class="muted">{t!(i18n, filings.organisation)}": "{filing.organisation.clone()}" · "{t!(i18n, filings.credit_code)}": "{filing.credit_code.clone().unwrap_or_else(|| "—".into())}" · "{t!(i18n, filings.contact)}": "{filing.contact_phone.clone()}</p>
        </section>
    }
}

#[component]
pub fn FilingWorkspace(filing: FilingView, save: SaveFactsAction, upload: UploadAction, submit: SubmitAction) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let facts_note = filing.returned_reason(FilingItem::Facts).map(str::to_string);
    let facts = if filing.editable {
        view! { <FactsForm filing=filing.clone() save/> }.into_any()
    } else {
        filing.facts.clone().map(|facts| view! { <FactsSummary facts/> }.into_any()).unwrap_or_else(|| ().into_any())
    };
    let missing: Vec<String> = filing.missing.iter().map(|i| labels::filing::item(locale, *i)).collect();
    let filing_id = filing.id;
    let resubmit = filing.state == FilingState::Returned;
    // A closure files no facts and needs no document: its reason is all.
    let closure = filing.kind == FilingKind::Closure;
    view! {
        <FilingStatus filing=filing.clone() receipt=true/>
        {(!closure).then(|| view! {
        <section class="card" aria-labelledby="facts-heading">
            <h2 id="facts-heading">{t!(i18n, filings.facts_heading)}</h2>
            <p class="hint">{t!(i18n, filings.facts_lead)}</p>
            {facts_note.map(|reason| view! { <p class="returned-note" data-testid="returned-facts">{td_string!(locale, filings.returned_reason, reason = reason)}</p> })}
            {facts}
        </section>
        <section class="card" aria-labelledby="materials-heading">
            <h2 id="materials-heading">{t!(i18n, filings.materials_heading)}</h2>
            <p class="hint">{t!(i18n, filings.materials_lead)}</p>
            <ul class="materials" data-testid="materials">
                {FilingItem::materials().map(|item| view! { <MaterialRow filing=filing.clone() item upload/> }).collect_view()}
            </ul>
            {move || upload.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorNotice error=e/> })}
        </section>
        })}
        {filing.editable.then(|| view! {
            <section class="card submit-filing">
                <p class="hint">{t!(i18n, filings.submit_lead)}</p>
                {(!missing.is_empty()).then(|| view! { <p class="warning" data-testid="filing-missing">{td_string!(locale, filings.missing, items = missing.join("、"))}</p> })}
                <button type="button" data-testid="submit-filing" disabled=move || submit.pending().get() on:click=move |_| { submit.dispatch((new_operation_id(), filing_id)); }>
                    {if resubmit { t!(i18n, filings.resubmit).into_any() } else { t!(i18n, filings.submit).into_any() }}
                </button>
                {move || submit.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorNotice error=e/> })}
            </section>
        })}
    }
}

/// Where a stored version of a document is read (the filer's and the reviewer's browsers).
pub fn material_href(filing_id: i64, item: FilingItem, version: i64) -> String {
    format!("/api/v1/filings/{filing_id}/materials/{}/{version}", item.code())
}

/// One document: its current version, a note when it was returned, earlier versions, and the
/// file input (uploading starts as soon as a file is chosen).
#[component]
pub fn MaterialRow(
    filing: FilingView,
    item: FilingItem,
    #[prop(optional)] upload: Option<UploadAction>,
    /// The reviewer's "return this item" choice, shown inside the row.
    #[prop(optional)]
    review: Option<AnyView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let serves_meals = filing.facts.as_ref().is_some_and(|f| f.serves_meals);
    let current = filing.current_material(item).cloned();
    let mut earlier: Vec<_> = filing.materials.iter().filter(|m| m.item == item && Some(m.version) != current.as_ref().map(|c| c.version)).cloned().collect();
    earlier.sort_by_key(|m| std::cmp::Reverse(m.version));
    let note = filing.returned_reason(item).map(str::to_string);
    let filing_id = filing.id;
    let status = match &current {
        Some(m) => {
            let (version, name, date) = (m.version, m.file_name.clone(), labels::date(m.uploaded_at));
            let href = material_href(filing_id, item, m.version);
            view! {
                <span>{td_string!(locale, filings.uploaded, version = version, name = name, date = date)}</span>
                " "<a href=href target="_blank" rel="noopener">{t!(i18n, filings.open_file)}</a>
            }
            .into_any()
        }
        None if !item.is_required(filing.kind, serves_meals) => view! { <span class="muted">{t!(i18n, filings.not_needed)}</span> }.into_any(),
        None => view! { <span class="muted">{t!(i18n, filings.not_uploaded)}</span> }.into_any(),
    };
    let input: NodeRef<Input> = NodeRef::new();
    let input_id = format!("material-{}", item.code());
    let editable = filing.editable;
    let returned = note.is_some();
    view! {
        <li class="material" data-item=item.code() class:returned=returned>
            <p class="material-name"><strong>{labels::filing::item(locale, item)}</strong></p>
            <p>{status}</p>
            {note.map(|reason| view! { <p class="returned-note">{td_string!(locale, filings.returned_reason, reason = reason)}</p> })}
            {(!earlier.is_empty()).then(|| view! {
                <details>
                    <summary>{t!(i18n, filings.earlier)}</summary>
                    <ul>
                        {earlier.into_iter().map(|m| {
                            let href = material_href(filing_id, item, m.version);
                            let (version, name, date) = (m.version, m.file_name.clone(), labels::date(m.uploaded_at));
                            view! { <li><a href=href target="_blank" rel="noopener">{td_string!(locale, filings.uploaded, version = version, name = name, date = date)}</a></li> }
                        }).collect_view()}
                    </ul>
                </details>
            })}
            {upload.filter(|_| editable).map(|upload| view! {
                <label class="button secondary file-button" for=input_id.clone()>
                    {if current.is_some() { t!(i18n, filings.replace).into_any() } else { t!(i18n, filings.upload).into_any() }}
                </label>
                <input id=input_id class="visually-hidden" type="file" accept="application/pdf,image/jpeg,image/png" node_ref=input on:change=move |_| {
                    leptos::task::spawn_local(async move {
                        if let Some(file) = read_base64(input.get_untracked(), 1).await.into_iter().next() {
                            upload.dispatch((new_operation_id(), filing_id, item.code().to_string(), file.name, file.content));
                        }
                    });
                }/>
            })}
            {review}
        </li>
    }
}

//! Staff pages for complaints. Supervisors: the department's inbox, most urgent deadline first
//! (the lead department's holds everything open), and a complaint in full with its photos and
//! the steps the department may take. Operators: the complaints about their facility, without
//! who filed them, and their explanation to the department.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

use super::{ComplaintFacts, ComplaintList};
use crate::api::account::fetch_my_account;
use crate::api::complaints::staff::{explain_complaint, fetch_complaint_inbox, fetch_staff_complaint, take_complaint_step};
use crate::api::complaints::{ComplaintDetail, StepInput};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::account::roles::{Department, Role};
use crate::domain::complaint::routing::LEAD_DEPARTMENT;
use crate::domain::complaint::state::{Action as Step, Finding, State};
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;

#[component]
pub fn StaffComplaintsPage() -> impl IntoView {
    let i18n = use_i18n();
    let inbox = Resource::new(|| (), |_| fetch_complaint_inbox(1));
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), complaints.inbox_title))/>
        <h1>{t!(i18n, complaints.inbox_title)}</h1>
        <p class="lead">{t!(i18n, complaints.inbox_lead)}</p>
        <super::notices::DepartmentNotices/>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(lines) if lines.is_empty() => view! { <p class="muted">{t!(i18n, complaints.inbox_empty)}</p> }.into_any(),
                    Ok(lines) => view! { <ComplaintList lines href=|id| format!("/staff/complaints/{id}")/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <Redirect path="/staff/login"/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn StaffComplaintPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0));
    let complaint = Resource::new(id, fetch_staff_complaint);
    let account = Resource::new(|| (), |_| fetch_my_account());
    // A department's inbox beside the complaint on a desktop screen (hidden on a phone, where
    // the breadcrumb leads back to it). Operators have no inbox: nothing is asked for them.
    let inbox = Resource::new(|| (), move |_| async move {
        match account.await {
            Ok(Some(me)) if matches!(me.role, Role::Supervisor { .. }) => fetch_complaint_inbox(1).await.map(Some),
            _ => Ok(None),
        }
    });
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), complaints.inbox_title))/>
        <nav class="breadcrumb"><a href="/staff/complaints">{t!(i18n, complaints.inbox_title)}</a></nav>
        <div class="staff-split">
            <aside class="staff-inbox" aria-label=move || td_string!(i18n.get_locale(), complaints.inbox_title).to_string()>
                <Suspense>
                    {move || Suspend::new(async move {
                        match inbox.await {
                            Ok(Some(lines)) => view! { <ComplaintList lines href=|id| format!("/staff/complaints/{id}") current=id()/> }.into_any(),
                            Ok(None) => ().into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })}
                </Suspense>
            </aside>
            <div class="staff-main">
                <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let role = account.await.ok().flatten().map(|a| a.role);
                        match (complaint.await, role) {
                            (Ok(complaint), Some(role)) => view! { <Handling complaint role/> }.into_any(),
                            (Err(AppError::Unauthenticated), _) | (_, None) => view! { <Redirect path="/staff/login"/> }.into_any(),
                            (Err(error), _) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}

/// The complaint and what this reader may do with it.
#[component]
fn Handling(complaint: ComplaintDetail, role: Role) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(complaint);
    let photos = move || {
        let c = shown.get();
        c.photos
            .iter()
            .map(|n| {
                let src = format!("/api/v1/staff/complaints/{}/photos/{n}", c.id);
                let n = *n;
                let link = src.clone();
                view! { <a href=link target="_blank"><img class="complaint-photo" src=src alt=move || td_string!(i18n.get_locale(), complaints.photo, n = n).to_string()/></a> }
            })
            .collect_view()
    };
    let work = match role {
        Role::Supervisor { department } => view! { <StepForm shown department/> }.into_any(),
        Role::Operator { .. } => view! {
            <p class="hint">{t!(i18n, complaints.operator_note)}</p>
            <ExplainForm shown/>
        }
        .into_any(),
        _ => ().into_any(),
    };
    view! {
        {move || view! { <ComplaintFacts complaint=shown.get()/> }}
        <div class="complaint-photos">{photos}</div>
        {work}
    }
}

/// The steps a department may take in the complaint's state (the server decides in the end).
fn steps_for(state: State, department: Department, has_facility: bool) -> Vec<Step> {
    let lead = department == LEAD_DEPARTMENT;
    let mut steps = match state {
        State::Pending => vec![],
        State::Dispatched => vec![Step::Accept],
        State::Accepted => vec![Step::Reply, Step::Extend],
        State::Replied => vec![Step::Close],
        State::Closed | State::Merged => return Vec::new(),
    };
    if has_facility && state == State::Accepted {
        steps.push(Step::AskFacility);
    }
    if !lead && matches!(state, State::Dispatched | State::Accepted) {
        steps.push(Step::ReturnToLead);
    }
    if lead {
        steps.extend([Step::Dispatch, Step::Merge]);
    }
    steps
}

fn step_words(locale: crate::i18n::Locale, step: Step) -> String {
    match step {
        Step::Accept => td_string!(locale, complaints.step_accept),
        Step::Reply => td_string!(locale, complaints.step_reply),
        Step::Close => td_string!(locale, complaints.step_close),
        Step::Extend => td_string!(locale, complaints.step_extend),
        Step::ReturnToLead => td_string!(locale, complaints.step_return),
        Step::AskFacility => td_string!(locale, complaints.step_ask),
        Step::Dispatch => td_string!(locale, complaints.step_dispatch),
        Step::Merge => td_string!(locale, complaints.step_merge),
    }
    .to_string()
}

#[component]
fn StepForm(shown: RwSignal<ComplaintDetail>, department: Department) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(None::<Step>);
    let text = RwSignal::new(String::new());
    let finding = RwSignal::new(String::new());
    let days = RwSignal::new(String::new());
    let merge_into = RwSignal::new(String::new());
    let departments = RwSignal::new(Vec::<String>::new());
    let send = Action::new(|(op_id, id, step): &(String, i64, StepInput)| take_complaint_step(op_id.clone(), *id, step.clone()));
    Effect::new(move |_| {
        if let Some(Ok(updated)) = send.value().get() {
            shown.set(updated);
        }
    });
    // The steps of the complaint as shown now; a step chosen before it changed state counts
    // only if it is still one of them.
    let steps = move || {
        let c = shown.get();
        State::from_code(&c.state).map(|s| steps_for(s, department, c.facility_id.is_some())).unwrap_or_default()
    };
    let current = Memo::new(move |_| chosen.get().filter(|step| steps().contains(step)));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(step) = current.get_untracked() else { return };
        let input = StepInput {
            action: step.code().into(),
            text: text.get_untracked(),
            departments: departments.get_untracked(),
            extension_days: days.get_untracked().trim().parse().ok(),
            finding: Some(finding.get_untracked()).filter(|f| !f.is_empty()),
            merge_into: Some(merge_into.get_untracked()).filter(|c| !c.is_empty()),
        };
        send.dispatch((new_operation_id(), shown.get_untracked().id, input));
    };
    view! {
        {move || {
            let steps = steps();
            (!steps.is_empty()).then(|| view! {
                <form class="step-form" on:submit=on_submit>
                    <h2>{t!(i18n, complaints.step_heading)}</h2>
                    <div class="choice-row">
                        {steps.into_iter().map(|step| view! {
                            <label class="choice">
                                <input type="radio" name="complaint-step" value=step.code() prop:checked=move || current.get() == Some(step)
                                    on:change=move |_| chosen.set(Some(step))/>
                                {move || step_words(i18n.get_locale(), step)}
                            </label>
                        }).collect_view()}
                    </div>
                    {move || current.get().map(|step| view! { <StepFields step text finding days merge_into departments/> })}
                    <button type="submit" disabled=move || current.get().is_none() || send.pending().get()>{move || current.get().map(|s| step_words(i18n.get_locale(), s))}</button>
                </form>
            })
        }}
        {move || send.value().get().map(|result| match result {
            Ok(_) => view! { <p class="notice" role="status">{t!(i18n, complaints.step_done)}</p> }.into_any(),
            Err(error) => view! { <ErrorNotice error/> }.into_any(),
        })}
    }
}

/// The fields a step needs.
#[component]
fn StepFields(step: Step, text: RwSignal<String>, finding: RwSignal<String>, days: RwSignal<String>, merge_into: RwSignal<String>, departments: RwSignal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let needs_text = !matches!(step, Step::Accept | Step::Dispatch | Step::Merge);
    view! {
        {(step == Step::Dispatch).then(|| view! {
            <fieldset class="choice-row">
                <legend>{t!(i18n, complaints.departments)}</legend>
                {Department::ALL.iter().map(|&d| view! {
                    <label class="choice">
                        <input type="checkbox" value=d.code() on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            departments.update(|list| {
                                list.retain(|c| c != d.code());
                                if on { list.push(d.code().into()) }
                            });
                        }/>
                        {move || labels::department(i18n.get_locale(), d)}
                    </label>
                }).collect_view()}
            </fieldset>
        })}
        {(step == Step::Close).then(|| view! {
            <div class="field">
                <label for="step-finding">{t!(i18n, complaints.finding)}</label>
                <select id="step-finding" required=true on:change=move |ev| finding.set(event_target_value(&ev))>
                    <option value="">{t!(i18n, complaints.choose)}</option>
                    {Finding::ALL.iter().map(|&f| view! { <option value=f.code()>{move || labels::complaints::finding(i18n.get_locale(), f)}</option> }).collect_view()}
                </select>
            </div>
        })}
        {(step == Step::Extend).then(|| view! {
            <div class="field">
                <label for="step-days">{t!(i18n, complaints.step_days)}</label>
                <input id="step-days" type="number" min="1" max="15" required=true on:input=move |ev| days.set(event_target_value(&ev))/>
            </div>
        })}
        {(step == Step::Merge).then(|| view! {
            <div class="field">
                <label for="step-merge">{t!(i18n, complaints.step_merge_into)}</label>
                <input id="step-merge" required=true on:input=move |ev| merge_into.set(event_target_value(&ev))/>
            </div>
        })}
        <div class="field">
            <label for="step-text">{t!(i18n, complaints.step_text)}</label>
            <textarea id="step-text" rows="4" maxlength="1000" required=needs_text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
        </div>
    }
}

#[component]
fn ExplainForm(shown: RwSignal<ComplaintDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let send = Action::new(|(op_id, id, text): &(String, i64, String)| explain_complaint(op_id.clone(), *id, text.clone()));
    Effect::new(move |_| {
        if let Some(Ok(updated)) = send.value().get() {
            shown.set(updated);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.dispatch((new_operation_id(), shown.get_untracked().id, text.get_untracked()));
    };
    view! {
        <form class="explain-form" on:submit=on_submit>
            <h2>{t!(i18n, complaints.explain_heading)}</h2>
            <div class="field">
                <label for="explain-text">{t!(i18n, complaints.step_text)}</label>
                <textarea id="explain-text" rows="4" maxlength="1000" required=true on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </div>
            <button type="submit" disabled=move || send.pending().get()>{t!(i18n, complaints.explain_submit)}</button>
            {move || send.value().get().map(|result| match result {
                Ok(_) => view! { <p class="notice" role="status">{t!(i18n, complaints.explain_done)}</p> }.into_any(),
                Err(error) => view! { <ErrorNotice error/> }.into_any(),
            })}
        </form>
    }
}

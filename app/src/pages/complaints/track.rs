//! "马上查": anyone with a tracking code and its password sees the complaint's progress; the
//! signed-in author sees its complaints under "我的投诉". After the answer, the family says
//! whether it is satisfied (within 7 days; "not satisfied" reopens it once).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{ComplaintFacts, ComplaintList};
use crate::api::complaints::{fetch_my_complaint, fetch_my_complaints, give_complaint_verdict, track_complaint, ComplaintDetail, TrackInput, VerdictInput};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::complaint::state::Satisfaction;
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;

#[component]
pub fn TrackComplaintPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let code = RwSignal::new(query.with_untracked(|q| q.get("code").unwrap_or_default()));
    let password = RwSignal::new(String::new());
    let lookup = Action::new(|input: &TrackInput| track_complaint(input.clone()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        lookup.dispatch(TrackInput { code: code.get_untracked(), password: password.get_untracked() });
    };
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), complaints.track_title))/>
        <h1>{t!(i18n, complaints.track_heading)}</h1>
        <p class="lead">{t!(i18n, complaints.track_lead)}</p>
        <form class="track-form" on:submit=on_submit>
            <div class="field">
                <label for="track-code">{t!(i18n, complaints.code)}</label>
                <input id="track-code" autocomplete="off" autocapitalize="characters" required=true prop:value=move || code.get()
                    on:input=move |ev| code.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="track-password">{t!(i18n, complaints.password)}</label>
                <input id="track-password" inputmode="numeric" autocomplete="off" maxlength="6" on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <button type="submit" disabled=move || lookup.pending().get()>{t!(i18n, complaints.track_submit)}</button>
        </form>
        {move || lookup.value().get().map(|found| match found {
            Ok(complaint) => view! { <FamilyComplaint complaint password=password.get_untracked()/> }.into_any(),
            Err(error) => view! { <ErrorNotice error/> }.into_any(),
        })}
    }
}

#[component]
pub fn MyComplaintsPage() -> impl IntoView {
    let i18n = use_i18n();
    let mine = Resource::new(|| (), |_| fetch_my_complaints());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), complaints.mine_title))/>
        <nav class="breadcrumb"><a href="/me">{t!(i18n, bookings.back)}</a></nav>
        <h1>{t!(i18n, complaints.mine_title)}</h1>
        <p><a class="button secondary" href="/complaints/new">{t!(i18n, complaints.new_link)}</a></p>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match mine.await {
                    Ok(lines) if lines.is_empty() => view! { <p class="muted">{t!(i18n, complaints.mine_empty)}</p> }.into_any(),
                    Ok(lines) => view! { <ComplaintList lines href=|id| format!("/me/complaints/{id}")/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <Redirect path="/login"/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn MyComplaintPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0));
    let complaint = Resource::new(id, fetch_my_complaint);
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), complaints.mine_title))/>
        <nav class="breadcrumb"><a href="/me/complaints">{t!(i18n, complaints.mine_title)}</a></nav>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match complaint.await {
                    Ok(complaint) => view! { <FamilyComplaint complaint password=String::new()/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <Redirect path="/login"/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The complaint as its family sees it, with the verdict when it may be given.
#[component]
fn FamilyComplaint(complaint: ComplaintDetail, password: String) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(complaint);
    let verdict = Action::new(|input: &VerdictInput| give_complaint_verdict(input.clone()));
    Effect::new(move |_| {
        if let Some(Ok(updated)) = verdict.value().get() {
            shown.set(updated);
        }
    });
    let password = StoredValue::new(password);
    view! {
        {move || view! { <ComplaintFacts complaint=shown.get()/> }}
        {move || shown.get().verdict_open_until.map(|_| view! {
            <section class="verdict" aria-labelledby="verdict-heading">
                <h2 id="verdict-heading">{t!(i18n, complaints.verdict_heading)}</h2>
                <p class="hint">{t!(i18n, complaints.verdict_hint)}</p>
                <p class="actions">
                    {Satisfaction::ALL.iter().map(|&choice| view! {
                        <button type="button" class="secondary" data-verdict=choice.code() disabled=move || verdict.pending().get()
                            on:click=move |_| {
                                verdict.dispatch(VerdictInput {
                                    op_id: new_operation_id(),
                                    code: shown.get_untracked().code,
                                    password: password.get_value(),
                                    verdict: choice.code().into(),
                                });
                            }>
                            {move || labels::complaints::verdict(i18n.get_locale(), choice)}
                        </button>
                    }).collect_view()}
                </p>
            </section>
        })}
        {move || verdict.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorNotice error/> })}
    }
}

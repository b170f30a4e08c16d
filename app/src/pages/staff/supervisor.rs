//! A supervisor records and reads its department's inspections; the health commission also
//! reviews held and reported ratings.

use leptos::prelude::*;
use leptos_meta::Title;

use super::StaffRefusal;
use crate::api::staff::{fetch_inspections, record_inspection, InspectionInput};
use crate::components::{FieldError, FormError};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::labels;

fn result_label(locale: crate::i18n::Locale, result: &str) -> String {
    match result {
        "pass" => td_string!(locale, supervisor.pass),
        "fix" => td_string!(locale, supervisor.fix),
        _ => td_string!(locale, supervisor.fail),
    }
    .to_string()
}

#[component]
pub fn SupervisorPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| fetch_inspections());
    let reviews = crate::pages::ratings::reviews_resource();
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), supervisor.title))/>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(records) => view! {
                        <h1>{t!(i18n, supervisor.heading)}</h1>
                        <p class="actions left"><a class="button secondary" href="/staff/complaints" data-testid="staff-complaints">{t!(i18n, complaints.inbox_title)}</a>
                            " "<a class="button secondary" href="/expert" data-testid="expert-inbox">{t!(i18n, expert.inbox_title)}</a>
                            " "<a class="button secondary" href="/staff/activities">{t!(i18n, activities.publish_heading)}</a>
                            " "<a class="button secondary" href="/supervisor/filings" data-testid="filing-queue-link">{t!(i18n, filings.queue_heading)}</a>
                            " "<a class="button secondary" href="/supervisor/staff">{t!(i18n, roster.overlaps_heading)}</a>
                            " "<a class="button secondary" href="/supervisor/photos" data-testid="photo-queue-link">{t!(i18n, gallery.queue_title)}</a></p>
                        <p class="hint">{t!(i18n, supervisor.lead)}</p>
                        <crate::pages::lessons::LessonReach/>
                        <crate::pages::ratings::RatingReviews reviews/>
                        <RecordInspection list/>
                        <h2>{t!(i18n, supervisor.list)}</h2>
                        {if records.is_empty() {
                            view! { <p class="muted">{t!(i18n, supervisor.empty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="cards inspections">
                                    {records.into_iter().map(|r| {
                                        let department = r.department;
                                        view! {
                                            <li class="card"><div class="card-link">
                                                <h3 class="card-title">{r.facility_name}</h3>
                                                <p class="muted">{r.inspected_on}" · "{move || labels::department(i18n.get_locale(), department)}</p>
                                                <p><strong>{move || result_label(i18n.get_locale(), &r.result)}</strong></p>
                                                <p>{r.note}</p>
                                            </div></li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }}
                    }
                    .into_any(),
                    Err(e) => view! { <StaffRefusal error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RecordInspection(list: Resource<Result<Vec<crate::api::staff::InspectionView>, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let facility_id = RwSignal::new(String::new());
    let inspected_on = RwSignal::new(String::new());
    let result = RwSignal::new("pass".to_string());
    let note = RwSignal::new(String::new());
    let save = Action::new(|input: &InspectionInput| {
        let input = input.clone();
        async move { record_inspection(input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            list.refetch();
        }
    });
    let error = move || save.value().get().and_then(|r| r.err());
    view! {
        <details class="record-inspection" open>
            <summary>{t!(i18n, supervisor.record)}</summary>
            <form class="stack" on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(InspectionInput {
                    facility_id: facility_id.get_untracked(),
                    inspected_on: inspected_on.get_untracked(),
                    result: result.get_untracked(),
                    note: note.get_untracked(),
                });
            }>
                <div class="field-row">
                    <div class="field">
                        <label for="insp-facility">{t!(i18n, supervisor.facility_id)}</label>
                        <input id="insp-facility" type="number" min="1" inputmode="numeric" bind:value=facility_id/>
                        <FieldError error=Signal::derive(error) field="facility_id"/>
                    </div>
                    <div class="field">
                        <label for="insp-date">{t!(i18n, supervisor.inspected_on)}</label>
                        <input id="insp-date" type="date" bind:value=inspected_on/>
                        <FieldError error=Signal::derive(error) field="inspected_on"/>
                    </div>
                </div>
                <div class="field">
                    <label for="insp-result">{t!(i18n, supervisor.result)}</label>
                    <select id="insp-result" bind:value=result>
                        <option value="pass">{t!(i18n, supervisor.pass)}</option>
                        <option value="fix">{t!(i18n, supervisor.fix)}</option>
                        <option value="fail">{t!(i18n, supervisor.fail)}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="insp-note">{t!(i18n, supervisor.note)}</label>
                    <textarea id="insp-note" maxlength="500" rows="3" bind:value=note></textarea>
                    <FieldError error=Signal::derive(error) field="note"/>
                </div>
                <FormError error=Signal::derive(error)/>
                {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! { <p class="notice" role="status">{move || t_string!(i18n, supervisor.saved).to_string()}</p> })}
                <button type="submit" disabled=move || save.pending().get()>{t!(i18n, supervisor.save)}</button>
            </form>
        </details>
    }
}

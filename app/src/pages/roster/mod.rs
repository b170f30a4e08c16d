//! The operator's staff section (人员): the current roster as a table (rows to compare), the
//! certification rate families see, and a form to add a person. Health certificates expired
//! or due within 30 days are marked; a person also on another facility's roster is flagged.

mod overlaps;

pub use overlaps::RosterOverlapsPage;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::roster::{add_staff, end_staff, fetch_roster, OperatorRoster, StaffView};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::roster::{Qualification, StaffInput, StaffRole};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::labels;
use crate::pages::staff::{OperatorSection, OperatorShell, StaffRefusal};

type AddAction = Action<(String, StaffInput), Result<i64, AppError>>;
type EndAction = Action<(String, i64), Result<(), AppError>>;

#[component]
pub fn OperatorStaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let roster = Resource::new(|| (), |_| fetch_roster());
    // Owned by the page, so their answers stay on screen after the roster is read again.
    let add: AddAction = Action::new(move |(op, input): &(String, StaffInput)| add_staff(op.clone(), input.clone()));
    let end: EndAction = Action::new(move |(op, id): &(String, i64)| end_staff(op.clone(), *id));
    Effect::new(move |_| {
        let (added, ended) = (add.value().get(), end.value().get());
        if matches!(added, Some(Ok(_))) || matches!(ended, Some(Ok(()))) {
            roster.refetch();
        }
    });
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), roster.heading))/>
        <OperatorShell current=OperatorSection::Staff>
            <h1>{t!(i18n, roster.heading)}</h1>
            <p class="hint">{t!(i18n, roster.lead)}</p>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match roster.await {
                        Ok(data) => view! { <RosterSection data add end/> }.into_any(),
                        Err(e) => view! { <StaffRefusal error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </OperatorShell>
    }
}

#[component]
fn RosterSection(data: OperatorRoster, add: AddAction, end: EndAction) -> impl IntoView {
    let i18n = use_i18n();
    let rate = data.rate;
    view! {
        <p class="lead" data-testid="roster-rate">
            {t!(i18n, roster.rate_heading)}": "
            {move || rate.map(|r| labels::roster::rate(i18n.get_locale(), r)).unwrap_or_else(|| t_string!(i18n, facility.staff_unknown).to_string())}
        </p>
        {if data.members.is_empty() {
            view! { <p class="empty">{t!(i18n, roster.none)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="table roster" data-testid="roster">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, roster.field_name)}</th>
                                <th scope="col">{t!(i18n, roster.field_role)}</th>
                                <th scope="col">{t!(i18n, roster.field_qualification)}</th>
                                <th scope="col">{t!(i18n, roster.field_health_expires)}</th>
                                <th scope="col">{t!(i18n, roster.field_id)}</th>
                                <th scope="col"><span class="visually-hidden">{t!(i18n, roster.end)}</span></th>
                            </tr>
                        </thead>
                        <tbody>{data.members.into_iter().map(|member| view! { <StaffRow member end/> }).collect_view()}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
        {move || end.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorNotice error=e/> })}
        <AddStaffForm levels=data.levels add/>
    }
}

#[component]
fn StaffRow(member: StaffView, end: EndAction) -> impl IntoView {
    let i18n = use_i18n();
    let (role, level, qualification) = (member.role, member.class_level, member.qualification);
    let (since, expires, checked) = (member.employed_from.clone(), member.health_expires.clone(), member.background_checked_on.clone());
    let id = member.id;
    view! {
        <tr class:health-due=member.health_due>
            <th scope="row">
                {member.name.clone()}
                <span class="muted small-line">{move || { let date = since.clone(); t_string!(i18n, roster.since, date = date).to_string() }}</span>
                {member.elsewhere.then(|| view! { <span class="badge badge-alert">{t!(i18n, roster.elsewhere)}</span> })}
            </th>
            <td>
                {move || labels::roster::role(i18n.get_locale(), role)}
                {level.map(|l| view! { <span class="muted small-line">{move || labels::class_level(i18n.get_locale(), l)}</span> })}
            </td>
            <td>{move || labels::roster::qualification(i18n.get_locale(), qualification)}</td>
            <td>
                {move || {
                    let date = expires.clone();
                    if member.health_due { t_string!(i18n, roster.health_due, date = date).to_string() } else { t_string!(i18n, roster.health_ok, date = date).to_string() }
                }}
                <span class="muted small-line">
                    {move || match checked.clone() {
                        Some(date) => t_string!(i18n, roster.checked, date = date).to_string(),
                        None => t_string!(i18n, roster.not_checked).to_string(),
                    }}
                </span>
            </td>
            <td class="id-number">{member.id_number.clone()}</td>
            <td>
                <button type="button" class="secondary" on:click=move |_| { end.dispatch((new_operation_id(), id)); }>{t!(i18n, roster.end)}</button>
            </td>
        </tr>
    }
}

#[component]
fn AddStaffForm(levels: Vec<crate::domain::facility::ClassLevel>, add: AddAction) -> impl IntoView {
    let i18n = use_i18n();
    let fields: [RwSignal<String>; 9] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [name, id_number, role, class_level, qualification, employed_from, health_issued, health_expires, checked] = fields;
    role.set(StaffRole::Carer.code().to_string());
    qualification.set(Qualification::CarerCertificate.code().to_string());
    let text_field = move |id: &'static str, label: AnyView, signal: RwSignal<String>, kind: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type=kind autocomplete="off" bind:value=signal/>
            </div>
        }
    };
    view! {
        <section class="card form-card" aria-labelledby="add-staff-heading">
            <h2 id="add-staff-heading">{t!(i18n, roster.add_heading)}</h2>
            <form class="stack" data-testid="add-staff" on:submit=move |ev| {
                ev.prevent_default();
                let input = StaffInput {
                    name: name.get_untracked(),
                    id_number: id_number.get_untracked(),
                    role: role.get_untracked(),
                    class_level: class_level.get_untracked(),
                    qualification: qualification.get_untracked(),
                    employed_from: employed_from.get_untracked(),
                    health_issued: health_issued.get_untracked(),
                    health_expires: health_expires.get_untracked(),
                    background_checked_on: checked.get_untracked(),
                };
                add.dispatch((new_operation_id(), input));
            }>
                {text_field("staff-name", t!(i18n, roster.field_name).into_any(), name, "text")}
                {text_field("staff-id", t!(i18n, roster.field_id).into_any(), id_number, "text")}
                <div class="field">
                    <label for="staff-role">{t!(i18n, roster.field_role)}</label>
                    <select id="staff-role" bind:value=role>
                        {StaffRole::ALL.iter().map(|r| { let r = *r; view! { <option value=r.code()>{move || labels::roster::role(i18n.get_locale(), r)}</option> } }).collect_view()}
                    </select>
                </div>
                <Show when=move || role.get() == StaffRole::Carer.code()>
                    <div class="field">
                        <label for="staff-class">{t!(i18n, roster.field_class)}</label>
                        <select id="staff-class" bind:value=class_level>
                            <option value="">{t!(i18n, roster.field_class_none)}</option>
                            {levels.iter().map(|l| { let l = *l; view! { <option value=l.code()>{move || labels::class_level(i18n.get_locale(), l)}</option> } }).collect_view()}
                        </select>
                    </div>
                </Show>
                <div class="field">
                    <label for="staff-qualification">{t!(i18n, roster.field_qualification)}</label>
                    <select id="staff-qualification" bind:value=qualification>
                        {Qualification::ALL.iter().map(|q| { let q = *q; view! { <option value=q.code()>{move || labels::roster::qualification(i18n.get_locale(), q)}</option> } }).collect_view()}
                    </select>
                </div>
                {text_field("staff-from", t!(i18n, roster.field_from).into_any(), employed_from, "date")}
                {text_field("staff-health-issued", t!(i18n, roster.field_health_issued).into_any(), health_issued, "date")}
                {text_field("staff-health-expires", t!(i18n, roster.field_health_expires).into_any(), health_expires, "date")}
                {text_field("staff-checked", t!(i18n, roster.field_checked).into_any(), checked, "date")}
                <button type="submit" disabled=move || add.pending().get()>{t!(i18n, roster.add)}</button>
            </form>
            {move || add.value().get().map(|result| match result {
                Ok(_) => view! { <p class="notice" role="status">{t!(i18n, roster.added)}</p> }.into_any(),
                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
            })}
        </section>
    }
}

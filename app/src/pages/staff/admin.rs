//! The administrator creates operator and supervisor accounts and reads the audit log.

use leptos::prelude::*;
use leptos_meta::Title;

use super::StaffRefusal;
use crate::api::staff::{create_staff_account, fetch_audit_log, fetch_staff_accounts, NewStaffInput};
use crate::components::{FieldError, FormError};
use crate::domain::account::roles::Department;
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::labels;

#[component]
pub fn AdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let accounts = Resource::new(|| (), |_| fetch_staff_accounts());
    let log = Resource::new(|| (), |_| fetch_audit_log());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), admin.title))/>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match (accounts.await, log.await) {
                    (Ok(list), Ok(entries)) => view! {
                        <h1>{t!(i18n, admin.heading)}</h1>
                        <h2>{t!(i18n, admin.accounts)}</h2>
                        <table class="table staff-accounts">
                            <tbody>
                                {list.into_iter().map(|a| {
                                    let role = a.role;
                                    view! {
                                        <tr>
                                            <td><code>{a.username}</code></td>
                                            <td>{a.display_name}</td>
                                            <td>{move || labels::role(i18n.get_locale(), role)}</td>
                                            <td>{move || if a.second_factor_enrolled { t_string!(i18n, admin.enrolled).to_string() } else { t_string!(i18n, admin.not_enrolled).to_string() }}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <CreateStaff accounts/>
                        <h2>{t!(i18n, admin.audit)}</h2>
                        <div class="table-wrap">
                            <table class="table audit">
                                <thead><tr>
                                    <th>{t!(i18n, admin.at)}</th><th>{t!(i18n, admin.actor)}</th><th>{t!(i18n, admin.action)}</th>
                                    <th>{t!(i18n, admin.target)}</th><th>{t!(i18n, admin.ip)}</th><th>{t!(i18n, admin.outcome)}</th>
                                </tr></thead>
                                <tbody>
                                    {entries.into_iter().map(|e| view! {
                                        <tr><td>{labels::date_time(e.at)}</td><td>{e.actor}</td><td>{e.action}</td><td>{e.target}</td><td>{e.client_ip}</td><td>{e.outcome}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                    .into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <StaffRefusal error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CreateStaff(accounts: Resource<Result<Vec<crate::api::staff::StaffAccountView>, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new("operator".to_string());
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let facility_id = RwSignal::new(String::new());
    let department = RwSignal::new(Department::Health.code().to_string());
    let create = Action::new(|input: &NewStaffInput| {
        let input = input.clone();
        async move { create_staff_account(input).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            accounts.refetch();
        }
    });
    let error = move || create.value().get().and_then(|r| r.err());
    view! {
        <details class="create-staff">
            <summary>{t!(i18n, admin.create)}</summary>
            <form class="stack" on:submit=move |ev| {
                ev.prevent_default();
                create.dispatch(NewStaffInput {
                    kind: kind.get_untracked(),
                    username: username.get_untracked(),
                    display_name: display_name.get_untracked(),
                    password: password.get_untracked(),
                    facility_id: Some(facility_id.get_untracked()),
                    department: Some(department.get_untracked()),
                });
            }>
                <div class="field">
                    <label for="new-kind">{t!(i18n, admin.kind)}</label>
                    <select id="new-kind" bind:value=kind>
                        <option value="operator">{t!(i18n, admin.operator)}</option>
                        <option value="supervisor">{t!(i18n, admin.supervisor)}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="new-username">{t!(i18n, admin.username)}</label>
                    <input id="new-username" type="text" autocapitalize="none" maxlength="32" bind:value=username/>
                    <FieldError error=Signal::derive(error) field="username"/>
                </div>
                <div class="field">
                    <label for="new-display">{t!(i18n, admin.display_name)}</label>
                    <input id="new-display" type="text" maxlength="40" bind:value=display_name/>
                    <FieldError error=Signal::derive(error) field="display_name"/>
                </div>
                <div class="field">
                    <label for="new-password">{t!(i18n, admin.password)}</label>
                    <input id="new-password" type="password" autocomplete="new-password" maxlength="128" bind:value=password/>
                    <p class="hint">{t!(i18n, admin.password_hint)}</p>
                    <FieldError error=Signal::derive(error) field="password"/>
                </div>
                <Show when=move || kind.get() == "operator">
                    <div class="field">
                        <label for="new-facility">{t!(i18n, admin.facility_id)}</label>
                        <input id="new-facility" type="number" min="1" inputmode="numeric" bind:value=facility_id/>
                        <FieldError error=Signal::derive(error) field="facility_id"/>
                    </div>
                </Show>
                <Show when=move || kind.get() == "supervisor">
                    <div class="field">
                        <label for="new-department">{t!(i18n, admin.department)}</label>
                        <select id="new-department" bind:value=department>
                            {move || Department::ALL.iter().map(|d| view! { <option value=d.code()>{labels::department(i18n.get_locale(), *d)}</option> }).collect_view()}
                        </select>
                    </div>
                </Show>
                <FormError error=Signal::derive(error)/>
                {move || create.value().get().and_then(|r| r.ok()).map(|a| view! {
                    <p class="notice" role="status">{move || t_string!(i18n, admin.created, username = a.username.clone())}</p>
                })}
                <button type="submit" disabled=move || create.pending().get()>{t!(i18n, admin.create)}</button>
            </form>
        </details>
    }
}

//! "My account": the masked phone number, consent, children, and the person's rights.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::api::account::{delete_child, delete_my_account, fetch_my_account, give_consent, sign_out, withdraw_consent, ChildView, MyAccount};
use crate::components::{confirm, ErrorNotice};
use crate::domain::account::roles::Role;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::labels;
use crate::offline::OfflineQueue;

#[component]
pub fn MyAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = Resource::new(|| (), |_| fetch_my_account());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), me.title))/>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(None) => view! { <Redirect path="/login"/> }.into_any(),
                    Ok(Some(me)) => view! { <AccountView me account/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountView(me: MyAccount, account: Resource<Result<Option<MyAccount>, crate::error::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let role = me.role;
    let header = view! {
        <h1>{t!(i18n, me.heading)}</h1>
        <dl class="facts">
            <dt>{t!(i18n, me.account_label)}</dt>
            <dd data-testid="display-name">{me.display_name.clone()}</dd>
            <dt>{t!(i18n, me.role_label)}</dt>
            <dd>{move || labels::role(i18n.get_locale(), role)}</dd>
        </dl>
    };
    if role != Role::Parent {
        let work = role.home_path();
        return view! {
            {header}
            <p>{t!(i18n, me.staff_lead)}</p>
            <p class="actions left"><a class="button" href=work>{t!(i18n, me.go_work)}</a></p>
            <SignOut/>
        }
        .into_any();
    }
    view! {
        {header}
        <p class="actions left">
            <a class="button" href="/me/bookings" data-testid="my-bookings">{t!(i18n, me.my_bookings)}</a>
            <a class="button secondary" href="/me/complaints" data-testid="my-complaints">{t!(i18n, complaints.mine_title)}</a>
            <a class="button secondary" href="/lessons" data-testid="my-lessons">{t!(i18n, lessons.my_link)}</a>
        </p>
        <crate::pages::lessons::MonthLessons/>
        <ConsentSection consent=me.consent.clone() version=me.policy_version.clone() account/>
        <section>
            <h2>{t!(i18n, me.children_heading)}</h2>
            {if me.children.is_empty() {
                view! { <p class="muted">{t!(i18n, me.no_children)}</p> }.into_any()
            } else {
                view! { <ul class="cards">{me.children.into_iter().map(|child| view! { <ChildCard child account/> }).collect_view()}</ul> }.into_any()
            }}
            {me.consent.is_some().then(|| view! { <p><a class="button" href="/me/children/new">{t!(i18n, me.add_child)}</a></p> })}
        </section>
        <section>
            <h2>{t!(i18n, me.rights_heading)}</h2>
            <p><a class="button secondary" href="/api/export_my_data" download="tuoyu-my-data.json" rel="external">{t!(i18n, me.download)}</a></p>
            <p class="hint">{t!(i18n, me.download_hint)}</p>
            <DeleteAccount/>
        </section>
        <SignOut/>
    }
    .into_any()
}

#[component]
fn ConsentSection(
    consent: Option<crate::api::account::ConsentView>,
    version: String,
    account: Resource<Result<Option<MyAccount>, crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let give = Action::new(|_: &()| give_consent());
    let withdraw = Action::new(|_: &()| withdraw_consent());
    Effect::new(move |_| {
        if matches!(give.value().get(), Some(Ok(()))) || matches!(withdraw.value().get(), Some(Ok(()))) {
            account.refetch();
        }
    });
    view! {
        <section class="consent">
            <h2>{t!(i18n, me.consent_heading)}</h2>
            <p>{t!(i18n, me.consent_lead)}</p>
            <p><a href="/privacy">{t!(i18n, me.read_privacy)}</a></p>
            {match consent {
                Some(c) => {
                    let date = labels::date(c.granted_at);
                    view! {
                        <p class="notice" data-consent="given">{move || t_string!(i18n, me.consent_given, date = date.clone(), version = c.policy_version.clone())}</p>
                        <button type="button" class="button secondary" on:click=move |_| {
                            if confirm(&t_string!(i18n, me.consent_withdraw_confirm)) {
                                withdraw.dispatch(());
                            }
                        }>{t!(i18n, me.consent_withdraw)}</button>
                    }
                    .into_any()
                }
                None => view! {
                    <button type="button" class="consent-give" data-version=version on:click=move |_| { give.dispatch(()); }>
                        {t!(i18n, me.consent_give)}
                    </button>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn ChildCard(child: ChildView, account: Resource<Result<Option<MyAccount>, crate::error::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let remove = Action::new(|id: &i64| delete_child(*id));
    Effect::new(move |_| {
        if let Some(Ok(())) = remove.value().get() {
            account.refetch();
        }
    });
    let id = child.id;
    let (sex, relation) = (child.sex, child.relation);
    view! {
        <li class="card child-card">
            <div class="card-link">
                <h3 class="card-title">{child.name.clone()}</h3>
                <p class="muted">
                    {child.birth_date.clone()}" · "
                    {move || crate::pages::account::child_form::sex_label(i18n.get_locale(), sex)}" · "
                    {move || crate::pages::account::child_form::relation_label(i18n.get_locale(), relation)}
                </p>
                {child.id_masked.clone().map(|id| view! { <p class="muted id-masked">{id}</p> })}
                <p class="actions left">
                    <a class="button secondary small" href=format!("/me/children/{id}")>{t!(i18n, me.edit)}</a>
                    <button type="button" class="button secondary small" on:click=move |_| {
                        if confirm(&t_string!(i18n, me.delete_confirm)) {
                            remove.dispatch(id);
                        }
                    }>{t!(i18n, me.delete)}</button>
                </p>
            </div>
        </li>
    }
}

/// Signing out wipes this device's copy, the queue of unsynced writes included: with writes
/// still waiting, the person is told so and has to confirm.
#[component]
fn SignOut() -> impl IntoView {
    let i18n = use_i18n();
    let queue = OfflineQueue::use_queue();
    let sign_out_action = Action::new(|_: &()| sign_out());
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out_action.value().get() {
            super::reload_to("/");
        }
    });
    let asking = RwSignal::new(false);
    let sign_out_now = move |_| {
        sign_out_action.dispatch(());
    };
    // The warning goes away by itself once everything has synced.
    let ask_first = move |_| {
        if queue.pending() > 0 {
            asking.set(true);
        } else {
            sign_out_action.dispatch(());
        }
    };
    view! {
        <Show
            when=move || { asking.get() && queue.pending() > 0 }
            fallback=move || view! {
                <p class="actions left"><button type="button" class="button secondary sign-out" on:click=ask_first>{t!(i18n, me.sign_out)}</button></p>
            }
        >
            <div class="notice notice-error sign-out-warning" role="alert">
                <p>{move || t_string!(i18n, me.sign_out_pending, n = queue.pending())}</p>
                <p class="actions left">
                    <button type="button" class="button secondary" on:click=move |_| asking.set(false)>{t!(i18n, me.sign_out_keep)}</button>
                    <button type="button" class="button danger sign-out-anyway" on:click=sign_out_now>{t!(i18n, me.sign_out_anyway)}</button>
                </p>
            </div>
        </Show>
        {move || sign_out_action.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorNotice error=e/> })}
    }
}

#[component]
fn DeleteAccount() -> impl IntoView {
    let i18n = use_i18n();
    let confirmed = RwSignal::new(false);
    let delete = Action::new(|confirm: &bool| delete_my_account(*confirm));
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            super::reload_to("/");
        }
    });
    view! {
        <details class="danger">
            <summary>{t!(i18n, me.delete_account)}</summary>
            <p>{t!(i18n, me.delete_account_lead)}</p>
            <label class="check"><input type="checkbox" bind:checked=confirmed/>{t!(i18n, me.delete_account_confirm)}</label>
            {move || delete.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorNotice error=e/> })}
            <button type="button" class="button danger" disabled=move || !confirmed.get() on:click=move |_| { delete.dispatch(confirmed.get_untracked()); }>
                {t!(i18n, me.delete_account)}
            </button>
        </details>
    }
}

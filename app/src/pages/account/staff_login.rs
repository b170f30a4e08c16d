//! Staff sign in with username and password, then a code from their authenticator app. The
//! first sign-in enrols the app and shows recovery codes once.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::SignedIn;
use crate::api::staff::{staff_second_factor, staff_sign_in, StaffStep};
use crate::components::ErrorNotice;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;

#[component]
pub fn StaffLoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let first = Action::new(move |(u, p): &(String, String)| {
        let (u, p) = (u.clone(), p.clone());
        async move { staff_sign_in(u, p).await }
    });
    let step = move || first.value().get().and_then(|r| r.ok());
    let error = move || first.value().get().and_then(|r| r.err());

    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), staff_login.title))/>
        <section class="narrow">
            <h1>{t!(i18n, staff_login.heading)}</h1>
            {move || match step() {
                None => view! {
                    <form class="stack" on:submit=move |ev| {
                        ev.prevent_default();
                        first.dispatch((username.get_untracked(), password.get_untracked()));
                    }>
                        <div class="field">
                            <label for="staff-username">{t!(i18n, staff_login.username)}</label>
                            <input id="staff-username" type="text" autocomplete="username" autocapitalize="none" required maxlength="32" bind:value=username/>
                        </div>
                        <div class="field">
                            <label for="staff-password">{t!(i18n, staff_login.password)}</label>
                            <input id="staff-password" type="password" autocomplete="current-password" required maxlength="128" bind:value=password/>
                        </div>
                        {move || error().map(|e| view! { <ErrorNotice error=e/> })}
                        <button type="submit" disabled=move || first.pending().get()>{t!(i18n, staff_login.next)}</button>
                    </form>
                }
                .into_any(),
                Some(step) => view! { <SecondFactorStep step/> }.into_any(),
            }}
            <p><a href="/login">{t!(i18n, staff_login.parent_link)}</a></p>
            <p><a href="/register">{t!(i18n, register.register_link)}</a></p>
        </section>
    }
}

/// The second step of a staff sign-in (or of a registration): enrol an authenticator app on
/// first use, enter its code, and keep the recovery codes shown once.
#[component]
pub fn SecondFactorStep(step: StaffStep) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let second = Action::new(move |code: &String| {
        let code = code.clone();
        async move { staff_second_factor(code).await }
    });
    let done = move || second.value().get().and_then(|r| r.ok());
    Effect::new(move |_| {
        if let Some(SignedIn { next, recovery_codes }) = done() {
            if recovery_codes.is_empty() {
                super::reload_signed_in(next);
            }
        }
    });
    let error = move || second.value().get().and_then(|r| r.err());
    let recovery = Memo::new(move |_| done().filter(|signed_in| !signed_in.recovery_codes.is_empty()));
    let step = StoredValue::new(step);
    let enrolment = move || match step.get_value() {
        StaffStep::Enrol { secret, qr_svg, .. } => Some(view! {
            <h2>{t!(i18n, staff_login.enrol_heading)}</h2>
            <p>{t!(i18n, staff_login.enrol_lead)}</p>
            // The SVG is made on our server from the enrolment link, not from user input.
            <div class="qr" inner_html=qr_svg></div>
            <p>{t!(i18n, staff_login.secret)}": "<code class="secret">{secret}</code></p>
        }),
        StaffStep::Code => None,
    };
    let recovery_codes = move || {
        recovery.get().map(|SignedIn { next, recovery_codes }| view! {
            <h2>{t!(i18n, staff_login.recovery_heading)}</h2>
            <p>{t!(i18n, staff_login.recovery_lead)}</p>
            <ul class="recovery-codes">{recovery_codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
            <button type="button" on:click=move |_| super::reload_signed_in(next.clone())>{t!(i18n, staff_login.recovery_done)}</button>
        })
    };
    view! {
        <Show when=move || recovery.get().is_none() fallback=recovery_codes>
            {enrolment()}
            <form class="stack" on:submit=move |ev| {
                ev.prevent_default();
                second.dispatch(code.get_untracked());
            }>
                <div class="field">
                    <label for="staff-code">{t!(i18n, staff_login.code_label)}</label>
                    <input id="staff-code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="12" bind:value=code/>
                    <p class="hint">{t!(i18n, staff_login.code_hint)}</p>
                </div>
                {move || error().map(|e| view! { <ErrorNotice error=e/> })}
                <button type="submit" disabled=move || second.pending().get()>{t!(i18n, staff_login.confirm)}</button>
            </form>
        </Show>
    }
}

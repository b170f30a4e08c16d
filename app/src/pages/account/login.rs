//! Parents sign in with their mobile number and a text-message code.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::{request_login_code, verify_login_code};
use crate::components::ErrorNotice;
use crate::domain::account::phone::PhoneNumber;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::labels;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let send = Action::new(move |phone: &String| {
        let phone = phone.clone();
        async move { request_login_code(phone).await }
    });
    let verify = Action::new(move |(phone, code): &(String, String)| {
        let (phone, code) = (phone.clone(), code.clone());
        async move { verify_login_code(phone, code).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(signed_in)) = verify.value().get() {
            super::reload_signed_in(signed_in.next);
        }
    });
    let code_sent = move || matches!(send.value().get(), Some(Ok(_)));
    let masked = move || PhoneNumber::parse(&phone.get()).map(|p| p.masked()).unwrap_or_default();
    let error = move || {
        let send_error = send.value().get().and_then(|r| r.err());
        let verify_error = verify.value().get().and_then(|r| r.err());
        verify_error.or(send_error)
    };

    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), login.title))/>
        <section class="narrow">
            <h1>{t!(i18n, login.heading)}</h1>
            <p class="lead">{t!(i18n, login.lead)}</p>
            <form class="stack" on:submit=move |ev| {
                ev.prevent_default();
                if code_sent() {
                    verify.dispatch((phone.get_untracked(), code.get_untracked()));
                } else {
                    send.dispatch(phone.get_untracked());
                }
            }>
                <div class="field">
                    <label for="login-phone">{t!(i18n, login.phone_label)}</label>
                    <input id="login-phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="20" required
                        placeholder=move || t_string!(i18n, login.phone_placeholder).to_string()
                        bind:value=phone readonly=code_sent/>
                </div>
                <Show when=code_sent>
                    <p class="notice" role="status">{move || { let phone = masked(); t_string!(i18n, login.code_sent, phone = phone) }}</p>
                    <div class="field">
                        <label for="login-code">{t!(i18n, login.code_label)}</label>
                        <input id="login-code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required
                            placeholder=move || t_string!(i18n, login.code_placeholder).to_string() bind:value=code/>
                    </div>
                </Show>
                {move || error().map(|e| view! { <ErrorNotice error=e/> })}
                <button type="submit" disabled=move || send.pending().get() || verify.pending().get()>
                    {move || match (code_sent(), send.pending().get() || verify.pending().get()) {
                        (false, false) => t_string!(i18n, login.send_code).to_string(),
                        (false, true) => t_string!(i18n, login.sending).to_string(),
                        (true, false) => t_string!(i18n, login.sign_in).to_string(),
                        (true, true) => t_string!(i18n, login.signing_in).to_string(),
                    }}
                </button>
            </form>
            <p class="hint">{t!(i18n, login.privacy)}" "<a href="/privacy">{t!(i18n, login.privacy_link)}</a></p>
            <p><a href="/staff/login">{t!(i18n, login.staff_link)}</a></p>
        </section>
    }
}

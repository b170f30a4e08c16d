//! 机构注册: an organisation that runs (or will run) a childcare facility registers with its
//! credit code and a phone that receives a code, chooses a username and password, then enrols
//! an authenticator app like all staff. It lands on its filing.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::CodeSent;
use crate::api::filing::{register_organisation, request_registration_code, RegistrationInput};
use crate::api::staff::StaffStep;
use crate::components::{ErrorNotice, FieldError, FormError};
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;
use crate::pages::account::SecondFactorStep;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let organisation = RwSignal::new(String::new());
    let credit_code = RwSignal::new(String::new());
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let send: Action<String, Result<CodeSent, AppError>> = Action::new(move |phone: &String| request_registration_code(phone.clone()));
    let register: Action<(String, RegistrationInput), Result<StaffStep, AppError>> =
        Action::new(move |(op, input): &(String, RegistrationInput)| register_organisation(op.clone(), input.clone()));
    let step = move || register.value().get().and_then(|r| r.ok());
    let error = Signal::derive(move || register.value().get().and_then(|r| r.err()));
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), register.title))/>
        <section class="narrow">
            <h1>{t!(i18n, register.heading)}</h1>
            {move || match step() {
                Some(step) => view! { <SecondFactorStep step/> }.into_any(),
                None => view! {
                    <p class="lead">{t!(i18n, register.lead)}</p>
                    <form class="stack" data-testid="register" on:submit=move |ev| {
                        ev.prevent_default();
                        register.dispatch((crate::components::new_operation_id(), RegistrationInput {
                            phone: phone.get_untracked(),
                            code: code.get_untracked(),
                            organisation: organisation.get_untracked(),
                            credit_code: credit_code.get_untracked(),
                            username: username.get_untracked(),
                            password: password.get_untracked(),
                        }));
                    }>
                        <div class="field">
                            <label for="reg-organisation">{t!(i18n, register.organisation)}</label>
                            <input id="reg-organisation" name="organisation" type="text" autocomplete="organization" required maxlength="60" bind:value=organisation/>
                            <FieldError error field="organisation"/>
                        </div>
                        <div class="field">
                            <label for="reg-credit">{t!(i18n, register.credit_code)}</label>
                            <input id="reg-credit" name="credit_code" type="text" autocapitalize="characters" autocomplete="off" required maxlength="24" bind:value=credit_code/>
                            <p class="hint">{t!(i18n, register.credit_hint)}</p>
                            <FieldError error field="credit_code"/>
                        </div>
                        <div class="field">
                            <label for="reg-phone">{t!(i18n, register.phone)}</label>
                            <div class="inline-field">
                                <input id="reg-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required maxlength="20" bind:value=phone/>
                                <button type="button" class="secondary" disabled=move || send.pending().get() on:click=move |_| { send.dispatch(phone.get_untracked()); }>
                                    {t!(i18n, register.send_code)}
                                </button>
                            </div>
                            {move || send.value().get().map(|result| match result {
                                Ok(_) => view! { <p class="hint" role="status">{t!(i18n, register.code_sent)}</p> }.into_any(),
                                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                            })}
                            <FieldError error field="phone"/>
                        </div>
                        <div class="field">
                            <label for="reg-code">{t!(i18n, register.code)}</label>
                            <input id="reg-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="8" bind:value=code/>
                        </div>
                        <div class="field">
                            <label for="reg-username">{t!(i18n, register.username)}</label>
                            <input id="reg-username" name="username" type="text" autocomplete="username" autocapitalize="none" required maxlength="32" bind:value=username/>
                            <p class="hint">{t!(i18n, register.username_hint)}</p>
                            <FieldError error field="username"/>
                        </div>
                        <div class="field">
                            <label for="reg-password">{t!(i18n, register.password)}</label>
                            <input id="reg-password" name="password" type="password" autocomplete="new-password" required maxlength="128" bind:value=password/>
                            <p class="hint">{t!(i18n, register.password_hint)}</p>
                            <FieldError error field="password"/>
                        </div>
                        <FormError error/>
                        <button type="submit" disabled=move || register.pending().get()>{t!(i18n, register.submit)}</button>
                    </form>
                    <p><a href="/staff/login">{t!(i18n, register.login_link)}</a></p>
                }
                .into_any(),
            }}
        </section>
    }
}

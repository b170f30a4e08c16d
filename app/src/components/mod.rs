//! Small pieces shared by pages.

pub mod display;
pub mod files;
pub mod geolocation;
pub mod map;
pub mod read_aloud;

use leptos::prelude::*;

use crate::domain::vacancy::Vacancy;
use crate::error::AppError;
use crate::i18n::{t, use_i18n, Locale};
use crate::labels;

/// Free places, full, or unknown — coloured, and never only by colour.
#[component]
pub fn VacancyBadge(vacancy: Vacancy) -> impl IntoView {
    let i18n = use_i18n();
    let class = match vacancy {
        Vacancy::Free(_) => "badge vacancy vacancy-free",
        Vacancy::Full => "badge vacancy vacancy-full",
        Vacancy::Unknown => "badge vacancy vacancy-unknown",
    };
    view! { <span class=class>{move || labels::vacancy(i18n.get_locale(), vacancy)}</span> }
}

/// Marks invented records so nobody mistakes them for real facilities.
#[component]
pub fn DemoBadge() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="badge demo" title=move || crate::i18n::t_string!(i18n, common.demo_title).to_string()>
            {t!(i18n, common.demo)}
        </span>
    }
}

/// 普惠 (price-capped) badge.
#[component]
pub fn InclusiveBadge() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="badge inclusive" title=move || crate::i18n::t_string!(i18n, common.inclusive_title).to_string()>
            {t!(i18n, common.inclusive)}
        </span>
    }
}

/// The parents' score on a card: "★ 4.3", read out as "家长评分 4.3 分".
#[component]
pub fn RatingBadge(score: String) -> impl IntoView {
    let i18n = use_i18n();
    let label = score.clone();
    view! {
        <span class="badge rating-badge" aria-label=move || crate::i18n::t_string!(i18n, ratings.card_label, score = label.clone()).to_string()>
            {"★ "}{score}
        </span>
    }
}

/// A friendly error box.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice-error" role="alert">
            <p>{move || labels::error_message(i18n.get_locale(), &error)}</p>
        </div>
    }
}

/// The not-found page body; on the server it also sets the 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::api::set_response_status(&AppError::NotFound);
    let i18n = use_i18n();
    view! {
        <leptos_meta::Title text=labels::page_title(i18n.get_locale_untracked(), crate::i18n::td_string!(i18n.get_locale_untracked(), not_found.title))/>
        <section class="not-found">
            <h1>{t!(i18n, not_found.heading)}</h1>
            <p>{t!(i18n, not_found.body)}</p>
            <p class="actions">
                <a class="button" href="/">{t!(i18n, not_found.home)}</a>
                <a class="button secondary" href="/facilities">{t!(i18n, not_found.find)}</a>
            </p>
        </section>
    }
}

/// Switches between Chinese and English; the choice is kept in a cookie.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || match i18n.get_locale() {
        Locale::zh_CN => Locale::en,
        Locale::en => Locale::zh_CN,
    };
    view! {
        <button
            type="button"
            class="language-switch"
            lang=move || labels::language_tag(other())
            aria-label=move || crate::i18n::t_string!(i18n, app.switch_language_label).to_string()
            on:click=move |_| i18n.set_locale(other())
        >
            {t!(i18n, app.switch_language)}
        </button>
    }
}

/// The message for one field of a refused form, when the refusal concerns that field.
#[component]
pub fn FieldError(#[prop(into)] error: Signal<Option<AppError>>, field: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error
            .get()
            .and_then(|e| labels::field_error(i18n.get_locale(), &e, field))
            .map(|message| view! { <p class="field-error" role="alert">{message}</p> })
    }
}

/// A refused form's general message; field problems show beside their fields instead.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || error.get().filter(|e| !matches!(e, AppError::Invalid { .. })).map(|e| view! { <ErrorNotice error=e/> })
}

/// A new operation id for one user action: a random UUID made on the device, so a retried or
/// replayed request is recognised by the server and applied once.
pub fn new_operation_id() -> String {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

/// Asks the person to confirm (the browser's own dialog).
pub fn confirm(question: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = question;
        false
    }
}

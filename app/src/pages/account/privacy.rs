//! The privacy notice, in the product's own words.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::POLICY_VERSION;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::labels;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), privacy.title))/>
        <article class="narrow prose">
            <h1>{t!(i18n, privacy.heading)}</h1>
            <p class="muted">{move || t_string!(i18n, privacy.version, version = POLICY_VERSION)}</p>
            <h2>{t!(i18n, privacy.who_h)}</h2><p>{t!(i18n, privacy.who)}</p>
            <h2>{t!(i18n, privacy.what_h)}</h2><p>{t!(i18n, privacy.what)}</p>
            <h2>{t!(i18n, privacy.why_h)}</h2><p>{t!(i18n, privacy.why)}</p>
            <h2>{t!(i18n, privacy.children_h)}</h2><p>{t!(i18n, privacy.children)}</p>
            <h2>{t!(i18n, privacy.keep_h)}</h2><p>{t!(i18n, privacy.keep)}</p>
            <h2>{t!(i18n, privacy.rights_h)}</h2><p>{t!(i18n, privacy.rights)}</p>
            <h2>{t!(i18n, privacy.security_h)}</h2><p>{t!(i18n, privacy.security)}</p>
        </article>
    }
}

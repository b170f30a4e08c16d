//! `/policies/:id`: one policy — what it gives, who it is for, the conditions, how to apply,
//! the sources and when it was checked — with the calculator that applies it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::policies::fetch_policy;
use crate::components::read_aloud::ReadAloud;
use crate::components::ErrorNotice;
use crate::domain::policy::entry::Policy;
use crate::i18n::{t, t_string, use_i18n, Locale};
use crate::labels;

#[component]
pub fn PolicyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let policy = Resource::new(move || params.read().get("id").unwrap_or_default(), fetch_policy);
    view! {
        <p><a href="/policies">{t!(i18n, policies.back)}</a></p>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match policy.await {
                    Ok(policy) => view! { <Entry policy/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Entry(policy: Policy) -> impl IntoView {
    let i18n = use_i18n();
    let stored = StoredValue::new(policy.clone());
    let pick = move |zh: fn(&Policy) -> String, en: fn(&Policy) -> String| move || stored.with_value(|p| if i18n.get_locale() == Locale::en { en(p) } else { zh(p) });
    let title = pick(|p| p.title.clone(), |p| p.title_en.clone());
    let page_title = title.clone();
    let calculator = match policy.calculator.as_str() {
        "family" => Some(("/policies/family-calculator", true)),
        "facility" => Some(("/policies/facility-calculator", false)),
        _ => None,
    };
    let (from, reviewed) = (policy.effective_from.clone(), policy.reviewed.clone());
    // Read aloud in Chinese (the voice is Chinese in both languages, as the button says).
    let spoken = [policy.title.clone(), policy.summary.clone(), policy.gives.clone(), policy.who.clone(), policy.conditions.join("；"), policy.how_to_apply.clone()]
        .iter()
        .map(|part| part.trim_end_matches('。'))
        .collect::<Vec<_>>()
        .join("。\n");
    view! {
        <Title text=move || labels::page_title(i18n.get_locale(), &page_title())/>
        <article class="policy" data-id=policy.id.clone()>
            <h1>{title}</h1>
            <p class="lead">{pick(|p| p.summary.clone(), |p| p.summary_en.clone())}</p>
            <ReadAloud text=spoken/>
            <p class="muted">{move || t_string!(i18n, policies.effective, from = from.clone()).to_string()}</p>
            {calculator.map(|(href, family)| view! {
                <p><a class="button" href=href data-testid="to-calculator">{move || if family { t_string!(i18n, policies.to_family_calculator).to_string() } else { t_string!(i18n, policies.to_facility_calculator).to_string() }}</a></p>
            })}
            <section class="lesson-try">
                <h2>{t!(i18n, policies.gives)}</h2>
                <p>{pick(|p| p.gives.clone(), |p| p.gives_en.clone())}</p>
                <h2>{t!(i18n, policies.who)}</h2>
                <p>{pick(|p| p.who.clone(), |p| p.who_en.clone())}</p>
                <h2>{t!(i18n, policies.conditions)}</h2>
                <ul>{move || stored.with_value(|p| if i18n.get_locale() == Locale::en { p.conditions_en.clone() } else { p.conditions.clone() }).into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                <h2>{t!(i18n, policies.how_to_apply)}</h2>
                <p>{pick(|p| p.how_to_apply.clone(), |p| p.how_to_apply_en.clone())}</p>
            </section>
            <section class="lesson-sources">
                <h2>{t!(i18n, policies.sources)}</h2>
                <ul>{policy.sources.into_iter().map(|s| view! { <li>{s.document}" "{s.article}</li> }).collect_view()}</ul>
                <p class="muted">{move || t_string!(i18n, policies.reviewed, date = reviewed.clone()).to_string()}</p>
            </section>
        </article>
    }
}

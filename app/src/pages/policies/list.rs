//! `/policies`: policies by audience and words (Chinese or pinyin initials), as a plain GET
//! form so the list works before the page's code has loaded and every search has an address.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::policies::fetch_policies;
use crate::components::ErrorNotice;
use crate::domain::policy::entry::Policy;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use crate::labels;

/// Title and summary in the reader's language.
pub(super) fn title_in(locale: Locale, policy: &Policy) -> (String, String) {
    match locale {
        Locale::en => (policy.title_en.clone(), policy.summary_en.clone()),
        _ => (policy.title.clone(), policy.summary.clone()),
    }
}

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        let map = query.read();
        (map.get("audience"), map.get("q"))
    });
    let found = Resource::new(move || asked.get(), |(audience, q)| fetch_policies(audience, q));
    let (audience, words) = asked.get_untracked();
    let audience = audience.unwrap_or_default();
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), policies.title))/>
        <h1>{t!(i18n, policies.heading)}</h1>
        <p class="lead">{t!(i18n, policies.lead)}</p>
        <nav class="lesson-more">
            <a class="button secondary" href="/policies/family-calculator" data-testid="family-calculator-link">{t!(i18n, policies.to_family_calculator)}</a>
            <a class="button secondary" href="/policies/facility-calculator" data-testid="facility-calculator-link">{t!(i18n, policies.to_facility_calculator)}</a>
        </nav>
        <form class="lesson-filters" method="get" action="/policies" role="search">
            <label for="policy-search">{t!(i18n, policies.search_label)}</label>
            <input id="policy-search" type="search" name="q" maxlength="40" autocomplete="off" value=words.unwrap_or_default()
                placeholder=move || t_string!(i18n, policies.search_placeholder).to_string()/>
            <label for="policy-audience">{t!(i18n, policies.audience_label)}</label>
            <select id="policy-audience" name="audience">
                <option value="" selected=audience.is_empty()>{t!(i18n, policies.audience_any)}</option>
                <option value="family" selected=audience == "family">{t!(i18n, policies.audience_family)}</option>
                <option value="facility" selected=audience == "facility">{t!(i18n, policies.audience_facility)}</option>
            </select>
            <button type="submit">{t!(i18n, policies.search)}</button>
        </form>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(list) if list.is_empty() => view! { <p class="notice">{t!(i18n, policies.none)}</p> }.into_any(),
                    Ok(list) => {
                        let n = list.len();
                        view! {
                            <h2>{move || t_string!(i18n, policies.found, n = n).to_string()}</h2>
                            <ul class="lesson-cards">
                                {list.into_iter().map(|policy| {
                                    let href = format!("/policies/{}", policy.id);
                                    let id = policy.id.clone();
                                    let family = policy.audience == "family";
                                    let text = move || title_in(i18n.get_locale(), &policy);
                                    let text2 = text.clone();
                                    view! {
                                        <li class="lesson-card" data-testid="policy" data-id=id>
                                            <a href=href>
                                                <p class="lesson-badges"><span class="badge">{move || if family { t_string!(i18n, policies.audience_family).to_string() } else { t_string!(i18n, policies.audience_facility).to_string() }}</span></p>
                                                <strong class="lesson-card-title">{move || text().0}</strong>
                                                <span class="lesson-card-summary">{move || text2().1}</span>
                                            </a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

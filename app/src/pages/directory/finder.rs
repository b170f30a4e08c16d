//! The finder page: filters, list or map of the same results, "near me". The whole state lives
//! in the URL so a search can be shared and the back button works.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::filters::Filters;
use super::location::LocationBar;
use super::results::Results;
use crate::api::directory::find_facilities;
use crate::components::ErrorNotice;
use crate::domain::finder::{FinderParams, View, PARAM_NAMES};
use crate::i18n::{t, t_string, td_string, use_i18n};

/// `/facilities` with these parameters.
pub fn finder_href(params: &FinderParams) -> String {
    format!("/facilities{}", params.to_query_string())
}

#[component]
pub fn FinderPage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let params = Memo::new(move |_| {
        let map = query_map.read();
        let pairs: Vec<(&str, String)> = PARAM_NAMES.iter().filter_map(|key| map.get(key).map(|value| (*key, value))).collect();
        FinderParams::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    });
    let result = Resource::new(move || params.get(), find_facilities);

    view! {
        <Title text=crate::labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), finder.title))/>
        <h1>{t!(i18n, finder.heading)}</h1>
        <Filters params/>
        // "Near me" and list ↔ map share one row on a phone, so results start on the first screen.
        <div class="finder-bar">
            <LocationBar params/>
            <ViewTabs params/>
        </div>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(result) => view! { <Results result params=params.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// List ↔ map: two links that keep every other parameter.
#[component]
fn ViewTabs(params: Memo<FinderParams>) -> impl IntoView {
    let i18n = use_i18n();
    let is_map = move || params.read().view.as_deref() == Some(View::Map.code());
    let href = move |view: View| {
        let value = (view == View::Map).then_some(View::Map.code());
        finder_href(&params.get().with("view", value).with("page", None))
    };
    view! {
        <nav class="view-tabs" aria-label=move || t_string!(i18n, finder.views).to_string()>
            <a href=move || href(View::List) aria-current=move || (!is_map()).then_some("page") data-view="list">
                {t!(i18n, finder.view_list)}
            </a>
            <a href=move || href(View::Map) aria-current=move || is_map().then_some("page") data-view="map">
                {t!(i18n, finder.view_map)}
            </a>
        </nav>
    }
}

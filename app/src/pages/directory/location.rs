//! "Near me": the browser's position, asked for only when the family taps the button; when it
//! is refused or unavailable, a street or town stands in as the point to measure from.

use leptos::prelude::*;

use super::finder::finder_href;
use crate::domain::district::UNITS;
use crate::domain::finder::{FinderParams, SortOrder};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Locating {
    Idle,
    Asking,
    Failed,
}

/// Parameters that measure from a position (and sort by distance), dropping any other origin.
fn with_origin(params: &FinderParams, near: Option<String>, from: Option<String>) -> FinderParams {
    let sort = (near.is_some() || from.is_some()).then_some(SortOrder::Distance.code());
    params.with("near", near.as_deref()).with("from", from.as_deref()).with("sort", sort).with("page", None)
}

#[component]
pub fn LocationBar(params: Memo<FinderParams>) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(Locating::Idle);
    let navigate = leptos_router::hooks::use_navigate();

    let locate = {
        let navigate = navigate.clone();
        move |_| {
            state.set(Locating::Asking);
            let navigate = navigate.clone();
            crate::components::geolocation::current_position(move |position| match position {
                Some((lat, lon)) => {
                    state.set(Locating::Idle);
                    // Three decimals (about 100 m) are enough to sort by distance and reveal less.
                    let near = format!("{lat:.3},{lon:.3}");
                    navigate(&finder_href(&with_origin(&params.get_untracked(), Some(near), None)), Default::default());
                }
                None => state.set(Locating::Failed),
            });
        }
    };
    let clear_href = move || {
        let cleared = params.get().with("near", None).with("from", None).with("within", None).with("sort", None).with("page", None);
        finder_href(&cleared)
    };
    let pick_unit = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::Event| {
            let code = event_target_value(&ev);
            let from = (!code.is_empty()).then_some(code);
            navigate(&finder_href(&with_origin(&params.get_untracked(), None, from)), Default::default());
        }
    };
    let origin_text = move || {
        let p = params.read();
        if p.near.is_some() {
            Some(t_string!(i18n, finder.using_location).to_string())
        } else {
            p.from.as_deref().and_then(|code| code.parse::<u32>().ok()).map(|code| {
                let unit = labels::unit_name(code);
                t_string!(i18n, finder.using_unit, unit = unit)
            })
        }
    };

    view! {
        <div class="location-bar">
            {move || match origin_text() {
                Some(text) => view! {
                    <p class="origin" data-origin="on">
                        <span>{text}</span>
                        <a class="button secondary small" href=clear_href>{t!(i18n, finder.clear_location)}</a>
                    </p>
                }
                .into_any(),
                None => view! {
                    <button type="button" class="button secondary near-me" on:click=locate.clone() disabled=move || state.get() == Locating::Asking>
                        {move || if state.get() == Locating::Asking {
                            t_string!(i18n, finder.locating).to_string()
                        } else {
                            t_string!(i18n, finder.near_me).to_string()
                        }}
                    </button>
                }
                .into_any(),
            }}
            <Show when=move || state.get() == Locating::Failed>
                <div class="notice" role="status">
                    <p>{t!(i18n, finder.location_denied)}</p>
                    <label for="f-from" class="visually-hidden">{t!(i18n, finder.from_label)}</label>
                    <select id="f-from" on:change=pick_unit.clone()>
                        <option value="">{t!(i18n, finder.from_none)}</option>
                        {UNITS.iter().map(|u| view! { <option value=u.code.to_string()>{u.full_name()}</option> }).collect_view()}
                    </select>
                </div>
            </Show>
        </div>
    }
}

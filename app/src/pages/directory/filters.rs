//! The finder's filter form. Without JavaScript it is a plain GET form; after hydration it
//! navigates in place, drops empty fields from the URL and applies a changed select at once.

use leptos::prelude::*;

use crate::domain::district::UNITS;
use crate::domain::facility::{FacilityKind, Grade, ServiceType};
use crate::domain::finder::{FinderParams, SortOrder, DISTANCE_CHOICES_KM};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

#[component]
pub fn Filters(params: Memo<FinderParams>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = leptos_router::hooks::use_navigate();
    let value = move |key: &'static str| params.read().get(key).unwrap_or_default().to_string();
    let is = move |key: &'static str, expected: &str| params.read().get(key).unwrap_or_default() == expected;
    let advanced_open = move || {
        ["birth", "service", "kind", "grade", "fee_min", "fee_max", "inclusive", "vacant", "rated", "within"]
            .iter()
            .any(|key| !value(key).is_empty())
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            if let Some(params) = form_params(&ev) {
                navigate(&super::finder::finder_href(&params), Default::default());
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &navigate);
    };

    let select_option = move |key: &'static str, code: String, label: String| {
        let selected = {
            let code = code.clone();
            move || is(key, &code)
        };
        view! { <option value=code selected=selected>{label}</option> }
    };

    view! {
        <form class="filters" method="get" action="/facilities" on:submit=on_submit on:change=submit_on_change>
            <input type="hidden" name="view" value=move || value("view")/>
            <input type="hidden" name="near" value=move || value("near")/>
            <input type="hidden" name="from" value=move || value("from")/>
            <div class="field field-search">
                <label for="f-q">{t!(i18n, finder.search_label)}</label>
                <input id="f-q" type="search" name="q" maxlength="40" autocomplete="off" data-live="false"
                    placeholder=move || t_string!(i18n, finder.search_placeholder).to_string()
                    value=move || value("q") prop:value=move || value("q")/>
            </div>
            <div class="field-row">
            <div class="field">
                <label for="f-street">{t!(i18n, finder.street_label)}</label>
                <select id="f-street" name="street" prop:value=move || value("street")>
                    <option value="" selected=move || value("street").is_empty()>{t!(i18n, finder.all_streets)}</option>
                    {UNITS.iter().map(|u| select_option("street", u.code.to_string(), u.full_name())).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-sort">{t!(i18n, finder.sort_label)}</label>
                <select id="f-sort" name="sort" prop:value=move || value("sort")>
                    {move || {
                        [
                            (SortOrder::Default, t_string!(i18n, finder.sort_default).to_string()),
                            (SortOrder::Distance, t_string!(i18n, finder.sort_distance).to_string()),
                            (SortOrder::Fee, t_string!(i18n, finder.sort_fee).to_string()),
                            (SortOrder::Vacancy, t_string!(i18n, finder.sort_vacancy).to_string()),
                            (SortOrder::Rating, t_string!(i18n, finder.sort_rating).to_string()),
                        ]
                        .into_iter()
                        .map(|(sort, label)| {
                            let code = if sort == SortOrder::Default { String::new() } else { sort.code().to_string() };
                            select_option("sort", code, label)
                        })
                        .collect_view()
                    }}
                </select>
            </div>
            </div>
            <details class="more-filters" open=advanced_open>
                <summary>{t!(i18n, finder.more_filters)}</summary>
                <div class="field-row">
                    <div class="field">
                        <label for="f-birth">{t!(i18n, finder.birth_label)}</label>
                        <input id="f-birth" type="month" name="birth" value=move || value("birth") prop:value=move || value("birth")/>
                    </div>
                    <div class="field">
                        <label for="f-start">{t!(i18n, finder.start_label)}</label>
                        <input id="f-start" type="month" name="start" value=move || value("start") prop:value=move || value("start")/>
                    </div>
                </div>
                <p class="hint">{t!(i18n, finder.age_hint)}</p>
                <div class="field-row">
                    <div class="field">
                        <label for="f-service">{t!(i18n, finder.service_label)}</label>
                        <select id="f-service" name="service" prop:value=move || value("service")>
                            <option value="">{t!(i18n, finder.any_service)}</option>
                            {move || ServiceType::ALL.iter().map(|s| select_option("service", s.code().to_string(), labels::service_type(i18n.get_locale(), *s))).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-kind">{t!(i18n, finder.kind_label)}</label>
                        <select id="f-kind" name="kind" prop:value=move || value("kind")>
                            <option value="">{t!(i18n, finder.any_kind)}</option>
                            {move || FacilityKind::ALL.iter().map(|k| select_option("kind", k.code().to_string(), labels::facility_kind(i18n.get_locale(), *k))).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="f-grade">{t!(i18n, finder.grade_label)}</label>
                        <select id="f-grade" name="grade" prop:value=move || value("grade")>
                            <option value="">{t!(i18n, finder.any_grade)}</option>
                            {move || [Grade::One, Grade::Two, Grade::Three].iter().map(|g| {
                                let grade = labels::grade(i18n.get_locale(), *g);
                                let label = if *g == Grade::One { grade } else { t_string!(i18n, finder.grade_at_least, grade = grade) };
                                select_option("grade", g.code().to_string(), label)
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-within">{t!(i18n, finder.within_label)}</label>
                        <select id="f-within" name="within" prop:value=move || value("within")>
                            <option value="">{t!(i18n, finder.any_distance)}</option>
                            {move || DISTANCE_CHOICES_KM.iter().map(|km| {
                                let label = t_string!(i18n, common.km, km = km);
                                select_option("within", km.to_string(), label)
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <fieldset class="field fee-range">
                    <legend>{t!(i18n, finder.fee_label)}</legend>
                    <input type="number" name="fee_min" min="0" step="100" inputmode="numeric" aria-label=move || t_string!(i18n, fields.fee_min).to_string()
                        placeholder=move || t_string!(i18n, finder.fee_min_placeholder).to_string()
                        value=move || value("fee_min") prop:value=move || value("fee_min")/>
                    <span aria-hidden="true">"–"</span>
                    <input type="number" name="fee_max" min="0" step="100" inputmode="numeric" aria-label=move || t_string!(i18n, fields.fee_max).to_string()
                        placeholder=move || t_string!(i18n, finder.fee_max_placeholder).to_string()
                        value=move || value("fee_max") prop:value=move || value("fee_max")/>
                </fieldset>
                <label class="check">
                    <input type="checkbox" name="inclusive" value="1" checked=move || is("inclusive", "1") prop:checked=move || is("inclusive", "1")/>
                    {t!(i18n, finder.inclusive_only)}
                </label>
                <label class="check">
                    <input type="checkbox" name="vacant" value="1" checked=move || is("vacant", "1") prop:checked=move || is("vacant", "1")/>
                    {t!(i18n, finder.vacant_only)}
                </label>
                <label class="check">
                    <input type="checkbox" name="rated" value="1" checked=move || is("rated", "1") prop:checked=move || is("rated", "1")/>
                    {t!(i18n, finder.rated_only)}
                </label>
            </details>
            <div class="form-actions">
                <button type="submit">{t!(i18n, finder.apply)}</button>
                <a class="button secondary" href="/facilities">{t!(i18n, finder.reset)}</a>
            </div>
        </form>
    }
}

/// The form's non-empty fields as finder parameters (a new search starts at page 1).
#[cfg(feature = "hydrate")]
fn form_params(ev: &leptos::ev::SubmitEvent) -> Option<FinderParams> {
    use wasm_bindgen::JsCast;
    let form = ev.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let mut pairs = Vec::new();
    for key in crate::domain::finder::PARAM_NAMES {
        if let Some(value) = data.get(key).as_string() {
            let value = value.trim().to_string();
            if !value.is_empty() {
                pairs.push((*key, value));
            }
        }
    }
    Some(FinderParams::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str()))))
}

/// Applies a changed select or checkbox at once; text fields wait for the button or Enter.
fn submit_on_change(_event: leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(target) = _event.target() else { return };
        let is_text = target.dyn_ref::<web_sys::HtmlInputElement>().map(|i| matches!(i.type_().as_str(), "search" | "text" | "number" | "month")).unwrap_or(false);
        if is_text {
            return;
        }
        if let Some(form) = _event.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) {
            let _ = form.request_submit();
        }
    }
}

//! The facility's facts in a filing: the form the filer fills, and the same facts read-only
//! (for the reviewer, and for the filer once submitted).

use leptos::prelude::*;

use crate::api::filing::FilingView;
use crate::components::{new_operation_id, FieldError, FormError};
use crate::domain::district::UNITS;
use crate::domain::facility::{ClassLevel, FacilityKind, Ownership, ServiceType};
use crate::domain::filing::facts::{ClassInput, FactsInput};
use crate::error::AppError;
use crate::i18n::{t, use_i18n};
use crate::labels;

pub type SaveFactsAction = Action<(String, i64, FactsInput), Result<(), AppError>>;

/// The capacity typed for `level`, empty when the class is not run.
fn capacity_of(facts: &FactsInput, level: ClassLevel) -> String {
    facts.classes.iter().find(|c| c.level == level.code()).map(|c| c.capacity.clone()).unwrap_or_default()
}

#[component]
pub fn FactsForm(filing: FilingView, save: SaveFactsAction) -> impl IntoView {
    let i18n = use_i18n();
    let facts = filing.facts.clone().unwrap_or_default();
    let stored_id = filing.facts.as_ref().map(|f| f.legal_rep_id.clone()).filter(|id| !id.is_empty());
    let name = RwSignal::new(facts.name.clone());
    let kind = RwSignal::new(facts.kind.clone());
    let ownership = RwSignal::new(facts.ownership.clone());
    let inclusive = RwSignal::new(facts.inclusive);
    let unit_code = RwSignal::new(facts.unit_code.clone());
    let address = RwSignal::new(facts.address.clone());
    let lon = RwSignal::new(facts.lon.clone());
    let lat = RwSignal::new(facts.lat.clone());
    let phone = RwSignal::new(facts.phone.clone());
    let opening_hours = RwSignal::new(facts.opening_hours.clone());
    let services: Vec<(ServiceType, RwSignal<bool>)> =
        ServiceType::ALL.iter().map(|s| (*s, RwSignal::new(facts.service_types.iter().any(|c| c == s.code())))).collect();
    let capacities: Vec<(ClassLevel, RwSignal<String>)> = ClassLevel::ALL.iter().map(|l| (*l, RwSignal::new(capacity_of(&facts, *l)))).collect();
    let serves_meals = RwSignal::new(facts.serves_meals);
    let legal_rep_name = RwSignal::new(facts.legal_rep_name.clone());
    // The stored ID number is only ever shown masked; the field starts empty and keeps it.
    let legal_rep_id = RwSignal::new(String::new());
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let filing_id = filing.id;
    let (services_form, capacities_form) = (services.clone(), capacities.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = FactsInput {
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            ownership: ownership.get_untracked(),
            inclusive: inclusive.get_untracked(),
            unit_code: unit_code.get_untracked(),
            address: address.get_untracked(),
            lon: lon.get_untracked(),
            lat: lat.get_untracked(),
            phone: phone.get_untracked(),
            opening_hours: opening_hours.get_untracked(),
            service_types: services_form.iter().filter(|(_, on)| on.get_untracked()).map(|(s, _)| s.code().to_string()).collect(),
            classes: capacities_form
                .iter()
                .filter(|(_, c)| !matches!(c.get_untracked().trim(), "" | "0"))
                .map(|(l, c)| ClassInput { level: l.code().into(), capacity: c.get_untracked() })
                .collect(),
            serves_meals: serves_meals.get_untracked(),
            legal_rep_name: legal_rep_name.get_untracked(),
            legal_rep_id: legal_rep_id.get_untracked(),
        };
        save.dispatch((new_operation_id(), filing_id, input));
    };
    let text_field = move |id: &'static str, label: AnyView, value: RwSignal<String>, max: &'static str, hint: Option<AnyView>| {
        view! {
            <div class="field">
                <label for=format!("facts-{id}")>{label}</label>
                <input id=format!("facts-{id}") name=id type="text" maxlength=max bind:value=value/>
                {hint.map(|h| view! { <p class="hint">{h}</p> })}
                <FieldError error field=id/>
            </div>
        }
    };
    view! {
        <form class="stack facts-form" data-testid="facts-form" on:submit=submit>
            {text_field("name", t!(i18n, filings.name).into_any(), name, "50", None)}
            <div class="field">
                <label for="facts-kind">{t!(i18n, filings.kind)}</label>
                <select id="facts-kind" name="kind" bind:value=kind>
                    <option value="">{t!(i18n, filings.choose)}</option>
                    {FacilityKind::ALL.iter().map(|k| {
                        let k = *k;
                        view! { <option value=k.code()>{move || labels::facility_kind(i18n.get_locale(), k)}</option> }
                    }).collect_view()}
                </select>
                <FieldError error field="kind"/>
            </div>
            <div class="field">
                <label for="facts-ownership">{t!(i18n, filings.ownership)}</label>
                <select id="facts-ownership" name="ownership" bind:value=ownership>
                    <option value="">{t!(i18n, filings.choose)}</option>
                    {Ownership::ALL.iter().map(|o| {
                        let o = *o;
                        view! { <option value=o.code()>{move || labels::ownership(i18n.get_locale(), o)}</option> }
                    }).collect_view()}
                </select>
                <FieldError error field="ownership"/>
            </div>
            <label class="check"><input type="checkbox" name="inclusive" bind:checked=inclusive/>{t!(i18n, filings.inclusive)}</label>
            <div class="field">
                <label for="facts-unit">{t!(i18n, filings.unit_code)}</label>
                <select id="facts-unit" name="unit_code" bind:value=unit_code>
                    <option value="">{t!(i18n, filings.choose)}</option>
                    {UNITS.iter().map(|u| view! { <option value=u.code.to_string()>{u.full_name()}</option> }).collect_view()}
                </select>
                <FieldError error field="unit_code"/>
            </div>
            {text_field("address", t!(i18n, filings.address).into_any(), address, "100", None)}
            <fieldset class="field">
                <legend>{t!(i18n, filings.lon)}" / "{t!(i18n, filings.lat)}</legend>
                <div class="pair">
                    <input name="lon" type="text" inputmode="decimal" aria-label=move || crate::i18n::t_string!(i18n, filings.lon).to_string() maxlength="14" bind:value=lon/>
                    <input name="lat" type="text" inputmode="decimal" aria-label=move || crate::i18n::t_string!(i18n, filings.lat).to_string() maxlength="14" bind:value=lat/>
                </div>
                <p class="hint">{t!(i18n, filings.location_hint)}</p>
                <FieldError error field="location"/>
            </fieldset>
            {text_field("phone", t!(i18n, filings.phone).into_any(), phone, "20", None)}
            {text_field("opening_hours", t!(i18n, filings.opening_hours).into_any(), opening_hours, "40", Some(t!(i18n, filings.opening_hint).into_any()))}
            <fieldset class="field">
                <legend>{t!(i18n, filings.service_types)}</legend>
                {services.into_iter().map(|(s, on)| view! {
                    <label class="check"><input type="checkbox" name="service_types" value=s.code() bind:checked=on/>{move || labels::service_type(i18n.get_locale(), s)}</label>
                }).collect_view()}
                <FieldError error field="service_types"/>
            </fieldset>
            <fieldset class="field">
                <legend>{t!(i18n, filings.classes)}</legend>
                {capacities.into_iter().map(|(level, value)| {
                    let id = format!("facts-class-{}", level.code());
                    view! {
                        <div class="field">
                            <label for=id.clone()>{move || {
                                let class = labels::class_level(i18n.get_locale(), level);
                                crate::i18n::td_string!(i18n.get_locale(), filings.class_capacity, class = class, max = level.max_class_size())
                            }}</label>
                            <input id=id name=format!("class_{}", level.code()) type="number" min="0" max=level.max_class_size() inputmode="numeric" bind:value=value/>
                        </div>
                    }
                }).collect_view()}
                <FieldError error field="classes"/>
            </fieldset>
            <label class="check"><input type="checkbox" name="serves_meals" bind:checked=serves_meals/>{t!(i18n, filings.serves_meals)}</label>
            {text_field("legal_rep_name", t!(i18n, filings.legal_rep_name).into_any(), legal_rep_name, "20", None)}
            <div class="field">
                <label for="facts-legal_rep_id">{t!(i18n, filings.legal_rep_id)}</label>
                <input id="facts-legal_rep_id" name="legal_rep_id" type="text" autocomplete="off" maxlength="18" bind:value=legal_rep_id/>
                {stored_id.map(|masked| view! { <p class="hint">{crate::i18n::td_string!(i18n.get_locale_untracked(), filings.legal_rep_id_kept, masked = masked)}</p> })}
                <FieldError error field="legal_rep_id"/>
            </div>
            <FormError error/>
            <button type="submit" disabled=move || save.pending().get()>{t!(i18n, filings.save)}</button>
            {move || matches!(save.value().get(), Some(Ok(()))).then(|| view! { <p class="notice" role="status">{t!(i18n, filings.saved)}</p> })}
        </form>
    }
}

/// The facts as a list (legal representative's ID number masked).
#[component]
pub fn FactsSummary(facts: FactsInput) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let kind = FacilityKind::from_code(&facts.kind).map(|k| labels::facility_kind(locale, k)).unwrap_or_default();
    let ownership = Ownership::from_code(&facts.ownership).map(|o| labels::ownership(locale, o)).unwrap_or_default();
    let unit = facts.unit_code.parse().map(labels::unit_name).unwrap_or_default();
    let services: Vec<String> = facts.service_types.iter().filter_map(|c| ServiceType::from_code(c)).map(|s| labels::service_type(locale, s)).collect();
    let classes: Vec<String> = facts
        .classes
        .iter()
        .filter_map(|c| Some(format!("{} {}", labels::class_level(locale, ClassLevel::from_code(&c.level)?), c.capacity)))
        .collect();
    view! {
        <dl class="facts" data-testid="facts-summary">
            <dt>{t!(i18n, filings.name)}</dt><dd>{facts.name.clone()}</dd>
            <dt>{t!(i18n, filings.kind)}</dt><dd>{kind}" · "{ownership}{facts.inclusive.then(|| view! { " · "{t!(i18n, filings.inclusive)} })}</dd>
            <dt>{t!(i18n, filings.address)}</dt><dd>{unit}" "{facts.address.clone()}" ("{facts.lon.clone()}", "{facts.lat.clone()}")"</dd>
            <dt>{t!(i18n, filings.phone)}</dt><dd>{facts.phone.clone()}</dd>
            <dt>{t!(i18n, filings.opening_hours)}</dt><dd>{facts.opening_hours.clone()}</dd>
            <dt>{t!(i18n, filings.service_types)}</dt><dd>{services.join("、")}</dd>
            <dt>{t!(i18n, filings.classes)}</dt><dd>{classes.join("；")}</dd>
            <dt>{t!(i18n, filings.meals)}</dt><dd>{if facts.serves_meals { "✓" } else { "—" }}</dd>
            <dt>{t!(i18n, filings.legal_rep_name)}</dt><dd>{facts.legal_rep_name.clone()}" · "{facts.legal_rep_id.clone()}</dd>
        </dl>
    }
}

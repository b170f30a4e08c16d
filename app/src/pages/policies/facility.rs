//! `/policies/facility-calculator`: a facility's situation → the opening grant in two yearly
//! halves, the operating and rent subsidies, the model-unit awards, and what a price breach
//! takes away; each line with its rule, or why it is 0.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{CheckBox, Lines};
use crate::api::policies::{calculate_facility, FacilityAnswer, FacilityInput};
use crate::components::ErrorNotice;
use crate::domain::facility::{Grade, Ownership};
use crate::domain::policy::money::Fen;
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use crate::labels;

fn grade_label(locale: Locale, grade: Grade) -> String {
    match grade {
        Grade::One => td_string!(locale, policies.grade_1),
        Grade::Two => td_string!(locale, policies.grade_2),
        Grade::Three => td_string!(locale, policies.grade_3),
        Grade::Ungraded => td_string!(locale, policies.grade_none),
    }
    .to_string()
}

#[component]
pub fn FacilityCalculatorPage() -> impl IntoView {
    let i18n = use_i18n();
    let flags: [RwSignal<bool>; 6] = std::array::from_fn(|_| RwSignal::new(false));
    let [inclusive, filed, housing, national, municipal, breach] = flags;
    inclusive.set(true);
    filed.set(true);
    let grade = RwSignal::new(Grade::Three.code().to_string());
    let ownership = RwSignal::new(Ownership::Private.code().to_string());
    let numbers: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [places, infant, toddler, older, rent] = numbers;
    let answer = RwSignal::new(None::<Result<FacilityAnswer, AppError>>);
    let whole = |s: RwSignal<String>| s.get_untracked().trim().parse::<u32>().unwrap_or(0);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = FacilityInput {
            inclusive: inclusive.get_untracked(),
            filed: filed.get_untracked(),
            grade: grade.get_untracked(),
            ownership: ownership.get_untracked(),
            housing_supported: housing.get_untracked(),
            filed_places: whole(places),
            enrolled_infant: whole(infant),
            enrolled_toddler: whole(toddler),
            enrolled_older: whole(older),
            rent_per_m2: rent.get_untracked(),
            national_model: national.get_untracked(),
            municipal_model: municipal.get_untracked(),
            price_breach: breach.get_untracked(),
        };
        leptos::task::spawn_local(async move { answer.set(Some(calculate_facility(input).await)) });
    };
    let locale = i18n.get_locale_untracked();
    let number = move |label: String, value: RwSignal<String>, id: &'static str, mode: &'static str| {
        view! {
            <label for=id>{label}</label>
            <input id=id type="text" inputmode=mode prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
    };
    view! {
        <Title text=labels::page_title(locale, td_string!(locale, policies.facility_title))/>
        <p><a href="/policies">{t!(i18n, policies.back)}</a></p>
        <h1>{t!(i18n, policies.facility_heading)}</h1>
        <p class="lead">{t!(i18n, policies.facility_lead)}</p>
        <form class="ask-form calculator" on:submit=send data-testid="facility-calculator">
            <CheckBox id="calc-inclusive" label=td_string!(locale, policies.inclusive).to_string() value=inclusive/>
            <CheckBox id="calc-filed" label=td_string!(locale, policies.filed).to_string() value=filed/>
            <label for="calc-grade">{t!(i18n, policies.grade)}</label>
            <select id="calc-grade" on:change=move |ev| grade.set(event_target_value(&ev)) prop:value=move || grade.get()>
                {Grade::ALL.iter().map(|g| view! { <option value=g.code()>{grade_label(locale, *g)}</option> }).collect_view()}
            </select>
            <label for="calc-ownership">{t!(i18n, policies.ownership)}</label>
            <select id="calc-ownership" on:change=move |ev| ownership.set(event_target_value(&ev)) prop:value=move || ownership.get()>
                {Ownership::ALL.iter().map(|o| view! { <option value=o.code()>{labels::ownership(locale, *o)}</option> }).collect_view()}
            </select>
            <CheckBox id="calc-housing" label=td_string!(locale, policies.housing).to_string() value=housing/>
            {number(td_string!(locale, policies.filed_places).to_string(), places, "calc-places", "numeric")}
            {number(td_string!(locale, policies.enrolled_infant).to_string(), infant, "calc-infant", "numeric")}
            {number(td_string!(locale, policies.enrolled_toddler).to_string(), toddler, "calc-toddler", "numeric")}
            {number(td_string!(locale, policies.enrolled_older).to_string(), older, "calc-older", "numeric")}
            {number(td_string!(locale, policies.rent).to_string(), rent, "calc-rent", "decimal")}
            <CheckBox id="calc-national" label=td_string!(locale, policies.national_model).to_string() value=national/>
            <CheckBox id="calc-municipal" label=td_string!(locale, policies.municipal_model).to_string() value=municipal/>
            <CheckBox id="calc-breach" label=td_string!(locale, policies.price_breach).to_string() value=breach/>
            <button type="submit" class="button wide">{t!(i18n, policies.calculate)}</button>
        </form>
        {move || answer.get().map(|result| match result {
            Ok(answer) => view! { <FacilityResult answer/> }.into_any(),
            Err(error) => view! { <ErrorNotice error/> }.into_any(),
        })}
    }
}

#[component]
fn FacilityResult(answer: FacilityAnswer) -> impl IntoView {
    let i18n = use_i18n();
    let (first, second, total, occupancy) = (answer.first_year_fen, answer.second_year_fen, answer.total_fen, answer.occupancy_per_mille);
    let amount = |fen: i64| Fen(fen).to_yuan_string();
    view! {
        <section class="calc-result" aria-labelledby="calc-result" data-testid="calc-result">
            <h2 id="calc-result">{t!(i18n, policies.result)}</h2>
            <p class="muted">{move || t_string!(i18n, policies.occupancy, percent = format!("{}.{}", occupancy / 10, occupancy % 10)).to_string()}</p>
            <p class="calc-total" data-testid="first-year" data-fen=first>{move || t_string!(i18n, policies.first_year, amount = amount(first)).to_string()}</p>
            <p class="calc-total" data-testid="second-year" data-fen=second>{move || t_string!(i18n, policies.second_year, amount = amount(second)).to_string()}</p>
            <p class="calc-total" data-testid="total" data-fen=total><strong>{move || t_string!(i18n, policies.total, amount = amount(total)).to_string()}</strong></p>
            <Lines lines=answer.lines/>
            <p class="hint">{t!(i18n, policies.estimate_note)}</p>
        </section>
    }
}

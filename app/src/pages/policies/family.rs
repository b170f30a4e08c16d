//! `/policies/family-calculator`: the children's birth dates (a signed-in parent's children
//! under 3 filled in), registration, hardship, 普惠 facility and income → each year's childcare
//! subsidy, the hardship aid, the tax deduction and what it saves, each with its rule.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{CheckBox, Lines};
use crate::api::account::fetch_my_account;
use crate::api::policies::{calculate_family, FamilyAnswer, FamilyInput};
use crate::components::ErrorNotice;
use crate::domain::policy::family::{Hardship, MAX_CHILDREN};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use crate::labels;

fn hardship_label(locale: Locale, hardship: Hardship) -> String {
    match hardship {
        Hardship::LowIncome => td_string!(locale, policies.hardship_low_income),
        Hardship::Orphan => td_string!(locale, policies.hardship_orphan),
        Hardship::Disabled => td_string!(locale, policies.hardship_disabled),
        Hardship::FamilyPlanningSpecial => td_string!(locale, policies.hardship_family_planning_special),
    }
    .to_string()
}

#[component]
pub fn FamilyCalculatorPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = Resource::new(|| (), |_| fetch_my_account());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), policies.family_title))/>
        <p><a href="/policies">{t!(i18n, policies.back)}</a></p>
        <h1>{t!(i18n, policies.family_heading)}</h1>
        <p class="lead">{t!(i18n, policies.family_lead)}</p>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                // The signed-in parent's children, as they are on record; anyone else types.
                let births: Vec<String> = account.await.ok().flatten().map(|a| a.children.into_iter().map(|c| c.birth_date).collect()).unwrap_or_default();
                view! { <Form births/> }
            })}
        </Transition>
    }
}

#[component]
fn Form(births: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let births = RwSignal::new(if births.is_empty() { vec![String::new()] } else { births.into_iter().take(MAX_CHILDREN).collect() });
    let chongqing = RwSignal::new(true);
    let hardship = RwSignal::new(String::new());
    let inclusive = RwSignal::new(false);
    let split = RwSignal::new("one_parent".to_string());
    let income = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<Result<FamilyAnswer, AppError>>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = FamilyInput {
            children: births.get_untracked(),
            chongqing_registered: chongqing.get_untracked(),
            hardship: Some(hardship.get_untracked()).filter(|h| !h.is_empty()),
            inclusive_facility: inclusive.get_untracked(),
            split: Some(split.get_untracked()),
            monthly_taxable_income: Some(income.get_untracked()).filter(|m| !m.trim().is_empty()),
        };
        leptos::task::spawn_local(async move { answer.set(Some(calculate_family(input).await)) });
    };
    let locale = i18n.get_locale_untracked();
    view! {
        <form class="ask-form calculator" on:submit=send data-testid="family-calculator">
            {move || births.get().into_iter().enumerate().map(|(i, birth)| {
                let id = format!("child-birth-{i}");
                view! {
                    <label for=id.clone()>{move || t_string!(i18n, policies.child_birth, n = i + 1).to_string()}</label>
                    <div class="row">
                        <input id=id type="date" prop:value=birth on:change=move |ev| births.update(|b| b[i] = event_target_value(&ev))/>
                        {(i > 0).then(|| view! { <button type="button" class="secondary" on:click=move |_| births.update(|b| { b.remove(i); })>{t!(i18n, policies.remove_child)}</button> })}
                    </div>
                }
            }).collect_view()}
            <button type="button" class="secondary" disabled=move || births.with(|b| b.len() >= MAX_CHILDREN) on:click=move |_| births.update(|b| b.push(String::new()))>{t!(i18n, policies.add_child)}</button>
            <CheckBox id="calc-chongqing" label=td_string!(locale, policies.chongqing).to_string() value=chongqing/>
            <label for="calc-hardship">{t!(i18n, policies.hardship)}</label>
            <select id="calc-hardship" on:change=move |ev| hardship.set(event_target_value(&ev))>
                <option value="">{t!(i18n, policies.hardship_none)}</option>
                {Hardship::ALL.iter().map(|h| view! { <option value=h.code()>{hardship_label(locale, *h)}</option> }).collect_view()}
            </select>
            <CheckBox id="calc-inclusive" label=td_string!(locale, policies.inclusive_facility).to_string() value=inclusive/>
            <label for="calc-split">{t!(i18n, policies.split)}</label>
            <select id="calc-split" on:change=move |ev| split.set(event_target_value(&ev))>
                <option value="one_parent">{t!(i18n, policies.split_one_parent)}</option>
                <option value="halves">{t!(i18n, policies.split_halves)}</option>
            </select>
            <label for="calc-income">{t!(i18n, policies.income)}</label>
            <p class="hint">{t!(i18n, policies.income_hint)}</p>
            <input id="calc-income" type="text" inputmode="decimal" prop:value=move || income.get() on:input=move |ev| income.set(event_target_value(&ev))/>
            <button type="submit" class="button wide">{t!(i18n, policies.calculate)}</button>
        </form>
        {move || answer.get().map(|result| match result {
            Ok(answer) => view! { <FamilyResult answer/> }.into_any(),
            Err(error) => view! { <ErrorNotice error/> }.into_any(),
        })}
    }
}

#[component]
fn FamilyResult(answer: FamilyAnswer) -> impl IntoView {
    let i18n = use_i18n();
    let (received, saved, rate) = (answer.total_received_fen, answer.total_tax_saved_fen, answer.marginal_rate_percent);
    view! {
        <section class="calc-result" aria-labelledby="calc-result" data-testid="calc-result">
            <h2 id="calc-result">{t!(i18n, policies.result)}</h2>
            <p class="calc-total" data-testid="total-received" data-fen=received>
                {move || t_string!(i18n, policies.total_received, amount = crate::domain::policy::money::Fen(received).to_yuan_string()).to_string()}
            </p>
            {rate.map(|rate| view! {
                <p class="calc-total" data-testid="total-saved" data-fen=saved>
                    {move || t_string!(i18n, policies.total_saved, amount = crate::domain::policy::money::Fen(saved).to_yuan_string(), rate = rate).to_string()}
                </p>
                <p class="hint">{t!(i18n, policies.tax_table)}</p>
            })}
            <Lines lines=answer.lines/>
            <p class="hint">{t!(i18n, policies.month_note)}</p>
            <p class="hint">{t!(i18n, policies.estimate_note)}</p>
        </section>
    }
}

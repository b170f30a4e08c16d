//! Entering and correcting a child's profile. The stored ID number never comes back to the
//! browser: the form shows it masked and an empty field keeps it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::account::{add_child, fetch_child, update_child, ChildView};
use crate::components::{ErrorNotice, FieldError, FormError};
use crate::domain::account::child::{ChildInput, Relation, Sex};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use crate::labels;

pub fn sex_label(locale: Locale, sex: Sex) -> String {
    match sex {
        Sex::Female => td_string!(locale, child.female),
        Sex::Male => td_string!(locale, child.male),
    }
    .to_string()
}

pub fn relation_label(locale: Locale, relation: Relation) -> String {
    match relation {
        Relation::Mother => td_string!(locale, child.mother),
        Relation::Father => td_string!(locale, child.father),
        Relation::Grandparent => td_string!(locale, child.grandparent),
        Relation::OtherGuardian => td_string!(locale, child.guardian),
    }
    .to_string()
}

#[component]
pub fn ChildNewPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), child.title_new))/>
        <section class="narrow">
            <h1>{t!(i18n, child.title_new)}</h1>
            <ChildForm existing=None/>
        </section>
    }
}

#[component]
pub fn ChildEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let child = Resource::new(move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0), fetch_child);
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), child.title_edit))/>
        <section class="narrow">
            <h1>{t!(i18n, child.title_edit)}</h1>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match child.await {
                        Ok(existing) => view! { <ChildForm existing=Some(existing)/> }.into_any(),
                        Err(AppError::NotFound) => view! { <crate::components::NotFound/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ChildForm(existing: Option<ChildView>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let id = existing.as_ref().map(|c| c.id);
    let name = RwSignal::new(existing.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let birth_date = RwSignal::new(existing.as_ref().map(|c| c.birth_date.clone()).unwrap_or_default());
    let sex = RwSignal::new(existing.as_ref().map(|c| c.sex.code().to_string()).unwrap_or_default());
    let relation = RwSignal::new(existing.as_ref().map(|c| c.relation.code().to_string()).unwrap_or_default());
    let id_number = RwSignal::new(String::new());
    let masked_id = existing.as_ref().and_then(|c| c.id_masked.clone());
    let save = Action::new(move |input: &ChildInput| {
        let input = input.clone();
        async move {
            match id {
                Some(id) => update_child(id, input).await,
                None => add_child(input).await,
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            navigate("/me", Default::default());
        }
    });
    let error = move || save.value().get().and_then(|r| r.err());

    view! {
        <form class="stack child-form" on:submit=move |ev| {
            ev.prevent_default();
            save.dispatch(ChildInput {
                name: name.get_untracked(),
                birth_date: birth_date.get_untracked(),
                sex: sex.get_untracked(),
                relation: relation.get_untracked(),
                id_number: Some(id_number.get_untracked()).filter(|v| !v.trim().is_empty()),
            });
        }>
            <div class="field">
                <label for="child-name">{t!(i18n, child.name)}</label>
                <input id="child-name" type="text" maxlength="40" autocomplete="off" bind:value=name/>
                <FieldError error=Signal::derive(error) field="name"/>
            </div>
            <div class="field">
                <label for="child-birth">{t!(i18n, child.birth_date)}</label>
                <input id="child-birth" type="date" bind:value=birth_date/>
                <FieldError error=Signal::derive(error) field="birth_date"/>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="child-sex">{t!(i18n, child.sex)}</label>
                    <select id="child-sex" bind:value=sex>
                        <option value="">{t!(i18n, child.choose)}</option>
                        {move || Sex::ALL.iter().map(|s| view! { <option value=s.code()>{sex_label(i18n.get_locale(), *s)}</option> }).collect_view()}
                    </select>
                    <FieldError error=Signal::derive(error) field="sex"/>
                </div>
                <div class="field">
                    <label for="child-relation">{t!(i18n, child.relation)}</label>
                    <select id="child-relation" bind:value=relation>
                        <option value="">{t!(i18n, child.choose)}</option>
                        {move || Relation::ALL.iter().map(|r| view! { <option value=r.code()>{relation_label(i18n.get_locale(), *r)}</option> }).collect_view()}
                    </select>
                    <FieldError error=Signal::derive(error) field="relation"/>
                </div>
            </div>
            <div class="field">
                <label for="child-id">{t!(i18n, child.id_number)}</label>
                <input id="child-id" type="text" inputmode="text" maxlength="18" autocomplete="off" bind:value=id_number/>
                <p class="hint">
                    {match masked_id.clone() {
                        Some(masked) => view! { {move || t_string!(i18n, child.id_keep, id = masked.clone())} }.into_any(),
                        None => view! { {t!(i18n, child.id_hint)} }.into_any(),
                    }}
                </p>
                <FieldError error=Signal::derive(error) field="id_number"/>
            </div>
            <FormError error=Signal::derive(error)/>
            <p class="actions left">
                <button type="submit" disabled=move || save.pending().get()>{t!(i18n, child.save)}</button>
                <a class="button secondary" href="/me">{t!(i18n, child.cancel)}</a>
            </p>
        </form>
    }
}

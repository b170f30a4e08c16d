//! The operator's subsidy section (补贴申请): open an application for a kind and year, see the
//! figures the live data gives with the calculator's lines, add rent and contract for the rent
//! subsidy, submit. Each application is one card (`card.rs`).

mod card;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::subsidies::{fetch_operator_subsidies, open_subsidy_application, OperatorSubsidies};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::subsidy::SubsidyKind;
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::labels;
use crate::pages::staff::{OperatorSection, OperatorShell, StaffRefusal};
use card::{ApplicationCard, CardActions};

type SubsidiesResource = Resource<Result<OperatorSubsidies, AppError>>;
type OpenAction = Action<(String, String, i32), Result<i64, AppError>>;

#[component]
pub fn OperatorSubsidiesPage() -> impl IntoView {
    let i18n = use_i18n();
    let data: SubsidiesResource = Resource::new(|| (), |_| fetch_operator_subsidies());
    // The actions belong to the page, so their answers stay on screen after the refetch.
    let open: OpenAction = Action::new(move |(op, kind, year): &(String, String, i32)| open_subsidy_application(op.clone(), kind.clone(), *year));
    let actions = CardActions::new();
    Effect::new(move |_| {
        let opened = open.value().get();
        if matches!(opened, Some(Ok(_))) || actions.any_succeeded() {
            data.refetch();
        }
    });
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), subsidies.title))/>
        <OperatorShell current=OperatorSection::Subsidies>
            <h1>{t!(i18n, subsidies.title)}</h1>
            <p class="lead">{t!(i18n, subsidies.lead)}</p>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <SubsidySection data open actions/> }.into_any(),
                        Err(e) => view! { <StaffRefusal error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </OperatorShell>
    }
}

#[component]
fn SubsidySection(data: OperatorSubsidies, open: OpenAction, actions: CardActions) -> impl IntoView {
    let i18n = use_i18n();
    let applications = data.applications.clone();
    view! {
        <p class="muted">{data.facility_name.clone()}</p>
        {if applications.is_empty() {
            view! { <p class="empty">{t!(i18n, subsidies.none)}</p> }.into_any()
        } else {
            view! {
                <div class="subsidy-list">
                    {applications.into_iter().map(|application| view! { <ApplicationCard application actions/> }).collect_view()}
                </div>
            }
            .into_any()
        }}
        {move || actions.error().map(|e| view! { <ErrorNotice error=e/> })}
        <OpenForm years=data.years open/>
    }
}

/// Kind and year, then "open": the figures appear at once in the new card.
#[component]
fn OpenForm(years: Vec<i32>, open: OpenAction) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(SubsidyKind::Operating.code().to_string());
    let year = RwSignal::new(years.first().map(|y| y.to_string()).unwrap_or_default());
    view! {
        <section class="card form-card" aria-labelledby="open-subsidy-heading">
            <h2 id="open-subsidy-heading">{t!(i18n, subsidies.open_heading)}</h2>
            <form class="stack" data-testid="open-subsidy" on:submit=move |ev| {
                ev.prevent_default();
                // The select only offers valid years; a tampered value is refused by the server.
                let chosen = year.get_untracked().parse().unwrap_or(0);
                open.dispatch((new_operation_id(), kind.get_untracked(), chosen));
            }>
                <div class="field">
                    <label for="subsidy-kind">{t!(i18n, subsidies.kind_label)}</label>
                    <select id="subsidy-kind" bind:value=kind>
                        {SubsidyKind::ALL.iter().map(|k| {
                            let k = *k;
                            view! { <option value=k.code()>{move || labels::subsidies::kind(i18n.get_locale(), k)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="subsidy-year">{t!(i18n, subsidies.year_label)}</label>
                    <select id="subsidy-year" bind:value=year>
                        {years.iter().map(|y| {
                            let y = *y;
                            view! { <option value=y.to_string()>{move || t_string!(i18n, policies.year, year = y).to_string()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" disabled=move || open.pending().get()>{t!(i18n, subsidies.open)}</button>
            </form>
            {move || open.value().get().map(|result| match result {
                Ok(_) => view! { <p class="notice" role="status">{t!(i18n, subsidies.opened)}</p> }.into_any(),
                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
            })}
        </section>
    }
}

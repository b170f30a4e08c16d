//! The operator's fee section: the schedule as families see it, the form that publishes a fee
//! from a day on, and "withdraw" on a fee that has not started. The district's caps are shown
//! to a 普惠 facility beside the form, so a refused amount is never a surprise.

use leptos::prelude::*;
use leptos_meta::Title;

use super::public::{FeeList, PriceCapsNote};
use crate::api::fees::{fetch_operator_fees, publish_fee, withdraw_fee, OperatorFees};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::fees::{FeeInput, FeeKind, FeeUnit, PublishedFee};
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;
use crate::pages::staff::{OperatorSection, OperatorShell, StaffRefusal};

type FeesResource = Resource<Result<OperatorFees, AppError>>;
type PublishAction = Action<(String, FeeInput), Result<i64, AppError>>;
type WithdrawAction = Action<(String, i64), Result<(), AppError>>;

#[component]
pub fn OperatorFeesPage() -> impl IntoView {
    let i18n = use_i18n();
    let fees: FeesResource = Resource::new(|| (), |_| fetch_operator_fees());
    // The actions belong to the page, not to the section the refetch redraws: their answers
    // ("published", a refusal) stay on screen after the schedule is read again.
    let publish: PublishAction = Action::new(move |(op, input): &(String, FeeInput)| publish_fee(op.clone(), input.clone()));
    let withdraw: WithdrawAction = Action::new(move |(op, id): &(String, i64)| withdraw_fee(op.clone(), *id));
    Effect::new(move |_| {
        // Both are read every time (no short-circuit), so the effect follows both actions.
        let (published, withdrawn) = (publish.value().get(), withdraw.value().get());
        if matches!(published, Some(Ok(_))) || matches!(withdrawn, Some(Ok(()))) {
            fees.refetch();
        }
    });
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), fees.heading))/>
        <OperatorShell current=OperatorSection::Fees>
            <h1>{t!(i18n, fees.heading)}</h1>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match fees.await {
                        Ok(o) => view! { <FeeSection data=o publish withdraw/> }.into_any(),
                        Err(e) => view! { <StaffRefusal error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </OperatorShell>
    }
}

#[component]
fn FeeSection(data: OperatorFees, publish: PublishAction, withdraw: WithdrawAction) -> impl IntoView {
    let i18n = use_i18n();
    let schedule = data.fees.schedule.clone();
    let withdraw_button = Callback::new(move |fee: PublishedFee| {
        view! {
            <button type="button" class="secondary small" on:click=move |_| { withdraw.dispatch((new_operation_id(), fee.id)); }>
                {t!(i18n, fees.withdraw)}
            </button>
        }
        .into_any()
    });
    view! {
        <p class="lead">{data.facility_name.clone()}" · "<a href=format!("/facilities/{}#fees-heading", data.facility_id)>{t!(i18n, operator.public_page)}</a></p>
        <h2>{t!(i18n, fees.current)}</h2>
        {if schedule.current.is_empty() {
            view! { <p class="empty">{t!(i18n, fees.none)}</p> }.into_any()
        } else {
            view! { <FeeList fees=schedule.current testid="fees-current"/> }.into_any()
        }}
        {(!schedule.coming.is_empty()).then(|| view! {
            <h2>{t!(i18n, fees.coming)}</h2>
            <FeeList fees=schedule.coming testid="fees-coming" actions=withdraw_button/>
        })}
        {move || withdraw.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorNotice error=e/> })}
        {(!schedule.history.is_empty()).then(|| view! {
            <details class="fee-history">
                <summary>{t!(i18n, fees.history)}</summary>
                <FeeList fees=schedule.history testid="fees-history"/>
            </details>
        })}
        <PublishFeeForm data=data.clone() publish/>
        {data.fees.caps.map(|caps| view! { <PriceCapsNote caps/> })}
    }
}

#[component]
fn PublishFeeForm(data: OperatorFees, publish: PublishAction) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(FeeKind::Care.code().to_string());
    let level = RwSignal::new(data.levels.first().map(|l| l.code().to_string()).unwrap_or_default());
    let service = RwSignal::new(data.services.first().map(|s| s.code().to_string()).unwrap_or_default());
    let name = RwSignal::new(String::new());
    let unit = RwSignal::new(FeeUnit::Month.code().to_string());
    let amount = RwSignal::new(String::new());
    // The first of next month: when prices usually change, and published ahead of it.
    let next_month = crate::domain::calendar::YearMonth::of(data.today).plus_months(1).first_day();
    let applies_from = RwSignal::new(next_month.to_string());
    let (levels, services) = (data.levels.clone(), data.services.clone());
    view! {
        <section class="card form-card" aria-labelledby="publish-fee-heading">
            <h2 id="publish-fee-heading">{t!(i18n, fees.publish_heading)}</h2>
            <p class="hint">{t!(i18n, fees.publish_lead)}</p>
            <form class="stack" data-testid="publish-fee" on:submit=move |ev| {
                ev.prevent_default();
                let input = FeeInput {
                    kind: kind.get_untracked(),
                    level: level.get_untracked(),
                    service: service.get_untracked(),
                    name: name.get_untracked(),
                    unit: unit.get_untracked(),
                    amount: amount.get_untracked(),
                    applies_from: applies_from.get_untracked(),
                };
                publish.dispatch((new_operation_id(), input));
            }>
                <div class="field">
                    <label for="fee-kind">{t!(i18n, fees.field_kind)}</label>
                    <select id="fee-kind" bind:value=kind>
                        {FeeKind::ALL.iter().map(|k| {
                            let k = *k;
                            view! { <option value=k.code()>{move || labels::fees::kind(i18n.get_locale(), k)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <Show when=move || kind.get() == FeeKind::Care.code()>
                    <div class="field">
                        <label for="fee-class">{t!(i18n, fees.field_class)}</label>
                        <select id="fee-class" bind:value=level>
                            {levels.iter().map(|l| {
                                let l = *l;
                                view! { <option value=l.code()>{move || labels::class_level(i18n.get_locale(), l)}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="fee-service">{t!(i18n, fees.field_service)}</label>
                        <select id="fee-service" bind:value=service>
                            {services.iter().map(|s| {
                                let s = *s;
                                view! { <option value=s.code()>{move || labels::service_type(i18n.get_locale(), s)}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </Show>
                <Show when=move || kind.get() == FeeKind::Other.code()>
                    <div class="field">
                        <label for="fee-name">{t!(i18n, fees.field_name)}</label>
                        <input id="fee-name" type="text" maxlength="20" bind:value=name/>
                    </div>
                    <div class="field">
                        <label for="fee-unit">{t!(i18n, fees.field_unit)}</label>
                        <select id="fee-unit" bind:value=unit>
                            {FeeUnit::ALL.iter().map(|u| {
                                let u = *u;
                                view! { <option value=u.code()>{move || labels::fees::unit(i18n.get_locale(), u)}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </Show>
                <div class="field">
                    <label for="fee-amount">{t!(i18n, fees.field_amount)}</label>
                    <input id="fee-amount" type="text" inputmode="decimal" autocomplete="off" bind:value=amount/>
                </div>
                <div class="field">
                    <label for="fee-from">{t!(i18n, fees.field_from)}</label>
                    <input id="fee-from" type="date" min=data.today.to_string() bind:value=applies_from/>
                </div>
                <button type="submit" disabled=move || publish.pending().get()>{t!(i18n, fees.publish)}</button>
            </form>
            {move || publish.value().get().map(|result| match result {
                Ok(_) => view! { <p class="notice" role="status">{t!(i18n, fees.published)}</p> }.into_any(),
                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
            })}
        </section>
    }
}

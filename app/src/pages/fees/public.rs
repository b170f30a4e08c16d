//! The fee schedule as families see it on a facility's page: what applies now, what changes
//! soon, what applied before, and the district's caps for a 普惠 facility.

use leptos::prelude::*;

use crate::api::fees::FacilityFees;
use crate::domain::fees::{PriceCaps, PublishedFee};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

#[component]
pub fn FeeScheduleSection(fees: FacilityFees) -> impl IntoView {
    let i18n = use_i18n();
    let schedule = fees.schedule;
    let history = schedule.history.len();
    view! {
        <section class="fees" aria-labelledby="fees-heading" data-testid="fees">
            <h2 id="fees-heading">{t!(i18n, fees.heading)}</h2>
            {if schedule.current.is_empty() && schedule.coming.is_empty() {
                view! { <p class="empty">{t!(i18n, fees.none)}</p> }.into_any()
            } else {
                view! {
                    <p class="hint">{t!(i18n, fees.lead)}</p>
                    <h3>{t!(i18n, fees.current)}</h3>
                    <FeeList fees=schedule.current testid="fees-current"/>
                    {(!schedule.coming.is_empty()).then(|| view! {
                        <h3>{t!(i18n, fees.coming)}</h3>
                        <FeeList fees=schedule.coming testid="fees-coming"/>
                    })}
                    {(history > 0).then(|| view! {
                        <details class="fee-history">
                            <summary>{t!(i18n, fees.history)}" ("{history}")"</summary>
                            <FeeList fees=schedule.history testid="fees-history"/>
                        </details>
                    })}
                }
                .into_any()
            }}
            {fees.caps.map(|caps| view! { <PriceCapsNote caps/> })}
        </section>
    }
}

/// One row per fee: the item and its amount, the day it applies from under them. `actions`
/// adds a control to a row (the operator's "withdraw").
#[component]
pub fn FeeList(fees: Vec<PublishedFee>, testid: &'static str, #[prop(optional)] actions: Option<Callback<PublishedFee, AnyView>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="fee-list" data-testid=testid>
            {fees
                .into_iter()
                .map(|fee| {
                    let (item, amount, unit, from) = (fee.item.clone(), fee.amount, fee.item.unit(), fee.applies_from.to_string());
                    let action = actions.map(|make| make.run(fee.clone()));
                    view! {
                        <li>
                            <span class="fee-item">{move || labels::fees::item(i18n.get_locale(), &item)}</span>
                            <strong class="fee-amount">{move || labels::fees::amount(i18n.get_locale(), amount, unit)}</strong>
                            <span class="muted fee-from">{move || { let date = from.clone(); t_string!(i18n, fees.since, date = date).to_string() }}</span>
                            {action}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The district's caps for 普惠 care fees, folded away (families rarely need them; operators do).
#[component]
pub fn PriceCapsNote(caps: PriceCaps) -> impl IntoView {
    let i18n = use_i18n();
    let is_demo = caps.is_demo;
    view! {
        <details class="price-caps" data-testid="price-caps">
            <summary>{t!(i18n, fees.caps_heading)}</summary>
            <p class="hint">{t!(i18n, fees.caps_lead)}</p>
            <ul>
                {caps
                    .caps
                    .into_iter()
                    .map(|cap| {
                        let unit = cap.unit();
                        view! {
                            <li>
                                {move || {
                                    let locale = i18n.get_locale();
                                    let (class, service) = (labels::class_level(locale, cap.level), labels::service_type(locale, cap.service));
                                    let amount = labels::fees::amount(locale, cap.cap, unit);
                                    t_string!(i18n, fees.cap_line, class = class, service = service, amount = amount).to_string()
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {is_demo.then(|| view! { <p class="muted">{t!(i18n, fees.caps_demo)}</p> })}
        </details>
    }
}

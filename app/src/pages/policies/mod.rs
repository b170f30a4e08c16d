//! Policy lookup (政策查询) and the two subsidy calculators: the list by audience and words,
//! one policy, what a family can get, what a facility can get.

mod facility;
mod family;
mod list;
mod one;

pub use facility::FacilityCalculatorPage;
pub use family::FamilyCalculatorPage;
pub use list::PoliciesPage;
pub use one::PolicyPage;

use leptos::prelude::*;

use crate::api::policies::LineView;
use crate::domain::policy::money::Fen;
use crate::domain::policy::{Rule, ZeroReason};
use crate::i18n::{t_string, use_i18n};
use crate::labels;

/// "3,600.00 元" / "3,600.00 yuan".
pub(crate) fn yuan(locale: crate::i18n::Locale, fen: i64) -> String {
    crate::i18n::td_string!(locale, policies.yuan, amount = Fen(fen).to_yuan_string()).to_string()
}

/// A yes/no input of a calculator, with its label beside the box.
#[component]
fn CheckBox(id: &'static str, label: String, value: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="check" for=id>
            <input id=id type="checkbox" prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev))/>
            <span>{label}</span>
        </label>
    }
}

/// The lines of a calculation: what each is, how it was reached, the amount, or why it is 0.
#[component]
pub(crate) fn Lines(lines: Vec<LineView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="calc-lines">
            {lines.into_iter().map(|line| {
                let rule = Rule::from_code(&line.rule);
                let reason = line.reason.as_deref().and_then(ZeroReason::from_code);
                let (quantity, amount, year, child) = (line.quantity, line.amount_fen, line.year, line.child);
                let href = format!("/policies/{}", line.policy_id);
                view! {
                    <li class="calc-line" data-rule=line.rule.clone() data-amount=amount data-year=year.map(|y| y.to_string()).unwrap_or_default()>
                        <div class="calc-line-head">
                            <a href=href>{move || rule.map(|r| labels::policies::rule(i18n.get_locale(), r)).unwrap_or_default()}</a>
                            <strong class="calc-amount">{move || yuan(i18n.get_locale(), amount)}</strong>
                        </div>
                        <p class="muted">
                            {move || child.map(|c| format!("{} · ", t_string!(i18n, policies.child_n, n = c + 1))).unwrap_or_default()}
                            {move || year.map(|y| if y < 100 { format!("{} · ", t_string!(i18n, policies.year_n, n = y)) } else { format!("{} · ", t_string!(i18n, policies.year, year = y)) }).unwrap_or_default()}
                            {move || match (reason, rule) {
                                (Some(reason), _) => labels::policies::zero_reason(i18n.get_locale(), reason),
                                (None, Some(rule)) => labels::policies::basis(i18n.get_locale(), rule, quantity),
                                _ => String::new(),
                            }}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

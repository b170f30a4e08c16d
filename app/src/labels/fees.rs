//! Words for fees: refusals, what an item is called, and an amount with its period.

use super::{class_level, service_type};
use crate::domain::fees::{FeeItem, FeeKind, FeeRefusal, FeeUnit};
use crate::domain::policy::money::Fen;
use crate::i18n::{td_string, Locale};

pub fn refusal(locale: Locale, refusal: FeeRefusal) -> String {
    match refusal {
        FeeRefusal::FeeKindUnknown => td_string!(locale, refusals.fee_kind),
        FeeRefusal::FeeClass => td_string!(locale, refusals.fee_class),
        FeeRefusal::FeeService => td_string!(locale, refusals.fee_service),
        FeeRefusal::FeeName => td_string!(locale, refusals.fee_name),
        FeeRefusal::FeeUnitUnknown => td_string!(locale, refusals.fee_unit),
        FeeRefusal::FeeAmount => td_string!(locale, refusals.fee_amount),
        FeeRefusal::FeeDate => td_string!(locale, refusals.fee_date),
        FeeRefusal::FeeAboveCap => td_string!(locale, refusals.fee_above_cap),
        FeeRefusal::FeeDuplicate => td_string!(locale, refusals.fee_duplicate),
        FeeRefusal::FeeInEffect => td_string!(locale, refusals.fee_in_effect),
    }
    .to_string()
}

pub fn kind(locale: Locale, kind: FeeKind) -> String {
    match kind {
        FeeKind::Care => td_string!(locale, fees.kind_care),
        FeeKind::Meals => td_string!(locale, fees.kind_meals),
        FeeKind::Other => td_string!(locale, fees.kind_other),
    }
    .to_string()
}

/// How an item is charged, as a choice in the form: "按月".
pub fn unit(locale: Locale, unit: FeeUnit) -> String {
    match unit {
        FeeUnit::Month => td_string!(locale, fees.unit_month),
        FeeUnit::Day => td_string!(locale, fees.unit_day),
        FeeUnit::Hour => td_string!(locale, fees.unit_hour),
        FeeUnit::Once => td_string!(locale, fees.unit_once),
    }
    .to_string()
}

/// "保育费（乳儿班 · 全日托）", "伙食费", or the facility's own name for the item.
pub fn item(locale: Locale, item: &FeeItem) -> String {
    match item {
        FeeItem::Care { level, service } => {
            let (class, service) = (class_level(locale, *level), service_type(locale, *service));
            td_string!(locale, fees.care_item, class = class, service = service).to_string()
        }
        FeeItem::Meals => kind(locale, FeeKind::Meals),
        FeeItem::Other { name, .. } => name.clone(),
    }
}

/// "2,000 元/月", "12.50 元/天"; whole amounts without decimals.
pub fn amount(locale: Locale, amount: Fen, unit: FeeUnit) -> String {
    let text = amount.to_yuan_string();
    let amount = text.strip_suffix(".00").unwrap_or(&text).to_string();
    match unit {
        FeeUnit::Month => td_string!(locale, fees.per_month, amount = amount).to_string(),
        FeeUnit::Day => td_string!(locale, fees.per_day, amount = amount).to_string(),
        FeeUnit::Hour => td_string!(locale, fees.per_hour, amount = amount).to_string(),
        FeeUnit::Once => td_string!(locale, fees.per_once, amount = amount).to_string(),
    }
}

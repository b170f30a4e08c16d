//! Words for policies and the calculators: refusals, rules, why a line is 0, what a line counts.

use crate::domain::policy::{PolicyRefusal, Rule, ZeroReason};
use crate::i18n::{td_string, Locale};

pub fn refusal(locale: Locale, refusal: PolicyRefusal) -> String {
    match refusal {
        PolicyRefusal::NoChildren => td_string!(locale, refusals.policy_no_children),
        PolicyRefusal::TooManyChildren => td_string!(locale, refusals.policy_too_many_children),
        PolicyRefusal::BirthDate => td_string!(locale, refusals.policy_birth_date),
        PolicyRefusal::Income => td_string!(locale, refusals.policy_income),
        PolicyRefusal::Split => td_string!(locale, refusals.policy_split),
        PolicyRefusal::HardshipCategory => td_string!(locale, refusals.policy_hardship),
        PolicyRefusal::FiledPlaces => td_string!(locale, refusals.policy_filed_places),
        PolicyRefusal::Enrolled => td_string!(locale, refusals.policy_enrolled),
        PolicyRefusal::Rent => td_string!(locale, refusals.policy_rent),
        PolicyRefusal::Grade => td_string!(locale, refusals.policy_grade),
        PolicyRefusal::Ownership => td_string!(locale, refusals.policy_ownership),
        PolicyRefusal::Audience => td_string!(locale, refusals.policy_audience),
    }
    .to_string()
}

pub fn rule(locale: Locale, rule: Rule) -> String {
    match rule {
        Rule::ChildcareSubsidy => td_string!(locale, policies.rule_childcare_subsidy),
        Rule::HardshipAid => td_string!(locale, policies.rule_hardship_aid),
        Rule::TaxDeduction => td_string!(locale, policies.rule_tax_deduction),
        Rule::TaxSaving => td_string!(locale, policies.rule_tax_saving),
        Rule::OpeningSubsidy => td_string!(locale, policies.rule_opening),
        Rule::OperatingSubsidy => td_string!(locale, policies.rule_operating),
        Rule::RentSubsidy => td_string!(locale, policies.rule_rent),
        Rule::ModelUnitAward => td_string!(locale, policies.rule_award),
    }
    .to_string()
}

/// How the rule reached the amount: "10 个月 × 300 元".
pub fn basis(locale: Locale, rule: Rule, quantity: i64) -> String {
    match rule {
        Rule::ChildcareSubsidy => td_string!(locale, policies.basis_subsidy, n = quantity),
        Rule::HardshipAid => td_string!(locale, policies.basis_aid).to_string(),
        Rule::TaxDeduction => td_string!(locale, policies.basis_deduction, n = quantity),
        Rule::TaxSaving => td_string!(locale, policies.basis_saving).to_string(),
        Rule::OpeningSubsidy => td_string!(locale, policies.basis_opening, n = quantity),
        Rule::OperatingSubsidy => td_string!(locale, policies.basis_operating, n = quantity),
        Rule::RentSubsidy => td_string!(locale, policies.basis_rent, n = quantity),
        Rule::ModelUnitAward => td_string!(locale, policies.basis_award).to_string(),
    }
}

pub fn zero_reason(locale: Locale, reason: ZeroReason) -> String {
    match reason {
        ZeroReason::NoHardship => td_string!(locale, policies.zero_no_hardship),
        ZeroReason::NotInclusiveFacility => td_string!(locale, policies.zero_not_inclusive_facility),
        ZeroReason::NotChongqingRegistered => td_string!(locale, policies.zero_not_chongqing),
        ZeroReason::NotInclusive => td_string!(locale, policies.zero_not_inclusive),
        ZeroReason::NotFiled => td_string!(locale, policies.zero_not_filed),
        ZeroReason::GradeTooLow => td_string!(locale, policies.zero_grade),
        ZeroReason::OccupancyTooLow => td_string!(locale, policies.zero_occupancy),
        ZeroReason::PublicFacility => td_string!(locale, policies.zero_public),
        ZeroReason::HousingSupported => td_string!(locale, policies.zero_housing),
        ZeroReason::PriceBreach => td_string!(locale, policies.zero_price_breach),
        ZeroReason::NotAwarded => td_string!(locale, policies.zero_not_awarded),
    }
    .to_string()
}

//! What a family can get for its children under 3: the national childcare subsidy per calendar
//! year, the district's aid for hardship families (plan item 15), and the income-tax deduction
//! with what it saves at a given income.
//!
//! Month convention (the rules' texts do not say it in a way we could confirm; pages say so and
//! that the authority's decision prevails): a child counts from its birth month to the month
//! before its third birthday's month — 36 months for a child born since 2025.

use serde::{Deserialize, Serialize};

use super::money::Fen;
use super::{tax, Line, PolicyRefusal, Rule};
use crate::domain::calendar::{CivilDate, YearMonth};

/// The national childcare subsidy per child and month (3,600 yuan a year).
pub const SUBSIDY_PER_MONTH: Fen = Fen::yuan(300);
/// The subsidy counts from January 2025.
pub const SUBSIDY_FROM: (i32, u8) = (2025, 1);
/// The income-tax deduction per child and month since 2023.
pub const DEDUCTION_PER_MONTH: Fen = Fen::yuan(2_000);
pub const DEDUCTION_FROM: (i32, u8) = (2023, 1);
/// Hardship aid (item 15) per child and year: fees 200 yuan × 10 months, meals 5 yuan × 220 days.
pub const AID_FEES: (Fen, i64) = (Fen::yuan(200), 10);
pub const AID_MEALS: (Fen, i64) = (Fen::yuan(5), 220);
/// Most children one calculation takes.
pub const MAX_CHILDREN: usize = 6;
/// The largest monthly taxable income taken (yuan): anything above is a typing error.
pub const MAX_MONTHLY_INCOME: i64 = 10_000_000;

crate::coded_enum! {
    /// The hardship categories of item 15.
    pub enum Hardship {
        /// 城乡低保家庭 (Chongqing-registered only)
        LowIncome = "low_income",
        /// 孤儿
        Orphan = "orphan",
        /// 残疾儿童
        Disabled = "disabled",
        /// 计生特殊家庭孙（外）辈
        FamilyPlanningSpecial = "family_planning_special",
    }
}

crate::coded_enum! {
    /// How the parents share the tax deduction.
    pub enum Split {
        /// One parent takes it in full.
        OneParent = "one_parent",
        /// Each parent takes half.
        Halves = "halves",
    }
}

/// A family's situation, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamilyCase {
    pub births: Vec<CivilDate>,
    pub chongqing_registered: bool,
    pub hardship: Option<Hardship>,
    /// The child attends (or will attend) a 普惠 facility.
    pub inclusive_facility: bool,
    pub split: Split,
    /// One parent's monthly taxable income before this deduction, if given.
    pub monthly_taxable_income: Option<Fen>,
}

/// The family calculator's answer: every line with its rule, and the total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyResult {
    pub lines: Vec<Line>,
    /// Subsidy and aid (money received), all years.
    pub total_received: Fen,
    /// Tax saved, all years, when an income was given.
    pub total_tax_saved: Fen,
    /// The marginal rate (per cent) at the income given.
    pub marginal_rate: Option<i64>,
}

/// The first month a child counts and the last (the month before its third birthday's month).
fn months_of(birth: CivilDate) -> (YearMonth, YearMonth) {
    let first = YearMonth::of(birth);
    let third = YearMonth::of(birth).plus_months(36);
    (first, third.minus_one())
}

/// Months of `year` in [from, to].
fn months_in_year(year: i32, from: YearMonth, to: YearMonth) -> i64 {
    let start = from.max(YearMonth::first_of(year));
    let end = to.min(YearMonth::last_of(year));
    if start > end { 0 } else { end.months_since(start) + 1 }
}

/// Checks the children's birth dates: none in the future, none 3 years or more before `today`.
pub fn check_births(births: &[CivilDate], today: CivilDate) -> Result<(), PolicyRefusal> {
    if births.is_empty() {
        return Err(PolicyRefusal::NoChildren);
    }
    if births.len() > MAX_CHILDREN {
        return Err(PolicyRefusal::TooManyChildren);
    }
    let oldest = today.years_before(3);
    if births.iter().any(|b| *b > today || *b <= oldest) {
        return Err(PolicyRefusal::BirthDate);
    }
    Ok(())
}

/// Every line for `case`, from the year `today` is in back to 2025 for the subsidy.
pub fn calculate(case: &FamilyCase, today: CivilDate) -> Result<FamilyResult, PolicyRefusal> {
    check_births(&case.births, today)?;
    if case.monthly_taxable_income.is_some_and(|income| income.0 < 0 || income.0 > MAX_MONTHLY_INCOME * 100) {
        return Err(PolicyRefusal::Income);
    }
    let mut lines = Vec::new();
    let subsidy_from = YearMonth::new(SUBSIDY_FROM.0, SUBSIDY_FROM.1).map_err(|_| PolicyRefusal::BirthDate)?;
    let deduction_from = YearMonth::new(DEDUCTION_FROM.0, DEDUCTION_FROM.1).map_err(|_| PolicyRefusal::BirthDate)?;
    let this_year = today.year();
    let mut tax_saved = Fen::ZERO;
    let mut deduction_by_year: std::collections::BTreeMap<i32, Fen> = Default::default();
    for (child, birth) in case.births.iter().enumerate() {
        let (first, last) = months_of(*birth);
        for year in first.year().max(SUBSIDY_FROM.0)..=last.year() {
            let months = months_in_year(year, first.max(subsidy_from), last);
            lines.push(Line::new(Rule::ChildcareSubsidy, Some(child), Some(year), months, SUBSIDY_PER_MONTH.times(months), None));
        }
        lines.push(aid_line(case, child));
        // The deduction from this year on (earlier years are filed already).
        for year in this_year.max(first.year())..=last.year() {
            let months = months_in_year(year, first.max(deduction_from), last);
            let share = match case.split {
                Split::OneParent => DEDUCTION_PER_MONTH,
                Split::Halves => Fen(DEDUCTION_PER_MONTH.0 / 2),
            };
            let amount = share.times(months);
            *deduction_by_year.entry(year).or_default() = deduction_by_year.get(&year).copied().unwrap_or_default() + amount;
            lines.push(Line::new(Rule::TaxDeduction, Some(child), Some(year), months, amount, None));
        }
    }
    let marginal_rate = case.monthly_taxable_income.map(|m| tax::marginal_rate(m.times(12)));
    if let Some(monthly) = case.monthly_taxable_income {
        // One parent's saving a year: the deductions of all children in that year together.
        for (year, deduction) in &deduction_by_year {
            let saved = tax::saving(monthly.times(12), *deduction);
            tax_saved = tax_saved + saved;
            lines.push(Line::new(Rule::TaxSaving, None, Some(*year), 12, saved, None));
        }
    }
    let total_received = lines.iter().filter(|l| matches!(l.rule, Rule::ChildcareSubsidy | Rule::HardshipAid)).map(|l| l.amount).sum();
    Ok(FamilyResult { lines, total_received, total_tax_saved: tax_saved, marginal_rate })
}

/// Item 15's aid for one child a year, or 0 with the reason.
fn aid_line(case: &FamilyCase, child: usize) -> Line {
    let amount = AID_FEES.0.times(AID_FEES.1) + AID_MEALS.0.times(AID_MEALS.1);
    let refusal = match case.hardship {
        None => Some(ZeroReason::NoHardship),
        Some(_) if !case.inclusive_facility => Some(ZeroReason::NotInclusiveFacility),
        Some(Hardship::LowIncome) if !case.chongqing_registered => Some(ZeroReason::NotChongqingRegistered),
        Some(_) => None,
    };
    match refusal {
        None => Line::new(Rule::HardshipAid, Some(child), None, 1, amount, None),
        Some(reason) => Line::new(Rule::HardshipAid, Some(child), None, 0, Fen::ZERO, Some(reason)),
    }
}

use super::ZeroReason;

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> CivilDate {
        CivilDate::parse(s).expect("a valid test date")
    }

    fn case(births: &[&str]) -> FamilyCase {
        FamilyCase {
            births: births.iter().map(|b| date(b)).collect(),
            chongqing_registered: true,
            hardship: None,
            inclusive_facility: false,
            split: Split::OneParent,
            monthly_taxable_income: None,
        }
    }

    fn subsidy(result: &FamilyResult) -> Vec<(i32, i64, i64)> {
        result.lines.iter().filter(|l| l.rule == Rule::ChildcareSubsidy).map(|l| (l.year.unwrap_or_default(), l.quantity, l.amount.0 / 100)).collect()
    }

    const TODAY: &str = "2026-12-02";

    #[test]
    fn a_child_born_since_2025_gets_36_months_split_by_calendar_year() {
        let result = calculate(&case(&["2025-03-15"]), date(TODAY)).expect("calculated");
        assert_eq!(subsidy(&result), vec![(2025, 10, 3_000), (2026, 12, 3_600), (2027, 12, 3_600), (2028, 2, 600)]);
        assert_eq!(result.total_received, Fen::yuan(10_800));
    }

    #[test]
    fn a_child_born_before_2025_gets_the_months_from_january_2025() {
        // Born 10 February 2024: counts from January 2025 to January 2027.
        let result = calculate(&case(&["2024-02-10"]), date(TODAY)).expect("calculated");
        assert_eq!(subsidy(&result), vec![(2025, 12, 3_600), (2026, 12, 3_600), (2027, 1, 300)]);
    }

    #[test]
    fn a_child_born_on_29_february_counts_like_any_february_child() {
        // Born 29 February 2024: the third birthday falls in February 2027 (on the 28th, there
        // being no 29th): counted up to January 2027, as for any child born in February.
        let result = calculate(&case(&["2024-02-29"]), date(TODAY)).expect("calculated");
        assert_eq!(subsidy(&result), vec![(2025, 12, 3_600), (2026, 12, 3_600), (2027, 1, 300)]);
    }

    #[test]
    fn birth_dates_in_the_future_or_three_years_back_are_refused() {
        assert_eq!(calculate(&case(&["2026-12-03"]), date(TODAY)), Err(PolicyRefusal::BirthDate));
        assert_eq!(calculate(&case(&["2023-12-02"]), date(TODAY)), Err(PolicyRefusal::BirthDate), "turned 3 today");
        assert!(calculate(&case(&["2023-12-03"]), date(TODAY)).is_ok(), "turns 3 tomorrow");
        assert_eq!(calculate(&case(&[]), date(TODAY)), Err(PolicyRefusal::NoChildren));
    }

    #[test]
    fn hardship_aid_needs_an_inclusive_facility_and_for_low_income_a_chongqing_registration() {
        let mut family = case(&["2025-06-01"]);
        family.hardship = Some(Hardship::LowIncome);
        let aid = |f: &FamilyCase| calculate(f, date(TODAY)).expect("calculated").lines.into_iter().find(|l| l.rule == Rule::HardshipAid).expect("aid line");
        assert_eq!(aid(&family).reason, Some(ZeroReason::NotInclusiveFacility));
        family.inclusive_facility = true;
        assert_eq!(aid(&family).amount, Fen::yuan(3_100), "200 × 10 + 5 × 220");
        family.chongqing_registered = false;
        assert_eq!(aid(&family).reason, Some(ZeroReason::NotChongqingRegistered));
        family.hardship = Some(Hardship::Orphan);
        assert_eq!(aid(&family).amount, Fen::yuan(3_100));
    }

    #[test]
    fn the_tax_deduction_counts_months_and_saves_at_the_income() {
        let mut family = case(&["2025-03-15"]);
        family.monthly_taxable_income = Some(Fen::yuan(8_000));
        let result = calculate(&family, date(TODAY)).expect("calculated");
        let deduction: Vec<(i32, i64)> = result.lines.iter().filter(|l| l.rule == Rule::TaxDeduction).map(|l| (l.year.unwrap_or_default(), l.amount.0 / 100)).collect();
        assert_eq!(deduction, vec![(2026, 24_000), (2027, 24_000), (2028, 4_000)]);
        // 96,000 a year taxable: 10 % bracket.
        assert_eq!(result.marginal_rate, Some(10));
        assert_eq!(result.total_tax_saved, Fen::yuan(2_400 + 2_400 + 400));
        family.split = Split::Halves;
        let halves = calculate(&family, date(TODAY)).expect("calculated");
        assert_eq!(halves.total_tax_saved, Fen::yuan(1_200 + 1_200 + 200));
        family.monthly_taxable_income = Some(Fen(-1));
        assert_eq!(calculate(&family, date(TODAY)), Err(PolicyRefusal::Income));
    }
}

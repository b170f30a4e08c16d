//! What a facility can get from the district (plan items 11–14), and what a breach of the
//! 普惠 price rules takes away (item 19). Each line says its rule and, when it is 0, why.
//!
//! Conventions where the plan is silent (pages say so, and that the authority's decision
//! prevails): occupancy is enrolled children ÷ filed places; the rent subsidy is counted for 12
//! months a year; a price breach removes the period's 普惠 subsidies (items 11–13) but not a
//! model-unit award (item 14), which is not a 普惠 subsidy.

use serde::{Deserialize, Serialize};

use super::money::Fen;
use super::{Line, PolicyRefusal, Rule, ZeroReason};
use crate::domain::facility::{ClassLevel, Grade, Ownership};

/// Item 11: per filed place, the cap per facility, paid in two equal yearly halves.
pub const OPENING_PER_PLACE: Fen = Fen::yuan(3_000);
pub const OPENING_CAP: Fen = Fen::yuan(450_000);
/// Items 11 and 13: occupancy must be above 30 % (30 % itself does not qualify).
pub const OCCUPANCY_ABOVE_PERCENT: i64 = 30;
/// Item 13: 6 m² per filed place, at most 10 yuan per m² and month.
pub const RENT_M2_PER_PLACE: i64 = 6;
pub const RENT_CAP_PER_M2: Fen = Fen::yuan(10);
/// Item 14.
pub const AWARD_NATIONAL: Fen = Fen::yuan(100_000);
pub const AWARD_MUNICIPAL: Fen = Fen::yuan(50_000);
/// Bounds of what the calculator takes.
pub const MAX_FILED_PLACES: u32 = 2_000;
pub const MAX_RENT_PER_M2: Fen = Fen::yuan(1_000);

/// Item 12: per enrolled child and year, by class.
pub fn operating_per_child(level: ClassLevel) -> Fen {
    match level {
        ClassLevel::Older => Fen::yuan(700),
        ClassLevel::Toddler => Fen::yuan(800),
        ClassLevel::Infant => Fen::yuan(900),
    }
}

/// A facility's situation, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacilityCase {
    pub inclusive: bool,
    pub filed: bool,
    pub grade: Grade,
    pub ownership: Ownership,
    /// Already supported with public housing or premises funds.
    pub housing_supported: bool,
    pub filed_places: u32,
    /// Enrolled children in 乳儿班, 托小班, 托大班.
    pub enrolled: [(ClassLevel, u32); 3],
    /// Actual rent per m² and month.
    pub rent_per_m2: Fen,
    pub national_model: bool,
    pub municipal_model: bool,
    /// Broke the 普惠 price rules this period.
    pub price_breach: bool,
}

/// The facility calculator's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilityResult {
    pub lines: Vec<Line>,
    /// Paid in the first year and in the second.
    pub first_year: Fen,
    pub second_year: Fen,
    pub total: Fen,
    /// Occupancy in per mille (rounded down), for the page.
    pub occupancy_per_mille: i64,
}

impl FacilityCase {
    /// In u64: three counts typed as u32 cannot overflow their sum.
    pub fn enrolled_total(&self) -> u64 {
        self.enrolled.iter().map(|(_, n)| u64::from(*n)).sum()
    }

    /// Refuses figures that cannot be: no places, more children than places, absurd rent.
    pub fn check(&self) -> Result<(), PolicyRefusal> {
        if !(1..=MAX_FILED_PLACES).contains(&self.filed_places) {
            return Err(PolicyRefusal::FiledPlaces);
        }
        if self.enrolled_total() > u64::from(self.filed_places) {
            return Err(PolicyRefusal::Enrolled);
        }
        if self.rent_per_m2.0 < 0 || self.rent_per_m2 > MAX_RENT_PER_M2 {
            return Err(PolicyRefusal::Rent);
        }
        Ok(())
    }

    /// Occupancy strictly above 30 %, in integers: enrolled × 100 > places × 30.
    pub fn occupancy_qualifies(&self) -> bool {
        self.enrolled_total() * 100 > u64::from(self.filed_places) * OCCUPANCY_ABOVE_PERCENT as u64
    }

    /// Why the 普惠 subsidies (items 11–13) are 0, checked in the order a facility meets them.
    fn inclusive_block(&self) -> Option<ZeroReason> {
        if self.price_breach {
            Some(ZeroReason::PriceBreach)
        } else if !self.inclusive {
            Some(ZeroReason::NotInclusive)
        } else if !self.filed {
            Some(ZeroReason::NotFiled)
        } else {
            None
        }
    }

    /// Items 11 and 13 add the grade and occupancy conditions.
    fn graded_block(&self) -> Option<ZeroReason> {
        self.inclusive_block().or(if !self.grade.is_three_or_better() {
            Some(ZeroReason::GradeTooLow)
        } else if !self.occupancy_qualifies() {
            Some(ZeroReason::OccupancyTooLow)
        } else {
            None
        })
    }
}

pub fn calculate(case: &FacilityCase) -> Result<FacilityResult, PolicyRefusal> {
    case.check()?;
    let places = i64::from(case.filed_places);
    let mut lines = Vec::new();

    // Item 11: the opening subsidy, half in each of two years.
    match case.graded_block() {
        Some(reason) => lines.push(Line::new(Rule::OpeningSubsidy, None, None, places, Fen::ZERO, Some(reason))),
        None => {
            let whole = OPENING_PER_PLACE.times(places).min(OPENING_CAP);
            let first = Fen(whole.0 / 2);
            lines.push(Line::new(Rule::OpeningSubsidy, None, Some(1), places, first, None));
            lines.push(Line::new(Rule::OpeningSubsidy, None, Some(2), places, whole - first, None));
        }
    }
    // Item 12: the operating subsidy, every year, per enrolled child by class.
    let operating_block = case.inclusive_block();
    for (level, children) in case.enrolled {
        let children = i64::from(children);
        let amount = if operating_block.is_some() { Fen::ZERO } else { operating_per_child(level).times(children) };
        lines.push(Line::new(Rule::OperatingSubsidy, None, None, children, amount, operating_block));
    }
    // Item 13: the rent subsidy, every year.
    let rent_block = case.graded_block().or(if case.ownership == Ownership::Public {
        Some(ZeroReason::PublicFacility)
    } else if case.housing_supported {
        Some(ZeroReason::HousingSupported)
    } else {
        None
    });
    let rent = match rent_block {
        Some(_) => Fen::ZERO,
        None => case.rent_per_m2.min(RENT_CAP_PER_M2).times(RENT_M2_PER_PLACE * places * 12),
    };
    lines.push(Line::new(Rule::RentSubsidy, None, None, places, rent, rent_block));
    // Item 14: model-unit awards, once each.
    for (won, award) in [(case.national_model, AWARD_NATIONAL), (case.municipal_model, AWARD_MUNICIPAL)] {
        let reason = (!won).then_some(ZeroReason::NotAwarded);
        lines.push(Line::new(Rule::ModelUnitAward, None, Some(1), i64::from(won), if won { award } else { Fen::ZERO }, reason));
    }

    let yearly: Fen = lines.iter().filter(|l| l.year.is_none() && l.rule != Rule::OpeningSubsidy).map(|l| l.amount).sum();
    let in_year = |n: i32| -> Fen { lines.iter().filter(|l| l.year == Some(n)).map(|l| l.amount).sum() };
    let (first_year, second_year) = (yearly + in_year(1), yearly + in_year(2));
    // Checked above: at most the filed places, so it fits.
    let occupancy_per_mille = i64::try_from(case.enrolled_total()).unwrap_or(i64::MAX / 1000) * 1000 / places;
    Ok(FacilityResult { lines, first_year, second_year, total: first_year + second_year, occupancy_per_mille })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The case: a 三级 普惠 facility, filed, with 100 places and 40 enrolled.
    fn case() -> FacilityCase {
        FacilityCase {
            inclusive: true,
            filed: true,
            grade: Grade::Three,
            ownership: Ownership::Private,
            housing_supported: false,
            filed_places: 100,
            enrolled: [(ClassLevel::Infant, 5), (ClassLevel::Toddler, 15), (ClassLevel::Older, 20)],
            rent_per_m2: Fen::yuan(12),
            national_model: false,
            municipal_model: false,
            price_breach: false,
        }
    }

    fn amount(result: &FacilityResult, rule: Rule, year: Option<i32>) -> Fen {
        result.lines.iter().filter(|l| l.rule == rule && l.year == year).map(|l| l.amount).sum()
    }

    fn reason(result: &FacilityResult, rule: Rule) -> Option<ZeroReason> {
        result.lines.iter().find(|l| l.rule == rule).and_then(|l| l.reason)
    }

    #[test]
    fn a_grade_three_inclusive_facility_of_100_places_and_40_children() {
        let result = calculate(&case()).expect("calculated");
        // 100 × 3,000 = 300,000, half a year.
        assert_eq!(amount(&result, Rule::OpeningSubsidy, Some(1)), Fen::yuan(150_000));
        assert_eq!(amount(&result, Rule::OpeningSubsidy, Some(2)), Fen::yuan(150_000));
        // 5 × 900 + 15 × 800 + 20 × 700.
        assert_eq!(amount(&result, Rule::OperatingSubsidy, None), Fen::yuan(4_500 + 12_000 + 14_000));
        // 6 m² × 100 places × 10 yuan (rent 12 is above the cap) × 12 months.
        assert_eq!(amount(&result, Rule::RentSubsidy, None), Fen::yuan(72_000));
        assert_eq!(result.first_year, Fen::yuan(150_000 + 30_500 + 72_000));
        assert_eq!(result.total, Fen::yuan(300_000 + 2 * (30_500 + 72_000)));
        assert_eq!(result.occupancy_per_mille, 400);
    }

    #[test]
    fn occupancy_of_exactly_30_percent_does_not_qualify_and_just_above_does() {
        let mut at_30 = case();
        at_30.enrolled = [(ClassLevel::Infant, 0), (ClassLevel::Toddler, 30), (ClassLevel::Older, 0)];
        let result = calculate(&at_30).expect("calculated");
        assert_eq!(reason(&result, Rule::OpeningSubsidy), Some(ZeroReason::OccupancyTooLow));
        assert_eq!(reason(&result, Rule::RentSubsidy), Some(ZeroReason::OccupancyTooLow));
        assert_eq!(amount(&result, Rule::OperatingSubsidy, None), Fen::yuan(24_000), "item 12 has no occupancy condition");
        let mut above = at_30.clone();
        above.enrolled[1].1 = 31;
        assert_eq!(reason(&calculate(&above).expect("calculated"), Rule::OpeningSubsidy), None);
        // 30 % of 7 places is 2.1 children: 3 qualify, 2 do not.
        let mut small = case();
        small.filed_places = 7;
        small.enrolled = [(ClassLevel::Infant, 0), (ClassLevel::Toddler, 2), (ClassLevel::Older, 0)];
        assert_eq!(reason(&calculate(&small).expect("calculated"), Rule::OpeningSubsidy), Some(ZeroReason::OccupancyTooLow));
        small.enrolled[1].1 = 3;
        assert_eq!(reason(&calculate(&small).expect("calculated"), Rule::OpeningSubsidy), None);
    }

    #[test]
    fn the_opening_subsidy_stops_at_450000() {
        let mut big = case();
        big.filed_places = 150;
        big.enrolled[2].1 = 100;
        assert_eq!(amount(&calculate(&big).expect("calculated"), Rule::OpeningSubsidy, Some(1)), Fen::yuan(225_000), "150 × 3,000 = 450,000 exactly");
        big.filed_places = 200;
        assert_eq!(amount(&calculate(&big).expect("calculated"), Rule::OpeningSubsidy, Some(2)), Fen::yuan(225_000), "600,000 capped at 450,000");
    }

    #[test]
    fn rent_below_10_yuan_is_paid_as_it_is_and_public_or_housed_facilities_get_none() {
        let mut cheap = case();
        cheap.rent_per_m2 = Fen(850);
        assert_eq!(amount(&calculate(&cheap).expect("calculated"), Rule::RentSubsidy, None), Fen(850 * 6 * 100 * 12));
        let mut public = case();
        public.ownership = Ownership::Public;
        assert_eq!(reason(&calculate(&public).expect("calculated"), Rule::RentSubsidy), Some(ZeroReason::PublicFacility));
        let mut housed = case();
        housed.housing_supported = true;
        assert_eq!(reason(&calculate(&housed).expect("calculated"), Rule::RentSubsidy), Some(ZeroReason::HousingSupported));
    }

    #[test]
    fn ungraded_unfiled_or_not_inclusive_facilities_say_why() {
        let mut ungraded = case();
        ungraded.grade = Grade::Ungraded;
        let result = calculate(&ungraded).expect("calculated");
        assert_eq!(reason(&result, Rule::OpeningSubsidy), Some(ZeroReason::GradeTooLow));
        assert!(amount(&result, Rule::OperatingSubsidy, None) > Fen::ZERO, "item 12 has no grade condition");
        let mut unfiled = case();
        unfiled.filed = false;
        assert_eq!(reason(&calculate(&unfiled).expect("calculated"), Rule::OperatingSubsidy), Some(ZeroReason::NotFiled));
        let mut private = case();
        private.inclusive = false;
        assert_eq!(calculate(&private).expect("calculated").total, Fen::ZERO);
    }

    #[test]
    fn a_price_breach_takes_the_periods_inclusive_subsidies_but_not_an_award() {
        let mut breach = case();
        breach.price_breach = true;
        breach.municipal_model = true;
        let result = calculate(&breach).expect("calculated");
        for rule in [Rule::OpeningSubsidy, Rule::OperatingSubsidy, Rule::RentSubsidy] {
            assert_eq!(reason(&result, rule), Some(ZeroReason::PriceBreach), "{rule:?}");
        }
        assert_eq!(result.total, Fen::yuan(50_000));
    }

    #[test]
    fn impossible_figures_are_refused_naming_the_field() {
        let mut over = case();
        over.enrolled[0].1 = 70;
        assert_eq!(calculate(&over), Err(PolicyRefusal::Enrolled));
        let mut rent = case();
        rent.rent_per_m2 = Fen::yuan(1_001);
        assert_eq!(calculate(&rent), Err(PolicyRefusal::Rent));
        let mut none = case();
        none.filed_places = 0;
        assert_eq!(calculate(&none), Err(PolicyRefusal::FiledPlaces));
    }
}

//! Policies and the two subsidy calculators (plan items 11–15 and 19, the national childcare
//! subsidy and the income-tax deduction): pure functions on integer fen, each line of an answer
//! naming the rule it applies and, when it is 0, why.

pub mod entry;
pub mod facility;
pub mod family;
pub mod money;
pub mod tax;

use serde::{Deserialize, Serialize};

use self::money::Fen;

crate::coded_enum! {
    /// Who a policy is for.
    pub enum Audience {
        Family = "family",
        Facility = "facility",
    }
}

crate::coded_enum! {
    /// The rule a line applies: also its id in the API's answer.
    pub enum Rule {
        /// 育儿补贴: 300 yuan per child and month.
        ChildcareSubsidy = "childcare-subsidy",
        /// Item 15: fees 200 × 10 months + meals 5 × 220 days a year.
        HardshipAid = "hardship-aid",
        /// 3岁以下婴幼儿照护专项附加扣除: 2,000 yuan per child and month.
        TaxDeduction = "infant-care-tax-deduction",
        /// The tax that deduction saves at the income given.
        TaxSaving = "infant-care-tax-saving",
        /// Item 11: 3,000 yuan per place, at most 450,000, half in each of two years.
        OpeningSubsidy = "opening-subsidy",
        /// Item 12: 700 / 800 / 900 yuan per enrolled child and year by class.
        OperatingSubsidy = "operating-subsidy",
        /// Item 13: 6 m² per filed place × min(10 yuan, the rent) per m² and month.
        RentSubsidy = "rent-subsidy",
        /// Item 14: 100,000 yuan (national) / 50,000 yuan (municipal), once.
        ModelUnitAward = "model-unit-award",
    }
}

crate::coded_enum! {
    /// Why a line is 0.
    pub enum ZeroReason {
        NoHardship = "no_hardship",
        NotInclusiveFacility = "not_inclusive_facility",
        NotChongqingRegistered = "not_chongqing_registered",
        NotInclusive = "not_inclusive",
        NotFiled = "not_filed",
        GradeTooLow = "grade_too_low",
        OccupancyTooLow = "occupancy_too_low",
        PublicFacility = "public_facility",
        HousingSupported = "housing_supported",
        PriceBreach = "price_breach",
        NotAwarded = "not_awarded",
    }
}

crate::coded_enum! {
    /// Why a calculation is refused: each names the field to correct; words in both languages
    /// in `labels::policies`.
    pub enum PolicyRefusal {
        /// No child given.
        NoChildren = "policy_no_children",
        /// More than 6 children.
        TooManyChildren = "policy_too_many_children",
        /// A birth date that is not a date, in the future, or 3 years ago or more.
        BirthDate = "policy_birth_date",
        /// A monthly taxable income below 0 or above 10 million yuan.
        Income = "policy_income",
        /// Neither one parent nor halves for the tax deduction.
        Split = "policy_split",
        /// A hardship category that is none of the four.
        HardshipCategory = "policy_hardship",
        /// Filed places from 1 to 2,000.
        FiledPlaces = "policy_filed_places",
        /// Enrolled children above the filed places (or below 0).
        Enrolled = "policy_enrolled",
        /// Rent per m² and month from 0 to 1,000 yuan.
        Rent = "policy_rent",
        /// Not one of 一级, 二级, 三级, 未评定.
        Grade = "policy_grade",
        /// Not one of the ownership kinds.
        Ownership = "policy_ownership",
        /// An audience that is neither families nor facilities.
        Audience = "policy_audience",
    }
}

impl Rule {
    /// The policy entry (`content/policies/<id>.toml`) that explains the rule.
    pub fn policy_id(self) -> &'static str {
        match self {
            Rule::ChildcareSubsidy => "childcare-subsidy",
            Rule::HardshipAid => "hardship-aid",
            Rule::TaxDeduction | Rule::TaxSaving => "infant-care-tax-deduction",
            Rule::OpeningSubsidy => "opening-subsidy",
            Rule::OperatingSubsidy => "operating-subsidy",
            Rule::RentSubsidy => "rent-subsidy",
            Rule::ModelUnitAward => "model-unit-award",
        }
    }
}

/// One line of a calculation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub rule: Rule,
    /// Which child (from 0) for family lines.
    pub child: Option<usize>,
    /// The calendar year (family) or the year of payment (1 or 2, facility); none for a
    /// yearly or one-off amount.
    pub year: Option<i32>,
    /// What the amount counts: months, places, children or 1.
    pub quantity: i64,
    pub amount: Fen,
    /// Why the amount is 0, when it is.
    pub reason: Option<ZeroReason>,
}

impl Line {
    pub fn new(rule: Rule, child: Option<usize>, year: Option<i32>, quantity: i64, amount: Fen, reason: Option<ZeroReason>) -> Line {
        Line { rule, child, year, quantity, amount, reason }
    }
}

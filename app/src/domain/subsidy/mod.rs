//! Subsidy applications (plan items 11–13): an operator applies for the opening, operating or
//! rent subsidy of one calendar year. The figures come from live data — filed places, the
//! monthly enrolment snapshots of the year, grade, 普惠 status and filing — and the amount is
//! computed by the same function as the public facility calculator
//! (`policy::facility::calculate`), so what the operator is told and what the calculator says
//! cannot differ.
//!
//! States: draft → submitted → returned (with a reason; edited and submitted again) / approved /
//! refused. One application per facility, kind and year; the opening subsidy once per facility.

pub mod enrolment;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::filing::materials::{material_type, MaterialType};
use super::filing::FilingRefusal;
use super::calendar::Timestamp;
use super::facility::{ClassLevel, Grade, Ownership};
use super::policy::facility::{calculate, FacilityCase, MAX_RENT_PER_M2};
use super::policy::money::Fen;
use super::policy::{Line, PolicyRefusal, Rule};
pub use enrolment::{EnrolmentFigure, MonthlyEnrolment};

/// The first year applications can be made for: the year of the plan.
pub const FIRST_YEAR: i32 = 2024;
/// Longest reason a reviewer may write.
pub const MAX_REASON_CHARS: usize = 300;

crate::coded_enum! {
    /// What is applied for.
    pub enum SubsidyKind {
        /// Item 11: per filed place, once per facility, paid in two yearly halves.
        Opening = "opening",
        /// Item 12: per enrolled child and year, by class.
        Operating = "operating",
        /// Item 13: the rent of 6 m² per filed place, every year.
        Rent = "rent",
    }
}

impl SubsidyKind {
    /// The calculator's rule for this kind.
    pub fn rule(self) -> Rule {
        match self {
            SubsidyKind::Opening => Rule::OpeningSubsidy,
            SubsidyKind::Operating => Rule::OperatingSubsidy,
            SubsidyKind::Rent => Rule::RentSubsidy,
        }
    }
}

crate::coded_enum! {
    /// Where an application stands.
    pub enum ApplicationState {
        /// Being prepared by the operator; the figures follow the live data.
        Draft = "draft",
        /// With the district; the figures are those of the moment it was submitted.
        Submitted = "submitted",
        /// Sent back with a reason; the operator corrects it and submits again.
        Returned = "returned",
        Approved = "approved",
        Refused = "refused",
    }
}

/// A step of an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplicationStep {
    Submit,
    Return,
    Approve,
    Refuse,
}

crate::coded_enum! {
    /// Why an application step is refused.
    pub enum SubsidyRefusal {
        /// Not one of the three kinds.
        SubsidyKindUnknown = "subsidy_kind",
        /// A year before 2024 or after the current one.
        SubsidyYear = "subsidy_year",
        /// The facility already has an application of this kind for this year.
        SubsidyDuplicate = "subsidy_duplicate",
        /// The opening subsidy is paid once per facility.
        SubsidyOpeningOnce = "subsidy_opening_once",
        /// The application is with the district or decided: it cannot be changed now.
        SubsidyNotEditable = "subsidy_not_editable",
        /// The step does not follow from where the application stands.
        SubsidyWrongState = "subsidy_wrong_state",
        /// Rent per m² and month missing, negative or above 1,000 yuan.
        SubsidyRent = "subsidy_rent",
        /// The rent subsidy needs the rent contract.
        SubsidyContractMissing = "subsidy_contract_missing",
        /// No enrolment is recorded for the year.
        SubsidyNoEnrolment = "subsidy_no_enrolment",
        /// The live figures give 0 (the page says why): nothing to apply for.
        SubsidyNothingDue = "subsidy_nothing_due",
        /// The figures cannot be (e.g. no filed places); the page says which.
        SubsidyFigures = "subsidy_figures",
        /// A reason of 1–300 characters is needed to return or refuse.
        SubsidyReason = "subsidy_reason",
        /// The contract is not a PDF, JPEG or PNG file.
        SubsidyFileType = "subsidy_file_type",
        /// The contract is larger than 10 MB.
        SubsidyFileTooLarge = "subsidy_file_too_large",
    }
}

impl ApplicationState {
    /// The one definition of which step may follow which.
    pub fn after(self, step: ApplicationStep) -> Result<ApplicationState, SubsidyRefusal> {
        use ApplicationState::*;
        match (self, step) {
            (Draft | Returned, ApplicationStep::Submit) => Ok(Submitted),
            (Submitted, ApplicationStep::Return) => Ok(Returned),
            (Submitted, ApplicationStep::Approve) => Ok(Approved),
            (Submitted, ApplicationStep::Refuse) => Ok(Refused),
            _ => Err(SubsidyRefusal::SubsidyWrongState),
        }
    }

    pub fn is_editable(self) -> bool {
        matches!(self, ApplicationState::Draft | ApplicationState::Returned)
    }

    /// The stored codes of the editable states, for SQL that must agree with `is_editable`.
    pub fn editable_codes() -> Vec<&'static str> {
        ApplicationState::ALL.iter().filter(|s| s.is_editable()).map(|s| s.code()).collect()
    }
}

/// The year applied for, or why not: from 2024 to the current year.
pub fn check_year(year: i32, current_year: i32) -> Result<i32, SubsidyRefusal> {
    if (FIRST_YEAR..=current_year).contains(&year) { Ok(year) } else { Err(SubsidyRefusal::SubsidyYear) }
}

/// Rent per m² and month typed in yuan ("12.50"), within the calculator's bounds.
pub fn parse_rent(text: &str) -> Result<Fen, SubsidyRefusal> {
    Fen::parse_yuan(text.trim()).filter(|fen| fen.0 >= 0 && *fen <= MAX_RENT_PER_M2).ok_or(SubsidyRefusal::SubsidyRent)
}

/// The type of an uploaded rent contract, by the filing documents' rule (PDF, JPEG or PNG by
/// content, at most 10 MB), or why it is refused.
pub fn contract_type(bytes: &[u8]) -> Result<MaterialType, SubsidyRefusal> {
    material_type(bytes).map_err(|why| match why {
        FilingRefusal::FilingFileTooLarge => SubsidyRefusal::SubsidyFileTooLarge,
        _ => SubsidyRefusal::SubsidyFileType,
    })
}

/// A reviewer's reason, trimmed, or why it cannot be used.
pub fn reason(text: &str) -> Result<String, SubsidyRefusal> {
    super::text::written_reason(text, MAX_REASON_CHARS).ok_or(SubsidyRefusal::SubsidyReason)
}

/// The latest rent contract stored with an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractVersion {
    pub version: i64,
    pub file_name: String,
    pub mime: MaterialType,
    pub size: i64,
    pub uploaded_at: Timestamp,
}

/// What the stored data says about the facility, for one application.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveFacts {
    pub inclusive: bool,
    pub filed: bool,
    pub grade: Grade,
    pub ownership: Ownership,
    /// Filed places of all classes today.
    pub filed_places: u32,
    /// The year's monthly snapshots.
    pub enrolment: Vec<MonthlyEnrolment>,
    /// Declared by the operator for the rent subsidy.
    pub rent_per_m2: Option<Fen>,
    pub housing_supported: bool,
}

/// The figures of an application and the amount they give: shown while it is a draft (from
/// live data), kept as they were when it was submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubsidyFigures {
    pub kind: SubsidyKind,
    pub year: i32,
    pub inclusive: bool,
    pub filed: bool,
    pub grade: Grade,
    pub ownership: Ownership,
    pub filed_places: u32,
    /// The enrolment the amount counts, per class, and how it was reached.
    pub enrolment: EnrolmentFigure,
    pub rent_per_m2: Option<Fen>,
    pub housing_supported: bool,
    /// The calculator's lines of this kind (each says its rule, or why it is 0).
    pub lines: Vec<Line>,
    pub amount: Fen,
    /// Enrolled ÷ filed places, per mille, as the occupancy condition reads it.
    pub occupancy_per_mille: i64,
}

impl SubsidyFigures {
    /// Computes the figures of `kind` for `year` from `facts`, by the calculator.
    pub fn compute(kind: SubsidyKind, year: i32, facts: &LiveFacts) -> Result<SubsidyFigures, PolicyRefusal> {
        let enrolment = EnrolmentFigure::for_kind(kind, year, &facts.enrolment);
        let case = FacilityCase {
            inclusive: facts.inclusive,
            filed: facts.filed,
            grade: facts.grade,
            ownership: facts.ownership,
            housing_supported: facts.housing_supported,
            filed_places: facts.filed_places,
            enrolled: enrolment.children,
            rent_per_m2: facts.rent_per_m2.unwrap_or(Fen::ZERO),
            national_model: false,
            municipal_model: false,
            // A breach is decided by the district (the steering issue); none is recorded here.
            price_breach: false,
        };
        let result = calculate(&case)?;
        let lines: Vec<Line> = result.lines.into_iter().filter(|l| l.rule == kind.rule()).collect();
        let amount = lines.iter().map(|l| l.amount).sum();
        Ok(SubsidyFigures {
            kind,
            year,
            inclusive: facts.inclusive,
            filed: facts.filed,
            grade: facts.grade,
            ownership: facts.ownership,
            filed_places: facts.filed_places,
            enrolment,
            rent_per_m2: facts.rent_per_m2,
            housing_supported: facts.housing_supported,
            lines,
            amount,
            occupancy_per_mille: result.occupancy_per_mille,
        })
    }

    /// Whether these figures may be submitted, or why not. `has_contract`: a rent contract is
    /// stored with the application.
    pub fn check_submittable(&self, has_contract: bool) -> Result<(), SubsidyRefusal> {
        if self.kind == SubsidyKind::Rent {
            if self.rent_per_m2.is_none() {
                return Err(SubsidyRefusal::SubsidyRent);
            }
            if !has_contract {
                return Err(SubsidyRefusal::SubsidyContractMissing);
            }
        }
        if self.enrolment.months_recorded == 0 {
            return Err(SubsidyRefusal::SubsidyNoEnrolment);
        }
        if self.amount == Fen::ZERO {
            return Err(SubsidyRefusal::SubsidyNothingDue);
        }
        Ok(())
    }
}

/// The class levels in the calculator's order.
pub const LEVELS: [ClassLevel; 3] = [ClassLevel::Infant, ClassLevel::Toddler, ClassLevel::Older];

//! Words for subsidy applications: refusals, kinds, states and how the enrolment was counted.

use crate::domain::subsidy::enrolment::EnrolmentBasis;
use crate::domain::subsidy::{ApplicationState, SubsidyKind, SubsidyRefusal};
use crate::i18n::{td_string, Locale};

pub fn refusal(locale: Locale, refusal: SubsidyRefusal) -> String {
    match refusal {
        SubsidyRefusal::SubsidyKindUnknown => td_string!(locale, refusals.subsidy_kind),
        SubsidyRefusal::SubsidyYear => td_string!(locale, refusals.subsidy_year),
        SubsidyRefusal::SubsidyDuplicate => td_string!(locale, refusals.subsidy_duplicate),
        SubsidyRefusal::SubsidyOpeningOnce => td_string!(locale, refusals.subsidy_opening_once),
        SubsidyRefusal::SubsidyNotEditable => td_string!(locale, refusals.subsidy_not_editable),
        SubsidyRefusal::SubsidyWrongState => td_string!(locale, refusals.subsidy_wrong_state),
        SubsidyRefusal::SubsidyRent => td_string!(locale, refusals.subsidy_rent),
        SubsidyRefusal::SubsidyContractMissing => td_string!(locale, refusals.subsidy_contract_missing),
        SubsidyRefusal::SubsidyNoEnrolment => td_string!(locale, refusals.subsidy_no_enrolment),
        SubsidyRefusal::SubsidyNothingDue => td_string!(locale, refusals.subsidy_nothing_due),
        SubsidyRefusal::SubsidyFigures => td_string!(locale, refusals.subsidy_figures),
        SubsidyRefusal::SubsidyReason => td_string!(locale, refusals.subsidy_reason),
        SubsidyRefusal::SubsidyFileType => td_string!(locale, refusals.subsidy_file_type),
        SubsidyRefusal::SubsidyFileTooLarge => td_string!(locale, refusals.subsidy_file_too_large),
    }
    .to_string()
}

pub fn kind(locale: Locale, kind: SubsidyKind) -> String {
    match kind {
        SubsidyKind::Opening => td_string!(locale, subsidies.kind_opening),
        SubsidyKind::Operating => td_string!(locale, subsidies.kind_operating),
        SubsidyKind::Rent => td_string!(locale, subsidies.kind_rent),
    }
    .to_string()
}

pub fn state(locale: Locale, state: ApplicationState) -> String {
    match state {
        ApplicationState::Draft => td_string!(locale, subsidies.state_draft),
        ApplicationState::Submitted => td_string!(locale, subsidies.state_submitted),
        ApplicationState::Returned => td_string!(locale, subsidies.state_returned),
        ApplicationState::Approved => td_string!(locale, subsidies.state_approved),
        ApplicationState::Refused => td_string!(locale, subsidies.state_refused),
    }
    .to_string()
}

/// How the enrolment the amount counts was reached, in one sentence.
pub fn basis(locale: Locale, basis: EnrolmentBasis) -> String {
    match basis {
        EnrolmentBasis::YearShare => td_string!(locale, subsidies.basis_year_share),
        EnrolmentBasis::MonthlyAverage => td_string!(locale, subsidies.basis_monthly_average),
    }
    .to_string()
}

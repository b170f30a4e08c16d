//! Words for filing (备案): refusals, items, states and kinds.

use crate::domain::filing::{FilingItem, FilingKind, FilingRefusal, FilingState};
use crate::i18n::{td_string, Locale};

pub fn refusal(locale: Locale, refusal: FilingRefusal) -> String {
    match refusal {
        FilingRefusal::FilingNotEditable => td_string!(locale, refusals.filing_not_editable),
        FilingRefusal::FilingWrongState => td_string!(locale, refusals.filing_wrong_state),
        FilingRefusal::FilingMaterialsMissing => td_string!(locale, refusals.filing_materials_missing),
        FilingRefusal::FilingFactsMissing => td_string!(locale, refusals.filing_facts_missing),
        FilingRefusal::FilingFileType => td_string!(locale, refusals.filing_file_type),
        FilingRefusal::FilingFileTooLarge => td_string!(locale, refusals.filing_file_too_large),
        FilingRefusal::FilingReturnItems => td_string!(locale, refusals.filing_return_items),
        FilingRefusal::FilingReason => td_string!(locale, refusals.filing_reason),
        FilingRefusal::FilingAlreadyOpen => td_string!(locale, refusals.filing_already_open),
        FilingRefusal::FilingNoChange => td_string!(locale, refusals.filing_no_change),
        FilingRefusal::FilingCapacityBelowTaken => td_string!(locale, refusals.filing_capacity_below_taken),
        FilingRefusal::FilingChildrenInCare => td_string!(locale, refusals.filing_children_in_care),
    }
    .to_string()
}

pub fn item(locale: Locale, item: FilingItem) -> String {
    match item {
        FilingItem::Facts => td_string!(locale, filings.item_facts),
        FilingItem::RegistrationCertificate => td_string!(locale, filings.item_registration_certificate),
        FilingItem::PremisesProof => td_string!(locale, filings.item_premises_proof),
        FilingItem::FireSafety => td_string!(locale, filings.item_fire_safety),
        FilingItem::HealthEvaluation => td_string!(locale, filings.item_health_evaluation),
        FilingItem::FoodLicence => td_string!(locale, filings.item_food_licence),
        FilingItem::StaffCertificates => td_string!(locale, filings.item_staff_certificates),
        FilingItem::Commitment => td_string!(locale, filings.item_commitment),
    }
    .to_string()
}

/// A short label: 待审核, 已退回…
pub fn state(locale: Locale, state: FilingState) -> String {
    match state {
        FilingState::Draft => td_string!(locale, filings.label_draft),
        FilingState::Submitted => td_string!(locale, filings.label_submitted),
        FilingState::Returned => td_string!(locale, filings.label_returned),
        FilingState::Accepted => td_string!(locale, filings.label_accepted),
        FilingState::Refused => td_string!(locale, filings.label_refused),
    }
    .to_string()
}

/// What the filer should know or do now.
pub fn state_line(locale: Locale, state: FilingState) -> String {
    match state {
        FilingState::Draft => td_string!(locale, filings.state_draft),
        FilingState::Submitted => td_string!(locale, filings.state_submitted),
        FilingState::Returned => td_string!(locale, filings.state_returned),
        FilingState::Accepted => td_string!(locale, filings.state_accepted),
        FilingState::Refused => td_string!(locale, filings.state_refused),
    }
    .to_string()
}

pub fn kind(locale: Locale, kind: FilingKind) -> String {
    match kind {
        FilingKind::Initial => td_string!(locale, filings.kind_initial),
        FilingKind::Change => td_string!(locale, filings.kind_change),
        FilingKind::Closure => td_string!(locale, filings.kind_closure),
    }
    .to_string()
}

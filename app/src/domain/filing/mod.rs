//! Filing (备案, plan items 17–18): an organisation registers, files its facility with the
//! district health commission online, and later files changes or the facility's closure.
//!
//! A filing is a draft the operator fills (facts typed into a form, documents uploaded), then
//! submits; a reviewer returns it with a reason per item, accepts it (a filing number and a
//! receipt) or refuses it. Only drafts and returned filings can be edited. The state machine
//! below is the one definition of which step may follow which.

pub mod credit_code;
pub mod facts;
pub mod materials;
pub mod record;
#[cfg(test)]
mod tests;

use super::calendar::Timestamp;
use super::workdays::after_working_days;
pub use credit_code::CreditCode;
pub use facts::{FactsInput, FilingFacts};
pub use materials::FilingItem;

/// Working days the district has to decide a submitted filing, unless configured otherwise.
pub const DEFAULT_REVIEW_WORKING_DAYS: u32 = 5;
/// Longest reason a reviewer may write for one item.
pub const MAX_REASON_CHARS: usize = 300;

crate::coded_enum! {
    /// What is filed.
    pub enum FilingKind {
        /// A new facility (首次备案).
        Initial = "initial",
        /// New facts of a filed facility (变更备案); the public facts change only on acceptance.
        Change = "change",
        /// The facility closes (注销备案); on acceptance it leaves the finder.
        Closure = "closure",
    }
}

crate::coded_enum! {
    /// Where a filing stands.
    pub enum FilingState {
        /// Being filled by the operator.
        Draft = "draft",
        /// Waiting for the district's decision.
        Submitted = "submitted",
        /// Sent back with a reason per item; the operator fixes those items and submits again.
        Returned = "returned",
        /// Accepted: filed, changed or closed.
        Accepted = "accepted",
        /// Refused, with the reason; a new filing may be started.
        Refused = "refused",
    }
}

crate::coded_enum! {
    /// Why a filing step is refused.
    pub enum FilingRefusal {
        /// The filing is with the district or decided: it cannot be edited now.
        FilingNotEditable = "filing_not_editable",
        /// The step does not follow from where the filing stands (e.g. accepting a draft).
        FilingWrongState = "filing_wrong_state",
        /// Required documents are not uploaded yet.
        FilingMaterialsMissing = "filing_materials_missing",
        /// The facility's facts are not filled in yet.
        FilingFactsMissing = "filing_facts_missing",
        /// Not a PDF, JPEG or PNG file (by its content).
        FilingFileType = "filing_file_type",
        /// A file larger than 10 MB.
        FilingFileTooLarge = "filing_file_too_large",
        /// Returning needs at least one item, each with its reason.
        FilingReturnItems = "filing_return_items",
        /// A refusal or a returned item needs a reason of 1–300 characters.
        FilingReason = "filing_reason",
        /// The facility already has an open filing: finish or wait for that one first.
        FilingAlreadyOpen = "filing_already_open",
        /// A change filing that changes nothing.
        FilingNoChange = "filing_no_change",
        /// A change would leave a class fewer places than the children in it and the places held.
        FilingCapacityBelowTaken = "filing_capacity_below_taken",
        /// A closure while children are still in care or places are held.
        FilingChildrenInCare = "filing_children_in_care",
    }
}

/// A step in a filing's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilingStep {
    /// The operator sends the filing (first time or after a return).
    Submit,
    /// The reviewer sends items back.
    Return,
    /// The reviewer accepts.
    Accept,
    /// The reviewer refuses.
    Refuse,
}

impl FilingStep {
    /// Whether the reviewer, not the operator, takes this step.
    pub fn is_review(self) -> bool {
        !matches!(self, FilingStep::Submit)
    }
}

impl FilingState {
    /// The state after `step`, or why the step cannot be taken from here.
    pub fn after(self, step: FilingStep) -> Result<FilingState, FilingRefusal> {
        use FilingState::*;
        match (self, step) {
            (Draft | Returned, FilingStep::Submit) => Ok(Submitted),
            (Submitted, FilingStep::Return) => Ok(Returned),
            (Submitted, FilingStep::Accept) => Ok(Accepted),
            (Submitted, FilingStep::Refuse) => Ok(Refused),
            _ => Err(FilingRefusal::FilingWrongState),
        }
    }

    /// Whether the operator may change facts or files now.
    pub fn is_editable(self) -> bool {
        matches!(self, FilingState::Draft | FilingState::Returned)
    }

    /// Whether the filing still awaits a final decision (one open filing per facility).
    pub fn is_open(self) -> bool {
        matches!(self, FilingState::Draft | FilingState::Submitted | FilingState::Returned)
    }

    /// Refuses an edit unless the filing is editable.
    pub fn check_editable(self) -> Result<(), FilingRefusal> {
        if self.is_editable() { Ok(()) } else { Err(FilingRefusal::FilingNotEditable) }
    }
}

/// A reviewer's reason, trimmed, or why it cannot be used.
pub fn reason(text: &str) -> Result<String, FilingRefusal> {
    super::text::written_reason(text, MAX_REASON_CHARS).ok_or(FilingRefusal::FilingReason)
}

/// Items returned with their reasons: at least one, each a known item named once, each reason valid.
pub fn returned_items(items: &[(String, String)]) -> Result<Vec<(FilingItem, String)>, FilingRefusal> {
    if items.is_empty() {
        return Err(FilingRefusal::FilingReturnItems);
    }
    let mut out: Vec<(FilingItem, String)> = Vec::with_capacity(items.len());
    for (code, text) in items {
        let item = FilingItem::from_code(code.trim()).ok_or(FilingRefusal::FilingReturnItems)?;
        if out.iter().any(|(seen, _)| *seen == item) {
            return Err(FilingRefusal::FilingReturnItems);
        }
        out.push((item, reason(text)?));
    }
    Ok(out)
}

/// When the district's decision is due: the end of the `working_days`-th working day after
/// the day of submission.
pub fn review_due(submitted_at: Timestamp, working_days: u32) -> Timestamp {
    after_working_days(submitted_at, working_days)
}

/// The number printed on the receipt: one per accepted initial filing, from its year and id.
pub fn filing_number(year: i32, filing_id: i64) -> String {
    format!("渝北托备〔{year}〕{filing_id:05}号")
}

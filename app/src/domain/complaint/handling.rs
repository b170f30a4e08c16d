//! A department's step on a complaint as its form sends it, parsed into what the rules allow,
//! and the entries of a complaint's timeline (which of them the family sees).

use serde::{Deserialize, Serialize};

use super::deadline::extension;
use super::state::{Action, Finding};
use super::tracking::TrackingCode;
use super::{handling_text, ComplaintRefusal};
use crate::domain::account::roles::Department;

/// A step as the department's form sends it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StepInput {
    /// `dispatch`, `accept`, `return_to_lead`, `merge`, `ask_facility`, `extend`, `reply`, `close`.
    pub action: String,
    /// The reason, question, reply or action taken (required except to accept and dispatch).
    #[serde(default)]
    pub text: String,
    /// Dispatch: department codes, the replying one first.
    #[serde(default)]
    pub departments: Vec<String>,
    /// Extend: working days (1–15).
    pub extension_days: Option<u32>,
    /// Close: `substantiated`, `partly_substantiated` or `unfounded`.
    pub finding: Option<String>,
    /// Merge: the tracking code of the complaint it duplicates.
    pub merge_into: Option<String>,
}

/// A step that passed its own rules (the state machine decides whether it may be taken now).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Step {
    Dispatch { departments: Vec<Department>, note: Option<String> },
    Accept,
    ReturnToLead { reason: String },
    Merge { into: TrackingCode, note: Option<String> },
    AskFacility { question: String },
    Extend { working_days: u32, reason: String },
    Reply { text: String },
    Close { finding: Finding, action_taken: String },
}

impl Step {
    pub fn action(&self) -> Action {
        match self {
            Step::Dispatch { .. } => Action::Dispatch,
            Step::Accept => Action::Accept,
            Step::ReturnToLead { .. } => Action::ReturnToLead,
            Step::Merge { .. } => Action::Merge,
            Step::AskFacility { .. } => Action::AskFacility,
            Step::Extend { .. } => Action::Extend,
            Step::Reply { .. } => Action::Reply,
            Step::Close { .. } => Action::Close,
        }
    }

    /// The words that go into the timeline with it.
    pub fn text(&self) -> Option<&str> {
        match self {
            Step::Dispatch { note, .. } | Step::Merge { note, .. } => note.as_deref(),
            Step::Accept => None,
            Step::ReturnToLead { reason: text } | Step::AskFacility { question: text } | Step::Extend { reason: text, .. } | Step::Reply { text } => Some(text),
            Step::Close { action_taken, .. } => Some(action_taken),
        }
    }
}

fn optional_text(text: &str) -> Result<Option<String>, ComplaintRefusal> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        handling_text(text).map(Some)
    }
}

impl StepInput {
    pub fn validate(&self) -> Result<Step, ComplaintRefusal> {
        let action = Action::from_code(self.action.trim()).ok_or(ComplaintRefusal::NotInThisState)?;
        Ok(match action {
            Action::Dispatch => {
                let mut departments = Vec::new();
                for code in &self.departments {
                    let department = Department::from_code(code.trim()).ok_or(ComplaintRefusal::BadDispatch)?;
                    if departments.contains(&department) {
                        return Err(ComplaintRefusal::BadDispatch);
                    }
                    departments.push(department);
                }
                if departments.is_empty() {
                    return Err(ComplaintRefusal::BadDispatch);
                }
                Step::Dispatch { departments, note: optional_text(&self.text)? }
            }
            Action::Accept => Step::Accept,
            Action::ReturnToLead => Step::ReturnToLead { reason: handling_text(&self.text)? },
            Action::Merge => {
                let into = self.merge_into.as_deref().and_then(TrackingCode::parse).ok_or(ComplaintRefusal::BadMerge)?;
                Step::Merge { into, note: optional_text(&self.text)? }
            }
            Action::AskFacility => Step::AskFacility { question: handling_text(&self.text)? },
            Action::Extend => Step::Extend {
                working_days: extension(self.extension_days.unwrap_or(0))?,
                reason: handling_text(&self.text)?,
            },
            Action::Reply => Step::Reply { text: handling_text(&self.text)? },
            Action::Close => {
                let finding = self.finding.as_deref().and_then(Finding::from_code).ok_or(ComplaintRefusal::FindingMissing)?;
                Step::Close { finding, action_taken: handling_text(&self.text)? }
            }
        })
    }
}

crate::coded_enum! {
    /// An entry of a complaint's timeline.
    pub enum Event {
        /// 已提交.
        Filed = "filed",
        /// 已分派至 …: the routing table at filing, or the lead department later.
        Dispatched = "dispatched",
        Accepted = "accepted",
        /// Returned to the lead department (internal).
        Returned = "returned",
        /// Merged into another complaint.
        Merged = "merged",
        /// The facility was asked for an explanation (internal).
        AskedFacility = "asked_facility",
        /// The facility's explanation (internal).
        Explained = "explained",
        /// The reply deadline was extended.
        Extended = "extended",
        Replied = "replied",
        Closed = "closed",
        /// The family's verdict on the answer.
        Verdict = "verdict",
        /// Reopened after the family was not satisfied.
        Reopened = "reopened",
        /// The step's deadline passed (internal: the lead department was told).
        Overdue = "overdue",
    }
}

impl Event {
    /// Whether the family's timeline shows it (internal handling stays with the departments).
    pub fn shown_to_family(self) -> bool {
        !matches!(self, Event::Returned | Event::AskedFacility | Event::Explained | Event::Overdue)
    }

    /// Whether the family sees the words that came with it (a reply, a finding's action).
    pub fn words_shown_to_family(self) -> bool {
        matches!(self, Event::Replied | Event::Closed | Event::Extended)
    }

    /// The entry a department's step leaves.
    pub fn of(action: Action) -> Event {
        match action {
            Action::Dispatch => Event::Dispatched,
            Action::Accept => Event::Accepted,
            Action::ReturnToLead => Event::Returned,
            Action::Merge => Event::Merged,
            Action::AskFacility => Event::AskedFacility,
            Action::Extend => Event::Extended,
            Action::Reply => Event::Replied,
            Action::Close => Event::Closed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(action: &str) -> StepInput {
        StepInput { action: action.into(), ..StepInput::default() }
    }

    #[test]
    fn each_step_needs_what_it_says() {
        use ComplaintRefusal as R;
        assert_eq!(input("accept").validate(), Ok(Step::Accept));
        assert_eq!(input("reply").validate(), Err(R::TextMissing));
        assert_eq!(input("return_to_lead").validate(), Err(R::TextMissing));
        assert_eq!(input("close").validate(), Err(R::FindingMissing));
        assert_eq!(input("dispatch").validate(), Err(R::BadDispatch));
        assert_eq!(input("merge").validate(), Err(R::BadMerge));
        assert_eq!(input("shrug").validate(), Err(R::NotInThisState));
        let extend = StepInput { text: "需现场复查".into(), extension_days: Some(16), ..input("extend") };
        assert_eq!(extend.validate(), Err(R::BadExtension));
        let extend = StepInput { extension_days: Some(10), ..extend };
        assert_eq!(extend.validate(), Ok(Step::Extend { working_days: 10, reason: "需现场复查".into() }));
        let close = StepInput { finding: Some("substantiated".into()), text: "责令退还多收费用".into(), ..input("close") };
        assert_eq!(close.validate().map(|s| s.action()), Ok(Action::Close));
        let twice = StepInput { departments: vec!["market".into(), "market".into()], ..input("dispatch") };
        assert_eq!(twice.validate(), Err(R::BadDispatch));
        let unknown = StepInput { departments: vec!["weather".into()], ..input("dispatch") };
        assert_eq!(unknown.validate(), Err(R::BadDispatch));
        let dispatch = StepInput { departments: vec!["market".into(), "health".into()], ..input("dispatch") };
        assert_eq!(dispatch.validate(), Ok(Step::Dispatch { departments: vec![Department::Market, Department::Health], note: None }));
        let merge = StepInput { merge_into: Some("ts 26 7kq4m2".into()), ..input("merge") };
        assert!(matches!(merge.validate(), Ok(Step::Merge { .. })));
    }

    #[test]
    fn the_family_sees_what_concerns_it_and_not_the_internal_handling() {
        for &action in Action::ALL {
            let event = Event::of(action);
            let internal = matches!(action, Action::ReturnToLead | Action::AskFacility);
            assert_eq!(event.shown_to_family(), !internal, "{action:?}");
        }
        assert!(!Event::Overdue.shown_to_family() && !Event::Explained.shown_to_family());
        assert!(Event::Replied.words_shown_to_family() && !Event::Returned.words_shown_to_family());
    }
}

//! A complaint's life: who may do what in which state. The one definition of the handling
//! process; the store applies a transition only from the state it was decided on.
//!
//! ```text
//! filed ─routing table─▶ dispatched ─accept─▶ accepted ─reply─▶ replied ─close─▶ closed
//!            ▲               │  ▲                │                 │              │
//!            │      return to lead│ dispatch       │ (ask facility,   └── family 不满意 (once) ─┐
//!            │               ▼  │                │  extend once)                             │
//!            └─────────── pending (with the lead department) ◀──────────────────────────────┘
//! pending, dispatched or accepted ─merge─▶ merged (a duplicate of another complaint)
//! ```

use super::ComplaintRefusal;

crate::coded_enum! {
    /// Where a complaint stands.
    pub enum State {
        /// 待分派: with the lead department to dispatch (disputed, reopened).
        Pending = "pending",
        /// 已分派: sent to the handling departments, waiting to be accepted.
        Dispatched = "dispatched",
        /// 已受理: a department is looking into it.
        Accepted = "accepted",
        /// 已答复: the family has the department's answer.
        Replied = "replied",
        /// 已办结: closed with a finding.
        Closed = "closed",
        /// 已并单: a duplicate, handled as part of another complaint.
        Merged = "merged",
    }
}

impl State {
    /// Whether a department still has work in it (its inbox shows it).
    pub fn is_open(self) -> bool {
        !matches!(self, State::Closed | State::Merged)
    }
}

crate::coded_enum! {
    /// What a department does to a complaint.
    pub enum Action {
        /// 分派 / 改派: the lead department sends it to departments.
        Dispatch = "dispatch",
        /// 受理.
        Accept = "accept",
        /// 退回牵头部门: the dispatch was wrong (with a reason).
        ReturnToLead = "return_to_lead",
        /// 并单: a duplicate of another complaint.
        Merge = "merge",
        /// 要求机构说明: ask the facility for an explanation.
        AskFacility = "ask_facility",
        /// 延期: once, up to `MAX_EXTENSION_WORKING_DAYS`, with a reason.
        Extend = "extend",
        /// 答复: the answer the family reads.
        Reply = "reply",
        /// 办结: with a finding and the action taken.
        Close = "close",
    }
}

crate::coded_enum! {
    /// What the department found when it closed the complaint.
    pub enum Finding {
        /// 属实.
        Substantiated = "substantiated",
        /// 部分属实.
        PartlySubstantiated = "partly_substantiated",
        /// 不属实.
        Unfounded = "unfounded",
    }
}

impl Finding {
    /// Whether the facility page counts it ("经核实的投诉").
    pub fn is_verified(self) -> bool {
        matches!(self, Finding::Substantiated | Finding::PartlySubstantiated)
    }
}

crate::coded_enum! {
    /// The family's verdict on the answer.
    pub enum Satisfaction {
        /// 满意.
        Satisfied = "satisfied",
        /// 基本满意.
        MostlySatisfied = "mostly_satisfied",
        /// 不满意: reopens the complaint, once.
        Dissatisfied = "dissatisfied",
    }
}

/// The longest extension, in working days.
pub const MAX_EXTENSION_WORKING_DAYS: u32 = 15;
/// Days after the reply in which the family may give its verdict.
pub const SATISFACTION_DAYS: i64 = 7;

/// The department acting, as the complaint sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handler {
    /// It is the lead department (卫生健康委).
    pub lead: bool,
    /// The complaint is dispatched to it.
    pub assigned: bool,
}

/// What the rules need to know about a complaint besides its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    pub state: State,
    /// It has had its one extension.
    pub extended: bool,
}

/// The state after `action` by `handler`, or why it is refused.
pub fn transition(standing: Standing, action: Action, handler: Handler) -> Result<State, ComplaintRefusal> {
    use Action as A;
    use State as S;
    // Dispatching and merging are the lead department's; the rest are the assigned ones'.
    let allowed = match action {
        A::Dispatch | A::Merge => handler.lead,
        A::ReturnToLead => handler.assigned && !handler.lead,
        _ => handler.assigned,
    };
    if !allowed {
        return Err(ComplaintRefusal::NotYourStep);
    }
    let next = match (standing.state, action) {
        (S::Pending | S::Dispatched | S::Accepted, A::Dispatch) => S::Dispatched,
        (S::Dispatched, A::Accept) => S::Accepted,
        (S::Dispatched | S::Accepted, A::ReturnToLead) => S::Pending,
        (S::Pending | S::Dispatched | S::Accepted, A::Merge) => S::Merged,
        (S::Accepted, A::AskFacility) => S::Accepted,
        (S::Accepted, A::Extend) if standing.extended => return Err(ComplaintRefusal::AlreadyExtended),
        (S::Accepted, A::Extend) => S::Accepted,
        (S::Accepted, A::Reply) => S::Replied,
        (S::Replied, A::Close) => S::Closed,
        _ => return Err(ComplaintRefusal::NotInThisState),
    };
    Ok(next)
}

/// The last instant the family may give its verdict on an answer given at `replied_at`.
pub fn verdict_open_until(replied_at: crate::domain::calendar::Timestamp) -> crate::domain::calendar::Timestamp {
    crate::domain::calendar::Timestamp(replied_at.0 + SATISFACTION_DAYS * crate::domain::calendar::Timestamp::SECONDS_PER_DAY)
}

/// The state after the family's verdict on an answer: dissatisfaction reopens the complaint to
/// the lead department, once (`reopened_before`: a second 不满意 is recorded and closes nothing
/// more); one verdict per answer, and only once there is an answer.
pub fn after_verdict(state: State, verdict_given: bool, reopened_before: bool, verdict: Satisfaction) -> Result<State, ComplaintRefusal> {
    if verdict_given {
        return Err(ComplaintRefusal::VerdictAlreadyGiven);
    }
    match (state, verdict) {
        (State::Replied | State::Closed, Satisfaction::Dissatisfied) if !reopened_before => Ok(State::Pending),
        (State::Replied | State::Closed, _) => Ok(state),
        _ => Err(ComplaintRefusal::NotInThisState),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEAD_ASSIGNED: Handler = Handler { lead: true, assigned: true };
    const LEAD_ONLY: Handler = Handler { lead: true, assigned: false };
    const ASSIGNED: Handler = Handler { lead: false, assigned: true };
    const STRANGER: Handler = Handler { lead: false, assigned: false };

    fn at(state: State) -> Standing {
        Standing { state, extended: false }
    }

    /// Every (state, action) pair an assigned or lead department may take, and where it leads.
    fn allowed() -> Vec<(State, Action, State)> {
        use Action as A;
        use State as S;
        vec![
            (S::Pending, A::Dispatch, S::Dispatched),
            (S::Dispatched, A::Dispatch, S::Dispatched),
            (S::Accepted, A::Dispatch, S::Dispatched),
            (S::Dispatched, A::Accept, S::Accepted),
            (S::Dispatched, A::ReturnToLead, S::Pending),
            (S::Accepted, A::ReturnToLead, S::Pending),
            (S::Pending, A::Merge, S::Merged),
            (S::Dispatched, A::Merge, S::Merged),
            (S::Accepted, A::Merge, S::Merged),
            (S::Accepted, A::AskFacility, S::Accepted),
            (S::Accepted, A::Extend, S::Accepted),
            (S::Accepted, A::Reply, S::Replied),
            (S::Replied, A::Close, S::Closed),
        ]
    }

    fn handler_for(action: Action) -> Handler {
        match action {
            Action::Dispatch | Action::Merge => LEAD_ONLY,
            _ => ASSIGNED,
        }
    }

    #[test]
    fn every_allowed_transition_and_every_refused_one() {
        let allowed = allowed();
        for &state in State::ALL {
            for &action in Action::ALL {
                let expected = allowed.iter().find(|(s, a, _)| *s == state && *a == action).map(|(_, _, next)| *next);
                let got = transition(at(state), action, handler_for(action));
                match expected {
                    Some(next) => assert_eq!(got, Ok(next), "{state:?} --{action:?}-->"),
                    None => assert_eq!(got, Err(ComplaintRefusal::NotInThisState), "{state:?} --{action:?}--> is refused"),
                }
            }
        }
    }

    #[test]
    fn each_step_belongs_to_its_department() {
        for &state in State::ALL {
            for &action in Action::ALL {
                assert_eq!(transition(at(state), action, STRANGER), Err(ComplaintRefusal::NotYourStep), "a department it was not sent to");
            }
        }
        // Only the lead dispatches and merges, even among the assigned departments.
        assert_eq!(transition(at(State::Pending), Action::Dispatch, ASSIGNED), Err(ComplaintRefusal::NotYourStep));
        assert_eq!(transition(at(State::Dispatched), Action::Merge, ASSIGNED), Err(ComplaintRefusal::NotYourStep));
        // The lead sees everything but handles only what it was sent…
        assert_eq!(transition(at(State::Dispatched), Action::Accept, LEAD_ONLY), Err(ComplaintRefusal::NotYourStep));
        assert_eq!(transition(at(State::Dispatched), Action::Accept, LEAD_ASSIGNED), Ok(State::Accepted));
        // …and cannot return a complaint to itself.
        assert_eq!(transition(at(State::Dispatched), Action::ReturnToLead, LEAD_ASSIGNED), Err(ComplaintRefusal::NotYourStep));
    }

    #[test]
    fn one_extension_only() {
        let extended = Standing { state: State::Accepted, extended: true };
        assert_eq!(transition(extended, Action::Extend, ASSIGNED), Err(ComplaintRefusal::AlreadyExtended));
        assert_eq!(transition(extended, Action::Reply, ASSIGNED), Ok(State::Replied));
    }

    #[test]
    fn dissatisfaction_reopens_once_and_only_after_an_answer() {
        use Satisfaction as V;
        assert_eq!(after_verdict(State::Replied, false, false, V::Dissatisfied), Ok(State::Pending));
        assert_eq!(after_verdict(State::Closed, false, false, V::Dissatisfied), Ok(State::Pending));
        assert_eq!(after_verdict(State::Closed, false, true, V::Dissatisfied), Ok(State::Closed), "the second time it stays closed");
        assert_eq!(after_verdict(State::Closed, false, false, V::Satisfied), Ok(State::Closed));
        assert_eq!(after_verdict(State::Replied, false, false, V::MostlySatisfied), Ok(State::Replied));
        assert_eq!(after_verdict(State::Replied, true, false, V::Dissatisfied), Err(ComplaintRefusal::VerdictAlreadyGiven));
        for state in [State::Pending, State::Dispatched, State::Accepted, State::Merged] {
            assert_eq!(after_verdict(state, false, false, V::Satisfied), Err(ComplaintRefusal::NotInThisState), "{state:?}");
        }
        assert!(Finding::Substantiated.is_verified() && Finding::PartlySubstantiated.is_verified() && !Finding::Unfounded.is_verified());
    }
}

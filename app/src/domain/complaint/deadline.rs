//! By when each step of handling a complaint is due. Limits are in working days on the official
//! holiday calendar (`domain::workdays`), each ending at midnight Chongqing time of its last day;
//! urgent complaints (a child in danger) are accepted within hours, round the clock. The limits
//! are configuration (`Limits`), with the district's defaults.

use serde::{Deserialize, Serialize};

use super::state::{State, MAX_EXTENSION_WORKING_DAYS};
use super::{ComplaintRefusal, Kind};
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::workdays::{after_working_days, end_of_day, working_days_after, working_days_between};

/// Time limits for each step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// The lead department dispatches what waits with it (disputed or reopened).
    pub dispatch_working_days: u32,
    /// A department accepts what was dispatched to it.
    pub accept_working_days: u32,
    /// The family has a reply, counted from filing (or from reopening).
    pub reply_working_days: u32,
    /// The same for suggestions.
    pub suggestion_reply_working_days: u32,
    /// Urgent: dispatched and accepted within this many hours, day or night.
    pub urgent_accept_hours: i64,
    /// Urgent: replied within this many working days.
    pub urgent_reply_working_days: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            dispatch_working_days: 1,
            accept_working_days: 1,
            reply_working_days: 15,
            suggestion_reply_working_days: 7,
            urgent_accept_hours: 2,
            urgent_reply_working_days: 3,
        }
    }
}

/// What the deadline of a step depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub kind: Kind,
    pub urgent: bool,
    /// When the current state began.
    pub state_since: Timestamp,
    /// When the reply clock started: filing, or the latest reopening.
    pub reply_clock_from: Timestamp,
    /// Working days added by the one extension (0 without one).
    pub extension_working_days: u32,
}

impl Limits {
    /// When the complaint's current step is due; `None` when nothing is due (replied, closed,
    /// merged).
    pub fn due(&self, state: State, clock: Clock) -> Option<Timestamp> {
        let urgent_hours = Timestamp(clock.state_since.0 + self.urgent_accept_hours * 3600);
        match state {
            State::Pending | State::Dispatched if clock.urgent => Some(urgent_hours),
            State::Pending => Some(after_working_days(clock.state_since, self.dispatch_working_days)),
            State::Dispatched => Some(after_working_days(clock.state_since, self.accept_working_days)),
            State::Accepted => {
                let days = match (clock.urgent, clock.kind) {
                    (true, _) => self.urgent_reply_working_days,
                    (false, Kind::Suggestion) => self.suggestion_reply_working_days,
                    (false, _) => self.reply_working_days,
                };
                let reply_by = working_days_after(CivilDate::in_china_at(clock.reply_clock_from), days);
                Some(end_of_day(working_days_after(reply_by, clock.extension_working_days)))
            }
            State::Replied | State::Closed | State::Merged => None,
        }
    }
}

/// Where a complaint stands in an inbox: by its current deadline, those waiting without one
/// (answered, not yet closed) after every deadline; `None` once it is out of every inbox.
pub fn inbox_order(state: State, due: Option<Timestamp>) -> Option<i64> {
    state.is_open().then(|| due.map_or(i64::MAX, |t| t.0))
}

/// An extension of `days` working days, if allowed.
pub fn extension(days: u32) -> Result<u32, ComplaintRefusal> {
    if (1..=MAX_EXTENSION_WORKING_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(ComplaintRefusal::BadExtension)
    }
}

/// How a deadline looks at `now`: working days left (the deadline's own day counts as 0),
/// or overdue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Countdown {
    /// Whole working days after today until the due day; 0 means due today (shown in red).
    WorkingDaysLeft(i64),
    Overdue,
}

pub fn countdown(due: Timestamp, now: Timestamp) -> Countdown {
    if now >= due {
        return Countdown::Overdue;
    }
    // The due instant is midnight at the end of its day: its day is the second before.
    let due_day = CivilDate::in_china_at(Timestamp(due.0 - 1));
    Countdown::WorkingDaysLeft(working_days_between(CivilDate::in_china_at(now), due_day).max(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::CHINA_UTC_OFFSET_SECS;

    /// `date` at `hour`:00 Chongqing time.
    fn at(date: &str, hour: i64) -> Timestamp {
        let day = CivilDate::parse(date).expect("date").days_since_epoch();
        Timestamp(day * 86_400 + hour * 3600 - CHINA_UTC_OFFSET_SECS)
    }

    fn clock(kind: Kind, urgent: bool, since: Timestamp) -> Clock {
        Clock { kind, urgent, state_since: since, reply_clock_from: since, extension_working_days: 0 }
    }

    #[test]
    fn steps_are_due_at_midnight_of_their_last_working_day() {
        let limits = Limits::default();
        // Filed Thursday 12 February 2026 at 10:00, before the Spring Festival.
        let filed = at("2026-02-12", 10);
        let c = clock(Kind::Complaint, false, filed);
        assert_eq!(limits.due(State::Dispatched, c), Some(at("2026-02-13", 24)), "accept by the end of Friday");
        assert_eq!(limits.due(State::Pending, c), Some(at("2026-02-13", 24)));
        // Filed on the Friday: the next working day is the make-up Saturday.
        assert_eq!(limits.due(State::Dispatched, clock(Kind::Complaint, false, at("2026-02-13", 16))), Some(at("2026-02-14", 24)));
        assert_eq!(limits.due(State::Accepted, c), Some(at("2026-03-11", 24)), "15 working days across the holiday");
        assert_eq!(limits.due(State::Accepted, clock(Kind::Suggestion, false, filed)), Some(at("2026-02-28", 24)), "7 working days");
        for done in [State::Replied, State::Closed, State::Merged] {
            assert_eq!(limits.due(done, c), None);
        }
    }

    #[test]
    fn urgent_complaints_are_accepted_within_two_hours_day_or_night() {
        let limits = Limits::default();
        // 23:00 on the eve of the Spring Festival holiday: due at 01:00, holiday or not.
        let filed = at("2026-02-14", 23);
        let c = clock(Kind::Report, true, filed);
        assert_eq!(limits.due(State::Dispatched, c), Some(at("2026-02-15", 1)));
        assert_eq!(limits.due(State::Pending, c), Some(at("2026-02-15", 1)));
        // Replied within 3 working days: 24, 25 and 26 February.
        assert_eq!(limits.due(State::Accepted, c), Some(at("2026-02-26", 24)));
    }

    #[test]
    fn an_extension_adds_working_days_after_the_original_deadline() {
        let limits = Limits::default();
        let mut c = clock(Kind::Complaint, false, at("2026-02-12", 10));
        c.extension_working_days = extension(15).expect("allowed");
        // 11 March + 15 working days: 12, 13, 16…20, 23…27, 30, 31 March, 1 April.
        assert_eq!(limits.due(State::Accepted, c), Some(at("2026-04-01", 24)));
        assert_eq!(extension(0), Err(ComplaintRefusal::BadExtension));
        assert_eq!(extension(16), Err(ComplaintRefusal::BadExtension));
    }

    #[test]
    fn inboxes_put_the_nearest_deadline_first_and_drop_what_is_done() {
        let due = Some(at("2026-03-11", 24));
        assert_eq!(inbox_order(State::Accepted, due), Some(at("2026-03-11", 24).0));
        assert_eq!(inbox_order(State::Replied, None), Some(i64::MAX), "answered: after every deadline");
        assert_eq!(inbox_order(State::Closed, None), None);
        assert_eq!(inbox_order(State::Merged, None), None);
        assert!(inbox_order(State::Dispatched, Some(at("2026-03-01", 24))) < inbox_order(State::Accepted, due));
    }

    #[test]
    fn the_countdown_counts_working_days_and_turns_overdue_at_the_deadline() {
        let due = at("2026-03-11", 24);
        assert_eq!(countdown(due, at("2026-03-11", 9)), Countdown::WorkingDaysLeft(0), "due today");
        assert_eq!(countdown(due, at("2026-03-10", 9)), Countdown::WorkingDaysLeft(1));
        assert_eq!(countdown(due, at("2026-03-06", 9)), Countdown::WorkingDaysLeft(3), "Friday: the weekend does not count");
        assert_eq!(countdown(due, at("2026-03-12", 0)), Countdown::Overdue);
        assert_eq!(countdown(due, Timestamp(due.0 - 1)), Countdown::WorkingDaysLeft(0));
    }
}

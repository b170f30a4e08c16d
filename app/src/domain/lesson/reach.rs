//! The plan's reach goal (item 7): at least 90 % of families with a child under 3 reached by
//! science-based parenting knowledge. These are the definitions; the store counts with the
//! same bounds (its test ties the two), the supervisor page and the dashboard show the figure.

use serde::{Deserialize, Serialize};

use crate::domain::calendar::{CivilDate, Timestamp, CHINA_UTC_OFFSET_SECS};

/// Lessons a family must have learned in the window to count as reached.
pub const LESSONS_TO_BE_REACHED: u32 = 3;
/// The plan's goal, in per mille of families with a child under 3.
pub const GOAL_PER_MILLE: u32 = 900;

/// A lesson counts as learned when it was read to the end and its check answered (right or
/// wrong: answering is what shows it was taken in; the right answer is then explained).
/// Learned at the later of the two moments.
pub fn learned_at(read_to_end: Option<Timestamp>, check_answered: Option<Timestamp>) -> Option<Timestamp> {
    Some(read_to_end?.max(check_answered?))
}

/// The window of "the last 12 months" on `today` (China time): learning from the start of
/// the same day a year earlier counts. 29 February looks back to 28 February.
pub fn window_start(today: CivilDate) -> Timestamp {
    let start = today.years_before(1);
    Timestamp(start.days_since_epoch() * Timestamp::SECONDS_PER_DAY - CHINA_UTC_OFFSET_SECS)
}

/// Whether a family that learned lessons at these moments is reached on `today`.
pub fn family_reached(learned: &[Timestamp], today: CivilDate) -> bool {
    let since = window_start(today);
    learned.iter().filter(|at| **at >= since).count() as u32 >= LESSONS_TO_BE_REACHED
}

/// The district figure: reached families among families with a child under 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reach {
    pub reached: u64,
    pub families: u64,
}

impl Reach {
    /// Share reached, in per mille, rounded down (a goal is met only when really met); none
    /// when there are no families to count.
    pub fn per_mille(self) -> Option<u32> {
        (self.families > 0).then(|| (self.reached.min(self.families) * 1000 / self.families) as u32)
    }

    pub fn meets_goal(self) -> bool {
        self.per_mille().is_some_and(|share| share >= GOAL_PER_MILLE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first second of `date` in China.
    fn at(date: &str) -> Timestamp {
        let day = CivilDate::parse(date).expect("a valid test value").days_since_epoch();
        Timestamp(day * Timestamp::SECONDS_PER_DAY - CHINA_UTC_OFFSET_SECS)
    }

    #[test]
    fn a_lesson_is_learned_only_when_read_and_answered() {
        assert_eq!(learned_at(Some(Timestamp(10)), None), None);
        assert_eq!(learned_at(None, Some(Timestamp(10))), None);
        assert_eq!(learned_at(Some(Timestamp(10)), Some(Timestamp(7))), Some(Timestamp(10)));
    }

    #[test]
    fn three_lessons_in_the_last_twelve_months_reach_a_family() {
        let today = CivilDate::parse("2026-12-02").expect("a valid test value");
        let in_window = [at("2025-12-02"), at("2026-06-01"), at("2026-12-01")];
        assert!(family_reached(&in_window, today));
        let one_too_old = [Timestamp(at("2025-12-02").0 - 1), at("2026-06-01"), at("2026-12-01")];
        assert!(!family_reached(&one_too_old, today));
        assert!(!family_reached(&in_window[..2], today));
    }

    #[test]
    fn the_window_from_a_leap_day_starts_on_the_last_day_of_february() {
        let start = window_start(CivilDate::parse("2028-02-29").expect("a valid test value"));
        assert_eq!(CivilDate::in_china_at(start), CivilDate::parse("2027-02-28").expect("a valid test value"));
        assert_eq!(CivilDate::in_china_at(Timestamp(start.0 - 1)), CivilDate::parse("2027-02-27").expect("a valid test value"));
    }

    #[test]
    fn the_share_is_rounded_down_and_the_goal_is_ninety_percent() {
        assert_eq!(Reach { reached: 899, families: 1000 }.per_mille(), Some(899));
        assert!(!Reach { reached: 8999, families: 10000 }.meets_goal());
        assert!(Reach { reached: 9, families: 10 }.meets_goal());
        assert_eq!(Reach { reached: 0, families: 0 }.per_mille(), None);
        assert!(!Reach { reached: 0, families: 0 }.meets_goal());
    }
}

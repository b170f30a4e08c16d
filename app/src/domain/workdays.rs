//! Working days (工作日) on the official holiday calendar: complaint and review deadlines count
//! them. Each year's days off and weekend make-up working days (调休上班) are the State
//! Council's yearly notice, kept here as data; a year without a notice on record falls back to
//! Monday–Friday, and pages that show a deadline in such a year say so (`has_schedule`).

use super::calendar::{CivilDate, Timestamp, CHINA_UTC_OFFSET_SECS};

/// One year's official schedule: the days off and the weekend days worked instead.
pub struct Schedule {
    pub year: i32,
    /// The notice it comes from.
    pub source: &'static str,
    /// Ranges of days off, `((month, day), (month, day))`, both ends included.
    days_off: &'static [((u8, u8), (u8, u8))],
    /// Saturdays and Sundays that are working days.
    make_up_days: &'static [(u8, u8)],
}

/// The notices on record. Add a year when its notice is published (usually in November).
const SCHEDULES: &[Schedule] = &[
    Schedule {
        year: 2025,
        source: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",
        days_off: &[
            ((1, 1), (1, 1)),
            ((1, 28), (2, 4)),
            ((4, 4), (4, 6)),
            ((5, 1), (5, 5)),
            ((5, 31), (6, 2)),
            ((10, 1), (10, 8)),
        ],
        make_up_days: &[(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)],
    },
    Schedule {
        year: 2026,
        source: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
        days_off: &[
            ((1, 1), (1, 3)),
            ((2, 15), (2, 23)),
            ((4, 4), (4, 6)),
            ((5, 1), (5, 5)),
            ((6, 19), (6, 21)),
            ((9, 25), (9, 27)),
            ((10, 1), (10, 7)),
        ],
        make_up_days: &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)],
    },
];

/// The schedule on record for `year`, if its notice is.
pub fn schedule_of(year: i32) -> Option<&'static Schedule> {
    SCHEDULES.iter().find(|s| s.year == year)
}

/// Whether deadlines in `year` follow an official schedule (otherwise Monday–Friday).
pub fn has_schedule(year: i32) -> bool {
    schedule_of(year).is_some()
}

/// Whether `date` is a working day.
pub fn is_working_day(date: CivilDate) -> bool {
    let weekend = date.iso_weekday() >= 6;
    let Some(schedule) = schedule_of(date.year()) else { return !weekend };
    let day = (date.month(), date.day());
    if schedule.make_up_days.contains(&day) {
        return true;
    }
    let off = schedule.days_off.iter().any(|(first, last)| *first <= day && day <= *last);
    !weekend && !off
}

/// The `n`-th working day after `date` (`date` itself does not count, as a time limit starts
/// the day after the event). `n = 0` is `date`.
pub fn working_days_after(date: CivilDate, n: u32) -> CivilDate {
    let mut day = date;
    let mut counted = 0;
    while counted < n {
        day = day.next_day();
        if is_working_day(day) {
            counted += 1;
        }
    }
    day
}

/// Working days after `from` up to and including `to`; negative (the working days after `to`
/// up to and including `from`) when `to` is earlier. A deadline's "working days left".
pub fn working_days_between(from: CivilDate, to: CivilDate) -> i64 {
    let (start, end, sign) = if to >= from { (from, to, 1) } else { (to, from, -1) };
    let mut day = start;
    let mut count = 0;
    while day < end {
        day = day.next_day();
        if is_working_day(day) {
            count += 1;
        }
    }
    sign * count
}

/// The end (midnight, Chongqing time) of `date`.
pub fn end_of_day(date: CivilDate) -> Timestamp {
    Timestamp((date.days_since_epoch() + 1) * Timestamp::SECONDS_PER_DAY - CHINA_UTC_OFFSET_SECS)
}

/// The end of the `n`-th working day after the day of `from`.
pub fn after_working_days(from: Timestamp, n: u32) -> Timestamp {
    end_of_day(working_days_after(CivilDate::in_china_at(from), n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> CivilDate {
        CivilDate::parse(s).expect("test date")
    }

    #[test]
    fn the_spring_festival_and_its_make_up_saturdays() {
        // 2026: off 15–23 February; Saturday 14 and Saturday 28 February are worked.
        assert!(is_working_day(date("2026-02-13")));
        assert!(is_working_day(date("2026-02-14")), "make-up Saturday");
        for day in 15..=23 {
            assert!(!is_working_day(date(&format!("2026-02-{day}"))), "2026-02-{day} is off");
        }
        assert!(is_working_day(date("2026-02-24")));
        assert!(!is_working_day(date("2026-02-21")), "a Saturday inside the holiday");
        assert!(is_working_day(date("2026-02-28")), "make-up Saturday");
        assert!(!is_working_day(date("2026-03-01")), "an ordinary Sunday");
        // 2025: off 28 January – 4 February, across the month end; Sunday 26 January worked.
        assert!(is_working_day(date("2025-01-26")));
        assert!(!is_working_day(date("2025-01-31")));
        assert!(!is_working_day(date("2025-02-04")));
        assert!(is_working_day(date("2025-02-05")));
        assert!(!is_working_day(date("2025-06-02")), "Dragon Boat across May and June");
    }

    #[test]
    fn a_deadline_across_the_spring_festival() {
        // Filed Thursday 12 February 2026: the working days after it are 13 (Fri), 14 (make-up
        // Sat), then 24, 25, 26, 27 and 28 (make-up Sat) February, 2 March…
        let filed = date("2026-02-12");
        assert_eq!(working_days_after(filed, 1).to_string(), "2026-02-13");
        assert_eq!(working_days_after(filed, 2).to_string(), "2026-02-14");
        assert_eq!(working_days_after(filed, 3).to_string(), "2026-02-24");
        assert_eq!(working_days_after(filed, 7).to_string(), "2026-02-28");
        assert_eq!(working_days_after(filed, 8).to_string(), "2026-03-02");
        assert_eq!(working_days_after(filed, 15).to_string(), "2026-03-11");
        assert_eq!(working_days_after(filed, 0), filed);
        assert_eq!(working_days_between(filed, date("2026-03-11")), 15);
        assert_eq!(working_days_between(date("2026-03-11"), filed), -15);
        assert_eq!(working_days_between(filed, filed), 0);
    }

    #[test]
    fn national_day_and_new_year() {
        assert_eq!(working_days_after(date("2026-09-30"), 1).to_string(), "2026-10-08");
        assert!(is_working_day(date("2026-10-10")), "make-up Saturday");
        assert!(is_working_day(date("2026-01-04")), "make-up Sunday");
        assert_eq!(working_days_after(date("2025-12-31"), 1).to_string(), "2026-01-04");
    }

    #[test]
    fn a_year_without_a_notice_counts_monday_to_friday() {
        assert!(!has_schedule(2027));
        assert!(has_schedule(2025) && has_schedule(2026));
        // Friday 1 January 2027 counts as a working day: no notice is on record.
        assert!(is_working_day(date("2027-01-01")));
        assert!(!is_working_day(date("2027-01-02")));
        assert_eq!(working_days_after(date("2027-01-01"), 1).to_string(), "2027-01-04");
    }

    #[test]
    fn every_schedule_is_well_formed() {
        for schedule in SCHEDULES {
            for &((m1, d1), (m2, d2)) in schedule.days_off {
                let first = CivilDate::new(schedule.year, m1, d1).expect("first day off");
                let last = CivilDate::new(schedule.year, m2, d2).expect("last day off");
                assert!(first <= last, "{} {first}..{last}", schedule.year);
            }
            for &(m, d) in schedule.make_up_days {
                let day = CivilDate::new(schedule.year, m, d).expect("make-up day");
                assert!(day.iso_weekday() >= 6, "{day} is a weekend day made a working day");
            }
        }
    }
}

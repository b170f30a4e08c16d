//! A child's health checks and immunisation doses as dates, from the birth date: what is due
//! next and what was due before today (which may be done already: the family's vaccination
//! certificate and the doctor say, not this app).

use serde::{Deserialize, Serialize};

use super::{Check, Dose, Schedule};
use crate::domain::calendar::CivilDate;

/// Check or dose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Check,
    Dose,
}

/// Where a date stands against today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum When {
    /// Due before today: done already, or to catch up.
    Before,
    /// The next date due (today or later); every item of that date.
    Next,
    Later,
}

/// One check or dose of a child's schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub due: CivilDate,
    pub kind: Kind,
    /// Index into the schedule's checks or doses.
    pub index: usize,
    pub when: When,
}

/// When a check is due: a number of days (the newborn visit) or whole months after birth.
pub fn check_due(birth: CivilDate, check: &Check) -> CivilDate {
    match (check.age_days, check.months) {
        (Some(days), _) => birth.plus_days(days),
        (None, months) => birth.plus_months(months.unwrap_or(0)),
    }
}

pub fn dose_due(birth: CivilDate, dose: &Dose) -> CivilDate {
    birth.plus_months(dose.months)
}

/// Every check and dose with its date, in date order (checks before doses on a day).
pub fn timeline(schedule: &Schedule, birth: CivilDate, today: CivilDate) -> Vec<Entry> {
    let mut entries: Vec<Entry> = schedule
        .check
        .iter()
        .enumerate()
        .map(|(index, check)| (check_due(birth, check), Kind::Check, index))
        .chain(schedule.dose.iter().enumerate().map(|(index, dose)| (dose_due(birth, dose), Kind::Dose, index)))
        .map(|(due, kind, index)| Entry { due, kind, index, when: When::Later })
        .collect();
    entries.sort_by_key(|e| (e.due, e.kind, e.index));
    let next = entries.iter().map(|e| e.due).find(|due| *due >= today);
    for entry in &mut entries {
        entry.when = if entry.due < today {
            When::Before
        } else if Some(entry.due) == next {
            When::Next
        } else {
            When::Later
        };
    }
    entries
}

/// Days before a health check that the family is reminded.
pub const REMIND_DAYS_BEFORE: u32 = 7;

/// The checks of a child born on `birth` due from `today` to `REMIND_DAYS_BEFORE` days later:
/// (index into the schedule's checks, date).
pub fn checks_to_remind(schedule: &Schedule, birth: CivilDate, today: CivilDate) -> Vec<(usize, CivilDate)> {
    let last = today.plus_days(REMIND_DAYS_BEFORE);
    schedule.check.iter().enumerate().map(|(index, check)| (index, check_due(birth, check))).filter(|(_, due)| today <= *due && *due <= last).collect()
}

/// Birth dates that may have a check to remind of on `today`, as ranges to ask the database
/// for (a day of slack each side for month ends); `checks_to_remind` then decides exactly.
pub fn birth_ranges_to_remind(schedule: &Schedule, today: CivilDate) -> Vec<(CivilDate, CivilDate)> {
    schedule
        .check
        .iter()
        .map(|check| {
            let (days, months) = (check.age_days.unwrap_or(0), check.months.unwrap_or(0));
            let earliest = CivilDate::from_days_since_epoch(today.days_since_epoch() - i64::from(days) - 1);
            let latest = CivilDate::from_days_since_epoch(today.plus_days(REMIND_DAYS_BEFORE).days_since_epoch() - i64::from(days) + 1);
            (minus_months(earliest, months), minus_months(latest, months))
        })
        .collect()
}

/// The same day `months` months earlier, a missing day falling back to the month's last; a
/// few days of slack around month ends are covered by the ranges' extra day and the exact
/// check afterwards.
fn minus_months(date: CivilDate, months: u32) -> CivilDate {
    let years_back = months.div_ceil(12);
    date.years_before(years_back as i32).plus_months(years_back * 12 - months)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> CivilDate {
        CivilDate::parse(s).expect("a valid test value")
    }

    fn schedule() -> Schedule {
        let check = |id: &str, age_days: Option<u32>, months: Option<u32>| Check {
            id: id.into(),
            age_days,
            months,
            zh: id.into(),
            en: id.into(),
            what_zh: "查".into(),
            what_en: "check".into(),
        };
        let dose = |vaccine: &str, dose: u32, months: u32| Dose {
            vaccine: vaccine.into(),
            zh: vaccine.into(),
            en: vaccine.into(),
            dose,
            months,
            source: "s".into(),
            note_zh: None,
            note_en: None,
        };
        Schedule {
            check: vec![check("newborn", Some(7), None), check("m1", None, Some(1)), check("m6", None, Some(6)), check("m36", None, Some(36))],
            dose: vec![dose("hepb", 1, 0), dose("hepb", 2, 1), dose("dtap", 1, 2), dose("hepb", 3, 6)],
        }
    }

    #[test]
    fn dates_count_whole_months_from_the_birth_date_and_month_ends_fall_back() {
        let s = schedule();
        // Born on 31 August: one month is 30 September, six months is 28 February.
        let birth = date("2025-08-31");
        assert_eq!(check_due(birth, &s.check[0]), date("2025-09-07"));
        assert_eq!(check_due(birth, &s.check[1]), date("2025-09-30"));
        assert_eq!(check_due(birth, &s.check[2]), date("2026-02-28"));
        assert_eq!(dose_due(birth, &s.dose[2]), date("2025-10-31"));
        // Born on a leap day: the 36-month check is on 28 February three years later.
        assert_eq!(check_due(date("2024-02-29"), &s.check[3]), date("2027-02-28"));
        assert_eq!(check_due(date("2024-01-31"), &s.check[1]), date("2024-02-29"));
    }

    #[test]
    fn a_check_is_reminded_in_the_week_before_it_and_the_birth_ranges_find_the_child() {
        let s = schedule();
        let today = date("2026-02-21");
        // Born 31 August 2025: the 6-month check falls on 28 February 2026, 7 days ahead.
        let birth = date("2025-08-31");
        assert_eq!(checks_to_remind(&s, birth, today), vec![(2, date("2026-02-28"))]);
        assert_eq!(checks_to_remind(&s, birth, date("2026-02-20")), vec![]);
        assert_eq!(checks_to_remind(&s, birth, date("2026-03-01")), vec![]);
        // Every birth date with a check to remind lies in one of the ranges asked for.
        for offset in 0..1200 {
            let birth = CivilDate::from_days_since_epoch(today.days_since_epoch() - offset);
            if !checks_to_remind(&s, birth, today).is_empty() {
                assert!(birth_ranges_to_remind(&s, today).iter().any(|(from, to)| *from <= birth && birth <= *to), "{birth}");
            }
        }
    }

    #[test]
    fn the_next_date_is_marked_with_every_item_due_on_it_and_earlier_ones_come_before() {
        let s = schedule();
        let birth = date("2025-08-31");
        let entries = timeline(&s, birth, date("2025-10-01"));
        let when = |kind: Kind, index: usize| entries.iter().find(|e| e.kind == kind && e.index == index).map(|e| e.when);
        assert_eq!(when(Kind::Dose, 0), Some(When::Before));
        assert_eq!(when(Kind::Check, 1), Some(When::Before));
        assert_eq!(when(Kind::Dose, 2), Some(When::Next));
        assert_eq!(when(Kind::Check, 2), Some(When::Later));
        // On the day itself, the 1-month check and the second hepatitis B dose are both next.
        let entries = timeline(&s, birth, date("2025-09-30"));
        let next: Vec<(Kind, usize)> = entries.iter().filter(|e| e.when == When::Next).map(|e| (e.kind, e.index)).collect();
        assert_eq!(next, vec![(Kind::Check, 1), (Kind::Dose, 1)]);
        assert!(entries.windows(2).all(|pair| pair[0].due <= pair[1].due));
    }
}

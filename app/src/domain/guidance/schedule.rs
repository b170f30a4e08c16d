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

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> CivilDate {
        CivilDate::parse(s).unwrap()
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

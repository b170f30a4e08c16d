//! Honest vacancies: free places come from what the staff can care for today, not from the
//! licence, and figures nobody has confirmed for a month are not shown as free places.

use serde::{Deserialize, Serialize};

use super::calendar::Timestamp;
use super::facility::Class;

/// Figures older than this many days are shown as unknown (未更新).
pub const STALE_AFTER_DAYS: i64 = 30;

/// What a family is told about free places in a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Vacancy {
    /// This many places can be offered now.
    Free(u32),
    /// No place is free.
    Full,
    /// The operator has not confirmed the figures within `STALE_AFTER_DAYS`.
    Unknown,
}

/// Places that can still be offered: min(filed, staffed) − enrolled − held, never below zero.
pub fn free_places(filed_capacity: u32, staffed_capacity: u32, enrolled: u32, held: u32) -> u32 {
    filed_capacity.min(staffed_capacity).saturating_sub(enrolled).saturating_sub(held)
}

crate::coded_enum! {
    /// Why the figures an operator confirms for a class cannot be stored.
    pub enum FigureRefusal {
        /// The staff can care for more children than the filing allows: capped by the filing.
        StaffedAboveFiled = "staffed_above_filed",
        /// More children than one class of this age may hold under the national standard.
        AboveClassSize = "above_class_size",
        /// Enrolled children plus held places would not fit in the capacity.
        CapacityBelowTaken = "capacity_below_taken",
        /// Fewer enrolled children than those who joined through this platform: those leave
        /// through their applications ("withdrawn"), not through the figures form.
        EnrolledBelowPlatform = "enrolled_below_platform",
        /// More places than the carers on the roster may look after at the national ratio.
        StaffedAboveRoster = "staffed_above_roster",
    }
}

/// Figures of a class that passed [`check_figures`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckedFigures {
    pub staffed_capacity: u32,
    /// Children enrolled directly at the facility, not through an application here.
    pub enrolled_direct: u32,
}

/// Checks the figures an operator confirms for a class: `staffed` ≤ filed ≤ the standard's
/// class size, `enrolled` (all children in places) ≥ those enrolled through this platform, and
/// enrolled + held within min(filed, staffed). Sums are taken in 64 bits: any `u32` is safe.
pub fn check_figures(
    level: super::facility::ClassLevel,
    filed: u32,
    staffed: u32,
    enrolled: u32,
    held: u32,
    enrolled_by_platform: u32,
) -> Result<CheckedFigures, FigureRefusal> {
    if staffed > level.max_class_size() || enrolled > level.max_class_size() {
        return Err(FigureRefusal::AboveClassSize);
    }
    if staffed > filed {
        return Err(FigureRefusal::StaffedAboveFiled);
    }
    if enrolled < enrolled_by_platform {
        return Err(FigureRefusal::EnrolledBelowPlatform);
    }
    if u64::from(enrolled) + u64::from(held) > u64::from(filed.min(staffed)) {
        return Err(FigureRefusal::CapacityBelowTaken);
    }
    Ok(CheckedFigures { staffed_capacity: staffed, enrolled_direct: enrolled - enrolled_by_platform })
}

/// The roster's limit on the staffed figure: once a facility lists its carers, a class may
/// take no more children than its carers may look after at the national ratio (1:3, 1:5, 1:7).
/// `carers` is `None` while the roster lists no carer at all (facilities that keep their roster
/// elsewhere are not refused; their page says the rate is unknown). Lowering is always allowed.
pub fn check_roster(level: super::facility::ClassLevel, staffed: u32, carers: Option<u32>) -> Result<(), FigureRefusal> {
    match carers {
        Some(carers) if staffed > super::roster::places_for_carers(level, carers) => Err(FigureRefusal::StaffedAboveRoster),
        _ => Ok(()),
    }
}

impl Vacancy {
    /// The vacancy of a class as seen at `now`.
    pub fn of(class: &Class, now: Timestamp) -> Vacancy {
        if class.updated_at.days_until(now) >= STALE_AFTER_DAYS {
            return Vacancy::Unknown;
        }
        match free_places(class.filed_capacity, class.staffed_capacity, class.enrolled, class.held) {
            0 => Vacancy::Full,
            n => Vacancy::Free(n),
        }
    }

    pub fn free(self) -> u32 {
        match self {
            Vacancy::Free(n) => n,
            Vacancy::Full | Vacancy::Unknown => 0,
        }
    }
}

/// The vacancy of a whole facility: the sum over classes with known figures; unknown when no
/// class has current figures.
pub fn facility_vacancy(classes: &[Class], now: Timestamp) -> Vacancy {
    let vacancies: Vec<Vacancy> = classes.iter().map(|c| Vacancy::of(c, now)).collect();
    if vacancies.is_empty() || vacancies.iter().all(|v| *v == Vacancy::Unknown) {
        return Vacancy::Unknown;
    }
    match vacancies.iter().map(|v| v.free()).sum() {
        0 => Vacancy::Full,
        n => Vacancy::Free(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::facility::ClassLevel;

    const DAY: i64 = Timestamp::SECONDS_PER_DAY;

    fn class(filed: u32, staffed: u32, enrolled: u32, held: u32, updated_days_ago: i64) -> Class {
        Class {
            id: 1,
            facility_id: 1,
            level: ClassLevel::Toddler,
            filed_capacity: filed,
            staffed_capacity: staffed,
            enrolled,
            held,
            monthly_fee: 1800,
            updated_at: Timestamp(1_000 * DAY - updated_days_ago * DAY),
        }
    }
    const NOW: Timestamp = Timestamp(1_000 * DAY);

    #[test]
    fn figures_are_bounded_by_the_filing_and_the_national_class_sizes() {
        use super::super::facility::ClassLevel::{Infant, Older, Toddler};
        assert_eq!(check_figures(Infant, 10, 10, 8, 2, 0), Ok(CheckedFigures { staffed_capacity: 10, enrolled_direct: 8 }));
        assert_eq!(check_figures(Infant, 10, 11, 0, 0, 0), Err(FigureRefusal::AboveClassSize), "乳儿班 at most 10");
        assert_eq!(check_figures(Toddler, 15, 16, 0, 0, 0), Err(FigureRefusal::AboveClassSize), "托小班 at most 15");
        assert_eq!(check_figures(Older, 20, 20, 20, 0, 0).map(|f| f.enrolled_direct), Ok(20), "托大班 at most 20");
        assert_eq!(check_figures(Older, 18, 19, 0, 0, 0), Err(FigureRefusal::StaffedAboveFiled));
        assert_eq!(check_figures(Older, 20, u32::MAX, 0, 0, 0), Err(FigureRefusal::AboveClassSize), "an unparsable figure never passes");
        assert_eq!(check_figures(Older, 20, 20, u32::MAX, u32::MAX, 0), Err(FigureRefusal::AboveClassSize));
        assert_eq!(check_figures(Older, 20, 20, 19, u32::MAX, 0), Err(FigureRefusal::CapacityBelowTaken), "no overflow");
    }

    #[test]
    fn platform_enrolments_are_counted_apart_from_direct_ones() {
        use super::super::facility::ClassLevel::Toddler;
        assert_eq!(check_figures(Toddler, 15, 12, 5, 1, 3), Ok(CheckedFigures { staffed_capacity: 12, enrolled_direct: 2 }));
        assert_eq!(check_figures(Toddler, 15, 12, 2, 0, 3), Err(FigureRefusal::EnrolledBelowPlatform));
        assert_eq!(check_figures(Toddler, 15, 5, 5, 1, 0), Err(FigureRefusal::CapacityBelowTaken));
    }

    #[test]
    fn free_places_count_from_staffed_capacity_when_it_is_lower_than_filed() {
        assert_eq!(Vacancy::of(&class(20, 12, 8, 1, 0), NOW), Vacancy::Free(3));
    }

    #[test]
    fn free_places_count_from_filed_capacity_when_staff_could_care_for_more() {
        assert_eq!(Vacancy::of(&class(10, 15, 6, 0, 0), NOW), Vacancy::Free(4));
    }

    #[test]
    fn vacancy_is_never_below_zero() {
        assert_eq!(free_places(10, 8, 9, 2), 0);
        assert_eq!(Vacancy::of(&class(10, 8, 9, 2, 0), NOW), Vacancy::Full);
    }

    #[test]
    fn figures_29_days_old_are_current_and_30_days_old_are_unknown() {
        assert_eq!(Vacancy::of(&class(10, 10, 5, 0, 29), NOW), Vacancy::Free(5));
        assert_eq!(Vacancy::of(&class(10, 10, 5, 0, 30), NOW), Vacancy::Unknown);
    }

    #[test]
    fn a_facility_sums_only_current_classes() {
        let classes = [class(10, 10, 5, 0, 1), class(10, 10, 0, 0, 45)];
        assert_eq!(facility_vacancy(&classes, NOW), Vacancy::Free(5));
        assert_eq!(facility_vacancy(&classes[1..], NOW), Vacancy::Unknown);
        assert_eq!(facility_vacancy(&[], NOW), Vacancy::Unknown);
        assert_eq!(facility_vacancy(&[class(5, 5, 5, 0, 1)], NOW), Vacancy::Full);
    }

    #[test]
    fn the_roster_caps_the_staffed_figure_at_the_national_ratio() {
        use crate::domain::facility::ClassLevel::{Infant, Older, Toddler};
        // Two carers: 6 infants, 10 toddlers, 14 older children.
        assert_eq!(check_roster(Infant, 6, Some(2)), Ok(()));
        assert_eq!(check_roster(Infant, 7, Some(2)), Err(FigureRefusal::StaffedAboveRoster));
        assert_eq!(check_roster(Toddler, 11, Some(2)), Err(FigureRefusal::StaffedAboveRoster));
        assert_eq!(check_roster(Older, 14, Some(2)), Ok(()));
        // No carer for the class: none may be taken; no roster at all: no limit from it.
        assert_eq!(check_roster(Toddler, 1, Some(0)), Err(FigureRefusal::StaffedAboveRoster));
        assert_eq!(check_roster(Toddler, 0, Some(0)), Ok(()));
        assert_eq!(check_roster(Toddler, 15, None), Ok(()));
    }
}

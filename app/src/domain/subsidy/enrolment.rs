//! Monthly enrolment snapshots and the enrolment a subsidy counts.
//!
//! Every day the server records each filed facility's children in care per class level for the
//! current month (the last record of a month stands for it: 月末在托人数). A past month is never
//! rewritten.
//!
//! Where the plan is silent we chose, and the page says so:
//! - the operating subsidy (item 12, "per enrolled child and year") counts child-months ÷ 12,
//!   rounded down, so a child in care for half the year counts half, and a month without a record
//!   counts 0;
//! - the occupancy condition of the opening and rent subsidies (items 11 and 13, "above 30 %")
//!   reads the average over the months recorded, rounded down, so a facility that opened in the
//!   autumn is judged on the months it was open.

use serde::{Deserialize, Serialize};

use super::{SubsidyKind, LEVELS};
use crate::domain::calendar::YearMonth;
use crate::domain::facility::ClassLevel;

/// Children in care in one class level at the end of one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyEnrolment {
    pub month: YearMonth,
    pub level: ClassLevel,
    pub enrolled: u32,
}

/// How the enrolment a subsidy counts was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EnrolmentBasis {
    /// Child-months of the year ÷ 12.
    YearShare,
    /// The average over the months recorded.
    MonthlyAverage,
}

/// The enrolment per class a subsidy counts, and the records behind it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentFigure {
    pub basis: EnrolmentBasis,
    /// Children per class, in the calculator's order (乳儿班, 托小班, 托大班).
    pub children: [(ClassLevel, u32); 3],
    /// Child-months recorded in the year, per class.
    pub child_months: [(ClassLevel, u32); 3],
    /// Months of the year with a record.
    pub months_recorded: u32,
}

impl EnrolmentFigure {
    /// The figure `kind` counts for `year`; records of other years are ignored.
    pub fn for_kind(kind: SubsidyKind, year: i32, records: &[MonthlyEnrolment]) -> EnrolmentFigure {
        let in_year: Vec<&MonthlyEnrolment> = records.iter().filter(|r| r.month.year() == year).collect();
        let mut months: Vec<YearMonth> = in_year.iter().map(|r| r.month).collect();
        months.sort();
        months.dedup();
        let months_recorded = months.len() as u32;
        let child_months = LEVELS.map(|level| (level, in_year.iter().filter(|r| r.level == level).map(|r| r.enrolled).sum::<u32>()));
        let (basis, divisor) = match kind {
            SubsidyKind::Operating => (EnrolmentBasis::YearShare, 12),
            SubsidyKind::Opening | SubsidyKind::Rent => (EnrolmentBasis::MonthlyAverage, months_recorded.max(1)),
        };
        let children = child_months.map(|(level, months)| (level, months / divisor));
        EnrolmentFigure { basis, children, child_months, months_recorded }
    }
}

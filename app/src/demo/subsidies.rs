//! Demo enrolment records for the months before the demo was loaded (演示数据), so the subsidy
//! section has figures to show: from January of last year to last month, for the filed demo
//! facilities among the first few, each month a deterministic share (60–100 %) of today's
//! children, never above the filed places.

use crate::domain::calendar::{CivilDate, Timestamp, YearMonth};
use crate::domain::facility::FilingStatus;
use crate::domain::subsidy::LEVELS;
use crate::store::directory::NewFacility;
use crate::store::subsidies::DemoSnapshot;

/// Demo facilities given past records (the finder's benchmark loads many more facilities).
pub const MAX_FACILITIES_WITH_SNAPSHOTS: usize = 40;

pub fn generate(facilities: &[NewFacility], now: Timestamp) -> Vec<DemoSnapshot> {
    let this_month = YearMonth::of(CivilDate::in_china_at(now));
    let first = YearMonth::first_of(this_month.year() - 1);
    let mut rows = Vec::new();
    for new in facilities.iter().filter(|f| f.facility.filing_status == FilingStatus::Filed) {
        let id = new.facility.id;
        for level in LEVELS {
            let classes = new.classes.iter().filter(|c| c.level == level);
            let (filed, enrolled) = classes.fold((0u32, 0u32), |(f, e), c| (f + c.filed_capacity, e + c.enrolled));
            if filed == 0 {
                continue;
            }
            let mut month = first;
            while month < this_month {
                let back = this_month.months_since(month);
                let percent = 60 + (id * 13 + back * 7).rem_euclid(41);
                let share = (i64::from(enrolled) * percent / 100) as u32;
                rows.push(DemoSnapshot { facility_id: id, month, level, enrolled: share.min(filed), filed_places: filed });
                month = month.plus_months(1);
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_run_from_january_last_year_to_last_month_within_the_filed_places() {
        // 2026-12-03 in China.
        let now = Timestamp(1_796_256_000);
        let facilities = crate::demo::generate(7, 10, now);
        let rows = generate(&facilities, now);
        assert!(!rows.is_empty());
        let months: std::collections::BTreeSet<_> = rows.iter().map(|r| r.month.to_string()).collect();
        assert_eq!(months.first().map(String::as_str), Some("2025-01"));
        assert_eq!(months.last().map(String::as_str), Some("2026-11"));
        assert!(rows.iter().all(|r| r.enrolled <= r.filed_places));
        assert_eq!(rows, generate(&facilities, now), "deterministic");
    }
}

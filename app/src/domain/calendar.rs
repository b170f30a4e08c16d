//! Civil dates and months without a time-zone library. The district keeps one clock: China
//! Standard Time, UTC+8 all year (no daylight saving), so a fixed offset is exact.

use std::fmt;

use serde::{Deserialize, Serialize};

/// China Standard Time offset from UTC, in seconds.
pub const CHINA_UTC_OFFSET_SECS: i64 = 8 * 3600;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("not a date of the form YYYY-MM-DD")]
    BadDate,
    #[error("not a month of the form YYYY-MM")]
    BadMonth,
}

/// A calendar date (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CivilDate {
    year: i32,
    month: u8,
    day: u8,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

impl CivilDate {
    /// A valid date between the years 1900 and 9999.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::BadDate);
        }
        Ok(CivilDate { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let mut parts = input.trim().splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(DateError::BadDate);
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(DateError::BadDate);
        }
        let num = |s: &str| s.parse::<u32>().map_err(|_| DateError::BadDate);
        CivilDate::new(num(y)? as i32, num(m)? as u8, num(d)? as u8)
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// ISO day of the week: 1 is Monday, 7 is Sunday (1970-01-01 was a Thursday).
    pub fn iso_weekday(self) -> u8 {
        ((self.days_since_epoch() + 3).rem_euclid(7) + 1) as u8
    }

    /// The next day.
    pub fn next_day(self) -> Self {
        CivilDate::from_days_since_epoch(self.days_since_epoch() + 1)
    }

    /// The date `days` after 1970-01-01 (`civil_from_days`).
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        CivilDate { year, month, day }
    }

    /// The date in China at the given instant.
    pub fn in_china_at(at: Timestamp) -> Self {
        CivilDate::from_days_since_epoch((at.0 + CHINA_UTC_OFFSET_SECS).div_euclid(86_400))
    }

    /// Whole months completed from `self` to `later` (negative when `later` is earlier).
    /// A month is complete on the same day-of-month, so 01-31 → 02-28 is 0 months.
    pub fn whole_months_until(self, later: CivilDate) -> i32 {
        let mut months = (later.year - self.year) * 12 + later.month as i32 - self.month as i32;
        if months > 0 && later.day < self.day {
            months -= 1;
        } else if months < 0 && later.day > self.day {
            months += 1;
        }
        months
    }

    /// The same day-of-month `months` months later; a day the month does not have falls back
    /// to its last day (31 January + 1 month = 28 or 29 February).
    pub fn plus_months(self, months: u32) -> Self {
        let index = self.year * 12 + (self.month as i32 - 1) + months as i32;
        let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
        CivilDate { year, month, day: self.day.min(days_in_month(year, month)) }
    }

    /// The date `days` days later.
    pub fn plus_days(self, days: u32) -> Self {
        CivilDate::from_days_since_epoch(self.days_since_epoch() + i64::from(days))
    }

    /// The same day-of-month `years` years earlier (29 Feb falls back to 28 Feb).
    pub fn years_before(self, years: i32) -> Self {
        let year = self.year - years;
        let day = self.day.min(days_in_month(year, self.month));
        CivilDate { year, month: self.month, day }
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A calendar month, e.g. the month a child starts at a facility.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct YearMonth {
    year: i32,
    month: u8,
}

impl YearMonth {
    pub fn new(year: i32, month: u8) -> Result<Self, DateError> {
        if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::BadMonth);
        }
        Ok(YearMonth { year, month })
    }

    /// Parses `YYYY-MM`.
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let (y, m) = input.trim().split_once('-').ok_or(DateError::BadMonth)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(DateError::BadMonth);
        }
        let year = y.parse::<i32>().map_err(|_| DateError::BadMonth)?;
        let month = m.parse::<u8>().map_err(|_| DateError::BadMonth)?;
        YearMonth::new(year, month)
    }

    pub fn first_day(self) -> CivilDate {
        CivilDate { year: self.year, month: self.month, day: 1 }
    }

    pub fn of(date: CivilDate) -> Self {
        YearMonth { year: date.year, month: date.month }
    }

    /// The month `n` months later, e.g. 2026-11 + 2 = 2027-01.
    pub fn plus_months(self, n: u32) -> Self {
        let index = self.year as i64 * 12 + (self.month as i64 - 1) + n as i64;
        YearMonth { year: index.div_euclid(12) as i32, month: (index.rem_euclid(12) + 1) as u8 }
    }

    /// The month before, e.g. 2027-01 → 2026-12.
    pub fn minus_one(self) -> Self {
        let index = self.index() - 1;
        YearMonth { year: index.div_euclid(12) as i32, month: (index.rem_euclid(12) + 1) as u8 }
    }

    /// January and December of `year`.
    pub fn first_of(year: i32) -> Self {
        YearMonth { year, month: 1 }
    }

    pub fn last_of(year: i32) -> Self {
        YearMonth { year, month: 12 }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// Whole months from `earlier` to this month (0 for the same month).
    pub fn months_since(self, earlier: YearMonth) -> i64 {
        self.index() - earlier.index()
    }

    fn index(self) -> i64 {
        self.year as i64 * 12 + (self.month as i64 - 1)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// An instant: seconds since the Unix epoch, UTC. Stored as such in both databases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub const SECONDS_PER_DAY: i64 = 86_400;

    pub fn days_until(self, later: Timestamp) -> i64 {
        (later.0 - self.0).div_euclid(Self::SECONDS_PER_DAY)
    }
}

/// Reads `YYYY-MM-DDTHH:MM` as China time.
pub fn parse_local_time(text: &str) -> Option<Timestamp> {
    let (date, time) = text.trim().split_once('T')?;
    let date = CivilDate::parse(date).ok()?;
    let (h, m) = time.get(..5)?.split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    Some(Timestamp(date.days_since_epoch() * 86_400 + h * 3600 + m * 60 - CHINA_UTC_OFFSET_SECS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_are_china_time() {
        // 2026-12-01 09:30 in Chongqing is 01:30 UTC.
        let t = parse_local_time("2026-12-01T09:30").expect("a valid test time");
        assert_eq!(t.0 % 86_400, 3600 + 1800);
        assert!(parse_local_time("2026-12-01T25:00").is_none());
        assert!(parse_local_time("yesterday").is_none());
    }

    fn date(s: &str) -> CivilDate {
        CivilDate::parse(s).expect("test date")
    }

    #[test]
    fn epoch_day_round_trips_across_four_centuries() {
        for days in (-50_000..150_000).step_by(37) {
            assert_eq!(CivilDate::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(date("1970-01-01").days_since_epoch(), 0);
        assert_eq!(date("2024-12-16").days_since_epoch(), 20_073);
    }

    #[test]
    fn adding_months_keeps_the_day_or_falls_back_to_the_months_last_day() {
        assert_eq!(date("2025-01-31").plus_months(1), date("2025-02-28"));
        assert_eq!(date("2024-01-31").plus_months(1), date("2024-02-29"));
        assert_eq!(date("2024-02-29").plus_months(12), date("2025-02-28"));
        assert_eq!(date("2024-02-29").plus_months(48), date("2028-02-29"));
        assert_eq!(date("2025-08-31").plus_months(6), date("2026-02-28"));
        assert_eq!(date("2025-11-15").plus_months(2), date("2026-01-15"));
        assert_eq!(date("2025-12-31").plus_days(1), date("2026-01-01"));
    }

    #[test]
    fn weekdays_follow_the_iso_numbering() {
        assert_eq!(date("1970-01-01").iso_weekday(), 4);
        assert_eq!(date("2026-02-14").iso_weekday(), 6, "a Saturday");
        assert_eq!(date("2026-02-15").iso_weekday(), 7);
        assert_eq!(date("2026-02-16").iso_weekday(), 1);
        assert_eq!(date("2026-02-28").next_day().to_string(), "2026-03-01");
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-4-1", "20240401", "", "abcd-ef-gh", "1899-12-31"] {
            assert!(CivilDate::parse(bad).is_err(), "{bad}");
        }
        assert!(CivilDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn a_month_is_complete_on_the_same_day_of_the_month() {
        assert_eq!(date("2024-01-15").whole_months_until(date("2024-02-14")), 0);
        assert_eq!(date("2024-01-15").whole_months_until(date("2024-02-15")), 1);
        assert_eq!(date("2024-01-31").whole_months_until(date("2024-02-29")), 0);
        assert_eq!(date("2023-06-01").whole_months_until(date("2025-06-01")), 24);
        assert_eq!(date("2025-06-01").whole_months_until(date("2025-03-01")), -3);
    }

    #[test]
    fn the_china_date_turns_at_16_00_utc() {
        // 2024-12-15T15:59:59Z is 23:59:59 in Chongqing; one second later it is the 16th.
        let before = Timestamp(date("2024-12-15").days_since_epoch() * 86_400 + 15 * 3600 + 3599);
        assert_eq!(CivilDate::in_china_at(before).to_string(), "2024-12-15");
        assert_eq!(CivilDate::in_china_at(Timestamp(before.0 + 1)).to_string(), "2024-12-16");
    }

    #[test]
    fn months_parse_only_in_the_yyyy_mm_form() {
        assert_eq!(YearMonth::parse("2025-09").map(|m| m.first_day().to_string()), Ok("2025-09-01".into()));
        assert!(YearMonth::parse("2025-9").is_err());
        assert!(YearMonth::parse("2025-13").is_err());
        let november = YearMonth::parse("2026-11").expect("month");
        assert_eq!(november.plus_months(2).to_string(), "2027-01");
        assert_eq!(november.plus_months(14).to_string(), "2028-01");
        assert_eq!(november.plus_months(0), november);
    }
}

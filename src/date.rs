//! Calendar dates (quote dates, contract days, invoice dates), over jiff's civil dates:
//! below the quote so a priced schedule can carry its dates without importing deals.

use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(jiff::civil::Date);

impl Date {
    /// Today in UTC, for quotes that give no date of their own.
    pub fn today() -> Date {
        Date(
            jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date(),
        )
    }

    /// Reads `2026-05-01`.
    pub fn from_ymd_text(text: &str) -> Option<Date> {
        text.trim().parse::<jiff::civil::Date>().ok().map(Date)
    }

    /// This day plus `days`.
    pub fn plus_days(self, days: u64) -> Result<Date, OffCalendar> {
        match i64::try_from(days) {
            Ok(n) => self.add_days_signed(n),
            Err(_) => Err(OffCalendar(format!(
                "{days} days after {self} is off the calendar"
            ))),
        }
    }

    /// This day moved by `days` (earlier when negative).
    pub fn add_days_signed(self, days: i64) -> Result<Date, OffCalendar> {
        jiff::Span::new()
            .try_days(days)
            .ok()
            .and_then(|s| self.0.checked_add(s).ok())
            .map(Date)
            .ok_or_else(|| OffCalendar(format!("{days} days from {self} is off the calendar")))
    }

    /// Whole days from this day to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        i64::from(
            self.0
                .until((jiff::Unit::Day, other.0))
                .map_or(0, |s| s.get_days()),
        )
    }

    /// Whole months from this day to `other`, counted by calendar month.
    pub fn months_until(self, other: Date) -> i64 {
        i64::from(
            self.0
                .until((jiff::Unit::Month, other.0))
                .map_or(0, |s| s.get_months()),
        )
    }

    /// This day plus `months` calendar months (clamped to the month's end).
    pub fn plus_months(self, months: u64) -> Result<Date, OffCalendar> {
        i64::try_from(months)
            .ok()
            .and_then(|n| {
                self.0
                    .checked_add(jiff::Span::new().try_months(n).ok()?)
                    .ok()
            })
            .map(Date)
            .ok_or_else(|| OffCalendar(format!("{months} months after {self} is off the calendar")))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A date arithmetic result that falls off the calendar, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffCalendar(pub String);

impl fmt::Display for OffCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

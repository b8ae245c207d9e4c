//! Reading a deal's dates from a request, naming the field when one is not a calendar day.

use super::DealError;
pub use crate::date::Date;
use crate::date::OffCalendar;
use crate::request::DateText;

impl From<OffCalendar> for DealError {
    fn from(e: OffCalendar) -> Self {
        DealError::Invalid(e.0)
    }
}

/// Reads a request's date field, naming the field when it is not a calendar day.
pub(crate) fn parse(field: &str, d: &DateText) -> Result<Date, DealError> {
    Date::from_ymd_text(&d.0).ok_or_else(|| {
        DealError::Invalid(format!(
            "{field}: `{d}` is not a calendar date; write it like 2026-05-01"
        ))
    })
}

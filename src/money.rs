//! Exact money arithmetic: half-away-from-zero rounding, checked operations, fixed digits.

use rust_decimal::{Decimal, RoundingStrategy};

/// An amount too large for exact arithmetic (about 7.9 x 10^28).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

/// Rounds to `digits` decimals, half away from zero (never banker's rounding).
pub fn round(amount: Decimal, digits: u32) -> Decimal {
    if amount.scale() <= digits {
        // Already exact at this precision; rounding would only cost time.
        return amount;
    }
    amount.round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero)
}

/// `a x b`, or [`Overflow`].
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_mul(b).ok_or(Overflow)
}

/// `a + b`, or [`Overflow`].
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_add(b).ok_or(Overflow)
}

/// `amount x percent / 100`, rounded to `digits`.
pub fn percent_of(amount: Decimal, percent: Decimal, digits: u32) -> Result<Decimal, Overflow> {
    let mut raw = mul(amount, percent)?;
    // Dividing by 100 is moving the decimal point: exact, and far cheaper than a division.
    if raw.scale() + 2 <= 28 {
        raw.set_scale(raw.scale() + 2).map_err(|_| Overflow)?;
    } else {
        raw = raw.checked_div(Decimal::ONE_HUNDRED).ok_or(Overflow)?;
    }
    Ok(round(raw, digits))
}

/// An amount with exactly the currency's digits: `5000.00`, never `5000.0000` or `5E+3`.
pub fn format_amount(amount: Decimal, digits: u32) -> String {
    let mut r = round(amount, digits);
    r.rescale(digits);
    if r.is_zero() {
        // -0.00 reads as a mistake on an invoice.
        r.set_sign_positive(true);
    }
    r.to_string()
}

/// A unit price with the precision it was written with, but at least the currency's digits:
/// `0.015`, `30.00`.
pub fn format_unit(price: Decimal, digits: u32) -> String {
    let mut p = price.normalize();
    if p.scale() < digits {
        p.rescale(digits);
    }
    p.to_string()
}

/// A quantity without trailing zeros: `45`, `12.5`.
pub fn format_quantity(q: Decimal) -> String {
    q.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounds_half_away_from_zero_not_to_even() {
        assert_eq!(round(dec!(2.345), 2), dec!(2.35));
        assert_eq!(round(dec!(2.355), 2), dec!(2.36));
        assert_eq!(round(dec!(0.125), 2), dec!(0.13));
        assert_eq!(round(dec!(-0.125), 2), dec!(-0.13));
        assert_eq!(round(dec!(2.5), 0), dec!(3));
        assert_eq!(round(dec!(3.5), 0), dec!(4));
    }

    #[test]
    fn formats_to_the_currency_digits() {
        assert_eq!(format_amount(dec!(100000.00) * dec!(0.05), 2), "5000.00");
        assert_eq!(format_amount(dec!(5), 2), "5.00");
        assert_eq!(format_amount(dec!(1234.5), 0), "1235");
        assert_eq!(format_amount(dec!(-0.001), 2), "0.00");
        assert_eq!(format_unit(dec!(0.015), 2), "0.015");
        assert_eq!(format_unit(dec!(30), 2), "30.00");
        assert_eq!(format_unit(dec!(30.500), 0), "30.5");
        assert_eq!(format_quantity(dec!(45.00)), "45");
    }

    #[test]
    fn percent_of_rounds_once() {
        assert_eq!(percent_of(dec!(13945.20), dec!(15), 2), Ok(dec!(2091.78)));
        assert_eq!(percent_of(dec!(11621.00), dec!(20), 2), Ok(dec!(2324.20)));
        assert_eq!(percent_of(dec!(184241.04), dec!(6), 2), Ok(dec!(11054.46)));
        assert_eq!(percent_of(dec!(1001), dec!(5), 0), Ok(dec!(50)));
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert_eq!(mul(Decimal::MAX, dec!(2)), Err(Overflow));
        assert_eq!(add(Decimal::MAX, Decimal::MAX), Err(Overflow));
    }
}

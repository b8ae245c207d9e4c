//! Exact money arithmetic: half-away-from-zero rounding, checked operations, fixed digits.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

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
    Fixed::new(amount, digits).to_string()
}

/// A unit price with the precision it was written with, but at least the currency's digits:
/// `0.015`, `30.00`.
pub fn format_unit(price: Decimal, digits: u32) -> String {
    UnitPrice::new(price, digits).to_string()
}

/// A quantity without trailing zeros: `45`, `12.5`.
pub fn format_quantity(q: Decimal) -> String {
    Quantity(q).to_string()
}

// The three shapes below print straight into their output: a quote shows dozens of
// numbers, and a String for each was most of what writing one as JSON cost.

/// [`format_amount`] as a value that formats without allocating.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fixed {
    value: Decimal,
    digits: u32,
}

impl Fixed {
    /// `value` shown with exactly `digits` decimals.
    pub fn new(value: Decimal, digits: u32) -> Fixed {
        Fixed { value, digits }
    }
}

impl Fixed {
    /// The decimal shown: rounded, exactly `digits` decimals, never negative zero.
    fn shown(&self) -> Decimal {
        let mut r = round(self.value, self.digits);
        r.rescale(self.digits);
        if r.is_zero() {
            // -0.00 reads as a mistake on an invoice.
            r.set_sign_positive(true);
        }
        r
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_decimal(self.shown(), f)
    }
}

/// Appends `amount` as [`format_amount`] writes it, without a `String` (a batch writes
/// millions of them).
pub fn push_amount(out: &mut Vec<u8>, amount: Decimal, digits: u32) {
    let r = Fixed::new(amount, digits).shown();
    if r.is_sign_negative() {
        out.push(b'-');
    }
    let mut buf = [0u8; DIGITS_BUF];
    let at = write_digits(r, &mut buf);
    out.extend_from_slice(&buf[at..]);
}

/// [`format_unit`] as a value that formats without allocating.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitPrice {
    value: Decimal,
    digits: u32,
}

impl UnitPrice {
    /// `value` as written, with at least `digits` decimals.
    pub fn new(value: Decimal, digits: u32) -> UnitPrice {
        UnitPrice { value, digits }
    }
}

impl UnitPrice {
    fn shown(&self) -> Decimal {
        let mut p = self.value.normalize();
        if p.scale() < self.digits {
            p.rescale(self.digits);
        }
        p
    }
}

impl fmt::Display for UnitPrice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_decimal(self.shown(), f)
    }
}

/// [`format_quantity`] as a value that formats without allocating.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity(pub Decimal);

impl Quantity {
    fn shown(&self) -> Decimal {
        self.0.normalize()
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_decimal(self.shown(), f)
    }
}

// In JSON each is the string it displays as (docs/json.md: amounts are strings), made on
// the stack and handed over whole rather than through the formatting machinery.
macro_rules! serialize_as_text {
    ($($t:ty),*) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let d = self.shown();
                let mut buf = [0u8; DIGITS_BUF];
                let mut at = write_digits(d, &mut buf);
                if d.is_sign_negative() {
                    at -= 1;
                    buf[at] = b'-';
                }
                s.serialize_str(std::str::from_utf8(&buf[at..]).unwrap_or_default())
            }
        }
    )*};
}
serialize_as_text!(Fixed, UnitPrice, Quantity);

/// Room for any decimal's digits: 29 digits, a point, up to 28 zeros before the first
/// digit, and a sign in front.
const DIGITS_BUF: usize = 64;

/// Writes `d` as `Decimal`'s `Display` does (every digit of its scale, `-` when the sign is
/// negative, the formatter's width and fill), from a buffer on the stack.
fn write_decimal(d: Decimal, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut buf = [0u8; DIGITS_BUF];
    let at = write_digits(d, &mut buf);
    // Only ASCII digits and a point were written.
    let text = std::str::from_utf8(&buf[at..]).map_err(|_| fmt::Error)?;
    f.pad_integral(d.is_sign_positive(), "", text)
}

/// Writes `d`'s digits without its sign (`Decimal`'s `Display`: the mantissa with the
/// point `scale` digits from its end, `0.` and zeros in front when it is shorter) at the
/// end of `buf`, and returns where they start; at least one place is left in front.
fn write_digits(d: Decimal, buf: &mut [u8; DIGITS_BUF]) -> usize {
    let scale = d.scale() as usize;
    let mut pos = buf.len();
    let mut count = 0usize;
    let mut digit = |pos: &mut usize, count: &mut usize, value: u8| {
        if *count == scale && scale > 0 {
            *pos -= 1;
            buf[*pos] = b'.';
        }
        *pos -= 1;
        buf[*pos] = b'0' + value;
        *count += 1;
    };
    let mut wide = d.mantissa().unsigned_abs();
    // Division of a u128 is a library call; amounts almost always fit in a u64.
    while wide > u128::from(u64::MAX) {
        digit(&mut pos, &mut count, (wide % 10) as u8);
        wide /= 10;
    }
    let mut n = wide as u64;
    while n > 0 || count <= scale {
        digit(&mut pos, &mut count, (n % 10) as u8);
        n /= 10;
    }
    pos
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
    fn writes_every_decimal_as_decimal_display_does() {
        let mut values = vec![
            Decimal::ZERO,
            Decimal::MAX,
            Decimal::MIN,
            dec!(-0.00),
            dec!(0.0000000000000000000000000001),
            dec!(-12.5),
            dec!(184241.04),
            Decimal::from_i128_with_scale(18_446_744_073_709_551_616, 3),
            Decimal::from_i128_with_scale(18_446_744_073_709_551_615, 28),
        ];
        // A spread of mantissas and scales, negative and positive.
        let mut x: u128 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..5_000 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let bits = (x >> 64) as u32 % 97;
            let m = (x % (1u128 << bits.min(96))) as i128;
            let m = if x & 1 == 0 { m } else { -m };
            values.push(Decimal::from_i128_with_scale(m, (x >> 100) as u32 % 29));
        }
        for v in values {
            assert_eq!(write(v), v.to_string(), "{v:?}");
            let json = |x: &dyn erased::Json| x.json();
            assert_eq!(json(&Quantity(v)), format!("\"{}\"", v.normalize()));
            assert_eq!(
                json(&UnitPrice::new(v, 2)),
                format!("\"{}\"", format_unit(v, 2))
            );
            let mut pushed = Vec::new();
            push_amount(&mut pushed, v, 2);
            assert_eq!(String::from_utf8(pushed).unwrap(), format_amount(v, 2));
            assert_eq!(
                json(&Fixed::new(v, 2)),
                format!("\"{}\"", format_amount(v, 2))
            );
            assert_eq!(
                format!("{:>40}", Quantity(v)),
                format!("{:>40}", v.normalize())
            );
            for d in [0, 2, 3] {
                let mut r = round(v, d);
                r.rescale(d);
                if r.is_zero() {
                    r.set_sign_positive(true);
                }
                assert_eq!(format_amount(v, d), r.to_string(), "{v:?} at {d}");
            }
        }
    }

    mod erased {
        pub trait Json {
            fn json(&self) -> String;
        }
        impl<T: serde::Serialize> Json for T {
            fn json(&self) -> String {
                serde_json::to_string(self).unwrap()
            }
        }
    }

    fn write(d: Decimal) -> String {
        struct W(Decimal);
        impl fmt::Display for W {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write_decimal(self.0, f)
            }
        }
        W(d).to_string()
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

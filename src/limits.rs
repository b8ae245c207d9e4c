//! ratecard's limits on what a request may ask for and what an amount may be, in one place
//! so that `docs/limits.md`, the messages and the checks cannot drift apart.
//!
//! A `Decimal` holds 28 significant digits. Far below that, a request stops being a
//! customer and becomes a typo or an attack: a term of 100,000,000,000 months, 1e20 GB of
//! storage. Such requests are refused with the limit named, rather than priced into
//! amounts that have quietly lost their cents.

use rust_decimal::Decimal;

/// The most seats one request may ask for.
pub const MAX_SEATS: u64 = 10_000_000;
/// The longest term, in months (100 years).
pub const MAX_TERM_MONTHS: u64 = 1_200;
/// The most storage, in GB (one exabyte).
pub const MAX_STORAGE_GB: u64 = 1_000_000_000_000;
/// The largest quantity of one service (GB migrated, training days ...).
pub const MAX_SERVICE_QUANTITY: u64 = 1_000_000_000_000;
/// The largest quantity of one add-on or usage in a request (emails, API calls, GB), and
/// the largest volume a usage priced on volume may move.
pub const MAX_QUANTITY: u64 = 1_000_000_000_000_000;
/// The most characters in a name a plan declares (an edition, module, band, fee ...).
pub const MAX_NAME_CHARS: usize = 128;
/// The most characters in a label a plan gives an item.
pub const MAX_LABEL_CHARS: usize = 500;
/// The most items of one kind in a plan (editions, modules, bands of one table ...).
pub const MAX_ITEMS: usize = 100_000;
/// The most characters in a request's attribute value.
pub const MAX_ATTRIBUTE_CHARS: usize = 1_000;
/// The most significant digits an amount may have, whole part and the currency's minor
/// digits together: past this an amount could not keep its cents through a total and tax.
pub const MAX_AMOUNT_DIGITS: u32 = 24;

/// True when `amount` fits [`MAX_AMOUNT_DIGITS`] with `minor_digits` decimals.
#[inline]
pub fn amount_fits(amount: Decimal, minor_digits: u32) -> bool {
    // |a| < 10^k, asked of the parts a Decimal is stored as (a = m / 10^s): |m| < 10^(k+s).
    // One integer comparison instead of a Decimal one, which aligns scales; it runs on
    // every line and total of every quote.
    let whole_digits = MAX_AMOUNT_DIGITS.saturating_sub(minor_digits);
    let k = (whole_digits + amount.scale()) as usize;
    // A mantissa has at most 96 bits, below 10^29: past that power every amount fits.
    match POW10.get(k) {
        Some(limit) => amount.mantissa().unsigned_abs() < *limit,
        None => true,
    }
}

/// 10^0 .. 10^38, the powers `amount_fits` compares a mantissa with.
const POW10: [u128; 39] = {
    let mut t = [1u128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// `10000000` as `10,000,000`, for messages.
pub fn grouped(n: u64) -> String {
    crate::diagnostic::thousands(n as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn amounts_keep_their_cents_up_to_the_limit() {
        assert!(amount_fits(dec!(9999999999999999999999.99), 2));
        assert!(!amount_fits(dec!(10000000000000000000000), 2));
        assert!(amount_fits(dec!(999999999999999999999999), 0));
        assert!(amount_fits(dec!(-9999999999999999999999.99), 2));
        assert!(!amount_fits(dec!(-10000000000000000000000.00), 2));
        assert!(amount_fits(dec!(9999999999999999999999.999999), 2));
        assert!(!amount_fits(dec!(10000000000000000000000.000001), 2));
        assert!(amount_fits(Decimal::ZERO, 2));
        assert!(!amount_fits(Decimal::MAX, 0));
        assert!(amount_fits(Decimal::new(1, 28), 0));
    }

    /// The mantissa test gives the answer of comparing the Decimal itself, at every scale.
    #[test]
    fn the_mantissa_test_is_the_decimal_comparison() {
        for digits in [0u32, 2, 3, 8] {
            let limit = Decimal::from_i128_with_scale(
                10i128.pow(MAX_AMOUNT_DIGITS.saturating_sub(digits)),
                0,
            );
            for scale in 0..=28u32 {
                for m in [
                    1i128,
                    9,
                    10,
                    99_999,
                    10i128.pow(20),
                    10i128.pow(26),
                    (1i128 << 96) - 1,
                ] {
                    for m in [m, m - 1, -m] {
                        let a = Decimal::from_i128_with_scale(m, scale);
                        assert_eq!(amount_fits(a, digits), a.abs() < limit, "{a} at {digits}");
                    }
                }
            }
        }
    }
}

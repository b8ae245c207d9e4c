//! Raising a plan's prices by a percent a year: compounding, each year's price
//! rounded to the minor unit before the next year's is taken of it, optionally capped.

use crate::model::Plan;
use crate::money;
use rust_decimal::Decimal;

/// How prices rise.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Uplift {
    /// Percent a year.
    pub percent: Decimal,
    /// The most a price may rise over its first-year value, in percent.
    pub cap: Option<Decimal>,
}

impl Uplift {
    /// `price` after `years` years: rounded every year, then held at the cap.
    pub(crate) fn raise(self, price: Decimal, years: u64, d: u32) -> Decimal {
        let factor = Decimal::ONE + self.percent / Decimal::ONE_HUNDRED;
        let mut p = price;
        for _ in 0..years {
            match p.checked_mul(factor) {
                Some(next) => p = money::round(next, d),
                None => break,
            }
        }
        match self.cap {
            Some(cap) => {
                let ceiling = money::percent_of(price, Decimal::ONE_HUNDRED + cap, d).unwrap_or(p);
                p.min(ceiling)
            }
            None => p,
        }
    }

    /// True when the cap held some price of `plan` down after `years` years.
    pub(crate) fn capped(self, plan: &Plan, years: u64, d: u32) -> bool {
        let free = Uplift { cap: None, ..self };
        let mut any = false;
        let mut probe = plan.clone();
        map_prices(&mut probe, |p| {
            any |= free.raise(p, years, d) != self.raise(p, years, d);
            p
        });
        any
    }
}

/// `plan` with every price raised for `years` years (one-time prices too: an item first
/// bought in year 2 is bought at year 2's price).
pub(crate) fn raised(plan: &Plan, uplift: Uplift, years: u64) -> Plan {
    let mut p = plan.clone();
    if years == 0 || uplift.percent.is_zero() {
        return p;
    }
    let d = plan.currency.minor_digits;
    map_prices(&mut p, |x| uplift.raise(x, years, d));
    p
}

/// Applies `f` to every price of the plan, through the one path every price is reached by
/// (`model::prices`): seats, bands and band fees, modules and attach prices, percentage
/// clamps, add-ons, usage tiers, storage, backup, support, services and fees.
pub(crate) fn map_prices(plan: &mut Plan, mut f: impl FnMut(Decimal) -> Decimal) {
    crate::model::prices::visit_prices(plan, &mut |_, _, x| *x = f(*x));
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn compounds_rounding_each_year() {
        let u = Uplift {
            percent: dec!(5),
            cap: None,
        };
        assert_eq!(u.raise(dec!(23.00), 0, 2), dec!(23.00));
        assert_eq!(u.raise(dec!(23.00), 1, 2), dec!(24.15));
        assert_eq!(u.raise(dec!(23.00), 2, 2), dec!(25.36));
    }

    #[test]
    fn cap_holds_the_rise_over_the_first_year() {
        let u = Uplift {
            percent: dec!(5),
            cap: Some(dec!(8)),
        };
        // 25.36 would be 10.26% over 23.00; the cap holds it at 23.00 x 1.08 = 24.84.
        assert_eq!(u.raise(dec!(23.00), 2, 2), dec!(24.84));
    }
}

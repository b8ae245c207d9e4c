//! Raising a plan's recurring prices by a percent a year: compounding, each year's price
//! rounded to the minor unit before the next year's is taken of it, optionally capped.

use crate::model::{Plan, SeatPrice, SupportPrice};
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

/// `plan` with every recurring price raised for `years` years.
pub(crate) fn raised(plan: &Plan, uplift: Uplift, years: u64) -> Plan {
    let mut p = plan.clone();
    if years == 0 || uplift.percent.is_zero() {
        return p;
    }
    let d = plan.currency.minor_digits;
    map_prices(&mut p, |x| uplift.raise(x, years, d));
    p
}

/// Applies `f` to every recurring price: seats, modules, storage overage, backup, support.
/// One-time services keep their prices; they are charged once, not every year.
pub(crate) fn map_prices(plan: &mut Plan, mut f: impl FnMut(Decimal) -> Decimal) {
    for e in &mut plan.editions {
        map_seat_price(&mut e.price, &mut f);
        for (_, p) in &mut e.cycle_prices {
            map_seat_price(p, &mut f);
        }
    }
    for m in &mut plan.modules {
        if let Some(p) = &mut m.price {
            map_seat_price(p, &mut f);
        }
        for (_, p) in &mut m.cycle_prices {
            map_seat_price(p, &mut f);
        }
    }
    if let Some(o) = &mut plan.storage.overage {
        o.rate = f(o.rate);
    }
    for (_, o) in &mut plan.storage.cycle_overages {
        o.rate = f(o.rate);
    }
    for b in &mut plan.backups {
        b.flat = f(b.flat);
        b.per_gb = f(b.per_gb);
        for (_, (flat, per_gb)) in &mut b.cycle_prices {
            *flat = f(*flat);
            *per_gb = f(*per_gb);
        }
    }
    for s in &mut plan.supports {
        map_support_price(&mut s.price, &mut f);
        for (_, p) in &mut s.cycle_prices {
            map_support_price(p, &mut f);
        }
    }
}

fn map_support_price(price: &mut SupportPrice, f: &mut impl FnMut(Decimal) -> Decimal) {
    match price {
        SupportPrice::Flat(a) | SupportPrice::PerSeat(a) => *a = f(*a),
        SupportPrice::Percent { .. } => {}
    }
}

fn map_seat_price(price: &mut SeatPrice, f: &mut impl FnMut(Decimal) -> Decimal) {
    match price {
        SeatPrice::Flat(a) | SeatPrice::PerSeat(a) => *a = f(*a),
        SeatPrice::Pack { price, .. } => *price = f(*price),
        SeatPrice::Percent(p) => {
            // The percentage follows its base; only its clamps are amounts.
            p.min = p.min.map(&mut *f);
            p.max = p.max.map(&mut *f);
        }
        SeatPrice::Volume(bands) | SeatPrice::Graduated(bands) => {
            for b in bands {
                b.unit = f(b.unit);
                b.fee = b.fee.map(&mut *f);
            }
        }
    }
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

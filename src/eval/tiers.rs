//! The charge models of a quantity (per unit, packs, volume, graduated, stairstep and a
//! percentage of volume), as pure functions from a quantity to an exact amount and the
//! steps that explain it. Amounts here are not rounded: the line is, once.

use crate::model::{Charge, PackRounding, PercentCharge, Tier, TierModel};
use crate::money::{self, Overflow};
use crate::quote::{PercentStep, QtyDetail, TierStep};
use rust_decimal::{Decimal, RoundingStrategy};

/// The exact amount of `billable` units at `charge`, and how it was reached.
///
/// `volume` is the amount the usage moved, read only by a percentage charge (where
/// `billable` is the count of transactions).
pub fn price(
    charge: &Charge,
    billable: Decimal,
    volume: Decimal,
) -> Result<(Decimal, QtyDetail), Overflow> {
    match charge {
        Charge::PerUnit(p) => Ok((money::mul(billable, *p)?, QtyDetail::PerUnit { price: *p })),
        Charge::Pack {
            size,
            price,
            rounding,
        } => {
            let exact = billable.checked_div(*size).ok_or(Overflow)?;
            let packs = match rounding {
                PackRounding::Up => exact.ceil(),
                PackRounding::Down => exact.floor(),
                PackRounding::Nearest => {
                    exact.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
                }
            };
            let detail = QtyDetail::Pack {
                size: *size,
                exact: exact.normalize(),
                packs,
                rounding: *rounding,
                price: *price,
            };
            Ok((money::mul(packs, *price)?, detail))
        }
        Charge::Tiers {
            model,
            tiers,
            block,
        } => tiered(*model, tiers, *block, billable),
        Charge::Percent(p) => percent(p, billable, volume),
    }
}

/// Units priced at a tier's price: the units themselves, or with a block size the blocks
/// they start (a part block counts whole).
fn priced(units: Decimal, block: Option<Decimal>) -> Result<Decimal, Overflow> {
    match block {
        Some(b) => Ok(units.checked_div(b).ok_or(Overflow)?.ceil()),
        None => Ok(units),
    }
}

fn tiered(
    model: TierModel,
    tiers: &[Tier],
    block: Option<Decimal>,
    q: Decimal,
) -> Result<(Decimal, QtyDetail), Overflow> {
    let mut steps = Vec::new();
    let mut amount = Decimal::ZERO;
    match model {
        TierModel::Graduated => {
            for (i, t) in tiers.iter().enumerate() {
                // The first tier is reached at zero: its fee is the usage's base fee.
                if i > 0 && q <= t.lower {
                    break;
                }
                let top = t.upper.map_or(q, |u| u.min(q));
                let units = (top - t.lower).max(Decimal::ZERO);
                let n = priced(units, block)?;
                let part = money::add(money::mul(n, t.unit)?, t.fee)?;
                amount = money::add(amount, part)?;
                steps.push(step(t, units, block.map(|_| n), part));
            }
        }
        TierModel::Volume | TierModel::Stairstep => {
            // check() makes the last tier open or caps the quantity at its bound.
            if let Some(t) = tiers.iter().find(|t| t.holds(q)).or(tiers.last()) {
                let units = if model == TierModel::Volume {
                    q
                } else {
                    Decimal::ZERO
                };
                let n = priced(units, block)?;
                amount = money::add(money::mul(n, t.unit)?, t.fee)?;
                steps.push(step(t, q, block.map(|_| n), amount));
            }
        }
    }
    let detail = QtyDetail::Tiers {
        model,
        block,
        steps,
    };
    Ok((amount, detail))
}

fn step(t: &Tier, units: Decimal, blocks: Option<Decimal>, amount: Decimal) -> TierStep {
    TierStep {
        range: t.range.clone(),
        units: units.normalize(),
        blocks,
        unit: t.unit,
        fee: t.fee,
        amount,
    }
}

/// Fee per transaction = percent of the average transaction + the fixed fee, clamped;
/// the amount is that fee times the transactions, so without a floor or cap it is
/// exactly percent of the volume + fixed x transactions.
fn percent(
    p: &PercentCharge,
    count: Decimal,
    volume: Decimal,
) -> Result<(Decimal, QtyDetail), Overflow> {
    let average = if count.is_zero() {
        Decimal::ZERO
    } else {
        volume.checked_div(count).ok_or(Overflow)?
    };
    let share = money::mul(average, p.percent)?
        .checked_div(Decimal::ONE_HUNDRED)
        .ok_or(Overflow)?;
    let raw = money::add(share, p.fixed)?;
    let mut each = raw;
    let (mut raised, mut capped) = (None, None);
    if let Some(lo) = p.min.filter(|lo| each < *lo) {
        each = lo;
        raised = Some(lo);
    }
    if let Some(hi) = p.max.filter(|hi| each > *hi) {
        each = hi;
        capped = Some(hi);
    }
    let amount = if raised.is_none() && capped.is_none() {
        // Exact, whatever the average's repeating digits: percent of volume + fixed x count.
        let share = money::mul(volume, p.percent)?
            .checked_div(Decimal::ONE_HUNDRED)
            .ok_or(Overflow)?;
        money::add(share, money::mul(count, p.fixed)?)?
    } else {
        money::mul(count, each)?
    };
    let detail = QtyDetail::Percent(Box::new(PercentStep {
        count,
        volume,
        average: average.round_dp(6).normalize(),
        percent: p.percent,
        fixed: p.fixed,
        each: each.round_dp(6).normalize(),
        min: raised,
        max: capped,
    }));
    Ok((amount, detail))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn tier(lower: Decimal, upper: Option<Decimal>, unit: Decimal, fee: Decimal) -> Tier {
        Tier {
            lower,
            upper,
            unit,
            fee,
            range: "r".into(),
        }
    }

    fn graduated() -> Charge {
        Charge::Tiers {
            model: TierModel::Graduated,
            tiers: vec![
                tier(dec!(0), Some(dec!(10)), dec!(10), dec!(2)),
                tier(dec!(10), Some(dec!(20)), dec!(5), dec!(3)),
                tier(dec!(20), None, dec!(5), dec!(3)),
            ],
            block: None,
        }
    }

    #[test]
    fn graduated_tiers_with_flat_fees() {
        // docs/pricing.md: 102.00 + 53.00 + 8.00.
        assert_eq!(price(&graduated(), dec!(21), dec!(0)).unwrap().0, dec!(163));
        // Zero units still reach the first tier and bill its fee.
        assert_eq!(price(&graduated(), dec!(0), dec!(0)).unwrap().0, dec!(2));
        assert_eq!(price(&graduated(), dec!(10), dec!(0)).unwrap().0, dec!(102));
        assert_eq!(price(&graduated(), dec!(11), dec!(0)).unwrap().0, dec!(110));
    }

    #[test]
    fn packs_round_as_stated() {
        let pack = |rounding| Charge::Pack {
            size: dec!(10),
            price: dec!(100),
            rounding,
        };
        // 121 units, the first 10 free: 111 billable.
        assert_eq!(
            price(&pack(PackRounding::Up), dec!(111), dec!(0))
                .unwrap()
                .0,
            dec!(1200)
        );
        assert_eq!(
            price(&pack(PackRounding::Down), dec!(111), dec!(0))
                .unwrap()
                .0,
            dec!(1100)
        );
        assert_eq!(
            price(&pack(PackRounding::Nearest), dec!(115), dec!(0))
                .unwrap()
                .0,
            dec!(1200)
        );
        assert_eq!(
            price(&pack(PackRounding::Nearest), dec!(114.9), dec!(0))
                .unwrap()
                .0,
            dec!(1100)
        );
    }

    #[test]
    fn volume_prices_every_unit_at_the_tier_reached() {
        let volume = Charge::Tiers {
            model: TierModel::Volume,
            tiers: vec![
                tier(dec!(0), Some(dec!(25000)), dec!(0.001), dec!(0)),
                tier(dec!(25000), None, dec!(0.00075), dec!(0)),
            ],
            block: None,
        };
        assert_eq!(price(&volume, dec!(65000), dec!(0)).unwrap().0, dec!(48.75));
        assert_eq!(price(&volume, dec!(25000), dec!(0)).unwrap().0, dec!(25));
    }

    #[test]
    fn stairstep_is_the_step_price() {
        let stairs = Charge::Tiers {
            model: TierModel::Stairstep,
            tiers: vec![
                tier(dec!(0), Some(dec!(10)), dec!(0), dec!(100)),
                tier(dec!(10), Some(dec!(50)), dec!(0), dec!(300)),
            ],
            block: None,
        };
        assert_eq!(price(&stairs, dec!(0), dec!(0)).unwrap().0, dec!(100));
        assert_eq!(price(&stairs, dec!(11), dec!(0)).unwrap().0, dec!(300));
    }

    #[test]
    fn tiers_priced_per_block_count_started_blocks() {
        // Zoho-style API credits per 1,000: 25 x 0.14 + 75 x 0.06 = 8.00 for 100,000.
        let credits = Charge::Tiers {
            model: TierModel::Graduated,
            tiers: vec![
                tier(dec!(0), Some(dec!(25000)), dec!(0.14), dec!(0)),
                tier(dec!(25000), Some(dec!(100000)), dec!(0.06), dec!(0)),
                tier(dec!(100000), Some(dec!(250000)), dec!(0.05), dec!(0)),
                tier(dec!(250000), None, dec!(0.025), dec!(0)),
            ],
            block: Some(dec!(1000)),
        };
        assert_eq!(price(&credits, dec!(100000), dec!(0)).unwrap().0, dec!(8));
        // 25,001 credits: 25 blocks in the first tier, one started block in the second.
        assert_eq!(price(&credits, dec!(25001), dec!(0)).unwrap().0, dec!(3.56));
        // 300,000: 3.50 + 4.50 + 7.50 + 50 x 0.025 = 16.75.
        assert_eq!(
            price(&credits, dec!(300000), dec!(0)).unwrap().0,
            dec!(16.75)
        );
    }

    #[test]
    fn percent_of_volume_with_floor_and_cap() {
        let p = |min, max| {
            Charge::Percent(PercentCharge {
                percent: dec!(1.5),
                fixed: dec!(0.30),
                min,
                max,
            })
        };
        // 200 transactions moving 15,000.00: 225.00 + 60.00.
        assert_eq!(
            price(&p(None, None), dec!(200), dec!(15000)).unwrap().0,
            dec!(285)
        );
        // Average 2.00: 0.03 + 0.30 = 0.33 each, raised to 0.50.
        assert_eq!(
            price(&p(Some(dec!(0.5)), None), dec!(100), dec!(200))
                .unwrap()
                .0,
            dec!(50)
        );
        // Average 1,000.00: 15.30 each, capped at 10.00.
        assert_eq!(
            price(&p(None, Some(dec!(10))), dec!(3), dec!(3000))
                .unwrap()
                .0,
            dec!(30)
        );
        assert_eq!(price(&p(None, None), dec!(0), dec!(0)).unwrap().0, dec!(0));
    }
}

//! How a line of an add-on or a metered usage was priced, and its explanation in words.

use crate::model::{PackRounding, Text, TierModel};
use crate::money::{Fixed, Quantity, UnitPrice};
use rust_decimal::Decimal;
use std::fmt::Write;

/// An add-on's or usage's line: the quantity, what was given free, and how the rest was priced.
#[derive(Debug, Clone, PartialEq)]
pub struct QtyExplain {
    /// The unit counted (`email`).
    pub unit: Text,
    /// The quantity asked for or used.
    pub quantity: Decimal,
    /// Units given before any is priced.
    pub included: Decimal,
    /// The units priced: quantity less what was included, never below zero.
    pub billable: Decimal,
    /// `in blocks of`: (block size, the billable units rounded up to whole blocks).
    pub rounded: Option<(Decimal, Decimal)>,
    /// How the billable units were priced.
    pub detail: QtyDetail,
    /// `metered daily`: (days billed, the exact amount of one day).
    pub daily: Option<(u64, Decimal)>,
}

/// The charge model's steps.
#[derive(Debug, Clone, PartialEq)]
pub enum QtyDetail {
    /// `billable x price`
    PerUnit {
        /// Price per unit.
        price: Decimal,
    },
    /// Whole packs.
    Pack {
        /// Units in a pack.
        size: Decimal,
        /// Billable units / pack size, before rounding.
        exact: Decimal,
        /// Packs billed.
        packs: Decimal,
        /// What a partial pack counted as.
        rounding: PackRounding,
        /// Price per pack.
        price: Decimal,
    },
    /// The tiers that priced it.
    Tiers {
        /// How the tiers combine.
        model: TierModel,
        /// `per 1000`: the block each tier's price is for.
        block: Option<Decimal>,
        /// One step per tier reached (one for volume and stairstep).
        steps: Vec<TierStep>,
    },
    /// A percentage of the volume plus a fee per transaction.
    Percent(Box<PercentStep>),
}

/// One tier's part of an amount.
#[derive(Debug, Clone, PartialEq)]
pub struct TierStep {
    /// The tier's range as written.
    pub range: Text,
    /// Units priced in it.
    pub units: Decimal,
    /// The blocks those units start, when the tiers are priced per block.
    pub blocks: Option<Decimal>,
    /// Price per unit.
    pub unit: Decimal,
    /// Its flat fee.
    pub fee: Decimal,
    /// Its part, exact (the line is rounded once).
    pub amount: Decimal,
}

/// A percentage-of-volume charge worked through.
#[derive(Debug, Clone, PartialEq)]
pub struct PercentStep {
    /// Transactions.
    pub count: Decimal,
    /// The amount they moved.
    pub volume: Decimal,
    /// Volume / count (6 decimals shown).
    pub average: Decimal,
    /// Percent of each transaction.
    pub percent: Decimal,
    /// Fixed fee per transaction.
    pub fixed: Decimal,
    /// The fee per transaction after the floor and cap.
    pub each: Decimal,
    /// Set when the floor raised it.
    pub min: Option<Decimal>,
    /// Set when the cap lowered it.
    pub max: Option<Decimal>,
}

/// `n unit`, in the plural when `n` is not one and the unit is an English word written in
/// lower case (`3 sandboxes`, `21 calls`); units such as `GB` or `条` stay as written.
pub fn units(n: Decimal, unit: &str) -> String {
    let q = Quantity(n);
    if n == Decimal::ONE {
        return format!("{q} {unit}");
    }
    format!("{q} {}", plural(unit))
}

/// The unit in the plural, when it is an English word written in lower case.
pub fn plural(unit: &str) -> std::borrow::Cow<'_, str> {
    let word = !unit.is_empty() && unit.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    if !word {
        unit.into()
    } else if unit.ends_with('s')
        || unit.ends_with('x')
        || unit.ends_with("ch")
        || unit.ends_with("sh")
    {
        format!("{unit}es").into()
    } else if unit.ends_with('y') && !unit.ends_with("ay") && !unit.ends_with("ey") {
        format!("{}ies", &unit[..unit.len() - 1]).into()
    } else {
        format!("{unit}s").into()
    }
}

impl QtyExplain {
    /// The explanation in words, amounts with `d` minor digits:
    /// `121 email - 10 included = 111; 111 / 10 = 11.1 packs, rounded up to 12 x 100.00`.
    pub fn render(&self, d: u32) -> String {
        let a = |x: &Decimal| Fixed::new(*x, d);
        let u = |x: &Decimal| UnitPrice::new(*x, d);
        let q = |x: &Decimal| Quantity(*x);
        let unit = &self.unit;
        let mut s = String::new();
        if !self.included.is_zero() {
            let _ = write!(
                s,
                "{} - {} included = {}; ",
                units(self.quantity, unit),
                q(&self.included),
                q(&self.billable)
            );
        }
        let mut priced = self.billable;
        if let Some((block, billed)) = self.rounded.filter(|(_, b)| *b != self.billable) {
            if self.included.is_zero() {
                let _ = write!(s, "{}, ", units(self.billable, unit));
            }
            let _ = write!(s, "in blocks of {}: {}; ", units(block, unit), q(&billed));
            priced = billed;
        }
        let n = q(&priced);
        let mut nu = units(priced, unit);
        if self.daily.is_some() {
            nu.push_str(" a day");
        }
        match &self.detail {
            QtyDetail::PerUnit { price } => {
                let _ = write!(s, "{n} x {} per {unit}", u(price));
            }
            QtyDetail::Pack {
                size,
                exact,
                packs,
                rounding,
                price,
            } => {
                let plural = if *packs == Decimal::ONE { "" } else { "s" };
                if exact == packs {
                    let _ = write!(s, "{nu} in {} pack{plural} of {}", q(packs), q(size));
                } else {
                    let _ = write!(
                        s,
                        "{n} / {} = {} packs, rounded {} to {} pack{plural}",
                        q(size),
                        q(exact),
                        rounding.word(),
                        q(packs)
                    );
                }
                let _ = write!(s, " x {}", u(price));
            }
            QtyDetail::Tiers {
                model,
                block,
                steps,
            } => match model {
                TierModel::Graduated => {
                    let parts: Vec<String> = steps
                        .iter()
                        .map(|t| {
                            let n = match t.blocks {
                                Some(b) => format!("{} blocks", q(&b)),
                                None => q(&t.units).to_string(),
                            };
                            let mut p = format!("{n} at {} in {}", u(&t.unit), t.range);
                            if !t.fee.is_zero() {
                                let _ = write!(p, " + {} flat", a(&t.fee));
                            }
                            let _ = write!(p, " = {}", u(&t.amount));
                            p
                        })
                        .collect();
                    let per = block.map(|b| format!(" per {}", q(&b))).unwrap_or_default();
                    let _ = write!(s, "{nu}, graduated{per}: {}", parts.join("; "));
                }
                TierModel::Volume => {
                    if let Some(t) = steps.first() {
                        let n = match t.blocks {
                            Some(b) => {
                                format!("{} blocks of {}", q(&b), q(&block.unwrap_or_default()))
                            }
                            None => n.to_string(),
                        };
                        let _ = write!(
                            s,
                            "{nu}, all at the {} price: {n} x {}",
                            t.range,
                            u(&t.unit)
                        );
                        if !t.fee.is_zero() {
                            let _ = write!(s, " + {} flat", a(&t.fee));
                        }
                    }
                }
                TierModel::Stairstep => {
                    if let Some(t) = steps.first() {
                        let _ = write!(s, "{nu} falls in {}: {} flat", t.range, a(&t.fee));
                    }
                }
            },
            QtyDetail::Percent(p) => {
                let _ = write!(
                    s,
                    "{} moving {}: {}% of {} average + {} = {} per {unit}",
                    units(p.count, unit),
                    a(&p.volume),
                    q(&p.percent),
                    u(&p.average),
                    u(&p.fixed),
                    u(&p.each)
                );
                if let Some(m) = p.min {
                    let _ = write!(s, " (raised to the minimum {})", u(&m));
                }
                if let Some(m) = p.max {
                    let _ = write!(s, " (capped at the maximum {})", u(&m));
                }
            }
        }
        if let Some((days, day)) = self.daily {
            let _ = write!(s, "; {} a day x {days} days", u(&day));
        }
        s
    }
}

//! Changes to add-ons and usages between two plan versions: what was added or removed,
//! and each price, tier, allowance and limit that moved.

use super::changes::{pair, Differ};
use super::describe::amount;
use crate::model::*;
use crate::money::{format_quantity, format_unit};
use rust_decimal::Decimal;

/// An add-on's or usage's price as a plan would write it.
pub fn charge(c: &Charge, unit: &str, d: u32) -> String {
    match c {
        Charge::PerUnit(p) => format!("{} per {unit}", format_unit(*p, d)),
        Charge::Pack {
            size,
            price,
            rounding,
        } => format!(
            "{} per pack of {} {}, round {}",
            format_unit(*price, d),
            format_quantity(*size),
            crate::quote::plural(unit),
            match rounding {
                PackRounding::Up => "up",
                PackRounding::Down => "down",
                PackRounding::Nearest => "nearest",
            }
        ),
        Charge::Tiers {
            model,
            tiers,
            block,
        } => {
            let tiers: Vec<String> = tiers.iter().map(|t| tier(t, d)).collect();
            let per = block.map_or(String::new(), |b| format!(" per {}", format_quantity(b)));
            format!("{}{per} {{ {} }}", model.word(), tiers.join("; "))
        }
        Charge::Percent(p) => {
            let mut s = format!("{}% of volume", format_quantity(p.percent));
            if !p.fixed.is_zero() {
                s += &format!(" + {} per {unit}", format_unit(p.fixed, d));
            }
            if let Some(m) = p.min {
                s += &format!(", min {}", format_unit(m, d));
            }
            if let Some(m) = p.max {
                s += &format!(", max {}", format_unit(m, d));
            }
            s
        }
    }
}

fn tier(t: &Tier, d: u32) -> String {
    format!("{} at {}", t.range, tier_price(t, d))
}

/// A tier's price after `at`: `10.00 + 2.00 flat`, `300.00 flat`, `0.001`.
fn tier_price(t: &Tier, d: u32) -> String {
    match (t.unit.is_zero(), t.fee.is_zero()) {
        (true, false) => format!("{} flat", amount(t.fee, d)),
        (_, true) => format_unit(t.unit, d),
        _ => format!("{} + {} flat", format_unit(t.unit, d), amount(t.fee, d)),
    }
}

fn included(q: &Quantity, plan: &Plan) -> Option<String> {
    let inc = &q.included;
    if inc.is_none() {
        return None;
    }
    let mut parts = Vec::new();
    let mut one = |flat: Decimal, per_seat: Decimal, with: &str| {
        if !flat.is_zero() {
            parts.push(format!("{} {}{with}", format_quantity(flat), q.unit));
        }
        if !per_seat.is_zero() {
            parts.push(format!(
                "{} {} per seat{with}",
                format_quantity(per_seat),
                q.unit
            ));
        }
    };
    one(inc.flat, inc.per_seat, "");
    let with = |e: &usize| {
        plan.editions
            .get(*e)
            .map_or(String::new(), |e| format!(" with {}", e.id))
    };
    for (e, flat, per_seat) in &inc.with_editions {
        one(*flat, *per_seat, &with(e));
    }
    for rule in &inc.rules {
        parts.push(allowance_rule(rule, &q.unit, plan));
    }
    Some(parts.join(", "))
}

/// An allowance rule as a plan writes it: `the greater of 1 GB and 0.02 GB per seat`,
/// `50000 + 250 per seat, at most 100000 with standard`.
pub fn allowance_rule(rule: &AllowanceRule, unit: &str, plan: &Plan) -> String {
    let sum = |(flat, per_seat): &(Decimal, Decimal)| {
        let mut terms = Vec::new();
        if !flat.is_zero() || per_seat.is_zero() {
            terms.push(format!("{} {unit}", format_quantity(*flat)));
        }
        if !per_seat.is_zero() {
            terms.push(format!("{} {unit} per seat", format_quantity(*per_seat)));
        }
        terms.join(" + ")
    };
    let mut s = match rule.alternatives.as_slice() {
        [one] => sum(one),
        many => {
            let alts: Vec<String> = many.iter().map(sum).collect();
            format!("the greater of {}", alts.join(" and "))
        }
    };
    let names: Vec<&str> = (rule.editions.iter())
        .filter_map(|e| plan.editions.get(*e).map(|e| e.id.as_ref()))
        .collect();
    if !names.is_empty() {
        s += &format!(" with {}", names.join(", "));
    }
    if let Some(cap) = rule.cap {
        s += &format!(", at most {} {unit}", format_quantity(cap));
    }
    s
}

impl Differ<'_> {
    /// Every add-on and usage, compared between the two plans.
    pub(super) fn quantities(&mut self) {
        let (op, np) = (self.old, self.new);
        let (od, nd) = (self.od, self.nd);
        for (id, o, n) in pair(&op.quantities, &np.quantities, |q| q.id.to_string()) {
            let subject = |q: &Quantity| format!("{} {id}", q.kind.word());
            let (o, n) = match (o, n) {
                (Some(o), Some(n)) => (o, n),
                (o, n) => {
                    let Some(s) = o.or(n).map(subject) else {
                        continue;
                    };
                    self.term(
                        s,
                        o.map(|q| charge(&q.charge, &q.unit, od)),
                        n.map(|q| charge(&q.charge, &q.unit, nd)),
                    );
                    continue;
                }
            };
            let s = subject(n);
            match (&o.charge, &n.charge) {
                (
                    Charge::Tiers {
                        model: om,
                        tiers: ot,
                        block: ob,
                    },
                    Charge::Tiers {
                        model: nm,
                        tiers: nt,
                        block: nb,
                    },
                ) if om == nm && ob == nb => {
                    for (range, a, b) in pair(ot, nt, |t| t.range.to_string()) {
                        self.term(
                            format!("{s}, tier {range}"),
                            a.map(|t| tier_price(t, od)),
                            b.map(|t| tier_price(t, nd)),
                        );
                    }
                }
                (a, b) => self.term(
                    format!("{s}, price"),
                    Some(charge(a, &o.unit, od)),
                    Some(charge(b, &n.unit, nd)),
                ),
            }
            self.term(format!("{s}, included"), included(o, op), included(n, np));
            let limit =
                |v: Option<Decimal>, q: &Quantity| v.map(|v| crate::quote::units(v, &q.unit));
            self.term(
                format!("{s}, minimum"),
                limit(o.minimum, o),
                limit(n.minimum, n),
            );
            self.term(
                format!("{s}, maximum"),
                limit(o.maximum, o),
                limit(n.maximum, n),
            );
            let unit = |q: &Quantity| {
                format!(
                    "{}{}",
                    q.unit,
                    if q.divisible { " (divisible)" } else { "" }
                )
            };
            self.term(format!("{s}, unit"), Some(unit(o)), Some(unit(n)));
            let metered = |q: &Quantity| {
                let mut words = Vec::new();
                if q.once {
                    words.push("bought once".to_string());
                }
                if let Some(days) = q.daily {
                    words.push(format!("metered daily, {days} days a month"));
                }
                if let Some(b) = q.block {
                    words.push(format!("in blocks of {}", crate::quote::units(b, &q.unit)));
                }
                (!words.is_empty()).then(|| words.join(", "))
            };
            self.term(format!("{s}, metering"), metered(o), metered(n));
        }
    }
}

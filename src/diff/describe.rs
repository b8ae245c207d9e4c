//! Pricing terms in the words of a plan file, so a change reads like the line that was edited.
//!
//! Two terms are equal exactly when their descriptions are: amounts are shown normalised
//! (`100.0` and `100.00` are one price), so comparing descriptions compares values.

use crate::model::*;
use crate::money::{format_quantity, format_unit};

/// An amount with at least the currency's digits, more if written with more (`0.015`).
pub fn amount(a: rust_decimal::Decimal, d: u32) -> String {
    format_unit(a, d)
}

/// `small 1..9 at 120.00 + 50.00 flat`.
pub fn band(b: &Band, d: u32) -> String {
    match &b.name {
        Some(n) => format!("{n} {}", band_terms(b, d)),
        None => band_terms(b, d),
    }
}

/// A band without its name, for a change whose subject already names it: `1..9 at 120.00`.
pub fn band_terms(b: &Band, d: u32) -> String {
    let mut s = format!("{} at {}", b.range, amount(b.unit, d));
    if let Some(fee) = b.fee {
        s.push_str(&format!(" + {} flat", amount(fee, d)));
    }
    s
}

/// The key a band is matched by across versions: its name, or where it starts when
/// unnamed, so a band whose end moved is one band changed, not one removed and one added.
pub fn band_key(b: &Band) -> String {
    b.name
        .as_ref()
        .map_or_else(|| format!("from {}", b.from), |n| n.to_string())
}

/// How a band is named in a change: its name, or its range when unnamed.
pub fn band_label(b: &Band) -> String {
    b.name
        .as_ref()
        .map_or_else(|| b.range.to_string(), |n| n.to_string())
}

/// `30.00 per seat`, `volume: small 1..9 at 120.00, ...`.
pub fn seat_price(p: &SeatPrice, d: u32) -> String {
    let bands = |mode: &str, bands: &[Band]| {
        let list: Vec<String> = bands.iter().map(|b| band(b, d)).collect();
        format!("{mode}: {}", list.join(", "))
    };
    match p {
        SeatPrice::Flat(a) => format!("{} flat", amount(*a, d)),
        SeatPrice::PerSeat(a) => format!("{} per seat", amount(*a, d)),
        SeatPrice::Pack { size, price } => {
            format!("{} per pack of {size} seats", amount(*price, d))
        }
        SeatPrice::Volume(b) => bands("volume", b),
        SeatPrice::Graduated(b) => bands("graduated", b),
        SeatPrice::Percent(p) => percent_of(p, d),
        SeatPrice::Account(tiers) => account(tiers, d),
    }
}

/// `per account: up to 250 users at 499.00 with 3,072 GB, up to 500 users at 999.00`
pub fn account(tiers: &[crate::model::AccountTier], d: u32) -> String {
    let list: Vec<String> = (tiers.iter())
        .map(|t| {
            let mut s = format!("up to {} users at {}", t.up_to, amount(t.price, d));
            if let Some(gb) = t.storage {
                s.push_str(&format!(" with {} GB", format_quantity(gb)));
            }
            s
        })
        .collect();
    format!("per account: {}", list.join(", "))
}

/// `20% of seats, min 100.00`
pub fn percent_of(p: &crate::model::PercentOf, d: u32) -> String {
    let mut s = format!("{}% of {}", format_quantity(p.percent), p.of_text);
    if let Some(m) = p.min {
        s.push_str(&format!(", min {}", amount(m, d)));
    }
    if let Some(m) = p.max {
        s.push_str(&format!(", max {}", amount(m, d)));
    }
    s
}

/// A price with each billing cycle's own price after it: `35.00 per seat; 23.00 per seat
/// billed annually`. With no default (`sold_on` set), only the cycles' prices.
pub fn with_cycles<T>(
    default: &T,
    list: &[(Billing, T)],
    sold_on: &[Billing],
    d: u32,
    word: impl Fn(&T, u32) -> String,
) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(list.len() + 1);
    if sold_on.is_empty() {
        parts.push(word(default, d));
    }
    parts.extend(
        list.iter()
            .map(|(c, p)| format!("{} billed {}", word(p, d), c.adverb())),
    );
    parts.join("; ")
}

/// A module's price, or that it comes only with editions.
pub fn module_price(p: &Option<SeatPrice>, d: u32) -> String {
    p.as_ref()
        .map_or_else(|| "not sold on its own".to_string(), |p| seat_price(p, d))
}

/// Names of the modules at `indices` of `plan`.
pub fn module_names(plan: &Plan, indices: &[usize]) -> Vec<String> {
    indices
        .iter()
        .filter_map(|&i| plan.modules.get(i))
        .map(|m| m.id.to_string())
        .collect()
}

/// A module as a new plan declares it: price, requirements, exclusions.
pub fn module(plan: &Plan, m: &Module, d: u32) -> String {
    let mut s = match &m.price {
        Some(p) => with_cycles(p, &m.cycle_prices, &m.sold_on, d, seat_price),
        None => module_price(&m.price, d),
    };
    if !m.requires.is_empty() {
        s.push_str(&format!(
            "; requires {}",
            module_names(plan, &m.requires).join(", ")
        ));
    }
    if !m.excludes.is_empty() {
        s.push_str(&format!(
            "; excludes {}",
            module_names(plan, &m.excludes).join(", ")
        ));
    }
    s
}

/// Names of the modules an edition includes.
pub fn included(plan: &Plan, e: &Edition) -> Vec<String> {
    e.included
        .iter()
        .zip(&plan.modules)
        .filter(|(inc, _)| **inc)
        .map(|(_, m)| m.id.to_string())
        .collect()
}

/// An edition: its seat price, included modules and storage.
pub fn edition(plan: &Plan, e: &Edition, d: u32) -> String {
    let mut s = with_cycles(&e.price, &e.cycle_prices, &e.sold_on, d, seat_price);
    let inc = included(plan, e);
    if !inc.is_empty() {
        s.push_str(&format!("; includes {}", inc.join(", ")));
    }
    if !e.storage_flat.is_zero() {
        s.push_str(&format!("; storage {}", gb(e.storage_flat)));
    }
    if !e.storage_per_seat.is_zero() {
        s.push_str(&format!("; storage {} per seat", gb(e.storage_per_seat)));
    }
    s
}

/// `50 GB`.
pub fn gb(q: rust_decimal::Decimal) -> String {
    format!("{} GB", format_quantity(q))
}

/// `0.50 per GB in blocks of 10 GB`.
pub fn overage(o: &Overage, d: u32) -> String {
    if let Some(t) = &o.tiers {
        return super::quantities::charge(t, "GB", d);
    }
    match o.block {
        Some(b) => format!("{} per GB in blocks of {}", amount(o.rate, d), gb(b)),
        None => format!("{} per GB", amount(o.rate, d)),
    }
}

/// `300.00 flat + 0.02 per GB`, leaving out a part that is zero.
pub fn backup(b: &Backup, d: u32) -> String {
    match (b.flat.is_zero(), b.per_gb.is_zero()) {
        (false, false) => format!(
            "{} flat + {} per GB",
            amount(b.flat, d),
            amount(b.per_gb, d)
        ),
        (true, false) => format!("{} per GB", amount(b.per_gb, d)),
        _ => format!("{} flat", amount(b.flat, d)),
    }
}

/// `20% of recurring, min 1500.00`.
pub fn support(p: &SupportPrice, d: u32) -> String {
    match p {
        SupportPrice::Flat(a) => format!("{} flat", amount(*a, d)),
        SupportPrice::PerSeat(a) => format!("{} per seat", amount(*a, d)),
        SupportPrice::Percent {
            percent,
            min,
            max,
            seats,
            net,
        } => {
            let mut s = format!(
                "{}% of {}{}",
                format_quantity(*percent),
                if *net { "net " } else { "" },
                if *seats { "seats" } else { "recurring" }
            );
            if let Some(m) = min {
                s.push_str(&format!(", min {}", amount(*m, d)));
            }
            if let Some(m) = max {
                s.push_str(&format!(", max {}", amount(*m, d)));
            }
            s
        }
    }
}

/// A service's whole price, for one added or removed, or changed in form.
pub fn service(p: &ServicePricing, d: u32) -> String {
    match p {
        ServicePricing::PerUnit { price, unit, .. } => {
            format!("{} per {unit}", amount(*price, d))
        }
        ServicePricing::Targets {
            targets,
            complexity,
            workload,
        } => {
            let t: Vec<String> = targets
                .iter()
                .map(|t| format!("{} at {}", t.id, amount(t.price, d)))
                .collect();
            let c: Vec<String> = complexity
                .iter()
                .map(|(n, f)| format!("{n} {}", format_quantity(*f)))
                .collect();
            let mut s = format!("targets {}", t.join(", "));
            if let Some(w) = workload {
                s.push_str(&format!(" + {} per {}", amount(w.rate, d), w.unit));
            }
            if !c.is_empty() {
                s.push_str(&format!("; complexity {}", c.join(", ")));
            }
            s
        }
    }
}

/// `15% off recurring when billing = annual`.
pub fn discount(x: &Discount, d: u32, plan: &Plan) -> String {
    let how = match x.amount {
        DiscountAmount::Percent(p) => format!("{}%", format_quantity(p)),
        DiscountAmount::Fixed(a) => amount(a, d),
    };
    let verb = if x.surcharge { "on" } else { "off" };
    let mut s = format!("{how} {verb} {}", x.scope.text(plan));
    if let Some(c) = &x.condition_text {
        s.push_str(&format!(" when {c}"));
    }
    match &x.stacking {
        Stacking::Stacks => {}
        Stacking::Exclusive => s.push_str(", exclusive"),
        Stacking::BestOf(g) => s.push_str(&format!(", best of {g}")),
    }
    s
}

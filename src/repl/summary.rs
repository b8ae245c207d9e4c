//! `plan`: the loaded price book on one screen, in the plan language's own words.

use crate::model::*;
use crate::money::{format_quantity, format_unit};
use std::fmt::Write;

/// `name "Label"`, or just the name when the label says the same.
fn named(id: &str, label: &str) -> String {
    if id == label {
        id.to_string()
    } else {
        format!("{id} \"{label}\"")
    }
}

fn seat_price(p: &SeatPrice, d: u32) -> String {
    let bands = |mode: &str, bands: &[Band]| {
        let b: Vec<String> = bands
            .iter()
            .map(|b| {
                let mut s = match &b.name {
                    Some(n) => format!("{n} {} at {}", b.range, format_unit(b.unit, d)),
                    None => format!("{} at {}", b.range, format_unit(b.unit, d)),
                };
                if let Some(f) = b.fee {
                    let _ = write!(s, " + {} flat", format_unit(f, d));
                }
                s
            })
            .collect();
        format!("seats {mode}: {}", b.join(", "))
    };
    match p {
        SeatPrice::Flat(a) => format!("{} flat", format_unit(*a, d)),
        SeatPrice::PerSeat(a) => format!("{} per seat", format_unit(*a, d)),
        SeatPrice::Pack { size, price } => {
            format!("{} per pack of {size} seats", format_unit(*price, d))
        }
        SeatPrice::Volume(b) => bands("volume", b),
        SeatPrice::Graduated(b) => bands("graduated", b),
        SeatPrice::Percent(p) => crate::diff::describe::percent_of(p, d),
        SeatPrice::Account(tiers) => crate::diff::describe::account(tiers, d),
    }
}

fn names(plan: &Plan, idx: &[usize]) -> String {
    idx.iter()
        .filter_map(|i| plan.modules.get(*i))
        .map(|m| m.id.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The summary `plan` prints.
pub fn plan(plan: &Plan, from: &str, warnings: usize) -> String {
    let d = plan.currency.minor_digits;
    let u = |x: &rust_decimal::Decimal| format_unit(*x, d);
    let mut s = format!(
        "{} {} from {from}: {}, tax {}%{}",
        plan.name,
        plan.version,
        plan.currency.code,
        format_quantity(plan.tax_percent),
        if plan.tax_included { " included" } else { "" }
    );
    if let Some(m) = plan.min_term_months {
        let _ = write!(s, ", minimum term {m} months");
    }
    if warnings > 0 {
        let _ = write!(
            s,
            "\n{warnings} warning{} (ratecard check shows them)",
            crate::app::plural(warnings)
        );
    }
    s.push_str("\neditions:\n");
    for e in &plan.editions {
        let _ = writeln!(
            s,
            "  {}: {}",
            named(&e.id, &e.label),
            crate::diff::describe::with_cycles(&e.price, &e.cycle_prices, &e.sold_on, d, |p, d| {
                seat_price(p, d)
            })
        );
        let included: Vec<usize> = (0..e.included.len()).filter(|m| e.included[*m]).collect();
        let mut extra = Vec::new();
        if !included.is_empty() {
            extra.push(format!("includes {}", names(plan, &included)));
        }
        let per_seat = plan
            .storage
            .included_per_seat
            .checked_add(e.storage_per_seat);
        if let Some(gb) = per_seat.filter(|g| !g.is_zero()) {
            extra.push(format!("{} GB per seat", format_quantity(gb)));
        }
        let flat = plan.storage.included_flat.checked_add(e.storage_flat);
        if let Some(gb) = flat.filter(|g| !g.is_zero()) {
            extra.push(format!("{} GB included", format_quantity(gb)));
        }
        if !extra.is_empty() {
            let _ = writeln!(s, "    {}", extra.join("; "));
        }
    }
    s.push_str("modules:\n");
    for (i, m) in plan.modules.iter().enumerate() {
        let mut line = match &m.price {
            Some(p) => {
                crate::diff::describe::with_cycles(p, &m.cycle_prices, &m.sold_on, d, |p, d| {
                    seat_price(p, d)
                })
            }
            None => {
                let with: Vec<&str> = (plan.editions.iter())
                    .filter(|e| e.included.get(i) == Some(&true))
                    .map(|e| &*e.id)
                    .collect();
                format!("only with an edition ({})", with.join(", "))
            }
        };
        if !m.requires.is_empty() {
            let _ = write!(line, "; requires {}", names(plan, &m.requires));
        }
        if !m.excludes.is_empty() {
            let _ = write!(line, "; excludes {}", names(plan, &m.excludes));
        }
        let _ = writeln!(s, "  {}: {line}", named(&m.id, &m.label));
    }
    if !plan.seat_types.is_empty() {
        s.push_str("seat types:\n");
        for t in &plan.seat_types {
            let mut prices: Vec<String> = Vec::new();
            if let Some(p) = &t.price {
                prices.push(crate::diff::describe::with_cycles(
                    p,
                    &t.cycle_prices,
                    &t.sold_on,
                    d,
                    seat_price,
                ));
            }
            for a in &t.attach {
                let with: Vec<&str> = a.editions.iter().map(|e| &**e).collect();
                prices.push(format!(
                    "{} with {}",
                    seat_price(&a.price, d),
                    with.join(", ")
                ));
            }
            let _ = writeln!(s, "  {}: {}", named(&t.id, &t.label), prices.join("; "));
        }
    }
    let fees: Vec<String> = (plan.editions.iter().map(|e| (&e.id, &e.fees)))
        .chain(plan.modules.iter().map(|m| (&m.id, &m.fees)))
        .flat_map(|(item, fees)| {
            fees.iter()
                .map(move |f| format!("{item}: {} {} (one-time)", f.label, u(&f.amount)))
        })
        .collect();
    if !fees.is_empty() {
        section(&mut s, "one-time fees", fees.into_iter());
    }
    for (kind, heading) in [
        (QuantityKind::Addon, "add-ons"),
        (QuantityKind::Usage, "usage"),
    ] {
        let items: Vec<String> = (plan.quantities.iter())
            .filter(|q| q.kind == kind)
            .map(|q| format!("{}: {}", named(&q.id, &q.label), quantity(plan, q, d)))
            .collect();
        if !items.is_empty() {
            section(&mut s, heading, items.into_iter());
        }
    }
    if let Some(o) = &plan.storage.overage {
        let _ = write!(s, "storage overage: {} per GB", u(&o.rate));
        if let Some(b) = o.block {
            let _ = write!(s, " in blocks of {} GB", format_quantity(b));
        }
        s.push('\n');
    }
    section(
        &mut s,
        "backup",
        plan.backups.iter().map(|b| {
            format!(
                "{}: {} flat + {} per GB used",
                named(&b.id, &b.label),
                u(&b.flat),
                u(&b.per_gb)
            )
        }),
    );
    section(
        &mut s,
        "support",
        plan.supports.iter().map(|t| {
            let price = crate::diff::describe::support(&t.price, d);
            let channels: Vec<&str> = t.channels.iter().map(|c| &**c).collect();
            format!(
                "{}: {price} ({})",
                named(&t.id, &t.label),
                channels.join(", ")
            )
        }),
    );
    section(
        &mut s,
        "services",
        plan.services.iter().map(|v| {
            let price = match &v.pricing {
                ServicePricing::Targets {
                    targets,
                    complexity,
                    workload,
                } => {
                    let t: Vec<String> = (targets.iter())
                        .map(|t| format!("{} {}", t.id, u(&t.price)))
                        .collect();
                    let c: Vec<String> = (complexity.iter())
                        .map(|(n, m)| format!("{n} {}", format_quantity(*m)))
                        .collect();
                    let work = workload.as_ref().map_or(String::new(), |w| {
                        format!(" + {} per {}", u(&w.rate), w.unit)
                    });
                    format!("{}{work}; complexity {}", t.join(", "), c.join(", "))
                }
                ServicePricing::PerUnit { price, unit, .. } => format!("{} per {unit}", u(price)),
            };
            format!("{}: {price} (one-time)", named(&v.id, &v.label))
        }),
    );
    let discount = |x: &Discount| {
        let amount = match x.amount {
            DiscountAmount::Percent(p) => format!("{}%", format_quantity(p)),
            DiscountAmount::Fixed(a) => u(&a),
        };
        let scope = x.scope.text(plan);
        let mut line = format!("{}: {amount} off {scope}", named(&x.id, &x.label));
        if let Some(c) = &x.condition_text {
            let _ = write!(line, " when {c}");
        }
        line
    };
    section(&mut s, "discounts", plan.discounts.iter().map(discount));
    section(&mut s, "coupons", plan.coupons.iter().map(discount));
    section(
        &mut s,
        "hooks",
        plan.hooks.iter().map(|h| h.path.to_string()),
    );
    s
}

/// An add-on or usage in the plan's words: its price, what is included, how it is metered.
fn quantity(plan: &Plan, q: &Quantity, d: u32) -> String {
    let unit = &q.unit;
    let mut parts = vec![crate::diff::describe::with_cycles(
        &q.charge,
        &q.cycle_charges,
        &q.sold_on,
        d,
        |c, d| crate::diff::quantities::charge(c, unit, d),
    )];
    let inc = &q.included;
    let mut given = Vec::new();
    let mut sum = Vec::new();
    if !inc.flat.is_zero() {
        sum.push(format!("{} {unit}", format_quantity(inc.flat)));
    }
    if !inc.per_seat.is_zero() {
        sum.push(format!("{} {unit} per seat", format_quantity(inc.per_seat)));
    }
    if !sum.is_empty() {
        given.push(sum.join(" + "));
    }
    for (e, flat, per_seat) in &inc.with_editions {
        let with = plan.editions.get(*e).map_or("?", |x| &*x.id);
        let mut t = Vec::new();
        if !flat.is_zero() {
            t.push(format!("{} {unit}", format_quantity(*flat)));
        }
        if !per_seat.is_zero() {
            t.push(format!("{} {unit} per seat", format_quantity(*per_seat)));
        }
        given.push(format!("{} with {with}", t.join(" + ")));
    }
    for rule in &inc.rules {
        given.push(crate::diff::quantities::allowance_rule(rule, unit, plan));
    }
    if !given.is_empty() {
        parts.push(format!("includes {}", given.join(", ")));
    }
    if q.once {
        parts.push("bought once".into());
    }
    if let Some(days) = q.daily {
        parts.push(format!("metered daily, {days} days a month"));
    }
    if let Some(b) = q.block {
        parts.push(format!("in blocks of {}", crate::quote::units(b, unit)));
    }
    if let Some(m) = q.maximum {
        parts.push(format!("at most {}", crate::quote::units(m, unit)));
    }
    parts.join("; ")
}

/// A heading and one indented line per item; `heading: none` when there are none.
fn section(s: &mut String, heading: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        let _ = writeln!(s, "{heading}: none");
        return;
    }
    let _ = writeln!(s, "{heading}:");
    for i in items {
        let _ = writeln!(s, "  {i}");
    }
}

//! `explain LINE`: how one line of the last quote was derived, down to what it was taken of.
//!
//! Everything shown comes from the quote itself (its lines and their explanations), never
//! from the plan as it is now: the plan may have been reloaded since the quote was priced.

use super::session::Shown;
use crate::quote::{Category, Explain, Line, LineKind, Quote};
use rust_decimal::Decimal;
use std::fmt::Write;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

/// `explain` alone lists the lines; `explain N` or `explain ID` derives one.
pub fn explain(shown: &Shown, args: &[String]) -> Result<String, String> {
    let q = &shown.quote;
    let which = match args {
        [] => return Ok(list(q)),
        [w] => w,
        _ => {
            return Err("write explain LINE, with a line number or id (explain lists them)".into())
        }
    };
    let index = match which.parse::<usize>() {
        Ok(n) if (1..=q.lines.len()).contains(&n) => n - 1,
        Ok(n) => {
            let len = q.lines.len();
            return Err(format!(
                "the last quote has {len} line{}, numbered from 1; there is no line {n}",
                crate::app::plural(len)
            ));
        }
        Err(_) => q
            .lines
            .iter()
            .position(|l| &*l.id == which.as_str())
            .ok_or_else(|| {
                format!("the last quote has no line `{which}`; explain lists its lines")
            })?,
    };
    Ok(derive(q, index))
}

/// The lines of the last quote with their numbers and ids.
fn list(q: &Quote) -> String {
    let mut b = Builder::default();
    b.push_record(["#", "Id", "Line", "Amount"]);
    for (i, l) in q.lines.iter().enumerate() {
        b.push_record([
            (i + 1).to_string(),
            l.id.to_string(),
            l.label.to_string(),
            q.fmt(l.amount),
        ]);
    }
    let mut t = b.build();
    t.with(Style::blank())
        .modify(Columns::new(3..4), Alignment::right());
    format!(
        "lines of the last quote (explain N or explain ID):\n{}\n",
        super::output::tidy(t)
    )
}

fn kind_word(k: LineKind) -> &'static str {
    match k {
        LineKind::Recurring => "monthly",
        LineKind::OneTime => "one-time",
    }
}

/// The derivation of line `i` of `q`.
fn derive(q: &Quote, i: usize) -> String {
    let d = q.plan.minor_digits;
    let Some(l) = q.lines.get(i) else {
        return String::new();
    };
    let mut s = format!(
        "line {} of the last quote: {} ({}, {})\n",
        i + 1,
        l.label,
        l.id,
        kind_word(l.kind)
    );
    let _ = writeln!(s, "  how:    {}", l.explain.render(d));
    match &l.explain {
        Explain::SupportPercent { base, .. } => {
            let before: Vec<&Line> = q.lines[..i]
                .iter()
                .filter(|x| x.kind == LineKind::Recurring && x.category != Category::Discount)
                .collect();
            base_lines(
                &mut s,
                q,
                "the recurring lines above, before any discount",
                &before,
                *base,
            );
        }
        Explain::DiscountPercent { base, .. } | Explain::DiscountFixed { base, .. } => {
            running_net(&mut s, q, i, *base);
        }
        _ => {}
    }
    if let Some(raw) = raw_amount(l) {
        if raw != l.amount {
            let _ = writeln!(
                s,
                "  exact:  {} (rounded half away from zero to {d} decimals)",
                raw.normalize()
            );
        }
    }
    let _ = writeln!(s, "  amount: {}", q.fmt(l.amount));
    let total = match l.kind {
        LineKind::Recurring => ("monthly recurring", q.totals.monthly_recurring),
        LineKind::OneTime => ("one-time", q.totals.one_time),
    };
    let _ = writeln!(
        s,
        "  part of the {} total, {} {}",
        total.0,
        q.fmt(total.1),
        q.plan.currency
    );
    s
}

/// The lines a percentage was taken of, summed.
fn base_lines(s: &mut String, q: &Quote, what: &str, lines: &[&Line], base: Decimal) {
    let _ = writeln!(s, "  base:   {what}:");
    let mut b = Builder::default();
    for l in lines {
        b.push_record([format!("    {}", l.label), q.fmt(l.amount)]);
    }
    b.push_record(["    total".to_string(), q.fmt(base)]);
    let mut t = b.build();
    t.with(Style::blank())
        .modify(Columns::new(1..2), Alignment::right());
    let _ = writeln!(s, "{}", super::output::tidy(t));
}

/// A discount's base: its scope's list amount less the discounts applied before it.
fn running_net(s: &mut String, q: &Quote, i: usize, base: Decimal) {
    let Some(l) = q.lines.get(i) else { return };
    let same = |x: &&Line| x.kind == l.kind;
    let list = sum(q
        .lines
        .iter()
        .filter(same)
        .filter(|x| x.category != Category::Discount));
    let earlier = sum(q.lines[..i]
        .iter()
        .filter(same)
        .filter(|x| x.category == Category::Discount));
    let (Some(list), Some(earlier)) = (list, earlier) else {
        return;
    };
    // Discount lines are negative: show what was taken off as a positive amount.
    let _ = writeln!(
        s,
        "  base:   {} lines {} - earlier discounts {} = running net {}",
        kind_word(l.kind),
        q.fmt(list),
        q.fmt(-earlier),
        q.fmt(base)
    );
}

/// The sum of some lines' amounts, or `None` if it is too large to hold.
fn sum<'a>(mut lines: impl Iterator<Item = &'a Line>) -> Option<Decimal> {
    lines.try_fold(Decimal::ZERO, |acc, l| acc.checked_add(l.amount))
}

/// The unrounded amount, where the line's own numbers determine it.
fn raw_amount(l: &Line) -> Option<Decimal> {
    raw(l, &l.explain)
}

fn raw(l: &Line, explain: &Explain) -> Option<Decimal> {
    match explain {
        Explain::Billed { inner, .. } => raw(l, inner),
        Explain::Volume { fee, .. } | Explain::Graduated { fee, .. } => {
            let (q, u) = (l.quantity?, l.unit_price?);
            q.checked_mul(u)?.checked_add(fee.unwrap_or_default())
        }
        Explain::PerSeat { .. }
        | Explain::Pack { .. }
        | Explain::Storage { .. }
        | Explain::Integration { .. }
        | Explain::PerUnit { .. } => l.quantity?.checked_mul(l.unit_price?),
        Explain::Backup { flat, used, rate } => flat.checked_add(used.checked_mul(*rate)?),
        Explain::DiscountPercent { percent, base, .. } => base
            .checked_mul(*percent)?
            .checked_div(Decimal::ONE_HUNDRED)
            .map(|x| -x),
        _ => None,
    }
}

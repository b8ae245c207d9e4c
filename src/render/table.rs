//! The terminal table: each segment's lines as billed, the invoices grouped, and the totals
//! before tax, tax and with tax side by side; aligned by display width, so Chinese labels
//! line up.

use super::schedule::{self as view, billed};
use crate::money::format_amount;
use crate::quote::Quote;
use crate::text::shown;
use std::fmt::Write;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

/// The quote as aligned text: lines, schedule, totals, notes, approval.
pub fn table(q: &Quote) -> String {
    table_fit(q, None)
}

/// Narrows `t` to `width` columns when given, wrapping the widest cells first at word
/// boundaries, so a table fits a narrow terminal instead of breaking every row.
pub fn fit_width(t: &mut tabled::Table, width: Option<usize>) {
    if let Some(w) = width {
        t.with(
            tabled::settings::Width::wrap(w)
                .priority(tabled::settings::peaker::PriorityMax::new(true))
                .keep_words(true),
        );
    }
}

/// [`table`] at most `width` columns wide (the terminal's, in the REPL).
pub fn table_fit(q: &Quote, width: Option<usize>) -> String {
    table_for(q, width, false, None)
}

/// [`table_fit`], for a customer when `customer`: without the How column, notes or
/// approval reasons. `customer_name` is shown in a deal's heading.
pub fn table_for(
    q: &Quote,
    width: Option<usize>,
    customer: bool,
    customer_name: Option<&str>,
) -> String {
    let mut out = format!("{}\n", view::heading(q, customer_name));
    if let Some(v) = view::validity(q) {
        let _ = writeln!(out, "{v}");
    }
    let titled = view::titled(q);
    for (i, seg) in q.schedule.segments.iter().enumerate() {
        if titled {
            let _ = writeln!(out, "\n{}", shown(&view::segment_title(seg)));
        }
        let _ = writeln!(out, "{}", lines_table(q, i, width, customer));
    }
    if let Some(d) = q.deal.as_ref().filter(|d| !d.prices.is_empty()) {
        let digits = q.plan.minor_digits;
        let mut b = Builder::default();
        b.push_record(["Contract price", "List", "Contract", "Difference"]);
        for c in &d.prices {
            b.push_record([
                shown(&c.label).into_owned(),
                crate::money::format_unit(c.list, digits),
                crate::money::format_unit(c.contract, digits),
                crate::money::format_unit(c.difference, digits),
            ]);
        }
        let mut t = b.build();
        t.with(Style::sharp())
            .modify(Columns::new(1..4), Alignment::right());
        let _ = writeln!(out, "{t}");
    }
    out.push_str(&sums(q));
    if let Some(statement) = view::tax_statement(q) {
        let _ = writeln!(out, "{statement}");
    }
    if customer {
        return out;
    }
    for n in &q.notes {
        let _ = writeln!(out, "note: {}", shown(n));
    }
    if q.approval.required {
        out.push_str("approval required:\n");
        for r in view::approvals(q) {
            let _ = writeln!(out, "  - {}", shown(r));
        }
    }
    out
}

/// Segment `i`'s lines as billed on its first invoice.
fn lines_table(q: &Quote, i: usize, width: Option<usize>, customer: bool) -> String {
    let d = q.plan.minor_digits;
    let Some(seg) = q.schedule.segments.get(i) else {
        return String::new();
    };
    let list = !seg.list.is_empty();
    let included = q.plan.tax_included;
    let mut head = vec!["Line", "Qty", "Unit price", "Billed", "Amount"];
    if list {
        head.extend(["List", "Difference"]);
    }
    if included {
        head.extend(["Without tax", "Tax"]);
    }
    if !customer {
        head.push("How");
    }
    let mut b = Builder::default();
    b.push_record(head.iter().copied());
    let width_of = head.len();
    for l in billed(q, i) {
        let mut row = vec![
            shown(&l.line.label).into_owned(),
            view::qty_text(&l),
            view::unit_text(&l, d),
            view::period_text(&l),
            q.fmt(l.amount),
        ];
        if list {
            let diff = l.list.and_then(|m| l.amount.checked_sub(m));
            row.push(l.list.map_or(String::new(), |m| format_amount(m, d)));
            row.push(diff.map_or(String::new(), |x| format_amount(x, d)));
        }
        if included {
            let s = l.split.unwrap_or_default();
            row.extend([q.fmt(s.without_tax), q.fmt(s.tax)]);
        }
        if !customer {
            row.push(shown(&view::how(q, seg, &l)).into_owned());
        }
        b.push_record(row);
    }
    if let Some(adj) = &seg.adjustment {
        if let Some(run) = view::first_run(q, i) {
            let mut row = vec![String::new(); width_of];
            row[0] = shown(&adj.words).into_owned();
            row[4] = q.fmt(run.adjustment);
            b.push_record(row);
        }
    }
    let mut t = b.build();
    let numeric = if customer {
        1..width_of
    } else {
        1..width_of - 1
    };
    t.with(Style::sharp())
        .modify(Columns::new(numeric), Alignment::right())
        .modify(Columns::new(3..4), Alignment::left());
    fit_width(&mut t, width);
    t.to_string()
}

/// The schedule alone (the REPL's `schedule`): each segment's title, the invoices grouped,
/// and the totals before tax, tax and with tax side by side.
pub fn schedule_text(q: &Quote) -> String {
    let mut out = String::new();
    if view::titled(q) {
        for s in &q.schedule.segments {
            let _ = writeln!(out, "{}", shown(&view::segment_title(s)));
        }
    }
    out.push_str(&sums(q));
    out
}

/// The invoices, grouped, then the totals: before tax, tax and with tax side by side.
fn sums(q: &Quote) -> String {
    let mut b = Builder::default();
    let [_, before, tax, with] = view::total_head(q);
    b.push_record(["Invoices".to_string(), before, tax, with, String::new()]);
    for r in &q.schedule.runs {
        let each = if r.count > 1 { "each" } else { "" };
        b.push_record([
            format!("  {}", view::run_title(q, r)),
            q.fmt(r.amounts.without_tax),
            q.fmt(r.amounts.tax),
            q.fmt(r.amounts.with_tax),
            each.to_string(),
        ]);
    }
    b.push_record(["Totals", "", "", "", ""].map(String::from));
    for (label, before, tax, with) in view::total_rows(q) {
        b.push_record([format!("  {label}"), before, tax, with, String::new()]);
    }
    let mut t = b.build();
    t.with(Style::blank())
        .modify(Columns::new(1..4), Alignment::right());
    let mut out = String::new();
    // Blank-styled cells pad every row; trailing spaces only get in the way of copying.
    for row in t.to_string().lines() {
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

//! The terminal table: aligned by display width, so Chinese labels line up.

use super::{kind_word, line_split, qty_unit, total_rows};
use crate::quote::Quote;
use crate::text::shown;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

/// The quote as aligned text: lines, totals, notes, approval.
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
    table_for(q, width, false)
}

/// [`table_fit`], for a customer when `customer`: without the How column, notes or
/// approval reasons.
pub fn table_for(q: &Quote, width: Option<usize>, customer: bool) -> String {
    let d = q.plan.minor_digits;
    let how: &[&str] = if customer { &[] } else { &["How"] };
    let mut b = Builder::default();
    let included = q.tax_split.is_some();
    if included {
        let head = [
            "Line",
            "Billed",
            "Qty",
            "Unit price",
            "Amount",
            "Without tax",
            "Tax",
        ];
        b.push_record(head.iter().chain(how).copied());
    } else {
        let head = ["Line", "Billed", "Qty", "Unit price", "Amount"];
        b.push_record(head.iter().chain(how).copied());
    }
    for (i, l) in q.lines.iter().enumerate() {
        let (qty, unit) = qty_unit(q, l);
        let mut row = vec![
            shown(&l.label).into_owned(),
            kind_word(q, l.kind).to_string(),
            qty,
            unit,
            q.fmt(l.amount),
        ];
        if let Some((without, tax)) = line_split(q, i) {
            row.extend([without, tax]);
        }
        if !customer {
            row.push(shown(&l.explain.render(d)).into_owned());
        }
        b.push_record(row);
    }
    let mut lines = b.build();
    let amounts = if included { 2..7 } else { 2..5 };
    lines
        .with(Style::sharp())
        .modify(Columns::new(amounts), Alignment::right());
    fit_width(&mut lines, width);

    let mut t = Builder::default();
    for (label, amount) in total_rows(q) {
        t.push_record([label, amount]);
    }
    let mut totals = t.build();
    totals
        .with(Style::blank())
        .modify(Columns::new(1..2), Alignment::right());

    let mut out = format!(
        "Plan {} {}, amounts in {}\n{lines}\n",
        shown(&q.plan.name),
        shown(&q.plan.version),
        q.plan.currency
    );
    // Blank-styled cells pad every row; trailing spaces only get in the way of copying.
    for row in totals.to_string().lines() {
        out.push_str(row.trim_end());
        out.push('\n');
    }
    if customer {
        return out;
    }
    for n in &q.notes {
        out.push_str(&format!("note: {}\n", shown(n)));
    }
    if q.approval.required {
        out.push_str("approval required:\n");
        for r in &q.approval.reasons {
            out.push_str(&format!("  - {}\n", shown(r)));
        }
    }
    out
}

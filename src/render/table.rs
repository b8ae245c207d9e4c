//! The terminal table: each segment's lines as billed, the invoices grouped, and the totals
//! before tax, tax and with tax side by side; aligned by display width, so Chinese labels
//! line up.

use super::fit::fit_width;
use super::schedule::{self as view, billed};
use super::wrap;
use crate::money::format_amount;
use crate::quote::Quote;
use crate::text::shown;
use std::fmt::Write;
use tabled::builder::Builder;
use tabled::grid::records::vec_records::Cell;
use tabled::settings::formatting::AlignmentStrategy;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Span, Style};

/// The quote as aligned text: lines, schedule, totals, notes, approval.
pub fn table(q: &Quote) -> String {
    table_fit(q, None)
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
    let mut rows: Vec<Vec<String>> = vec![head.iter().map(|h| h.to_string()).collect()];
    // Each row's explanation (the How column), empty for the heading and the adjustment.
    let mut hows = vec![String::new()];
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
        rows.push(row);
        hows.push(shown(&view::how(q, seg, &l)).into_owned());
    }
    if let Some(adj) = &seg.adjustment {
        if let Some(run) = view::first_run(q, i) {
            let mut row = vec![String::new(); width_of];
            row[0] = shown(&adj.words).into_owned();
            row[4] = q.fmt(run.adjustment);
            rows.push(row);
            hows.push(String::new());
        }
    }
    if customer {
        return styled(rows, width_of, width).to_string();
    }
    let Some(w) = width else {
        return with_how(rows, &hows, None).to_string();
    };
    // The rest of the table first: the How column gets what is left, at least MIN_HOW
    // columns, or goes under each line.
    let bare = styled(rows.clone(), width_of, Some(w));
    let widest_how = hows.iter().map(|h| wrap::columns(h)).max().unwrap_or(0);
    let room = w.saturating_sub(bare.total_width() + 3);
    if bare.total_width() == natural_width(&rows, width_of) && room >= MIN_HOW.min(widest_how) {
        return with_how(rows, &hows, Some(room)).to_string();
    }
    how_under(&bare, &hows, width_of).to_string()
}

/// The narrowest the How column gets before it moves under each line: its explanations
/// are sentences, unreadable a word or two at a time.
const MIN_HOW: usize = 30;

/// The table's width with no cell wrapped.
fn natural_width(rows: &[Vec<String>], columns: usize) -> usize {
    styled(rows.to_vec(), columns, None).total_width()
}

/// `rows` as a table with the numbers right-aligned, fitted to `width` when given.
fn styled(rows: Vec<Vec<String>>, columns: usize, width: Option<usize>) -> tabled::Table {
    let mut t = Builder::from(rows).build();
    // Each line of a wrapped cell aligned on its own, so a wrapped price stays flush right.
    t.with(Style::sharp())
        .modify(Columns::new(1..columns), Alignment::right())
        .modify(Columns::new(3..4), Alignment::left())
        .modify(Columns::new(0..columns), AlignmentStrategy::PerLine);
    fit_width(&mut t, width);
    t
}

/// The lines with a How column `room` wide (as wide as it needs when `None`), each
/// explanation wrapped at words.
fn with_how(rows: Vec<Vec<String>>, hows: &[String], room: Option<usize>) -> tabled::Table {
    let columns = rows.first().map_or(0, Vec::len);
    let rows: Vec<Vec<String>> = (rows.into_iter().zip(hows).enumerate())
        .map(|(r, (mut row, how))| {
            let how = match room {
                Some(room) => wrap::wrap_line(how, room, "").join("\n"),
                None => how.clone(),
            };
            row.push(if r == 0 { "How".into() } else { how });
            row
        })
        .collect();
    let mut t = styled(rows, columns, None);
    t.modify(Columns::new(columns..columns + 1), Alignment::left());
    t
}

/// The fitted lines with each one's explanation on a row of its own under it, indented and
/// wrapped at words to the table's width.
fn how_under(fitted: &tabled::Table, hows: &[String], columns: usize) -> tabled::Table {
    // Inside the borders and the cell's padding.
    let inner = fitted.total_width().saturating_sub(4);
    let mut rows = Vec::new();
    let mut spans = Vec::new();
    for (row, how) in fitted.get_records().iter().zip(hows) {
        rows.push(row.iter().map(|c| c.text().to_string()).collect::<Vec<_>>());
        if !how.is_empty() {
            let mut under = vec![String::new(); columns];
            under[0] = wrap::wrap_line(&format!("  {how}"), inner, "  ").join("\n");
            spans.push(rows.len());
            rows.push(under);
        }
    }
    let mut t = styled(rows, columns, None);
    for r in spans {
        t.modify((r, 0), Span::column(isize::try_from(columns).unwrap_or(1)))
            .modify((r, 0), Alignment::left());
    }
    t
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

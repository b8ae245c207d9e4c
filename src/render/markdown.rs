//! The internal Markdown a salesperson pastes into a working document: each segment's
//! lines as billed, the invoices grouped and the totals, with derivations.

use super::schedule::{self as view, billed};
use crate::quote::Quote;
use std::fmt::Write;

/// Untrusted text as one inert table cell (`text::shown_markdown`): control characters
/// escaped (a newline would end the row), `|` escaped, no link or image, no HTML tag.
pub(crate) fn cell(s: &str) -> String {
    crate::text::shown_markdown(s)
}

/// The quote as a Markdown document: a lines table per segment, the invoices, the totals.
pub fn markdown(q: &Quote) -> String {
    markdown_for(q, None)
}

/// [`markdown`], naming the customer in a deal's heading.
pub fn markdown_for(q: &Quote, customer: Option<&str>) -> String {
    let mut out = format!("### {}\n\n", cell(&view::heading(q, customer)));
    if let Some(v) = view::validity(q) {
        let _ = writeln!(out, "{v}\n");
    }
    let titled = view::titled(q);
    let included = q.plan.tax_included;
    for (i, seg) in q.schedule.segments.iter().enumerate() {
        if titled {
            let _ = writeln!(out, "#### {}\n", cell(&view::segment_title(seg)));
        }
        let list = !seg.list.is_empty();
        let mut head = vec!["Line", "Qty", "Unit price", "Billed", "Amount"];
        let mut align = vec!["---", "---:", "---:", "---", "---:"];
        if list {
            head.extend(["List", "Difference"]);
            align.extend(["---:", "---:"]);
        }
        if included {
            head.extend(["Without tax", "Tax"]);
            align.extend(["---:", "---:"]);
        }
        head.push("How");
        align.push("---");
        let _ = writeln!(out, "| {} |\n|{}|", head.join(" | "), align.join("|"));
        let width = head.len();
        for l in billed(q, i) {
            let mut cells = vec![
                cell(&l.line.label),
                view::qty_text(&l),
                cell(&view::unit_text(&l, q.plan.minor_digits)),
                view::period_text(&l),
                q.fmt(l.amount),
            ];
            if list {
                let diff = l.list.and_then(|m| l.amount.checked_sub(m));
                cells.push(l.list.map_or(String::new(), |m| q.fmt(m)));
                cells.push(diff.map_or(String::new(), |x| q.fmt(x)));
            }
            if included {
                let s = l.split.unwrap_or_default();
                cells.extend([q.fmt(s.without_tax), q.fmt(s.tax)]);
            }
            cells.push(cell(&view::how(q, seg, &l)));
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        if let (Some(adj), Some(run)) = (&seg.adjustment, view::first_run(q, i)) {
            let mut cells = vec![String::new(); width];
            cells[0] = cell(&adj.words);
            cells[4] = q.fmt(run.adjustment);
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }
    if let Some(d) = q.deal.as_ref().filter(|d| !d.prices.is_empty()) {
        let digits = q.plan.minor_digits;
        out.push_str("| Contract price | List | Contract | Difference |\n|---|---:|---:|---:|\n");
        for c in &d.prices {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&c.label),
                crate::money::format_unit(c.list, digits),
                crate::money::format_unit(c.contract, digits),
                crate::money::format_unit(c.difference, digits)
            );
        }
        out.push('\n');
    }
    let [_, before, tax, with] = view::total_head(q);
    let _ = writeln!(
        out,
        "| Invoices | {before} | {tax} | {with} |\n|---|---:|---:|---:|"
    );
    for r in &q.schedule.runs {
        let each = if r.count > 1 { " each" } else { "" };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {}{each} |",
            cell(&view::run_title(q, r)),
            q.fmt(r.amounts.without_tax),
            q.fmt(r.amounts.tax),
            q.fmt(r.amounts.with_tax)
        );
    }
    let _ = writeln!(
        out,
        "\n| Total | {before} | {tax} | {with} |\n|---|---:|---:|---:|"
    );
    for (label, before, tax, with) in view::total_rows(q) {
        let _ = writeln!(out, "| {} | {before} | {tax} | {with} |", cell(&label));
    }
    if let Some(statement) = view::tax_statement(q) {
        let _ = writeln!(out, "\n**{}**", cell(&statement));
    }
    if !q.notes.is_empty() {
        out.push('\n');
        for n in &q.notes {
            let _ = writeln!(out, "- {}", cell(n));
        }
    }
    if q.approval.required {
        let _ = writeln!(
            out,
            "\n**Approval required:** {}",
            cell(&view::approvals(q).join("; "))
        );
    }
    out
}

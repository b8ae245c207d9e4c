//! A Markdown table a salesperson pastes into a proposal.

use super::{kind_word, line_split, qty_unit, total_rows};
use crate::quote::Quote;
use std::fmt::Write;

/// Untrusted text as one inert table cell (`text::shown_markdown`): control characters
/// escaped (a newline would end the row), `|` escaped, no link or image, no HTML tag.
fn cell(s: &str) -> String {
    crate::text::shown_markdown(s)
}

/// The quote as a Markdown document: a lines table, then a totals table.
pub fn markdown(q: &Quote) -> String {
    let d = q.plan.minor_digits;
    let mut out = format!(
        "### {} {} ({})\n\n",
        cell(&q.plan.name),
        cell(&q.plan.version),
        q.plan.currency
    );
    if q.tax_split.is_some() {
        out.push_str("| Line | Billed | Qty | Unit price | Amount | Without tax | Tax | How |\n");
        out.push_str("|---|---|---:|---:|---:|---:|---:|---|\n");
    } else {
        out.push_str("| Line | Billed | Qty | Unit price | Amount | How |\n");
        out.push_str("|---|---|---:|---:|---:|---|\n");
    }
    for (i, l) in q.lines.iter().enumerate() {
        let (qty, unit) = qty_unit(q, l);
        let split = line_split(q, i).map_or(String::new(), |(w, t)| format!(" {w} | {t} |"));
        let _ = writeln!(
            out,
            "| {} | {} | {qty} | {unit} | {} |{split} {} |",
            cell(&l.label),
            kind_word(q, l.kind),
            q.fmt(l.amount),
            cell(&l.explain.render(d))
        );
    }
    out.push_str("\n| Total | Amount |\n|---|---:|\n");
    for (label, amount) in total_rows(q) {
        let _ = writeln!(out, "| {} | {amount} |", cell(label.trim()));
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
            cell(&q.approval.reasons.join("; "))
        );
    }
    out
}

//! The proposal as Markdown, for pasting into a message or a wiki.

use super::{view, Audience, Document};
use crate::model::Plan;
use crate::quote::Quote;
use crate::render::locale::Words;
use crate::request::Request;
use std::fmt::Write;

/// The proposal as Markdown: the same header, lines, invoices, totals and terms; the
/// internal one adds the derivations table.
pub fn markdown(q: &Quote, r: &Request, plan: Option<&Plan>, doc: &Document) -> String {
    let w = Words::new(doc.lang);
    let v = view(q, r, plan, doc);
    let cell = crate::text::shown_markdown;
    let mut s = format!(
        "## {} — {} {}\n\n",
        cell(&w.get("proposal")),
        cell(&q.plan.name),
        cell(&q.plan.version)
    );
    if plan.is_some_and(|p| p.vendor.is_some()) {
        let _ = writeln!(
            s,
            "- **{}**: {}",
            cell(&w.get("from-vendor")),
            cell(&v.vendor)
        );
    }
    for f in v.customer.iter().chain(&v.header) {
        let _ = writeln!(s, "- **{}**: {}", cell(&f.label), cell(&f.value));
    }
    for sec in &v.sections {
        if let Some(t) = &sec.title {
            let _ = write!(s, "\n### {}\n", cell(t));
        }
        let [item, qty, unit, period, amount] = &v.columns;
        let _ = write!(
            s,
            "\n| {} | {} | {} | {} | {} |\n|---|---:|---:|---|---:|\n",
            cell(item),
            cell(qty),
            cell(unit),
            cell(period),
            cell(amount)
        );
        for row in &sec.rows {
            let label = if row.description.is_empty() {
                cell(&row.label)
            } else {
                format!("{} ({})", cell(&row.label), cell(&row.description))
            };
            let _ = writeln!(
                s,
                "| {label} | {} | {} | {} | {} |",
                row.qty,
                cell(&row.unit),
                cell(&row.period),
                row.amount
            );
        }
    }
    let [before, tax, with] = &v.tax_heads;
    let _ = write!(
        s,
        "\n| {} | {before} | {tax} | {with} | |\n|---|---:|---:|---:|---|\n",
        w.get("invoices")
    );
    for row in &v.invoices {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            cell(&row.which),
            row.before_tax,
            row.tax,
            row.with_tax,
            row.each
        );
    }
    let _ = write!(
        s,
        "\n| | {before} | {tax} | {with} ({}) |\n|---|---:|---:|---:|\n",
        v.currency
    );
    for t in &v.totals {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            cell(&t.label),
            t.before_tax,
            t.tax,
            t.with_tax
        );
    }
    if let Some(f) = &v.in_words {
        let _ = writeln!(s, "| {} | | | {} |", f.label, f.value);
    }
    s.push('\n');
    for f in &v.views {
        let _ = writeln!(s, "- {}: {}", cell(&f.label), f.value);
    }
    let _ = write!(s, "\n**{}**\n\n", w.get("terms"));
    for t in &v.terms {
        let _ = writeln!(s, "- {}", cell(t));
    }
    if doc.audience == Audience::Internal {
        s.push('\n');
        s.push_str(&crate::render::markdown_for(q, r.customer.as_deref()));
    }
    s
}

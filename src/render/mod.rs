//! Quote to text: an aligned table, the JSON contract, or Markdown for proposals.

mod deal;
pub mod document;
pub mod json;
pub mod locale;
mod markdown;
pub mod plot;
pub mod sheet;
mod table;

pub use deal::{render_deal, table_fit as deal_table_fit};
pub use json::{json, JsonPlan, JsonQuote};
pub use markdown::markdown;
pub use table::{fit_width, table, table_fit, table_for};

use crate::quote::{LineKind, Quote};

/// Output formats for a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// The JSON contract, for other systems.
    Json,
    /// A Markdown table to paste into a proposal.
    Markdown,
    /// A proposal: one self-contained HTML file (inline CSS, A4 print styles).
    Html,
}

/// Renders `quote` (priced from `request`) in `format`.
pub fn render(quote: &Quote, request: &crate::request::Request, format: Format) -> String {
    match format {
        Format::Table => table(quote),
        Format::Json => json(quote, request),
        Format::Markdown => markdown(quote),
        Format::Html => {
            let doc = document::Document {
                audience: document::Audience::Internal,
                lang: locale::Lang::for_currency(&quote.plan.currency),
                prepared_by: None,
                date: document::date_of(request),
            };
            document::html(quote, request, None, &doc)
        }
    }
}

/// How a line is billed, as shown to people: a recurring line by the quote's cycle
/// (its amount stays per month), a one-time line once.
pub(crate) fn kind_word(q: &Quote, kind: LineKind) -> &'static str {
    match kind {
        LineKind::Recurring => match q.cycle_months {
            12 => "annually",
            3 => "quarterly",
            _ => "monthly",
        },
        LineKind::OneTime => "one-time",
    }
}

/// The totals block as (label, amount) rows, shared by the table and Markdown renderers.
pub(crate) fn total_rows(q: &Quote) -> Vec<(String, String)> {
    let t = &q.totals;
    let months = |n: u64| format!("{n} month{}", if n == 1 { "" } else { "s" });
    let Some(split) = &q.tax_split else {
        let tax = format!("tax {}%", q.plan.tax_percent.normalize());
        return vec![
            ("Monthly recurring".into(), q.fmt(t.monthly_recurring)),
            ("One-time".into(), q.fmt(t.one_time)),
            (
                format!("First invoice ({})", months(q.cycle_months)),
                q.fmt(t.first_invoice),
            ),
            (format!("  {tax}"), q.fmt(t.first_invoice_tax)),
            ("  with tax".into(), q.fmt(t.first_invoice_total)),
            (
                format!("Term total ({})", months(q.term_months)),
                q.fmt(t.term_total),
            ),
            (format!("  {tax}"), q.fmt(t.term_tax)),
            ("  with tax".into(), q.fmt(t.term_total_with_tax)),
        ];
    };
    // Tax-included: every sum is shown with tax first, as the price list states it.
    let tax = format!("tax {}% included", q.plan.tax_percent.normalize());
    vec![
        (
            "Monthly recurring, with tax".into(),
            q.fmt(t.monthly_recurring),
        ),
        ("  without tax".into(), q.fmt(split.monthly.without_tax)),
        (format!("  {tax}"), q.fmt(split.monthly.tax)),
        ("One-time, with tax".into(), q.fmt(t.one_time)),
        ("  without tax".into(), q.fmt(split.one_time.without_tax)),
        (format!("  {tax}"), q.fmt(split.one_time.tax)),
        (
            format!("First invoice ({}), with tax", months(q.cycle_months)),
            q.fmt(t.first_invoice_total),
        ),
        ("  without tax".into(), q.fmt(t.first_invoice)),
        (format!("  {tax}"), q.fmt(t.first_invoice_tax)),
        (
            format!("Term total ({}), with tax", months(q.term_months)),
            q.fmt(t.term_total_with_tax),
        ),
        ("  without tax".into(), q.fmt(t.term_total)),
        (format!("  {tax}"), q.fmt(t.term_tax)),
    ]
}

/// A line's amount without tax and its tax, on a tax-included quote.
pub(crate) fn line_split(q: &Quote, i: usize) -> Option<(String, String)> {
    let s = q.tax_split.as_ref()?.lines.get(i)?;
    Some((q.fmt(s.without_tax), q.fmt(s.tax)))
}

/// Quantity and unit price columns, empty where they do not apply.
pub(crate) fn qty_unit(q: &Quote, l: &crate::quote::Line) -> (String, String) {
    let d = q.plan.minor_digits;
    (
        l.quantity
            .map(crate::money::format_quantity)
            .unwrap_or_default(),
        l.unit_price
            .map(|u| crate::money::format_unit(u, d))
            .unwrap_or_default(),
    )
}

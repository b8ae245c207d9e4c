//! Priced rows to bytes: CSV under a header, or one JSON object per line (JSON Lines).

use super::price::{Outcome, PricedRow};
use crate::money::format_amount;
use serde::Serialize;
use std::io;

/// How the results of a batch are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// CSV with a header line.
    #[default]
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// The result columns, in order (docs/batch.md): the first invoice and the contract are
/// sums of the quote's invoices; monthly and annual recurring are its views.
pub const COLUMNS: [&str; 10] = [
    "customer",
    "monthly_recurring",
    "one_time",
    "first_invoice_total",
    "term_total_with_tax",
    "annual_recurring",
    "term_total",
    "term_tax",
    "status",
    "message",
];

/// What goes before the first row: the CSV header line; nothing for JSON Lines.
pub fn header(format: OutputFormat) -> Vec<u8> {
    match format {
        OutputFormat::Csv => format!("{}\n", COLUMNS.join(",")).into_bytes(),
        OutputFormat::Jsonl => Vec::new(),
    }
}

/// One result row, with amounts as text in the currency's digits.
#[derive(Serialize)]
struct Row<'a> {
    customer: &'a str,
    monthly_recurring: Option<String>,
    one_time: Option<String>,
    first_invoice_total: Option<String>,
    term_total_with_tax: Option<String>,
    annual_recurring: Option<String>,
    term_total: Option<String>,
    term_tax: Option<String>,
    status: &'static str,
    message: &'a str,
}

impl<'a> Row<'a> {
    fn new(r: &'a PricedRow, digits: u32) -> Row<'a> {
        let fmt = |d| Some(format_amount(d, digits));
        match &r.outcome {
            Outcome::Priced { totals: t, note } => Row {
                customer: &r.customer,
                monthly_recurring: fmt(t.monthly_recurring),
                one_time: fmt(t.one_time),
                first_invoice_total: fmt(t.first_invoice_total),
                term_total_with_tax: fmt(t.term_total_with_tax),
                annual_recurring: fmt(t.annual_recurring),
                term_total: fmt(t.term_total),
                term_tax: fmt(t.term_tax),
                status: "ok",
                message: note.as_deref().unwrap_or(""),
            },
            Outcome::Rejected(message) => Row {
                customer: &r.customer,
                monthly_recurring: None,
                one_time: None,
                first_invoice_total: None,
                term_total_with_tax: None,
                annual_recurring: None,
                term_total: None,
                term_tax: None,
                status: "rejected",
                message,
            },
        }
    }
}

/// Appends `rows` to `out` in `format`, amounts with `digits` minor digits.
pub fn encode(
    rows: &[PricedRow],
    digits: u32,
    format: OutputFormat,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    match format {
        OutputFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(out);
            // Text cells are made inert for spreadsheets (see `text::csv_text`); the amounts
            // are ours, always plain numbers.
            use crate::text::csv_text;
            for r in rows {
                let row = Row::new(r, digits);
                w.write_record([
                    &*csv_text(row.customer),
                    or_empty(&row.monthly_recurring),
                    or_empty(&row.one_time),
                    or_empty(&row.first_invoice_total),
                    or_empty(&row.term_total_with_tax),
                    or_empty(&row.annual_recurring),
                    or_empty(&row.term_total),
                    or_empty(&row.term_tax),
                    row.status,
                    &*csv_text(row.message),
                ])?;
            }
            w.flush()
        }
        OutputFormat::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut *out, &Row::new(r, digits))?;
                out.push(b'\n');
            }
            Ok(())
        }
    }
}

/// A CSV cell: the amount, or nothing for a rejected row.
fn or_empty(amount: &Option<String>) -> &str {
    amount.as_deref().unwrap_or("")
}

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
    /// Parquet: the CSV's columns, amounts as decimals (see `parquet_io`).
    Parquet,
}

impl OutputFormat {
    /// The format a file name asks for by its extension (`.parquet`, `.jsonl`), if any.
    pub fn from_extension(path: &std::path::Path) -> Option<OutputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "parquet" | "pq" => Some(OutputFormat::Parquet),
            "jsonl" | "ndjson" => Some(OutputFormat::Jsonl),
            "csv" => Some(OutputFormat::Csv),
            _ => None,
        }
    }
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
        OutputFormat::Jsonl | OutputFormat::Parquet => Vec::new(),
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
    fn new(r: &PricedRowRef<'a>, digits: u32) -> Row<'a> {
        let fmt = |d| Some(format_amount(d, digits));
        match r.outcome {
            Outcome::Priced { totals: t, note } => Row {
                customer: r.customer,
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
                customer: r.customer,
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
    for r in rows {
        encode_row(&r.customer, &r.outcome, digits, format, out)?;
    }
    Ok(())
}

/// Appends one result row to `out` in `format`.
///
/// CSV rows are written straight into `out`: amounts digit by digit, text cells quoted by
/// the rules of the `csv` crate's writer (which wrote them before, so the bytes are the
/// same), with no `String` per cell; a row of ten cells used to cost seven amount strings
/// and a CSV writer.
pub fn encode_row(
    customer: &str,
    outcome: &Outcome,
    digits: u32,
    format: OutputFormat,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    match format {
        OutputFormat::Csv => {
            // Text cells are made inert for spreadsheets (see `text::csv_text`); the amounts
            // are ours, always plain numbers.
            use crate::text::csv_text;
            push_csv_text(out, &csv_text(customer));
            match outcome {
                Outcome::Priced { totals: t, note } => {
                    for amount in [
                        t.monthly_recurring,
                        t.one_time,
                        t.first_invoice_total,
                        t.term_total_with_tax,
                        t.annual_recurring,
                        t.term_total,
                        t.term_tax,
                    ] {
                        out.push(b',');
                        crate::money::push_amount(out, amount, digits);
                    }
                    out.extend_from_slice(b",ok,");
                    push_csv_text(out, &csv_text(note.as_deref().unwrap_or("")));
                }
                Outcome::Rejected(message) => {
                    out.extend_from_slice(b",,,,,,,,rejected,");
                    push_csv_text(out, &csv_text(message));
                }
            }
            out.push(b'\n');
            Ok(())
        }
        OutputFormat::Jsonl => {
            let row = PricedRowRef { customer, outcome };
            serde_json::to_writer(&mut *out, &Row::new(&row, digits))?;
            out.push(b'\n');
            Ok(())
        }
        OutputFormat::Parquet => Err(io::Error::other(
            "Parquet results are written column by column (parquet_io::ResultColumns)",
        )),
    }
}

/// A row borrowed for the JSON Lines encoder.
struct PricedRowRef<'a> {
    customer: &'a str,
    outcome: &'a Outcome,
}

/// Appends a text cell as the `csv` crate's default writer does: quoted only when it holds a
/// comma, a quote, `\r` or `\n`, quotes doubled inside.
pub fn push_csv_text(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    if !bytes
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        out.extend_from_slice(bytes);
        return;
    }
    out.push(b'"');
    for &b in bytes {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::format_amount;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn amounts_read_as_format_amount_writes_them() {
        let cases = [
            "0",
            "-0",
            "-0.001",
            "0.004",
            "0.005",
            "-0.005",
            "1",
            "12.5",
            "1234.565",
            "0.05",
            "-0.05",
            "7",
            "100000000000",
            "-3.14159",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "18446744073709551616",
            "184467440737095516.15",
        ];
        for text in cases {
            let d = Decimal::from_str(text).unwrap();
            for digits in [0, 2, 3, 4] {
                let mut out = Vec::new();
                crate::money::push_amount(&mut out, d, digits);
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    format_amount(d, digits),
                    "{text} at {digits} digits"
                );
            }
        }
    }

    #[test]
    fn text_cells_are_quoted_as_the_csv_crate_quotes_them() {
        for text in [
            "plain",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "",
            "' =x",
        ] {
            let mut ours = Vec::new();
            push_csv_text(&mut ours, text);
            let mut theirs = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(Vec::new());
            theirs.write_record([text, "x"]).unwrap();
            let theirs = theirs.into_inner().unwrap();
            ours.extend_from_slice(b",x\n");
            assert_eq!(ours, theirs, "{text:?}");
        }
    }
}

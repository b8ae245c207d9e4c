//! Pricing a whole customer book: streamed in chunks, priced in parallel, written in order.
//!
//! [`price_book`] is the whole of `ratecard batch`; [`gen`] writes synthetic books for tests
//! and benchmarks; [`pipeline`] and [`book`] are shared with `ratecard diff`.

pub mod book;
pub mod gen;
pub mod parquet_io;
pub mod pipeline;
pub mod price;
pub mod progress;
pub mod write;

pub use book::{Book, BookError, Columns};
pub use price::{price_request, price_row, Outcome, PricedRow};
pub use write::OutputFormat;

use crate::model::Plan;
use std::io::{self, Read, Write};

/// How a book is priced and written.
#[derive(Debug, Clone)]
pub struct Options {
    /// CSV, JSON Lines or Parquet.
    pub format: OutputFormat,
    /// Rows read and priced together (see [`pipeline::CHUNK_ROWS`]).
    pub chunk_rows: usize,
    /// Advanced after every chunk; hidden when nobody watches.
    pub progress: indicatif::ProgressBar,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: OutputFormat::Csv,
            chunk_rows: pipeline::CHUNK_ROWS,
            progress: indicatif::ProgressBar::hidden(),
        }
    }
}

/// How a batch went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Rows read.
    pub rows: u64,
    /// Rows not priced (malformed or rejected).
    pub rejected: u64,
}

/// Why a batch stopped before its end.
#[derive(Debug)]
pub enum BatchError {
    /// The book could not be read.
    Book(BookError),
    /// The results could not be written.
    Write(io::Error),
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BatchError::Book(e) => e.fmt(f),
            BatchError::Write(e) => write!(f, "cannot write the results: {e}"),
        }
    }
}

impl std::error::Error for BatchError {}

/// Prices every row of the CSV book read from `input` and writes one result row per book
/// row to `out`, in the book's order. A bad row is a rejected result, never an error.
pub fn price_book<R, W>(
    plan: &Plan,
    input: R,
    out: W,
    opts: &Options,
) -> Result<Summary, BatchError>
where
    R: Read + Send,
    W: Write + Send,
{
    let book = Book::new(input).map_err(BatchError::Book)?;
    price_rows(plan, book, out, opts)
}

/// Prices every row of `book` (CSV or Parquet) and writes the results to `out` in
/// `opts.format`, in the book's order.
pub fn price_rows<B, W>(plan: &Plan, book: B, out: W, opts: &Options) -> Result<Summary, BatchError>
where
    B: pipeline::Rows,
    W: Write + Send,
{
    let digits = plan.currency.minor_digits;
    let summary = if opts.format == OutputFormat::Parquet {
        let mut writer = parquet_io::ResultWriter::new(out, digits).map_err(BatchError::Write)?;
        let schema = writer.schema().clone();
        let encode = |columns: &Columns, recs: &[csv::ByteRecord]| {
            let mut cols = parquet_io::ResultColumns::new(recs.len(), digits);
            let mut rejected = 0u64;
            for rec in recs {
                let row = price_row(plan, columns, rec);
                rejected += u64::from(row.outcome.is_rejected());
                cols.push(&row.customer, &row.outcome);
            }
            cols.finish(&schema).map(|batch| (batch, rejected))
        };
        let summary = run(book, opts, encode, |batch| writer.write(batch))?;
        writer.close().map_err(BatchError::Write)?;
        summary
    } else {
        let mut out = out;
        out.write_all(&write::header(opts.format))
            .map_err(BatchError::Write)?;
        let format = opts.format;
        // Each row is priced and written at once into the slice's buffer: no vector of
        // priced rows, no amount strings (see `write::encode_row`).
        let encode = |columns: &Columns, recs: &[csv::ByteRecord]| {
            // About 80 bytes a row; one allocation per slice, not per row.
            let mut bytes = Vec::with_capacity(recs.len() * 96);
            let mut rejected = 0u64;
            for rec in recs {
                let row = price_row(plan, columns, rec);
                rejected += u64::from(row.outcome.is_rejected());
                write::encode_row(&row.customer, &row.outcome, digits, format, &mut bytes)?;
            }
            Ok((bytes, rejected))
        };
        let summary = run(book, opts, encode, |bytes: &Vec<u8>| out.write_all(bytes))?;
        out.flush().map_err(BatchError::Write)?;
        summary
    };
    opts.progress.finish_and_clear();
    Ok(summary)
}

/// Streams `book` through `encode` (in parallel, by slices) and `write` (in order), counting
/// rows and rejections.
fn run<B, T>(
    book: B,
    opts: &Options,
    encode: impl Fn(&Columns, &[csv::ByteRecord]) -> io::Result<(T, u64)> + Sync,
    mut write: impl FnMut(&T) -> io::Result<()>,
) -> Result<Summary, BatchError>
where
    B: pipeline::Rows,
    T: Send,
{
    let mut summary = Summary::default();
    let write_chunk = |parts: Vec<io::Result<(T, u64)>>, p: pipeline::Progress| {
        for part in parts {
            let (encoded, rejected) = part?;
            write(&encoded)?;
            summary.rejected += rejected;
        }
        summary.rows = p.rows;
        progress::advance(&opts.progress, p.rows, p.bytes);
        Ok(())
    };
    pipeline::stream(book, opts.chunk_rows, encode, write_chunk).map_err(|e| match e {
        pipeline::StreamError::Book(e) => BatchError::Book(e),
        pipeline::StreamError::Sink(e) => BatchError::Write(e),
    })?;
    Ok(summary)
}

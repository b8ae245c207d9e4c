//! `ratecard batch` and `ratecard gen-book`: argument parsing; the work lives in `crate::batch`.

use super::output::{self, say};
use super::{load_plan, Exit};
use crate::batch::{self, OutputFormat};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Arguments of `ratecard batch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file.
    #[arg(value_name = "PLAN")]
    pub plan: PathBuf,
    /// The customer book (CSV or Parquet; see docs/batch.md), or `-` for standard input.
    #[arg(value_name = "BOOK")]
    pub book: PathBuf,
    /// The book's format; by default from its extension (`.parquet`), else CSV.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Write the results here instead of standard output.
    #[arg(long, short, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Output format; by default from the output's extension (`.parquet`, `.jsonl`), else CSV.
    #[arg(
        long,
        short,
        value_enum,
        alias = "output-format",
        value_name = "FORMAT"
    )]
    pub format: Option<OutputFormat>,
}

/// The formats a book can be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// CSV with a header line.
    Csv,
    /// Parquet, as a warehouse exports a table.
    Parquet,
}

/// Arguments of `ratecard gen-book`.
#[derive(Debug, clap::Args)]
pub struct GenArgs {
    /// Rows to generate.
    #[arg(long, default_value_t = 1000)]
    pub rows: u64,
    /// The plan the rows are for; without it, the built-in example plan.
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<PathBuf>,
    /// Random seed: the same seed gives the same book.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write the book here instead of standard output; a `.parquet` name writes Parquet.
    #[arg(long, short, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Where results go: a file, or standard output.
fn open_output(path: Option<&Path>) -> Result<Box<dyn Write + Send>, Exit> {
    // Large buffers: a million rows are tens of megabytes, written in few system calls.
    const BUF: usize = 256 * 1024;
    match path {
        None => Ok(Box::new(BufWriter::with_capacity(BUF, io::stdout()))),
        Some(p) => match File::create(p) {
            Ok(f) => Ok(Box::new(BufWriter::with_capacity(BUF, f))),
            Err(e) => {
                say!("ratecard: cannot write {}: {e}", p.display());
                Err(Exit::Io)
            }
        },
    }
}

/// What a write error names: the output file, or standard output.
fn output_name(path: Option<&Path>) -> String {
    path.map_or("standard output".into(), |p| p.display().to_string())
}

/// The book as a byte stream, and its size when known (for the progress bar).
fn open_book(path: &Path) -> Result<(Box<dyn Read + Send>, Option<u64>), Exit> {
    if path == Path::new("-") {
        return Ok((Box::new(io::stdin()), None));
    }
    // A named book must be a regular file: a FIFO would block, a device never end.
    match crate::files::open_regular(path) {
        Ok(f) => {
            let len = f.metadata().ok().map(|m| m.len());
            Ok((Box::new(f), len))
        }
        Err(e) => {
            say!("ratecard: cannot read book {}: {e}", path.display());
            Err(Exit::Io)
        }
    }
}

/// A book opened in its format, and its length for the progress bar (bytes for CSV, rows
/// for Parquet).
enum Opened {
    Csv(Box<dyn Read + Send>),
    Parquet(Box<batch::parquet_io::ParquetBook>),
}

/// Opens the book in the format asked for or named by its extension.
fn open_in_format(args: &Args) -> Result<(Opened, Option<u64>), Exit> {
    let by_name = args
        .book
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet") || e.eq_ignore_ascii_case("pq"));
    let format = args.input_format.unwrap_or(if by_name {
        InputFormat::Parquet
    } else {
        InputFormat::Csv
    });
    let (mut input, len) = open_book(&args.book)?;
    if format == InputFormat::Csv {
        return Ok((Opened::Csv(input), len));
    }
    let opened = if args.book == Path::new("-") {
        let mut data = Vec::new();
        input
            .read_to_end(&mut data)
            .map_err(|e| batch::BookError::Io(e.to_string()))
            .and_then(|_| batch::parquet_io::ParquetBook::new(data))
    } else {
        // Reopened as a file: Parquet is read by seeking, not from a stream.
        drop(input);
        crate::files::open_regular(&args.book)
            .map_err(|e| batch::BookError::Io(e.to_string()))
            .and_then(batch::parquet_io::ParquetBook::from_file)
    };
    match opened {
        Ok(book) => {
            let rows = book.total_rows();
            Ok((Opened::Parquet(Box::new(book)), Some(rows)))
        }
        Err(e) => Err(book_failed(&args.book, &e)),
    }
}

/// Says why the book cannot be read.
fn book_failed(path: &Path, e: &batch::BookError) -> Exit {
    let e = e.to_string();
    say!("ratecard: {}: {}", path.display(), crate::text::shown(&e));
    Exit::Io
}

/// Prices a book.
pub fn run(args: Args) -> Exit {
    let plan = match load_plan(Some(&args.plan), false) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let (book, len) = match open_in_format(&args) {
        Ok(b) => b,
        Err(e) => return e,
    };
    let format = args
        .format
        .or_else(|| {
            args.output
                .as_deref()
                .and_then(OutputFormat::from_extension)
        })
        .unwrap_or_default();
    if format == OutputFormat::Parquet && args.output.is_none() && io::stdout().is_terminal() {
        say!("ratecard: Parquet is binary: write it to a file with -o (or pipe it)");
        return Exit::Usage;
    }
    let out = match open_output(args.output.as_deref()) {
        Ok(o) => o,
        Err(e) => return e,
    };
    // A bar on the terminal that also receives the results would be torn by them.
    let watched = args.output.is_some() || !io::stdout().is_terminal();
    let progress = if watched {
        batch::progress::bar(len)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let opts = batch::Options {
        format,
        progress,
        ..batch::Options::default()
    };
    let priced = match book {
        Opened::Csv(input) => batch::price_book(&plan, input, out, &opts),
        Opened::Parquet(book) => batch::price_rows(&plan, *book, out, &opts),
    };
    match priced {
        Ok(s) => {
            say!(
                "ratecard: {} row{}: {} priced, {} rejected",
                s.rows,
                crate::app::plural(s.rows as usize),
                s.rows.saturating_sub(s.rejected),
                s.rejected
            );
            if s.rejected > 0 {
                Exit::Rejected
            } else {
                Exit::Ok
            }
        }
        Err(batch::BatchError::Book(e)) => book_failed(&args.book, &e),
        Err(batch::BatchError::Write(e)) => {
            output::failed(&e, &output_name(args.output.as_deref()))
        }
    }
}

/// Generates a book.
pub fn gen(args: GenArgs) -> Exit {
    let plan = match load_plan(args.plan.as_deref(), false) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let out = match open_output(args.output.as_deref()) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let parquet = args
        .output
        .as_deref()
        .and_then(OutputFormat::from_extension)
        == Some(OutputFormat::Parquet);
    let written = if parquet {
        gen_parquet(&plan, &args, out)
    } else {
        batch::gen::generate(&plan, args.rows, args.seed, out)
    };
    match written {
        Ok(()) => Exit::Ok,
        Err(e) => output::failed(&e, &output_name(args.output.as_deref())),
    }
}

/// Generates a book as Parquet: the CSV generator writes into a pipe that is read back as a
/// book and rewritten column by column, so memory stays flat for any number of rows.
fn gen_parquet(
    plan: &crate::model::Plan,
    args: &GenArgs,
    out: Box<dyn Write + Send>,
) -> io::Result<()> {
    let (reader, writer) = io::pipe()?;
    std::thread::scope(|s| {
        let generator = s.spawn(move || {
            let w = BufWriter::with_capacity(256 * 1024, writer);
            batch::gen::generate(plan, args.rows, args.seed, w)
        });
        let converted = batch::parquet_io::csv_to_parquet(reader, out);
        // The generator ends when the pipe's reader is gone, or on its own error.
        let generated = generator
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the generator stopped")));
        converted.map_err(|e| io::Error::other(e.to_string()))?;
        generated
    })
}

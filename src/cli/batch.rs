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
    /// The customer book (CSV; see docs/batch.md), or `-` for standard input.
    #[arg(value_name = "BOOK")]
    pub book: PathBuf,
    /// Write the results here instead of standard output.
    #[arg(long, short, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "csv")]
    pub format: OutputFormat,
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
    /// Write the book here instead of standard output.
    #[arg(long, short, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Where results go: a file, or standard output.
fn open_output(path: Option<&Path>) -> Result<Box<dyn Write>, Exit> {
    // Large buffers: a million rows are tens of megabytes, written in few system calls.
    const BUF: usize = 256 * 1024;
    match path {
        None => Ok(Box::new(BufWriter::with_capacity(BUF, io::stdout().lock()))),
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

/// Prices a book.
pub fn run(args: Args) -> Exit {
    let plan = match load_plan(Some(&args.plan), false) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let (book, len) = match open_book(&args.book) {
        Ok(b) => b,
        Err(e) => return e,
    };
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
        format: args.format,
        progress,
        ..batch::Options::default()
    };
    match batch::price_book(&plan, book, out, &opts) {
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
        Err(batch::BatchError::Book(e)) => {
            let e = e.to_string();
            say!(
                "ratecard: {}: {}",
                args.book.display(),
                crate::text::shown(&e)
            );
            Exit::Io
        }
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
    match batch::gen::generate(&plan, args.rows, args.seed, out) {
        Ok(()) => Exit::Ok,
        Err(e) => output::failed(&e, &output_name(args.output.as_deref())),
    }
}

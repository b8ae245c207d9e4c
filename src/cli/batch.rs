//! `ratecard batch` and `ratecard gen-book`: argument parsing; the work lives in `crate::batch`.

use super::Exit;
use std::path::PathBuf;

/// Arguments of `ratecard batch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file.
    #[arg(value_name = "PLAN")]
    pub plan: PathBuf,
    /// The customer book (CSV).
    #[arg(value_name = "BOOK")]
    pub book: PathBuf,
}

/// Arguments of `ratecard gen-book`.
#[derive(Debug, clap::Args)]
pub struct GenArgs {
    /// Rows to generate.
    #[arg(long, default_value_t = 1000)]
    pub rows: u64,
}

/// Prices a book.
pub fn run(_args: Args) -> Exit {
    eprintln!("ratecard: batch is being built (issue 5)");
    Exit::Usage
}

/// Generates a book.
pub fn gen(_args: GenArgs) -> Exit {
    eprintln!("ratecard: gen-book is being built (issue 5)");
    Exit::Usage
}

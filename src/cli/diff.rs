//! `ratecard diff`: argument parsing; the comparison lives in `crate::diff`.

use super::output::{self, say};
use super::{load_plan, Exit};
use crate::diff::{self, DiffFormat, Report};
use std::path::PathBuf;

/// Arguments of `ratecard diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The current plan.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The proposed plan.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// A customer book (CSV) to price under both plans, for the revenue impact.
    #[arg(long, value_name = "BOOK")]
    pub book: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    pub format: DiffFormat,
}

/// Compares two plans.
pub fn run(args: Args) -> Exit {
    let old = match load_plan(Some(&args.old), false) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let new = match load_plan(Some(&args.new), false) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let changes = diff::changes(&old, &new);
    let book_name = args.book.as_ref().map(|b| b.display().to_string());
    let impact = match &args.book {
        None => None,
        Some(_) if old.currency.code != new.currency.code => {
            say!(
                "ratecard: the plans are priced in {} and {}; a revenue impact needs one currency",
                old.currency.code,
                new.currency.code
            );
            return Exit::Usage;
        }
        Some(path) => {
            let file = match crate::files::open_regular(path) {
                Ok(f) => f,
                Err(e) => {
                    say!("ratecard: cannot read book {}: {e}", path.display());
                    return Exit::Io;
                }
            };
            match diff::impact(&old, &new, file) {
                Ok(i) => Some(i),
                Err(e) => {
                    say!("ratecard: {}: {e}", path.display());
                    return Exit::Io;
                }
            }
        }
    };
    let report = Report {
        old: &old,
        new: &new,
        changes: &changes,
        impact: book_name.as_deref().zip(impact.as_ref()),
    };
    output::stdout(diff::render(&report, args.format))
        .err()
        .unwrap_or(Exit::Ok)
}

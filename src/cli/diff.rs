//! `ratecard diff`: argument parsing; the comparison lives in `crate::diff`.

use super::Exit;
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
}

/// Compares two plans.
pub fn run(_args: Args) -> Exit {
    eprintln!("ratecard: diff is being built (issue 5)");
    Exit::Usage
}

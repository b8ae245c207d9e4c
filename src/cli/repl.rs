//! `ratecard repl`: argument parsing; the session itself lives in `crate::repl`.

use super::Exit;
use std::path::PathBuf;

/// Arguments of `ratecard repl`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file; without it, the built-in example plan.
    #[arg(value_name = "PLAN")]
    pub plan: Option<PathBuf>,
}

/// Starts the REPL.
pub fn run(_args: Args) -> Exit {
    eprintln!("ratecard: the REPL is being built (issue 4)");
    Exit::Usage
}

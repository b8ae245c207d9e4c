//! `ratecard check`: every problem in every file, with its line, column and source line.

use super::{plural, stderr_color, Exit};
use crate::check::check_file;
use std::path::PathBuf;

/// Arguments of `ratecard check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan files to check.
    #[arg(required = true, value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Checks each file; prints diagnostics on stderr and one summary line per file on stdout.
pub fn run(args: Args) -> Exit {
    let color = stderr_color();
    let mut exit = Exit::Ok;
    for path in &args.plans {
        let checked = match check_file(path) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("ratecard: cannot read plan {}: {e}", path.display());
                exit = Exit::Io;
                continue;
            }
        };
        for d in &checked.diagnostics {
            eprint!("{}", d.render(&checked.source, color));
        }
        let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = checked.diagnostics.len() - errors;
        let failed = errors > 0 || (args.deny_warnings && warnings > 0);
        let status = match (errors, warnings) {
            (0, 0) => "ok".to_string(),
            (0, w) => format!("ok, {w} warning{}", plural(w)),
            (e, 0) => format!("{e} error{}", plural(e)),
            (e, w) => format!("{e} error{}, {w} warning{}", plural(e), plural(w)),
        };
        println!("{}: {status}", path.display());
        if failed && exit == Exit::Ok {
            exit = Exit::PlanErrors;
        }
    }
    exit
}

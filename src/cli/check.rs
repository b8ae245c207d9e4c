//! `ratecard check`: every problem in every file, with its line, column and source line.

use super::output::{self, say};
use super::{stderr_color, Exit};
use crate::app::plural;
use crate::check::check_file;
use crate::diagnostic::render_capped;
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
    /// `human`: diagnostics with source lines on stderr, a summary per file on stdout.
    /// `json`: one JSON document on stdout, for editors and CI.
    #[arg(long, short, value_enum, default_value = "human")]
    pub format: CheckFormat,
}

/// Output formats of `ratecard check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// For people.
    Human,
    /// For programs.
    Json,
}

/// Checks each file and reports; the exit code is the worst outcome of any file.
pub fn run(args: Args) -> Exit {
    let color = stderr_color();
    let mut exit = Exit::Ok;
    let mut files = Vec::new();
    for path in &args.plans {
        let mut checked = match check_file(path) {
            Ok(c) => c,
            Err(e) => {
                say!("ratecard: cannot read plan {}: {e}", path.display());
                // Listed in the JSON too: a program reading only the document must not
                // take a missing file for a clean one.
                files.push(serde_json::json!({
                    "file": path.display().to_string(),
                    "ok": false,
                    "error": format!("cannot read plan: {e}"),
                    "diagnostics": [],
                }));
                exit = Exit::Io;
                continue;
            }
        };
        // A plan that checks is rehearsed: its hooks run on sample requests, so a script
        // that fails at run time is an error now rather than a rejected quote later.
        if let Some(plan) = &checked.plan {
            checked.diagnostics.extend(crate::rehearse::hooks(plan));
        }
        let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = checked.diagnostics.len() - errors;
        let failed = errors > 0 || (args.deny_warnings && warnings > 0);
        match args.format {
            CheckFormat::Human => {
                let shown = render_capped(&checked.diagnostics, &checked.source, color);
                output::stderr(format_args!("{shown}"));
                let status = match (errors, warnings) {
                    (0, 0) => "ok".to_string(),
                    (0, w) => format!("ok, {w} warning{}", plural(w)),
                    (e, 0) => format!("{e} error{}", plural(e)),
                    (e, w) => format!("{e} error{}, {w} warning{}", plural(e), plural(w)),
                };
                if let Err(e) = output::stdout(format!("{}: {status}\n", path.display())) {
                    return e;
                }
            }
            CheckFormat::Json => files.push(crate::app::report::file_json(&checked, failed)),
        }
        if failed && exit == Exit::Ok {
            exit = Exit::PlanErrors;
        }
    }
    if args.format == CheckFormat::Json {
        let doc = serde_json::json!({ "files": files });
        // A `Value` of strings and numbers always serializes.
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        if let Err(e) = output::stdout(text + "\n") {
            return e;
        }
    }
    exit
}

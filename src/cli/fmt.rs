//! `ratecard fmt`: rewrites plan files in the canonical layout, or with `--check` lists
//! those that are not (for CI).

use super::output::{self, say};
use super::Exit;
use crate::check::check_source;
use crate::diagnostic::SourceFile;
use std::path::{Path, PathBuf};

/// Arguments of `ratecard fmt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan files, or folders whose `*.rate` files to format.
    #[arg(required = true, value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    /// Change nothing: print how each file not in the canonical layout would change, and
    /// exit with 1 if any would.
    #[arg(long)]
    pub check: bool,
}

/// Formats (or checks) each file; the exit code is the worst outcome of any.
pub fn run(args: Args) -> Exit {
    let files = match crate::plantest::plans(&args.plans) {
        Ok(f) => f,
        Err(e) => {
            say!("ratecard: cannot list plans: {e}");
            return Exit::Io;
        }
    };
    let mut exit = Exit::Ok;
    for path in &files {
        let worst = |exit: &mut Exit, e: Exit| {
            if *exit == Exit::Ok || e == Exit::Io {
                *exit = e;
            }
        };
        let text = match crate::files::read_text(path) {
            Ok(t) => t,
            Err(e) => {
                say!("ratecard: cannot read plan {}: {e}", path.display());
                worst(&mut exit, Exit::Io);
                continue;
            }
        };
        let formatted = crate::format::format(&text);
        if formatted == text {
            continue;
        }
        if let Err(why) = same_plan(path, &text, &formatted) {
            say!("ratecard: {} not formatted: {why}", path.display());
            worst(&mut exit, Exit::PlanErrors);
            continue;
        }
        if args.check {
            let diff = similar::TextDiff::from_lines(&text, &formatted)
                .unified_diff()
                .context_radius(1)
                .header(&path.display().to_string(), "formatted")
                .to_string();
            if let Err(e) = output::stdout(diff) {
                return e;
            }
            worst(&mut exit, Exit::PlanErrors);
        } else if let Err(e) = std::fs::write(path, &formatted) {
            say!("ratecard: cannot write {}: {e}", path.display());
            worst(&mut exit, Exit::Io);
        } else if let Err(e) = output::stdout(format!("formatted {}\n", path.display())) {
            return e;
        }
    }
    exit
}

/// Refuses a layout change that would change what the plan means: the file must parse, and
/// when it checks, the formatted text must check to a plan with no pricing change.
fn same_plan(path: &Path, before: &str, after: &str) -> Result<(), String> {
    let dir = path.parent();
    let name = path.display().to_string();
    let old = check_source(SourceFile::new(name.clone(), before), dir);
    if old
        .diagnostics
        .iter()
        .any(|d| matches!(d.kind, crate::diagnostic::Kind::Syntax { .. }))
    {
        return Err(format!(
            "it has syntax errors; fix them first (ratecard check {name})"
        ));
    }
    let new = check_source(SourceFile::new(name, after), dir);
    match (&old.plan, &new.plan) {
        (Some(a), Some(b)) if crate::diff::changes(a, b).is_empty() => Ok(()),
        (None, None) => Ok(()),
        _ => Err("the new layout would change the plan, which is a bug in ratecard fmt; the file was left as it is".into()),
    }
}

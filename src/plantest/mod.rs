//! `ratecard test`: golden quotes kept beside a plan, so an edit that changes what a known
//! deal costs is caught before the price book ships.
//!
//! A plan `dir/NAME.rate` has its tests in `dir/tests/NAME/*.toml`. Each test file holds a
//! request (`[request]`, or `request = "path"` to a request file) and what it must price
//! to (`[expect]`: totals, optionally lines, or a rejection); see docs/testing.md. This
//! module finds, runs and blesses them; it is a client of `check` and `eval` and prices
//! nothing itself. Words for people are built in `report.rs`; the CLI prints them.

mod case;
mod compare;
mod coverage;
mod report;

pub use case::{Actual, Case, Expect};
pub use compare::{compare, Difference};
pub use coverage::{coverage, Coverage, Missed};
pub use report::{render_case, CaseOutcome};

use std::io;
use std::path::{Path, PathBuf};

/// The folder holding the tests of the plan at `plan`: `dir/tests/NAME/`.
pub fn tests_dir(plan: &Path) -> PathBuf {
    let stem = plan
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    plan.parent()
        .unwrap_or(Path::new(""))
        .join("tests")
        .join(stem)
}

/// The plan files named by `paths`: a file is taken as is; a folder gives its `*.rate`
/// files (not its subfolders), sorted so that runs are repeatable.
pub fn plans(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "rate"))
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// The test files of the plan at `plan`, sorted by name; none when its folder is missing.
pub fn cases(plan: &Path) -> io::Result<Vec<PathBuf>> {
    let dir = tests_dir(plan);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    found.sort();
    Ok(found)
}

/// Runs one test file of the plan at `plan_path` against the checked `plan`; with `bless`,
/// a test whose expectations differ (or are missing) is rewritten to what the plan now
/// quotes.
///
/// The test file must be inside the plan's test folder and a request file it names inside
/// the plan's folder, after resolving links: a test cannot make ratecard read, and echo in
/// its message, a file from elsewhere.
pub fn run_case(
    plan: &crate::model::Plan,
    plan_path: &Path,
    path: &Path,
    bless: bool,
) -> CaseOutcome {
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let plan_dir = plan_path.parent().unwrap_or(Path::new(""));
    let mut case = match Case::load(path, &tests_dir(plan_path), plan_dir) {
        Ok(c) => c,
        Err(message) => return CaseOutcome::Broken { name, message },
    };
    let actual = Actual::of(plan, &case.request);
    let differences = compare(&case.expect, &actual);
    if differences.is_empty() {
        return CaseOutcome::Passed { name };
    }
    if bless {
        case.bless(&actual);
        return match crate::files::rewrite(path, case.text().as_bytes()) {
            Ok(()) => CaseOutcome::Blessed { name, differences },
            Err(e) => CaseOutcome::Broken {
                name,
                message: format!("cannot write {}: {e}", path.display()),
            },
        };
    }
    CaseOutcome::Failed { name, differences }
}

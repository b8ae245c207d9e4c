//! `ratecard test --coverage`: which priced numbers of a plan no golden quote reaches.
//!
//! A priced number is reached when changing it makes a test fail: each amount and
//! percentage that prices something (see `syntax::priced_numbers`) is changed by one whole
//! unit in turn, the changed plan checked, and the plan's passing tests run against it. A
//! number whose change no test notices is one the golden quotes do not pin: the price of
//! an edition on a cycle or in a currency no test asks for, a band no test reaches, a
//! discount whose condition no test meets. This measures what `ratecard test` would catch,
//! not which code ran.

use super::case::{Actual, Case, Expect};
use super::compare::compare;
use crate::diagnostic::SourceFile;
use crate::syntax::PricedNumber;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A priced number no test notices a change to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missed {
    /// 1-based line of the number.
    pub line: usize,
    /// The number as written, with its `%` when it is a percentage.
    pub number: String,
    /// What it prices, in the plan's words: `prices EUR > edition pro`.
    pub within: String,
    /// Its line of the plan, trimmed.
    pub written: String,
}

/// How many of a plan's priced numbers its tests reach, and the ones they do not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Priced numbers in the plan.
    pub total: usize,
    /// Those no test notices a change to, in plan order.
    pub missed: Vec<Missed>,
}

impl Coverage {
    /// The priced numbers reached.
    pub fn reached(&self) -> usize {
        self.total - self.missed.len()
    }
}

/// The coverage of the plan at `plan_path`, whose text is `source`, by the test files
/// `files`: only the tests that pass on the plan as written count (a failing test
/// notices every change, and says nothing).
pub fn coverage(
    plan: &crate::model::Plan,
    plan_path: &Path,
    source: &str,
    files: &[PathBuf],
) -> Coverage {
    let tests = super::tests_dir(plan_path);
    let plan_dir = plan_path.parent().unwrap_or(Path::new(""));
    let cases: Vec<Case> = files
        .iter()
        .filter_map(|f| Case::load(f, &tests, plan_dir).ok())
        .filter(|c| {
            c.expect != Expect::Nothing
                && compare(&c.expect, &Actual::of(plan, &c.request)).is_empty()
        })
        .collect();
    let numbers = crate::syntax::priced_numbers(source);
    let hooks = crate::check::hooks_dir(plan_path);
    let name = plan_path.display().to_string();
    let reached: Vec<bool> = numbers
        .par_iter()
        .map(|n| noticed(n, source, &name, &hooks, &cases))
        .collect();
    let missed = numbers
        .iter()
        .zip(reached)
        .filter(|(_, r)| !r)
        .map(|(n, _)| {
            let (line, _) = n.span.line_col(source);
            Missed {
                line,
                number: format!("{}{}", n.text, if n.percent { "%" } else { "" }),
                within: n.within.join(" > "),
                written: source
                    .lines()
                    .nth(line - 1)
                    .unwrap_or("")
                    .trim()
                    .to_string(),
            }
        })
        .collect();
    Coverage {
        total: numbers.len(),
        missed,
    }
}

/// Whether a test fails when `n` is changed: the changed plan no longer checks (the tests
/// do not run, which fails them), or one of `cases` prices differently.
fn noticed(n: &PricedNumber, source: &str, name: &str, hooks: &Path, cases: &[Case]) -> bool {
    let (Some(before), Some(after)) = (source.get(..n.span.start), source.get(n.span.end..)) else {
        return false;
    };
    let changed = format!("{before}{}{after}", n.changed());
    let checked = crate::check::check_source(SourceFile::new(name, changed), Some(hooks));
    let Some(plan) = checked.plan else {
        return true;
    };
    cases
        .iter()
        .any(|c| !compare(&c.expect, &Actual::of(&plan, &c.request)).is_empty())
}

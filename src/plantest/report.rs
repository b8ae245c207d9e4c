//! A test's outcome in words: what was expected, what the plan quotes now, side by side.

use super::compare::Difference;
use similar::{capture_diff_slices, Algorithm, ChangeTag};
use std::fmt::Write;

/// How one test went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseOutcome {
    /// The plan quotes what the test expects.
    Passed {
        /// The test's name (its file name without `.toml`).
        name: String,
    },
    /// It does not.
    Failed {
        /// The test's name.
        name: String,
        /// Every difference.
        differences: Vec<Difference>,
    },
    /// It did not, and the expectations were rewritten (`--bless`).
    Blessed {
        /// The test's name.
        name: String,
        /// What was rewritten.
        differences: Vec<Difference>,
    },
    /// The test file could not be read or used.
    Broken {
        /// The test's name.
        name: String,
        /// Why, in the author's terms.
        message: String,
    },
}

impl CaseOutcome {
    /// True for a test that failed or could not run.
    pub fn failed(&self) -> bool {
        matches!(
            self,
            CaseOutcome::Failed { .. } | CaseOutcome::Broken { .. }
        )
    }
}

/// The outcome as indented text, one line for a pass, the differences under a failure.
pub fn render_case(outcome: &CaseOutcome) -> String {
    let mut out = String::new();
    match outcome {
        CaseOutcome::Passed { name } => {
            let _ = writeln!(out, "  ok       {name}");
        }
        CaseOutcome::Broken { name, message } => {
            let _ = writeln!(out, "  BROKEN   {name}");
            let _ = writeln!(out, "      {message}");
        }
        CaseOutcome::Failed { name, differences } => {
            let _ = writeln!(out, "  FAILED   {name}");
            differences_text(&mut out, differences, "actual");
        }
        CaseOutcome::Blessed { name, differences } => {
            let _ = writeln!(out, "  blessed  {name}");
            differences_text(&mut out, differences, "now");
        }
    }
    out
}

fn differences_text(out: &mut String, differences: &[Difference], now: &str) {
    let width = differences
        .iter()
        .filter_map(|d| match d {
            Difference::Total { name, .. } => Some(name.chars().count()),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    for d in differences {
        match d {
            Difference::NoExpectations => {
                let _ = writeln!(
                    out,
                    "      no [expect] yet: run `ratecard test --bless` to record what the plan quotes"
                );
            }
            Difference::Total {
                name,
                expected,
                actual,
            } => {
                let actual = actual.as_deref().unwrap_or("(no such total)");
                let _ = writeln!(
                    out,
                    "      {name:<width$}  expected {expected:>12}  {now:<6} {actual:>12}"
                );
            }
            Difference::Outcome { expected, actual } => {
                let expected = match expected {
                    Some(m) => format!("rejected: {m}"),
                    None => "a quote".to_string(),
                };
                let actual = match actual {
                    Some(m) => format!("rejected: {m}"),
                    None => "a quote".to_string(),
                };
                let _ = writeln!(out, "      expected {expected}");
                let _ = writeln!(out, "      {now:<8} {actual}");
            }
            Difference::Lines { expected, actual } => {
                lines_text(out, "lines", expected, actual, now)
            }
            Difference::Invoices { expected, actual } => {
                lines_text(out, "invoices", expected, actual, now)
            }
        }
    }
}

/// The lines as a diff: `-` only in the expectations, `+` only in the quote.
fn lines_text(
    out: &mut String,
    what: &str,
    expected: &[(String, String)],
    actual: &[(String, String)],
    now: &str,
) {
    let _ = writeln!(out, "      {what} (- expected, + {now}):");
    let width = expected
        .iter()
        .chain(actual)
        .map(|(id, _)| id.chars().count())
        .max()
        .unwrap_or(0);
    for op in capture_diff_slices(Algorithm::Myers, expected, actual) {
        for change in op.iter_changes(expected, actual) {
            let mark = match change.tag() {
                ChangeTag::Equal => ' ',
                ChangeTag::Delete => '-',
                ChangeTag::Insert => '+',
            };
            let (id, amount) = change.value();
            let _ = writeln!(out, "      {mark} {id:<width$}  {amount:>12}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_shows_each_total_and_the_lines_as_a_diff() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        let outcome = CaseOutcome::Failed {
            name: "team".into(),
            differences: vec![
                Difference::Total {
                    name: "monthly_recurring".into(),
                    expected: "600.00".into(),
                    actual: Some("610.00".into()),
                },
                Difference::Lines {
                    expected: vec![pair("seats", "600.00"), pair("support.basic", "0.00")],
                    actual: vec![pair("seats", "610.00"), pair("support.basic", "0.00")],
                },
            ],
        };
        assert_eq!(
            render_case(&outcome),
            "  FAILED   team
      monthly_recurring  expected       600.00  actual       610.00
      lines (- expected, + actual):
      - seats                600.00
      + seats                610.00
        support.basic          0.00
"
        );
    }
}

//! A test's outcome in words: what was expected, what the plan quotes now, side by side.
//!
//! Everything here that a test file or a plan wrote (the test's name, expected amounts and
//! ids, rejection messages) goes through `text::shown` on its way to a terminal or a CI log,
//! as `quote` does: an ESC sequence or a forged `ok` line in a test file stays visible text.

use super::compare::Difference;
use crate::text::shown;
use similar::{capture_diff_slices_deadline, Algorithm, DiffTag};
use std::fmt::Write;
use std::time::{Duration, Instant};

/// How long the lines diff may search for the best alignment before it settles for a
/// coarser one (all lines left replaced): 200,000 pinned lines must not stall a CI job.
const DIFF_BUDGET: Duration = Duration::from_secs(2);

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
            let _ = writeln!(out, "  ok       {}", shown(name));
        }
        CaseOutcome::Broken { name, message } => {
            let _ = writeln!(out, "  BROKEN   {}", shown(name));
            // A message may hold several lines (a TOML error quotes the file): each is
            // escaped and indented, so none can pass for a line of the report.
            for line in message.lines() {
                let _ = writeln!(out, "      {}", shown(line));
            }
        }
        CaseOutcome::Failed { name, differences } => {
            let _ = writeln!(out, "  FAILED   {}", shown(name));
            differences_text(&mut out, differences, "actual");
        }
        CaseOutcome::Blessed { name, differences } => {
            let _ = writeln!(out, "  blessed  {}", shown(name));
            differences_text(&mut out, differences, "now");
        }
    }
    out
}

fn differences_text(out: &mut String, differences: &[Difference], now: &str) {
    let width = differences
        .iter()
        .filter_map(|d| match d {
            Difference::Total { name, .. } => Some(shown(name).chars().count()),
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
                let actual = actual.as_deref().map_or("(no such total)".into(), shown);
                let _ = writeln!(
                    out,
                    "      {:<width$}  expected {:>12}  {now:<6} {actual:>12}",
                    shown(name),
                    shown(expected)
                );
            }
            Difference::Outcome { expected, actual } => {
                let words = |m: &Option<String>| match m {
                    Some(m) => format!("rejected: {}", shown(m)),
                    None => "a quote".to_string(),
                };
                let _ = writeln!(out, "      expected {}", words(expected));
                let _ = writeln!(out, "      {now:<8} {}", words(actual));
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
///
/// Lines are aligned by id with a patience diff (quote lines have unique ids, so this is
/// n log n, not the quadratic worst case of Myers over whole lines), under a time budget;
/// a line whose id stays but whose amount moved is shown as `-` then `+`.
fn lines_text(
    out: &mut String,
    what: &str,
    expected: &[(String, String)],
    actual: &[(String, String)],
    now: &str,
) {
    let _ = writeln!(out, "      {what} (- expected, + {now}):");
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(i, a)| (shown(i).into_owned(), shown(a).into_owned()))
        .collect();
    let actual: Vec<(String, String)> = actual
        .iter()
        .map(|(i, a)| (shown(i).into_owned(), shown(a).into_owned()))
        .collect();
    let width = expected
        .iter()
        .chain(&actual)
        .map(|(id, _)| id.chars().count())
        .max()
        .unwrap_or(0);
    let mut line = |mark: char, (id, amount): &(String, String)| {
        let _ = writeln!(out, "      {mark} {id:<width$}  {amount:>12}");
    };
    let old_ids: Vec<&str> = expected.iter().map(|(i, _)| i.as_str()).collect();
    let new_ids: Vec<&str> = actual.iter().map(|(i, _)| i.as_str()).collect();
    let deadline = Instant::now() + DIFF_BUDGET;
    for op in capture_diff_slices_deadline(Algorithm::Patience, &old_ids, &new_ids, Some(deadline))
    {
        let (tag, old, new) = op.as_tag_tuple();
        let (old, new) = (&expected[old], &actual[new]);
        match tag {
            DiffTag::Equal => {
                for (e, a) in old.iter().zip(new) {
                    if e.1 == a.1 {
                        line(' ', e);
                    } else {
                        line('-', e);
                        line('+', a);
                    }
                }
            }
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                old.iter().for_each(|e| line('-', e));
                new.iter().for_each(|a| line('+', a));
            }
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

    /// Expected lines `line.I` at `I.00`; actual: every amount moved to `I.50`, and a new
    /// line before every 1,000th.
    type Lines = Vec<(String, String)>;

    fn moved(n: usize) -> (Lines, Lines) {
        let expected: Vec<(String, String)> = (0..n)
            .map(|i| (format!("line.{i}"), format!("{i}.00")))
            .collect();
        let mut actual = Vec::new();
        for (i, (id, _)) in expected.iter().enumerate() {
            if i % 1000 == 0 {
                actual.push((format!("new.{i}"), "1.00".to_string()));
            }
            actual.push((id.clone(), format!("{i}.50")));
        }
        (expected, actual)
    }

    #[test]
    fn lines_are_aligned_by_id() {
        let (expected, actual) = moved(2_000);
        let mut out = String::new();
        lines_text(&mut out, "lines", &expected, &actual, "actual");
        let lines: Vec<&str> = out.lines().take(6).collect();
        assert_eq!(
            lines,
            [
                "      lines (- expected, + actual):",
                "      + new.0              1.00",
                "      - line.0             0.00",
                "      + line.0             0.50",
                "      - line.1             1.00",
                "      + line.1             1.50",
            ]
        );
    }

    #[test]
    fn a_diff_of_200000_pinned_lines_takes_seconds_at_most() {
        // Myers over whole lines is quadratic here (40 s); aligning by id is not, and the
        // time budget bounds what is left.
        let (expected, actual) = moved(200_000);
        let started = std::time::Instant::now();
        let mut out = String::new();
        lines_text(&mut out, "lines", &expected, &actual, "actual");
        let took = started.elapsed();
        assert!(took < std::time::Duration::from_secs(5), "{took:?}");
        assert_eq!(out.lines().count(), 1 + 200_000 * 2 + 200);
    }
}

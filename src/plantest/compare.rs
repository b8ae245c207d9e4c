//! Expected against actual: every difference, so one run shows all that an edit moved.

use super::case::{Actual, Expect};

/// One way a test's expectations and the plan's quote disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The test has no expectations yet.
    NoExpectations,
    /// A total differs; `actual` is `None` when the quote has no total of that name.
    Total {
        /// The total's JSON name, such as `monthly_recurring`.
        name: String,
        /// As the test states it.
        expected: String,
        /// As the plan now quotes it.
        actual: Option<String>,
    },
    /// The invoices differ (runs or amounts, in order).
    Invoices {
        /// As the test states them.
        expected: Vec<(String, String)>,
        /// As the plan now quotes them.
        actual: Vec<(String, String)>,
    },
    /// The lines differ (ids or amounts, in order).
    Lines {
        /// As the test states them.
        expected: Vec<(String, String)>,
        /// As the plan now quotes them.
        actual: Vec<(String, String)>,
    },
    /// The test expects a rejection and the request was priced, or the other way round,
    /// or the rejection's message differs.
    Outcome {
        /// The rejection the test expects, or `None` when it expects a quote.
        expected: Option<String>,
        /// The rejection that happened, or `None` when the request was priced.
        actual: Option<String>,
    },
}

/// Every difference between `expect` and `actual`; empty when the test passes.
pub fn compare(expect: &Expect, actual: &Actual) -> Vec<Difference> {
    match (expect, actual) {
        (Expect::Nothing, _) => vec![Difference::NoExpectations],
        (Expect::Rejected(e), Actual::Rejected(a)) if e == a => Vec::new(),
        (Expect::Rejected(e), Actual::Rejected(a)) => vec![Difference::Outcome {
            expected: Some(e.clone()),
            actual: Some(a.clone()),
        }],
        (Expect::Rejected(e), Actual::Priced { .. }) => vec![Difference::Outcome {
            expected: Some(e.clone()),
            actual: None,
        }],
        (Expect::Priced { .. }, Actual::Rejected(a)) => vec![Difference::Outcome {
            expected: None,
            actual: Some(a.clone()),
        }],
        (
            Expect::Priced {
                totals,
                lines,
                invoices,
            },
            Actual::Priced {
                totals: got_totals,
                lines: got_lines,
                invoices: got_invoices,
            },
        ) => {
            let mut out = Vec::new();
            for (name, expected) in totals {
                let actual = got_totals.iter().find(|(n, _)| n == name).map(|(_, v)| v);
                if actual != Some(expected) {
                    out.push(Difference::Total {
                        name: name.clone(),
                        expected: expected.clone(),
                        actual: actual.cloned(),
                    });
                }
            }
            if let Some(lines) = lines {
                if lines != got_lines {
                    out.push(Difference::Lines {
                        expected: lines.clone(),
                        actual: got_lines.clone(),
                    });
                }
            }
            if let Some(invoices) = invoices {
                if invoices != got_invoices {
                    out.push(Difference::Invoices {
                        expected: invoices.clone(),
                        actual: got_invoices.clone(),
                    });
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn only_the_totals_a_test_names_are_compared() {
        let expect = Expect::Priced {
            totals: pairs(&[("monthly_recurring", "600.00"), ("gone", "1.00")]),
            lines: None,
            invoices: None,
        };
        let actual = Actual::Priced {
            totals: pairs(&[("monthly_recurring", "610.00"), ("one_time", "0.00")]),
            lines: pairs(&[("seats", "610.00")]),
            invoices: pairs(&[("1-12", "610.00 + tax 0.00 = 610.00 each")]),
        };
        assert_eq!(
            compare(&expect, &actual),
            vec![
                Difference::Total {
                    name: "monthly_recurring".into(),
                    expected: "600.00".into(),
                    actual: Some("610.00".into()),
                },
                Difference::Total {
                    name: "gone".into(),
                    expected: "1.00".into(),
                    actual: None,
                },
            ]
        );
    }

    #[test]
    fn a_rejection_must_match_exactly() {
        let expect = Expect::Rejected("no".into());
        assert!(compare(&expect, &Actual::Rejected("no".into())).is_empty());
        assert_eq!(
            compare(
                &expect,
                &Actual::Priced {
                    totals: vec![],
                    lines: vec![],
                    invoices: vec![]
                }
            ),
            vec![Difference::Outcome {
                expected: Some("no".into()),
                actual: None
            }]
        );
    }
}

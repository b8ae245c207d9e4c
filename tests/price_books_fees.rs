//! One-time fees that come with an edition or module, and an edition's own minimum term
//! (issue 11, item 7).

mod common;

use common::books::{lines, plan, price, reject, triples};

const PLAN: &str = r#"
  module reports "Reports"
  module sandbox "Sandbox" {
    fee setup "Sandbox setup" 200.00
    50.00 flat
  }
  edition pro "Professional" {
    includes reports
    minimum term 12 months
    fee onboarding "Professional onboarding" 1_500.00
    90.00 per seat
  }
  edition team "Team" {
    includes sandbox
    20.00 per seat
  }
"#;

#[test]
fn an_editions_and_a_bought_modules_fees_are_one_time_lines_that_explain_themselves() {
    let q = price(
        &plan(PLAN),
        "edition = \"pro\"\nseats = 2\nmodules = [\"sandbox\"]",
    );
    assert_eq!(
        lines(&q)[2..],
        triples(&[
            (
                "fee.pro.onboarding",
                "1500.00",
                "one-time, comes with Professional"
            ),
            (
                "fee.sandbox.setup",
                "200.00",
                "one-time, comes with Sandbox"
            ),
        ])
    );
    assert_eq!(q.fmt(q.totals.one_time), "1700.00");
    assert_eq!(q.fmt(q.totals.monthly_recurring), "230.00");
}

#[test]
fn an_included_module_brings_no_fee() {
    let q = price(
        &plan(PLAN),
        "edition = \"team\"\nseats = 2\nmodules = [\"sandbox\"]",
    );
    assert_eq!(q.fmt(q.totals.one_time), "0.00");
}

#[test]
fn a_term_shorter_than_the_editions_minimum_is_refused() {
    assert_eq!(
        reject(&plan(PLAN), "edition = \"pro\"\nseats = 2\nterm_months = 6"),
        "a term of 6 months is shorter than edition `pro`'s minimum term of 12 months: ask for 12 months or more"
    );
}

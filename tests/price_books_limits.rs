//! Minimum and maximum purchase (issue 11, item 4): an edition's seat limits, refused or
//! billed at the minimum, and a plan's minimum monthly commitment with its true-up line.

mod common;

use common::books::{lines, plan, price, reject, triples};

const PLAN: &str = r#"
  minimum commitment 300.00 per month
  edition starter "Starter" {
    minimum purchase 3 seats
    maximum 10 seats
    20.00 per seat
  }
  edition team "Team" {
    minimum charge 5 seats
    30.00 per seat
  }
  edition big "Big" {
    minimum purchase 11 seats
    25.00 per seat
  }
  discount launch "Launch" { 10% off recurring when attributes.launch = true }
"#;

#[test]
fn fewer_seats_than_a_minimum_purchase_are_refused_with_the_way_out() {
    assert_eq!(
        reject(&plan(PLAN), "edition = \"starter\"\nseats = 2"),
        "seats 2 is not accepted: edition `starter` is sold from 3 seats: ask for 3 or more"
    );
}

#[test]
fn more_seats_than_a_maximum_are_refused_naming_the_editions_sold_for_more() {
    assert_eq!(
        reject(&plan(PLAN), "edition = \"starter\"\nseats = 12"),
        "seats 12 is not accepted: edition `starter` is sold up to 10 seats: ask for 10 or fewer, or choose `team` or `big`"
    );
}

#[test]
fn fewer_seats_than_a_minimum_charge_are_billed_at_the_minimum_and_say_so() {
    let q = price(&plan(PLAN), "edition = \"team\"\nseats = 2");
    assert_eq!(
        lines(&q),
        triples(&[
            (
                "seats",
                "150.00",
                "minimum charge of 5 seats (2 asked for): 5 seats x 30.00"
            ),
            (
                "commitment",
                "150.00",
                "minimum commitment 300.00 per month - recurring net 150.00"
            ),
        ])
    );
    assert_eq!(q.fmt(q.totals.monthly_recurring), "300.00");
}

#[test]
fn the_true_up_comes_after_discounts_and_only_when_the_net_falls_short() {
    // 11 x 25.00 = 275.00, less 10% = 247.50: the true-up is 52.50.
    let q = price(
        &plan(PLAN),
        "edition = \"big\"\nseats = 11\nattributes = { launch = true }",
    );
    assert_eq!(
        lines(&q)[2],
        triples(&[(
            "commitment",
            "52.50",
            "minimum commitment 300.00 per month - recurring net 247.50"
        )])[0]
    );
    assert_eq!(q.fmt(q.totals.monthly_recurring), "300.00");
    // 20 x 25.00 = 500.00 is above the commitment: no true-up line.
    let q = price(&plan(PLAN), "edition = \"big\"\nseats = 20");
    assert_eq!(lines(&q).len(), 1);
    assert_eq!(q.fmt(q.totals.monthly_recurring), "500.00");
}

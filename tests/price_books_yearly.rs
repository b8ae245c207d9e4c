//! Yearly list prices (issue 11, item 2): `per seat per year` and `flat per year`, billed as
//! one twelfth a month, so twelve months come to exactly the yearly price.

mod common;

use common::books::{lines, plan, price, triples};

const PLAN: &str = r#"
  edition std "Standard" { 1_188.00 per seat per year }
  edition pro "Professional" {
    30.00 per seat per month billed monthly
    300.00 per seat per year billed annually
  }
  module bi "BI" { 12_000.00 flat per year }
  module packs "Sandbox packs" { 480.00 per pack of 10 seats per year }
"#;

#[test]
fn twelve_months_of_a_yearly_price_are_exactly_the_yearly_price() {
    let q = price(
        &plan(PLAN),
        "edition = \"std\"\nseats = 5\nmodules = [\"bi\", \"packs\"]\nbilling = \"annual\"",
    );
    assert_eq!(
        lines(&q),
        triples(&[
            (
                "seats",
                "495.00",
                "5 seats x 1188.00 per seat per year / 12 = 5 seats x 99.00 a month"
            ),
            (
                "module.bi",
                "1000.00",
                "12000.00 flat per year / 12 = 1000.00 a month"
            ),
            (
                "module.packs",
                "40.00",
                "5 seats in 1 pack of 10 x 40.00 a month, from a yearly price"
            ),
        ])
    );
    // 5 x 1,188.00 + 12,000.00 + 480.00 = 18,420.00 a year, to the cent.
    assert_eq!(q.fmt(q.totals.first_invoice), "18420.00");
    // A quarter is a quarter of the year: 4,605.00.
    let q = price(
        &plan(PLAN),
        "edition = \"std\"\nseats = 5\nmodules = [\"bi\", \"packs\"]\nbilling = \"quarterly\"",
    );
    assert_eq!(q.fmt(q.totals.first_invoice), "4605.00");
}

#[test]
fn a_yearly_price_for_one_cycle_applies_only_on_that_cycle() {
    let q = price(
        &plan(PLAN),
        "edition = \"pro\"\nseats = 2\nbilling = \"annual\"",
    );
    assert_eq!(
        lines(&q)[0].2,
        "2 seats x 300.00 per seat per year / 12 = 2 seats x 25.00 a month, billed annually"
    );
    let q = price(
        &plan(PLAN),
        "edition = \"pro\"\nseats = 2\nbilling = \"monthly\"",
    );
    assert_eq!(
        lines(&q)[0].2,
        "2 seats x 30.00 per seat per month, billed monthly"
    );
}

//! Modules priced as a percentage of lines priced before them, and at a different price
//! with some editions (an "attach" price) (issue 11, item 7).

mod common;

use common::books::{lines, plan, price, reject, triples};

const PLAN: &str = r#"
  edition pro "Professional" { 50.00 per seat }
  edition enterprise "Enterprise" { 80.00 per seat }
  module analytics "Analytics" {
    20.00 per seat
    12.00 per seat with enterprise
  }
  module sandbox "Full sandbox" { 20% of seats, min 100.00 }
  module dr "Disaster recovery" { 10% of modules analytics, sandbox, max 25.00 }
  module partner "Partner portal" { 5.00 per seat with enterprise }
"#;

#[test]
fn percentage_modules_take_the_list_amounts_of_lines_priced_before_them() {
    let q = price(
        &plan(PLAN),
        "edition = \"enterprise\"\nseats = 10\nmodules = [\"analytics\", \"sandbox\", \"dr\", \"partner\"]",
    );
    assert_eq!(
        lines(&q),
        triples(&[
            ("seats", "800.00", "10 seats x 80.00"),
            (
                "module.analytics",
                "120.00",
                "10 seats x 12.00 (price with Enterprise)"
            ),
            ("module.sandbox", "160.00", "20% of seats 800.00 = 160.00"),
            (
                "module.dr",
                "25.00",
                "10% of modules analytics, sandbox 280.00 = 28.00, capped at the maximum 25.00"
            ),
            (
                "module.partner",
                "50.00",
                "10 seats x 5.00 (price with Enterprise)"
            ),
        ])
    );
    assert_eq!(q.fmt(q.totals.monthly_recurring), "1155.00");
}

#[test]
fn without_the_attach_edition_the_module_has_its_own_price_or_is_refused() {
    let q = price(
        &plan(PLAN),
        "edition = \"pro\"\nseats = 2\nmodules = [\"analytics\", \"sandbox\"]",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[
            ("module.analytics", "40.00", "2 seats x 20.00"),
            (
                "module.sandbox",
                "100.00",
                "20% of seats 100.00 = 20.00, raised to the minimum 100.00"
            ),
        ])
    );
    assert_eq!(
        reject(
            &plan(PLAN),
            "edition = \"pro\"\nseats = 2\nmodules = [\"partner\"]"
        ),
        "module `partner` is sold only with edition enterprise"
    );
}

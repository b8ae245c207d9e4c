//! Price books as vendors publish them (issue 11): per-cycle list prices, through the
//! real binary on the example plans and through the library on small inline plans.

mod common;

use common::books::{lines, plan, price, reject, triples};
use common::Test;

const ZOHO: &str = "examples/zoho.rate";

fn zoho(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["quote", ZOHO, "--format", "json"];
    all.extend_from_slice(args);
    Test::new().args(&all).run().status(0).json()
}

#[test]
fn zoho_professional_billed_annually_is_23_a_seat_and_2760_a_year() {
    let q = zoho(&[
        "--edition",
        "professional",
        "--seats",
        "10",
        "--billing",
        "annual",
    ]);
    let seats = &q["lines"][0];
    assert_eq!(seats["id"], "seats");
    assert_eq!(seats["quantity"], "10");
    assert_eq!(seats["unit_price"], "23.00");
    assert_eq!(seats["amount"], "230.00");
    assert_eq!(
        seats["explain"],
        "10 seats x 23.00 per seat per month, billed annually"
    );
    assert_eq!(q["lines"].as_array().unwrap().len(), 1);
    assert_eq!(q["totals"]["monthly_recurring"], "230.00");
    assert_eq!(q["totals"]["first_invoice"], "2760.00");
}

#[test]
fn zoho_professional_billed_monthly_is_35_a_seat_and_350_a_month() {
    let q = zoho(&[
        "--edition",
        "professional",
        "--seats",
        "10",
        "--billing",
        "monthly",
    ]);
    let seats = &q["lines"][0];
    assert_eq!(seats["amount"], "350.00");
    assert_eq!(
        seats["explain"],
        "10 seats x 35.00 per seat per month, billed monthly"
    );
    assert_eq!(q["totals"]["monthly_recurring"], "350.00");
    assert_eq!(q["totals"]["first_invoice"], "350.00");
}

#[test]
fn zoho_annual_prices_follow_the_published_list_for_every_edition() {
    for (edition, monthly, annual) in [
        ("standard", "20.00", "14.00"),
        ("professional", "35.00", "23.00"),
        ("enterprise", "50.00", "40.00"),
        ("ultimate", "65.00", "52.00"),
    ] {
        for (billing, unit) in [("monthly", monthly), ("annual", annual)] {
            let q = zoho(&["--edition", edition, "--seats", "1", "--billing", billing]);
            assert_eq!(q["lines"][0]["unit_price"], unit, "{edition} {billing}");
        }
    }
}

#[test]
fn zoho_editions_are_not_sold_on_quarterly_billing() {
    Test::new()
        .args(&[
            "quote",
            ZOHO,
            "--edition",
            "standard",
            "--seats",
            "5",
            "--billing",
            "quarterly",
        ])
        .run()
        .status(3)
        .stderr(
            "ratecard: request rejected: edition `standard` is not sold on quarterly billing; \
             it is sold on monthly or annual billing: set billing = monthly or annual\n",
        );
}

#[test]
fn the_billed_column_names_the_cycle_of_the_bill() {
    let out = Test::new()
        .args(&[
            "quote",
            ZOHO,
            "--edition",
            "professional",
            "--seats",
            "10",
            "--billing",
            "annual",
            "--format",
            "markdown",
        ])
        .run()
        .status(0);
    assert!(
        out.stdout.contains(
            "| Professional seats | 10 | 23.00 per seat per month | 12 months | 2760.00 | 10 seats x 23.00 per seat per month, billed annually; x 12 months |"
        ),
        "{}",
        out.stdout
    );
}

const CYCLES: &str = r#"
edition team {
  30.00 per seat
  25.00 per seat billed annually
}
module reports "Reports" {
  100.00 flat
  80.00 flat per month billed annually
}
module sandbox "Sandbox" {
  seats graduated { 1..10 at 5.00; 11.. at 4.00 }
  seats graduated { 1..10 at 4.00; 11.. at 3.00 } billed annually
}
module archive "Archive" {
  50.00 flat billed annually
}
support priority "Priority" {
  4.00 per seat billed monthly
  3.00 per seat billed annually
}
"#;

#[test]
fn a_cycle_price_replaces_the_default_only_on_its_cycle() {
    let p = plan(CYCLES);
    let request =
        "edition = 'team'\nseats = 12\nmodules = ['reports', 'sandbox']\nsupport = 'priority'";
    let annual = price(&p, &format!("{request}\nbilling = 'annual'"));
    assert_eq!(
        lines(&annual),
        triples(&[
            (
                "seats",
                "300.00",
                "12 seats x 25.00 per seat per month, billed annually"
            ),
            (
                "module.reports",
                "80.00",
                "flat monthly fee, billed annually"
            ),
            (
                "module.sandbox.1-10",
                "40.00",
                "10 of 12 seats in 1..10 at 4.00, billed annually"
            ),
            (
                "module.sandbox.11+",
                "6.00",
                "2 of 12 seats in 11.. at 3.00, billed annually"
            ),
            (
                "support.priority",
                "36.00",
                "12 seats x 3.00 per seat per month, billed annually"
            ),
        ])
    );
    assert_eq!(annual.totals.monthly_recurring.to_string(), "462.00");
    assert_eq!(annual.totals.first_invoice.to_string(), "5544.00");
    // Quarterly has no price of its own: the default applies, and says which cycle it is.
    let quarterly = price(
        &p,
        "edition = 'team'\nseats = 12\nmodules = ['reports']\nbilling = 'quarterly'",
    );
    assert_eq!(
        lines(&quarterly),
        triples(&[
            (
                "seats",
                "360.00",
                "12 seats x 30.00 per seat per month, billed quarterly"
            ),
            (
                "module.reports",
                "100.00",
                "flat monthly fee, billed quarterly"
            ),
        ])
    );
}

#[test]
fn an_item_priced_only_for_some_cycles_is_sold_only_on_them() {
    let p = plan(CYCLES);
    assert_eq!(
        reject(
            &p,
            "edition = 'team'\nseats = 2\nmodules = ['archive']\nbilling = 'monthly'"
        ),
        "module `archive` is not sold on monthly billing; it is sold on annual billing: set billing = annual"
    );
    assert_eq!(
        reject(
            &p,
            "edition = 'team'\nseats = 2\nsupport = 'priority'\nbilling = 'quarterly'"
        ),
        "support tier `priority` is not sold on quarterly billing; it is sold on monthly or annual billing: set billing = monthly or annual"
    );
    let q = price(
        &p,
        "edition = 'team'\nseats = 2\nmodules = ['archive']\nbilling = 'annual'",
    );
    assert_eq!(q.lines[1].amount.to_string(), "50.00");
}

#[test]
fn a_plan_without_cycle_prices_prices_as_before() {
    let p = plan("edition team { 30.00 per seat }");
    let q = price(&p, "edition = 'team'\nseats = 3\nbilling = 'annual'");
    assert_eq!(lines(&q), triples(&[("seats", "90.00", "3 seats x 30.00")]));
}

const STORAGE_AND_BACKUP: &str = "
  storage {
    included 10 GB
    overage 1.00 per GB in blocks of 5 GB
    overage 0.80 per GB in blocks of 5 GB billed annually
  }
  edition pro { 10.00 per seat }
  backup daily \"Daily backup\" {
    60.00 flat + 0.05 per GB
    50.00 flat + 0.04 per GB billed annually
  }
  backup vault \"Vault\" { 100.00 flat billed annually }";

#[test]
fn storage_overage_and_backup_have_prices_per_cycle_too() {
    let p = plan(STORAGE_AND_BACKUP);
    let request = |billing: &str| {
        format!(
            "edition = \"pro\"\nseats = 1\nstorage_gb = 22\nbackup = \"daily\"\nbilling = \"{billing}\""
        )
    };
    let q = price(&p, &request("annual"));
    assert_eq!(
        lines(&q)[1..],
        triples(&[
            (
                "storage",
                "12.00",
                "22 GB used - 10 GB included = 12 GB; 3 blocks of 5 GB; 15 GB x 0.80, billed annually"
            ),
            (
                "backup.daily",
                "50.88",
                "50.00 flat + 22 GB used x 0.04, billed annually"
            ),
        ])
    );
    let q = price(&p, &request("monthly"));
    assert_eq!(
        lines(&q)[1..],
        triples(&[
            (
                "storage",
                "15.00",
                "22 GB used - 10 GB included = 12 GB; 3 blocks of 5 GB; 15 GB x 1.00, billed monthly"
            ),
            (
                "backup.daily",
                "61.10",
                "60.00 flat + 22 GB used x 0.05, billed monthly"
            ),
        ])
    );
    assert_eq!(
        reject(&p, "edition = \"pro\"\nseats = 1\nbackup = \"vault\""),
        "backup option `vault` is not sold on monthly billing; it is sold on annual billing: set billing = annual"
    );
}

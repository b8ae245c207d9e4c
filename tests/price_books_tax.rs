//! Tax-included plans (issue 11, item 3): list prices carry the tax; every line and every
//! total carries its amount without tax, its tax and its amount with tax, and they add up.

mod common;

use common::books::{lines, plan, price};
use common::Test;
use ratecard::quote::Split;
use rust_decimal_macros::dec;

const PLAN: &str = r#"plan "含税" {
  version "1"
  currency CNY
  tax 6% included
  edition std "标准版" { 99.99 per seat }
  service onboarding "实施费" { 5000.00 per session }
  discount annual "年付优惠" { 10% off recurring when billing = annual }
}
"#;

fn split(without_tax: rust_decimal::Decimal, tax: rust_decimal::Decimal) -> Split {
    Split {
        without_tax,
        tax,
        with_tax: without_tax + tax,
    }
}

#[test]
fn each_line_is_split_and_every_total_is_a_sum_of_lines() {
    let t = Test::new();
    let path = t.file("cn.rate", PLAN);
    let out = t
        .args(&[
            "quote",
            path.to_str().unwrap(),
            "--edition",
            "std",
            "--seats",
            "3",
            "--billing",
            "annual",
            "--service",
            "onboarding:1",
            "--format",
            "json",
        ])
        .run()
        .status(0)
        .json();
    let row = |i: usize| {
        let l = &out["lines"][i];
        (
            l["amount"].as_str().unwrap().to_string(),
            l["amount_without_tax"].as_str().unwrap().to_string(),
            l["tax"].as_str().unwrap().to_string(),
        )
    };
    // 299.97 / 1.06 = 282.9905..., rounded to 282.99; the tax is the rest.
    assert_eq!(row(0), ("299.97".into(), "282.99".into(), "16.98".into()));
    assert_eq!(
        row(1),
        ("5000.00".into(), "4716.98".into(), "283.02".into())
    );
    // A discount is split the same way, half away from zero: -30.00 / 1.06 = -28.3018...
    assert_eq!(row(2), ("-30.00".into(), "-28.30".into(), "-1.70".into()));
    let t = &out["totals"];
    assert_eq!(out["plan"]["tax_included"], true);
    assert_eq!(t["monthly_recurring"], "269.97");
    assert_eq!(t["monthly_recurring_without_tax"], "254.69");
    assert_eq!(t["monthly_recurring_tax"], "15.28");
    assert_eq!(t["one_time"], "5000.00");
    assert_eq!(t["one_time_without_tax"], "4716.98");
    assert_eq!(t["one_time_tax"], "283.02");
    // One annual invoice, each line split as billed: 3599.64 = 3395.89 + 203.75 (12 x
    // 299.97); -360.00 = -339.62 + -20.38; 5000.00 = 4716.98 + 283.02.
    assert_eq!(t["first_invoice_total"], "8239.64");
    assert_eq!(t["first_invoice"], "7773.25");
    assert_eq!(t["first_invoice_tax"], "466.39");
    assert_eq!(t["term_total_with_tax"], "8239.64");
    assert_eq!(t["term_total"], "7773.25");
    assert_eq!(t["term_tax"], "466.39");
}

#[test]
fn the_table_shows_amounts_without_tax_and_the_tax_beside_each_line() {
    let t = Test::new();
    let path = t.file("cn.rate", PLAN);
    let out = t
        .args(&[
            "quote",
            path.to_str().unwrap(),
            "--edition",
            "std",
            "--seats",
            "3",
            "--format",
            "markdown",
        ])
        .run()
        .status(0);
    out.stdout(
        "### Plan 含税 1, amounts in CNY

| Line | Qty | Unit price | Billed | Amount | Without tax | Tax | How |
|---|---:|---:|---|---:|---:|---:|---|
| 标准版 seats | 3 | 99.99 per seat per month | 1 month | 299.97 | 282.99 | 16.98 | 3 seats x 99.99 |

| Invoices | Without tax | Tax 6% incl. | With tax |
|---|---:|---:|---:|
| Invoices 1-12, monthly | 282.99 | 16.98 | 299.97 each |

| Total | Without tax | Tax 6% incl. | With tax |
|---|---:|---:|---:|
| First invoice (1 month) | 282.99 | 16.98 | 299.97 |
| Contract total (12 months) | 3395.88 | 203.76 | 3599.64 |
| Monthly recurring (MRR) | 282.99 | 16.98 | 299.97 |
| Annual recurring (ARR) |  |  | 3599.64 |
| One-time |  |  | 0.00 |
",
    );
}

#[test]
fn a_tax_excluded_plan_has_no_split() {
    let q = price(
        &plan("edition std { 99.99 per seat }"),
        "edition = \"std\"\nseats = 3",
    );
    assert!(q.tax_split.is_none());
    assert_eq!(lines(&q)[0].1, "299.97");
    // 10% on top, as before.
    assert_eq!(q.fmt(q.totals.first_invoice_tax), "30.00");
}

#[test]
fn the_split_rounds_half_away_from_zero_and_always_adds_up() {
    use ratecard::eval::tax::split as cut;
    assert_eq!(
        cut(dec!(1060.00), dec!(6), 2).unwrap(),
        split(dec!(1000.00), dec!(60.00))
    );
    assert_eq!(
        cut(dec!(99.99), dec!(6), 2).unwrap(),
        split(dec!(94.33), dec!(5.66))
    );
    assert_eq!(
        cut(dec!(-0.53), dec!(6), 2).unwrap(),
        split(dec!(-0.50), dec!(-0.03))
    );
    // JPY has no minor unit: 1,000 / 1.1 = 909.09... is 909 yen without tax.
    assert_eq!(
        cut(dec!(1000), dec!(10), 0).unwrap(),
        split(dec!(909), dec!(91))
    );
}

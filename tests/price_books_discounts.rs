//! Scoped discounts and richer conditions (issue 11, item 6): a discount may take off
//! seats, named modules or editions, a category or named lines, and its condition may use
//! `or`, `not`, parentheses, `in [..]` and `includes MODULE`.

mod common;

use common::books::{lines, plan, price, triples};

const PLAN: &str = r#"
  edition pro "Professional" { 30.00 per seat }
  edition team "Team" { 20.00 per seat }
  module analytics "Analytics" { 200.00 flat }
  module canvas "Canvas" { 100.00 flat }
  module sandbox "Sandbox" { 50.00 flat }
  support premium "Premium support" { 500.00 flat }
  service training "Training" { 1000.00 per session }
  discount loyal "Loyalty" { 10% off recurring when attributes.loyal = true }
  discount volume "Volume" { 20% off seats when seats >= 50 }
  discount bundle "Bundle" { 10% off modules analytics, canvas }
  discount care "Support offer" { 15% off support when includes analytics or billing = annual }
  discount odd "Odd" { 5% off lines support.premium when not (edition in [pro] and seats < 10) }
  discount school "School" { 50% off services when attributes.segment in [school, university] }
"#;

const REQUEST: &str = r#"
  edition = "pro"
  seats = 50
  modules = ["analytics", "canvas", "sandbox"]
  support = "premium"
"#;

#[test]
fn each_scoped_discount_takes_off_only_its_lines() {
    let q = price(&plan(PLAN), REQUEST);
    assert_eq!(
        lines(&q)[5..],
        triples(&[
            (
                "discount.volume",
                "-300.00",
                "20% of 1500.00 (when seats >= 50)"
            ),
            ("discount.bundle", "-30.00", "10% of 300.00"),
            (
                "discount.care",
                "-75.00",
                "15% of 500.00 (when includes analytics or billing = annual)"
            ),
            (
                "discount.odd",
                "-21.25",
                "5% of 425.00 (when not (edition in [pro] and seats < 10))"
            ),
        ])
    );
    // 2,350.00 of list amounts less 426.25 of discounts.
    assert_eq!(q.fmt(q.totals.monthly_recurring), "1923.75");
}

#[test]
fn scoped_discounts_compound_on_what_earlier_discounts_left_of_their_lines() {
    let request = format!("{REQUEST}\nattributes = {{ loyal = true }}");
    let q = price(&plan(PLAN), &request);
    assert_eq!(
        lines(&q)[5..],
        triples(&[
            (
                "discount.loyal",
                "-235.00",
                "10% of 2350.00 (when attributes.loyal = true)"
            ),
            // 1,500.00 of seats x 0.9 kept by the loyalty discount.
            (
                "discount.volume",
                "-270.00",
                "20% of 1350.00 (when seats >= 50)"
            ),
            // 300.00 of analytics and canvas x 0.9; the sandbox is not in the bundle.
            ("discount.bundle", "-27.00", "10% of 270.00"),
            (
                "discount.care",
                "-67.50",
                "15% of 450.00 (when includes analytics or billing = annual)"
            ),
            // 500.00 x 0.9 x 0.85 = 382.50; 5% = 19.125, rounded half away from zero.
            (
                "discount.odd",
                "-19.13",
                "5% of 382.50 (when not (edition in [pro] and seats < 10))"
            ),
        ])
    );
    assert_eq!(q.fmt(q.totals.monthly_recurring), "1731.37");
}

#[test]
fn conditions_with_or_not_and_in_decide_who_gets_the_discount() {
    let p = plan(PLAN);
    // Team edition, 5 seats: `not (edition in [pro] and seats < 10)` holds, `includes
    // analytics or billing = annual` fails without analytics on monthly billing.
    let q = price(
        &p,
        r#"edition = "team"
           seats = 5
           support = "premium"
           billing = "monthly""#,
    );
    let ids: Vec<String> = lines(&q).into_iter().map(|l| l.0).collect();
    assert_eq!(ids, ["seats", "support.premium", "discount.odd"]);
    // Pro with 5 seats on annual billing: care applies through `or`; odd does not.
    let q = price(
        &p,
        r#"edition = "pro"
           seats = 5
           support = "premium"
           billing = "annual""#,
    );
    let ids: Vec<String> = lines(&q).into_iter().map(|l| l.0).collect();
    assert_eq!(ids, ["seats", "support.premium", "discount.care"]);
}

#[test]
fn a_services_discount_takes_off_one_time_lines_only() {
    let q = price(
        &plan(PLAN),
        r#"edition = "team"
           seats = 1
           services = [{ kind = "training", quantity = 3 }]
           attributes = { segment = "university" }"#,
    );
    assert_eq!(
        lines(&q)[2..],
        triples(&[(
            "discount.school",
            "-1500.00",
            "50% of 3000.00 (when attributes.segment in [school, university])"
        )])
    );
    assert_eq!(q.fmt(q.totals.one_time), "1500.00");
    assert_eq!(q.fmt(q.totals.monthly_recurring), "20.00");
}

#[test]
fn a_skipped_coupon_names_the_condition_that_failed() {
    let p = plan(&format!(
        "{PLAN}\ncoupon BIG \"Big deal\" {{ 100.00 off seats when seats >= 100 or (billing = annual and term_months >= 24) }}"
    ));
    let q = price(&p, &format!("{REQUEST}\ncoupons = [\"BIG\"]"));
    assert_eq!(
        q.notes,
        ["coupon BIG skipped: it applies only when seats >= 100 or (billing = annual and term_months >= 24)"]
    );
}

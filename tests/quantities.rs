//! Quantities beyond seats (issue 12): add-ons bought by the unit and metered usage, each
//! charge model with the worked examples of docs/pricing.md, to the cent.

mod common;

use common::books::{diagnostics, lines, plan, price, reject, triples};

const EDITIONS: &str = r#"
  edition pro "Pro" { 10.00 per seat }
  edition enterprise "Enterprise" { 20.00 per seat }
"#;

fn with(items: &str) -> ratecard::model::Plan {
    plan(&format!("{EDITIONS}\n{items}"))
}

const GRADUATED: &str = r#"
  usage api "API calls" {
    unit call
    graduated {
      1..10 at 10.00 + 2.00 flat
      11..20 at 5.00 + 3.00 flat
      21.. at 5.00 + 3.00 flat
    }
  }
"#;

#[test]
fn graduated_tiers_with_flat_fees_cost_163_for_21_units() {
    let q = price(
        &with(GRADUATED),
        "edition = \"pro\"\nseats = 1\nquantities = { api = 21 }",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "usage.api",
            "163.00",
            "21 calls, graduated: 10 at 10.00 in 1..10 + 2.00 flat = 102.00; 10 at 5.00 in 11..20 + 3.00 flat = 53.00; 1 at 5.00 in 21.. + 3.00 flat = 8.00"
        )])
    );
}

#[test]
fn zero_units_still_bill_the_first_tiers_flat_fee() {
    let q = price(
        &with(GRADUATED),
        "edition = \"pro\"\nseats = 1\nquantities = { api = 0 }",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "usage.api",
            "2.00",
            "0 calls, graduated: 0 at 10.00 in 1..10 + 2.00 flat = 2.00"
        )])
    );
    // A usage the request does not report is used zero times: its base fee still bills.
    let q = price(&with(GRADUATED), "edition = \"pro\"\nseats = 1");
    assert_eq!(q.fmt(q.line("usage.api").unwrap().amount), "2.00");
}

fn packs(rounding: &str) -> ratecard::model::Plan {
    with(&format!(
        r#"addon emails "Email packs" {{
             unit email
             100.00 per pack of 10 emails, round {rounding}
             first 10 free
           }}"#
    ))
}

#[test]
fn packs_of_ten_with_ten_free_cost_1200_rounding_up_and_1100_rounding_down() {
    let request = "edition = \"pro\"\nseats = 1\nquantities = { emails = 121 }";
    assert_eq!(
        lines(&price(&packs("up"), request))[1..],
        triples(&[(
            "addon.emails",
            "1200.00",
            "121 emails - 10 included = 111; 111 / 10 = 11.1 packs, rounded up to 12 packs x 100.00"
        )])
    );
    assert_eq!(
        lines(&price(&packs("down"), request))[1..],
        triples(&[(
            "addon.emails",
            "1100.00",
            "121 emails - 10 included = 111; 111 / 10 = 11.1 packs, rounded down to 11 packs x 100.00"
        )])
    );
    let q = price(
        &packs("nearest"),
        "edition = \"pro\"\nseats = 1\nquantities = { emails = 125 }",
    );
    assert_eq!(q.fmt(q.lines[1].amount), "1200.00");
    // Within the free units nothing is billed, and the line says so.
    let q = price(
        &packs("up"),
        "edition = \"pro\"\nseats = 1\nquantities = { emails = 8 }",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "addon.emails",
            "0.00",
            "8 emails - 10 included = 0; 0 emails in 0 packs of 10 x 100.00"
        )])
    );
}

#[test]
fn volume_tiers_price_every_unit_at_the_tier_reached() {
    let p = with(
        r#"usage sms "SMS" {
             unit message
             volume { 1..25_000 at 0.001; 25_001.. at 0.00075 }
           }"#,
    );
    let q = price(
        &p,
        "edition = \"pro\"\nseats = 1\nquantities = { sms = 65000 }",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "usage.sms",
            "48.75",
            "65000 messages, all at the 25001.. price: 65000 x 0.00075"
        )])
    );
    let q = price(
        &p,
        "edition = \"pro\"\nseats = 1\nquantities = { sms = 25000 }",
    );
    assert_eq!(q.fmt(q.lines[1].amount), "25.00");
}

#[test]
fn stairstep_tiers_charge_the_steps_price_whatever_the_units() {
    let p = with(
        r#"addon seats_pack "Extra users" {
             unit user
             stairstep { 1..10 at 100.00 flat; 11..50 at 300.00 flat; 51.. at 500.00 flat }
             maximum 200
           }"#,
    );
    let q = price(
        &p,
        "edition = \"pro\"\nseats = 1\nquantities = { seats_pack = 11 }",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "addon.seats_pack",
            "300.00",
            "11 users falls in 11..50: 300.00 flat"
        )])
    );
}

#[test]
fn included_units_are_flat_per_seat_and_per_edition() {
    let p = with(
        r#"usage files "File storage" {
             unit GB divisible
             includes 10
             includes 1 per seat
             includes 100 with enterprise
             0.25 per GB
           }"#,
    );
    let q = price(
        &p,
        "edition = \"pro\"\nseats = 5\nquantities = { files = 20.5 }",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "usage.files",
            "1.38",
            "20.5 GB - 15 included = 5.5; 5.5 x 0.25 per GB"
        )])
    );
    let q = price(
        &p,
        "edition = \"enterprise\"\nseats = 5\nquantities = { files = 200 }",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "usage.files",
            "21.25",
            "200 GB - 115 included = 85; 85 x 0.25 per GB"
        )])
    );
}

#[test]
fn fractional_quantities_are_refused_for_a_unit_counted_whole() {
    let p = with(r#"addon sandbox "Sandbox" { 150.00 per sandbox; minimum 1; maximum 10 }"#);
    assert_eq!(
        reject(
            &p,
            "edition = \"pro\"\nseats = 1\nquantities = { sandbox = 2.5 }"
        ),
        "quantities.sandbox 2.5 is not accepted: a sandbox is counted whole: give a whole number"
    );
    assert_eq!(
        reject(
            &p,
            "edition = \"pro\"\nseats = 1\nquantities = { sandbox = 11 }"
        ),
        "quantities.sandbox 11 is not accepted: add-on `sandbox` is sold up to 10 sandboxes"
    );
    assert_eq!(
        reject(
            &p,
            "edition = \"pro\"\nseats = 1\nquantities = { sandbox = -1 }"
        ),
        "quantities.sandbox -1 is not accepted: it cannot be negative"
    );
    assert_eq!(
        reject(
            &p,
            "edition = \"pro\"\nseats = 1\nquantities = { sandboxes = 1 }"
        ),
        "unknown add-on or usage `sandboxes`; expected one of: sandbox"
    );
    let q = price(
        &p,
        "edition = \"pro\"\nseats = 1\nquantities = { sandbox = 3 }",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[("addon.sandbox", "450.00", "3 x 150.00 per sandbox")])
    );
}

#[test]
fn a_quantity_above_the_last_closed_tier_is_refused() {
    let p = with(r#"addon seats_pack "Extra" { unit user; volume { 1..10 at 5.00 } }"#);
    assert_eq!(
        reject(&p, "edition = \"pro\"\nseats = 1\nquantities = { seats_pack = 11 }"),
        "quantities.seats_pack 11 is not accepted: add-on `seats_pack` is priced up to 10 users beyond what is included"
    );
}

const PAYMENTS: &str = r#"
  usage payments "Card payments" {
    1.5% of volume + 0.30 per transaction, min 0.50, max 10.00
  }
"#;

#[test]
fn a_percentage_of_volume_with_a_fee_floor_and_cap_per_transaction() {
    let p = with(PAYMENTS);
    let q = price(
        &p,
        "edition = \"pro\"\nseats = 1\nquantities = { payments = 200 }\nvolumes = { payments = 15000 }",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "usage.payments",
            "285.00",
            "200 transactions moving 15000.00: 1.5% of 75.00 average + 0.30 = 1.425 per transaction"
        )])
    );
    let q = price(
        &p,
        "edition = \"pro\"\nseats = 1\nquantities = { payments = 100 }\nvolumes = { payments = 200 }",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "usage.payments",
            "50.00",
            "100 transactions moving 200.00: 1.5% of 2.00 average + 0.30 = 0.50 per transaction (raised to the minimum 0.50)"
        )])
    );
    let q = price(
        &p,
        "edition = \"pro\"\nseats = 1\nquantities = { payments = 3 }\nvolumes = { payments = 3000 }",
    );
    assert_eq!(q.fmt(q.lines[1].amount), "30.00");
    assert_eq!(
        reject(&p, "edition = \"pro\"\nseats = 1\nvolumes = { payments = 50 }"),
        "volumes.payments 50 is not accepted: a volume needs the transactions that moved it: give quantities.payments"
    );
}

#[test]
fn a_plan_without_quantities_prices_as_before() {
    let p = plan(EDITIONS);
    let q = price(&p, "edition = \"pro\"\nseats = 3");
    assert_eq!(lines(&q), triples(&[("seats", "30.00", "3 seats x 10.00")]));
}

#[test]
fn a_scoped_discount_can_take_off_add_ons_or_usage() {
    let p = with(&format!(
        r#"addon sandbox "Sandbox" {{ 150.00 per sandbox }}
           {GRADUATED}
           discount bundle "Add-on bundle" {{ 10% off addons when seats >= 2 }}"#
    ));
    let q = price(
        &p,
        "edition = \"pro\"\nseats = 2\nquantities = { sandbox = 2, api = 21 }",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[
            ("addon.sandbox", "300.00", "2 x 150.00 per sandbox"),
            (
                "usage.api",
                "163.00",
                "21 calls, graduated: 10 at 10.00 in 1..10 + 2.00 flat = 102.00; 10 at 5.00 in 11..20 + 3.00 flat = 53.00; 1 at 5.00 in 21.. + 3.00 flat = 8.00"
            ),
            ("discount.bundle", "-30.00", "10% of 300.00 (when seats >= 2)"),
        ])
    );
}

#[test]
fn the_checker_says_what_is_wrong_with_an_add_on_or_usage() {
    let found = diagnostics(&format!(
        r#"{EDITIONS}
  module sandbox "Sandbox module" {{ 5.00 flat }}
  addon sandbox "Sandbox" {{ 150.00 per sandbox }}
  addon half "Half units" {{ unit seat; volume {{ 0.5..10 at 1.00 }} }}
  addon gap "Gap" {{ unit user; graduated {{ 1..10 at 1.00; 12.. at 0.50 }} }}
  addon steps "Steps" {{ stairstep {{ 1..10 at 5.00 }} }}
  addon two "Two prices" {{ 1.00 per user; 2.00 per user }}
  addon none "No price" {{ maximum 3 }}
  usage mails "Mails" {{ unit email; 0.01 per message }}
  usage ok "Fine" {{ unit GB divisible; graduated {{ 0..0.5 at 1.00; 0.5.. at 0.50 }} }}"#
    ));
    assert_eq!(
        found,
        [
            "7: add-on `sandbox`: the module on line 6 has the same name",
            "8: a tier bound must be a whole number: a seat is counted whole (found 0.5)",
            "9: gap between tiers: 1..10 is followed by a tier starting at 12, not 11",
            "10: add-on `steps`: a stairstep tier is one price for the whole step, not a price per unit",
            "11: add-on `two` has more than one price",
            "12: add-on `none` has no price",
            "13: usage `mails`: the price is per `message`, but it is counted in `email`",
        ]
    );
}

#[test]
fn storage_is_a_usage_that_tiers_can_price() {
    let p = plan(
        r#"storage {
             included 100 GB
             included 2 GB per seat
             overage graduated { 0..1000 at 0.50; 1000.. at 0.25 }
           }
           edition pro "Pro" { 10.00 per seat; storage 50 GB }"#,
    );
    let q = price(&p, "edition = \"pro\"\nseats = 10\nstorage_gb = 1670.5");
    // 1,670.5 - 170 included = 1,500.5 GB: 1,000 x 0.50 + 500.5 x 0.25 = 625.125 -> 625.13.
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "storage",
            "625.13",
            "1670.5 GB - 170 included = 1500.5; 1500.5 GB, graduated: 1000 at 0.50 in 0..1000 = 500.00; 500.5 at 0.25 in 1000.. = 125.125"
        )])
    );
    // Within the allowance nothing is billed, as with a rate per GB.
    let q = price(&p, "edition = \"pro\"\nseats = 10\nstorage_gb = 100");
    assert_eq!(q.lines.len(), 1);
    assert_eq!(
        q.notes,
        ["storage: 100 GB used is within the 170 GB included"]
    );
}

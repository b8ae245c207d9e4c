//! The evaluator through the library: each tier mode, blocks, clamps, discount order,
//! half-away-from-zero rounding and zero-digit currencies, on small inline plans.

use ratecard::check::check_source;
use ratecard::diagnostic::SourceFile;
use ratecard::eval::quote;
use ratecard::model::Plan;
use ratecard::quote::Quote;
use ratecard::request::Request;

fn plan_in(currency: &str, body: &str) -> Plan {
    let src = format!("plan \"t\" {{ version \"1\" currency {currency} tax 10%\n{body}\n}}");
    let checked = check_source(SourceFile::new("t.rate", src), None);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.kind.to_string())
        .collect();
    checked
        .plan
        .unwrap_or_else(|| panic!("plan has errors: {errors:?}"))
}

fn plan(body: &str) -> Plan {
    plan_in("USD", body)
}

fn price(plan: &Plan, request: &str) -> Quote {
    let r: Request = toml::from_str(request).expect("request");
    quote(plan, &r).unwrap_or_else(|e| panic!("rejected: {e}"))
}

fn reject(plan: &Plan, request: &str) -> String {
    let r: Request = toml::from_str(request).expect("request");
    match quote(plan, &r) {
        Ok(q) => panic!("should be rejected, got {:?}", q.totals),
        Err(e) => e.to_string(),
    }
}

/// (id, amount) of every line, amounts with the currency's digits.
fn lines(q: &Quote) -> Vec<(String, String)> {
    q.lines
        .iter()
        .map(|l| (l.id.to_string(), q.fmt(l.amount)))
        .collect()
}

fn expect(q: &Quote, expected: &[(&str, &str)]) {
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(lines(q), want);
}

#[test]
fn volume_bills_the_whole_quantity_at_one_band_plus_its_fee() {
    let p = plan("edition e { seats volume { 1..10 at 10.00 + 50.00 flat; 11.. at 8.00 } }");
    let q = price(&p, "edition = 'e'\nseats = 5");
    expect(&q, &[("seats", "100.00")]);
    assert_eq!(
        q.lines[0].explain.render(2),
        "5 seats, all at the 1..10 price: 5 x 10.00 + 50.00 flat"
    );
    expect(
        &price(&p, "edition = 'e'\nseats = 12"),
        &[("seats", "96.00")],
    );
}

#[test]
fn graduated_bills_each_band_reached_with_its_fee_once() {
    let p = plan(
        "edition e { seats graduated { small 1..10 at 10.00 + 5.00 flat; 11..20 at 8.00 + 3.00 flat; 21.. at 6.00 } }",
    );
    let q = price(&p, "edition = 'e'\nseats = 25");
    expect(
        &q,
        &[
            ("seats.small", "105.00"),
            ("seats.11-20", "83.00"),
            ("seats.21+", "30.00"),
        ],
    );
    // A band reached only partly still charges its whole fee.
    expect(
        &price(&p, "edition = 'e'\nseats = 11"),
        &[("seats.small", "105.00"), ("seats.11-20", "11.00")],
    );
    assert_eq!(
        q.lines[2].explain.render(2),
        "5 of 25 seats in 21.. at 6.00"
    );
}

#[test]
fn packs_round_up_to_whole_packs() {
    let p = plan("edition e { 500.00 per pack of 10 seats }");
    let q = price(&p, "edition = 'e'\nseats = 45");
    expect(&q, &[("seats", "2500.00")]);
    assert_eq!(
        q.lines[0].explain.render(2),
        "45 seats in 5 packs of 10 x 500.00"
    );
    let q = price(&p, "edition = 'e'\nseats = 10");
    expect(&q, &[("seats", "500.00")]);
    assert_eq!(
        q.lines[0].explain.render(2),
        "10 seats in 1 pack of 10 x 500.00"
    );
    let one = plan("edition e { 20.00 per seat }");
    let q = price(&one, "edition = 'e'\nseats = 1");
    assert_eq!(q.lines[0].explain.render(2), "1 seat x 20.00");
}

#[test]
fn a_banded_module_uses_the_request_seats_and_its_own_mode() {
    let p = plan(
        "edition e { 1.00 per seat }
         module desk \"Service desk\" { seats graduated { 1..5 at 20.00; 6..50 at 15.00 } }",
    );
    let q = price(&p, "edition = 'e'\nseats = 8\nmodules = ['desk']");
    expect(
        &q,
        &[
            ("seats", "8.00"),
            ("module.desk.1-5", "100.00"),
            ("module.desk.6-50", "45.00"),
        ],
    );
    assert_eq!(
        reject(&p, "edition = 'e'\nseats = 51\nmodules = ['desk']"),
        "51 seats is outside the bands of module `desk` (1..5, 6..50)"
    );
}

#[test]
fn storage_overage_is_billed_in_whole_blocks_of_what_exceeds_the_allowance() {
    let body = "storage { included 100 GB; included 1 GB per seat; overage 0.50 per GB in blocks of 10 GB }
                edition e { storage 4 GB per seat; 1.00 per seat }";
    let p = plan(body);
    // included = 100 + (1 + 4) x 10 = 150; 150.1 used -> 0.1 over -> one 10 GB block.
    let q = price(&p, "edition = 'e'\nseats = 10\nstorage_gb = 150.1");
    expect(&q, &[("seats", "10.00"), ("storage", "5.00")]);
    assert_eq!(
        q.lines[1].explain.render(2),
        "150.1 GB used - 150 GB included = 0.1 GB; 1 block of 10 GB; 10 GB x 0.50"
    );
    let q = price(&p, "edition = 'e'\nseats = 10\nstorage_gb = 150");
    expect(&q, &[("seats", "10.00")]);
    assert_eq!(
        q.notes,
        ["storage: 150 GB used is within the 150 GB included"]
    );
    let exact = plan("storage { overage 0.015 per GB } edition e { 1.00 per seat }");
    expect(
        &price(&exact, "edition = 'e'\nseats = 1\nstorage_gb = 333"),
        &[("seats", "1.00"), ("storage", "5.00")],
    );
}

#[test]
fn backup_rate_applies_to_storage_used_not_overage() {
    let p = plan(
        "storage { included 1000 GB; overage 1.00 per GB } edition e { 1.00 per seat }
                  backup daily { 300.00 flat + 0.02 per GB }",
    );
    expect(
        &price(
            &p,
            "edition = 'e'\nseats = 1\nstorage_gb = 800\nbackup = 'daily'",
        ),
        &[("seats", "1.00"), ("backup.daily", "316.00")],
    );
}

#[test]
fn percent_support_is_clamped_and_its_minimum_applies_to_a_zero_base() {
    let p = plan(
        "edition e { 100.00 per seat } edition free { 0.00 flat }
         support s { 20% of recurring, min 100.00, max 300.00 }",
    );
    expect(
        &price(&p, "edition = 'e'\nseats = 10\nsupport = 's'"),
        &[("seats", "1000.00"), ("support.s", "200.00")],
    );
    let q = price(&p, "edition = 'e'\nseats = 20\nsupport = 's'");
    expect(&q, &[("seats", "2000.00"), ("support.s", "300.00")]);
    assert_eq!(
        q.lines[1].explain.render(2),
        "20% of recurring 2000.00 = 400.00, capped at the maximum 300.00"
    );
    let q = price(&p, "edition = 'free'\nseats = 3\nsupport = 's'");
    expect(&q, &[("seats", "0.00"), ("support.s", "100.00")]);
    assert_eq!(
        q.lines[1].explain.render(2),
        "20% of recurring 0.00 = 0.00, raised to the minimum 100.00"
    );
}

#[test]
fn discounts_compound_in_plan_order_then_coupons_in_request_order() {
    let p = plan(
        "edition e { 100.00 per seat }
         service setup { 1000.00 per project }
         discount first { 10% off recurring }
         discount second { 10% off recurring }
         discount never { 50% off all when seats >= 100 }
         coupon BOTH { 10% off all }
         coupon FIFTY { 50.00 off one_time }
         coupon ANNUAL { 5% off recurring when billing = annual }",
    );
    let q = price(
        &p,
        "edition = 'e'\nseats = 10\nservices = [{kind = 'setup', quantity = 1}]\ncoupons = ['ANNUAL', 'BOTH', 'FIFTY']",
    );
    expect(
        &q,
        &[
            ("seats", "1000.00"),
            ("service.setup", "1000.00"),
            ("discount.first", "-100.00"),
            ("discount.second", "-90.00"),
            ("coupon.BOTH.recurring", "-81.00"),
            ("coupon.BOTH.one_time", "-100.00"),
            ("coupon.FIFTY", "-50.00"),
        ],
    );
    assert_eq!(
        q.notes,
        ["coupon ANNUAL skipped: it applies only when billing = annual"]
    );
    assert_eq!(q.fmt(q.totals.monthly_recurring), "729.00");
    assert_eq!(q.fmt(q.totals.one_time), "850.00");
}

#[test]
fn a_fixed_discount_is_capped_at_the_running_net_and_a_zero_discount_has_no_line() {
    let p = plan(
        "edition e { 10.00 per seat }
         discount big { 500.00 off recurring }
         discount after { 10% off recurring }",
    );
    let q = price(&p, "edition = 'e'\nseats = 3");
    expect(&q, &[("seats", "30.00"), ("discount.big", "-30.00")]);
    assert_eq!(
        q.lines[1].explain.render(2),
        "500.00 off, capped at the net 30.00"
    );
    assert_eq!(q.fmt(q.totals.monthly_recurring), "0.00");
}

#[test]
fn every_line_rounds_half_away_from_zero_when_computed() {
    let p = plan("edition e { 0.125 per seat } module m { 1.005 flat }");
    let q = price(&p, "edition = 'e'\nseats = 3\nmodules = ['m']");
    // 0.375 -> 0.38 and 1.005 -> 1.01, where banker's rounding would give 0.38 and 1.00.
    expect(&q, &[("seats", "0.38"), ("module.m", "1.01")]);
    assert_eq!(q.fmt(q.totals.monthly_recurring), "1.39");
    // 10% of 1.39 = 0.139 -> 0.14 once, on the total.
    assert_eq!(q.fmt(q.totals.first_invoice_tax), "0.14");
    assert_eq!(q.fmt(q.totals.term_total), "16.68");
    // Tax is taken per invoice and summed: 12 monthly invoices of 1.39 carry 0.14 each.
    assert_eq!(q.fmt(q.totals.term_tax), "1.68");
}

#[test]
fn zero_digit_currencies_round_to_whole_units() {
    let p = plan_in("JPY", "edition e { 333.5 per seat }");
    let q = price(&p, "edition = 'e'\nseats = 3");
    expect(&q, &[("seats", "1001")]);
    assert_eq!(q.fmt(q.totals.first_invoice_tax), "100");
    assert_eq!(q.fmt(q.totals.first_invoice_total), "1101");
    assert_eq!(q.lines[0].explain.render(0), "3 seats x 333.5");
}

#[test]
fn included_modules_show_as_zero_and_still_count_for_requires_and_excludes() {
    let p = plan(
        "module core \"Core\"
         module extra { 10.00 flat; requires core }
         module legacy { 5.00 flat; excludes core }
         edition e { includes core; 1.00 per seat }
         edition bare { 1.00 per seat }",
    );
    let q = price(&p, "edition = 'e'\nseats = 1\nmodules = ['core', 'extra']");
    expect(
        &q,
        &[
            ("seats", "1.00"),
            ("module.core", "0.00"),
            ("module.extra", "10.00"),
        ],
    );
    assert_eq!(q.lines[1].explain.render(2), "included in the e edition");
    assert_eq!(
        reject(&p, "edition = 'e'\nseats = 1\nmodules = ['legacy']"),
        "module `legacy` excludes `core`; they cannot be taken together"
    );
    assert_eq!(
        reject(&p, "edition = 'bare'\nseats = 1\nmodules = ['core']"),
        "module `core` is not sold on its own; it comes with edition e"
    );
}

#[test]
fn billing_cycle_and_term_drive_the_invoice_totals() {
    let p = plan("edition e { 100.00 per seat } service s { 50.00 per hour }");
    let q = price(
        &p,
        "edition = 'e'\nseats = 1\nbilling = 'quarterly'\nterm_months = 24\nservices = [{kind = 's', quantity = 2.5}]",
    );
    assert_eq!(q.fmt(q.totals.first_invoice), "425.00");
    assert_eq!(q.fmt(q.totals.term_total), "2525.00");
    assert_eq!(q.fmt(q.totals.term_tax), "252.50");
    assert_eq!(q.fmt(q.totals.term_total_with_tax), "2777.50");
}

#[test]
fn attribute_conditions_compare_text_and_numbers() {
    let p = plan(
        "edition e { 100.00 per seat }
         discount edu { 20% off recurring when attributes.industry = \"education\" }
         discount big { 10% off recurring when attributes.employees >= 5000 and billing != monthly }",
    );
    let q = price(&p, "edition = 'e'\nseats = 1\nbilling = 'annual'\n[attributes]\nindustry = 'education'\nemployees = 8000");
    expect(
        &q,
        &[
            ("seats", "100.00"),
            ("discount.edu", "-20.00"),
            ("discount.big", "-8.00"),
        ],
    );
    let q = price(
        &p,
        "edition = 'e'\nseats = 1\n[attributes]\nindustry = 'retail'",
    );
    expect(&q, &[("seats", "100.00")]);
}

#[test]
fn amounts_too_large_for_exact_arithmetic_reject_instead_of_panicking() {
    let p = plan("edition e { 9999999999999999999999999.00 per seat }");
    assert_eq!(
        reject(&p, "edition = 'e'\nseats = 10000000"),
        "the seats line is too large to compute exactly; check the quantities"
    );
    // Past the seat limit the request is refused before any arithmetic (issue 9).
    assert_eq!(
        reject(&p, "edition = 'e'\nseats = 9223372036854775807"),
        "seats 9223372036854775807 is not accepted: it must be at most 10,000,000 (ratecard's limit, see docs/limits.md)"
    );
}

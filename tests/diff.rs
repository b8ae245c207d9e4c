//! `ratecard diff` through the real binary: structural changes between plan versions, and
//! the revenue impact over a book, to the cent.

mod common;

use common::Test;

const ACME: &str = "examples/acme.rate";
const ACME_2027: &str = "examples/acme-2027.rate";
const BOOK: &str = "examples/book.csv";

const ACME_CHANGES: &str = "\
acme 2026.1 -> acme 2027.1: 8 changes
  + minimum term: 12 months
  + effective date: 2027-01-01
  ~ storage overage: 0.50 per GB in blocks of 10 GB -> 0.40 per GB in blocks of 10 GB
  ~ edition basic, seat band medium: 10..100 at 100.00 -> 10..100 at 105.00
  ~ edition advanced, seat band large: 101.. at 150.00 -> 101.. at 140.00
  + module ai_assistant: graduated: 1..25 at 6.00, 26.. at 4.00; requires sales_automation
  ~ service migration: 10.00 per GB -> 12.00 per GB
  ~ discount annual_prepay: 15% off recurring when billing = annual -> 12% off recurring when billing = annual
";

#[test]
fn structural_changes_between_acme_versions() {
    Test::new()
        .args(&["diff", ACME, ACME_2027])
        .run()
        .status(0)
        .stdout(ACME_CHANGES)
        .stderr("");
}

#[test]
fn a_plan_compared_with_itself_has_no_changes() {
    Test::new()
        .args(&["diff", ACME, ACME])
        .run()
        .status(0)
        .stdout("acme 2026.1 -> acme 2026.1: no pricing changes\n");
}

#[test]
fn every_kind_of_pricing_term() {
    Test::new()
        .args(&["diff", "tests/fixtures/batch/diff-old.rate"])
        .args(&["tests/fixtures/batch/diff-new.rate"])
        .run()
        .status(0)
        .stdout(
            "\
terms 1 -> terms 2: 26 changes
  ~ tax: 8% -> 8.5%
  + storage included: 100 GB
  + edition starter, included module: reports
  ~ edition starter, price: 20.00 per seat -> volume: 1..9 at 20.00, 10.. at 18.00
  ~ edition growth, storage included per seat: 5 GB -> 10 GB
  ~ edition growth, seat band 50..: 50.. at 39.20 -> 50..199 at 39.20
  + edition growth, seat band 200..: 200.. at 38.00 + 250.00 flat
  - edition classic: 15.00 per seat; includes core
  + edition scale: 30.00 per seat; includes core, reports
  ~ module reports, price: 100.00 flat -> 120.00 flat
  + module forecasting, requires: reports
  - module forecasting, excludes: legacy
  - module fax: 20.00 flat
  ~ backup daily: 10.00 flat -> 12.00 flat + 0.01 per GB
  - backup weekly: 4.00 flat
  + backup hourly: 30.00 flat
  ~ support standard: 2.00 per seat -> 10% of recurring, min 50.00
  ~ service integration, target erp: 5000.00 -> 5500.00
  + service integration, target crm: 3000.00
  ~ service integration, complexity high: 1.5 -> 1.6
  - service onboarding: 300.00 per session
  - discount launch: 50.00 off one_time
  + discount loyalty: 3% off recurring when attributes.years >= 3
  ~ discount order: annual, volume -> volume, annual
  ~ coupon SAVE10: 10% off recurring -> 10% off recurring when term_months >= 12
  + hook rules/approve.rhai: script 69c846e7
",
        );
}

#[test]
fn changes_as_csv() {
    Test::new()
        .args(&["diff", ACME, ACME_2027, "--format", "csv"])
        .run()
        .status(0)
        .stdout(
            "\
op,subject,old,new
added,minimum term,,12 months
added,effective date,,2027-01-01
changed,storage overage,0.50 per GB in blocks of 10 GB,0.40 per GB in blocks of 10 GB
changed,\"edition basic, seat band medium\",10..100 at 100.00,10..100 at 105.00
changed,\"edition advanced, seat band large\",101.. at 150.00,101.. at 140.00
added,module ai_assistant,,\"graduated: 1..25 at 6.00, 26.. at 4.00; requires sales_automation\"
changed,service migration,10.00 per GB,12.00 per GB
changed,discount annual_prepay,15% off recurring when billing = annual,12% off recurring when billing = annual
",
        );
}

#[test]
fn revenue_impact_per_customer_to_the_cent() {
    Test::new()
        .args(&["diff", ACME, ACME_2027, "--book", BOOK, "--format", "csv"])
        .run()
        .status(0)
        .stdout(
            "\
customer,old_monthly_recurring,new_monthly_recurring,monthly_recurring_delta,old_first_invoice_total,new_first_invoice_total,first_invoice_total_delta,movement,message
Lotus Trading Ltd,600.00,600.00,0.00,636.00,636.00,0.00,unchanged,
Pine Valley Clinics,11853.42,12234.82,+381.40,195295.50,200146.91,+4851.41,up,
Harbor Freight Partners,1000.00,1050.00,+50.00,1060.00,1113.00,+53.00,up,
Nine Oaks Studio,1080.00,1080.00,0.00,1144.80,1144.80,0.00,unchanged,
Great Wall Logistics,30862.65,31926.84,+1064.19,397872.91,412469.40,+14596.49,up,
Jade Garden Restaurants,360.00,,,381.60,,,newly_rejected,new plan: a term of 6 months is shorter than the plan's minimum term of 12 months
Summit Realty,,,,,,,rejected_by_both,module `marketing_automation` requires `sales_automation`; add it to the request
Blue Harbor Insurance,30624.00,30288.00,-336.00,112648.32,111579.84,-1068.48,down,
Redwood Analytics,3901.50,4133.36,+231.86,49627.08,52576.34,+2949.26,up,
Golden Gate Dental,240.00,240.00,0.00,254.40,254.40,0.00,unchanged,
Pearl River Textiles,15682.50,16204.32,+521.82,205841.40,212478.95,+6637.55,up,
Kunlun Energy,91938.72,91070.50,-868.22,1273340.52,1266536.76,-6803.76,down,
\"Smith, Jones & Partners\",2256.61,2330.61,+74.00,7176.02,7411.34,+235.32,up,
Northwind Foods,5525.00,5720.00,+195.00,5856.50,6063.20,+206.70,up,
Vandelay Imports,1927.41,1922.41,-5.00,6261.66,6272.26,+10.60,down,
Silver Lake Schools,11772.50,12179.20,+406.70,159286.20,164459.42,+5173.22,up,
",
        );
}

#[test]
fn revenue_impact_summary_in_the_table() {
    let out = Test::new()
        .args(&["diff", ACME, ACME_2027, "--book", BOOK])
        .run()
        .status(0);
    assert!(out.stdout.starts_with(ACME_CHANGES), "{}", out.stdout);
    let rejected = out.stdout.find("\nRejected\n").expect("a Rejected section");
    assert_eq!(
        &out.stdout[rejected..],
        "
Rejected
  Jade Garden Restaurants (newly rejected): new plan: a term of 6 months is shorter than the plan's minimum term of 12 months
  Summit Realty (rejected by both): module `marketing_automation` requires `sales_automation`; add it to the request

Summary
  MRR before  209624.31
  MRR after   210980.06
  MRR change  +1355.75 (+0.65%)
  Customers   8 up, 3 down, 3 unchanged, 1 newly rejected, 0 newly priced, 1 rejected by both

Largest increases (monthly recurring)
  1.  Great Wall Logistics     +1064.19  +3.45%
  2.  Pearl River Textiles      +521.82  +3.33%
  3.  Silver Lake Schools       +406.70  +3.45%
  4.  Pine Valley Clinics       +381.40  +3.22%
  5.  Redwood Analytics         +231.86  +5.94%
  6.  Northwind Foods           +195.00  +3.53%
  7.  Smith, Jones & Partners    +74.00  +3.28%
  8.  Harbor Freight Partners    +50.00  +5.00%

Largest decreases (monthly recurring)
  1.  Kunlun Energy          -868.22  -0.94%
  2.  Blue Harbor Insurance  -336.00  -1.10%
  3.  Vandelay Imports         -5.00  -0.26%
"
    );
    assert!(out.stdout.contains(
        "│ Jade Garden Restaurants │         360.00 │      rejected │          │               381.60 │            rejected │           │\n"
    ), "{}", out.stdout);
}

#[test]
fn a_customer_the_new_plan_rejects() {
    let out = Test::new()
        .args(&["diff", ACME, ACME_2027, "--book", BOOK, "--format", "json"])
        .run()
        .status(0);
    let json = out.json();
    let jade = &json["impact"]["customers"][5];
    assert_eq!(jade["customer"], "Jade Garden Restaurants");
    assert_eq!(jade["movement"], "newly_rejected");
    assert_eq!(jade["old_monthly_recurring"], "360.00");
    assert_eq!(jade["new_monthly_recurring"], serde_json::Value::Null);
    assert_eq!(jade["monthly_recurring_delta"], serde_json::Value::Null);
    assert_eq!(
        jade["message"],
        "new plan: a term of 6 months is shorter than the plan's minimum term of 12 months"
    );
    let s = &json["impact"]["summary"];
    assert_eq!(s["customers"], 16);
    assert_eq!(s["mrr_before"], "209624.31");
    assert_eq!(s["mrr_after"], "210980.06");
    assert_eq!(s["mrr_change"], "+1355.75");
    assert_eq!(s["mrr_change_percent"], "+0.65%");
    assert_eq!(s["newly_rejected"], 1);
    assert_eq!(s["rejected_by_both"], 1);
    assert_eq!(s["largest_increases"].as_array().map(Vec::len), Some(8));
    assert_eq!(s["largest_decreases"][0]["customer"], "Kunlun Energy");
    assert_eq!(
        s["largest_decreases"][0]["monthly_recurring_delta"],
        "-868.22"
    );
    assert_eq!(
        json["changes"][3]["subject"],
        "edition basic, seat band medium"
    );
    assert_eq!(json["changes"][3]["old"], "10..100 at 100.00");
    assert_eq!(json["changes"][3]["new"], "10..100 at 105.00");
}

#[test]
fn at_most_ten_largest_movers() {
    // Twelve customers all going up (basic 10..100 band) and the lists stop at ten.
    let t = Test::new();
    let mut book = String::from("customer,edition,seats\n");
    for i in 1..=12 {
        book.push_str(&format!("C{i},basic,{}\n", 10 + i));
    }
    let book = t.file("book.csv", &book);
    let out = t
        .args(&["diff", ACME, ACME_2027, "--book", book.to_str().unwrap()])
        .args(&["--format", "json"])
        .run()
        .status(0);
    let json = out.json();
    let ups = json["impact"]["summary"]["largest_increases"]
        .as_array()
        .unwrap();
    assert_eq!(ups.len(), 10);
    // Largest first: 22 seats go up 22 x 5.00.
    assert_eq!(ups[0]["customer"], "C12");
    assert_eq!(ups[0]["monthly_recurring_delta"], "+110.00");
    assert_eq!(ups[9]["customer"], "C3");
    assert_eq!(json["impact"]["summary"]["up"], 12);
}

#[test]
fn plans_in_two_currencies_have_no_revenue_impact() {
    Test::new()
        .args(&[
            "diff",
            "tests/fixtures/batch/diff-old.rate",
            ACME,
            "--book",
            BOOK,
        ])
        .run()
        .status(2)
        .stdout("")
        .stderr(
            "ratecard: the plans are priced in USD and CNY; a revenue impact needs one currency\n",
        );
}

#[test]
fn seat_limits_fees_and_attach_prices_are_pricing_terms() {
    let t = Test::new();
    let old = std::fs::read_to_string(common::root().join("examples/hubspot.rate")).unwrap();
    let new = old
        .replace("minimum purchase 10 seats", "minimum purchase 5 seats")
        .replace(
            "fee onboarding \"Professional onboarding\" 1_500.00",
            "fee onboarding \"Professional onboarding\" 1_800.00",
        )
        .replace(
            "6.00 per seat with enterprise",
            "5.00 per seat with enterprise",
        );
    let new = t.file("hubspot-next.rate", &new);
    t.args(&["diff", "examples/hubspot.rate", new.to_str().unwrap()])
        .run()
        .status(0)
        .stdout(
            "HubSpot-style Sales CRM 2026.1 -> HubSpot-style Sales CRM 2026.1: 3 changes
  ~ edition professional, fee onboarding: 1500.00 -> 1800.00
  ~ edition enterprise, minimum: 10 seats (purchase) -> 5 seats (purchase)
  ~ module forecasting, price with enterprise: 6.00 per seat -> 5.00 per seat
",
        );
}

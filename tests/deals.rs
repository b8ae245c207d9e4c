//! Deals through the real binary: contract prices and floors, the ramp and amendment worked
//! examples to the cent, renewals, free periods, validity and price protection.

mod common;

use common::Test;

const PLAN: &str = "tests/fixtures/deals/plan.rate";
const BY_DAY: &str = "tests/fixtures/deals/by-day.rate";

fn deal_json(plan: &str, request: &str) -> serde_json::Value {
    Test::new()
        .args(&["quote", plan, "--request", request, "--format", "json"])
        .run()
        .status(0)
        .json()
}

/// Prices request text written to a temporary file.
fn deal_text(plan: &str, request: &str) -> serde_json::Value {
    let t = Test::new();
    let path = t.file("deal.toml", request);
    let path = path.to_str().unwrap().to_string();
    t.args(&["quote", plan, "--request", &path, "--format", "json"])
        .run()
        .status(0)
        .json()
}

fn s(v: &serde_json::Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// The first invoice of segment `i` (from 0).
fn first_invoice(q: &serde_json::Value, i: usize) -> &serde_json::Value {
    q["schedule"]["invoices"]
        .as_array()
        .expect("invoices")
        .iter()
        .find(|inv| inv["segment"].as_u64() == Some(i as u64 + 1))
        .expect("an invoice of the segment")
}

/// The subtotals of segment `i`'s invoices.
fn invoices_of(q: &serde_json::Value, i: usize) -> Vec<String> {
    q["schedule"]["invoices"]
        .as_array()
        .expect("invoices")
        .iter()
        .filter(|inv| inv["segment"].as_u64() == Some(i as u64 + 1))
        .map(|inv| s(&inv["subtotal"]).to_string())
        .collect()
}

/// (label, unit price, amount) of each line of segment `i`'s first invoice, as billed.
fn lines(q: &serde_json::Value, i: usize) -> Vec<(String, String, String)> {
    first_invoice(q, i)["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            (
                s(&l["label"]).to_string(),
                l["unit_price"].as_str().unwrap_or("").to_string(),
                s(&l["amount"]).to_string(),
            )
        })
        .collect()
}

fn line(label: &str, unit: &str, amount: &str) -> (String, String, String) {
    (label.into(), unit.into(), amount.into())
}

#[test]
fn ramp_worked_example_50_80_120_seats_with_5_percent_uplift() {
    let q = deal_json(PLAN, "tests/fixtures/deals/ramp.toml");
    assert_eq!(s(&q["kind"]), "ramp");
    assert_eq!(
        lines(&q, 0),
        [line("Professional seats", "23.00", "13800.00")]
    );
    assert_eq!(
        lines(&q, 1),
        [line("Professional seats", "24.15", "23184.00")]
    );
    assert_eq!(
        lines(&q, 2),
        [line("Professional seats", "25.36", "36518.40")]
    );
    let labels: Vec<&str> = (0..3)
        .map(|i| s(&q["schedule"]["segments"][i]["label"]))
        .collect();
    assert_eq!(labels, ["Year 1", "Year 2", "Year 3"]);
    assert_eq!(s(&q["totals"]["term_total"]), "73502.40");
    assert_eq!(s(&q["totals"]["term_tax"]), "6063.95");
    assert_eq!(s(&q["totals"]["term_total_with_tax"]), "79566.35");
}

#[test]
fn ramp_as_a_table() {
    Test::new()
        .args(&["quote", PLAN, "--request", "tests/fixtures/deals/ramp.toml"])
        .run()
        .status(0)
        .stdout(
            "Plan Deal test CRM 2026.1, amounts in USD; ramp deal for Ramp Co
Quote date 2026-03-02, valid until 2026-04-01

Year 1 (12 months)
┌────────────────────┬─────┬──────────────────────────┬───────────┬──────────┬───────────────────────────────┐
│ Line               │ Qty │               Unit price │ Billed    │   Amount │ How                           │
├────────────────────┼─────┼──────────────────────────┼───────────┼──────────┼───────────────────────────────┤
│ Professional seats │  50 │ 23.00 per seat per month │ 12 months │ 13800.00 │ 50 seats x 23.00; x 12 months │
└────────────────────┴─────┴──────────────────────────┴───────────┴──────────┴───────────────────────────────┘

Year 2 (12 months, from month 13)
┌────────────────────┬─────┬──────────────────────────┬───────────┬──────────┬───────────────────────────────┐
│ Line               │ Qty │               Unit price │ Billed    │   Amount │ How                           │
├────────────────────┼─────┼──────────────────────────┼───────────┼──────────┼───────────────────────────────┤
│ Professional seats │  80 │ 24.15 per seat per month │ 12 months │ 23184.00 │ 80 seats x 24.15; x 12 months │
└────────────────────┴─────┴──────────────────────────┴───────────┴──────────┴───────────────────────────────┘

Year 3 (12 months, from month 25)
┌────────────────────┬─────┬──────────────────────────┬───────────┬──────────┬────────────────────────────────┐
│ Line               │ Qty │               Unit price │ Billed    │   Amount │ How                            │
├────────────────────┼─────┼──────────────────────────┼───────────┼──────────┼────────────────────────────────┤
│ Professional seats │ 120 │ 25.36 per seat per month │ 12 months │ 36518.40 │ 120 seats x 25.36; x 12 months │
└────────────────────┴─────┴──────────────────────────┴───────────┴──────────┴────────────────────────────────┘
 Invoices                       Before tax   Tax 8.25%   With tax
   Invoice 1, annually            13800.00     1138.50   14938.50
   Invoice 2, annually            23184.00     1912.68   25096.68
   Invoice 3, annually            36518.40     3012.77   39531.17
 Totals
   First invoice (12 months)      13800.00     1138.50   14938.50
   Contract total (36 months)     73502.40     6063.95   79566.35
   Monthly recurring (MRR)         1150.00
   Annual recurring (ARR)         13800.00
   One-time                           0.00
",
        );
}

#[test]
fn ramp_uplift_cap_holds_prices_and_says_so() {
    let q = deal_text(
        PLAN,
        r#"edition = "professional"
quote_date = "2026-03-02"
[ramp]
uplift_percent = 5
uplift_cap_percent = 8
periods = [{ seats = 10 }, { seats = 10 }, { seats = 10 }]
"#,
    );
    assert_eq!(
        lines(&q, 2),
        [line("Professional seats", "24.84", "248.40")]
    );
    assert_eq!(
        q["notes"][0],
        "uplift capped: no price rises more than 8% over its first-year price"
    );
}

#[test]
fn free_first_month_and_half_price_quarter() {
    let q = deal_text(
        PLAN,
        r#"edition = "professional"
seats = 10
quote_date = "2026-03-02"
[ramp]
periods = [
  { months = 1, free = true },
  { months = 3, discount_percent = 50 },
  { months = 8 },
]
"#,
    );
    let labels: Vec<&str> = (0..3)
        .map(|i| s(&q["schedule"]["segments"][i]["label"]))
        .collect();
    assert_eq!(labels, ["Month 1", "Months 2-4", "Months 5-12"]);
    let segments = &q["schedule"]["segments"];
    assert_eq!(segments[0]["adjustment"]["label"], "free period");
    assert_eq!(first_invoice(&q, 0)["adjustment"], "-230.00");
    assert_eq!(first_invoice(&q, 0)["subtotal"], "0.00");
    assert_eq!(segments[1]["adjustment"]["label"], "50% off this period");
    // Billed monthly: each of the quarter's three invoices is half of 230.00.
    assert_eq!(invoices_of(&q, 1), ["115.00", "115.00", "115.00"]);
    assert_eq!(invoices_of(&q, 2), ["230.00"; 8]);
    assert_eq!(s(&q["totals"]["term_total"]), "2185.00");
}

#[test]
fn amendment_by_month_worked_example() {
    let q = deal_json(PLAN, "tests/fixtures/deals/amend.toml");
    assert_eq!(s(&q["kind"]), "amendment");
    assert_eq!(
        lines(&q, 0),
        [line("Professional seats", "23.00", "1840.00")]
    );
    let f = &q["schedule"]["segments"][0]["proration"];
    assert_eq!(
        (f["remaining"].as_u64(), f["total"].as_u64()),
        (Some(8), Some(12))
    );
    assert_eq!(f["unit"], "month");
    assert_eq!((s(&f["from"]), s(&f["to"])), ("2026-05-01", "2026-12-31"));
    assert_eq!(s(&q["totals"]["term_total"]), "1840.00");
}

#[test]
fn amendment_by_day_worked_example() {
    let q = deal_json(BY_DAY, "tests/fixtures/deals/amend.toml");
    assert_eq!(
        lines(&q, 0),
        [line("Professional seats", "23.00", "1852.60")]
    );
    let f = &q["schedule"]["segments"][0]["proration"];
    assert_eq!(
        (f["remaining"].as_u64(), f["total"].as_u64()),
        (Some(245), Some(365))
    );
    // The monthly difference over the term, times the part of it left, rounded once.
    assert_eq!(
        s(&q["schedule"]["segments"][0]["lines"][0]["amount"]),
        "230.00"
    );
}

#[test]
fn upgrade_credits_the_unused_part_of_the_old_edition() {
    let q = deal_text(
        PLAN,
        r#"edition = "enterprise"
seats = 20
quote_date = "2026-03-02"
[amendment]
contract_start = 2026-01-01
contract_months = 12
effective = 2026-07-01
original = { edition = "professional", seats = 20 }
"#,
    );
    // 6 of 12 months left: Enterprise 20 x 40.00 x 12 x 6/12 = 4800.00, the SalesInbox it
    // includes costs nothing, and the unused half of Professional comes back: -2760.00.
    assert_eq!(
        lines(&q, 0),
        [
            line("Enterprise seats", "40.00", "4800.00"),
            line("Professional seats", "23.00", "-2760.00"),
        ]
    );
    assert_eq!(first_invoice(&q, 0)["lines"][1]["credit"], true);
    assert_eq!(s(&q["totals"]["term_total"]), "2040.00");
}

#[test]
fn contract_price_and_discount_past_floors_are_priced_and_flagged() {
    let q = deal_json(PLAN, "tests/fixtures/deals/contract.toml");
    assert_eq!(s(&q["kind"]), "contract");
    let seats = &first_invoice(&q, 0)["lines"][0];
    assert_eq!(
        (
            s(&seats["unit_price"]),
            s(&seats["amount"]),
            s(&seats["list"]),
            s(&seats["difference"])
        ),
        // The first of three annual invoices: 40 x 18.00 x 12 against 40 x 23.00 x 12.
        ("18.00", "8640.00", "11040.00", "-2400.00")
    );
    let discount = &first_invoice(&q, 0)["lines"][2];
    assert_eq!(
        s(&discount["label"]),
        "Negotiated discount: competitive displacement"
    );
    assert_eq!(s(&discount["amount"]), "-3312.00");
    assert_eq!(
        q["deal"]["contract_prices"][0],
        serde_json::json!({"item": "professional", "label": "Professional seats",
            "list": "23.00", "contract": "18.00", "difference": "-5.00"})
    );
    assert_eq!(s(&q["totals"]["term_total"]), "23184.00");
    assert_eq!(q["approval"]["required"], true);
    assert_eq!(
        q["deal"]["floors"],
        serde_json::json!([
            {"floor": "No seat price below 80% of list", "approver": "Regional sales director",
             "detail": "Professional seats: contract price 18.00 is 78.26% of list 23.00"},
            {"floor": "No deal discount above 25%", "approver": "VP of sales",
             "detail": "negotiated discount 30% (competitive displacement)"}
        ])
    );
    assert_eq!(s(&q["deal"]["valid_until"]), "2026-04-01");
}

#[test]
fn within_the_floors_no_approval_is_needed() {
    let q = deal_text(
        PLAN,
        r#"edition = "professional"
seats = 10
quote_date = "2026-03-02"
[contract]
prices = { professional = 18.40 }
discounts = [{ percent = 25, reason = "multi-year" }]
"#,
    );
    // 18.40 is exactly 80% of 23.00 and 25% is the most allowed: neither passes its floor.
    assert_eq!(q["approval"]["required"], false);
    assert_eq!(s(&q["totals"]["term_total"]), "1656.00");
}

#[test]
fn renewal_uplift_is_capped_by_the_plan() {
    let q = deal_text(
        PLAN,
        r#"edition = "professional"
seats = 10
quote_date = "2026-03-02"
[renewal]
uplift_percent = 9
"#,
    );
    assert_eq!(
        s(&q["schedule"]["segments"][0]["label"]),
        "Renewal term (+7%)"
    );
    assert_eq!(
        lines(&q, 0),
        [line("Professional seats", "24.61", "246.10")]
    );
    assert_eq!(
        q["notes"][0],
        "renewal uplift 9% asked; the plan caps renewals at 7%, so 7% applies"
    );
}

#[test]
fn price_protection_keeps_the_contract_price_and_names_moved_lines() {
    let t = Test::new();
    let plan = std::fs::read_to_string(common::root().join(PLAN))
        .unwrap()
        .replace("version \"2026.1\"", "version \"2027.1\"")
        .replace("23.00 per seat", "25.00 per seat")
        .replace("{ 5.00 per seat }", "{ 6.00 per seat }");
    let plan = t.file("plan-2027.rate", &plan);
    let request = t.file(
        "saved.toml",
        r#"edition = "professional"
seats = 10
modules = ["sales_inbox"]
quote_date = "2027-01-04"
[contract]
plan_version = "2026.1"
prices = { professional = 21.00 }
list_prices = { professional = 23.00, sales_inbox = 5.00 }
"#,
    );
    let (plan, request) = (
        plan.to_str().unwrap().to_string(),
        request.to_str().unwrap().to_string(),
    );
    let q = t
        .args(&["quote", &plan, "--request", &request, "--format", "json"])
        .run()
        .status(0)
        .json();
    assert_eq!(
        q["notes"],
        serde_json::json!([
            "Professional seats: list price moved from 23.00 to 25.00 since plan 2026.1; the contract price 21.00 is kept (price protection, plan 2027.1 now)",
            "SalesInbox: list price moved from 5.00 to 6.00 since plan 2026.1; it has no contract price, so the new list price applies"
        ])
    );
    assert_eq!(
        lines(&q, 0)[0],
        line("Professional seats", "21.00", "210.00")
    );
}

#[test]
fn deal_mistakes_are_rejected_in_the_requests_words() {
    let cases = [
        (
            "edition = \"professional\"\nseats = 5\n[contract]\nprices = { platinum = 9.00 }\n",
            "ratecard: request rejected: contract price for `platinum`: the plan has no edition, priced module, support tier, backup option or service of that name; editions and modules: professional, enterprise, sales_inbox, canvas\n",
        ),
        (
            "edition = \"professional\"\nseats = 5\n[amendment]\ncontract_start = 2026-01-01\ncontract_end = 2026-12-31\neffective = 2027-02-01\noriginal = { seats = 2 }\n",
            "ratecard: request rejected: amendment: the change on 2027-02-01 is outside the contract 2026-01-01..2026-12-31\n",
        ),
        (
            "edition = \"professional\"\nseats = 5\nquote_date = \"2026-02-30\"\n",
            "ratecard: request rejected: quote_date: `2026-02-30` is not a calendar date; write it like 2026-05-01\n",
        ),
        (
            "edition = \"professional\"\n[ramp]\nperiods = [{ seats = 5, months = 0 }]\n",
            "ratecard: request rejected: ramp period 1: months = 0 is not a whole number of months from 1 to 1200\n",
        ),
    ];
    for (request, message) in cases {
        let t = Test::new();
        let path = t.file("bad.toml", request);
        let path = path.to_str().unwrap().to_string();
        t.args(&["quote", PLAN, "--request", &path])
            .run()
            .status(3)
            .stdout("")
            .stderr(message);
    }
}

#[test]
fn zoho_ramp_example_prices_to_the_worked_example() {
    let q = deal_json("examples/zoho.rate", "examples/requests/zoho-ramp.toml");
    let amounts: Vec<(String, String)> = (0..3)
        .map(|i| {
            let l = &first_invoice(&q, i)["lines"][0];
            (s(&l["unit_price"]).to_string(), s(&l["amount"]).to_string())
        })
        .collect();
    assert_eq!(
        amounts,
        [
            ("23.00".to_string(), "13800.00".to_string()),
            ("24.15".to_string(), "23184.00".to_string()),
            ("25.36".to_string(), "36518.40".to_string()),
        ]
    );
    assert_eq!(s(&q["totals"]["term_total"]), "73502.40");
    assert_eq!(s(&q["totals"]["term_total_with_tax"]), "79566.35");
    assert_eq!(s(&q["deal"]["valid_until"]), "2026-04-01");
}

#[test]
fn zoho_amendment_example_by_month_and_by_day() {
    let q = deal_json(
        "examples/zoho.rate",
        "examples/requests/zoho-amendment.toml",
    );
    assert_eq!(
        lines(&q, 0),
        [line("Professional seats", "23.00", "1840.00")]
    );
    assert_eq!(s(&q["totals"]["term_total"]), "1840.00");
    // The same plan prorating by day.
    let t = Test::new();
    let plan = std::fs::read_to_string(common::root().join("examples/zoho.rate"))
        .unwrap()
        .replace("prorate by month", "prorate by day");
    let plan = t.file("zoho-by-day.rate", &plan);
    let plan = plan.to_str().unwrap().to_string();
    let q = t
        .args(&[
            "quote",
            &plan,
            "--request",
            "examples/requests/zoho-amendment.toml",
            "--format",
            "json",
        ])
        .run()
        .status(0)
        .json();
    assert_eq!(
        lines(&q, 0),
        [line("Professional seats", "23.00", "1852.60")]
    );
}

#[test]
fn zoho_contract_price_for_three_years_shows_list_and_difference() {
    let q = deal_text(
        "examples/zoho.rate",
        r#"edition = "professional"
seats = 40
billing = "monthly"
term_months = 36
quote_date = "2026-03-02"
[contract]
prices = { professional = 28.00 }
"#,
    );
    let seats = &first_invoice(&q, 0)["lines"][0];
    assert_eq!(
        (
            s(&seats["unit_price"]),
            s(&seats["amount"]),
            s(&seats["list"]),
            s(&seats["difference"])
        ),
        // Billed monthly: each invoice is one month, 40 x 28.00 against 40 x 35.00.
        ("28.00", "1120.00", "1400.00", "-280.00")
    );
    assert_eq!(s(&q["totals"]["term_total"]), "40320.00");
    assert_eq!(
        s(&q["schedule"]["segments"][0]["lines"][0]["amount"]),
        "1120.00"
    );
    // 28.00 is 80% of the monthly list price 35.00: on the floor, not past it.
    assert_eq!(q["approval"]["required"], false);
}

#[test]
fn a_deal_file_beside_the_request_adds_its_terms() {
    let t = Test::new();
    let deal = t.file(
        "deal.toml",
        "quote_date = 2026-03-02\n[contract]\nprices = { professional = 28.00 }\n",
    );
    let deal = deal.to_str().unwrap().to_string();
    let q = t
        .args(&[
            "quote",
            "examples/zoho.rate",
            "--edition",
            "professional",
            "--seats",
            "40",
            "--term",
            "36",
            "--deal",
            &deal,
            "--format",
            "json",
        ])
        .run()
        .status(0)
        .json();
    assert_eq!(s(&q["kind"]), "contract");
    assert_eq!(s(&q["totals"]["term_total"]), "40320.00");
    assert_eq!(s(&q["deal"]["contract_prices"][0]["list"]), "35.00");

    let t = Test::new();
    let deal = t.file("deal.toml", "seats = 4\n");
    let deal = deal.to_str().unwrap().to_string();
    let message = format!("ratecard: deal {deal}: a deal file holds only contract, ramp, amendment, renewal and quote_date; put what the customer asks for (edition, seats ...) in the request\n");
    t.args(&[
        "quote",
        PLAN,
        "--edition",
        "professional",
        "--seats",
        "4",
        "--deal",
        &deal,
    ])
    .run()
    .status(3)
    .stderr(&message);
}

#[test]
fn amendment_as_a_table_and_as_markdown() {
    Test::new()
        .args(&["quote", PLAN, "--request", "tests/fixtures/deals/amend.toml"])
        .run()
        .status(0)
        .stdout(
            "Plan Deal test CRM 2026.1, amounts in USD; amendment deal
Quote date 2026-04-20, valid until 2026-05-20

Amendment 2026-05-01..2026-12-31: 8/12 months of the 12-month contract, co-termed
┌────────────────────┬─────┬──────────────────────────┬──────────┬─────────┬───────────────────────────────────────────────────────┐
│ Line               │ Qty │               Unit price │ Billed   │  Amount │ How                                                   │
├────────────────────┼─────┼──────────────────────────┼──────────┼─────────┼───────────────────────────────────────────────────────┤
│ Professional seats │  10 │ 23.00 per seat per month │ 8 months │ 1840.00 │ 10 x 23.00 = 230.00 a month x 12 months x 8/12 months │
└────────────────────┴─────┴──────────────────────────┴──────────┴─────────┴───────────────────────────────────────────────────────┘
 Invoices                              Before tax   Tax 8.25%   With tax
   Invoice 1, 2026-05-01..2026-12-31      1840.00      151.80    1991.80
 Totals
   First invoice                          1840.00      151.80    1991.80
   Amendment total                        1840.00      151.80    1991.80
   Monthly recurring (MRR)                 230.00
   Annual recurring (ARR)                 2760.00
   One-time                                  0.00
",
        );
    Test::new()
        .args(&[
            "quote",
            PLAN,
            "--request",
            "tests/fixtures/deals/contract.toml",
            "--format",
            "markdown",
        ])
        .run()
        .status(0)
        .stdout(
            "### Plan Deal test CRM 2026.1, amounts in USD; contract deal for Contoso

Quote date 2026-03-02, valid until 2026-04-01

| Line | Qty | Unit price | Billed | Amount | List | Difference | How |
|---|---:|---:|---|---:|---:|---:|---|
| Professional seats | 40 | 18.00 per seat per month | 12 months | 8640.00 | 11040.00 | -2400.00 | 40 seats x 18.00; x 12 months |
| SalesInbox | 40 | 5.00 per seat per month | 12 months | 2400.00 |  |  | 40 seats x 5.00; x 12 months |
| Negotiated discount: competitive displacement |  |  | 12 months | -3312.00 |  |  | 30% of 920.00; x 12 months |

| Contract price | List | Contract | Difference |
|---|---:|---:|---:|
| Professional seats | 23.00 | 18.00 | -5.00 |

| Invoices | Before tax | Tax 8.25% | With tax |
|---|---:|---:|---:|
| Invoices 1-3, annually | 7728.00 | 637.56 | 8365.56 each |

| Total | Before tax | Tax 8.25% | With tax |
|---|---:|---:|---:|
| First invoice (12 months) | 7728.00 | 637.56 | 8365.56 |
| Contract total (36 months) | 23184.00 | 1912.68 | 25096.68 |
| Monthly recurring (MRR) | 644.00 |  |  |
| Annual recurring (ARR) | 7728.00 |  |  |
| One-time | 0.00 |  |  |

**Approval required:** No seat price below 80% of list (approver: Regional sales director): Professional seats: contract price 18.00 is 78.26% of list 23.00; No deal discount above 25% (approver: VP of sales): negotiated discount 30% (competitive displacement)
",
        );
}

#[test]
fn an_exported_deal_locks_its_list_prices_and_plan_version() {
    let t = Test::new();
    let out = t.dir().join("northwind.toml");
    let out_s = out.to_str().unwrap().to_string();
    let session = format!(
        "set edition professional\nset seats 10\ndeal price professional 21.00\nexport {out_s}\n"
    );
    Test::new()
        .args(&["repl", PLAN])
        .stdin(&session)
        .run()
        .status(0);
    let saved = std::fs::read_to_string(&out).expect("exported request");
    assert_eq!(
        saved,
        "edition = \"professional\"
seats = 10
modules = []
services = []
coupons = []

[contract]
plan_version = \"2026.1\"

[contract.prices]
professional = 21

[contract.list_prices]
professional = 23
"
    );
}

#[test]
fn repl_scripts_price_the_contract_terms_and_ramps_alike() {
    Test::new()
        .args(&["repl", PLAN])
        .stdin(
            "set edition professional\nset seats 10\ndeal price professional 20.00\n\
             quote(request).totals.monthly_recurring\n\
             quote(request + #{ramp: #{periods: [#{seats: 5}]}}).totals.term_total\n",
        )
        .run()
        .status(0)
        .stdout(
            "edition professional
seats 10; monthly recurring 230.00 USD
contract price professional 20.00; monthly recurring 200.00 USD; approval: not needed
200.00
1200.00
",
        );
}

#[test]
fn support_backup_and_services_take_contract_prices_too() {
    let q = deal_text(
        "examples/zoho.rate",
        r#"edition = "professional"
seats = 10
support = "enhanced"
backup = "daily"
storage_gb = 10
billing = "annual"
quote_date = "2026-03-02"
services = [{ kind = "training", quantity = 2 }, { kind = "integration", target = "erp", complexity = "low" }]
[contract]
prices = { "support.enhanced" = 2.00, daily = 48.00, training = 300.00, "service.integration.erp" = 6000.00 }
"#,
    );
    let got: Vec<(String, String, String)> = first_invoice(&q, 0)["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                s(&l["label"]).to_string(),
                s(&l["amount"]).to_string(),
                l["list"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let want = [
        ("Professional seats", "2760.00", ""),
        ("Daily backup", "582.00", "726.00"),
        ("Enhanced support", "240.00", "360.00"),
        ("Training", "600.00", "900.00"),
        ("System integration: ERP", "6000.00", "8000.00"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(s(&q["totals"]["term_total"]), "10182.00");
    // 48.00 is exactly 80% of the 60.00 backup fee; the others are past the floor.
    let details: Vec<&str> = q["deal"]["floors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| s(&r["detail"]))
        .collect();
    assert_eq!(
        details,
        [
            "System integration: ERP: contract price 6000.00 is 75% of list 8000.00",
            "Enhanced support: contract price 2.00 is 66.67% of list 3.00",
            "Training: contract price 300.00 is 66.67% of list 450.00",
        ]
    );
}

//! The billing schedule through the real binary: issue 21's worked examples A to F to the
//! cent (docs/pricing.md, "Invoices"), one JSON shape for every quote kind, lines that
//! multiply out, and the one path by which every kind of price is reached.

mod common;

use common::Test;
use serde_json::Value;

fn quote(plan: &str, request: &str) -> Value {
    let t = Test::new();
    let path = t.file("request.toml", request);
    let path = path.to_str().unwrap().to_string();
    t.args(&["quote", plan, "--request", &path, "--format", "json"])
        .run()
        .status(0)
        .json()
}

fn s(v: &Value) -> String {
    v.as_str()
        .map(str::to_string)
        .unwrap_or_else(|| panic!("not a string: {v}"))
}

/// Each invoice as (subtotal, tax, total).
fn invoices(q: &Value) -> Vec<(String, String, String)> {
    q["schedule"]["invoices"]
        .as_array()
        .expect("invoices")
        .iter()
        .map(|i| (s(&i["subtotal"]), s(&i["tax"]), s(&i["total"])))
        .collect()
}

fn inv(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.into(), b.into(), c.into())
}

/// Each line of invoice `n` (from 0) as (id, quantity, unit price, per, months, amount).
fn billed(q: &Value, n: usize) -> Vec<[String; 6]> {
    q["schedule"]["invoices"][n]["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            let o = |v: &Value| v.as_str().unwrap_or("").to_string();
            [
                s(&l["id"]),
                o(&l["quantity"]),
                o(&l["unit_price"]),
                o(&l["per"]),
                l["months"].to_string(),
                s(&l["amount"]),
            ]
        })
        .collect()
}

fn row(id: &str, q: &str, u: &str, per: &str, months: u64, amount: &str) -> [String; 6] {
    [
        id.into(),
        q.into(),
        u.into(),
        per.into(),
        months.to_string(),
        amount.into(),
    ]
}

const ZOHO: &str = "examples/zoho.rate";
const E: &str = "tests/fixtures/billing/e.rate";

#[test]
fn a_an_annual_quote_is_one_invoice_of_the_price_as_published() {
    let q = quote(
        ZOHO,
        "edition = 'professional'\nseats = 10\nbilling = 'annual'\nterm_months = 12\n",
    );
    assert_eq!(s(&q["kind"]), "quote");
    assert_eq!(invoices(&q), [inv("2760.00", "227.70", "2987.70")]);
    assert_eq!(
        billed(&q, 0),
        [row("seats", "10", "23.00", "month", 12, "2760.00")]
    );
    let t = &q["totals"];
    assert_eq!(s(&t["monthly_recurring"]), "230.00");
    assert_eq!(s(&t["annual_recurring"]), "2760.00");
    assert_eq!(s(&t["term_total_with_tax"]), "2987.70");
    // The customer's words for the line: quantity x unit price x months = amount.
    assert_eq!(
        s(&q["schedule"]["invoices"][0]["lines"][0]["description"]),
        "10 x 23.00 per seat per month x 12 months"
    );
}

#[test]
fn b_monthly_invoices_are_each_taxed_and_the_taxes_summed() {
    let q = quote(
        ZOHO,
        "edition = 'professional'\nseats = 10\nbilling = 'monthly'\nterm_months = 12\n",
    );
    assert_eq!(invoices(&q), vec![inv("350.00", "28.88", "378.88"); 12]);
    let t = &q["totals"];
    assert_eq!(s(&t["term_total"]), "4200.00");
    // 12 x 28.88, not 8.25% of 4200.00 (346.50).
    assert_eq!(s(&t["term_tax"]), "346.56");
    assert_eq!(s(&t["term_total_with_tax"]), "4546.56");
    assert_eq!(t["invoice_count"], 12);
}

#[test]
fn b_the_table_groups_identical_invoices() {
    let out = Test::new()
        .args(&[
            "quote",
            ZOHO,
            "--edition",
            "professional",
            "--seats",
            "10",
            "--billing",
            "monthly",
        ])
        .run()
        .status(0);
    assert!(
        out.stdout
            .contains("   Invoices 1-12, monthly           350.00       28.88     378.88   each\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("   Contract total (12 months)      4200.00      346.56    4546.56\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn c_a_tax_included_invoice_splits_each_line_as_billed() {
    let q = Test::new()
        .args(&[
            "quote",
            "examples/cn-annual.rate",
            "-r",
            "examples/requests/cn-annual-pro.toml",
            "-f",
            "json",
        ])
        .run()
        .status(0)
        .json();
    let lines: Vec<(String, String, String, String)> = q["schedule"]["invoices"][0]["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            (
                s(&l["unit_price"]),
                s(&l["amount"]),
                s(&l["amount_without_tax"]),
                s(&l["tax"]),
            )
        })
        .collect();
    let l = |a: &str, b: &str, c: &str, d: &str| (a.into(), b.into(), c.into(), d.into());
    assert_eq!(
        lines,
        [
            l("2388.00", "19104.00", "18022.64", "1081.36"),
            l("6000.00", "6000.00", "5660.38", "339.62"),
            l("5000.00", "5000.00", "4716.98", "283.02"),
        ]
    );
    assert_eq!(
        q["schedule"]["invoices"][0]["lines"][0]["per"], "year",
        "2,388.00 元/用户/年"
    );
    assert_eq!(invoices(&q), [inv("28400.00", "1704.00", "30104.00")]);
    let t = &q["totals"];
    assert_eq!(
        (s(&t["first_invoice"]), s(&t["first_invoice_tax"])),
        ("28400.00".into(), "1704.00".into())
    );
}

#[test]
fn c_the_chinese_proposal_reads_the_yearly_price_and_one_basis_per_column() {
    let md = Test::new()
        .args(&[
            "quote",
            "examples/cn-annual.rate",
            "-r",
            "examples/requests/cn-annual-pro.toml",
            "-f",
            "markdown",
            "--audience",
            "customer",
        ])
        .run()
        .status(0)
        .stdout;
    for row in [
        "| 专业版 用户 | 8 | 2,388.00 元/用户/年 | 12 个月 | 19,104.00 |",
        "| 首期账单（12 个月） | 28,400.00 | 1,704.00 | 30,104.00 |",
        "| 合同总额（12 个月） | 28,400.00 | 1,704.00 | 30,104.00 |",
    ] {
        assert!(md.contains(row), "{row} not in\n{md}");
    }
}

#[test]
fn d_a_ramp_is_one_invoice_a_year_each_taxed() {
    let q = Test::new()
        .args(&[
            "quote",
            ZOHO,
            "-r",
            "examples/requests/zoho-ramp.toml",
            "-f",
            "json",
        ])
        .run()
        .status(0)
        .json();
    assert_eq!(s(&q["kind"]), "ramp");
    assert_eq!(
        invoices(&q),
        [
            inv("13800.00", "1138.50", "14938.50"),
            inv("23184.00", "1912.68", "25096.68"),
            inv("36518.40", "3012.77", "39531.17"),
        ]
    );
    let t = &q["totals"];
    assert_eq!(s(&t["term_total"]), "73502.40");
    assert_eq!(s(&t["term_tax"]), "6063.95");
    assert_eq!(s(&t["term_total_with_tax"]), "79566.35");
    // The top-level lines stay the monthly view, of the first segment.
    assert_eq!(s(&q["lines"][0]["amount"]), "1150.00");
    let labels: Vec<String> = (0..3)
        .map(|i| s(&q["schedule"]["segments"][i]["label"]))
        .collect();
    assert_eq!(labels, ["Year 1", "Year 2", "Year 3"]);
}

#[test]
fn e_one_time_fees_once_and_the_uplift_reaches_attach_prices() {
    let ramp = quote(
        E,
        "edition = 'pro'\nmodules = ['sso', 'partner']\nbilling = 'annual'\n\
         [ramp]\nuplift_percent = 10\n[[ramp.periods]]\nseats = 10\n[[ramp.periods]]\nseats = 10\n",
    );
    assert_eq!(
        billed(&ramp, 0),
        [
            row("seats", "10", "20.00", "month", 12, "2400.00"),
            row("module.sso", "1", "10.00", "month", 12, "120.00"),
            row("module.partner", "10", "2.00", "month", 12, "240.00"),
            row("fee.pro.onboarding", "1", "500.00", "once", 0, "500.00"),
            row("fee.sso.setup", "1", "100.00", "once", 0, "100.00"),
        ]
    );
    // Year 2: every price up 10%, the attach price too; no fee again.
    assert_eq!(
        billed(&ramp, 1),
        [
            row("seats", "10", "22.00", "month", 12, "2640.00"),
            row("module.sso", "1", "11.00", "month", 12, "132.00"),
            row("module.partner", "10", "2.20", "month", 12, "264.00"),
        ]
    );
    assert_eq!(
        invoices(&ramp),
        [
            inv("3360.00", "0.00", "3360.00"),
            inv("3036.00", "0.00", "3036.00")
        ]
    );
    assert_eq!(s(&ramp["totals"]["term_total"]), "6396.00");

    let renewal = quote(
        E,
        "edition = 'pro'\nseats = 10\nmodules = ['sso', 'partner']\nbilling = 'annual'\n\
         [renewal]\nuplift_percent = 10\n",
    );
    assert_eq!(s(&renewal["kind"]), "renewal");
    assert_eq!(invoices(&renewal), [inv("3036.00", "0.00", "3036.00")]);

    let amendment = quote(
        E,
        "edition = 'pro'\nseats = 12\nmodules = ['sso']\nbilling = 'annual'\n\
         [amendment]\ncontract_start = 2026-01-01\ncontract_end = 2026-12-31\n\
         effective = 2026-07-01\noriginal = { seats = 10 }\n",
    );
    assert_eq!(
        billed(&amendment, 0),
        [row("seats", "2", "20.00", "month", 6, "240.00")]
    );
    assert_eq!(s(&amendment["totals"]["term_total"]), "240.00");
}

#[test]
fn f_a_ramp_in_another_currency_prices_from_that_list_and_says_so() {
    let q = Test::new()
        .args(&[
            "quote",
            "examples/global.rate",
            "-r",
            "examples/requests/global-inr-ramp.toml",
            "-f",
            "json",
        ])
        .run()
        .status(0)
        .json();
    assert_eq!(s(&q["plan"]["currency"]), "INR");
    assert_eq!(
        billed(&q, 1),
        [
            row("seats", "20", "1155.00", "month", 12, "277200.00"),
            row("module.canvas", "1", "9450.00", "month", 12, "113400.00"),
        ]
    );
    assert_eq!(
        invoices(&q),
        [
            inv("240000.00", "0.00", "240000.00"),
            inv("390600.00", "0.00", "390600.00")
        ]
    );
    assert_eq!(s(&q["totals"]["term_total"]), "630600.00");
    let table = Test::new()
        .args(&[
            "quote",
            "examples/global.rate",
            "-r",
            "examples/requests/global-inr-ramp.toml",
        ])
        .run()
        .status(0)
        .stdout;
    assert!(
        table.starts_with("Plan Global CRM 2026.1, amounts in INR; ramp deal for Mumbai Traders\n"),
        "{table}"
    );
}

#[test]
fn the_plans_seat_limit_holds_in_every_currency() {
    let t = Test::new();
    let plan = t.file(
        "eur.rate",
        "plan \"p\" {\n  version \"1\"\n  currency USD\n  tax 0%\n  edition pro \"Pro\" {\n    maximum 5 seats\n    30.00 per seat\n  }\n  prices EUR {\n    edition pro { 28.00 per seat }\n  }\n}\n",
    );
    let plan = plan.to_str().unwrap().to_string();
    let out = t
        .args(&[
            "quote",
            &plan,
            "--edition",
            "pro",
            "--seats",
            "8",
            "--currency",
            "EUR",
        ])
        .run()
        .status(3);
    assert_eq!(
        out.stderr,
        "ratecard: request rejected: seats 8 is not accepted: edition `pro` is sold up to 5 seats: ask for 5 or fewer\n"
    );
}

#[test]
fn every_invoice_line_with_a_unit_price_multiplies_out() {
    // Every example request: where a billed line shows a quantity and unit price, quantity x
    // unit price (x months for a monthly price, x years for a yearly one) is its amount.
    let mut checked = 0;
    for entry in std::fs::read_dir(common::root().join("examples/requests")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let Some(plan) = text.split("Plan: ").nth(1).and_then(|r| {
            r.split(|c: char| c.is_whitespace() || c == '，' || c == ',')
                .next()
                .map(|p| p.trim_end_matches('.').to_string())
        }) else {
            continue;
        };
        let out = Test::new()
            .args(&["quote", &plan, "-r", path.to_str().unwrap(), "-f", "json"])
            .run();
        if out.status != 0 {
            continue;
        }
        let q = out.json();
        for invoice in q["schedule"]["invoices"].as_array().unwrap() {
            for l in invoice["lines"].as_array().unwrap() {
                let (Some(n), Some(u)) = (l["quantity"].as_str(), l["unit_price"].as_str()) else {
                    continue;
                };
                let n: rust_decimal::Decimal = n.parse().unwrap();
                let u: rust_decimal::Decimal = u.parse().unwrap();
                let months = rust_decimal::Decimal::from(l["months"].as_u64().unwrap());
                let times = match l["per"].as_str().unwrap() {
                    "month" => months,
                    "year" => months / rust_decimal::Decimal::from(12),
                    _ => rust_decimal::Decimal::ONE,
                };
                let amount: rust_decimal::Decimal = s(&l["amount"]).parse().unwrap();
                assert_eq!(n * u * times, amount, "{}: {l}", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} lines checked");
}

#[test]
fn every_kind_of_price_is_reached_by_one_path_and_an_uplift_raises_each() {
    use ratecard::model::prices::{prices, PriceKind};
    use rust_decimal_macros::dec;
    let checked = ratecard::check::check_file(
        &common::root().join("tests/fixtures/billing/every-price.rate"),
    )
    .expect("the fixture reads");
    let plan = checked.plan.expect("the fixture checks");
    let before = prices(&plan);
    let mut kinds: Vec<PriceKind> = before.iter().map(|(k, _, _)| *k).collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(
        kinds,
        PriceKind::ALL.to_vec(),
        "the fixture must state every kind of price"
    );
    let after = prices(&ratecard::deal::raised(&plan, dec!(10), 1));
    assert_eq!(before.len(), after.len());
    for ((kind, item, was), (_, _, now)) in before.iter().zip(&after) {
        assert_eq!(
            *now,
            ratecard::money::round(*was * dec!(1.1), 2),
            "{kind:?} of {item} was not raised"
        );
    }
}

#[test]
fn diff_reports_a_change_to_any_kind_of_price() {
    use ratecard::model::prices::visit_prices;
    let plan = ratecard::check::check_file(
        &common::root().join("tests/fixtures/billing/every-price.rate"),
    )
    .expect("the fixture reads")
    .plan
    .expect("the fixture checks");
    let count = ratecard::model::prices::prices(&plan).len();
    for n in 0..count {
        let mut changed = plan.clone();
        let mut i = 0;
        let mut which = None;
        visit_prices(&mut changed, &mut |kind, item, x| {
            if i == n {
                *x += rust_decimal::Decimal::ONE;
                which = Some(format!("{kind:?} of {item}"));
            }
            i += 1;
        });
        let changes = ratecard::diff::changes(&plan, &changed);
        assert!(
            !changes.is_empty(),
            "diff says nothing of a changed {}",
            which.unwrap_or_default()
        );
    }
}

//! Several currencies in one plan (issue 11, item 8): a price list per currency, every
//! amount written in it; the request's currency picks the list; no conversion.

mod common;

use common::Test;

const PLAN: &str = "tests/fixtures/currencies.rate";

fn quote(currency: &str) -> serde_json::Value {
    Test::new()
        .args(&[
            "quote",
            PLAN,
            "--edition",
            "pro",
            "--seats",
            "10",
            "--module",
            "canvas",
            "--billing",
            "annual",
            "--coupon",
            "WELCOME",
            "--currency",
            currency,
            "--format",
            "json",
        ])
        .run()
        .status(0)
        .json()
}

fn amounts(q: &serde_json::Value) -> Vec<(String, String)> {
    q["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_string(),
                l["amount"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn each_currency_prices_from_its_own_list() {
    let usd = quote("USD");
    assert_eq!(usd["plan"]["currency"], "USD");
    assert_eq!(
        amounts(&usd),
        pairs(&[
            ("seats", "230.00"),
            ("module.canvas", "150.00"),
            ("coupon.WELCOME", "-100.00")
        ])
    );
    assert_eq!(usd["totals"]["first_invoice"], "3360.00");
    let eur = quote("EUR");
    assert_eq!(eur["plan"]["currency"], "EUR");
    assert_eq!(
        amounts(&eur),
        pairs(&[
            ("seats", "210.00"),
            ("module.canvas", "140.00"),
            ("coupon.WELCOME", "-90.00")
        ])
    );
    assert_eq!(eur["totals"]["first_invoice"], "3120.00");
    // JPY has no minor unit: amounts are whole yen.
    let jpy = quote("JPY");
    assert_eq!(
        amounts(&jpy),
        pairs(&[
            ("seats", "34000"),
            ("module.canvas", "20000"),
            ("coupon.WELCOME", "-10000")
        ])
    );
    assert_eq!(jpy["totals"]["first_invoice"], "528000");
}

#[test]
fn a_currency_the_plan_does_not_sell_is_refused_with_the_ones_it_does() {
    Test::new()
        .args(&["quote", PLAN, "--edition", "pro", "--seats", "1", "--currency", "GBP"])
        .run()
        .status(3)
        .stderr(
            "ratecard: request rejected: currency GBP is not accepted: this plan prices in USD, EUR, JPY\n",
        );
}

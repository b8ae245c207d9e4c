//! The `check` and `quote` commands through the real binary: worked examples, rejections,
//! exit codes, and every example plan and request.

mod common;

use common::{root, Test};

const ACME: &str = "examples/acme.rate";

fn quote_json(plan: &str, request: &str) -> serde_json::Value {
    Test::new()
        .args(&["quote", plan, "--request", request, "--format", "json"])
        .run()
        .status(0)
        .json()
}

fn amounts(q: &serde_json::Value) -> Vec<(String, String)> {
    q["lines"]
        .as_array()
        .expect("lines")
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
fn worked_example_1_basic_five_seats() {
    let q = quote_json(ACME, "examples/requests/example-1.toml");
    assert_eq!(
        amounts(&q),
        pairs(&[("seats", "600.00"), ("support.basic", "0.00")])
    );
    let t = &q["totals"];
    assert_eq!(t["monthly_recurring"], "600.00");
    assert_eq!(t["first_invoice"], "600.00");
    assert_eq!(t["first_invoice_tax"], "36.00");
    assert_eq!(t["first_invoice_total"], "636.00");
    assert_eq!(t["term_total"], "7200.00");
    assert_eq!(t["term_tax"], "432.00");
    assert_eq!(t["term_total_with_tax"], "7632.00");
    assert_eq!(
        q["notes"][0],
        "storage: 20 GB used is within the 25 GB included"
    );
}

#[test]
fn worked_example_2_volume_prices_the_whole_quantity_at_its_band() {
    let q = quote_json(ACME, "examples/requests/example-2.toml");
    assert_eq!(amounts(&q), pairs(&[("seats", "1000.00")]));
    assert_eq!(
        q["lines"][0]["explain"],
        "10 seats, all at the 10..100 price: 10 x 100.00"
    );
    let q = quote_json(ACME, "examples/requests/example-2b.toml");
    assert_eq!(amounts(&q), pairs(&[("seats", "1080.00")]));
}

#[test]
fn worked_example_3_to_the_cent() {
    let q = quote_json(ACME, "examples/requests/example-3.toml");
    assert_eq!(
        amounts(&q),
        pairs(&[
            ("seats.small", "1800.00"),
            ("seats.medium", "6480.00"),
            ("module.sales_automation", "1350.00"),
            ("module.marketing_automation", "1500.00"),
            ("storage", "175.00"),
            ("backup.daily", "316.00"),
            ("support.premium", "2324.20"),
            ("service.integration.erp", "30000.00"),
            ("service.training", "12000.00"),
            ("discount.annual_prepay", "-2091.78"),
        ])
    );
    let t = &q["totals"];
    assert_eq!(t["monthly_recurring"], "11853.42");
    assert_eq!(t["one_time"], "42000.00");
    assert_eq!(t["first_invoice"], "184241.04");
    assert_eq!(t["first_invoice_tax"], "11054.46");
    assert_eq!(t["first_invoice_total"], "195295.50");
    assert_eq!(t["term_total"], "184241.04");
    assert_eq!(t["term_total_with_tax"], "195295.50");
    assert_eq!(q["plan"]["name"], "acme");
    assert_eq!(q["plan"]["currency"], "CNY");
    assert_eq!(q["plan"]["source_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(
        q["approval"],
        serde_json::json!({"required": false, "reasons": []})
    );
    let storage = &q["lines"][4];
    assert_eq!(storage["kind"], "recurring");
    assert_eq!(storage["category"], "storage");
    assert_eq!(storage["quantity"], "350");
    assert_eq!(storage["unit_price"], "0.50");
    assert_eq!(
        storage["explain"],
        "800 GB used - 450 GB included = 350 GB; 35 blocks of 10 GB; 350 GB x 0.50"
    );
    assert_eq!(
        q["lines"][6]["explain"],
        "20% of recurring 11621.00 = 2324.20"
    );
    assert_eq!(q["lines"][7]["kind"], "one_time");
    assert_eq!(
        q["lines"][9]["explain"],
        "15% of 13945.20 (when billing = annual)"
    );
    assert_eq!(q["request"]["seats"], 45);
}

#[test]
fn worked_example_4_missing_requirement_is_rejected() {
    Test::new()
        .args(&["quote", ACME, "--request", "examples/requests/example-4.toml"])
        .run()
        .status(3)
        .stdout("")
        .stderr(
            "ratecard: request rejected: module `marketing_automation` requires `sales_automation`; add it to the request\n",
        );
}

#[test]
fn example_1_as_a_table() {
    Test::new()
        .args(&["quote", ACME, "-r", "examples/requests/example-1.toml"])
        .run()
        .status(0)
        .stderr("")
        .stdout(
            "Plan acme 2026.1, amounts in CNY
┌───────────────┬─────┬───────────────────────────┬─────────┬────────┬────────────────────────────────────────────┐
│ Line          │ Qty │                Unit price │ Billed  │ Amount │ How                                        │
├───────────────┼─────┼───────────────────────────┼─────────┼────────┼────────────────────────────────────────────┤
│ Basic seats   │   5 │ 120.00 per seat per month │ 1 month │ 600.00 │ 5 seats, all at the 1..9 price: 5 x 120.00 │
│ Basic support │   1 │            0.00 per month │ 1 month │   0.00 │ flat monthly fee                           │
└───────────────┴─────┴───────────────────────────┴─────────┴────────┴────────────────────────────────────────────┘
 Invoices                       Before tax   Tax 6%   With tax
   Invoices 1-12, monthly           600.00    36.00     636.00   each
 Totals
   First invoice (1 month)          600.00    36.00     636.00
   Contract total (12 months)      7200.00   432.00    7632.00
   Monthly recurring (MRR)          600.00
   Annual recurring (ARR)          7200.00
   One-time                           0.00
note: storage: 20 GB used is within the 25 GB included
",
        );
}

#[test]
fn flags_give_the_same_quote_as_a_request_file() {
    let flags = Test::new()
        .args(&[
            "quote",
            ACME,
            "--edition",
            "advanced",
            "--seats",
            "45",
            "--module",
            "sales_automation",
            "--module",
            "marketing_automation",
            "--storage",
            "800",
            "--backup",
            "daily",
            "--support",
            "premium",
            "--billing",
            "annual",
            "--term",
            "12",
            "--service",
            "integration:erp:high",
            "--service",
            "training:4",
            "--format",
            "json",
        ])
        .run()
        .status(0)
        .json();
    let file = quote_json(ACME, "examples/requests/example-3.toml");
    assert_eq!(flags["lines"], file["lines"]);
    assert_eq!(flags["totals"], file["totals"]);
}

#[test]
fn markdown_output_is_a_pasteable_table() {
    let out = Test::new()
        .args(&[
            "quote",
            ACME,
            "-r",
            "examples/requests/example-2.toml",
            "-f",
            "markdown",
        ])
        .run()
        .status(0);
    assert_eq!(
        out.stdout,
        "### Plan acme 2026.1, amounts in CNY

| Line | Qty | Unit price | Billed | Amount | How |
|---|---:|---:|---|---:|---|
| Basic seats | 10 | 100.00 per seat per month | 1 month | 1000.00 | 10 seats, all at the 10..100 price: 10 x 100.00 |

| Invoices | Before tax | Tax 6% | With tax |
|---|---:|---:|---:|
| Invoices 1-12, monthly | 1000.00 | 60.00 | 1060.00 each |

| Total | Before tax | Tax 6% | With tax |
|---|---:|---:|---:|
| First invoice (1 month) | 1000.00 | 60.00 | 1060.00 |
| Contract total (12 months) | 12000.00 | 720.00 | 12720.00 |
| Monthly recurring (MRR) | 1000.00 |  |  |
| Annual recurring (ARR) | 12000.00 |  |  |
| One-time | 0.00 |  |  |
"
    );
}

#[test]
fn without_a_plan_the_built_in_plan_is_used_and_said() {
    let out = Test::new()
        .args(&["quote", "--edition", "basic", "--seats", "5", "-f", "json"])
        .run()
        .status(0)
        .stderr(
            "ratecard: using the built-in example plan \"acme\" (examples/acme.rate); pass a plan file to price your own\n",
        );
    assert_eq!(out.json()["totals"]["monthly_recurring"], "600.00");
}

fn rejected(args: &[&str], message: &str) {
    let mut all = vec!["quote"];
    all.extend_from_slice(args);
    Test::new()
        .args(&all)
        .run()
        .status(3)
        .stdout("")
        .stderr(&format!("ratecard: request rejected: {message}\n"));
}

#[test]
fn every_rejection_of_the_semantics_page_names_the_value_and_what_is_accepted() {
    let basic = [ACME, "--edition", "basic", "--seats", "5"];
    let with = |extra: &[&'static str]| {
        let mut v = basic.to_vec();
        v.extend_from_slice(extra);
        v
    };
    rejected(
        &[ACME, "--edition", "basic", "--seats", "0"],
        "seats 0 is not accepted: it must be a whole number of at least 1",
    );
    rejected(
        &[ACME, "--edition", "basic", "--seats", "-3"],
        "seats -3 is not accepted: it must be a whole number of at least 1",
    );
    rejected(
        &[ACME, "--edition", "basic", "--seats", "4.5"],
        "seats 4.5 is not accepted: it must be a whole number of at least 1",
    );
    rejected(
        &with(&["--storage", "-1"]),
        "storage_gb -1 is not accepted: storage used cannot be negative",
    );
    rejected(
        &with(&["--service", "training:0"]),
        "service `training` quantity 0 is not accepted: it must be greater than zero",
    );
    rejected(
        &with(&["--service", "migration:-2.5"]),
        "service `migration` quantity -2.5 is not accepted: it must be greater than zero",
    );
    rejected(
        &with(&["--module", "analytics", "--module", "analytics"]),
        "module `analytics` is named twice",
    );
    rejected(
        &[ACME, "--edition", "premium", "--seats", "5"],
        "unknown edition `premium`; expected one of: basic, advanced",
    );
    rejected(
        &with(&["--module", "crm"]),
        "unknown module `crm`; expected one of: customers, contacts, opportunities, tasks, sales_automation, marketing_automation, analytics",
    );
    rejected(
        &with(&["--backup", "weekly"]),
        "unknown backup option `weekly`; expected one of: daily, hourly",
    );
    rejected(
        &with(&["--support", "gold"]),
        "unknown support tier `gold`; expected one of: basic, premium",
    );
    rejected(
        &with(&["--service", "consulting:3"]),
        "unknown service `consulting`; expected one of: integration, migration, training",
    );
    rejected(
        &with(&["--service", "integration:sap:high"]),
        "unknown integration target `sap`; expected one of: erp, finance",
    );
    rejected(
        &with(&["--service", "integration:erp:extreme"]),
        "unknown complexity `extreme`; expected one of: low, medium, high",
    );
    rejected(
        &[
            ACME,
            "--edition",
            "basic",
            "--seats",
            "12",
            "--module",
            "marketing_automation",
        ],
        "module `marketing_automation` requires `sales_automation`; add it to the request",
    );
    rejected(
        &with(&["--billing", "annual", "--term", "18"]),
        "a term of 18 months is not a whole number of annual cycles (12 months each)",
    );
    rejected(
        &with(&["--billing", "quarterly", "--term", "4"]),
        "a term of 4 months is not a whole number of quarterly cycles (3 months each)",
    );
    rejected(
        &with(&["--billing", "weekly"]),
        "unknown billing cycle `weekly`; expected one of: monthly, quarterly, semiannual, annual",
    );
    rejected(
        &with(&["--coupon", "SAVE"]),
        "unknown coupon code `SAVE`: the plan has none",
    );
    rejected(
        &[ACME, "--seats", "5"],
        "the request has no edition; choose one of: basic, advanced",
    );
    rejected(
        &with(&["--currency", "USD"]),
        "currency USD is not accepted: this plan prices in CNY, and a quote has one currency",
    );
}

#[test]
fn rejections_that_need_other_plans() {
    let cn = "examples/cn-saas.rate";
    rejected(
        &[cn, "--edition", "pro", "--seats", "20", "--term", "6"],
        "a term of 6 months is shorter than the plan's minimum term of 12 months",
    );
    rejected(
        &[
            cn,
            "--edition",
            "pro",
            "--seats",
            "20",
            "--module",
            "wecom",
            "--module",
            "dingtalk",
        ],
        "module `dingtalk` excludes `wecom`; they cannot be taken together",
    );
    rejected(
        &[
            "examples/zoho.rate",
            "--edition",
            "standard",
            "--seats",
            "5",
            "--coupon",
            "WELCOME100",
            "--coupon",
            "WELCOME100",
        ],
        "coupon code `WELCOME100` is named twice",
    );
}

#[test]
fn seats_outside_closed_bands_are_rejected_naming_the_bands() {
    let t = Test::new();
    let plan = t.file(
        "closed.rate",
        "plan \"p\" { version \"1\" currency USD tax 0%
           edition team { seats volume { 1..5 at 10.00; 6..50 at 8.00 } } }",
    );
    let plan = plan.to_str().unwrap();
    t.args(&["quote", plan, "--edition", "team", "--seats", "51"])
        .run()
        .status(3)
        .stderr("ratecard: request rejected: 51 seats is outside the bands of edition `team` (1..5, 6..50)\n");
}

#[test]
fn an_unknown_request_field_is_named() {
    let t = Test::new();
    let req = t.file(
        "r.toml",
        "edition = \"basic\"\nseats = 5\ncolour = \"red\"\n",
    );
    let req = req.to_str().unwrap().to_string();
    let out = t.args(&["quote", ACME, "--request", &req]).run().status(3);
    assert!(
        out.stderr.starts_with(&format!(
            "ratecard: request {req}: TOML parse error at line 3, column 1"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "unknown field `colour`, expected one of `customer`, `currency`, `country`, `vat_id`, `edition`, `seats`"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_json_request_is_accepted_by_extension() {
    let t = Test::new();
    let req = t.file(
        "r.json",
        r#"{"edition": "basic", "seats": 9, "storage_gb": 12.5}"#,
    );
    let out = t
        .args(&["quote", ACME, "-r", req.to_str().unwrap(), "-f", "json"])
        .run()
        .status(0);
    assert_eq!(out.json()["totals"]["monthly_recurring"], "1080.00");
}

#[test]
fn a_plan_with_errors_prices_nothing_and_exits_1() {
    let out = Test::new()
        .args(&[
            "quote",
            "tests/fixtures/plans/several-errors.rate",
            "--edition",
            "basic",
            "--seats",
            "1",
        ])
        .run()
        .status(1);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.ends_with(
            "ratecard: tests/fixtures/plans/several-errors.rate has 3 errors; nothing was priced\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn check_reports_every_error_with_file_line_and_column() {
    let out = Test::new()
        .args(&["check", "tests/fixtures/plans/several-errors.rate"])
        .run()
        .status(1);
    assert_eq!(
        out.stdout,
        "tests/fixtures/plans/several-errors.rate: 3 errors\n"
    );
    assert!(
        out.stderr
            .contains("[tests/fixtures/plans/several-errors.rate:9:14]"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("× unknown module `reports`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("× a price cannot be negative (found -5.00)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("× the minimum 900.00 is above the maximum 500.00"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_warns_about_volume_cliffs_but_succeeds() {
    let out = Test::new().args(&["check", ACME]).run().status(0);
    assert_eq!(out.stdout, "examples/acme.rate: ok, 2 warnings\n");
    assert!(out.stderr.contains(
        "⚠ volume cliff: 100 seats cost 10000.00 but 101 seats cost 8585.00; every count from 101 to 117"
    ), "{}", out.stderr);
    Test::new()
        .args(&["check", "--deny-warnings", ACME])
        .run()
        .status(1);
}

#[test]
fn every_example_plan_checks_without_errors() {
    let mut plans: Vec<_> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rate"))
        .collect();
    plans.sort();
    assert!(plans.len() >= 3);
    for p in plans {
        let rel = p
            .strip_prefix(root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let out = Test::new().args(&["check", &rel]).run().status(0);
        assert!(
            out.stdout.starts_with(&format!("{rel}: ok")),
            "{}",
            out.stdout
        );
    }
}

/// The plan a request in examples/requests/ is written for, by its name.
/// The plan a request names in its comments (`Plan: examples/zoho.rate`), else by its name.
fn plan_for(request: &str) -> String {
    let text =
        std::fs::read_to_string(root().join("examples/requests").join(request)).unwrap_or_default();
    if let Some(rest) = text.split("Plan: ").nth(1) {
        let plan: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != ',' && *c != '，')
            .collect();
        let plan = plan.trim_end_matches('.').to_string();
        if plan.ends_with(".rate") {
            return plan;
        }
    }
    match request {
        r if r.starts_with("zoho-") => "examples/zoho.rate",
        r if r.starts_with("cn-annual-") => "examples/cn-annual.rate",
        r if r.starts_with("cn-") => "examples/cn-saas.rate",
        r if r.starts_with("hubspot-") => "examples/hubspot.rate",
        r if r.starts_with("hooks-") => "examples/acme-hooks.rate",
        _ => ACME,
    }
    .to_string()
}

/// Totals a request file states in its comments, e.g. `#   monthly recurring   600.00`.
fn stated_totals(text: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for line in text
        .lines()
        .filter_map(|l| l.strip_prefix('#'))
        .map(str::trim)
    {
        let last = |l: &str| l.split_whitespace().last().unwrap_or("").replace(',', "");
        if line.starts_with("monthly recurring") {
            out.push(("monthly_recurring", last(line)));
        } else if line.starts_with("one-time") {
            out.push(("one_time", last(line)));
        } else if line.starts_with("first invoice") && line.contains("total with tax") {
            out.push(("first_invoice_total", last(line)));
        } else if line.starts_with("term total") && line.contains("total with tax") {
            out.push(("term_total_with_tax", last(line)));
        }
    }
    out
}

#[test]
fn every_example_request_prices_to_the_totals_it_states() {
    let mut requests: Vec<_> = std::fs::read_dir(root().join("examples/requests"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    requests.sort();
    let mut checked = 0;
    for path in requests {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let rel = format!("examples/requests/{name}");
        let text = std::fs::read_to_string(&path).unwrap();
        let out = Test::new()
            .args(&["quote", &plan_for(&name), "-r", &rel, "-f", "json"])
            .run();
        if name == "example-4.toml" || text.contains("Expected: rejected") {
            assert_eq!(out.status, 3, "{name}: {}", out.stderr);
            continue;
        }
        assert_eq!(out.status, 0, "{name}: {}", out.stderr);
        let q = out.json();
        for (field, amount) in stated_totals(&text) {
            assert_eq!(
                q["totals"][field].as_str().unwrap(),
                amount,
                "{name}: {field}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} stated totals were compared");
}

#[test]
fn exit_codes_for_usage_and_missing_files() {
    let out = Test::new()
        .args(&["quote", "no/such/plan.rate", "--edition", "basic"])
        .run()
        .status(4);
    assert_eq!(
        out.stderr,
        "ratecard: cannot read plan no/such/plan.rate: No such file or directory (os error 2)\n"
    );
    Test::new()
        .args(&["quote", ACME, "--format", "pdf"])
        .run()
        .status(2);
    Test::new().args(&["check"]).run().status(2);
    Test::new().args(&["check", "no/such.rate"]).run().status(4);
    Test::new()
        .args(&["check", "/dev/zero"])
        .run()
        .status(4)
        .stderr("ratecard: cannot read plan /dev/zero: it is a device, not a regular file\n");
    Test::new()
        .args(&["quote", ACME, "--request", "/dev/zero"])
        .run()
        .status(4)
        .stderr("ratecard: cannot read request /dev/zero: it is a device, not a regular file\n");
}

#[test]
fn help_version_and_completions() {
    let out = Test::new().args(&["quote", "--help"]).run().status(0);
    assert!(
        out.stdout
            .contains("Examples:\n  ratecard quote --edition basic --seats 5"),
        "{}",
        out.stdout
    );
    let out = Test::new().args(&["--help"]).run().status(0);
    assert!(
        out.stdout.contains("Exit codes:\n  0  success"),
        "{}",
        out.stdout
    );
    Test::new()
        .args(&["--version"])
        .run()
        .status(0)
        .stdout(&format!("ratecard {}\n", env!("CARGO_PKG_VERSION")));
    let out = Test::new().args(&["completions", "bash"]).run().status(0);
    assert!(
        out.stdout.contains("_ratecard()"),
        "{}",
        &out.stdout[..200.min(out.stdout.len())]
    );
    for shell in ["zsh", "fish"] {
        let out = Test::new().args(&["completions", shell]).run().status(0);
        assert!(out.stdout.contains("ratecard"));
    }
}

#[test]
fn no_color_when_not_a_terminal() {
    let out = Test::new()
        .args(&["check", ACME])
        .env("NO_COLOR", "")
        .run()
        .status(0);
    assert!(!out.stderr.contains('\u{1b}'), "escape codes on a pipe");
}

#[test]
fn check_can_report_as_json_for_editors_and_ci() {
    let out = Test::new()
        .args(&[
            "check",
            "--format",
            "json",
            "tests/fixtures/plans/unknown-requires.rate",
            "examples/zoho.rate",
        ])
        .run()
        .status(1)
        .stderr("");
    assert_eq!(
        out.json(),
        serde_json::json!({"files": [
            {
                "file": "tests/fixtures/plans/unknown-requires.rate",
                "ok": false,
                "diagnostics": [{
                    "severity": "error",
                    "message": "unknown module `sales`",
                    "help": "declared: marketing, sales_automation",
                    "file": "tests/fixtures/plans/unknown-requires.rate",
                    "line": 14, "column": 14, "end_line": 14, "end_column": 19
                }]
            },
            {"file": "examples/zoho.rate", "ok": true, "diagnostics": []}
        ]})
    );
}

#[test]
fn the_storage_line_is_named_in_the_plans_language() {
    let label = |q: &serde_json::Value| {
        let lines = q["lines"].as_array().cloned().unwrap_or_default();
        let storage = lines.iter().find(|l| l["id"] == "storage").cloned();
        storage.map(|l| l["label"].clone())
    };
    let zh = quote_json("examples/cn-saas.rate", "examples/requests/cn-pro.toml");
    assert_eq!(label(&zh), Some("超出赠送容量的存储".into()));
    assert_eq!(zh["lines"][5]["amount"], "120.00");
    let en = quote_json("examples/acme.rate", "examples/requests/example-3.toml");
    assert_eq!(label(&en), Some("Storage overage".into()));
}

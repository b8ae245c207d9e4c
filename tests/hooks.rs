//! Rhai hooks through the real binary: each example hook to the cent, the whole script API,
//! and hostile scripts that must each end with their own clear message.

mod common;

use common::Test;
use serde_json::Value;

/// Prices `request` against `plan` as JSON, expecting success.
fn quote(plan: &str, request: &str) -> Value {
    Test::new()
        .args(&["quote", plan, "--request", request, "--format", "json"])
        .run()
        .status(0)
        .json()
}

/// `(id, amount)` of every line.
fn lines(q: &Value) -> Vec<(String, String)> {
    q["lines"]
        .as_array()
        .map(|ls| {
            ls.iter()
                .map(|l| (str_of(&l["id"]), str_of(&l["amount"])))
                .collect()
        })
        .unwrap_or_default()
}

fn str_of(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The eight totals, in contract order.
fn totals(q: &Value) -> Vec<String> {
    [
        "monthly_recurring",
        "one_time",
        "first_invoice",
        "first_invoice_tax",
        "first_invoice_total",
        "term_total",
        "term_tax",
        "term_total_with_tax",
    ]
    .iter()
    .map(|k| str_of(&q["totals"][*k]))
    .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(str_of).collect())
        .unwrap_or_default()
}

const PLAN: &str = "examples/acme-hooks.rate";

#[test]
fn the_hooks_plan_checks_clean_of_errors() {
    let out = Test::new().args(&["check", PLAN]).run().status(0);
    // The volume-cliff warnings are examples/acme.rate's own.
    assert!(
        out.stdout.starts_with("examples/acme-hooks.rate: ok"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_request_no_hook_acts_on_prices_as_the_plain_plan() {
    let q = quote(PLAN, "examples/requests/example-3.toml");
    assert_eq!(
        totals(&q),
        [
            "11853.42",
            "42000.00",
            "184241.04",
            "11054.46",
            "195295.50",
            "184241.04",
            "11054.46",
            "195295.50"
        ]
    );
    assert_eq!(q["approval"]["required"], Value::Bool(false));
    assert!(lines(&q).iter().all(|(id, _)| !id.starts_with("hook.")));
}

#[test]
fn education_customers_get_20_percent_off_licences_only() {
    let q = quote(PLAN, "examples/requests/hooks-education.toml");
    assert_eq!(
        lines(&q),
        pairs(&[
            ("seats.small", "1800.00"),
            ("seats.medium", "6480.00"),
            ("module.sales_automation", "1350.00"),
            ("support.basic", "0.00"),
            ("service.training", "6000.00"),
            ("hook.education.education_discount", "-1926.00"),
        ])
    );
    let line = &q["lines"][5];
    assert_eq!(line["label"], "Education discount");
    assert_eq!(line["kind"], "recurring");
    assert_eq!(line["category"], "discount");
    assert_eq!(
        line["explain"],
        "20% of 9630.00 on module, seats (hook rules/education.rhai)"
    );
    assert_eq!(
        totals(&q),
        [
            "7704.00",
            "6000.00",
            "13704.00",
            "822.24",
            "14526.24",
            "98448.00",
            "5906.88",
            "104354.88"
        ]
    );
    assert_eq!(
        strings(&q["notes"]),
        [
            "storage: 300 GB used is within the 450 GB included",
            "hook rules/education.rhai: education pricing: 20% off licences, 1926.00 per month",
        ]
    );
    assert_eq!(q["approval"]["required"], Value::Bool(false));
}

#[test]
fn discounts_above_a_quarter_of_list_need_approval() {
    let q = quote(PLAN, "examples/requests/hooks-approval.toml");
    assert_eq!(
        lines(&q)[5..],
        pairs(&[
            ("discount.annual_prepay", "-1444.50"),
            ("hook.education.education_discount", "-1926.00"),
        ])
    );
    assert_eq!(
        totals(&q),
        [
            "6259.50", "6000.00", "81114.00", "4866.84", "85980.84", "81114.00", "4866.84",
            "85980.84"
        ]
    );
    assert_eq!(q["approval"]["required"], Value::Bool(true));
    assert_eq!(
        strings(&q["approval"]["reasons"]),
        ["discounts are 33.27% of the list price (40446.00 of 121560.00), above 25%: a sales director must approve (hook rules/discount-approval.rhai)"]
    );
}

#[test]
fn more_than_two_integrations_add_an_8_percent_project_fee() {
    let q = quote(PLAN, "examples/requests/hooks-integration-fee.toml");
    assert_eq!(
        lines(&q),
        pairs(&[
            ("seats.small", "1800.00"),
            ("seats.medium", "1980.00"),
            ("service.integration.erp", "30000.00"),
            ("service.integration.finance", "14400.00"),
            ("service.integration.finance", "12000.00"),
            ("hook.integration_fee.project_management", "4512.00"),
        ])
    );
    let fee = &q["lines"][5];
    assert_eq!(fee["kind"], "one_time");
    assert_eq!(fee["category"], "service");
    assert_eq!(
        fee["explain"],
        "8% of integration work 56400.00 for 3 systems (hook rules/integration-fee.rhai)"
    );
    assert_eq!(
        totals(&q),
        [
            "3780.00",
            "60912.00",
            "64692.00",
            "3881.52",
            "68573.52",
            "106272.00",
            "6376.32",
            "112648.32"
        ]
    );
}

#[test]
fn two_integrations_add_no_fee() {
    let q = quote(PLAN, "examples/requests/example-3.toml");
    assert!(!lines(&q).iter().any(|(id, _)| id.contains("project")));
}

#[test]
fn oversized_deals_on_a_small_edition_are_rejected() {
    Test::new()
        .args(&[
            "quote",
            PLAN,
            "--request",
            "examples/requests/hooks-oversized.toml",
        ])
        .run()
        .status(3)
        .stdout("")
        .stderr("ratecard: request rejected: hook rules/oversized-deal.rhai:8:15 rejected the quote: 1200 seats on the basic edition: deals over 1000 seats need the advanced or enterprise edition\n");
}

#[test]
fn oversized_deals_on_the_largest_edition_are_priced() {
    let q = Test::new()
        .args(&[
            "quote",
            PLAN,
            "--edition",
            "advanced",
            "--seats",
            "1200",
            "--format",
            "json",
        ])
        .run()
        .status(0)
        .json();
    // 9 x 200.00 + 91 x 180.00 + 1100 x 150.00 = 183180.00, less large account 5% (9159.00)
    assert_eq!(str_of(&q["totals"]["monthly_recurring"]), "174021.00");
}

#[test]
fn every_api_function_reads_and_changes_the_quote() {
    let q = quote(
        "tests/fixtures/hooks/api.rate",
        "tests/fixtures/hooks/api-request.toml",
    );
    assert_eq!(
        lines(&q),
        pairs(&[
            ("seats", "70.00"),
            ("module.crm", "0.00"),
            ("module.reports", "35.00"),
            ("backup.daily", "4.25"),
            ("support.basic", "0.00"),
            ("service.setup", "150.00"),
            ("coupon.WELCOME", "-10.93"),
            ("hook.api.sandbox", "24.69"),
            ("hook.api.sandbox_credit", "-24.69"),
            ("hook.api.setup_discount", "-18.75"),
        ])
    );
    let explain: Vec<String> = q["lines"].as_array().map_or(Vec::new(), |ls| {
        ls[7..].iter().map(|l| str_of(&l["explain"])).collect()
    });
    assert_eq!(
        explain,
        [
            "set by the script (hook api.rhai)",
            "30.00 off, capped at the net 24.69 on hook.api.sandbox (hook api.rhai)",
            "12.5% of 150.00 on one_time (hook api.rhai)",
        ]
    );
    assert_eq!(str_of(&q["lines"][7]["quantity"]), "2");
    assert_eq!(str_of(&q["lines"][7]["unit_price"]), "12.345");
    assert_eq!(
        totals(&q),
        ["98.32", "131.25", "426.21", "42.62", "468.83", "1311.09", "131.12", "1442.21"]
    );
    assert_eq!(
        strings(&q["notes"]),
        [
            "hook api.rhai: Initech: team, 7 seats, modules [\"crm\", \"reports\"]",
            "hook api.rhai: 12.5 GB, backup daily, support basic",
            "hook api.rhai: quarterly (3 months) for 12 months, coupons [\"WELCOME\"]",
            "hook api.rhai: service setup x 1.5, target ",
            "hook api.rhai: region emea, owner Dana, vip true, has crm true, has sso false",
            "hook api.rhai: monthly 98.32 of list 109.25; one-time 150.00 of list 150.00",
            "hook api.rhai: first invoice 444.96; term 1329.84 of list 1461.00",
            "hook api.rhai: Team seats: 7 x 10.00 = 70.00 (recurring, seats; 7 seats x 10.00)",
            "hook api.rhai: hook.api.sandbox: credit 24.69, setup discount 18.75",
            "hook api.rhai: USD, 2 digits, round(2.345) = 2.35, 10 lines, approval false",
            "hook api.rhai: approval true, script api.rhai",
            "hook api.rhai printed: printed text",
            "hook api.rhai:22:5 debug: 7",
        ]
    );
    assert_eq!(
        strings(&q["approval"]["reasons"]),
        ["custom terms (hook api.rhai)"]
    );
}

#[test]
fn print_never_reaches_stdout() {
    let out = Test::new()
        .args(&[
            "quote",
            "tests/fixtures/hooks/api.rate",
            "--request",
            "tests/fixtures/hooks/api-request.toml",
        ])
        .run()
        .status(0);
    assert!(out
        .stdout
        .contains("note: hook api.rhai printed: printed text\n"));
    assert!(!out.stdout.lines().any(|l| l == "printed text"));
    assert_eq!(out.stderr, "");
}

/// Quotes 5 basic seats against the fixture plan that runs `name.rhai`; returns stderr.
fn hostile(name: &str, status: i32) -> String {
    let plan = format!("tests/fixtures/hooks/{name}.rate");
    let out = Test::new()
        .args(&["quote", &plan, "--edition", "basic", "--seats", "5"])
        .run()
        .status(status)
        .stdout("");
    out.stderr
}

fn rejected(message: &str) -> String {
    format!("ratecard: request rejected: {message}\n")
}

#[test]
fn a_loop_that_never_ends_hits_the_operation_limit() {
    assert_eq!(
        hostile("loop", 3),
        rejected("hook loop.rhai:2:4 exceeded its operation limit of 100000 operations (a loop that never ends?)")
    );
}

#[test]
fn sleep_is_refused_at_once_with_the_hooks_line() {
    // It used to block the quote for 3 s and then succeed: one native call runs no
    // operation, so neither the operation limit nor the wall clock could stop it.
    assert_eq!(
        hostile("sleep", 3),
        rejected("hook sleep.rhai:3:5 failed: `sleep` is not available: a script must not wait")
    );
}

#[test]
fn sleeping_for_ever_is_refused_at_once() {
    assert_eq!(
        hostile("sleep-forever", 3),
        rejected(
            "hook sleep-forever.rhai:3:5 failed: `sleep` is not available: a script must not wait"
        )
    );
}

#[test]
fn sleep_reached_by_name_is_refused_too() {
    assert_eq!(
        hostile("sleep-by-name", 3),
        rejected(
            "hook sleep-by-name.rhai:4:7 failed: `sleep` is not available: a script must not wait"
        )
    );
}

#[test]
fn slow_native_calls_are_stopped_by_the_wall_clock() {
    assert_eq!(
        hostile("slow-natives", 3),
        rejected("hook slow-natives.rhai:3:4 exceeded its time limit of 50 ms")
    );
}

#[test]
fn unbounded_recursion_hits_the_call_depth_limit() {
    assert_eq!(
        hostile("recursion", 3),
        rejected("hook recursion.rhai:2:4 exceeded its limit of 16 nested function calls (a recursion that never ends?)")
    );
}

#[test]
fn a_string_doubled_until_huge_hits_the_size_limit() {
    assert_eq!(
        hostile("huge-string", 3),
        rejected("hook huge-string.rhai:2:4 exceeded its string size limit of 16384 bytes")
    );
}

#[test]
fn a_runtime_type_error_names_the_operator_and_the_types() {
    assert_eq!(
        hostile("type-error", 3),
        rejected("hook type-error.rhai:4:30 failed: cannot apply `*` to decimal and text")
    );
}

#[test]
fn a_hook_that_rejects_gives_its_own_message() {
    assert_eq!(
        hostile("reject", 3),
        rejected(
            "hook reject.rhai:4:15 rejected the quote: this plan is sold only through partners"
        )
    );
}

#[test]
fn a_rejection_cannot_be_caught_by_the_script() {
    assert_eq!(
        hostile("reject-caught", 3),
        rejected("hook reject-caught.rhai:4:15 rejected the quote: seats must be bought in tens")
    );
}

#[test]
fn a_hook_cannot_change_the_request() {
    assert_eq!(
        hostile("read-only", 3),
        rejected("hook read-only.rhai:3:13 failed: `seats` of the request cannot be changed: a hook reads the request and changes the quote through its functions")
    );
}

#[test]
fn a_misspelt_property_is_named() {
    assert_eq!(
        hostile("unknown-property", 3),
        rejected(
            "hook unknown-property.rhai:3:23 failed: the quote has no property `monthly_recuring`"
        )
    );
}

/// The diagnostic `check` and `quote` print for a script that does not compile.
fn diagnostic(name: &str, message: &str, at: &str, snippet: &str) -> String {
    format!("  × hook {name}.rhai: {message}\n   ╭─[tests/fixtures/hooks/{name}.rhai:{at}]\n{snippet}   ╰────\nratecard: tests/fixtures/hooks/{name}.rate has 1 error; nothing was priced\n")
}

#[test]
fn eval_is_a_plan_error_pointing_into_the_script() {
    assert_eq!(
        hostile("eval", 1),
        diagnostic(
            "eval",
            "`eval` is disabled in hooks: write the expression itself",
            "4:5",
            " 3 │     let rule = \"quote.note(\\\"hi\\\")\";\n 4 │     eval(rule);\n   ·     ▲\n   ·     ╰── here\n 5 │ }\n"
        )
    );
}

#[test]
fn import_is_a_plan_error_pointing_into_the_script() {
    assert_eq!(
        hostile("import", 1),
        diagnostic(
            "import",
            "`import` is disabled in hooks: a hook is one self-contained file",
            "2:1",
            " 1 │ // A hook is one self-contained file: import is disabled.\n 2 │ import \"shared/discounts\" as discounts;\n   · ▲\n   · ╰── here\n 3 │ \n"
        )
    );
}

#[test]
fn an_undefined_variable_is_a_plan_error_pointing_into_the_script() {
    assert_eq!(
        hostile("undefined-variable", 1),
        "  × hook undefined-variable.rhai: undefined variable `treshold`: a hook sees `request`, `quote`\n  │ and the variables it declares with `let`\n   ╭─[tests/fixtures/hooks/undefined-variable.rhai:4:24]\n 3 │     let threshold = 100;\n 4 │     if request.seats > treshold {\n   ·                        ▲\n   ·                        ╰── here\n 5 │         quote.note(\"large deal\");\n   ╰────\nratecard: tests/fixtures/hooks/undefined-variable.rate has 1 error; nothing was priced\n"
    );
}

#[test]
fn check_reports_script_syntax_errors_with_file_line_and_column() {
    let out = Test::new()
        .args(&["check", "tests/fixtures/hooks/syntax-error.rate"])
        .run()
        .status(1);
    assert!(
        out.stderr.contains("  × hook syntax-error.rhai: Expecting ')' for a matching ( in this expression\n   ╭─[tests/fixtures/hooks/syntax-error.rhai:3:28]\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_script_without_fn_price_is_a_plan_error() {
    let out = Test::new()
        .args(&["check", "tests/fixtures/hooks/no-price.rate"])
        .run()
        .status(1);
    assert!(
        out.stderr.contains("  × hook no-price.rhai: defines no `fn price(request, quote)`, the function a hook runs\n   ╭─[tests/fixtures/hooks/no-price.rhai:1:1]\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_statement_outside_any_function_is_a_plan_error() {
    assert_eq!(
        hostile("top-level", 1),
        diagnostic(
            "top-level",
            "this statement is outside any function and would never run: move it into\n  │ `fn price(request, quote)`",
            "2:1",
            " 1 │ // The limit is set once, outside the function, where it never runs.\n 2 │ let limit = 100;\n   · ▲\n   · ╰── here\n 3 │ \n"
        )
    );
}

#[test]
fn check_runs_hooks_on_sample_requests_and_points_into_the_script() {
    let plan = "tests/fixtures/rehearse/unknown-field.rate";
    let out = Test::new().args(&["check", plan]).run().status(1);
    assert_eq!(out.stdout, format!("{plan}: 1 error\n"));
    assert!(
        out.stderr
            .contains("× hook rules/unknown-field.rhai failed: the request has no property `seat`"),
        "{}",
        out.stderr
    );
    let json = Test::new()
        .args(&["check", plan, "--format", "json"])
        .run()
        .status(1)
        .json();
    let d = &json["files"][0]["diagnostics"][0];
    assert_eq!(
        d["file"],
        "tests/fixtures/rehearse/rules/unknown-field.rhai"
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(4), Some(20))
    );
    assert_eq!(d["severity"], "error");
    // The same mistake in a quote that reaches it is rejected at the same place.
    Test::new()
        .args(&["quote", plan, "--edition", "scale", "--seats", "3"])
        .run()
        .status(3)
        .stderr("ratecard: request rejected: hook rules/unknown-field.rhai:4:20 failed: the request has no property `seat`\n");
}

#[test]
fn a_runaway_hook_is_rehearsed_once_and_the_others_still_are() {
    let dir = tempfile::tempdir().unwrap();
    let root = common::root();
    std::fs::copy(
        root.join("tests/fixtures/hooks/slow-natives.rhai"),
        dir.path().join("slow.rhai"),
    )
    .unwrap();
    std::fs::copy(
        root.join("tests/fixtures/rehearse/rules/unknown-field.rhai"),
        dir.path().join("unknown-field.rhai"),
    )
    .unwrap();
    let plan = dir.path().join("plan.rate");
    std::fs::write(
        &plan,
        "plan \"runaway\" {\n  version \"1\"\n  currency USD\n  tax 10%\n  module reports \"Reports\" { 2.00 per seat }\n  edition team \"Team\" { seats graduated { 1..10 at 12.00; 11.. at 9.50 } }\n  edition scale \"Scale\" { 15.00 per seat }\n  hook \"slow.rhai\"\n  hook \"unknown-field.rhai\"\n}\n",
    )
    .unwrap();
    let checked = ratecard::check::check_file(&plan).unwrap();
    let plan = checked.plan.expect("the plan checks");
    let samples = ratecard::rehearse::samples(&plan).len();
    // Each sample would spend the runaway's 50 ms: seconds in all.
    assert!(samples >= 30, "{samples} samples");
    let started = std::time::Instant::now();
    let found = ratecard::rehearse::hooks(&plan);
    let took = started.elapsed();
    let messages: Vec<String> = found.iter().map(|d| d.kind.to_string()).collect();
    assert_eq!(
        messages,
        [
            "hook slow.rhai exceeded its time limit of 50 ms",
            "hook unknown-field.rhai failed: the request has no property `seat`",
        ]
    );
    assert!(
        took < std::time::Duration::from_millis(50) * (samples as u32) / 4,
        "{took:?} for {samples} samples"
    );
}

//! `ratecard test` through the real binary: golden quotes beside a plan, differences shown
//! expected-versus-actual, `--bless`, and the example plans' own tests.

mod common;

use common::Test;

const PLAN: &str = r#"plan "team" {
  version "1"
  currency USD
  tax 10%
  edition team "Team" { seats graduated { 1..10 at 12.00; 11.. at 9.50 } }
  module reports "Reports" { 2.00 per seat }
}
"#;

const DEAL: &str = r#"# Twelve users with reports: 10 x 12.00 + 2 x 9.50 = 139.00, reports 24.00.
[request]
edition = "team"
seats = 12
modules = ["reports"]

[expect]
lines = [
  { id = "seats.1-10", amount = "120.00" },
  { id = "seats.11+", amount = "19.00" },
  { id = "module.reports", amount = "24.00" },
]

[expect.totals]
monthly_recurring = "163.00"   # the month's bill before tax
one_time = "0.00"
"#;

/// A temp folder holding `plan.rate` and its tests; it outlives several runs.
fn folder(plan: &str, tests: &[(&str, &str)]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("plan.rate"), plan).unwrap();
    std::fs::create_dir_all(dir.path().join("tests/plan")).unwrap();
    for (name, text) in tests {
        std::fs::write(dir.path().join(format!("tests/plan/{name}.toml")), text).unwrap();
    }
    let name = dir.path().display().to_string();
    (dir, name)
}

/// `ratecard test DIR/plan.rate ARGS...`.
fn run(dir: &str, args: &[&str]) -> common::Outcome {
    let plan = format!("{dir}/plan.rate");
    let mut all = vec!["test", plan.as_str()];
    all.extend_from_slice(args);
    Test::new().args(&all).run()
}

/// Runs `ratecard test` with `args` in a temp folder holding `plan.rate` and its tests.
fn with_tests(plan: &str, tests: &[(&str, &str)], args: &[&str]) -> (common::Outcome, String) {
    let (_keep, dir) = folder(plan, tests);
    (run(&dir, args), dir)
}

#[test]
fn every_example_plan_passes_its_tests() {
    let out = Test::new().args(&["test", "examples/"]).run().status(0);
    assert!(
        out.stdout.ends_with(" passed, 0 failed\n"),
        "{}",
        out.stdout
    );
    for plan in ["acme", "acme-2027", "acme-hooks", "cn-saas", "zoho"] {
        assert!(
            out.stdout.contains(&format!("examples/{plan}.rate\n  ok ")),
            "{plan} has no passing tests:\n{}",
            out.stdout
        );
    }
}

#[test]
fn a_passing_test_says_ok() {
    let (out, dir) = with_tests(PLAN, &[("twelve", DEAL)], &[]);
    out.status(0).stdout(&format!(
        "{dir}/plan.rate\n  ok       twelve\n1 test: 1 passed, 0 failed\n"
    ));
}

#[test]
fn a_price_change_shows_expected_against_actual_and_fails() {
    let cheaper = PLAN.replace("11.. at 9.50", "11.. at 9.00");
    let (out, dir) = with_tests(&cheaper, &[("twelve", DEAL)], &[]);
    out.status(1).stdout(&format!(
        "{dir}/plan.rate
  FAILED   twelve
      monthly_recurring  expected       163.00  actual       162.00
      lines (- expected, + actual):
        seats.1-10            120.00
      - seats.11+              19.00
      + seats.11+              18.00
        module.reports         24.00
1 test: 0 passed, 1 failed
"
    ));
}

#[test]
fn bless_rewrites_the_expectations_and_keeps_the_comments() {
    let cheaper = PLAN.replace("11.. at 9.50", "11.. at 9.00");
    let (keep, dir) = folder(&cheaper, &[("twelve", DEAL)]);
    let path = keep.path().join("tests/plan/twelve.toml");
    let out = run(&dir, &["--bless"]).status(0);
    assert_eq!(
        out.stdout,
        format!(
            "{dir}/plan.rate
  blessed  twelve
      monthly_recurring  expected       163.00  now          162.00
      lines (- expected, + now):
        seats.1-10            120.00
      - seats.11+              19.00
      + seats.11+              18.00
        module.reports         24.00
1 test: 0 passed, 1 blessed, 0 failed
"
        )
    );
    let blessed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        blessed,
        r#"# Twelve users with reports: 10 x 12.00 + 2 x 9.50 = 139.00, reports 24.00.
[request]
edition = "team"
seats = 12
modules = ["reports"]

[expect]
lines = [
  { id = "seats.1-10", amount = "120.00" },
  { id = "seats.11+", amount = "18.00" },
  { id = "module.reports", amount = "24.00" },
]
invoices = [
  { invoice = "1-12", amounts = "162.00 + tax 16.20 = 178.20 each" },
]

[expect.totals]
monthly_recurring = "162.00"   # the month's bill before tax
one_time = "0.00"
first_invoice = "162.00"
first_invoice_tax = "16.20"
first_invoice_total = "178.20"
term_total = "1944.00"
term_tax = "194.40"
term_total_with_tax = "2138.40"
annual_recurring = "1944.00"
invoice_count = "12"
"#
    );
}

#[test]
fn a_new_test_is_recorded_by_bless_and_then_passes() {
    let fresh = "# Five users.\n[request]\nedition = \"team\"\nseats = 5\n";
    let (keep, dir) = folder(PLAN, &[("five", fresh)]);
    let out = run(&dir, &[]).status(1);
    assert!(
        out.stdout.contains(
            "  FAILED   five\n      no [expect] yet: run `ratecard test --bless` to record what the plan quotes\n"
        ),
        "{}",
        out.stdout
    );
    let path = keep.path().join("tests/plan/five.toml");
    let plan = format!("{dir}/plan.rate");
    run(&dir, &["--bless"]).status(0);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        r#"# Five users.
[request]
edition = "team"
seats = 5

[expect]
lines = [
  { id = "seats.1-10", amount = "60.00" },
]
invoices = [
  { invoice = "1-12", amounts = "60.00 + tax 6.00 = 66.00 each" },
]

[expect.totals]
monthly_recurring = "60.00"
one_time = "0.00"
first_invoice = "60.00"
first_invoice_tax = "6.00"
first_invoice_total = "66.00"
term_total = "720.00"
term_tax = "72.00"
term_total_with_tax = "792.00"
annual_recurring = "720.00"
invoice_count = "12"
"#
    );
    run(&dir, &[]).status(0).stdout(&format!(
        "{plan}\n  ok       five\n1 test: 1 passed, 0 failed\n"
    ));
}

#[test]
fn an_expected_rejection_must_match_word_for_word() {
    let test = "[request]\nedition = \"team\"\nseats = 0\n\n[expect]\nrejected = \"no seats\"\n";
    let (out, dir) = with_tests(PLAN, &[("zero", test)], &[]);
    out.status(1).stdout(&format!(
        "{dir}/plan.rate
  FAILED   zero
      expected rejected: no seats
      actual   rejected: seats 0 is not accepted: it must be a whole number of at least 1
1 test: 0 passed, 1 failed
"
    ));
    let priced = "[request]\nedition = \"team\"\nseats = 3\n\n[expect]\nrejected = \"no seats\"\n";
    let (out, dir) = with_tests(PLAN, &[("three", priced)], &[]);
    out.status(1).stdout(&format!(
        "{dir}/plan.rate
  FAILED   three
      expected rejected: no seats
      actual   a quote
1 test: 0 passed, 1 failed
"
    ));
}

#[test]
fn a_broken_test_file_says_what_is_wrong_in_its_terms() {
    let typo = "[request]\nedition = \"team\"\nseats = 3\n\n[expect]\ntotal = { monthly_recurring = \"36.00\" }\n";
    let unknown = "[request]\nedition = \"team\"\nseets = 3\n";
    let (out, dir) = with_tests(PLAN, &[("typo", typo), ("unknown", unknown)], &[]);
    out.status(1).stdout(&format!(
        "{dir}/plan.rate
  BROKEN   typo
      {dir}/tests/plan/typo.toml: unknown key `total` in [expect]: write totals, lines, invoices or rejected
  BROKEN   unknown
      {dir}/tests/plan/unknown.toml: in [request]: unknown field `seets`, expected one of `customer`, `currency`, `country`, `vat_id`, `edition`, `seats`, `other_seats`, `modules`, `quantities`, `volumes`, `storage_gb`, `backup`, `support`, `support_units`, `billing`, `term_months`, `services`, `coupons`, `attributes`, `quote_date`, `contract`, `ramp`, `amendment`, `renewal`
2 tests: 0 passed, 2 failed
"
    ));
}

#[test]
fn a_plan_without_tests_or_with_errors_fails() {
    let (out, dir) = with_tests(PLAN, &[], &[]);
    out.status(1).stdout(&format!(
        "{dir}/plan.rate: no tests (add request files with their expected quotes in {dir}/tests/plan/)
0 tests: 0 passed, 0 failed; 1 plan without tests
"
    ));
    let broken = PLAN.replace("currency USD", "currency XXY");
    let (out, dir) = with_tests(&broken, &[("twelve", DEAL)], &[]);
    let out = out.status(1);
    assert_eq!(
        out.stdout,
        format!("{dir}/plan.rate: the plan has 1 error; its 1 test did not run\n1 test: 0 passed, 1 failed\n")
    );
}

#[cfg(unix)]
fn link(target: &std::path::Path, at: &std::path::Path) {
    std::os::unix::fs::symlink(target, at).unwrap_or_else(|e| panic!("{}: {e}", at.display()));
}

#[test]
fn bless_keeps_crlf_line_endings_and_the_comments_inside_the_lines() {
    let deal = DEAL
        .replace(
            "  { id = \"seats.11+\", amount = \"19.00\" },",
            "  # the second band\n  { id = \"seats.11+\", amount = \"19.00\" },",
        )
        .replace('\n', "\r\n");
    let cheaper = PLAN.replace("11.. at 9.50", "11.. at 9.00");
    let (keep, dir) = folder(&cheaper, &[("twelve", &deal)]);
    run(&dir, &["--bless"]).status(0);
    let blessed = std::fs::read_to_string(keep.path().join("tests/plan/twelve.toml")).unwrap();
    assert!(!blessed.replace("\r\n", "").contains('\n'), "{blessed:?}");
    assert!(
        blessed.contains(
            "lines = [\r\n  { id = \"seats.1-10\", amount = \"120.00\" },\r\n  # the second band\r\n  { id = \"seats.11+\", amount = \"18.00\" },\r\n"
        ),
        "{blessed:?}"
    );
    assert!(
        blessed.contains("monthly_recurring = \"162.00\"   # the month's bill before tax\r\n"),
        "{blessed:?}"
    );
    // Blessed once, the test passes, and a second bless changes nothing.
    run(&dir, &[]).status(0);
    run(&dir, &["--bless"]).status(0);
    let again = std::fs::read_to_string(keep.path().join("tests/plan/twelve.toml")).unwrap();
    assert_eq!(again, blessed);
}

#[cfg(unix)]
#[test]
fn bless_refuses_to_write_through_a_link() {
    let cheaper = PLAN.replace("11.. at 9.50", "11.. at 9.00");
    let (keep, dir) = folder(&cheaper, &[]);
    // The link stays inside the test folder, so the test is read and run; only the write
    // through it is refused.
    std::fs::write(keep.path().join("tests/plan/twelve.txt"), DEAL).unwrap();
    link(
        std::path::Path::new("twelve.txt"),
        &keep.path().join("tests/plan/twelve.toml"),
    );
    let out = run(&dir, &["--bless"]).status(1);
    assert!(
        out.stdout.contains(&format!(
            "  BROKEN   twelve\n      cannot write {dir}/tests/plan/twelve.toml: it is a symbolic link, and ratecard does not write through links\n"
        )),
        "{}",
        out.stdout
    );
    assert_eq!(
        std::fs::read_to_string(keep.path().join("tests/plan/twelve.txt")).unwrap(),
        DEAL
    );
}

#[cfg(unix)]
#[test]
fn test_files_and_their_requests_are_confined_to_the_plans_folder() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    std::fs::write(&secret, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    let absolute = format!(
        "request = \"{}\"\n\n[expect]\nrejected = \"x\"\n",
        secret.display()
    );
    let linked_request = "request = \"../../linked.toml\"\n";
    let (keep, dir) = folder(
        PLAN,
        &[("absolute", &absolute), ("by-link", linked_request)],
    );
    link(&secret, &keep.path().join("linked.toml"));
    link(&secret, &keep.path().join("tests/plan/linked-test.toml"));
    let out = run(&dir, &[]).status(1);
    assert_eq!(
        out.stdout,
        format!(
            "{dir}/plan.rate
  BROKEN   absolute
      {dir}/tests/plan/absolute.toml: cannot read request {}: it is outside the plan's folder
  BROKEN   by-link
      {dir}/tests/plan/by-link.toml: cannot read request ../../linked.toml: it is a link that leads out of the plan's folder
  BROKEN   linked-test
      cannot read {dir}/tests/plan/linked-test.toml: it is a link that leads out of the plan's test folder
3 tests: 0 passed, 3 failed
",
            secret.display()
        )
    );
    assert!(!out.stdout.contains("root:"));
    assert!(!out.stderr.contains("root:"));
}

#[cfg(unix)]
#[test]
fn links_that_stay_inside_the_plans_folder_are_followed() {
    let (keep, dir) = folder(PLAN, &[]);
    std::fs::create_dir_all(keep.path().join("requests")).unwrap();
    std::fs::write(
        keep.path().join("requests/twelve.toml"),
        "edition = \"team\"\nseats = 12\nmodules = [\"reports\"]\n",
    )
    .unwrap();
    link(
        std::path::Path::new("../../requests/twelve.toml"),
        &keep.path().join("tests/plan/req.toml"),
    );
    std::fs::write(
        keep.path().join("tests/plan/twelve.toml"),
        "request = \"req.toml\"\n\n[expect.totals]\nmonthly_recurring = \"163.00\"\n",
    )
    .unwrap();
    // `req.toml` is itself a test file (a link inside), read as one and broken for want of
    // a [request]; `twelve` reads the request through it.
    let out = run(&dir, &[]).status(1);
    assert!(out.stdout.contains("  ok       twelve\n"), "{}", out.stdout);
}

#[test]
fn names_values_and_messages_from_test_files_are_escaped() {
    let hostile = "[request]\nedition = \"team\"\nseats = 0\n\n[expect]\nrejected = \"\\u001b]0;pwned\\u0007\\r\\n  ok       forged\"\n";
    let broken = "[request]\nedition = \"team\"\nseats = 3\n\n[expect.totals]\nmonthly_recurring = \"\\u001b[2J36.00\"\n";
    let (out, dir) = with_tests(
        PLAN,
        &[("evil\u{1b}[31mname", hostile), ("totals", broken)],
        &[],
    );
    out.status(1).stdout(&format!(
        "{dir}/plan.rate
  FAILED   evil\\u{{1b}}[31mname
      expected rejected: \\u{{1b}}]0;pwned\\u{{7}}\\u{{d}}\\u{{a}}  ok       forged
      actual   rejected: seats 0 is not accepted: it must be a whole number of at least 1
  FAILED   totals
      monthly_recurring  expected \\u{{1b}}[2J36.00  actual        36.00
2 tests: 0 passed, 2 failed
"
    ));
}

//! `ratecard test --coverage` through the real binary: the priced numbers no golden quote
//! notices a change to, `--coverage=MIN` failing below MIN, and the examples at 100%.

mod common;

use common::Test;

const PLAN: &str = r#"plan "team" {
  version "1"
  currency USD
  tax 10%
  edition team "Team" { seats graduated { 1..10 at 12.00; 11.. at 9.50 } }
  module reports "Reports" { 2.00 per seat }
  discount big "Big" { 5% off recurring when seats >= 100 }
}
"#;

/// Twelve seats with reports: reaches both bands and the module, not the discount.
const DEAL: &str = r#"[request]
edition = "team"
seats = 12
modules = ["reports"]

[expect.totals]
monthly_recurring = "163.00"
one_time = "0.00"
"#;

/// `ratecard test ARGS... DIR/plan.rate` over a temp folder holding the plan and its tests.
fn run(tests: &[(&str, &str)], args: &[&str]) -> (common::Outcome, String) {
    let t = Test::new();
    t.file("plan.rate", PLAN);
    for (name, text) in tests {
        t.file(&format!("tests/plan/{name}.toml"), text);
    }
    let dir = t.dir().display().to_string();
    let plan = format!("{dir}/plan.rate");
    let mut all = vec!["test"];
    all.extend_from_slice(args);
    all.push(plan.as_str());
    (t.args(&all).run(), dir)
}

#[test]
fn coverage_lists_each_number_no_test_notices() {
    let (out, dir) = run(&[("twelve", DEAL)], &["--coverage"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "{dir}/plan.rate\n  ok       twelve\n  coverage: 3 of 4 priced numbers (75%)\n  a change to these fails no test:\n    line 7: 5% in discount big: discount big \"Big\" {{ 5% off recurring when seats >= 100 }}\n1 test: 1 passed, 0 failed\ncoverage: 3 of 4 priced numbers (75%)\n"
        )
    );
}

#[test]
fn coverage_below_the_minimum_asked_for_fails() {
    let (out, _) = run(&[("twelve", DEAL)], &["--coverage=100"]);
    assert_eq!(out.status, 1);
    assert!(
        out.stdout.ends_with(
            "coverage: 3 of 4 priced numbers (75%)\ncoverage is below the 100% asked for\n"
        ),
        "{}",
        out.stdout
    );
    let (out, _) = run(&[("twelve", DEAL)], &["--coverage=75"]);
    assert_eq!(out.status, 0, "{}", out.stdout);
}

#[test]
fn a_coverage_that_is_not_a_percentage_is_a_usage_error() {
    let (out, _) = run(&[("twelve", DEAL)], &["--coverage=101"]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .contains("`101` is not a percentage from 0 to 100"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_examples_tests_notice_every_priced_number() {
    let out = Test::new()
        .args(&["test", "--coverage=100", "examples/"])
        .run();
    let missed: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("    line "))
        .collect();
    assert!(missed.is_empty(), "not reached:\n{}", missed.join("\n"));
    assert_eq!(out.status, 0, "{}", out.stdout);
}

#[test]
fn changing_zohos_professional_monthly_price_fails_its_tests() {
    // The issue's own case: 35.00 to 36.00 passed every test before coverage existed.
    let t = Test::new();
    let plan = std::fs::read_to_string(common::root().join("examples/zoho.rate")).unwrap();
    let line = "    35.00 per seat per month billed monthly\n";
    assert_eq!(plan.matches(line).count(), 1);
    t.file(
        "zoho.rate",
        &plan.replace(line, "    36.00 per seat per month billed monthly\n"),
    );
    let tests = common::root().join("examples/tests/zoho");
    for entry in std::fs::read_dir(&tests).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        t.file(&format!("tests/zoho/{name}"), &text);
    }
    // Test files may name requests in ../../requests/.
    for entry in std::fs::read_dir(common::root().join("examples/requests")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        t.file(
            &format!("requests/{name}"),
            &std::fs::read_to_string(&path).unwrap(),
        );
    }
    let plan = t.dir().join("zoho.rate").display().to_string();
    let out = t.args(&["test", &plan]).run();
    assert_eq!(out.status, 1, "{}", out.stdout);
}

//! Hostile inputs and outputs through the real binary (issue 9): no panic, no lost row, no
//! wrong amount, and every refusal saying what was wrong.

mod common;

use common::{Sink, Test};

const ACME: &str = "examples/acme.rate";

/// Every subcommand that writes to standard output, with enough output to fill a pipe.
fn writers() -> Vec<Vec<&'static str>> {
    vec![
        vec!["completions", "bash"],
        vec!["completions", "zsh"],
        vec!["quote", ACME, "--edition", "basic", "--seats", "5"],
        vec![
            "quote",
            ACME,
            "--request",
            "examples/requests/example-3.toml",
            "--format",
            "json",
        ],
        vec!["check", "examples/zoho.rate"],
        vec!["check", "--format", "json", ACME, "examples/zoho.rate"],
        vec!["diff", ACME, "examples/acme-2027.rate"],
        vec![
            "diff",
            ACME,
            "examples/acme-2027.rate",
            "--book",
            "examples/book.csv",
        ],
        vec!["batch", ACME, "examples/book.csv"],
        vec!["gen-book", "--rows", "100", "--plan", ACME],
        vec!["repl", ACME],
    ]
}

#[test]
fn a_closed_stdout_ends_every_subcommand_quietly_with_exit_4() {
    for args in writers() {
        let out = Test::new()
            .args(&args)
            .stdin("set seats 5\nquote\n")
            .stdout_to(Sink::ClosedPipe)
            .run();
        assert_eq!(
            (out.status, out.stderr.as_str()),
            (4, ""),
            "ratecard {}",
            args.join(" ")
        );
    }
}

#[test]
fn a_full_disk_on_stdout_is_named_and_exits_4() {
    for args in writers() {
        let out = Test::new()
            .args(&args)
            .stdin("set seats 5\nquote\n")
            .stdout_to(Sink::Full)
            .run();
        assert_eq!(
            (out.status, out.stderr.as_str()),
            (
                4,
                "ratecard: cannot write standard output: No space left on device (os error 28)\n"
            ),
            "ratecard {}",
            args.join(" ")
        );
    }
}

#[test]
fn an_output_file_that_cannot_be_written_is_named() {
    Test::new()
        .args(&["batch", ACME, "examples/book.csv", "-o", "/dev/full"])
        .run()
        .status(4)
        .stderr("ratecard: cannot write /dev/full: No space left on device (os error 28)\n");
    Test::new()
        .args(&["gen-book", "--plan", ACME, "-o", "no/such/folder/book.csv"])
        .run()
        .status(4)
        .stderr(
            "ratecard: cannot write no/such/folder/book.csv: No such file or directory (os error 2)\n",
        );
}

#[test]
fn check_json_lists_unreadable_files_too() {
    let out = Test::new()
        .args(&[
            "check",
            "--format",
            "json",
            "no/such.rate",
            "examples/zoho.rate",
        ])
        .run()
        .status(4)
        .stderr(
            "ratecard: cannot read plan no/such.rate: No such file or directory (os error 2)\n",
        );
    assert_eq!(
        out.json(),
        serde_json::json!({"files": [
            {
                "file": "no/such.rate",
                "ok": false,
                "error": "cannot read plan: No such file or directory (os error 2)",
                "diagnostics": []
            },
            {"file": "examples/zoho.rate", "ok": true, "diagnostics": []}
        ]})
    );
}

const FAR_RIGHT: &str = "tests/fixtures/plans/far-right-error.rate";

/// The error block of `far-right-error.rate`: a window of its 70,000-character line.
const FAR_RIGHT_ERROR: &str = "  × unknown module `nosuch`
   ╭─[tests/fixtures/plans/far-right-error.rate:1:70056]
 1 │ …at } module zz \"Z\" { 5.00 flat requires nosuch } }
   ·                                          ───┬──
   ·                                             ╰── not a module of this plan
   ╰────
  help: declared: analytics, contacts, customers, m0, m1, m10, m100, m1000, m1001, m1002, m1003,
        m1004, m1005, m1006, m1007, m1008, m1009, m101, m1010, m1011 and 2,008 more
";

#[test]
fn an_error_past_column_65535_is_shown_in_a_window_by_check_and_quote() {
    let out = Test::new().args(&["check", FAR_RIGHT]).run().status(1);
    assert!(out.stderr.ends_with(FAR_RIGHT_ERROR), "{}", out.stderr);
    assert_eq!(out.stdout, format!("{FAR_RIGHT}: 1 error, 2 warnings\n"));
    let out = Test::new()
        .args(&["quote", FAR_RIGHT, "--edition", "basic", "--seats", "1"])
        .run()
        .status(1);
    assert!(
        out.stderr.ends_with(&format!(
            "{FAR_RIGHT_ERROR}ratecard: {FAR_RIGHT} has 1 error; nothing was priced\n"
        )),
        "{}",
        out.stderr
    );
    // No printed line is longer than the window and its margins.
    let widest = out.stderr.lines().map(|l| l.chars().count()).max();
    assert_eq!(widest, Some(127));
}

/// A one-line plan of about 300 KB with one volume cliff per edition: 3,000 warnings.
fn thousands_of_warnings() -> String {
    let mut plan =
        String::from("plan \"big\" { version \"1\" currency USD tax 0% module core \"Core\"");
    for n in 0..3_000 {
        plan.push_str(&format!(
            " edition e{n} \"E{n}\" {{ includes core seats volume {{ a 1..9 at 120.00 b 10.. at 100.00 }} }}"
        ));
    }
    plan.push_str(" }\n");
    plan
}

#[test]
fn thousands_of_diagnostics_are_capped_with_a_count_of_the_rest() {
    let t = Test::new();
    let plan = t.file("big.rate", &thousands_of_warnings());
    let plan = plan.to_str().unwrap_or_default().to_string();
    let out = t.args(&["check", &plan]).run().status(0);
    assert_eq!(out.stdout, format!("{plan}: ok, 3000 warnings\n"));
    assert_eq!(out.stderr.matches("⚠ volume cliff").count(), 25, "25 shown");
    assert!(
        out.stderr.ends_with("... and 2,975 more warnings\n"),
        "{}",
        &out.stderr[out.stderr.len().saturating_sub(300)..]
    );
    // The JSON form lists every one, for programs.
    let t = Test::new();
    let plan = t.file("big.rate", &thousands_of_warnings());
    let out = t
        .args(&[
            "check",
            "--format",
            "json",
            plan.to_str().unwrap_or_default(),
        ])
        .run()
        .status(0);
    let json = out.json();
    assert_eq!(
        json["files"][0]["diagnostics"].as_array().map(Vec::len),
        Some(3000)
    );
}

#[test]
fn a_repl_load_of_a_plan_with_an_error_past_column_65535_keeps_the_session() {
    let out = Test::new()
        .args(&["repl"])
        .stdin(&format!(
            "load {FAR_RIGHT}\nset edition basic\nset seats 3\n"
        ))
        .run()
        .status(0);
    assert!(
        out.stdout.ends_with(&format!(
            "{FAR_RIGHT_ERROR}{FAR_RIGHT} has 1 error; still using the last good plan, acme 2026.1 from <built-in acme plan>
edition basic
seats 3; monthly recurring 360.00 CNY
"
        )),
        "{}",
        out.stdout
    );
}

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
        // Enough rows that the CSV writer's buffer fills before the end: the closed pipe is
        // met inside a row, where it used to come back as "other" and be printed.
        vec!["gen-book", "--rows", "20000", "--plan", ACME],
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

fn refused(args: &[&str], status: i32, stderr: &str) {
    Test::new()
        .args(args)
        .run()
        .status(status)
        .stdout("")
        .stderr(stderr);
}

#[test]
fn request_magnitudes_past_the_limits_are_refused_naming_the_limit() {
    let basic = [ACME, "--edition", "basic"];
    fn with<'a>(basic: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
        let mut a = vec!["quote"];
        a.extend(basic);
        a.extend(extra);
        a
    }
    refused(
        &with(&basic, &["--seats", "100000000"]),
        3,
        "ratecard: request rejected: seats 100000000 is not accepted: it must be at most 10,000,000 (ratecard's limit, see docs/limits.md)\n",
    );
    refused(
        &with(&basic, &["--seats", "3", "--term", "100000000000"]),
        3,
        "ratecard: request rejected: term_months 100000000000 is not accepted: it must be at most 1,200 (ratecard's limit, see docs/limits.md)\n",
    );
    refused(
        &with(&basic, &["--seats", "3", "--storage", "100000000000000000000"]),
        3,
        "ratecard: request rejected: storage_gb 100000000000000000000 is not accepted: it must be at most 1,000,000,000,000 (ratecard's limit, see docs/limits.md)\n",
    );
    // The 1e27 GB migration used to price as 10000000000000000000000000000, without cents.
    refused(
        &with(&basic, &["--seats", "3", "--service", "migration:1000000000000000000000000000"]),
        3,
        "ratecard: request rejected: service `migration` quantity 1000000000000000000000000000 is not accepted: it must be at most 1,000,000,000,000 (ratecard's limit, see docs/limits.md)\n",
    );
    let long = format!("industry={}", "x".repeat(1001));
    refused(
        &with(&basic, &["--seats", "3", "--attr", &long]),
        3,
        "ratecard: request rejected: attribute `industry` of 1,001 characters is not accepted: it must be at most 1,000 characters (ratecard's limit, see docs/limits.md)\n",
    );
}

#[test]
fn numbers_with_an_exponent_are_refused_not_read_as_something_else() {
    refused(
        &["quote", ACME, "--edition", "basic", "--seats", "1e30"],
        2,
        "error: invalid value '1e30' for '--seats <SEATS>': `1e30` has an exponent: write the number in plain digits (1e3 is 1000)\n\nFor more information, try '--help'.\n",
    );
    let t = Test::new();
    let book = t.file(
        "book.csv",
        "customer,edition,seats,term_months\nA,basic,5,1e3\nB,basic,5,12\n",
    );
    t.args(&["batch", ACME, book.to_str().unwrap_or_default()])
        .run()
        .status(3)
        .stdout(
            "customer,monthly_recurring,one_time,first_invoice_total,term_total_with_tax,annual_recurring,term_total,term_tax,status,message
A,,,,,,,,rejected,line 2: term_months `1e3` has an exponent: write the number in plain digits (1e3 is 1000)
B,600.00,0.00,636.00,7632.00,7200.00,7200.00,432.00,ok,
",
        )
        .stderr("ratecard: 2 rows: 1 priced, 1 rejected\n");
}

#[test]
fn request_file_numbers_that_a_float_cannot_hold_are_refused() {
    let t = Test::new();
    let json = t.file(
        "r.json",
        r#"{"edition": "basic", "seats": 3, "storage_gb": 12345678901234567890123}"#,
    );
    let json = json.to_str().unwrap_or_default().to_string();
    t.args(&["quote", ACME, "--request", &json])
        .run()
        .status(3)
        .stdout("")
        .stderr(&format!("ratecard: request {json}: a number with more than 15 significant digits cannot be read exactly from a JSON or TOML number (it reads as 12345678901234568000000); write it in quotes, e.g. \"12345678901234567.5\" at line 1 column 70\n"));
    // Quoted, every digit is kept.
    let t = Test::new();
    let json = t.file(
        "r.json",
        r#"{"edition": "basic", "seats": 3, "services": [{"kind": "training", "quantity": "123456789012.5"}]}"#,
    );
    let out = t
        .args(&[
            "quote",
            ACME,
            "--request",
            json.to_str().unwrap_or_default(),
            "--format",
            "json",
        ])
        .run()
        .status(0);
    let q = out.json();
    let training = q["lines"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["id"] == "service.training"))
        .map(|l| l["quantity"].clone());
    assert_eq!(training, Some(serde_json::json!("123456789012.5")));
    let t = Test::new();
    let toml = t.file(
        "r.toml",
        "edition = \"basic\"\nseats = 3\n[[services]]\nkind = \"training\"\nquantity = 12345678901234567.5\n",
    );
    let out = t
        .args(&[
            "quote",
            ACME,
            "--request",
            toml.to_str().unwrap_or_default(),
        ])
        .run()
        .status(3);
    assert!(
        out.stderr.contains("a number with more than 15 significant digits cannot be read exactly from a JSON or TOML number (it reads as 12345678901234568); write it in quotes"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_amount_that_cannot_keep_its_cents_is_refused() {
    refused(
        &["quote", "tests/fixtures/huge-price.rate", "--edition", "e", "--seats", "1000"],
        3,
        "ratecard: request rejected: line `E seats 1..` is too large to compute exactly; check the quantities\n",
    );
    // One seat fits: every amount keeps its cents and net plus tax is the total.
    let out = Test::new()
        .args(&[
            "quote",
            "tests/fixtures/huge-price.rate",
            "--edition",
            "e",
            "--seats",
            "1",
            "--format",
            "json",
        ])
        .run()
        .status(0);
    let t = &out.json()["totals"];
    assert_eq!(t["first_invoice"], "99999999999999999999.99");
    assert_eq!(t["first_invoice_tax"], "7000000000000000000.00");
    assert_eq!(t["first_invoice_total"], "106999999999999999999.99");
}

#[test]
fn a_piped_repl_line_that_is_not_utf8_is_reported_and_the_session_goes_on() {
    Test::new()
        .args(&["repl"])
        .stdin_bytes(b"set edition basic\nset seats 1\xe9\nset seats 3\n")
        .run()
        .status(0)
        .stdout(
            "edition basic
error: that line has a byte that is not UTF-8 text (a Latin-1 character?); it was not run: type it again
seats 3; monthly recurring 360.00 CNY
",
        );
}

/// The REPL at a pseudo-terminal.
fn terminal() -> expectrl::Session {
    let home = tempfile::tempdir().expect("home");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ratecard"));
    cmd.args(["repl", ACME])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .current_dir(common::root());
    let mut s = expectrl::Session::spawn(cmd).expect("spawn in a pseudo-terminal");
    s.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    s
}

#[test]
fn at_a_terminal_a_latin1_byte_is_reported_and_pasted_lines_all_run() {
    let mut s = terminal();
    s.expect("Ctrl-D or quit leaves.").expect("banner");
    s.send(b"set seats 1\xe9\r").expect("type");
    s.expect("that line has a byte that is not UTF-8 text")
        .expect("reported");
    // Three commands arriving at once, as from a paste: each runs, in order.
    s.send("set edition advanced\rset seats 12\rset billing annual\r")
        .expect("paste");
    s.expect("edition advanced").expect("first");
    s.expect("seats 12").expect("second");
    s.expect("billing annual").expect("third");
    s.send("quit\r").expect("quit");
    s.expect(expectrl::Eof).expect("the session ends");
}

const RESULT_HEADER: &str =
    "customer,monthly_recurring,one_time,first_invoice_total,term_total_with_tax,annual_recurring,term_total,term_tax,status,message\n";

#[test]
fn an_unclosed_quote_is_its_own_rejected_row_and_swallows_nothing() {
    let t = Test::new();
    let book = t.file(
        "book.csv",
        "customer,edition,seats\nA,basic,5\nB,basic,6\nC,basic,7\n\"D,basic,5\nE,basic,8\nF,basic,9\nG,basic,10\nH,basic,11\nI,basic,12\n",
    );
    t.args(&["batch", ACME, book.to_str().unwrap_or_default()])
        .run()
        .status(3)
        .stdout(&format!(
            "{RESULT_HEADER}A,600.00,0.00,636.00,7632.00,7200.00,7200.00,432.00,ok,
B,720.00,0.00,763.20,9158.40,8640.00,8640.00,518.40,ok,
C,840.00,0.00,890.40,10684.80,10080.00,10080.00,604.80,ok,
,,,,,,,,rejected,line 5: a quote opens on this line and does not close on it (a field cannot span lines)
E,960.00,0.00,1017.60,12211.20,11520.00,11520.00,691.20,ok,
F,1080.00,0.00,1144.80,13737.60,12960.00,12960.00,777.60,ok,
G,1000.00,0.00,1060.00,12720.00,12000.00,12000.00,720.00,ok,
H,1100.00,0.00,1166.00,13992.00,13200.00,13200.00,792.00,ok,
I,1200.00,0.00,1272.00,15264.00,14400.00,14400.00,864.00,ok,
"
        ))
        .stderr("ratecard: 9 rows: 8 priced, 1 rejected\n");
}

#[test]
fn line_numbers_are_right_with_crlf_cr_and_blank_lines() {
    for (name, end) in [("crlf", "\r\n"), ("cr", "\r"), ("lf", "\n")] {
        let t = Test::new();
        let text = [
            "customer,edition,seats",
            "A,basic,5",
            "",
            "B,basic,x",
            "C,basic",
            "",
        ]
        .join(end);
        let book = t.file("book.csv", &text);
        let out = t
            .args(&["batch", ACME, book.to_str().unwrap_or_default()])
            .run();
        assert_eq!(
            (out.status, out.stdout.as_str(), out.stderr.as_str()),
            (
                3,
                format!(
                    "{RESULT_HEADER}A,600.00,0.00,636.00,7632.00,7200.00,7200.00,432.00,ok,
B,,,,,,,,rejected,line 4: seats `x` is not a number
C,,,,,,,,rejected,line 5: the row has 2 fields but the header has 3
"
                )
                .as_str(),
                "ratecard: 3 rows: 1 priced, 2 rejected\n"
            ),
            "{name}"
        );
    }
}

#[test]
fn a_repl_number_with_an_exponent_is_refused() {
    Test::new()
        .args(&["repl"])
        .stdin("set edition basic\nset seats 1e3\nset seats 3\n")
        .run()
        .status(0)
        .stdout(
            "edition basic
error: seats: `1e3` has an exponent: write the number in plain digits (1e3 is 1000)
seats 3; monthly recurring 360.00 CNY
",
        );
}

/// A one-line plan whose discount's condition sits inside `depth` parentheses.
fn nested_plan(depth: usize) -> String {
    format!(
        "plan \"p\" {{ version \"1\" currency USD tax 0% edition e {{ 1.00 per seat }} discount x {{ 10% off all when {}seats > 1{} }} }}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    )
}

#[test]
fn a_condition_nested_beyond_the_parsers_stack_is_a_plan_error_not_a_crash() {
    let t = Test::new();
    let depth = 200_000;
    let plan = t.file("deep.rate", &nested_plan(depth));
    let out = t.args(&["check", plan.to_str().unwrap()]).run().status(1);
    assert!(
        out.stderr.contains(
            "expected less nesting: a condition may not nest parentheses or `not` this deeply"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_condition_nested_64_deep_still_checks_and_65_is_refused_at_the_65th() {
    for (depth, status) in [(64, 0), (65, 1)] {
        let t = Test::new();
        let plan = t.file("deep.rate", &nested_plan(depth));
        let out = t
            .args(&["check", plan.to_str().unwrap()])
            .run()
            .status(status);
        if status == 1 {
            // The 65th parenthesis: 101 characters of plan, then 64 parentheses before it.
            assert!(out.stderr.contains("deep.rate:1:166]"), "{}", out.stderr);
            assert!(
                out.stderr
                    .contains("a condition nests at most 64 parentheses and `not`s deep"),
                "{}",
                out.stderr
            );
        }
    }
}

#[test]
fn over_long_names_and_labels_are_plan_errors_naming_the_limit() {
    let t = Test::new();
    let plan = t.file(
        "long.rate",
        &format!(
            "plan \"p\" {{\n  version \"1\"\n  currency USD\n  tax 0%\n  edition {} \"{}\" {{ 1.00 per seat }}\n}}\n",
            "e".repeat(129),
            "L".repeat(501)
        ),
    );
    let out = t
        .args(&["check", plan.to_str().unwrap(), "--format", "json"])
        .run()
        .status(1);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let messages: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["message"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        messages,
        [
            "a name longer than 128 characters: ratecard's limit, see docs/limits.md",
            "a label longer than 500 characters: ratecard's limit, see docs/limits.md",
        ]
    );
}

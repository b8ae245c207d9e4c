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

//! Every front end over the hostile fixtures of tests/fixtures/security/ (issue 22): what
//! reaches a terminal, a log or a document holds no raw control character or bidi control
//! (they are shown as `\u{1b}`), and no Markdown link or image from a plan, request or
//! book is live. JSON keeps the exact text (its own quoting makes C0 controls inert), so it
//! is checked for raw C0 controls only.

mod common;

use common::Test;
use std::io::Write;

const DIR: &str = "tests/fixtures/security";
const PLAN: &str = "tests/fixtures/security/frontends.rate";
const REQUEST: &str = "tests/fixtures/security/frontends-request.toml";
const BOOK: &str = "tests/fixtures/security/frontends-book.csv";

/// The characters of `text` that must not reach a terminal: everything `text::shown`
/// escapes, except the line breaks that separate lines of output.
fn raw(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| *c != '\n' && ratecard::text::is_unsafe(*c))
        .collect()
}

/// Raw C0 controls (and DEL) other than line breaks, for JSON.
fn raw_c0(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| *c != '\n' && (c.is_ascii_control()))
        .collect()
}

/// Runs `ratecard ARGS` and returns stdout and stderr, whatever the exit code.
fn run(args: &[&str]) -> (String, String) {
    let out = Test::new().args(args).run();
    (out.stdout, out.stderr)
}

/// Markdown from a hostile source: no link or image is live (each `[` and `]` of one is
/// escaped), and no raw control either.
fn inert_markdown(what: &str, text: &str) {
    for live in ["[click](", "[Pay here](", "[Pay](", "![]("] {
        assert!(!text.contains(live), "{what}: a live `{live}` in\n{text}");
    }
    assert_eq!(raw(text), Vec::<char>::new(), "{what}:\n{text:?}");
}

#[test]
fn every_terminal_front_end_shows_hostile_text_escaped() {
    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut add = |what: &str, (out, err): (String, String)| {
        assert!(!out.is_empty() || !err.is_empty(), "{what} printed nothing");
        outputs.push((format!("{what} (stdout)"), out));
        outputs.push((format!("{what} (stderr)"), err));
    };
    add("check", run(&["check", PLAN]));
    let broken = tempfile::tempdir().unwrap();
    let broken_plan = broken.path().join("broken.rate");
    std::fs::write(
        &broken_plan,
        std::fs::read_to_string(common::root().join(PLAN))
            .unwrap()
            .replace("tax 0%", "tax 0%\n  bogus\n"),
    )
    .unwrap();
    add(
        "check a broken plan",
        run(&["check", broken_plan.to_str().unwrap()]),
    );
    for format in ["table", "markdown"] {
        add(
            &format!("quote --format {format}"),
            run(&["quote", PLAN, "-r", REQUEST, "--format", format]),
        );
        add(
            &format!("sheet --format {format}"),
            run(&["sheet", PLAN, "--format", format]),
        );
    }
    add(
        "quote --audience customer --format markdown",
        run(&[
            "quote",
            PLAN,
            "-r",
            REQUEST,
            "--audience",
            "customer",
            "--format",
            "markdown",
        ]),
    );
    add(
        "quote, rejected",
        run(&["quote", PLAN, "-r", REQUEST, "--seats", "0"]),
    );
    add("plot", run(&["plot", PLAN]));
    add("batch", run(&["batch", PLAN, BOOK]));
    add(
        "diff",
        run(&["diff", &format!("{DIR}/noisy.rate"), PLAN, "--book", BOOK]),
    );
    add("repl", {
        let out = Test::new()
                .args(&["repl", PLAN, "--echo"])
                .stdin("set edition basic\nset seats 3\nadd module reports\nset customer \"\u{1b}]0;x\u{7}[a](http://e)\"\nquote\nexplain\nplan\nset seats 0\nquote\n")
                .run();
        (out.stdout, out.stderr)
    });
    // `ratecard test` on a copy of the plan's folder, with a hostile test file and name.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rules")).unwrap();
    std::fs::create_dir_all(dir.path().join("tests/frontends")).unwrap();
    for f in [
        "frontends.rate",
        "rules/noisy.rhai",
        "tests/frontends/hostile.toml",
    ] {
        std::fs::copy(common::root().join(DIR).join(f), dir.path().join(f)).unwrap();
    }
    std::fs::copy(
        common::root()
            .join(DIR)
            .join("tests/frontends/hostile.toml"),
        dir.path()
            .join("tests/frontends/evil\u{1b}[2J\u{202e}.toml"),
    )
    .unwrap();
    let plan_copy = dir.path().join("frontends.rate");
    add("test", run(&["test", plan_copy.to_str().unwrap()]));
    for (what, text) in &outputs {
        assert_eq!(raw(text), Vec::<char>::new(), "{what}:\n{text}");
        if std::env::var_os("SHOW_FRONTENDS").is_some() {
            eprintln!("==== {what}\n{text}");
        }
    }
    // The hostile parts did reach the output, escaped: the test is not passing vacuously.
    let all: String = outputs.iter().map(|(_, t)| t.as_str()).collect();
    for shown in [r"\u{1b}]0;pwned\u{7}", r"\u{202e}", r"\u{1b}[2J"] {
        assert!(all.contains(shown), "{shown} never shown");
    }
}

#[test]
fn markdown_documents_keep_links_and_images_from_plans_and_requests_inert() {
    for args in [
        vec!["quote", PLAN, "-r", REQUEST, "--format", "markdown"],
        vec![
            "quote",
            PLAN,
            "-r",
            REQUEST,
            "--format",
            "markdown",
            "--audience",
            "customer",
        ],
        vec!["sheet", PLAN, "--format", "markdown"],
    ] {
        let (out, _) = run(&args);
        inert_markdown(&args.join(" "), &out);
        assert!(
            out.contains(r"\[Pay here\](http://evil.example/pay)"),
            "{out}"
        );
    }
    let (out, _) = run(&[
        "quote",
        PLAN,
        "-r",
        REQUEST,
        "--format",
        "markdown",
        "--audience",
        "customer",
    ]);
    assert!(
        out.contains(
            r"\[Pay\](http://evil.example) !\[\](http://evil.example/i.png)\u{1b}\[2J\u{202e}Acme"
        ),
        "{out}"
    );
}

#[test]
fn json_front_ends_keep_the_exact_text_with_no_raw_c0_control() {
    for args in [
        vec!["quote", PLAN, "-r", REQUEST, "--format", "json"],
        vec!["check", PLAN, "--format", "json"],
    ] {
        let (out, _) = run(&args);
        assert_eq!(raw_c0(&out), Vec::<char>::new(), "{}", args.join(" "));
        serde_json::from_str::<serde_json::Value>(&out)
            .unwrap_or_else(|e| panic!("{}: {e}\n{out}", args.join(" ")));
    }
    // The language server's diagnostics and hovers are JSON too.
    let text = std::fs::read_to_string(common::root().join(PLAN)).unwrap();
    let open = serde_json::json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": "file:///tmp/frontends.rate", "languageId": "ratecard", "version": 1, "text": text } }
    })
    .to_string();
    let init = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#;
    // A request that reads the document has it checked now (the server otherwise waits
    // for the editor to pause, and this input ends first).
    let hover = r#"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///tmp/frontends.rate"},"position":{"line":0,"character":1}}}"#;
    let mut input = Vec::new();
    for body in [init, &open, hover] {
        write!(input, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    }
    let out = Test::new().args(&["lsp"]).stdin_bytes(&input).run();
    assert!(out.stdout.contains("publishDiagnostics"), "{}", out.stdout);
    assert_eq!(raw_c0(&out.stdout.replace("\r\n", "")), Vec::<char>::new());
}

//! `ratecard lsp` driven over stdio as an editor drives it (issue 15, item 7): diagnostics
//! as you type, hover with prices, completion, go to definition, formatting, shutdown.

mod common;

use common::lsp::Editor;
use common::root;
use serde_json::{json, Value};
use std::io::Write;

fn uri() -> String {
    format!("file://{}", root().join("examples/zoho.rate").display())
}

fn at(line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri() }, "position": { "line": line, "character": character } })
}

fn open(e: &mut Editor, text: &str) -> Vec<Value> {
    e.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri(), "languageId": "ratecard", "version": 1, "text": text } }),
    );
    e.diagnostics(&uri())
}

fn zoho() -> String {
    std::fs::read_to_string(root().join("examples/zoho.rate")).unwrap()
}

/// 0-based (line, character) of the first `needle` in `text`, at `skip` characters into it.
fn find(text: &str, needle: &str, skip: u32) -> (u32, u32) {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the plan"));
    let line = text[..i].matches('\n').count() as u32;
    let col = text[..i].rsplit('\n').next().unwrap().chars().count() as u32;
    (line, col + skip)
}

#[test]
fn diagnostics_follow_the_text_as_it_is_typed() {
    let mut e = Editor::start();
    let caps = &e.capabilities;
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["textDocumentSync"], 1);
    assert_eq!(caps["definitionProvider"], true);
    assert_eq!(caps["documentFormattingProvider"], true);
    assert_eq!(open(&mut e, &zoho()), Vec::<Value>::new());
    let broken = zoho().replace(
        "20.00 per seat per month billed monthly",
        "-20.00 per seat per month billed monthly",
    );
    e.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri(), "version": 2 }, "contentChanges": [{ "text": broken }] }),
    );
    let found = e.diagnostics(&uri());
    // The error, and the warning it causes: annual (14.00) now dearer than monthly.
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[1]["severity"], 2);
    assert_eq!(
        found[0]["message"],
        "a price cannot be negative (found -20.00)"
    );
    assert_eq!(found[0]["severity"], 1);
    assert_eq!(
        found[0]["range"],
        json!({ "start": { "line": 30, "character": 4 }, "end": { "line": 30, "character": 10 } })
    );
    e.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri(), "version": 3 }, "contentChanges": [{ "text": zoho() }] }),
    );
    assert_eq!(e.diagnostics(&uri()), Vec::<Value>::new());
}

#[test]
fn hover_shows_the_price_and_a_typical_quote() {
    let mut e = Editor::start();
    let text = zoho();
    open(&mut e, &text);
    let (line, col) = find(&text, "edition professional", 10);
    let h = e.request("textDocument/hover", at(line, col));
    assert_eq!(
        h["contents"]["value"],
        "**edition `professional`**\n\nProfessional — 35.00 per seat billed monthly; 23.00 per seat billed annually\n\nTypical quote (10 seats, billed monthly): 350.00 USD a month; first invoice 378.88 USD with tax"
    );
    let (line, col) = find(&text, "requires forecasting", 12);
    let h = e.request("textDocument/hover", at(line, col));
    assert_eq!(
        h["contents"]["value"],
        "**module `forecasting`**\n\nSales forecasting — 4.00 per seat\n\nTypical line (with Standard and 10 seats): 40.00 USD a month — 10 seats x 4.00"
    );
    let (line, col) = find(&text, "addon api_credits", 8);
    let h = e.request("textDocument/hover", at(line, col));
    assert_eq!(
        h["contents"]["value"],
        "**add-on `api_credits`**\n\nAPI call packs — 10.00 per pack of 50000 calls, round up (call)\n\nTypical line (100 calls with 10 seats): 10.00 USD a month — 100 / 50000 = 0.002 packs, rounded up to 1 pack x 10.00"
    );
    // Nothing to say over a number.
    let (line, col) = find(&text, "8_000.00", 2);
    assert_eq!(e.request("textDocument/hover", at(line, col)), Value::Null);
}

#[test]
fn completion_offers_the_plans_names() {
    let mut e = Editor::start();
    open(&mut e, &zoho());
    let items = e.request("textDocument/completion", at(60, 4));
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    for name in [
        "professional",
        "forecasting",
        "extra_sandbox",
        "mass_email",
        "daily",
        "premium",
        "LAUNCH20",
        "graduated",
    ] {
        assert!(labels.contains(&name), "{name} not offered: {labels:?}");
    }
}

#[test]
fn definition_goes_from_a_reference_to_the_declaration() {
    let mut e = Editor::start();
    let text = zoho();
    open(&mut e, &text);
    let (line, col) = find(&text, "requires forecasting", 12);
    let loc = e.request("textDocument/definition", at(line, col));
    let (dl, dc) = find(&text, "module forecasting", 7);
    assert_eq!(loc["uri"], uri());
    assert_eq!(
        loc["range"]["start"],
        json!({ "line": dl, "character": dc })
    );
    assert_eq!(
        loc["range"]["end"],
        json!({ "line": dl, "character": dc + 11 })
    );
}

#[test]
fn formatting_lays_the_plan_out_as_fmt_does_and_refuses_a_broken_one() {
    let mut e = Editor::start();
    let messy = zoho().replace(
        "  module deals \"Deals\"",
        "      module    deals \"Deals\"",
    );
    open(&mut e, &messy);
    let edits = e.request("textDocument/formatting", json!({ "textDocument": { "uri": uri() }, "options": { "tabSize": 2, "insertSpaces": true } }));
    assert_eq!(edits[0]["newText"], zoho());
    e.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri(), "version": 2 }, "contentChanges": [{ "text": "plan \"x\" { edition" }] }),
    );
    let answer = e.call("textDocument/formatting", json!({ "textDocument": { "uri": uri() }, "options": { "tabSize": 2, "insertSpaces": true } }));
    assert_eq!(
        answer["error"]["message"],
        "the plan has syntax errors; fix them before formatting"
    );
}

#[test]
fn a_bad_request_gets_an_error_and_shutdown_exits_cleanly() {
    let mut e = Editor::start();
    let answer = e.call("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(answer["error"]["code"], -32602);
    let answer = e.call("workspace/symbol", json!({ "query": "x" }));
    assert_eq!(
        answer["error"]["message"],
        "ratecard lsp does not answer workspace/symbol"
    );
    let shutdown = e.call("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    e.notify("exit", Value::Null);
    let status = e.child.wait().expect("exit");
    assert!(status.success(), "{status}");
}

#[test]
fn the_textmate_grammar_highlights_every_keyword_of_the_language() {
    let tm: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("editors/vscode/syntaxes/ratecard.tmLanguage.json"))
            .unwrap(),
    )
    .expect("the TextMate grammar is JSON");
    let repo = &tm["repository"];
    let patterns = format!(
        "{} {}",
        repo["keyword"]["match"].as_str().unwrap(),
        repo["declaration"]["match"].as_str().unwrap()
    );
    let pest = std::fs::read_to_string(root().join("grammar/ratecard.pest")).unwrap();
    let words: Vec<&str> = pest
        .lines()
        .filter(|l| l.starts_with("kw_"))
        .filter_map(|l| l.split('"').nth(1))
        .collect();
    assert!(words.len() >= 90, "{}", words.len());
    let missing: Vec<&&str> = words
        .iter()
        .filter(|w| {
            // `seats?` highlights both `seat` and `seats`.
            let forms = [
                w.to_string(),
                format!("{w}s?"),
                format!("{}s?", w.trim_end_matches('s')),
            ];
            !forms.iter().any(|f| {
                [format!("|{f}|"), format!("({f}|"), format!("|{f})")]
                    .iter()
                    .any(|p| patterns.contains(p))
            })
        })
        .collect();
    assert!(missing.is_empty(), "not highlighted: {missing:?}");
}

#[test]
fn the_server_survives_huge_and_malformed_frames() {
    let mut e = Editor::start();
    for raw in [
        "Content-Length: 99999999999999\r\n\r\n".to_string(),
        "Content-Length: 3000000000\r\n\r\n{\"jsonrpc\"".to_string(),
        "Content-Length: nine\r\n\r\n".to_string(),
        "Content-Length: 9\r\n\r\nnot json!".to_string(),
    ] {
        e.stdin.write_all(raw.as_bytes()).unwrap();
        e.stdin.flush().unwrap();
        // The error comes back at once, before any other frame, and names what was wrong.
        let error = e.next();
        assert_eq!(error["id"], Value::Null, "{error}");
        assert_eq!(error["error"]["code"], -32700, "{error}");
    }
    // Still serving: a request after them all is answered.
    let text = zoho();
    open(&mut e, &text);
    let (line, character) = find(&text, "edition professional", 10);
    let hover = e.request("textDocument/hover", at(line, character));
    assert!(hover["contents"]["value"].is_string(), "{hover}");
    let shutdown = e.call("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    e.notify("exit", Value::Null);
    assert!(e.child.wait().expect("exit").success());
}

#[test]
fn the_frame_limit_is_named_in_the_error() {
    let mut e = Editor::start();
    e.stdin
        .write_all(b"Content-Length: 99999999999999\r\n\r\n")
        .unwrap();
    e.stdin.flush().unwrap();
    assert_eq!(
        e.next()["error"]["message"],
        "a message of 99999999999999 bytes is larger than ratecard lsp reads: 64 MiB (docs/limits.md)"
    );
}

#[test]
fn positions_count_cr_lf_and_crlf_line_breaks() {
    let plan = "plan \"p\" {\n  version \"1\"\n  currency USD\n  tax 0%\n  edition basic \"Basic\" { 20.00 per seat }\n  bogus\n}\n";
    let mut e = Editor::start();
    for (name, text) in [
        ("lf", plan.to_string()),
        ("crlf", plan.replace('\n', "\r\n")),
        ("cr", plan.replace('\n', "\r")),
    ] {
        let uri = format!("file:///tmp/{name}.rate");
        e.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "ratecard", "version": 1, "text": text } }),
        );
        let d = e.diagnostics(&uri);
        assert!(!d.is_empty(), "{name}");
        assert_eq!(
            d[0]["range"]["start"],
            json!({ "line": 5, "character": 2 }),
            "{name}: {}",
            d[0]
        );
    }
}

#[test]
fn completion_offers_what_fits_where_the_cursor_is() {
    let mut e = Editor::start();
    // A line being typed: the plan does not parse, yet the context is known.
    let text = zoho().replacen(
        "    includes leads, contacts, deals, tasks\n    storage 10 GB",
        "    includes leads, contacts, deals, tasks\n    includes \n    storage 10 GB",
        1,
    );
    open(&mut e, &text);
    let labels = |v: Value| -> Vec<String> {
        (v.as_array().unwrap().iter())
            .filter_map(|i| i["label"].as_str().map(String::from))
            .collect()
    };
    let (line, col) = find(&text, "    includes \n", 13);
    let modules = labels(e.request("textDocument/completion", at(line, col)));
    assert_eq!(modules[..4], ["leads", "contacts", "deals", "tasks"]);
    assert!(modules.contains(&"sales_inbox".to_string()), "{modules:?}");
    assert!(
        !modules.contains(&"professional".to_string()),
        "{modules:?}"
    );
    let (line, col) = find(&text, "billed monthly", 7);
    let cycles = labels(e.request("textDocument/completion", at(line, col)));
    assert_eq!(
        cycles[..4],
        ["monthly", "quarterly", "semiannually", "annually"]
    );
}

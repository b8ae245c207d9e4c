//! `ratecard lsp` for writing plans all day (issue 27, item 4): rename across the plan and
//! its golden tests, the outline, folding, and the quick fixes the checker's help suggests;
//! driven over stdio as an editor drives it.

mod common;

use common::lsp::Editor;
use common::root;
use serde_json::{json, Value};

fn zoho_uri() -> String {
    format!("file://{}", root().join("examples/zoho.rate").display())
}

fn file_uri(path: &str) -> String {
    format!("file://{}", root().join(path).display())
}

/// A plan with no tests beside it (the file need not exist: the editor sends the text).
const FIXTURE_URI: &str = "file:///nowhere/fixture.rate";

const FIXTURE: &str = r#"plan "Fixture" {
  currency USD
  tax 10%

  module leads "Leads"
  module reports "Reports" {
    5.00 per seat
  }

  edition basic "Basic" {
    includes leads
    seats volume {
      small 1..10 at 10.00
      11.. at 8.00
    }
  }

  usage mass_email "Mass emails" {
    unit email
    graduated {
      1..1000 at 0.01
      1001.. at 0.005
    }
  }
}
"#;

fn position(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({ "start": position(l1, c1), "end": position(l2, c2) })
}

fn edit(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> Value {
    json!({ "range": range(l1, c1, l2, c2), "newText": text })
}

/// The edits of a workspace edit, each file's sorted by position.
fn changes(edit: &Value) -> Vec<(String, Vec<Value>)> {
    let mut out: Vec<(String, Vec<Value>)> = edit["changes"]
        .as_object()
        .unwrap_or_else(|| panic!("no changes: {edit}"))
        .iter()
        .map(|(uri, edits)| {
            let mut edits = edits.as_array().cloned().unwrap_or_default();
            edits.sort_by_key(|e| {
                let s = &e["range"]["start"];
                (s["line"].as_u64(), s["character"].as_u64())
            });
            (uri.clone(), edits)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn rename(e: &mut Editor, line: u32, character: u32, new: &str) -> Value {
    e.call(
        "textDocument/rename",
        json!({
            "textDocument": { "uri": zoho_uri() },
            "position": position(line, character),
            "newName": new,
        }),
    )
}

fn zoho() -> String {
    std::fs::read_to_string(root().join("examples/zoho.rate")).expect("zoho")
}

#[test]
fn the_server_says_what_it_answers() {
    let e = Editor::start();
    let caps = &e.capabilities;
    assert_eq!(caps["renameProvider"], json!({ "prepareProvider": true }));
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(caps["foldingRangeProvider"], true);
    assert_eq!(caps["codeActionProvider"], true);
}

#[test]
fn a_module_is_renamed_in_the_plan_its_tests_and_the_requests_they_read() {
    let mut e = Editor::start();
    assert_eq!(e.open(&zoho_uri(), &zoho()), Vec::<Value>::new());
    // On `analytics` in `module analytics "Advanced analytics"` (line 86).
    let prepared = e.request(
        "textDocument/prepareRename",
        json!({ "textDocument": { "uri": zoho_uri() }, "position": position(85, 12) }),
    );
    assert_eq!(
        prepared,
        json!({ "range": range(85, 9, 85, 18), "placeholder": "analytics" })
    );
    let answer = rename(&mut e, 85, 12, "insights");
    assert_eq!(
        changes(&answer["result"]),
        vec![
            // modules = ["canvas", "ai_assistant", "analytics"]
            (
                file_uri("examples/requests/zoho-enterprise.toml"),
                vec![edit(30, 38, 30, 47, "insights")]
            ),
            // { id = "module.analytics", amount = "300.00" }
            (
                file_uri("examples/tests/zoho/zoho-enterprise.toml"),
                vec![edit(9, 17, 9, 26, "insights")]
            ),
            // `includes ..., analytics` in Ultimate and the declaration; not the word in
            // Ultimate's description.
            (
                zoho_uri(),
                vec![
                    edit(54, 57, 54, 66, "insights"),
                    edit(85, 9, 85, 18, "insights")
                ]
            ),
        ]
    );
}

#[test]
fn a_discount_is_renamed_but_a_customer_attribute_of_the_same_word_is_not() {
    let mut e = Editor::start();
    e.open(&zoho_uri(), &zoho());
    let answer = rename(&mut e, 161, 14, "charity");
    // The line ids of its two lines; the request's `segment = "nonprofit"` and the
    // plan's condition on it are a customer's attribute, not the discount.
    assert_eq!(
        changes(&answer["result"]),
        vec![
            (
                file_uri("examples/tests/zoho/zoho-enterprise.toml"),
                vec![
                    edit(18, 19, 18, 28, "charity"),
                    edit(19, 19, 19, 28, "charity")
                ]
            ),
            (zoho_uri(), vec![edit(161, 11, 161, 20, "charity")]),
        ]
    );
}

#[test]
fn a_rename_to_a_bad_or_taken_name_is_refused() {
    let mut e = Editor::start();
    e.open(&zoho_uri(), &zoho());
    let answer = rename(&mut e, 85, 12, "2fast");
    assert_eq!(answer["error"]["code"], -32803, "{answer}");
    assert_eq!(
        answer["error"]["message"],
        "`2fast` is not a name: a name starts with a letter or `_` and holds only letters, digits, `_` and `-`"
    );
    let answer = rename(&mut e, 85, 12, "standard");
    assert_eq!(
        answer["error"]["message"],
        "`standard` already names the edition on line 27; choose another name"
    );
    let answer = rename(&mut e, 85, 3, "x");
    assert_eq!(
        answer["error"]["message"],
        "`module` is not the name of an edition, module, seat type, add-on, usage, option, service, discount or coupon of this plan"
    );
}

#[test]
fn the_outline_lists_every_item_with_its_bands_and_tiers() {
    let mut e = Editor::start();
    e.open(FIXTURE_URI, FIXTURE);
    let symbols = e.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": FIXTURE_URI } }),
    );
    let field = 8;
    assert_eq!(
        symbols,
        json!([
            symbol(
                "leads",
                "module",
                2,
                range(4, 2, 4, 22),
                range(4, 9, 4, 14),
                None
            ),
            symbol(
                "reports",
                "module",
                2,
                range(5, 2, 7, 3),
                range(5, 9, 5, 16),
                None
            ),
            symbol(
                "basic",
                "edition",
                5,
                range(9, 2, 15, 3),
                range(9, 10, 9, 15),
                Some(json!([
                    symbol(
                        "small 1..10",
                        "band",
                        field,
                        range(12, 6, 12, 26),
                        range(12, 6, 12, 11),
                        None
                    ),
                    symbol(
                        "11..",
                        "band",
                        field,
                        range(13, 6, 13, 18),
                        range(13, 6, 13, 10),
                        None
                    ),
                ]))
            ),
            symbol(
                "mass_email",
                "usage",
                7,
                range(17, 2, 23, 3),
                range(17, 8, 17, 18),
                Some(json!([
                    symbol(
                        "1..1000",
                        "tier",
                        field,
                        range(20, 6, 20, 21),
                        range(20, 6, 20, 13),
                        None
                    ),
                    symbol(
                        "1001..",
                        "tier",
                        field,
                        range(21, 6, 21, 21),
                        range(21, 6, 21, 12),
                        None
                    ),
                ]))
            ),
        ])
    );
}

#[test]
fn every_braced_block_folds() {
    let mut e = Editor::start();
    e.open(FIXTURE_URI, FIXTURE);
    let folds = e.request(
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": FIXTURE_URI } }),
    );
    let fold = |from: u32, to: u32| json!({ "startLine": from, "endLine": to });
    // The plan, `reports`, `basic` and its bands, `mass_email` and its tiers; not the
    // one-line `module leads`.
    assert_eq!(
        folds,
        json!([
            fold(0, 24),
            fold(5, 7),
            fold(9, 15),
            fold(11, 14),
            fold(17, 23),
            fold(19, 22)
        ])
    );
}

/// The code actions offered for the diagnostics of `text`.
fn fixes(text: &str) -> (Vec<Value>, Value) {
    let mut e = Editor::start();
    let found = e.open(FIXTURE_URI, text);
    let actions = e.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": FIXTURE_URI },
            "range": range(0, 0, 0, 0),
            "context": { "diagnostics": found },
        }),
    );
    (found, actions)
}

#[test]
fn a_misspelled_module_is_fixed_with_the_name_the_help_suggests() {
    let text = FIXTURE.replace("includes leads", "includes lead");
    let (found, actions) = fixes(&text);
    let unknown = found
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("unknown module"))
        })
        .cloned()
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(
        unknown["message"],
        "unknown module `lead`\nhelp: did you mean `leads`? declared: leads, reports"
    );
    // The other diagnostics (no version, a volume cliff) have no fix of their own, so this
    // one is preferred.
    assert_eq!(
        actions,
        json!([{
            "title": "Replace `lead` with `leads`",
            "kind": "quickfix",
            "diagnostics": [unknown],
            "edit": { "changes": { FIXTURE_URI: [edit(10, 13, 10, 17, "leads")] } },
            "isPreferred": true,
        }])
    );
}

#[test]
fn a_fraction_of_a_whole_unit_is_fixed_by_declaring_the_unit_divisible() {
    let text = FIXTURE.replace("unit email\n", "unit email\n    maximum 2.5\n");
    let (found, actions) = fixes(&text);
    let whole = found
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("the maximum"))
        })
        .cloned()
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(
        whole["message"],
        "the maximum must be a whole number: a email is counted whole (found 2.5)\nhelp: write `unit email divisible` if a email can be split, as GB or hours can"
    );
    // `unit email` (line 19) becomes `unit email divisible`.
    assert_eq!(
        actions,
        json!([{
            "title": "Declare the unit divisible: `unit email divisible`",
            "kind": "quickfix",
            "diagnostics": [whole],
            "edit": { "changes": { FIXTURE_URI: [edit(18, 14, 18, 14, " divisible")] } },
            "isPreferred": true,
        }])
    );
}

/// An outline entry as the server writes it.
fn symbol(
    name: &str,
    detail: &str,
    kind: u32,
    range: Value,
    selection: Value,
    children: Option<Value>,
) -> Value {
    let mut s = json!({
        "name": name,
        "detail": detail,
        "kind": kind,
        "range": range,
        "selectionRange": selection,
    });
    if let Some(c) = children {
        s["children"] = c;
    }
    s
}

#[test]
fn a_misspelled_keyword_is_fixed_with_the_word_the_help_suggests() {
    let text = FIXTURE.replace("includes leads", "incldues leads");
    let (found, actions) = fixes(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]["message"]
            .as_str()
            .is_some_and(|m| m.ends_with("found `incldues`\nhelp: did you mean `includes`?")),
        "{found:?}"
    );
    assert_eq!(
        actions,
        json!([{
            "title": "Replace `incldues` with `includes`",
            "kind": "quickfix",
            "diagnostics": [found[0]],
            "edit": { "changes": { FIXTURE_URI: [edit(10, 4, 10, 12, "includes")] } },
            "isPreferred": true,
        }])
    );
}

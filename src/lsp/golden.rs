//! Where a plan's golden tests name its items, so a rename reaches them: the tests are the
//! `*.toml` files `ratecard test` runs (`plantest::cases`), and the request files they
//! read. Only the places a request or an expectation names an item are read, as TOML: a
//! customer attribute that happens to equal a discount's name is left alone.

use crate::span::Span;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml_edit::{ImDocument, Item, TableLike, Value};

/// Each test or request file of the plan at `plan` that names `name`: its path, its text
/// and where the name is written in it.
pub fn names(plan: &Path, name: &str) -> Vec<(PathBuf, String, Vec<Span>)> {
    let mut found: BTreeMap<PathBuf, (String, Vec<Span>)> = BTreeMap::new();
    let tests = crate::plantest::tests_dir(plan);
    let plan_dir = plan.parent().unwrap_or(Path::new(""));
    for case in crate::plantest::cases(plan).unwrap_or_default() {
        let Some(text) = read(&case, &tests) else {
            continue;
        };
        let Ok(doc) = ImDocument::parse(text.as_str()) else {
            continue;
        };
        let mut spans = Vec::new();
        let root = doc.as_table();
        match root.get("request") {
            Some(Item::Value(Value::String(path))) => {
                let file = case.parent().unwrap_or(Path::new("")).join(path.value());
                // Where the file really is: two tests that read it give one set of edits.
                let Ok(file) = crate::files::confine(&file, plan_dir, FOLDER) else {
                    continue;
                };
                if let Some(request_text) = read(&file, plan_dir) {
                    if let Ok(request) = ImDocument::parse(request_text.as_str()) {
                        let mut in_request = Vec::new();
                        request_names(request.as_table(), &request_text, name, &mut in_request);
                        if !in_request.is_empty() {
                            found.entry(file).or_insert((request_text, in_request));
                        }
                    }
                }
            }
            Some(item) => {
                if let Some(t) = item.as_table_like() {
                    request_names(t, &text, name, &mut spans);
                }
            }
            None => {}
        }
        if let Some(lines) = root.get("expect").and_then(|e| e.as_table_like()) {
            for id in lines.get("lines").map(entries).unwrap_or_default() {
                if let Some(v) = id.get("id").and_then(Item::as_value) {
                    line_id(v, &text, name, &mut spans);
                }
            }
        }
        if !spans.is_empty() {
            found.insert(case, (text.clone(), spans));
        }
    }
    found
        .into_iter()
        .map(|(path, (text, mut spans))| {
            spans.sort_by_key(|s| s.start);
            spans.dedup();
            (path, text, spans)
        })
        .collect()
}

/// What files outside it are refused as.
const FOLDER: &str = "the plan's folder";

/// The text of `file` when it is inside `root` and of a sane size (a test is a few lines).
fn read(file: &Path, root: &Path) -> Option<String> {
    let bytes = crate::files::read_confined(file, root, FOLDER, 1 << 20).ok()?;
    String::from_utf8(bytes).ok()
}

/// The places a request names items: its edition, modules, options, coupons, services,
/// quantities, other seats and contract prices.
fn request_names(r: &dyn TableLike, text: &str, name: &str, out: &mut Vec<Span>) {
    for field in ["edition", "backup", "support", "modules", "coupons"] {
        for v in r.get(field).map(values).unwrap_or_default() {
            exact(v, text, name, out);
        }
    }
    for table in ["quantities", "volumes", "other_seats"] {
        if let Some(t) = r.get(table).and_then(Item::as_table_like) {
            keys(t, text, name, out);
        }
    }
    if let Some(c) = r.get("contract").and_then(Item::as_table_like) {
        for table in ["prices", "list_prices"] {
            if let Some(t) = c.get(table).and_then(Item::as_table_like) {
                keys(t, text, name, out);
            }
        }
    }
    for service in r.get("services").map(entries).unwrap_or_default() {
        for field in ["kind", "target"] {
            if let Some(v) = service.get(field).and_then(Item::as_value) {
                exact(v, text, name, out);
            }
        }
    }
}

/// The tables of an array of tables or of inline tables.
fn entries(item: &Item) -> Vec<Entry<'_>> {
    match item {
        Item::ArrayOfTables(a) => a.iter().map(Entry::Table).collect(),
        Item::Value(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_inline_table)
            .map(Entry::Inline)
            .collect(),
        _ => Vec::new(),
    }
}

/// A table written either way.
enum Entry<'a> {
    Table(&'a toml_edit::Table),
    Inline(&'a toml_edit::InlineTable),
}

impl Entry<'_> {
    fn get(&self, key: &str) -> Option<&Item> {
        match self {
            Entry::Table(t) => t.get(key),
            Entry::Inline(t) => TableLike::get(*t, key),
        }
    }
}

/// A value, or each value of an array.
fn values(item: &Item) -> Vec<&Value> {
    match item {
        Item::Value(Value::Array(a)) => a.iter().collect(),
        Item::Value(v) => vec![v],
        _ => Vec::new(),
    }
}

/// The text inside a string's quotes, when it is written plainly (no escapes).
fn inside(span: Option<std::ops::Range<usize>>, text: &str) -> Option<(usize, &str)> {
    let r = span?;
    let raw = text.get(r.clone())?;
    let quoted = raw.len() >= 2
        && ((raw.starts_with('"') && raw.ends_with('"'))
            || (raw.starts_with('\'') && raw.ends_with('\'')));
    if !quoted || raw.contains('\\') {
        return None;
    }
    Some((r.start + 1, &raw[1..raw.len() - 1]))
}

/// A string value that is exactly `name`.
fn exact(v: &Value, text: &str, name: &str, out: &mut Vec<Span>) {
    if let Some((start, s)) = inside(v.span(), text) {
        if s == name {
            out.push(Span::new(start, start + s.len()));
        }
    }
}

/// The keys of `t` that are exactly `name`, bare or quoted.
fn keys(t: &dyn TableLike, text: &str, name: &str, out: &mut Vec<Span>) {
    let Some((key, _)) = t.get_key_value(name) else {
        return;
    };
    let Some(r) = key.span() else {
        return;
    };
    match inside(Some(r.clone()), text) {
        Some((start, s)) if s == name => out.push(Span::new(start, start + s.len())),
        _ if text.get(r.clone()) == Some(name) => out.push(Span::new(r.start, r.end)),
        _ => {}
    }
}

/// A line id (`module.analytics`, `discount.nonprofit.recurring`): the parts after the
/// first (the line's kind) that are exactly `name`.
fn line_id(v: &Value, text: &str, name: &str, out: &mut Vec<Span>) {
    let Some((start, s)) = inside(v.span(), text) else {
        return;
    };
    let mut at = start;
    for (i, part) in s.split('.').enumerate() {
        if i > 0 && part == name {
            out.push(Span::new(at, at + part.len()));
        }
        at += part.len() + 1;
    }
}

//! One test file: the request it prices and what it must price to, read and rewritten with
//! `toml_edit` so that blessing keeps the author's comments and layout.

use crate::model::Plan;
use crate::request::Request;
use std::path::Path;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

/// What a test expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// No `[expect]` yet: the test fails until it is blessed.
    Nothing,
    /// A quote with these totals (by their JSON names, in file order) and, when given,
    /// exactly these lines (id and amount, in quote order).
    Priced {
        /// `[expect.totals]`.
        totals: Vec<(String, String)>,
        /// `lines`, when the test pins them.
        lines: Option<Vec<(String, String)>>,
        /// `invoices`, when the test pins them: each run of the schedule (`2-12`) and its
        /// amounts (`350.00 + tax 28.88 = 378.88 each`).
        invoices: Option<Vec<(String, String)>>,
    },
    /// A rejection with exactly this message.
    Rejected(String),
}

/// What the plan made of the request, in the same shape as [`Expect`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actual {
    /// Priced: every total of the JSON contract (nested ones as `a.b`) and every line.
    Priced {
        /// Totals by name.
        totals: Vec<(String, String)>,
        /// Lines: id and amount.
        lines: Vec<(String, String)>,
        /// The schedule's runs of invoices and their amounts.
        invoices: Vec<(String, String)>,
    },
    /// Rejected, with the rejection's message.
    Rejected(String),
}

impl Actual {
    /// Prices `request` against `plan` and keeps what a test compares.
    pub fn of(plan: &Plan, request: &Request) -> Actual {
        match crate::app::quote(plan, request) {
            Err(r) => Actual::Rejected(r.to_string()),
            Ok(q) => {
                // The JSON contract's view, so tests name totals and lines as `--format json`
                // does, and totals added to the contract later are covered without code here.
                let json = crate::render::JsonQuote::new(&q, request);
                let lines = json
                    .lines
                    .iter()
                    .map(|l| (l.id.to_string(), l.amount.to_string()))
                    .collect();
                Actual::Priced {
                    totals: totals_in_order(&json.totals),
                    lines,
                    invoices: invoices(&q),
                }
            }
        }
    }
}

/// Each run of invoices as (`1` or `2-12`, `350.00 + tax 28.88 = 378.88 each`).
fn invoices(q: &crate::quote::Quote) -> Vec<(String, String)> {
    q.schedule
        .runs
        .iter()
        .map(|r| {
            let which = if r.count == 1 {
                r.first.to_string()
            } else {
                format!("{}-{}", r.first, r.last())
            };
            let each = if r.count == 1 { "" } else { " each" };
            let a = r.amounts;
            let amounts = format!(
                "{} + tax {} = {}{each}",
                q.fmt(a.without_tax),
                q.fmt(a.tax),
                q.fmt(a.with_tax)
            );
            (which, amounts)
        })
        .collect()
}

/// Every total by name, in the contract's field order (TOML keeps struct order, where a
/// JSON map would sort the names).
fn totals_in_order<T: serde::Serialize>(totals: &T) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(doc) = toml::to_string(totals)
        .map_err(|e| e.to_string())
        .and_then(|t| t.parse::<DocumentMut>().map_err(|e| e.to_string()))
    {
        flatten("", doc.as_item(), &mut out);
    }
    out
}

fn flatten(prefix: &str, item: &Item, out: &mut Vec<(String, String)>) {
    let key = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match item {
        Item::Table(t) => t.iter().for_each(|(k, v)| flatten(&key(k), v, out)),
        Item::Value(Value::InlineTable(t)) => t
            .iter()
            .for_each(|(k, v)| flatten(&key(k), &Item::Value(v.clone()), out)),
        Item::Value(Value::Array(a)) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| flatten(&key(&i.to_string()), &Item::Value(v.clone()), out)),
        Item::ArrayOfTables(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, t)| flatten(&key(&i.to_string()), &Item::Table(t.clone()), out)),
        Item::Value(v) => out.push((prefix.to_string(), scalar(v))),
        Item::None => {}
    }
}

fn scalar(v: &Value) -> String {
    match v.as_str() {
        Some(s) => s.to_string(),
        None => v.clone().decorated("", "").to_string(),
    }
}

/// A test file, parsed.
#[derive(Debug)]
pub struct Case {
    /// The request to price.
    pub request: Request,
    /// What it must price to.
    pub expect: Expect,
    doc: DocumentMut,
    /// True when the file's lines end in CRLF, so a rewrite keeps them that way.
    crlf: bool,
}

/// What the folders a test may read from are called in messages.
const TESTS: &str = "the plan's test folder";
const PLAN: &str = "the plan's folder";

impl Case {
    /// Reads a test file that must be inside `tests` (the plan's test folder) and may name a
    /// request file inside `plan_dir`, both after resolving links; the message says what is
    /// wrong with it in its author's terms.
    pub fn load(path: &Path, tests: &Path, plan_dir: &Path) -> Result<Case, String> {
        let cannot = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
        let bytes = crate::files::read_confined(path, tests, TESTS, crate::files::MAX_BYTES)
            .map_err(cannot)?;
        let text = String::from_utf8(bytes).map_err(|_| {
            cannot(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "it is not UTF-8 text",
            ))
        })?;
        Case::parse(&text, path.parent().unwrap_or(Path::new("")), plan_dir)
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses a test file's text; a `request = "path"` is read relative to `dir`, and only
    /// when it is inside `plan_dir` after resolving links.
    pub fn parse(text: &str, dir: &Path, plan_dir: &Path) -> Result<Case, String> {
        let doc: DocumentMut = text
            .parse()
            .map_err(|e: toml_edit::TomlError| e.to_string().trim_end().to_string())?;
        for (key, _) in doc.iter() {
            if key != "request" && key != "expect" {
                return Err(format!(
                    "unknown key `{key}`: a test has a [request] (or request = \"file\") and an [expect]"
                ));
            }
        }
        let request = match doc.get("request") {
            None => {
                return Err(
                    "no request: add a [request] table, or request = \"file.toml\"".to_string(),
                )
            }
            Some(item) => match item.as_str() {
                Some(file) => {
                    let path = dir.join(file);
                    // Refused before it is read: the message names the file, never a line of it.
                    crate::files::confine(&path, plan_dir, PLAN)
                        .map_err(|e| format!("cannot read request {file}: {e}"))?;
                    Request::from_file(&path).map_err(|e| e.to_string())?
                }
                None => {
                    let table = item
                        .as_table_like()
                        .ok_or("`request` must be a table or a file name")?;
                    request_from(table).map_err(|e| format!("in [request]: {e}"))?
                }
            },
        };
        let expect = match doc.get("expect") {
            None => Expect::Nothing,
            Some(item) => read_expect(item)?,
        };
        Ok(Case {
            request,
            expect,
            doc,
            crlf: text.contains("\r\n"),
        })
    }

    /// Rewrites the expectations to `actual`. Lines are pinned when the test already pinned
    /// them or had no expectations at all; comments (also those after a value it rewrites)
    /// and the request are kept.
    pub fn bless(&mut self, actual: &Actual) {
        let pin_lines = match &self.expect {
            Expect::Nothing => true,
            Expect::Priced { lines, .. } => lines.is_some(),
            Expect::Rejected(_) => false,
        };
        if !self.doc.get("expect").is_some_and(Item::is_table) {
            self.doc.insert("expect", Item::Table(Table::new()));
        }
        let Some(expect) = self.doc.get_mut("expect").and_then(Item::as_table_mut) else {
            return;
        };
        match actual {
            Actual::Rejected(message) => {
                expect.remove("totals");
                expect.remove("lines");
                expect.remove("invoices");
                set(expect, "rejected", message.as_str().into());
            }
            Actual::Priced {
                totals,
                lines,
                invoices,
            } => {
                expect.remove("rejected");
                if pin_lines {
                    set_lines(expect, lines);
                } else {
                    expect.remove("lines");
                }
                // What will be invoiced is always pinned: a golden quote covers its schedule.
                set_pairs(
                    expect,
                    "invoices",
                    &pairs_array(invoices, "invoice", "amounts"),
                );
                if !expect.get("totals").is_some_and(Item::is_table) {
                    expect.insert("totals", Item::Table(Table::new()));
                }
                if let Some(t) = expect.get_mut("totals").and_then(Item::as_table_mut) {
                    let keep: Vec<String> = t
                        .iter()
                        .map(|(k, _)| k.to_string())
                        .filter(|k| totals.iter().any(|(n, _)| n == k))
                        .collect();
                    t.retain(|k, _| keep.iter().any(|x| x == k));
                    for (name, amount) in totals {
                        set(t, name, amount.as_str().into());
                    }
                }
            }
        }
        self.expect =
            read_expect(self.doc.get("expect").unwrap_or(&Item::None)).unwrap_or(Expect::Nothing);
    }

    /// The file's text as it now stands, with the line endings it was written with.
    pub fn text(&self) -> String {
        let text = self.doc.to_string();
        if self.crlf {
            text.replace("\r\n", "\n").replace('\n', "\r\n")
        } else {
            text
        }
    }
}

/// Sets `key` to `value`, keeping the comment and spacing around the value it replaces
/// (`"600.00"  # agreed with finance`).
fn set(table: &mut Table, key: &str, mut value: Value) {
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        _ => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// Pins `lines`, editing an existing list in place so that the comments between its entries
/// stay where they were (entry by entry, in order).
fn set_lines(expect: &mut Table, lines: &[(String, String)]) {
    set_pairs(expect, "lines", &lines_array(lines));
}

/// Pins the list `key` to `fresh`, editing an existing list in place so that the comments
/// between its entries stay where they were (entry by entry, in order).
fn set_pairs(expect: &mut Table, key: &str, fresh: &Array) {
    let fresh = fresh.clone();
    let Some(Item::Value(Value::Array(old))) = expect.get_mut(key) else {
        expect.insert(key, Item::Value(Value::Array(fresh)));
        return;
    };
    let kept = old.len().min(fresh.len());
    for (i, new) in fresh.iter().enumerate() {
        let mut new = new.clone();
        if i < kept {
            if let Some(slot) = old.get_mut(i) {
                *new.decor_mut() = slot.decor().clone();
                *slot = new;
            }
        } else {
            old.push_formatted(new);
        }
    }
    while old.len() > fresh.len() {
        old.remove(old.len() - 1);
    }
    if kept == 0 {
        old.set_trailing("\n");
    }
    old.set_trailing_comma(true);
}

/// One line per quote line: `{ id = "seats", amount = "600.00" },`.
fn lines_array(lines: &[(String, String)]) -> Array {
    pairs_array(lines, "id", "amount")
}

/// One inline table per pair, each on its own line: `{ id = "seats", amount = "600.00" },`.
fn pairs_array(pairs: &[(String, String)], first: &str, second: &str) -> Array {
    let mut array = Array::new();
    for (id, amount) in pairs {
        let mut t = InlineTable::new();
        t.insert(first, id.as_str().into());
        t.insert(second, amount.as_str().into());
        let mut v = Value::InlineTable(t);
        v.decor_mut().set_prefix("\n  ");
        array.push_formatted(v);
    }
    array.set_trailing("\n");
    array.set_trailing_comma(true);
    array
}

/// The request in a `[request]` table, through the same serde rules as a request file
/// (unknown fields named); the message has no snippet, whose line numbers would not be
/// the test file's.
fn request_from(table: &dyn toml_edit::TableLike) -> Result<Request, String> {
    let mut out = Table::new();
    for (k, v) in table.iter() {
        let value = match v {
            Item::Value(v) => v.clone(),
            Item::Table(t) => Value::InlineTable(t.clone().into_inline_table()),
            Item::ArrayOfTables(a) => Value::Array(a.clone().into_array()),
            Item::None => continue,
        };
        out.insert(k, Item::Value(value));
    }
    let table: toml::Table =
        toml::from_str(&out.to_string()).map_err(|e| e.message().to_string())?;
    serde::Deserialize::deserialize(toml::Value::Table(table))
        .map_err(|e: toml::de::Error| e.message().to_string())
}

fn read_expect(item: &Item) -> Result<Expect, String> {
    let table = item
        .as_table_like()
        .ok_or("`expect` must be a table: [expect]")?;
    for (key, _) in table.iter() {
        if !["totals", "lines", "invoices", "rejected"].contains(&key) {
            return Err(format!(
                "unknown key `{key}` in [expect]: write totals, lines, invoices or rejected"
            ));
        }
    }
    if let Some(r) = table.get("rejected") {
        let message = r
            .as_str()
            .ok_or("`rejected` in [expect] must be the rejection's message, in quotes")?;
        if table.contains_key("totals")
            || table.contains_key("lines")
            || table.contains_key("invoices")
        {
            return Err(
                "[expect] has both `rejected` and totals or lines: a request is priced or rejected, not both"
                    .to_string(),
            );
        }
        return Ok(Expect::Rejected(message.to_string()));
    }
    let mut totals = Vec::new();
    if let Some(t) = table.get("totals") {
        let t = t
            .as_table_like()
            .ok_or("`totals` in [expect] must be a table: [expect.totals]")?;
        for (name, v) in t.iter() {
            let amount = v.as_str().ok_or_else(|| {
                format!("[expect.totals] {name} must be an amount in quotes, like \"600.00\"")
            })?;
            totals.push((name.to_string(), amount.to_string()));
        }
    }
    let lines = pairs_of(table, "lines", "id", "amount")?;
    let invoices = pairs_of(table, "invoices", "invoice", "amounts")?;
    if totals.is_empty() && lines.is_none() && invoices.is_none() {
        return Ok(Expect::Nothing);
    }
    Ok(Expect::Priced {
        totals,
        lines,
        invoices,
    })
}

/// `key = [{ first = "...", second = "..." }, ...]` in [expect], when written.
fn pairs_of(
    table: &dyn toml_edit::TableLike,
    key: &str,
    first: &str,
    second: &str,
) -> Result<Option<Vec<(String, String)>>, String> {
    let shape =
        format!("each of `{key}` in [expect] is {{ {first} = \"...\", {second} = \"...\" }}");
    let Some(l) = table.get(key) else {
        return Ok(None);
    };
    let array = l
        .as_array()
        .ok_or_else(|| format!("`{key}` in [expect] must be a list: {shape}"))?;
    let mut out = Vec::new();
    for v in array.iter() {
        let t = v.as_inline_table();
        let field = |name: &str| t.and_then(|t| t.get(name)).and_then(Value::as_str);
        match (field(first), field(second)) {
            (Some(a), Some(b)) => out.push((a.to_string(), b.to_string())),
            _ => return Err(shape),
        }
    }
    Ok(Some(out))
}

//! Rhai in the REPL: a line that is not a command runs as a script, in the hooks' sandbox.
//!
//! The engine is [`crate::hooks::sandboxed_engine`] (the same operation, depth and size
//! limits, no `eval`, no `import`, strict variables) with three additions: `print` goes to the
//! session's output, `quote(map)` prices a request, and its own wall-clock budget (see
//! [`WALL_CLOCK`]). Variables and functions a line defines stay for the next lines.
//!
//! Bound names: `plan` (a map: name, version, currency, and the ids of its editions, modules,
//! backups, supports, services, coupons) and `request` (the request being shaped, as a map
//! with the request file's field names). `quote(map)` takes a map with those field names and
//! returns the quote as a map shaped like the JSON output, except that amounts, quantities
//! and unit prices are decimals (amounts with exactly the currency's digits), so scripts can
//! do arithmetic on them exactly. A rejected request is a script error, which `try { } catch`
//! can handle.

use super::command::closest;
use super::output::Output;
use crate::model::Plan;
use crate::quote::Quote;
use crate::request::{Attr, Request};
use rhai::{Array, Dynamic, EvalAltResult, Map, Scope, AST, INT};
use rust_decimal::Decimal;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Wall-clock time one REPL line may run.
///
/// Longer than a hook's budget: one line may price many quotes (each of which runs the
/// plan's hooks under their own budget), and a person is waiting for the answer anyway.
/// The operation limit, the same as for hooks, is what stops a runaway loop.
pub const WALL_CLOCK: Duration = Duration::from_secs(2);

/// What scripts keep between lines: their variables and the functions they defined.
#[derive(Default)]
pub struct Scripts {
    scope: Scope<'static>,
    functions: AST,
}

type Printed = Arc<Mutex<Vec<String>>>;

fn push(printed: &Printed, text: String) {
    if let Ok(mut p) = printed.lock() {
        p.push(text);
    }
}

impl Scripts {
    /// Runs `text` with `plan` and `request` bound; the output is what it printed and its
    /// value (when it has one), or the error.
    pub fn run(&mut self, plan: Option<Arc<Plan>>, request: &Request, text: &str) -> Output {
        let mut out = Output::default();
        let printed: Printed = Arc::default();
        let mut engine = crate::hooks::sandboxed_engine();
        let (p1, p2) = (printed.clone(), printed.clone());
        // Each `print` is one line of output, whatever line breaks its text holds.
        let one_line = |s: &str| crate::text::shown(s).into_owned();
        engine.on_print(move |s| push(&p1, one_line(s)));
        engine.on_debug(move |s, _, pos| match pos.line() {
            Some(l) => push(&p2, format!("line {l}: {}", one_line(s))),
            None => push(&p2, one_line(s)),
        });
        let deadline = Instant::now() + WALL_CLOCK;
        engine.on_progress(move |ops| {
            if ops % crate::hooks::limits::CLOCK_EVERY != 0 {
                return None;
            }
            if crate::interrupt::requested() {
                return Some(Dynamic::from("interrupted"));
            }
            (Instant::now() >= deadline).then(|| Dynamic::from("out of time"))
        });
        if let Some(plan) = &plan {
            let p = plan.clone();
            engine.register_fn("quote", move |m: Map| quote(&p, m));
            self.scope.set_or_push("plan", plan_map(plan));
        }
        self.scope.set_or_push("request", request_map(request));
        let ast = match engine.compile_with_scope(&self.scope, text) {
            Ok(ast) => ast,
            Err(e) => {
                let message = match &*e.0 {
                    rhai::ParseErrorType::VariableUndefined(name) => format!(
                        "there is no variable `{name}`: a line sees `plan`, `request` and the variables declared with `let` ({})",
                        e.1
                    ),
                    _ => e.to_string(),
                };
                out.error(not_a_script(text, &message));
                return out;
            }
        };
        self.functions = self.functions.merge(&ast.clone_functions_only());
        let all = self.functions.merge(&ast);
        let result = engine.eval_ast_with_scope::<Dynamic>(&mut self.scope, &all);
        if let Ok(lines) = printed.lock() {
            for l in lines.iter() {
                out.line(l);
            }
        }
        match result {
            Ok(v) if v.is_unit() => {}
            Ok(v) => out.line(crate::text::shown(&v.to_string())),
            Err(e) => out.error(script_error(&e, plan.is_none())),
        }
        out
    }
}

/// Rhai keywords a script line may start with, so a parse error there is not a mistyped command.
const KEYWORDS: &[&str] = &[
    "let", "const", "for", "if", "while", "loop", "do", "fn", "switch", "return", "throw", "try",
    "print", "debug",
];

fn not_a_script(text: &str, error: &str) -> String {
    let first = text.split_whitespace().next().unwrap_or("");
    let word = !first.is_empty() && first.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if word && !KEYWORDS.contains(&first) && text.split_whitespace().count() > 1 {
        let hint = closest(first).map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
        return format!("unknown command `{first}`{hint}; help lists the commands");
    }
    format!("script: {error}")
}

fn script_error(e: &EvalAltResult, no_plan: bool) -> String {
    match e {
        EvalAltResult::ErrorTerminated(token, _) if token.to_string() == "interrupted" => {
            format!("script: {}", crate::interrupt::MESSAGE)
        }
        EvalAltResult::ErrorTerminated(..) => format!(
            "script: stopped after {} s; a REPL line may run at most that long",
            WALL_CLOCK.as_secs()
        ),
        EvalAltResult::ErrorTooManyOperations(_) => format!(
            "script: stopped after {} operations, the limit hooks have too",
            crate::hooks::limits::OPERATIONS
        ),
        EvalAltResult::ErrorStackOverflow(_) => format!(
            "script: calls nested more than {} deep, the limit hooks have too",
            crate::hooks::limits::CALL_LEVELS
        ),
        EvalAltResult::ErrorFunctionNotFound(f, _) if no_plan && f.starts_with("quote") => {
            "script: quote() needs a plan, and no plan is in use".into()
        }
        // A message a function raised (quote's rejection) reads better without Rhai's prefix.
        EvalAltResult::ErrorRuntime(v, pos) if !pos.is_none() => format!("script: {v} ({pos})"),
        // Everything else in the hooks' words ("exceeded its string size limit of 16384
        // bytes", "cannot apply `*` to decimal and text"), with where when Rhai knows.
        _ => {
            let pos = e.position();
            let at = if pos.is_none() {
                String::new()
            } else {
                format!(" ({pos})")
            };
            format!("script: {}{at}", crate::hooks::describe(e))
        }
    }
}

/// `quote(map)`: prices the map as a request against the plan.
fn quote(plan: &Plan, m: Map) -> Result<Map, Box<EvalAltResult>> {
    let request = map_request(&m).map_err(|e| -> Box<EvalAltResult> {
        format!("quote(): the map is not a request: {e}").into()
    })?;
    let q = crate::app::quote(plan, &request)
        .map_err(|r| -> Box<EvalAltResult> { format!("quote(): rejected: {r}").into() })?;
    Ok(quote_map(&q))
}

/// Reads a request from a script's map, through the same serde rules as a request file.
fn map_request(m: &Map) -> Result<Request, String> {
    let mut json = serde_json::Map::new();
    for (k, v) in m {
        json.insert(k.to_string(), to_json(v)?);
    }
    let mut r: Request =
        serde_json::from_value(serde_json::Value::Object(json)).map_err(|e| e.to_string())?;
    // Decimals travel as text through JSON; an attribute that was a number stays one.
    if let Some(attrs) = m.get("attributes").and_then(|a| a.read_lock::<Map>()) {
        for (k, v) in attrs.iter() {
            if let Some(d) = v.clone().try_cast::<Decimal>() {
                r.attributes.insert(k.to_string(), Attr::Number(d));
            }
        }
    }
    Ok(r)
}

fn to_json(v: &Dynamic) -> Result<serde_json::Value, String> {
    use serde_json::Value;
    if v.is_unit() {
        return Ok(Value::Null);
    }
    if let Ok(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Ok(i) = v.as_int() {
        return Ok(Value::from(i));
    }
    if let Some(d) = v.clone().try_cast::<Decimal>() {
        return Ok(
            match i64::try_from(d).ok().filter(|_| d.fract().is_zero()) {
                Some(i) => Value::from(i),
                None => Value::String(d.normalize().to_string()),
            },
        );
    }
    if let Ok(s) = v.clone().into_string() {
        return Ok(Value::String(s));
    }
    if let Some(a) = v.read_lock::<Array>() {
        return a
            .iter()
            .map(to_json)
            .collect::<Result<_, _>>()
            .map(Value::Array);
    }
    if let Some(m) = v.read_lock::<Map>() {
        let mut o = serde_json::Map::new();
        for (k, x) in m.iter() {
            o.insert(k.to_string(), to_json(x)?);
        }
        return Ok(Value::Object(o));
    }
    Err(format!("a {} cannot be part of a request", v.type_name()))
}

/// A quantity as a script sees it: an integer when whole, else a decimal.
fn qty(d: Decimal) -> Dynamic {
    match i64::try_from(d).ok().filter(|_| d.fract().is_zero()) {
        Some(i) => Dynamic::from(i as INT),
        None => Dynamic::from(d.normalize()),
    }
}

fn text(s: &str) -> Dynamic {
    Dynamic::from(s.to_string())
}

fn strings<'a>(items: impl Iterator<Item = &'a str>) -> Dynamic {
    Dynamic::from(items.map(text).collect::<Array>())
}

/// The plan as a script sees it.
pub fn plan_map(p: &Plan) -> Map {
    let mut m = Map::new();
    m.insert("name".into(), text(&p.name));
    m.insert("version".into(), text(&p.version));
    m.insert("currency".into(), text(&p.currency.code));
    m.insert(
        "editions".into(),
        strings(p.editions.iter().map(|e| &*e.id)),
    );
    m.insert("modules".into(), strings(p.modules.iter().map(|x| &*x.id)));
    m.insert("backups".into(), strings(p.backups.iter().map(|x| &*x.id)));
    m.insert(
        "supports".into(),
        strings(p.supports.iter().map(|x| &*x.id)),
    );
    m.insert(
        "services".into(),
        strings(p.services.iter().map(|x| &*x.id)),
    );
    m.insert("coupons".into(), strings(p.coupons.iter().map(|x| &*x.id)));
    m
}

/// The request as a script sees it: the request file's field names, only those set.
pub fn request_map(r: &Request) -> Map {
    let mut m = Map::new();
    let mut opt = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            m.insert(k.into(), text(v));
        }
    };
    opt("customer", &r.customer);
    opt("currency", &r.currency);
    opt("edition", &r.edition);
    opt("backup", &r.backup);
    opt("support", &r.support);
    opt("billing", &r.billing);
    for (k, v) in [
        ("seats", r.seats),
        ("storage_gb", r.storage_gb),
        ("term_months", r.term_months),
    ] {
        if let Some(v) = v {
            m.insert(k.into(), qty(v.0));
        }
    }
    if let Some(c) = &r.contract {
        // The contract terms a `deal` command set, so quote(request) prices at them.
        let mut terms = Map::new();
        let mut prices = Map::new();
        for (item, p) in &c.prices {
            prices.insert(item.as_str().into(), qty(p.0));
        }
        terms.insert("prices".into(), prices.into());
        let discounts: Array = (c.discounts.iter())
            .map(|d| {
                let mut x = Map::new();
                x.insert("percent".into(), qty(d.percent.0));
                x.insert("reason".into(), text(&d.reason));
                if let Some(scope) = &d.scope {
                    x.insert("scope".into(), text(scope));
                }
                x.into()
            })
            .collect();
        terms.insert("discounts".into(), discounts.into());
        m.insert("contract".into(), terms.into());
    }
    m.insert(
        "modules".into(),
        strings(r.modules.iter().map(|s| s.as_str())),
    );
    for (key, map) in [("quantities", &r.quantities), ("volumes", &r.volumes)] {
        if !map.is_empty() {
            let mut x = Map::new();
            for (k, v) in map {
                x.insert(k.as_str().into(), qty(v.0));
            }
            m.insert(key.into(), x.into());
        }
    }
    m.insert(
        "coupons".into(),
        strings(r.coupons.iter().map(|s| s.as_str())),
    );
    let services: Array = (r.services.iter())
        .map(|s| {
            let mut x = Map::new();
            x.insert("kind".into(), text(&s.kind));
            if let Some(t) = &s.target {
                x.insert("target".into(), text(t));
            }
            if let Some(c) = &s.complexity {
                x.insert("complexity".into(), text(c));
            }
            if let Some(q) = s.quantity {
                x.insert("quantity".into(), qty(q.0));
            }
            Dynamic::from(x)
        })
        .collect();
    m.insert("services".into(), Dynamic::from(services));
    let mut attrs = Map::new();
    for (k, v) in &r.attributes {
        let v = match v {
            Attr::Text(t) => text(t),
            Attr::Number(n) => qty(*n),
            Attr::Bool(b) => Dynamic::from(*b),
        };
        attrs.insert(k.as_str().into(), v);
    }
    m.insert("attributes".into(), Dynamic::from(attrs));
    m
}

/// The quote as a script sees it: the JSON view's shape, with decimals for numbers.
pub fn quote_map(q: &Quote) -> Map {
    let d = q.plan.minor_digits;
    let money = |x: Decimal| {
        let mut r = crate::money::round(x, d);
        r.rescale(d);
        Dynamic::from(r)
    };
    let word = |v: serde_json::Result<serde_json::Value>| {
        text(v.ok().as_ref().and_then(|v| v.as_str()).unwrap_or(""))
    };
    let mut plan = Map::new();
    plan.insert("name".into(), text(&q.plan.name));
    plan.insert("version".into(), text(&q.plan.version));
    plan.insert("currency".into(), text(&q.plan.currency));
    let lines: Array = (q.lines.iter())
        .map(|l| {
            let mut x = Map::new();
            x.insert("id".into(), text(&l.id));
            x.insert("label".into(), text(&l.label));
            x.insert("kind".into(), word(serde_json::to_value(l.kind)));
            x.insert("category".into(), word(serde_json::to_value(l.category)));
            let opt =
                |v: Option<Decimal>| v.map_or(Dynamic::UNIT, |v| Dynamic::from(v.normalize()));
            x.insert("quantity".into(), opt(l.quantity));
            x.insert("unit_price".into(), opt(l.unit_price));
            x.insert("amount".into(), money(l.amount));
            x.insert("explain".into(), text(&l.explain.render(d)));
            Dynamic::from(x)
        })
        .collect();
    let t = &q.totals;
    let mut totals = Map::new();
    for (k, v) in [
        ("monthly_recurring", t.monthly_recurring),
        ("one_time", t.one_time),
        ("first_invoice", t.first_invoice),
        ("first_invoice_tax", t.first_invoice_tax),
        ("first_invoice_total", t.first_invoice_total),
        ("term_total", t.term_total),
        ("term_tax", t.term_tax),
        ("term_total_with_tax", t.term_total_with_tax),
    ] {
        totals.insert(k.into(), money(v));
    }
    let mut approval = Map::new();
    approval.insert("required".into(), Dynamic::from(q.approval.required));
    approval.insert(
        "reasons".into(),
        strings(q.approval.reasons.iter().map(|s| s.as_str())),
    );
    let mut m = Map::new();
    m.insert("plan".into(), Dynamic::from(plan));
    m.insert("lines".into(), Dynamic::from(lines));
    m.insert("totals".into(), Dynamic::from(totals));
    m.insert("notes".into(), strings(q.notes.iter().map(|s| s.as_str())));
    m.insert("approval".into(), Dynamic::from(approval));
    m
}

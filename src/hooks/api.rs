//! The script API: the `request` and `quote` objects a hook's `fn price(request, quote)` gets.
//!
//! Both objects are handles on the one [`State`] of the quote being priced; nothing is
//! converted to Rhai values until a script reads it, so a hook that looks at one field costs
//! one lookup. Every function is documented, with an example, in docs/hooks.md.

use super::state::{self, NewLine, Off, Rejected, State};
use crate::money;
use crate::quote::Line;
use crate::request::Attr;
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map, NativeCallContext, INT};
use rust_decimal::Decimal;
use std::sync::{Arc, Mutex, MutexGuard};

/// A script error raised by an API function; Rhai adds the call's position.
type Fallible<T> = Result<T, Box<EvalAltResult>>;

/// The token `reject` stops a script with (an uncatchable termination, not a `throw`).
pub(crate) const REJECTED: &str = "ratecard: rejected by the hook";

/// The draft quote, as a script sees it (`quote`).
#[derive(Clone)]
pub(crate) struct QuoteHandle(pub Arc<Mutex<State>>);

/// The request, read-only, as a script sees it (`request`).
#[derive(Clone)]
pub(crate) struct RequestHandle(pub Arc<Mutex<State>>);

/// Locks the state; a panic elsewhere cannot leave it half-written, so poison is ignored.
pub(crate) fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|p| p.into_inner())
}

fn fail<T>(message: impl Into<String>) -> Fallible<T> {
    Err(message.into().into())
}

/// How a value is named in messages: the words a pricing manager uses, not Rust's.
pub(crate) fn type_word(v: &Dynamic) -> String {
    if v.is_string() {
        format!("text \"{v}\"")
    } else if v.is_unit() {
        "nothing (`()`)".into()
    } else if v.is_bool() {
        format!("{v}")
    } else if v.is_array() {
        "an array".into()
    } else if v.is_map() {
        "a map".into()
    } else {
        format!("a {}", v.type_name())
    }
}

/// A number from a script: an integer or a decimal, never anything else.
fn number(v: &Dynamic, what: &str) -> Fallible<Decimal> {
    if let Ok(d) = v.as_decimal() {
        return Ok(d);
    }
    if let Ok(i) = v.as_int() {
        return Ok(Decimal::from(i));
    }
    fail(format!("{what} must be a number, not {}", type_word(v)))
}

fn text(v: &Dynamic, what: &str) -> Fallible<String> {
    match v.clone().into_immutable_string() {
        Ok(s) => Ok(s.to_string()),
        Err(_) => fail(format!("{what} must be text, not {}", type_word(v))),
    }
}

fn seats_value(n: u64) -> Dynamic {
    INT::try_from(n).map_or_else(|_| Dynamic::from(Decimal::from(n)), Dynamic::from)
}

fn opt_text(t: Option<&crate::model::Text>) -> Dynamic {
    t.map_or(Dynamic::UNIT, |t| Dynamic::from(t.to_string()))
}

fn opt_number(d: Option<Decimal>) -> Dynamic {
    d.map_or(Dynamic::UNIT, Dynamic::from)
}

fn attr_value(a: &Attr) -> Dynamic {
    match a {
        Attr::Text(t) => Dynamic::from(t.clone()),
        Attr::Number(n) => Dynamic::from(*n),
        Attr::Bool(b) => Dynamic::from(*b),
    }
}

/// One line as a map of its fields.
fn line_map(l: &Line, digits: u32) -> Map {
    let mut m = Map::new();
    m.insert("id".into(), Dynamic::from(l.id.to_string()));
    m.insert("label".into(), Dynamic::from(l.label.to_string()));
    m.insert("kind".into(), Dynamic::from(state::kind_name(l.kind)));
    m.insert(
        "category".into(),
        Dynamic::from(state::category_name(l.category)),
    );
    m.insert("quantity".into(), opt_number(l.quantity));
    m.insert("unit_price".into(), opt_number(l.unit_price));
    m.insert("amount".into(), Dynamic::from(l.amount));
    m.insert(
        "explanation".into(),
        Dynamic::from(l.explain.render(digits)),
    );
    m
}

/// A discount target: one word or an array of words.
fn targets(v: &Dynamic) -> Fallible<Vec<String>> {
    if let Some(items) = v.read_lock::<Array>() {
        return items
            .iter()
            .map(|t| text(t, "each discount target"))
            .collect();
    }
    Ok(vec![text(v, "a discount target")?])
}

/// The fields `add_line` takes, for its messages.
const ADD_LINE_FIELDS: &str =
    "label, amount, kind, category, explanation, id, quantity, unit_price";

fn new_line(map: &Map) -> Fallible<NewLine> {
    let mut new = NewLine::default();
    for (key, v) in map {
        match key.as_str() {
            "label" => new.label = text(v, "label")?,
            "explanation" => new.explanation = Some(text(v, "explanation")?),
            "id" => new.id = Some(text(v, "id")?),
            "amount" => new.amount = Some(number(v, "amount")?),
            "quantity" => new.quantity = Some(number(v, "quantity")?),
            "unit_price" => new.unit_price = Some(number(v, "unit_price")?),
            "kind" => {
                let word = text(v, "kind")?;
                new.kind = Some(
                    state::line_kind(&word).ok_or_else(|| -> Box<EvalAltResult> {
                        format!("kind must be \"recurring\" or \"one_time\", not \"{word}\"").into()
                    })?,
                );
            }
            "category" => {
                let word = text(v, "category")?;
                let names: Vec<&str> = state::CATEGORIES.iter().map(|(n, _)| *n).collect();
                new.category =
                    Some(state::category(&word).ok_or_else(|| -> Box<EvalAltResult> {
                        format!(
                            "category must be one of {}, not \"{word}\"",
                            names.join(", ")
                        )
                        .into()
                    })?);
            }
            other => {
                return fail(format!(
                    "add_line does not know the field `{other}`; it takes {ADD_LINE_FIELDS}"
                ))
            }
        }
    }
    Ok(new)
}

fn position(ctx: &NativeCallContext) -> Option<(usize, usize)> {
    let p = ctx.call_position();
    p.line().zip(p.position())
}

/// Registers the `request` and `quote` types and their functions on `engine`.
pub(crate) fn register(engine: &mut Engine) {
    register_request(engine);
    register_quote(engine);
}

fn register_request(engine: &mut Engine) {
    engine.register_type_with_name::<RequestHandle>("request");
    macro_rules! get {
        ($name:literal, |$r:ident| $body:expr) => {
            engine.register_get($name, |h: &mut RequestHandle| -> Dynamic {
                let s = lock(&h.0);
                let $r = &s.request;
                $body
            });
        };
    }
    get!("customer", |r| r
        .customer
        .as_ref()
        .map_or(Dynamic::UNIT, |c| Dynamic::from(c.clone())));
    get!("edition", |r| opt_text(r.edition()));
    get!("seats", |r| seats_value(r.seats));
    get!("modules", |r| Dynamic::from_array(
        r.modules().map(|m| Dynamic::from(m.to_string())).collect()
    ));
    get!("storage_gb", |r| Dynamic::from(r.storage_gb));
    get!("quantities", |r| {
        let mut m = Map::new();
        for (k, v) in &r.quantities {
            m.insert(k.as_str().into(), Dynamic::from(*v));
        }
        Dynamic::from_map(m)
    });
    get!("backup", |r| opt_text(r.backup()));
    get!("support", |r| opt_text(r.support()));
    get!("billing", |r| Dynamic::from(r.billing.to_string()));
    get!("cycle_months", |r| seats_value(r.cycle_months));
    get!("term_months", |r| seats_value(r.term_months));
    get!("services", |r| Dynamic::from_array(
        r.services()
            .map(|s| {
                let mut m = Map::new();
                m.insert("kind".into(), Dynamic::from(s.kind.to_string()));
                m.insert("target".into(), opt_text(s.target));
                m.insert("complexity".into(), opt_text(s.complexity));
                m.insert("quantity".into(), Dynamic::from(s.quantity));
                Dynamic::from_map(m)
            })
            .collect()
    ));
    get!("coupons", |r| Dynamic::from_array(
        r.coupons().map(|c| Dynamic::from(c.to_string())).collect()
    ));
    get!("attributes", |r| Dynamic::from_map(
        r.attributes
            .iter()
            .map(|(k, v)| (k.as_str().into(), attr_value(v)))
            .collect()
    ));
    engine.register_fn("has_module", |h: &mut RequestHandle, name: &str| -> bool {
        lock(&h.0).request.has_module(name)
    });
    engine.register_fn(
        "attribute",
        |h: &mut RequestHandle, name: &str| -> Dynamic {
            lock(&h.0)
                .request
                .attributes
                .get(name)
                .map_or(Dynamic::UNIT, attr_value)
        },
    );
    engine.register_fn("to_string", |h: &mut RequestHandle| -> String {
        let s = lock(&h.0);
        format!(
            "request for {} seats of {}",
            s.request.seats,
            s.request.edition().map_or("", |e| &**e)
        )
    });
}

fn register_quote(engine: &mut Engine) {
    engine.register_type_with_name::<QuoteHandle>("quote");
    engine.register_get("lines", |h: &mut QuoteHandle| -> Array {
        let s = lock(&h.0);
        s.lines
            .iter()
            .map(|l| Dynamic::from_map(line_map(l, s.digits)))
            .collect()
    });
    engine.register_get("currency", |h: &mut QuoteHandle| -> String {
        lock(&h.0).currency.to_string()
    });
    engine.register_get("minor_digits", |h: &mut QuoteHandle| -> INT {
        INT::from(lock(&h.0).digits)
    });
    engine.register_get("script", |h: &mut QuoteHandle| -> String {
        lock(&h.0).script.to_string()
    });
    engine.register_get("approval_required", |h: &mut QuoteHandle| -> bool {
        !lock(&h.0).reasons.is_empty()
    });
    // Running totals, before tax: net after every discount so far, and list before any.
    macro_rules! total {
        ($name:literal, |$s:ident| $body:expr) => {
            engine.register_get($name, |h: &mut QuoteHandle| -> Fallible<Decimal> {
                let $s = lock(&h.0);
                $body.map_err(|e: String| e.into())
            });
        };
    }
    use crate::quote::LineKind::{OneTime, Recurring};
    total!("monthly_recurring", |s| s.net(Recurring));
    total!("one_time", |s| s.net(OneTime));
    total!("list_monthly_recurring", |s| s.list(Recurring));
    total!("list_one_time", |s| s.list(OneTime));
    total!("first_invoice", |s| s.invoice(
        s.net(Recurring)?,
        s.net(OneTime)?,
        s.request.cycle_months
    ));
    total!("term_total", |s| s.invoice(
        s.net(Recurring)?,
        s.net(OneTime)?,
        s.request.term_months
    ));
    total!("list_term_total", |s| s.invoice(
        s.list(Recurring)?,
        s.list(OneTime)?,
        s.request.term_months
    ));
    engine.register_fn("line", |h: &mut QuoteHandle, id: &str| -> Dynamic {
        let s = lock(&h.0);
        s.lines
            .iter()
            .find(|l| &*l.id == id)
            .map_or(Dynamic::UNIT, |l| Dynamic::from_map(line_map(l, s.digits)))
    });
    engine.register_fn(
        "add_line",
        |h: &mut QuoteHandle, map: Map| -> Fallible<ImmutableString> {
            let new = new_line(&map)?;
            let id = lock(&h.0).add_line(new)?;
            Ok(id.to_string().into())
        },
    );
    engine.register_fn(
        "discount_percent",
        |h: &mut QuoteHandle,
         target: Dynamic,
         percent: Dynamic,
         label: &str|
         -> Fallible<Decimal> {
            let targets = targets(&target)?;
            let p = number(&percent, "the percent")?;
            Ok(lock(&h.0).discount(&targets, Off::Percent(p), label)?)
        },
    );
    engine.register_fn(
        "discount_amount",
        |h: &mut QuoteHandle, target: Dynamic, amount: Dynamic, label: &str| -> Fallible<Decimal> {
            let targets = targets(&target)?;
            let a = number(&amount, "the amount")?;
            Ok(lock(&h.0).discount(&targets, Off::Amount(a), label)?)
        },
    );
    engine.register_fn("note", |h: &mut QuoteHandle, message: Dynamic| {
        lock(&h.0).note(&message.to_string());
    });
    engine.register_fn(
        "require_approval",
        |h: &mut QuoteHandle, reason: Dynamic| {
            lock(&h.0).require_approval(&reason.to_string());
        },
    );
    engine.register_fn(
        "reject",
        |ctx: NativeCallContext, h: &mut QuoteHandle, message: Dynamic| -> Fallible<()> {
            lock(&h.0).rejected = Some(Rejected {
                message: message.to_string(),
                at: position(&ctx),
            });
            // A termination, unlike `throw`, cannot be caught by the script's own try/catch.
            Err(EvalAltResult::ErrorTerminated(Dynamic::from(REJECTED), ctx.call_position()).into())
        },
    );
    engine.register_fn(
        "round",
        |h: &mut QuoteHandle, amount: Dynamic| -> Fallible<Decimal> {
            let a = number(&amount, "the amount to round")?;
            Ok(money::round(a, lock(&h.0).digits))
        },
    );
    engine.register_fn("to_string", |h: &mut QuoteHandle| -> String {
        let s = lock(&h.0);
        format!("draft quote with {} lines in {}", s.lines.len(), s.currency)
    });
}

//! Checks discount conditions: the field exists and the comparison makes sense for it.

use crate::diagnostic::{Diagnostic, Kind};
use crate::model::{Condition, Field, Op, Value, When};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{ComparisonAst, CondAst, ValueAst};
use std::collections::HashMap;
use std::sync::Arc;

/// Declared names a condition may compare with.
pub(super) struct Names<'a> {
    pub editions: &'a HashMap<&'a str, (usize, Span)>,
    pub backups: &'a HashMap<&'a str, (usize, Span)>,
    pub supports: &'a HashMap<&'a str, (usize, Span)>,
    pub modules: &'a HashMap<&'a str, (usize, Span)>,
    /// Every line id a quote can show, sorted.
    pub lines: &'a [String],
}

/// Validates a whole condition, reporting every wrong comparison, not only the first.
pub(super) fn when(c: &CondAst, names: &Names, errors: &mut Vec<Diagnostic>) -> Option<When> {
    match c {
        CondAst::Compare(cmp) => match condition(cmp, names) {
            Ok(c) => Some(When::Compare(c)),
            Err(d) => {
                errors.push(d);
                None
            }
        },
        CondAst::In { field, values } => membership(field, values, names, errors),
        CondAst::Has(m) => match names.modules.get(m.value.as_str()) {
            Some((i, _)) => Some(When::Has {
                module: *i,
                text: Arc::from(format!("includes {}", m.value).as_str()),
            }),
            None => {
                let kind = Kind::Unknown {
                    what: "module",
                    name: m.value.clone(),
                    known: known(names.modules, &[]),
                };
                errors.push(Diagnostic::new(kind, m.span));
                None
            }
        },
        CondAst::Not(inner) => when(inner, names, errors).map(|w| When::Not(Box::new(w))),
        CondAst::All(cs) | CondAst::Any(cs) => {
            let parts: Vec<Option<When>> = cs.iter().map(|c| when(c, names, errors)).collect();
            let parts: Option<Vec<When>> = parts.into_iter().collect();
            let parts = parts?;
            Some(match c {
                CondAst::Any(_) => When::Any(parts),
                _ => When::All(parts),
            })
        }
    }
}

/// `field in [a, b]`: checked as one equality per value.
fn membership(
    field: &Spanned<String>,
    values: &[Spanned<ValueAst>],
    names: &Names,
    errors: &mut Vec<Diagnostic>,
) -> Option<When> {
    let mut checked = Vec::new();
    let mut ok = true;
    for v in values {
        let cmp = ComparisonAst {
            field: field.clone(),
            op: Spanned::new("=".to_string(), field.span),
            value: v.clone(),
        };
        match condition(&cmp, names) {
            Ok(c) => checked.push(c),
            Err(d) => {
                ok = false;
                errors.push(d);
            }
        }
    }
    let first = checked.first()?.field.clone();
    let shown: Vec<String> = values.iter().map(|v| shown(&v.value)).collect();
    let text = format!("{} in [{}]", field.value, shown.join(", "));
    ok.then(|| When::In {
        field: first,
        values: checked.into_iter().map(|c| c.value).collect(),
        text: Arc::from(text.as_str()),
    })
}

/// A literal as the plan wrote it.
fn shown(v: &ValueAst) -> String {
    match v {
        ValueAst::Text(t) => format!("\"{t}\""),
        ValueAst::Word(w) => w.clone(),
        ValueAst::Number(n) => n.to_string(),
    }
}

fn known(map: &HashMap<&str, (usize, Span)>, extra: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = map.keys().map(|k| k.to_string()).collect();
    names.sort();
    names.extend(extra.iter().map(|s| s.to_string()));
    names
}

/// Validates one comparison.
pub(super) fn condition(c: &ComparisonAst, names: &Names) -> Result<Condition, Diagnostic> {
    let f = c.field.value.as_str();
    let field = match f {
        "edition" => Field::Edition,
        "seats" => Field::Seats,
        "billing" => Field::Billing,
        "term_months" => Field::TermMonths,
        "storage_gb" => Field::StorageGb,
        "backup" => Field::Backup,
        "support" => Field::Support,
        "customer" => Field::Customer,
        "monthly_recurring" => Field::MonthlyRecurring,
        "annual_recurring" => Field::AnnualRecurring,
        "one_time" => Field::OneTime,
        _ => match f.strip_prefix("attributes.") {
            Some(attr) if !attr.is_empty() => Field::Attribute(Arc::from(attr)),
            _ => {
                let kind = Kind::UnknownField {
                    field: f.to_string(),
                };
                return Err(Diagnostic::new(kind, c.field.span));
            }
        },
    };
    let op = match c.op.value.as_str() {
        "=" | "==" => Op::Eq,
        "!=" => Op::Ne,
        "<" => Op::Lt,
        "<=" => Op::Le,
        ">" => Op::Gt,
        _ => Op::Ge,
    };
    let bad = |reason: String, span: Span| {
        let kind = Kind::BadComparison {
            field: f.to_string(),
            reason,
        };
        Err(Diagnostic::new(kind, span))
    };
    let value = match &c.value.value {
        ValueAst::Number(n) => Value::Number(*n),
        ValueAst::Text(t) | ValueAst::Word(t) => Value::Text(Arc::from(t.as_str())),
    };
    let ordering = !matches!(op, Op::Eq | Op::Ne);
    match (&field, &value) {
        (
            Field::Seats
            | Field::TermMonths
            | Field::StorageGb
            | Field::MonthlyRecurring
            | Field::AnnualRecurring
            | Field::OneTime,
            Value::Text(t),
        ) => {
            return bad(format!("it is a number, but `{t}` is not"), c.value.span);
        }
        (
            Field::Seats
            | Field::TermMonths
            | Field::StorageGb
            | Field::MonthlyRecurring
            | Field::AnnualRecurring
            | Field::OneTime
            | Field::Attribute(_),
            _,
        ) => {}
        (_, Value::Number(_)) if !matches!(field, Field::Customer) => {
            return bad("it is a name, not a number".into(), c.value.span);
        }
        _ if ordering => {
            return bad("only `=` and `!=` compare names".into(), c.op.span);
        }
        (Field::Billing, Value::Text(t)) if crate::model::Billing::parse(t).is_none() => {
            return bad(
                format!(
                    "billing is monthly, quarterly, semiannual, annual or every N months, not `{t}`"
                ),
                c.value.span,
            );
        }
        (Field::Edition, Value::Text(t)) if !names.editions.contains_key(&**t) => {
            let kind = Kind::Unknown {
                what: "edition",
                name: t.to_string(),
                known: known(names.editions, &[]),
            };
            return Err(Diagnostic::new(kind, c.value.span));
        }
        (Field::Backup, Value::Text(t)) if &**t != "none" && !names.backups.contains_key(&**t) => {
            let kind = Kind::Unknown {
                what: "backup option",
                name: t.to_string(),
                known: known(names.backups, &["none"]),
            };
            return Err(Diagnostic::new(kind, c.value.span));
        }
        (Field::Support, Value::Text(t))
            if &**t != "none" && !names.supports.contains_key(&**t) =>
        {
            let kind = Kind::Unknown {
                what: "support tier",
                name: t.to_string(),
                known: known(names.supports, &["none"]),
            };
            return Err(Diagnostic::new(kind, c.value.span));
        }
        _ => {}
    }
    if ordering && matches!(value, Value::Text(_)) {
        return bad("`<`, `<=`, `>` and `>=` compare numbers".into(), c.op.span);
    }
    // `billing = annually` and `billing = annual` mean one cycle: compare its request word.
    let value = match (&field, value) {
        (Field::Billing, Value::Text(t)) => match crate::model::Billing::parse(&t) {
            Some(b) => Value::Text(Arc::from(b.name().as_ref())),
            None => Value::Text(t),
        },
        (_, v) => v,
    };
    Ok(Condition {
        field,
        op,
        value,
        text: Arc::from(format!("{} {} {}", f, c.op.value, shown(&c.value.value)).as_str()),
    })
}

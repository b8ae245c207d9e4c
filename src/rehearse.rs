//! Check-time rehearsal of hooks: prices generated sample requests against a checked plan,
//! so that a script's runtime error (an unknown field such as `request.seat`, a wrong type,
//! a limit) is reported by `ratecard check` at the script's own line and column, not found
//! later when a customer's quote is rejected.
//!
//! The samples cover each edition at a spread of seat counts (every band edge of the
//! edition and of the modules, and round numbers), and, at a typical seat count, each
//! module (with what it requires), backup option, support tier, service, billing cycle,
//! coupon and attribute value the plan or its scripts mention. A request the plan itself
//! rejects, or that a hook rejects on purpose (`quote.reject`), is not a finding. This is a
//! client of `eval`, like `diff`: it prices nothing itself.

use crate::diagnostic::{Diagnostic, Kind};
use crate::model::{Plan, SeatPrice, ServicePricing, Value};
use crate::rejection::Rejection;
use crate::request::{Attr, Qty, Request, ServiceRequest};
use crate::span::Span;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Runtime failures of the plan's hooks on sample requests, one diagnostic per distinct
/// place and message, pointing into the script. Empty when the plan has no hooks.
///
/// A hook that runs into one of its limits (operations, time, call depth, sizes) is
/// reported once and not rehearsed again: each further sample would spend its whole
/// budget (50 ms of wall clock) to say the same, which made `check`, and every keystroke
/// of an editor on such a plan, take seconds. The other hooks go on being rehearsed,
/// on a copy of the plan without it.
pub fn hooks(plan: &Plan) -> Vec<Diagnostic> {
    if plan.hooks.is_empty() {
        return Vec::new();
    }
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    let mut without_runaways: Option<Plan> = None;
    for request in samples(plan) {
        let current = without_runaways.as_ref().unwrap_or(plan);
        if current.hooks.is_empty() {
            break;
        }
        let Err(Rejection::Hook {
            script,
            position,
            message,
            deliberate: false,
            ..
        }) = crate::eval::quote(current, &request)
        else {
            continue;
        };
        if ran_away(&message) {
            let mut next = current.clone();
            next.hooks.retain(|h| *h.path != *script);
            without_runaways = Some(next);
        }
        if !seen.insert((script.clone(), position, message.clone())) {
            continue;
        }
        let Some(hook) = plan.hooks.iter().find(|h| *h.path == *script) else {
            continue;
        };
        let text = &hook.source.text;
        let at = offset(text, position);
        found.push(Diagnostic {
            kind: Kind::HookRuntime {
                path: script,
                message,
                sample: describe(&request),
            },
            span: Span::new(at, word_end(text, at)),
            file: Some(Arc::new(hook.source.clone())),
        });
    }
    found
}

/// True for a hook failure that spent one of the sandbox's budgets (`exceeded its operation
/// limit of 100000 operations`, `exceeded its time limit of 50 ms`, ...), as
/// `hooks::describe` words them.
fn ran_away(message: &str) -> bool {
    message.starts_with("exceeded its")
}

/// The sample requests, in a fixed order so that findings are repeatable.
pub fn samples(plan: &Plan) -> Vec<Request> {
    let mut out = Vec::new();
    let counts = seat_counts(plan);
    let attributes = attribute_samples(plan);
    for edition in &plan.editions {
        let base = |seats: u64| Request {
            edition: Some(edition.id.to_string()),
            seats: Some(Qty(Decimal::from(seats))),
            ..Request::default()
        };
        for &seats in &counts {
            out.push(base(seats));
        }
        let typical = counts.iter().copied().find(|&s| s >= 10).unwrap_or(1);
        for (i, module) in plan.modules.iter().enumerate() {
            let mut r = base(typical);
            r.modules = with_requirements(plan, i);
            if module.price.is_some() || edition.included.get(i).copied().unwrap_or(false) {
                out.push(r);
            }
        }
        for backup in &plan.backups {
            let mut r = base(typical);
            r.backup = Some(backup.id.to_string());
            r.storage_gb = Some(Qty(Decimal::from(500)));
            out.push(r);
        }
        for support in &plan.supports {
            let mut r = base(typical);
            r.support = Some(support.id.to_string());
            out.push(r);
        }
        for service in &plan.services {
            for s in service_samples(service) {
                let mut r = base(typical);
                r.services = vec![s];
                out.push(r);
            }
        }
        for q in &plan.quantities {
            let mut r = base(typical);
            sample_quantity(&mut r, q);
            out.push(r);
        }
        for (billing, term) in [("quarterly", 12), ("annual", 12), ("annual", 36)] {
            let mut r = base(typical);
            r.billing = Some(billing.to_string());
            r.term_months = Some(Qty(Decimal::from(term)));
            out.push(r);
        }
        for coupon in &plan.coupons {
            let mut r = base(typical);
            r.coupons = vec![coupon.id.to_string()];
            out.push(r);
        }
        for (name, value) in &attributes {
            let mut r = base(typical);
            r.attributes.insert(name.clone(), value.clone());
            out.push(r);
        }
        // Everything at once: hooks that read several parts of a request together.
        let mut r = base(typical);
        r.customer = Some("Sample customer".to_string());
        r.modules = everything(plan);
        r.storage_gb = Some(Qty(Decimal::from(500)));
        r.backup = plan.backups.first().map(|b| b.id.to_string());
        r.support = plan.supports.first().map(|s| s.id.to_string());
        r.billing = Some("annual".to_string());
        for q in &plan.quantities {
            sample_quantity(&mut r, q);
        }
        r.services = plan
            .services
            .iter()
            .flat_map(service_samples)
            .take(1)
            .collect();
        out.push(r);
    }
    out
}

/// 1, round numbers, and both sides of every band edge and pack size in the plan.
fn seat_counts(plan: &Plan) -> Vec<u64> {
    let mut counts: BTreeSet<u64> = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 1001, 5000].into();
    let prices = plan
        .editions
        .iter()
        .map(|e| &e.price)
        .chain(plan.modules.iter().filter_map(|m| m.price.as_ref()));
    for price in prices {
        match price {
            SeatPrice::Volume(bands) | SeatPrice::Graduated(bands) => {
                for b in bands {
                    counts.insert(b.from);
                    if let Some(to) = b.to {
                        counts.extend([to, to.saturating_add(1)]);
                    }
                }
            }
            SeatPrice::Pack { size, .. } => {
                counts.extend([*size, size.saturating_add(1)]);
            }
            SeatPrice::Account(tiers) => {
                counts.extend(
                    tiers
                        .iter()
                        .flat_map(|t| [t.up_to, t.up_to.saturating_add(1)]),
                );
            }
            SeatPrice::Flat(_) | SeatPrice::PerSeat(_) | SeatPrice::Percent(_) => {}
        }
    }
    counts
        .into_iter()
        .filter(|&c| (1..=100_000).contains(&c))
        .collect()
}

/// Module `i` and, transitively, what it requires, in plan order.
fn with_requirements(plan: &Plan, i: usize) -> Vec<String> {
    let mut wanted = BTreeSet::new();
    let mut todo = vec![i];
    while let Some(m) = todo.pop() {
        if wanted.insert(m) {
            if let Some(module) = plan.modules.get(m) {
                todo.extend(module.requires.iter().copied());
            }
        }
    }
    wanted
        .into_iter()
        .filter_map(|m| plan.modules.get(m).map(|x| x.id.to_string()))
        .collect()
}

/// As many priced modules as can be taken together (skipping any that an earlier one
/// excludes, or that excludes an earlier one).
fn everything(plan: &Plan) -> Vec<String> {
    let mut taken: Vec<usize> = Vec::new();
    for (i, m) in plan.modules.iter().enumerate() {
        let clash = taken.iter().any(|&t| {
            m.excludes.contains(&t) || plan.modules.get(t).is_some_and(|o| o.excludes.contains(&i))
        });
        if m.price.is_some() && !clash {
            taken.push(i);
        }
    }
    taken
        .into_iter()
        .filter_map(|i| plan.modules.get(i).map(|m| m.id.to_string()))
        .collect()
}

/// A round quantity the item sells (10, or its minimum or maximum when 10 is outside
/// them), and a volume when it is priced on one.
fn sample_quantity(r: &mut Request, q: &crate::model::Quantity) {
    let mut n = Decimal::TEN;
    if let Some(max) = q.maximum {
        n = n.min(max);
    }
    if let Some(min) = q.minimum {
        n = n.max(min);
    }
    r.quantities.insert(q.id.to_string(), Qty(n));
    if matches!(q.charge, crate::model::Charge::Percent(_)) {
        r.volumes.insert(q.id.to_string(), Qty(Decimal::from(1000)));
    }
}

fn service_samples(service: &crate::model::Service) -> Vec<ServiceRequest> {
    match &service.pricing {
        ServicePricing::Targets {
            targets,
            complexity,
            workload,
        } => targets
            .iter()
            .map(|t| ServiceRequest {
                kind: service.id.to_string(),
                target: Some(t.id.to_string()),
                complexity: complexity.last().map(|(c, _)| c.to_string()),
                quantity: workload.as_ref().map(|_| Qty(Decimal::from(10))),
            })
            .collect(),
        ServicePricing::PerUnit { .. } => vec![ServiceRequest {
            kind: service.id.to_string(),
            quantity: Some(Qty(Decimal::from(2))),
            ..ServiceRequest::default()
        }],
    }
}

/// Attribute names the plan's conditions or the scripts read (`attributes.NAME`), each with
/// the values the conditions compare it to and the text literals of the scripts.
fn attribute_samples(plan: &Plan) -> Vec<(String, Attr)> {
    let mut names = BTreeSet::new();
    let mut values = BTreeSet::new();
    for d in plan.discounts.iter().chain(&plan.coupons) {
        for c in &d.condition {
            if let crate::model::Field::Attribute(name) = &c.field {
                names.insert(name.to_string());
                values.insert(match &c.value {
                    Value::Number(n) => n.to_string(),
                    Value::Text(t) => t.to_string(),
                });
            }
        }
    }
    for hook in &plan.hooks {
        let text = &*hook.source.text;
        for (i, _) in text.match_indices("attributes.") {
            let rest = &text[i + "attributes.".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                names.insert(name);
            }
        }
        // Text literals: the values a script is likely to compare an attribute with.
        values.extend(
            text.split('"')
                .skip(1)
                .step_by(2)
                .filter(|v| !v.is_empty() && v.len() <= 40 && !v.contains('$'))
                .map(str::to_string)
                .take(20),
        );
    }
    let mut out = Vec::new();
    for name in &names {
        for v in &values {
            let value = match v.parse::<Decimal>() {
                Ok(n) => Attr::Number(n),
                Err(_) => Attr::Text(v.clone()),
            };
            out.push((name.clone(), value));
        }
    }
    out
}

/// The sample in a few words, for the diagnostic's help.
fn describe(r: &Request) -> String {
    let mut parts = Vec::new();
    if let Some(e) = &r.edition {
        parts.push(format!("edition {e}"));
    }
    if let Some(s) = r.seats {
        let n = s.0.normalize();
        parts.push(format!(
            "{n} seat{}",
            if n == Decimal::ONE { "" } else { "s" }
        ));
    }
    if !r.modules.is_empty() {
        parts.push(format!("modules {}", r.modules.join(", ")));
    }
    for (name, n) in &r.quantities {
        parts.push(format!("{name} {}", n.0.normalize()));
    }
    if let Some(g) = r.storage_gb {
        parts.push(format!("{} GB", g.0.normalize()));
    }
    if let Some(b) = &r.backup {
        parts.push(format!("backup {b}"));
    }
    if let Some(s) = &r.support {
        parts.push(format!("support {s}"));
    }
    if let Some(b) = &r.billing {
        parts.push(format!("{b} billing"));
    }
    if let Some(t) = r.term_months {
        parts.push(format!("term {} months", t.0.normalize()));
    }
    for s in &r.services {
        let mut text = format!("service {}", s.kind);
        for part in [&s.target, &s.complexity].into_iter().flatten() {
            text.push(':');
            text.push_str(part);
        }
        if let Some(q) = s.quantity {
            text.push_str(&format!(":{}", q.0.normalize()));
        }
        parts.push(text);
    }
    for c in &r.coupons {
        parts.push(format!("coupon {c}"));
    }
    for (k, v) in &r.attributes {
        parts.push(format!("attributes.{k} = {v}"));
    }
    parts.join(", ")
}

/// Byte offset of a 1-based line and column (columns count characters).
fn offset(text: &str, (line, col): (usize, usize)) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = text.get(start..).unwrap_or("");
    let line_len = rest.find('\n').unwrap_or(rest.len());
    start
        + rest[..line_len]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_len, |(i, _)| i)
}

/// The end of the word (or the one character) at `at`, so the underline covers a name.
fn word_end(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    let word: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum();
    at + if word > 0 {
        word
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_characters_and_stay_on_the_line() {
        let text = "ab\n价格 x\n";
        assert_eq!(offset(text, (2, 4)), 3 + 7);
        assert_eq!(offset(text, (2, 99)), 3 + 8);
        assert_eq!(offset(text, (9, 1)), text.len());
        assert_eq!(word_end("  seat > 1", 2), 6);
    }
}

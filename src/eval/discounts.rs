//! Discounts and coupons: compounding percentages and capped amounts over running nets.

use super::{too_large, Evaluator, Rejection};
use crate::model::*;
use crate::money;
use crate::quote::{Category, Explain, LineKind};
use crate::request::{Attr, Request};
use rust_decimal::Decimal;

/// Applies the plan's discounts in the order written, then the request's coupons.
pub(super) fn apply(e: &mut Evaluator, request: &Request) -> Result<(), Rejection> {
    let plan = e.plan;
    for d in &plan.discounts {
        if holds(d, e, request).is_none() {
            discount(e, d)?;
        }
    }
    for &c in &e.r.coupons {
        let d = &plan.coupons[c];
        match holds(d, e, request) {
            None => discount(e, d)?,
            Some(failed) => e.notes.push(format!(
                "coupon {} skipped: it applies only when {failed}",
                d.id
            )),
        }
    }
    Ok(())
}

/// `None` when every condition holds, else the first that does not, as written.
fn holds(d: &Discount, e: &Evaluator, request: &Request) -> Option<Text> {
    d.condition
        .iter()
        .find(|c| !test(c, e, request))
        .map(|c| c.text.clone())
}

fn test(c: &Condition, e: &Evaluator, request: &Request) -> bool {
    let plan = e.plan;
    let r = e.r;
    let num = |n: Decimal| compare_num(c.op, n, &c.value);
    let name = |s: &str| compare_text(c.op, s, &c.value);
    match &c.field {
        Field::Seats => num(Decimal::from(r.seats)),
        Field::TermMonths => num(Decimal::from(r.term_months)),
        Field::StorageGb => num(r.storage_gb),
        Field::Billing => name(r.billing.name()),
        Field::Edition => name(&plan.editions[r.edition].id),
        Field::Backup => name(r.backup.map_or("none", |b| &plan.backups[b].id)),
        Field::Support => name(r.support.map_or("none", |s| &plan.supports[s].id)),
        Field::Customer => name(request.customer.as_deref().unwrap_or("")),
        Field::Attribute(key) => match request.attributes.get(&**key) {
            None => false,
            Some(Attr::Number(n)) => num(*n),
            Some(Attr::Text(t)) => name(t),
            Some(Attr::Bool(b)) => name(if *b { "true" } else { "false" }),
        },
    }
}

fn compare_num(op: Op, n: Decimal, v: &Value) -> bool {
    let Value::Number(v) = v else {
        return op == Op::Ne;
    };
    match op {
        Op::Eq => n == *v,
        Op::Ne => n != *v,
        Op::Lt => n < *v,
        Op::Le => n <= *v,
        Op::Gt => n > *v,
        Op::Ge => n >= *v,
    }
}

fn compare_text(op: Op, s: &str, v: &Value) -> bool {
    let equal = match v {
        Value::Text(t) => **t == *s,
        Value::Number(n) => s.parse::<Decimal>().is_ok_and(|x| x == *n),
    };
    match op {
        Op::Eq => equal,
        Op::Ne => !equal,
        _ => false,
    }
}

fn discount(e: &mut Evaluator, d: &Discount) -> Result<(), Rejection> {
    let condition = &d.condition_text;
    let kinds: &[(LineKind, &Text)] = match d.scope {
        Scope::Recurring => &[(LineKind::Recurring, &d.recurring_line_id)],
        Scope::OneTime => &[(LineKind::OneTime, &d.one_time_line_id)],
        Scope::All => &[
            (LineKind::Recurring, &d.recurring_line_id),
            (LineKind::OneTime, &d.one_time_line_id),
        ],
    };
    for &(kind, id) in kinds {
        let base = e.net(kind)?;
        if base <= Decimal::ZERO {
            continue;
        }
        let (off, explain) = match d.amount {
            DiscountAmount::Percent(p) => (
                money::percent_of(base, p, e.d).map_err(|_| too_large("a discount"))?,
                Explain::DiscountPercent {
                    percent: p,
                    base,
                    condition: condition.clone(),
                },
            ),
            DiscountAmount::Fixed(a) => (
                money::round(a.min(base), e.d),
                Explain::DiscountFixed {
                    amount: a,
                    base,
                    condition: condition.clone(),
                },
            ),
        };
        if off.is_zero() {
            continue;
        }
        let category = Category::Discount;
        e.push(id, &d.label, category, kind, -off, (None, None), explain);
    }
    Ok(())
}

//! Discounts and coupons: compounding percentages and capped amounts over running nets.

use super::{too_large, Evaluator, Rejection};
use crate::model::*;
use crate::money;
use crate::quote::{Category, Explain, Line, LineKind};
use crate::request::{Attr, Request};
use rust_decimal::Decimal;

/// What an applied discount left of the lines it took off: later scoped discounts start
/// from each line's amount times what every earlier discount on it kept.
pub(crate) struct Applied<'a> {
    kind: LineKind,
    /// `None` for a discount on every line of its kind.
    part: Option<&'a Part>,
    /// `1 - off / base`.
    keep: Decimal,
}

/// Applies the plan's discounts and surcharges in the order written, then the request's
/// coupons; a discount that does not stack (`exclusive`, `best of GROUP`) may leave others
/// out, each with a note saying which and why.
pub(super) fn apply<'a>(e: &mut Evaluator<'a>, request: &Request) -> Result<(), Rejection> {
    let plan = e.plan;
    // Only plans with scoped discounts pay for remembering what each discount kept.
    e.track = plan
        .discounts
        .iter()
        .chain(&plan.coupons)
        .any(|d| matches!(d.scope, Scope::Part(_)))
        || (e.r.support).is_some_and(|s| {
            matches!(
                plan.supports[s].price,
                SupportPrice::Percent {
                    net: true,
                    seats: true,
                    ..
                }
            ) || plan.supports[s].cycle_prices.iter().any(|(_, p)| {
                matches!(
                    p,
                    SupportPrice::Percent {
                        net: true,
                        seats: true,
                        ..
                    }
                )
            })
        });
    // Most plans' discounts all stack: apply each in turn, nothing to collect first.
    if plan
        .discounts
        .iter()
        .chain(&plan.coupons)
        .all(|d| d.stacking == Stacking::Stacks)
    {
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
        return Ok(());
    }
    // The discounts that apply, in order: the plan's whose condition holds, then the
    // coupons asked for whose condition holds.
    let mut applying: Vec<&'a Discount> = Vec::with_capacity(plan.discounts.len());
    for d in &plan.discounts {
        if holds(d, e, request).is_none() {
            applying.push(d);
        }
    }
    for &c in &e.r.coupons {
        let d = &plan.coupons[c];
        match holds(d, e, request) {
            None => applying.push(d),
            Some(failed) => e.notes.push(format!(
                "coupon {} skipped: it applies only when {failed}",
                d.id
            )),
        }
    }
    stacked(e, applying)
}

/// The discounts that apply when some do not stack: the best exclusive one alone (with the
/// surcharges), else each group's best at its first member's place.
fn stacked<'a>(e: &mut Evaluator<'a>, applying: Vec<&'a Discount>) -> Result<(), Rejection> {
    let exclusive: Vec<&Discount> = (applying.iter().copied())
        .filter(|d| d.stacking == Stacking::Exclusive && !d.surcharge)
        .collect();
    if let Some(best) = best_of(e, &exclusive)? {
        for d in applying {
            if d.surcharge || std::ptr::eq(d, best) {
                discount(e, d)?;
            } else {
                e.notes.push(format!(
                    "{} not applied: {} does not combine with other discounts",
                    d.label, best.label
                ));
            }
        }
        return Ok(());
    }
    let mut decided: Vec<&Text> = Vec::new();
    let mut chosen: Vec<&Discount> = Vec::new();
    for d in &applying {
        let Stacking::BestOf(group) = &d.stacking else {
            discount(e, d)?;
            continue;
        };
        if !decided.contains(&group) {
            decided.push(group);
            let members: Vec<&Discount> = (applying.iter().copied())
                .filter(|x| x.stacking == d.stacking)
                .collect();
            if let Some(best) = best_of(e, &members)? {
                chosen.push(best);
                for m in members.iter().filter(|m| !std::ptr::eq(**m, best)) {
                    e.notes.push(format!(
                        "{} not applied: {} takes more, and only the best of {group} applies",
                        m.label, best.label
                    ));
                }
                discount(e, best)?;
            }
        }
    }
    Ok(())
}

/// Of `candidates`, the one that would take the most off the quote as it stands (the first
/// of equals); `None` when there is none.
fn best_of<'a>(
    e: &Evaluator,
    candidates: &[&'a Discount],
) -> Result<Option<&'a Discount>, Rejection> {
    let mut best: Option<(&Discount, Decimal)> = None;
    for d in candidates {
        let mut total = Decimal::ZERO;
        for (_, _, _, off, _) in offs(e, d)? {
            total = money::add(total, off).map_err(|_| too_large("a discount"))?;
        }
        if best.is_none_or(|(_, b)| total > b) {
            best = Some((d, total));
        }
    }
    Ok(best.map(|(d, _)| d))
}

/// A fee's `waived when` condition, when it holds, in words for the 0.00 line: a comparison
/// of an amount reads `annual recurring 504.00 is at least 400.00`.
pub(super) fn waived(w: &When, e: &Evaluator, request: &Request) -> Option<String> {
    if !check(w, e, request) {
        return None;
    }
    if let When::Compare(c) = w {
        let (name, value) = match c.field {
            Field::MonthlyRecurring => ("monthly recurring", e.recurring),
            Field::AnnualRecurring => ("annual recurring", e.annual()),
            Field::OneTime => ("one-time", e.one_time),
            _ => return Some(c.text.to_string()),
        };
        let is = match c.op {
            Op::Ge => "is at least",
            Op::Gt => "is above",
            Op::Le => "is at most",
            Op::Lt => "is below",
            Op::Eq => "is",
            Op::Ne => "is not",
        };
        let limit = match &c.value {
            Value::Number(n) => money::format_amount(*n, e.d),
            Value::Text(t) => t.to_string(),
        };
        return Some(format!(
            "{name} {} {is} {limit}",
            money::format_amount(value, e.d)
        ));
    }
    Some(w.text())
}

/// `None` when the condition holds, else what does not, as written: the first part of an
/// `and` that fails, or the whole condition.
fn holds(d: &Discount, e: &Evaluator, request: &Request) -> Option<Text> {
    let w = d.when.as_ref()?;
    failing(w, e, request)
}

fn failing(w: &When, e: &Evaluator, request: &Request) -> Option<Text> {
    match w {
        When::All(ws) => ws.iter().find_map(|w| failing(w, e, request)),
        When::Compare(c) => (!test(c, e, request)).then(|| c.text.clone()),
        _ => (!check(w, e, request)).then(|| Text::from(w.text())),
    }
}

/// True when the condition holds for this request.
pub(super) fn check(w: &When, e: &Evaluator, request: &Request) -> bool {
    match w {
        When::Compare(c) => test(c, e, request),
        When::In { field, values, .. } => values.iter().any(|v| {
            let c = Condition {
                field: field.clone(),
                op: Op::Eq,
                value: v.clone(),
                text: Text::from(""),
            };
            test(&c, e, request)
        }),
        // The request has the module when it buys it or its edition includes it.
        When::Has { module, .. } => {
            e.r.requested.contains(*module)
                || (e.plan.editions.get(e.r.edition)).is_some_and(|ed| ed.included[*module])
        }
        When::Not(w) => !check(w, e, request),
        When::All(ws) => ws.iter().all(|w| check(w, e, request)),
        When::Any(ws) => ws.iter().any(|w| check(w, e, request)),
    }
}

fn test(c: &Condition, e: &Evaluator, request: &Request) -> bool {
    let plan = e.plan;
    let r = e.r;
    let num = |n: Decimal| compare_num(c.op, n, &c.value);
    let name = |s: &str| compare_text(c.op, s, &c.value);
    match &c.field {
        Field::Seats => num(Decimal::from(r.all_seats)),
        Field::TermMonths => num(Decimal::from(r.term_months)),
        Field::StorageGb => num(r.storage_gb),
        // Amounts of the quote as priced so far: list amounts for a fee, the running net for
        // a discount or surcharge.
        Field::MonthlyRecurring => num(e.recurring),
        Field::AnnualRecurring => num(e.annual()),
        Field::OneTime => num(e.one_time),
        Field::Billing => name(&r.billing.name()),
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

/// What `d` takes off (or adds) on the quote as it stands: per kind of line, its line id,
/// the net it is taken of, the amount, and the explanation.
#[allow(clippy::type_complexity)]
fn offs<'a>(
    e: &Evaluator,
    d: &'a Discount,
) -> Result<smallvec::SmallVec<[(LineKind, &'a Text, Decimal, Decimal, Explain); 2]>, Rejection> {
    let condition = &d.condition_text;
    let rec = (LineKind::Recurring, &d.recurring_line_id);
    let one = (LineKind::OneTime, &d.one_time_line_id);
    let (part, kinds): (Option<&Part>, [Option<(LineKind, &Text)>; 2]) = match &d.scope {
        Scope::Recurring => (None, [Some(rec), None]),
        Scope::OneTime => (None, [Some(one), None]),
        Scope::All => (None, [Some(rec), Some(one)]),
        Scope::Part(p @ Part::Services) => (Some(p), [Some(one), None]),
        Scope::Part(p @ Part::Lines(ids)) => match Part::line_kinds(ids) {
            (true, true) => (Some(p), [Some(rec), Some(one)]),
            (false, true) => (Some(p), [Some(one), None]),
            _ => (Some(p), [Some(rec), None]),
        },
        Scope::Part(p) => (Some(p), [Some(rec), None]),
    };
    // At most two (recurring and one-time): kept inline, so pricing allocates nothing here.
    let mut out = smallvec::SmallVec::new();
    for (kind, id) in kinds.into_iter().flatten() {
        let base = match part {
            None => e.net(kind)?,
            Some(p) => scoped_net(e, p, kind).ok_or_else(|| too_large("a discount"))?,
        };
        if base <= Decimal::ZERO {
            continue;
        }
        let (off, explain) = match (d.amount, d.surcharge) {
            (DiscountAmount::Percent(p), _) => (
                money::percent_of(base, p, e.d).map_err(|_| too_large("a discount"))?,
                Explain::DiscountPercent {
                    percent: p,
                    base,
                    condition: condition.clone(),
                },
            ),
            (DiscountAmount::Fixed(a), false) => (
                money::round(a.min(base), e.d),
                Explain::DiscountFixed {
                    amount: a,
                    base,
                    condition: condition.clone(),
                },
            ),
            (DiscountAmount::Fixed(a), true) => (
                money::round(a, e.d),
                Explain::SurchargeFixed {
                    amount: a,
                    condition: condition.clone(),
                },
            ),
        };
        if !off.is_zero() {
            out.push((kind, id, base, off, explain));
        }
    }
    Ok(out)
}

fn discount<'a>(e: &mut Evaluator<'a>, d: &'a Discount) -> Result<(), Rejection> {
    let part = match &d.scope {
        Scope::Part(p) => Some(p),
        _ => None,
    };
    for (kind, id, base, off, explain) in offs(e, d)? {
        // A surcharge is added to its lines' net; a discount is taken off it.
        let (category, amount) = if d.surcharge {
            (Category::Surcharge, off)
        } else {
            (Category::Discount, -off)
        };
        e.push(id, &d.label, category, kind, amount, (None, None), explain);
        if e.track {
            // What the lines keep: 1 - off / base, or 1 + added / base.
            let keep = amount
                .checked_div(base)
                .and_then(|f| Decimal::ONE.checked_add(f))
                .ok_or_else(|| too_large("a discount"))?;
            e.applied.push(Applied { kind, part, keep });
        }
    }
    Ok(())
}

/// The seat lines after every discount so far.
pub(super) fn net_of_seats(e: &Evaluator) -> Option<Decimal> {
    scoped_net(e, &Part::Seats, LineKind::Recurring)
}

/// The net of the lines of `kind` in `part`: each line's amount times what every earlier
/// discount on it kept, summed and rounded to the currency's minor unit.
fn scoped_net(e: &Evaluator, part: &Part, kind: LineKind) -> Option<Decimal> {
    let mut sum = Decimal::ZERO;
    for l in e
        .lines
        .iter()
        .filter(|l| l.kind == kind && covers(e, part, l))
    {
        let mut net = l.amount;
        for a in e.applied.iter().filter(|a| a.kind == kind) {
            if a.part.is_none_or(|p| covers(e, p, l)) {
                net = net.checked_mul(a.keep)?;
            }
        }
        sum = sum.checked_add(net)?;
    }
    Some(money::round(sum, e.d))
}

/// True when a scoped discount on `part` takes off line `l`.
pub(super) fn covers(e: &Evaluator, part: &Part, l: &Line) -> bool {
    let under = |ids: &[Text]| {
        ids.iter().any(|id| {
            l.id.strip_prefix(&**id)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
    };
    match (part, l.category) {
        (_, Category::Discount | Category::Surcharge) => false,
        (Part::Seats, c) => c == Category::Seats,
        (Part::Editions(es), c) => c == Category::Seats && es.contains(&e.line_edition(l)),
        (Part::Modules(ids), Category::Module) => ids.is_empty() || under(ids),
        (Part::Modules(_), _) => false,
        (Part::Support, c) => c == Category::Support,
        (Part::Storage, c) => c == Category::Storage,
        (Part::Backup, c) => c == Category::Backup,
        (Part::Services, c) => c == Category::Service,
        (Part::Addons, c) => c == Category::Addon,
        (Part::Usage, c) => c == Category::Usage,
        (Part::Lines(ids), _) => under(ids),
    }
}

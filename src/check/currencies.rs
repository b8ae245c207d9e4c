//! Price lists in other currencies (`prices EUR { ... }`): a list states prices only. Each
//! is the plan again with its items' prices taken from the list (everything else about an
//! item, its includes, limits, allowances and cycles, holds as the plan wrote it), checked
//! on its own; every priced item must be in every list, and a list that restates a term that
//! is not a price is refused, naming it.

use super::Analyzer;
use crate::diagnostic::{Diagnostic, Kind, SourceFile};
use crate::model::Plan;
use crate::syntax::ast::*;
use std::path::Path;

/// What an item is and its name, for matching a price list's items with the plan's.
fn key(item: &Item) -> Option<(&'static str, &str, crate::span::Span)> {
    Some(match item {
        Item::Edition(e) => ("edition", e.id.value.as_str(), e.id.span),
        Item::Module(m) => ("module", m.id.value.as_str(), m.id.span),
        Item::SeatType(t) => ("seat type", t.id.value.as_str(), t.id.span),
        Item::Quantity(q) if q.usage => ("usage", q.id.value.as_str(), q.id.span),
        Item::Quantity(q) => ("add-on", q.id.value.as_str(), q.id.span),
        Item::Backup(b) => ("backup option", b.id.value.as_str(), b.id.span),
        Item::Support(s) => ("support tier", s.id.value.as_str(), s.id.span),
        Item::Service(s) => ("service", s.id.value.as_str(), s.id.span),
        Item::Discount(d) if d.coupon => ("coupon", d.id.value.as_str(), d.id.span),
        Item::Discount(d) => ("discount", d.id.value.as_str(), d.id.span),
        Item::Storage(s) => ("storage block", "", s.span),
        Item::Commitment(n) => ("minimum commitment", "", n.span),
        _ => return None,
    })
}

/// True when the plan's item carries amounts, so each price list must state them again.
fn priced(item: &Item) -> bool {
    match item {
        Item::Edition(_) | Item::Backup(_) | Item::Service(_) => true,
        // A tier priced only as a percentage (no floor, no cap) or at 0.00 has no amount to
        // restate in another currency.
        Item::Support(s) => {
            !s.allowances.is_empty()
                || s.prices.iter().any(|(p, _)| match p {
                    SupportPriceAst::Flat(n) | SupportPriceAst::PerSeat(n) => !n.value.is_zero(),
                    SupportPriceAst::Percent { min, max, .. } => !min.is_empty() || !max.is_empty(),
                })
        }
        Item::Commitment(_) | Item::Quantity(_) => true,
        Item::Module(m) => {
            let clamped = m
                .percent
                .iter()
                .any(|p| !p.min.is_empty() || !p.max.is_empty());
            !m.prices.is_empty() || !m.attach.is_empty() || !m.fees.is_empty() || clamped
        }
        Item::Discount(d) => matches!(d.amount, DiscountAmountAst::Fixed(_)),
        Item::Storage(s) => !s.overage.is_empty(),
        // A free seat type has no amount to restate.
        Item::SeatType(t) => {
            let free = |p: &PriceAst| matches!(&p.kind, PriceKind::PerSeat(n) if n.value.is_zero());
            !t.attach.is_empty() || t.prices.iter().any(|p| !free(p))
        }
        _ => false,
    }
}

fn shown(kind: &str, name: &str) -> String {
    if name.is_empty() {
        format!("the {kind}")
    } else {
        format!("{kind} `{name}`")
    }
}

/// Checks every price list of `ast`, returning the plan in each currency and what was
/// found wrong (only what lies in the price lists: the rest is the main plan's to report).
pub(super) fn price_lists(
    ast: &PlanAst,
    source: &SourceFile,
    base_dir: Option<&Path>,
) -> (Vec<Plan>, Vec<Diagnostic>) {
    let mut plans = Vec::new();
    let mut diagnostics = Vec::new();
    let main_currency = ast.items.iter().find_map(|i| match i {
        Item::Currency(c) => Some(c.value.clone()),
        _ => None,
    });
    let mut seen: Vec<String> = main_currency.into_iter().collect();
    for item in &ast.items {
        let Item::PriceList(list) = item else {
            continue;
        };
        let code = &list.currency;
        if seen.contains(&code.value) {
            let kind = Kind::Repeated {
                what: "a price list for this currency",
            };
            diagnostics.push(Diagnostic::new(kind, code.span));
            continue;
        }
        seen.push(code.value.clone());
        // `not sold a, b`: what this currency's list leaves out on purpose.
        let not_sold: Vec<&Name> = (list.items.iter())
            .filter_map(|i| match i {
                Item::NotSold(names) => Some(names.iter()),
                _ => None,
            })
            .flatten()
            .collect();
        for n in &not_sold {
            let known = ast.items.iter().filter_map(key).any(|(k, name, _)| {
                name == n.value && matches!(k, "edition" | "module" | "add-on" | "usage")
            });
            if !known {
                let what = format!(
                    "`{}` is not an edition, module, add-on or usage of the plan",
                    n.value
                );
                diagnostics.push(Diagnostic::new(Kind::NotInPlan { what }, n.span));
            }
        }
        for it in &list.items {
            if let Some((kind, name, span)) = key(it) {
                let known = ast
                    .items
                    .iter()
                    .filter_map(key)
                    .any(|(k, n, _)| (k, n) == (kind, name));
                if !known {
                    let what = format!("{} is not in the plan", shown(kind, name));
                    diagnostics.push(Diagnostic::new(Kind::NotInPlan { what }, span));
                }
            }
        }
        for base in ast.items.iter().filter(|i| priced(i)) {
            let Some((kind, name, _)) = key(base) else {
                continue;
            };
            let listed = list
                .items
                .iter()
                .filter_map(key)
                .any(|(k, n, _)| (k, n) == (kind, name));
            if !listed && !not_sold.iter().any(|n| n.value == name) {
                let kind = Kind::MissingInPriceList {
                    item: shown(kind, name),
                    currency: code.value.clone(),
                };
                diagnostics.push(Diagnostic::new(kind, code.span));
            }
        }
        let items = ast
            .items
            .iter()
            .filter(|i| !matches!(i, Item::PriceList(_)))
            .map(|i| match i {
                Item::Currency(_) => Item::Currency(code.clone()),
                other => {
                    let k = key(other).map(|(k, n, _)| (k, n));
                    let listed = list
                        .items
                        .iter()
                        .find(|l| key(l).map(|(k, n, _)| (k, n)) == k && k.is_some());
                    match listed {
                        Some(l) => prices_of(other, l, &code.value, &mut diagnostics),
                        None => other.clone(),
                    }
                }
            })
            .collect();
        let variant = PlanAst {
            name: ast.name.clone(),
            items,
            labels: ast.labels.clone(),
        };
        let checked = Analyzer::analyze(&variant, source.clone(), base_dir);
        let inside = |d: &Diagnostic| {
            d.file.is_none() && d.span.start >= list.span.start && d.span.end <= list.span.end
        };
        diagnostics.extend(checked.diagnostics.iter().filter(|d| inside(d)).cloned());
        if let Some(mut p) = checked.plan {
            let names: Vec<&str> = not_sold.iter().map(|n| n.value.as_str()).collect();
            mark_not_sold(&mut p, &names);
            plans.push(p);
        }
    }
    (plans, diagnostics)
}

/// `base` with its prices taken from `listed`, the same item in a price list; any term of
/// `listed` that is not a price is reported and ignored.
fn prices_of(base: &Item, listed: &Item, currency: &str, out: &mut Vec<Diagnostic>) -> Item {
    let mut refuse = |term: &str, item: &str, span: crate::span::Span| {
        let kind = match term.strip_prefix("no amount for ") {
            Some(fee) => Kind::MissingInPriceList {
                item: format!("{fee} of {item}"),
                currency: currency.to_string(),
            },
            None => Kind::NotAPrice {
                what: format!("{term} of {item}"),
                currency: currency.to_string(),
            },
        };
        out.push(Diagnostic::new(kind, span));
    };
    let label = |b: &Option<crate::span::Spanned<String>>,
                 l: &Option<crate::span::Spanned<String>>,
                 item: &str,
                 refuse: &mut dyn FnMut(&str, &str, crate::span::Span)| {
        if let (Some(l), b) = (l, b) {
            if b.as_ref().map(|b| &b.value) != Some(&l.value) {
                refuse("a different label", item, l.span);
            }
        }
    };
    match (base, listed) {
        (Item::Edition(b), Item::Edition(l)) => {
            let item = format!("edition `{}`", b.id.value);
            label(&b.label, &l.label, &item, &mut refuse);
            if let Some(n) = l.includes.first() {
                refuse("`includes`", &item, n.span);
            }
            if let Some(a) = l.storage.first() {
                refuse("its storage allowance", &item, a.gb.span);
            }
            if let Some(x) = l.limits.first() {
                refuse("a seat limit", &item, x.seats.span);
            }
            if let Some(t) = l.min_terms.first() {
                refuse("its minimum term", &item, t.span);
            }
            let mut e = b.clone();
            e.prices = l.prices.clone();
            e.fees = fees(&b.fees, &l.fees, &item, &mut refuse);
            Item::Edition(e)
        }
        (Item::Module(b), Item::Module(l)) => {
            let item = format!("module `{}`", b.id.value);
            label(&b.label, &l.label, &item, &mut refuse);
            if let Some(n) = l.requires.first() {
                refuse("`requires`", &item, n.span);
            }
            if let Some(n) = l.excludes.first() {
                refuse("`excludes`", &item, n.span);
            }
            let mut m = b.clone();
            m.prices = l.prices.clone();
            m.attach = l.attach.clone();
            m.percent = l.percent.clone();
            m.fees = fees(&b.fees, &l.fees, &item, &mut refuse);
            Item::Module(m)
        }
        (Item::SeatType(b), Item::SeatType(l)) => {
            let item = format!("seat type `{}`", b.id.value);
            label(&b.label, &l.label, &item, &mut refuse);
            let mut t = b.clone();
            t.prices = l.prices.clone();
            t.attach = l.attach.clone();
            Item::SeatType(t)
        }
        (Item::Quantity(b), Item::Quantity(l)) => {
            let kind = if b.usage { "usage" } else { "add-on" };
            let item = format!("{kind} `{}`", b.id.value);
            label(&b.label, &l.label, &item, &mut refuse);
            if let Some(u) = l.units.first() {
                refuse("its unit", &item, u.word.span);
            }
            if let Some(i) = l.included.first() {
                refuse("its allowance", &item, i.units.span);
            }
            if let Some(n) = l.minimum.first().or(l.maximum.first()) {
                refuse("a limit", &item, n.span);
            }
            let mut q = b.clone();
            q.charges = l.charges.clone();
            Item::Quantity(q)
        }
        (Item::Support(b), Item::Support(l)) => {
            let item = format!("support tier `{}`", b.id.value);
            label(&b.label, &l.label, &item, &mut refuse);
            if let Some(c) = l.channels.first() {
                refuse("its channels", &item, c.span);
            }
            let mut s = b.clone();
            s.prices = l.prices.clone();
            for (i, a) in l.allowances.iter().enumerate() {
                match b.allowances.get(i) {
                    Some(x)
                        if x.included.value == a.included.value && x.unit.value == a.unit.value => {
                    }
                    _ => refuse("the units its allowance includes", &item, a.included.span),
                }
            }
            s.allowances = l.allowances.clone();
            Item::Support(s)
        }
        (Item::Service(b), Item::Service(l)) => {
            let item = format!("service `{}`", b.id.value);
            label(&b.label, &l.label, &item, &mut refuse);
            if let Some((n, _)) = l.complexity.first() {
                refuse("its complexity multipliers", &item, n.span);
            }
            let mut s = b.clone();
            s.targets = l.targets.clone();
            s.unit_prices = l.unit_prices.clone();
            Item::Service(s)
        }
        (Item::Storage(b), Item::Storage(l)) => {
            if let Some(a) = l.included.first() {
                refuse("the storage allowance", "the storage block", a.gb.span);
            }
            let mut s = b.clone();
            s.overage = l.overage.clone();
            Item::Storage(s)
        }
        (Item::Backup(b), Item::Backup(l)) => {
            let item = format!("backup option `{}`", b.id.value);
            label(&b.label, &l.label, &item, &mut refuse);
            let mut x = b.clone();
            x.prices = l.prices.clone();
            Item::Backup(x)
        }
        // Discounts with a fixed amount and the minimum commitment are amounts through and
        // through: the list's item stands as written.
        (_, l) => l.clone(),
    }
}

/// An item's fees with the list's amounts: the same fees by name, each with its amount in
/// the list's currency.
fn fees(
    base: &[FeeAst],
    listed: &[FeeAst],
    item: &str,
    refuse: &mut dyn FnMut(&str, &str, crate::span::Span),
) -> Vec<FeeAst> {
    let mut out = Vec::with_capacity(base.len());
    for b in base {
        match listed.iter().find(|l| l.id.value == b.id.value) {
            Some(l) => out.push(FeeAst {
                amount: l.amount,
                ..b.clone()
            }),
            None => {
                // Left out, the fee would be charged in the plan's currency: refuse it.
                let what = format!("no amount for fee `{}`", b.id.value);
                refuse(&what, item, b.id.span);
                out.push(b.clone());
            }
        }
    }
    for l in listed {
        if !base.iter().any(|b| b.id.value == l.id.value) {
            refuse(
                &format!("a fee `{}` the plan does not have", l.id.value),
                item,
                l.id.span,
            );
        }
    }
    out
}

/// Marks the items a currency's list does not sell; which currencies do sell them is
/// filled in by [`sold_in`] once every list is known.
fn mark_not_sold(p: &mut Plan, names: &[&str]) {
    let here = || Some(crate::model::Text::from(""));
    for e in p.editions.iter_mut().filter(|e| names.contains(&&*e.id)) {
        e.not_sold = here();
    }
    for m in
        (p.modules.iter_mut().chain(p.seat_types.iter_mut())).filter(|m| names.contains(&&*m.id))
    {
        m.not_sold = here();
    }
    for q in p.quantities.iter_mut().filter(|q| names.contains(&&*q.id)) {
        q.not_sold = here();
    }
}

/// For each item a list does not sell, the currencies that do sell it: the plan's own and
/// every other list that does not leave it out (`USD, INR`).
pub(super) fn sold_in(main: &Plan, others: &mut [Plan]) {
    let snapshot: Vec<(String, Vec<String>)> = others
        .iter()
        .map(|p| {
            let mut ids: Vec<String> = Vec::new();
            ids.extend(
                p.editions
                    .iter()
                    .filter(|e| e.not_sold.is_some())
                    .map(|e| e.id.to_string()),
            );
            ids.extend(
                (p.modules.iter().chain(&p.seat_types))
                    .filter(|m| m.not_sold.is_some())
                    .map(|m| m.id.to_string()),
            );
            ids.extend(
                p.quantities
                    .iter()
                    .filter(|q| q.not_sold.is_some())
                    .map(|q| q.id.to_string()),
            );
            (p.currency.code.to_string(), ids)
        })
        .collect();
    let where_sold = |id: &str| -> crate::model::Text {
        let mut codes = vec![main.currency.code.to_string()];
        codes.extend(
            (snapshot.iter())
                .filter(|(_, ids)| !ids.iter().any(|x| x == id))
                .map(|(c, _)| c.clone()),
        );
        crate::model::Text::from(crate::text::or_list(&codes).as_str())
    };
    for p in others.iter_mut() {
        for e in p.editions.iter_mut().filter(|e| e.not_sold.is_some()) {
            e.not_sold = Some(where_sold(&e.id));
        }
        for m in
            (p.modules.iter_mut().chain(p.seat_types.iter_mut())).filter(|m| m.not_sold.is_some())
        {
            m.not_sold = Some(where_sold(&m.id));
        }
        for q in p.quantities.iter_mut().filter(|q| q.not_sold.is_some()) {
            q.not_sold = Some(where_sold(&q.id));
        }
    }
}

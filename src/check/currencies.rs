//! Price lists in other currencies (`prices EUR { ... }`): each is the plan again with its
//! priced items replaced, checked on its own, and every priced item must be in every list.

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
        Item::Edition(_) | Item::Backup(_) | Item::Support(_) | Item::Service(_) => true,
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
            if !listed {
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
                    let replaced = list
                        .items
                        .iter()
                        .find(|l| key(l).map(|(k, n, _)| (k, n)) == k && k.is_some());
                    replaced.unwrap_or(other).clone()
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
        if let Some(p) = checked.plan {
            plans.push(p);
        }
    }
    (plans, diagnostics)
}

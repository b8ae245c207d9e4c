//! `textDocument/hover`: on an edition, module, add-on, usage, option or service, what it
//! is, its price in the plan's words, and what a typical quote makes of it.

use crate::diff::describe;
use crate::lsp::conversion::{offset, range};
use crate::lsp::query::{word_at, Declared};
use crate::lsp::world::Analysis;
use crate::model::Plan;
use crate::request::{Qty, Request};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};
use rust_decimal::Decimal;

/// The hover for the name under `pos`, if it names something the plan declares, from the
/// document's analysis (no parse, no check).
pub fn hover(text: &str, pos: Position, analysis: &Analysis) -> Option<Hover> {
    let (word, at) = word_at(text, offset(text, pos))?;
    let d = analysis.declaration(word)?;
    let (name, kind) = (d.name.as_str(), d.kind);
    let checked = analysis.plan.as_ref();
    let mut md = format!("**{} `{name}`**", kind.word());
    match checked {
        Some(plan) => {
            for line in describe_item(plan, name, kind) {
                md.push_str("\n\n");
                md.push_str(&line);
            }
        }
        None => md.push_str("\n\nThe plan has errors: fix them to see prices."),
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: md,
        }),
        range: Some(range(text, at.start, at.end)),
    })
}

/// The item's label, price and a typical quote, one paragraph each.
fn describe_item(plan: &Plan, name: &str, kind: Declared) -> Vec<String> {
    let d = plan.currency.minor_digits;
    let cur = &plan.currency.code;
    let first = plan.editions.first();
    let base = |seats: u64| Request {
        edition: first.map(|e| e.id.to_string()),
        seats: Some(Qty(Decimal::from(seats))),
        ..Request::default()
    };
    let mut out = Vec::new();
    match kind {
        Declared::Edition => {
            let Some(e) = plan.editions.iter().find(|e| &*e.id == name) else {
                return out;
            };
            out.push(format!(
                "{} — {}",
                e.label,
                describe::with_cycles(
                    &e.price,
                    &e.cycle_prices,
                    &e.sold_on,
                    d,
                    describe::seat_price
                )
            ));
            let seats = e.limits.minimum.unwrap_or(10).max(10);
            let billing = e.sold_on.first().map(|b| b.name().to_string());
            let r = Request {
                edition: Some(name.to_string()),
                billing: billing.clone(),
                ..base(seats)
            };
            out.push(typical(
                plan,
                &r,
                &format!(
                    "{seats} seats, billed {}",
                    billing.as_deref().unwrap_or("monthly")
                ),
            ));
        }
        Declared::Module => {
            let Some(m) = plan.modules.iter().find(|m| &*m.id == name) else {
                return out;
            };
            out.push(format!(
                "{} — {}",
                m.label,
                describe::module_price(&m.price, d)
            ));
            let idx = plan.module_index(name);
            let with = plan
                .editions
                .iter()
                .find(|e| idx.is_some_and(|i| !e.included[i]));
            if let Some(e) = with {
                let r = Request {
                    edition: Some(e.id.to_string()),
                    modules: vec![name.to_string()],
                    ..base(10)
                };
                out.push(line_of(
                    plan,
                    &r,
                    &format!("module.{name}"),
                    &format!("with {} and 10 seats", e.label),
                ));
            }
        }
        Declared::SeatType => {
            if let Some(t) = plan.seat_types.iter().find(|t| &*t.id == name) {
                let price = describe::module_price(&t.price, d);
                out.push(format!("{} — {price}", t.label));
            }
        }
        Declared::Addon | Declared::Usage => {
            let Some(q) = plan.quantities.iter().find(|q| &*q.id == name) else {
                return out;
            };
            out.push(format!(
                "{} — {} ({})",
                q.label,
                crate::diff::quantities::charge(&q.charge, &q.unit, d),
                q.unit
            ));
            let n = q
                .maximum
                .unwrap_or(Decimal::from(100))
                .min(Decimal::from(100));
            let mut r = base(10);
            r.quantities.insert(name.to_string(), Qty(n));
            out.push(line_of(
                plan,
                &r,
                &q.line_id,
                &format!("{} with 10 seats", crate::quote::units(n, &q.unit)),
            ));
        }
        Declared::Backup => {
            if let Some(b) = plan.backups.iter().find(|b| &*b.id == name) {
                out.push(format!("{} — {}", b.label, describe::backup(b, d)));
            }
        }
        Declared::Support => {
            if let Some(s) = plan.supports.iter().find(|s| &*s.id == name) {
                out.push(format!("{} — {}", s.label, describe::support(&s.price, d)));
                let r = Request {
                    support: Some(name.to_string()),
                    ..base(10)
                };
                out.push(line_of(plan, &r, &s.line_id, "with 10 seats"));
            }
        }
        Declared::Service => {
            if let Some(s) = plan.services.iter().find(|s| &*s.id == name) {
                out.push(format!(
                    "{} — {}",
                    s.label,
                    describe::service(&s.pricing, d)
                ));
            }
        }
        Declared::Discount | Declared::Coupon => {
            let list = if kind == Declared::Coupon {
                &plan.coupons
            } else {
                &plan.discounts
            };
            if let Some(x) = list.iter().find(|x| &*x.id == name) {
                out.push(format!("{} — {}", x.label, describe::discount(x, d, plan)));
            }
        }
    }
    let _ = cur;
    out
}

/// `Typical quote (10 seats, billed monthly): 350.00 USD a month; first invoice ...`.
fn typical(plan: &Plan, r: &Request, what: &str) -> String {
    match crate::app::quote(plan, r) {
        Ok(q) => format!(
            "Typical quote ({what}): {} {cur} a month; first invoice {} {cur} with tax",
            q.fmt(q.totals.monthly_recurring),
            q.fmt(q.totals.first_invoice_total),
            cur = plan.currency.code
        ),
        Err(e) => format!("A typical quote ({what}) is rejected: {e}"),
    }
}

/// `Typical line (with Pro and 10 seats): 300.00 USD a month — 10 seats x 30.00`.
fn line_of(plan: &Plan, r: &Request, id: &str, what: &str) -> String {
    match crate::app::quote(plan, r) {
        Ok(q) => match q.line(id) {
            Some(l) => format!(
                "Typical line ({what}): {} {} a month — {}",
                q.fmt(l.amount),
                plan.currency.code,
                l.explain.render(plan.currency.minor_digits)
            ),
            None => format!("No line for it in a typical quote ({what})"),
        },
        Err(e) => format!("A typical quote ({what}) is rejected: {e}"),
    }
}

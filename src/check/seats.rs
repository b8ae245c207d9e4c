//! Seat types (core, light, view-only users): declared like modules, checked here so that
//! their names cannot be taken for an edition's and their prices hold with the editions
//! they name.

use super::{label_of, text, Analyzer};
use crate::diagnostic::Kind;
use crate::model::*;
use crate::span::Span;
use crate::syntax::ast::*;
use std::collections::HashMap;

impl Analyzer<'_> {
    /// Every seat type, checked: unique names no edition has, a price (its own or with
    /// editions), and declared editions in its `with` lists.
    pub(super) fn seat_types(
        &mut self,
        asts: &[&ModuleAst],
        editions: &HashMap<&str, (usize, Span)>,
    ) -> Vec<Module> {
        self.unique("seat type", asts.iter().map(|t| &t.id));
        let mut out = Vec::with_capacity(asts.len());
        for t in asts {
            if let Some((_, first)) = editions.get(t.id.value.as_str()) {
                let first_line = self.line_of(*first);
                let kind = Kind::Duplicate {
                    what: "edition or seat type",
                    name: t.id.value.clone(),
                    first_line,
                };
                self.error(kind, t.id.span);
            }
            for n in t.attach.iter().flat_map(|a| &a.editions) {
                if !editions.contains_key(n.value.as_str()) {
                    let mut known: Vec<String> = editions.keys().map(|k| k.to_string()).collect();
                    known.sort();
                    let (what, name) = ("edition", n.value.clone());
                    self.error(Kind::Unknown { what, name, known }, n.span);
                }
            }
            out.push(self.seat_type(t));
        }
        out
    }

    fn seat_type(&mut self, t: &ModuleAst) -> Module {
        let label = label_of(&t.id, &t.label);
        let line_id = format!("seat.{}", t.id.value);
        let what = format!("seat type `{}`", t.id.value);
        let priced = if t.prices.is_empty() && !t.attach.is_empty() {
            None
        } else {
            let example = "15.00 per seat, 50.00 per seat with professional, or free";
            self.cycle_prices(&what, example, &t.prices, t.id.span, &line_id, &label)
        };
        let (price, cycle_prices, sold_on) = match priced {
            Some(p) => (Some(p.price), p.cycles, p.sold_on),
            None => (None, Vec::new(), Vec::new()),
        };
        if let Some(SeatPrice::Account(_)) = &price {
            let kind = Kind::QuantityShape {
                what: what.clone(),
                problem: "a seat type is priced per seat, not per account".into(),
                fix: "write a price per seat, such as `15.00 per seat`, or `free`".into(),
            };
            self.error(kind, t.id.span);
        }
        let attach = self.attach(t, &line_id, &label);
        Module {
            on_application: super::on_application(&t.prices),
            not_sold: None,
            yearly: Self::yearly_cycles(&t.prices),
            fees: Vec::new(),
            attach,
            id: text(&t.id.value),
            label,
            price,
            cycle_prices,
            sold_on,
            requires: Vec::new(),
            excludes: Vec::new(),
            line_id: text(&line_id),
        }
    }
}

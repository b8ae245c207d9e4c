//! Checks add-ons and usages: one price each, tiers that cover every quantity, whole
//! numbers where the unit is counted whole.

use super::{label_of, text, Analyzer};
use crate::diagnostic::Kind;
use crate::model::*;
use crate::span::Span;
use crate::syntax::ast::*;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// How one add-on's or usage's numbers are read: its unit and whether it divides.
struct Unit {
    word: String,
    divisible: bool,
    what: String,
}

impl Analyzer<'_> {
    /// Every `addon` and `usage`, checked, in the order written.
    pub(super) fn quantities(
        &mut self,
        items: &[&QuantityAst],
        editions: &HashMap<&str, (usize, Span)>,
    ) -> Vec<Quantity> {
        self.unique("add-on or usage", items.iter().map(|q| &q.id));
        for q in items {
            if let Some((_, first)) = self.module_ids.get(q.id.value.as_str()) {
                let line = self.line_of(*first);
                let what = if q.usage { "usage" } else { "add-on" };
                let kind = Kind::QuantityShape {
                    what: format!("{what} `{}`", q.id.value),
                    problem: format!("the module on line {line} has the same name"),
                    fix: "rename one of them, so that a request and a quote line name one thing"
                        .into(),
                };
                self.error(kind, q.id.span);
            }
        }
        items.iter().map(|q| self.quantity(q, editions)).collect()
    }

    fn quantity(&mut self, q: &QuantityAst, editions: &HashMap<&str, (usize, Span)>) -> Quantity {
        let kind = if q.usage {
            QuantityKind::Usage
        } else {
            QuantityKind::Addon
        };
        let what = format!("{} `{}`", kind.word(), q.id.value);
        for extra in q.units.iter().skip(1) {
            self.error(Kind::Repeated { what: "the unit" }, extra.word.span);
        }
        let written = q.charges.iter().find_map(|c| match &c.kind {
            ChargeKind::PerUnit { word, .. } => Some(word.value.clone()),
            ChargeKind::Percent { word, .. } => word.as_ref().map(|w| w.value.clone()),
            ChargeKind::Pack { word, .. } => word.as_ref().map(|w| w.value.clone()),
            ChargeKind::Tiers { .. } | ChargeKind::OnApplication => None,
        });
        let unit = Unit {
            word: q
                .units
                .first()
                .map(|u| u.word.value.clone())
                .or(written)
                .unwrap_or_else(|| "unit".into()),
            divisible: q.units.first().is_some_and(|u| u.divisible),
            what: what.clone(),
        };
        let (charge, cycle_charges, sold_on) = if q.charges.is_empty() {
            let example = "150.00 per sandbox, 100.00 per pack of 1000, or graduated { 1..10 at 10.00; 11.. at 5.00 }";
            self.error(Kind::NoPrice { what, example }, q.span);
            (Charge::PerUnit(Decimal::ZERO), Vec::new(), Vec::new())
        } else {
            // One default charge, or one per billing cycle (`... billed annually`).
            let checked: Vec<_> = (q.charges.iter())
                .map(|c| (self.charge(c, &unit), c.billed.as_ref(), c.span))
                .collect();
            match self.by_cycle(&unit.what, checked) {
                Some(p) => (p.price, p.cycles, p.sold_on),
                None => (Charge::PerUnit(Decimal::ZERO), Vec::new(), Vec::new()),
            }
        };
        let included = self.included(q, &unit, editions);
        if matches!(charge, Charge::Percent(_)) && !included.is_none() {
            self.shape(
                &unit,
                "a percentage of volume charges every transaction, so nothing can be included",
                "remove the `includes` or `first ... free` line".into(),
                q.span,
            );
        }
        if q.once && q.usage {
            let fix = "write it as an `addon`, or remove `bought once`".into();
            self.shape(
                &unit,
                "a usage is metered every month, so it is not bought once",
                fix,
                q.span,
            );
        }
        if q.daily.is_some() && !q.usage {
            let fix = "write it as a `usage`, or remove `metered daily`".into();
            self.shape(
                &unit,
                "an add-on is bought, not metered, so it is not metered daily",
                fix,
                q.span,
            );
        }
        let minimum = self.limit("the minimum", &q.minimum, &unit);
        let maximum = self.limit("the maximum", &q.maximum, &unit);
        if let (Some(lo), Some(hi)) = (minimum, maximum) {
            if lo > hi {
                let (min, max) = (lo.normalize().to_string(), hi.normalize().to_string());
                let at = q.minimum.first().map_or(q.span, |n| n.span);
                self.error(Kind::MinAboveMax { min, max }, at);
            }
        }
        Quantity {
            label: label_of(&q.id, &q.label),
            line_id: text(&format!(
                "{}.{}",
                if q.usage { "usage" } else { "addon" },
                q.id.value
            )),
            id: text(&q.id.value),
            kind,
            unit: text(&unit.word),
            divisible: unit.divisible,
            included,
            charge,
            cycle_charges,
            sold_on,
            on_application: (q.charges.iter()).any(|c| matches!(c.kind, ChargeKind::OnApplication)),
            not_sold: None,
            once: q.once,
            block: q.block.as_ref().and_then(|b| {
                let v = self.units("a block size", b, &unit);
                if v.is_zero() {
                    let what = "a block size";
                    self.error(
                        Kind::NotPositive {
                            what,
                            value: "0".into(),
                        },
                        b.span,
                    );
                    return None;
                }
                Some(v)
            }),
            daily: q.daily.map(|d| {
                if d.value == 0 {
                    let what = "the days a month";
                    self.error(
                        Kind::NotPositive {
                            what,
                            value: "0".into(),
                        },
                        d.span,
                    );
                }
                d.value.max(1)
            }),
            minimum,
            maximum,
        }
    }

    /// The storage block's `overage volume|graduated|stairstep { ... }`: tiers of GB.
    pub(super) fn storage_tiers(&mut self, c: &ChargeAst) -> Charge {
        let unit = Unit {
            word: "GB".into(),
            divisible: true,
            what: "the storage overage".into(),
        };
        self.charge(c, &unit)
    }

    /// The text at `span`, as written.
    fn written(&self, span: Span) -> &str {
        self.source.text.get(span.start..span.end).unwrap_or("")
    }

    fn shape(&mut self, unit: &Unit, problem: &str, fix: String, at: Span) {
        let kind = Kind::QuantityShape {
            what: unit.what.clone(),
            problem: problem.to_string(),
            fix,
        };
        self.error(kind, at);
    }

    /// A count of units: not negative, and whole unless the unit divides.
    fn units(&mut self, what: &'static str, n: &Num, unit: &Unit) -> Decimal {
        let v = self.non_negative(what, n);
        if !unit.divisible && !v.fract().is_zero() {
            let kind = Kind::WholeUnits {
                what,
                unit: unit.word.clone(),
                value: v.normalize().to_string(),
            };
            self.error(kind, n.span);
        }
        v.normalize()
    }

    fn limit(&mut self, what: &'static str, written: &[Num], unit: &Unit) -> Option<Decimal> {
        let (first, rest) = written.split_first()?;
        for extra in rest {
            self.error(Kind::Repeated { what }, extra.span);
        }
        Some(self.units(what, first, unit))
    }

    fn included(
        &mut self,
        q: &QuantityAst,
        unit: &Unit,
        eds: &HashMap<&str, (usize, Span)>,
    ) -> Included {
        let mut inc = Included::default();
        for i in &q.included {
            let mut parts: Vec<(Decimal, Decimal)> = Vec::new();
            let alternative = |this: &mut Self, terms: &[(Num, bool)]| {
                let (mut flat, mut per_seat) = (Decimal::ZERO, Decimal::ZERO);
                for (n, seat) in terms {
                    let units = this.units("an included quantity", n, unit);
                    if *seat {
                        per_seat += units;
                    } else {
                        flat += units;
                    }
                }
                (flat, per_seat)
            };
            parts.push(alternative(self, &i.parts));
            if !i.greater.is_empty() {
                parts.push(alternative(self, &i.greater));
            }
            let cap = i
                .cap
                .as_ref()
                .map(|c| self.units("an allowance's cap", c, unit));
            let mut editions = Vec::new();
            for e in &i.editions {
                match eds.get(e.value.as_str()) {
                    Some((idx, _)) => editions.push(*idx),
                    None => {
                        let mut known: Vec<String> = eds.keys().map(|k| k.to_string()).collect();
                        known.sort();
                        let (what, name) = ("edition", e.value.clone());
                        self.error(Kind::Unknown { what, name, known }, e.span);
                    }
                }
            }
            // A plain sum adds into the allowance as before; a cap or a choice is a rule of
            // its own, evaluated apart.
            if cap.is_none() && parts.len() == 1 {
                let (flat, per_seat) = parts[0];
                if i.editions.is_empty() {
                    inc.flat += flat;
                    inc.per_seat += per_seat;
                }
                for e in editions {
                    inc.with_editions.push((e, flat, per_seat));
                }
            } else {
                inc.rules.push(AllowanceRule {
                    editions,
                    alternatives: parts,
                    cap,
                });
            }
        }
        inc
    }

    fn charge(&mut self, c: &ChargeAst, unit: &Unit) -> Charge {
        match &c.kind {
            ChargeKind::OnApplication => Charge::PerUnit(Decimal::ZERO),
            ChargeKind::PerUnit { price, word } => {
                self.same_unit(word, unit, &format!("{} per {}", price.value, unit.word));
                Charge::PerUnit(self.non_negative("a price", price))
            }
            ChargeKind::Pack {
                price,
                size,
                word,
                rounding,
            } => {
                if let Some(w) = word {
                    let fix = format!("{} per pack of {} {}", price.value, size.value, unit.word);
                    self.same_unit(w, unit, &fix);
                }
                let rounding = match rounding.as_ref().map(|r| r.value.as_str()) {
                    Some("down") => PackRounding::Down,
                    Some("nearest") => PackRounding::Nearest,
                    _ => PackRounding::Up,
                };
                let size_value = self.positive("a pack size", size);
                if size_value > Decimal::ZERO {
                    self.units("a pack size", size, unit);
                }
                Charge::Pack {
                    size: size_value.normalize(),
                    price: self.non_negative("a price", price),
                    rounding,
                }
            }
            ChargeKind::Tiers {
                model,
                tiers,
                block,
            } => {
                let block = block.as_ref().map(|b| {
                    let v = self.non_negative("a block size", b);
                    if v.is_zero() {
                        let what = "a block size";
                        self.error(
                            Kind::NotPositive {
                                what,
                                value: "0".into(),
                            },
                            b.span,
                        );
                    }
                    v
                });
                let mut charge = self.tiers(model, tiers, unit, c.span);
                if let Charge::Tiers { block: b, .. } = &mut charge {
                    *b = block.filter(|v| !v.is_zero());
                }
                charge
            }
            ChargeKind::Percent {
                percent,
                fixed,
                word,
                min,
                max,
            } => {
                if let Some(w) = word {
                    let fix = format!("+ 0.30 per {}", unit.word);
                    self.same_unit(w, unit, &fix);
                }
                let percent = self.percent(percent);
                let fixed = fixed.map_or(Decimal::ZERO, |f| self.non_negative("a fixed fee", &f));
                let min = self.clamp("min", min);
                let max = self.clamp("max", max);
                if let (Some(lo), Some(hi)) = (min, max) {
                    if lo > hi {
                        let (min, max) = (lo.to_string(), hi.to_string());
                        self.error(Kind::MinAboveMax { min, max }, c.span);
                    }
                }
                Charge::Percent(PercentCharge {
                    percent,
                    fixed,
                    min,
                    max,
                })
            }
        }
    }

    fn clamp(&mut self, what: &'static str, written: &[Num]) -> Option<Decimal> {
        let (first, rest) = written.split_first()?;
        for extra in rest {
            self.error(Kind::Repeated { what }, extra.span);
        }
        Some(self.non_negative("a fee per transaction", first))
    }

    /// The unit a price names must be the one the item is counted in.
    fn same_unit(&mut self, word: &Name, unit: &Unit, fix: &str) {
        let w = word.value.as_str();
        let u = unit.word.as_str();
        if w.is_empty() || w == u || w.strip_suffix('s') == Some(u) || w == crate::quote::plural(u)
        {
            return;
        }
        let problem = format!("the price is per `{w}`, but it is counted in `{u}`");
        self.shape(
            unit,
            &problem,
            format!("write `{fix}`, or change the `unit` line"),
            word.span,
        );
    }

    fn tiers(&mut self, model: &Name, tiers: &[TierAst], unit: &Unit, at: Span) -> Charge {
        let model = match model.value.as_str() {
            "volume" => TierModel::Volume,
            "stairstep" => TierModel::Stairstep,
            _ => TierModel::Graduated,
        };
        if tiers.is_empty() {
            let fix = "for example: graduated { 1..10 at 10.00; 11.. at 5.00 }".into();
            self.shape(unit, "its tiers are empty", fix, at);
        }
        let step = if unit.divisible {
            Decimal::ZERO
        } else {
            Decimal::ONE
        };
        let mut out: Vec<Tier> = Vec::with_capacity(tiers.len());
        let mut previous: Option<(&TierAst, Option<Decimal>)> = None;
        for t in tiers {
            let from = self.units("a tier bound", &t.from, unit);
            let to = t.to.as_ref().map(|n| self.units("a tier bound", n, unit));
            // Shown as numbers, not as written: `50_000` reads `50000` on a quote.
            let range = text(&format!(
                "{from}..{}",
                to.map_or(String::new(), |t| t.to_string())
            ));
            match previous {
                None if from > step => {
                    let problem = format!(
                        "the first tier starts at {from}, so quantities below it have no price"
                    );
                    let fix = format!(
                        "start the first tier at {}",
                        if unit.divisible { 0 } else { 1 }
                    );
                    self.shape(unit, &problem, fix, t.range_span);
                }
                Some((p, None)) => {
                    let problem = format!(
                        "a tier follows the open tier {}, which already covers every larger quantity",
                        self.written(p.range_span)
                    );
                    let fix = "give the open tier an end, or move it last".into();
                    self.shape(unit, &problem, fix, t.range_span);
                }
                Some((p, Some(end))) if from != end + step => {
                    let kind = Kind::TierGap {
                        previous: self.written(p.range_span).into(),
                        from: from.to_string(),
                        expected: (end + step).to_string(),
                    };
                    self.error(kind, t.range_span);
                }
                _ => {}
            }
            if let Some(to) = to.filter(|to| *to < from) {
                let problem = format!("the tier {range} ends before it starts ({to} < {from})");
                self.shape(
                    unit,
                    &problem,
                    "write the smaller number first".into(),
                    t.range_span,
                );
            }
            let price = self.non_negative("a price", &t.price);
            let fee = t.fee.as_ref().map(|f| self.non_negative("a fee", f));
            let (unit_price, fee) = match (t.flat, fee) {
                (true, _) => (Decimal::ZERO, price),
                (false, f) => (price, f.unwrap_or_default()),
            };
            if model == TierModel::Stairstep && !t.flat {
                let fix = format!("write `{range} at {} flat`", t.price.value);
                let problem =
                    "a stairstep tier is one price for the whole step, not a price per unit";
                self.shape(unit, problem, fix, t.span);
            }
            out.push(Tier {
                lower: out.last().and_then(|l: &Tier| l.upper).unwrap_or_default(),
                upper: to,
                unit: unit_price,
                fee,
                range,
            });
            previous = Some((t, to));
        }
        Charge::Tiers {
            model,
            tiers: out,
            block: None,
        }
    }
}

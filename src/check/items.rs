//! Checks the priced extras of a plan: backup options, support tiers, services, and
//! discounts and coupons.

use super::{conditions, label_of, text, Analyzer};
use crate::diagnostic::Kind;
use crate::model::*;
use crate::span::Span;
use crate::syntax::ast::*;
use rust_decimal::Decimal;
use std::collections::HashMap;

impl Analyzer<'_> {
    pub(super) fn backup(&mut self, b: &BackupAst) -> Backup {
        let mut checked = Vec::with_capacity(b.prices.len());
        for p in &b.prices {
            checked.push((self.backup_price(p), p.billed.as_ref(), p.span));
        }
        let what = format!("backup option `{}`", b.id.value);
        let priced = self.by_cycle(&what, checked);
        let ((flat, per_gb), cycle_prices, sold_on) = match priced {
            Some(p) => (p.price, p.cycles, p.sold_on),
            None => ((Decimal::ZERO, Decimal::ZERO), Vec::new(), Vec::new()),
        };
        Backup {
            id: text(&b.id.value),
            label: label_of(&b.id, &b.label),
            flat,
            per_gb,
            cycle_prices,
            sold_on,
            line_id: text(&format!("backup.{}", b.id.value)),
        }
    }

    /// One backup price line: (flat fee, rate per GB), each written at most once.
    fn backup_price(&mut self, p: &BackupPriceAst) -> (Decimal, Decimal) {
        let flat: Vec<_> = p.flat.iter().map(|n| (*n, n.span)).collect();
        let per_gb: Vec<_> = p.per_gb.iter().map(|n| (*n, n.span)).collect();
        let flat = self.once("the backup's flat fee", &flat);
        let per_gb = self.once("the backup's rate per GB", &per_gb);
        (
            flat.map(|n| self.non_negative("a backup fee", &n))
                .unwrap_or_default(),
            per_gb
                .map(|n| self.non_negative("a backup rate", &n))
                .unwrap_or_default(),
        )
    }

    pub(super) fn support(&mut self, s: &SupportAst) -> Support {
        let what = format!("support tier `{}`", s.id.value);
        if s.prices.is_empty() {
            let example = "20% of recurring, min 1500.00";
            self.error(Kind::NoPrice { what, example }, s.id.span);
            return self.support_with(s, SupportPrice::Flat(Decimal::ZERO), None);
        }
        let mut checked = Vec::with_capacity(s.prices.len());
        for (p, billed) in &s.prices {
            let at = match p {
                SupportPriceAst::Flat(n) | SupportPriceAst::PerSeat(n) => n.span,
                SupportPriceAst::Percent { span, .. } => *span,
            };
            checked.push((self.support_price(p), billed.as_ref(), at));
        }
        match self.by_cycle(&what, checked) {
            Some(priced) => {
                self.cycle_order(&what, &priced);
                let price = priced.price.clone();
                self.support_with(s, price, Some(priced))
            }
            None => self.support_with(s, SupportPrice::Flat(Decimal::ZERO), None),
        }
    }

    fn support_price(&mut self, p: &SupportPriceAst) -> SupportPrice {
        match p {
            SupportPriceAst::Flat(n) => SupportPrice::Flat(self.non_negative("a support fee", n)),
            SupportPriceAst::PerSeat(n) => {
                SupportPrice::PerSeat(self.non_negative("a support price", n))
            }
            SupportPriceAst::Percent {
                percent,
                min,
                max,
                seats,
                net,
                ..
            } => {
                let (seats, net) = (*seats, *net);
                let percent = self.percent(percent);
                let mins: Vec<_> = min.iter().map(|n| (*n, n.span)).collect();
                let maxs: Vec<_> = max.iter().map(|n| (*n, n.span)).collect();
                let min = self.once("the minimum", &mins);
                let max = self.once("the maximum", &maxs);
                let lo = min.as_ref().map(|n| self.non_negative("a minimum", n));
                let hi = max.as_ref().map(|n| self.non_negative("a maximum", n));
                if let (Some(lo), Some(hi), Some(m)) = (lo, hi, &min) {
                    if lo > hi {
                        let kind = Kind::MinAboveMax {
                            min: lo.to_string(),
                            max: hi.to_string(),
                        };
                        self.error(kind, m.span);
                    }
                }
                SupportPrice::Percent {
                    percent,
                    seats,
                    net,
                    min: lo,
                    max: hi,
                }
            }
        }
    }

    fn support_with(
        &mut self,
        s: &SupportAst,
        price: SupportPrice,
        priced: Option<super::cycles::ByCycle<SupportPrice>>,
    ) -> Support {
        let (cycle_prices, sold_on) =
            priced.map_or((Vec::new(), Vec::new()), |p| (p.cycles, p.sold_on));
        let spans: Vec<_> = s.allowances.iter().map(|a| (a.clone(), a.span)).collect();
        let label = label_of(&s.id, &s.label);
        let allowance =
            self.once("the tier's allowance", &spans)
                .map(|a| crate::model::Allowance {
                    included: a.included.value,
                    unit: text(&a.unit.value),
                    price: self.non_negative("a price per unit", &a.price),
                    line_id: text(&format!("support.{}.extra", s.id.value)),
                    label: text(&format!("{label}: extra {}", a.unit.value)),
                });
        Support {
            allowance,
            included_with: Vec::new(),
            id: text(&s.id.value),
            label: label_of(&s.id, &s.label),
            channels: s.channels.iter().map(|c| text(&c.value)).collect(),
            price,
            cycle_prices,
            sold_on,
            line_id: text(&format!("support.{}", s.id.value)),
        }
    }

    pub(super) fn service(&mut self, s: &ServiceAst) -> Service {
        let label = label_of(&s.id, &s.label);
        let service = s.id.value.clone();
        let pricing = if !s.targets.is_empty() {
            // A unit price beside targets is the workload rate: (base + quantity x rate) x factor.
            let workload = match s.unit_prices.as_slice() {
                [] => None,
                [(rate, unit), rest @ ..] => {
                    if let Some((n, _)) = rest.first() {
                        let what = format!("service `{service}`");
                        self.error(Kind::ExtraPrice { what }, n.span);
                    }
                    Some(Workload {
                        rate: self.non_negative("a workload rate", rate),
                        unit: text(&unit.value),
                    })
                }
            };
            self.unique("integration target", s.targets.iter().map(|t| &t.id));
            self.unique("complexity", s.complexity.iter().map(|(n, _)| n));
            let targets = s
                .targets
                .iter()
                .map(|t| {
                    let target_label = label_of(&t.id, &t.label);
                    Target {
                        id: text(&t.id.value),
                        price: self.non_negative("a target price", &t.price),
                        line_id: text(&format!("service.{}.{}", s.id.value, t.id.value)),
                        line_label: text(&format!("{label}: {target_label}")),
                        label: target_label,
                    }
                })
                .collect();
            let complexity = s
                .complexity
                .iter()
                .map(|(n, f)| (text(&n.value), self.positive("a complexity multiplier", f)))
                .collect();
            ServicePricing::Targets {
                targets,
                complexity,
                workload,
            }
        } else {
            if let Some((n, _)) = s.complexity.first() {
                let problem = "has complexity multipliers but no targets to scale";
                self.error(
                    Kind::ServiceShape {
                        service: service.clone(),
                        problem,
                    },
                    n.span,
                );
            }
            match s.unit_prices.as_slice() {
                [] => {
                    let problem =
                        "has no price: add `target NAME at AMOUNT` lines or `AMOUNT per UNIT`";
                    self.error(Kind::ServiceShape { service, problem }, s.id.span);
                    ServicePricing::PerUnit {
                        price: Decimal::ZERO,
                        unit: text("unit"),
                        line_id: text(""),
                    }
                }
                [(price, unit), rest @ ..] => {
                    if let Some((n, _)) = rest.first() {
                        let what = format!("service `{service}`");
                        self.error(Kind::ExtraPrice { what }, n.span);
                    }
                    ServicePricing::PerUnit {
                        price: self.non_negative("a service price", price),
                        unit: text(&unit.value),
                        line_id: text(&format!("service.{}", s.id.value)),
                    }
                }
            }
        };
        Service {
            id: text(&s.id.value),
            label,
            pricing,
        }
    }

    pub(super) fn discount(&mut self, d: &DiscountAst, names: &conditions::Names) -> Discount {
        let amount = match &d.amount {
            DiscountAmountAst::Percent(p) => DiscountAmount::Percent(self.percent(p)),
            DiscountAmountAst::Fixed(a) => {
                DiscountAmount::Fixed(self.non_negative("a discount", a))
            }
        };
        let scope = self.scope(d, names);
        // A fixed amount needs one net to come off; `all` and `lines` can have two.
        let two_nets = match &scope {
            Scope::All => true,
            Scope::Part(Part::Lines(ids)) => {
                let (recurring, one_time) = Part::line_kinds(ids);
                recurring && one_time
            }
            _ => false,
        };
        if two_nets && matches!(amount, DiscountAmount::Fixed(_)) {
            self.error(Kind::FixedAmountForAll, d.scope.span);
        }
        let when = d
            .condition
            .as_ref()
            .and_then(|c| conditions::when(c, names, &mut self.diagnostics));
        let mut condition = Vec::new();
        if let Some(w) = &when {
            w.comparisons(&mut condition);
        }
        let condition_text = when.as_ref().map(|w| text(&w.text()));
        // A discount may not read the total it changes.
        let (takes_recurring, takes_one_time) = match &scope {
            Scope::Recurring => (true, false),
            Scope::OneTime => (false, true),
            Scope::All => (true, true),
            Scope::Part(Part::Services) => (false, true),
            Scope::Part(Part::Lines(ids)) => Part::line_kinds(ids),
            Scope::Part(_) => (true, false),
        };
        for c in &condition {
            let total = match c.field {
                Field::MonthlyRecurring if takes_recurring => "monthly_recurring",
                Field::AnnualRecurring if takes_recurring => "annual_recurring",
                Field::OneTime if takes_one_time => "one_time",
                _ => continue,
            };
            let what = format!(
                "{} `{}`",
                if d.surcharge { "surcharge" } else { "discount" },
                d.id.value
            );
            let verb = if d.surcharge { "adds to" } else { "takes off" };
            let lines = if total == "one_time" {
                "one-time"
            } else {
                "recurring"
            };
            let changes = format!("it {verb} {lines} lines");
            self.error(
                Kind::SelfDependent {
                    what,
                    total,
                    changes,
                },
                d.id.span,
            );
            break;
        }
        let prefix = match (d.coupon, d.surcharge) {
            (true, _) => "coupon",
            (_, true) => "surcharge",
            _ => "discount",
        };
        let stacking = match &d.stacking {
            None => Stacking::Stacks,
            Some(StackingAst::Exclusive(_)) => Stacking::Exclusive,
            Some(StackingAst::BestOf(g)) => Stacking::BestOf(text(&g.value)),
        };
        let (recurring_line_id, one_time_line_id) = if two_nets {
            (
                format!("{prefix}.{}.recurring", d.id.value),
                format!("{prefix}.{}.one_time", d.id.value),
            )
        } else {
            let id = format!("{prefix}.{}", d.id.value);
            (id.clone(), id)
        };
        Discount {
            id: text(&d.id.value),
            label: label_of(&d.id, &d.label),
            coupon: d.coupon,
            surcharge: d.surcharge,
            stacking,
            amount,
            scope,
            condition,
            when,
            condition_text,
            recurring_line_id: text(&recurring_line_id),
            one_time_line_id: text(&one_time_line_id),
        }
    }

    /// What a discount takes off: a kind of line, or a part of the quote with its names
    /// checked against the plan.
    fn scope(&mut self, d: &DiscountAst, names: &conditions::Names) -> Scope {
        let mut indices = |what: &'static str, map: &HashMap<&str, (usize, Span)>| {
            let mut found = Vec::new();
            for n in &d.scope_names {
                match map.get(n.value.as_str()) {
                    Some((i, _)) => found.push(*i),
                    None => {
                        let mut known: Vec<String> = map.keys().map(|k| k.to_string()).collect();
                        known.sort();
                        let name = n.value.clone();
                        self.error(Kind::Unknown { what, name, known }, n.span);
                    }
                }
            }
            found
        };
        let part = match d.scope.value.as_str() {
            "recurring" => return Scope::Recurring,
            "one_time" => return Scope::OneTime,
            "all" => return Scope::All,
            "seats" => Part::Seats,
            "support" => Part::Support,
            "storage" => Part::Storage,
            "backup" => Part::Backup,
            "services" => Part::Services,
            "addons" => Part::Addons,
            "usage" => Part::Usage,
            "editions" => Part::Editions(indices("edition", names.editions)),
            "modules" => {
                let found = indices("module", names.modules);
                Part::Modules(
                    found
                        .iter()
                        .map(|&m| text(&format!("module.{}", self.module_name(names, m))))
                        .collect(),
                )
            }
            _ => {
                let mut ids = Vec::new();
                for n in &d.scope_names {
                    let covered = names.lines.iter().any(|l| {
                        l == &n.value
                            || l.strip_prefix(n.value.as_str())
                                .is_some_and(|r| r.starts_with('.'))
                    });
                    if covered {
                        ids.push(text(&n.value));
                    } else {
                        let name = n.value.clone();
                        let known = names.lines.to_vec();
                        self.error(
                            Kind::Unknown {
                                what: "quote line",
                                name,
                                known,
                            },
                            n.span,
                        );
                    }
                }
                Part::Lines(ids)
            }
        };
        Scope::Part(part)
    }

    /// A module's name from its index, for its line id.
    fn module_name(&self, names: &conditions::Names, m: usize) -> String {
        names
            .modules
            .iter()
            .find(|(_, (i, _))| *i == m)
            .map_or_else(String::new, |(k, _)| k.to_string())
    }
}

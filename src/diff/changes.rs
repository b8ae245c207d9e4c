//! What changed between two checked plans, in pricing terms: the model is compared, not
//! the text, so reformatting, comments and reordered declarations are not changes.

use super::describe as say;
use crate::model::*;
use serde::Serialize;
use std::fmt;

/// Whether a term appeared, disappeared or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Only in the new plan.
    Added,
    /// Only in the old plan.
    Removed,
    /// In both, with a different value.
    Changed,
}

/// One change in a pricing term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Added, removed or changed.
    pub op: Op,
    /// What changed: `edition basic, seat band medium`, `discount annual_prepay`.
    pub subject: String,
    /// The term in the old plan.
    pub old: Option<String>,
    /// The term in the new plan.
    pub new: Option<String>,
}

impl fmt::Display for Change {
    /// `~ subject: old -> new`, `+ subject: new`, `- subject: old`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (old, new) = (self.old.as_deref(), self.new.as_deref());
        match self.op {
            Op::Added => write!(f, "+ {}: {}", self.subject, new.unwrap_or("")),
            Op::Removed => write!(f, "- {}: {}", self.subject, old.unwrap_or("")),
            Op::Changed => write!(
                f,
                "~ {}: {} -> {}",
                self.subject,
                old.unwrap_or(""),
                new.unwrap_or("")
            ),
        }
    }
}

/// Every pricing change from `old` to `new`, in the order of a plan file: header, storage,
/// editions, modules, add-ons and usages, backup, support, services, discounts, coupons, hooks.
pub fn changes(old: &Plan, new: &Plan) -> Vec<Change> {
    let mut d = Differ {
        old,
        new,
        od: old.currency.minor_digits,
        nd: new.currency.minor_digits,
        out: Vec::new(),
    };
    d.header();
    d.storage();
    d.editions();
    d.modules("seat type", &old.seat_types, &new.seat_types);
    d.modules("module", &old.modules, &new.modules);
    d.quantities();
    d.backups();
    d.supports();
    d.services();
    d.discounts(&old.discounts, &new.discounts, "discount");
    d.order(&old.discounts, &new.discounts);
    d.discounts(&old.coupons, &new.coupons, "coupon");
    d.book_terms();
    d.hooks();
    d.out
}

/// The two plans and the changes found so far; `od`/`nd` are their currencies' digits.
pub(super) struct Differ<'a> {
    pub(super) old: &'a Plan,
    pub(super) new: &'a Plan,
    pub(super) od: u32,
    pub(super) nd: u32,
    out: Vec<Change>,
}

/// Pairs items of two lists by a key: `(old, new)`, with `None` where one side lacks it.
/// Old items first in old order, then items only the new plan has.
pub(super) fn pair<'a, T>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> String,
) -> Vec<Pair<'a, T>> {
    let mut pairs: Vec<Pair<'a, T>> = old
        .iter()
        .map(|o| (key(o), Some(o), new.iter().find(|n| key(n) == key(o))))
        .collect();
    for n in new {
        if !old.iter().any(|o| key(o) == key(n)) {
            pairs.push((key(n), None, Some(n)));
        }
    }
    pairs
}

type Pair<'a, T> = (String, Option<&'a T>, Option<&'a T>);

impl Differ<'_> {
    fn push(&mut self, op: Op, subject: String, old: Option<String>, new: Option<String>) {
        self.out.push(Change {
            op,
            subject,
            old,
            new,
        });
    }

    /// Records an addition, removal or change of one optional term.
    pub(super) fn term(&mut self, subject: String, old: Option<String>, new: Option<String>) {
        match (old, new) {
            (None, Some(n)) => self.push(Op::Added, subject, None, Some(n)),
            (Some(o), None) => self.push(Op::Removed, subject, Some(o), None),
            (Some(o), Some(n)) if o != n => self.push(Op::Changed, subject, Some(o), Some(n)),
            _ => {}
        }
    }

    /// Records names in one list and not the other (`requires`, `includes`).
    pub(super) fn names(&mut self, subject: &str, old: &[String], new: &[String]) {
        for o in old.iter().filter(|o| !new.contains(o)) {
            self.push(Op::Removed, subject.to_string(), Some(o.clone()), None);
        }
        for n in new.iter().filter(|n| !old.contains(n)) {
            self.push(Op::Added, subject.to_string(), None, Some(n.clone()));
        }
    }

    fn header(&mut self) {
        let (o, n) = (self.old, self.new);
        self.term(
            "currency".into(),
            Some(o.currency.code.to_string()),
            Some(n.currency.code.to_string()),
        );
        let pct = |p: &Plan| {
            let included = if p.tax_included { " included" } else { "" };
            format!("{}%{included}", p.tax_percent.normalize())
        };
        self.term("tax".into(), Some(pct(o)), Some(pct(n)));
        // A tax table, region by region: each rate, the reverse charge, as a plan says them.
        let regions = |p: &Plan| -> Vec<(String, String)> {
            let Some(t) = &p.tax_table else {
                return Vec::new();
            };
            let mut out: Vec<(String, String)> = (t.rates.iter())
                .map(|(r, rate)| {
                    let said = rate.map_or("exempt".into(), |x| format!("{}%", x.normalize()));
                    (format!("tax in {r}"), said)
                })
                .collect();
            if !t.reverse_charge.is_empty() {
                let countries: Vec<&str> = t.reverse_charge.iter().map(|c| &**c).collect();
                out.push(("reverse charge".into(), countries.join(", ")));
            }
            out
        };
        let (or, nr) = (regions(o), regions(n));
        let mut keys: Vec<&String> = or.iter().chain(&nr).map(|(k, _)| k).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            let find =
                |v: &[(String, String)]| v.iter().find(|(x, _)| x == k).map(|(_, y)| y.clone());
            self.term(k.clone(), find(&or), find(&nr));
        }
        let months = |m: Option<u64>| m.map(|m| format!("{m} months"));
        self.term(
            "minimum term".into(),
            months(o.min_term_months),
            months(n.min_term_months),
        );
        let date = |e: &Option<Text>| e.as_ref().map(|e| e.to_string());
        self.term(
            "effective date".into(),
            date(&o.effective),
            date(&n.effective),
        );
    }

    fn storage(&mut self) {
        let (o, n) = (&self.old.storage, &self.new.storage);
        let gb = |q: rust_decimal::Decimal| (!q.is_zero()).then(|| say::gb(q));
        self.term(
            "storage included".into(),
            gb(o.included_flat),
            gb(n.included_flat),
        );
        self.term(
            "storage included per seat".into(),
            gb(o.included_per_seat),
            gb(n.included_per_seat),
        );
        let (od, nd) = (self.od, self.nd);
        self.term(
            "storage overage".into(),
            o.overage.as_ref().map(|x| say::overage(x, od)),
            n.overage.as_ref().map(|x| say::overage(x, nd)),
        );
    }

    /// A seat price: band by band when both are tiered the same way, else as a whole.
    fn seat_price(&mut self, owner: &str, old: &SeatPrice, new: &SeatPrice) {
        let (od, nd) = (self.od, self.nd);
        match (old, new) {
            (SeatPrice::Volume(ob), SeatPrice::Volume(nb))
            | (SeatPrice::Graduated(ob), SeatPrice::Graduated(nb)) => {
                for (_, o, n) in pair(ob, nb, say::band_key) {
                    let label = o.or(n).map(say::band_label).unwrap_or_default();
                    self.term(
                        format!("{owner}, seat band {label}"),
                        o.map(|b| say::band_terms(b, od)),
                        n.map(|b| say::band_terms(b, nd)),
                    );
                }
            }
            _ => self.term(
                format!("{owner}, price"),
                Some(say::seat_price(old, od)),
                Some(say::seat_price(new, nd)),
            ),
        }
    }

    /// Each billing cycle's own price, added, removed or changed.
    fn cycle_prices<T>(
        &mut self,
        subject: &str,
        old: &[(Billing, T)],
        new: &[(Billing, T)],
        word: impl Fn(&T, u32) -> String,
    ) {
        let (od, nd) = (self.od, self.nd);
        for c in Billing::ALL {
            let find = |list: &[(Billing, T)], d: u32| {
                list.iter().find(|(x, _)| *x == c).map(|(_, p)| word(p, d))
            };
            self.term(
                format!("{subject}, price billed {}", c.adverb()),
                find(old, od),
                find(new, nd),
            );
        }
    }

    fn editions(&mut self) {
        let (op, np) = (self.old, self.new);
        for (id, o, n) in pair(&op.editions, &np.editions, |e| e.id.to_string()) {
            let subject = format!("edition {id}");
            let (o, n) = match (o, n) {
                (Some(o), Some(n)) => (o, n),
                (o, n) => {
                    let (od, nd) = (self.od, self.nd);
                    self.term(
                        subject,
                        o.map(|e| say::edition(op, e, od)),
                        n.map(|e| say::edition(np, e, nd)),
                    );
                    continue;
                }
            };
            let (oi, ni) = (say::included(op, o), say::included(np, n));
            self.names(&format!("{subject}, included module"), &oi, &ni);
            let gb = |q: rust_decimal::Decimal| (!q.is_zero()).then(|| say::gb(q));
            self.term(
                format!("{subject}, storage included"),
                gb(o.storage_flat),
                gb(n.storage_flat),
            );
            self.term(
                format!("{subject}, storage included per seat"),
                gb(o.storage_per_seat),
                gb(n.storage_per_seat),
            );
            self.seat_price(&subject, &o.price, &n.price);
            self.cycle_prices(&subject, &o.cycle_prices, &n.cycle_prices, say::seat_price);
        }
    }

    /// Modules, or seat types (declared the same way): `word` says which.
    fn modules(&mut self, word: &str, old: &[Module], new: &[Module]) {
        let (op, np) = (self.old, self.new);
        for (id, o, n) in pair(old, new, |m| m.id.to_string()) {
            let subject = format!("{word} {id}");
            let (o, n) = match (o, n) {
                (Some(o), Some(n)) => (o, n),
                (o, n) => {
                    let (od, nd) = (self.od, self.nd);
                    self.term(
                        subject,
                        o.map(|m| say::module(op, m, od)),
                        n.map(|m| say::module(np, m, nd)),
                    );
                    continue;
                }
            };
            match (&o.price, &n.price) {
                (Some(a), Some(b)) => self.seat_price(&subject, a, b),
                (a, b) => {
                    let (od, nd) = (self.od, self.nd);
                    self.term(
                        format!("{subject}, price"),
                        Some(say::module_price(a, od)),
                        Some(say::module_price(b, nd)),
                    );
                }
            }
            self.cycle_prices(&subject, &o.cycle_prices, &n.cycle_prices, say::seat_price);
            let (or, nr) = (
                say::module_names(op, &o.requires),
                say::module_names(np, &n.requires),
            );
            self.names(&format!("{subject}, requires"), &or, &nr);
            let (oe, ne) = (
                say::module_names(op, &o.excludes),
                say::module_names(np, &n.excludes),
            );
            self.names(&format!("{subject}, excludes"), &oe, &ne);
        }
    }

    fn backups(&mut self) {
        let (od, nd) = (self.od, self.nd);
        for (id, o, n) in pair(&self.old.backups, &self.new.backups, |b| b.id.to_string()) {
            self.term(
                format!("backup {id}"),
                o.map(|b| say::backup(b, od)),
                n.map(|b| say::backup(b, nd)),
            );
        }
    }

    fn supports(&mut self) {
        let (od, nd) = (self.od, self.nd);
        for (id, o, n) in pair(&self.old.supports, &self.new.supports, |s| s.id.to_string()) {
            self.term(
                format!("support {id}"),
                o.map(|s| say::support(&s.price, od)),
                n.map(|s| say::support(&s.price, nd)),
            );
            if let (Some(o), Some(n)) = (o, n) {
                let subject = format!("support {id}");
                self.cycle_prices(&subject, &o.cycle_prices, &n.cycle_prices, say::support);
            }
        }
    }

    fn services(&mut self) {
        let (od, nd) = (self.od, self.nd);
        let (old, new) = (self.old, self.new);
        for (id, o, n) in pair(&old.services, &new.services, |s| s.id.to_string()) {
            let subject = format!("service {id}");
            let targets = match (o.map(|s| &s.pricing), n.map(|s| &s.pricing)) {
                (
                    Some(ServicePricing::Targets {
                        targets: ot,
                        complexity: oc,
                        workload: ow,
                    }),
                    Some(ServicePricing::Targets {
                        targets: nt,
                        complexity: nc,
                        workload: nw,
                    }),
                ) => {
                    let rate = |w: &crate::model::Workload, d| {
                        format!("{} per {}", say::amount(w.rate, d), w.unit)
                    };
                    self.term(
                        format!("{subject}, workload rate"),
                        ow.as_ref().map(|w| rate(w, od)),
                        nw.as_ref().map(|w| rate(w, nd)),
                    );
                    (ot, oc, nt, nc)
                }
                (o, n) => {
                    self.term(
                        subject,
                        o.map(|p| say::service(p, od)),
                        n.map(|p| say::service(p, nd)),
                    );
                    continue;
                }
            };
            let (ot, oc, nt, nc) = targets;
            for (t, o, n) in pair(ot, nt, |t| t.id.to_string()) {
                self.term(
                    format!("{subject}, target {t}"),
                    o.map(|t| say::amount(t.price, od)),
                    n.map(|t| say::amount(t.price, nd)),
                );
            }
            for (c, o, n) in pair(oc, nc, |c| c.0.to_string()) {
                let factor = |c: &(Text, rust_decimal::Decimal)| c.1.normalize().to_string();
                self.term(
                    format!("{subject}, complexity {c}"),
                    o.map(factor),
                    n.map(factor),
                );
            }
        }
    }

    fn discounts(&mut self, old: &[Discount], new: &[Discount], what: &str) {
        let (od, nd) = (self.od, self.nd);
        let (op, np) = (self.old, self.new);
        for (id, o, n) in pair(old, new, |x| x.id.to_string()) {
            let what = match o.or(n) {
                Some(x) if x.surcharge => "surcharge",
                _ => what,
            };
            self.term(
                format!("{what} {id}"),
                o.map(|x| say::discount(x, od, op)),
                n.map(|x| say::discount(x, nd, np)),
            );
        }
    }

    /// Discounts compound, so the order of the ones both plans keep is a pricing term too.
    fn order(&mut self, old: &[Discount], new: &[Discount]) {
        let kept = |a: &[Discount], b: &[Discount]| -> Vec<String> {
            a.iter()
                .filter(|x| b.iter().any(|y| y.id == x.id))
                .map(|x| x.id.to_string())
                .collect()
        };
        let (o, n) = (kept(old, new), kept(new, old));
        if o != n {
            self.push(
                Op::Changed,
                "discount order".into(),
                Some(o.join(", ")),
                Some(n.join(", ")),
            );
        }
    }

    fn hooks(&mut self) {
        use sha2::{Digest, Sha256};
        let digest = |h: &crate::hooks::Hook| {
            let sum = Sha256::digest(h.source.text.as_bytes());
            let hex: String = sum.iter().take(4).map(|b| format!("{b:02x}")).collect();
            format!("script {hex}")
        };
        for (path, o, n) in pair(&self.old.hooks, &self.new.hooks, |h| h.path.to_string()) {
            self.term(format!("hook {path}"), o.map(digest), n.map(digest));
        }
    }
}

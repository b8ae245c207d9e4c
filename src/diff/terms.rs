//! The price-book terms beyond prices that a new plan version can change: seat limits,
//! one-time fees, attach prices, support allowances, the minimum commitment and the
//! currencies a plan sells in.

use super::changes::{pair, Differ};
use super::describe::{amount, seat_price};
use crate::model::*;

impl Differ<'_> {
    /// Every term of this module, compared between the two plans.
    pub(super) fn book_terms(&mut self) {
        let (op, np) = (self.old, self.new);
        let (od, nd) = (self.od, self.nd);
        self.term(
            "minimum commitment".into(),
            op.commitment
                .map(|a| format!("{} per month", amount(a, od))),
            np.commitment
                .map(|a| format!("{} per month", amount(a, nd))),
        );
        let codes = |p: &Plan| {
            let mut c: Vec<String> = vec![p.currency.code.to_string()];
            c.extend(
                p.other_currencies
                    .iter()
                    .map(|o| o.currency.code.to_string()),
            );
            c
        };
        self.names("currency sold in", &codes(op), &codes(np));
        let m2m = |p: &Plan| p.month_to_month.then(|| "month-to-month".to_string());
        self.term("monthly billing".into(), m2m(op), m2m(np));
        // What each price list leaves unsold, currency by currency.
        let unsold = |p: &Plan| -> Vec<String> {
            let mut out = Vec::new();
            for o in &p.other_currencies {
                let c = &o.currency.code;
                let ids = (o
                    .editions
                    .iter()
                    .filter(|e| e.not_sold.is_some())
                    .map(|e| &e.id))
                .chain(
                    o.modules
                        .iter()
                        .filter(|m| m.not_sold.is_some())
                        .map(|m| &m.id),
                )
                .chain(
                    o.quantities
                        .iter()
                        .filter(|q| q.not_sold.is_some())
                        .map(|q| &q.id),
                );
                out.extend(ids.map(|id| format!("{id} in {c}")));
            }
            out
        };
        self.names("not sold", &unsold(op), &unsold(np));
        for (id, o, n) in pair(&op.editions, &np.editions, |e| e.id.to_string()) {
            let (Some(o), Some(n)) = (o, n) else { continue };
            let subject = format!("edition {id}");
            let date = |e: &Edition| e.withdrawn.map(|d| d.to_string());
            self.term(format!("{subject}, withdrawn"), date(o), date(n));
            let poa = |e: &Edition| e.on_application.then(|| "on application".to_string());
            self.term(format!("{subject}, price"), poa(o), poa(n));
            let seats = |v: Option<u64>| v.map(|v| format!("{v} seats"));
            let minimum = |e: &Edition| {
                let how = if e.limits.charge_minimum {
                    "charge"
                } else {
                    "purchase"
                };
                e.limits.minimum.map(|m| format!("{m} seats ({how})"))
            };
            self.term(format!("{subject}, minimum"), minimum(o), minimum(n));
            let (omax, nmax) = (seats(o.limits.maximum), seats(n.limits.maximum));
            self.term(format!("{subject}, maximum"), omax, nmax);
            let months = |v: Option<u64>| v.map(|v| format!("{v} months"));
            let (ot, nt) = (months(o.min_term_months), months(n.min_term_months));
            self.term(format!("{subject}, minimum term"), ot, nt);
            self.fees(&subject, &o.fees, &n.fees);
        }
        let modules = (pair(&op.seat_types, &np.seat_types, |m| m.id.to_string()).into_iter())
            .map(|x| ("seat type", x))
            .chain(
                pair(&op.modules, &np.modules, |m| m.id.to_string())
                    .into_iter()
                    .map(|x| ("module", x)),
            );
        for (word, (id, o, n)) in modules {
            let (Some(o), Some(n)) = (o, n) else { continue };
            let subject = format!("{word} {id}");
            let poa = |m: &Module| m.on_application.then(|| "on application".to_string());
            self.term(format!("{subject}, price"), poa(o), poa(n));
            self.fees(&subject, &o.fees, &n.fees);
            let key = |a: &Attach| match a.cycle {
                Some(c) => format!("{}, billed {}", a.editions.join(", "), c.adverb()),
                None => a.editions.join(", "),
            };
            for (with, a, b) in pair(&o.attach, &n.attach, key) {
                self.term(
                    format!("{subject}, price with {with}"),
                    a.map(|a| seat_price(&a.price, od)),
                    b.map(|b| seat_price(&b.price, nd)),
                );
            }
        }
        for (id, o, n) in pair(&op.supports, &np.supports, |s| s.id.to_string()) {
            let (Some(o), Some(n)) = (o, n) else { continue };
            let with = |s: &Support, p: &Plan| -> Option<String> {
                let names: Vec<&str> = (s.included_with.iter())
                    .filter_map(|e| p.editions.get(*e).map(|x| &*x.id))
                    .collect();
                (!names.is_empty()).then(|| names.join(", "))
            };
            self.term(
                format!("support {id}, included with"),
                with(o, op),
                with(n, np),
            );
            let allowance = |s: &Support, d| {
                s.allowance.as_ref().map(|a| {
                    let price = amount(a.price, d);
                    format!("{} {} per year, then {price} each", a.included, a.unit)
                })
            };
            let (oa, na) = (allowance(o, od), allowance(n, nd));
            self.term(format!("support {id}, included units"), oa, na);
        }
    }

    fn fees(&mut self, subject: &str, old: &[Fee], new: &[Fee]) {
        let (od, nd) = (self.od, self.nd);
        for (id, o, n) in pair(old, new, |f| f.line_id.to_string()) {
            let name = id.rsplit('.').next().unwrap_or(&id).to_string();
            let said = |f: &Fee, d| match &f.waived_when {
                Some(w) => format!("{} waived when {}", amount(f.amount, d), w.text()),
                None => amount(f.amount, d),
            };
            self.term(
                format!("{subject}, fee {name}"),
                o.map(|f| said(f, od)),
                n.map(|f| said(f, nd)),
            );
        }
    }
}

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
        for (id, o, n) in pair(&op.editions, &np.editions, |e| e.id.to_string()) {
            let (Some(o), Some(n)) = (o, n) else { continue };
            let subject = format!("edition {id}");
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
        for (id, o, n) in pair(&op.modules, &np.modules, |m| m.id.to_string()) {
            let (Some(o), Some(n)) = (o, n) else { continue };
            let subject = format!("module {id}");
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
            self.term(
                format!("{subject}, fee {name}"),
                o.map(|f| amount(f.amount, od)),
                n.map(|f| amount(f.amount, nd)),
            );
        }
    }
}

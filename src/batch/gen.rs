//! Synthetic customer books for tests and benchmarks: realistic mixes the plan accepts.
//!
//! Deterministic for a seed (`fastrand`), so a benchmark or a failing test can be reproduced
//! row for row. Modules respect the plan's `requires` and `excludes`, so nearly every row
//! prices; the exceptions are what a plan's own limits make impossible (a closed last band).

use crate::model::Billing;
use crate::model::{Edition, Field, Plan, SeatPrice, ServicePricing, Value};
use crate::request::{Attr, Qty, Request, ServiceRequest};
use rust_decimal::Decimal;
use std::io::{self, Write};

const COMPANIES: [&str; 24] = [
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Globex",
    "Initech",
    "Umbrella",
    "Wayne",
    "Stark",
    "Tyrell",
    "Hooli",
    "Vandelay",
    "Soylent",
    "Cyberdyne",
    "Wonka",
    "Oceanic",
    "Blue Harbor",
    "Red Rock",
    "Silver Lake",
    "Golden Gate",
    "Huaxia",
    "Jinling",
    "Pearl River",
    "Yangtze",
    "Kunlun",
];

const INDUSTRIES: [&str; 12] = [
    "Logistics",
    "Retail",
    "Foods",
    "Pharma",
    "Media",
    "Holdings",
    "Trading",
    "Consulting",
    "Engineering",
    "Textiles",
    "Software",
    "Energy",
];

const SUFFIXES: [&str; 6] = ["Ltd", "Inc", "GmbH", "Co", "LLC", "Group"];

/// The book columns a generated book has, before its `attr.NAME` columns.
const COLUMNS: [&str; 10] = [
    "customer",
    "edition",
    "seats",
    "modules",
    "storage_gb",
    "backup",
    "support",
    "billing",
    "term_months",
    "services",
];

/// An attribute the plan's conditions read, with the values they compare it to.
struct AttrSpec {
    name: String,
    texts: Vec<String>,
    numbers: Vec<Decimal>,
}

/// Writes a book of `rows` requests for `plan`, the same book for the same `seed`.
pub fn generate<W: Write>(plan: &Plan, rows: u64, seed: u64, out: W) -> io::Result<()> {
    let mut g = Generator {
        plan,
        rng: fastrand::Rng::with_seed(seed),
        attrs: attributes(plan),
    };
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    header.extend(g.attrs.iter().map(|a| format!("attr.{}", a.name)));
    w.write_record(&header).map_err(io_error)?;
    for n in 1..=rows {
        let r = g.request(n);
        w.write_record(g.record(&r)).map_err(io_error)?;
    }
    w.flush()
}

/// The write error inside a CSV error, so that a closed pipe (`gen-book | head -1`) is
/// still seen as one and ends the command quietly; `?` alone would wrap it as "other".
fn io_error(e: csv::Error) -> io::Error {
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        _ => io::Error::other(message),
    }
}

/// The attributes named in discount and coupon conditions, so generated rows can meet them.
fn attributes(plan: &Plan) -> Vec<AttrSpec> {
    let mut specs: Vec<AttrSpec> = Vec::new();
    let conditions = plan
        .discounts
        .iter()
        .chain(&plan.coupons)
        .flat_map(|d| &d.condition);
    for c in conditions {
        let Field::Attribute(name) = &c.field else {
            continue;
        };
        let i = match specs.iter().position(|s| *s.name == **name) {
            Some(i) => i,
            None => {
                specs.push(AttrSpec {
                    name: name.to_string(),
                    texts: Vec::new(),
                    numbers: Vec::new(),
                });
                specs.len() - 1
            }
        };
        match &c.value {
            Value::Text(t) => specs[i].texts.push(t.to_string()),
            Value::Number(n) => specs[i].numbers.push(*n),
        }
    }
    specs
}

/// The lowest and highest seat count a price accepts (`None`: no upper limit).
fn seat_range(price: &SeatPrice) -> (u64, Option<u64>) {
    match price {
        SeatPrice::Volume(bands) | SeatPrice::Graduated(bands) => (
            bands.first().map_or(1, |b| b.from),
            bands.last().and_then(|b| b.to),
        ),
        _ => (1, None),
    }
}

struct Generator<'a> {
    plan: &'a Plan,
    rng: fastrand::Rng,
    attrs: Vec<AttrSpec>,
}

impl Generator<'_> {
    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u8) -> bool {
        self.rng.u8(0..100) < percent
    }

    /// An index below `n`, leaning towards the first: plans list their mainstream offer first.
    fn early(&mut self, n: usize) -> usize {
        let (a, b) = (self.rng.usize(0..n), self.rng.usize(0..n));
        a.min(b)
    }

    fn request(&mut self, n: u64) -> Request {
        let plan = self.plan;
        let mut r = Request {
            customer: Some(self.customer(n)),
            ..Request::default()
        };
        if plan.editions.is_empty() {
            return r;
        }
        let ed = &plan.editions[self.early(plan.editions.len())];
        let seats = self.seats(ed);
        r.edition = Some(ed.id.to_string());
        r.seats = Some(Qty(Decimal::from(seats)));
        r.modules = self
            .modules(ed, seats)
            .into_iter()
            .map(|m| plan.modules[m].id.to_string())
            .collect();
        if self.chance(80) {
            let gb = Decimal::from(seats.saturating_mul(self.rng.u64(0..=14)));
            let half = if self.chance(20) {
                Decimal::new(5, 1)
            } else {
                Decimal::ZERO
            };
            r.storage_gb = Some(Qty(gb + half));
        }
        if !plan.backups.is_empty() && self.chance(40) {
            r.backup = Some(plan.backups[self.early(plan.backups.len())].id.to_string());
        }
        if !plan.supports.is_empty() && self.chance(75) {
            r.support = Some(
                plan.supports[self.early(plan.supports.len())]
                    .id
                    .to_string(),
            );
        }
        let mut billing = match self.rng.u8(0..100) {
            0..50 => Billing::MONTHLY,
            50..65 => Billing::QUARTERLY,
            _ => Billing::ANNUAL,
        };
        // An edition sold only on some cycles gets one of those.
        if let Some(sold) = ed.sold_on.first() {
            if !ed.sold_on.contains(&billing) {
                billing = *sold;
            }
        }
        r.billing = Some(billing.name().into_owned());
        // Whole years: a whole number of cycles whatever the billing.
        let mut term = [12u64, 12, 12, 24, 24, 36][self.rng.usize(0..6)];
        if let Some(min) = plan.min_term_months.filter(|m| *m > term) {
            term = min.div_ceil(12).saturating_mul(12);
        }
        r.term_months = Some(Qty(Decimal::from(term)));
        if !plan.services.is_empty() && self.chance(30) {
            for _ in 0..self.rng.usize(1..=2) {
                if let Some(s) = self.service() {
                    r.services.push(s);
                }
            }
        }
        for i in 0..self.attrs.len() {
            if let Some(v) = self.attr(i) {
                r.attributes.insert(self.attrs[i].name.clone(), v);
            }
        }
        // The plan has the last word: modules it still refuses are dropped, not the row.
        if crate::eval::resolve(plan, &r).is_err() {
            r.modules.clear();
        }
        r
    }

    fn customer(&mut self, n: u64) -> String {
        let company = COMPANIES[self.rng.usize(0..COMPANIES.len())];
        let industry = INDUSTRIES[self.rng.usize(0..INDUSTRIES.len())];
        // A few names with a comma, so every book exercises CSV quoting.
        if self.chance(3) {
            format!("{company}, {industry} & Co {n}")
        } else {
            let suffix = SUFFIXES[self.rng.usize(0..SUFFIXES.len())];
            format!("{company} {industry} {suffix} {n}")
        }
    }

    /// Mostly small teams, some mid-size, a few large accounts, within the edition's bands.
    fn seats(&mut self, ed: &Edition) -> u64 {
        let seats = match self.rng.u8(0..100) {
            0..45 => self.rng.u64(1..=9),
            45..80 => self.rng.u64(10..=60),
            80..95 => self.rng.u64(61..=250),
            _ => self.rng.u64(251..=2000),
        };
        let (lo, hi) = seat_range(&ed.price);
        seats.max(lo).min(hi.unwrap_or(u64::MAX))
    }

    /// Add-ons for `ed` at `seats`: requirements added, exclusions avoided.
    fn modules(&mut self, ed: &Edition, seats: u64) -> Vec<usize> {
        let modules = &self.plan.modules;
        let sellable = |m: usize| {
            let Some(price) = &modules[m].price else {
                return false;
            };
            let (lo, hi) = seat_range(price);
            !ed.included[m] && seats >= lo && hi.is_none_or(|hi| seats <= hi)
        };
        let mut chosen: Vec<bool> = (0..modules.len())
            .map(|m| sellable(m) && self.chance(30))
            .collect();
        // A few passes settle chains of requirements; resolve() in request() is the backstop.
        for _ in 0..4 {
            for m in 0..modules.len() {
                for &req in &modules[m].requires {
                    if chosen[m] && !chosen[req] && !ed.included[req] {
                        if sellable(req) {
                            chosen[req] = true;
                        } else {
                            chosen[m] = false;
                        }
                    }
                }
            }
            for m in 0..modules.len() {
                let present = |x: usize| chosen[x] || ed.included[x];
                let clash = modules[m].excludes.iter().any(|&x| present(x))
                    || (0..modules.len()).any(|x| present(x) && modules[x].excludes.contains(&m));
                if chosen[m] && clash {
                    chosen[m] = false;
                }
            }
        }
        (0..modules.len()).filter(|&m| chosen[m]).collect()
    }

    fn service(&mut self) -> Option<ServiceRequest> {
        let svc = &self.plan.services[self.rng.usize(0..self.plan.services.len())];
        match &svc.pricing {
            ServicePricing::Targets {
                targets,
                complexity,
                workload,
            } => {
                let target = targets.get(self.rng.usize(0..targets.len().max(1)))?;
                let complexity = (!complexity.is_empty())
                    .then(|| complexity[self.early(complexity.len())].0.to_string());
                Some(ServiceRequest {
                    kind: svc.id.to_string(),
                    target: Some(target.id.to_string()),
                    complexity,
                    quantity: workload
                        .as_ref()
                        .map(|_| crate::request::Qty(Decimal::from(self.rng.u64(1..=20)))),
                })
            }
            ServicePricing::PerUnit { unit, .. } => {
                let whole = if unit.eq_ignore_ascii_case("gb") {
                    self.rng.u64(10..=500)
                } else {
                    self.rng.u64(1..=10)
                };
                let q = if self.chance(10) {
                    Decimal::from(whole) + Decimal::new(5, 1)
                } else {
                    Decimal::from(whole)
                };
                Some(ServiceRequest {
                    kind: svc.id.to_string(),
                    quantity: Some(Qty(q)),
                    ..ServiceRequest::default()
                })
            }
        }
    }

    /// A value for attribute `i`: often one a condition looks for, sometimes another.
    fn attr(&mut self, i: usize) -> Option<Attr> {
        if !self.chance(60) {
            return None;
        }
        let (texts, numbers) = (self.attrs[i].texts.len(), self.attrs[i].numbers.len());
        if numbers > 0 && (texts == 0 || self.rng.bool()) {
            let n = self.attrs[i].numbers[self.rng.usize(0..numbers)];
            let shift = Decimal::from(self.rng.i64(-1..=1));
            return Some(Attr::Number(n.checked_add(shift).unwrap_or(n)));
        }
        if texts > 0 && self.chance(50) {
            return Some(Attr::Text(
                self.attrs[i].texts[self.rng.usize(0..texts)].clone(),
            ));
        }
        Some(Attr::Text("other".to_string()))
    }

    /// The book row for `r`, in [`COLUMNS`] order, then the attributes.
    fn record(&self, r: &Request) -> Vec<String> {
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        let qty = |q: &Option<Qty>| q.map(|q| q.0.normalize().to_string()).unwrap_or_default();
        let services: Vec<String> = r
            .services
            .iter()
            .map(|s| match (&s.target, &s.complexity, &s.quantity) {
                (Some(t), Some(c), _) => format!("{}:{t}:{c}", s.kind),
                (Some(t), None, _) => format!("{}:{t}", s.kind),
                (None, _, Some(q)) => format!("{}:{}", s.kind, q.0.normalize()),
                (None, _, None) => s.kind.clone(),
            })
            .collect();
        let mut row = vec![
            text(&r.customer),
            text(&r.edition),
            qty(&r.seats),
            r.modules.join(";"),
            qty(&r.storage_gb),
            text(&r.backup),
            text(&r.support),
            text(&r.billing),
            qty(&r.term_months),
            services.join(";"),
        ];
        for a in &self.attrs {
            row.push(
                r.attributes
                    .get(&a.name)
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
            );
        }
        row
    }
}

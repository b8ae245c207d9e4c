//! Pricing benchmarks: check the acme plan, quote worked example 3 with the evaluator and
//! with a hand-written baseline that prices the same request directly, and check a
//! synthetic 10,000-line plan; and quote the Zoho example's add-ons and usage.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ratecard::check::{check_source, BUILTIN_PLAN};
use ratecard::diagnostic::SourceFile;
use ratecard::eval::quote;
use ratecard::model::Text;
use ratecard::money::{percent_of, round};
use ratecard::quote::*;
use ratecard::request::Request;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const EXAMPLE_3: &str = include_str!("../examples/requests/example-3.toml");
const ZOHO: &str = include_str!("../examples/zoho.rate");
const ZOHO_USAGE: &str = include_str!("../examples/requests/zoho-usage.toml");

/// Example 3 priced by hand: the plan's prices and rules written into code, the request's
/// quantities, billing and term read from it, and the same output (lines, ids, labels,
/// structured explanations, totals). No plan, no name resolution: the floor the
/// data-driven evaluator is measured against.
struct Baseline {
    ids: [Text; 10],
    labels: [Text; 10],
    range_small: Text,
    range_medium: Text,
    high: Text,
    annual_condition: Text,
    session: Text,
    plan: PlanInfo,
}

impl Baseline {
    fn new() -> Self {
        let t = |s: &str| Text::from(s);
        Baseline {
            ids: [
                "seats.small",
                "seats.medium",
                "module.sales_automation",
                "module.marketing_automation",
                "storage",
                "backup.daily",
                "support.premium",
                "service.integration.erp",
                "service.training",
                "discount.annual_prepay",
            ]
            .map(t),
            labels: [
                "Advanced seats small (1..9)",
                "Advanced seats medium (10..100)",
                "Sales automation",
                "Marketing automation",
                "Storage overage",
                "Daily backup",
                "Premium support",
                "System integration: ERP",
                "Training",
                "Annual prepay",
            ]
            .map(t),
            range_small: t("1..9"),
            range_medium: t("10..100"),
            high: t("high"),
            annual_condition: t("billing = annual"),
            session: t("session"),
            plan: PlanInfo {
                name: t("acme"),
                version: t("2026.1"),
                currency: t("CNY"),
                minor_digits: 2,
                tax_percent: dec!(6),
                tax_included: false,
                source_sha256: t(""),
            },
        }
    }

    // Mirrors the evaluator's push, argument for argument, so the comparison is fair.
    #[allow(clippy::too_many_arguments)]
    fn line(
        &self,
        i: usize,
        kind: LineKind,
        category: Category,
        q: Option<Decimal>,
        u: Option<Decimal>,
        amount: Decimal,
        explain: Explain,
    ) -> Line {
        Line {
            id: self.ids[i].clone(),
            label: self.labels[i].clone(),
            kind,
            category,
            quantity: q,
            unit_price: u,
            amount: round(amount, 2),
            yearly: None,
            explain,
        }
    }

    fn price(&self, r: &Request) -> Quote {
        let seats = r.seats.map_or(0, |s| u64::try_from(s.0).unwrap_or(0));
        let used = r.storage_gb.map_or(Decimal::ZERO, |q| q.0);
        let q = Decimal::from(seats);
        let rec = LineKind::Recurring;
        let mut lines = Vec::with_capacity(16);
        let small = seats.min(9);
        lines.push(self.line(
            0,
            rec,
            Category::Seats,
            Some(Decimal::from(small)),
            Some(dec!(200.00)),
            Decimal::from(small) * dec!(200.00),
            Explain::Graduated {
                units: small,
                seats,
                range: self.range_small.clone(),
                unit: dec!(200.00),
                fee: None,
            },
        ));
        let medium = seats.min(100) - 9;
        lines.push(self.line(
            1,
            rec,
            Category::Seats,
            Some(Decimal::from(medium)),
            Some(dec!(180.00)),
            Decimal::from(medium) * dec!(180.00),
            Explain::Graduated {
                units: medium,
                seats,
                range: self.range_medium.clone(),
                unit: dec!(180.00),
                fee: None,
            },
        ));
        lines.push(self.line(
            2,
            rec,
            Category::Module,
            Some(q),
            Some(dec!(30.00)),
            q * dec!(30.00),
            Explain::PerSeat {
                seats,
                unit: dec!(30.00),
            },
        ));
        lines.push(self.line(
            3,
            rec,
            Category::Module,
            Some(Decimal::ONE),
            Some(dec!(1500.00)),
            dec!(1500.00),
            Explain::Flat,
        ));
        let included = q * dec!(10);
        let billable = (used - included).max(Decimal::ZERO);
        let billed = (billable / dec!(10)).ceil() * dec!(10);
        lines.push(self.line(
            4,
            rec,
            Category::Storage,
            Some(billed),
            Some(dec!(0.50)),
            billed * dec!(0.50),
            Explain::Storage {
                used,
                included,
                billable,
                block: Some(dec!(10)),
                billed,
                rate: dec!(0.50),
            },
        ));
        lines.push(self.line(
            5,
            rec,
            Category::Backup,
            None,
            None,
            dec!(300.00) + used * dec!(0.02),
            Explain::Backup {
                flat: dec!(300.00),
                used,
                rate: dec!(0.02),
            },
        ));
        let base: Decimal = lines.iter().map(|l| l.amount).sum();
        let support = percent_of(base, dec!(20), 2)
            .unwrap_or_default()
            .max(dec!(1500.00));
        lines.push(self.line(
            6,
            rec,
            Category::Support,
            None,
            None,
            support,
            Explain::SupportPercent {
                percent: dec!(20),
                base,
                raw: support,
                min: None,
                max: None,
            },
        ));
        let one = LineKind::OneTime;
        lines.push(self.line(
            7,
            one,
            Category::Service,
            Some(Decimal::ONE),
            Some(dec!(30000.00)),
            dec!(20000.00) * dec!(1.5),
            Explain::Integration {
                price: dec!(20000.00),
                complexity: Some(self.high.clone()),
                multiplier: dec!(1.5),
                quantity: Decimal::ONE,
            },
        ));
        lines.push(self.line(
            8,
            one,
            Category::Service,
            Some(dec!(4)),
            Some(dec!(3000.00)),
            dec!(4) * dec!(3000.00),
            Explain::PerUnit {
                quantity: dec!(4),
                unit: self.session.clone(),
                price: dec!(3000.00),
            },
        ));
        // The plan's two discounts, with their conditions, as a hand-written pricer has them.
        let annual = r.billing.as_deref() == Some("annual");
        let net: Decimal = lines
            .iter()
            .filter(|l| l.kind == rec)
            .map(|l| l.amount)
            .sum();
        if annual {
            let off = percent_of(net, dec!(15), 2).unwrap_or_default();
            lines.push(self.line(
                9,
                rec,
                Category::Discount,
                None,
                None,
                -off,
                Explain::DiscountPercent {
                    percent: dec!(15),
                    base: net,
                    condition: Some(self.annual_condition.clone()),
                },
            ));
        }
        if seats >= 200 {
            let net: Decimal = lines
                .iter()
                .filter(|l| l.kind == rec)
                .map(|l| l.amount)
                .sum();
            let off = percent_of(net, dec!(5), 2).unwrap_or_default();
            lines.push(self.line(9, rec, Category::Discount, None, None, -off, Explain::Flat));
        }
        let monthly: Decimal = lines
            .iter()
            .filter(|l| l.kind == rec)
            .map(|l| l.amount)
            .sum();
        let once: Decimal = lines
            .iter()
            .filter(|l| l.kind == one)
            .map(|l| l.amount)
            .sum();
        let cycle: u64 = if annual { 12 } else { 1 };
        let term = r
            .term_months
            .map_or(12, |t| u64::try_from(t.0).unwrap_or(12));
        // The schedule by hand: the first invoice carries the one-time lines; the rest of
        // the term's invoices are alike, each taxed on its own subtotal.
        let invoices = term / cycle;
        let first = monthly * Decimal::from(cycle) + once;
        let tax = percent_of(first, dec!(6), 2).unwrap_or_default();
        let rest = monthly * Decimal::from(cycle);
        let rest_tax = percent_of(rest, dec!(6), 2).unwrap_or_default();
        let later = Decimal::from(invoices - 1);
        let term_total = first + rest * later;
        let term_tax = tax + rest_tax * later;
        let split = |without: Decimal, tax: Decimal| Split {
            without_tax: without,
            tax,
            with_tax: without + tax,
        };
        let mut runs = smallvec::SmallVec::new();
        runs.push(Run {
            segment: 0,
            first: 1,
            count: 1,
            start: 0,
            months: cycle,
            one_time: true,
            adjustment: Decimal::ZERO,
            amounts: split(first, tax),
        });
        if invoices > 1 {
            runs.push(Run {
                segment: 0,
                first: 2,
                count: invoices - 1,
                start: cycle,
                months: cycle,
                one_time: false,
                adjustment: Decimal::ZERO,
                amounts: split(rest, rest_tax),
            });
        }
        let mut segments = smallvec::SmallVec::new();
        segments.push(Segment {
            label: None,
            start: 0,
            months: term,
            cycle,
            monthly,
            ..Segment::default()
        });
        Quote {
            plan: self.plan.clone(),
            lines,
            totals: Totals {
                monthly_recurring: monthly,
                one_time: once,
                first_invoice: first,
                first_invoice_tax: tax,
                first_invoice_total: first + tax,
                term_total,
                term_tax,
                term_total_with_tax: term_total + term_tax,
                annual_recurring: monthly * Decimal::from(12),
                invoices,
            },
            schedule: Schedule { segments, runs },
            deal: None,
            tax_reason: None,
            notes: Vec::new(),
            approval: Approval::default(),
            cycle_months: cycle,
            term_months: term,
            tax_split: None,
        }
    }
}

/// A plan of about `lines` lines: many editions with banded seats, modules and discounts.
pub fn synthetic_plan(lines: usize) -> String {
    let mut s =
        String::from("plan \"synthetic\" {\n  version \"1\"\n  currency USD\n  tax 8.25%\n");
    s.push_str(
        "  storage {\n    included 100 GB\n    overage 0.25 per GB in blocks of 5 GB\n  }\n",
    );
    let mut i = 0;
    while s.lines().count() < lines {
        s.push_str(&format!(
            "  module m{i} \"Module {i}\" {{\n    {}.50 per seat\n  }}\n  edition e{i} \"Edition {i}\" {{\n    includes m{i}\n    storage 2 GB per seat\n    seats graduated {{\n      small 1..9 at 20.00\n      medium 10..100 at 18.00\n      large 101.. at 15.00\n    }}\n  }}\n  discount d{i} {{ 5% off recurring when seats >= {} }}\n",
            i % 90 + 1,
            i + 100
        ));
        i += 1;
    }
    s.push_str("}\n");
    s
}

fn benches(c: &mut Criterion) {
    let plan = check_source(SourceFile::new("acme.rate", BUILTIN_PLAN), None)
        .plan
        .expect("acme");
    let request: Request = toml::from_str(EXAMPLE_3).expect("example 3");
    let baseline = Baseline::new();
    // The baseline must produce exactly what the evaluator does, or the ratio means nothing.
    let (by_hand, by_plan) = (
        baseline.price(&request),
        quote(&plan, &request).expect("quote"),
    );
    assert_eq!(by_hand.lines, by_plan.lines);
    assert_eq!(by_hand.totals, by_plan.totals);
    assert_eq!(by_hand.schedule, by_plan.schedule);

    c.bench_function("check acme.rate", |b| {
        b.iter(|| check_source(SourceFile::new("acme.rate", black_box(BUILTIN_PLAN)), None))
    });
    c.bench_function("quote example 3 (evaluator)", |b| {
        b.iter(|| quote(&plan, black_box(&request)))
    });
    c.bench_function("quote example 3 (resolve request only)", |b| {
        b.iter(|| ratecard::eval::resolve(&plan, black_box(&request)))
    });
    c.bench_function("quote example 3 (hand-written baseline)", |b| {
        b.iter(|| baseline.price(black_box(&request)))
    });

    // Add-ons and metered usage (per unit, packs, graduated tiers with allowances).
    let zoho = check_source(SourceFile::new("zoho.rate", ZOHO), None)
        .plan
        .expect("zoho");
    let usage: Request = toml::from_str(ZOHO_USAGE).expect("zoho usage");
    c.bench_function("quote zoho add-ons and usage (evaluator)", |b| {
        b.iter(|| quote(&zoho, black_box(&usage)))
    });

    let big = synthetic_plan(10_000);
    let checked = check_source(SourceFile::new("synthetic.rate", big.as_str()), None);
    assert!(checked.plan.is_some(), "synthetic plan must check clean");
    c.bench_function("check synthetic 10,000-line plan", |b| {
        b.iter(|| {
            check_source(
                SourceFile::new("synthetic.rate", black_box(big.as_str())),
                None,
            )
        })
    });
}

criterion_group!(pricing, benches);
criterion_main!(pricing);

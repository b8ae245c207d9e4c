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

#[path = "common/synthetic.rs"]
mod synthetic;
use synthetic::synthetic_plan;

const EXAMPLE_3: &str = include_str!("../examples/requests/example-3.toml");
const ZOHO: &str = include_str!("../examples/zoho.rate");
const ZOHO_USAGE: &str = include_str!("../examples/requests/zoho-usage.toml");
const ZOHO_RAMP: &str = include_str!("../examples/requests/zoho-ramp.toml");

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
        // The first invoice carries the one-time lines; the rest of the term's invoices are
        // alike, each taxed on its own subtotal.
        let first = monthly * Decimal::from(cycle) + once;
        let tax = percent_of(first, dec!(6), 2).unwrap_or_default();
        let rest_tax = percent_of(monthly * Decimal::from(cycle), dec!(6), 2).unwrap_or_default();
        hand_schedule(
            self.plan.clone(),
            lines,
            monthly,
            once,
            tax,
            rest_tax,
            cycle,
            term,
        )
    }
}

/// The Zoho add-ons and usage request (examples/requests/zoho-usage.toml) priced by hand:
/// Enterprise seats billed monthly, a per-unit add-on, packs rounded up and graduated
/// usage beyond an allowance that grows with seats.
struct ZohoBaseline {
    ids: [Text; 4],
    labels: [Text; 4],
    units: [Text; 3],
    ranges: [Text; 2],
    plan: PlanInfo,
}

impl ZohoBaseline {
    fn new() -> Self {
        let t = |s: &str| Text::from(s);
        ZohoBaseline {
            ids: [
                "seats",
                "addon.extra_sandbox",
                "addon.api_credits",
                "usage.mass_email",
            ]
            .map(t),
            labels: [
                "Enterprise seats",
                "Extra developer sandbox",
                "API call packs",
                "Mass emails",
            ]
            .map(t),
            units: ["sandbox", "call", "email"].map(t),
            ranges: ["1..50000", "50001.."].map(t),
            plan: PlanInfo {
                name: t("Zoho-style CRM"),
                version: t("2026.1"),
                currency: t("USD"),
                minor_digits: 2,
                tax_percent: dec!(8.25),
                tax_included: false,
                source_sha256: t(""),
            },
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn line(
        &self,
        i: usize,
        category: Category,
        q: Option<Decimal>,
        u: Option<Decimal>,
        amount: Decimal,
        explain: Explain,
    ) -> Line {
        Line {
            id: self.ids[i].clone(),
            label: self.labels[i].clone(),
            kind: LineKind::Recurring,
            category,
            quantity: q,
            unit_price: u,
            amount: round(amount, 2),
            yearly: None,
            explain,
        }
    }

    fn qty(&self, unit: usize, quantity: Decimal, included: Decimal, detail: QtyDetail) -> Explain {
        Explain::Quantity(Box::new(QtyExplain {
            unit: self.units[unit].clone(),
            quantity,
            included,
            billable: (quantity - included).max(Decimal::ZERO),
            rounded: None,
            detail,
            daily: None,
        }))
    }

    fn price(&self, r: &Request) -> Quote {
        let seats = r.seats.map_or(0, |s| u64::try_from(s.0).unwrap_or(0));
        let n = Decimal::from(seats);
        let given = |k: &str| r.quantities.get(k).map_or(Decimal::ZERO, |q| q.0);
        let mut lines = Vec::with_capacity(8);
        lines.push(self.line(
            0,
            Category::Seats,
            Some(n),
            Some(dec!(50.00)),
            n * dec!(50.00),
            Explain::Billed {
                cycle: ratecard::model::Billing::MONTHLY,
                inner: Box::new(Explain::PerSeat {
                    seats,
                    unit: dec!(50.00),
                }),
            },
        ));
        let sandboxes = given("extra_sandbox");
        let detail = QtyDetail::PerUnit { price: dec!(45.00) };
        lines.push(self.line(
            1,
            Category::Addon,
            Some(sandboxes),
            Some(dec!(45.00)),
            sandboxes * dec!(45.00),
            self.qty(0, sandboxes, Decimal::ZERO, detail),
        ));
        let calls = given("api_credits");
        let exact = calls / dec!(50000);
        let packs = exact.ceil();
        let detail = QtyDetail::Pack {
            size: dec!(50000),
            exact,
            packs,
            rounding: ratecard::model::PackRounding::Up,
            price: dec!(10.00),
        };
        lines.push(self.line(
            2,
            Category::Addon,
            Some(packs),
            Some(dec!(10.00)),
            packs * dec!(10.00),
            self.qty(1, calls, Decimal::ZERO, detail),
        ));
        let emails = given("mass_email");
        let included = n * dec!(250) + dec!(10000);
        let billable = (emails - included).max(Decimal::ZERO);
        let first = billable.min(dec!(50000));
        let rest = billable - first;
        let mut steps = Vec::with_capacity(2);
        steps.push(TierStep {
            range: self.ranges[0].clone(),
            units: first,
            blocks: None,
            unit: dec!(0.002),
            fee: Decimal::ZERO,
            amount: first * dec!(0.002),
        });
        if !rest.is_zero() {
            steps.push(TierStep {
                range: self.ranges[1].clone(),
                units: rest,
                blocks: None,
                unit: dec!(0.001),
                fee: Decimal::ZERO,
                amount: rest * dec!(0.001),
            });
        }
        let amount: Decimal = steps.iter().map(|s| s.amount).sum();
        let detail = QtyDetail::Tiers {
            model: ratecard::model::TierModel::Graduated,
            block: None,
            steps,
        };
        lines.push(self.line(
            3,
            Category::Usage,
            Some(emails),
            None,
            amount,
            self.qty(2, emails, included, detail),
        ));
        let monthly: Decimal = lines.iter().map(|l| l.amount).sum();
        let term = r
            .term_months
            .map_or(12, |t| u64::try_from(t.0).unwrap_or(12));
        let tax = percent_of(monthly, dec!(8.25), 2).unwrap_or_default();
        hand_schedule(
            self.plan.clone(),
            lines,
            monthly,
            Decimal::ZERO,
            tax,
            tax,
            1,
            term,
        )
    }
}

/// The three-year Zoho ramp (examples/requests/zoho-ramp.toml) priced by hand:
/// Professional billed annually, each year's seats at the year's price (23.00 raised 5% a
/// year, compounding, rounded to the cent each year), one segment per year, billed by the
/// library's invoice generator as the evaluator's deals are (billing is not what is
/// measured: pricing is).
struct RampBaseline {
    id: Text,
    label: Text,
    plan: PlanInfo,
    quote_date: ratecard::date::Date,
    valid_until: ratecard::date::Date,
}

impl RampBaseline {
    fn new() -> Self {
        let t = |s: &str| Text::from(s);
        let quote_date = ratecard::date::Date::from_ymd_text("2026-03-02").expect("date");
        RampBaseline {
            id: t("seats"),
            label: t("Professional seats"),
            plan: PlanInfo {
                name: t("Zoho-style CRM"),
                version: t("2026.1"),
                currency: t("USD"),
                minor_digits: 2,
                tax_percent: dec!(8.25),
                tax_included: false,
                source_sha256: t(""),
            },
            quote_date,
            valid_until: quote_date.plus_days(30).expect("date"),
        }
    }

    fn price(&self, r: &Request) -> Quote {
        let ramp = r.ramp.as_ref().expect("a ramp");
        let uplift = Decimal::ONE + ramp.uplift_percent.map_or(Decimal::ZERO, |p| p.0) / dec!(100);
        let mut unit = dec!(23.00);
        let mut segments: smallvec::SmallVec<[Segment; 1]> = smallvec::SmallVec::new();
        let mut first_lines = Vec::new();
        for (i, p) in ramp.periods.iter().enumerate() {
            if i > 0 {
                unit = round(unit * uplift, 2);
            }
            let seats = p.seats.map_or(0, |s| u64::try_from(s.0).unwrap_or(0));
            let n = Decimal::from(seats);
            let line = Line {
                id: self.id.clone(),
                label: self.label.clone(),
                kind: LineKind::Recurring,
                category: Category::Seats,
                quantity: Some(n),
                unit_price: Some(unit),
                amount: round(n * unit, 2),
                yearly: None,
                explain: Explain::Billed {
                    cycle: ratecard::model::Billing::ANNUAL,
                    inner: Box::new(Explain::PerSeat { seats, unit }),
                },
            };
            let lines = if i == 0 {
                first_lines.push(line);
                Vec::new()
            } else {
                vec![line]
            };
            segments.push(Segment {
                label: Some(format!("Year {}", i + 1)),
                start: 12 * i as u64,
                months: 12,
                cycle: 12,
                lines,
                ..Segment::default()
            });
        }
        let term = 12 * ramp.periods.len() as u64;
        let tax = ratecard::bill::Tax {
            percent: dec!(8.25),
            included: false,
            digits: 2,
        };
        let (schedule, totals) =
            ratecard::bill::schedule(segments, &first_lines, tax).expect("fits");
        Quote {
            plan: self.plan.clone(),
            lines: first_lines,
            totals,
            schedule,
            deal: Some(Box::new(DealInfo {
                kind: DealKind::Ramp,
                prices: Vec::new(),
                approvals: Vec::new(),
                quote_date: self.quote_date,
                valid_until: Some(self.valid_until),
            })),
            tax_reason: None,
            notes: Vec::new(),
            approval: Approval::default(),
            cycle_months: 12,
            term_months: term,
            tax_split: None,
        }
    }
}

/// The quote around hand-priced lines: one invoice per cycle, the first carrying the
/// one-time lines, each taxed on its own subtotal (`tax` on the first, `rest_tax` on the
/// others).
#[allow(clippy::too_many_arguments)]
fn hand_schedule(
    plan: PlanInfo,
    lines: Vec<Line>,
    monthly: Decimal,
    once: Decimal,
    tax: Decimal,
    rest_tax: Decimal,
    cycle: u64,
    term: u64,
) -> Quote {
    let invoices = term / cycle;
    let first = monthly * Decimal::from(cycle) + once;
    let rest = monthly * Decimal::from(cycle);
    let later = Decimal::from(invoices - 1);
    let term_total = first + rest * later;
    let term_tax = tax + rest_tax * later;
    let split = |without: Decimal, tax: Decimal| Split {
        without_tax: without,
        tax,
        with_tax: without + tax,
    };
    let mut runs = smallvec::SmallVec::new();
    if once.is_zero() {
        // Nothing one-time: every invoice is alike, one run.
        runs.push(Run {
            segment: 0,
            first: 1,
            count: invoices,
            start: 0,
            months: cycle,
            one_time: false,
            adjustment: Decimal::ZERO,
            amounts: split(rest, rest_tax),
        });
    } else {
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
        plan,
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

/// A plan with 5 editions, 5 seat types and 20 metered usages, and a request buying seats
/// on all 10 seat lines and using all 20 meters (issue 24's wide account).
fn wide_account() -> (String, Request) {
    let mut s = String::from("plan \"wide\" {\n  version \"1\"\n  currency USD\n  tax 0%\n");
    for i in 0..5 {
        s.push_str(&format!(
            "  edition e{i} \"Edition {i}\" {{\n    {}.00 per seat per month\n  }}\n",
            20 + i
        ));
        s.push_str(&format!(
            "  seat type t{i} \"Type {i}\" {{\n    {}.00 per seat\n  }}\n",
            5 + i
        ));
    }
    for i in 0..20 {
        s.push_str(&format!(
            "  usage m{i} \"Meter {i}\" {{\n    unit GB divisible\n    includes 10 GB + 0.25 GB per seat\n    {}.00 per GB\n    in blocks of 1 GB\n  }}\n",
            i + 1
        ));
    }
    s.push_str("}\n");
    let mut r = String::from("edition = \"e0\"\nseats = 20\n[other_seats]\n");
    for i in 1..5 {
        r.push_str(&format!("e{i} = {}\n", 10 + i));
    }
    for i in 0..5 {
        r.push_str(&format!("t{i} = {}\n", 30 + i));
    }
    r.push_str("[quantities]\n");
    for i in 0..20 {
        r.push_str(&format!("m{i} = {}\n", 100 + 7 * i));
    }
    (s, toml::from_str(&r).expect("wide request"))
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
    let zoho_baseline = ZohoBaseline::new();
    let (by_hand, by_plan) = (
        zoho_baseline.price(&usage),
        quote(&zoho, &usage).expect("zoho quote"),
    );
    assert_eq!(by_hand.lines, by_plan.lines);
    assert_eq!(by_hand.totals, by_plan.totals);
    assert_eq!(by_hand.schedule, by_plan.schedule);
    c.bench_function("quote zoho add-ons and usage (evaluator)", |b| {
        b.iter(|| quote(&zoho, black_box(&usage)))
    });
    c.bench_function(
        "quote zoho add-ons and usage (hand-written baseline)",
        |b| b.iter(|| zoho_baseline.price(black_box(&usage))),
    );

    // What `serve` does for each POST /v1/quote (benches/serve_load.sh posts this request):
    // parse the JSON body, price it, write the quote as the API's JSON
    // (src/serve/handlers/quote.rs, `price`).
    const API_REQUEST: &str = r#"{"edition": "professional", "seats": 30, "billing": "annual", "modules": ["territory_management"], "quantities": {"extra_sandbox": 2, "mass_email": 40000}}"#;
    let api = |plan: &ratecard::model::Plan, body: &[u8]| {
        let request = Request::from_json(body).expect("request");
        let q = ratecard::app::quote(plan, &request).expect("quote");
        let mut out = Vec::with_capacity(4096);
        serde_json::to_writer(&mut out, &ratecard::render::JsonQuote::new(&q, &request))
            .expect("json");
        out
    };
    let sample = String::from_utf8(api(&zoho, API_REQUEST.as_bytes())).expect("utf-8");
    assert!(sample.contains("\"term_total_with_tax\""));
    c.bench_function("quote zoho API request, JSON in and out", |b| {
        b.iter(|| api(&zoho, black_box(API_REQUEST.as_bytes())))
    });

    // A three-year ramp: one segment a year, each priced at the year's uplifted price.
    let ramp: Request = toml::from_str(ZOHO_RAMP).expect("zoho ramp");
    let ramp_baseline = RampBaseline::new();
    let today = ratecard::date::Date::from_ymd_text("2026-03-02").expect("date");
    let (by_hand, by_plan) = (
        ramp_baseline.price(&ramp),
        ratecard::deal::price(&zoho, &ramp, today).expect("ramp quote"),
    );
    assert_eq!(by_hand.lines, by_plan.lines);
    assert_eq!(by_hand.totals, by_plan.totals);
    assert_eq!(by_hand.schedule, by_plan.schedule);
    assert_eq!(by_hand.deal, by_plan.deal);
    c.bench_function("quote zoho three-year ramp (evaluator)", |b| {
        b.iter(|| ratecard::deal::price(&zoho, black_box(&ramp), today))
    });
    c.bench_function("quote zoho three-year ramp (hand-written baseline)", |b| {
        b.iter(|| ramp_baseline.price(black_box(&ramp)))
    });

    let (wide_plan, wide_request) = wide_account();
    let wide = check_source(SourceFile::new("wide.rate", wide_plan.as_str()), None)
        .plan
        .expect("wide plan");
    let priced = quote(&wide, &wide_request).expect("wide quote");
    assert_eq!(priced.lines.len(), 30, "10 seat lines and 20 meters");
    c.bench_function("quote 10 seat lines and 20 meters (evaluator)", |b| {
        b.iter(|| quote(&wide, black_box(&wide_request)))
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

    // The same plan with one syntax error in its middle: recovery must report it, alone.
    let mut broken: Vec<&str> = big.lines().collect();
    let middle = broken.len() / 2;
    let at = (middle..broken.len())
        .find(|i| broken[*i].trim_start().starts_with("module "))
        .unwrap_or(middle);
    broken.insert(at, "  modul oops \"Oops\" { 1.00 per seat }");
    let broken = broken.join("\n");
    let errors = check_source(SourceFile::new("broken.rate", broken.as_str()), None);
    assert!(errors.plan.is_none(), "the broken plan must not check");
    let error_count = (errors.diagnostics.iter())
        .filter(|d| d.severity() == ratecard::diagnostic::Severity::Error)
        .count();
    assert_eq!(error_count, 1, "one mistake, one error");
    c.bench_function(
        "check synthetic 10,000-line plan with a syntax error",
        |b| {
            b.iter(|| {
                check_source(
                    SourceFile::new("broken.rate", black_box(broken.as_str())),
                    None,
                )
            })
        },
    );
}

criterion_group!(pricing, benches);
criterion_main!(pricing);

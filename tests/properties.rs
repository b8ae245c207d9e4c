//! Properties over generated inputs: no panic on any plan text, totals are sums of lines,
//! graduated seat charges never fall as seats grow, module order does not matter, and any
//! magnitude is priced with the amount invariants kept or refused (issue 9).

use proptest::prelude::*;
use ratecard::check::{check_builtin, check_source, BUILTIN_PLAN};
use ratecard::diagnostic::SourceFile;
use ratecard::eval::quote;
use ratecard::model::Plan;
use ratecard::quote::{Category, LineKind};
use ratecard::request::{Qty, Request, ServiceRequest};
use rust_decimal::Decimal;
use std::sync::OnceLock;

fn acme() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| check_builtin().plan.expect("acme checks"))
}

const MODULES: [&str; 3] = ["sales_automation", "marketing_automation", "analytics"];

fn request() -> impl Strategy<Value = Request> {
    (
        prop::sample::select(vec!["basic", "advanced"]),
        1u64..600,
        prop::sample::subsequence(MODULES.to_vec(), 0..=3),
        0u32..100_000,
        prop::option::of(prop::sample::select(vec!["daily", "hourly"])),
        prop::option::of(prop::sample::select(vec!["basic", "premium"])),
        prop::sample::select(vec![("monthly", 1u64), ("quarterly", 3), ("annual", 12)]),
        1u64..4,
        prop::collection::vec((1u32..500, prop::bool::ANY), 0..3),
    )
        .prop_map(
            |(
                edition,
                seats,
                modules,
                tenths_gb,
                backup,
                support,
                (billing, cycle),
                cycles,
                svc,
            )| Request {
                edition: Some(edition.into()),
                seats: Some(Qty(Decimal::from(seats))),
                modules: modules.into_iter().map(String::from).collect(),
                storage_gb: Some(Qty(Decimal::new(i64::from(tenths_gb), 1))),
                backup: backup.map(String::from),
                support: support.map(String::from),
                billing: Some(billing.into()),
                term_months: Some(Qty(Decimal::from(cycle * cycles))),
                services: svc
                    .into_iter()
                    .map(|(q, training)| ServiceRequest {
                        kind: if training { "training" } else { "migration" }.into(),
                        quantity: Some(Qty(Decimal::new(i64::from(q), 1))),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parse_and_check_never_panic_on_arbitrary_text(text in "\\PC{0,400}") {
        let _ = check_source(SourceFile::new("fuzz.rate", text), None);
    }

    #[test]
    fn parse_and_check_never_panic_on_damaged_plans(cut in 0usize..3000, insert in "[ -~]{0,12}") {
        let mut text = BUILTIN_PLAN.to_string();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.insert_str(at, &insert);
        let _ = check_source(SourceFile::new("damaged.rate", text.clone()), None);
        text.truncate(at);
        let _ = check_source(SourceFile::new("truncated.rate", text), None);
    }

    #[test]
    fn totals_are_sums_of_lines(r in request()) {
        if let Ok(q) = quote(acme(), &r) {
            let sum = |kind| q.lines.iter().filter(|l| l.kind == kind).map(|l| l.amount).sum::<Decimal>();
            prop_assert_eq!(q.totals.monthly_recurring, sum(LineKind::Recurring));
            prop_assert_eq!(q.totals.one_time, sum(LineKind::OneTime));
            prop_assert_eq!(
                q.totals.first_invoice,
                q.totals.monthly_recurring * Decimal::from(q.cycle_months) + q.totals.one_time
            );
            prop_assert_eq!(q.totals.first_invoice_total, q.totals.first_invoice + q.totals.first_invoice_tax);
            prop_assert_eq!(q.totals.term_total_with_tax, q.totals.term_total + q.totals.term_tax);
            for l in &q.lines {
                prop_assert_eq!(l.amount, l.amount.round_dp(2), "line {} not rounded", l.id);
            }
        }
    }

    #[test]
    fn graduated_seat_charges_never_decrease_as_seats_grow(seats in 1u64..2000) {
        let seat_total = |n: u64| {
            let r = Request {
                edition: Some("advanced".into()),
                seats: Some(Qty(Decimal::from(n))),
                ..Default::default()
            };
            let q = quote(acme(), &r).expect("advanced prices any seat count");
            q.lines.iter().filter(|l| l.category == Category::Seats).map(|l| l.amount).sum::<Decimal>()
        };
        prop_assert!(seat_total(seats + 1) >= seat_total(seats));
    }

    #[test]
    fn module_order_in_the_request_does_not_matter(r in request(), rotate in 0usize..3) {
        let mut shuffled = r.clone();
        let n = shuffled.modules.len().max(1);
        shuffled.modules.rotate_left(rotate % n);
        shuffled.modules.reverse();
        let a = quote(acme(), &r).map_err(|e| e.to_string());
        let b = quote(acme(), &shuffled).map_err(|e| e.to_string());
        prop_assert_eq!(a, b);
    }
}

/// A request with magnitudes from tiny to absurd: every field's number drawn over the whole
/// range a request can carry (issue 9).
fn hostile_request() -> impl Strategy<Value = Request> {
    // Half ordinary, half anywhere in a Decimal's range, so that many requests price.
    let big = || {
        prop_oneof![
            (1i64..5000, 0u32..2).prop_map(|(m, s)| Decimal::new(m, s)),
            (any::<i64>(), 0u32..29).prop_map(|(m, s)| Decimal::new(m, s).abs()),
        ]
    };
    (
        prop::sample::select(vec!["basic", "advanced", "e"]),
        big(),
        big(),
        big(),
        prop::collection::vec(big(), 0..3),
        prop::sample::select(vec!["monthly", "quarterly", "annual"]),
    )
        .prop_map(
            |(edition, seats, storage, term, services, billing)| Request {
                edition: Some(edition.into()),
                seats: Some(Qty(seats.trunc().max(Decimal::ONE))),
                storage_gb: Some(Qty(storage)),
                term_months: Some(Qty(
                    (term.trunc() * Decimal::from(12)).max(Decimal::from(12))
                )),
                billing: Some(billing.into()),
                services: services
                    .into_iter()
                    .map(|q| ServiceRequest {
                        kind: "migration".into(),
                        quantity: Some(Qty(q)),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            },
        )
}

fn huge_price() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let text = include_str!("fixtures/huge-price.rate");
        check_source(SourceFile::new("huge-price.rate", text), None)
            .plan
            .expect("the huge-price fixture checks")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// No panic on any magnitude, and every quote that prices keeps the amount invariants:
    /// each amount has the currency's 2 digits and fits the amount limit, lines add up to
    /// totals, and net plus tax is the total with tax.
    #[test]
    fn any_magnitude_is_priced_exactly_or_refused(r in hostile_request(), huge in any::<bool>()) {
        let plan = if huge { huge_price() } else { acme() };
        if let Ok(q) = quote(plan, &r) {
            let sum = |kind| q.lines.iter().filter(|l| l.kind == kind).map(|l| l.amount).sum::<Decimal>();
            prop_assert_eq!(q.totals.monthly_recurring, sum(LineKind::Recurring));
            prop_assert_eq!(q.totals.one_time, sum(LineKind::OneTime));
            prop_assert_eq!(q.totals.first_invoice_total, q.totals.first_invoice + q.totals.first_invoice_tax);
            prop_assert_eq!(q.totals.term_total_with_tax, q.totals.term_total + q.totals.term_tax);
            for l in &q.lines {
                prop_assert_eq!(l.amount, l.amount.round_dp(2), "line {} not rounded", l.id);
                prop_assert!(ratecard::limits::amount_fits(l.amount, 2), "line {} too large", l.id);
            }
        }
    }
}

//! Quote an arbitrary request (as JSON or TOML) against the checked example plan: no panic,
//! and every quote that prices keeps the amount invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ratecard::check::check_builtin;
use ratecard::model::Plan;
use ratecard::quote::LineKind;
use ratecard::request::Request;
use rust_decimal::Decimal;
use std::sync::OnceLock;

fn acme() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| check_builtin().plan.expect("acme checks"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&json, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(request) = Request::parse(text, json % 2 == 0) else {
        return;
    };
    if let Ok(q) = ratecard::eval::quote(acme(), &request) {
        let sum = |kind| {
            q.lines
                .iter()
                .filter(|l| l.kind == kind)
                .map(|l| l.amount)
                .sum::<Decimal>()
        };
        assert_eq!(q.totals.monthly_recurring, sum(LineKind::Recurring));
        assert_eq!(q.totals.one_time, sum(LineKind::OneTime));
        assert_eq!(
            q.totals.first_invoice_total,
            q.totals.first_invoice + q.totals.first_invoice_tax
        );
        for l in &q.lines {
            assert_eq!(l.amount, l.amount.round_dp(2));
        }
        for format in [
            ratecard::render::Format::Table,
            ratecard::render::Format::Json,
            ratecard::render::Format::Markdown,
        ] {
            let _ = ratecard::render::render(&q, &request, format);
        }
    }
});

//! Price curves: what each edition costs a month at every seat count, per billing cycle
//! where its prices differ, priced by the evaluator itself so the curve is the quotes.

use crate::model::{Billing, Plan, SeatPrice};
use crate::request::{Qty, Request};
use rust_decimal::Decimal;

use crate::render::locale::{Lang, Words};
pub use crate::render::plot::Curve;
use crate::render::words::{label_in, Say};

/// The seat counts a plot spans when none is given: past the last band start by half.
pub fn default_max_seats(plan: &Plan) -> u64 {
    let last = plan
        .editions
        .iter()
        .flat_map(|e| band_starts(&e.price))
        .max()
        .unwrap_or(50);
    (last + last / 2).clamp(20, 2_000)
}

fn band_starts(p: &SeatPrice) -> Vec<u64> {
    match p {
        SeatPrice::Volume(b) | SeatPrice::Graduated(b) => {
            b.iter().skip(1).map(|b| b.from).collect()
        }
        _ => Vec::new(),
    }
}

/// Every edition's curve from 1 to `max_seats` seats (at most 2,000 points each), labelled
/// in `lang`.
pub fn curves(plan: &Plan, max_seats: u64, lang: Lang) -> Vec<Curve> {
    let words = Words::new(lang);
    let say = Say {
        w: &words,
        currency: &plan.currency.code,
        d: plan.currency.minor_digits,
    };
    let max_seats = max_seats.clamp(1, 2_000);
    let mut out = Vec::new();
    for e in &plan.editions {
        let cycles: Vec<Option<Billing>> = if e.cycle_prices.is_empty() {
            vec![None]
        } else {
            Billing::ALL
                .into_iter()
                .filter(|b| e.sold_on.is_empty() || e.sold_on.contains(b))
                .map(Some)
                .collect()
        };
        for cycle in cycles {
            let name = label_in(plan, "edition", &e.id, &e.label, lang);
            let label = match (cycle, lang) {
                (Some(b), Lang::Zh) => format!("{name}（{}）", say.billed(b.months())),
                (Some(b), Lang::En) => format!("{name} ({})", say.billed(b.months())),
                (None, _) => name,
            };
            let price = crate::model::price_for(
                &e.price,
                &e.cycle_prices,
                cycle.unwrap_or(Billing::MONTHLY),
            )
            .0;
            let points: Vec<(u64, Option<Decimal>)> = (1..=max_seats)
                .map(|seats| {
                    let r = Request {
                        edition: Some(e.id.to_string()),
                        seats: Some(Qty(Decimal::from(seats))),
                        billing: cycle.map(|b| b.name().to_string()),
                        ..Request::default()
                    };
                    let q = crate::eval::quote(plan, &r).ok();
                    (seats, q.map(|q| q.totals.monthly_recurring))
                })
                .collect();
            let cliffs = points
                .windows(2)
                .filter_map(|w| match (w[0].1, w[1].1) {
                    (Some(a), Some(b)) if b < a => Some(w[1].0),
                    _ => None,
                })
                .collect();
            out.push(Curve {
                label,
                points,
                bands: band_starts(price)
                    .into_iter()
                    .filter(|s| *s <= max_seats)
                    .collect(),
                cliffs,
            });
        }
    }
    out
}

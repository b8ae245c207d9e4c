//! The figures a pricing page shows that a plan does not state: which billing cycles are
//! worth a toggle, what a longer cycle saves, and the plan's own discounts and surcharges
//! that apply to everyone on a cycle. Each comes from a real quote of the evaluator, as the
//! price curves do, so the page cannot promise what a quote would not give.

use crate::model::{Billing, Edition, Plan};
use crate::quote::{Category, Explain, Quote};
use crate::render::locale::Lang;
use crate::render::sheet::{EditionFacts, Facts, Offer};
use crate::request::{Qty, Request};
use rust_decimal::Decimal;

/// A plain quote of `e` on `cycle`: the fewest seats it is sold with, the shortest term the
/// plan allows; `None` when the plan does not sell it so.
fn reference(plan: &Plan, e: &Edition, cycle: Billing) -> Option<Quote> {
    if e.on_application || !(e.sold_on.is_empty() || e.sold_on.contains(&cycle)) {
        return None;
    }
    let seats = e.limits.minimum.unwrap_or(1).max(1);
    let least = plan.min_term_months.max(e.min_term_months);
    // A term the cycle divides, at least the plan's and the edition's minimum.
    let term = least.map(|m| m.div_ceil(cycle.months()).max(1) * cycle.months());
    let r = Request {
        edition: Some(e.id.to_string()),
        seats: Some(Qty(Decimal::from(seats))),
        billing: Some(cycle.name().into_owned()),
        term_months: term.map(|t| Qty(Decimal::from(t))),
        ..Request::default()
    };
    crate::eval::quote(plan, &r).ok()
}

/// The discounts and surcharges a reference quote carries.
fn offers(q: &Quote) -> Vec<Offer> {
    (q.lines.iter())
        .filter(|l| matches!(l.category, Category::Discount | Category::Surcharge))
        .map(|l| Offer {
            label: l.label.to_string(),
            percent: match &l.explain {
                Explain::DiscountPercent { percent, .. } => Some(*percent),
                _ => None,
            }
            .or_else(|| percent_of(&l.label)),
            surcharge: l.category == Category::Surcharge,
        })
        .fold(Vec::new(), |mut out, o| {
            // A discount on all is one line per kind of charge: said once.
            if !out.contains(&o) {
                out.push(o);
            }
            out
        })
}

/// A surcharge's percent is not in its explanation; its label names none either, so none.
fn percent_of(_label: &str) -> Option<Decimal> {
    None
}

/// Whole percent `new` saves against `base`, rounded down (a page never overstates a
/// saving); `None` below 1%.
fn saved(base: Decimal, new: Decimal) -> Option<Decimal> {
    if base <= Decimal::ZERO || new >= base {
        return None;
    }
    let pct = ((base - new) * Decimal::ONE_HUNDRED)
        .checked_div(base)?
        .floor();
    (pct >= Decimal::ONE).then_some(pct)
}

/// Per edition of a plan, on one cycle: the reference quote's monthly recurring and offers
/// (`None` where the edition is not sold on that cycle).
type PerEdition = Vec<Option<(Decimal, Vec<Offer>)>>;

/// The page's figures for `plan`, labelled in `lang`; with the price curves when `curves`.
pub fn facts(plan: &Plan, lang: Lang, curves: bool) -> Facts {
    // Per cycle the plan sells: per edition, its reference quote's monthly recurring and
    // offers. A cycle is worth a toggle when it is the default or changes something.
    let all: Vec<(Billing, PerEdition)> = (plan.cycles().iter())
        .map(|c| {
            let per = (plan.editions.iter())
                .map(|e| reference(plan, e, *c).map(|q| (q.totals.monthly_recurring, offers(&q))))
                .collect();
            (*c, per)
        })
        .collect();
    let default = plan.default_cycle();
    let base = all
        .iter()
        .find(|(c, _)| *c == default)
        .map(|(_, p)| p.clone());
    let mut cycles: Vec<Billing> = Vec::new();
    let mut seen: Vec<&PerEdition> = Vec::new();
    for (c, per) in &all {
        let any = per.iter().any(Option::is_some);
        let new = !seen.contains(&per);
        if any && (*c == default || (new && Some(per) != base.as_ref())) {
            cycles.push(*c);
            seen.push(per);
        }
    }
    let editions = (0..plan.editions.len())
        .map(|i| {
            let at = |c: &Billing| {
                all.iter()
                    .find(|(x, _)| x == c)
                    .and_then(|(_, per)| per.get(i).cloned().flatten())
            };
            let first = cycles.iter().find_map(at).map(|(mrr, _)| mrr);
            EditionFacts {
                savings: cycles
                    .iter()
                    .map(|c| match (first, at(c)) {
                        (Some(b), Some((mrr, _))) => saved(b, mrr),
                        _ => None,
                    })
                    .collect(),
                offers: cycles
                    .iter()
                    .map(|c| at(c).map(|(_, o)| o).unwrap_or_default())
                    .collect(),
            }
        })
        .collect();
    let curves = if curves {
        let max = super::curves::default_max_seats(plan);
        super::curves::curves(plan, max, lang)
    } else {
        Vec::new()
    };
    Facts {
        cycles,
        default_cycle: Some(default),
        editions,
        curves,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_saving_is_rounded_down_and_never_negative() {
        assert_eq!(saved(dec!(35), dec!(23)), Some(dec!(34)));
        assert_eq!(saved(dec!(90), dec!(81)), Some(dec!(10)));
        assert_eq!(saved(dec!(100), dec!(99.5)), None);
        assert_eq!(saved(dec!(20), dec!(25)), None);
        assert_eq!(saved(dec!(0), dec!(0)), None);
    }
}

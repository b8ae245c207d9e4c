//! A request's seats beyond the edition's: other editions' and seat types' lines, and
//! modules bought for some of the seats, checked against the plan.

use super::{over_limit, seat_limits, sold_on, whole, within_bands};
use crate::model::{Edition, Plan, SeatPrice};
use crate::rejection::Rejection;
use crate::request::{Qty, Request};
use crate::resolved::{Billing, SeatLine, SeatOf};

/// The request's `other_seats` as lines in plan order (editions, then seat types), and
/// the account's full seats (every edition's).
pub(super) fn other_names(
    plan: &Plan,
    r: &Request,
    edition: usize,
    seats: u64,
) -> Result<(Vec<SeatLine>, u64), Rejection> {
    if r.other_seats.is_empty() {
        return Ok((Vec::new(), seats));
    }
    let mut lines = Vec::with_capacity(r.other_seats.len());
    let mut all = seats;
    for (name, q) in &r.other_seats {
        let field = format!("other_seats.{name}");
        let n = whole(&field, *q, 1, crate::limits::MAX_SEATS)?;
        let of = if let Some(e) = plan.editions.iter().position(|e| &*e.id == name) {
            if e == edition {
                return Err(Rejection::Invalid {
                    field,
                    value: n.to_string(),
                    expected: format!(
                        "`{name}` is the account's edition: give its seats as `seats`"
                    ),
                });
            }
            all = all.saturating_add(n);
            SeatOf::Edition(e)
        } else if let Some(t) = plan.seat_types.iter().position(|t| &*t.id == name) {
            SeatOf::Type(t)
        } else {
            let accepted = (plan.editions.iter())
                .filter(|e| e.id != plan.editions[edition].id)
                .map(|e| e.id.to_string())
                .chain(plan.seat_types.iter().map(|t| t.id.to_string()))
                .collect();
            return Err(Rejection::Unknown {
                what: "edition or seat type",
                name: name.clone(),
                accepted,
            });
        };
        lines.push(SeatLine { of, seats: n });
    }
    if all > crate::limits::MAX_SEATS {
        return Err(over_limit("seats", all.into(), crate::limits::MAX_SEATS));
    }
    lines.sort();
    Ok((lines, all))
}

/// Modules the request counts in `quantities` (`cs_attach = 10`): names no add-on or
/// usage has. (module index, count, name as written).
pub(super) fn counted_modules<'r>(plan: &Plan, r: &'r Request) -> Vec<(usize, Qty, &'r String)> {
    (r.quantities.iter())
        .filter(|(name, _)| !plan.quantities.iter().any(|q| &*q.id == name.as_str()))
        .filter_map(|(name, q)| {
            let m = plan.modules.iter().position(|m| &*m.id == name.as_str())?;
            Some((m, *q, name))
        })
        .collect()
}

/// A module bought for `n` seats: priced per seat, and for no more seats than the
/// editions it is sold with have (`whole` is its split over every such seat).
pub(super) fn module_count(
    plan: &Plan,
    (m, n): (usize, u64),
    whole: &[(usize, u64)],
    billing: Billing,
) -> Result<(), Rejection> {
    let module = &plan.modules[m];
    let field = format!("quantities.{}", module.id);
    for (e, _) in whole {
        let per_seat = crate::resolved::module_price(plan, m, *e, billing).is_some_and(|p| {
            matches!(
                p,
                SeatPrice::PerSeat(_)
                    | SeatPrice::Pack { .. }
                    | SeatPrice::Volume(_)
                    | SeatPrice::Graduated(_)
            )
        });
        if !per_seat {
            return Err(Rejection::Invalid {
                field,
                value: n.to_string(),
                expected: format!(
                    "module `{}` is not priced per seat, so it is bought for the whole account: list it in `modules` without a count",
                    module.id
                ),
            });
        }
    }
    if whole.is_empty() {
        // Every edition the account buys includes it: there is no count to buy.
        return Err(Rejection::Invalid {
            field,
            value: n.to_string(),
            expected: format!(
                "module `{}` comes with every seat of the account's editions: leave it out of `quantities`",
                module.id
            ),
        });
    }
    let available: u64 = whole.iter().map(|(_, s)| s).sum();
    if n > available {
        let editions: Vec<String> = (whole.iter())
            .map(|(e, s)| format!("{s} {}", plan.editions[*e].label))
            .collect();
        let sold = format!("{} seats", crate::text::and_list(&editions));
        return Err(Rejection::Invalid {
            field,
            value: n.to_string(),
            expected: format!(
                "module `{}` is sold for the {sold} the account has: ask for {available} or fewer",
                module.id
            ),
        });
    }
    Ok(())
}

/// Each other seat line sold as asked: another edition available on this cycle, date and
/// term and within its own limits and bands; a seat type sold with the account's edition.
pub(super) fn other_lines(
    plan: &Plan,
    r: &Request,
    ed: &Edition,
    lines: &[SeatLine],
    billing: Billing,
    term_months: u64,
) -> Result<(), Rejection> {
    for l in lines {
        match l.of {
            SeatOf::Edition(e) => {
                let other = &plan.editions[e];
                super::available(plan, other, r, billing)?;
                if let Some(min) = other.min_term_months.filter(|m| term_months < *m) {
                    return Err(Rejection::Term {
                        months: term_months.to_string(),
                        reason: format!(
                            "is shorter than edition `{}`'s minimum term of {min} months: ask for {min} months or more",
                            other.id
                        ),
                    });
                }
                let field = format!("other_seats.{}", other.id);
                let billed = seat_limits(plan, other, l.seats, &field)?;
                let (price, _) =
                    crate::model::price_for(&other.price, &other.cycle_prices, billing);
                within_bands(price, billed, || format!("edition `{}`", other.id))?;
            }
            SeatOf::Type(t) => {
                let st = &plan.seat_types[t];
                let what = || format!("seat type `{}`", st.id);
                sold_on(&st.sold_on, billing, what)?;
                if let Some(sold) = &st.not_sold {
                    return Err(Rejection::NotSoldIn {
                        what: st.label.to_string(),
                        currency: plan.currency.code.to_string(),
                        sold: sold.to_string(),
                    });
                }
                if st.on_application {
                    return Err(Rejection::OnApplication {
                        what: format!("{} ({})", what(), st.label),
                        name: None,
                    });
                }
                let Some(price) = seat_type_price(st, ed, billing) else {
                    let editions: Vec<String> = (st.attach.iter())
                        .flat_map(|a| &a.editions)
                        .map(|e| format!("`{e}`"))
                        .collect();
                    return Err(Rejection::Invalid {
                        field: format!("other_seats.{}", st.id),
                        value: l.seats.to_string(),
                        expected: format!(
                            "{} is sold only with edition {}",
                            what(),
                            crate::text::or_list(&editions)
                        ),
                    });
                };
                within_bands(price, l.seats, what)?;
            }
        }
    }
    Ok(())
}

/// A seat type's price with the account's edition: its price with that edition, else its
/// own; `None` when it is sold only with other editions.
pub fn seat_type_price<'p>(
    st: &'p crate::model::Module,
    ed: &Edition,
    billing: Billing,
) -> Option<&'p SeatPrice> {
    if let Some(a) = st.attach_on(&ed.id, billing) {
        return Some(&a.price);
    }
    let own = st.price.as_ref()?;
    Some(crate::model::price_for(own, &st.cycle_prices, billing).0)
}

//! Contract prices and negotiated discounts: the plan a deal is priced against, the list
//! price each contract price replaces, and the floors the deal passes.

use super::uplift::{self, Uplift};
use super::DealError;
use crate::model::*;
use crate::money;
use crate::quote::{ContractPrice, DealApproval as Approval, Line, Quote};
use crate::request::{NegotiatedDiscount, Request};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::sync::Arc;

/// The deal's plan and what it changed from list.
pub(crate) struct Terms<'p> {
    /// The plan with the contract prices and negotiated discounts in it: the published
    /// plan itself, borrowed, when the deal changes nothing in it.
    pub plan: Cow<'p, Plan>,
    /// The plan as published, for list amounts.
    pub list: Cow<'p, Plan>,
    /// Contract prices against list.
    pub prices: Vec<ContractPrice>,
    /// The line-id prefixes of contract-priced items.
    pub items: Vec<Text>,
    /// Floors passed.
    pub approvals: Vec<Approval>,
    /// Price protection notes.
    pub notes: Vec<String>,
}

impl Terms<'_> {
    /// Prices one month of `request`, `years` of `uplift` in, with each contract-priced
    /// line's list amount alongside.
    pub(crate) fn quote(
        &self,
        request: &Request,
        raise: Option<(Uplift, u64)>,
    ) -> Result<(Quote, Vec<Option<Decimal>>), DealError> {
        let plan = raised(&self.plan, raise);
        let q = crate::eval::price_segment(&plan, request)?;
        if self.items.is_empty() {
            let none = vec![None; q.lines.len()];
            return Ok((q, none));
        }
        let list = raised(&self.list, raise);
        // An item priced on application has no list price: no list amounts to show.
        let lq = match crate::eval::price_segment(&list, request) {
            Ok(lq) => lq,
            Err(crate::rejection::Rejection::OnApplication { .. }) => {
                let none = vec![None; q.lines.len()];
                return Ok((q, none));
            }
            Err(e) => return Err(e.into()),
        };
        let lists = q
            .lines
            .iter()
            .map(|l| {
                let item = self.items.iter().find(|i| belongs(l, i))?;
                let mut sum = Decimal::ZERO;
                for x in lq.lines.iter().filter(|x| belongs(x, item)) {
                    sum = money::add(sum, x.amount).ok()?;
                }
                Some(sum)
            })
            .collect();
        Ok((q, lists))
    }
}

/// `plan` with `raise` applied: itself when nothing rises; the published plan's raised list
/// is raised once and kept with it, a deal's own copy is raised afresh.
// The Cow itself is what is asked: whether the plan is the published one (kept lists) or the
// deal's own copy.
#[allow(clippy::ptr_arg)]
fn raised<'a>(plan: &'a Cow<'_, Plan>, raise: Option<(Uplift, u64)>) -> Raised<'a> {
    let Some((u, years)) = raise.filter(|(u, years)| *years > 0 && !u.percent.is_zero()) else {
        return Raised::Same(plan);
    };
    match plan {
        Cow::Borrowed(published) => {
            let key = RaiseKey {
                percent: u.percent,
                cap: u.cap,
                years,
            };
            Raised::Kept(
                published
                    .raised
                    .get_or_raise(key, || uplift::raised(published, u, years)),
            )
        }
        Cow::Owned(own) => Raised::Own(Box::new(uplift::raised(own, u, years))),
    }
}

/// A plan as a period is priced against: the deal's own, a raised list kept with the
/// published plan, or a raised copy of the deal's changed plan.
enum Raised<'a> {
    Same(&'a Plan),
    Kept(Arc<Plan>),
    Own(Box<Plan>),
}

impl std::ops::Deref for Raised<'_> {
    type Target = Plan;
    fn deref(&self) -> &Plan {
        match self {
            Raised::Same(p) => p,
            Raised::Kept(p) => p,
            Raised::Own(p) => p,
        }
    }
}

/// True when `line` is one of the lines of the item whose line id is `item`.
fn belongs(line: &Line, item: &str) -> bool {
    line.id
        .strip_prefix(item)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// Builds the deal's plan from the request's contract terms.
pub(crate) fn apply<'p>(plan: &'p Plan, request: &Request) -> Result<Terms<'p>, DealError> {
    let mut terms = Terms {
        plan: Cow::Borrowed(plan),
        list: Cow::Borrowed(plan),
        prices: Vec::new(),
        items: Vec::new(),
        approvals: Vec::new(),
        notes: Vec::new(),
    };
    // A renewal or an amendment continues a contract: an edition withdrawn since is still
    // priced for it.
    if (request.renewal.is_some() || request.amendment.is_some())
        && plan.editions.iter().any(|e| e.withdrawn.is_some())
    {
        for e in
            (terms.plan.to_mut().editions.iter_mut()).chain(terms.list.to_mut().editions.iter_mut())
        {
            e.withdrawn = None;
        }
    }
    let Some(c) = &request.contract else {
        return Ok(terms);
    };
    let d = plan.currency.minor_digits;
    for (name, price) in &c.prices {
        let price = price.0;
        if price.is_sign_negative() {
            return Err(DealError::Invalid(format!(
                "contract price for {name}: {price} is negative; a price is 0 or more"
            )));
        }
        let (label, line_id, list_unit) =
            override_item(terms.plan.to_mut(), plan, request, name, price)?;
        // Priced on application, the item has no list price: the contract price is the price.
        let on_application = (plan
            .editions
            .iter()
            .any(|e| &*e.id == name && e.on_application))
            || (plan.modules.iter()).any(|m| &*m.id == name && m.on_application);
        let list_unit = if on_application { price } else { list_unit };
        terms.items.push(line_id);
        let difference = price - list_unit;
        terms.prices.push(ContractPrice {
            item: Arc::from(name.as_str()),
            label: label.clone(),
            list: list_unit,
            contract: price,
            difference,
        });
        for f in &plan.deals.floors {
            if let FloorRule::PriceBelow(pct) = f.rule {
                let floor = money::percent_of(list_unit, pct, d).unwrap_or(list_unit);
                if price < floor {
                    let share = percent_share(price, list_unit);
                    terms.approvals.push(Approval {
                        floor: f.text.clone(),
                        approver: f.approver.clone(),
                        detail: format!(
                            "{label}: contract price {} is {share}% of list {}",
                            money::format_unit(price, d),
                            money::format_unit(list_unit, d)
                        ),
                    });
                }
            }
        }
        protection(&mut terms.notes, c, name, &label, list_unit, price, plan, d);
    }
    for (name, saved) in &c.list_prices {
        if c.prices.contains_key(name) {
            continue;
        }
        if let Ok((label, _, now)) = list_of(plan, request, name) {
            if now != saved.0 {
                terms.notes.push(format!(
                    "{label}: list price moved from {} to {} since plan {}; it has no contract price, so the new list price applies",
                    money::format_unit(saved.0, d),
                    money::format_unit(now, d),
                    c.plan_version.as_deref().unwrap_or("the saved one")
                ));
            }
        }
    }
    negotiated(&mut terms, &c.discounts)?;
    Ok(terms)
}

#[allow(clippy::too_many_arguments)]
fn protection(
    notes: &mut Vec<String>,
    c: &crate::request::ContractTerms,
    name: &str,
    label: &str,
    list_now: Decimal,
    price: Decimal,
    plan: &Plan,
    d: u32,
) {
    let Some(saved) = c.list_prices.get(name) else {
        return;
    };
    if saved.0 != list_now {
        notes.push(format!(
            "{label}: list price moved from {} to {} since plan {}; the contract price {} is kept (price protection, plan {} now)",
            money::format_unit(saved.0, d),
            money::format_unit(list_now, d),
            c.plan_version.as_deref().unwrap_or("the saved one"),
            money::format_unit(price, d),
            plan.version
        ));
    }
}

/// `part / whole` in percent, to two places.
fn percent_share(part: Decimal, whole: Decimal) -> Decimal {
    match part
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|p| p.checked_div(whole))
    {
        Some(x) => x.round_dp(2).normalize(),
        None => Decimal::ZERO,
    }
}

/// Replaces the list price of the item `name` (an edition, a module, or a support tier,
/// backup option or service) with `price` per unit.
/// Returns its label, its line-id prefix and its list price per unit.
fn override_item(
    deal: &mut Plan,
    list: &Plan,
    request: &Request,
    name: &str,
    price: Decimal,
) -> Result<(Text, Text, Decimal), DealError> {
    let (label, line_id, list_unit) = list_of(list, request, name)?;
    // A contract price holds on every billing cycle the item is sold on.
    if let Some(i) = deal.editions.iter().position(|e| &*e.id == name) {
        deal.editions[i].price = SeatPrice::PerSeat(price);
        deal.editions[i].cycle_prices.clear();
        deal.editions[i].on_application = false;
    } else if let Some(i) = deal.module_index(name) {
        let m = &mut deal.modules[i];
        let billing = cycle(request);
        let listed = m
            .price
            .as_ref()
            .map(|p| price_for(p, &m.cycle_prices, billing).0);
        m.price = Some(match listed {
            // Priced on application: a contract price is per seat, like an edition's.
            _ if m.on_application => SeatPrice::PerSeat(price),
            Some(SeatPrice::Flat(_)) => SeatPrice::Flat(price),
            Some(SeatPrice::Pack { size, .. }) => SeatPrice::Pack { size: *size, price },
            _ => SeatPrice::PerSeat(price),
        });
        m.cycle_prices.clear();
        // The contract price holds with every edition, attach prices included.
        m.attach.clear();
        m.on_application = false;
    } else {
        super::items::set(deal, name, price);
    }
    Ok((label, line_id, list_unit))
}

/// An edition's or module's label, line-id prefix and list price per unit (for tiered
/// prices, the average per seat at the request's seat count).
fn list_of(plan: &Plan, request: &Request, name: &str) -> Result<(Text, Text, Decimal), DealError> {
    let d = plan.currency.minor_digits;
    let billing = cycle(request);
    let (label, line_id, price) = if let Some(e) = plan.editions.iter().find(|e| &*e.id == name) {
        let price = price_for(&e.price, &e.cycle_prices, billing).0;
        (e.line_label.clone(), e.line_id.clone(), Some(price))
    } else if let Some(m) = plan.modules.iter().find(|m| &*m.id == name) {
        let price = m
            .price
            .as_ref()
            .map(|p| price_for(p, &m.cycle_prices, billing).0);
        (m.label.clone(), m.line_id.clone(), price)
    } else if let Some(found) = super::items::list(plan, billing, name) {
        return found;
    } else {
        let mut known = plan.edition_names();
        known.extend(
            plan.modules
                .iter()
                .filter(|m| m.price.is_some())
                .map(|m| m.id.to_string()),
        );
        return Err(DealError::Invalid(format!(
            "contract price for `{name}`: the plan has no edition, priced module, support tier, backup option or service of that name; editions and modules: {}",
            known.join(", ")
        )));
    };
    let unit = match price {
        None => {
            return Err(DealError::Invalid(format!(
                "contract price for `{name}`: the module is only sold as part of editions"
            )))
        }
        Some(SeatPrice::Flat(a)) | Some(SeatPrice::PerSeat(a)) => *a,
        // The account's price in the tier its users fall in: one price, as a flat one.
        Some(SeatPrice::Account(tiers)) => {
            let seats = crate::eval::resolve(plan, request).map_or(1, |r| r.seats);
            match crate::model::AccountTier::holding(tiers, seats) {
                Some(t) => t.price,
                None => tiers.last().map_or(Decimal::ZERO, |t| t.price),
            }
        }
        Some(SeatPrice::Pack { price, .. }) => *price,
        Some(SeatPrice::Percent(_)) => {
            return Err(DealError::Invalid(format!(
                "contract price for `{name}`: the module is priced as a percentage of other lines; give those lines contract prices instead"
            )))
        }
        Some(SeatPrice::Volume(_)) | Some(SeatPrice::Graduated(_)) => {
            let q = crate::eval::quote(plan, request)?;
            let seats = q
                .lines
                .iter()
                .find(|l| belongs(l, &line_id))
                .and_then(|l| match &l.explain {
                    crate::quote::Explain::Graduated { seats, .. }
                    | crate::quote::Explain::Volume { seats, .. } => Some(*seats),
                    _ => None,
                })
                .unwrap_or(1);
            let mut sum = Decimal::ZERO;
            for l in q.lines.iter().filter(|l| belongs(l, &line_id)) {
                sum = money::add(sum, l.amount).map_err(|_| super::too_large(&label))?;
            }
            money::round(sum / Decimal::from(seats.max(1)), d)
        }
    };
    Ok((label, line_id, unit))
}

/// The request's billing cycle as the plan's prices name it (monthly when left out or
/// misspelled: eval rejects a misspelled cycle before anything is shown).
fn cycle(request: &Request) -> Billing {
    request
        .billing
        .as_deref()
        .and_then(Billing::parse)
        .unwrap_or(Billing::MONTHLY)
}

/// Adds the negotiated discounts to the plan, after its own discounts, and checks the
/// discount floors against their compound percent.
fn negotiated(terms: &mut Terms, discounts: &[NegotiatedDiscount]) -> Result<(), DealError> {
    let mut kept = Decimal::ONE;
    for (i, nd) in discounts.iter().enumerate() {
        let pct = nd.percent.0;
        if pct < Decimal::ZERO || pct > Decimal::ONE_HUNDRED {
            return Err(DealError::Invalid(format!(
                "negotiated discount `{}`: {pct}% is not a percentage between 0 and 100",
                nd.reason
            )));
        }
        let scope = match nd.scope.as_deref().unwrap_or("all") {
            "recurring" => Scope::Recurring,
            "one_time" => Scope::OneTime,
            "all" => Scope::All,
            other => {
                return Err(DealError::Invalid(format!(
                "negotiated discount `{}`: scope `{other}` is not one of recurring, one_time, all",
                nd.reason
            )))
            }
        };
        let id = if discounts.len() == 1 {
            "negotiated".to_string()
        } else {
            format!("negotiated_{}", i + 1)
        };
        let line = |suffix: &str| Arc::from(format!("discount.{id}{suffix}").as_str());
        let (rec, one) = if scope == Scope::All {
            (line(".recurring"), line(".one_time"))
        } else {
            (line(""), line(""))
        };
        terms.plan.to_mut().discounts.push(Discount {
            id: Arc::from(id.as_str()),
            label: Arc::from(format!("Negotiated discount: {}", nd.reason).as_str()),
            coupon: false,
            surcharge: false,
            stacking: Stacking::Stacks,
            amount: DiscountAmount::Percent(pct),
            scope,
            condition: Vec::new(),
            when: None,
            condition_text: None,
            recurring_line_id: rec,
            one_time_line_id: one,
        });
        kept *= Decimal::ONE - pct / Decimal::ONE_HUNDRED;
    }
    let total = ((Decimal::ONE - kept) * Decimal::ONE_HUNDRED)
        .round_dp(2)
        .normalize();
    for f in &terms.plan.deals.floors {
        if let FloorRule::DiscountAbove(limit) = f.rule {
            if total > limit {
                let detail = if discounts.len() == 1 {
                    format!("negotiated discount {total}% ({})", discounts[0].reason)
                } else {
                    format!("negotiated discounts compound to {total}%")
                };
                terms.approvals.push(Approval {
                    floor: f.text.clone(),
                    approver: f.approver.clone(),
                    detail,
                });
            }
        }
    }
    Ok(())
}

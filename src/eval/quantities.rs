//! Lines for add-ons bought by the unit and metered usage: the quantity less what is
//! included, priced by the item's charge model, rounded once.

use super::{tiers, too_large, Evaluator};
use crate::model::{storage_line_id, Charge, Quantity, QuantityKind};
use crate::money;
use crate::quote::{Category, Explain, LineKind, QtyDetail, QtyExplain};
use crate::rejection::Rejection;
use rust_decimal::Decimal;

impl Evaluator<'_> {
    /// One line per add-on the request buys and per usage it reports (or that bills a
    /// base fee at zero), in the order the plan declares them.
    pub(super) fn quantities(&mut self) -> Result<(), Rejection> {
        let plan = self.plan;
        for (i, item) in plan.quantities.iter().enumerate() {
            let given = self.r.quantities.get(i).copied().flatten();
            // Nothing asked for: only a usage's base fee can make a line.
            if given.is_none()
                && (item.kind == QuantityKind::Addon
                    || !(item.charge.bills_at_zero()
                        || item.cycle_charges.iter().any(|(_, c)| c.bills_at_zero())))
            {
                continue;
            }
            let volume = self.r.volumes.get(i).copied().unwrap_or_default();
            self.quantity(item, given, volume)?;
        }
        Ok(())
    }

    fn quantity(
        &mut self,
        item: &Quantity,
        given: Option<Decimal>,
        volume: Decimal,
    ) -> Result<(), Rejection> {
        let quantity = given.unwrap_or_default();
        let overflow = |_| too_large(&format!("the {} line", item.label));
        let included = self.included(item).map_err(overflow)?;
        let billable = (quantity - included).max(Decimal::ZERO);
        let rounded = match item.block {
            Some(b) => {
                let blocks = billable
                    .checked_div(b)
                    .ok_or(money::Overflow)
                    .map_err(overflow)?;
                Some((b, money::mul(blocks.ceil(), b).map_err(overflow)?))
            }
            None => None,
        };
        let priced = rounded.map_or(billable, |(_, billed)| billed);
        let (charge, billed) =
            crate::model::price_for(&item.charge, &item.cycle_charges, self.r.billing);
        if let Charge::Tiers { tiers, .. } = charge {
            if let Some(top) = tiers.last().and_then(|t| t.upper).filter(|u| billable > *u) {
                return Err(Rejection::Invalid {
                    field: format!("quantities.{}", item.id),
                    value: quantity.to_string(),
                    expected: format!(
                        "{} `{}` is priced up to {} beyond what is included",
                        item.kind.word(),
                        item.id,
                        crate::quote::units(top, &item.unit)
                    ),
                });
            }
        }
        let (day, detail) = tiers::price(charge, priced, volume).map_err(overflow)?;
        // A day's use is priced as a day, then billed for the days of a month: rounded once.
        let (amount, daily) = match item.daily {
            Some(days) => {
                let month = money::mul(day, Decimal::from(days)).map_err(overflow)?;
                (month, Some((days, day)))
            }
            None => (day, None),
        };
        if given.is_none() && amount.is_zero() {
            return Ok(());
        }
        let qu = match (&detail, daily) {
            (_, Some((days, day))) => (Some(Decimal::from(days)), Some(day)),
            (QtyDetail::PerUnit { price }, None) => (Some(priced), Some(*price)),
            (QtyDetail::Pack { packs, price, .. }, None) => (Some(*packs), Some(*price)),
            _ => (Some(quantity), None),
        };
        let category = match item.kind {
            QuantityKind::Addon => Category::Addon,
            QuantityKind::Usage => Category::Usage,
        };
        let explain = Explain::Quantity(Box::new(QtyExplain {
            unit: item.unit.clone(),
            quantity,
            included,
            billable,
            rounded,
            detail,
            daily,
        }));
        let kind = if item.once {
            LineKind::OneTime
        } else {
            LineKind::Recurring
        };
        self.billed = billed;
        self.push(
            &item.line_id,
            &item.label,
            category,
            kind,
            amount,
            qu,
            explain,
        );
        self.billed = None;
        Ok(())
    }

    /// Storage above the allowance priced by tiers of GB, like any usage.
    pub(super) fn storage_tiers(
        &mut self,
        charge: &Charge,
        cycle: Option<crate::model::Billing>,
        (used, included, billable): (Decimal, Decimal, Decimal),
    ) -> Result<(), money::Overflow> {
        let (amount, detail) = tiers::price(charge, billable, Decimal::ZERO)?;
        if amount.is_zero() {
            if !used.is_zero() {
                self.notes.push(format!(
                    "storage: {} GB used is within the {} GB included",
                    money::format_quantity(used),
                    money::format_quantity(included)
                ));
            }
            return Ok(());
        }
        let explain = Explain::Quantity(Box::new(QtyExplain {
            unit: "GB".into(),
            quantity: used,
            included,
            billable,
            rounded: None,
            detail,
            daily: None,
        }));
        let (id, label) = (storage_line_id(), &self.plan.storage.line_label);
        self.billed = cycle;
        let (cat, kind) = (Category::Storage, LineKind::Recurring);
        self.push(id, label, cat, kind, amount, (Some(used), None), explain);
        self.billed = None;
        Ok(())
    }

    /// Units included for this request: flat, per seat, and with its edition.
    fn included(&self, item: &Quantity) -> Result<Decimal, money::Overflow> {
        let inc = &item.included;
        if inc.is_none() {
            return Ok(Decimal::ZERO);
        }
        let r = self.r;
        let all = Decimal::from(r.all_seats);
        let mut total = money::add(inc.flat, money::mul(inc.per_seat, all)?)?;
        // Given with an edition: for the seats of that edition, when the account buys any.
        for (e, flat, per_seat) in &inc.with_editions {
            let seats = r.seats_of(*e);
            if seats > 0 {
                let given = money::add(*flat, money::mul(*per_seat, seats.into())?)?;
                total = money::add(total, given)?;
            }
        }
        for rule in &inc.rules {
            let seats = if rule.editions.is_empty() {
                r.all_seats
            } else {
                rule.editions.iter().map(|e| r.seats_of(*e)).sum()
            };
            if seats > 0 || rule.editions.is_empty() {
                total = money::add(total, rule.allows(seats.into())?)?;
            }
        }
        Ok(total.normalize())
    }
}

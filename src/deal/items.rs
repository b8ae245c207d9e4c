//! Contract prices for the items that are not seats: support tiers, backup options and
//! services. Named plainly (`enhanced`) or with their kind when a name is shared
//! (`support.basic`, `backup.daily`, `service.training`, `service.integration.erp`).

use super::DealError;
use crate::model::*;
use rust_decimal::Decimal;

/// Which item a name means, found in `plan`.
enum Item {
    Support(usize),
    Backup(usize),
    Service(usize),
    Target(usize, usize),
}

fn find(plan: &Plan, name: &str) -> Option<Item> {
    let (kind, rest) = match name.split_once('.') {
        Some((k @ ("support" | "backup" | "service"), rest)) => (Some(k), rest),
        _ => (None, name),
    };
    let any = kind.is_none();
    if any || kind == Some("support") {
        if let Some(i) = plan.supports.iter().position(|s| &*s.id == rest) {
            return Some(Item::Support(i));
        }
    }
    if any || kind == Some("backup") {
        if let Some(i) = plan.backups.iter().position(|b| &*b.id == rest) {
            return Some(Item::Backup(i));
        }
    }
    if any || kind == Some("service") {
        let (svc, target) = match rest.split_once('.') {
            Some((s, t)) => (s, Some(t)),
            None => (rest, None),
        };
        let i = plan.services.iter().position(|s| &*s.id == svc)?;
        return match (&plan.services[i].pricing, target) {
            (ServicePricing::PerUnit { .. }, None) => Some(Item::Service(i)),
            (ServicePricing::Targets { targets, .. }, Some(t)) => targets
                .iter()
                .position(|x| &*x.id == t)
                .map(|j| Item::Target(i, j)),
            _ => None,
        };
    }
    None
}

/// The label, line-id prefix and list price per unit of a support tier, backup option or
/// service named `name`; `None` when no such item exists.
pub(crate) fn list(
    plan: &Plan,
    billing: Billing,
    name: &str,
) -> Option<Result<(Text, Text, Decimal), DealError>> {
    let percent = || {
        Err(DealError::Invalid(format!(
            "contract price for `{name}`: it is priced as a percentage of recurring; negotiate a discount instead"
        )))
    };
    Some(match find(plan, name)? {
        Item::Support(i) => {
            let s = &plan.supports[i];
            match price_for(&s.price, &s.cycle_prices, billing).0 {
                SupportPrice::Flat(a) | SupportPrice::PerSeat(a) => {
                    Ok((s.label.clone(), s.line_id.clone(), *a))
                }
                SupportPrice::Percent { .. } => percent(),
            }
        }
        Item::Backup(i) => {
            let b = &plan.backups[i];
            Ok((b.label.clone(), b.line_id.clone(), b.flat))
        }
        Item::Service(i) => match &plan.services[i].pricing {
            ServicePricing::PerUnit { price, line_id, .. } => {
                Ok((plan.services[i].label.clone(), line_id.clone(), *price))
            }
            ServicePricing::Targets { .. } => percent(),
        },
        Item::Target(i, j) => match &plan.services[i].pricing {
            ServicePricing::Targets { targets, .. } => {
                let t = &targets[j];
                Ok((t.line_label.clone(), t.line_id.clone(), t.price))
            }
            ServicePricing::PerUnit { .. } => percent(),
        },
    })
}

/// Puts `price` in place of the list price of the item `name` means.
/// A backup's contract price is its monthly fee (its rate per GB stays).
pub(crate) fn set(deal: &mut Plan, name: &str, price: Decimal) {
    match find(deal, name) {
        Some(Item::Support(i)) => {
            let s = &mut deal.supports[i];
            s.price = match s.price {
                SupportPrice::PerSeat(_) => SupportPrice::PerSeat(price),
                _ => SupportPrice::Flat(price),
            };
            s.cycle_prices.clear();
        }
        Some(Item::Backup(i)) => deal.backups[i].flat = price,
        Some(Item::Service(i)) => {
            if let ServicePricing::PerUnit { price: p, .. } = &mut deal.services[i].pricing {
                *p = price;
            }
        }
        Some(Item::Target(i, j)) => {
            if let ServicePricing::Targets { targets, .. } = &mut deal.services[i].pricing {
                targets[j].price = price;
            }
        }
        None => {}
    }
}

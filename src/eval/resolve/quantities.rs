//! A request's add-on and usage quantities checked against the plan: known names, whole
//! numbers where the unit is counted whole, the plan's minimum and maximum.

use crate::model::{Charge, Plan, Quantity};
use crate::rejection::Rejection;
use crate::request::{Qty, Request};
use rust_decimal::Decimal;

/// (quantities by index, volumes by index); both empty when the request names none.
pub(super) type Resolved = (Vec<Option<Decimal>>, Vec<Decimal>);

/// Checks `r.quantities` and `r.volumes` against `plan`.
pub(super) fn resolve(
    plan: &Plan,
    r: &Request,
    billing: crate::model::Billing,
) -> Result<Resolved, Rejection> {
    if r.quantities.is_empty() && r.volumes.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut quantities = vec![None; plan.quantities.len()];
    let mut volumes = vec![Decimal::ZERO; plan.quantities.len()];
    for (name, q) in &r.quantities {
        // A module's count (`cs_attach = 10`) is the seats it is bought for: see seats.rs.
        let is_quantity = plan.quantities.iter().any(|x| &*x.id == name.as_str());
        if !is_quantity && plan.modules.iter().any(|m| &*m.id == name.as_str()) {
            continue;
        }
        let i = find(plan, name)?;
        quantities[i] = Some(amount(name, &plan.quantities[i], *q)?);
    }
    for (name, v) in &r.volumes {
        let i = find(plan, name)?;
        let item = &plan.quantities[i];
        let field = || format!("volumes.{name}");
        if !matches!(charge_on(item, billing), Charge::Percent(_)) {
            return Err(Rejection::Invalid {
                field: field(),
                value: v.0.normalize().to_string(),
                expected: format!(
                    "{} `{name}` is not priced on volume; give only its quantity",
                    item.kind.word()
                ),
            });
        }
        volumes[i] = non_negative(field, v.0)?;
    }
    for (i, item) in plan.quantities.iter().enumerate() {
        if quantities[i].is_some() {
            let what = || format!("{} `{}`", item.kind.word(), item.id);
            super::sold_on(&item.sold_on, billing, what)?;
            if let Some(sold) = &item.not_sold {
                return Err(Rejection::NotSoldIn {
                    what: item.label.to_string(),
                    currency: plan.currency.code.to_string(),
                    sold: sold.to_string(),
                });
            }
            if item.on_application {
                return Err(Rejection::OnApplication {
                    what: format!("{} ({})", what(), item.label),
                    name: None,
                });
            }
        }
        if !matches!(charge_on(item, billing), Charge::Percent(_)) {
            continue;
        }
        let (count, volume) = (quantities[i].unwrap_or_default(), volumes[i]);
        if count.is_zero() && !volume.is_zero() {
            return Err(Rejection::Invalid {
                field: format!("volumes.{}", item.id),
                value: volume.normalize().to_string(),
                expected: format!(
                    "a volume needs the {} that moved it: give quantities.{}",
                    crate::quote::plural(&item.unit),
                    item.id
                ),
            });
        }
    }
    Ok((quantities, volumes))
}

fn find(plan: &Plan, name: &str) -> Result<usize, Rejection> {
    plan.quantities
        .iter()
        .position(|q| &*q.id == name)
        .ok_or_else(|| Rejection::Unknown {
            what: "add-on or usage",
            name: name.to_string(),
            accepted: plan.quantities.iter().map(|q| q.id.to_string()).collect(),
        })
}

/// `field` names the request's field only when a rejection needs it: the name is built from
/// the item's on every quote otherwise.
fn non_negative(field: impl Fn() -> String, v: Decimal) -> Result<Decimal, Rejection> {
    let invalid = |expected: String| Rejection::Invalid {
        field: field(),
        value: v.normalize().to_string(),
        expected,
    };
    if v.is_sign_negative() && !v.is_zero() {
        return Err(invalid("it cannot be negative".into()));
    }
    if v > Decimal::from(crate::limits::MAX_QUANTITY) {
        return Err(invalid(format!(
            "it must be at most {} (ratecard's limit, see docs/limits.md)",
            crate::limits::grouped(crate::limits::MAX_QUANTITY)
        )));
    }
    Ok(v.normalize())
}

fn amount(name: &str, item: &Quantity, q: Qty) -> Result<Decimal, Rejection> {
    let field = || format!("quantities.{name}");
    let v = non_negative(field, q.0)?;
    let invalid = |expected: String| Rejection::Invalid {
        field: field(),
        value: v.to_string(),
        expected,
    };
    if !item.divisible && !v.fract().is_zero() {
        return Err(invalid(format!(
            "a {} is counted whole: give a whole number",
            item.unit
        )));
    }
    if let Some(min) = item.minimum.filter(|m| v < *m) {
        return Err(invalid(format!(
            "{} `{name}` is sold from {}",
            item.kind.word(),
            crate::quote::units(min, &item.unit)
        )));
    }
    if let Some(max) = item.maximum.filter(|m| v > *m) {
        return Err(invalid(format!(
            "{} `{name}` is sold up to {}",
            item.kind.word(),
            crate::quote::units(max, &item.unit)
        )));
    }
    Ok(v)
}

/// The charge that holds on `billing`: the cycle's own, else the default.
fn charge_on(item: &crate::model::Quantity, billing: crate::model::Billing) -> &Charge {
    crate::model::price_for(&item.charge, &item.cycle_charges, billing).0
}

//! Ramps and renewals: one segment per period, each with its own seats and modules and
//! the year's uplift; billing turns them into invoices.

use super::contract::Terms;
use super::uplift::Uplift;
use super::{DealError, Part, Said};
use crate::model::Text;
use crate::quote::{Adjustment, Category, LineKind};
use crate::request::{Qty, Ramp, Renewal, Request};
use rust_decimal::Decimal;

/// Every period of `ramp`, priced.
pub(crate) fn periods(
    terms: &Terms,
    request: &Request,
    ramp: &Ramp,
    said: &mut Said,
) -> Result<Vec<Part>, DealError> {
    if ramp.periods.is_empty() {
        return Err(DealError::Invalid(
            "ramp: list at least one period ([[ramp.periods]] with its seats)".into(),
        ));
    }
    let uplift = Uplift {
        percent: percent("ramp uplift_percent", ramp.uplift_percent)?,
        cap: ramp
            .uplift_cap_percent
            .map(|c| percent("ramp uplift_cap_percent", Some(c)))
            .transpose()?,
    };
    let months: Vec<u64> = ramp
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| whole_months(i, p.months))
        .collect::<Result<_, _>>()?;
    let total_months: u64 = months.iter().sum();
    if total_months > 1200 {
        return Err(DealError::Invalid(format!(
            "ramp: the periods add up to {total_months} months; a ramp runs at most 1200 months (100 years)"
        )));
    }
    let yearly = months.iter().all(|m| *m == 12);
    let d = terms.plan.currency.minor_digits;
    let mut out = Vec::with_capacity(months.len());
    let mut bought: Vec<Text> = Vec::new();
    let mut start = 0u64;
    let mut capped = false;
    // One copy of the request for every period, each period setting what it changes and
    // putting back what the one before it changed: a request holds maps and lists, and a
    // copy per period cost more than pricing the period.
    let mut r = request.clone();
    r.ramp = None;
    r.term_months = Some(Qty(Decimal::from(total_months)));
    for (i, p) in ramp.periods.iter().enumerate() {
        let m = months[i];
        r.seats = p.seats.or(request.seats);
        match &p.edition {
            Some(e) => r.edition = Some(e.clone()),
            None if r.edition != request.edition => r.edition.clone_from(&request.edition),
            None => {}
        }
        match &p.modules {
            Some(mods) => r.modules.clone_from(mods),
            None if r.modules != request.modules => r.modules.clone_from(&request.modules),
            None => {}
        }
        if i == 1 {
            // Services are bought once, at the start of the contract.
            r.services.clear();
        }
        let years = start / 12;
        capped |= uplift.cap.is_some() && uplift.capped(&terms.plan, years, d);
        let (mut q, mut list) = terms
            .quote(&r, Some((uplift, years)))
            .map_err(|e| in_period(i, e))?;
        said.heard(&q);
        super::first_bought(&mut q, &mut list, &mut bought);
        let label = p.label.clone().unwrap_or_else(|| {
            if yearly {
                format!("Year {}", i + 1)
            } else if m == 1 {
                format!("Month {}", start + 1)
            } else {
                format!("Months {}-{}", start + 1, start + m)
            }
        });
        let free_pct = if p.free {
            Some(Decimal::ONE_HUNDRED)
        } else {
            p.discount_percent
                .map(|x| percent("ramp period discount_percent", Some(x)))
                .transpose()?
        };
        let adjustment = free_pct.filter(|p| !p.is_zero()).map(|pct| Adjustment {
            percent: pct,
            words: if p.free {
                "free period".to_string()
            } else {
                format!("{}% off this period", pct.normalize())
            },
        });
        out.push(Part {
            quote: q,
            list,
            label: Some(label),
            months: m,
            adjustment,
            proration: None,
            start,
        });
        start += m;
    }
    if capped {
        said.notes.push(format!(
            "uplift capped: no price rises more than {}% over its first-year price",
            uplift.cap.unwrap_or_default().normalize()
        ));
    }
    Ok(out)
}

/// The request a term later, its prices raised by the uplift asked for, at most the
/// plan's renewal cap.
pub(crate) fn renewal(
    terms: &Terms,
    request: &Request,
    renewal: &Renewal,
    said: &mut Said,
) -> Result<Part, DealError> {
    let asked = percent("renewal uplift_percent", Some(renewal.uplift_percent))?;
    let percent = match terms.plan.deals.renewal_cap {
        Some(cap) if asked > cap => {
            said.notes.push(format!(
                "renewal uplift {}% asked; the plan caps renewals at {}%, so {}% applies",
                asked.normalize(),
                cap.normalize(),
                cap.normalize()
            ));
            cap
        }
        _ => asked,
    };
    let mut r = request.clone();
    r.renewal = None;
    // A renewal continues a running subscription: no onboarding services again.
    r.services.clear();
    let u = Uplift { percent, cap: None };
    let (mut q, mut list) = terms.quote(&r, Some((u, 1)))?;
    said.heard(&q);
    // The edition and modules carry over: their one-time fees were paid in the first term.
    let keep: Vec<bool> = (q.lines.iter())
        .map(|l| !(l.kind == LineKind::OneTime && l.category == Category::Fee))
        .collect();
    super::retain(&mut q, &mut list, &keep);
    let months = q.term_months;
    Ok(Part {
        quote: q,
        list,
        label: Some(format!("Renewal term (+{}%)", percent.normalize())),
        months,
        adjustment: None,
        proration: None,
        start: 0,
    })
}

fn in_period(i: usize, e: DealError) -> DealError {
    DealError::Invalid(format!("ramp period {}: {e}", i + 1))
}

fn whole_months(i: usize, m: Option<Qty>) -> Result<u64, DealError> {
    let Some(Qty(m)) = m else { return Ok(12) };
    if m.fract().is_zero() && m >= Decimal::ONE {
        if let Ok(n) = u64::try_from(m) {
            if n <= 1200 {
                return Ok(n);
            }
        }
    }
    Err(DealError::Invalid(format!(
        "ramp period {}: months = {} is not a whole number of months from 1 to 1200",
        i + 1,
        m.normalize()
    )))
}

fn percent(field: &str, p: Option<Qty>) -> Result<Decimal, DealError> {
    let v = p.map_or(Decimal::ZERO, |q| q.0);
    if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
        return Err(DealError::Invalid(format!(
            "{field}: {} is not a percentage between 0 and 100",
            v.normalize()
        )));
    }
    Ok(v)
}

//! Amendments: what changes mid-term, charged (or credited) for the part of the term left,
//! co-termed with the contract. A quote of the difference over a fraction of a term.

use super::contract::Terms;
use super::dates;
use super::{DealError, Part, Said};
use crate::model::Proration as By;
use crate::quote::{Line, LineKind, Proration};
use crate::request::{Amendment, Qty, Request};
use rust_decimal::Decimal;

/// The amendment's one period: each changed line prorated to the contract's end.
pub(crate) fn period(
    terms: &Terms,
    request: &Request,
    a: &Amendment,
    said: &mut Said,
) -> Result<Part, DealError> {
    let start = dates::parse("amendment contract_start", &a.contract_start)?;
    let effective = dates::parse("amendment effective", &a.effective)?;
    let end = match (&a.contract_end, a.contract_months) {
        (Some(e), _) => dates::parse("amendment contract_end", e)?,
        (None, Some(Qty(m))) if m.fract().is_zero() && m >= Decimal::ONE => {
            let months = u64::try_from(m).map_err(|_| bad_months(m))?;
            start.plus_months(months)?.add_days_signed(-1)?
        }
        (None, Some(Qty(m))) => return Err(bad_months(m)),
        (None, None) => {
            return Err(DealError::Invalid(
                "amendment: give the contract's contract_end (its last day) or contract_months"
                    .into(),
            ))
        }
    };
    if end < start {
        return Err(DealError::Invalid(format!(
            "amendment: the contract ends ({end}) before it starts ({start})"
        )));
    }
    if effective < start || effective > end {
        return Err(DealError::Invalid(format!(
            "amendment: the change on {effective} is outside the contract {start}..{end}"
        )));
    }
    let after_end = end.plus_days(1)?;
    let term_months = u64::try_from(start.months_until(after_end)).unwrap_or(0);
    if term_months == 0 {
        return Err(DealError::Invalid(format!(
            "amendment: the contract {start}..{end} is shorter than a month"
        )));
    }
    let elapsed = u64::try_from(start.months_until(effective)).unwrap_or(0);
    let mut fraction = match terms.plan.deals.proration {
        By::ByMonth => Proration {
            remaining: term_months.saturating_sub(elapsed),
            total: term_months,
            unit: "month",
            from: effective,
            to: end,
            term_months,
            credits: Vec::new(),
        },
        By::ByDay => Proration {
            remaining: u64::try_from(effective.days_until(end) + 1).unwrap_or(0),
            total: u64::try_from(start.days_until(end) + 1).unwrap_or(1),
            unit: "day",
            from: effective,
            to: end,
            term_months,
            credits: Vec::new(),
        },
    };

    let mut after = request.clone();
    after.amendment = None;
    after.term_months = Some(Qty(Decimal::from(term_months)));
    let mut before = after.clone();
    // What the customer has was bought already: its services are not charged again.
    before.services.clear();
    if let Some(e) = &a.original.edition {
        before.edition = Some(e.clone());
    }
    before.seats = a.original.seats;
    if let Some(m) = &a.original.modules {
        before.modules = m.clone();
    }
    let (qa, _) = terms
        .quote(&after, None)
        .map_err(|e| side("the amended deal", e))?;
    let (qb, _) = terms
        .quote(&before, None)
        .map_err(|e| side("the original deal", e))?;
    said.heard(&qa);
    let upgrade = before.edition != after.edition;
    let mut lines = Vec::new();
    let mut credits = Vec::new();
    for l in &qa.lines {
        if l.kind == LineKind::OneTime {
            // What the customer has was bought already: only new items' fees and the
            // services asked for now are charged.
            if qb.line(&l.id).is_none() {
                lines.push(l.clone());
                credits.push(false);
            }
            continue;
        }
        let old = if upgrade { None } else { qb.line(&l.id) };
        if let Some(line) = difference(l, old) {
            lines.push(line);
            credits.push(false);
        }
    }
    for l in qb.lines.iter().filter(|l| l.kind == LineKind::Recurring) {
        if upgrade || qa.line(&l.id).is_none() {
            let gone = Line {
                amount: -l.amount,
                quantity: l.quantity.map(|q| -q),
                ..l.clone()
            };
            if !gone.amount.is_zero() {
                lines.push(gone);
                credits.push(true);
            }
        }
    }
    fraction.credits = credits;
    let label = format!("Amendment {}..{}", fraction.from, fraction.to);
    let mut q = qa;
    q.lines = lines;
    if q.tax_split.is_some() {
        let (percent, d) = (q.plan.tax_percent, q.plan.minor_digits);
        q.tax_split = crate::bill::tax::split_lines(&q.lines, percent, d).ok();
    }
    Ok(Part {
        quote: q,
        list: Vec::new(),
        label: Some(label),
        months: term_months.saturating_sub(elapsed).max(1),
        adjustment: None,
        proration: Some(fraction),
        start: elapsed,
    })
}

/// `new - old` for one monthly line, or nothing when it did not change.
fn difference(new: &Line, old: Option<&Line>) -> Option<Line> {
    let Some(old) = old else {
        return (!new.amount.is_zero()).then(|| new.clone());
    };
    // Line amounts are far below Decimal's range, but a difference is checked all the same.
    let amount = new.amount.checked_sub(old.amount)?;
    if amount.is_zero() {
        return None;
    }
    let quantity = match (new.quantity, old.quantity) {
        (Some(n), Some(o)) if new.unit_price == old.unit_price => n.checked_sub(o),
        _ => None,
    };
    Some(Line {
        amount,
        quantity,
        unit_price: quantity.and(new.unit_price),
        ..new.clone()
    })
}

fn side(which: &str, e: DealError) -> DealError {
    DealError::Invalid(format!("amendment, {which}: {e}"))
}

fn bad_months(m: Decimal) -> DealError {
    DealError::Invalid(format!(
        "amendment contract_months: {} is not a whole number of months",
        m.normalize()
    ))
}

//! Tax-included plans (含税): list amounts carry the tax, so each billed line is split into its
//! amount without tax and its tax, and every sum is a sum of those splits.

use crate::money::{self, Overflow};
use crate::quote::{Line, LineKind, Split, TaxSplit};
use rust_decimal::Decimal;

/// One amount with tax split at `percent`: without tax is `with / (1 + percent / 100)`,
/// rounded half away from zero to `d` digits; the tax is the difference, so the two
/// always add up to the amount with tax.
pub fn split(with_tax: Decimal, percent: Decimal, d: u32) -> Result<Split, Overflow> {
    let rate = percent.checked_div(Decimal::ONE_HUNDRED).ok_or(Overflow)?;
    let divisor = Decimal::ONE.checked_add(rate).ok_or(Overflow)?;
    let without_tax = money::round(with_tax.checked_div(divisor).ok_or(Overflow)?, d);
    let tax = with_tax.checked_sub(without_tax).ok_or(Overflow)?;
    Ok(Split {
        without_tax,
        tax,
        with_tax,
    })
}

/// Every line's split and the sums of each kind's splits.
pub fn split_lines(lines: &[Line], percent: Decimal, d: u32) -> Result<TaxSplit, Overflow> {
    let mut out = TaxSplit {
        lines: Vec::with_capacity(lines.len()),
        ..TaxSplit::default()
    };
    for l in lines {
        let s = split(l.amount, percent, d)?;
        let sum = match l.kind {
            LineKind::Recurring => &mut out.monthly,
            LineKind::OneTime => &mut out.one_time,
        };
        *sum = add(*sum, s)?;
        out.lines.push(s);
    }
    Ok(out)
}

/// `a + b`, part by part.
pub fn add(a: Split, b: Split) -> Result<Split, Overflow> {
    Ok(Split {
        without_tax: money::add(a.without_tax, b.without_tax)?,
        tax: money::add(a.tax, b.tax)?,
        with_tax: money::add(a.with_tax, b.with_tax)?,
    })
}

/// `a x n`, part by part: n months of a monthly split.
pub fn times(a: Split, n: u64) -> Result<Split, Overflow> {
    let n = Decimal::from(n);
    Ok(Split {
        without_tax: money::mul(a.without_tax, n)?,
        tax: money::mul(a.tax, n)?,
        with_tax: money::mul(a.with_tax, n)?,
    })
}

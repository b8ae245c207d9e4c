//! Billing: priced segments to invoices. The one place that knows billing cycles, where
//! one-time lines fall, how a yearly price is invoiced and how tax is taken per invoice;
//! every total of a quote is a sum of the invoices made here.
//!
//! Rules (docs/pricing.md, "Invoices"): each segment issues an invoice at the start of each
//! billing period over its months, in advance; its one-time lines sit on its first invoice;
//! a recurring line bills its monthly amount times the months covered, or, when its price
//! was written per year, quantity x the yearly price for each whole year covered. Tax is
//! the rate of each invoice's subtotal, rounded once (tax-excluded), or each billed line
//! split as billed (tax-included).

pub mod tax;

use crate::money::{self, Overflow};
use crate::quote::{
    Adjustment, InvoiceLine, Line, LineKind, Per, Proration, Run, Schedule, Segment, Split, Totals,
};
use rust_decimal::Decimal;
use smallvec::SmallVec;

/// How a plan taxes its invoices.
#[derive(Debug, Clone, Copy)]
pub struct Tax {
    /// The rate in percent.
    pub percent: Decimal,
    /// True when list prices include the tax.
    pub included: bool,
    /// The currency's minor digits.
    pub digits: u32,
}

/// A plain quote's schedule: one segment of `months` months invoiced every `cycle` months.
pub fn single(
    lines: &[Line],
    cycle: u64,
    months: u64,
    tax: Tax,
) -> Result<(Schedule, Totals), Overflow> {
    let mut segments = SmallVec::new();
    segments.push(Segment {
        label: None,
        start: 0,
        months,
        cycle,
        ..Segment::default()
    });
    schedule(segments, lines, tax)
}

/// Bills `segments` (the first one's lines are `first`, the others carry their own) into
/// invoices, and sums them.
pub fn schedule(
    mut segments: SmallVec<[Segment; 1]>,
    first: &[Line],
    tax: Tax,
) -> Result<(Schedule, Totals), Overflow> {
    let mut runs: SmallVec<[Run; 2]> = SmallVec::new();
    let mut next = 1u64;
    let mut one_time = Decimal::ZERO;
    for (i, seg) in segments.iter_mut().enumerate() {
        let lines = if i == 0 { first } else { &seg.lines[..] };
        let sums = Sums::of(lines)?;
        seg.monthly = sums.monthly;
        one_time = money::add(one_time, sums.one_time)?;
        let sums = sums.simple(seg, tax).then_some(sums);
        segment_runs(i, seg, lines, tax, sums, &mut next, &mut runs)?;
    }
    let totals = totals(&segments, first, &runs, one_time, tax.digits)?;
    Ok((Schedule { segments, runs }, totals))
}

/// A segment's lines summed once, by kind.
#[derive(Debug, Clone, Copy)]
struct Sums {
    monthly: Decimal,
    one_time: Decimal,
    /// Some recurring line is billed from a yearly price.
    yearly: bool,
}

impl Sums {
    fn of(lines: &[Line]) -> Result<Sums, Overflow> {
        let mut s = Sums {
            monthly: Decimal::ZERO,
            one_time: Decimal::ZERO,
            yearly: false,
        };
        for l in lines {
            match l.kind {
                LineKind::Recurring => {
                    s.monthly = money::add(s.monthly, l.amount)?;
                    s.yearly |= l.yearly.is_some() && l.quantity.is_some();
                }
                LineKind::OneTime => s.one_time = money::add(s.one_time, l.amount)?,
            }
        }
        Ok(s)
    }

    /// True when every invoice's subtotal is the monthly sum times its months (plus the
    /// one-time sum on the first): no yearly price, no proration, and tax taken of the
    /// subtotal rather than of each line. Amounts have the currency's digits, so
    /// sum-then-multiply is exactly multiply-then-sum, and each invoice costs one product
    /// instead of one per line.
    fn simple(&self, seg: &Segment, tax: Tax) -> bool {
        !self.yearly && !tax.included && seg.proration.is_none()
    }
}

/// The runs of one segment: its first invoice (with the one-time lines), the full billing
/// periods after it, and a shorter last one when the months do not divide by the cycle.
fn segment_runs(
    i: usize,
    seg: &Segment,
    lines: &[Line],
    tax: Tax,
    sums: Option<Sums>,
    next: &mut u64,
    runs: &mut SmallVec<[Run; 2]>,
) -> Result<(), Overflow> {
    // An amendment is charged once, on its effective date, for the rest of the term.
    let (cycle, months) = match &seg.proration {
        Some(_) => (seg.months.max(1), seg.months.max(1)),
        None => (seg.cycle.clamp(1, seg.months.max(1)), seg.months),
    };
    let full = months / cycle;
    let short = months % cycle;
    let mut push = |start: u64, months: u64, count: u64, one_time: bool| -> Result<(), Overflow> {
        if count == 0 {
            return Ok(());
        }
        let (amounts, adjustment) = match sums {
            Some(s) => simple_invoice(seg, s, months, one_time, tax)?,
            None => invoice(seg, lines, months, one_time, tax)?,
        };
        // A later invoice identical to the run before it joins that run.
        if let Some(last) = runs.last_mut() {
            if last.segment == i
                && !one_time
                && !last.one_time
                && last.months == months
                && last.amounts == amounts
            {
                last.count += count;
                *next += count;
                return Ok(());
            }
        }
        runs.push(Run {
            segment: i,
            first: *next,
            count,
            start: seg.start + start,
            months,
            one_time,
            adjustment,
            amounts,
        });
        *next += count;
        Ok(())
    };
    let has_one_time = lines.iter().any(|l| l.kind == LineKind::OneTime);
    if full == 0 {
        return push(0, short.max(1), 1, true);
    }
    if has_one_time {
        push(0, cycle, 1, true)?;
        push(cycle, cycle, full - 1, false)?;
    } else {
        push(0, cycle, full, false)?;
    }
    push(full * cycle, short, u64::from(short > 0), false)
}

/// One invoice of `seg` covering `months`: its amounts, and its adjustment line.
fn invoice(
    seg: &Segment,
    lines: &[Line],
    months: u64,
    one_time: bool,
    tax: Tax,
) -> Result<(Split, Decimal), Overflow> {
    let d = tax.digits;
    let mut gross = Decimal::ZERO;
    let mut split = Split::default();
    for l in lines {
        if l.kind == LineKind::OneTime && !one_time {
            continue;
        }
        let a = amount(l, months, seg.proration.as_ref(), d)?;
        gross = money::add(gross, a)?;
        if tax.included {
            split = tax::add(split, tax::split(a, tax.percent, d)?)?;
        }
    }
    let adjustment = adjustment(seg, gross, d)?;
    if tax.included {
        if !adjustment.is_zero() {
            split = tax::add(split, tax::split(adjustment, tax.percent, d)?)?;
        }
        return Ok((split, adjustment));
    }
    Ok((taxed(money::add(gross, adjustment)?, tax)?, adjustment))
}

/// [`invoice`] for a segment whose sums bill it ([`Sums::simple`]).
fn simple_invoice(
    seg: &Segment,
    sums: Sums,
    months: u64,
    one_time: bool,
    tax: Tax,
) -> Result<(Split, Decimal), Overflow> {
    let mut gross = money::mul(sums.monthly, Decimal::from(months))?;
    if one_time {
        gross = money::add(gross, sums.one_time)?;
    }
    let adjustment = adjustment(seg, gross, tax.digits)?;
    Ok((taxed(money::add(gross, adjustment)?, tax)?, adjustment))
}

/// A segment's percentage off each invoice (a deal's), of the invoice's gross.
fn adjustment(seg: &Segment, gross: Decimal, d: u32) -> Result<Decimal, Overflow> {
    match &seg.adjustment {
        Some(Adjustment { percent, .. }) => Ok(-money::percent_of(gross, *percent, d)?),
        None => Ok(Decimal::ZERO),
    }
}

/// A tax-excluded invoice's subtotal with its tax: the rate of the subtotal, rounded once.
fn taxed(without_tax: Decimal, tax: Tax) -> Result<Split, Overflow> {
    let t = money::percent_of(without_tax, tax.percent, tax.digits)?;
    Ok(Split {
        without_tax,
        tax: t,
        with_tax: money::add(without_tax, t)?,
    })
}

/// What `line` bills on an invoice covering `months`: a one-time line its amount; a
/// recurring line its monthly amount times the months, or, priced per year, quantity x the
/// yearly price for each year (a part of a year pro rata, rounded once); an amendment's
/// line its monthly difference over the term, times the part of the term left.
pub fn amount(
    line: &Line,
    months: u64,
    proration: Option<&Proration>,
    d: u32,
) -> Result<Decimal, Overflow> {
    if line.kind == LineKind::OneTime {
        return Ok(line.amount);
    }
    if let Some(p) = proration {
        let term = money::mul(line.amount, Decimal::from(p.term_months))?;
        let part = money::mul(term, Decimal::from(p.remaining))?;
        return part
            .checked_div(Decimal::from(p.total.max(1)))
            .map(|x| money::round(x, d))
            .ok_or(Overflow);
    }
    if let Some(year) = per_year(line, d)? {
        if months.is_multiple_of(12) {
            return money::mul(year, Decimal::from(months / 12));
        }
        let part = money::mul(year, Decimal::from(months))?;
        return Ok(money::round(part / Decimal::from(12), d));
    }
    money::mul(line.amount, Decimal::from(months))
}

/// A yearly-priced line's amount for one year: quantity x the yearly price, rounded once.
fn per_year(line: &Line, d: u32) -> Result<Option<Decimal>, Overflow> {
    match (line.yearly, line.quantity) {
        (Some(y), Some(q)) => Ok(Some(money::round(money::mul(q, y)?, d))),
        _ => Ok(None),
    }
}

/// The published unit price of `line` and what it is per, when quantity x it (x months or
/// years) is exactly `billed`; `None` for lines with no honest unit price (tiers with fees,
/// percentages, workload services, discounts).
pub fn unit(line: &Line, months: u64, billed: Decimal, d: u32) -> Option<(Decimal, Per)> {
    let (q, u) = (line.quantity?, line.unit_price?);
    let exact = |x: Option<Decimal>| x.is_some_and(|x| money::round(x, d) == x && x == billed);
    match line.kind {
        LineKind::OneTime => exact(q.checked_mul(u)).then_some((u, Per::Once)),
        LineKind::Recurring => match line.yearly {
            Some(y) if months.is_multiple_of(12) => {
                let years = Decimal::from(months / 12);
                exact(q.checked_mul(y).and_then(|x| x.checked_mul(years))).then_some((y, Per::Year))
            }
            Some(y) => {
                // Quarterly or monthly invoices of a yearly price: the part billed is exact
                // (check refuses a yearly price a cycle would split unevenly).
                let part =
                    q.checked_mul(y)?.checked_mul(Decimal::from(months))? / Decimal::from(12);
                exact(Some(part)).then_some((y, Per::Year))
            }
            None => {
                let per_month = q.checked_mul(u)?;
                (money::round(per_month, d) == per_month && per_month == line.amount)
                    .then_some((u, Per::Month))
            }
        },
    }
}

/// The lines of the invoices of `run`, as billed; `lines` are its segment's priced lines.
pub fn invoice_lines<'a>(
    run: &Run,
    seg: &'a Segment,
    lines: &'a [Line],
    tax: Tax,
) -> Vec<InvoiceLine<'a>> {
    let d = tax.digits;
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| run.one_time || l.kind == LineKind::Recurring)
        .filter_map(|(i, l)| {
            let amount = amount_of(l, run.months, seg.proration.as_ref(), d).ok()?;
            let split = if tax.included {
                tax::split(amount, tax.percent, d).ok()
            } else {
                None
            };
            let months = if l.kind == LineKind::OneTime {
                0
            } else {
                run.months
            };
            // An amendment's line shows its unit price only where the part of the term left
            // multiplies out (by month); a by-day part does not.
            let unit = unit(l, months, amount, d);
            let credit = seg
                .proration
                .as_ref()
                .and_then(|p| p.credits.get(i).copied())
                .unwrap_or(false);
            // The list amount billed for the same months, where a contract price replaced it.
            let list = seg.list.get(i).copied().flatten().and_then(|m| {
                let at_list = Line {
                    amount: m,
                    ..l.clone()
                };
                amount_of(&at_list, run.months, seg.proration.as_ref(), d).ok()
            });
            Some(InvoiceLine {
                line: l,
                months,
                amount,
                unit,
                split,
                credit,
                list,
            })
        })
        .collect()
}

fn amount_of(l: &Line, months: u64, p: Option<&Proration>, d: u32) -> Result<Decimal, Overflow> {
    amount(l, months, p, d)
}

/// The sums of the invoices, and the monthly and annual views of the first segment.
fn totals(
    segments: &[Segment],
    first: &[Line],
    runs: &[Run],
    one_time: Decimal,
    d: u32,
) -> Result<Totals, Overflow> {
    let mut term = Split::default();
    let mut invoices = 0u64;
    for r in runs {
        term = tax::add(term, tax::times(r.amounts, r.count)?)?;
        invoices += r.count;
    }
    let first_invoice = runs.first().map(|r| r.amounts).unwrap_or_default();
    let monthly = segments.first().map_or(Decimal::ZERO, |s| s.monthly);
    let yearly = first
        .iter()
        .any(|l| l.kind == LineKind::Recurring && l.yearly.is_some() && l.quantity.is_some());
    // Twelve months of each line are twelve times their sum unless a price is per year.
    let mut annual = Decimal::ZERO;
    if !yearly {
        annual = money::mul(monthly, Decimal::from(12))?;
    }
    for l in first
        .iter()
        .filter(|l| yearly && l.kind == LineKind::Recurring)
    {
        let year = match l.yearly.and(l.quantity) {
            Some(_) => amount(l, 12, None, d)?,
            None => money::mul(l.amount, Decimal::from(12))?,
        };
        annual = money::add(annual, year)?;
    }
    Ok(Totals {
        monthly_recurring: monthly,
        one_time,
        first_invoice: first_invoice.without_tax,
        first_invoice_tax: first_invoice.tax,
        first_invoice_total: first_invoice.with_tax,
        term_total: term.without_tax,
        term_tax: term.tax,
        term_total_with_tax: term.with_tax,
        annual_recurring: annual,
        invoices,
    })
}

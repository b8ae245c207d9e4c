//! The schedule as every renderer shows it: each segment's lines as billed on its first
//! invoice, the invoices grouped into runs, and the totals before tax, tax and with tax.
//! Words and numbers only; the renderers lay them out.

use crate::bill::{self, Tax};
use crate::money::{format_amount, format_quantity, Quantity, UnitPrice};
use crate::quote::{InvoiceLine, LineKind, Per, Quote, Run, Segment};
use std::fmt::Write as _;

/// The tax settings a quote was billed with.
pub(crate) fn tax_of(q: &Quote) -> Tax {
    Tax {
        percent: q.plan.tax_percent,
        included: q.plan.tax_included,
        digits: q.plan.minor_digits,
    }
}

/// The first run (invoice) of segment `i`.
pub(crate) fn first_run(q: &Quote, i: usize) -> Option<&Run> {
    q.schedule.runs.iter().find(|r| r.segment == i)
}

/// Segment `i`'s lines as billed on its first invoice.
pub(crate) fn billed(q: &Quote, i: usize) -> Vec<InvoiceLine<'_>> {
    let (Some(run), Some(seg)) = (first_run(q, i), q.schedule.segments.get(i)) else {
        return Vec::new();
    };
    bill::invoice_lines(run, seg, q.segment_lines(i), tax_of(q))
}

/// True when the quote has more than one segment, or a deal names its one segment: then
/// each segment gets a title.
pub(crate) fn titled(q: &Quote) -> bool {
    q.schedule.segments.len() > 1 || q.schedule.segments.iter().any(|s| s.label.is_some())
}

/// `n months`.
pub(crate) fn months(n: u64) -> String {
    format!("{n} month{}", if n == 1 { "" } else { "s" })
}

/// A segment's title: `Year 2 (12 months, from month 13)`; an amendment's part of the term.
pub(crate) fn segment_title(s: &Segment) -> String {
    let label = s.label.as_deref().unwrap_or("Term");
    match &s.proration {
        Some(p) => format!(
            "{label}: {}/{} {}s of the {}-month contract, co-termed",
            p.remaining, p.total, p.unit, p.term_months
        ),
        None if s.start == 0 => format!("{label} ({})", months(s.months)),
        None => format!("{label} ({}, from month {})", months(s.months), s.start + 1),
    }
}

/// The cycle's adverb for `months` months: `monthly`, `annually`, `every 6 months`.
pub(crate) fn cycle_adverb(months: u64) -> String {
    match months {
        1 => "monthly".into(),
        3 => "quarterly".into(),
        6 => "semiannually".into(),
        12 => "annually".into(),
        n => format!("every {n} months"),
    }
}

/// `Invoice 1` or `Invoices 2-12`, with what each covers: `Invoices 2-12, monthly`.
pub(crate) fn run_title(q: &Quote, r: &Run) -> String {
    let seg = q.schedule.segments.get(r.segment);
    let what = match seg.and_then(|s| s.proration.as_ref()) {
        Some(p) => format!("{}..{}", p.from, p.to),
        None if seg.is_some_and(|s| s.cycle == r.months) => cycle_adverb(r.months),
        None => months(r.months),
    };
    if r.count == 1 {
        format!("Invoice {}, {what}", r.first)
    } else {
        format!("Invoices {}-{}, {what}", r.first, r.last())
    }
}

/// The unit price as published: `23.00 per seat per month`, `2388.00 per seat per year`,
/// `450.00 per session`.
pub(crate) fn unit_text(l: &InvoiceLine, d: u32) -> String {
    let mut s = String::new();
    push_unit(&mut s, l, d);
    s
}

/// Appends [`unit_text`] to `s`.
fn push_unit(s: &mut String, l: &InvoiceLine, d: u32) {
    let Some((price, per)) = l.unit else {
        return;
    };
    let noun = l.line.explain.unit_noun();
    let period = match per {
        // A usage metered by the day: days x a day's price, the days being the month's.
        Per::Month if noun.as_deref() == Some("day") => "",
        Per::Month => " per month",
        Per::Year => " per year",
        Per::Once => "",
    };
    let _ = write!(s, "{}", UnitPrice::new(price, d));
    if let Some(n) = noun {
        let _ = write!(s, " per {n}");
    }
    s.push_str(period);
}

/// The quantity shown beside an honest unit price, else nothing.
pub(crate) fn qty_text(l: &InvoiceLine) -> String {
    match (l.unit, l.line.quantity) {
        (Some(_), Some(q)) => format_quantity(q),
        _ => String::new(),
    }
}

/// How a billed line's amount was reached, for the vendor's own people.
pub(crate) fn how(q: &Quote, seg: &Segment, l: &InvoiceLine) -> String {
    let d = q.plan.minor_digits;
    let base = l.line.explain.render(d);
    if l.line.kind == LineKind::OneTime {
        return format!("{base}, once");
    }
    if let Some(p) = &seg.proration {
        let monthly = format_amount(l.line.amount, d);
        let what = match (l.line.quantity, l.line.unit_price) {
            (Some(n), Some(u)) => format!(
                "{} x {} = {monthly}",
                format_quantity(n),
                crate::money::format_unit(u, d)
            ),
            _ => monthly,
        };
        let s = format!(
            "{what} a month x {} x {}/{} {}s",
            months(p.term_months),
            p.remaining,
            p.total,
            p.unit
        );
        return if l.credit {
            format!("credit for the unused part: {s}")
        } else {
            s
        };
    }
    if l.months == 1 {
        return base;
    }
    if l.line.yearly.is_some() {
        return format!("{base}; billed for {}", months(l.months));
    }
    format!("{base}; x {}", months(l.months))
}

/// The words for how a line is billed: `12 months` or `once`.
pub(crate) fn period_text(l: &InvoiceLine) -> String {
    match l.line.kind {
        LineKind::OneTime => "once".into(),
        LineKind::Recurring => months(l.months),
    }
}

/// The totals, each as (label, before tax, tax, with tax); views have only the first.
pub(crate) fn total_rows(q: &Quote) -> Vec<(String, String, String, String)> {
    let t = &q.totals;
    let a = |x| q.fmt(x);
    let contract = if q.schedule.segments.iter().any(|s| s.proration.is_some()) {
        "Amendment total".to_string()
    } else {
        format!("Contract total ({})", months(q.term_months))
    };
    let first = match first_run(q, 0) {
        Some(r) if r.months != q.term_months || q.totals.invoices > 1 => {
            format!("First invoice ({})", months(r.months))
        }
        _ => "First invoice".to_string(),
    };
    let mut rows = vec![
        (
            first,
            a(t.first_invoice),
            a(t.first_invoice_tax),
            a(t.first_invoice_total),
        ),
        (
            contract,
            a(t.term_total),
            a(t.term_tax),
            a(t.term_total_with_tax),
        ),
    ];
    // The views are in the price list's own terms: before tax on a tax-excluded plan, with
    // tax on a tax-included one; each in its own column, never beside the other kind.
    let view = |label: &str, x| match q.plan.tax_included {
        false => (label.to_string(), a(x), String::new(), String::new()),
        true => (label.to_string(), String::new(), String::new(), a(x)),
    };
    match &q.tax_split {
        Some(split) => rows.push((
            "Monthly recurring (MRR)".into(),
            a(split.monthly.without_tax),
            a(split.monthly.tax),
            a(split.monthly.with_tax),
        )),
        None => rows.push(view("Monthly recurring (MRR)", t.monthly_recurring)),
    }
    rows.push(view("Annual recurring (ARR)", t.annual_recurring));
    rows.push(view("One-time", t.one_time));
    rows
}

/// The region whose rate taxed the quote, for the tax column's head: ` (DE)`.
pub(crate) fn tax_region(q: &Quote) -> String {
    use crate::model::TaxReason;
    match &q.tax_reason {
        Some(TaxReason::Region(r) | TaxReason::Exempt(r) | TaxReason::ReverseCharge(r)) => {
            format!(" ({r})")
        }
        _ => String::new(),
    }
}

/// The statement a tax exemption or a reverse charge puts on the quote, in English (the
/// documents take theirs from the message catalogues).
pub(crate) fn tax_statement(q: &Quote) -> Option<String> {
    use crate::model::TaxReason;
    match &q.tax_reason {
        Some(TaxReason::ReverseCharge(_)) => {
            Some("Reverse charge: VAT to be accounted for by the recipient".into())
        }
        Some(TaxReason::Exempt(r)) => Some(format!("Exempt from tax in {r}")),
        _ => None,
    }
}

/// The head of the totals block: the tax words depend on the plan.
pub(crate) fn total_head(q: &Quote) -> [String; 4] {
    let pct = format!("{}%{}", q.plan.tax_percent.normalize(), tax_region(q));
    if q.plan.tax_included {
        [
            String::new(),
            "Without tax".into(),
            format!("Tax {pct} incl."),
            "With tax".into(),
        ]
    } else {
        [
            String::new(),
            "Before tax".into(),
            format!("Tax {pct}"),
            "With tax".into(),
        ]
    }
}

/// The first line of a quote: the plan, the currency, and the deal's kind and customer.
pub(crate) fn heading(q: &Quote, customer: Option<&str>) -> String {
    let mut s = format!(
        "Plan {} {}, amounts in {}",
        crate::text::shown(&q.plan.name),
        crate::text::shown(&q.plan.version),
        q.plan.currency
    );
    if let Some(d) = &q.deal {
        if d.kind != crate::quote::DealKind::Dated {
            s.push_str(&format!("; {} deal", d.kind.name()));
            if let Some(c) = customer {
                s.push_str(&format!(" for {}", crate::text::shown(c)));
            }
        }
    }
    s
}

/// `Quote date 2026-03-02, valid until 2026-04-01`, for a dated quote or deal.
pub(crate) fn validity(q: &Quote) -> Option<String> {
    let d = q.deal.as_ref()?;
    Some(match d.valid_until {
        Some(u) => format!("Quote date {}, valid until {u}", d.quote_date),
        None => format!("Quote date {}", d.quote_date),
    })
}

/// The floors a deal passes and the rules that ask for approval, in words.
pub(crate) fn approvals(q: &Quote) -> &[String] {
    &q.approval.reasons
}

/// What a billed line is, in a customer's words: `10 x 23.00 per seat per month x 12
/// months` where the unit price multiplies out, else a short description of what was
/// bought (`high complexity, 10 days`), never a derivation.
pub(crate) fn description(l: &InvoiceLine, d: u32) -> String {
    if l.unit.is_none() {
        return l.line.explain.summary(d);
    }
    // Written into one string: every invoice line of every JSON quote has one.
    let mut s = String::with_capacity(48);
    if let Some(q) = l.line.quantity {
        let _ = write!(s, "{}", Quantity(q));
    }
    s.push_str(" x ");
    push_unit(&mut s, l, d);
    match l.unit {
        Some((_, Per::Month)) if l.months > 1 => {
            let _ = write!(s, " x {}", months(l.months));
        }
        Some((_, Per::Year)) if l.months > 12 && l.months.is_multiple_of(12) => {
            let _ = write!(s, " x {} years", l.months / 12);
        }
        Some((_, Per::Year)) if !l.months.is_multiple_of(12) => {
            let _ = write!(s, " x {}/12", l.months);
        }
        _ => {}
    }
    s
}

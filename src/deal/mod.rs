//! Deals as they are negotiated: contract prices and floors, ramps, amendments and
//! renewals. A deal only says which segments exist (each priced by `eval::quote` against
//! the request's price list with the deal's prices in it); `bill` turns them into the same
//! schedule of invoices a plain quote has. Nothing here re-implements pricing or billing.

mod amendment;
mod contract;
mod dates;
mod items;
mod ramp;
mod uplift;

pub use dates::Date;

use crate::model::{Plan, Text};
use crate::quote::{
    Adjustment, Approval, DealApproval, DealInfo, DealKind, Line, LineKind, PlanInfo, Proration,
    Quote, Segment,
};
use crate::rejection::Rejection;
use crate::request::Request;
use rust_decimal::Decimal;
use smallvec::SmallVec;
use std::fmt;

/// Why a deal cannot be priced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DealError {
    /// A period's request was rejected by the plan.
    Rejected(Rejection),
    /// The deal's own terms are wrong (unknown item, bad date ...).
    Invalid(String),
}

impl fmt::Display for DealError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DealError::Rejected(r) => write!(f, "{r}"),
            DealError::Invalid(m) => f.write_str(m),
        }
    }
}

impl From<Rejection> for DealError {
    fn from(r: Rejection) -> Self {
        DealError::Rejected(r)
    }
}

impl std::error::Error for DealError {}

pub(crate) fn too_large(what: &str) -> DealError {
    DealError::Invalid(format!("{what} is too large to price"))
}

/// One segment as a deal priced it, before billing: a monthly quote and its place in the
/// contract.
pub(crate) struct Part {
    /// The segment's priced lines (one-time lines already bought earlier left out).
    pub quote: Quote,
    /// Per line: the monthly list amount where a contract price replaced it.
    pub list: Vec<Option<Decimal>>,
    /// `Year 2`, `Renewal term (+5%)`.
    pub label: Option<String>,
    /// Months it lasts.
    pub months: u64,
    /// A free or discounted period.
    pub adjustment: Option<Adjustment>,
    /// An amendment's part of the term.
    pub proration: Option<Proration>,
    /// Months from the contract's start.
    pub start: u64,
}

/// Prices a deal: every segment billed, or nothing. `today` dates the quote unless the
/// request gives its own `quote_date`. The request's currency picks the price list first:
/// contract prices, uplifts and every amount are in that list's currency.
pub fn price(plan: &Plan, request: &Request, today: Date) -> Result<Quote, DealError> {
    let plan = plan.in_currency(request.currency.as_deref())?;
    let kinds = [
        request.ramp.is_some(),
        request.amendment.is_some(),
        request.renewal.is_some(),
    ];
    if kinds.iter().filter(|k| **k).count() > 1 {
        return Err(DealError::Invalid(
            "a deal is one of a ramp, an amendment or a renewal: price them as separate requests"
                .into(),
        ));
    }
    let quote_date = match &request.quote_date {
        Some(d) => dates::parse("quote_date", d)?,
        None => today,
    };
    let terms = contract::apply(plan, request)?;
    let mut said = Said {
        notes: terms.notes.clone(),
        approvals: terms.approvals.clone(),
        reasons: Vec::new(),
    };
    let (kind, parts) = if let Some(ramp) = &request.ramp {
        (
            DealKind::Ramp,
            ramp::periods(&terms, request, ramp, &mut said)?,
        )
    } else if let Some(a) = &request.amendment {
        let part = amendment::period(&terms, request, a, &mut said)?;
        (DealKind::Amendment, vec![part])
    } else if let Some(r) = &request.renewal {
        let part = ramp::renewal(&terms, request, r, &mut said)?;
        (DealKind::Renewal, vec![part])
    } else {
        let (q, list) = terms.quote(request, None)?;
        said.heard(&q);
        let months = q.term_months;
        let kind = match request.contract {
            Some(_) => DealKind::Contract,
            None => DealKind::Dated,
        };
        let part = Part {
            quote: q,
            list,
            label: None,
            months,
            adjustment: None,
            proration: None,
            start: 0,
        };
        (kind, vec![part])
    };
    let valid_until = plan
        .deals
        .valid_days
        .map(|days| quote_date.plus_days(days))
        .transpose()?;
    let info = DealInfo {
        kind,
        prices: terms.prices.clone(),
        approvals: said.approvals,
        quote_date,
        valid_until,
    };
    bill(plan, parts, info, said.notes, said.reasons)
}

/// Bills the priced parts into one quote: the first part's lines are the quote's lines.
fn bill(
    plan: &Plan,
    parts: Vec<Part>,
    info: DealInfo,
    notes: Vec<String>,
    mut reasons: Vec<String>,
) -> Result<Quote, DealError> {
    let mut parts = parts.into_iter();
    let Some(first) = parts.next() else {
        return Err(DealError::Invalid(
            "a deal needs at least one period".into(),
        ));
    };
    let mut segments: SmallVec<[Segment; 1]> = SmallVec::new();
    let cycle_months = first.quote.cycle_months;
    let mut term_months = first.months;
    segments.push(segment(&first, Vec::new()));
    for mut p in parts {
        term_months += p.months;
        // The later parts' quotes are done with: their lines move into their segments.
        let lines = std::mem::take(&mut p.quote.lines);
        segments.push(segment(&p, lines));
    }
    let tax = crate::bill::Tax {
        percent: first.quote.plan.tax_percent,
        included: plan.tax_included,
        digits: plan.currency.minor_digits,
    };
    let (schedule, totals) = crate::bill::schedule(segments, &first.quote.lines, tax)
        .map_err(|_| too_large("the contract total"))?;
    for a in &info.approvals {
        reasons.push(match &a.approver {
            Some(who) => format!("{} (approver: {who}): {}", a.floor, a.detail),
            None => format!("{}: {}", a.floor, a.detail),
        });
    }
    let Quote {
        lines,
        tax_split,
        tax_reason,
        plan: info_of_first,
        ..
    } = first.quote;
    Ok(Quote {
        plan: PlanInfo {
            tax_percent: info_of_first.tax_percent,
            ..plan_info(plan)
        },
        tax_reason,
        lines,
        totals,
        schedule,
        deal: Some(Box::new(info)),
        notes,
        approval: Approval {
            required: !reasons.is_empty(),
            reasons,
        },
        cycle_months,
        term_months,
        tax_split,
    })
}

fn segment(p: &Part, lines: Vec<Line>) -> Segment {
    Segment {
        label: p.label.clone(),
        start: p.start,
        months: p.months,
        cycle: p.quote.cycle_months,
        lines,
        list: if p.list.iter().any(Option::is_some) {
            p.list.clone()
        } else {
            Vec::new()
        },
        adjustment: p.adjustment.clone(),
        proration: p.proration.clone(),
        monthly: Decimal::ZERO,
    }
}

/// What pricing the segments had to say: notes, floors passed, and approvals asked for by
/// hooks.
pub(crate) struct Said {
    pub(crate) notes: Vec<String>,
    pub(crate) approvals: Vec<DealApproval>,
    pub(crate) reasons: Vec<String>,
}

impl Said {
    /// Takes a segment quote's notes and approval reasons, once each.
    pub(crate) fn heard(&mut self, q: &Quote) {
        for n in &q.notes {
            if !self.notes.contains(n) {
                self.notes.push(n.clone());
            }
        }
        for r in &q.approval.reasons {
            if !self.reasons.contains(r) {
                self.reasons.push(r.clone());
            }
        }
    }
}

fn plan_info(plan: &Plan) -> PlanInfo {
    PlanInfo {
        name: plan.name.clone(),
        version: plan.version.clone(),
        currency: plan.currency.code.clone(),
        minor_digits: plan.currency.minor_digits,
        tax_percent: plan.tax_percent,
        tax_included: plan.tax_included,
        source_sha256: plan.source_sha256.clone(),
    }
}

/// Keeps, of `q`'s lines (and their list amounts), the one-time lines of items not bought
/// before: an edition's or module's fee, or a service, is charged in the segment where it is
/// first bought and never again. `bought` collects the ids charged so far.
pub(crate) fn first_bought(q: &mut Quote, list: &mut Vec<Option<Decimal>>, bought: &mut Vec<Text>) {
    let mut keep = Vec::with_capacity(q.lines.len());
    for l in &q.lines {
        let again = l.kind == LineKind::OneTime && bought.contains(&l.id);
        keep.push(!again);
    }
    for l in q.lines.iter().filter(|l| l.kind == LineKind::OneTime) {
        if !bought.contains(&l.id) {
            bought.push(l.id.clone());
        }
    }
    retain(q, list, &keep);
}

/// Keeps the lines (and list amounts and tax splits) where `keep` is true.
pub(crate) fn retain(q: &mut Quote, list: &mut Vec<Option<Decimal>>, keep: &[bool]) {
    let mut i = 0;
    q.lines.retain(|_| {
        i += 1;
        keep.get(i - 1).copied().unwrap_or(true)
    });
    if !list.is_empty() {
        let mut i = 0;
        list.retain(|_| {
            i += 1;
            keep.get(i - 1).copied().unwrap_or(true)
        });
    }
    if q.tax_split.is_some() {
        // The sums of the monthly view's splits change with the lines kept: split afresh.
        let (percent, d) = (q.plan.tax_percent, q.plan.minor_digits);
        q.tax_split = crate::bill::tax::split_lines(&q.lines, percent, d).ok();
    }
}

/// The monthly quote of a request priced against the deal's plan (contract prices and
/// negotiated discounts in it), for callers (the REPL) that show one month of a deal.
pub fn monthly_quote(plan: &Plan, request: &Request) -> Result<Quote, DealError> {
    let plan = plan.in_currency(request.currency.as_deref())?;
    let terms = contract::apply(plan, request)?;
    Ok(crate::eval::quote(&terms.plan, request)?)
}

/// `plan` with every price raised by `percent` a year for `years` years, compounding and
/// rounded each year, as a ramp's later years and a renewal are priced.
pub fn raised(plan: &Plan, percent: Decimal, years: u64) -> Plan {
    uplift::raised(plan, uplift::Uplift { percent, cap: None }, years)
}

//! Deals as they are negotiated: contract prices and floors, ramps, amendments and
//! renewals. A deal is one or more priced periods, each priced by `eval::quote` against
//! the plan with the deal's prices in it; nothing here re-implements pricing.

mod amendment;
mod contract;
mod dates;
mod items;
mod ramp;
mod uplift;

pub use dates::Date;

use crate::model::{Plan, Text};
use crate::money;
use crate::quote::{Line, LineKind, PlanInfo, Quote};
use crate::rejection::Rejection;
use crate::request::Request;
use rust_decimal::Decimal;
use std::fmt;

/// A priced deal: its periods, the contract prices against list, approvals and totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    /// What kind of deal it is.
    pub kind: DealKind,
    /// Which plan priced it.
    pub plan: PlanInfo,
    /// The customer's name.
    pub customer: Option<String>,
    /// The priced periods, in order.
    pub periods: Vec<Period>,
    /// Each contract price next to its list price.
    pub prices: Vec<ContractPrice>,
    /// Floors the deal passes, each needing its approver's sign-off.
    pub approvals: Vec<Approval>,
    /// Things worth telling (a capped uplift, list prices that moved ...).
    pub notes: Vec<String>,
    /// The sum of the periods, before tax.
    pub total: Decimal,
    /// Tax on the total, rounded once.
    pub tax: Decimal,
    /// Total with tax.
    pub total_with_tax: Decimal,
    /// The quote's date.
    pub quote_date: Date,
    /// The last day the quote may be accepted, when the plan sets a validity.
    pub valid_until: Option<Date>,
}

/// The shape of a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealKind {
    /// One term at contract prices.
    Contract,
    /// Several periods with their own seats and an uplift.
    Ramp,
    /// A prorated change to a running contract.
    Amendment,
    /// The same deal a term later.
    Renewal,
}

impl DealKind {
    /// The word shown on quotes and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            DealKind::Contract => "contract",
            DealKind::Ramp => "ramp",
            DealKind::Amendment => "amendment",
            DealKind::Renewal => "renewal",
        }
    }
}

/// One priced period of a deal.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    /// `Year 1`, `Months 1-3`, or the request's own label.
    pub label: String,
    /// Months the period lasts.
    pub months: u64,
    /// Its lines, with amounts for the whole period.
    pub lines: Vec<DealLine>,
    /// A free or discounted period's reduction (negative), with its words.
    pub adjustment: Option<(String, Decimal)>,
    /// For an amendment: the part of the term charged.
    pub fraction: Option<Fraction>,
    /// The period's amount before tax.
    pub amount: Decimal,
}

/// The part of a term an amendment charges: `remaining / total` months or days.
#[derive(Debug, Clone, PartialEq)]
pub struct Fraction {
    /// Months or days left, counting the first day of the change.
    pub remaining: u64,
    /// Months or days in the contract.
    pub total: u64,
    /// `month` or `day`.
    pub unit: &'static str,
    /// First day charged.
    pub from: Date,
    /// Last day charged (the contract's end).
    pub to: Date,
    /// Months in the contract, the multiple of a monthly amount the fraction is taken of.
    pub term_months: u64,
}

/// One line of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct DealLine {
    /// The line as priced for one month (one-time lines: once).
    pub line: Line,
    /// The amount for the period (recurring: monthly x months, or prorated).
    pub amount: Decimal,
    /// The monthly amount at list price, where a contract price replaced it.
    pub list: Option<Decimal>,
    /// Set on an upgrade's credit for the old edition's unused part.
    pub credit: bool,
}

/// A contract price next to the list price it replaces.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractPrice {
    /// The item's name in the plan.
    pub item: Text,
    /// Its label.
    pub label: Text,
    /// List price per unit and month (an average over bands for tiered prices).
    pub list: Decimal,
    /// Contract price per unit and month.
    pub contract: Decimal,
    /// contract - list.
    pub difference: Decimal,
}

/// A floor the deal passes, in the floor's own words.
#[derive(Debug, Clone, PartialEq)]
pub struct Approval {
    /// The floor as the plan wrote it.
    pub floor: Text,
    /// Who approves.
    pub approver: Option<Text>,
    /// What in the deal passes it.
    pub detail: String,
}

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

/// Prices a deal: every period, or nothing. `today` dates the quote unless the request
/// gives its own `quote_date`.
pub fn price(plan: &Plan, request: &Request, today: Date) -> Result<Deal, DealError> {
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
    };
    let (kind, periods) = if let Some(ramp) = &request.ramp {
        let periods = ramp::periods(&terms, request, ramp, &mut said)?;
        (DealKind::Ramp, periods)
    } else if let Some(a) = &request.amendment {
        let period = amendment::period(&terms, request, a, &mut said)?;
        (DealKind::Amendment, vec![period])
    } else if let Some(r) = &request.renewal {
        let period = ramp::renewal(&terms, request, r, &mut said)?;
        (DealKind::Renewal, vec![period])
    } else {
        let (q, lists) = terms.quote(request, None)?;
        said.heard(&q);
        let months = q.term_months;
        let lines = contract::lines(&q, &lists, months)?;
        (
            DealKind::Contract,
            vec![ramp::period_of(lines, "Term".into(), months)?],
        )
    };
    let d = plan.currency.minor_digits;
    let mut total = Decimal::ZERO;
    for p in &periods {
        total = money::add(total, p.amount).map_err(|_| too_large("the contract total"))?;
    }
    // On a tax-included plan the periods' amounts already carry the tax: split it out.
    let (total, tax, total_with_tax) = if plan.tax_included {
        let s = crate::eval::tax::split(total, plan.tax_percent, d)
            .map_err(|_| too_large("the tax"))?;
        (s.without_tax, s.tax, s.with_tax)
    } else {
        let tax =
            money::percent_of(total, plan.tax_percent, d).map_err(|_| too_large("the tax"))?;
        let with = money::add(total, tax).map_err(|_| too_large("the contract total"))?;
        (total, tax, with)
    };
    let valid_until = plan
        .deals
        .valid_days
        .map(|days| quote_date.plus_days(days))
        .transpose()?;
    Ok(Deal {
        kind,
        plan: plan_info(plan),
        customer: request.customer.clone(),
        periods,
        prices: terms.prices.clone(),
        approvals: said.approvals,
        notes: said.notes,
        total,
        tax,
        total_with_tax,
        quote_date,
        valid_until,
    })
}

/// What pricing the periods had to say: notes, and approvals asked for by hooks.
pub(crate) struct Said {
    pub(crate) notes: Vec<String>,
    pub(crate) approvals: Vec<Approval>,
}

impl Said {
    /// Takes a period quote's notes and approval reasons, once each.
    pub(crate) fn heard(&mut self, q: &Quote) {
        for n in &q.notes {
            if !self.notes.contains(n) {
                self.notes.push(n.clone());
            }
        }
        for r in &q.approval.reasons {
            if !self.approvals.iter().any(|a| &a.detail == r) {
                self.approvals.push(Approval {
                    floor: Text::from("a plan rule"),
                    approver: None,
                    detail: r.clone(),
                });
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

/// The period amount of one priced line: recurring lines for `months`, one-time once.
pub(crate) fn period_amount(line: &Line, months: u64) -> Result<Decimal, DealError> {
    match line.kind {
        LineKind::Recurring => {
            money::mul(line.amount, Decimal::from(months)).map_err(|_| too_large(&line.label))
        }
        LineKind::OneTime => Ok(line.amount),
    }
}

/// The monthly quote of a request priced against the deal's plan, for callers (the REPL)
/// that show one month of a deal.
pub fn monthly_quote(plan: &Plan, request: &Request) -> Result<Quote, DealError> {
    let terms = contract::apply(plan, request)?;
    Ok(crate::eval::quote(&terms.plan, request)?)
}

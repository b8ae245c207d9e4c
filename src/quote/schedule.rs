//! The quote as it will be invoiced: segments of priced lines, and the invoices they issue.
//!
//! These are data only; `bill` fills them in. A plain quote is one segment; a ramp has one
//! per period, an amendment the change from its effective date, a renewal its new term.
//! Consecutive invoices that are identical are kept as one [`Run`], so a 36-month monthly
//! term is two runs (the first invoice with its one-time lines, then 35 alike), not 36
//! copies of the same lines.

use super::{Line, Split};
use crate::date::Date;
use crate::model::Text;
use rust_decimal::Decimal;
use smallvec::SmallVec;

/// Segments and the invoices they issue, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    /// The contract's parts, in order.
    pub segments: SmallVec<[Segment; 1]>,
    /// The invoices, consecutive identical ones grouped, in order.
    pub runs: SmallVec<[Run; 2]>,
}

/// A part of the contract priced as one request: the whole term of a plain quote, a ramp's
/// period, an amendment's change, a renewal's term.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Segment {
    /// `Year 2`, `Renewal term (+5%)`, or the request's own label; `None` for a plain quote.
    pub label: Option<String>,
    /// Months from the contract's start to the segment's first day.
    pub start: u64,
    /// Months the segment lasts.
    pub months: u64,
    /// Months each of its invoices covers (the billing cycle).
    pub cycle: u64,
    /// The segment's priced lines, the monthly view; empty for the first segment, whose
    /// lines are the quote's own `lines` (see [`super::Quote::segment_lines`]).
    pub lines: Vec<Line>,
    /// Per line: its monthly amount at list price, where a contract price replaced it
    /// (empty when the deal has no contract price).
    pub list: Vec<Option<Decimal>>,
    /// A free or discounted period: percent off each of its invoices, with its words.
    pub adjustment: Option<Adjustment>,
    /// An amendment: the part of the term its change is charged for.
    pub proration: Option<Proration>,
    /// Recurring lines after discounts, per month (the segment's monthly view).
    pub monthly: Decimal,
}

/// A period's percent off, taken from each of its invoices.
#[derive(Debug, Clone, PartialEq)]
pub struct Adjustment {
    /// Percent off (100 for a free period).
    pub percent: Decimal,
    /// `free period`, `50% off this period`.
    pub words: String,
}

/// The part of a term an amendment charges: `remaining / total` months or days.
#[derive(Debug, Clone, PartialEq)]
pub struct Proration {
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
    /// Lines that credit what the customer no longer has (an upgrade's old edition), by index.
    pub credits: Vec<bool>,
}

/// Consecutive invoices of one segment with the same lines and amounts.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The segment the invoices belong to (an index into [`Schedule::segments`]).
    pub segment: usize,
    /// The first invoice's number, from 1 for the contract's first invoice.
    pub first: u64,
    /// How many invoices.
    pub count: u64,
    /// Months from the contract's start to the first invoice's period.
    pub start: u64,
    /// Months each invoice covers.
    pub months: u64,
    /// True on the segment's first invoice: it carries the segment's one-time lines.
    pub one_time: bool,
    /// The period adjustment's line on each invoice (zero or negative), before tax.
    pub adjustment: Decimal,
    /// Each invoice's amounts: without tax, tax, with tax.
    pub amounts: Split,
}

impl Run {
    /// The last invoice's number in the run.
    pub fn last(&self) -> u64 {
        self.first + self.count.saturating_sub(1)
    }
}

/// The unit a published price is stated per, as a line shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// A price per month (`23.00 per seat per month`).
    Month,
    /// A price per year (`2,388.00 per seat per year`).
    Year,
    /// A one-time price.
    Once,
}

/// One line of one invoice, as billed: derived from its priced line by `bill`.
#[derive(Debug, Clone, PartialEq)]
pub struct InvoiceLine<'a> {
    /// The priced line it bills.
    pub line: &'a Line,
    /// Months it covers (0 for a one-time line).
    pub months: u64,
    /// The amount billed, rounded.
    pub amount: Decimal,
    /// The published unit price and what it is per, when quantity x unit price (x months
    /// for a monthly price, x years for a yearly one) is exactly the amount.
    pub unit: Option<(Decimal, Per)>,
    /// On a tax-included plan: the amount split as billed.
    pub split: Option<Split>,
    /// Set on an amendment's credit for what the customer no longer has.
    pub credit: bool,
    /// The list amount billed for the same months, where a contract price replaced it.
    pub list: Option<Decimal>,
}

/// A deal's own terms: what kind it is, its dates, the contract prices against list and the
/// floors it passes. Plain quotes have none.
#[derive(Debug, Clone, PartialEq)]
pub struct DealInfo {
    /// What kind of deal it is.
    pub kind: DealKind,
    /// Each contract price next to its list price.
    pub prices: Vec<ContractPrice>,
    /// Floors the deal passes, each needing its approver's sign-off.
    pub approvals: Vec<DealApproval>,
    /// The quote's date.
    pub quote_date: Date,
    /// The last day the quote may be accepted, when the plan sets a validity.
    pub valid_until: Option<Date>,
}

/// The shape of a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealKind {
    /// A plain quote with a date (and so a validity).
    Dated,
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
            DealKind::Dated => "quote",
            DealKind::Contract => "contract",
            DealKind::Ramp => "ramp",
            DealKind::Amendment => "amendment",
            DealKind::Renewal => "renewal",
        }
    }
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
pub struct DealApproval {
    /// The floor as the plan wrote it.
    pub floor: Text,
    /// Who approves.
    pub approver: Option<Text>,
    /// What in the deal passes it.
    pub detail: String,
}

//! The revenue impact of a new plan: every customer of a book priced under both plans,
//! and the summary a pricing manager reads before publishing.
//!
//! The book is streamed and priced in parallel like `ratecard batch`; one compact row per
//! customer is kept, because the report lists every customer.

use crate::batch::{pipeline, price_request, Book, BookError, Columns, Outcome};
use crate::model::Plan;
use rust_decimal::Decimal;
use std::io::Read;

/// How many customers the largest increases and decreases list.
pub const TOP: usize = 10;

/// One side of a customer's comparison: the two totals the report shows, or the rejection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// Priced.
    Priced {
        /// Monthly recurring after discounts.
        monthly: Decimal,
        /// First invoice with tax.
        first_invoice: Decimal,
    },
    /// Not priced, and why.
    Rejected(String),
}

impl Side {
    fn from(outcome: Outcome) -> Side {
        match outcome {
            Outcome::Priced { totals, .. } => Side::Priced {
                monthly: totals.monthly_recurring,
                first_invoice: totals.first_invoice_total,
            },
            Outcome::Rejected(m) => Side::Rejected(m),
        }
    }

    /// Monthly recurring, when priced.
    pub fn monthly(&self) -> Option<Decimal> {
        match self {
            Side::Priced { monthly, .. } => Some(*monthly),
            Side::Rejected(_) => None,
        }
    }

    /// First invoice with tax, when priced.
    pub fn first_invoice(&self) -> Option<Decimal> {
        match self {
            Side::Priced { first_invoice, .. } => Some(*first_invoice),
            Side::Rejected(_) => None,
        }
    }
}

/// One customer under both plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    /// The customer column.
    pub name: String,
    /// Under the old plan.
    pub old: Side,
    /// Under the new plan.
    pub new: Side,
}

/// Which way a customer moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    /// Pays more per month.
    Up,
    /// Pays less per month.
    Down,
    /// Pays the same per month.
    Unchanged,
    /// Priced by the old plan, rejected by the new.
    NewlyRejected,
    /// Rejected by the old plan, priced by the new.
    NewlyPriced,
    /// Rejected by both.
    RejectedByBoth,
}

impl Customer {
    /// New minus old monthly recurring, when both plans price the customer.
    pub fn monthly_delta(&self) -> Option<Decimal> {
        self.new.monthly()?.checked_sub(self.old.monthly()?)
    }

    /// New minus old first invoice with tax, when both plans price the customer.
    pub fn first_invoice_delta(&self) -> Option<Decimal> {
        self.new
            .first_invoice()?
            .checked_sub(self.old.first_invoice()?)
    }

    /// Up, down or unchanged by monthly recurring, or how rejection changed.
    pub fn movement(&self) -> Movement {
        match (&self.old, &self.new) {
            (Side::Priced { .. }, Side::Rejected(_)) => Movement::NewlyRejected,
            (Side::Rejected(_), Side::Priced { .. }) => Movement::NewlyPriced,
            (Side::Rejected(_), Side::Rejected(_)) => Movement::RejectedByBoth,
            _ => match self.monthly_delta() {
                Some(d) if d > Decimal::ZERO => Movement::Up,
                Some(d) if d < Decimal::ZERO => Movement::Down,
                _ => Movement::Unchanged,
            },
        }
    }
}

/// Totals and counts over the whole book.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Customers (rows) in the book.
    pub customers: u64,
    /// Monthly recurring of every customer the old plan prices.
    pub mrr_before: Decimal,
    /// Monthly recurring of every customer the new plan prices.
    pub mrr_after: Decimal,
    /// Customers paying more per month.
    pub up: u64,
    /// Customers paying less per month.
    pub down: u64,
    /// Customers paying the same per month.
    pub unchanged: u64,
    /// Customers the new plan rejects and the old priced.
    pub newly_rejected: u64,
    /// Customers the old plan rejected and the new prices.
    pub newly_priced: u64,
    /// Customers neither plan prices.
    pub rejected_by_both: u64,
    /// Indices into the customers of the largest monthly increases, largest first.
    pub largest_increases: Vec<usize>,
    /// Indices of the largest monthly decreases, largest first.
    pub largest_decreases: Vec<usize>,
}

impl Summary {
    /// MRR after minus before.
    pub fn mrr_change(&self) -> Option<Decimal> {
        self.mrr_after.checked_sub(self.mrr_before)
    }

    /// The change in percent of the MRR before, to two decimals; `None` when it was zero.
    pub fn mrr_change_percent(&self) -> Option<Decimal> {
        percent(self.mrr_change()?, self.mrr_before)
    }
}

/// `change / base x 100`, rounded to two decimals half away from zero; `None` for a zero base.
pub fn percent(change: Decimal, base: Decimal) -> Option<Decimal> {
    if base.is_zero() {
        return None;
    }
    let p = change
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(base)?;
    Some(crate::money::round(p, 2))
}

/// The impact of moving a book from one plan to another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impact {
    /// Every customer, in book order.
    pub customers: Vec<Customer>,
    /// Totals, counts and the largest movers.
    pub summary: Summary,
}

/// Why the impact could not be computed.
#[derive(Debug)]
pub enum ImpactError {
    /// The book could not be read.
    Book(BookError),
    /// A sum of monthly recurring amounts is beyond exact arithmetic.
    TooLarge,
}

impl std::fmt::Display for ImpactError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImpactError::Book(e) => e.fmt(f),
            ImpactError::TooLarge => {
                f.write_str("the total monthly recurring is too large to compute exactly")
            }
        }
    }
}

/// Prices every row of the book under `old` and `new`.
pub fn impact<R: Read + Send>(old: &Plan, new: &Plan, book: R) -> Result<Impact, ImpactError> {
    let book = Book::new(book).map_err(ImpactError::Book)?;
    let price = |columns: &Columns, recs: &[csv::ByteRecord]| -> Vec<Customer> {
        recs.iter()
            .map(|rec| {
                let name = columns.customer(rec);
                match columns.request(rec) {
                    Ok(r) => Customer {
                        name,
                        old: Side::from(price_request(old, &r)),
                        new: Side::from(price_request(new, &r)),
                    },
                    Err(m) => Customer {
                        name,
                        old: Side::Rejected(m.clone()),
                        new: Side::Rejected(m),
                    },
                }
            })
            .collect()
    };
    let mut customers = Vec::new();
    let keep = |parts: Vec<Vec<Customer>>, _: pipeline::Progress| {
        customers.extend(parts.into_iter().flatten());
        Ok::<(), std::convert::Infallible>(())
    };
    pipeline::stream(book, pipeline::CHUNK_ROWS, price, keep).map_err(|e| match e {
        pipeline::StreamError::Book(b) => ImpactError::Book(b),
        pipeline::StreamError::Sink(never) => match never {},
    })?;
    let summary = summarize(&customers).ok_or(ImpactError::TooLarge)?;
    Ok(Impact { customers, summary })
}

/// Sums, counts and the ten largest movers; `None` if a sum overflows.
pub fn summarize(customers: &[Customer]) -> Option<Summary> {
    let mut s = Summary {
        customers: customers.len() as u64,
        ..Summary::default()
    };
    let mut moved: Vec<(usize, Decimal)> = Vec::new();
    for (i, c) in customers.iter().enumerate() {
        if let Some(m) = c.old.monthly() {
            s.mrr_before = s.mrr_before.checked_add(m)?;
        }
        if let Some(m) = c.new.monthly() {
            s.mrr_after = s.mrr_after.checked_add(m)?;
        }
        match c.movement() {
            Movement::Up => s.up += 1,
            Movement::Down => s.down += 1,
            Movement::Unchanged => s.unchanged += 1,
            Movement::NewlyRejected => s.newly_rejected += 1,
            Movement::NewlyPriced => s.newly_priced += 1,
            Movement::RejectedByBoth => s.rejected_by_both += 1,
        }
        if let Some(d) = c.monthly_delta().filter(|d| !d.is_zero()) {
            moved.push((i, d));
        }
    }
    // Stable sorts: equal changes keep book order, so the lists are reproducible.
    let mut ups: Vec<(usize, Decimal)> = moved
        .iter()
        .copied()
        .filter(|m| m.1 > Decimal::ZERO)
        .collect();
    ups.sort_by_key(|m| std::cmp::Reverse(m.1));
    let mut downs: Vec<(usize, Decimal)> =
        moved.into_iter().filter(|m| m.1 < Decimal::ZERO).collect();
    downs.sort_by_key(|m| m.1);
    s.largest_increases = ups.iter().take(TOP).map(|m| m.0).collect();
    s.largest_decreases = downs.iter().take(TOP).map(|m| m.0).collect();
    Some(s)
}

//! One row of a book priced: its totals, or the one message that says why it was rejected.

use super::book::Columns;
use crate::model::Plan;
use crate::quote::Totals;
use crate::request::Request;
use csv::ByteRecord;

/// What pricing one row came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Priced; `note` says when the quote needs approval.
    Priced {
        /// The quote's totals.
        totals: Totals,
        /// "approval required: ..." when a rule asked for sign-off.
        note: Option<String>,
    },
    /// Not priced: a malformed row or a request the plan rejects.
    Rejected(String),
}

impl Outcome {
    /// True when the row was not priced.
    pub fn is_rejected(&self) -> bool {
        matches!(self, Outcome::Rejected(_))
    }

    /// The monthly recurring total, when priced.
    pub fn monthly_recurring(&self) -> Option<rust_decimal::Decimal> {
        match self {
            Outcome::Priced { totals, .. } => Some(totals.monthly_recurring),
            Outcome::Rejected(_) => None,
        }
    }
}

/// One row's customer and outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct PricedRow {
    /// The customer column, as written.
    pub customer: String,
    /// Totals or the rejection.
    pub outcome: Outcome,
}

/// Prices `request` against `plan`, keeping only what a book's result needs.
pub fn price_request(plan: &Plan, request: &Request) -> Outcome {
    match crate::eval::quote(plan, request) {
        Ok(q) => {
            let note = q
                .approval
                .required
                .then(|| format!("approval required: {}", q.approval.reasons.join("; ")));
            Outcome::Priced {
                totals: q.totals,
                note,
            }
        }
        Err(rejection) => Outcome::Rejected(rejection.to_string()),
    }
}

/// Reads and prices one record of the book.
pub fn price_row(plan: &Plan, columns: &Columns, rec: &ByteRecord) -> PricedRow {
    match columns.request(rec) {
        Ok(request) => PricedRow {
            outcome: price_request(plan, &request),
            customer: request.customer.unwrap_or_default(),
        },
        Err(message) => PricedRow {
            customer: columns.customer(rec),
            outcome: Outcome::Rejected(message),
        },
    }
}

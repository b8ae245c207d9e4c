//! The JSON shape of a diff: fields in a fixed, documented order; amounts as strings with
//! the currency's digits, changes signed (`+12.00`).

use super::changes::Change;
use super::impact::{percent, Impact};
use super::report::{movement_word, note, signed, signed_percent, Report};
use crate::model::Plan;
use crate::money::format_amount;
use rust_decimal::Decimal;
use serde::Serialize;

/// A whole diff.
#[derive(Serialize)]
pub struct JsonDiff<'a> {
    old: JsonPlan<'a>,
    new: JsonPlan<'a>,
    changes: &'a [Change],
    #[serde(skip_serializing_if = "Option::is_none")]
    impact: Option<JsonImpact<'a>>,
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    name: &'a str,
    version: &'a str,
    currency: &'a str,
}

#[derive(Serialize)]
struct JsonImpact<'a> {
    book: &'a str,
    customers: Vec<JsonCustomer<'a>>,
    summary: JsonSummary<'a>,
}

#[derive(Serialize)]
struct JsonCustomer<'a> {
    customer: &'a str,
    movement: &'static str,
    old_monthly_recurring: Option<String>,
    new_monthly_recurring: Option<String>,
    monthly_recurring_delta: Option<String>,
    old_first_invoice_total: Option<String>,
    new_first_invoice_total: Option<String>,
    first_invoice_total_delta: Option<String>,
    message: String,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    customers: u64,
    mrr_before: String,
    mrr_after: String,
    mrr_change: Option<String>,
    mrr_change_percent: Option<String>,
    up: u64,
    down: u64,
    unchanged: u64,
    newly_rejected: u64,
    newly_priced: u64,
    rejected_by_both: u64,
    largest_increases: Vec<JsonMover<'a>>,
    largest_decreases: Vec<JsonMover<'a>>,
}

#[derive(Serialize)]
struct JsonMover<'a> {
    customer: &'a str,
    monthly_recurring_delta: Option<String>,
    percent: Option<String>,
}

impl<'a> JsonDiff<'a> {
    /// The serializable view of `r`.
    pub fn new(r: &'a Report<'a>) -> JsonDiff<'a> {
        let plan = |p: &'a Plan| JsonPlan {
            name: &p.name,
            version: &p.version,
            currency: &p.currency.code,
        };
        JsonDiff {
            old: plan(r.old),
            new: plan(r.new),
            changes: r.changes,
            impact: r
                .impact
                .map(|(book, i)| impact(book, i, r.new.currency.minor_digits)),
        }
    }
}

fn impact<'a>(book: &'a str, impact: &'a Impact, d: u32) -> JsonImpact<'a> {
    let amount = |a: Option<Decimal>| a.map(|a| format_amount(a, d));
    let delta = |a: Option<Decimal>| a.map(|a| signed(a, d));
    let customers = impact
        .customers
        .iter()
        .map(|c| JsonCustomer {
            customer: &c.name,
            movement: movement_word(c.movement()),
            old_monthly_recurring: amount(c.old.monthly()),
            new_monthly_recurring: amount(c.new.monthly()),
            monthly_recurring_delta: delta(c.monthly_delta()),
            old_first_invoice_total: amount(c.old.first_invoice()),
            new_first_invoice_total: amount(c.new.first_invoice()),
            first_invoice_total_delta: delta(c.first_invoice_delta()),
            message: note(c),
        })
        .collect();
    let movers = |list: &[usize]| -> Vec<JsonMover<'a>> {
        list.iter()
            .filter_map(|&i| impact.customers.get(i))
            .map(|c| JsonMover {
                customer: &c.name,
                monthly_recurring_delta: delta(c.monthly_delta()),
                percent: c
                    .monthly_delta()
                    .zip(c.old.monthly())
                    .and_then(|(dl, before)| percent(dl, before))
                    .map(signed_percent),
            })
            .collect()
    };
    let s = &impact.summary;
    JsonImpact {
        book,
        customers,
        summary: JsonSummary {
            customers: s.customers,
            mrr_before: format_amount(s.mrr_before, d),
            mrr_after: format_amount(s.mrr_after, d),
            mrr_change: delta(s.mrr_change()),
            mrr_change_percent: s.mrr_change_percent().map(signed_percent),
            up: s.up,
            down: s.down,
            unchanged: s.unchanged,
            newly_rejected: s.newly_rejected,
            newly_priced: s.newly_priced,
            rejected_by_both: s.rejected_by_both,
            largest_increases: movers(&s.largest_increases),
            largest_decreases: movers(&s.largest_decreases),
        },
    }
}

//! The JSON contract: amounts as strings with exactly the currency's minor digits.

use crate::money::{format_quantity, format_unit};
use crate::quote::{Category, LineKind, Quote};
use crate::request::Request;
use serde::Serialize;

/// The serialized shape of a quote (see docs/pricing.md, "JSON output").
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonQuote<'a> {
    /// Which plan priced it.
    pub plan: JsonPlan<'a>,
    /// The request as given.
    pub request: &'a Request,
    /// Every line.
    pub lines: Vec<JsonLine<'a>>,
    /// Totals.
    pub totals: JsonTotals,
    /// Notes.
    pub notes: &'a [String],
    /// Approval.
    pub approval: JsonApproval<'a>,
}

/// Plan identity.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonPlan<'a> {
    /// Plan name.
    pub name: &'a str,
    /// Plan version.
    pub version: &'a str,
    /// Currency code.
    pub currency: &'a str,
    /// SHA-256 of the plan source.
    pub source_sha256: &'a str,
    /// True when list prices include the tax; absent otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub tax_included: bool,
}

/// One line.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonLine<'a> {
    /// Stable id.
    pub id: &'a str,
    /// Display label.
    pub label: &'a str,
    /// recurring or one_time.
    pub kind: LineKind,
    /// What it is for.
    pub category: Category,
    /// Units, or null.
    pub quantity: Option<String>,
    /// Price per unit, or null.
    pub unit_price: Option<String>,
    /// Amount with the currency's digits.
    pub amount: String,
    /// On a tax-included plan: the amount without tax.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_without_tax: Option<String>,
    /// On a tax-included plan: the tax in the amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax: Option<String>,
    /// The derivation in words.
    pub explain: String,
}

/// Totals, each with the currency's digits.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonTotals {
    /// Per month.
    pub monthly_recurring: String,
    /// Once.
    pub one_time: String,
    /// First invoice before tax.
    pub first_invoice: String,
    /// Tax on it.
    pub first_invoice_tax: String,
    /// With tax.
    pub first_invoice_total: String,
    /// Whole term before tax.
    pub term_total: String,
    /// Tax on it.
    pub term_tax: String,
    /// With tax.
    pub term_total_with_tax: String,
    /// On a tax-included plan: the monthly recurring amount without tax.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monthly_recurring_without_tax: Option<String>,
    /// On a tax-included plan: the tax in the monthly recurring amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monthly_recurring_tax: Option<String>,
    /// On a tax-included plan: the one-time amount without tax.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one_time_without_tax: Option<String>,
    /// On a tax-included plan: the tax in the one-time amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one_time_tax: Option<String>,
}

/// Approval.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonApproval<'a> {
    /// Whether sign-off is needed.
    pub required: bool,
    /// Why.
    pub reasons: &'a [String],
}

impl<'a> JsonQuote<'a> {
    /// The serializable view of `q`.
    pub fn new(q: &'a Quote, request: &'a Request) -> Self {
        let d = q.plan.minor_digits;
        let t = &q.totals;
        let sums = q.tax_split.as_ref();
        let split = |i: usize| sums.and_then(|s| s.lines.get(i));
        JsonQuote {
            plan: JsonPlan {
                name: &q.plan.name,
                version: &q.plan.version,
                currency: &q.plan.currency,
                source_sha256: &q.plan.source_sha256,
                tax_included: q.plan.tax_included,
            },
            request,
            lines: q
                .lines
                .iter()
                .enumerate()
                .map(|(i, l)| JsonLine {
                    id: &l.id,
                    label: &l.label,
                    kind: l.kind,
                    category: l.category,
                    quantity: l.quantity.map(format_quantity),
                    unit_price: l.unit_price.map(|u| format_unit(u, d)),
                    amount: q.fmt(l.amount),
                    amount_without_tax: split(i).map(|s| q.fmt(s.without_tax)),
                    tax: split(i).map(|s| q.fmt(s.tax)),
                    explain: l.explain.render(d),
                })
                .collect(),
            totals: JsonTotals {
                monthly_recurring: q.fmt(t.monthly_recurring),
                one_time: q.fmt(t.one_time),
                first_invoice: q.fmt(t.first_invoice),
                first_invoice_tax: q.fmt(t.first_invoice_tax),
                first_invoice_total: q.fmt(t.first_invoice_total),
                term_total: q.fmt(t.term_total),
                term_tax: q.fmt(t.term_tax),
                term_total_with_tax: q.fmt(t.term_total_with_tax),
                monthly_recurring_without_tax: sums.map(|s| q.fmt(s.monthly.without_tax)),
                monthly_recurring_tax: sums.map(|s| q.fmt(s.monthly.tax)),
                one_time_without_tax: sums.map(|s| q.fmt(s.one_time.without_tax)),
                one_time_tax: sums.map(|s| q.fmt(s.one_time.tax)),
            },
            notes: &q.notes,
            approval: JsonApproval {
                required: q.approval.required,
                reasons: &q.approval.reasons,
            },
        }
    }
}

/// Pretty-printed JSON, ending in a newline.
pub fn json(q: &Quote, request: &Request) -> String {
    let mut s = serde_json::to_string_pretty(&JsonQuote::new(q, request))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

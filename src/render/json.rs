//! The JSON contract: one shape for every quote kind (docs/json.md); amounts as strings with
//! exactly the currency's minor digits.

use super::schedule as view;
use crate::money::{format_quantity, format_unit};
use crate::quote::{Category, LineKind, Per, Quote};
use crate::request::Request;
use serde::Serialize;

/// The serialized shape of a quote, plain or deal (see docs/json.md).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonQuote<'a> {
    /// `quote` for a plain quote; `contract`, `ramp`, `amendment` or `renewal` for a deal.
    pub kind: &'static str,
    /// Which plan priced it (the price list of the request's currency).
    pub plan: JsonPlan<'a>,
    /// The request as given.
    pub request: &'a Request,
    /// The first segment's lines, the monthly view: a recurring line's amount is per month.
    pub lines: Vec<JsonLine<'a>>,
    /// Sums of the invoices, and the monthly and annual views.
    pub totals: JsonTotals,
    /// Segments and invoices: what will be invoiced, and when.
    pub schedule: JsonSchedule<'a>,
    /// A deal's dates, contract prices and floors; absent for a plain quote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deal: Option<JsonDeal<'a>>,
    /// How a plan that taxes by country taxed the quote; absent for a plan with one rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax: Option<JsonTax>,
    /// Notes.
    pub notes: &'a [String],
    /// Approval.
    pub approval: JsonApproval<'a>,
}

/// The schedule: its segments and every invoice, each with its lines as billed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonSchedule<'a> {
    /// Months between invoices of the first segment (the billing cycle).
    pub cycle_months: u64,
    /// Months the schedule covers.
    pub term_months: u64,
    /// The contract's parts, in order.
    pub segments: Vec<JsonSegment<'a>>,
    /// Every invoice, in order.
    pub invoices: Vec<JsonInvoice<'a>>,
}

/// A part of the contract priced as one request.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonSegment<'a> {
    /// `Year 2`, `Renewal term (+5%)`; absent for a plain quote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'a str>,
    /// The month of the contract it starts in, from 1.
    pub start_month: u64,
    /// Months it lasts.
    pub months: u64,
    /// Months each of its invoices covers.
    pub cycle_months: u64,
    /// Its recurring lines after discounts, per month.
    pub monthly_recurring: String,
    /// Its priced lines, the monthly view.
    pub lines: Vec<JsonLine<'a>>,
    /// A free or discounted period: percent off each of its invoices.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjustment: Option<JsonAdjustment<'a>>,
    /// An amendment's part of the term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proration: Option<JsonProration>,
}

/// A period's percent off.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonAdjustment<'a> {
    /// `free period`, `50% off this period`.
    pub label: &'a str,
    /// Percent off each invoice of the segment.
    pub percent: String,
}

/// The part of a term an amendment charges.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonProration {
    /// Months or days left, counting the first day of the change.
    pub remaining: u64,
    /// Months or days in the contract.
    pub total: u64,
    /// `month` or `day`.
    pub unit: &'static str,
    /// First day charged.
    pub from: String,
    /// Last day charged.
    pub to: String,
    /// Months in the contract.
    pub term_months: u64,
}

/// One invoice, with its lines as billed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonInvoice<'a> {
    /// From 1.
    pub number: u64,
    /// The segment it belongs to, from 1.
    pub segment: usize,
    /// The month of the contract its period starts in, from 1.
    pub start_month: u64,
    /// Months it covers.
    pub months: u64,
    /// Its lines as billed.
    pub lines: Vec<JsonInvoiceLine<'a>>,
    /// A free or discounted period's line (negative), before tax.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjustment: Option<String>,
    /// Before tax (on a tax-included plan: the sum of the lines without tax).
    pub subtotal: String,
    /// Its tax: the rate of the subtotal rounded once, or the sum of the lines' taxes.
    pub tax: String,
    /// With tax.
    pub total: String,
}

/// One line of one invoice, as billed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonInvoiceLine<'a> {
    /// The priced line's id.
    pub id: &'a str,
    /// Its label.
    pub label: &'a str,
    /// recurring or one_time.
    pub kind: LineKind,
    /// What it is for.
    pub category: Category,
    /// Units, when quantity x unit price (x months or years) is exactly the amount.
    pub quantity: Option<String>,
    /// The unit price as published, under the same condition.
    pub unit_price: Option<String>,
    /// What the unit price is per: `month`, `year` or `once`.
    pub per: Option<&'static str>,
    /// Months covered (0 for a one-time line).
    pub months: u64,
    /// The amount billed.
    pub amount: String,
    /// On a tax-included plan: the amount without tax.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_without_tax: Option<String>,
    /// On a tax-included plan: the tax in the amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax: Option<String>,
    /// What was bought, for a line with no unit price (`high complexity, 10 days`).
    pub description: String,
    /// True on an amendment's credit for what the customer no longer has.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub credit: bool,
    /// Where a contract price replaced the list price: the list amount for the same months.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    /// amount - list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<String>,
}

/// The rate a tax table chose, and why.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonTax {
    /// The rate, percent.
    pub percent: String,
    /// `region` (that region's rate), `default`, `exempt` or `reverse_charge`.
    pub basis: &'static str,
    /// The region or country that chose it; absent for the default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The words every document carries for an exemption or a reverse charge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
}

/// A deal's own terms.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonDeal<'a> {
    /// The quote's date.
    pub quote_date: String,
    /// The last day it may be accepted.
    pub valid_until: Option<String>,
    /// Contract prices against list.
    pub contract_prices: Vec<JsonPrice<'a>>,
    /// Floors the deal passes.
    pub floors: Vec<JsonFloor<'a>>,
}

/// A contract price next to its list price, per unit and month.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonPrice<'a> {
    /// The item's name.
    pub item: &'a str,
    /// Its label.
    pub label: &'a str,
    /// List price.
    pub list: String,
    /// Contract price.
    pub contract: String,
    /// contract - list.
    pub difference: String,
}

/// A floor a deal passes.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonFloor<'a> {
    /// The floor as the plan wrote it.
    pub floor: &'a str,
    /// Who approves.
    pub approver: Option<&'a str>,
    /// What passes it.
    pub detail: &'a str,
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
    /// Recurring lines for a year (ARR), a view like the monthly recurring amount.
    pub annual_recurring: String,
    /// How many invoices the schedule issues.
    pub invoice_count: u64,
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
            kind: q.kind_name(),
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
                .map(|(i, l)| json_line(q, l, split(i)))
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
                annual_recurring: q.fmt(t.annual_recurring),
                invoice_count: t.invoices,
            },
            schedule: schedule(q),
            tax: q.tax_reason.as_ref().map(|reason| {
                use crate::model::TaxReason;
                let (basis, region) = match reason {
                    TaxReason::Region(r) => ("region", Some(r.to_string())),
                    TaxReason::Default => ("default", None),
                    TaxReason::Exempt(r) => ("exempt", Some(r.to_string())),
                    TaxReason::ReverseCharge(r) => ("reverse_charge", Some(r.to_string())),
                };
                JsonTax {
                    percent: q.plan.tax_percent.normalize().to_string(),
                    basis,
                    region,
                    statement: view::tax_statement(q),
                }
            }),
            deal: q.deal.as_ref().map(|x| JsonDeal {
                quote_date: x.quote_date.to_string(),
                valid_until: x.valid_until.map(|v| v.to_string()),
                contract_prices: (x.prices.iter())
                    .map(|c| JsonPrice {
                        item: &c.item,
                        label: &c.label,
                        list: format_unit(c.list, d),
                        contract: format_unit(c.contract, d),
                        difference: format_unit(c.difference, d),
                    })
                    .collect(),
                floors: (x.approvals.iter())
                    .map(|a| JsonFloor {
                        floor: &a.floor,
                        approver: a.approver.as_deref(),
                        detail: &a.detail,
                    })
                    .collect(),
            }),
            notes: &q.notes,
            approval: JsonApproval {
                required: q.approval.required,
                reasons: &q.approval.reasons,
            },
        }
    }
}

fn json_line<'a>(
    q: &Quote,
    l: &'a crate::quote::Line,
    split: Option<&crate::quote::Split>,
) -> JsonLine<'a> {
    let d = q.plan.minor_digits;
    JsonLine {
        id: &l.id,
        label: &l.label,
        kind: l.kind,
        category: l.category,
        quantity: l.quantity.map(format_quantity),
        unit_price: l.unit_price.map(|u| format_unit(u, d)),
        amount: q.fmt(l.amount),
        amount_without_tax: split.map(|s| q.fmt(s.without_tax)),
        tax: split.map(|s| q.fmt(s.tax)),
        explain: l.explain.render(d),
    }
}

/// The schedule with every invoice written out (a run of identical invoices repeated).
fn schedule(q: &Quote) -> JsonSchedule<'_> {
    let d = q.plan.minor_digits;
    let tax = view::tax_of(q);
    let segments = (q.schedule.segments.iter().enumerate())
        .map(|(i, s)| {
            let lines = q.segment_lines(i);
            let split = if q.plan.tax_included {
                crate::bill::tax::split_lines(lines, q.plan.tax_percent, d).ok()
            } else {
                None
            };
            JsonSegment {
                label: s.label.as_deref(),
                start_month: s.start + 1,
                months: s.months,
                cycle_months: s.cycle,
                monthly_recurring: q.fmt(s.monthly),
                lines: (lines.iter().enumerate())
                    .map(|(j, l)| json_line(q, l, split.as_ref().and_then(|x| x.lines.get(j))))
                    .collect(),
                adjustment: s.adjustment.as_ref().map(|a| JsonAdjustment {
                    label: &a.words,
                    percent: a.percent.normalize().to_string(),
                }),
                proration: s.proration.as_ref().map(|p| JsonProration {
                    remaining: p.remaining,
                    total: p.total,
                    unit: p.unit,
                    from: p.from.to_string(),
                    to: p.to.to_string(),
                    term_months: p.term_months,
                }),
            }
        })
        .collect();
    let mut invoices = Vec::new();
    for r in &q.schedule.runs {
        let Some(seg) = q.schedule.segments.get(r.segment) else {
            continue;
        };
        let lines = crate::bill::invoice_lines(r, seg, q.segment_lines(r.segment), tax);
        for k in 0..r.count {
            invoices.push(JsonInvoice {
                number: r.first + k,
                segment: r.segment + 1,
                start_month: r.start + k * r.months + 1,
                months: r.months,
                lines: lines.iter().map(|l| invoice_line(q, l)).collect(),
                adjustment: (!r.adjustment.is_zero()).then(|| q.fmt(r.adjustment)),
                subtotal: q.fmt(r.amounts.without_tax),
                tax: q.fmt(r.amounts.tax),
                total: q.fmt(r.amounts.with_tax),
            });
        }
    }
    JsonSchedule {
        cycle_months: q.cycle_months,
        term_months: q.term_months,
        segments,
        invoices,
    }
}

fn invoice_line<'a>(q: &Quote, l: &crate::quote::InvoiceLine<'a>) -> JsonInvoiceLine<'a> {
    let d = q.plan.minor_digits;
    JsonInvoiceLine {
        id: &l.line.id,
        label: &l.line.label,
        kind: l.line.kind,
        category: l.line.category,
        quantity: l.unit.and(l.line.quantity).map(format_quantity),
        unit_price: l.unit.map(|(u, _)| format_unit(u, d)),
        per: l.unit.map(|(_, p)| match p {
            Per::Month => "month",
            Per::Year => "year",
            Per::Once => "once",
        }),
        months: l.months,
        amount: q.fmt(l.amount),
        amount_without_tax: l.split.map(|s| q.fmt(s.without_tax)),
        tax: l.split.map(|s| q.fmt(s.tax)),
        description: view::description(l, d),
        credit: l.credit,
        list: l.list.map(|x| q.fmt(x)),
        difference: l
            .list
            .and_then(|x| l.amount.checked_sub(x))
            .map(|x| q.fmt(x)),
    }
}

/// Pretty-printed JSON, ending in a newline.
pub fn json(q: &Quote, request: &Request) -> String {
    let mut s = serde_json::to_string_pretty(&JsonQuote::new(q, request))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

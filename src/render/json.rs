//! The JSON contract: one shape for every quote kind (docs/json.md); amounts as strings with
//! exactly the currency's minor digits.

use super::schedule as view;
use crate::money::{format_unit, Fixed, Quantity, UnitPrice};
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
    #[schema(value_type = String)]
    pub monthly_recurring: Fixed,
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
    #[schema(value_type = Option<String>)]
    pub adjustment: Option<Fixed>,
    /// Before tax (on a tax-included plan: the sum of the lines without tax).
    #[schema(value_type = String)]
    pub subtotal: Fixed,
    /// Its tax: the rate of the subtotal rounded once, or the sum of the lines' taxes.
    #[schema(value_type = String)]
    pub tax: Fixed,
    /// With tax.
    #[schema(value_type = String)]
    pub total: Fixed,
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
    #[schema(value_type = Option<String>)]
    pub quantity: Option<Quantity>,
    /// The unit price as published, under the same condition.
    #[schema(value_type = Option<String>)]
    pub unit_price: Option<UnitPrice>,
    /// What the unit price is per: `month`, `year` or `once`.
    pub per: Option<&'static str>,
    /// Months covered (0 for a one-time line).
    pub months: u64,
    /// The amount billed.
    #[schema(value_type = String)]
    pub amount: Fixed,
    /// On a tax-included plan: the amount without tax.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub amount_without_tax: Option<Fixed>,
    /// On a tax-included plan: the tax in the amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub tax: Option<Fixed>,
    /// What was bought, for a line with no unit price (`high complexity, 10 days`).
    pub description: String,
    /// True on an amendment's credit for what the customer no longer has.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub credit: bool,
    /// Where a contract price replaced the list price: the list amount for the same months.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub list: Option<Fixed>,
    /// amount - list.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub difference: Option<Fixed>,
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
    #[schema(value_type = Option<String>)]
    pub quantity: Option<Quantity>,
    /// Price per unit, or null.
    #[schema(value_type = Option<String>)]
    pub unit_price: Option<UnitPrice>,
    /// Amount with the currency's digits.
    #[schema(value_type = String)]
    pub amount: Fixed,
    /// On a tax-included plan: the amount without tax.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub amount_without_tax: Option<Fixed>,
    /// On a tax-included plan: the tax in the amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub tax: Option<Fixed>,
    /// The derivation in words.
    #[schema(value_type = String)]
    pub explain: Words,
}

/// A line's explanation, written once and shared by the quote's lines and its first
/// segment's (the same lines; rendering them twice was a fifth of the API's time).
#[derive(Debug, Clone)]
pub struct Words(std::rc::Rc<str>);

impl std::ops::Deref for Words {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Words {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Totals, each with the currency's digits.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JsonTotals {
    /// Per month.
    #[schema(value_type = String)]
    pub monthly_recurring: Fixed,
    /// Once.
    #[schema(value_type = String)]
    pub one_time: Fixed,
    /// First invoice before tax.
    #[schema(value_type = String)]
    pub first_invoice: Fixed,
    /// Tax on it.
    #[schema(value_type = String)]
    pub first_invoice_tax: Fixed,
    /// With tax.
    #[schema(value_type = String)]
    pub first_invoice_total: Fixed,
    /// Whole term before tax.
    #[schema(value_type = String)]
    pub term_total: Fixed,
    /// Tax on it.
    #[schema(value_type = String)]
    pub term_tax: Fixed,
    /// With tax.
    #[schema(value_type = String)]
    pub term_total_with_tax: Fixed,
    /// On a tax-included plan: the monthly recurring amount without tax.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub monthly_recurring_without_tax: Option<Fixed>,
    /// On a tax-included plan: the tax in the monthly recurring amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub monthly_recurring_tax: Option<Fixed>,
    /// On a tax-included plan: the one-time amount without tax.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub one_time_without_tax: Option<Fixed>,
    /// On a tax-included plan: the tax in the one-time amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub one_time_tax: Option<Fixed>,
    /// Recurring lines for a year (ARR), a view like the monthly recurring amount.
    #[schema(value_type = String)]
    pub annual_recurring: Fixed,
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
        let lines: Vec<JsonLine<'a>> = (q.lines.iter().enumerate())
            .map(|(i, l)| json_line(q, l, split(i), None))
            .collect();
        let schedule = schedule(q, &lines);
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
            lines,
            totals: JsonTotals {
                monthly_recurring: fixed(q, t.monthly_recurring),
                one_time: fixed(q, t.one_time),
                first_invoice: fixed(q, t.first_invoice),
                first_invoice_tax: fixed(q, t.first_invoice_tax),
                first_invoice_total: fixed(q, t.first_invoice_total),
                term_total: fixed(q, t.term_total),
                term_tax: fixed(q, t.term_tax),
                term_total_with_tax: fixed(q, t.term_total_with_tax),
                monthly_recurring_without_tax: sums.map(|s| fixed(q, s.monthly.without_tax)),
                monthly_recurring_tax: sums.map(|s| fixed(q, s.monthly.tax)),
                one_time_without_tax: sums.map(|s| fixed(q, s.one_time.without_tax)),
                one_time_tax: sums.map(|s| fixed(q, s.one_time.tax)),
                annual_recurring: fixed(q, t.annual_recurring),
                invoice_count: t.invoices,
            },
            schedule,
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
    explain: Option<&Words>,
) -> JsonLine<'a> {
    let d = q.plan.minor_digits;
    JsonLine {
        id: &l.id,
        label: &l.label,
        kind: l.kind,
        category: l.category,
        quantity: l.quantity.map(Quantity),
        unit_price: l.unit_price.map(|u| UnitPrice::new(u, d)),
        amount: fixed(q, l.amount),
        amount_without_tax: split.map(|s| fixed(q, s.without_tax)),
        tax: split.map(|s| fixed(q, s.tax)),
        explain: match explain {
            Some(w) => w.clone(),
            None => Words(l.explain.render(d).into()),
        },
    }
}

/// The schedule with every invoice written out (a run of identical invoices repeated).
fn schedule<'a>(q: &'a Quote, first: &[JsonLine<'a>]) -> JsonSchedule<'a> {
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
                monthly_recurring: fixed(q, s.monthly),
                lines: (lines.iter().enumerate())
                    .map(|(j, l)| {
                        let split = split.as_ref().and_then(|x| x.lines.get(j));
                        // The first segment's lines are the quote's lines.
                        let said = (i == 0).then(|| first.get(j)).flatten();
                        json_line(q, l, split, said.map(|x| &x.explain))
                    })
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
                adjustment: (!r.adjustment.is_zero()).then(|| fixed(q, r.adjustment)),
                subtotal: fixed(q, r.amounts.without_tax),
                tax: fixed(q, r.amounts.tax),
                total: fixed(q, r.amounts.with_tax),
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
        quantity: l.unit.and(l.line.quantity).map(Quantity),
        unit_price: l.unit.map(|(u, _)| UnitPrice::new(u, d)),
        per: l.unit.map(|(_, p)| match p {
            Per::Month => "month",
            Per::Year => "year",
            Per::Once => "once",
        }),
        months: l.months,
        amount: fixed(q, l.amount),
        amount_without_tax: l.split.map(|s| fixed(q, s.without_tax)),
        tax: l.split.map(|s| fixed(q, s.tax)),
        description: view::description(l, d),
        credit: l.credit,
        list: l.list.map(|x| fixed(q, x)),
        difference: l
            .list
            .and_then(|x| l.amount.checked_sub(x))
            .map(|x| fixed(q, x)),
    }
}

/// An amount of `q` with its currency's digits.
fn fixed(q: &Quote, amount: rust_decimal::Decimal) -> Fixed {
    Fixed::new(amount, q.plan.minor_digits)
}

/// Pretty-printed JSON, ending in a newline.
pub fn json(q: &Quote, request: &Request) -> String {
    let mut s = serde_json::to_string_pretty(&JsonQuote::new(q, request))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

//! The proposal's content as words and formatted amounts, one [`View`] that the HTML, the
//! Markdown and the calculator page lay out.

use super::{quote_number, valid_until, Audience, Document};
use crate::model::Plan;
use crate::quote::{Explain, LineKind, Quote};
use crate::render::locale::{capital_yuan, Lang, Words};
use crate::render::words::{label_in, line_label, Say};
use crate::request::Request;
use serde::Serialize;

/// A proposal's content: every word in the document's language, every amount formatted.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// `en` or `zh`.
    pub lang: &'static str,
    /// The currency's code.
    pub currency: String,
    /// Who sells: the plan's vendor, else the plan's name.
    pub vendor: String,
    /// The header's fields about the quote (number, dates, what was asked for), in order.
    pub header: Vec<Field>,
    /// The customer's details, in order.
    pub customer: Vec<Field>,
    /// The column heads of the lines: item, quantity, unit price, period, amount.
    pub columns: [String; 5],
    /// Each segment's lines as billed on its first invoice.
    pub sections: Vec<Section>,
    /// The heads of amounts before tax, tax and with tax.
    pub tax_heads: [String; 3],
    /// The invoices, consecutive identical ones grouped.
    pub invoices: Vec<InvoiceRow>,
    /// The first invoice and the contract total.
    pub totals: Vec<TotalRow>,
    /// The contract total with tax in capital Chinese numerals (大写金额), with its label.
    pub in_words: Option<Field>,
    /// Monthly and annual recurring, in the price list's own terms.
    pub views: Vec<Field>,
    /// The terms, one sentence each.
    pub terms: Vec<String>,
}

/// A label and its value.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// What it is.
    pub label: String,
    /// Its value.
    pub value: String,
}

/// A segment's title (for deals and several segments) and its rows.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// `Year 2 (12 months, from month 13)`; none for a plain quote.
    pub title: Option<String>,
    /// The lines as billed.
    pub rows: Vec<Row>,
}

/// One line as billed, in the document's words.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The item.
    pub label: String,
    /// What was bought, where no unit price multiplies out.
    pub description: String,
    /// The quantity, where a unit price multiplies out.
    pub qty: String,
    /// The unit price as published: `23.00 per seat per month`.
    pub unit: String,
    /// The months it covers, or one-time.
    pub period: String,
    /// The amount billed.
    pub amount: String,
    /// True for a one-time line.
    pub one_time: bool,
    /// How the amount was derived (internal documents only; empty for a customer).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub how: String,
}

/// Invoices with the same amounts: which, and each one's amounts.
#[derive(Debug, Clone, Serialize)]
pub struct InvoiceRow {
    /// `Invoice 1 · 12 months`, `Invoices 2–12 · 1 month`.
    pub which: String,
    /// Before tax (without tax on a tax-included plan).
    pub before_tax: String,
    /// The tax.
    pub tax: String,
    /// With tax.
    pub with_tax: String,
    /// `each` when the row stands for several invoices.
    pub each: String,
}

/// A total: its label and its amounts before tax, tax and with tax.
#[derive(Debug, Clone, Serialize)]
pub struct TotalRow {
    /// `First invoice (12 months)`, `Contract total (24 months)`.
    pub label: String,
    /// Before tax.
    pub before_tax: String,
    /// The tax.
    pub tax: String,
    /// With tax.
    pub with_tax: String,
}

/// The catalogue and money of a quote's document.
pub(super) fn say<'a>(q: &'a Quote, w: &'a Words) -> Say<'a> {
    Say {
        w,
        currency: &q.plan.currency,
        d: q.plan.minor_digits,
    }
}

/// Who sells: the plan's `vendor`, else the plan's name.
fn vendor_name(q: &Quote, plan: Option<&Plan>) -> String {
    plan.and_then(|p| p.vendor.as_ref())
        .map_or_else(|| q.plan.name.to_string(), |v| v.name.to_string())
}

/// The header fields about the quote, as (label, value) pairs, in order.
fn header(q: &Quote, r: &Request, plan: Option<&Plan>, doc: &Document, s: &Say) -> Vec<Field> {
    let w = s.w;
    let field = |label: String, value: String| Field { label, value };
    let mut rows = vec![
        field(w.get("quote-number"), quote_number(q, r, &doc.date)),
        field(w.get("date"), w.date(&doc.date)),
    ];
    if let Some(until) = valid_until(plan, &doc.date) {
        rows.push(field(w.get("valid-until"), w.date(&until)));
    }
    if let Some(p) = &doc.prepared_by {
        rows.push(field(w.get("prepared-by"), p.clone()));
    }
    if let Some(e) = &r.edition {
        let found = plan.and_then(|p| p.editions.iter().find(|x| &*x.id == e).map(|x| (p, x)));
        let name = found.map_or(e.clone(), |(p, x)| {
            label_in(p, "edition", &x.id, &x.label, s.lang())
        });
        rows.push(field(w.get("edition"), name));
    }
    if let Some(n) = r.seats {
        rows.push(field(w.get("seats"), crate::render::words::number(n.0)));
    }
    let modules: Vec<String> = (r.modules.iter())
        .map(|m| {
            let found = plan.and_then(|p| p.modules.iter().find(|x| &*x.id == m).map(|x| (p, x)));
            found.map_or(m.clone(), |(p, x)| {
                label_in(p, "module", &x.id, &x.label, s.lang())
            })
        })
        .collect();
    if !modules.is_empty() {
        rows.push(field(w.get("modules"), s.list(&modules)));
    }
    rows.push(field(w.get("billing"), s.cycle(q.cycle_months)));
    rows.push(field(w.get("term"), w.months(q.term_months)));
    rows
}

/// The customer's details: who, where, their VAT id.
fn customer(r: &Request, w: &Words) -> Vec<Field> {
    let mut out = Vec::new();
    let mut put = |key: &str, v: &Option<String>| {
        if let Some(v) = v.as_ref().filter(|v| !v.trim().is_empty()) {
            out.push(Field {
                label: w.get(key),
                value: v.clone(),
            });
        }
    };
    put("customer", &r.customer);
    put("country", &r.country);
    put("vat-id", &r.vat_id);
    out
}

/// The unit price as the document's language writes it: `23.00 per seat per month`,
/// `2,388.00 元/用户/年`, `2,500.00 元/场`.
fn unit_words(l: &crate::quote::InvoiceLine, s: &Say) -> String {
    let Some((price, per)) = l.unit else {
        return String::new();
    };
    let noun = s.unit_noun(&l.line.explain);
    // A daily meter's price is per day already: a month on top would misstate it.
    let daily = matches!(&l.line.explain, Explain::Quantity(x) if x.daily.is_some());
    s.price(&s.money(price), noun.as_deref(), (!daily).then_some(per))
}

/// A seat band priced per seat plus a fee, as the buyer reads it: `15 seats at 130.00 per
/// seat per month, plus a band fee of 500.00 per month`. Its range is the line's label
/// already; the fee is why no one unit price multiplies out.
fn band_fee(e: &Explain, s: &Say) -> Option<String> {
    let (seats, unit, fee) = match e {
        Explain::Volume {
            seats,
            unit,
            fee: Some(fee),
            ..
        } => (*seats, *unit, *fee),
        Explain::Graduated {
            units,
            unit,
            fee: Some(fee),
            ..
        } => (*units, *unit, *fee),
        _ => return None,
    };
    let month = Some(crate::quote::Per::Month);
    let noun = s.unit_noun(e);
    Some(s.w.with(
        "band-fee",
        &[
            ("seats", s.seats(seats)),
            ("price", s.price(&s.money(unit), noun.as_deref(), month)),
            ("fee", s.price(&s.money(fee), None, month)),
        ],
    ))
}

/// Every segment's lines as billed on its first invoice, in the document's words.
fn sections(q: &Quote, r: &Request, plan: Option<&Plan>, doc: &Document, s: &Say) -> Vec<Section> {
    use crate::render::schedule as view;
    let w = s.w;
    let titled = view::titled(q);
    let internal = doc.audience == Audience::Internal;
    let mut out = Vec::new();
    for (i, seg) in q.schedule.segments.iter().enumerate() {
        let title = titled.then(|| segment_title(q, r, i, s));
        let mut rows = Vec::new();
        for l in view::billed(q, i) {
            let unit = unit_words(&l, s);
            let one_time = l.line.kind == LineKind::OneTime;
            rows.push(Row {
                label: line_label(plan, r, l.line, s),
                description: if unit.is_empty() {
                    band_fee(&l.line.explain, s).unwrap_or_else(|| s.summary(&l.line.explain))
                } else {
                    String::new()
                },
                qty: view::qty_text(&l),
                unit,
                period: if one_time {
                    w.get("period-once")
                } else {
                    w.months(l.months)
                },
                amount: s.amount(l.amount),
                one_time,
                how: if internal {
                    view::how(q, seg, &l)
                } else {
                    String::new()
                },
            });
        }
        if let (Some(adj), Some(run)) = (&seg.adjustment, view::first_run(q, i)) {
            let label = if adj.percent == rust_decimal::Decimal::ONE_HUNDRED {
                w.get("free-period")
            } else {
                let pct = adj.percent.normalize().to_string();
                w.with("percent-off-period", &[("percent", pct)])
            };
            rows.push(Row {
                label,
                description: String::new(),
                qty: String::new(),
                unit: String::new(),
                period: String::new(),
                amount: s.amount(run.adjustment),
                one_time: false,
                how: String::new(),
            });
        }
        out.push(Section { title, rows });
    }
    out
}

/// Segment `i`'s title in the document's words: its label (a ramp period's own, `Year 2`,
/// a renewal, an amendment's dates) and the months it covers.
fn segment_title(q: &Quote, r: &Request, i: usize, s: &Say) -> String {
    let w = s.w;
    let Some(seg) = q.schedule.segments.get(i) else {
        return String::new();
    };
    let own = seg.label.clone().unwrap_or_default();
    let ramp_label = (r.ramp.as_ref())
        .and_then(|ramp| ramp.periods.get(i))
        .and_then(|p| p.label.clone());
    let label = if let Some(l) = ramp_label {
        l
    } else if let Some(p) = &seg.proration {
        w.with(
            "amendment-term",
            &[
                ("from", w.date(&p.from.to_string())),
                ("to", w.date(&p.to.to_string())),
            ],
        )
    } else if let Some(pct) = own
        .strip_prefix("Renewal term (+")
        .and_then(|x| x.strip_suffix("%)"))
    {
        w.with("renewal-term", &[("percent", pct.to_string())])
    } else if let Some(n) = own.strip_prefix("Year ") {
        w.with("year-n", &[("n", n.to_string())])
    } else if let Some(n) = own.strip_prefix("Month ") {
        w.with("month-n", &[("n", n.to_string())])
    } else if let Some((a, b)) = own.strip_prefix("Months ").and_then(|x| x.split_once('-')) {
        w.with(
            "months-range",
            &[("from", a.to_string()), ("to", b.to_string())],
        )
    } else if own.is_empty() {
        w.get("term")
    } else {
        own
    };
    match &seg.proration {
        Some(p) => format!(
            "{label}{}{}",
            if w.lang == Lang::Zh { "，" } else { ": " },
            w.with(
                "co-termed",
                &[
                    ("remaining", p.remaining.to_string()),
                    ("total", p.total.to_string()),
                    // Calendar days or months of the term: never a service's person-days.
                    (
                        "unit",
                        w.get(if p.unit == "day" {
                            "unit-calendar-days"
                        } else {
                            "unit-months"
                        })
                    ),
                ]
            )
        ),
        // A Chinese title takes full-width brackets and comma, as its words do.
        // A label that ends in brackets of its own (`Renewal term (+5%)`) takes the months
        // inside them: two brackets in a row read as a typo.
        None if seg.start == 0 => {
            let months = w.months(seg.months);
            match w.lang {
                Lang::Zh => match label.strip_suffix('）') {
                    Some(open) => format!("{open}，{months}）"),
                    None => format!("{label}（{months}）"),
                },
                Lang::En => match label.strip_suffix(')') {
                    Some(open) => format!("{open}, {months})"),
                    None => format!("{label} ({months})"),
                },
            }
        }
        None => {
            let from = w.with("from-month", &[("month", (seg.start + 1).to_string())]);
            match w.lang {
                Lang::Zh => format!("{label}（{}，{from}）", w.months(seg.months)),
                Lang::En => format!("{label} ({}, {from})", w.months(seg.months)),
            }
        }
    }
}

/// Each segment's title in the document's words, for a chart's legend; all empty for a
/// plain quote, whose one segment needs no name.
pub fn segment_titles(q: &Quote, r: &Request, lang: Lang) -> Vec<String> {
    let w = Words::new(lang);
    let s = say(q, &w);
    let titled = crate::render::schedule::titled(q);
    (0..q.schedule.segments.len())
        .map(|i| {
            if titled {
                segment_title(q, r, i, &s)
            } else {
                String::new()
            }
        })
        .collect()
}

/// The invoices, grouped.
fn invoice_rows(q: &Quote, s: &Say) -> Vec<InvoiceRow> {
    let w = s.w;
    q.schedule
        .runs
        .iter()
        .map(|r| {
            let which = if r.count == 1 {
                w.with("invoice-one", &[("n", r.first.to_string())])
            } else {
                w.with(
                    "invoice-range",
                    &[("from", r.first.to_string()), ("to", r.last().to_string())],
                )
            };
            InvoiceRow {
                which: format!("{which} · {}", w.months(r.months)),
                before_tax: s.amount(r.amounts.without_tax),
                tax: s.amount(r.amounts.tax),
                with_tax: s.amount(r.amounts.with_tax),
                each: if r.count > 1 {
                    w.get("each")
                } else {
                    String::new()
                },
            }
        })
        .collect()
}

/// The statement an exemption or a reverse charge puts on every document, in its language.
fn tax_statement(q: &Quote, w: &Words) -> Option<String> {
    use crate::model::TaxReason;
    match &q.tax_reason {
        Some(TaxReason::ReverseCharge(_)) => Some(w.get("reverse-charge")),
        Some(TaxReason::Exempt(r)) => Some(w.with("tax-exempt", &[("region", r.to_string())])),
        _ => None,
    }
}

/// The column heads of amounts before tax, tax and with tax.
fn tax_heads(q: &Quote, w: &Words) -> [String; 3] {
    let pct = q.plan.tax_percent.normalize().to_string();
    let region = crate::render::schedule::tax_region(q);
    if q.plan.tax_included {
        [
            w.get("without-tax"),
            w.with("tax-included-col", &[("percent", pct), ("region", region)]),
            w.get("with-tax-col"),
        ]
    } else {
        [
            w.get("before-tax"),
            w.with("tax-col", &[("percent", pct), ("region", region)]),
            w.get("with-tax-col"),
        ]
    }
}

/// The totals: first invoice and contract, each before tax, tax and with tax; never one
/// amount with tax beside another without.
fn totals(q: &Quote, s: &Say) -> Vec<TotalRow> {
    let w = s.w;
    let t = &q.totals;
    let first_months =
        crate::render::schedule::first_run(q, 0).map_or(q.cycle_months, |r| r.months);
    let contract = if q.schedule.segments.iter().any(|s| s.proration.is_some()) {
        w.get("amendment-total")
    } else {
        w.with("contract-total", &[("period", w.months(q.term_months))])
    };
    vec![
        TotalRow {
            label: w.with("first-invoice", &[("period", w.months(first_months))]),
            before_tax: s.amount(t.first_invoice),
            tax: s.amount(t.first_invoice_tax),
            with_tax: s.amount(t.first_invoice_total),
        },
        TotalRow {
            label: contract,
            before_tax: s.amount(t.term_total),
            tax: s.amount(t.term_tax),
            with_tax: s.amount(t.term_total_with_tax),
        },
    ]
}

/// The recurring views: per month and per year, in the price list's own terms (with tax
/// on a tax-included plan, before tax otherwise), labelled which.
fn views(q: &Quote, s: &Say) -> Vec<Field> {
    let w = s.w;
    let basis = if q.plan.tax_included {
        w.get("basis-with-tax")
    } else {
        w.get("basis-before-tax")
    };
    let paren = |x: &str| match s.lang() {
        Lang::Zh => format!("（{x}）"),
        Lang::En => format!(" ({x})"),
    };
    vec![
        Field {
            label: format!("{}{}", w.get("monthly-recurring"), paren(&basis)),
            value: s.with_currency(q.totals.monthly_recurring),
        },
        Field {
            label: format!("{}{}", w.get("annual-recurring"), paren(&basis)),
            value: s.with_currency(q.totals.annual_recurring),
        },
    ]
}

/// The plan's terms in words.
fn terms(q: &Quote, plan: Option<&Plan>, doc: &Document, s: &Say) -> Vec<String> {
    let w = s.w;
    let mut out = Vec::new();
    if let Some(statement) = tax_statement(q, w) {
        out.push(statement);
    }
    if q.plan.tax_included {
        let pct = q.plan.tax_percent.normalize().to_string();
        out.push(w.with("terms-tax-included", &[("percent", pct)]));
    }
    out.push(w.with(
        "terms-currency",
        &[
            ("currency", q.plan.currency.to_string()),
            ("cycle", s.cycle(q.cycle_months)),
        ],
    ));
    if let Some(m) = plan.and_then(|p| p.min_term_months) {
        out.push(w.with("terms-min-term", &[("period", w.months(m))]));
    }
    if let Some(until) = valid_until(plan, &doc.date) {
        out.push(w.with("terms-valid", &[("date", w.date(&until))]));
    }
    out
}

/// The proposal's content in the document's words.
pub fn view(q: &Quote, r: &Request, plan: Option<&Plan>, doc: &Document) -> View {
    let w = Words::new(doc.lang);
    let s = say(q, &w);
    let in_words = (doc.lang == Lang::Zh && &*q.plan.currency == "CNY")
        .then(|| capital_yuan(q.totals.term_total_with_tax))
        .flatten()
        .map(|words| Field {
            label: w.get("in-words"),
            value: words,
        });
    View {
        lang: doc.lang.code(),
        currency: q.plan.currency.to_string(),
        vendor: vendor_name(q, plan),
        header: header(q, r, plan, doc, &s),
        customer: customer(r, &w),
        columns: [
            w.get("item"),
            w.get("qty"),
            w.get("unit-price"),
            w.get("period"),
            format!("{} ({})", w.get("amount"), q.plan.currency),
        ],
        sections: sections(q, r, plan, doc, &s),
        tax_heads: tax_heads(q, &w),
        invoices: invoice_rows(q, &s),
        totals: totals(q, &s),
        in_words,
        views: views(q, &s),
        terms: terms(q, plan, doc, &s),
    }
}

//! Documents a customer receives: a proposal as one self-contained HTML file (inline CSS,
//! A4 print styles) or Markdown, in the customer's language, every word from the message
//! catalogues or the plan's labels. What is shown depends on the audience: a customer never
//! sees notes, approval reasons or how an amount was derived.
//!
//! [`view`] is the proposal's content as words and formatted amounts; the HTML, the
//! Markdown and the calculator page (through `serve`) all lay out that one view.

use super::locale::{capital_yuan, Lang, Words};
use super::words::{label_in, line_label, Say};
use crate::model::Plan;
use crate::quote::{Explain, LineKind, Quote};
use crate::request::Request;
use serde::Serialize;
use std::fmt::Write;

/// Who a document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Audience {
    /// The vendor's own people: every note, approval reason and derivation.
    Internal,
    /// The customer: lines and totals only.
    Customer,
}

/// What a document says besides the quote.
#[derive(Debug, Clone)]
pub struct Document {
    /// Who reads it.
    pub audience: Audience,
    /// The language of its built-in words.
    pub lang: Lang,
    /// Who prepared it (a salesperson's name), if given.
    pub prepared_by: Option<String>,
    /// The quote's date, `YYYY-MM-DD`.
    pub date: String,
}

/// The date a document carries: the request's `quote_date`, else today (UTC).
pub fn date_of(r: &Request) -> String {
    match &r.quote_date {
        Some(d) => d.to_string(),
        None => crate::deal::Date::today().to_string(),
    }
}

/// The quote number: stable for the same plan, request and date, so a re-sent proposal
/// carries the same number.
pub fn quote_number(q: &Quote, r: &Request, date: &str) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(q.plan.source_sha256.as_bytes());
    h.update(serde_json::to_vec(r).unwrap_or_default());
    h.update(date.as_bytes());
    let digest = h.finalize();
    let hex: String = digest.iter().take(4).map(|b| format!("{b:02X}")).collect();
    format!("Q-{}-{hex}", date.replace('-', ""))
}

/// `YYYY-MM-DD` plus `days`, or `None` when the date does not read.
fn add_days(date: &str, days: u64) -> Option<String> {
    let d: jiff::civil::Date = date.parse().ok()?;
    let later = d
        .checked_add(jiff::Span::new().days(i64::try_from(days).ok()?))
        .ok()?;
    Some(later.to_string())
}

/// The last day a quote of `date` is valid under the plan's `quotes valid N days`.
fn valid_until(plan: Option<&Plan>, date: &str) -> Option<String> {
    plan.and_then(|p| p.deals.valid_days)
        .and_then(|days| add_days(date, days))
}

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
fn say<'a>(q: &'a Quote, w: &'a Words) -> Say<'a> {
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
        rows.push(field(w.get("seats"), super::words::number(n.0)));
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

/// Every segment's lines as billed on its first invoice, in the document's words.
fn sections(q: &Quote, r: &Request, plan: Option<&Plan>, doc: &Document, s: &Say) -> Vec<Section> {
    use super::schedule as view;
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
                    s.summary(&l.line.explain)
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
        None if seg.start == 0 => format!("{label} ({})", w.months(seg.months)),
        None => format!(
            "{label} ({}, {})",
            w.months(seg.months),
            w.with("from-month", &[("month", (seg.start + 1).to_string())])
        ),
    }
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
    let region = super::schedule::tax_region(q);
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
    let first_months = super::schedule::first_run(q, 0).map_or(q.cycle_months, |r| r.months);
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

/// Untrusted text as inert HTML: control characters shown, markup characters escaped.
pub(crate) fn esc(s: &str) -> String {
    crate::text::shown(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Escaped text whose hyphenated words (`one-time`, `month-to-month`) never break at the
/// hyphen: a printed `one-`/`time` reads as two words.
pub(crate) fn esc_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let inner = word.trim_matches(|c: char| !c.is_alphanumeric());
        if inner.contains('-') && inner.chars().any(char::is_alphabetic) {
            let _ = write!(out, "<span class=\"nw\">{}</span>", esc(word));
        } else {
            out.push_str(&esc(word));
        }
    }
    out
}

/// The logo as an `<img>` with its bytes inline, so the file stays self-contained.
fn logo_html(plan: Option<&Plan>, alt: &str) -> String {
    let Some(logo) = plan
        .and_then(|p| p.vendor.as_ref())
        .and_then(|v| v.logo.as_ref())
    else {
        return String::new();
    };
    format!(
        "<img class=\"logo\" src=\"data:{};base64,{}\" alt=\"{}\">",
        logo.mime,
        base64(&logo.bytes),
        esc(alt)
    )
}

/// Standard base64 with padding (RFC 4648), for a data URI.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The proposal as one HTML file.
pub fn html(q: &Quote, r: &Request, plan: Option<&Plan>, doc: &Document) -> String {
    let w = Words::new(doc.lang);
    let v = view(q, r, plan, doc);
    let internal = doc.audience == Audience::Internal;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — {}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        doc.lang.tag(),
        esc(&w.get("proposal")),
        esc(&v.vendor),
        STYLE
    );
    // The head: who sells (logo and name) and what this is, as a quote template opens.
    let _ = write!(
        s,
        "<header class=\"doc\">\n<div class=\"brand\">{}<p class=\"vendor\">{}</p><p class=\"plan\">{} {}</p></div>\n<div class=\"title\"><h1>{}</h1>\n<dl>\n",
        logo_html(plan, &v.vendor),
        esc(&v.vendor),
        esc(&q.plan.name),
        esc(&q.plan.version),
        esc(&w.get("proposal")),
    );
    let header_only = [
        w.get("quote-number"),
        w.get("date"),
        w.get("valid-until"),
        w.get("prepared-by"),
    ];
    for f in v.header.iter().filter(|f| header_only.contains(&f.label)) {
        let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", esc(&f.label), esc(&f.value));
    }
    s.push_str("</dl></div>\n</header>\n");
    // Who it is for, and what was asked for.
    s.push_str("<section class=\"parties\">\n");
    if !v.customer.is_empty() {
        let _ = write!(s, "<div><h2>{}</h2>\n<dl>\n", esc(&w.get("prepared-for")));
        for f in &v.customer {
            let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", esc(&f.label), esc(&f.value));
        }
        s.push_str("</dl></div>\n");
    }
    let _ = write!(s, "<div><h2>{}</h2>\n<dl>\n", esc(&w.get("summary")));
    for f in v.header.iter().filter(|f| !header_only.contains(&f.label)) {
        let _ = writeln!(
            s,
            "<dt>{}</dt><dd>{}</dd>",
            esc(&f.label),
            esc_words(&f.value)
        );
    }
    s.push_str("</dl></div>\n</section>\n");
    let last = v.sections.len().saturating_sub(1);
    for (i, sec) in v.sections.iter().enumerate() {
        if let Some(t) = &sec.title {
            let _ = writeln!(s, "<h2 class=\"segment\">{}</h2>", esc(t));
        }
        s.push_str("<table class=\"lines\">\n<colgroup><col class=\"c-item\"><col class=\"c-qty\"><col class=\"c-unit\"><col class=\"c-period\"><col class=\"c-amount\"></colgroup>\n");
        let [item, qty, unit, period, amount] = &v.columns;
        let _ = writeln!(
            s,
            "<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead>",
            esc(item),
            esc(qty),
            esc(unit),
            esc(period),
            esc(amount),
        );
        // The last lines of the last table print on the page the totals print on: a
        // total alone at the top of a page reads as a document that lost its lines.
        let tail = if i == last { sec.rows.len().min(3) } else { 0 };
        let split = sec.rows.len() - tail;
        for (j, rows) in [&sec.rows[..split], &sec.rows[split..]].iter().enumerate() {
            if rows.is_empty() {
                continue;
            }
            s.push_str(if j == 0 {
                "<tbody>\n"
            } else {
                "<tbody class=\"tail\">\n"
            });
            for row in rows.iter() {
                row_html(&mut s, row, internal);
            }
            s.push_str("</tbody>\n");
        }
        s.push_str("</table>\n");
    }
    let [before, tax, with] = &v.tax_heads;
    let _ = write!(
        s,
        "<section class=\"sums\">\n<table class=\"schedule\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th></th></tr></thead>\n<tbody>\n",
        esc(&w.get("invoices")),
        esc(before),
        esc(tax),
        esc(with)
    );
    for row in &v.invoices {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"each\">{}</td></tr>",
            esc(&row.which),
            esc(&row.before_tax),
            esc(&row.tax),
            esc(&row.with_tax),
            esc(&row.each)
        );
    }
    s.push_str("</tbody>\n</table>\n<table class=\"totals\">\n");
    let _ = writeln!(
        s,
        "<thead><tr><th></th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{} ({})</th></tr></thead>\n<tbody>",
        esc(before),
        esc(tax),
        esc(with),
        esc(&v.currency)
    );
    let n = v.totals.len();
    for (i, t) in v.totals.iter().enumerate() {
        let class = if i + 1 == n { " class=\"grand\"" } else { "" };
        let _ = writeln!(
            s,
            "<tr{class}><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc_words(&t.label),
            esc(&t.before_tax),
            esc(&t.tax),
            esc(&t.with_tax)
        );
    }
    // 大写金额 belongs to the contract total: on its row's line, under its amount.
    if let Some(f) = &v.in_words {
        let _ = writeln!(
            s,
            "<tr class=\"words\"><th scope=\"row\">{}</th><td colspan=\"3\">{}</td></tr>",
            esc(&f.label),
            esc(&f.value)
        );
    }
    s.push_str("</tbody>\n</table>\n<dl class=\"views\">\n");
    for f in &v.views {
        let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", esc(&f.label), esc(&f.value));
    }
    s.push_str("</dl>\n</section>\n");
    if let Some(d) = q.deal.as_ref().filter(|d| internal && !d.prices.is_empty()) {
        let sy = say(q, &w);
        let _ = write!(
            s,
            "<table class=\"prices\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead>\n<tbody>\n",
            esc(&w.get("contract-prices")),
            esc(&w.get("list-price")),
            esc(&w.get("contract-price"))
        );
        for c in &d.prices {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&c.label),
                esc(&sy.money(c.list)),
                esc(&sy.money(c.contract))
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    let _ = write!(
        s,
        "<section class=\"terms\">\n<h2>{}</h2>\n<ul>\n",
        esc(&w.get("terms"))
    );
    for t in &v.terms {
        let _ = writeln!(s, "<li>{}</li>", esc_words(t));
    }
    s.push_str("</ul>\n</section>\n");
    if internal {
        let _ = write!(
            s,
            "<section class=\"internal\">\n<h2>{}</h2>\n",
            esc(&w.get("internal"))
        );
        let titles: Vec<String> = (v.sections.iter())
            .map(|sec| sec.title.clone().unwrap_or_default())
            .collect();
        if let Ok(svg) = super::plot::invoices_svg(q, &titles, &w) {
            let _ = writeln!(
                s,
                "<figure class=\"chart\">{svg}<figcaption>{}</figcaption></figure>",
                esc(&w.get("invoice-chart"))
            );
        }
        s.push_str("<ul>\n");
        for n in &q.notes {
            let _ = writeln!(s, "<li>{}</li>", esc(n));
        }
        if q.approval.required {
            let _ = writeln!(
                s,
                "<li><strong>{}:</strong> {}</li>",
                esc(&w.get("approval-required")),
                esc(&q.approval.reasons.join("; "))
            );
        }
        s.push_str("</ul>\n</section>\n");
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// One line's row.
fn row_html(s: &mut String, row: &Row, internal: bool) {
    let _ = write!(s, "<tr><td>{}", esc_words(&row.label));
    if !row.description.is_empty() {
        let _ = write!(
            s,
            "<div class=\"desc\">{}</div>",
            esc_words(&row.description)
        );
    }
    if internal && !row.how.is_empty() {
        let _ = write!(s, "<div class=\"how\">{}</div>", esc(&row.how));
    }
    let _ = writeln!(
        s,
        "</td><td class=\"num\">{}</td><td class=\"num unit\">{}</td><td class=\"period\">{}</td><td class=\"num\">{}</td></tr>",
        esc(&row.qty),
        esc(&row.unit),
        esc(&row.period),
        esc(&row.amount)
    );
}

/// The proposal as Markdown: the same header, lines, invoices, totals and terms; the
/// internal one adds the derivations table.
pub fn markdown(q: &Quote, r: &Request, plan: Option<&Plan>, doc: &Document) -> String {
    let w = Words::new(doc.lang);
    let v = view(q, r, plan, doc);
    let cell = crate::text::shown_markdown;
    let mut s = format!(
        "## {} — {} {}\n\n",
        cell(&w.get("proposal")),
        cell(&q.plan.name),
        cell(&q.plan.version)
    );
    if plan.is_some_and(|p| p.vendor.is_some()) {
        let _ = writeln!(
            s,
            "- **{}**: {}",
            cell(&w.get("from-vendor")),
            cell(&v.vendor)
        );
    }
    for f in v.customer.iter().chain(&v.header) {
        let _ = writeln!(s, "- **{}**: {}", cell(&f.label), cell(&f.value));
    }
    for sec in &v.sections {
        if let Some(t) = &sec.title {
            let _ = write!(s, "\n### {}\n", cell(t));
        }
        let [item, qty, unit, period, amount] = &v.columns;
        let _ = write!(
            s,
            "\n| {} | {} | {} | {} | {} |\n|---|---:|---:|---|---:|\n",
            cell(item),
            cell(qty),
            cell(unit),
            cell(period),
            cell(amount)
        );
        for row in &sec.rows {
            let label = if row.description.is_empty() {
                cell(&row.label)
            } else {
                format!("{} ({})", cell(&row.label), cell(&row.description))
            };
            let _ = writeln!(
                s,
                "| {label} | {} | {} | {} | {} |",
                row.qty,
                cell(&row.unit),
                cell(&row.period),
                row.amount
            );
        }
    }
    let [before, tax, with] = &v.tax_heads;
    let _ = write!(
        s,
        "\n| {} | {before} | {tax} | {with} | |\n|---|---:|---:|---:|---|\n",
        w.get("invoices")
    );
    for row in &v.invoices {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            cell(&row.which),
            row.before_tax,
            row.tax,
            row.with_tax,
            row.each
        );
    }
    let _ = write!(
        s,
        "\n| | {before} | {tax} | {with} ({}) |\n|---|---:|---:|---:|\n",
        v.currency
    );
    for t in &v.totals {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            cell(&t.label),
            t.before_tax,
            t.tax,
            t.with_tax
        );
    }
    if let Some(f) = &v.in_words {
        let _ = writeln!(s, "| {} | | | {} |", f.label, f.value);
    }
    s.push('\n');
    for f in &v.views {
        let _ = writeln!(s, "- {}: {}", cell(&f.label), f.value);
    }
    let _ = write!(s, "\n**{}**\n\n", w.get("terms"));
    for t in &v.terms {
        let _ = writeln!(s, "- {}", cell(t));
    }
    if doc.audience == Audience::Internal {
        s.push('\n');
        s.push_str(&super::markdown_for(q, r.customer.as_deref()));
    }
    s
}

/// The documents' stylesheet: screen and A4 print.
///
/// One font for Latin digits and CJK text in a Chinese document (Noto Sans CJK carries
/// both), so every cell of a row shares one baseline; figures are tabular so columns of
/// amounts line up; Chinese labels break only between words a reader would break.
pub(crate) const STYLE: &str = "body { font-family: 'Noto Sans', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', sans-serif; color: #1d2430; margin: 2rem auto; max-width: 52rem; line-height: 1.45; font-variant-numeric: tabular-nums lining-nums; }
:lang(zh) body, body:lang(zh) { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; line-break: strict; }
:lang(zh) th, :lang(zh) td, :lang(zh) h1, :lang(zh) h2, :lang(zh) dt { word-break: keep-all; overflow-wrap: anywhere; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; letter-spacing: .02em; } h2 { font-size: 1.05rem; margin: 1.6rem 0 .4rem; }
header.doc { display: flex; justify-content: space-between; align-items: flex-start; gap: 2rem; border-bottom: 3px solid #1f4e8c; padding-bottom: 1rem; }
.brand .logo { max-height: 3.2rem; max-width: 14rem; display: block; margin-bottom: .4rem; }
.brand .vendor { font-size: 1.15rem; font-weight: 700; margin: 0; } .brand .plan { color: #4a5570; margin: .15rem 0 0; }
.title { text-align: right; } .title dl { grid-template-columns: max-content max-content; justify-content: end; }
.parties { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; break-inside: avoid; }
.parties h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: #4a5570; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dt { color: #4a5570; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
table.lines { table-layout: fixed; }
col.c-item { width: 38%; } col.c-qty { width: 8%; } col.c-unit { width: 24%; } col.c-period { width: 12%; } col.c-amount { width: 18%; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #dfe4ec; vertical-align: baseline; }
thead th { font-size: .85em; color: #33405a; border-bottom: 2px solid #b9c2d3; }
.num { text-align: right; white-space: nowrap; }
td.unit { white-space: normal; }
.totals th { font-weight: normal; text-align: left; } .totals tr.grand th, .totals tr.grand td { font-weight: 700; border-top: 2px solid #1d2430; }
.totals tr.words th { font-weight: 700; } .totals tr.words td { text-align: left; font-weight: 700; letter-spacing: .05em; }
.how { color: #5b6478; font-size: .82em; }
.desc { color: #4a5570; font-size: .85em; }
.period, .each, .nw { white-space: nowrap; }
.views { margin-top: 1rem; }
.segment { margin-top: 1.4rem; break-after: avoid; page-break-after: avoid; }
thead { display: table-header-group; } tr { break-inside: avoid; page-break-inside: avoid; }
tbody.tail, .sums, table.schedule, table.totals, .parties, .terms { break-inside: avoid; page-break-inside: avoid; }
tbody.tail { break-after: avoid; page-break-after: avoid; } .sums { break-before: avoid; page-break-before: avoid; }
.internal { border: 1px dashed #b36b00; padding: .5rem 1rem; margin-top: 2rem; }
.chart svg { width: 100%; height: auto; } figure.chart { margin: .5rem 0; } figcaption { color: #4a5570; font-size: .85em; }
@page { size: A4; margin: 16mm 16mm 18mm; }
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; } a { color: inherit; } .internal { break-before: auto; } }
";

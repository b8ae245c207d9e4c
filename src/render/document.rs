//! Documents a customer receives: a proposal as one self-contained HTML file (inline CSS,
//! A4 print styles) and the same header on Markdown, in the customer's language. What is
//! shown depends on the audience: a customer never sees notes, approval reasons or how
//! an amount was derived.

use super::locale::{capital_yuan, grouped, Lang, Words};
use crate::model::Plan;
use crate::quote::{LineKind, Quote};
use crate::request::Request;
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

/// An item's label in the document's language: the plan's `label LANG` when it gives
/// one, else its own.
pub fn label_in(plan: Option<&Plan>, kind: &str, id: &str, own: &str, lang: Lang) -> String {
    plan.and_then(|p| p.label_in(kind, id, lang.code()))
        .map_or_else(|| own.to_string(), |l| l.to_string())
}

/// A quote line's label in the document's language: the label of the item it prices
/// (the request's edition for seat lines), with the rest of the line's label kept.
fn line_label(plan: Option<&Plan>, r: &Request, l: &crate::quote::Line, lang: Lang) -> String {
    let own = l.label.to_string();
    let Some(p) = plan else { return own };
    let id = &*l.id;
    let first = |rest: &str| rest.split('.').next().unwrap_or("").to_string();
    let found: Option<(&str, String, String)> = if id == "seats" || id.starts_with("seats.") {
        (r.edition.as_deref())
            .and_then(|e| p.editions.iter().find(|x| &*x.id == e))
            .map(|e| ("edition", e.id.to_string(), e.label.to_string()))
    } else if let Some(rest) = id.strip_prefix("module.") {
        let n = first(rest);
        (p.modules.iter().find(|m| *m.id == *n)).map(|m| ("module", n.clone(), m.label.to_string()))
    } else if let Some(rest) = id.strip_prefix("addon.").or(id.strip_prefix("usage.")) {
        let n = first(rest);
        (p.quantities.iter().find(|q| *q.id == *n)).map(|q| {
            let kind = if id.starts_with("usage.") {
                "usage"
            } else {
                "add-on"
            };
            (kind, n.clone(), q.label.to_string())
        })
    } else if let Some(rest) = id.strip_prefix("backup.") {
        let n = first(rest);
        (p.backups.iter().find(|b| *b.id == *n))
            .map(|b| ("backup option", n.clone(), b.label.to_string()))
    } else if let Some(rest) = id.strip_prefix("support.") {
        let n = first(rest);
        (p.supports.iter().find(|s| *s.id == *n))
            .map(|s| ("support tier", n.clone(), s.label.to_string()))
    } else if let Some(rest) = id.strip_prefix("service.") {
        let n = first(rest);
        (p.services.iter().find(|s| *s.id == *n))
            .map(|s| ("service", n.clone(), s.label.to_string()))
    } else {
        None
    };
    let Some((kind, name, default)) = found else {
        return own;
    };
    let Some(alt) = p.label_in(kind, &name, lang.code()) else {
        return own;
    };
    let Some(rest) = own.strip_prefix(&default) else {
        return own;
    };
    let rest = if kind == "edition" {
        let word = [" seats", " 用户"]
            .into_iter()
            .find(|w| rest.starts_with(w));
        match word {
            Some(w) => format!(" {}{}", lang.seats_word(), &rest[w.len()..]),
            None => rest.to_string(),
        }
    } else {
        rest.to_string()
    };
    format!("{alt}{rest}")
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

/// The header fields as (label, value) pairs, in order.
fn header(
    q: &Quote,
    r: &Request,
    plan: Option<&Plan>,
    doc: &Document,
    w: &Words,
) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    if let Some(c) = &r.customer {
        rows.push((w.get("customer"), c.clone()));
    }
    rows.push((w.get("quote-number"), quote_number(q, r, &doc.date)));
    rows.push((w.get("date"), w.date(&doc.date)));
    if let Some(until) = valid_until(plan, &doc.date) {
        rows.push((w.get("valid-until"), w.date(&until)));
    }
    if let Some(p) = &doc.prepared_by {
        rows.push((w.get("prepared-by"), p.clone()));
    }
    if let Some(e) = &r.edition {
        let own = plan.and_then(|p| p.editions.iter().find(|x| &*x.id == e));
        let own = own.map_or(e.clone(), |x| x.label.to_string());
        rows.push((w.get("edition"), label_in(plan, "edition", e, &own, w.lang)));
    }
    if let Some(s) = r.seats {
        rows.push((w.get("seats"), crate::money::format_quantity(s.0)));
    }
    let modules: Vec<String> = (r.modules.iter())
        .map(|m| {
            let own = plan.and_then(|p| p.modules.iter().find(|x| &*x.id == m));
            let own = own.map_or(m.clone(), |x| x.label.to_string());
            label_in(plan, "module", m, &own, w.lang)
        })
        .collect();
    let modules = if modules.is_empty() {
        w.get("none")
    } else {
        modules.join(", ")
    };
    rows.push((w.get("modules"), modules));
    rows.push((w.get("billing"), cycle_word(w, q.cycle_months)));
    rows.push((w.get("term"), w.months(q.term_months)));
    rows
}

fn cycle_word(w: &Words, months: u64) -> String {
    w.get(match months {
        12 => "billed-annually",
        3 => "billed-quarterly",
        _ => "billed-monthly",
    })
}

/// One row of a segment's lines as billed, in the document's words.
struct Row {
    label: String,
    /// What was bought, where no unit price multiplies out.
    description: String,
    qty: String,
    unit: String,
    period: String,
    amount: String,
    how: String,
}

/// A segment's title (for deals and several segments) and its rows.
struct Section {
    title: Option<String>,
    rows: Vec<Row>,
}

/// The unit price as the document's language writes it: `23.00 per seat per month`,
/// `2,388.00 元/用户/年`.
fn unit_words(q: &Quote, l: &crate::quote::InvoiceLine, w: &Words) -> String {
    use crate::quote::Per;
    let Some((price, per)) = l.unit else {
        return String::new();
    };
    let d = q.plan.minor_digits;
    let price = crate::money::format_unit(price, d);
    let price = match price.split_once('.') {
        Some((whole, frac)) => format!("{}.{frac}", grouped_whole(whole)),
        None => grouped_whole(&price),
    };
    let noun = l
        .line
        .explain
        .unit_noun()
        .map(|n| match (n.as_str(), w.lang) {
            ("seat", _) => w.get("seat"),
            ("day", Lang::Zh) => "天".to_string(),
            (_, Lang::Zh) => match n.strip_prefix("pack of ") {
                Some(size) => format!("包（{size}）"),
                None if n == "target" => "项".to_string(),
                None => n,
            },
            _ => n,
        });
    let daily = l.line.explain.unit_noun().as_deref() == Some("day");
    let period = match per {
        Per::Month if daily => String::new(),
        Per::Month => w.get("per-month"),
        Per::Year => w.get("per-year"),
        Per::Once => String::new(),
    };
    match w.lang {
        Lang::Zh => {
            let money = if &*q.plan.currency == "CNY" {
                "元".to_string()
            } else {
                format!(" {}", q.plan.currency)
            };
            let noun = noun.map_or(String::new(), |n| format!("/{n}"));
            format!("{price} {money}{noun}{period}").replace("  ", " ")
        }
        Lang::En => {
            let noun = noun.map_or(String::new(), |n| format!(" per {n}"));
            let period = if period.is_empty() {
                period
            } else {
                format!(" {period}")
            };
            format!("{price}{noun}{period}")
        }
    }
}

/// `12345` with thousands separators.
fn grouped_whole(digits: &str) -> String {
    let (sign, body) = match digits.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", digits),
    };
    let mut out = String::new();
    for (i, c) in body.chars().enumerate() {
        if i > 0 && (body.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// Every segment's lines as billed on its first invoice, in the document's words.
fn sections(
    q: &Quote,
    r: &Request,
    plan: Option<&Plan>,
    doc: &Document,
    w: &Words,
) -> Vec<Section> {
    use super::schedule as view;
    let d = q.plan.minor_digits;
    let titled = view::titled(q);
    let mut out = Vec::new();
    for (i, seg) in q.schedule.segments.iter().enumerate() {
        let title = titled.then(|| segment_title(seg, w));
        let mut rows = Vec::new();
        for l in view::billed(q, i) {
            let unit = unit_words(q, &l, w);
            rows.push(Row {
                label: line_label(plan, r, l.line, doc.lang),
                description: if unit.is_empty() {
                    l.line.explain.summary(d)
                } else {
                    String::new()
                },
                qty: view::qty_text(&l),
                unit,
                period: match l.line.kind {
                    LineKind::OneTime => w.get("once"),
                    LineKind::Recurring => w.months(l.months),
                },
                amount: grouped(l.amount, d),
                how: view::how(q, seg, &l),
            });
        }
        if let (Some(adj), Some(run)) = (&seg.adjustment, view::first_run(q, i)) {
            rows.push(Row {
                label: adj.words.clone(),
                description: String::new(),
                qty: String::new(),
                unit: String::new(),
                period: String::new(),
                amount: grouped(run.adjustment, d),
                how: String::new(),
            });
        }
        out.push(Section { title, rows });
    }
    out
}

/// A segment's title in the document's words.
fn segment_title(seg: &crate::quote::Segment, w: &Words) -> String {
    let label = seg.label.clone().unwrap_or_else(|| w.get("term"));
    match &seg.proration {
        Some(p) => format!(
            "{label}: {}",
            w.with(
                "co-termed",
                &[
                    ("remaining", p.remaining.to_string()),
                    ("total", p.total.to_string()),
                    ("unit", p.unit.to_string()),
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

/// The invoices, grouped: (which, before tax, tax, with tax, `each` or nothing).
fn schedule_rows(q: &Quote, w: &Words) -> Vec<[String; 5]> {
    let d = q.plan.minor_digits;
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
            let which = format!("{which} · {}", w.months(r.months));
            let each = if r.count > 1 {
                w.get("each")
            } else {
                String::new()
            };
            [
                which,
                grouped(r.amounts.without_tax, d),
                grouped(r.amounts.tax, d),
                grouped(r.amounts.with_tax, d),
                each,
            ]
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
fn totals(q: &Quote, w: &Words) -> Vec<[String; 4]> {
    let d = q.plan.minor_digits;
    let t = &q.totals;
    let a = |x| grouped(x, d);
    let first_months = super::schedule::first_run(q, 0).map_or(q.cycle_months, |r| r.months);
    let contract = if q.schedule.segments.iter().any(|s| s.proration.is_some()) {
        w.get("amendment-total")
    } else {
        w.with("contract-total", &[("period", w.months(q.term_months))])
    };
    vec![
        [
            w.with("first-invoice", &[("period", w.months(first_months))]),
            a(t.first_invoice),
            a(t.first_invoice_tax),
            a(t.first_invoice_total),
        ],
        [
            contract,
            a(t.term_total),
            a(t.term_tax),
            a(t.term_total_with_tax),
        ],
    ]
}

/// The recurring views: per month and per year, in the price list's own terms (with tax
/// on a tax-included plan, before tax otherwise), labelled which.
fn views(q: &Quote, w: &Words) -> Vec<(String, String)> {
    let d = q.plan.minor_digits;
    let cur = &q.plan.currency;
    let basis = if q.plan.tax_included {
        w.get("basis-with-tax")
    } else {
        w.get("basis-before-tax")
    };
    vec![
        (
            format!("{} ({basis})", w.get("monthly-recurring")),
            format!("{} {cur}", grouped(q.totals.monthly_recurring, d)),
        ),
        (
            format!("{} ({basis})", w.get("annual-recurring")),
            format!("{} {cur}", grouped(q.totals.annual_recurring, d)),
        ),
    ]
}

/// The plan's terms in words.
fn terms(q: &Quote, plan: Option<&Plan>, doc: &Document, w: &Words) -> Vec<String> {
    let mut out = vec![w.with(
        "terms-currency",
        &[
            ("currency", q.plan.currency.to_string()),
            ("cycle", cycle_word(w, q.cycle_months)),
        ],
    )];
    if let Some(statement) = tax_statement(q, w) {
        out.insert(0, statement);
    }
    if let Some(m) = plan.and_then(|p| p.min_term_months) {
        out.push(w.with("terms-min-term", &[("period", w.months(m))]));
    }
    if let Some(until) = valid_until(plan, &doc.date) {
        out.push(w.with("terms-valid", &[("date", w.date(&until))]));
    }
    out
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

/// The proposal as one HTML file.
pub fn html(q: &Quote, r: &Request, plan: Option<&Plan>, doc: &Document) -> String {
    let w = Words::new(doc.lang);
    let internal = doc.audience == Audience::Internal;
    let cur = esc(&q.plan.currency);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} — {}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        doc.lang.tag(),
        esc(&w.get("proposal")),
        esc(&q.plan.name),
        STYLE
    );
    let _ = write!(
        s,
        "<header>\n<h1>{}</h1>\n<p class=\"vendor\">{} {}</p>\n<dl>\n",
        esc(&w.get("proposal")),
        esc(&q.plan.name),
        esc(&q.plan.version)
    );
    for (k, v) in header(q, r, plan, doc, &w) {
        let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", esc(&k), esc(&v));
    }
    s.push_str("</dl>\n</header>\n");
    for sec in sections(q, r, plan, doc, &w) {
        if let Some(t) = &sec.title {
            let _ = writeln!(s, "<h2>{}</h2>", esc(t));
        }
        let _ = write!(
            s,
            "<table class=\"lines\">\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th><th class=\"num\">{} ({cur})</th></tr></thead>\n<tbody>\n",
            esc(&w.get("item")),
            esc(&w.get("qty")),
            esc(&w.get("unit-price")),
            esc(&w.get("period")),
            esc(&w.get("amount")),
        );
        for row in &sec.rows {
            let _ = write!(s, "<tr><td>{}", esc(&row.label));
            if !row.description.is_empty() {
                let _ = write!(s, "<div class=\"desc\">{}</div>", esc(&row.description));
            }
            if internal && !row.how.is_empty() {
                let _ = write!(s, "<div class=\"how\">{}</div>", esc(&row.how));
            }
            let _ = writeln!(
                s,
                "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"period\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&row.qty),
                esc(&row.unit),
                esc(&row.period),
                esc(&row.amount)
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    let [before, tax, with] = tax_heads(q, &w);
    let _ = write!(
        s,
        "<section class=\"sums\">\n<table class=\"schedule\">\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th></th></tr></thead>\n<tbody>\n",
        esc(&w.get("invoices")),
        esc(&before),
        esc(&tax),
        esc(&with)
    );
    for [which, b, t, x, each] in schedule_rows(q, &w) {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"each\">{}</td></tr>",
            esc(&which),
            esc(&b),
            esc(&t),
            esc(&x),
            esc(&each)
        );
    }
    s.push_str("</tbody>\n</table>\n<table class=\"totals\">\n");
    let _ = writeln!(
        s,
        "<thead><tr><th></th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{} ({cur})</th></tr></thead>",
        esc(&before),
        esc(&tax),
        esc(&with)
    );
    for [k, b, t, x] in totals(q, &w) {
        let _ = writeln!(
            s,
            "<tr><th>{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&k),
            esc(&b),
            esc(&t),
            esc(&x)
        );
    }
    if doc.lang == Lang::Zh && &*q.plan.currency == "CNY" {
        if let Some(words) = capital_yuan(q.totals.term_total_with_tax) {
            let _ = writeln!(
                s,
                "<tr class=\"words\"><th>{}</th><td colspan=\"3\" class=\"num\">{}</td></tr>",
                esc(&w.get("in-words")),
                esc(&words)
            );
        }
    }
    s.push_str("</table>\n<dl class=\"views\">\n");
    for (k, v) in views(q, &w) {
        let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", esc(&k), esc(&v));
    }
    s.push_str("</dl>\n</section>\n");
    if let Some(d) = q.deal.as_ref().filter(|d| internal && !d.prices.is_empty()) {
        let digits = q.plan.minor_digits;
        let _ = write!(
            s,
            "<table class=\"prices\">\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>\n",
            esc(&w.get("contract-prices")),
            esc(&w.get("list-price")),
            esc(&w.get("contract-price"))
        );
        for c in &d.prices {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&c.label),
                crate::money::format_unit(c.list, digits),
                crate::money::format_unit(c.contract, digits)
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    let _ = write!(
        s,
        "<section class=\"terms\">\n<h2>{}</h2>\n<ul>\n",
        esc(&w.get("terms"))
    );
    for t in terms(q, plan, doc, &w) {
        let _ = writeln!(s, "<li>{}</li>", esc(&t));
    }
    s.push_str("</ul>\n</section>\n");
    if internal {
        s.push_str("<section class=\"internal\">\n<h2>Internal</h2>\n<ul>\n");
        for n in &q.notes {
            let _ = writeln!(s, "<li>{}</li>", esc(n));
        }
        if q.approval.required {
            let _ = writeln!(
                s,
                "<li><strong>Approval required:</strong> {}</li>",
                esc(&q.approval.reasons.join("; "))
            );
        }
        s.push_str("</ul>\n</section>\n");
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// The proposal as Markdown: the same header, lines, invoices, totals and terms; the
/// internal one adds the derivations table.
pub fn markdown(q: &Quote, r: &Request, plan: Option<&Plan>, doc: &Document) -> String {
    let w = Words::new(doc.lang);
    let cell = crate::text::shown_markdown;
    let cur = &q.plan.currency;
    let mut s = format!(
        "## {} — {} {}\n\n",
        cell(&w.get("proposal")),
        cell(&q.plan.name),
        cell(&q.plan.version)
    );
    for (k, v) in header(q, r, plan, doc, &w) {
        let _ = writeln!(s, "- **{}**: {}", cell(&k), cell(&v));
    }
    for sec in sections(q, r, plan, doc, &w) {
        if let Some(t) = &sec.title {
            let _ = write!(s, "\n### {}\n", cell(t));
        }
        let _ = write!(
            s,
            "\n| {} | {} | {} | {} | {} ({cur}) |\n|---|---:|---:|---|---:|\n",
            w.get("item"),
            w.get("qty"),
            w.get("unit-price"),
            w.get("period"),
            w.get("amount")
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
    let [before, tax, with] = tax_heads(q, &w);
    let _ = write!(
        s,
        "\n| {} | {before} | {tax} | {with} | |\n|---|---:|---:|---:|---|\n",
        w.get("invoices")
    );
    for [which, b, t, x, each] in schedule_rows(q, &w) {
        let _ = writeln!(s, "| {} | {b} | {t} | {x} | {each} |", cell(&which));
    }
    let _ = write!(
        s,
        "\n| | {before} | {tax} | {with} ({cur}) |\n|---|---:|---:|---:|\n"
    );
    for [k, b, t, x] in totals(q, &w) {
        let _ = writeln!(s, "| {} | {b} | {t} | {x} |", cell(&k));
    }
    if doc.lang == Lang::Zh && &*q.plan.currency == "CNY" {
        if let Some(words) = capital_yuan(q.totals.term_total_with_tax) {
            let _ = writeln!(s, "| {} | | | {words} |", w.get("in-words"));
        }
    }
    s.push('\n');
    for (k, v) in views(q, &w) {
        let _ = writeln!(s, "- {}: {}", cell(&k), v);
    }
    let _ = write!(s, "\n**{}**\n\n", w.get("terms"));
    for t in terms(q, plan, doc, &w) {
        let _ = writeln!(s, "- {}", cell(&t));
    }
    if doc.audience == Audience::Internal {
        s.push('\n');
        s.push_str(&super::markdown_for(q, r.customer.as_deref()));
    }
    s
}

/// The documents' stylesheet: screen and A4 print.
pub(crate) const STYLE: &str = "body { font-family: system-ui, 'Noto Sans CJK SC', sans-serif; color: #1d2430; margin: 2rem auto; max-width: 50rem; }
h1 { font-size: 1.6rem; margin: 0; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.vendor { color: #55607a; margin: .25rem 0 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { color: #55607a; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin-top: 1.5rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e3e7ee; vertical-align: top; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.totals th { font-weight: normal; } .totals tr:last-child th, .totals tr:last-child td { font-weight: 700; }
.how { color: #6b7488; font-size: .85em; }
.desc { color: #55607a; font-size: .85em; }
.period, .each { white-space: nowrap; }
.views { margin-top: 1rem; }
table.schedule, table.totals, .sums { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; } tr { break-inside: avoid; }
.internal { border: 1px dashed #c07a00; padding: .5rem 1rem; }
@page { size: A4; margin: 18mm; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
";

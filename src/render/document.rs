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

/// The totals as (label, amount with currency) rows.
fn totals(q: &Quote, w: &Words) -> Vec<(String, String)> {
    let d = q.plan.minor_digits;
    let cur = &q.plan.currency;
    let a = |x| format!("{} {cur}", grouped(x, d));
    let t = &q.totals;
    let pct = q.plan.tax_percent.normalize().to_string();
    let mut rows = vec![
        (w.get("monthly-recurring"), a(t.monthly_recurring)),
        (w.get("one-time"), a(t.one_time)),
        (
            w.with("first-invoice", &[("period", w.months(q.cycle_months))]),
            a(t.first_invoice_total),
        ),
    ];
    let tax_key = if q.plan.tax_included {
        "tax-included"
    } else {
        "tax"
    };
    rows.push((
        w.with(tax_key, &[("percent", pct.clone())]),
        a(t.first_invoice_tax),
    ));
    rows.push((
        w.with("term-total", &[("period", w.months(q.term_months))]),
        a(t.term_total),
    ));
    rows.push((w.with(tax_key, &[("percent", pct)]), a(t.term_tax)));
    rows.push((w.get("with-tax"), a(t.term_total_with_tax)));
    rows
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
    let d = q.plan.minor_digits;
    let internal = doc.audience == Audience::Internal;
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
    s.push_str("</dl>\n</header>\n<table class=\"lines\">\n<thead><tr>");
    let _ = write!(
        s,
        "<th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>",
        esc(&w.get("item")),
        esc(&w.get("billing")),
        esc(&w.get("qty")),
        esc(&w.get("unit-price")),
        esc(&w.get("amount"))
    );
    s.push_str("</tr></thead>\n<tbody>\n");
    for l in &q.lines {
        let (qty, unit) = super::qty_unit(q, l);
        let billed = match l.kind {
            LineKind::Recurring => cycle_word(&w, q.cycle_months),
            LineKind::OneTime => w.get("billed-once"),
        };
        let _ = write!(s, "<tr><td>{}", esc(&line_label(plan, r, l, doc.lang)));
        if internal {
            let _ = write!(s, "<div class=\"how\">{}</div>", esc(&l.explain.render(d)));
        }
        let _ = writeln!(
            s,
            "</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&billed),
            esc(&qty),
            esc(&unit),
            esc(&grouped(l.amount, d))
        );
    }
    s.push_str("</tbody>\n</table>\n<table class=\"totals\">\n");
    for (k, v) in totals(q, &w) {
        let _ = writeln!(
            s,
            "<tr><th>{}</th><td class=\"num\">{}</td></tr>",
            esc(&k),
            esc(&v)
        );
    }
    if doc.lang == Lang::Zh && &*q.plan.currency == "CNY" {
        if let Some(words) = capital_yuan(q.totals.term_total_with_tax) {
            let _ = writeln!(
                s,
                "<tr class=\"words\"><th>{}</th><td>{}</td></tr>",
                esc(&w.get("in-words")),
                esc(&words)
            );
        }
    }
    s.push_str("</table>\n");
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

/// The proposal header, terms and (for a customer) a table without derivations, as
/// Markdown.
pub fn markdown(q: &Quote, r: &Request, plan: Option<&Plan>, doc: &Document) -> String {
    let w = Words::new(doc.lang);
    let d = q.plan.minor_digits;
    let cell = crate::text::shown_markdown;
    let mut s = format!(
        "## {} — {} {}\n\n",
        cell(&w.get("proposal")),
        cell(&q.plan.name),
        cell(&q.plan.version)
    );
    for (k, v) in header(q, r, plan, doc, &w) {
        let _ = writeln!(s, "- **{}**: {}", cell(&k), cell(&v));
    }
    let _ = write!(
        s,
        "\n| {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|\n",
        w.get("item"),
        w.get("billing"),
        w.get("qty"),
        w.get("unit-price"),
        w.get("amount")
    );
    for l in &q.lines {
        let (qty, unit) = super::qty_unit(q, l);
        let billed = match l.kind {
            LineKind::Recurring => cycle_word(&w, q.cycle_months),
            LineKind::OneTime => w.get("billed-once"),
        };
        let _ = writeln!(
            s,
            "| {} | {billed} | {qty} | {unit} | {} |",
            cell(&line_label(plan, r, l, doc.lang)),
            grouped(l.amount, d)
        );
    }
    s.push_str("\n| | |\n|---|---:|\n");
    for (k, v) in totals(q, &w) {
        let _ = writeln!(s, "| {} | {} |", cell(&k), v);
    }
    if doc.lang == Lang::Zh && &*q.plan.currency == "CNY" {
        if let Some(words) = capital_yuan(q.totals.term_total_with_tax) {
            let _ = writeln!(s, "| {} | {words} |", w.get("in-words"));
        }
    }
    let _ = write!(s, "\n**{}**\n\n", w.get("terms"));
    for t in terms(q, plan, doc, &w) {
        let _ = writeln!(s, "- {}", cell(&t));
    }
    if doc.audience == Audience::Internal {
        s.push('\n');
        s.push_str(&super::markdown(q));
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
.internal { border: 1px dashed #c07a00; padding: .5rem 1rem; }
@page { size: A4; margin: 18mm; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
";

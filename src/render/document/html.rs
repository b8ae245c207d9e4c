//! The proposal as one self-contained HTML file: inline CSS, the logo inline, A4 print.

use super::view::say;
use super::{base64, esc, esc_words, view, Audience, Document, Row, STYLE};
use crate::model::Plan;
use crate::quote::Quote;
use crate::render::locale::Words;
use crate::request::Request;
use std::fmt::Write;

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
    // 大写金额 belongs to the contract total: the row right under it, ending where its
    // amount with tax ends, as a Chinese invoice writes 价税合计 (大写) beside (小写).
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
        if let Ok(svg) = crate::render::plot::invoices_svg(q, &titles, None, &w) {
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

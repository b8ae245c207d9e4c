//! The pricing page as one self-contained HTML file: cards per edition that a cycle toggle
//! switches with CSS alone, then the sections as tables, the curves and the terms.

use super::*;

/// A table of tiers, in HTML.
fn tiers_html(out: &mut String, t: &Tiers, w: &Words) {
    let _ = write!(
        out,
        "<table class=\"tiers\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        esc(&w.get("tier-head")),
        esc(&w.get("price"))
    );
    for [range, price] in &t.rows {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(range),
            esc_words(price)
        );
    }
    let _ = write!(
        out,
        "</tbody></table><p class=\"note\">{}</p>",
        esc(&t.note)
    );
}

/// The sheet as one self-contained HTML page: the pricing page.
pub fn html(plan: &Plan, lang: Lang, facts: &Facts, links: &Links) -> String {
    let w = Words::new(lang);
    let s = say(plan, &w);
    let vendor = plan
        .vendor
        .as_ref()
        .map_or_else(|| plan.name.to_string(), |v| v.name.to_string());
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{}{}</style>\n</head>\n<body class=\"page\">\n",
        lang.tag(),
        esc(&title(plan, &w)),
        crate::render::document::STYLE,
        PAGE_STYLE,
    );
    let logo = plan
        .vendor
        .as_ref()
        .and_then(|v| v.logo.as_ref())
        .map_or(String::new(), |l| {
            format!(
                "<img class=\"logo\" src=\"data:{};base64,{}\" alt=\"{}\">",
                l.mime,
                crate::render::document::base64(&l.bytes),
                esc(&vendor)
            )
        });
    let currency = match (lang, &*plan.currency.code) {
        (Lang::Zh, "CNY") => "人民币（元）".to_string(),
        (_, c) => c.to_string(),
    };
    let version = match &plan.effective {
        Some(d) => w.with(
            "version-effective",
            &[("version", plan.version.to_string()), ("date", w.date(d))],
        ),
        None => w.with("version-only", &[("version", plan.version.to_string())]),
    };
    let _ = write!(
        out,
        "<header class=\"top\">{logo}<p class=\"vendor\">{}</p><h1>{}</h1><p class=\"sub\">{} · {}</p></header>\n<main>\n",
        esc(&vendor),
        esc(&plan.name),
        esc(&w.with("prices-in", &[("currency", currency)])),
        esc(&version),
    );
    let cycles = columns(plan, facts);
    let default = facts
        .default_cycle
        .filter(|d| cycles.contains(d))
        .or(cycles.first().copied());
    // The toggle: radios first, so the cards after them can follow the checked one with CSS
    // alone (no script needed to switch).
    if cycles.len() > 1 {
        let _ = writeln!(
            out,
            "<fieldset class=\"toggle\"><legend>{}</legend>",
            esc(&w.get("billing-toggle"))
        );
        for (ci, c) in cycles.iter().enumerate() {
            let best = (facts.editions.iter())
                .filter_map(|f| f.savings.get(ci).copied().flatten())
                .max();
            let badge = best.map_or(String::new(), |b| {
                format!(
                    " <span class=\"badge\">{}</span>",
                    esc(&w.with("save-up-to", &[("percent", b.normalize().to_string())]))
                )
            });
            let m = c.months();
            let _ = writeln!(
                out,
                "<input type=\"radio\" name=\"cycle\" id=\"cycle-{m}\" value=\"{}\"{}><label for=\"cycle-{m}\">{}{badge}</label>",
                esc(&c.name()),
                if Some(*c) == default { " checked" } else { "" },
                esc(&s.cycle_name(m)),
            );
        }
        out.push_str("</fieldset>\n");
    }
    out.push_str("<style>");
    for c in &cycles {
        let m = c.months();
        let _ = write!(
            out,
            "body:has(#cycle-{m}:checked) .cards .p-{m} {{ display: block; }} "
        );
    }
    if cycles.len() <= 1 {
        out.push_str(".cards .price { display: block; }");
    }
    out.push_str("</style>\n<section class=\"cards\">\n");
    for (i, e) in shown(plan) {
        let name = label_in(plan, "edition", &e.id, &e.label, lang);
        let _ = writeln!(
            out,
            "<article class=\"card\" aria-labelledby=\"e-{i}\"><h2 id=\"e-{i}\">{}</h2>",
            esc(&name)
        );
        if let Some(d) = e.description.in_lang(lang.code()) {
            let _ = writeln!(out, "<p class=\"who\">{}</p>", esc(d));
        }
        for (ci, c) in cycles.iter().enumerate() {
            let h = headline(plan, e, *c, &s);
            let _ = write!(out, "<div class=\"price p-{}\">", c.months());
            match &h.amount {
                None => {
                    let _ = write!(
                        out,
                        "<p class=\"amount\"><span class=\"big\">{}</span></p>",
                        esc(&w.get("contact-sales"))
                    );
                }
                Some(a) => {
                    let _ = write!(
                        out,
                        "<p class=\"amount\"><span class=\"big\">{}</span> <span class=\"unit\">{}</span></p>",
                        esc(a),
                        esc(&h.unit)
                    );
                    if let Some(n) = &h.note {
                        let _ = write!(out, "<p class=\"band\">{}</p>", esc(n));
                    }
                    let billed = if h.sold {
                        s.billed(c.months())
                    } else {
                        let first = sold_on(plan, &e.sold_on)
                            .iter()
                            .map(|b| s.cycle(b.months()))
                            .collect::<Vec<_>>();
                        w.with("billed-only", &[("cycles", s.list(&first))])
                    };
                    let _ = write!(out, "<p class=\"billed\">{}", esc(&billed));
                    if let Some(sv) = saving(facts, i, ci, &s).filter(|_| h.sold) {
                        let _ = write!(out, " <span class=\"badge\">{}</span>", esc(&sv));
                    }
                    out.push_str("</p>");
                    for o in offers(facts, i, ci, &s) {
                        let _ = write!(out, "<p class=\"offer\">{}</p>", esc(&o));
                    }
                    if let Some(t) = &h.tiers {
                        tiers_html(&mut out, t, &w);
                    }
                }
            }
            if let Some(base) = &links.calculator {
                let _ = write!(
                    out,
                    "<a class=\"cta\" href=\"{}&amp;edition={}&amp;billing={}\">{}</a>",
                    esc(base),
                    esc(&e.id),
                    esc(&c.name()),
                    esc(&w.get("get-quote"))
                );
            }
            out.push_str("</div>\n");
        }
        let facts_list = edition_facts(plan, e, &s);
        if !facts_list.is_empty() {
            out.push_str("<ul class=\"facts\">");
            for f in facts_list {
                let _ = write!(out, "<li>{}</li>", esc_words(&f));
            }
            out.push_str("</ul>\n");
        }
        let includes = edition_includes(plan, i, e, &s);
        if !includes.is_empty() {
            let _ = write!(
                out,
                "<h3>{}</h3><ul class=\"includes\">",
                esc(&w.get("includes-head"))
            );
            for f in includes {
                let _ = write!(
                    out,
                    "<li><span aria-hidden=\"true\">✓</span> {}</li>",
                    esc(&f)
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
    for sec in sections(plan, facts, &s, false) {
        let matrix = sec.title == w.get("compare");
        let _ = write!(
            out,
            "<section class=\"block\"><h2>{}</h2>\n<div class=\"scroll\"><table class=\"{}\">\n<thead><tr>",
            esc(&sec.title),
            if matrix { "matrix" } else { "list" }
        );
        for (i, h) in sec.head.iter().enumerate() {
            let _ = write!(
                out,
                "<th scope=\"col\"{}>{}</th>",
                if matrix && i > 0 { " class=\"ed\"" } else { "" },
                esc(h)
            );
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for r in &sec.rows {
            out.push_str("<tr>");
            for (i, c) in r.iter().enumerate() {
                if i == 0 {
                    let _ = write!(out, "<th scope=\"row\">{}</th>", esc(c));
                } else if matrix && c == "✓" {
                    let _ = write!(
                        out,
                        "<td class=\"yes\"><span aria-hidden=\"true\">✓</span><span class=\"sr\">{}</span></td>",
                        esc(&w.get("included-text"))
                    );
                } else if matrix && *c == w.get("not-available") {
                    let _ = write!(
                        out,
                        "<td class=\"no\"><span aria-hidden=\"true\">—</span><span class=\"sr\">{}</span></td>",
                        esc(&w.get("not-available-text"))
                    );
                } else {
                    let _ = write!(out, "<td>{}</td>", esc_words(c));
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table></div>\n");
        // Tiers of add-ons and usage as their own small tables, readable at a glance.
        if sec.title == w.get("quantities") {
            for q in plan.quantities.iter().filter(|q| !q.on_application) {
                if let (_, Some(t)) = charge_words(&q.charge, &q.unit, &s) {
                    let name = label_in(plan, q.kind.word(), &q.id, &q.label, lang);
                    let _ = write!(out, "<div class=\"qty-tiers\"><h3>{}</h3>", esc(&name));
                    tiers_html(&mut out, &t, &w);
                    out.push_str("</div>\n");
                }
            }
        }
        out.push_str("</section>\n");
    }
    if !facts.curves.is_empty() {
        let chart_title = w.get("price-curve");
        if let Ok(svg) = crate::render::plot::svg(&facts.curves, "", &plan.currency.code, &w) {
            let _ = writeln!(
                out,
                "<section class=\"block\"><h2>{}</h2><figure class=\"chart\">{svg}</figure></section>",
                esc(&chart_title)
            );
        }
    }
    out.push_str("<footer class=\"terms\"><ul>");
    for t in page_terms(plan, &s) {
        let _ = write!(out, "<li>{}</li>", esc_words(&t));
    }
    out.push_str("</ul></footer>\n</main>\n</body>\n</html>\n");
    out
}

/// The pricing page's own styles, after the documents'.
const PAGE_STYLE: &str = "body.page { max-width: 76rem; padding: 0 1.25rem; }
.top { text-align: center; margin: 1rem 0 1.5rem; } .top .logo { max-height: 3rem; margin: 0 auto .5rem; display: block; }
.top .vendor { font-weight: 700; color: #1f4e8c; margin: 0; } .top h1 { font-size: 2rem; margin: .25rem 0; } .top .sub { color: #4a5570; margin: 0; }
.toggle { border: 0; display: flex; justify-content: center; align-items: center; gap: .25rem; margin: 0 0 1.5rem; padding: 0; flex-wrap: wrap; }
.toggle legend { width: 100%; text-align: center; color: #4a5570; margin-bottom: .5rem; }
.toggle input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.toggle label { border: 1px solid #1f4e8c; padding: .45rem 1rem; border-radius: 999px; cursor: pointer; color: #1f4e8c; background: #fff; }
.toggle input:checked + label { background: #1f4e8c; color: #fff; }
.toggle input:focus-visible + label { outline: 3px solid #d66e12; outline-offset: 2px; }
.badge { display: inline-block; background: #e3f1e6; color: #14532d; border-radius: 999px; padding: 0 .5rem; font-size: .8em; font-weight: 600; }
.toggle input:checked + label .badge { background: #fff; color: #14532d; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; align-items: start; }
.card { border: 1px solid #d3d9e4; border-radius: .75rem; padding: 1.25rem; box-shadow: 0 1px 2px rgba(20,30,50,.06); break-inside: avoid; }
.card h2 { margin: 0; font-size: 1.3rem; word-break: keep-all; }
.card h3 { font-size: .9rem; margin: 1rem 0 .25rem; color: #33405a; }
.who { color: #4a5570; margin: .35rem 0 .75rem; min-height: 1.4em; }
.price { display: none; } .amount { margin: .5rem 0 0; } .big { font-size: 2rem; font-weight: 700; letter-spacing: -.01em; }
.unit { color: #33405a; } .band, .billed, .offer { margin: .2rem 0; color: #4a5570; font-size: .9rem; } .offer { color: #14532d; }
.cta { display: block; text-align: center; margin: .9rem 0 .25rem; padding: .55rem; border-radius: .5rem; background: #1f4e8c; color: #fff; text-decoration: none; font-weight: 600; }
.cta:focus-visible { outline: 3px solid #d66e12; outline-offset: 2px; }
.facts, .includes { list-style: none; padding: 0; margin: .5rem 0 0; } .facts li, .includes li { padding: .15rem 0; }
.facts li { color: #33405a; font-size: .92rem; } .includes span { color: #1f7a3a; font-weight: 700; }
table.tiers { margin-top: .5rem; font-size: .88rem; } table.tiers td, table.tiers th { padding: .2rem .4rem; }
.note { color: #4a5570; font-size: .85rem; margin: .25rem 0 0; }
.block { margin-top: 2.5rem; } .scroll { overflow-x: auto; }
table.matrix td, table.matrix th.ed { text-align: center; } table.matrix tbody th { font-weight: normal; }
table.list tbody th { font-weight: 600; width: 28%; }
td.yes { color: #1f7a3a; font-weight: 700; } td.no { color: #6b7488; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.qty-tiers { margin-top: 1rem; max-width: 36rem; } .qty-tiers h3 { font-size: 1rem; margin: 0; }
footer.terms { margin: 2.5rem 0 2rem; color: #33405a; border-top: 1px solid #d3d9e4; padding-top: 1rem; }
";

//! `ratecard sheet`: the plan itself as a public price page, editions side by side with
//! what each includes (a feature matrix), then add-ons, usage, storage, backup, support
//! and services, each priced in the plan's own words; as a terminal table, Markdown or
//! HTML.

use super::locale::{Lang, Words};
use crate::diff::describe;
use crate::model::Plan;
use std::fmt::Write;

/// One table of the sheet: a title, a header row and rows, all text.
struct Section {
    title: String,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// An item's label in the sheet's language.
fn tr(plan: &Plan, kind: &str, id: &str, own: &str, w: &Words) -> String {
    super::document::label_in(Some(plan), kind, id, own, w.lang)
}

/// The sheet's sections, in the order a price page reads.
fn sections(plan: &Plan, w: &Words) -> Vec<Section> {
    let d = plan.currency.minor_digits;
    let mut out = Vec::new();
    let price = |e: &crate::model::Edition| {
        if e.on_application {
            return w.get("contact-sales");
        }
        describe::with_cycles(
            &e.price,
            &e.cycle_prices,
            &e.sold_on,
            d,
            describe::seat_price,
        )
    };
    out.push(Section {
        title: w.get("editions"),
        head: vec![w.get("edition"), w.get("edition-price")],
        rows: plan
            .editions
            .iter()
            .map(|e| vec![tr(plan, "edition", &e.id, &e.label, w), price(e)])
            .collect(),
    });
    // The matrix: a row per module, a column per edition.
    let mut head = vec![String::new()];
    head.extend(
        plan.editions
            .iter()
            .map(|e| tr(plan, "edition", &e.id, &e.label, w)),
    );
    let rows = (plan.modules.iter().enumerate())
        .map(|(m, module)| {
            let mut row = vec![tr(plan, "module", &module.id, &module.label, w)];
            row.extend(plan.editions.iter().map(|e| {
                if e.included[m] {
                    "✓".to_string()
                } else if module.on_application {
                    w.get("contact-sales")
                } else if module.price.is_some() || module.attach_for(&e.id).is_some() {
                    let p = module
                        .attach_for(&e.id)
                        .map(|a| &a.price)
                        .or(module.price.as_ref());
                    p.map_or_else(String::new, |p| format!("+ {}", describe::seat_price(p, d)))
                } else {
                    w.get("not-available")
                }
            }));
            row
        })
        .collect();
    out.push(Section {
        title: w.get("features"),
        head,
        rows,
    });
    if !plan.quantities.is_empty() {
        out.push(Section {
            title: w.get("quantities"),
            head: vec![w.get("item"), w.get("unit"), w.get("price")],
            rows: (plan.quantities.iter())
                .map(|q| {
                    vec![
                        {
                            let kind = match q.kind {
                                crate::model::QuantityKind::Addon => "add-on",
                                crate::model::QuantityKind::Usage => "usage",
                            };
                            tr(plan, kind, &q.id, &q.label, w)
                        },
                        q.unit.to_string(),
                        if q.on_application {
                            w.get("contact-sales")
                        } else {
                            crate::diff::quantities::charge(&q.charge, &q.unit, d)
                        },
                    ]
                })
                .collect(),
        });
    }
    let mut storage: Vec<Vec<String>> = Vec::new();
    if let Some(o) = &plan.storage.overage {
        storage.push(vec![w.get("storage"), describe::overage(o, d)]);
    }
    storage.extend(plan.backups.iter().map(|b| {
        vec![
            tr(plan, "backup option", &b.id, &b.label, w),
            describe::backup(b, d),
        ]
    }));
    if !storage.is_empty() {
        out.push(Section {
            title: w.get("storage"),
            head: vec![w.get("item"), w.get("price")],
            rows: storage,
        });
    }
    if !plan.supports.is_empty() {
        out.push(Section {
            title: w.get("support"),
            head: vec![w.get("item"), w.get("channels"), w.get("price")],
            rows: (plan.supports.iter())
                .map(|s| {
                    let channels: Vec<&str> = s.channels.iter().map(|c| &**c).collect();
                    vec![
                        tr(plan, "support tier", &s.id, &s.label, w),
                        channels.join(", "),
                        describe::support(&s.price, d),
                    ]
                })
                .collect(),
        });
    }
    if !plan.services.is_empty() {
        out.push(Section {
            title: w.get("services"),
            head: vec![w.get("item"), w.get("price")],
            rows: (plan.services.iter())
                .map(|s| {
                    vec![
                        tr(plan, "service", &s.id, &s.label, w),
                        describe::service(&s.pricing, d),
                    ]
                })
                .collect(),
        });
    }
    out
}

fn title(plan: &Plan, w: &Words) -> String {
    format!(
        "{} — {} {} ({})",
        w.get("price-sheet"),
        plan.name,
        plan.version,
        plan.currency.code
    )
}

/// The sheet as aligned terminal tables, at most `width` columns wide when given.
pub fn table(plan: &Plan, lang: Lang, width: Option<usize>) -> String {
    let w = Words::new(lang);
    let mut s = format!("{}\n", crate::text::shown(&title(plan, &w)));
    for sec in sections(plan, &w) {
        let mut b = tabled::builder::Builder::default();
        b.push_record(sec.head.iter().map(|c| crate::text::shown(c).into_owned()));
        for r in &sec.rows {
            b.push_record(r.iter().map(|c| crate::text::shown(c).into_owned()));
        }
        let mut t = b.build();
        t.with(tabled::settings::Style::sharp());
        super::fit_width(&mut t, width);
        let _ = write!(s, "\n{}\n{t}\n", crate::text::shown(&sec.title));
    }
    s
}

/// The sheet as Markdown.
pub fn markdown(plan: &Plan, lang: Lang) -> String {
    let w = Words::new(lang);
    let cell = crate::text::shown_markdown;
    let mut s = format!("## {}\n", cell(&title(plan, &w)));
    for sec in sections(plan, &w) {
        let _ = write!(
            s,
            "\n### {}\n\n| {} |\n|{}\n",
            cell(&sec.title),
            sec.head
                .iter()
                .map(|h| cell(h))
                .collect::<Vec<_>>()
                .join(" | "),
            "---|".repeat(sec.head.len())
        );
        for r in &sec.rows {
            let _ = writeln!(
                s,
                "| {} |",
                r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
            );
        }
    }
    s
}

/// The sheet as one self-contained HTML page.
pub fn html(plan: &Plan, lang: Lang) -> String {
    let w = Words::new(lang);
    let esc = super::document::esc;
    let mut s = format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        lang.tag(),
        esc(&title(plan, &w)),
        super::document::STYLE,
        esc(&title(plan, &w))
    );
    for sec in sections(plan, &w) {
        let _ = write!(s, "<h2>{}</h2>\n<table>\n<thead><tr>", esc(&sec.title));
        for h in &sec.head {
            let _ = write!(s, "<th>{}</th>", esc(h));
        }
        s.push_str("</tr></thead>\n<tbody>\n");
        for r in &sec.rows {
            s.push_str("<tr>");
            for c in r {
                let _ = write!(s, "<td>{}</td>", esc(c));
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s.push_str("</body>\n</html>\n");
    s
}

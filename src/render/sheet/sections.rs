//! What a page is made of after the headline prices: each edition's facts and inclusions,
//! and the sections (editions, the feature matrix, add-ons and usage, storage, support,
//! services) that every format lays out.

use super::*;

/// What a card lists under the price: limits, term, fees, storage, cycles sold.
pub(super) fn edition_facts(plan: &Plan, e: &Edition, s: &Say) -> Vec<String> {
    let w = s.w;
    let mut out = Vec::new();
    if let Some(n) = e.limits.minimum {
        let key = if e.limits.charge_minimum {
            "min-charge"
        } else {
            "min-seats"
        };
        out.push(w.with(key, &[("n", n.to_string())]));
    }
    if let Some(n) = e.limits.maximum {
        out.push(w.with("max-seats", &[("n", number(Decimal::from(n)))]));
    }
    if let Some(m) = e.min_term_months {
        out.push(w.with("min-term-card", &[("months", m.to_string())]));
    }
    for f in &e.fees {
        out.push(w.with(
            "one-time-fee",
            &[
                ("label", f.label.to_string()),
                ("amount", s.amount(f.amount)),
            ],
        ));
    }
    if let Some(st) = storage_words(e.storage_flat, e.storage_per_seat, s) {
        out.push(w.with("storage-card", &[("storage", st)]));
    }
    let cycles: Vec<String> = sold_on(plan, &e.sold_on)
        .iter()
        .map(|b| s.cycle(b.months()))
        .collect();
    if e.sold_on.len() == 1 {
        out.push(w.with("billed-only", &[("cycles", s.list(&cycles))]));
    } else if !e.sold_on.is_empty() || plan.cycles().len() > 1 {
        out.push(w.with("sold-on", &[("cycles", s.list(&cycles))]));
    }
    out
}

/// What an edition includes: its modules, support that comes with it, usage it gives.
pub(super) fn edition_includes(plan: &Plan, index: usize, e: &Edition, s: &Say) -> Vec<String> {
    let lang = s.lang();
    let mut out: Vec<String> = (plan.modules.iter().zip(&e.included))
        .filter(|(_, inc)| **inc)
        .map(|(m, _)| label_in(plan, "module", &m.id, &m.label, lang))
        .collect();
    for t in plan
        .supports
        .iter()
        .filter(|t| t.included_with.contains(&index))
    {
        let name = label_in(plan, "support tier", &t.id, &t.label, lang);
        out.push(s.w.with("support-card", &[("support", name)]));
    }
    for q in &plan.quantities {
        let kind = q.kind.word();
        let item = label_in(plan, kind, &q.id, &q.label, lang);
        let mut given: Vec<String> = (q.included.with_editions.iter())
            .filter(|(i, _, _)| *i == index)
            .filter_map(|(_, flat, per_seat)| allowance(*flat, *per_seat, &q.unit, s))
            .collect();
        given.extend(
            (q.included.rules.iter())
                .filter(|r| r.editions.contains(&index))
                .filter_map(|r| rule_words(r, &q.unit, s)),
        );
        let key = if q.daily.is_some() {
            "allowance-card-day"
        } else {
            "allowance-card"
        };
        for n in given {
            out.push(s.w.with(key, &[("n", n), ("item", item.clone())]));
        }
    }
    out
}

/// The page's terms: the tax statement, the minimum term, month-to-month billing.
pub(super) fn page_terms(plan: &Plan, s: &Say) -> Vec<String> {
    let mut out = Vec::new();
    // A page with no edition left to buy says why, first, rather than look broken.
    if !plan.editions.is_empty() && shown(plan).next().is_none() {
        out.push(s.w.get("all-withdrawn"));
    }
    out.push(tax_statement(plan, s));
    if let Some(m) = plan.min_term_months {
        out.push(s.w.with("page-min-term", &[("months", m.to_string())]));
    }
    if plan.month_to_month {
        out.push(s.w.get("month-to-month"));
    }
    out
}

/// The editions a page shows: not those withdrawn from sale.
pub(super) fn shown(plan: &Plan) -> impl Iterator<Item = (usize, &Edition)> {
    let today = crate::deal::Date::today();
    (plan.editions.iter().enumerate()).filter(move |(_, e)| e.withdrawn.is_none_or(|d| today <= d))
}

/// A saving's badge: `Save 34%`.
pub(super) fn saving(facts: &Facts, e: usize, c: usize, s: &Say) -> Option<String> {
    let pct = facts.editions.get(e)?.savings.get(c)?.as_ref()?;
    Some(s.w.with("save", &[("percent", pct.normalize().to_string())]))
}

/// The offers on a cycle in words: `Annual prepay: 10% off`.
pub(super) fn offers(facts: &Facts, e: usize, c: usize, s: &Say) -> Vec<String> {
    let Some(list) = facts.editions.get(e).and_then(|f| f.offers.get(c)) else {
        return Vec::new();
    };
    list.iter()
        .map(|o| match o.percent {
            Some(p) => s.w.with(
                if o.surcharge {
                    "offer-plus"
                } else {
                    "offer-percent"
                },
                &[
                    ("label", o.label.clone()),
                    ("percent", p.normalize().to_string()),
                ],
            ),
            None => s.w.with("offer", &[("label", o.label.clone())]),
        })
        .collect()
}

/// The cycles a table of editions has a column for: the toggle's, else the default one.
pub(super) fn columns(plan: &Plan, facts: &Facts) -> Vec<Billing> {
    if facts.cycles.is_empty() {
        vec![plan.default_cycle()]
    } else {
        facts.cycles.clone()
    }
}

/// The sections after the cards (and, for tables, the editions first).
pub(super) fn sections(plan: &Plan, facts: &Facts, s: &Say, with_editions: bool) -> Vec<Section> {
    let w = s.w;
    let lang = s.lang();
    let mut out = Vec::new();
    let cycles = columns(plan, facts);
    let editions: Vec<(usize, &Edition)> = shown(plan).collect();
    if with_editions {
        let mut head = vec![w.get("edition")];
        head.extend(cycles.iter().map(|c| s.cycle_name(c.months())));
        head.push(w.get("details"));
        let rows = (editions.iter())
            .map(|(i, e)| {
                let mut row = vec![label_in(plan, "edition", &e.id, &e.label, lang)];
                for (ci, c) in cycles.iter().enumerate() {
                    let h = headline(plan, e, *c, s);
                    let cell = match (&h.amount, h.sold) {
                        (None, _) => w.get("contact-sales"),
                        (Some(_), false) => w.get("not-available"),
                        (Some(a), true) => {
                            let mut cell = if h.unit.is_empty() {
                                a.clone()
                            } else {
                                format!("{a} {}", h.unit)
                            };
                            if let Some(t) = &h.tiers {
                                let parts: Vec<String> = (t.rows.iter())
                                    .map(|[r, p]| format!("{r}{}{p}", colon(s)))
                                    .collect();
                                cell = clauses(s, &parts);
                            }
                            // One account size has no table: its size goes with the price.
                            if let (None, Some(n), SeatPrice::Account(_)) =
                                (&h.tiers, &h.note, &e.price)
                            {
                                cell = format!("{cell}{}", paren(s, n));
                            }
                            if let Some(sv) = saving(facts, *i, ci, s) {
                                cell = format!("{cell}{}", paren(s, &sv));
                            }
                            cell
                        }
                    };
                    row.push(cell);
                }
                let mut details: Vec<String> = e
                    .description
                    .in_lang(lang.code())
                    .map(|d| d.to_string())
                    .into_iter()
                    .collect();
                details.extend(edition_facts(plan, e, s));
                row.push(clauses(s, &details));
                row
            })
            .collect();
        out.push(Section {
            title: w.get("editions"),
            head,
            rows,
            note: None,
        });
    }
    // The matrix: a row per module, a column per edition.
    let mut head = vec![w.get("feature")];
    head.extend((editions.iter()).map(|(_, e)| label_in(plan, "edition", &e.id, &e.label, lang)));
    let default_cycle = facts.default_cycle.unwrap_or_else(|| plan.default_cycle());
    let mut rows: Vec<Vec<String>> = (plan.modules.iter().enumerate())
        .map(|(m, module)| {
            let mut row = vec![label_in(plan, "module", &module.id, &module.label, lang)];
            row.extend(editions.iter().map(|(_, e)| {
                if e.included[m] {
                    "✓".to_string()
                } else if module.on_application {
                    w.get("contact-sales")
                } else if let Some(a) = module.attach_on(&e.id, default_cycle) {
                    format!("+ {}", seat_price_words(&a.price, false, s))
                } else if let Some(p) = &module.price {
                    let (p, _) = price_for(p, &module.cycle_prices, default_cycle);
                    let yearly = yearly_on(&module.yearly, &module.cycle_prices, default_cycle);
                    format!("+ {}", seat_price_words(p, yearly, s))
                } else {
                    w.get("not-available")
                }
            }));
            row
        })
        .collect();
    let storage: Vec<Option<String>> = (editions.iter())
        .map(|(_, e)| storage_words(e.storage_flat, e.storage_per_seat, s))
        .collect();
    if storage.iter().any(Option::is_some) {
        let mut row = vec![w.get("storage-head")];
        row.extend(
            storage
                .into_iter()
                .map(|x| x.unwrap_or_else(|| w.get("not-available"))),
        );
        rows.push(row);
    }
    out.push(Section {
        title: w.get("compare"),
        head,
        rows,
        note: None,
    });
    if !plan.seat_types.is_empty() {
        out.push(Section {
            title: w.get("seat-types"),
            head: vec![w.get("seat-type"), w.get("price")],
            rows: (plan.seat_types.iter())
                .map(|t| {
                    let name = label_in(plan, "seat type", &t.id, &t.label, lang);
                    vec![name, seat_type_price(plan, t, default_cycle, s)]
                })
                .collect(),
            note: None,
        });
    }
    if !plan.quantities.is_empty() {
        out.push(Section {
            title: w.get("quantities"),
            head: vec![w.get("item"), w.get("price"), w.get("details")],
            rows: (plan.quantities.iter())
                .map(|q| {
                    let name = label_in(plan, q.kind.word(), &q.id, &q.label, lang);
                    let price = if q.on_application {
                        w.get("contact-sales")
                    } else {
                        charge_words(&q.charge, &q.unit, s).0
                    };
                    let details = quantity_details(plan, q, s);
                    let note = w.get(match q.kind {
                        _ if q.once => "qty-once",
                        QuantityKind::Addon => "addon-note",
                        QuantityKind::Usage => "usage-note",
                    });
                    let details = if details.is_empty() {
                        note
                    } else {
                        let end = if lang == Lang::Zh { "。" } else { ". " };
                        format!("{}{end}{note}", sentence(&clauses(s, &details)))
                    };
                    vec![name, price, details]
                })
                .collect(),
            note: None,
        });
    }
    let mut storage: Vec<Vec<String>> = Vec::new();
    let mut plan_storage = Vec::new();
    if let Some(st) = storage_words(
        plan.storage.included_flat,
        plan.storage.included_per_seat,
        s,
    ) {
        plan_storage.push(w.with("storage-included", &[("storage", st)]));
    }
    if let Some(o) = &plan.storage.overage {
        let price = match &o.tiers {
            Some(t) => charge_words(t, "GB", s).0,
            None => {
                let p = priced(s, o.rate, Some("GB"), Per::Month);
                match o.block {
                    Some(b) => w.with("storage-blocks", &[("price", p), ("gb", number(b))]),
                    None => p,
                }
            }
        };
        plan_storage.push(w.with("storage-more", &[("price", price)]));
    }
    if !plan_storage.is_empty() {
        storage.push(vec![w.get("storage-head"), clauses(s, &plan_storage)]);
    }
    storage.extend(plan.backups.iter().map(|b| {
        let flat = priced(s, b.flat, None, Per::Month);
        let rate = priced(s, b.per_gb, Some("GB"), Per::Month);
        let price = match (b.flat.is_zero(), b.per_gb.is_zero()) {
            (false, false) => w.with("backup-price", &[("flat", flat), ("rate", rate)]),
            (true, false) => rate,
            _ => flat,
        };
        vec![
            label_in(plan, "backup option", &b.id, &b.label, lang),
            price,
        ]
    }));
    if !storage.is_empty() {
        out.push(Section {
            title: w.get("storage"),
            head: vec![w.get("item"), w.get("price")],
            rows: storage,
            note: None,
        });
    }
    if !plan.supports.is_empty() {
        out.push(Section {
            title: w.get("support"),
            head: vec![w.get("item"), w.get("channels"), w.get("price")],
            rows: (plan.supports.iter())
                .map(|t| {
                    let mut price = support_words(&t.price, s);
                    let sep = if lang == Lang::Zh { "；" } else { "; " };
                    if let Some(a) = &t.allowance {
                        let unit = s.unit(a.unit.trim_end_matches('s'));
                        let extra = w.with(
                            "support-allowance",
                            &[
                                ("n", a.included.to_string()),
                                ("unit", unit),
                                ("price", s.money(a.price)),
                            ],
                        );
                        price = format!("{price}{sep}{extra}");
                    }
                    if !t.included_with.is_empty() {
                        let names: Vec<String> = (t.included_with.iter())
                            .filter_map(|i| plan.editions.get(*i))
                            .map(|e| label_in(plan, "edition", &e.id, &e.label, lang))
                            .collect();
                        let with = w.with("included-with", &[("editions", s.list(&names))]);
                        price = format!("{price}{sep}{with}");
                    }
                    vec![
                        label_in(plan, "support tier", &t.id, &t.label, lang),
                        s.channels(&t.channels),
                        price,
                    ]
                })
                .collect(),
            note: None,
        });
    }
    if !plan.services.is_empty() {
        let mut rows = Vec::new();
        for sv in &plan.services {
            let name = label_in(plan, "service", &sv.id, &sv.label, lang);
            match &sv.pricing {
                ServicePricing::PerUnit { price, unit, .. } => {
                    rows.push(vec![
                        name,
                        s.price(&s.money(*price), Some(&s.unit(unit)), None),
                    ]);
                }
                ServicePricing::Targets {
                    targets,
                    complexity,
                    workload,
                } => {
                    let sep = if lang == Lang::Zh { "：" } else { ": " };
                    for t in targets {
                        let mut price = s.money(t.price);
                        if let Some(wl) = workload {
                            let rate = s.price(&s.money(wl.rate), None, None);
                            let more =
                                w.with("workload", &[("price", rate), ("unit", s.unit(&wl.unit))]);
                            price = format!("{price} {more}");
                        }
                        let price = match s.lang() {
                            Lang::Zh if s.currency == "CNY" && workload.is_none() => {
                                format!("{price} 元")
                            }
                            _ => price,
                        };
                        rows.push(vec![format!("{name}{sep}{}", t.label), price]);
                    }
                    if !complexity.is_empty() {
                        let list: Vec<String> = (complexity.iter())
                            .map(|(n, f)| format!("{} ×{}", s.complexity_level(n), f.normalize()))
                            .collect();
                        let list = list.join(if lang == Lang::Zh { "，" } else { ", " });
                        rows.push(vec![
                            name.clone(),
                            w.with("complexity-factors", &[("list", list)]),
                        ]);
                    }
                }
            }
        }
        out.push(Section {
            title: w.get("services"),
            head: vec![w.get("item"), w.get("price")],
            rows,
            note: None,
        });
    }
    out
}

/// A sentence starts with a capital: `at most 10 sandboxes` as `At most 10 sandboxes`
/// (Chinese has none, and is left as it is).
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_ascii_lowercase() => c.to_ascii_uppercase().to_string() + chars.as_str(),
        _ => text.to_string(),
    }
}

/// A seat type's price on `cycle`: its own, and the one with each edition that sets one
/// (`50.00 per seat per month with Professional`).
fn seat_type_price(plan: &Plan, t: &Module, cycle: Billing, s: &Say) -> String {
    if t.on_application {
        return s.w.get("contact-sales");
    }
    let mut parts = Vec::new();
    if let Some(p) = &t.price {
        let (p, _) = price_for(p, &t.cycle_prices, cycle);
        let yearly = yearly_on(&t.yearly, &t.cycle_prices, cycle);
        parts.push(seat_price_words(p, yearly, s));
    }
    for e in &plan.editions {
        if let Some(a) = t.attach_on(&e.id, cycle) {
            let name = label_in(plan, "edition", &e.id, &e.label, s.lang());
            let price = seat_price_words(&a.price, false, s);
            parts.push(s.w.with("seat-type-with", &[("price", price), ("editions", name)]));
        }
    }
    if parts.is_empty() {
        return s.w.get("not-available");
    }
    clauses(s, &parts)
}

//! `ratecard sheet` and `serve`'s `/pricing`: the plan as a vendor publishes it, in the
//! buyer's words and language. As HTML, a pricing page: a card per edition with its
//! headline price on the billing cycle a toggle selects (and the saving the plan implies),
//! who it is for, what it includes, its limits and one-time fees; then the feature matrix,
//! add-ons and usage with their tiers as tables, storage, support, services, the tax
//! statement and the price curves. As terminal tables or Markdown, the same content as
//! tables. No plan syntax (`1..50000`, `flat`), no names (`erp_kingdee`), no `0.00 flat`.
//!
//! The figures a plan does not state (the saving a longer cycle brings, the offers that
//! apply, the curves) are priced by `app::pricing` through the evaluator and handed in as
//! [`Facts`]; this module only writes them.

use super::document::{esc, esc_words};
use super::locale::{Lang, Words};
use super::words::{label_in, number, Say};
use crate::model::*;
use crate::quote::Per;
use rust_decimal::Decimal;
use std::fmt::Write;

/// What the evaluator found for the page: the cycles worth a toggle and, per edition and
/// cycle, the saving against the first and the plan's own offers that apply.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The cycles the page offers, shortest first; one (or none) means no toggle.
    pub cycles: Vec<Billing>,
    /// The cycle shown first.
    pub default_cycle: Option<Billing>,
    /// Per edition, in the plan's order.
    pub editions: Vec<EditionFacts>,
    /// Every edition's price curve, for the chart (empty: no chart).
    pub curves: Vec<super::plot::Curve>,
}

/// One edition's figures, per cycle of [`Facts::cycles`] (same order).
#[derive(Debug, Clone, Default)]
pub struct EditionFacts {
    /// Whole percent saved a month against the first cycle it is sold on, when at least 1.
    pub savings: Vec<Option<Decimal>>,
    /// The plan's discounts and surcharges that apply to a plain quote on that cycle.
    pub offers: Vec<Vec<Offer>>,
}

/// A discount or surcharge that applies to everyone on a cycle.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// Its label, as the plan writes it.
    pub label: String,
    /// Its percent, when it is one.
    pub percent: Option<Decimal>,
    /// True for a surcharge.
    pub surcharge: bool,
}

/// A table of the page: a title, a header row, rows, and a note under it.
struct Section {
    title: String,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    note: Option<String>,
}

/// Tiers as a small table: what each range costs, and how they combine.
struct Tiers {
    note: String,
    rows: Vec<[String; 2]>,
}

/// An edition's headline on one cycle.
struct Headline {
    /// The amount, formatted; `None` when priced on application.
    amount: Option<String>,
    /// What it is per: `per seat per month`, `元/用户/年`.
    unit: String,
    /// `for seats 1–9`.
    note: Option<String>,
    /// The bands, for an edition priced by bands.
    tiers: Option<Tiers>,
    /// False when the edition is not sold on the cycle (its first cycle is shown).
    sold: bool,
}

/// `: ` or `：`, between a label and what it says.
fn colon(s: &Say) -> &'static str {
    match s.lang() {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// Items joined as a list of clauses: `a; b` or `a；b`.
fn clauses(s: &Say, items: &[String]) -> String {
    items.join(match s.lang() {
        Lang::Zh => "；",
        Lang::En => "; ",
    })
}

/// Words in parentheses: ` (Save 34%)` or `（省 34%）`.
fn paren(s: &Say, x: &str) -> String {
    match s.lang() {
        Lang::Zh => format!("（{x}）"),
        Lang::En => format!(" ({x})"),
    }
}

fn say<'a>(plan: &'a Plan, w: &'a Words) -> Say<'a> {
    Say {
        w,
        currency: &plan.currency.code,
        d: plan.currency.minor_digits,
    }
}

/// The unit and period words of a price without its amount: `per seat per month`, `元/月`.
fn per_words(s: &Say, noun: Option<&str>, per: Per) -> String {
    s.price("", noun, Some(per)).trim().to_string()
}

/// An amount and what it is per: `23.00 per seat per month`, `1,188.00 元/用户/年`.
fn priced(s: &Say, amount: Decimal, noun: Option<&str>, per: Per) -> String {
    s.price(&s.money(amount), noun, Some(per))
}

/// The amount a price was written with: a yearly price is kept as its twelfth a month (the
/// checker made sure it divides exactly), so it is multiplied back to what the plan says.
fn as_written(monthly: Decimal, yearly: bool) -> (Decimal, Per) {
    if yearly {
        (monthly * Decimal::from(12), Per::Year)
    } else {
        (monthly, Per::Month)
    }
}

/// The bands of a seat price as a table.
fn seat_tiers(bands: &[Band], volume: bool, yearly: bool, s: &Say) -> Tiers {
    let seat = s.w.get("unit-seat");
    let rows = bands
        .iter()
        .map(|b| {
            let (unit, per) = as_written(b.unit, yearly);
            let mut price = priced(s, unit, Some(&seat), per);
            if let Some(fee) = b.fee.filter(|f| !f.is_zero()) {
                let (fee, per) = as_written(fee, yearly);
                let fee = priced(s, fee, None, per);
                price = s.w.with("tier-fee", &[("price", price), ("fee", fee)]);
            }
            let range =
                s.w.with("seat-range", &[("range", s.band_range(b.from, b.to))]);
            [range, price]
        })
        .collect();
    let note = s.w.get(if volume {
        "tier-note-volume"
    } else {
        "tier-note-graduated"
    });
    Tiers { note, rows }
}

/// The sizes of an account price as a table: `Up to 250 users`, `499.00 per account per
/// month, 3,072 GB of storage`.
fn account_tiers(tiers: &[AccountTier], yearly: bool, s: &Say) -> Tiers {
    let account = s.w.get("unit-account");
    let rows = tiers
        .iter()
        .map(|t| {
            let (a, per) = as_written(t.price, yearly);
            let mut price = priced(s, a, Some(&account), per);
            if let Some(gb) = t.storage.filter(|g| !g.is_zero()) {
                price = s.w.with(
                    "account-tier-storage",
                    &[("price", price), ("gb", number(gb))],
                );
            }
            let size =
                s.w.with("account-tier", &[("n", number(Decimal::from(t.up_to)))]);
            [size, price]
        })
        .collect();
    Tiers {
        note: s.w.get("tier-note-account"),
        rows,
    }
}

/// A seat price in words, for a module or a matrix cell: `4.00 per seat per month`.
fn seat_price_words(p: &SeatPrice, yearly: bool, s: &Say) -> String {
    let seat = s.w.get("unit-seat");
    match p {
        SeatPrice::Flat(a) | SeatPrice::PerSeat(a) if a.is_zero() => s.w.get("free"),
        SeatPrice::Flat(a) => {
            let (a, per) = as_written(*a, yearly);
            priced(s, a, None, per)
        }
        SeatPrice::PerSeat(a) => {
            let (a, per) = as_written(*a, yearly);
            priced(s, a, Some(&seat), per)
        }
        SeatPrice::Pack { size, price } => {
            let (a, per) = as_written(*price, yearly);
            let noun = s.w.with("unit-pack", &[("size", s.seats(*size))]);
            priced(s, a, Some(&noun), per)
        }
        SeatPrice::Account(tiers) => {
            let t = account_tiers(tiers, yearly, s);
            let parts: Vec<String> = (t.rows.iter())
                .map(|[size, price]| format!("{size}{}{price}", colon(s)))
                .collect();
            clauses(s, &parts)
        }
        SeatPrice::Volume(b) | SeatPrice::Graduated(b) => {
            let t = seat_tiers(b, matches!(p, SeatPrice::Volume(_)), yearly, s);
            let parts: Vec<String> = (t.rows.iter())
                .map(|[range, price]| format!("{range}{}{price}", colon(s)))
                .collect();
            clauses(s, &parts)
        }
        SeatPrice::Percent(x) => {
            let key = if &*x.of_text == "seats" {
                "percent-of-seats"
            } else {
                "percent-of-modules"
            };
            let mut words =
                s.w.with(key, &[("percent", x.percent.normalize().to_string())]);
            let sep = if s.lang() == Lang::Zh { "，" } else { ", " };
            if let Some(m) = x.min {
                let m = priced(s, m, None, Per::Month);
                words = format!("{words}{sep}{}", s.w.with("support-min", &[("amount", m)]));
            }
            if let Some(m) = x.max {
                let m = priced(s, m, None, Per::Month);
                words = format!("{words}{sep}{}", s.w.with("support-max", &[("amount", m)]));
            }
            words
        }
    }
}

/// The cycles an item is sold on: its own, or every cycle of the plan.
fn sold_on<'a>(plan: &'a Plan, sold: &'a [Billing]) -> &'a [Billing] {
    if sold.is_empty() {
        plan.cycles()
    } else {
        sold
    }
}

/// An edition's headline on `cycle`: the price that applies there, as the plan states it.
fn headline(plan: &Plan, e: &Edition, cycle: Billing, s: &Say) -> Headline {
    let sold_here = e.sold_on.is_empty() || e.sold_on.contains(&cycle);
    let shown = if sold_here {
        cycle
    } else {
        sold_on(plan, &e.sold_on).first().copied().unwrap_or(cycle)
    };
    let (price, _) = price_for(&e.price, &e.cycle_prices, shown);
    let yearly = yearly_on(&e.yearly, &e.cycle_prices, shown);
    let seat = s.w.get("unit-seat");
    if e.on_application {
        return Headline {
            amount: None,
            unit: String::new(),
            note: None,
            tiers: None,
            sold: sold_here,
        };
    }
    let (amount, noun, per, note, tiers) = match price {
        SeatPrice::Flat(a) => {
            let (a, per) = as_written(*a, yearly);
            (a, None, per, None, None)
        }
        SeatPrice::PerSeat(a) => {
            let (a, per) = as_written(*a, yearly);
            (a, Some(seat), per, None, None)
        }
        SeatPrice::Pack { size, price } => {
            let (a, per) = as_written(*price, yearly);
            let noun = s.w.with("unit-pack", &[("size", s.seats(*size))]);
            (a, Some(noun), per, None, None)
        }
        SeatPrice::Account(tiers) => {
            let account = s.w.get("unit-account");
            let first = tiers.first();
            let (a, per) = as_written(first.map_or(Decimal::ZERO, |t| t.price), yearly);
            let note = first.map(|t| {
                s.w.with("headline-account", &[("n", number(Decimal::from(t.up_to)))])
            });
            // One size needs no table: the headline says it all.
            let tiers = (tiers.len() > 1).then(|| account_tiers(tiers, yearly, s));
            (a, Some(account), per, note, tiers)
        }
        SeatPrice::Volume(b) | SeatPrice::Graduated(b) => {
            let volume = matches!(price, SeatPrice::Volume(_));
            let first = b.first();
            let (a, per) = as_written(first.map_or(Decimal::ZERO, |b| b.unit), yearly);
            let note = first.map(|f| {
                s.w.with("headline-band", &[("range", s.band_range(f.from, f.to))])
            });
            (
                a,
                Some(seat),
                per,
                note,
                Some(seat_tiers(b, volume, yearly, s)),
            )
        }
        SeatPrice::Percent(_) => {
            return Headline {
                amount: Some(seat_price_words(price, yearly, s)),
                unit: String::new(),
                note: None,
                tiers: None,
                sold: sold_here,
            }
        }
    };
    Headline {
        amount: Some(s.money(amount)),
        unit: per_words(s, noun.as_deref(), per),
        note,
        tiers,
        sold: sold_here,
    }
}

/// GB of storage in words: `10 GB + 2 GB per seat`; `None` when there is none.
fn storage_words(flat: Decimal, per_seat: Decimal, s: &Say) -> Option<String> {
    match (flat.is_zero(), per_seat.is_zero()) {
        (true, true) => None,
        (false, true) => Some(s.w.with("gb-flat", &[("gb", number(flat))])),
        (true, false) => Some(s.w.with("gb-per-seat", &[("gb", number(per_seat))])),
        (false, false) => Some(s.w.with(
            "gb-both",
            &[("flat", number(flat)), ("per", number(per_seat))],
        )),
    }
}

/// What a card lists under the price: limits, term, fees, storage, cycles sold.
fn edition_facts(plan: &Plan, e: &Edition, s: &Say) -> Vec<String> {
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
fn edition_includes(plan: &Plan, index: usize, e: &Edition, s: &Say) -> Vec<String> {
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
        for (i, flat, per_seat) in &q.included.with_editions {
            if *i != index {
                continue;
            }
            let mut n = Vec::new();
            if !flat.is_zero() {
                n.push(s.units(*flat, &q.unit));
            }
            if !per_seat.is_zero() {
                let per = s.units(*per_seat, &q.unit);
                n.push(s.w.with("units-per-seat", &[("n", per)]));
            }
            if !n.is_empty() {
                out.push(s.w.with(
                    "allowance-card",
                    &[("n", n.join(" + ")), ("item", item.clone())],
                ));
            }
        }
    }
    out
}

/// Tiers of an add-on or usage as a table.
/// `block`: each tier's price is for that many units (`0.14 per 1,000 credits`).
fn quantity_tiers(
    model: TierModel,
    tiers: &[Tier],
    block: Option<Decimal>,
    unit: &str,
    s: &Say,
) -> Tiers {
    let w = s.w;
    let noun = match block {
        Some(b) => s.units(b, unit),
        None => s.unit(unit),
    };
    let rows = tiers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let start = t
                .range
                .split("..")
                .next()
                .and_then(|x| x.trim().replace('_', "").parse::<Decimal>().ok())
                .unwrap_or(t.lower);
            let range = match (i, t.upper) {
                (0, Some(u)) if model == TierModel::Graduated => {
                    w.with("tier-first", &[("n", number(u))])
                }
                (0, Some(u)) => w.with("tier-upto", &[("n", number(u))]),
                (_, Some(u)) => w.with("tier-next", &[("from", number(start)), ("to", number(u))]),
                (_, None) => w.with("tier-above", &[("n", number(t.lower))]),
            };
            let price = match (t.unit.is_zero(), t.fee.is_zero()) {
                (true, false) => w.with("tier-flat", &[("fee", s.money(t.fee))]),
                (_, true) => s.price(&s.money(t.unit), Some(&noun), None),
                _ => w.with(
                    "tier-fee",
                    &[
                        ("price", s.price(&s.money(t.unit), Some(&noun), None)),
                        ("fee", s.money(t.fee)),
                    ],
                ),
            };
            [range, price]
        })
        .collect();
    let note = w.get(match model {
        TierModel::Volume => "tier-note-qty-volume",
        TierModel::Graduated => "tier-note-qty-graduated",
        TierModel::Stairstep => "tier-note-qty-stairstep",
    });
    Tiers { note, rows }
}

/// A quantity's price in words, and its tiers when it has them.
fn charge_words(c: &Charge, unit: &str, s: &Say) -> (String, Option<Tiers>) {
    let w = s.w;
    let noun = s.unit(unit);
    let sep = if s.lang() == Lang::Zh { "，" } else { ", " };
    match c {
        Charge::PerUnit(p) => (s.price(&s.money(*p), Some(&noun), None), None),
        Charge::Pack {
            size,
            price,
            rounding,
        } => {
            let pack = w.with("unit-pack", &[("size", s.units(*size, unit))]);
            let round = w.get(match rounding {
                PackRounding::Up => "pack-up",
                PackRounding::Down => "pack-down",
                PackRounding::Nearest => "pack-nearest",
            });
            (
                format!(
                    "{}{sep}{round}",
                    s.price(&s.money(*price), Some(&pack), None)
                ),
                None,
            )
        }
        Charge::Tiers {
            model,
            tiers,
            block,
        } => {
            let t = quantity_tiers(*model, tiers, *block, unit, s);
            let parts: Vec<String> = (t.rows.iter())
                .map(|[range, price]| format!("{range}{}{price}", colon(s)))
                .collect();
            (clauses(s, &parts), Some(t))
        }
        Charge::Percent(p) => {
            let pct = p.percent.normalize().to_string();
            let mut words = if p.fixed.is_zero() {
                w.with("volume-price", &[("percent", pct)])
            } else {
                let fixed = match s.lang() {
                    Lang::Zh if s.currency == "CNY" => format!("{} 元", s.money(p.fixed)),
                    _ => s.money(p.fixed),
                };
                w.with(
                    "volume-fixed",
                    &[("percent", pct), ("fixed", fixed), ("unit", noun.clone())],
                )
            };
            let amount = |x: Decimal| match s.lang() {
                Lang::Zh if s.currency == "CNY" => format!("{} 元", s.money(x)),
                _ => s.money(x),
            };
            if let Some(m) = p.min {
                let m = w.with(
                    "volume-min",
                    &[("amount", amount(m)), ("unit", noun.clone())],
                );
                words = format!("{words}{sep}{m}");
            }
            if let Some(m) = p.max {
                let m = w.with(
                    "volume-max",
                    &[("amount", amount(m)), ("unit", noun.clone())],
                );
                words = format!("{words}{sep}{m}");
            }
            (words, None)
        }
    }
}

/// What a quantity gives before it is priced, and its limits, in words.
fn quantity_details(plan: &Plan, q: &Quantity, s: &Say) -> Vec<String> {
    let w = s.w;
    let mut out = Vec::new();
    if !q.included.flat.is_zero() {
        let n = s.units(q.included.flat, &q.unit);
        out.push(w.with("units-included", &[("n", n)]));
    }
    if !q.included.per_seat.is_zero() {
        let n = s.units(q.included.per_seat, &q.unit);
        out.push(w.with("units-per-seat", &[("n", n)]));
    }
    // Editions that give the same are named together: `with Enterprise and Ultimate`.
    let mut given: Vec<((Decimal, Decimal), Vec<String>)> = Vec::new();
    for (i, flat, per_seat) in &q.included.with_editions {
        let Some(e) = plan.editions.get(*i) else {
            continue;
        };
        let name = label_in(plan, "edition", &e.id, &e.label, s.lang());
        match given.iter_mut().find(|(k, _)| *k == (*flat, *per_seat)) {
            Some((_, names)) => names.push(name),
            None => given.push(((*flat, *per_seat), vec![name])),
        }
    }
    for ((flat, per_seat), names) in given {
        let n = if flat.is_zero() {
            s.units(per_seat, &q.unit)
        } else {
            s.units(flat, &q.unit)
        };
        out.push(w.with("units-with", &[("n", n), ("editions", s.list(&names))]));
    }
    if let Some(m) = q.minimum {
        out.push(w.with("units-min", &[("n", s.units(m, &q.unit))]));
    }
    if let Some(m) = q.maximum {
        out.push(w.with("units-max", &[("n", s.units(m, &q.unit))]));
    }
    out
}

/// A support tier's price in words: `Included at no extra cost`, `3.00 per seat per month`,
/// `15% of recurring charges, at least 2,000.00 per month`.
fn support_words(p: &SupportPrice, s: &Say) -> String {
    let w = s.w;
    let sep = if s.lang() == Lang::Zh { "，" } else { ", " };
    match p {
        SupportPrice::Flat(a) if a.is_zero() => w.get("support-free"),
        SupportPrice::Flat(a) => priced(s, *a, None, Per::Month),
        SupportPrice::PerSeat(a) => priced(s, *a, Some(&w.get("unit-seat")), Per::Month),
        SupportPrice::Percent {
            percent,
            seats,
            net,
            min,
            max,
        } => {
            let key = match (net, seats) {
                (false, false) => "support-of-recurring",
                (false, true) => "support-of-seats",
                (true, false) => "support-of-net-recurring",
                (true, true) => "support-of-net-seats",
            };
            let mut out = w.with(key, &[("percent", percent.normalize().to_string())]);
            if let Some(m) = min {
                let m = priced(s, *m, None, Per::Month);
                out = format!("{out}{sep}{}", w.with("support-min", &[("amount", m)]));
            }
            if let Some(m) = max {
                let m = priced(s, *m, None, Per::Month);
                out = format!("{out}{sep}{}", w.with("support-max", &[("amount", m)]));
            }
            out
        }
    }
}

/// The tax statement: included, excluded, none, or by country.
fn tax_statement(plan: &Plan, s: &Say) -> String {
    let w = s.w;
    let pct = |p: &Decimal| p.normalize().to_string();
    if let Some(t) = &plan.tax_table {
        let mut parts: Vec<String> = (t.rates.iter())
            .map(|(r, p)| match p {
                Some(p) => format!("{r} {}%", pct(p)),
                None => w.with("tax-exempt-region", &[("region", r.to_string())]),
            })
            .collect();
        if let Some(d) = t.default {
            parts.push(w.with("tax-elsewhere", &[("percent", pct(&d))]));
        }
        let sep = if s.lang() == Lang::Zh { "；" } else { "; " };
        let mut out = w.with("tax-by-country", &[("list", parts.join(sep))]);
        if !t.reverse_charge.is_empty() {
            let eu = crate::model::tax::EU.len() <= t.reverse_charge.len()
                && crate::model::tax::EU
                    .iter()
                    .all(|c| t.reverse_charge.iter().any(|x| &**x == *c));
            let list = if eu {
                w.get("the-eu")
            } else {
                let names: Vec<String> = t.reverse_charge.iter().map(|c| c.to_string()).collect();
                s.list(&names)
            };
            let space = if s.lang() == Lang::Zh { "" } else { " " };
            out = format!("{out}{space}{}", w.with("tax-reverse", &[("list", list)]));
        }
        return out;
    }
    if plan.tax_included {
        return w.with("tax-included-page", &[("percent", pct(&plan.tax_percent))]);
    }
    if plan.tax_percent.is_zero() {
        return w.get("tax-none");
    }
    w.with("tax-excluded", &[("percent", pct(&plan.tax_percent))])
}

/// The page's terms: the tax statement, the minimum term, month-to-month billing.
fn page_terms(plan: &Plan, s: &Say) -> Vec<String> {
    let mut out = vec![tax_statement(plan, s)];
    if let Some(m) = plan.min_term_months {
        out.push(s.w.with("page-min-term", &[("months", m.to_string())]));
    }
    if plan.month_to_month {
        out.push(s.w.get("month-to-month"));
    }
    out
}

/// The editions a page shows: not those withdrawn from sale.
fn shown(plan: &Plan) -> impl Iterator<Item = (usize, &Edition)> {
    let today = crate::deal::Date::today();
    (plan.editions.iter().enumerate()).filter(move |(_, e)| e.withdrawn.is_none_or(|d| today <= d))
}

/// A saving's badge: `Save 34%`.
fn saving(facts: &Facts, e: usize, c: usize, s: &Say) -> Option<String> {
    let pct = facts.editions.get(e)?.savings.get(c)?.as_ref()?;
    Some(s.w.with("save", &[("percent", pct.normalize().to_string())]))
}

/// The offers on a cycle in words: `Annual prepay: 10% off`.
fn offers(facts: &Facts, e: usize, c: usize, s: &Say) -> Vec<String> {
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
fn columns(plan: &Plan, facts: &Facts) -> Vec<Billing> {
    if facts.cycles.is_empty() {
        vec![plan.default_cycle()]
    } else {
        facts.cycles.clone()
    }
}

/// The sections after the cards (and, for tables, the editions first).
fn sections(plan: &Plan, facts: &Facts, s: &Say, with_editions: bool) -> Vec<Section> {
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
                        QuantityKind::Addon => "addon-note",
                        QuantityKind::Usage => "usage-note",
                    });
                    let details = if details.is_empty() {
                        note
                    } else {
                        let end = if lang == Lang::Zh { "。" } else { ". " };
                        format!("{}{end}{note}", clauses(s, &details))
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
pub fn table(plan: &Plan, lang: Lang, facts: &Facts, width: Option<usize>) -> String {
    let w = Words::new(lang);
    let s = say(plan, &w);
    let mut out = format!("{}\n", crate::text::shown(&title(plan, &w)));
    for sec in sections(plan, facts, &s, true) {
        let mut b = tabled::builder::Builder::default();
        b.push_record(sec.head.iter().map(|c| crate::text::shown(c).into_owned()));
        for r in &sec.rows {
            b.push_record(r.iter().map(|c| crate::text::shown(c).into_owned()));
        }
        let mut t = b.build();
        t.with(tabled::settings::Style::sharp());
        super::fit_width(&mut t, width);
        let _ = write!(out, "\n{}\n{t}\n", crate::text::shown(&sec.title));
        if let Some(n) = &sec.note {
            let _ = writeln!(out, "{}", crate::text::shown(n));
        }
    }
    out.push('\n');
    for t in page_terms(plan, &s) {
        let _ = writeln!(out, "{}", crate::text::shown(&t));
    }
    out
}

/// The sheet as Markdown.
pub fn markdown(plan: &Plan, lang: Lang, facts: &Facts) -> String {
    let w = Words::new(lang);
    let s = say(plan, &w);
    let cell = crate::text::shown_markdown;
    let mut out = format!("## {}\n", cell(&title(plan, &w)));
    for sec in sections(plan, facts, &s, true) {
        let _ = write!(
            out,
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
                out,
                "| {} |",
                r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
            );
        }
    }
    out.push('\n');
    for t in page_terms(plan, &s) {
        let _ = writeln!(out, "- {}", cell(&t));
    }
    out
}

/// Where a page's "Get a quote" buttons lead: the calculator's address with the plan
/// chosen (`/?plan=zoho`), to which `&edition=...&billing=...` is added.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// The calculator's address for this plan; `None` for a page on its own (no buttons).
    pub calculator: Option<String>,
}

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
        super::document::STYLE,
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
                super::document::base64(&l.bytes),
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
        if let Ok(svg) = super::plot::svg(&facts.curves, "", &plan.currency.code, &w) {
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

//! The plan's prices in words and small tables: seat bands, account sizes, add-on and
//! usage tiers, packs, percentages of volume, support, storage and the tax statement.

use super::*;

/// The bands of a seat price as a table.
pub(super) fn seat_tiers(bands: &[Band], volume: bool, yearly: bool, s: &Say) -> Tiers {
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
pub(super) fn account_tiers(tiers: &[AccountTier], yearly: bool, s: &Say) -> Tiers {
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
pub(super) fn seat_price_words(p: &SeatPrice, yearly: bool, s: &Say) -> String {
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
pub(super) fn sold_on<'a>(plan: &'a Plan, sold: &'a [Billing]) -> &'a [Billing] {
    if sold.is_empty() {
        plan.cycles()
    } else {
        sold
    }
}

/// An edition's headline on `cycle`: the price that applies there, as the plan states it.
pub(super) fn headline(plan: &Plan, e: &Edition, cycle: Billing, s: &Say) -> Headline {
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
pub(super) fn storage_words(flat: Decimal, per_seat: Decimal, s: &Say) -> Option<String> {
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

/// Tiers of an add-on or usage as a table.
/// `block`: each tier's price is for that many units (`0.14 per 1,000 credits`).
pub(super) fn quantity_tiers(
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
pub(super) fn charge_words(c: &Charge, unit: &str, s: &Say) -> (String, Option<Tiers>) {
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

/// An allowance of `flat + per_seat` units in words: `50,000 calls + 250 calls per seat`;
/// `None` when it gives nothing.
pub(super) fn allowance(flat: Decimal, per_seat: Decimal, unit: &str, s: &Say) -> Option<String> {
    let mut parts = Vec::new();
    if !flat.is_zero() {
        parts.push(s.units(flat, unit));
    }
    if !per_seat.is_zero() {
        parts.push(s.w.with("n-per-seat", &[("n", s.units(per_seat, unit))]));
    }
    (!parts.is_empty()).then(|| parts.join(" + "))
}

/// A rule's allowance in words: `the greater of 1 GB and 0.02 GB per seat`, `50,000 calls
/// + 250 calls per seat, at most 100,000 calls`.
pub(super) fn rule_words(rule: &AllowanceRule, unit: &str, s: &Say) -> Option<String> {
    let alts: Vec<String> = (rule.alternatives.iter())
        .filter_map(|(flat, per)| allowance(*flat, *per, unit, s))
        .collect();
    let mut n = match alts.as_slice() {
        [] => return None,
        [one] => one.clone(),
        many => s.w.with("allowance-greater", &[("list", s.list(many))]),
    };
    if let Some(cap) = rule.cap {
        let sep = if s.lang() == Lang::Zh { "，" } else { ", " };
        let cap = s.w.with("allowance-cap", &[("n", s.units(cap, unit))]);
        n = format!("{n}{sep}{cap}");
    }
    Some(n)
}

/// Edition names in the page's language, listed: `Enterprise and Ultimate`.
fn edition_names(plan: &Plan, indexes: &[usize], s: &Say) -> String {
    let names: Vec<String> = (indexes.iter())
        .filter_map(|i| plan.editions.get(*i))
        .map(|e| label_in(plan, "edition", &e.id, &e.label, s.lang()))
        .collect();
    s.list(&names)
}

/// What a quantity gives before it is priced, how it is counted and billed, and its
/// limits, in words.
pub(super) fn quantity_details(plan: &Plan, q: &Quantity, s: &Say) -> Vec<String> {
    let w = s.w;
    let mut out = Vec::new();
    // A daily meter's allowance is a day's: "each month" would understate it thirtyfold.
    let (plain, with) = if q.daily.is_some() {
        ("allowance-day", "allowance-day-with")
    } else {
        ("units-included", "units-with")
    };
    if let Some(n) = allowance(q.included.flat, q.included.per_seat, &q.unit, s) {
        out.push(w.with(plain, &[("n", n)]));
    }
    // Editions that give the same are named together: `with Enterprise and Ultimate`.
    let mut given: Vec<((Decimal, Decimal), Vec<usize>)> = Vec::new();
    for (i, flat, per_seat) in &q.included.with_editions {
        match given.iter_mut().find(|(k, _)| *k == (*flat, *per_seat)) {
            Some((_, editions)) => editions.push(*i),
            None => given.push(((*flat, *per_seat), vec![*i])),
        }
    }
    for ((flat, per_seat), editions) in given {
        if let Some(n) = allowance(flat, per_seat, &q.unit, s) {
            let editions = edition_names(plan, &editions, s);
            out.push(w.with(with, &[("n", n), ("editions", editions)]));
        }
    }
    for rule in &q.included.rules {
        let Some(n) = rule_words(rule, &q.unit, s) else {
            continue;
        };
        if rule.editions.is_empty() {
            out.push(w.with(plain, &[("n", n)]));
        } else {
            let editions = edition_names(plan, &rule.editions, s);
            out.push(w.with(with, &[("n", n), ("editions", editions)]));
        }
    }
    if let Some(m) = q.minimum {
        out.push(w.with("units-min", &[("n", s.units(m, &q.unit))]));
    }
    if let Some(m) = q.maximum {
        out.push(w.with("units-max", &[("n", s.units(m, &q.unit))]));
    }
    if let Some(b) = q.block {
        out.push(w.with("qty-blocks", &[("n", s.units(b, &q.unit))]));
    }
    if let Some(days) = q.daily {
        out.push(w.with("qty-daily", &[("days", days.to_string())]));
    }
    out
}

/// A support tier's price in words: `Included at no extra cost`, `3.00 per seat per month`,
/// `15% of recurring charges, at least 2,000.00 per month`.
pub(super) fn support_words(p: &SupportPrice, s: &Say) -> String {
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
pub(super) fn tax_statement(plan: &Plan, s: &Say) -> String {
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

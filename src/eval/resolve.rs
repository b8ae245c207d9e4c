//! Checks a request against a plan and turns its names into indices, before any pricing.

mod quantities;
mod seats;

use crate::model::{Plan, SeatPrice, ServicePricing};
use crate::rejection::Rejection;
use crate::request::{Qty, Request};
use crate::resolved::{Billing, ModuleSet, Resolved, ResolvedService, SeatOf};
use rust_decimal::Decimal;

fn names<'a, T: 'a>(items: &'a [T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|x| id(x).to_string()).collect()
}

fn find<T>(
    items: &[T],
    what: &'static str,
    name: &str,
    id: impl Fn(&T) -> &str,
) -> Result<usize, Rejection> {
    items
        .iter()
        .position(|x| id(x) == name)
        .ok_or_else(|| Rejection::Unknown {
            what,
            name: name.to_string(),
            accepted: names(items, id),
        })
}

fn whole(field: &str, q: Qty, min: u64, max: u64) -> Result<u64, Rejection> {
    // Seat and month counts are almost always plain integers: take those directly.
    if q.0.scale() == 0 {
        if let Ok(n) = u64::try_from(q.0.mantissa()) {
            if (min..=max).contains(&n) {
                return Ok(n);
            }
        }
    }
    let invalid = |expected: String| Rejection::Invalid {
        field: field.to_string(),
        value: q.0.normalize().to_string(),
        expected,
    };
    if !q.0.fract().is_zero() || q.0 < Decimal::from(min) {
        return Err(invalid(format!(
            "it must be a whole number of at least {min}"
        )));
    }
    match u64::try_from(q.0) {
        Ok(n) if n <= max => Ok(n),
        _ => Err(over_limit(field, q.0, max)),
    }
}

/// Checks a whole-number field of a request on its own (`seats`, `term_months`,
/// `support_units`), with the rejection pricing would give, so that the REPL's `set`
/// refuses `set seats 10.5` on the spot in the same words as `quote`. Other fields pass.
pub fn whole_field(field: &str, q: Qty) -> Result<(), Rejection> {
    let (min, max) = match field {
        "seats" => (1, crate::limits::MAX_SEATS),
        "term_months" => (1, crate::limits::MAX_TERM_MONTHS),
        "support_units" => (0, crate::limits::MAX_SERVICE_QUANTITY),
        _ => return Ok(()),
    };
    whole(field, q, min, max).map(|_| ())
}

/// A request number past one of ratecard's limits (`crate::limits`, docs/limits.md).
fn over_limit(field: &str, value: Decimal, max: u64) -> Rejection {
    Rejection::Invalid {
        field: field.to_string(),
        value: value.normalize().to_string(),
        expected: format!(
            "it must be at most {} (ratecard's limit, see docs/limits.md)",
            crate::limits::grouped(max)
        ),
    }
}

/// Checks every field of `r` against `plan`; the first problem found rejects the request.
pub fn resolve(plan: &Plan, r: &Request) -> Result<Resolved, Rejection> {
    if let Some(c) = r.currency.as_deref().filter(|c| *c != &*plan.currency.code) {
        return Err(Rejection::Invalid {
            field: "currency".into(),
            value: c.to_string(),
            expected: format!(
                "this plan prices in {}, and a quote has one currency",
                plan.currency.code
            ),
        });
    }
    let edition = match &r.edition {
        None => {
            return Err(Rejection::Missing {
                field: "edition",
                accepted: format!("choose one of: {}", plan.edition_names().join(", ")),
            })
        }
        Some(e) => find(&plan.editions, "edition", e, |x| &x.id)?,
    };
    let seats = match r.seats {
        None => {
            return Err(Rejection::Missing {
                field: "seats",
                accepted: "give the number of users, e.g. seats = 10".into(),
            })
        }
        Some(q) => whole("seats", q, 1, crate::limits::MAX_SEATS)?,
    };
    let ed = &plan.editions[edition];
    let (other_seats, all_seats) = seats::other_names(plan, r, edition, seats)?;
    // The editions the account buys: a module is sold with any of them.
    let eds: smallvec::SmallVec<[usize; 2]> = std::iter::once(edition)
        .chain(other_seats.iter().filter_map(|l| match l.of {
            SeatOf::Edition(e) => Some(e),
            SeatOf::Type(_) => None,
        }))
        .collect();
    let counted = seats::counted_modules(plan, r);
    let mut requested = ModuleSet::default();
    let names_bought =
        (r.modules.iter().map(|n| (n, true))).chain(counted.iter().map(|(_, _, n)| (*n, false)));
    for (name, listed) in names_bought {
        let m = find(&plan.modules, "module", name, |x| &x.id)?;
        if !requested.insert(m) && listed {
            return Err(Rejection::Twice {
                what: "module",
                name: name.clone(),
            });
        }
        let module = &plan.modules[m];
        let with_any = |e: &usize| {
            let e = &plan.editions[*e];
            e.included[m] || module.attach_for(&e.id).is_some()
        };
        if module.price.is_none() && !eds.iter().any(with_any) {
            if !module.attach.is_empty() {
                let editions = module.attach.iter().flat_map(|a| &a.editions);
                return Err(Rejection::SoldOnlyWith {
                    module: name.clone(),
                    editions: editions.map(|e| e.to_string()).collect(),
                });
            }
            let editions = plan
                .editions
                .iter()
                .filter(|e| e.included[m])
                .map(|e| e.id.to_string())
                .collect();
            return Err(Rejection::NotSoldSeparately {
                module: name.clone(),
                editions,
            });
        }
    }
    // Requirements and exclusions see requested and included modules alike.
    let present = |m: usize| requested.contains(m) || ed.included[m];
    for (m, module) in plan.modules.iter().enumerate().filter(|(m, _)| present(*m)) {
        if let Some(&req) = module.requires.iter().find(|&&x| !present(x)) {
            return Err(Rejection::Requires {
                module: module.id.to_string(),
                required: plan.modules[req].id.to_string(),
            });
        }
        if let Some(&ex) = module.excludes.iter().find(|&&x| present(x)) {
            return Err(Rejection::Excludes {
                module: module.id.to_string(),
                other: plan.modules[ex].id.to_string(),
            });
        }
        let _ = m;
    }
    if let Some((name, text)) = r.attributes.iter().find_map(|(k, v)| match v {
        crate::request::Attr::Text(t) if t.chars().count() > crate::limits::MAX_ATTRIBUTE_CHARS => {
            Some((k, t))
        }
        _ => None,
    }) {
        return Err(Rejection::Invalid {
            field: format!("attribute `{name}`"),
            value: format!(
                "of {} characters",
                crate::limits::grouped(text.chars().count() as u64)
            ),
            expected: format!(
                "it must be at most {} characters (ratecard's limit, see docs/limits.md)",
                crate::limits::grouped(crate::limits::MAX_ATTRIBUTE_CHARS as u64)
            ),
        });
    }
    let storage_gb = r.storage_gb.map_or(Decimal::ZERO, |q| q.0);
    if storage_gb.is_sign_negative() && !storage_gb.is_zero() {
        return Err(Rejection::Invalid {
            field: "storage_gb".into(),
            value: storage_gb.to_string(),
            expected: "storage used cannot be negative".into(),
        });
    }
    if storage_gb > Decimal::from(crate::limits::MAX_STORAGE_GB) {
        return Err(over_limit(
            "storage_gb",
            storage_gb,
            crate::limits::MAX_STORAGE_GB,
        ));
    }
    let backup = match &r.backup {
        None => None,
        Some(b) => Some(find(&plan.backups, "backup option", b, |x| &x.id)?),
    };
    let support = match &r.support {
        None => None,
        Some(s) => Some(find(&plan.supports, "support tier", s, |x| &x.id)?),
    };
    let support_units = match (r.support_units, support) {
        (None, _) => 0,
        (Some(q), Some(s)) if plan.supports[s].allowance.is_some() => {
            whole("support_units", q, 0, crate::limits::MAX_SERVICE_QUANTITY)?
        }
        (Some(q), _) => {
            let tiers: Vec<String> = (plan.supports.iter())
                .filter(|s| s.allowance.is_some())
                .map(|s| format!("`{}`", s.id))
                .collect();
            let way_out = match tiers.as_slice() {
                [] => "no support tier of this plan includes units of service".to_string(),
                t => format!(
                    "only support tier {} counts units of service",
                    crate::text::or_list(t)
                ),
            };
            return Err(Rejection::Invalid {
                field: "support_units".into(),
                value: q.0.normalize().to_string(),
                expected: way_out,
            });
        }
    };
    let billing = match r.billing.as_deref() {
        None => plan.default_cycle(),
        Some(word) => match Billing::parse(word).filter(|b| plan.sells_cycle(*b)) {
            Some(b) => b,
            None => {
                return Err(Rejection::Unknown {
                    what: "billing cycle",
                    name: word.to_string(),
                    accepted: plan
                        .cycles()
                        .iter()
                        .map(|c| c.name().into_owned())
                        .collect(),
                })
            }
        },
    };
    available(plan, ed, r, billing)?;
    for (m, module) in plan.modules.iter().enumerate() {
        // The editions that buy it rather than include it.
        let mut buying = eds
            .iter()
            .map(|e| &plan.editions[*e])
            .filter(|e| !e.included[m]);
        let Some(first) = buying.clone().next() else {
            continue;
        };
        if requested.contains(m) {
            sold_on(&module.sold_on, billing, || {
                format!("module `{}`", module.id)
            })?;
            if let Some(sold) = &module.not_sold {
                return Err(Rejection::NotSoldIn {
                    what: module.label.to_string(),
                    currency: plan.currency.code.to_string(),
                    sold: sold.to_string(),
                });
            }
            if module.on_application {
                return Err(Rejection::OnApplication {
                    what: format!("module `{}` ({})", module.id, module.label),
                    name: Some(module.id.to_string()),
                });
            }
            // Sold with an edition by an attach price, perhaps only on some cycles.
            if module.price.is_none() && buying.all(|e| module.attach_on(&e.id, billing).is_none())
            {
                let sold: Vec<Billing> = (module.attach.iter())
                    .filter(|a| a.editions.contains(&first.id))
                    .filter_map(|a| a.cycle)
                    .collect();
                sold_on(&sold, billing, || {
                    format!("module `{}` with edition `{}`", module.id, first.id)
                })?;
            }
        }
    }
    if let Some(s) = support {
        let tier = &plan.supports[s];
        sold_on(&tier.sold_on, billing, || {
            format!("support tier `{}`", tier.id)
        })?;
    }
    if let Some(b) = backup {
        let option = &plan.backups[b];
        sold_on(&option.sold_on, billing, || {
            format!("backup option `{}`", option.id)
        })?;
    }
    let term_months = match r.term_months {
        // Month-to-month: a monthly subscription runs a month at a time.
        None if plan.month_to_month && billing == Billing::MONTHLY => 1,
        None => 12,
        Some(q) => whole("term_months", q, 1, crate::limits::MAX_TERM_MONTHS)?,
    };
    if term_months % billing.months() != 0 {
        return Err(Rejection::Term {
            months: term_months.to_string(),
            reason: format!(
                "is not a whole number of {} cycles ({} months each)",
                billing.name(),
                billing.months()
            ),
        });
    }
    if let Some(min) = plan.min_term_months.filter(|m| term_months < *m) {
        return Err(Rejection::Term {
            months: term_months.to_string(),
            reason: format!(
                "is shorter than the plan's minimum term of {min} month{}",
                if min == 1 { "" } else { "s" }
            ),
        });
    }
    if let Some(min) = ed.min_term_months.filter(|m| term_months < *m) {
        return Err(Rejection::Term {
            months: term_months.to_string(),
            reason: format!(
                "is shorter than edition `{}`'s minimum term of {min} months: ask for {min} months or more",
                ed.id
            ),
        });
    }
    let mut services = smallvec::SmallVec::new();
    for s in &r.services {
        services.push(resolve_service(plan, s)?);
    }
    let mut coupons = Vec::with_capacity(r.coupons.len());
    for code in &r.coupons {
        let c = find(&plan.coupons, "coupon code", code, |x| &x.id)?;
        if coupons.contains(&c) {
            return Err(Rejection::Twice {
                what: "coupon code",
                name: code.clone(),
            });
        }
        coupons.push(c);
    }
    let lines = || {
        std::iter::once((edition, seats)).chain(other_seats.iter().filter_map(|l| match l.of {
            SeatOf::Edition(e) => Some((e, l.seats)),
            SeatOf::Type(_) => None,
        }))
    };
    let mut module_seats = Vec::new();
    for (m, module) in plan.modules.iter().enumerate() {
        if !requested.contains(m) {
            continue;
        }
        let count = match counted.iter().find(|(i, ..)| *i == m) {
            Some((_, q, name)) => {
                let n = whole(
                    &format!("quantities.{name}"),
                    *q,
                    1,
                    crate::limits::MAX_SEATS,
                )?;
                module_seats.push((m, n));
                Some(n)
            }
            None => None,
        };
        if count.is_none() && other_seats.is_empty() {
            // One edition, the module for all its seats: the usual request, checked
            // without splitting it over seat lines.
            if !ed.included[m] {
                if let Some(price) = crate::resolved::module_price(plan, m, edition, billing) {
                    within_bands(price, seats, || format!("module `{}`", module.id))?;
                }
            }
            continue;
        }
        let split = crate::resolved::module_split(plan, lines(), m, billing, count);
        if let Some(n) = count {
            let whole = crate::resolved::module_split(plan, lines(), m, billing, None);
            seats::module_count(plan, (m, n), &whole, billing)?;
        }
        for (e, n) in split {
            if let Some(price) = crate::resolved::module_price(plan, m, e, billing) {
                within_bands(price, n, || format!("module `{}`", module.id))?;
            }
        }
    }
    let billed_seats = seat_limits(plan, ed, seats, "seats")?;
    let (price, _) = crate::model::price_for(&ed.price, &ed.cycle_prices, billing);
    within_bands(price, billed_seats, || format!("edition `{}`", ed.id))?;
    seats::other_lines(plan, r, ed, &other_seats, billing, term_months)?;
    let (quantities, volumes) = quantities::resolve(plan, r, billing)?;
    let tax = tax(plan, r)?;
    Ok(Resolved {
        edition,
        seats,
        other_seats,
        all_seats,
        module_seats,
        requested,
        quantities,
        volumes,
        storage_gb,
        backup,
        support,
        support_units,
        billing,
        term_months,
        services,
        coupons,
        tax,
    })
}

/// Refuses an edition not sold on this cycle or in this currency, withdrawn before the
/// quote's date, or priced on application.
fn available(
    plan: &Plan,
    ed: &crate::model::Edition,
    r: &Request,
    billing: Billing,
) -> Result<(), Rejection> {
    sold_on(&ed.sold_on, billing, || format!("edition `{}`", ed.id))?;
    if let Some(sold) = &ed.not_sold {
        return Err(Rejection::NotSoldIn {
            what: ed.label.to_string(),
            currency: plan.currency.code.to_string(),
            sold: sold.to_string(),
        });
    }
    if let Some(w) = ed.withdrawn {
        let today = match r.quote_date.as_ref() {
            Some(d) => crate::date::Date::from_ymd_text(&d.0),
            None => Some(crate::date::Date::today()),
        };
        if let Some(day) = today.filter(|d| *d > w) {
            return Err(Rejection::Withdrawn {
                what: format!("edition `{}` ({})", ed.id, ed.label),
                date: w.to_string(),
                quote_date: day.to_string(),
            });
        }
    }
    if ed.on_application {
        return Err(Rejection::OnApplication {
            what: format!("edition `{}` ({})", ed.id, ed.label),
            name: Some(ed.id.to_string()),
        });
    }
    Ok(())
}

/// The rate the request is taxed at: the plan's one rate, or its table's choice by the
/// request's country (and VAT id); a country the table neither lists nor defaults is
/// refused naming the ones it taxes.
fn tax(plan: &Plan, r: &Request) -> Result<crate::model::TaxChoice, Rejection> {
    let Some(table) = &plan.tax_table else {
        return Ok(crate::model::TaxChoice {
            percent: plan.tax_percent,
            reason: None,
        });
    };
    let vat_id = r.vat_id.as_deref().is_some_and(|v| !v.trim().is_empty());
    table
        .choose(r.country.as_deref(), vat_id)
        .map_err(|u| Rejection::Invalid {
            field: "country".into(),
            value: r.country.clone().unwrap_or_else(|| "(none)".into()),
            expected: format!(
                "this plan taxes by the customer's country: {}",
                crate::text::one_of(&u.listed)
            ),
        })
}

/// The seats the edition bills: the request's, or its minimum charge when fewer; a
/// request outside a minimum purchase or a maximum is refused with the way out.
fn seat_limits(
    plan: &Plan,
    ed: &crate::model::Edition,
    seats: u64,
    field: &str,
) -> Result<u64, Rejection> {
    let l = &ed.limits;
    match l.minimum {
        Some(min) if seats < min && l.charge_minimum => return Ok(min),
        Some(min) if seats < min => {
            return Err(Rejection::Invalid {
                field: field.into(),
                value: seats.to_string(),
                expected: format!(
                    "edition `{}` is sold from {min} seats: ask for {min} or more",
                    ed.id
                ),
            })
        }
        _ => {}
    }
    if let Some(max) = ed.most_seats().filter(|max| seats > *max) {
        let larger: Vec<String> = (plan.editions.iter())
            .filter(|e| e.most_seats().is_none_or(|m| m >= seats))
            .filter(|e| {
                e.limits
                    .minimum
                    .is_none_or(|m| m <= seats || e.limits.charge_minimum)
            })
            .map(|e| format!("`{}`", e.id))
            .collect();
        let way_out = match larger.as_slice() {
            [] => format!("ask for {max} or fewer"),
            names => format!(
                "ask for {max} or fewer, or choose {}",
                crate::text::or_list(names)
            ),
        };
        return Err(Rejection::Invalid {
            field: field.into(),
            value: seats.to_string(),
            expected: format!("edition `{}` is sold up to {max} seats: {way_out}", ed.id),
        });
    }
    Ok(seats)
}

/// Rejects an item sold only on other billing cycles.
pub(super) fn sold_on(
    sold: &[Billing],
    billing: Billing,
    what: impl Fn() -> String,
) -> Result<(), Rejection> {
    if sold.is_empty() || sold.contains(&billing) {
        return Ok(());
    }
    Err(Rejection::NotOnCycle {
        what: what(),
        billing: billing.name().into_owned(),
        sold: sold.iter().map(|c| c.name().into_owned()).collect(),
    })
}

fn within_bands(
    price: &SeatPrice,
    seats: u64,
    priced: impl Fn() -> String,
) -> Result<(), Rejection> {
    if let SeatPrice::Account(tiers) = price {
        if crate::model::AccountTier::holding(tiers, seats).is_none() {
            let tiers: Vec<String> = (tiers.iter())
                .map(|t| format!("up to {}", t.up_to))
                .collect();
            return Err(Rejection::OutsideBands {
                priced: priced(),
                seats,
                bands: tiers.join(", "),
            });
        }
    }
    if let SeatPrice::Volume(bands) | SeatPrice::Graduated(bands) = price {
        let first = bands.first().map_or(1, |b| b.from);
        let covered = seats >= first
            && bands
                .last()
                .is_some_and(|b| b.to.is_none_or(|to| seats <= to));
        if !covered {
            let bands = bands
                .iter()
                .map(|b| b.range.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Rejection::OutsideBands {
                priced: priced(),
                seats,
                bands,
            });
        }
    }
    Ok(())
}

fn resolve_service(
    plan: &Plan,
    s: &crate::request::ServiceRequest,
) -> Result<ResolvedService, Rejection> {
    let service = find(&plan.services, "service", &s.kind, |x| &x.id)?;
    let svc = &plan.services[service];
    let quantity = match s.quantity {
        Some(q) if q.0 <= Decimal::ZERO => {
            return Err(Rejection::Invalid {
                field: format!("service `{}` quantity", s.kind),
                value: q.0.normalize().to_string(),
                expected: "it must be greater than zero".into(),
            })
        }
        Some(q) if q.0 > Decimal::from(crate::limits::MAX_SERVICE_QUANTITY) => {
            return Err(over_limit(
                &format!("service `{}` quantity", s.kind),
                q.0,
                crate::limits::MAX_SERVICE_QUANTITY,
            ))
        }
        Some(q) => Some(q.0),
        None => None,
    };
    match &svc.pricing {
        ServicePricing::Targets {
            targets,
            complexity,
            workload,
        } => {
            let target = match &s.target {
                None => {
                    let accepted = names(targets, |t| &t.id);
                    return Err(missing_part(&s.kind, "target", &accepted));
                }
                Some(t) => find(targets, "integration target", t, |x| &x.id)?,
            };
            let complexity = match (&s.complexity, complexity.is_empty()) {
                (None, true) => None,
                (None, false) => {
                    let accepted = names(complexity, |c| &c.0);
                    return Err(missing_part(&s.kind, "complexity", &accepted));
                }
                (Some(c), _) => Some(find(complexity, "complexity", c, |x| &x.0)?),
            };
            // With a workload rate the quantity is the work (days, sessions), which has no
            // sensible default; without one it counts integrations and defaults to one.
            let quantity = match (quantity, workload) {
                (Some(q), _) => q,
                (None, None) => Decimal::ONE,
                (None, Some(w)) => {
                    return Err(Rejection::Invalid {
                        field: format!("service `{}`", s.kind),
                        value: format!("without a number of {}s", w.unit),
                        expected: format!(
                            "it is priced per {unit} of work: give one, e.g. {}:{}:{}10",
                            s.kind,
                            s.target.as_deref().unwrap_or("TARGET"),
                            s.complexity
                                .as_deref()
                                .map_or(String::new(), |c| format!("{c}:")),
                            unit = w.unit,
                        ),
                    });
                }
            };
            Ok(ResolvedService {
                service,
                target: Some(target),
                complexity,
                quantity,
            })
        }
        ServicePricing::PerUnit { unit, .. } => {
            if let Some(t) = s.target.as_ref().or(s.complexity.as_ref()) {
                return Err(Rejection::Invalid {
                    field: format!("service `{}`", s.kind),
                    value: format!("`{t}`"),
                    expected: format!(
                        "it is priced per {unit}: give a quantity, not a target or complexity"
                    ),
                });
            }
            let Some(quantity) = quantity else {
                return Err(Rejection::Invalid {
                    field: format!("service `{}`", s.kind),
                    value: "without a quantity".into(),
                    expected: format!("give the number of {unit}s, e.g. {}:4", s.kind),
                });
            };
            Ok(ResolvedService {
                service,
                target: None,
                complexity: None,
                quantity,
            })
        }
    }
}

/// A target-priced service requested without its target or complexity.
fn missing_part(kind: &str, part: &str, accepted: &[String]) -> Rejection {
    Rejection::Invalid {
        field: format!("service `{kind}`"),
        value: format!("without a {part}"),
        expected: format!("name one of: {}", accepted.join(", ")),
    }
}

//! Shaping the request one field at a time: `set`, `unset`, `add`, `drop`, and `show`.
//!
//! Names are checked against the loaded plan as they are typed, with the words a rejected
//! quote would use, so a typo is caught at the keystroke rather than at `quote`. Shapes the
//! plan alone cannot judge (seats 0, a term that is not whole cycles) are left to the quote,
//! which names the problem in full.

use crate::model::{Plan, ServicePricing};
use crate::rejection::Rejection;
use crate::request::{Attr, Qty, Request, ServiceRequest};
use rust_decimal::Decimal;
use std::str::FromStr;

fn unknown(what: &'static str, name: &str, accepted: Vec<String>) -> String {
    Rejection::Unknown {
        what,
        name: name.to_string(),
        accepted,
    }
    .to_string()
}

/// Checks that `name` is one of `names(plan)`, when a plan is loaded.
fn known(
    plan: Option<&Plan>,
    what: &'static str,
    name: &str,
    names: impl Fn(&Plan) -> Vec<String>,
) -> Result<(), String> {
    match plan.map(names) {
        Some(all) if !all.iter().any(|n| n == name) => Err(unknown(what, name, all)),
        _ => Ok(()),
    }
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|x| id(x).to_string()).collect()
}

fn number(field: &str, text: &str) -> Result<Decimal, String> {
    // Exactly as written: `1e3` is refused with the reason, not read as 1000 (issue 9).
    crate::request::exact_number(text).map_err(|e| {
        if e.ends_with("is not a number") {
            format!("{field} takes a number, not `{text}`")
        } else {
            format!("{field}: {e}")
        }
    })
}

/// Reads an attribute value the way `--attr` does: true/false, a number, or text.
pub fn attr_value(text: &str) -> Attr {
    match text {
        "true" => Attr::Bool(true),
        "false" => Attr::Bool(false),
        _ => Decimal::from_str(text).map_or_else(|_| Attr::Text(text.to_string()), Attr::Number),
    }
}

const SET_USAGE: &str = "write set FIELD VALUE, e.g. set seats 60 (fields: edition, seats, storage, backup, support, billing, term, customer, currency, attr, qty, volume, or an add-on's or usage's name)";

/// `set FIELD VALUE...`: changes one field; returns what it now reads, for the confirmation.
pub fn set(r: &mut Request, plan: Option<&Plan>, args: &[String]) -> Result<String, String> {
    let (field, values) = args.split_first().ok_or(SET_USAGE)?;
    if field == "attr" {
        let [name, value @ ..] = values else {
            return Err("write set attr NAME VALUE, e.g. set attr segment education".into());
        };
        if value.is_empty() {
            return Err(format!("attribute {name} needs a value"));
        }
        let v = attr_value(&value.join(" "));
        let shown = format!("attr {name} {v}");
        r.attributes.insert(name.clone(), v);
        return Ok(shown);
    }
    if field == "qty" || field == "volume" {
        let [name, value] = values else {
            return Err(format!(
                "write set {field} NAME N, e.g. set {field} {}",
                if field == "qty" {
                    "sandbox 3"
                } else {
                    "payments 15000"
                }
            ));
        };
        let n = Qty(number(name, value)?);
        let map = if field == "qty" {
            &mut r.quantities
        } else {
            &mut r.volumes
        };
        map.insert(name.clone(), n);
        return Ok(format!("{field} {name} {value}"));
    }
    if field == "seats" {
        if let [name, value] = values {
            // `set seats professional 30`: another seat line beside the account's edition.
            known(plan, "edition or seat type", name, |p| {
                let mut names = p.edition_names();
                names.extend(ids(&p.seat_types, |t| &t.id));
                names
            })?;
            let n = Qty(number(name, value)?);
            r.other_seats.insert(name.clone(), n);
            return Ok(format!("seats {name} {value}"));
        }
    }
    let value = match values {
        [v] => v.clone(),
        [_, ..] if field == "customer" => values.join(" "),
        [] => return Err(format!("set {field} needs a value")),
        _ => return Err(format!("set {field} takes one value")),
    };
    match field.as_str() {
        "edition" => {
            known(plan, "edition", &value, |p| p.edition_names())?;
            r.edition = Some(value.clone());
        }
        "seats" => r.seats = Some(Qty(number("seats", &value)?)),
        "storage" => r.storage_gb = Some(Qty(number("storage", &value)?)),
        "term" => r.term_months = Some(Qty(number("term", &value)?)),
        "support_units" => r.support_units = Some(Qty(number("support_units", &value)?)),
        "billing" => {
            let cycles = ["monthly", "quarterly", "annual"];
            if !cycles.contains(&value.as_str()) {
                let accepted = cycles.iter().map(|c| c.to_string()).collect();
                return Err(unknown("billing cycle", &value, accepted));
            }
            r.billing = Some(value.clone());
        }
        "backup" if value == "none" => r.backup = None,
        "support" if value == "none" => r.support = None,
        "backup" => {
            known(plan, "backup option", &value, |p| {
                ids(&p.backups, |b| &b.id)
            })?;
            r.backup = Some(value.clone());
        }
        "support" => {
            known(plan, "support tier", &value, |p| {
                ids(&p.supports, |s| &s.id)
            })?;
            r.support = Some(value.clone());
        }
        "customer" => r.customer = Some(value.clone()),
        // Checked when quoting: a request in another currency than the plan's is rejected.
        "currency" => r.currency = Some(value.clone()),
        // An add-on's or usage's own name reads as its quantity: `set sandbox 3`.
        name if plan.is_some_and(|p| p.quantities.iter().any(|q| &*q.id == name)) => {
            r.quantities
                .insert(name.to_string(), Qty(number(name, &value)?));
        }
        other => return Err(format!("there is no field `{other}`; {SET_USAGE}")),
    }
    Ok(format!("{field} {value}"))
}

/// `unset FIELD` (or `unset attr NAME`): forgets a field.
pub fn unset(r: &mut Request, args: &[String]) -> Result<String, String> {
    match args {
        [f] if f == "edition" => r.edition = None,
        [f] if f == "seats" => r.seats = None,
        [f] if f == "storage" => r.storage_gb = None,
        [f] if f == "backup" => r.backup = None,
        [f] if f == "support" => r.support = None,
        [f] if f == "billing" => r.billing = None,
        [f] if f == "term" => r.term_months = None,
        [f] if f == "support_units" => r.support_units = None,
        [f] if f == "customer" => r.customer = None,
        [f] if f == "currency" => r.currency = None,
        [f, name] if f == "qty" || f == "volume" => {
            let map = if f == "qty" {
                &mut r.quantities
            } else {
                &mut r.volumes
            };
            if map.remove(name).is_none() {
                return Err(format!("the request has no {f} for {name}"));
            }
        }
        [f, name] if f == "attr" => {
            if r.attributes.remove(name).is_none() {
                return Err(format!("the request has no attribute {name}"));
            }
        }
        [f, name] if f == "seats" => {
            if r.other_seats.remove(name).is_none() {
                return Err(format!("the request has no seats of {name}"));
            }
        }
        [name] if r.quantities.remove(name).is_some() => {}
        _ => return Err("write unset FIELD (edition, seats, storage, backup, support, billing, term, customer, currency), unset attr NAME or unset qty NAME".into()),
    }
    Ok(format!("{} unset", args.join(" ")))
}

/// `add module|service|coupon ...`.
pub fn add(r: &mut Request, plan: Option<&Plan>, args: &[String]) -> Result<String, String> {
    let (what, rest) = args
        .split_first()
        .ok_or("write add module NAME, add service KIND ..., or add coupon CODE")?;
    match what.as_str() {
        "module" if rest.is_empty() => Err("add module needs a module name".into()),
        "module" => {
            for m in rest {
                known(plan, "module", m, |p| ids(&p.modules, |m| &m.id))?;
                if r.modules.contains(m) {
                    return Err(format!("module {m} is already in the request"));
                }
            }
            r.modules.extend(rest.iter().cloned());
            Ok(format!("module {} added", rest.join(", ")))
        }
        "service" => {
            let s = service(plan, rest)?;
            let shown = service_words(&s);
            r.services.push(s);
            Ok(format!("service {} added as #{}", shown, r.services.len()))
        }
        "coupon" => {
            let [code] = rest else {
                return Err("write add coupon CODE".into());
            };
            known(plan, "coupon code", code, |p| ids(&p.coupons, |c| &c.id))?;
            if r.coupons.contains(code) {
                return Err(format!("coupon {code} is already in the request"));
            }
            r.coupons.push(code.clone());
            Ok(format!("coupon {code} added"))
        }
        other => Err(format!(
            "cannot add `{other}`: write add module, add service or add coupon"
        )),
    }
}

/// `add service KIND [TARGET [COMPLEXITY]] [QUANTITY]` or `add service KIND QUANTITY`.
fn service(plan: Option<&Plan>, args: &[String]) -> Result<ServiceRequest, String> {
    let Some((kind, rest)) = args.split_first() else {
        return Err("write add service KIND TARGET COMPLEXITY (add service integration erp high) or add service KIND QUANTITY (add service training 4)".into());
    };
    known(plan, "service", kind, |p| ids(&p.services, |s| &s.id))?;
    let mut s = ServiceRequest {
        kind: kind.clone(),
        ..Default::default()
    };
    let mut names = Vec::new();
    for word in rest {
        match Decimal::from_str(word) {
            Ok(q) if s.quantity.is_none() => s.quantity = Some(Qty(q)),
            Ok(_) => return Err(format!("service {kind} has one quantity, not two")),
            Err(_) if s.quantity.is_some() => {
                return Err(format!("put the quantity of service {kind} last"))
            }
            Err(_) => names.push(word.clone()),
        }
    }
    let mut names = names.into_iter();
    s.target = names.next();
    s.complexity = names.next();
    if let Some(extra) = names.next() {
        return Err(format!(
            "service {kind} takes a target and a complexity; `{extra}` is one word too many"
        ));
    }
    let pricing = plan.and_then(|p| p.services.iter().find(|x| &*x.id == kind.as_str()));
    if let Some(ServicePricing::Targets {
        targets,
        complexity,
        ..
    }) = pricing.map(|x| &x.pricing)
    {
        if let Some(t) = &s.target {
            known(plan, "integration target", t, |_| ids(targets, |t| &t.id))?;
        }
        if let Some(c) = &s.complexity {
            known(plan, "complexity", c, |_| ids(complexity, |c| &c.0))?;
        }
    }
    Ok(s)
}

/// A service as the words that add it: `integration erp high`, `training 4`.
pub fn service_words(s: &ServiceRequest) -> String {
    let mut w = vec![s.kind.clone()];
    w.extend(s.target.clone());
    w.extend(s.complexity.clone());
    w.extend(s.quantity.map(|q| crate::money::format_quantity(q.0)));
    w.join(" ")
}

/// `drop module NAME`, `drop service N|KIND`, `drop coupon CODE`.
pub fn drop(r: &mut Request, args: &[String]) -> Result<String, String> {
    match args {
        [what, name] if what == "module" => {
            let before = r.modules.len();
            r.modules.retain(|m| m != name);
            if r.modules.len() == before {
                return Err(not_there("module", name, &r.modules));
            }
            Ok(format!("module {name} dropped"))
        }
        [what, code] if what == "coupon" => {
            let before = r.coupons.len();
            r.coupons.retain(|c| c != code);
            if r.coupons.len() == before {
                return Err(not_there("coupon", code, &r.coupons));
            }
            Ok(format!("coupon {code} dropped"))
        }
        [what, which] if what == "service" => {
            let i = match which.parse::<usize>() {
                Ok(n) if (1..=r.services.len()).contains(&n) => n - 1,
                Ok(n) => {
                    return Err(format!(
                        "there is no service #{n}; the request has {} (see show)",
                        r.services.len()
                    ))
                }
                Err(_) => {
                    let hits: Vec<usize> = (0..r.services.len())
                        .filter(|i| r.services[*i].kind == *which)
                        .collect();
                    match hits.as_slice() {
                        [i] => *i,
                        [] => return Err(format!("the request has no service {which}")),
                        _ => {
                            return Err(format!(
                            "the request has {} {which} services: drop one by number (see show)",
                            hits.len()
                        ))
                        }
                    }
                }
            };
            let s = r.services.remove(i);
            Ok(format!("service #{} {} dropped", i + 1, service_words(&s)))
        }
        _ => Err("write drop module NAME, drop service N, or drop coupon CODE".into()),
    }
}

fn not_there(what: &str, name: &str, present: &[String]) -> String {
    if present.is_empty() {
        format!("the request has no {what}s")
    } else {
        format!(
            "{what} {name} is not in the request; it has: {}",
            present.join(", ")
        )
    }
}

/// The request as `show` prints it, one (field, value) row per line; `compare` diffs these.
pub fn rows(r: &Request) -> Vec<(String, String)> {
    let q = |x: &Option<Qty>| x.map(|q| crate::money::format_quantity(q.0));
    let unset = || "-".to_string();
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    let mut rows = Vec::new();
    if let Some(c) = &r.customer {
        rows.push(("customer", c.clone()));
    }
    if let Some(c) = &r.currency {
        rows.push(("currency", c.clone()));
    }
    rows.push(("edition", r.edition.clone().unwrap_or_else(unset)));
    rows.push(("seats", q(&r.seats).unwrap_or_else(unset)));
    rows.push(("modules", list(&r.modules)));
    rows.push((
        "storage",
        q(&r.storage_gb).map_or_else(|| "0 GB".into(), |s| format!("{s} GB")),
    ));
    rows.push(("backup", r.backup.clone().unwrap_or_else(|| "none".into())));
    rows.push((
        "support",
        r.support.clone().unwrap_or_else(|| "none".into()),
    ));
    let billing = r.billing.clone();
    rows.push((
        "billing",
        billing.unwrap_or_else(|| "monthly (default)".into()),
    ));
    let term = q(&r.term_months).map(|t| format!("{t} months"));
    rows.push(("term", term.unwrap_or_else(|| "12 months (default)".into())));
    let services: Vec<String> = (r.services.iter().enumerate())
        .map(|(i, s)| format!("#{} {}", i + 1, service_words(s)))
        .collect();
    rows.push(("services", list(&services)));
    rows.push(("coupons", list(&r.coupons)));
    let mut rows: Vec<(String, String)> =
        rows.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    for (k, v) in &r.other_seats {
        rows.push((format!("seats {k}"), crate::money::format_quantity(v.0)));
    }
    for (k, v) in &r.quantities {
        rows.push((format!("qty {k}"), crate::money::format_quantity(v.0)));
    }
    for (k, v) in &r.volumes {
        rows.push((format!("volume {k}"), crate::money::format_quantity(v.0)));
    }
    for (k, v) in &r.attributes {
        rows.push((format!("attr {k}"), v.to_string()));
    }
    if let Some(ramp) = &r.ramp {
        let periods: Vec<String> = (ramp.periods.iter())
            .map(|p| {
                let months = p.months.map_or(12.into(), |m| m.0);
                let seats = p
                    .seats
                    .or(r.seats)
                    .map_or("-".into(), |s| crate::money::format_quantity(s.0));
                format!("{seats} seats for {} months", months.normalize())
            })
            .collect();
        let up = ramp.uplift_percent.map_or(String::new(), |u| {
            format!("; prices up {}% a year", u.0.normalize())
        });
        rows.push(("ramp".into(), format!("{}{up}", periods.join(", then "))));
    }
    if let Some(a) = &r.renewal {
        rows.push((
            "renewal".into(),
            format!("prices up {}%", a.uplift_percent.0.normalize()),
        ));
    }
    if let Some(a) = &r.amendment {
        let from = a
            .original
            .seats
            .map_or("-".into(), |s| crate::money::format_quantity(s.0));
        rows.push((
            "amendment".into(),
            format!(
                "from {from} seats, effective {} (contract from {})",
                a.effective, a.contract_start
            ),
        ));
    }
    rows
}

/// `show`: the request, one field a line.
pub fn show(r: &Request) -> String {
    rows(r)
        .into_iter()
        .map(|(k, v)| format!("  {k:<9} {v}\n"))
        .collect()
}

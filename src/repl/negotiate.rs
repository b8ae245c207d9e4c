//! Negotiating in the REPL: contract prices and deal discounts with their approval state,
//! goal-seek (`fit` a budget, `breakeven` between editions or cycles), and named scenarios
//! saved as request files a colleague can open.

use crate::deal::{self, Date};
use crate::model::Plan;
use crate::money::{format_amount, format_unit};
use crate::request::{ContractTerms, NegotiatedDiscount, Qty, Request};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

/// The amount a budget is compared with: the contract total before tax, the sum of its
/// invoices, for a plain quote or a deal alike.
pub fn total(plan: &Plan, r: &Request) -> Result<Decimal, String> {
    crate::app::quote(plan, r)
        .map(|q| q.totals.term_total)
        .map_err(|e| e.to_string())
}

/// `approval: not needed`, or each floor passed with its approver.
pub fn approval_state(plan: &Plan, r: &Request) -> String {
    let floors =
        |q: &crate::quote::Quote| q.deal.as_ref().map_or(Vec::new(), |d| d.approvals.clone());
    match deal::price(plan, r, Date::today()) {
        Ok(d) if floors(&d).is_empty() => "approval: not needed".into(),
        Ok(d) => {
            let reasons: Vec<String> = floors(&d)
                .iter()
                .map(|a| match &a.approver {
                    Some(who) => format!("{} ({who}): {}", a.floor, a.detail),
                    None => format!("{}: {}", a.floor, a.detail),
                })
                .collect();
            format!("approval required: {}", reasons.join("; "))
        }
        Err(e) => format!("the deal does not price: {e}"),
    }
}

/// `deal ramp 50 80 120 uplift 5%` and `deal renewal 5%`: the periods of a deal, set on the
/// request (a ramp replaces any renewal or amendment, and the other way round); `None` for
/// the other `deal` commands.
fn periods(r: &mut Request, args: &[String]) -> Result<Option<String>, String> {
    use crate::request::{Ramp, RampPeriod, Renewal};
    match args {
        [w, rest @ ..] if w == "ramp" => {
            let usage = "write deal ramp 50 80 120 uplift 5%: one year per seat count";
            let (counts, uplift) = match rest.iter().position(|x| x == "uplift") {
                Some(i) => match &rest[i + 1..] {
                    [pct] => (&rest[..i], Some(number(pct, usage)?)),
                    _ => return Err(usage.into()),
                },
                None => (rest, None),
            };
            if counts.is_empty() {
                return Err(usage.into());
            }
            let mut periods = Vec::with_capacity(counts.len());
            for c in counts {
                let n = number(c, usage)?;
                if n < Decimal::ONE || !n.fract().is_zero() {
                    return Err(format!("`{c}` is not a whole number of seats; {usage}"));
                }
                periods.push(RampPeriod {
                    seats: Some(Qty(n)),
                    ..RampPeriod::default()
                });
            }
            let years = periods.len();
            r.ramp = Some(Ramp {
                uplift_percent: uplift.map(Qty),
                uplift_cap_percent: None,
                periods,
            });
            r.renewal = None;
            r.amendment = None;
            let seats: Vec<&str> = counts.iter().map(String::as_str).collect();
            let up = uplift.map_or(String::new(), |u| {
                format!(", prices up {}% a year", u.normalize())
            });
            Ok(Some(format!(
                "ramp over {years} year{}: {} seats{up}",
                if years == 1 { "" } else { "s" },
                seats.join(", ")
            )))
        }
        [w, pct] if w == "renewal" => {
            let p = number(pct, "write deal renewal 5%")?;
            r.renewal = Some(Renewal {
                uplift_percent: Qty(p),
            });
            r.ramp = None;
            r.amendment = None;
            Ok(Some(format!("renewal, prices up {}%", p.normalize())))
        }
        _ => Ok(None),
    }
}

fn number(word: &str, what: &str) -> Result<Decimal, String> {
    Decimal::from_str(word.trim_end_matches('%'))
        .map_err(|_| format!("`{word}` is not a number; {what}"))
}

/// `deal discount PCT REASON...`, `deal price ITEM PRICE`, `deal clear`, or `deal` alone.
pub fn deal(r: &mut Request, plan: Option<&Plan>, args: &[String]) -> Result<String, String> {
    let usage =
        "write deal discount PCT REASON, deal price ITEM PRICE, deal ramp SEATS... [uplift PCT], deal renewal PCT, deal date YYYY-MM-DD, deal clear, or deal";
    if let Some(said) = periods(r, args)? {
        return Ok(match plan.map(|p| crate::app::quote(p, r)) {
            None => format!("{said}\n"),
            Some(Ok(q)) => format!(
                "{said}; contract total {} {} in {} invoice{}\n",
                q.fmt(q.totals.term_total),
                q.plan.currency,
                q.totals.invoices,
                if q.totals.invoices == 1 { "" } else { "s" }
            ),
            Some(Err(e)) => format!("{said}; the request does not price yet: {e}\n"),
        });
    }
    let terms = r.contract.get_or_insert_with(ContractTerms::default);
    let said = match args {
        [] => {
            let mut s = String::new();
            for (item, p) in &terms.prices {
                s.push_str(&format!("contract price {item} {}\n", p.0.normalize()));
            }
            for d in &terms.discounts {
                s.push_str(&format!(
                    "discount {}% ({})\n",
                    d.percent.0.normalize(),
                    d.reason
                ));
            }
            if s.is_empty() {
                s.push_str("no contract terms yet\n");
            }
            if r.contract
                .as_ref()
                .is_some_and(|c| *c == ContractTerms::default())
            {
                r.contract = None;
            }
            return Ok(s);
        }
        [w, date] if w == "date" => {
            if Date::from_ymd_text(date).is_none() {
                return Err(format!(
                    "`{date}` is not a calendar date; write it like 2026-05-01"
                ));
            }
            if r.contract
                .as_ref()
                .is_some_and(|c| *c == ContractTerms::default())
            {
                r.contract = None;
            }
            r.quote_date = Some(crate::request::DateText(date.clone()));
            return Ok(format!("quote date {date}\n"));
        }
        [w] if w == "clear" => {
            r.contract = None;
            r.ramp = None;
            r.renewal = None;
            r.amendment = None;
            "contract terms, ramp, renewal and amendment cleared".to_string()
        }
        [w, pct, reason @ ..] if w == "discount" => {
            let p = number(pct, "write deal discount 10 competitive displacement")?;
            if reason.is_empty() {
                return Err(
                    "give the discount a reason: deal discount 10 competitive displacement".into(),
                );
            }
            let reason = reason.join(" ");
            terms.discounts.push(NegotiatedDiscount {
                percent: Qty(p),
                reason: reason.clone(),
                scope: None,
            });
            format!("deal discount {}% ({reason})", p.normalize())
        }
        [w, item, price] if w == "price" => {
            let p = number(price, "write deal price professional 28.00")?;
            terms.prices.insert(item.clone(), Qty(p));
            format!("contract price {item} {p}")
        }
        _ => return Err(usage.into()),
    };
    let Some(plan) = plan else {
        return Ok(format!("{said}\n"));
    };
    match deal::monthly_quote(plan, r) {
        Ok(q) => Ok(format!(
            "{said}; monthly recurring {} {}; {}\n",
            q.fmt(q.totals.monthly_recurring),
            q.plan.currency,
            approval_state(plan, r)
        )),
        Err(e) => Ok(format!("{said}; the request does not price yet: {e}\n")),
    }
}

/// `fit BUDGET by seats|discount`: the most seats, or the least deal discount, that brings
/// the total (contract total, or term total before tax) within the budget.
/// What the deal already has that a goal-seek keeps: `negotiated discount 30%; contract
/// price for basic; a ramp`, or `None` for a plain request.
fn as_it_stands(r: &Request) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(c) = &r.contract {
        for nd in &c.discounts {
            parts.push(format!(
                "negotiated discount {}% ({})",
                nd.percent.0.normalize(),
                nd.reason
            ));
        }
        for item in c.prices.keys() {
            parts.push(format!("contract price for {item}"));
        }
    }
    if r.ramp.is_some() {
        parts.push("a ramp".into());
    }
    if r.renewal.is_some() {
        parts.push("a renewal".into());
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// `From the deal as it stands (...): ` before a goal-seek's answer, when there is a deal.
fn from_the_deal(r: &Request) -> String {
    as_it_stands(r).map_or(String::new(), |d| {
        format!("from the deal as it stands ({d}): ")
    })
}

pub fn fit(plan: &Plan, r: &Request, args: &[String]) -> Result<String, String> {
    fit_unprefixed(plan, r, args).map(|answer| format!("{}{answer}", from_the_deal(r)))
}

fn fit_unprefixed(plan: &Plan, r: &Request, args: &[String]) -> Result<String, String> {
    let usage = "write fit BUDGET by seats, or fit BUDGET by discount";
    let [budget, by, how] = args else {
        return Err(usage.into());
    };
    if by != "by" {
        return Err(usage.into());
    }
    let budget = number(budget, usage)?;
    let d = plan.currency.minor_digits;
    let a = |x: Decimal| format_amount(x, d);
    match how.as_str() {
        "seats" => {
            let at = |n: u64| {
                let mut x = r.clone();
                x.seats = Some(Qty(Decimal::from(n)));
                total(plan, &x)
            };
            if at(1)? > budget {
                return Ok(format!(
                    "even 1 seat costs {} (budget {})\n",
                    a(at(1)?),
                    a(budget)
                ));
            }
            // Totals grow with seats (a volume cliff is a check warning): search by halves.
            let (mut lo, mut hi) = (1u64, 2u64);
            while hi <= 1_000_000 && at(hi).is_ok_and(|t| t <= budget) {
                lo = hi;
                hi *= 2;
            }
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if at(mid).is_ok_and(|t| t <= budget) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            Ok(format!(
                "{lo} seats fit the budget {}: total {}; {} seats would cost {}\n",
                a(budget),
                a(at(lo)?),
                lo + 1,
                at(lo + 1).map_or_else(|e| e, a)
            ))
        }
        "discount" => {
            let at = |pct: Decimal| {
                let mut x = r.clone();
                let terms = x.contract.get_or_insert_with(ContractTerms::default);
                terms.discounts.push(NegotiatedDiscount {
                    percent: Qty(pct),
                    reason: "fit to budget".into(),
                    scope: None,
                });
                total(plan, &x).map(|t| (t, x))
            };
            let now = total(plan, r)?;
            let more = if as_it_stands(r).is_some() {
                " more"
            } else {
                ""
            };
            if now <= budget {
                return Ok(format!(
                    "the total {} is within the budget {} already: no{more} discount needed\n",
                    a(now),
                    a(budget)
                ));
            }
            if at(Decimal::ONE_HUNDRED)?.0 > budget {
                return Err(format!(
                    "no deal discount reaches {}: even 100% off leaves {}",
                    a(budget),
                    a(at(Decimal::ONE_HUNDRED)?.0)
                ));
            }
            // Hundredths of a percent: the least discount whose total is within budget.
            let (mut lo, mut hi) = (0i64, 10_000i64);
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                if at(Decimal::new(mid, 2))?.0 <= budget {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            let pct = Decimal::new(hi, 2);
            let (t, x) = at(pct)?;
            Ok(format!(
                "a {}deal discount of {}% brings the total from {} to {} (budget {}); {}\n(to apply: deal discount {} REASON)\n",
                if more.is_empty() { "" } else { "further " },
                pct.normalize(),
                a(now),
                a(t),
                a(budget),
                approval_state(plan, &x),
                pct.normalize()
            ))
        }
        _ => Err(usage.into()),
    }
}

/// `breakeven A B`: between two editions or two billing cycles, the first seat count at
/// which B's monthly recurring is at most A's.
pub fn breakeven(plan: &Plan, r: &Request, args: &[String]) -> Result<String, String> {
    breakeven_unprefixed(plan, r, args).map(|answer| format!("{}{answer}", from_the_deal(r)))
}

fn breakeven_unprefixed(plan: &Plan, r: &Request, args: &[String]) -> Result<String, String> {
    let usage = "write breakeven EDITION EDITION (breakeven professional enterprise) or breakeven CYCLE CYCLE (breakeven monthly annual)";
    let [x, y] = args else {
        return Err(usage.into());
    };
    let cycles = ["monthly", "quarterly", "annual"];
    let editions = plan.edition_names();
    let field = if cycles.contains(&x.as_str()) && cycles.contains(&y.as_str()) {
        "billing"
    } else if editions.contains(x) && editions.contains(y) {
        "edition"
    } else {
        return Err(format!("{usage}; editions: {}", editions.join(", ")));
    };
    let with = |value: &str, seats: u64| {
        let mut q = r.clone();
        if field == "billing" {
            q.billing = Some(value.to_string());
        } else {
            q.edition = Some(value.to_string());
        }
        q.seats = Some(Qty(Decimal::from(seats)));
        deal::monthly_quote(plan, &q).map(|q| q.totals.monthly_recurring)
    };
    const MAX: u64 = 2000;
    let d = plan.currency.minor_digits;
    for n in 1..=MAX {
        crate::interrupt::check()?;
        if let (Ok(ax), Ok(by)) = (with(x, n), with(y, n)) {
            if by <= ax {
                let per = |t: Decimal| format_unit(money_per_seat(t, n, d), d);
                return Ok(format!(
                    "from {n} seat{} {y} costs no more than {x} a month: {} against {} ({} and {} per seat)\n",
                    if n == 1 { "" } else { "s" },
                    format_amount(by, d),
                    format_amount(ax, d),
                    per(by),
                    per(ax)
                ));
            }
        }
    }
    Ok(format!(
        "{y} costs more than {x} a month at every seat count from 1 to {MAX}\n"
    ))
}

fn money_per_seat(t: Decimal, n: u64, d: u32) -> Decimal {
    crate::money::round(t.checked_div(Decimal::from(n)).unwrap_or_default(), d)
}

/// A request as a TOML file a colleague can open; contract prices carry the list prices
/// and plan version they were agreed against, so a later plan keeps them (price protection).
pub fn to_toml(plan: Option<&Plan>, r: &Request) -> Result<String, String> {
    let mut r = r.clone();
    if let (Some(plan), Some(c)) = (plan, r.contract.as_mut()) {
        if !c.prices.is_empty() {
            c.plan_version = Some(plan.version.to_string());
            if let Ok(d) = deal::price(plan, &r_without_ramp(&r), Date::today()) {
                let c = r.contract.get_or_insert_with(ContractTerms::default);
                for p in d.deal.map(|x| x.prices).unwrap_or_default() {
                    c.list_prices.insert(p.item.to_string(), Qty(p.list));
                }
            }
        }
    }
    toml::to_string(&r).map_err(|e| format!("the request cannot be written as TOML: {e}"))
}

fn r_without_ramp(r: &Request) -> Request {
    let mut x = r.clone();
    x.ramp = None;
    x.amendment = None;
    x.renewal = None;
    x
}

/// `export PATH`: the current request as a TOML request file.
pub fn export(plan: Option<&Plan>, r: &Request, args: &[String]) -> Result<String, String> {
    let [path] = args else {
        return Err("write export PATH, e.g. export northwind.toml".into());
    };
    let text = to_toml(plan, r)?;
    std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}"))?;
    Ok(format!(
        "the request is in {path} (ratecard quote PLAN --request {path} prices it)\n"
    ))
}

/// `scenario save NAME`, `scenario load NAME`, `scenario compare A B ...`, `scenario`.
pub fn scenario(
    plan: Option<&Plan>,
    request: &mut Request,
    saved: &mut BTreeMap<String, Request>,
    args: &[String],
) -> Result<String, String> {
    let usage =
        "write scenario save NAME, scenario load NAME, scenario compare NAME NAME ..., or scenario";
    let file = |name: &str| {
        if name.ends_with(".toml") {
            name.to_string()
        } else {
            format!("{name}.toml")
        }
    };
    match args {
        [] if saved.is_empty() => Ok("no scenarios saved yet: scenario save NAME\n".into()),
        [] => Ok(format!(
            "scenarios: {}\n",
            saved.keys().cloned().collect::<Vec<_>>().join(", ")
        )),
        [w, name] if w == "save" => {
            let path = file(name);
            std::fs::write(&path, to_toml(plan, request)?)
                .map_err(|e| format!("cannot write {path}: {e}"))?;
            saved.insert(name.trim_end_matches(".toml").to_string(), request.clone());
            Ok(format!("scenario {name} saved to {path}\n"))
        }
        [w, name] if w == "load" => {
            let key = name.trim_end_matches(".toml");
            let r = match saved.get(key) {
                Some(r) => r.clone(),
                None => Request::from_file(Path::new(&file(name))).map_err(|e| e.to_string())?,
            };
            *request = r.clone();
            saved.insert(key.to_string(), r);
            Ok(format!("scenario {key} loaded\n"))
        }
        [w, names @ ..] if w == "compare" && names.len() >= 2 => {
            let plan = plan.ok_or("no plan is in use to price the scenarios")?;
            compare(plan, saved, names)
        }
        _ => Err(usage.into()),
    }
}

/// Scenarios side by side: what each asks for, its totals and approval.
fn compare(
    plan: &Plan,
    saved: &BTreeMap<String, Request>,
    names: &[String],
) -> Result<String, String> {
    let mut cols = Vec::new();
    for n in names {
        let key = n.trim_end_matches(".toml");
        let r = match saved.get(key) {
            Some(r) => r.clone(),
            None => Request::from_file(Path::new(&format!("{key}.toml")))
                .map_err(|_| format!("there is no scenario {key}: scenario save {key} first"))?,
        };
        cols.push((key.to_string(), r));
    }
    let d = plan.currency.minor_digits;
    let a = |x: Decimal| format_amount(x, d);
    let mut rows: Vec<Vec<String>> = vec![
        vec!["".into()],
        vec!["edition".into()],
        vec!["seats".into()],
        vec!["billing".into()],
        vec!["terms".into()],
        vec!["monthly recurring".into()],
        vec!["total".into()],
        vec!["approval".into()],
    ];
    for (name, r) in &cols {
        rows[0].push(name.clone());
        rows[1].push(r.edition.clone().unwrap_or_default());
        rows[2].push(
            r.seats
                .map_or(String::new(), |s| s.0.normalize().to_string()),
        );
        rows[3].push(r.billing.clone().unwrap_or_else(|| "monthly".into()));
        let terms = r.contract.as_ref().map_or(String::new(), |c| {
            let mut t: Vec<String> = c
                .prices
                .iter()
                .map(|(i, p)| format!("{i} at {}", p.0.normalize()))
                .collect();
            t.extend(
                c.discounts
                    .iter()
                    .map(|x| format!("{}% off", x.percent.0.normalize())),
            );
            t.join(", ")
        });
        rows[4].push(terms);
        match deal::monthly_quote(plan, r) {
            Ok(q) => rows[5].push(a(q.totals.monthly_recurring)),
            Err(e) => rows[5].push(format!("rejected: {e}")),
        }
        rows[6].push(total(plan, r).map_or_else(|_| "-".into(), a));
        let state = approval_state(plan, r);
        rows[7].push(if state.starts_with("approval: not needed") {
            "not needed".into()
        } else if state.starts_with("approval required") {
            "required".into()
        } else {
            "-".into()
        });
    }
    let mut b = Builder::default();
    for r in rows {
        b.push_record(r);
    }
    let mut t = b.build();
    t.with(Style::sharp())
        .modify(Columns::new(1..), Alignment::right());
    Ok(format!(
        "amounts in {}; total = contract total, or term total before tax\n{t}\n",
        plan.currency.code
    ))
}

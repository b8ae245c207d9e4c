//! What-ifs: `try` prices one field at several values; `compare` diffs the last two quotes.

use super::edit;
use super::session::Shown;
use crate::model::Plan;
use crate::quote::{Explain, Line, Quote};
use crate::request::Request;
use rust_decimal::Decimal;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

/// `try FIELD V1 V2 ...` (or `try attr NAME V1 V2 ...`): one row per value, the request
/// otherwise unchanged. A value the plan rejects is a row that says so, with the reason below.
pub fn try_values(
    plan: &Plan,
    request: &Request,
    args: &[String],
    width: Option<usize>,
) -> Result<String, String> {
    let usage = "write try FIELD V1 V2 ..., e.g. try seats 10 50 100 200";
    let (field, values) = match args {
        [f, name, values @ ..] if f == "attr" => (vec![f.clone(), name.clone()], values),
        [f, values @ ..] => (vec![f.clone()], values),
        [] => return Err(usage.into()),
    };
    if values.is_empty() {
        return Err(format!(
            "give {} one or more values; {usage}",
            field.join(" ")
        ));
    }
    let values = &expand(values)?;
    let mut b = Builder::default();
    b.push_record([
        field.join(" "),
        "Band".into(),
        "Monthly recurring".into(),
        "First invoice".into(),
        "Term total".into(),
        "Per seat".into(),
    ]);
    let mut rejected = String::new();
    for v in values {
        crate::interrupt::check()?;
        let mut r = request.clone();
        let mut set_args = field.clone();
        set_args.push(v.clone());
        let priced = edit::set(&mut r, Some(plan), &set_args)
            .and_then(|_| crate::deal::monthly_quote(plan, &r).map_err(|e| e.to_string()));
        match priced {
            Ok(q) => {
                let t = &q.totals;
                let per_seat = r
                    .seats
                    .filter(|s| !s.0.is_zero())
                    .and_then(|s| t.monthly_recurring.checked_div(s.0))
                    .map_or(String::new(), |p| q.fmt(p));
                b.push_record([
                    v.clone(),
                    band(&q),
                    q.fmt(t.monthly_recurring),
                    q.fmt(t.first_invoice),
                    q.fmt(t.term_total),
                    per_seat,
                ]);
            }
            Err(e) => {
                b.push_record([
                    v.clone(),
                    "".into(),
                    "rejected".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                ]);
                rejected.push_str(&format!("{} {v}: {e}\n", field.join(" ")));
            }
        }
    }
    let mut table = b.build();
    table
        .with(Style::sharp())
        .modify(Columns::new(2..6), Alignment::right());
    crate::render::fit_width(&mut table, width);
    Ok(format!(
        "Plan {} {}, amounts in {}; per seat = monthly recurring / seats\n{table}\n{rejected}",
        plan.name, plan.version, plan.currency.code
    ))
}

/// The seat band the edition's seats fall in (the last band a graduated price reaches).
fn band(q: &Quote) -> String {
    q.lines
        .iter()
        .rev()
        .filter(|l| l.category == crate::quote::Category::Seats)
        .find_map(|l| match &l.explain {
            Explain::Volume { range, .. } | Explain::Graduated { range, .. } => {
                Some(range.to_string())
            }
            _ => None,
        })
        .unwrap_or_default()
}

/// Values with ranges written out: `40..60 step 5` is 40 45 50 55 60 (`step 1` when left out).
fn expand(values: &[String]) -> Result<Vec<String>, String> {
    const MOST: usize = 200;
    let mut out = Vec::new();
    let mut i = 0;
    while i < values.len() {
        let v = &values[i];
        let Some((a, b)) = v.split_once("..") else {
            out.push(v.clone());
            i += 1;
            continue;
        };
        let bad = || format!("`{v}` is not a range: write FROM..TO [step N], e.g. 40..60 step 5");
        let from: u64 = a.parse().map_err(|_| bad())?;
        let to: u64 = b.parse().map_err(|_| bad())?;
        let mut step = 1u64;
        i += 1;
        if values.get(i).map(String::as_str) == Some("step") {
            step = values
                .get(i + 1)
                .and_then(|s| s.parse().ok())
                .filter(|s| *s > 0)
                .ok_or_else(|| {
                    "step takes a whole number of at least 1: 40..60 step 5".to_string()
                })?;
            i += 2;
        }
        if from > to {
            return Err(format!(
                "{v} runs backwards: write the smaller number first"
            ));
        }
        let mut n = from;
        while n <= to {
            out.push(n.to_string());
            if out.len() > MOST {
                return Err(format!(
                    "a try shows at most {MOST} rows: take a larger step"
                ));
            }
            n = match n.checked_add(step) {
                Some(x) => x,
                None => break,
            };
        }
    }
    Ok(out)
}

/// `+12.50`, `-3.00`, `0.00`: the change from `a` to `b`, with its sign.
fn signed(q: &Quote, a: Decimal, b: Decimal) -> String {
    match b.checked_sub(a) {
        Some(x) if x > Decimal::ZERO => format!("+{}", q.fmt(x)),
        Some(x) => q.fmt(x),
        None => "too large".into(),
    }
}

/// A line's key: its id, its label and which occurrence of the two it is (a service may
/// appear twice). The label is part of it because every edition's seats line has the id
/// `seats`: after an edition change, Basic seats and Advanced seats are different lines.
fn keys(lines: &[Line]) -> Vec<(String, String, usize)> {
    let mut seen: Vec<(String, String)> = Vec::new();
    lines
        .iter()
        .map(|l| {
            let key = (l.id.to_string(), l.label.to_string());
            let n = seen.iter().filter(|k| **k == key).count();
            seen.push(key.clone());
            (key.0, key.1, n)
        })
        .collect()
}

/// Pairs the lines of two quotes in a merged order: common lines side by side, a removed line
/// where it was, an added line where it is.
fn pair<'a>(a: &'a [Line], b: &'a [Line]) -> Vec<(Option<&'a Line>, Option<&'a Line>)> {
    let (ka, kb) = (keys(a), keys(b));
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() || j < b.len() {
        match (ka.get(i), kb.get(j)) {
            (Some(x), Some(y)) if x == y => {
                out.push((a.get(i), b.get(j)));
                i += 1;
                j += 1;
            }
            (Some(x), Some(_)) if kb[j..].contains(x) => {
                out.push((None, b.get(j)));
                j += 1;
            }
            (Some(_), _) => {
                out.push((a.get(i), None));
                i += 1;
            }
            (None, _) => {
                out.push((None, b.get(j)));
                j += 1;
            }
        }
    }
    out
}

/// `compare`: what changed in the request and the plan, each line before and after with the
/// change, then the totals the same way.
pub fn compare(before: &Shown, after: &Shown, width: Option<usize>) -> Result<String, String> {
    let (a, b) = (&before.quote, &after.quote);
    if a.plan.currency != b.plan.currency {
        return Err(format!(
            "the last two quotes are in different currencies ({} and {}); there is no change to compute",
            a.plan.currency, b.plan.currency
        ));
    }
    let mut out = String::new();
    let request_diff = diff_rows(&before.request, &after.request);
    if !request_diff.is_empty() {
        out.push_str(&format!("request: {}\n", request_diff.join("; ")));
    }
    if a.plan.source_sha256 != b.plan.source_sha256 {
        out.push_str(&format!(
            "plan: {} {} ({}) -> {} {} ({})\n",
            a.plan.name,
            a.plan.version,
            a.plan.source_sha256.get(..12).unwrap_or(""),
            b.plan.name,
            b.plan.version,
            b.plan.source_sha256.get(..12).unwrap_or("")
        ));
    }
    if out.is_empty() {
        out.push_str("the last two quotes are for the same request and plan\n");
    }
    let mut t = Builder::default();
    t.push_record(["Line", "Before", "After", "Change"]);
    for (x, y) in pair(&a.lines, &b.lines) {
        let label = y.or(x).map_or(String::new(), |l| l.label.to_string());
        let ax = x.map_or(Decimal::ZERO, |l| l.amount);
        let by = y.map_or(Decimal::ZERO, |l| l.amount);
        t.push_record([
            label,
            x.map_or("-".into(), |l| a.fmt(l.amount)),
            y.map_or("-".into(), |l| b.fmt(l.amount)),
            signed(b, ax, by),
        ]);
    }
    let mut lines = t.build();
    lines
        .with(Style::sharp())
        .modify(Columns::new(1..4), Alignment::right());
    crate::render::fit_width(&mut lines, width);
    let (ta, tb) = (&a.totals, &b.totals);
    let mut t = Builder::default();
    for (label, x, y) in [
        (
            "Monthly recurring",
            ta.monthly_recurring,
            tb.monthly_recurring,
        ),
        ("One-time", ta.one_time, tb.one_time),
        ("First invoice", ta.first_invoice, tb.first_invoice),
        ("Term total", ta.term_total, tb.term_total),
        (
            "Term total with tax",
            ta.term_total_with_tax,
            tb.term_total_with_tax,
        ),
    ] {
        t.push_record([label.to_string(), a.fmt(x), b.fmt(y), signed(b, x, y)]);
    }
    let mut totals = t.build();
    totals
        .with(Style::blank())
        .modify(Columns::new(1..4), Alignment::right());
    out.push_str(&format!(
        "amounts in {}\n{lines}\n{}\n",
        b.plan.currency,
        super::output::tidy(totals)
    ));
    Ok(out)
}

/// Request fields that differ, as `field old -> new`.
fn diff_rows(a: &Request, b: &Request) -> Vec<String> {
    let (ra, rb) = (edit::rows(a), edit::rows(b));
    let mut out = Vec::new();
    for (k, v) in &rb {
        let old = ra.iter().find(|(k2, _)| k2 == k).map(|(_, v)| v);
        match old {
            Some(o) if o == v => {}
            Some(o) => out.push(format!("{k} {o} -> {v}")),
            None => out.push(format!("{k} {v} (new)")),
        }
    }
    for (k, v) in &ra {
        if !rb.iter().any(|(k2, _)| k2 == k) {
            out.push(format!("{k} {v} (removed)"));
        }
    }
    out
}

//! A priced deal as text: each period's lines with list and contract amounts, the contract
//! prices against list, the contract total, validity and approvals; as a table, JSON or
//! Markdown. Like the quote renderers, it formats amounts already computed.

use super::Format;
use crate::deal::{Deal, DealLine, Period};
use crate::money::{format_amount, format_quantity, format_unit};
use crate::quote::{Category, LineKind};
use crate::request::Request;
use serde::Serialize;
use std::fmt::Write;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

/// Renders `deal` (priced from `request`) in `format`.
pub fn render_deal(deal: &Deal, request: &Request, format: Format) -> String {
    match format {
        Format::Table => table(deal),
        Format::Json => json(deal, request),
        Format::Markdown => markdown(deal),
        // A deal's periods are not a proposal yet: the Markdown, shown as it is.
        Format::Html => format!(
            "<!doctype html>\n<html>\n<head><meta charset=\"utf-8\"><title>Deal</title></head>\n<body><pre>{}</pre></body>\n</html>\n",
            markdown(deal).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
        ),
    }
}

const HEAD: [&str; 8] = [
    "Line",
    "Qty",
    "Unit price",
    "Monthly",
    "Amount",
    "List",
    "Difference",
    "How",
];

fn months(n: u64) -> String {
    format!("{n} month{}", if n == 1 { "" } else { "s" })
}

/// The words for how a period line's amount was reached.
fn how(deal: &Deal, p: &Period, l: &DealLine) -> String {
    let d = deal.plan.minor_digits;
    let base = l.line.explain.render(d);
    if l.line.kind == LineKind::OneTime {
        return format!("{base}, once");
    }
    match &p.fraction {
        Some(f) => {
            let per_month = format_amount(l.line.amount, d);
            let what = match (l.line.quantity, l.line.unit_price) {
                (Some(q), Some(u)) => format!(
                    "{} x {} = {per_month}",
                    format_quantity(q),
                    format_unit(u, d)
                ),
                _ => per_month,
            };
            let s = format!(
                "{what} a month x {} x {}/{} {}s",
                months(f.term_months),
                f.remaining,
                f.total,
                f.unit
            );
            if l.credit {
                format!("credit for the unused part: {s}")
            } else {
                s
            }
        }
        None if l.line.category == Category::Discount || base.contains("per month") => {
            format!("{base}; x {}", months(p.months))
        }
        None => format!("{base} a month x {}", months(p.months)),
    }
}

/// True when some line has a contract price, so the List and Difference columns mean something.
fn shows_list(deal: &Deal) -> bool {
    deal.periods
        .iter()
        .any(|p| p.lines.iter().any(|l| l.list.is_some()))
}

/// `cells` without the List and Difference columns when the deal has no contract price.
fn columns(deal: &Deal, cells: [String; 8]) -> Vec<String> {
    let list = shows_list(deal);
    cells
        .into_iter()
        .enumerate()
        .filter(|(i, _)| list || !(5..7).contains(i))
        .map(|(_, c)| c)
        .collect()
}

fn row(deal: &Deal, p: &Period, l: &DealLine) -> [String; 8] {
    let d = deal.plan.minor_digits;
    let a = |x| format_amount(x, d);
    [
        l.line.label.to_string(),
        l.line.quantity.map(format_quantity).unwrap_or_default(),
        l.line
            .unit_price
            .map(|u| format_unit(u, d))
            .unwrap_or_default(),
        if l.line.kind == LineKind::Recurring {
            a(l.line.amount)
        } else {
            String::new()
        },
        a(l.amount),
        l.list.map(a).unwrap_or_default(),
        l.list
            .and_then(|x| l.amount.checked_sub(x))
            .map(a)
            .unwrap_or_default(),
        how(deal, p, l),
    ]
}

fn period_title(p: &Period) -> String {
    match &p.fraction {
        Some(f) => format!(
            "{}: {}/{} {}s of the {}-month contract, co-termed",
            p.label, f.remaining, f.total, f.unit, f.term_months
        ),
        None => format!("{} ({})", p.label, months(p.months)),
    }
}

fn head(deal: &Deal) -> String {
    let mut s = format!(
        "Plan {} {}, amounts in {}; {} deal",
        deal.plan.name,
        deal.plan.version,
        deal.plan.currency,
        deal.kind.name()
    );
    if let Some(c) = &deal.customer {
        let _ = write!(s, " for {c}");
    }
    s
}

fn validity(deal: &Deal) -> String {
    match deal.valid_until {
        Some(u) => format!("Quote date {}, valid until {u}", deal.quote_date),
        None => format!("Quote date {}", deal.quote_date),
    }
}

fn total_rows(deal: &Deal) -> Vec<(String, String)> {
    let d = deal.plan.minor_digits;
    let m: u64 = match deal.periods.first().and_then(|p| p.fraction.as_ref()) {
        Some(_) => 0,
        None => deal.periods.iter().map(|p| p.months).sum(),
    };
    let label = if m == 0 {
        "Amendment total".to_string()
    } else {
        format!("Contract total ({})", months(m))
    };
    vec![
        (label, format_amount(deal.total, d)),
        (
            format!("  tax {}%", deal.plan.tax_percent.normalize()),
            format_amount(deal.tax, d),
        ),
        ("  with tax".into(), format_amount(deal.total_with_tax, d)),
    ]
}

fn approval_lines(deal: &Deal) -> Vec<String> {
    deal.approvals
        .iter()
        .map(|a| match &a.approver {
            Some(who) => format!("{} (approver: {who}): {}", a.floor, a.detail),
            None => format!("{}: {}", a.floor, a.detail),
        })
        .collect()
}

/// The deal as aligned text.
pub fn table(deal: &Deal) -> String {
    table_fit(deal, None)
}

/// [`table`] at most `width` columns wide (the terminal's, in the REPL).
pub fn table_fit(deal: &Deal, width: Option<usize>) -> String {
    let d = deal.plan.minor_digits;
    let mut out = format!("{}\n{}\n", head(deal), validity(deal));
    for p in &deal.periods {
        let mut b = Builder::default();
        b.push_record(columns(deal, HEAD.map(String::from)));
        for l in &p.lines {
            b.push_record(columns(deal, row(deal, p, l)));
        }
        if let Some((words, amount)) = &p.adjustment {
            let mut cells: [String; 8] = Default::default();
            cells[0] = words.clone();
            cells[4] = format_amount(*amount, d);
            b.push_record(columns(deal, cells));
        }
        let numeric = if shows_list(deal) { 1..7 } else { 1..5 };
        let mut t = b.build();
        t.with(Style::sharp())
            .modify(Columns::new(numeric), Alignment::right());
        super::fit_width(&mut t, width);
        let _ = writeln!(out, "\n{}\n{t}", period_title(p));
        let _ = writeln!(out, "{} amount: {}", p.label, format_amount(p.amount, d));
    }
    if !deal.prices.is_empty() {
        let mut b = Builder::default();
        b.push_record(["Contract price", "List", "Contract", "Difference"]);
        for c in &deal.prices {
            b.push_record([
                c.label.to_string(),
                format_unit(c.list, d),
                format_unit(c.contract, d),
                format_unit(c.difference, d),
            ]);
        }
        let mut t = b.build();
        t.with(Style::sharp())
            .modify(Columns::new(1..4), Alignment::right());
        let _ = writeln!(out, "\n{t}");
    }
    out.push('\n');
    let rows = total_rows(deal);
    let width = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    let amount_width = rows.iter().map(|(_, a)| a.len()).max().unwrap_or(0);
    for (label, amount) in rows {
        let _ = writeln!(out, "{label:<width$}  {amount:>amount_width$}");
    }
    for n in &deal.notes {
        let _ = writeln!(out, "note: {n}");
    }
    let approvals = approval_lines(deal);
    if !approvals.is_empty() {
        out.push_str("approval required:\n");
        for a in approvals {
            let _ = writeln!(out, "  - {a}");
        }
    }
    out
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The deal as Markdown: one table per period, then contract prices and totals.
pub fn markdown(deal: &Deal) -> String {
    let d = deal.plan.minor_digits;
    let mut out = format!("### {}\n\n{}\n", cell(&head(deal)), validity(deal));
    for p in &deal.periods {
        let _ = writeln!(out, "\n#### {}\n", cell(&period_title(p)));
        let head = columns(deal, HEAD.map(String::from));
        let _ = writeln!(out, "| {} |", head.join(" | "));
        let align: Vec<&str> = head
            .iter()
            .map(|h| {
                if h == "Line" || h == "How" {
                    "---"
                } else {
                    "---:"
                }
            })
            .collect();
        let _ = writeln!(out, "|{}|", align.join("|"));
        let mut rows: Vec<[String; 8]> = p.lines.iter().map(|l| row(deal, p, l)).collect();
        if let Some((words, amount)) = &p.adjustment {
            let mut cells: [String; 8] = Default::default();
            cells[0] = words.clone();
            cells[4] = format_amount(*amount, d);
            rows.push(cells);
        }
        for r in rows {
            let cells: Vec<String> = columns(deal, r).iter().map(|c| cell(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        let _ = writeln!(
            out,
            "\n{} amount: **{}**",
            cell(&p.label),
            format_amount(p.amount, d)
        );
    }
    if !deal.prices.is_empty() {
        out.push_str("\n| Contract price | List | Contract | Difference |\n|---|---:|---:|---:|\n");
        for c in &deal.prices {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&c.label),
                format_unit(c.list, d),
                format_unit(c.contract, d),
                format_unit(c.difference, d)
            );
        }
    }
    out.push_str("\n| Total | Amount |\n|---|---:|\n");
    for (label, amount) in total_rows(deal) {
        let _ = writeln!(out, "| {} | {amount} |", cell(label.trim()));
    }
    if !deal.notes.is_empty() {
        out.push('\n');
        for n in &deal.notes {
            let _ = writeln!(out, "- {}", cell(n));
        }
    }
    let approvals = approval_lines(deal);
    if !approvals.is_empty() {
        let _ = writeln!(
            out,
            "\n**Approval required:** {}",
            cell(&approvals.join("; "))
        );
    }
    out
}

#[derive(Serialize)]
struct JsonDeal<'a> {
    kind: &'static str,
    plan: super::JsonPlan<'a>,
    request: &'a Request,
    quote_date: String,
    valid_until: Option<String>,
    periods: Vec<JsonPeriod<'a>>,
    contract_prices: Vec<JsonPrice<'a>>,
    totals: JsonDealTotals,
    notes: &'a [String],
    approval: JsonDealApproval<'a>,
}

#[derive(Serialize)]
struct JsonPeriod<'a> {
    label: &'a str,
    months: u64,
    lines: Vec<JsonDealLine<'a>>,
    adjustment: Option<JsonAdjustment<'a>>,
    fraction: Option<JsonFraction>,
    amount: String,
}

#[derive(Serialize)]
struct JsonDealLine<'a> {
    id: &'a str,
    label: &'a str,
    kind: LineKind,
    category: Category,
    quantity: Option<String>,
    unit_price: Option<String>,
    monthly: Option<String>,
    amount: String,
    list: Option<String>,
    difference: Option<String>,
    credit: bool,
    explain: String,
}

#[derive(Serialize)]
struct JsonAdjustment<'a> {
    label: &'a str,
    amount: String,
}

#[derive(Serialize)]
struct JsonFraction {
    remaining: u64,
    total: u64,
    unit: &'static str,
    from: String,
    to: String,
    term_months: u64,
}

#[derive(Serialize)]
struct JsonPrice<'a> {
    item: &'a str,
    label: &'a str,
    list: String,
    contract: String,
    difference: String,
}

#[derive(Serialize)]
struct JsonDealTotals {
    contract_total: String,
    tax: String,
    contract_total_with_tax: String,
}

#[derive(Serialize)]
struct JsonDealApproval<'a> {
    required: bool,
    reasons: Vec<JsonReason<'a>>,
}

#[derive(Serialize)]
struct JsonReason<'a> {
    floor: &'a str,
    approver: Option<&'a str>,
    detail: &'a str,
}

/// The deal as pretty-printed JSON, ending in a newline (see docs/deals.md).
pub fn json(deal: &Deal, request: &Request) -> String {
    let d = deal.plan.minor_digits;
    let a = |x| format_amount(x, d);
    let doc = JsonDeal {
        kind: deal.kind.name(),
        plan: super::JsonPlan {
            name: &deal.plan.name,
            version: &deal.plan.version,
            currency: &deal.plan.currency,
            source_sha256: &deal.plan.source_sha256,
            tax_included: deal.plan.tax_included,
        },
        request,
        quote_date: deal.quote_date.to_string(),
        valid_until: deal.valid_until.map(|v| v.to_string()),
        periods: deal
            .periods
            .iter()
            .map(|p| JsonPeriod {
                label: &p.label,
                months: p.months,
                lines: p
                    .lines
                    .iter()
                    .map(|l| JsonDealLine {
                        id: &l.line.id,
                        label: &l.line.label,
                        kind: l.line.kind,
                        category: l.line.category,
                        quantity: l.line.quantity.map(format_quantity),
                        unit_price: l.line.unit_price.map(|u| format_unit(u, d)),
                        monthly: (l.line.kind == LineKind::Recurring).then(|| a(l.line.amount)),
                        amount: a(l.amount),
                        list: l.list.map(a),
                        difference: l.list.and_then(|x| l.amount.checked_sub(x)).map(a),
                        credit: l.credit,
                        explain: how(deal, p, l),
                    })
                    .collect(),
                adjustment: p.adjustment.as_ref().map(|(w, x)| JsonAdjustment {
                    label: w,
                    amount: a(*x),
                }),
                fraction: p.fraction.as_ref().map(|f| JsonFraction {
                    remaining: f.remaining,
                    total: f.total,
                    unit: f.unit,
                    from: f.from.to_string(),
                    to: f.to.to_string(),
                    term_months: f.term_months,
                }),
                amount: a(p.amount),
            })
            .collect(),
        contract_prices: deal
            .prices
            .iter()
            .map(|c| JsonPrice {
                item: &c.item,
                label: &c.label,
                list: format_unit(c.list, d),
                contract: format_unit(c.contract, d),
                difference: format_unit(c.difference, d),
            })
            .collect(),
        totals: JsonDealTotals {
            contract_total: a(deal.total),
            tax: a(deal.tax),
            contract_total_with_tax: a(deal.total_with_tax),
        },
        notes: &deal.notes,
        approval: JsonDealApproval {
            required: !deal.approvals.is_empty(),
            reasons: deal
                .approvals
                .iter()
                .map(|r| JsonReason {
                    floor: &r.floor,
                    approver: r.approver.as_deref(),
                    detail: &r.detail,
                })
                .collect(),
        },
    };
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

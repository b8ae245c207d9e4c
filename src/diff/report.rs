//! A diff for people (an aligned table), for other systems (JSON) or for a spreadsheet (CSV).

use super::changes::Change;
use super::impact::{percent, Customer, Impact, Movement};
use crate::model::Plan;
use crate::money::format_amount;
use crate::text::{csv_text, shown};
use rust_decimal::Decimal;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Padding, Style};

/// How a diff is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DiffFormat {
    /// Changes, then the revenue impact as aligned tables.
    #[default]
    Table,
    /// One JSON document with the changes and the impact.
    Json,
    /// The customers (with --book) or the changes, as CSV.
    Csv,
}

/// Everything a diff reports.
pub struct Report<'a> {
    /// The current plan.
    pub old: &'a Plan,
    /// The proposed plan.
    pub new: &'a Plan,
    /// Structural changes.
    pub changes: &'a [Change],
    /// The book's name and its impact, with `--book`.
    pub impact: Option<(&'a str, &'a Impact)>,
}

/// Renders `r` in `format`, ending in a newline.
pub fn render(r: &Report, format: DiffFormat) -> String {
    match format {
        DiffFormat::Table => table(r),
        DiffFormat::Json => {
            let mut s = serde_json::to_string_pretty(&super::json::JsonDiff::new(r))
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
            s.push('\n');
            s
        }
        DiffFormat::Csv => csv(r),
    }
}

/// `+12.00`, `-3.50`, `0.00`: a change always shows its direction.
pub fn signed(d: Decimal, digits: u32) -> String {
    let s = format_amount(d, digits);
    if d > Decimal::ZERO && s != format_amount(Decimal::ZERO, digits) {
        format!("+{s}")
    } else {
        s
    }
}

/// `+5.35%`, `-0.40%`, `0.00%`.
pub fn signed_percent(p: Decimal) -> String {
    format!("{}%", signed(p, 2))
}

/// The word for a movement, as in the CSV and JSON.
pub fn movement_word(m: Movement) -> &'static str {
    match m {
        Movement::Up => "up",
        Movement::Down => "down",
        Movement::Unchanged => "unchanged",
        Movement::NewlyRejected => "newly_rejected",
        Movement::NewlyPriced => "newly_priced",
        Movement::RejectedByBoth => "rejected_by_both",
    }
}

/// Why a customer is not priced on either side, in one message.
pub fn note(c: &Customer) -> String {
    use super::impact::Side::Rejected;
    match (&c.old, &c.new) {
        (Rejected(o), Rejected(n)) if o == n => o.clone(),
        (Rejected(o), Rejected(n)) => format!("old plan: {o}; new plan: {n}"),
        (Rejected(o), _) => format!("old plan: {o}"),
        (_, Rejected(n)) => format!("new plan: {n}"),
        _ => String::new(),
    }
}

fn heading(r: &Report) -> String {
    let (o, n) = (r.old, r.new);
    let count = match r.changes.len() {
        0 => "no pricing changes".to_string(),
        1 => "1 change".to_string(),
        k => format!("{k} changes"),
    };
    format!(
        "{} {} -> {} {}: {count}",
        shown(&o.name),
        shown(&o.version),
        shown(&n.name),
        shown(&n.version)
    )
}

fn table(r: &Report) -> String {
    let mut out = heading(r);
    out.push('\n');
    for c in r.changes {
        out.push_str(&format!("  {}\n", shown(&c.to_string())));
    }
    let Some((book, impact)) = r.impact else {
        return out;
    };
    let d = r.new.currency.minor_digits;
    let amount = |a: Option<Decimal>| a.map_or("rejected".to_string(), |a| format_amount(a, d));
    let delta = |a: Option<Decimal>| a.map_or(String::new(), |a| signed(a, d));
    out.push_str(&format!(
        "\nRevenue impact over {book} ({} customer{}, amounts in {})\n",
        impact.customers.len(),
        if impact.customers.len() == 1 { "" } else { "s" },
        r.new.currency.code
    ));
    let mut b = Builder::default();
    b.push_record([
        "Customer",
        "Monthly before",
        "Monthly after",
        "Change",
        "First invoice before",
        "First invoice after",
        "Change",
    ]);
    for c in &impact.customers {
        b.push_record([
            shown(&c.name).into_owned(),
            amount(c.old.monthly()),
            amount(c.new.monthly()),
            delta(c.monthly_delta()),
            amount(c.old.first_invoice()),
            amount(c.new.first_invoice()),
            delta(c.first_invoice_delta()),
        ]);
    }
    let mut t = b.build();
    t.with(Style::sharp())
        .modify(Columns::new(1..7), Alignment::right());
    out.push_str(&format!("{t}\n"));
    // Messages are long and rare: listed below the table rather than widening every row.
    let rejected: Vec<&Customer> = impact
        .customers
        .iter()
        .filter(|c| c.old.monthly().is_none() || c.new.monthly().is_none())
        .collect();
    if !rejected.is_empty() {
        out.push_str("\nRejected\n");
        for c in rejected {
            let how = movement_word(c.movement()).replace('_', " ");
            out.push_str(&format!(
                "  {} ({how}): {}\n",
                shown(&c.name),
                shown(&note(c))
            ));
        }
    }
    summary_text(&mut out, impact, d);
    out
}

fn summary_text(out: &mut String, impact: &Impact, d: u32) {
    let s = &impact.summary;
    let change = match (s.mrr_change(), s.mrr_change_percent()) {
        (Some(c), Some(p)) => format!("{} ({})", signed(c, d), signed_percent(p)),
        (Some(c), None) => signed(c, d),
        _ => String::new(),
    };
    let customers = format!(
        "{} up, {} down, {} unchanged, {} newly rejected, {} newly priced, {} rejected by both",
        s.up, s.down, s.unchanged, s.newly_rejected, s.newly_priced, s.rejected_by_both
    );
    let mut b = Builder::default();
    b.push_record(["MRR before".to_string(), format_amount(s.mrr_before, d)]);
    b.push_record(["MRR after".to_string(), format_amount(s.mrr_after, d)]);
    b.push_record(["MRR change".to_string(), change]);
    b.push_record(["Customers".to_string(), customers]);
    out.push_str("\nSummary\n");
    push_blank(out, b, &[]);
    for (title, list) in [
        ("Largest increases", &s.largest_increases),
        ("Largest decreases", &s.largest_decreases),
    ] {
        out.push_str(&format!("\n{title} (monthly recurring)\n"));
        if list.is_empty() {
            out.push_str("  none\n");
            continue;
        }
        let mut b = Builder::default();
        for (rank, &i) in list.iter().enumerate() {
            let c = &impact.customers[i];
            let (Some(delta), Some(before)) = (c.monthly_delta(), c.old.monthly()) else {
                continue;
            };
            let pct = percent(delta, before).map_or(String::new(), signed_percent);
            b.push_record([
                format!("{}.", rank + 1),
                shown(&c.name).into_owned(),
                signed(delta, d),
                pct,
            ]);
        }
        push_blank(out, b, &[0, 2, 3]);
    }
}

/// Appends borderless rows indented by two spaces, the `right` columns right-aligned,
/// without trailing spaces.
fn push_blank(out: &mut String, b: Builder, right: &[usize]) {
    let mut t = b.build();
    t.with(Style::blank()).with(Padding::new(0, 1, 0, 0));
    for &c in right {
        t.modify(Columns::new(c..c + 1), Alignment::right());
    }
    for row in t.to_string().lines() {
        out.push_str("  ");
        out.push_str(row.trim_end());
        out.push('\n');
    }
}

fn csv(r: &Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let result = match r.impact {
        None => csv_changes(&mut w, r.changes),
        Some((_, impact)) => csv_customers(&mut w, impact, r.new.currency.minor_digits),
    };
    let bytes = result
        .and_then(|()| w.into_inner().map_err(|e| e.into_error().into()))
        .unwrap_or_else(|e| format!("error: {e}\n").into_bytes());
    String::from_utf8_lossy(&bytes).into_owned()
}

fn csv_changes(w: &mut csv::Writer<Vec<u8>>, changes: &[Change]) -> csv::Result<()> {
    w.write_record(["op", "subject", "old", "new"])?;
    for c in changes {
        let op = match c.op {
            super::changes::Op::Added => "added",
            super::changes::Op::Removed => "removed",
            super::changes::Op::Changed => "changed",
        };
        w.write_record([
            op,
            &csv_text(&c.subject),
            &csv_text(c.old.as_deref().unwrap_or("")),
            &csv_text(c.new.as_deref().unwrap_or("")),
        ])?;
    }
    Ok(())
}

fn csv_customers(w: &mut csv::Writer<Vec<u8>>, impact: &Impact, d: u32) -> csv::Result<()> {
    w.write_record([
        "customer",
        "old_monthly_recurring",
        "new_monthly_recurring",
        "monthly_recurring_delta",
        "old_first_invoice_total",
        "new_first_invoice_total",
        "first_invoice_total_delta",
        "movement",
        "message",
    ])?;
    let amount = |a: Option<Decimal>| a.map_or(String::new(), |a| format_amount(a, d));
    let delta = |a: Option<Decimal>| a.map_or(String::new(), |a| signed(a, d));
    for c in &impact.customers {
        w.write_record([
            &*csv_text(&c.name),
            &amount(c.old.monthly()),
            &amount(c.new.monthly()),
            &delta(c.monthly_delta()),
            &amount(c.old.first_invoice()),
            &amount(c.new.first_invoice()),
            &delta(c.first_invoice_delta()),
            movement_word(c.movement()),
            &csv_text(&note(c)),
        ])?;
    }
    Ok(())
}

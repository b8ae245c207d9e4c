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

mod html;
mod prices;
mod sections;

pub use html::html;
use prices::*;
use sections::*;

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

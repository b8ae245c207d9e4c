//! The priced numbers of a plan's text: every amount and percentage that sets what a quote
//! costs (prices, bands and tiers, fees, discounts, surcharges, minimums and caps), where
//! it is written and what it belongs to. `ratecard test --coverage` changes each in turn
//! to find the ones no golden quote notices.
//!
//! Read from the grammar's pairs (this is the syntax stage, the only one that may), so a
//! price written in a new construct is found without code here.

use super::parser::{Grammar, Rule};
use crate::span::Span;
use pest::iterators::Pair;
use pest::Parser as _;

/// One priced number as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedNumber {
    /// Where the number is (without a `%` after it).
    pub span: Span,
    /// The number as written: `35.00`, `1_400.00`, `15`.
    pub text: String,
    /// Whether it is a percentage (`15%`).
    pub percent: bool,
    /// The items it is inside, outermost first, in the plan's words: `prices EUR`,
    /// `edition professional`.
    pub within: Vec<String>,
}

impl PricedNumber {
    /// The number changed by one whole unit, as it would be written: the change a golden
    /// quote of the thing it prices must notice. A percentage of 100 or more goes down (a
    /// discount above 100% is refused, which says nothing about the tests).
    pub fn changed(&self) -> String {
        let clean: String = self.text.chars().filter(|c| *c != '_').collect();
        let Ok(x) = clean.parse::<rust_decimal::Decimal>() else {
            return format!("{}1", self.text);
        };
        let one = rust_decimal::Decimal::ONE;
        let y = if self.percent && x >= rust_decimal::Decimal::ONE_HUNDRED {
            x - one
        } else {
            x + one
        };
        // Keep the digits after the point as written (`35.00` becomes `36.00`).
        let places = clean.split_once('.').map_or(0, |(_, f)| f.len());
        format!("{:.*}", places, y)
    }
}

/// Rules whose amounts and percentages price nothing: tax rates, and the deal rules (floors
/// and the renewal cap say what a negotiated deal may do, not what anything costs).
const NOT_PRICES: &[Rule] = &[
    Rule::tax,
    Rule::tax_table,
    Rule::deal_terms,
    Rule::condition,
];

/// Every priced number of `src`, in order; none when the text does not parse.
pub fn priced_numbers(src: &str) -> Vec<PricedNumber> {
    // The same bound on nesting as every parse (pest does not probe the stack).
    if super::depth::too_deep(src).is_some() {
        return Vec::new();
    }
    let Ok(mut pairs) = Grammar::parse(Rule::file, src) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let Some(plan) = pairs.next().and_then(|f| f.into_inner().next()) else {
        return out;
    };
    for item in plan.into_inner() {
        if matches!(item.as_rule(), Rule::kw_plan | Rule::string) {
            continue;
        }
        let mut within = vec![head(&item)];
        walk(item, &mut within, &mut out);
    }
    out
}

/// Collects the numbers under `pair`; `within` names the items it is inside.
fn walk(pair: Pair<Rule>, within: &mut Vec<String>, out: &mut Vec<PricedNumber>) {
    let rule = pair.as_rule();
    if NOT_PRICES.contains(&rule) {
        return;
    }
    match rule {
        Rule::amount => {
            let s = pair.as_span();
            out.push(PricedNumber {
                span: Span::new(s.start(), s.end()),
                text: s.as_str().to_string(),
                percent: false,
                within: within.clone(),
            });
        }
        Rule::percent => {
            if let Some(n) = pair.into_inner().find(|p| p.as_rule() == Rule::number) {
                let s = n.as_span();
                out.push(PricedNumber {
                    span: Span::new(s.start(), s.end()),
                    text: s.as_str().to_string(),
                    percent: true,
                    within: within.clone(),
                });
            }
        }
        _ => {
            let list = rule == Rule::price_list;
            for child in pair.into_inner() {
                // The items of a price list are named inside it (`prices EUR`, then
                // `edition pro`).
                let named = list && !matches!(child.as_rule(), Rule::kw_prices | Rule::ident);
                if named {
                    within.push(head(&child));
                }
                walk(child, within, out);
                if named {
                    within.pop();
                }
            }
        }
    }
}

/// An item as its first words name it: `edition professional "Professional" {` is
/// `edition professional`.
fn head(item: &Pair<Rule>) -> String {
    let text = item.as_str();
    let first = text.lines().next().unwrap_or("");
    let cut = first.find(['{', '"']).unwrap_or(first.len());
    let words: Vec<&str> = first[..cut].split_whitespace().take(3).collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_fees_and_discounts_but_not_tax_deals_or_conditions() {
        let src = "plan \"p\" {\n  currency USD\n  tax 6%\n  edition pro \"Pro\" {\n    30.00 per seat\n    fee setup \"Setup\" 500.00 waived when seats > 400.00\n  }\n  discount annual \"Annual\" { 15% off recurring when billing = annual }\n  prices EUR { edition pro { 1_400.00 per seat } }\n  deals { renewal uplift max 7% }\n}\n";
        let found: Vec<(String, bool, String)> = priced_numbers(src)
            .into_iter()
            .map(|n| (n.text, n.percent, n.within.join(" > ")))
            .collect();
        assert_eq!(
            found,
            [
                ("30.00".to_string(), false, "edition pro".to_string()),
                ("500.00".into(), false, "edition pro".into()),
                ("15".into(), true, "discount annual".into()),
                ("1_400.00".into(), false, "prices EUR > edition pro".into()),
            ]
        );
    }

    #[test]
    fn a_change_keeps_the_written_precision() {
        let n = |text: &str, percent| PricedNumber {
            span: Span::default(),
            text: text.into(),
            percent,
            within: Vec::new(),
        };
        assert_eq!(n("35.00", false).changed(), "36.00");
        assert_eq!(n("1_400.00", false).changed(), "1401.00");
        assert_eq!(n("0.002", false).changed(), "1.002");
        assert_eq!(n("15", true).changed(), "16");
        assert_eq!(n("100", true).changed(), "99");
        assert_eq!(n("-5.00", false).changed(), "-4.00");
    }
}

//! `textDocument/documentSymbol`: the plan's outline, every item with its kind, and the
//! bands and tiers of its prices under it.

use crate::lsp::conversion::range;
use crate::lsp::lexical::blocks;
use crate::span::Span;
use crate::syntax::ast::{ChargeKind, Item, PriceAst, PriceKind, QuantityAst};
use lsp_types::{DocumentSymbol, SymbolKind};

/// The outline of `text`; empty when it does not parse.
pub fn symbols(text: &str) -> Vec<DocumentSymbol> {
    let Ok(ast) = crate::syntax::Parser::parse(text) else {
        return Vec::new();
    };
    let blocks = blocks(text);
    items(text, &ast.items, &blocks)
}

fn items(text: &str, items: &[Item], blocks: &[(usize, usize)]) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for item in items {
        let (name, detail, kind, children) = match item {
            Item::Edition(e) => (&e.id, "edition", SymbolKind::CLASS, bands(text, &e.prices)),
            Item::Module(m) => (&m.id, "module", SymbolKind::MODULE, bands(text, &m.prices)),
            Item::SeatType(m) => (
                &m.id,
                "seat type",
                SymbolKind::STRUCT,
                bands(text, &m.prices),
            ),
            Item::Quantity(q) => {
                let word = if q.usage { "usage" } else { "add-on" };
                (&q.id, word, SymbolKind::PROPERTY, tiers(text, q))
            }
            Item::Backup(b) => (&b.id, "backup option", SymbolKind::OBJECT, Vec::new()),
            Item::Support(s) => (&s.id, "support tier", SymbolKind::INTERFACE, Vec::new()),
            Item::Service(s) => (&s.id, "service", SymbolKind::METHOD, Vec::new()),
            Item::Discount(d) => {
                let word = match (d.coupon, d.surcharge) {
                    (true, _) => "coupon",
                    (_, true) => "surcharge",
                    _ => "discount",
                };
                (&d.id, word, SymbolKind::CONSTANT, Vec::new())
            }
            Item::PriceList(p) => {
                out.push(symbol(
                    text,
                    format!("prices {}", p.currency.value),
                    Some("price list"),
                    SymbolKind::NAMESPACE,
                    p.span,
                    p.currency.span,
                    self::items(text, &p.items, blocks),
                ));
                continue;
            }
            _ => continue,
        };
        let whole = block_from(text, line_start(text, name.span.start), blocks);
        out.push(symbol(
            text,
            name.value.clone(),
            Some(detail),
            kind,
            whole,
            name.span,
            children,
        ));
    }
    out
}

/// An item from `start` (its keyword) to the `}` of the block it opens, or to the end of
/// its line when it has no block.
fn block_from(text: &str, start: usize, blocks: &[(usize, usize)]) -> Span {
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    match blocks
        .iter()
        .find(|(open, _)| *open >= start && *open < line_end)
    {
        Some((_, close)) => Span::new(start, close + 1),
        None => Span::new(start, line_end),
    }
}

/// Where the first word of the line holding `at` starts.
fn line_start(text: &str, at: usize) -> usize {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    start + (text[start..at].len() - text[start..at].trim_start().len())
}

fn bands(text: &str, prices: &[PriceAst]) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for p in prices {
        if let PriceKind::Tiered { bands, .. } = &p.kind {
            for b in bands {
                let range_text = &text[b.range_span.start..b.range_span.end];
                let name = match &b.name {
                    Some(n) => format!("{} {range_text}", n.value),
                    None => range_text.to_string(),
                };
                let at = b.name.as_ref().map_or(b.range_span, |n| n.span);
                out.push(symbol(
                    text,
                    name,
                    Some("band"),
                    SymbolKind::FIELD,
                    b.span,
                    at,
                    Vec::new(),
                ));
            }
        }
    }
    out
}

fn tiers(text: &str, q: &QuantityAst) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for c in &q.charges {
        if let ChargeKind::Tiers { tiers, .. } = &c.kind {
            for t in tiers {
                let name = text[t.range_span.start..t.range_span.end].to_string();
                out.push(symbol(
                    text,
                    name,
                    Some("tier"),
                    SymbolKind::FIELD,
                    t.span,
                    t.range_span,
                    Vec::new(),
                ));
            }
        }
    }
    out
}

fn symbol(
    text: &str,
    name: String,
    detail: Option<&str>,
    kind: SymbolKind,
    whole: Span,
    selection: Span,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    #[allow(deprecated)] // `deprecated` is a required field of the type, not ours to use.
    DocumentSymbol {
        name,
        detail: detail.map(String::from),
        kind,
        tags: None,
        deprecated: None,
        range: range(text, whole.start, whole.end),
        selection_range: range(text, selection.start, selection.end),
        children: (!children.is_empty()).then_some(children),
    }
}

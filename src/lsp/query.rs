//! What is under the cursor: the word at a byte offset, and where a name is declared in
//! the syntax tree.

use crate::span::Span;
use crate::syntax::ast::{Item, PlanAst};

/// What kind of thing a declared name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declared {
    /// An edition.
    Edition,
    /// A module.
    Module,
    /// A seat type: a kind of user bought in a count of its own.
    SeatType,
    /// An add-on bought by the unit.
    Addon,
    /// A metered usage.
    Usage,
    /// A backup option.
    Backup,
    /// A support tier.
    Support,
    /// A one-time service.
    Service,
    /// A discount.
    Discount,
    /// A coupon.
    Coupon,
}

impl Declared {
    /// The word for it.
    pub fn word(self) -> &'static str {
        match self {
            Declared::Edition => "edition",
            Declared::Module => "module",
            Declared::SeatType => "seat type",
            Declared::Addon => "add-on",
            Declared::Usage => "usage",
            Declared::Backup => "backup option",
            Declared::Support => "support tier",
            Declared::Service => "service",
            Declared::Discount => "discount",
            Declared::Coupon => "coupon",
        }
    }
}

/// The name (letters, digits, `_`, `-`) at byte `offset`, and where it is.
pub fn word_at(text: &str, offset: usize) -> Option<(&str, Span)> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    let word = &text[start..end];
    (!word.is_empty() && !word.starts_with(|c: char| c.is_ascii_digit()))
        .then_some((word, Span::new(start, end)))
}

/// Every declared name: (name, kind, where its name is written).
pub fn declarations(ast: &PlanAst) -> Vec<(&str, Declared, Span)> {
    let mut out = Vec::new();
    for item in &ast.items {
        let (name, kind) = match item {
            Item::Edition(e) => (&e.id, Declared::Edition),
            Item::Module(m) => (&m.id, Declared::Module),
            Item::SeatType(m) => (&m.id, Declared::SeatType),
            Item::Quantity(q) if q.usage => (&q.id, Declared::Usage),
            Item::Quantity(q) => (&q.id, Declared::Addon),
            Item::Backup(b) => (&b.id, Declared::Backup),
            Item::Support(s) => (&s.id, Declared::Support),
            Item::Service(s) => (&s.id, Declared::Service),
            Item::Discount(d) if d.coupon => (&d.id, Declared::Coupon),
            Item::Discount(d) => (&d.id, Declared::Discount),
            _ => continue,
        };
        out.push((name.value.as_str(), kind, name.span));
    }
    out
}

/// The declaration of `name` (an edition or module first, as references name those).
pub fn declaration<'a>(ast: &'a PlanAst, name: &str) -> Option<(&'a str, Declared, Span)> {
    let all = declarations(ast);
    let rank = |k: Declared| match k {
        Declared::Edition | Declared::Module => 0,
        _ => 1,
    };
    all.into_iter()
        .filter(|(n, _, _)| *n == name)
        .min_by_key(|(_, k, _)| rank(*k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_under_the_cursor() {
        let text = "requires sales_automation, x";
        assert_eq!(word_at(text, 12).map(|w| w.0), Some("sales_automation"));
        assert_eq!(word_at(text, 9).map(|w| w.0), Some("sales_automation"));
        assert_eq!(word_at(text, 25).map(|w| w.0), Some("sales_automation"));
        assert_eq!(word_at(text, 26), None);
        assert_eq!(word_at("at 20.00", 5), None);
    }
}

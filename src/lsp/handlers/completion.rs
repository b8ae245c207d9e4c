//! `textDocument/completion`: the names the plan declares (editions, modules, add-ons,
//! usage, options, discounts) and the language's words.

use crate::lsp::query::{declarations, Declared};
use lsp_types::{CompletionItem, CompletionItemKind};

/// Words that start a line of a plan, offered with the declared names.
const KEYWORDS: &[&str] = &[
    "edition",
    "module",
    "addon",
    "usage",
    "backup",
    "support",
    "service",
    "discount",
    "coupon",
    "storage",
    "includes",
    "requires",
    "excludes",
    "per seat",
    "per month",
    "per year",
    "flat",
    "billed monthly",
    "billed quarterly",
    "billed annually",
    "volume",
    "graduated",
    "stairstep",
    "when",
    "off",
    "recurring",
    "one_time",
    "minimum",
    "maximum",
    "unit",
    "first",
    "free",
    "overage",
    "fee",
    "hook",
    "deals",
    "prices",
    "tax",
    "currency",
    "version",
    "effective",
];

/// Every declared name (from the last text that parsed) and every keyword.
pub fn complete(text: &str) -> Vec<CompletionItem> {
    let mut items = Vec::new();
    if let Ok(ast) = crate::syntax::Parser::parse(text) {
        for (name, kind, _) in declarations(&ast) {
            items.push(CompletionItem {
                label: name.to_string(),
                kind: Some(match kind {
                    Declared::Edition => CompletionItemKind::CLASS,
                    Declared::Module => CompletionItemKind::MODULE,
                    Declared::Addon | Declared::Usage => CompletionItemKind::UNIT,
                    Declared::Discount | Declared::Coupon => CompletionItemKind::VALUE,
                    _ => CompletionItemKind::ENUM_MEMBER,
                }),
                detail: Some(kind.word().to_string()),
                ..CompletionItem::default()
            });
        }
    }
    items.extend(KEYWORDS.iter().map(|k| CompletionItem {
        label: k.to_string(),
        kind: Some(CompletionItemKind::KEYWORD),
        ..CompletionItem::default()
    }));
    items
}

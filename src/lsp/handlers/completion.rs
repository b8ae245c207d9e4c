//! `textDocument/completion`: the names the plan declares (editions, modules, add-ons,
//! usage, options, discounts) and the language's words.

use crate::lsp::query::Declared;
use crate::lsp::world::Analysis;
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

/// Every declared name (from the document's analysis: none when it does not parse) and
/// every keyword.
pub fn complete(analysis: &Analysis) -> Vec<CompletionItem> {
    let mut items = Vec::new();
    {
        for d in &analysis.declarations {
            let kind = d.kind;
            items.push(CompletionItem {
                label: d.name.clone(),
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

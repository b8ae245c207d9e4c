//! `textDocument/foldingRange`: every braced block that spans lines, read from the braces
//! alone so a plan with errors still folds.

use crate::lsp::conversion::position;
use crate::lsp::lexical::blocks;
use lsp_types::FoldingRange;

/// One range per `{ ... }` whose `}` is on a later line than its `{`: from the `{` line to
/// the `}` line.
pub fn folding(text: &str) -> Vec<FoldingRange> {
    blocks(text)
        .into_iter()
        .filter_map(|(open, close)| {
            let (from, to) = (position(text, open), position(text, close));
            (to.line > from.line).then_some(FoldingRange {
                start_line: from.line,
                start_character: None,
                end_line: to.line,
                end_character: None,
                kind: None,
                collapsed_text: None,
            })
        })
        .collect()
}

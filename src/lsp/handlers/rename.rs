//! `textDocument/prepareRename` and `textDocument/rename`: an item's new name written
//! everywhere the plan names it and in the plan's golden tests (`ratecard test` reads them
//! from `tests/NAME/*.toml` beside the plan), so a rename never breaks a test.

use crate::lsp::conversion::{offset, range};
use crate::lsp::golden;
use crate::lsp::lexical::{is_name, occurrences};
use crate::lsp::query::word_at;
use crate::lsp::world::{Analysis, Declaration};
use lsp_types::{Position, PrepareRenameResponse, TextEdit, Url, WorkspaceEdit};
use std::collections::HashMap;

/// The item name under `pos` and its range, or why it cannot be renamed.
pub fn prepare(
    text: &str,
    pos: Position,
    analysis: &Analysis,
) -> Result<PrepareRenameResponse, String> {
    let (d, at) = renamed(text, pos, analysis)?;
    Ok(PrepareRenameResponse::RangeWithPlaceholder {
        range: range(text, at.start, at.end),
        placeholder: d.name.clone(),
    })
}

/// Every edit that renames the item under `pos` to `new`: in the plan at `uri` and in
/// its golden tests (and the request files they read); or why not.
pub fn rename(
    uri: &Url,
    text: &str,
    pos: Position,
    new: &str,
    analysis: &Analysis,
) -> Result<WorkspaceEdit, String> {
    let (d, _) = renamed(text, pos, analysis)?;
    let old = d.name.as_str();
    if !is_name(new) {
        return Err(format!(
            "`{new}` is not a name: a name starts with a letter or `_` and holds only letters, digits, `_` and `-`"
        ));
    }
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    if new == old {
        return Ok(WorkspaceEdit::new(changes));
    }
    if let Some(other) = analysis.declarations.iter().find(|o| o.name == new) {
        let line = range(text, other.span.start, other.span.end).start.line + 1;
        return Err(format!(
            "`{new}` already names the {} on line {line}; choose another name",
            other.kind.word()
        ));
    }
    let spans = occurrences(text, old);
    let mut renamed_text = text.to_string();
    for s in spans.iter().rev() {
        renamed_text.replace_range(s.start..s.end, new);
    }
    if crate::syntax::Parser::parse(&renamed_text).is_err() {
        return Err(format!(
            "`{new}` cannot be a name: the plan would not read with it (it is a word of the plan language)"
        ));
    }
    let edits = spans
        .iter()
        .map(|s| TextEdit::new(range(text, s.start, s.end), new.to_string()))
        .collect();
    changes.insert(uri.clone(), edits);
    if let Ok(path) = uri.to_file_path() {
        for (file, file_text, spans) in golden::names(&path, old) {
            let Ok(file_uri) = Url::from_file_path(&file) else {
                continue;
            };
            let edits = spans
                .iter()
                .map(|s| TextEdit::new(range(&file_text, s.start, s.end), new.to_string()))
                .collect();
            changes.entry(file_uri).or_insert(edits);
        }
    }
    Ok(WorkspaceEdit::new(changes))
}

/// The declaration named under `pos`, and where that name is written there.
fn renamed<'a>(
    text: &str,
    pos: Position,
    analysis: &'a Analysis,
) -> Result<(&'a Declaration, crate::span::Span), String> {
    if analysis.declarations.is_empty() {
        return Err("the plan has syntax errors; fix them before renaming".into());
    }
    let Some((word, at)) = word_at(text, offset(text, pos)) else {
        return Err("put the cursor on the name of an item the plan declares to rename it".into());
    };
    match analysis.declaration(word) {
        Some(d) => Ok((d, at)),
        None => Err(format!(
            "`{word}` is not the name of an edition, module, seat type, add-on, usage, option, service, discount or coupon of this plan"
        )),
    }
}

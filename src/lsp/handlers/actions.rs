//! `textDocument/codeAction`: the fixes the checker's help already spells out, as edits
//! an editor applies in one keystroke: a misspelled name replaced with the one it meant
//! ("did you mean"), and `unit X divisible` for a fraction of a whole unit.

use crate::lsp::conversion::{offset, range};
use crate::lsp::lexical::{blocks, occurrences};
use crate::span::Span;
use crate::syntax::ast::Item;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, TextEdit, Url, WorkspaceEdit,
};
use serde_json::{json, Value};
use std::collections::HashMap;

/// What a diagnostic carries for its fix (the LSP diagnostic's `data`): the name written
/// and the one the help suggests.
pub fn replace_data(written: &str, with: &str) -> Value {
    json!({ "fix": "replace", "written": written, "with": with })
}

/// What a fraction of a whole unit carries for its fix: the unit to declare divisible.
pub fn divisible_data(unit: &str) -> Value {
    json!({ "fix": "divisible", "unit": unit })
}

/// The quick fixes for the ratecard diagnostics the editor sends back; the only one is
/// marked preferred, so the editor may apply it at once.
pub fn actions(uri: &Url, text: &str, diagnostics: &[Diagnostic]) -> Vec<CodeActionOrCommand> {
    let mut out: Vec<CodeAction> = diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some("ratecard"))
        .filter_map(|d| fix(uri, text, d))
        .collect();
    if let [only] = out.as_mut_slice() {
        only.is_preferred = Some(true);
    }
    out.into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

fn fix(uri: &Url, text: &str, d: &Diagnostic) -> Option<CodeAction> {
    let data = d.data.as_ref()?;
    let (title, edit) = match data.get("fix")?.as_str()? {
        "replace" => {
            let written = data.get("written")?.as_str()?;
            let with = data.get("with")?.as_str()?;
            let (start, end) = (offset(text, d.range.start), offset(text, d.range.end));
            // The name as written inside the diagnostic's range (the range may cover more).
            let at = if text.get(start..end) == Some(written) {
                Span::new(start, end)
            } else {
                occurrences(text, written)
                    .into_iter()
                    .find(|s| s.start >= start && s.end <= end.max(start + written.len()))?
            };
            (
                format!("Replace `{written}` with `{with}`"),
                TextEdit::new(range(text, at.start, at.end), with.to_string()),
            )
        }
        "divisible" => {
            let unit = data.get("unit")?.as_str()?;
            let at = offset(text, d.range.start);
            (
                format!("Declare the unit divisible: `unit {unit} divisible`"),
                divisible(text, at, unit)?,
            )
        }
        _ => return None,
    };
    let changes = HashMap::from([(uri.clone(), vec![edit])]);
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![d.clone()]),
        edit: Some(WorkspaceEdit::new(changes)),
        ..CodeAction::default()
    })
}

/// The edit that makes `unit` divisible in the add-on or usage around byte `at`: the word
/// `divisible` after its `unit` line's word, or a `unit` line of its own at the top of its
/// block.
fn divisible(text: &str, at: usize, unit: &str) -> Option<TextEdit> {
    let ast = crate::syntax::Parser::parse(text).ok()?;
    // The last add-on or usage declared before the number is the one it belongs to.
    let q = ast.items.iter().rev().find_map(|i| match i {
        Item::Quantity(q) if q.span.start <= at => Some(q),
        _ => None,
    })?;
    if let Some(u) = q.units.first() {
        let end = range(text, u.word.span.end, u.word.span.end);
        return Some(TextEdit::new(end, " divisible".into()));
    }
    let (open, _) = blocks(text).into_iter().find(|(o, _)| *o >= q.span.end)?;
    let after = open + 1;
    let rest_of_line = &text[after..text[after..].find('\n').map_or(text.len(), |i| after + i)];
    if !rest_of_line.trim().is_empty() {
        // `{ 5.00 per user }` on one line: the unit goes first inside the braces.
        return Some(TextEdit::new(
            range(text, after, after),
            format!(" unit {unit} divisible;"),
        ));
    }
    let next = after + rest_of_line.len() + 1;
    let next_line = text.get(next..).unwrap_or("");
    let indent: String = next_line.chars().take_while(|c| *c == ' ').collect();
    Some(TextEdit::new(
        range(text, next, next),
        format!("{indent}unit {unit} divisible\n"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(text: &str, e: &TextEdit) -> String {
        let start = offset(text, e.range.start);
        let end = offset(text, e.range.end);
        format!("{}{}{}", &text[..start], e.new_text, &text[end..])
    }

    #[test]
    fn without_a_unit_line_one_is_added_at_the_top_of_the_block() {
        let text =
            "plan \"p\" {\n  addon extra \"X\" {\n    5.00 per user\n    maximum 2.5\n  }\n}\n";
        let at = text.find("2.5").unwrap_or(0);
        let e = divisible(text, at, "user").expect("an edit");
        assert_eq!(
            applied(text, &e),
            "plan \"p\" {\n  addon extra \"X\" {\n    unit user divisible\n    5.00 per user\n    maximum 2.5\n  }\n}\n"
        );
        let one_line = "plan \"p\" {\n  addon extra \"X\" { 5.00 per user; maximum 2.5 }\n}\n";
        let at = one_line.find("2.5").unwrap_or(0);
        let e = divisible(one_line, at, "user").expect("an edit");
        assert_eq!(
            applied(one_line, &e),
            "plan \"p\" {\n  addon extra \"X\" { unit user divisible; 5.00 per user; maximum 2.5 }\n}\n"
        );
    }
}

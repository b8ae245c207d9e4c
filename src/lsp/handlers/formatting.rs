//! `textDocument/formatting`: the whole document in `ratecard fmt`'s layout, refused when
//! the plan does not parse (a half-typed plan is left as it is).

use crate::lsp::conversion::position;
use lsp_types::{Range, TextEdit};

/// One edit replacing the whole text, none when it is already formatted, or why not.
pub fn format(text: &str) -> Result<Vec<TextEdit>, String> {
    if crate::syntax::Parser::parse(text).is_err() {
        return Err("the plan has syntax errors; fix them before formatting".into());
    }
    let formatted = crate::format::format(text);
    if formatted == text {
        return Ok(Vec::new());
    }
    let whole = Range::new(position(text, 0), position(text, text.len()));
    Ok(vec![TextEdit::new(whole, formatted)])
}

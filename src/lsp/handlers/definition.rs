//! `textDocument/definition`: from a name (in `requires`, `includes`, a discount's
//! condition or scope, an attach price) to the item that declares it.

use crate::lsp::conversion::{offset, range};
use crate::lsp::query::{declaration, word_at};
use lsp_types::{Location, Position, Url};

/// Where the name under `pos` is declared.
pub fn definition(uri: &Url, text: &str, pos: Position) -> Option<Location> {
    let ast = crate::syntax::Parser::parse(text).ok()?;
    let (word, _) = word_at(text, offset(text, pos))?;
    let (_, _, span) = declaration(&ast, word)?;
    Some(Location::new(
        uri.clone(),
        range(text, span.start, span.end),
    ))
}

//! `textDocument/definition`: from a name (in `requires`, `includes`, a discount's
//! condition or scope, an attach price) to the item that declares it.

use crate::lsp::conversion::{offset, range};
use crate::lsp::query::word_at;
use crate::lsp::world::Analysis;
use lsp_types::{Location, Position, Url};

/// Where the name under `pos` is declared, from the document's analysis (no parse).
pub fn definition(uri: &Url, text: &str, pos: Position, analysis: &Analysis) -> Option<Location> {
    let (word, _) = word_at(text, offset(text, pos))?;
    let span = analysis.declaration(word)?.span;
    Some(Location::new(
        uri.clone(),
        range(text, span.start, span.end),
    ))
}

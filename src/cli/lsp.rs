//! `ratecard lsp`: starts the language server (`crate::lsp`) and maps its end to an exit code.

use super::output::say;
use super::Exit;

/// Serves one editor until it exits.
pub fn run() -> Exit {
    match crate::lsp::run() {
        Ok(()) => Exit::Ok,
        Err(e) => {
            say!("ratecard lsp: {}", crate::text::shown(&e));
            Exit::Io
        }
    }
}

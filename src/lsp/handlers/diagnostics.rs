//! `textDocument/publishDiagnostics`: the checker's findings for a plan as it is typed,
//! and for the hook scripts it names, each in its own file.

use crate::diagnostic::{Diagnostic as Found, Kind, Severity};
use crate::lsp::conversion::range;
use lsp_types::{Diagnostic, DiagnosticSeverity, Url};

/// The checker's `found` diagnostics for the plan `text` at `uri`, as LSP diagnostics
/// grouped by file (the plan first, always present so that fixed errors are cleared).
pub fn grouped(uri: &Url, text: &str, found: &[Found]) -> Vec<(Url, Vec<Diagnostic>)> {
    let mut out: Vec<(Url, Vec<Diagnostic>)> = vec![(uri.clone(), Vec::new())];
    for d in found {
        let (file_uri, file_text) = match &d.file {
            None => (uri.clone(), text),
            Some(f) => match Url::from_file_path(&f.name) {
                Ok(u) => (u, &*f.text),
                Err(()) => (uri.clone(), text),
            },
        };
        let lsp = to_lsp(d, file_text);
        match out.iter_mut().find(|(u, _)| *u == file_uri) {
            Some((_, list)) => list.push(lsp),
            None => out.push((file_uri, vec![lsp])),
        }
    }
    out
}

fn to_lsp(d: &Found, text: &str) -> Diagnostic {
    let mut message = d.kind.to_string();
    if let Some(help) = d.kind.help() {
        message.push_str("\nhelp: ");
        message.push_str(&help);
    }
    Diagnostic {
        range: range(text, d.span.start, d.span.end),
        severity: Some(match d.severity() {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        source: Some("ratecard".into()),
        message,
        // What `textDocument/codeAction` needs to offer the help's fix (see `actions`).
        data: match &d.kind {
            Kind::WholeUnits { unit, .. } => Some(super::actions::divisible_data(unit)),
            k => k
                .suggestion()
                .map(|(written, with)| super::actions::replace_data(&written, &with)),
        },
        ..Diagnostic::default()
    }
}

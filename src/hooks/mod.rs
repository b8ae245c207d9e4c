//! Rhai hook scripts: the pricing rules a declaration cannot say, compiled once per plan.

mod engine;

pub use engine::{guarded, guarded_for, limits, sandboxed_engine, Printed};

use crate::diagnostic::{Diagnostic, Kind, SourceFile};
use crate::span::{Span, Spanned};
use std::path::Path;
use std::sync::Arc;

/// A hook script, compiled when the plan was checked.
#[derive(Debug, Clone)]
pub struct Hook {
    /// The path as written in the plan.
    pub path: Arc<str>,
    /// The script's text, for diagnostics.
    pub source: SourceFile,
    /// The compiled script.
    pub ast: Arc<rhai::AST>,
}

impl Hook {
    /// Reads and compiles the script named by `hook "path"`, relative to `base_dir`.
    pub fn load(base_dir: Option<&Path>, path: &Spanned<String>) -> Result<Hook, Diagnostic> {
        let full = base_dir.map_or_else(
            || Path::new(&path.value).to_path_buf(),
            |d| d.join(&path.value),
        );
        let text = std::fs::read_to_string(&full).map_err(|e| {
            let kind = Kind::HookUnreadable {
                path: path.value.clone(),
                reason: e.to_string(),
            };
            Diagnostic::new(kind, path.span)
        })?;
        let source = SourceFile::new(full.display().to_string(), text);
        let engine = rhai::Engine::new_raw();
        let ast = engine.compile(&*source.text).map_err(|e| {
            let at = offset(&source.text, e.1.line(), e.1.position());
            Diagnostic {
                kind: Kind::HookSyntax {
                    path: path.value.clone(),
                    message: e.0.to_string(),
                },
                span: Span::new(at, at),
                file: Some(Arc::new(source.clone())),
            }
        })?;
        Ok(Hook {
            path: Arc::from(path.value.as_str()),
            source,
            ast: Arc::new(ast),
        })
    }
}

/// Byte offset of a 1-based line and column in `text`.
fn offset(text: &str, line: Option<usize>, col: Option<usize>) -> usize {
    let Some(line) = line else { return 0 };
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let col = col.unwrap_or(1).saturating_sub(1);
    let rest = text.get(start..).unwrap_or("");
    start + rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i)
}

/// Runs the plan's hooks, in the order written, on the draft quote.
pub fn run(
    plan: &crate::model::Plan,
    _request: &crate::request::Request,
    _resolved: &crate::eval::Resolved,
    _lines: &mut Vec<crate::quote::Line>,
    _notes: &mut Vec<String>,
    _approval: &mut crate::quote::Approval,
) -> Result<(), crate::eval::Rejection> {
    match plan.hooks.first() {
        None => Ok(()),
        Some(h) => Err(crate::eval::Rejection::Hook {
            at: h.path.to_string(),
            message: "hooks are not wired in yet".into(),
        }),
    }
}

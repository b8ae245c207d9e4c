//! The open documents, as the editor last sent them, each with what checking its current
//! version found: its declared names, its checked plan and its diagnostics.
//!
//! A document is checked once per version, and only when it is needed: when the editor has
//! stopped sending (the server's queue is empty) or a request reads it. Reads (hover,
//! completion, definition) answer from that analysis and never check again, and a burst of
//! edits is checked once, at its last version: on a 10,000-line plan a check takes tens of
//! milliseconds, and checking all 500 versions of a burst took 13.7 s.

use super::handlers::diagnostics;
use super::query::Declared;
use crate::diagnostic::SourceFile;
use crate::model::Plan;
use crate::span::Span;
use lsp_types::Url;
use std::collections::HashMap;

/// A name the plan declares: what it is and where its name is written.
#[derive(Debug, Clone)]
pub struct Declaration {
    /// The name.
    pub name: String,
    /// What kind of item it names.
    pub kind: Declared,
    /// Where the name is written in the declaring item.
    pub span: Span,
}

/// What checking one version of a document found.
#[derive(Debug)]
pub struct Analysis {
    /// Every declared name (empty when the text does not parse).
    pub declarations: Vec<Declaration>,
    /// The checked plan, when the text has no errors.
    pub plan: Option<Plan>,
    /// Its diagnostics, by the file they are in (the plan first).
    pub diagnostics: Vec<(Url, Vec<lsp_types::Diagnostic>)>,
    /// The completion list as JSON, made on the first completion request of this version:
    /// thousands of names on a large plan take milliseconds to serialise.
    pub completion_json: std::sync::OnceLock<String>,
}

impl Analysis {
    /// Parses and checks `text` (the plan at `uri`) once, keeping what reads need.
    fn of(uri: &Url, text: &str) -> Analysis {
        let source = SourceFile::new(display_name(uri), text.to_string());
        let hooks = hooks_dir(uri);
        // One parse serves both the declarations and the checker.
        let (declarations, checked) = match crate::syntax::Parser::parse(text) {
            Ok(ast) => {
                let declarations = super::query::declarations(&ast)
                    .into_iter()
                    .map(|(name, kind, span)| Declaration {
                        name: name.to_string(),
                        kind,
                        span,
                    })
                    .collect();
                let checked = crate::check::Analyzer::analyze(&ast, source, hooks.as_deref());
                (declarations, checked)
            }
            // The checker recovers what it can from a text that does not parse.
            Err(_) => (
                Vec::new(),
                crate::check::check_source(source, hooks.as_deref()),
            ),
        };
        Analysis {
            declarations,
            diagnostics: diagnostics::grouped(uri, text, &checked.diagnostics),
            plan: checked.plan,
            completion_json: std::sync::OnceLock::new(),
        }
    }

    /// The declaration of `name` (an edition or module first, as references name those).
    pub fn declaration(&self, name: &str) -> Option<&Declaration> {
        let rank = |k: Declared| match k {
            Declared::Edition | Declared::Module => 0,
            _ => 1,
        };
        self.declarations
            .iter()
            .filter(|d| d.name == name)
            .min_by_key(|d| rank(d.kind))
    }
}

/// One open plan file.
#[derive(Debug)]
pub struct Document {
    /// Its text as the editor has it (saved or not).
    pub text: String,
    /// The editor's version number of that text.
    pub version: i32,
    /// What checking this version found; `None` until it is checked.
    analysis: Option<Analysis>,
    /// Its diagnostics have been sent to the editor.
    published: bool,
}

/// Every open document by URI.
#[derive(Debug, Default)]
pub struct World {
    docs: HashMap<Url, Document>,
}

impl World {
    /// Records a document's new text; it is checked when next needed.
    pub fn set(&mut self, uri: Url, text: String, version: i32) {
        self.docs.insert(
            uri,
            Document {
                text,
                version,
                analysis: None,
                published: false,
            },
        );
    }

    /// Forgets a closed document.
    pub fn close(&mut self, uri: &Url) {
        self.docs.remove(uri);
    }

    /// The document at `uri`, if open.
    pub fn get(&self, uri: &Url) -> Option<&Document> {
        self.docs.get(uri)
    }

    /// The document at `uri` with the analysis of its current version, checking it first
    /// if no one has yet (after that, every read of this version is free).
    pub fn analyzed(&mut self, uri: &Url) -> Option<(&Document, &Analysis)> {
        let doc = self.docs.get_mut(uri)?;
        if doc.analysis.is_none() {
            doc.analysis = Some(Analysis::of(uri, &doc.text));
        }
        let doc = &*doc;
        doc.analysis.as_ref().map(|a| (doc, a))
    }

    /// Checks every document whose current version has not had its diagnostics sent, and
    /// hands each one's diagnostics (with its version) to `publish`, once per version.
    pub fn publish_pending(&mut self, mut publish: impl FnMut(&Url, i32, &Analysis)) {
        let pending: Vec<Url> = self
            .docs
            .iter()
            .filter(|(_, d)| !d.published)
            .map(|(u, _)| u.clone())
            .collect();
        for uri in pending {
            if let Some((doc, analysis)) = self.analyzed(&uri) {
                publish(&uri, doc.version, analysis);
            }
            if let Some(doc) = self.docs.get_mut(&uri) {
                doc.published = true;
            }
        }
    }
}

/// The name a document's diagnostics are shown under: its path, or the URI.
pub fn display_name(uri: &Url) -> String {
    uri.to_file_path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| uri.to_string())
}

/// The folder hooks of the plan at `uri` are read from (none for an unsaved buffer).
pub fn hooks_dir(uri: &Url) -> Option<std::path::PathBuf> {
    uri.to_file_path().ok().map(|p| crate::check::hooks_dir(&p))
}

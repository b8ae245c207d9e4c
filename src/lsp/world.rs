//! The open documents, as the editor last sent them; checked on every change.

use lsp_types::Url;
use std::collections::HashMap;

/// One open plan file.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its text as the editor has it (saved or not).
    pub text: String,
    /// The editor's version number of that text.
    pub version: i32,
}

/// Every open document by URI.
#[derive(Debug, Default)]
pub struct World {
    docs: HashMap<Url, Document>,
}

impl World {
    /// Records a document's new text.
    pub fn set(&mut self, uri: Url, text: String, version: i32) {
        self.docs.insert(uri, Document { text, version });
    }

    /// Forgets a closed document.
    pub fn close(&mut self, uri: &Url) {
        self.docs.remove(uri);
    }

    /// The document at `uri`, if open.
    pub fn get(&self, uri: &Url) -> Option<&Document> {
        self.docs.get(uri)
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

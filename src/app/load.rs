//! One plan, loaded once for a front end that prices with it: the file (or the built-in
//! plan) checked, or the reason it cannot be used, in words the front end can show.

use crate::check::{check_builtin, check_file};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::model::Plan;
use std::path::{Path, PathBuf};

/// A usable plan and its warnings (which do not block pricing).
#[derive(Debug)]
pub struct Loaded {
    /// The checked plan.
    pub plan: Plan,
    /// Warnings, to be rendered against `plan.source`.
    pub warnings: Vec<Diagnostic>,
}

/// Why a plan cannot be used.
#[derive(Debug)]
pub enum LoadError {
    /// The plan file could not be read.
    Unreadable {
        /// The file as the user named it.
        path: PathBuf,
        /// What went wrong.
        error: std::io::Error,
    },
    /// The plan has errors.
    Broken {
        /// The text that was checked, for rendering the diagnostics.
        source: SourceFile,
        /// Every diagnostic, errors and warnings.
        diagnostics: Vec<Diagnostic>,
    },
}

impl LoadError {
    /// How many diagnostics are errors (0 for an unreadable file).
    pub fn errors(&self) -> usize {
        match self {
            LoadError::Unreadable { .. } => 0,
            LoadError::Broken { diagnostics, .. } => {
                diagnostics.iter().filter(|d| d.is_error()).count()
            }
        }
    }

    /// The one-line summary a front end shows after the diagnostics.
    pub fn summary(&self) -> String {
        match self {
            LoadError::Unreadable { path, error } => {
                format!("cannot read plan {}: {error}", path.display())
            }
            LoadError::Broken { source, .. } => {
                let errors = self.errors();
                format!(
                    "{} has {errors} error{}; nothing was priced",
                    source.name,
                    super::plural(errors)
                )
            }
        }
    }
}

/// Loads and checks the plan at `path`, or the built-in plan when `path` is `None`.
pub fn load_plan(path: Option<&Path>) -> Result<Loaded, LoadError> {
    let checked = match path {
        None => check_builtin(),
        Some(p) => check_file(p).map_err(|error| LoadError::Unreadable {
            path: p.to_path_buf(),
            error,
        })?,
    };
    match checked.plan {
        Some(plan) => Ok(Loaded {
            plan,
            warnings: checked.diagnostics,
        }),
        None => Err(LoadError::Broken {
            source: checked.source,
            diagnostics: checked.diagnostics,
        }),
    }
}

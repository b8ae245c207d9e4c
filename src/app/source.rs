//! Where the plan comes from, and whether it changed: the plan file and its hook scripts.
//!
//! Change is decided by content, not by timestamps: a file rewritten twice in the same
//! second is still seen, and a save that leaves the bytes alone is not news. Both REPL front ends
//! call [`Source::changed`] before every command, so a piped session reacts to an edit
//! deterministically; the terminal front end also calls it when the file watcher fires.

use crate::check::{check_builtin, check_source, BUILTIN_NAME};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::model::Plan;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// A fingerprint of a file's bytes; `None` when it cannot be read.
type Print = Option<u64>;

fn print_of(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

fn read_print(path: &Path, root: Option<&Path>) -> Print {
    read(path, root).ok().map(|b| print_of(&b))
}

/// What a served folder is called in messages.
const SERVED: &str = "the served folder";

/// The bytes of a plan file, confined to `root` when the source has one.
fn read(path: &Path, root: Option<&Path>) -> std::io::Result<Vec<u8>> {
    match root {
        Some(root) => crate::files::read_confined(path, root, SERVED, crate::files::MAX_BYTES),
        None => crate::files::read_bytes(path),
    }
}

/// The plan file a session follows (or the built-in plan), and what its files looked like
/// when last read.
#[derive(Debug, Clone)]
pub struct Source {
    /// The plan file as the user wrote it; `None` for the built-in plan.
    pub path: Option<PathBuf>,
    /// The folder the plan file must be in after resolving links (a server's plan folder);
    /// `None` when the user named the file and may name any.
    root: Option<PathBuf>,
    /// Files read for the plan (the plan, then its hooks) and their fingerprints.
    files: Vec<(PathBuf, Print)>,
}

/// The outcome of reading and checking the plan.
pub enum Loaded {
    /// A usable plan, with its warnings count.
    Plan(Box<Plan>, usize),
    /// The plan has errors: each rendered, and how many are errors.
    Broken(String, usize),
    /// The plan file could not be read.
    Unreadable(String),
}

impl Source {
    /// A source for `path` (the built-in plan when `None`); nothing is read yet.
    pub fn new(path: Option<PathBuf>) -> Source {
        Source {
            path,
            root: None,
            files: Vec::new(),
        }
    }

    /// A source for the plan file `path` that is read only while it is inside `root` after
    /// resolving links: a server serves its folder, not whatever a link in it points to.
    pub fn within(path: PathBuf, root: PathBuf) -> Source {
        Source {
            path: Some(path),
            root: Some(root),
            files: Vec::new(),
        }
    }

    /// The name the plan is shown under.
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or(BUILTIN_NAME.to_string(), |p| p.display().to_string())
    }

    /// Files this source depends on (for the watcher).
    pub fn files(&self) -> Vec<PathBuf> {
        self.files.iter().map(|(p, _)| p.clone()).collect()
    }

    /// The first watched file whose content differs from when it was last read.
    pub fn changed(&self) -> Option<&Path> {
        self.files
            .iter()
            .enumerate()
            // The plan is confined to the served folder; its hooks to theirs, by `check`.
            .find(|(i, (p, print))| {
                read_print(p, self.root.as_deref().filter(|_| *i == 0)) != *print
            })
            .map(|(_, f)| f)
            .map(|(p, _)| p.as_path())
    }

    /// Reads and checks the plan, remembering what every file it used looked like.
    pub fn load(&mut self, color: bool) -> Loaded {
        let Some(path) = self.path.clone() else {
            let checked = check_builtin();
            return match checked.plan {
                Some(plan) => Loaded::Plan(Box::new(plan), checked.diagnostics.len()),
                None => Loaded::Broken(String::new(), checked.diagnostics.len()),
            };
        };
        let bytes = match read(&path, self.root.as_deref()) {
            Ok(b) => b,
            Err(e) => {
                self.remember(&path, None, None);
                return Loaded::Unreadable(format!("cannot read plan {}: {e}", path.display()));
            }
        };
        let print = Some(print_of(&bytes));
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                self.remember(&path, print, None);
                return Loaded::Unreadable(format!("plan {} is not UTF-8 text", path.display()));
            }
        };
        let source = SourceFile::new(path.display().to_string(), text);
        let checked = check_source(source.clone(), Some(&crate::check::hooks_dir(&path)));
        match checked.plan {
            Some(plan) => {
                let hooks = plan
                    .hooks
                    .iter()
                    .map(|h| PathBuf::from(&h.source.name))
                    .collect();
                self.remember(&path, print, Some(hooks));
                let warnings = checked.diagnostics.len();
                Loaded::Plan(Box::new(plan), warnings)
            }
            None => {
                self.remember(&path, print, hook_paths(&source.text, &path));
                let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
                Loaded::Broken(render(&checked.diagnostics, &source, color), errors)
            }
        }
    }

    /// Records the files read; `hooks` is `None` when the plan could not say which it names,
    /// and then the hooks followed so far are kept.
    fn remember(&mut self, plan: &Path, print: Print, hooks: Option<Vec<PathBuf>>) {
        let hooks =
            hooks.unwrap_or_else(|| self.files.iter().skip(1).map(|(p, _)| p.clone()).collect());
        let mut files = vec![(plan.to_path_buf(), print)];
        files.extend(hooks.into_iter().map(|h| {
            let p = read_print(&h, None);
            (h, p)
        }));
        self.files = files;
    }
}

/// Hook paths a plan names, read from its syntax tree even when the plan has errors, so a
/// session notices when a missing hook script appears. `None` when the plan does not parse.
fn hook_paths(text: &str, plan: &Path) -> Option<Vec<PathBuf>> {
    let ast = crate::syntax::Parser::parse(text).ok()?;
    let dir = plan.parent().unwrap_or(Path::new(""));
    let hooks = ast.items.iter().filter_map(|i| match i {
        crate::syntax::ast::Item::Hook(h) => Some(dir.join(&h.value)),
        _ => None,
    });
    Some(hooks.collect())
}

/// The errors only: while a plan is being edited its warnings are noise (`ratecard check`
/// shows them, and `plan` counts them).
fn render(diagnostics: &[Diagnostic], source: &SourceFile, color: bool) -> String {
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    crate::diagnostic::render_capped(&errors, source, color)
}

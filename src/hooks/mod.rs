//! Rhai hook scripts: the pricing rules a declaration cannot say, compiled once per plan.
//!
//! A hook is a file beside the plan that defines `fn price(request, quote)`. It is compiled
//! when the plan is checked (the AST lives in the [`crate::model::Plan`]) and called once per
//! quote, after discounts and before totals, on one shared, sandboxed engine. See
//! docs/hooks.md for the script API and the limits.

mod api;
mod engine;
mod errors;
mod state;
#[cfg(test)]
mod tests;
mod view;

pub use engine::{guarded, guarded_for, limits, sandboxed_engine, Printed, PrintedLine};
pub use errors::describe;

use crate::diagnostic::{Diagnostic, Kind, SourceFile};
use crate::model::{Plan, Text};
use crate::quote::{Approval, Line};
use crate::rejection::Rejection;
use crate::request::Request;
use crate::resolved::Resolved;
use crate::span::{Span, Spanned};
use api::{QuoteHandle, RequestHandle};
use rhai::{CallFnOptions, Dynamic, Engine, Scope};
use state::State;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use view::{PlanNames, RequestData};

/// The function every hook defines; it is called with the request and the draft quote.
pub const ENTRY: &str = "price";

/// Runs `f` with this thread's hook engine: sandboxed, with the quote API, configured once
/// per thread on first use.
///
/// One engine per thread rather than one per process: a shared engine's string interner
/// is a lock in Rhai's `sync` mode, and batch pricing on every core contended on it
/// (1M rows with hooks: 7.0 s at 114% CPU shared, 3.85 s at 190% per thread). Scripts are
/// still compiled once, at check time; an AST runs on any engine configured the same way.
fn with_engine<T>(f: impl FnOnce(&Engine) -> T) -> T {
    thread_local! {
        static ENGINE: Engine = {
            let mut engine = sandboxed_engine();
            api::register(&mut engine);
            engine
        };
    }
    ENGINE.with(f)
}

/// A hook script, compiled when the plan was checked.
#[derive(Debug, Clone)]
pub struct Hook {
    /// The path as written in the plan.
    pub path: Arc<str>,
    /// The script's text, for diagnostics.
    pub source: SourceFile,
    /// The compiled script.
    pub ast: Arc<rhai::AST>,
    /// The file stem, for the ids of lines the hook adds (`rules/edu.rhai` -> `edu`).
    pub stem: Text,
    /// Line and column of `fn price`, named when an error has no position of its own.
    pub entry: (usize, usize),
    /// The plan's names, gathered on the first hooked quote (kept in the plan's first hook).
    names: OnceLock<Arc<PlanNames>>,
}

impl Hook {
    /// Reads and compiles the script named by `hook "path"`, relative to `base_dir` (the
    /// plan's folder, or the hooks folder its owner configured), which it may not leave.
    pub fn load(base_dir: Option<&Path>, path: &Spanned<String>) -> Result<Hook, Diagnostic> {
        let unreadable = |reason: String| {
            let kind = Kind::HookUnreadable {
                path: path.value.clone(),
                reason,
            };
            Diagnostic::new(kind, path.span)
        };
        let (full, inside) = locate(base_dir, &path.value).map_err(unreadable)?;
        // Only the file's content is read, never shown, when it cannot be used as a script:
        // the reason is the system's or ours, never a line of a file that is not a hook.
        let text = crate::files::read_text_max(&inside, limits::SCRIPT_BYTES)
            .map_err(|e| unreadable(e.to_string()))?;
        let source = SourceFile::new(full.display().to_string(), text);
        let in_script = |line: Option<usize>, col: Option<usize>, message: String| {
            let at = offset(&source.text, line, col);
            Diagnostic {
                kind: Kind::HookSyntax {
                    path: path.value.clone(),
                    message,
                },
                span: Span::new(at, at),
                file: Some(Arc::new(source.clone())),
            }
        };
        let ast = with_engine(|e| e.compile(&*source.text))
            .map_err(|e| in_script(e.1.line(), e.1.position(), errors::compile(&e.0)))?;
        if !ast
            .iter_functions()
            .any(|f| f.name == ENTRY && f.params.len() == 2)
        {
            let (line, col) = entry_position(&source.text);
            let message = if ast.iter_functions().any(|f| f.name == ENTRY) {
                format!("`fn {ENTRY}` must take two parameters: `fn {ENTRY}(request, quote)`")
            } else {
                format!("defines no `fn {ENTRY}(request, quote)`, the function a hook runs")
            };
            return Err(in_script(Some(line), Some(col), message));
        }
        // Hooks are called with eval_ast(false): anything outside a function is dead code,
        // which is almost certainly a rule the author expects to apply.
        if let Some(stmt) = ast.statements().first() {
            let at = stmt.position();
            let message = format!(
                "this statement is outside any function and would never run: move it into `fn {ENTRY}(request, quote)`"
            );
            return Err(in_script(at.line(), at.position(), message));
        }
        let entry = entry_position(&source.text);
        let stem = Path::new(&path.value)
            .file_stem()
            .map_or_else(|| "hook".to_string(), |s| state::slug(&s.to_string_lossy()));
        Ok(Hook {
            path: Arc::from(path.value.as_str()),
            source,
            ast: Arc::new(ast),
            stem: Text::from(stem),
            entry,
            names: OnceLock::new(),
        })
    }
}

/// Where the hook written as `written` is, as shown (`base_dir` joined with it) and as read
/// (the same file with every link resolved), or why it may not be read.
///
/// Hooks run with the quote's data, so they come only from the folder the plan's owner
/// controls: an absolute path, a `..` or a link leading out of it would let a plan run (and
/// `check` quote in its diagnostics) any file the user can read.
fn locate(base_dir: Option<&Path>, written: &str) -> Result<(PathBuf, PathBuf), String> {
    let Some(base) = base_dir else {
        return Err("this plan has no folder to read hooks from".into());
    };
    let relative = Path::new(written);
    if relative.has_root() || relative.is_absolute() {
        return Err("a hook's path must be relative to the plan's folder, not absolute".into());
    }
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err("a hook's path may not leave the plan's folder (`..`)".into());
    }
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    let full = base.join(relative);
    match crate::files::confine(&full, base, "the plan's folder") {
        Ok(real) => Ok((full, real)),
        // A missing file: reading it says so in the system's words.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((full.clone(), full)),
        Err(e) => Err(e.to_string()),
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

/// Line and column of the `price` in `fn price(`, or 1:1 when it cannot be found.
///
/// Rhai drops the position of limit errors (operations, call depth, sizes) raised inside the
/// entry function, so those are reported at the function they ran in.
fn entry_position(text: &str) -> (usize, usize) {
    for (n, full) in text.lines().enumerate() {
        // Not in a line comment (a heuristic: `//` inside a string on that line also cuts).
        let line = full.split("//").next().unwrap_or("");
        let mut rest = line;
        let mut col = 0;
        while let Some(i) = rest.find("fn ") {
            let after = rest[i + 3..].trim_start();
            let name_col = col + i + 3 + (rest[i + 3..].len() - after.len());
            let word_start =
                i == 0 || !rest[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            if word_start
                && after.starts_with(ENTRY)
                && after[ENTRY.len()..].trim_start().starts_with('(')
            {
                return (n + 1, line[..name_col].chars().count() + 1);
            }
            col += i + 3;
            rest = &rest[i + 3..];
        }
    }
    (1, 1)
}

/// Runs the plan's hooks, in the order written, on the draft quote.
///
/// Each hook's `fn price(request, quote)` is called once, under the sandbox's limits and its
/// own wall-clock budget. What the hooks add (lines, notes, approval reasons, printed text)
/// is kept only if every hook succeeds; any failure or `reject` rejects the whole quote.
pub fn run(
    plan: &Plan,
    request: &Request,
    resolved: &Resolved,
    lines: &mut Vec<Line>,
    notes: &mut Vec<String>,
    approval: &mut Approval,
) -> Result<(), Rejection> {
    let Some(first) = plan.hooks.first() else {
        return Ok(());
    };
    let names = PlanNames::cached(plan, &first.names);
    let shared = Arc::new(Mutex::new(State {
        script: Text::from(""),
        stem: Text::from(""),
        currency: plan.currency.code.clone(),
        digits: plan.currency.minor_digits,
        lines: std::mem::take(lines),
        notes: Vec::new(),
        reasons: Vec::new(),
        rejected: None,
        hook_discounts: Vec::new(),
        request: RequestData::new(names, request, resolved),
    }));
    let outcome = plan.hooks.iter().try_for_each(|hook| call(hook, &shared));
    let mut state = api::lock(&shared);
    *lines = std::mem::take(&mut state.lines);
    outcome?;
    notes.append(&mut state.notes);
    if !state.reasons.is_empty() {
        approval.required = true;
        approval.reasons.append(&mut state.reasons);
    }
    Ok(())
}

/// Calls one hook's `price`; its printed text becomes notes, its failure a rejection.
fn call(hook: &Hook, shared: &Arc<Mutex<State>>) -> Result<(), Rejection> {
    {
        let mut s = api::lock(shared);
        s.script = hook.path.clone();
        s.stem = hook.stem.clone();
    }
    let args = (
        Dynamic::from(RequestHandle(Arc::clone(shared))),
        Dynamic::from(QuoteHandle(Arc::clone(shared))),
    );
    let (result, printed) = guarded(|| {
        let mut scope = Scope::new();
        // eval_ast(false): top-level statements were never meant to run once per quote.
        let options = CallFnOptions::new().eval_ast(false).rewind_scope(false);
        with_engine(|e| {
            e.call_fn_with_options::<Dynamic>(options, &mut scope, &hook.ast, ENTRY, args)
        })
    });
    let mut s = api::lock(shared);
    for p in printed.lines {
        let note = match p.debug_at {
            Some((l, c)) => format!("hook {}:{l}:{c} debug: {}", hook.path, p.text),
            None => format!("hook {} printed: {}", hook.path, p.text),
        };
        s.notes.push(note);
    }
    if printed.dropped > 0 {
        let note = format!(
            "hook {} printed {} more lines, not shown",
            hook.path, printed.dropped
        );
        s.notes.push(note);
    }
    let rejected = s.rejected.take();
    match result {
        Ok(_) if rejected.is_none() => Ok(()),
        Ok(_) => Err(rejection(
            hook,
            rejected.as_ref().map_or((None, String::new()), |r| {
                (r.at, format!("rejected the quote: {}", r.message))
            }),
            true,
        )),
        Err(e) => Err(rejection(
            hook,
            errors::runtime(&e, rejected.as_ref()),
            rejected.is_some(),
        )),
    }
}

fn rejection(hook: &Hook, (at, message): (errors::At, String), deliberate: bool) -> Rejection {
    let (line, col) = at.unwrap_or(hook.entry);
    Rejection::Hook {
        at: format!("{}:{line}:{col}", hook.path),
        script: hook.path.to_string(),
        position: (line, col),
        message,
        deliberate,
    }
}

//! The REPL at a terminal: rustyline for editing, completion, hints and history, plus a file
//! watcher that reloads the plan while the prompt waits.
//!
//! The session sits behind a mutex shared by three parties: the prompt loop, the completion
//! helper, and the watcher thread. Each holds the lock only for one call.
//!
//! The watcher reloads as soon as a file settles and prints the news above the waiting prompt
//! through rustyline's `ExternalPrinter`. That needs rustyline 19 or later: before, a printer
//! made rustyline stop reading keys that arrive together (a paste, a fast typist; rustyline
//! issue #976). While a command runs, or when stdout is not a terminal (no printer), the news
//! waits and comes before the next answer instead.

use super::command::{entries, is_command, is_complete};
use super::complete;
use super::{Output, Session};
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult};
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::FileHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{CompletionType, Config, Context, Editor, ExternalPrinter, Helper};
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// What the prompt loop, the helper and the watcher share.
struct Live {
    session: Session,
    /// True while rustyline waits for input: news can then go above the prompt. Kept under
    /// the session's lock so that news is either printed by the watcher or deferred to the
    /// prompt loop, never lost in between.
    at_prompt: bool,
}

type Shared = Arc<Mutex<Live>>;

/// A printer above the live prompt; `Send` because the watcher thread owns it.
type Printer = Box<dyn ExternalPrinter + Send>;

/// Locks the shared state; a panic elsewhere must not end the user's session too.
fn lock(s: &Shared) -> MutexGuard<'_, Live> {
    s.lock().unwrap_or_else(|e| e.into_inner())
}

/// Where history is kept between sessions: `<data dir>/ratecard/history`.
pub fn history_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("ratecard").join("history"))
}

/// The rustyline helper: completion, hints, the colored prompt, and the brace validator.
struct ReplHelper {
    live: Shared,
    files: FilenameCompleter,
    color: bool,
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = line.get(..pos).unwrap_or(line);
        if before.trim_start().starts_with("load ") {
            return self.files.complete_path(line, pos);
        }
        let (start, words) = complete::complete(&lock(&self.live).session, before);
        let pairs = words
            .into_iter()
            .map(|w| Pair {
                replacement: format!("{w} "),
                display: w,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        (pos == line.len())
            .then(|| complete::hint(&lock(&self.live).session, line))
            .flatten()
    }
}

impl Highlighter for ReplHelper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        if self.color {
            Cow::Owned(format!("\x1b[1;36m{prompt}\x1b[0m"))
        } else {
            Cow::Borrowed(prompt)
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        false
    }
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        Ok(if is_command(input) || is_complete(input) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

impl Helper for ReplHelper {}

/// Why an interactive session ended early.
#[derive(Debug)]
pub enum Failure {
    /// The terminal could not be set up or read.
    Terminal(String),
    /// An answer could not be written to standard output.
    Output(std::io::Error),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Output(e)
    }
}

/// Runs the interactive REPL until Ctrl-D or `quit`.
pub fn run(session: Session, greeting: Output, color: bool) -> Result<(), Failure> {
    let term = |e: rustyline::error::ReadlineError| Failure::Terminal(e.to_string());
    let config = Config::builder()
        .auto_add_history(false)
        .max_history_size(1000)
        .map_err(term)?
        .history_ignore_dups(true)
        .map_err(term)?
        .completion_type(CompletionType::List)
        .build();
    let mut rl: Editor<ReplHelper, FileHistory> = Editor::with_config(config).map_err(term)?;
    // At the prompt rustyline reads Ctrl-C as a key (it drops the line being typed); while
    // a command runs, the terminal sends SIGINT, which must stop the command, not the
    // session. If a handler cannot be installed, Ctrl-C keeps ending the program.
    let _ = crate::interrupt::install();
    let shared: Shared = Arc::new(Mutex::new(Live {
        session,
        at_prompt: false,
    }));
    rl.set_helper(Some(ReplHelper {
        live: shared.clone(),
        files: FilenameCompleter::new(),
        color,
    }));
    let history = history_path();
    if let Some(h) = &history {
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = rl.load_history(h);
    }
    // No printer when stdout is not a terminal: the news then comes with the next answer.
    let printer = rl
        .create_external_printer()
        .ok()
        .map(|p| Box::new(p) as Printer);
    // Without a watcher the session still reloads before each command.
    let _watcher = watch(shared.clone(), printer, color);
    let mut stdout = std::io::stdout();
    let hello = format!(
        "{}{}\n",
        greeting.render(color),
        banner(&lock(&shared).session)
    );
    stdout.write_all(hello.as_bytes())?;
    loop {
        let prompt = {
            // News from a reload while the last command ran is printed now; from here until
            // readline returns, the watcher prints above the prompt itself. Both under one
            // lock, so news is printed once, in order.
            let mut live = lock(&shared);
            let news = live.session.take_deferred();
            show(&mut stdout, &news, color)?;
            live.at_prompt = true;
            let width = terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
            live.session.set_width(width);
            live.session.prompt()
        };
        let read = rl.readline(&prompt);
        lock(&shared).at_prompt = false;
        match read {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = rl.add_history_entry(line.as_str());
                    if let Some(h) = &history {
                        let _ = rl.append_history(h);
                    }
                }
                // A paste of several commands arrives as one input: answer each in turn. An
                // empty line is one entry still, which shows news deferred by the watcher.
                let mut list = entries(&line);
                if list.is_empty() {
                    list.push(String::new());
                }
                for entry in &list {
                    crate::interrupt::clear();
                    let out = lock(&shared).session.handle(entry);
                    show(&mut stdout, &out, color)?;
                    // Ctrl-C stops the rest of a paste too: the person wants the prompt back.
                    if crate::interrupt::requested() {
                        break;
                    }
                    if out.quit {
                        return Ok(());
                    }
                }
            }
            // Ctrl-C drops the line being typed; the session goes on.
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            // A byte that is not UTF-8 (a Latin-1 `é` typed or pasted): that line is lost
            // to rustyline, but the session and its request are not.
            Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
                let mut out = Output::default();
                out.error(NOT_UTF8);
                show(&mut stdout, &out, color)?;
            }
            Err(e) => return Err(term(e)),
        }
    }
    Ok(())
}

/// What a line that is not UTF-8 gets, at the prompt or from a pipe.
pub const NOT_UTF8: &str =
    "that line has a byte that is not UTF-8 text (a Latin-1 character?); it was not run: type it again";

/// Writes an answer; an error (stdout closed or full) ends the session rather than
/// panicking in `print!`.
fn show(stdout: &mut impl Write, out: &Output, color: bool) -> std::io::Result<()> {
    if out.is_empty() {
        return Ok(());
    }
    stdout.write_all(out.render(color).as_bytes())?;
    stdout.flush()
}

fn banner(s: &Session) -> String {
    let plan = s.plan().map_or("no plan in use".to_string(), |p| {
        format!("{} {} ({})", p.name, p.version, p.currency.code)
    });
    format!("ratecard repl: {plan}. Type help for the commands; Ctrl-D or quit leaves.")
}

/// Watches the folders of the plan and its hooks and reloads the plan when a file in them
/// settles; the news goes above the prompt through `printer` while the prompt waits, and
/// is deferred to the next answer otherwise. The watcher lives on its own thread until the
/// process ends.
fn watch(
    live: Shared,
    mut printer: Option<Printer>,
    color: bool,
) -> Option<std::thread::JoinHandle<()>> {
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(Duration::from_millis(200), tx).ok()?;
    let handle = std::thread::spawn(move || {
        let mut dirs = HashSet::new();
        let mut follow = |d: &mut notify_debouncer_mini::Debouncer<_>, files: Vec<PathBuf>| {
            // Folders, not files: editors save by writing a new file and renaming it.
            for f in files {
                let dir = f.parent().filter(|p| !p.as_os_str().is_empty());
                let dir = dir.unwrap_or(Path::new(".")).to_path_buf();
                if !dirs.contains(&dir)
                    && d.watcher().watch(&dir, RecursiveMode::NonRecursive).is_ok()
                {
                    dirs.insert(dir);
                }
            }
        };
        follow(&mut debouncer, lock(&live).session.watched());
        for event in rx {
            if event.is_err() {
                continue;
            }
            // Any event in those folders: the session compares contents, so an unrelated
            // file costs one read and says nothing.
            let (news, files) = {
                let mut l = lock(&live);
                let news = l.session.poll();
                // Not in the middle of an answer being printed: that news comes before the
                // next prompt (or answer) instead.
                let now = l.at_prompt && printer.is_some() && !news.is_empty();
                let news = if now {
                    news
                } else {
                    l.session.defer(news);
                    Output::default()
                };
                (news, l.session.watched())
            };
            // Printed without the lock: the printer may wait for rustyline to take an earlier
            // message, and rustyline may be waiting for the lock to complete a word.
            if let Some(p) = printer.as_mut().filter(|_| !news.is_empty()) {
                if p.print(news.render(color)).is_err() {
                    lock(&live).session.defer(news);
                }
            }
            follow(&mut debouncer, files);
        }
    });
    Some(handle)
}

//! Ctrl-C as a request to stop the running command, not the program: the terminal REPL
//! installs a handler that raises a flag, and long loops and scripts check it.
//!
//! It sits below every stage so hooks (run inside a quote) can be stopped too. Only the
//! terminal REPL installs the handler; everywhere else Ctrl-C ends the process as usual.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// The words a stopped command answers with.
pub const MESSAGE: &str =
    "interrupted (Ctrl-C): the command was stopped; the session and its request are unchanged";

/// Makes Ctrl-C raise the flag instead of ending the process. Fails when a handler is
/// already installed, which leaves Ctrl-C as it was.
pub fn install() -> Result<(), String> {
    ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst)).map_err(|e| e.to_string())
}

/// True once Ctrl-C was pressed since the flag was last cleared.
#[inline]
pub fn requested() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

/// Forgets an earlier Ctrl-C: called before each command, so a press while a line was
/// being typed (which only drops that line) does not stop the next command.
pub fn clear() {
    INTERRUPTED.store(false, Ordering::SeqCst);
}

/// `Err(MESSAGE)` when Ctrl-C was pressed: for loops that price many quotes.
pub fn check() -> Result<(), String> {
    if requested() {
        Err(MESSAGE.to_string())
    } else {
        Ok(())
    }
}

//! Every byte the command line writes goes through here, so that a closed pipe, a full disk
//! or a missing folder ends every subcommand the same way, and none of them with a panic.
//!
//! `print!` and `eprint!` panic when the write fails; a reader that stops early (`| head`)
//! is ordinary use. A closed standard output ends the command quietly with exit 4 (there is
//! nobody left to read a message, and a script using `pipefail` should not take a cut-off
//! output for a whole one); any other write error names what could not be written and
//! exits 4. Messages on stderr are best effort: when stderr itself is gone there is nowhere
//! left to say so.

use super::Exit;
use std::fmt;
use std::io::{self, Write};

/// Writes `text` to standard output and flushes it.
pub fn stdout(text: impl AsRef<[u8]>) -> Result<(), Exit> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_ref())
        .and_then(|()| out.flush())
        .map_err(|e| failed(&e, "standard output"))
}

/// The exit for a failed write to `what` (a file name, or "standard output"), after saying
/// so, unless the reader simply went away.
pub fn failed(e: &io::Error, what: &str) -> Exit {
    if !is_closed_pipe(e) {
        stderr(format_args!("ratecard: cannot write {what}: {e}\n"));
    }
    Exit::Io
}

/// True when the error means the reader went away (`| head`, `| true`).
pub fn is_closed_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

/// Writes to standard error, ignoring failure.
pub fn stderr(args: fmt::Arguments<'_>) {
    let mut err = io::stderr().lock();
    let _ = err.write_fmt(args).and_then(|()| err.flush());
}

/// `eprintln!` that cannot panic: a message on standard error, best effort.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::output::stderr(format_args!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use say;

//! The REPL without a terminal: lines from stdin, answers on stdout, no prompts.
//!
//! `ratecard repl < session.txt` runs a session file. Multi-line scripts are read until their
//! braces balance, as at the prompt. The session checks the plan files before every command,
//! so a test (or a script) that edits the plan between lines sees the reload at that line.
//! With `echo`, each entry is printed after the prompt first, so the output reads as the
//! transcript of an interactive session (docs/repl.md is one).

use super::command::{is_command, is_complete};
use super::{Output, Session};
use std::io::{BufRead, Write};

/// Reads entries from `input` until it ends or `quit`; writes every answer to `output`.
/// A failed write ends the session with that error, so the caller can say the answers were
/// not all delivered (a scripted session must not look successful).
pub fn run(
    session: &mut Session,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    echo: bool,
    color: bool,
) -> std::io::Result<()> {
    let mut entry = String::new();
    loop {
        let mut raw = Vec::new();
        let ended = !matches!(input.read_until(b'\n', &mut raw), Ok(n) if n > 0);
        if ended && entry.is_empty() {
            break;
        }
        if !ended {
            let Ok(line) = std::str::from_utf8(&raw) else {
                // Said, and skipped: the session goes on with the next line.
                let mut out = Output::default();
                out.error(super::terminal::NOT_UTF8);
                output.write_all(out.render(color).as_bytes())?;
                continue;
            };
            let line = line.trim_end_matches(['\n', '\r']);
            if !entry.is_empty() {
                entry.push('\n');
            }
            entry.push_str(line);
            if !is_command(&entry) && !is_complete(&entry) {
                continue;
            }
        }
        let out = answer(session, &entry, echo);
        output.write_all(out.render(color).as_bytes())?;
        output.flush()?;
        entry.clear();
        if out.quit || ended {
            break;
        }
    }
    Ok(())
}

/// The session's answer to one entry, preceded by the entry itself when echoing.
fn answer(session: &mut Session, entry: &str, echo: bool) -> Output {
    let mut out = Output::default();
    if echo && !entry.trim().is_empty() {
        let prompt = session.prompt();
        let more = format!("{}> ", ".".repeat(prompt.chars().count().saturating_sub(2)));
        for (i, line) in entry.lines().enumerate() {
            out.line(format!("{}{line}", if i == 0 { &prompt } else { &more }));
        }
    }
    out.extend(session.handle(entry));
    out
}

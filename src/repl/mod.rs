//! `ratecard repl`: what-ifs against a live plan, one line at a time.
//!
//! The session ([`Session`]) is plain data plus `handle(line) -> Output`, so everything a user
//! can type is testable without a terminal. The front ends are thin: [`terminal`] wraps it in
//! rustyline (completion, hints, history, a file watcher) and [`piped`] reads commands from a
//! pipe without prompts, checking the plan file for changes before every command.

mod command;
mod complete;
mod edit;
mod explain;
#[cfg(test)]
mod narrow;
mod negotiate;
mod output;
pub mod piped;
mod script;
mod session;
mod summary;
pub mod terminal;
mod whatif;

pub use command::{is_complete, HELP};
pub use output::{Output, Tone};
pub use session::Session;

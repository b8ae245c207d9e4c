//! A progress bar for long books, drawn on stderr only when a person is watching it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A bar over `total_bytes` of book (a spinner when the size is unknown), hidden unless
/// stderr is a terminal so logs and pipes never receive control codes.
pub fn bar(total_bytes: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(total_bytes, ProgressDrawTarget::stderr());
    let template = if total_bytes.is_some() {
        // wide_bar takes what the terminal has left, so the line never wraps.
        "{msg:>14} {wide_bar} {percent:>3}% {elapsed}"
    } else {
        "{spinner} {msg} {binary_bytes} {elapsed}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        pb.set_style(style);
    }
    pb
}

/// Moves `pb` to `bytes` read and `rows` done.
pub fn advance(pb: &ProgressBar, rows: u64, bytes: u64) {
    if !pb.is_hidden() {
        pb.set_position(bytes);
        pb.set_message(format!("{rows} rows"));
    }
}

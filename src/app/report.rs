//! A check's findings as data: the JSON that `ratecard check --format json` prints and the
//! server's `/v1/check` returns, so editors, CI and HTTP clients read the same shape.

use crate::check::Checked;
use crate::diagnostic::{Diagnostic, Severity};

/// One file's result: its name, whether it passed, and every diagnostic with positions.
pub fn file_json(checked: &Checked, failed: bool) -> serde_json::Value {
    let diagnostics: Vec<serde_json::Value> = checked
        .diagnostics
        .iter()
        .map(|d| diagnostic_json(d, checked))
        .collect();
    serde_json::json!({
        "file": checked.source.name,
        "ok": !failed,
        "diagnostics": diagnostics,
    })
}

/// One diagnostic: severity, message, help, file, start and end positions.
pub fn diagnostic_json(d: &Diagnostic, checked: &Checked) -> serde_json::Value {
    let file = d.file.as_deref().unwrap_or(&checked.source);
    let (line, column) = d.span.line_col(&file.text);
    let end = crate::span::Span::new(d.span.end, d.span.end);
    let (end_line, end_column) = end.line_col(&file.text);
    serde_json::json!({
        "severity": match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        "message": d.kind.to_string(),
        "help": d.kind.help(),
        "file": file.name,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
    })
}

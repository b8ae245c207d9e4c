//! Untrusted text made safe to show: control characters and bidi overrides escaped.
//!
//! Labels, notes, approval reasons, request values and customer names come from plans,
//! hooks, requests and books that other people wrote. Shown raw, an ESC sequence sets a
//! terminal's title, clears it or recolours it, a carriage return or newline forges a line
//! ("fake: approval granted"), and U+202E reorders what is read. Every renderer for people
//! (terminal tables, Markdown, diagnostics, the REPL, batch and diff summaries) passes such
//! text through [`shown`] (or [`shown_lines`] for blocks of lines); JSON and CSV keep the
//! exact text, which their own quoting makes inert.

use std::borrow::Cow;
use std::fmt::Write;

/// True for a character that must not reach a terminal or document as it is: C0 controls
/// (including ESC, BEL, CR, LF and tab), DEL, C1 controls, the bidi embeddings, overrides,
/// isolates and marks, and the Unicode line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// One line of untrusted text, with every unsafe character written as a Rust-style escape
/// (`\u{1b}`), so it stays one visible line. Borrowed, with no copy, when nothing needs it.
pub fn shown(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

/// Like [`shown`] but keeps newlines and tabs: for text that is already made of lines, such
/// as a rendered table, where each line's untrusted parts were escaped by [`shown`].
pub fn shown_lines(s: &str) -> Cow<'_, str> {
    escape(s, |c| c == '\n' || c == '\t')
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let unsafe_here = |c: char| is_unsafe(c) && !keep(c);
    if !s.chars().any(unsafe_here) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_here(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Source text made safe for a diagnostic's snippet, and `offsets` (byte offsets into `s`)
/// moved to where the same characters are in the result. Line ends (`\n`, `\r\n`) and tabs
/// stay, so lines and columns still match the file the author edits.
pub fn shown_source<'a>(s: &'a str, offsets: &mut [usize]) -> Cow<'a, str> {
    let mut chars = s.char_indices().peekable();
    let mut out: Option<String> = None;
    let mut added = vec![0usize; offsets.len()];
    while let Some((i, c)) = chars.next() {
        let line_end =
            c == '\n' || c == '\t' || (c == '\r' && chars.peek().map(|p| p.1) == Some('\n'));
        if is_unsafe(c) && !line_end {
            let escaped = format!("\\u{{{:x}}}", u32::from(c));
            let extra = escaped.len() - c.len_utf8();
            for (o, a) in offsets.iter().zip(added.iter_mut()) {
                if *o > i {
                    *a += extra;
                }
            }
            out.get_or_insert_with(|| s[..i].to_string())
                .push_str(&escaped);
        } else if let Some(o) = out.as_mut() {
            o.push(c);
        }
    }
    for (o, a) in offsets.iter_mut().zip(added) {
        *o += a;
    }
    out.map_or(Cow::Borrowed(s), Cow::Owned)
}

/// A text cell for a CSV file that a spreadsheet will open, made inert as OWASP advises
/// against CSV injection: a cell whose first character (after any spaces) is `=`, `+`, `-`,
/// `@`, a tab, a carriage return or a line feed (or a full-width `＝`, `＋`, `－`, `＠`) gets
/// a single quote in front, so Excel, LibreOffice and WPS show it as text instead of running
/// it as a formula (`=HYPERLINK(...)`, `+1+cmd|' /C calc'!A0`).
///
/// The CSV writer then quotes the cell whenever it holds a comma, a quote or a line break,
/// and doubles its quotes, so the payload cannot leave its cell. Amounts are never passed
/// here: a negative amount stays the number `-12.50`. Apply this last, after any trimming,
/// so nothing can strip the quote or bring a trigger character back to the front.
pub fn csv_text(s: &str) -> Cow<'_, str> {
    let first = s.trim_start_matches(' ').chars().next();
    let trigger = first.is_some_and(|c| {
        matches!(
            c,
            '=' | '+'
                | '-'
                | '@'
                | '\t'
                | '\r'
                | '\n'
                | '\u{ff1d}'
                | '\u{ff0b}'
                | '\u{ff0d}'
                | '\u{ff20}'
        )
    });
    if trigger {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Choices as a person lists them: `` `a` ``, `` `a` or `b` ``, `` `a`, `b` or `c` ``.
pub fn one_of<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    or_list(&quoted)
}

/// Words as a person lists alternatives: `a`, `a or b`, `a, b or c`.
pub fn or_list<S: AsRef<str>>(names: &[S]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.as_ref().to_string(),
        Some((last, rest)) => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} or {}", rest.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(shown("\x1b]0;pwned\x07"), "\\u{1b}]0;pwned\\u{7}");
        assert_eq!(
            shown("ok\r\nfake: approval granted"),
            "ok\\u{d}\\u{a}fake: approval granted"
        );
        assert_eq!(shown("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(shown("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(shown("a\tb"), "a\\u{9}b");
    }

    #[test]
    fn safe_text_is_not_copied() {
        assert!(matches!(shown("Café 中文 | 100%"), Cow::Borrowed(_)));
        assert!(matches!(shown_lines("a\n\tb\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn blocks_keep_their_lines() {
        assert_eq!(shown_lines("a\x1b[2J\nb\r\n"), "a\\u{1b}[2J\nb\\u{d}\n");
    }

    #[test]
    fn formula_cells_are_made_inert() {
        assert_eq!(
            csv_text("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(csv_text("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(csv_text("-2+3"), "'-2+3");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("\t=1+1"), "'\t=1+1");
        assert_eq!(csv_text("\r=1+1"), "'\r=1+1");
        assert_eq!(csv_text("  =1+1"), "'  =1+1");
        assert_eq!(csv_text("＝1+1"), "'＝1+1");
        assert!(matches!(csv_text("Acme = Best"), Cow::Borrowed(_)));
        assert!(matches!(csv_text("'=1+1"), Cow::Borrowed(_)));
        assert!(matches!(csv_text(""), Cow::Borrowed(_)));
    }

    #[test]
    fn source_offsets_follow_the_escapes() {
        let mut offsets = [0, 2, 5, 6];
        let text = shown_source("a\x1bbc\r\nd", &mut offsets);
        assert_eq!(text, "a\\u{1b}bc\r\nd");
        assert_eq!(offsets, [0, 7, 10, 11]);
    }
}

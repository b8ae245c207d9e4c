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

/// Text that ratecard itself styled for a colour terminal (a diagnostic drawn by miette,
/// whose untrusted parts were already escaped by [`shown`]), made safe to print: its SGR
/// colour sequences (`ESC [ digits ; ... m`) are kept, newlines and tabs too, and every
/// other unsafe character is escaped as [`shown`] does. So a diagnostic keeps its real
/// colours at a terminal instead of showing `\u{1b}[31m`, and still no sequence that moves
/// the cursor, sets a title or clears the screen gets through.
pub fn shown_styled(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' {
            if let Some(n) = sgr_len(rest) {
                out.push_str(&rest[..n]);
                rest = &rest[n..];
                continue;
            }
        }
        if is_unsafe(c) && c != '\n' && c != '\t' {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// The length of the SGR sequence `s` starts with (`\x1b[1;31m`), if it starts with one.
fn sgr_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix("\u{1b}[")?;
    let params = body
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (params <= 32 && body.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// Untrusted text as inert Markdown inline text: [`shown`], then `\`, `|`, `[` and `]`
/// backslash-escaped and `<`, `>` written as entities. A customer name or label such as
/// `[Pay here](https://evil.example)` or `![](https://evil.example/pixel.png)` is shown as
/// written, never rendered as a link or a loaded image, a `|` cannot end a table cell, and
/// no HTML tag reaches a Markdown renderer.
pub fn shown_markdown(s: &str) -> String {
    let s = shown(s);
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A backslash escapes only before ASCII punctuation (`\[` would undo the escape
            // of `[`); before anything else, as in `\u{1b}`, it is already shown as written.
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => {
                out.push_str("\\\\");
            }
            '|' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
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

/// A text cell for a CSV file that a spreadsheet will open (or a terminal will show, since
/// `batch` writes CSV to stdout), made inert: first escaped as [`shown`] escapes (an ESC
/// sequence or a bidi override in a customer's name stays visible text at a terminal or in
/// a CI log), then, as OWASP advises against CSV injection, a cell whose first character
/// (after any spaces) is `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed (or a
/// full-width `＝`, `＋`, `－`, `＠`) gets a single quote in front, so Excel, LibreOffice and
/// WPS show it as text instead of running it as a formula (`=HYPERLINK(...)`,
/// `+1+cmd|' /C calc'!A0`). (After the escaping, a tab or line break can only lead as
/// `\u{9}`, which is inert.)
///
/// The CSV writer then quotes the cell whenever it holds a comma, a quote or a line break,
/// and doubles its quotes, so the payload cannot leave its cell. Amounts are never passed
/// here: a negative amount stays the number `-12.50`. Apply this last, after any trimming,
/// so nothing can strip the quote or bring a trigger character back to the front.
pub fn csv_text(s: &str) -> Cow<'_, str> {
    let s = shown(s);
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
        s
    }
}

/// Choices as a person lists them: `` `a` ``, `` `a` or `b` ``, `` `a`, `b` or `c` ``.
pub fn one_of<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    or_list(&quoted)
}

/// Words as a person lists alternatives: `a`, `a or b`, `a, b or c`.
pub fn or_list<S: AsRef<str>>(names: &[S]) -> String {
    joined(names, "or")
}

/// Words as a person lists several together: `a`, `a and b`, `a, b and c`.
pub fn and_list<S: AsRef<str>>(names: &[S]) -> String {
    joined(names, "and")
}

fn joined<S: AsRef<str>>(names: &[S], word: &str) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.as_ref().to_string(),
        Some((last, rest)) => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} {word} {}", rest.join(", "), last.as_ref())
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
        // Escaped first: a leading tab or carriage return is shown, and inert.
        assert_eq!(csv_text("\t=1+1"), "\\u{9}=1+1");
        assert_eq!(csv_text("\r=1+1"), "\\u{d}=1+1");
        assert_eq!(csv_text("\x1b]0;x\x07Acme"), "\\u{1b}]0;x\\u{7}Acme");
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

    #[test]
    fn styled_text_keeps_its_colours_and_nothing_else() {
        assert_eq!(
            shown_styled("\x1b[31merror\x1b[0m: x\n\x1b[1;4mhelp\x1b[0m"),
            "\x1b[31merror\x1b[0m: x\n\x1b[1;4mhelp\x1b[0m"
        );
        assert_eq!(
            shown_styled("\x1b]0;pwned\x07\x1b[2J\x1b[31m\r"),
            "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\x1b[31m\\u{d}"
        );
        assert!(matches!(shown_styled("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn markdown_links_and_images_are_shown_not_followed() {
        assert_eq!(
            shown_markdown("[Pay here](https://evil.example) ![](https://e.x/p.png)"),
            "\\[Pay here\\](https://evil.example) !\\[\\](https://e.x/p.png)"
        );
        assert_eq!(shown_markdown("a|b <i> c\\[d"), "a\\|b &lt;i&gt; c\\\\\\[d");
        assert_eq!(shown_markdown("x\x1b[2J"), "x\\u{1b}\\[2J");
        assert_eq!(shown_markdown("\\[a](b)"), "\\\\\\[a\\](b)");
    }
}

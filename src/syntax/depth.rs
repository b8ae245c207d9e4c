//! A linear scan for conditions nested too deeply to parse, run before the parser: the
//! grammar recurses only through `( ... )` and `not`, so bounding those two bounds the
//! parser's stack, and pest need not probe the stack on every rule it enters.

use crate::diagnostic::{Diagnostic, Kind};
use crate::span::Span;

/// The deepest a condition may nest parentheses and `not`s together. Real conditions
/// nest two or three deep; this leaves room for any written by hand and keeps the
/// parser's recursion far inside a thread's stack.
pub const MAX_NESTING: usize = 64;

/// The first place `src` nests deeper than [`MAX_NESTING`], as the parse error it would
/// otherwise be.
pub fn too_deep(src: &str) -> Option<Diagnostic> {
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    // `not`s in a row since the last other word: each is one level of the grammar's
    // recursion until the condition it negates ends.
    let mut nots = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += 1 + usize::from(bytes[i] == b'\\');
                }
            }
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'{' | b'}' | b';' => (depth, nots) = (0, 0),
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                if &bytes[start..i] == b"not" {
                    nots += 1;
                } else {
                    nots = 0;
                }
                if depth + nots > MAX_NESTING {
                    return Some(error(src, start, i));
                }
                continue;
            }
            _ => {}
        }
        if depth + nots > MAX_NESTING {
            return Some(error(src, i, i + 1));
        }
        i += 1;
    }
    None
}

fn error(src: &str, start: usize, end: usize) -> Diagnostic {
    Diagnostic::new(
        Kind::Syntax {
            expected: "less nesting: a condition may not nest parentheses or `not` this deeply"
                .into(),
            found: format!("`{}`", src.get(start..end).unwrap_or("(")),
            hint: Some(format!(
                "a condition nests at most {MAX_NESTING} parentheses and `not`s deep"
            )),
        },
        Span::new(start, end),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_plans_pass() {
        let plan = include_str!("../../examples/acme.rate");
        assert!(too_deep(plan).is_none());
        assert!(too_deep("when not (seats > 1 and (not billing = annual))").is_none());
    }

    #[test]
    fn the_first_level_too_deep_is_reported() {
        let src = format!("when {}seats > 1", "(".repeat(MAX_NESTING + 1));
        let d = too_deep(&src).expect("too deep");
        let at = 5 + MAX_NESTING;
        assert_eq!(d.span, Span::new(at, at + 1));
        let nots = format!("when {}seats > 1", "not ".repeat(MAX_NESTING + 1));
        assert!(too_deep(&nots).is_some());
        // Parentheses in labels and comments are text, not nesting.
        let text = format!("label \"{}\" # {}\n", "(".repeat(100), "(".repeat(100));
        assert!(too_deep(&text).is_none());
    }
}

//! The plan text read as words, strings, comments and braces, without parsing: renames,
//! folding and quick fixes need exact places even in a plan that has errors.

use crate::span::Span;

/// One piece of plan text that matters to an editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// A name (letters, digits, `_` and `-`, not starting with a digit), outside strings
    /// and comments.
    Name(Span),
    /// A `{` outside strings and comments.
    Open(usize),
    /// A `}` outside strings and comments.
    Close(usize),
}

/// True for a character a name may hold after its first.
pub fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// True when `s` can be written as a name in a plan (the grammar's `ident`).
pub fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(name_char)
}

/// Every name and brace in `text`, in order; strings (`"..."`, to their closing quote or
/// the end of the line) and comments (`#` to the end of the line) are skipped.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' => while chars.next_if(|(_, c)| *c != '\n').is_some() {},
            '"' => {
                while let Some((_, c)) = chars.next_if(|(_, c)| *c != '\n') {
                    if c == '\\' {
                        chars.next_if(|(_, c)| *c != '\n');
                    } else if c == '"' {
                        break;
                    }
                }
            }
            '{' => out.push(Token::Open(i)),
            '}' => out.push(Token::Close(i)),
            c if c.is_ascii_alphanumeric() || c == '_' => {
                let mut end = i + c.len_utf8();
                while let Some((j, c)) = chars.next_if(|(_, c)| name_char(*c)) {
                    end = j + c.len_utf8();
                }
                // A word that starts with a digit is a number (`25`, `1-25`), never a name.
                if !c.is_ascii_digit() {
                    out.push(Token::Name(Span::new(i, end)));
                }
            }
            _ => {}
        }
    }
    out
}

/// Each `{` with its matching `}` (byte offsets); an unmatched brace has no pair.
pub fn blocks(text: &str) -> Vec<(usize, usize)> {
    let mut open = Vec::new();
    let mut out = Vec::new();
    for t in tokens(text) {
        match t {
            Token::Open(i) => open.push(i),
            Token::Close(j) => {
                if let Some(i) = open.pop() {
                    out.push((i, j));
                }
            }
            Token::Name(_) => {}
        }
    }
    out.sort_unstable();
    out
}

/// Where every name `name` is written in `text`, outside strings and comments.
pub fn occurrences(text: &str, name: &str) -> Vec<Span> {
    tokens(text)
        .into_iter()
        .filter_map(|t| match t {
            Token::Name(s) if text.get(s.start..s.end) == Some(name) => Some(s),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_outside_strings_and_comments() {
        let text = "module a-b \"a-b # x\" { requires c_1, a-b } # a-b\nx 1..25 at 2.5";
        let names: Vec<&str> = tokens(text)
            .into_iter()
            .filter_map(|t| match t {
                Token::Name(s) => Some(&text[s.start..s.end]),
                _ => None,
            })
            .collect();
        assert_eq!(
            names,
            ["module", "a-b", "requires", "c_1", "a-b", "x", "at"]
        );
        assert_eq!(occurrences(text, "a-b").len(), 2);
        assert_eq!(blocks(text), [(21, 41)]);
        assert!(is_name("_x-1") && !is_name("1x") && !is_name("a.b") && !is_name(""));
    }
}

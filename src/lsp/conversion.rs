//! Byte offsets (what spans hold) to LSP positions (lines and UTF-16 code units, what
//! editors count) and back. A Chinese label is one byte count and another column count:
//! every conversion goes through here.

use lsp_types::{Position, Range};

/// The next line break in `text` at or after byte `from`: (where it starts, its length).
/// LSP counts `\n`, `\r\n` and a lone `\r` as one line break each.
fn next_break(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    let i = rest.find(['\n', '\r'])?;
    let crlf = rest[i..].starts_with("\r\n");
    Some((from + i, if crlf { 2 } else { 1 }))
}

/// The position of byte `offset` in `text` (clamped to the text and to a character
/// boundary, so a bad offset cannot panic; an offset between the `\r` and `\n` of a CRLF is
/// the end of its line).
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    if offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
        offset -= 1;
    }
    let (mut line, mut start) = (0usize, 0usize);
    while let Some((at, len)) = next_break(text, start) {
        if at + len > offset {
            break;
        }
        line += 1;
        start = at + len;
    }
    let character: usize = text[start..offset].chars().map(char::len_utf16).sum();
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(character).unwrap_or(u32::MAX),
    )
}

/// The byte offset of `pos` in `text`; a position past a line's end is its end, past the
/// last line the text's end.
pub fn offset(text: &str, pos: Position) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match next_break(text, start) {
            Some((at, len)) => start = at + len,
            None => return text.len(),
        }
    }
    let line_end = next_break(text, start).map_or(text.len(), |(at, _)| at);
    let mut units = 0u32;
    for (i, c) in text[start..line_end].char_indices() {
        if units >= pos.character {
            return start + i;
        }
        units += u32::try_from(c.len_utf16()).unwrap_or(2);
    }
    line_end
}

/// The range of bytes `start..end`.
pub fn range(text: &str, start: usize, end: usize) -> Range {
    Range::new(position(text, start), position(text, end.max(start)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        let text = "plan \"x\" {\n  edition std \"标准版\" { }\n  # 😀 ok\n}";
        // `{` after the Chinese label: 3 characters of 3 bytes each, 1 UTF-16 unit each,
        // so column 20 though byte 26 of the line.
        let brace = text.find("{ }").unwrap();
        assert_eq!(position(text, brace), Position::new(1, 20));
        assert_eq!(offset(text, Position::new(1, 20)), brace);
        // The emoji is 4 bytes and 2 UTF-16 units.
        let ok = text.find("ok").unwrap();
        assert_eq!(position(text, ok), Position::new(2, 7));
        assert_eq!(offset(text, Position::new(2, 7)), ok);
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\ncd";
        assert_eq!(offset(text, Position::new(0, 99)), 2);
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
        assert_eq!(position(text, 999), Position::new(1, 2));
        // Inside a multi-byte character: the character's start.
        assert_eq!(position("标", 1), Position::new(0, 0));
    }

    #[test]
    fn cr_lf_and_crlf_each_end_a_line() {
        for text in ["a\nbc\nd", "a\r\nbc\r\nd", "a\rbc\rd", "a\r\nbc\rd"] {
            let d = text.rfind('d').unwrap();
            assert_eq!(position(text, d), Position::new(2, 0), "{text:?}");
            assert_eq!(offset(text, Position::new(2, 0)), d, "{text:?}");
            let c = text.find('c').unwrap();
            assert_eq!(position(text, c), Position::new(1, 1), "{text:?}");
            assert_eq!(offset(text, Position::new(1, 1)), c, "{text:?}");
            // Past the end of line 1: the end of its text, before the break.
            assert_eq!(offset(text, Position::new(1, 9)), c + 1, "{text:?}");
        }
        // Between the CR and the LF of a CRLF: the end of the line.
        assert_eq!(position("ab\r\ncd", 3), Position::new(0, 2));
        assert_eq!(position("ab\r\ncd", 4), Position::new(1, 0));
    }
}

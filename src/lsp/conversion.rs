//! Byte offsets (what spans hold) to LSP positions (lines and UTF-16 code units, what
//! editors count) and back. A Chinese label is one byte count and another column count:
//! every conversion goes through here.

use lsp_types::{Position, Range};

/// The position of byte `offset` in `text` (clamped to the text and to a character
/// boundary, so a bad offset cannot panic).
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[start..].chars().map(char::len_utf16).sum();
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
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
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
}

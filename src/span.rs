//! Byte spans into a source text; line and column are computed only when printing.

use serde::Serialize;

/// A half-open byte range `start..end` into one source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// 1-based line and column (in characters) of the span's start in `src`.
    pub fn line_col(&self, src: &str) -> (usize, usize) {
        let start = self.start.min(src.len());
        let before = src.get(..start).unwrap_or(src);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True for an empty span (a point, as at the end of a file).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A value together with where it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where in the source it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs `value` with `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = "plan \"x\" {\n  edition a \"基础版\" x\n";
        let at = src.find(" x\n").unwrap() + 1;
        assert_eq!(Span::new(at, at + 1).line_col(src), (2, 19));
        assert_eq!(Span::new(0, 1).line_col(src), (1, 1));
    }
}

//! The few lines of source a diagnostic shows, cut to a window around its span, so that a
//! report renders the same on a 40-character line and on a 1 MB one-line plan.
//!
//! miette prints whole source lines, and panics ("Formatting argument out of range") when
//! an underline starts past column 65,535. A diagnostic therefore hands miette only the
//! lines it shows, each at most [`WIDTH`] characters, cut around the span with `…`, and
//! tells miette the real line and column for its `file:line:col` header. Copying only those
//! lines also keeps thousands of diagnostics on a 10 MB plan from copying the whole text
//! each.

use crate::span::Span;
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// The most characters of one source line a diagnostic shows.
pub const WIDTH: usize = 120;
/// Characters kept before the span on a line that is cut.
const LEAD: usize = 40;
/// A span over more lines than this is shown by its first line only.
const MAX_SPAN_LINES: usize = 20;

/// The lines around a span, cut to [`WIDTH`], as miette source code.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    /// 0-based line number of the excerpt's first line in the file.
    first_line: usize,
    /// The span in the excerpt's bytes.
    span: SourceSpan,
    /// The real 0-based column (in bytes, as miette counts) of the span's start, when its
    /// line was cut and the excerpt's own column would be wrong.
    cut_column: Option<usize>,
}

impl Excerpt {
    /// The excerpt of `text` around `span`, with one line of context on each side.
    pub fn new(name: &str, text: &str, span: Span) -> Excerpt {
        let start = floor(text, span.start.min(text.len()));
        let mut end = ceil(text, span.end.clamp(start, text.len()));
        let start_line = line_begin(text, start);
        if text[start..end].matches('\n').nth(MAX_SPAN_LINES).is_some() {
            end = line_end(text, start);
        }
        let first = if start_line == 0 {
            0
        } else {
            line_begin(text, start_line - 1)
        };
        let first_line = text.as_bytes()[..first]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        let last = line_end(text, end);
        let stop = if last < text.len() {
            // The newline, then one line of context after the span.
            let next = line_end(text, last + 1);
            (next + 1).min(text.len())
        } else {
            last
        };

        let mut out = String::new();
        let (mut new_start, mut new_end) = (None, None);
        let mut cut_column = None;
        let mut base = first;
        for line in text[first..stop].split_inclusive('\n') {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let line_range = base..=base + body.len();
            let focus = [start, end]
                .into_iter()
                .find(|at| line_range.contains(at))
                .unwrap_or(base);
            let (from, to) = if body.chars().count() <= WIDTH {
                (base, base + body.len())
            } else {
                cut(body, base, focus)
            };
            if from > base {
                out.push('…');
            }
            let origin = out.len();
            out.push_str(&text[from..to]);
            let place = |at: usize| origin + at.clamp(from, to) - from;
            if line_range.contains(&start) && new_start.is_none() {
                new_start = Some(place(start));
                if from > base {
                    cut_column = Some(start - base);
                }
            }
            if line_range.contains(&end) && new_start.is_some() {
                new_end = Some(place(end));
            }
            if to < base + body.len() {
                out.push('…');
            }
            if line.ends_with('\n') {
                out.push('\n');
            }
            base += line.len();
        }
        let s = new_start.unwrap_or(out.len());
        let e = new_end.unwrap_or(out.len()).max(s);
        // Labels, names and hook text reach the terminal here: escaped, so the snippet
        // cannot set a title or forge a line, with the span moved to match.
        let mut ends = [s, e];
        let out = crate::text::shown_source(&out, &mut ends).into_owned();
        let [s, e] = ends;
        Excerpt {
            name: name.to_string(),
            text: out,
            first_line,
            span: (s, e - s).into(),
            cut_column,
        }
    }

    /// The span in the excerpt, to label.
    pub fn span(&self) -> SourceSpan {
        self.span
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_bytes().read_span(span, before, after)?;
        let column = match self.cut_column {
            // Without context, miette is asking where the span starts, for the header.
            Some(c) if before == 0 && after == 0 => c,
            _ => inner.column(),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

/// The kept part of a long line: [`WIDTH`] characters starting [`LEAD`] before `focus`.
fn cut(body: &str, base: usize, focus: usize) -> (usize, usize) {
    let before = body[..focus - base].chars().count();
    let skip = before.saturating_sub(LEAD);
    let mut chars = body.char_indices().skip(skip);
    let from = chars.next().map_or(body.len(), |(i, _)| i);
    let to = body[from..]
        .char_indices()
        .nth(WIDTH)
        .map_or(body.len(), |(i, _)| from + i);
    (base + from, base + to)
}

/// The start of the line holding byte `at`.
fn line_begin(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of the line holding byte `at` (its newline, or the end of the text).
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_kept_whole_with_one_line_around() {
        let text = "a\nbb\nccc\ndd\ne\n";
        let at = text.find("ccc").unwrap_or(0);
        let x = Excerpt::new("f", text, Span::new(at, at + 3));
        assert_eq!(x.text, "bb\nccc\ndd\n");
        assert_eq!(x.first_line, 1);
        assert_eq!((x.span.offset(), x.span.len()), (3, 3));
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let text = format!("{}BAD{}", "x".repeat(100_000), "y".repeat(100_000));
        let x = Excerpt::new("f", &text, Span::new(100_000, 100_003));
        let shown: Vec<&str> = x.text.lines().collect();
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].chars().count(), WIDTH + 2);
        let at = x.span.offset();
        assert_eq!(&x.text[at..at + x.span.len()], "BAD");
        assert_eq!(x.cut_column, Some(100_000));
    }
}

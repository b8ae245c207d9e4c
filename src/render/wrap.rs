//! Prose wrapped at words to a terminal's width, so `help`, `plan`, `fit` and `breakeven`
//! fit an 80-column terminal without a word cut in two.
//!
//! Lines break at spaces only (never inside `multi-year` or `1-25`), and a word wider than
//! the line stands alone on it, whole: a price or a name is worth more than the margin.

use textwrap::{Options, WordSeparator, WordSplitter};

/// The display width of `s` (a Chinese character takes two columns).
pub fn columns(s: &str) -> usize {
    textwrap::core::display_width(s)
}

/// `text` with every line wider than `width` wrapped at spaces. A wrapped line's
/// continuation is indented under its text: under the second column when the line is laid
/// out in two (`  usage   what it does`) and that leaves room, else two more than the line.
pub fn wrap_text(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        if columns(body) <= width {
            out.push_str(line);
            continue;
        }
        let hang = " ".repeat(hanging_indent(body, width));
        out.push_str(&wrap_line(body, width, &hang).join("\n"));
        out.push_str(end);
    }
    out
}

/// `line` wrapped at spaces to `width`, its continuation lines starting with `hang`; the
/// first line keeps its own indent. No line ends with a space or starts with a stray one.
pub fn wrap_line(line: &str, width: usize, hang: &str) -> Vec<String> {
    let indent_len = line.len() - line.trim_start_matches(' ').len();
    let (indent, rest) = line.split_at(indent_len);
    let options = Options::new(width.max(1))
        .initial_indent(indent)
        .subsequent_indent(hang)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
        .break_words(false);
    textwrap::wrap(rest, options)
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// Where a wrapped line's continuation starts: the column of its second part when it is
/// separated from the first by two or more spaces (help's usage and description) and at
/// least 30 columns remain, otherwise two past the line's own indent.
fn hanging_indent(line: &str, width: usize) -> usize {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let second = line[indent..]
        .find("  ")
        .map(|gap| indent + gap)
        .and_then(|gap| {
            let start = gap + line[gap..].len() - line[gap..].trim_start().len();
            (start < line.len()).then(|| columns(&line[..start]))
        });
    match second {
        Some(col) if col + 30 <= width => col,
        _ => (indent + 2).min(width / 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_at_spaces_under_their_text() {
        let text = "  set seats NAME N    seats of another edition or seat type: set seats view_only 20\nshort\n";
        assert_eq!(
            wrap_text(text, 60),
            "  set seats NAME N    seats of another edition or seat type:\n                      set seats view_only 20\nshort\n"
        );
        // Too narrow for two columns: two past the line's indent.
        assert_eq!(
            wrap_text(text, 40),
            "  set seats NAME N    seats of another\n    edition or seat type: set seats\n    view_only 20\nshort\n"
        );
        assert_eq!(
            wrap_text("  pro: seats volume: 1..10 at 10.00, 11.. at 9.00", 30),
            "  pro: seats volume: 1..10 at\n    10.00, 11.. at 9.00"
        );
    }

    #[test]
    fn a_word_wider_than_the_line_stands_whole() {
        assert_eq!(
            wrap_line("see module.ai_assistant.1-25 now", 10, "  "),
            ["see", "  module.ai_assistant.1-25", "  now"]
        );
    }
}

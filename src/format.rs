//! `ratecard fmt`: one canonical layout for plan files, so two people's edits differ only
//! where they changed something.
//!
//! The layout is decided line by line from braces, not from the grammar: indentation is two
//! spaces per open block, runs of spaces between words become one, trailing spaces and extra
//! blank lines go, and the lines of a seat band table are aligned in columns. Comments and
//! labels are kept exactly as written, and a construct the formatter does not know (the
//! language grows) is laid out by the same rules without being understood, so nothing is
//! ever dropped. `format` is idempotent: formatting its output changes nothing.

/// `text` in the canonical layout.
pub fn format(text: &str) -> String {
    let mut lines: Vec<Line> = Vec::new();
    let mut depth: usize = 0;
    for raw in text.lines() {
        let (code, comment) = split_comment(raw);
        let code = squeeze(code);
        let closes_first = code.chars().take_while(|c| *c == '}').count();
        let indent = depth.saturating_sub(closes_first);
        let (opens, closes) = braces(&code);
        depth = (depth + opens).saturating_sub(closes);
        lines.push(Line {
            indent,
            code,
            comment: comment.map(str::to_string),
        });
    }
    align_bands(&mut lines);
    let mut out = String::new();
    let mut blank_run = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            // No blank line at the top, after a `{`, before a `}`, or twice in a row.
            let after_open = out.is_empty() || out.trim_end_matches('\n').ends_with('{');
            let before_close = lines[i + 1..]
                .iter()
                .find(|l| !l.is_blank())
                .is_none_or(|l| l.code.starts_with('}'));
            if !after_open && !before_close && !blank_run {
                out.push('\n');
            }
            blank_run = true;
            continue;
        }
        blank_run = false;
        out.push_str(&"  ".repeat(line.indent));
        out.push_str(&line.code);
        if let Some(c) = &line.comment {
            if !line.code.is_empty() {
                out.push(' ');
            }
            out.push_str(c.trim_end());
        }
        out.push('\n');
    }
    out
}

/// One source line: its indentation depth, its code with spaces squeezed, its comment.
#[derive(Debug)]
struct Line {
    indent: usize,
    code: String,
    comment: Option<String>,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.code.is_empty() && self.comment.is_none()
    }
}

/// The code and the `# comment` of a line; a `#` inside a label is not a comment.
fn split_comment(line: &str) -> (&str, Option<&str>) {
    let mut in_label = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_label => escaped = true,
            '"' => in_label = !in_label,
            '#' if !in_label => return (&line[..i], Some(&line[i..])),
            _ => {}
        }
    }
    (line, None)
}

/// Trimmed, with each run of spaces or tabs outside labels turned into one space.
fn squeeze(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut in_label = false;
    let mut escaped = false;
    let mut space = false;
    for c in code.trim().chars() {
        if !in_label && (c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            _ if escaped => escaped = false,
            '\\' if in_label => escaped = true,
            '"' => in_label = !in_label,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// `{` and `}` outside labels.
fn braces(code: &str) -> (usize, usize) {
    let (mut opens, mut closes) = (0, 0);
    let mut in_label = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_label => escaped = true,
            '"' => in_label = !in_label,
            '{' if !in_label => opens += 1,
            '}' if !in_label => closes += 1,
            _ => {}
        }
    }
    (opens, closes)
}

/// A band line split into columns: optional name, range, and the rest (`at 10.00 ...`).
fn band_columns(code: &str) -> Option<(Option<&str>, &str, &str)> {
    let is_range = |w: &str| {
        w.split_once("..").is_some_and(|(a, b)| {
            !a.is_empty()
                && a.chars().all(|c| c.is_ascii_digit() || c == '_')
                && b.chars().all(|c| c.is_ascii_digit() || c == '_')
        })
    };
    let mut words = code.splitn(3, ' ');
    let first = words.next()?;
    if is_range(first) {
        let rest = code[first.len()..].trim_start();
        return rest.starts_with("at ").then_some((None, first, rest));
    }
    let second = words.next()?;
    let rest = words.next()?;
    (is_range(second) && rest.starts_with("at ") && !first.contains(['"', '{', '}'])).then_some((
        Some(first),
        second,
        rest,
    ))
}

/// Aligns each run of band lines (same indentation, one band per line) in columns.
fn align_bands(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        if band_columns(&lines[i].code).is_none() {
            i += 1;
            continue;
        }
        let indent = lines[i].indent;
        let mut j = i;
        while j < lines.len() && lines[j].indent == indent && band_columns(&lines[j].code).is_some()
        {
            j += 1;
        }
        let rows: Vec<(Option<String>, String, String)> = lines[i..j]
            .iter()
            .filter_map(|l| band_columns(&l.code))
            .map(|(n, r, rest)| (n.map(str::to_string), r.to_string(), rest.to_string()))
            .collect();
        let named = rows.iter().any(|(n, _, _)| n.is_some());
        let name_w = rows
            .iter()
            .map(|(n, _, _)| n.as_deref().map_or(0, |n| n.chars().count()))
            .max()
            .unwrap_or(0);
        let range_w = rows.iter().map(|(_, r, _)| r.len()).max().unwrap_or(0);
        for (line, (name, range, rest)) in lines[i..j].iter_mut().zip(rows) {
            let mut code = String::new();
            if named {
                let name = name.unwrap_or_default();
                code.push_str(&name);
                code.push_str(&" ".repeat(name_w - name.chars().count() + 1));
            }
            code.push_str(&range);
            code.push_str(&" ".repeat(range_w - range.len() + 1));
            code.push_str(&rest);
            line.code = code;
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indents_squeezes_aligns_and_keeps_comments() {
        let messy = "# Top comment\n\n\nplan \"x  y\" {\n version   \"1\"   # why 1\n\n\n    edition e \"E  #1\" {\n  seats volume {\n small 1..9 at 12.00\n medium   10..100   at 10.00 # main band\n 101.. at 9.00\n }\n\n }\n\n}\n";
        let want = "# Top comment\n\nplan \"x  y\" {\n  version \"1\" # why 1\n\n  edition e \"E  #1\" {\n    seats volume {\n      small  1..9    at 12.00\n      medium 10..100 at 10.00 # main band\n             101..   at 9.00\n    }\n  }\n}\n";
        assert_eq!(format(messy), want);
        assert_eq!(format(want), want);
    }

    #[test]
    fn unknown_lines_are_kept() {
        let text = "plan \"p\" {\n  frobnicate 3 ways { a; b }\n}\n";
        assert_eq!(format(text), text);
    }
}

//! Finds where each top-level item of a plan starts and ends, without the grammar, so that
//! after a syntax error every other item can still be parsed and its errors reported too.

/// Words that begin a top-level plan item.
const ITEM_WORDS: &[&str] = &[
    "version",
    "currency",
    "tax",
    "effective",
    "minimum",
    "storage",
    "edition",
    "module",
    "backup",
    "support",
    "service",
    "discount",
    "coupon",
    "hook",
];

/// One significant token: a word, or a single symbol.
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// Splits `src` into tokens, skipping whitespace, `#` comments and the insides of labels
/// (a label becomes one token, so a brace or keyword inside it is not counted).
fn tokens(src: &str) -> Vec<Token<'_>> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'#' {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(bytes.len());
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || b"_-.".contains(&bytes[i]))
            {
                i += 1;
            }
        } else {
            // One symbol; step over a whole UTF-8 character so slices stay valid.
            i += src[i..].chars().next().map_or(1, char::len_utf8);
        }
        let end = i.min(src.len());
        if let Some(text) = src.get(start..end) {
            out.push(Token { text, start, end });
        }
    }
    out
}

/// Byte ranges of the plan's top-level items, in order; empty when the text does not even
/// start like `plan "Name" {`.
pub(super) fn items(src: &str) -> Vec<(usize, usize)> {
    let toks = tokens(src);
    let mut out = Vec::new();
    let Some(open) = toks.iter().position(|t| t.text == "{") else {
        return out;
    };
    if toks.first().is_none_or(|t| t.text != "plan") || open > 2 {
        return out;
    }
    let mut depth = 1usize;
    let mut current: Option<(usize, usize)> = None;
    let mut previous = "{";
    for t in &toks[open + 1..] {
        match t.text {
            "{" => depth += 1,
            "}" if depth == 1 => break,
            "}" => depth -= 1,
            _ => {}
        }
        // A new item starts at an item word directly inside the plan, unless it names
        // something (`module storage`) right after another item word.
        let starts = depth == 1 && ITEM_WORDS.contains(&t.text) && !ITEM_WORDS.contains(&previous);
        if starts {
            if let Some(item) = current.take() {
                out.push(item);
            }
            current = Some((t.start, t.end));
        } else if let Some(item) = current.as_mut() {
            if t.text != ";" || depth > 1 {
                item.1 = t.end;
            }
        }
        previous = t.text;
    }
    out.extend(current);
    out
}

/// The `{` most likely missing its `}`, and the `}` that closed it instead (if any).
///
/// Braces are matched by counting; a block whose matching `}` sits at another indentation
/// than the line that opened it was probably closed by an outer block's `}`. Of those (and
/// of blocks never closed), the one opened last is the likeliest culprit: the plan's own
/// `{` is unclosed only because an inner block took its `}`.
pub(super) fn unclosed(src: &str) -> Option<(usize, Option<usize>)> {
    let indent = |at: usize| {
        let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
        src[line_start..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .count()
    };
    let mut open: Vec<usize> = Vec::new();
    let mut suspects: Vec<(usize, Option<usize>)> = Vec::new();
    for t in tokens(src) {
        match t.text {
            "{" => open.push(t.start),
            "}" => {
                if let Some(o) = open.pop() {
                    let same_line = !src[o..t.start].contains('\n');
                    if !same_line && indent(o) != indent(t.start) {
                        suspects.push((o, Some(t.start)));
                    }
                }
            }
            _ => {}
        }
    }
    suspects.extend(open.into_iter().map(|o| (o, None)));
    suspects.into_iter().max_by_key(|(o, _)| *o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_top_level_items_only() {
        let src = "plan \"p\" {\n  version \"1\" currency USD; tax 6%\n  module storage \"S {\" { 1.00 flat }\n  edition e { storage 5 GB per seat; 2.00 per seat } # edition x\n}\n";
        let parts: Vec<&str> = items(src).into_iter().map(|(s, e)| &src[s..e]).collect();
        assert_eq!(
            parts,
            [
                "version \"1\"",
                "currency USD",
                "tax 6%",
                "module storage \"S {\" { 1.00 flat }",
                "edition e { storage 5 GB per seat; 2.00 per seat }",
            ]
        );
    }

    #[test]
    fn the_unclosed_block_is_the_inner_one_whose_brace_was_taken() {
        let src = "plan \"p\" {\n  edition e \"E\" {\n    2.00 per seat\n\n}\n";
        let (open, closed) = unclosed(src).expect("a suspect");
        assert_eq!(&src[open..open + 1], "{");
        let line = |at: usize| src[..at].matches('\n').count() + 1;
        assert_eq!(line(open), 2);
        assert_eq!(closed.map(line), Some(5));
    }

    #[test]
    fn text_that_is_not_a_plan_has_no_items() {
        assert!(items("edition e { }").is_empty());
        assert!(items("").is_empty());
    }
}

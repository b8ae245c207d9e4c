//! Finds where each top-level item of a plan starts and ends, without the grammar, so that
//! after a syntax error every other item can still be parsed and its errors reported too.

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

/// Where a broken plan's parts are: its items, and whether its own block is closed.
pub(super) struct Layout {
    /// Byte ranges of the top-level items, in order, from each item's first token to its
    /// last (a `;` after an item is not part of it).
    pub items: Vec<(usize, usize)>,
    /// The plan's `{`.
    pub open: usize,
    /// False when no `}` closes the plan's block.
    pub closed: bool,
    /// Whether the braces balance (the items were found by them, not by the layout).
    pub balanced: bool,
}

/// Byte ranges of the plan's top-level items, in order; empty when the text does not even
/// start like `plan "Name" {`.
#[cfg(test)]
pub(super) fn items(src: &str) -> Vec<(usize, usize)> {
    layout(src).map(|l| l.items).unwrap_or_default()
}

/// The plan's items, found without the grammar so that each can be parsed on its own.
///
/// When the braces balance, an item starts at a word that starts items (from the grammar:
/// `edition`, `module`, `tax` ...) directly inside the plan's block. When they do not (a
/// `}` missing or one too many), brace depth says nothing about the lines after the slip,
/// so the layout decides instead: an item starts at such a word that begins a line at the
/// column where the plan's first item begins. Either way, the items after a slip are the
/// items as written, and their own text is all that is parsed for each.
pub(super) fn layout(src: &str) -> Option<Layout> {
    let toks = tokens(src);
    let open = toks.iter().position(|t| t.text == "{")?;
    if toks.first().is_none_or(|t| t.text != "plan") || open > 2 {
        return None;
    }
    let body = &toks[open + 1..];
    let words = &super::facts::facts().item_words;
    let is_item_word = |t: &Token| words.iter().any(|w| w == t.text);
    // Where the plan's block closes by counting braces, if it does.
    let mut depth = 1usize;
    let mut close = None;
    for (i, t) in body.iter().enumerate() {
        match t.text {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let balanced = close == Some(body.len().saturating_sub(1));
    let column = |t: &Token| {
        let line_start = src[..t.start].rfind('\n').map_or(0, |i| i + 1);
        src[line_start..t.start].chars().count()
    };
    let first_on_line = |i: usize| {
        let line_start = src[..body[i].start].rfind('\n').map_or(0, |i| i + 1);
        src[line_start..body[i].start].trim().is_empty()
    };
    let item_column = body.first().filter(|_| first_on_line(0)).map(column);
    let (starts, end, closed): (Vec<usize>, usize, bool) = match (balanced, item_column) {
        (false, Some(col)) if col > 0 || body.len() > 1 => {
            // The last `}` closes the plan when it is left of the items' column.
            let last = body.len() - 1;
            let closed = body[last].text == "}"
                && first_on_line(last)
                && (column(&body[last]) < col || col == 0);
            let end = if closed { last } else { body.len() };
            let starts = (0..end)
                .filter(|&i| {
                    i == 0
                        || (first_on_line(i) && column(&body[i]) == col && is_item_word(&body[i]))
                })
                .collect();
            (starts, end, closed)
        }
        _ => {
            let end = close.unwrap_or(body.len());
            let mut starts = Vec::new();
            let mut depth = 1usize;
            let mut previous: Option<&Token> = None;
            for (i, t) in body[..end].iter().enumerate() {
                // A new item starts at an item word directly inside the plan, unless it
                // names something (`module storage`) right after another item word.
                // An item word that begins a line always starts one (`currency` with its
                // code missing does not swallow the next line's `effective`).
                let starts_item = depth == 1
                    && (i == 0
                        || (is_item_word(t)
                            && (first_on_line(i) || !previous.is_some_and(is_item_word))));
                if starts_item {
                    starts.push(i);
                }
                match t.text {
                    "{" => depth += 1,
                    "}" => depth = depth.saturating_sub(1),
                    _ => {}
                }
                previous = Some(t);
            }
            (starts, end, close.is_some())
        }
    };
    let mut items = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let next = starts.get(k + 1).copied().unwrap_or(end);
        // The item's last token, not counting `;` separators after it.
        let last = body[s..next]
            .iter()
            .rposition(|t| t.text != ";")
            .map_or(s, |p| s + p);
        items.push((body[s].start, body[last].end));
    }
    Some(Layout {
        items,
        open: toks[open].start,
        closed,
        balanced,
    })
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
    fn after_a_missing_brace_items_follow_the_layout() {
        let src = "plan \"p\" {\n  edition a {\n    storage 5 GB\n    2.00 per seat\n\n  module m { 1.00 flat }\n  tax 6%\n}\n";
        let l = layout(src).expect("a plan");
        let parts: Vec<&str> = l.items.iter().map(|&(s, e)| &src[s..e]).collect();
        assert_eq!(
            parts,
            [
                "edition a {\n    storage 5 GB\n    2.00 per seat",
                "module m { 1.00 flat }",
                "tax 6%"
            ]
        );
        assert!(l.closed);
        let src = "plan \"p\" {\n  edition a {\n    storage 5 GB }\n    2.00 per seat\n  }\n  tax 6%\n}\n";
        let l = layout(src).expect("a plan");
        let parts: Vec<&str> = l.items.iter().map(|&(s, e)| &src[s..e]).collect();
        assert_eq!(
            parts,
            [
                "edition a {\n    storage 5 GB }\n    2.00 per seat\n  }",
                "tax 6%"
            ]
        );
    }

    #[test]
    fn text_that_is_not_a_plan_has_no_items() {
        assert!(items("edition e { }").is_empty());
        assert!(items("").is_empty());
    }
}

//! The syntax errors of a plan, found item by item with the items shared between the
//! cores: a plan is a list of independent top-level items, so after the whole file fails
//! to parse, each item goes through the grammar on its own, and only the items that fail
//! are parsed again with pest's costly detailed attempts (not the whole file, twice).
//!
//! Only a plan whose outline is plain is cut this way: `plan "Name" {`, items found by
//! their braces (`recover::layout`), nothing but blanks, comments and one `;` between
//! them, a `}` and nothing after it. Anything else goes through `errors::syntax_errors`
//! as before, and the diagnostics are the same either way (the tests below compare them
//! on every plan of the repository and on seeded slips in each).

use super::parser::{Grammar, Rule};
use crate::diagnostic::Diagnostic;
use pest::Parser as _;
use rayon::prelude::*;

/// Below this many bytes a plan's items are parsed on one thread: handing them to other
/// threads costs more than it saves.
const PARALLEL_BYTES: usize = 32 * 1024;

/// The errors of a plan that does not parse as a whole, from its failing items alone;
/// `None` when its outline is not plain enough to cut, or when the last item fails (its
/// error may be told by the whole file's, at the `}` after it: `syntax_errors` weighs both).
pub(super) fn errors(src: &str) -> Option<Vec<Diagnostic>> {
    let outline = outline(src)?;
    let items = &outline.items;
    let parses = |&(s, e): &(usize, usize)| {
        src.get(s..e)
            .is_some_and(|text| Grammar::parse(Rule::lone_item, text).is_ok())
    };
    let ok: Vec<bool> = if src.len() >= PARALLEL_BYTES {
        items.par_iter().with_min_len(16).map(parses).collect()
    } else {
        items.iter().map(parses).collect()
    };
    let failing: Vec<(usize, usize)> = (items.iter().zip(&ok))
        .filter(|(_, ok)| !**ok)
        .map(|(range, _)| *range)
        .collect();
    if failing.is_empty() || failing.last() == items.last() {
        return None;
    }
    Some(super::errors::items_errors(src, &failing))
}

/// Where a plain plan's name and items are.
struct Outline {
    /// The byte ranges of the items, in order.
    items: Vec<(usize, usize)>,
}

fn outline(src: &str) -> Option<Outline> {
    let layout = super::recover::layout(src)?;
    if !layout.balanced || !layout.closed || layout.items.is_empty() {
        return None;
    }
    // `plan "Name" {`: blanks, `plan`, blanks, the name, blanks, the `{`.
    let at = blank(src, 0);
    let rest = src.get(at..)?.strip_prefix("plan")?;
    let name_start = blank(src, src.len() - rest.len());
    if !rest.starts_with(|c: char| c.is_whitespace() || c == '#') || name_start >= layout.open {
        return None;
    }
    let name_end = src.get(..layout.open)?.trim_end().len();
    if blank(src, name_end) != layout.open || !src[name_start..name_end].starts_with('"') {
        return None;
    }
    // Between the items: blanks and at most one `;` after each; after the last, its `;`,
    // the plan's `}` and blanks to the end of the file.
    let mut at = layout.open + 1;
    for &(s, e) in &layout.items {
        if gap(src, at, s) > usize::from(at > layout.open + 1) {
            return None;
        }
        at = e;
    }
    let close = src.get(at..)?.find('}')? + at;
    if gap(src, at, close) > 1 || blank(src, close + 1) != src.len() {
        return None;
    }
    Some(Outline {
        items: layout.items,
    })
}

/// The first byte from `at` that is not a blank or part of a `#` comment.
fn blank(src: &str, mut at: usize) -> usize {
    let bytes = src.as_bytes();
    while at < bytes.len() {
        match bytes[at] {
            b' ' | b'\t' | b'\r' | b'\n' => at += 1,
            b'#' => {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
            }
            _ => break,
        }
    }
    at
}

/// The number of `;` between `from` and `to`, or `usize::MAX` when anything but blanks,
/// comments and `;` lies there.
fn gap(src: &str, from: usize, to: usize) -> usize {
    let mut at = from;
    let mut semicolons = 0;
    loop {
        at = blank(src, at).min(to);
        if at >= to {
            return semicolons;
        }
        if src.as_bytes()[at] != b';' {
            return usize::MAX;
        }
        semicolons += 1;
        at += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::Parser;

    /// Every plan the repository has: the examples and the test fixtures.
    fn plans() -> Vec<(String, String)> {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut out = Vec::new();
        for dir in ["examples", "tests/fixtures", "tests/fixtures/plans"] {
            let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.extension().is_some_and(|x| x == "rate") {
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        out.push((path.display().to_string(), text));
                    }
                }
            }
        }
        out.sort();
        out
    }

    /// The errors found item by item are those of the whole file's items parsed in turn.
    fn same(name: &str, src: &str) {
        let cut = format!("{:?}", Parser::parse(src));
        let whole = format!("{:?}", Parser::parse_whole(src));
        assert_eq!(cut, whole, "{name}:\n{src}");
    }

    #[test]
    fn every_plan_parses_the_same_cut_into_items() {
        let plans = plans();
        assert!(plans.len() > 20, "found {} plans", plans.len());
        for (name, src) in &plans {
            same(name, src);
            if name.contains("/examples/") {
                assert!(
                    super::outline(src).is_some(),
                    "{name} is not cut into items"
                );
            }
        }
    }

    /// One slip (a word deleted, inserted or replaced) at seeded places of every plan:
    /// the errors are those of the whole-file parse, word for word and place for place.
    #[test]
    fn a_slip_anywhere_gives_the_whole_files_errors() {
        let words = [
            "edition", "}", "{", ";", "12.5", "per", "seat", "oops", "\"x\"", "%",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for (name, src) in plans() {
            let starts: Vec<usize> = src
                .char_indices()
                .filter(|&(i, c)| {
                    !c.is_whitespace()
                        && src[..i].chars().next_back().is_none_or(char::is_whitespace)
                })
                .map(|(i, _)| i)
                .collect();
            for _ in 0..12 {
                let at = starts[(next() as usize) % starts.len()];
                let end = src[at..]
                    .find(char::is_whitespace)
                    .map_or(src.len(), |n| at + n);
                let word = words[(next() as usize) % words.len()];
                let mutated = match next() % 3 {
                    0 => format!("{}{}", &src[..at], &src[end..]),
                    1 => format!("{}{word} {}", &src[..at], &src[at..]),
                    _ => format!("{}{word}{}", &src[..at], &src[end..]),
                };
                same(&name, &mutated);
            }
        }
    }
}

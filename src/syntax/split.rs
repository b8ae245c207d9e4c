//! A plan parsed item by item, the items shared between the cores: a plan is a list of
//! independent top-level items, so each can go through the grammar on its own, and a
//! syntax error then costs the detailed parse of its own item only, not of the file twice.
//!
//! Only a plan whose outline is plain is cut this way: `plan "Name" {`, items found by
//! their braces (`recover::layout`), nothing but blanks, comments and one `;` between
//! them, a `}` and nothing after it. Anything else, and any file whose cut items do not all
//! parse while the whole file might, goes through the whole-file parse as before, so the
//! tree and the diagnostics are the same either way (tests/split_parse.rs compares them).

use super::ast::{Item, LabelAltAst, PlanAst};
use super::parser::{Grammar, Parser, Rule};
use crate::diagnostic::Diagnostic;
use crate::span::Spanned;
use pest::Parser as _;
use rayon::prelude::*;

/// Below this many bytes a plan is parsed on one thread: handing items to other threads
/// costs more than it saves.
const PARALLEL_BYTES: usize = 32 * 1024;

/// What one item parsed alone gives: the item and its `label` lines, or the numbers in it
/// that do not fit; `None` when the item does not parse.
type Parsed = Option<(Item, Vec<LabelAltAst>, Vec<Diagnostic>)>;

/// The plan parsed item by item; `None` when its outline is not plain enough to cut
/// (the caller parses the whole file instead).
pub(super) fn parse(src: &str) -> Option<Result<PlanAst, Vec<Diagnostic>>> {
    let outline = outline(src)?;
    let name = name(src, outline.name)?;
    let items = &outline.items;
    let parsed: Vec<Parsed> = if src.len() >= PARALLEL_BYTES {
        items
            .par_iter()
            .with_min_len(16)
            .map(|&(s, e)| item(src, s, e))
            .collect()
    } else {
        items.iter().map(|&(s, e)| item(src, s, e)).collect()
    };
    let failing: Vec<(usize, usize)> = (items.iter().zip(&parsed))
        .filter(|(_, p)| p.is_none())
        .map(|(range, _)| *range)
        .collect();
    if !failing.is_empty() {
        // The last item's error may be told by the whole file's (the `}` after it):
        // that case keeps the whole-file path, which weighs both.
        if failing.last() == items.last() || Grammar::parse(Rule::file, src).is_ok() {
            return None;
        }
        return Some(Err(super::errors::items_errors(src, &failing)));
    }
    let mut plan = PlanAst {
        name,
        items: Vec::with_capacity(parsed.len()),
        labels: Vec::new(),
    };
    let mut errors = Vec::new();
    for (item, labels, errs) in parsed.into_iter().flatten() {
        plan.items.push(item);
        plan.labels.extend(labels);
        errors.extend(errs);
    }
    Some(if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    })
}

/// Where a plain plan's name and items are.
struct Outline {
    /// The byte range of the quoted name.
    name: (usize, usize),
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
        name: (name_start, name_end),
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

/// The plan's quoted name, parsed by the grammar's own rule.
fn name(src: &str, (s, e): (usize, usize)) -> Option<Spanned<String>> {
    let text = src.get(s..e)?;
    let pair = Grammar::parse(Rule::string, text).ok()?.next()?;
    if pair.as_str().len() != text.len() {
        return None;
    }
    Some(Parser::at(s, || super::parser::string(pair)))
}

/// One item parsed alone, its spans placed where it is in the file.
fn item(src: &str, s: usize, e: usize) -> Parsed {
    let text = src.get(s..e)?;
    let lone = Grammar::parse(Rule::lone_item, text).ok()?.next()?;
    let pair = lone.into_inner().next()?;
    Some(Parser::at(s, || Parser::lone(pair)))
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

    /// The plan cut into items and the whole file give the same tree, or the same errors.
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
                assert!(super::parse(src).is_some(), "{name} is not cut into items");
            }
        }
    }

    /// One slip (a word deleted, inserted or replaced) at seeded places of every plan:
    /// the errors are those of the whole-file parse, word for word and place for place.
    #[test]
    fn a_slip_anywhere_gives_the_whole_files_errors() {
        let words = ["edition", "}", "{", ";", "12.5", "per", "seat", "oops", "\"x\"", "%"];
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
                let end = src[at..].find(char::is_whitespace).map_or(src.len(), |n| at + n);
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

//! One mistake, one error: every example plan with one token deleted, inserted or replaced
//! at 200 seeded positions, and the syntax errors it gets. The first error must lie in the
//! top-level item the mistake is in, and no error may lie at or after the start of the next
//! item, which is still correct: recovery resynchronises at the enclosing item and never
//! invents an error in a later one. No message may say "expected X, found X".

use ratecard::diagnostic::{Diagnostic, Kind};
use ratecard::syntax::Parser;

/// One significant token of a plan: a word, a label, or one symbol (comments skipped).
#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
}

fn tokens(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'#' {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(b.len());
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b"_-.%".contains(&b[i])) {
                i += 1;
            }
        } else {
            i += src[i..].chars().next().map_or(1, char::len_utf8);
        }
        out.push(Token { start, end: i });
    }
    out
}

/// Index of the top-level item each token belongs to: 0 for the plan's own tokens (its
/// header and closing brace), 1.. for the items in order. The plan is valid, so braces
/// tell; an item without a block ends with its line (or a `;`).
fn items_of(src: &str, toks: &[Token]) -> Vec<usize> {
    let mut depth = 0usize;
    let mut item = 0usize;
    let mut new_item = true;
    let mut out = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        let text = &src[t.start..t.end];
        if depth == 0 {
            if text == "{" {
                depth = 1;
            }
            out.push(0);
            continue;
        }
        if depth == 1 && text == "}" {
            depth = 0;
            out.push(0);
            continue;
        }
        if depth == 1 && text == ";" {
            out.push(item);
            new_item = true;
            continue;
        }
        if depth == 1 && new_item {
            item += 1;
            new_item = false;
        }
        out.push(item);
        match text {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                new_item |= depth == 1;
            }
            _ => {}
        }
        let next_on_new_line = toks
            .get(i + 1)
            .is_some_and(|n| src[t.end..n.start].contains('\n'));
        if depth == 1 && next_on_new_line {
            new_item = true;
        }
    }
    out
}

/// The byte range of each item, by index (0 is unused).
fn item_ranges(toks: &[Token], owners: &[usize]) -> Vec<(usize, usize)> {
    let n = owners.iter().copied().max().unwrap_or(0);
    let mut out = vec![(usize::MAX, 0); n + 1];
    for (t, &o) in toks.iter().zip(owners) {
        out[o].0 = out[o].0.min(t.start);
        out[o].1 = out[o].1.max(t.end);
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Mutation {
    Delete,
    Insert,
    Replace,
}

/// The alternatives a "expected ..." list names.
fn alternatives(expected: &str) -> Vec<String> {
    let list = expected.strip_prefix("one of: ").unwrap_or(expected);
    list.split(", ")
        .flat_map(|p| p.split(" or "))
        .map(|s| s.trim().to_string())
        .collect()
}

fn check_one(
    name: &str,
    mutated: &str,
    what: &str,
    lo: usize,
    hi: usize,
    plan_tokens: bool,
) -> Result<(), String> {
    let Err(errors) = Parser::parse(mutated) else {
        return Ok(());
    };
    let errors: Vec<&Diagnostic> = errors
        .iter()
        .filter(|d| !matches!(d.kind, Kind::NumberTooLarge { .. }))
        .collect();
    let Some(first) = errors.first() else {
        return Ok(());
    };
    let at = |d: &Diagnostic| {
        let (l, c) = d.span.line_col(mutated);
        format!("{l}:{c}: {}", d.kind)
    };
    for d in &errors {
        if let Kind::Syntax {
            expected, found, ..
        } = &d.kind
        {
            if alternatives(expected).iter().any(|a| a == found) {
                return Err(format!(
                    "{name}, {what}: {} says expected X, found X",
                    at(d)
                ));
            }
        }
    }
    if plan_tokens {
        // The plan's own header or closing brace: errors belong to the header or the end.
        for d in &errors {
            if d.span.start >= lo && d.span.start < hi {
                return Err(format!("{name}, {what}: error inside the items: {}", at(d)));
            }
        }
        return Ok(());
    }
    if first.span.start < lo || first.span.start >= hi {
        return Err(format!(
            "{name}, {what}: the first error is not in the item the mistake is in: {}\nall: {:?}",
            at(first),
            errors.iter().map(|d| at(d)).collect::<Vec<_>>()
        ));
    }
    for d in &errors {
        if d.span.start >= hi {
            return Err(format!(
                "{name}, {what}: an error after the next correct item: {}\nall: {:?}",
                at(d),
                errors.iter().map(|d| at(d)).collect::<Vec<_>>()
            ));
        }
    }
    Ok(())
}

#[test]
fn one_mistake_is_reported_in_its_own_item_only() {
    let mut failures = Vec::new();
    let mut broken = 0usize;
    let mut plans: Vec<_> = std::fs::read_dir("examples")
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rate"))
        .collect();
    plans.sort();
    assert!(plans.len() >= 14, "{plans:?}");
    for path in &plans {
        let src = std::fs::read_to_string(path).expect("plan");
        let name = path.display().to_string();
        assert!(Parser::parse(&src).is_ok(), "{name} parses");
        let toks = tokens(&src);
        let owners = items_of(&src, &toks);
        let ranges = item_ranges(&toks, &owners);
        let (first_item, last_item_end) = (ranges[1].0, ranges[ranges.len() - 1].1);
        let mut rng = fastrand::Rng::with_seed(27);
        for _ in 0..200 {
            let i = rng.usize(..toks.len());
            let m = match rng.u8(..3) {
                0 => Mutation::Delete,
                1 => Mutation::Insert,
                _ => Mutation::Replace,
            };
            let other = &toks[rng.usize(..toks.len())];
            let other_text = &src[other.start..other.end];
            let t = &toks[i];
            let (mutated, delta): (String, isize) = match m {
                Mutation::Delete => (
                    format!("{}{}", &src[..t.start], &src[t.end..]),
                    -((t.end - t.start) as isize),
                ),
                Mutation::Insert => (
                    format!("{}{other_text} {}", &src[..t.start], &src[t.start..]),
                    other_text.len() as isize + 1,
                ),
                Mutation::Replace => (
                    format!("{}{other_text}{}", &src[..t.start], &src[t.end..]),
                    other_text.len() as isize - (t.end - t.start) as isize,
                ),
            };
            let owner = owners[i];
            let (line, _) = ratecard::span::Span::new(t.start, t.start).line_col(&src);
            let what = format!(
                "{m:?} `{}` at line {line}{}",
                &src[t.start..t.end],
                match m {
                    Mutation::Delete => String::new(),
                    _ => format!(" (with `{other_text}`)"),
                }
            );
            let shift = |x: usize| (x as isize + delta) as usize;
            // Offsets after the mistake move by what it added or removed.
            let moved = |x: usize| if t.start < x { shift(x) } else { x };
            let result = if owner == 0 {
                check_one(
                    &name,
                    &mutated,
                    &what,
                    moved(first_item),
                    moved(last_item_end),
                    true,
                )
            } else {
                let lo = ranges[owner].0.min(t.start);
                let hi = ranges
                    .get(owner + 1)
                    .map_or(shift(last_item_end) + 1, |r| shift(r.0));
                check_one(&name, &mutated, &what, lo, hi, false)
            };
            if Parser::parse(&mutated).is_err() {
                broken += 1;
            }
            if let Err(e) = result {
                failures.push(e);
            }
        }
    }
    assert!(broken > 1000, "only {broken} mutations broke a plan");
    assert!(
        failures.is_empty(),
        "{} of {broken} broken plans misreported:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

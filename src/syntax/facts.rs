//! Facts about the grammar read from its own text (`grammar/ratecard.pest`), so that error
//! recovery and advice follow the language as it grows: which words start a top-level item,
//! which words are keywords, and which rules use a keyword.
//!
//! The grammar is compiled into the binary by `pest_derive`; its text is included once more
//! here and read at the first syntax error (never for a file that parses).

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The grammar's source text.
const GRAMMAR: &str = include_str!("../../grammar/ratecard.pest");

/// What recovery and advice need to know about the grammar.
pub(super) struct Facts {
    /// Each rule's body, by name.
    bodies: BTreeMap<String, String>,
    /// The words each keyword rule matches (`kw_years`: `year`, `years`).
    keywords: BTreeMap<String, Vec<String>>,
    /// Words that start a top-level item (`edition`, `module`, `tax` ...).
    pub item_words: Vec<String>,
}

/// The grammar's facts, read once.
pub(super) fn facts() -> &'static Facts {
    static FACTS: OnceLock<Facts> = OnceLock::new();
    FACTS.get_or_init(|| Facts::read(GRAMMAR))
}

impl Facts {
    fn read(grammar: &str) -> Facts {
        let mut bodies = BTreeMap::new();
        let mut current: Option<(String, String)> = None;
        for line in grammar.lines() {
            let code = line.trim();
            if code.starts_with("//") {
                continue;
            }
            // A rule starts `name = modifier{ ...`, at the start of a line.
            let starts = !line.starts_with([' ', '\t'])
                && code
                    .split_once('=')
                    .is_some_and(|(n, _)| is_rule_name(n.trim()) && !n.trim().is_empty());
            if starts {
                if let Some((n, b)) = current.take() {
                    bodies.insert(n, b);
                }
                if let Some((name, body)) = code.split_once('=') {
                    current = Some((name.trim().to_string(), body.to_string()));
                }
            } else if let Some((_, b)) = current.as_mut() {
                b.push(' ');
                b.push_str(code);
            }
        }
        if let Some((n, b)) = current {
            bodies.insert(n, b);
        }
        let keywords = bodies
            .iter()
            .filter(|(n, _)| n.starts_with("kw_"))
            .map(|(n, b)| (n.clone(), keyword_words(b)))
            .collect();
        let mut facts = Facts {
            bodies,
            keywords,
            item_words: Vec::new(),
        };
        let mut words = Vec::new();
        for rule in facts.alternatives("plan_item") {
            for w in facts.first_words(&rule, 0) {
                if !words.contains(&w) {
                    words.push(w);
                }
            }
        }
        facts.item_words = words;
        facts
    }

    /// The rule names a rule's body refers to, in order.
    fn refs(&self, rule: &str) -> Vec<String> {
        self.refs_where(rule, true)
    }

    /// The rule names a rule's body refers to, in order; with `negated` false, a name
    /// behind `!` (a lookahead saying what may not come, as in `!kw_billed ~ ident`) is
    /// left out, since the rule does not use it.
    fn refs_where(&self, rule: &str, negated: bool) -> Vec<String> {
        let Some(body) = self.bodies.get(rule) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut word = String::new();
        let mut in_string = false;
        let mut escaped = false;
        let mut after_bang = false;
        let mut word_negated = false;
        // Parentheses open, and the depth at which a `!( ... )` group started, if inside one.
        let mut depth = 0usize;
        let mut negated_group: Option<usize> = None;
        for c in body.chars() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                }
                continue;
            }
            if c == '"' {
                in_string = true;
                continue;
            }
            if c.is_ascii_alphanumeric() || c == '_' {
                if word.is_empty() {
                    word_negated = after_bang || negated_group.is_some();
                }
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                if self.bodies.contains_key(&word) && (negated || !word_negated) {
                    out.push(std::mem::take(&mut word));
                }
                word.clear();
            }
            match c {
                '(' => {
                    depth += 1;
                    if after_bang && negated_group.is_none() {
                        negated_group = Some(depth);
                    }
                }
                ')' => {
                    if negated_group == Some(depth) {
                        negated_group = None;
                    }
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            }
            if !c.is_whitespace() {
                after_bang = c == '!';
            }
        }
        if self.bodies.contains_key(&word) && (negated || !word_negated) {
            out.push(word);
        }
        out
    }

    /// The alternatives of a rule that is a plain choice of other rules (`plan_item`).
    fn alternatives(&self, rule: &str) -> Vec<String> {
        self.refs(rule)
    }

    /// The words a rule can start with, following its first reference down to a keyword.
    fn first_words(&self, rule: &str, depth: usize) -> Vec<String> {
        if depth > 8 {
            return Vec::new();
        }
        if let Some(words) = self.keywords.get(rule) {
            return words.clone();
        }
        let Some(body) = self.bodies.get(rule) else {
            return Vec::new();
        };
        // `(kw_a | kw_b) ~ ...` starts with either; a sequence starts with its first part.
        let refs = self.refs(rule);
        let head = body
            .trim()
            .trim_start_matches(['_', '@', '$', '!'])
            .trim_start_matches('{')
            .trim_start();
        if head.starts_with('(') {
            return top_level_alternatives(head)
                .into_iter()
                .flat_map(|alt| {
                    let name: String = alt
                        .trim()
                        .trim_start_matches('(')
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    self.first_words(&name, depth + 1)
                })
                .collect();
        }
        refs.first()
            .map(|r| self.first_words(r, depth + 1))
            .unwrap_or_default()
    }

    /// Whether `word` is one of the language's keywords.
    pub fn is_keyword(&self, word: &str) -> bool {
        self.keyword_rules(word).next().is_some()
    }

    fn keyword_rules<'a>(&'a self, word: &'a str) -> impl Iterator<Item = &'a String> + 'a {
        self.keywords
            .iter()
            .filter(move |(_, ws)| ws.iter().any(|w| w.eq_ignore_ascii_case(word)))
            .map(|(n, _)| n)
    }

    /// The rules that use the keyword `word` directly (`with`: `attach_price`,
    /// `qty_included`, `support_included`), by name.
    pub fn users_of_keyword(&self, word: &str) -> Vec<String> {
        let kws: Vec<&String> = self.keyword_rules(word).collect();
        let mut out = Vec::new();
        for name in self.bodies.keys() {
            if name.starts_with("kw_") {
                continue;
            }
            if self
                .refs_where(name, false)
                .iter()
                .any(|r| kws.contains(&r))
                && !out.contains(name)
            {
                out.push(name.clone());
            }
        }
        out
    }
}

/// The alternatives of the parenthesised group `text` starts with, split at its own `|`.
fn top_level_alternatives(text: &str) -> Vec<&str> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    let mut start = 1;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(&text[start..i]);
                    return out;
                }
            }
            '|' if depth == 1 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text.get(start..).unwrap_or(""));
    out
}

fn is_rule_name(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The words a keyword rule's body matches: `"year" ~ "s"?` is `year` and `years`,
/// `("annually" | "annual")` both, `^"gb"` is `gb`.
fn keyword_words(body: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find('"') {
        let after = &rest[i + 1..];
        let Some(j) = after.find('"') else { break };
        strings.push(after[..j].to_string());
        rest = &after[j + 1..];
    }
    let plural = body.contains("~ \"s\"?");
    let mut words: Vec<String> = strings.into_iter().filter(|s| s != "s").collect();
    if plural {
        let more: Vec<String> = words.iter().map(|w| format!("{w}s")).collect();
        words.extend(more);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_words_come_from_the_grammar() {
        let f = facts();
        for w in [
            "version",
            "currency",
            "tax",
            "effective",
            "locale",
            "minimum",
            "monthly",
            "storage",
            "edition",
            "module",
            "addon",
            "usage",
            "backup",
            "support",
            "service",
            "discount",
            "surcharge",
            "coupon",
            "hook",
            "deals",
            "prices",
        ] {
            assert!(
                f.item_words.iter().any(|x| x == w),
                "{w}: {:?}",
                f.item_words
            );
        }
        assert!(!f.item_words.iter().any(|x| x == "per"));
    }

    #[test]
    fn keywords_and_their_users() {
        let f = facts();
        assert!(f.is_keyword("years") && f.is_keyword("annual") && f.is_keyword("GB"));
        assert!(!f.is_keyword("sandbox"));
        assert_eq!(
            f.users_of_keyword("with"),
            ["attach_price", "qty_included", "support_included"]
        );
        assert_eq!(f.users_of_keyword("billed"), ["billed"]);
    }
}

//! Completion by context: after `includes`, `requires` or `excludes` the plan's modules,
//! after `billed` the cycles, after `with` its editions, after `per` units, after `when`,
//! `and`, `or` or `not` the request's fields. The names are read from the text itself,
//! since while a line is being typed the plan does not parse.

use lsp_types::{CompletionItem, CompletionItemKind};

/// What may be written where the cursor is, when the words before it say; `None` leaves
/// the editor the whole list.
pub fn complete(text: &str, offset: usize) -> Option<Vec<CompletionItem>> {
    let before = text.get(..offset)?;
    let line = before.rsplit(['\n', '\r']).next().unwrap_or(before);
    // The word being typed, then what comes before it on the line.
    let typed_start = line
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let head = line[..typed_start].trim_end();
    let words: Vec<&str> = head
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let last = *words.last()?;
    // A list goes on after a comma: `includes a, b, |` still wants modules.
    let listing = head.ends_with(',');
    let key = if listing {
        words
            .iter()
            .rev()
            .find(|w| matches!(**w, "includes" | "requires" | "excludes" | "with"))
            .copied()?
    } else {
        last
    };
    let (items, kind): (Vec<String>, CompletionItemKind) = match key {
        "includes" | "requires" | "excludes" => {
            (declared(text, &["module"]), CompletionItemKind::MODULE)
        }
        "with" => (declared(text, &["edition"]), CompletionItemKind::CLASS),
        "billed" => (
            [
                "monthly",
                "quarterly",
                "semiannually",
                "annually",
                "every 24 months",
            ]
            .map(String::from)
            .to_vec(),
            CompletionItemKind::ENUM_MEMBER,
        ),
        "per" => {
            let mut units: Vec<String> = ["seat", "month", "year", "GB", "account", "pack of"]
                .map(String::from)
                .to_vec();
            for u in units_declared(text) {
                if !units.contains(&u) {
                    units.push(u);
                }
            }
            (units, CompletionItemKind::UNIT)
        }
        "when" | "and" | "or" | "not" => (
            [
                "edition",
                "seats",
                "billing",
                "term_months",
                "storage_gb",
                "country",
                "modules",
                "monthly_recurring",
                "annual_recurring",
                "one_time",
                "attributes.",
            ]
            .map(String::from)
            .to_vec(),
            CompletionItemKind::FIELD,
        ),
        _ => return None,
    };
    Some(
        items
            .into_iter()
            .map(|label| CompletionItem {
                label,
                kind: Some(kind),
                ..CompletionItem::default()
            })
            .collect(),
    )
}

/// The names declared by lines starting with one of `words` (`module sales "Sales"`), in
/// the order written.
fn declared(text: &str, words: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let (Some(word), Some(name)) = (parts.next(), parts.next()) else {
            continue;
        };
        let name = name.trim_end_matches('{');
        if words.contains(&word)
            && !name.is_empty()
            && name.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !out.iter().any(|n| n == name)
        {
            out.push(name.to_string());
        }
    }
    out
}

/// The units add-ons and usages declare (`unit email`).
fn units_declared(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.windows(2) {
        if let ["unit", u] = pair {
            let u = u.trim_end_matches([';', '}']);
            if !u.is_empty() && !out.iter().any(|x| x == u) {
                out.push(u.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str, at: &str) -> Option<Vec<String>> {
        let offset = text.find(at).map(|i| i + at.len())?;
        complete(text, offset).map(|v| v.into_iter().map(|i| i.label).collect())
    }

    const PLAN: &str = "plan \"p\" {\n  module crm \"CRM\"\n  module bi \"BI\" { 5.00 per seat }\n  edition pro \"Pro\" {\n    includes crm, \n    20.00 per seat billed \n  }\n  addon sms \"SMS\" { unit message\n 1.00 per \n }\n  discount d { 5% off all when  }\n}\n";

    #[test]
    fn each_context_offers_its_own_names() {
        assert_eq!(
            labels(PLAN, "includes "),
            Some(vec!["crm".into(), "bi".into()])
        );
        assert_eq!(
            labels(PLAN, "includes crm, "),
            Some(vec!["crm".into(), "bi".into()])
        );
        assert_eq!(
            labels(PLAN, "billed ").map(|l| l[..2].to_vec()),
            Some(vec!["monthly".into(), "quarterly".into()])
        );
        assert!(labels(PLAN, " 1.00 per ").is_some_and(|l| l.contains(&"message".to_string())));
        assert!(labels(PLAN, "when ").is_some_and(|l| l.contains(&"seats".to_string())));
        // Anywhere else: the editor's whole list.
        assert_eq!(labels(PLAN, "  edition pro"), None);
    }
}

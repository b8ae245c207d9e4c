//! Tab completion and hints, from the command table and the plan in use.
//!
//! Pure functions of the session and the text before the cursor, so they are tested without
//! a terminal; the rustyline helper only forwards to them.

use super::command::{COMMANDS, FIELDS, HELP};
use super::session::Session;
use crate::model::ServicePricing;

/// Where the word being completed starts, and the words that could replace it.
pub fn complete(s: &Session, before_cursor: &str) -> (usize, Vec<String>) {
    // After the last whitespace character, which may be wider than a byte (U+3000).
    let start = (before_cursor.char_indices().rev())
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before_cursor[start..];
    let done: Vec<&str> = before_cursor[..start].split_whitespace().collect();
    let mut options = candidates(s, &done);
    options.retain(|o| o.starts_with(word) && !done[1.min(done.len())..].contains(&o.as_str()));
    options.dedup();
    (start, options)
}

fn owned<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    words.into_iter().map(str::to_string).collect()
}

/// Every word that may follow `done` (the words already typed).
fn candidates(s: &Session, done: &[&str]) -> Vec<String> {
    let Some(plan) = s.plan() else {
        return match done {
            [] => owned(COMMANDS.iter().copied()),
            _ => Vec::new(),
        };
    };
    let r = s.request();
    let ids = |items: Vec<&str>| owned(items);
    let value_of = |field: &str| -> Vec<String> {
        match field {
            "edition" => ids(plan.editions.iter().map(|e| &*e.id).collect()),
            "backup" => {
                let mut v = ids(plan.backups.iter().map(|b| &*b.id).collect());
                v.push("none".into());
                v
            }
            "support" => {
                let mut v = ids(plan.supports.iter().map(|b| &*b.id).collect());
                v.push("none".into());
                v
            }
            "billing" => owned(["monthly", "quarterly", "annual"]),
            _ => Vec::new(),
        }
    };
    match done {
        [] => owned(COMMANDS.iter().copied()),
        ["set" | "unset" | "try"] => owned(FIELDS.iter().copied()),
        ["unset", "attr"] => r.attributes.keys().cloned().collect(),
        ["set", field] => value_of(field),
        ["try", field, ..] => value_of(field),
        ["add" | "drop"] => owned(["module", "service", "coupon"]),
        ["add", "module", ..] => ids((plan.modules.iter())
            .filter(|m| m.price.is_some() && !r.modules.iter().any(|x| *x == *m.id))
            .map(|m| &*m.id)
            .collect()),
        ["drop", "module"] => r.modules.clone(),
        ["add", "service"] => ids(plan.services.iter().map(|v| &*v.id).collect()),
        ["add", "service", kind, rest @ ..] if rest.len() < 2 => {
            match plan
                .services
                .iter()
                .find(|v| &*v.id == *kind)
                .map(|v| &v.pricing)
            {
                Some(ServicePricing::Targets {
                    targets,
                    complexity,
                }) => match rest {
                    [] => ids(targets.iter().map(|t| &*t.id).collect()),
                    _ => ids(complexity.iter().map(|c| &*c.0).collect()),
                },
                _ => Vec::new(),
            }
        }
        ["drop", "service"] => {
            let mut v: Vec<String> = (1..=r.services.len()).map(|n| n.to_string()).collect();
            v.extend(r.services.iter().map(|x| x.kind.clone()));
            v
        }
        ["add", "coupon"] => ids(plan.coupons.iter().map(|c| &*c.id).collect()),
        ["drop", "coupon"] => r.coupons.clone(),
        ["quote"] => owned(["json", "markdown", "table"]),
        ["explain"] => s.last_quote().map_or_else(Vec::new, |q| {
            q.quote.lines.iter().map(|l| l.id.to_string()).collect()
        }),
        _ => Vec::new(),
    }
}

/// The rest of the first example that starts with what was typed: `tr` hints
/// `y seats 10 50 100 200`.
pub fn hint(line: &str) -> Option<String> {
    if line.trim().is_empty() {
        return None;
    }
    HELP.iter()
        .map(|h| h.example)
        .find(|e| e.len() > line.len() && e.starts_with(line))
        .map(|e| e[line.len()..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        super::super::session::builtin_session()
    }

    fn words(s: &Session, line: &str) -> Vec<String> {
        complete(s, line).1
    }

    #[test]
    fn commands_fields_and_plan_names() {
        let mut s = session();
        assert_eq!(words(&s, "se"), ["set"]);
        assert_eq!(words(&s, "set b"), ["backup", "billing"]);
        assert_eq!(words(&s, "set edition "), ["basic", "advanced"]);
        assert_eq!(words(&s, "set support p"), ["premium"]);
        assert_eq!(words(&s, "add service integration e"), ["erp"]);
        assert_eq!(
            words(&s, "add service integration erp "),
            ["low", "medium", "high"]
        );
        assert_eq!(
            words(&s, "add module "),
            ["sales_automation", "marketing_automation", "analytics"]
        );
        assert_eq!(
            complete(&s, "set edition adv"),
            (12, vec!["advanced".into()])
        );
        s.handle("add module analytics");
        assert_eq!(words(&s, "drop module "), ["analytics"]);
        assert_eq!(words(&s, "add module analytics s"), ["sales_automation"]);
        assert!(words(&s, "for s in ").is_empty());
        assert_eq!(complete(&s, "set\u{3000}ed"), (6, vec!["edition".into()]));
    }

    #[test]
    fn hints_finish_an_example() {
        assert_eq!(hint("tr").as_deref(), Some("y seats 10 50 100 200"));
        assert_eq!(hint("set seats").as_deref(), Some(" 60"));
        assert_eq!(hint(""), None);
        assert_eq!(hint("zzz"), None);
    }
}

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
        ["set" | "unset" | "try"] => {
            let mut v = owned(FIELDS.iter().copied());
            v.extend(plan.quantities.iter().map(|q| q.id.to_string()));
            v
        }
        ["set", "qty" | "volume"] => ids(plan.quantities.iter().map(|q| &*q.id).collect()),
        ["set", "seats"] => {
            let mut v = ids(plan.editions.iter().map(|e| &*e.id).collect());
            v.extend(plan.seat_types.iter().map(|t| t.id.to_string()));
            v
        }
        ["unset", "seats"] => r.other_seats.keys().cloned().collect(),
        ["unset", "qty"] => r.quantities.keys().cloned().collect(),
        ["unset", "volume"] => r.volumes.keys().cloned().collect(),
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
                    ..
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
        ["deal"] => owned(["price", "discount", "date", "clear"]),
        ["deal", "price"] => {
            let mut v = ids(plan.editions.iter().map(|e| &*e.id).collect());
            v.extend(ids((plan.modules.iter())
                .filter(|m| m.price.is_some())
                .map(|m| &*m.id)
                .collect()));
            v
        }
        ["fit", _, "by"] => owned(["seats", "discount"]),
        ["fit", _] => owned(["by"]),
        ["breakeven"] | ["breakeven", _] => {
            let mut v = ids(plan.editions.iter().map(|e| &*e.id).collect());
            v.extend(owned(["monthly", "quarterly", "annual"]));
            v
        }
        ["scenario"] => owned(["save", "load", "compare"]),
        ["scenario", "load" | "compare", ..] => s.scenario_names(),
        ["explain"] => s.last_quote().map_or_else(Vec::new, |q| {
            q.quote.lines.iter().map(|l| l.id.to_string()).collect()
        }),
        _ => Vec::new(),
    }
}

/// The rest of the first example that starts with what was typed: `tr` hints
/// `y seats 10 50 100 200`. Examples name the plan in use's editions, modules and
/// options, so a hint never suggests a name the plan would reject.
pub fn hint(s: &Session, line: &str) -> Option<String> {
    if line.trim().is_empty() {
        return None;
    }
    HELP.iter()
        .map(|h| example(s.plan(), h.example))
        .find(|e| e.len() > line.len() && e.starts_with(line))
        .map(|e| e[line.len()..].to_string())
}

/// `example` with the built-in plan's names replaced by the first matching names of `plan`;
/// an example whose kind of item the plan lacks is kept as written.
pub fn example(plan: Option<&crate::model::Plan>, example: &str) -> String {
    let Some(plan) = plan else {
        return example.to_string();
    };
    let w: Vec<&str> = example.split(' ').collect();
    let first = |ids: Vec<&str>| ids.first().map(|x| x.to_string());
    let priced: Vec<&str> = (plan.modules.iter())
        .filter(|m| m.price.is_some())
        .map(|m| &*m.id)
        .collect();
    let name = match w.as_slice() {
        ["set", "edition", _] => first(plan.editions.iter().map(|e| &*e.id).collect()),
        ["set", "backup", _] => first(plan.backups.iter().map(|b| &*b.id).collect()),
        ["set", "support", _] => first(plan.supports.iter().map(|b| &*b.id).collect()),
        ["add" | "drop", "module", _] => first(priced),
        ["add" | "drop", "coupon", _] => first(plan.coupons.iter().map(|c| &*c.id).collect()),
        ["set", "currency", _] => Some(plan.currency.code.to_string()),
        ["add", "service", "integration", _, _] => {
            let targeted = plan.services.iter().find_map(|v| match &v.pricing {
                ServicePricing::Targets {
                    targets,
                    complexity,
                    ..
                } => Some(format!(
                    "{} {}{}",
                    v.id,
                    targets.first().map_or("", |t| &*t.id),
                    complexity
                        .last()
                        .map_or(String::new(), |c| format!(" {}", c.0))
                )),
                _ => None,
            });
            return targeted.map_or(example.to_string(), |t| format!("add service {t}"));
        }
        ["add", "service", "training", n] => {
            let unit = plan.services.iter().find_map(|v| match &v.pricing {
                ServicePricing::PerUnit { .. } => Some(v.id.to_string()),
                _ => None,
            });
            return unit.map_or(example.to_string(), |u| format!("add service {u} {n}"));
        }
        _ => return example.to_string(),
    };
    match name {
        Some(n) => {
            let mut w: Vec<String> = w.iter().map(|x| x.to_string()).collect();
            if let Some(last) = w.last_mut() {
                *last = n;
            }
            w.join(" ")
        }
        None => example.to_string(),
    }
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
        let s = session();
        assert_eq!(hint(&s, "tr").as_deref(), Some("y seats 10 50 100 200"));
        assert_eq!(hint(&s, "set seats").as_deref(), Some(" 60"));
        assert_eq!(hint(&s, ""), None);
        assert_eq!(hint(&s, "zzz"), None);
        assert_eq!(hint(&s, "add m").as_deref(), Some("odule sales_automation"));
    }

    #[test]
    fn negotiation_commands_complete() {
        let mut s = session();
        assert_eq!(words(&s, "deal "), ["price", "discount", "date", "clear"]);
        assert_eq!(words(&s, "deal price a"), ["advanced", "analytics"]);
        assert_eq!(words(&s, "fit 9000 by "), ["seats", "discount"]);
        assert_eq!(words(&s, "breakeven basic a"), ["advanced", "annual"]);
        let dir = tempfile::tempdir().expect("temp dir");
        let name = dir.path().join("a").display().to_string();
        s.handle("set edition basic");
        s.handle(&format!("scenario save {name}"));
        assert_eq!(words(&s, "scenario load "), [name]);
    }

    #[test]
    fn hints_name_the_plan_in_use() {
        let mut s = session();
        s.handle("load examples/zoho.rate");
        assert_eq!(hint(&s, "add m").as_deref(), Some("odule sales_inbox"));
        assert_eq!(hint(&s, "set edition ").as_deref(), Some("standard"));
        assert_eq!(hint(&s, "set su").as_deref(), Some("pport basic"));
        assert_eq!(hint(&s, "add cou").as_deref(), Some("pon LAUNCH20"));
        assert_eq!(
            hint(&s, "add service i").as_deref(),
            Some("ntegration erp high")
        );
    }
}

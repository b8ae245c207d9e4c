//! The command words, their help, and how a line is split: commands versus Rhai scripts.

/// One row of `help`: how a command is written, what it does, an example that works on the
/// built-in plan. Completion and hints read the same table, so they never disagree with help.
pub struct Usage {
    /// The command as written, with placeholders in capitals.
    pub usage: &'static str,
    /// What it does.
    pub about: &'static str,
    /// A line to type.
    pub example: &'static str,
}

const fn u(usage: &'static str, about: &'static str, example: &'static str) -> Usage {
    Usage {
        usage,
        about,
        example,
    }
}

/// Every command with an example, in the order `help` shows them.
pub const HELP: &[Usage] = &[
    u(
        "set edition NAME",
        "choose the edition",
        "set edition advanced",
    ),
    u("set seats N", "the number of users", "set seats 60"),
    u(
        "set seats NAME N",
        "seats of another edition or seat type",
        "set seats view_only 20",
    ),
    u("set storage GB", "storage used, in GB", "set storage 800"),
    u(
        "set backup NAME|none",
        "a backup option",
        "set backup daily",
    ),
    u(
        "set support NAME|none",
        "a support tier",
        "set support premium",
    ),
    u(
        "set billing CYCLE",
        "monthly, quarterly or annual",
        "set billing annual",
    ),
    u("set term MONTHS", "the term (default 12)", "set term 24"),
    u(
        "set customer NAME",
        "shown on the quote",
        "set customer \"Northwind Logistics\"",
    ),
    u(
        "set currency CODE",
        "the currency expected",
        "set currency CNY",
    ),
    u(
        "set attr NAME VALUE",
        "a free attribute",
        "set attr segment education",
    ),
    u("unset FIELD", "forget a field (attr NAME)", "unset storage"),
    u(
        "add module NAME ...",
        "add modules",
        "add module sales_automation",
    ),
    u(
        "drop module NAME",
        "remove a module",
        "drop module marketing_automation",
    ),
    u(
        "add service KIND TARGET LEVEL",
        "a targeted service",
        "add service integration erp high",
    ),
    u(
        "add service KIND QUANTITY",
        "a service priced per unit",
        "add service training 4",
    ),
    u(
        "drop service N|KIND",
        "remove a service (see show)",
        "drop service 2",
    ),
    u(
        "add coupon CODE",
        "apply a coupon code",
        "add coupon LAUNCH20",
    ),
    u(
        "drop coupon CODE",
        "remove a coupon code",
        "drop coupon LAUNCH20",
    ),
    u("clear", "start a new request", "clear"),
    u("show", "the request so far", "show"),
    u("quote [json|markdown]", "price the request", "quote"),
    u(
        "schedule",
        "the invoices the request issues, and the totals",
        "schedule",
    ),
    u(
        "try FIELD V1 V2 ...",
        "one priced row per value",
        "try seats 10 50 100 200",
    ),
    u(
        "try seats FROM..TO step N",
        "a range of seats, with the band and price per seat",
        "try seats 40..60 step 5",
    ),
    u("compare", "the last two quotes, line by line", "compare"),
    u(
        "deal discount PCT REASON",
        "a negotiated discount, with the approval it needs",
        "deal discount 10 competitive displacement",
    ),
    u(
        "deal price ITEM PRICE",
        "a contract price per unit and month",
        "deal price basic 90.00",
    ),
    u(
        "deal date YYYY-MM-DD",
        "the quote's date (today when not set)",
        "deal date 2026-03-02",
    ),
    u(
        "deal ramp SEATS... [uplift PCT]",
        "a ramp: one year per seat count, prices up PCT a year",
        "deal ramp 50 80 120 uplift 5%",
    ),
    u(
        "deal renewal PCT",
        "the same request a term later, prices up PCT",
        "deal renewal 5%",
    ),
    u(
        "deal [clear]",
        "the contract terms (or drop them and any ramp or renewal)",
        "deal",
    ),
    u(
        "fit BUDGET by seats|discount",
        "the most seats or least discount within a budget",
        "fit 150000 by discount",
    ),
    u(
        "breakeven A B",
        "from how many seats B costs no more than A",
        "breakeven basic advanced",
    ),
    u(
        "scenario save|load NAME",
        "keep the request as NAME.toml, or bring it back",
        "scenario save proposal-a",
    ),
    u(
        "scenario compare A B ...",
        "saved scenarios side by side",
        "scenario compare proposal-a proposal-b",
    ),
    u(
        "export PATH",
        "the request as a TOML request file",
        "export northwind.toml",
    ),
    u(
        "explain [LINE]",
        "how a line was derived (id or number)",
        "explain 2",
    ),
    u(
        "plan",
        "editions, modules, bands, support, services",
        "plan",
    ),
    u(
        "load PATH",
        "switch to another plan file",
        "load examples/zoho.rate",
    ),
    u("reload", "read the plan file again", "reload"),
    u("help", "this list", "help"),
    u("quit", "leave (or Ctrl-D)", "quit"),
];

/// The words that start a command; any other line is a Rhai script.
pub const COMMANDS: &[&str] = &[
    "set",
    "unset",
    "add",
    "drop",
    "clear",
    "show",
    "quote",
    "schedule",
    "try",
    "compare",
    "explain",
    "plan",
    "load",
    "reload",
    "help",
    "quit",
    "exit",
    "deal",
    "fit",
    "breakeven",
    "scenario",
    "export",
];

/// Fields `set`, `unset` and `try` accept.
pub const FIELDS: &[&str] = &[
    "edition", "seats", "storage", "backup", "support", "billing", "term", "customer", "currency",
    "attr", "qty", "volume",
];

/// The help text: every command, what it does, and an example.
pub fn help(plan: Option<&crate::model::Plan>) -> String {
    let names = plan.map(example_names).unwrap_or_default();
    let width = HELP.iter().map(|h| h.usage.len()).max().unwrap_or(0);
    let mut s = String::from("Commands:\n");
    for h in HELP {
        s.push_str(&format!(
            "  {:width$}  {}: {}\n",
            h.usage,
            h.about,
            in_plan(h.example, &names)
        ));
    }
    let edition = names
        .iter()
        .find(|(k, _)| *k == "advanced")
        .map_or("advanced", |(_, v)| v.as_str());
    s.push_str(&format!(
        "Any other line runs as a Rhai script, with `plan` and `request` bound and
quote(map) returning a quote as a map (amounts are decimals):
  for s in [10, 50, 100] {{ print(quote(#{{seats: s, edition: \"{edition}\"}}).totals.monthly_recurring) }}
A script may span lines: the REPL waits until its braces balance.
"
    ));
    s
}

/// The built-in plan's names the help examples use, each with the loaded plan's own name
/// of the same kind, so every example can be typed as it stands.
fn example_names(plan: &crate::model::Plan) -> Vec<(&'static str, String)> {
    use crate::model::ServicePricing;
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let id = |x: &crate::model::Text| x.to_string();
    if let (Some(first), Some(last)) = (plan.editions.first(), plan.editions.last()) {
        out.push(("basic", id(&first.id)));
        out.push(("advanced", id(&last.id)));
    }
    let other = (plan.seat_types.first().map(|t| id(&t.id)))
        .or_else(|| (plan.editions.len() > 1).then(|| id(&plan.editions[0].id)));
    if let Some(o) = other {
        out.push(("view_only", o));
    }
    let sold: Vec<String> = (plan.modules.iter())
        .filter(|m| m.price.is_some())
        .map(|m| id(&m.id))
        .collect();
    if let Some(m) = sold.first() {
        out.push(("sales_automation", m.clone()));
        out.push(("marketing_automation", sold.get(1).unwrap_or(m).clone()));
    }
    out.push((
        "daily",
        plan.backups.first().map_or("none".into(), |b| id(&b.id)),
    ));
    out.push((
        "premium",
        plan.supports.last().map_or("none".into(), |t| id(&t.id)),
    ));
    out.push(("CNY", id(&plan.currency.code)));
    for v in &plan.services {
        match &v.pricing {
            ServicePricing::Targets {
                targets,
                complexity,
                ..
            } if !out.iter().any(|(k, _)| *k == "integration") => {
                out.push(("integration", id(&v.id)));
                if let Some(t) = targets.first() {
                    out.push(("erp", id(&t.id)));
                }
                if let Some((c, _)) = complexity.first() {
                    out.push(("high", c.to_string()));
                }
            }
            ServicePricing::PerUnit { .. } if !out.iter().any(|(k, _)| *k == "training") => {
                out.push(("training", id(&v.id)));
            }
            _ => {}
        }
    }
    if let Some(c) = plan.coupons.first() {
        out.push(("LAUNCH20", id(&c.id)));
    }
    out
}

/// `example` with each built-in name the loaded plan has its own for replaced, word by word.
fn in_plan(example: &str, names: &[(&'static str, String)]) -> String {
    example
        .split(' ')
        .map(|w| {
            names
                .iter()
                .find(|(k, _)| *k == w)
                .map_or(w, |(_, v)| v.as_str())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when `line` is a command rather than a script: its first word is a command word not
/// followed by something only an expression has (`quote(#{...})`, `plan.name`).
pub fn is_command(line: &str) -> bool {
    let line = line.trim_start();
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(line.len());
    let (word, rest) = line.split_at(end);
    let rest = rest.trim_start();
    // A path may start with anything a Rhai expression could (`/`, `.`, `~`).
    let takes_path = matches!(word, "load" | "export" | "scenario");
    if takes_path && !rest.is_empty() && line[end..].starts_with(char::is_whitespace) {
        return true;
    }
    COMMANDS.contains(&word)
        && !rest.starts_with([
            '(', '=', '.', '[', '+', '-', '*', '/', '{', '#', '!', '<', '>',
        ])
        && (rest.is_empty() || line[end..].starts_with(char::is_whitespace))
}

/// Splits a command into words; `"double quotes"` keep spaces inside one word.
pub fn words(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut word = String::new();
        if c == '"' {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err("a quote is not closed: add the final \"".into()),
                    Some('"') => break,
                    Some('\\') => word.extend(chars.next()),
                    Some(c) => word.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                word.push(c);
                chars.next();
            }
        }
        out.push(word);
    }
    Ok(out)
}

/// True when `text` can be run: every `{`, `[` and `(` outside strings and comments is
/// closed. A stray closer also counts as complete, so the script's own error is shown.
pub fn is_complete(text: &str) -> bool {
    let mut depth: i64 = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '`' | '\'' => {
                // Inside a string, only the matching quote (not escaped) ends it.
                while let Some(d) = chars.next() {
                    if d == '\\' {
                        chars.next();
                    } else if d == c {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for d in chars.by_ref() {
                    if prev == '*' && d == '/' {
                        break;
                    }
                    prev = d;
                }
            }
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// Splits text of several lines into entries: each command line alone, a script together
/// with the lines that complete it. A paste of a session file at the prompt runs like the file.
pub fn entries(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut entry = String::new();
    for line in text.lines() {
        if !entry.is_empty() {
            entry.push('\n');
        }
        entry.push_str(line);
        if is_command(&entry) || is_complete(&entry) {
            out.push(std::mem::take(&mut entry));
        }
    }
    if !entry.is_empty() {
        out.push(entry);
    }
    out
}

/// The command word closest to `word`, for "did you mean" (at most two edits away).
pub fn closest(word: &str) -> Option<&'static str> {
    COMMANDS
        .iter()
        .map(|c| (crate::diagnostic::edit_distance(word, c), *c))
        .filter(|(d, _)| (1..=2).contains(d))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_and_scripts() {
        assert!(is_command("set seats 5"));
        assert!(is_command("  quote json"));
        assert!(is_command("quit"));
        assert!(is_command("load /tmp/plan.rate"));
        assert!(is_command("load ./plans/next.rate"));
        assert!(!is_command("quote(#{seats: 5})"));
        assert!(!is_command("plan.name"));
        assert!(!is_command("for s in [1] { print(s) }"));
        assert!(!is_command("settle"));
        assert!(!is_command("quote (#{seats: 5})"));
    }

    #[test]
    fn quoted_words() {
        assert_eq!(
            words(r#"set customer "Northwind \"NW\" Ltd""#).unwrap(),
            ["set", "customer", "Northwind \"NW\" Ltd"]
        );
        assert!(words("set customer \"open").is_err());
    }

    #[test]
    fn braces_balance_outside_strings() {
        assert!(is_complete("print(1)"));
        assert!(!is_complete("for s in [1, 2] {"));
        assert!(is_complete("for s in [1, 2] {\n print(s)\n}"));
        assert!(is_complete("print(\"{\")"));
        assert!(!is_complete("let x = #{a: 1, // }\n"));
        assert!(is_complete("}"));
    }

    #[test]
    fn pasted_lines_split_into_entries() {
        assert_eq!(
            entries("set seats 5\nfor s in [1] {\n print(s)\n}\nquote"),
            ["set seats 5", "for s in [1] {\n print(s)\n}", "quote"]
        );
        assert_eq!(entries("let x = [1,\n2"), ["let x = [1,\n2"]);
        assert!(entries("").is_empty());
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("sett"), Some("set"));
        assert_eq!(closest("qoute"), Some("quote"));
        assert_eq!(closest("banana"), None);
    }
}

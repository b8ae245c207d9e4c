//! Advice for the slips people make when they write a price list by hand: a date in another
//! format, a currency symbol or a thousands separator in an amount, a decimal comma, `1-9`
//! for a band, `6` for a percentage, a label without quotes, `per user` for `per seat`.
//!
//! Each is recognised from the text where the parse failed, so the message can say what to
//! write instead of only what the grammar expected.

/// A recognised slip: the advice, and, when the slip is wider than the token where pest
/// stopped, the whole of it to underline and name.
pub(super) struct Slip {
    /// What to write instead.
    pub hint: String,
    /// Byte range of the slip, when it should replace the error's own.
    pub span: Option<(usize, usize)>,
    /// What was expected, when clearer than the grammar's list (`a date like 2026-01-01`).
    pub expected: Option<String>,
}

const CURRENCY_SYMBOLS: &[char] = &['$', '€', '£', '¥', '₹', '₩', '₽', '元'];

/// The slip at byte `at` of `src`, if one is recognised; `expected` is the grammar's list.
pub(super) fn slip(src: &str, at: usize, expected: &str) -> Option<Slip> {
    let (word_start, word) = raw_word(src, at);
    let word_end = word_start + word.len();
    let before = src.get(..word_start).unwrap_or("");
    let line_before = before.rsplit('\n').next().unwrap_or("");

    // `off editions when ...`: the scope needs the names of what it takes off.
    for (scope, example) in [
        ("editions", "editions professional, enterprise"),
        ("lines", "lines support.premium, module.analytics"),
    ] {
        if line_before.trim_end().ends_with(&format!("off {scope}")) {
            return Some(Slip {
                hint: format!("name what the discount takes off: `{example}`"),
                span: Some((word_start, word_end)),
                expected: Some(format!("the names after `{scope}`")),
            });
        }
    }
    if let Some(date) = date_hint(word) {
        return Some(Slip {
            hint: date,
            span: Some((word_start, word_end)),
            expected: Some("a date like 2026-01-01".into()),
        });
    }
    if let Some(symbol) = word.chars().find(|c| CURRENCY_SYMBOLS.contains(c)) {
        let bare: String = word
            .chars()
            .filter(|c| !CURRENCY_SYMBOLS.contains(c))
            .collect();
        return Some(Slip {
            hint: format!(
                "write amounts without a currency symbol: `{bare}` (every amount is in the plan's currency, so `{symbol}` is not needed)"
            ),
            span: Some((word_start, word_end)),
            expected: Some("an amount like 19.99".into()),
        });
    }
    // A comma straight after digits: a decimal comma (4,00) or a thousands separator (1,500.00).
    if word.starts_with(',') || word.contains(',') {
        let number_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '_')
            .last()
            .map(|(i, _)| i);
        let (start, whole) = match number_start {
            Some(s) => (s, format!("{}{word}", &before[s..])),
            None => (word_start, word.to_string()),
        };
        if let Some((int, rest)) = whole.split_once(',') {
            let int_ok = !int.is_empty() && int.chars().all(|c| c.is_ascii_digit());
            let frac: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let after = &rest[frac.len()..];
            if int_ok && !frac.is_empty() {
                let thousands =
                    frac.len() == 3 && (after.starts_with('.') || after.starts_with(','));
                let hint = if thousands {
                    let plain: String = whole.chars().filter(|c| *c != ',').collect();
                    format!("write thousands without a comma: `{plain}` (or `{}` with `_` to group digits)", group(&plain))
                } else {
                    format!("write decimals with a point, not a comma: `{int}.{frac}`")
                };
                return Some(Slip {
                    hint,
                    span: Some((start, start + whole.len())),
                    expected: Some("an amount like 19.99".into()),
                });
            }
        }
    }
    // `1-9` for a band (pest may stop at the `-`, after the first number), `101+` for an
    // open one.
    let lead = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let range_start = word_start - lead;
    let range_word = src.get(range_start..word_end).unwrap_or("");
    if let Some((a, b)) = range_word.split_once('-') {
        if is_digits(a) && is_digits(b) {
            return Some(Slip {
                hint: format!("write a seat range with two dots: `{a}..{b}`"),
                span: Some((range_start, word_end)),
                expected: Some("a seat range like 10..100".into()),
            });
        }
    }
    if let Some(a) = range_word.strip_suffix('+') {
        if is_digits(a) && (expected.contains("range") || expected.contains("`..`")) {
            return Some(Slip {
                hint: format!("write an open band with two dots and no end: `{a}..`"),
                span: Some((range_start, word_end)),
                expected: Some("a seat range like 101..".into()),
            });
        }
    }
    // `tax 6` or `20 %`: a percentage is a number with `%` attached.
    if expected.contains("`%`") {
        let number: String = line_before
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !number.is_empty() {
            let hint = if word == "%" {
                format!("write the percentage without a space: `{number}%`")
            } else {
                format!("write a percentage with `%`: `{number}%`")
            };
            return Some(Slip {
                hint,
                span: None,
                expected: None,
            });
        }
    }
    if word == "%" && line_before.ends_with(' ') {
        let number: String = line_before
            .trim_end()
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .to_string();
        if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Some(Slip {
                hint: format!("write the percentage without a space: `{number}%`"),
                span: None,
                expected: None,
            });
        }
    }
    // `per user`: ratecard counts seats.
    if expected.contains("`seat`")
        && [
            "user", "users", "license", "licence", "licenses", "licences", "member", "members",
            "seats",
        ]
        .contains(&word.to_ascii_lowercase().as_str())
    {
        return Some(Slip {
            hint: "a price per user is written `per seat`".into(),
            span: None,
            expected: None,
        });
    }
    // A label or version without quotes.
    if expected.contains("quoted label")
        && !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.".contains(c))
    {
        return Some(Slip {
            hint: format!("labels are quoted: `\"{word}\"`"),
            span: None,
            expected: None,
        });
    }
    None
}

/// Where a keyword belongs, for one written where the grammar does not take it (`billed
/// annually` in a band, `with pro` after an edition's price). Words used everywhere (`per`,
/// `at`, `of`) have no entry: where they belong says nothing.
pub(super) fn keyword_home(word: &str) -> Option<&'static str> {
    Some(match word {
        "billed" => "`billed` ends a price line to give that billing cycle its own price (`23.00 per seat per month billed annually`): in an edition, a module, an add-on or usage, a support tier, a backup option or the storage overage; for a seat table, after its `}`",
        "with" => "`with` names editions in three places: a module's attach price (`20.00 per seat with pro`), an add-on's or usage's allowance (`includes 10000 with enterprise`) and a support tier's `included with enterprise`",
        "includes" => "`includes` lists modules in an edition (`includes contacts, deals`), gives units in an add-on or usage (`includes 10000`), gives a support tier an allowance (`includes 4 visits per year, then 900.00 per visit`), or tests for a module in a condition (`when includes analytics`)",
        "included" => "`included` belongs in the storage block (`included 100 GB`), in a support tier (`included with enterprise`) or after the tax rate (`tax 6% included`)",
        "requires" | "excludes" => "`requires` and `excludes` list other modules inside a module's block: `module reports \"Reports\" { 10.00 flat; requires analytics }`",
        "fee" => "`fee NAME \"Label\" 500.00` is a one-time fee inside an edition's or a module's block",
        "waived" => "`waived when ...` follows a fee's amount: `fee setup \"Setup\" 500.00 waived when seats >= 50`",
        "storage" => "`storage` is the plan's storage block (`storage { included 50 GB }`) or, inside an edition, its allowance (`storage 5 GB per seat`)",
        "minimum" => "`minimum` starts `minimum term 12 months` (the plan or an edition), `minimum commitment 300.00 per month` (the plan), `minimum purchase 5 seats` or `minimum charge 5 seats` (an edition) and `minimum 2` (an add-on or usage)",
        "maximum" => "`maximum` starts `maximum 500 seats` in an edition or `maximum 10` in an add-on or usage",
        "unit" => "`unit WORD` names what an add-on or usage counts, on a line of its own in its block (`unit email`); its price is then per that word (`0.02 per email`), and `unit` itself cannot be the word",
        "overage" => "`overage` prices storage beyond the allowance in the storage block (`overage 0.50 per GB`), or the units of an add-on or usage beyond those included (`overage 0.02 per email`)",
        "channels" => "`channels phone, email` belongs in a support tier",
        "target" | "complexity" => "`target erp \"ERP\" at 8000.00` and `complexity low 1.0, high 1.5` belong in a service",
        "label" => "`label zh \"标准版\"` belongs inside the block of an edition, module, add-on, usage, backup option, support tier or service",
        "withdrawn" => "`withdrawn 2025-09-09` belongs inside an edition's block",
        "when" => "`when` starts a condition after a discount's, coupon's or surcharge's amount (`15% off recurring when billing = annual`) or after a fee's `waived`",
        "exclusive" | "best" => "`exclusive` and `best of GROUP` follow a discount's or coupon's amount and condition",
        "first" | "free" => "`first 10 free` belongs in an add-on or usage",
        "divisible" => "`divisible` follows the unit of an add-on or usage: `unit GB divisible`",
        "off" => "`off` belongs in a discount or coupon: `15% off recurring`, `100.00 off one_time`",
        "volume" | "graduated" => "`seats volume { ... }` and `seats graduated { ... }` price an edition's or module's seats; an add-on or usage writes `volume { ... }` or `graduated { ... }`",
        "stairstep" => "`stairstep { ... }` prices an add-on or usage",
        "then" => "`then` belongs in a support tier's allowance: `includes 4 visits per year, then 900.00 per visit`",
        "net" => "`net` belongs in a support tier's percentage: `20% of net seats`",
        "round" => "`, round up` follows a pack price of an add-on or usage: `10.00 per pack of 50000 calls, round up`",
        "monthly" | "quarterly" | "annually" | "annual" | "semiannually" | "semiannual" | "every" => "a billing cycle follows `billed` at the end of a price line (`billed annually`, `billed every 24 months`), or is compared in a condition (`when billing = annual`)",
        "cliff" => "`cliff ok` ends a band of a volume seat table (`large 101.. at 85.00 cliff ok`): the cliff into that band is meant",
        "exempt" | "default" | "reverse" => "`exempt`, `default` and `reverse charge in EU` belong in a `tax by country { ... }` table",
        "approver" | "floor" | "prorate" | "renewal" | "quotes" => "deal rules belong in the plan's `deals { ... }` block",
        _ => return None,
    })
}

/// The text at `at` up to whitespace or a delimiter, and where it starts (a comma or a
/// symbol at `at` starts the word itself).
fn raw_word(src: &str, at: usize) -> (usize, &str) {
    let rest = src.get(at..).unwrap_or("");
    let len = rest
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || ";{}#\"".contains(*c))
        .map_or(rest.len(), |(i, _)| i);
    (at, &rest[..len])
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// `1500.00` as `1_500.00`.
fn group(plain: &str) -> String {
    let (int, frac) = plain
        .split_once('.')
        .map_or((plain, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('_');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Advice for a date written another way: `07/01/2026`, `1.7.2026`, `2026/07/01`.
fn date_hint(word: &str) -> Option<String> {
    let parts: Vec<&str> = word.split(['/', '.', '-']).collect();
    if parts.len() != 3 || !parts.iter().all(|p| is_digits(p)) || word.contains("..") {
        return None;
    }
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let [a, b, c] = n[..] else { return None };
    let iso = |y: u32, m: u32, d: u32| format!("{y:04}-{m:02}-{d:02}");
    if parts[0].len() == 4 {
        if word.contains('-') {
            return None; // Already year-month-day; the checker judges the calendar.
        }
        return Some(format!(
            "write dates as year-month-day with dashes: `{}`",
            iso(a, b, c)
        ));
    }
    if parts[2].len() != 4 {
        return Some(
            "write dates as year-month-day with a four-digit year, like `2026-07-01`".into(),
        );
    }
    Some(match (a <= 12, b <= 12) {
        (true, true) if a != b => format!(
            "write dates as year-month-day: `{}` for month {a}, day {b}, or `{}` for day {a}, month {b}",
            iso(c, a, b),
            iso(c, b, a)
        ),
        (false, true) => format!("write dates as year-month-day: `{}`", iso(c, b, a)),
        _ => format!("write dates as year-month-day: `{}`", iso(c, a, b)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(src: &str, at_text: &str, expected: &str) -> String {
        let at = src.find(at_text).expect("in text");
        slip(src, at, expected).map(|s| s.hint).unwrap_or_default()
    }

    #[test]
    fn dates_amounts_and_ranges() {
        assert_eq!(
            hint("effective 07/01/2026", "07", ""),
            "write dates as year-month-day: `2026-07-01` for month 7, day 1, or `2026-01-07` for day 7, month 1"
        );
        assert_eq!(
            hint("effective 25.12.2026", "25", ""),
            "write dates as year-month-day: `2026-12-25`"
        );
        assert_eq!(
            hint("10.. at $10.00", "$", ""),
            "write amounts without a currency symbol: `10.00` (every amount is in the plan's currency, so `$` is not needed)"
        );
        assert_eq!(
            hint("{ 4,00 per seat }", ",", ""),
            "write decimals with a point, not a comma: `4.00`"
        );
        assert_eq!(
            hint("{ 1,500.00 flat }", ",", ""),
            "write thousands without a comma: `1500.00` (or `1_500.00` with `_` to group digits)"
        );
        assert_eq!(
            hint("  1-9 at 2.00", "1-9", ""),
            "write a seat range with two dots: `1..9`"
        );
        assert_eq!(
            hint("  1-9 at 2.00", "-9", ""),
            "write a seat range with two dots: `1..9`"
        );
        assert_eq!(
            hint("  tax 6\n", "\n", "`%`"),
            "write a percentage with `%`: `6%`"
        );
        assert_eq!(
            hint("{ 20 % of", "%", "`%`"),
            "write the percentage without a space: `20%`"
        );
    }
}

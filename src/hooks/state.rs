//! The draft quote a hook works on, and every change a hook may make to it.
//!
//! Kept free of Rhai so the pricing rules (rounding, caps, compounding, ids) read like the
//! rest of the evaluator; `api` only converts script values to and from these calls. Every
//! change names the script that made it, in a line's explanation, a note or a reason.

use super::view::RequestData;
use crate::model::Text;
use crate::money;
use crate::quote::{Category, Explain, Line, LineKind};
use rust_decimal::Decimal;

/// What one quote's hooks share: the draft lines, what they said, and the request.
#[derive(Debug)]
pub(crate) struct State {
    /// The running hook's path as written in the plan (`rules/education.rhai`).
    pub script: Text,
    /// The running hook's file stem, for line ids (`education`).
    pub stem: Text,
    /// The currency's code.
    pub currency: Text,
    /// The currency's minor digits.
    pub digits: u32,
    /// The draft lines: priced, discounted, and whatever earlier hooks added.
    pub lines: Vec<Line>,
    /// Notes the hooks added, already naming their script.
    pub notes: Vec<String>,
    /// Approval reasons the hooks gave, already naming their script.
    pub reasons: Vec<String>,
    /// Set by `reject`: the message and where the script called it.
    pub rejected: Option<Rejected>,
    /// Discount lines hooks added, with the target they were taken of (for compounding).
    pub hook_discounts: Vec<(usize, String)>,
    /// The request, read-only.
    pub request: RequestData,
}

/// A script's `reject` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rejected {
    /// What the script said.
    pub message: String,
    /// 1-based line and column of the call.
    pub at: Option<(usize, usize)>,
}

/// A new line as a script describes it.
#[derive(Debug, Clone, Default)]
pub(crate) struct NewLine {
    pub label: String,
    pub kind: Option<LineKind>,
    pub category: Option<Category>,
    pub amount: Option<Decimal>,
    pub quantity: Option<Decimal>,
    pub unit_price: Option<Decimal>,
    pub explanation: Option<String>,
    pub id: Option<String>,
}

/// How much a discount takes off.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Off {
    /// Percent of the target's running net (20 for 20%).
    Percent(Decimal),
    /// A fixed amount, capped at the target's running net.
    Amount(Decimal),
}

/// What a discount applies to.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    /// Every line of these kinds, discounts included (the running net).
    Scope(&'static [LineKind]),
    /// Every line of a category.
    Category(Category),
    /// One line, by id.
    Line(String),
}

const BOTH: &[LineKind] = &[LineKind::Recurring, LineKind::OneTime];

/// Category names as the JSON contract spells them.
pub(crate) const CATEGORIES: &[(&str, Category)] = &[
    ("seats", Category::Seats),
    ("module", Category::Module),
    ("storage", Category::Storage),
    ("backup", Category::Backup),
    ("support", Category::Support),
    ("service", Category::Service),
    ("discount", Category::Discount),
];

/// `recurring` or `one_time` (also `one-time`), as a line kind.
pub(crate) fn line_kind(word: &str) -> Option<LineKind> {
    match word {
        "recurring" => Some(LineKind::Recurring),
        "one_time" | "one-time" => Some(LineKind::OneTime),
        _ => None,
    }
}

/// The word for a line kind, as the JSON contract spells it.
pub(crate) fn kind_name(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Recurring => "recurring",
        LineKind::OneTime => "one_time",
    }
}

/// A category by its JSON name.
pub(crate) fn category(word: &str) -> Option<Category> {
    CATEGORIES.iter().find(|(n, _)| *n == word).map(|(_, c)| *c)
}

/// The JSON name of a category.
pub(crate) fn category_name(c: Category) -> &'static str {
    CATEGORIES
        .iter()
        .find(|(_, x)| *x == c)
        .map_or("service", |(n, _)| n)
}

/// Lower-case words joined by `_`, for line ids; letters of any script are kept.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("line");
    }
    out
}

fn too_large(what: &str) -> String {
    format!("{what} is too large to compute exactly")
}

impl State {
    /// Sum of the lines of `kind` that pass `keep`.
    fn sum(&self, kind: LineKind, keep: impl Fn(&Line) -> bool) -> Result<Decimal, String> {
        let mut total = Decimal::ZERO;
        for l in self.lines.iter().filter(|l| l.kind == kind && keep(l)) {
            total = money::add(total, l.amount).map_err(|_| too_large("a running total"))?;
        }
        Ok(total)
    }

    /// Running net of one kind: every line, discounts included.
    pub fn net(&self, kind: LineKind) -> Result<Decimal, String> {
        self.sum(kind, |_| true)
    }

    /// List amount of one kind: every line except discounts.
    pub fn list(&self, kind: LineKind) -> Result<Decimal, String> {
        self.sum(kind, |l| l.category != Category::Discount)
    }

    /// `monthly x cycle months + one-time`, before tax.
    pub fn invoice(
        &self,
        monthly: Decimal,
        one_time: Decimal,
        months: u64,
    ) -> Result<Decimal, String> {
        money::mul(monthly, Decimal::from(months))
            .and_then(|m| money::add(m, one_time))
            .map_err(|_| too_large("a running total"))
    }

    /// An id not yet on the quote: `base`, else `base.2`, `base.3` ...
    fn fresh_id(&self, base: String) -> Text {
        let taken = |id: &str| self.lines.iter().any(|l| &*l.id == id);
        if !taken(&base) {
            return Text::from(base);
        }
        (2..)
            .map(|n| format!("{base}.{n}"))
            .find(|id| !taken(id))
            .map_or_else(|| Text::from(base), Text::from)
    }

    fn push(&mut self, line: Line) -> Text {
        let id = line.id.clone();
        self.lines.push(line);
        id
    }

    /// Adds a line the script describes; returns its id.
    pub fn add_line(&mut self, new: NewLine) -> Result<Text, String> {
        let label = new.label.trim();
        if label.is_empty() {
            return Err("add_line needs a label: #{ label: \"Project management\", ... }".into());
        }
        let Some(kind) = new.kind else {
            return Err("add_line needs a kind: \"recurring\" or \"one_time\"".into());
        };
        let product = match (new.quantity, new.unit_price) {
            (Some(q), Some(u)) => {
                Some(money::mul(q, u).map_err(|_| too_large("quantity x unit_price"))?)
            }
            _ => None,
        };
        let raw = match (new.amount, product) {
            (Some(a), Some(p)) if money::round(a, self.digits) != money::round(p, self.digits) => {
                return Err(format!(
                    "add_line was given amount {} but quantity x unit_price is {}; give one or make them agree",
                    a.normalize(),
                    money::format_amount(p, self.digits)
                ))
            }
            (Some(a), _) => a,
            (None, Some(p)) => p,
            (None, None) => {
                return Err("add_line needs an amount (or a quantity and a unit_price)".into())
            }
        };
        let amount = money::round(raw, self.digits);
        let category = new.category.unwrap_or(if amount < Decimal::ZERO {
            Category::Discount
        } else if kind == LineKind::OneTime {
            Category::Service
        } else {
            Category::Module
        });
        let id = match new.id {
            Some(id) if id.trim().is_empty() => return Err("add_line was given an empty id".into()),
            Some(id) if self.lines.iter().any(|l| *l.id == *id) => {
                return Err(format!("a line with id `{id}` is already on the quote"))
            }
            Some(id) => Text::from(id),
            None => self.fresh_id(format!("hook.{}.{}", self.stem, slug(label))),
        };
        let text = new
            .explanation
            .filter(|e| !e.trim().is_empty())
            .unwrap_or_else(|| "set by the script".to_string());
        Ok(self.push(Line {
            id,
            label: Text::from(label),
            kind,
            category,
            quantity: new.quantity,
            unit_price: new.unit_price,
            amount,
            yearly: None,
            explain: Explain::Hook {
                script: self.script.clone(),
                text,
            },
        }))
    }

    fn target(&self, word: &str) -> Result<Target, String> {
        match word {
            "recurring" => return Ok(Target::Scope(&[LineKind::Recurring])),
            "one_time" | "one-time" => return Ok(Target::Scope(&[LineKind::OneTime])),
            "all" => return Ok(Target::Scope(BOTH)),
            _ => {}
        }
        if let Some(c) = category(word) {
            return Ok(Target::Category(c));
        }
        if self.lines.iter().any(|l| &*l.id == word) {
            return Ok(Target::Line(word.to_string()));
        }
        let ids: Vec<&str> = self.lines.iter().map(|l| &*l.id).collect();
        Err(format!(
            "no discount target `{word}`: use recurring, one_time, all, a category ({}) or a line id on this quote ({})",
            CATEGORIES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "),
            ids.join(", ")
        ))
    }

    /// Takes a discount off `targets`; returns the total taken off (0 when nothing applied).
    ///
    /// A scope (`recurring`, `one_time`, `all`) is discounted on its running net, like the
    /// plan's discounts. A category or a line is discounted on its list amount, less what
    /// earlier hook discounts on the very same target took off, so repeated discounts compound.
    pub fn discount(
        &mut self,
        targets: &[String],
        off: Off,
        label: &str,
    ) -> Result<Decimal, String> {
        let label = label.trim();
        if label.is_empty() {
            return Err("a discount needs a label, such as \"Education discount\"".into());
        }
        if targets.is_empty() {
            return Err(
                "a discount needs a target: recurring, one_time, all, a category or a line id"
                    .into(),
            );
        }
        let mut words: Vec<&str> = targets.iter().map(|t| t.trim()).collect();
        words.sort_unstable();
        words.dedup();
        let parsed = words
            .iter()
            .map(|w| self.target(w))
            .collect::<Result<Vec<_>, _>>()?;
        let key = words.join(", ");
        let hits = |i: usize, l: &Line| {
            parsed.iter().any(|t| match t {
                Target::Scope(kinds) => kinds.contains(&l.kind),
                Target::Category(c) => l.category == *c,
                Target::Line(id) => *l.id == **id,
            }) || self
                .hook_discounts
                .iter()
                .any(|(j, k)| *j == i && *k == key)
        };
        let kinds: Vec<LineKind> = [LineKind::Recurring, LineKind::OneTime]
            .into_iter()
            .filter(|k| {
                parsed
                    .iter()
                    .any(|t| matches!(t, Target::Scope(ks) if ks.contains(k)))
                    || self
                        .lines
                        .iter()
                        .enumerate()
                        .any(|(i, l)| l.kind == *k && hits(i, l))
            })
            .collect();
        match off {
            Off::Percent(p) if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED => {
                return Err(format!("a percent discount must be between 0 and 100, not {}", p.normalize()))
            }
            Off::Amount(a) if a < Decimal::ZERO => {
                return Err(format!("a discount amount must be 0 or more, not {}; add a line to charge more", a.normalize()))
            }
            Off::Amount(_) if kinds.len() > 1 => {
                return Err(format!(
                    "a fixed discount needs a target of one kind, recurring (per month) or one_time; `{key}` has both"
                ))
            }
            _ => {}
        }
        let mut bases = Vec::with_capacity(kinds.len());
        for &kind in &kinds {
            let mut base = Decimal::ZERO;
            for (i, l) in self.lines.iter().enumerate() {
                if l.kind == kind && hits(i, l) {
                    base = money::add(base, l.amount).map_err(|_| too_large("a running total"))?;
                }
            }
            bases.push((kind, base));
        }
        let stem = format!("hook.{}.{}", self.stem, slug(label));
        let two = bases.len() > 1;
        let mut total = Decimal::ZERO;
        for (kind, base) in bases {
            if base <= Decimal::ZERO {
                continue;
            }
            let (taken, text) = match off {
                Off::Percent(p) => (
                    money::percent_of(base, p, self.digits)
                        .map_err(|_| too_large("the discount"))?,
                    format!(
                        "{}% of {} on {key}",
                        p.normalize(),
                        money::format_amount(base, self.digits)
                    ),
                ),
                Off::Amount(a) => {
                    let mut text = format!("{} off", money::format_amount(a, self.digits));
                    if a > base {
                        text.push_str(&format!(
                            ", capped at the net {}",
                            money::format_amount(base, self.digits)
                        ));
                    }
                    text.push_str(&format!(" on {key}"));
                    (money::round(a.min(base), self.digits), text)
                }
            };
            if taken.is_zero() {
                continue;
            }
            let base_id = if two {
                format!("{stem}.{}", kind_name(kind))
            } else {
                stem.clone()
            };
            let id = self.fresh_id(base_id);
            let index = self.lines.len();
            self.push(Line {
                id,
                label: Text::from(label),
                kind,
                category: Category::Discount,
                quantity: None,
                unit_price: None,
                amount: -taken,
                yearly: None,
                explain: Explain::Hook {
                    script: self.script.clone(),
                    text,
                },
            });
            self.hook_discounts.push((index, key.clone()));
            total = money::add(total, taken).map_err(|_| too_large("the discount"))?;
        }
        Ok(total)
    }

    /// A note on the quote, naming the script.
    pub fn note(&mut self, text: &str) {
        self.notes.push(format!("hook {}: {text}", self.script));
    }

    /// An approval reason, naming the script.
    pub fn require_approval(&mut self, reason: &str) {
        self.reasons
            .push(format!("{reason} (hook {})", self.script));
    }
}

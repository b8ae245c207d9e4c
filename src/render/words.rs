//! A quote's and a plan's terms in a customer's words and language: billing cycles, units,
//! support channels, complexities, seat bands, line labels and the short description of a
//! line, every word from the message catalogues and the plan's labels, never the plan's
//! syntax (`1..20`, `flat`) or its names (`erp_kingdee`).
//!
//! Amounts are only formatted here; every amount shown was computed before.

use super::locale::{grouped, Lang, Words};
use crate::model::{Band, Plan, SeatPrice};
use crate::money::{format_quantity, format_unit};
use crate::quote::{Explain, Line, Per, QtyDetail};
use crate::request::Request;
use rust_decimal::Decimal;

/// The catalogue and the money a text is written in.
pub struct Say<'a> {
    /// The language's catalogue.
    pub w: &'a Words,
    /// The currency's code.
    pub currency: &'a str,
    /// The currency's minor digits.
    pub d: u32,
}

/// Digits with thousands separators: `1234567.5` as `1,234,567.5`.
pub fn group_digits(text: &str) -> String {
    let (sign, body) = match text.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", text),
    };
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let mut out = String::with_capacity(text.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    format!("{sign}{out}")
}

/// A quantity with thousands separators and no trailing zeros: `50,000`, `12.5`.
pub fn number(x: Decimal) -> String {
    group_digits(&format_quantity(x))
}

impl Say<'_> {
    /// The language.
    pub fn lang(&self) -> Lang {
        self.w.lang
    }

    /// An amount with exactly the currency's digits and thousands separators: `30,000.00`.
    pub fn amount(&self, x: Decimal) -> String {
        grouped(x, self.d)
    }

    /// A unit price as written, at least the currency's digits: `30,000.00`, `0.002`.
    pub fn money(&self, x: Decimal) -> String {
        group_digits(&format_unit(x, self.d))
    }

    /// An amount with its currency: `1,188.00 元` in Chinese for CNY, else `1,188.00 USD`.
    pub fn with_currency(&self, x: Decimal) -> String {
        match (self.lang(), self.currency) {
            (Lang::Zh, "CNY") => format!("{} 元", self.amount(x)),
            _ => format!("{} {}", self.amount(x), self.currency),
        }
    }

    /// A price per unit and period: `23.00 per seat per month`, `1,188.00 元/用户/年`,
    /// `2,500.00 元/场`. `price` is already formatted; `noun` is in the document's words.
    pub fn price(&self, price: &str, noun: Option<&str>, per: Option<Per>) -> String {
        let period = match per {
            Some(Per::Month) => self.w.get("per-month"),
            Some(Per::Year) => self.w.get("per-year"),
            Some(Per::Once) | None => String::new(),
        };
        match self.lang() {
            Lang::Zh => {
                // `45.00 元/包`, `45.00 USD/包`: one space before the currency, never two.
                let money = if self.currency == "CNY" {
                    "元"
                } else {
                    self.currency
                };
                let noun = noun.map_or(String::new(), |n| format!("/{n}"));
                format!("{price} {money}{noun}{period}")
            }
            Lang::En => {
                let noun = noun.map_or(String::new(), |n| format!(" per {n}"));
                let period = if period.is_empty() {
                    period
                } else {
                    format!(" {period}")
                };
                format!("{price}{noun}{period}")
            }
        }
    }

    /// How often, as an adverb: `monthly`, `按年`, `every 24 months`.
    pub fn cycle(&self, months: u64) -> String {
        match months {
            1 | 3 | 6 | 12 => self.w.get(&format!("cycle-{months}")),
            n => self.w.with("cycle-n", &[("months", n.to_string())]),
        }
    }

    /// A billing cycle's name on a toggle: `Annually`, `年付`.
    pub fn cycle_name(&self, months: u64) -> String {
        match months {
            1 | 3 | 6 | 12 => self.w.get(&format!("cycle-name-{months}")),
            n => self.w.with("cycle-name-n", &[("months", n.to_string())]),
        }
    }

    /// `billed annually`, `按年付费`.
    pub fn billed(&self, months: u64) -> String {
        self.w
            .with("billed-cycle", &[("cycle", self.cycle(months))])
    }

    /// A catalogue word for `key-NAME`, or `NAME` as written when the catalogue has none
    /// (a plan may name a channel or unit ratecard does not know).
    fn known(&self, key: &str, name: &str) -> String {
        let k = format!("{key}-{name}");
        let found = self.w.get(&k);
        if found == k {
            name.replace('_', " ")
        } else {
            found
        }
    }

    /// A support channel in words: `phone`, `上门服务`.
    pub fn channel(&self, c: &str) -> String {
        self.known("channel", c)
    }

    /// Channels as a list: `email, online chat and phone`, `邮件、在线客服、电话`.
    pub fn channels(&self, list: &[impl AsRef<str>]) -> String {
        let words: Vec<String> = list.iter().map(|c| self.channel(c.as_ref())).collect();
        self.list(&words)
    }

    /// Items as a list in the language: `a, b and c`; `a、b、c`.
    pub fn list(&self, items: &[String]) -> String {
        match self.lang() {
            Lang::Zh => items.join("、"),
            Lang::En => match items {
                [] => String::new(),
                [one] => one.clone(),
                [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            },
        }
    }

    /// A complexity level in words: `high complexity`, `高复杂度`.
    pub fn complexity(&self, c: &str) -> String {
        let level = self.known("complexity", c);
        self.w.with("complexity-word", &[("level", level)])
    }

    /// A complexity level alone: `high`, `高`.
    pub fn complexity_level(&self, c: &str) -> String {
        self.known("complexity", c)
    }

    /// A unit the plan names, singular, in the language: `session`, `场`, `条`.
    pub fn unit(&self, u: &str) -> String {
        self.known("unit", u)
    }

    /// `n` of a unit: `3 sessions`, `3 场`, `25,500 条`.
    pub fn units(&self, n: Decimal, u: &str) -> String {
        let q = number(n);
        match self.lang() {
            Lang::Zh => format!("{q} {}", self.unit(u)),
            Lang::En if n == Decimal::ONE => format!("{q} {}", self.unit(u)),
            Lang::En => {
                let key = format!("unit-{u}s");
                let word = self.w.get(&key);
                if word == key {
                    format!("{q} {}", crate::quote::plural(u))
                } else {
                    format!("{q} {word}")
                }
            }
        }
    }

    /// `12 seats`, `12 个用户`.
    pub fn seats(&self, n: u64) -> String {
        self.w.with("n-seats", &[("n", n.to_string())])
    }

    /// A seat band's range: `21–100`, `101+` (`第 21–100 位`, `第 101 位起`).
    pub fn band_range(&self, from: u64, to: Option<u64>) -> String {
        let from = number(Decimal::from(from));
        match to {
            Some(to) => self.w.with(
                "band-range",
                &[("from", from), ("to", number(Decimal::from(to)))],
            ),
            None => self.w.with("band-open", &[("from", from)]),
        }
    }

    /// A band's range from its text as written (`21..100`, `101..`), for records that keep
    /// only the text.
    pub fn range_text(&self, range: &str) -> String {
        let (from, to) = range.split_once("..").unwrap_or((range, ""));
        match (from.trim().parse::<u64>(), to.trim()) {
            (Ok(f), "") => self.band_range(f, None),
            (Ok(f), t) => match t.parse::<u64>() {
                Ok(t) => self.band_range(f, Some(t)),
                Err(_) => range.replace("..", "–"),
            },
            _ => range.replace("..", "–"),
        }
    }

    /// What one unit of a line's quantity is, in the document's words: `seat`, `包（1000
    /// 条）`, `GB`, `场`; `None` for a flat amount.
    pub fn unit_noun(&self, e: &Explain) -> Option<String> {
        Some(match e {
            Explain::PerSeat { .. } | Explain::Volume { .. } | Explain::Graduated { .. } => {
                self.w.get("unit-seat")
            }
            Explain::Pack { size, .. } => self.w.with(
                "unit-pack",
                &[("size", self.seats(*size).trim().to_string())],
            ),
            Explain::Account { .. } => self.w.get("unit-account"),
            Explain::Storage { .. } => "GB".to_string(),
            Explain::PerUnit { unit, .. } => self.unit(unit),
            Explain::Integration { .. } => self.w.get("unit-target"),
            Explain::ExtraUnits { unit, .. } => self.unit(unit.trim_end_matches('s')),
            // Metered daily, the unit price is a day's (a calendar day, not a person-day).
            Explain::Quantity(x) if x.daily.is_some() => self.w.get("unit-calendar-day"),
            Explain::Quantity(x) => match &x.detail {
                QtyDetail::Pack { size, .. } => self
                    .w
                    .with("unit-pack", &[("size", self.units(*size, &x.unit))]),
                _ => self.unit(&x.unit),
            },
            Explain::Billed { inner, .. }
            | Explain::PerYear { inner, .. }
            | Explain::Attach { inner, .. }
            | Explain::MinimumCharge { inner, .. } => return self.unit_noun(inner),
            Explain::Flat
            | Explain::Included { .. }
            | Explain::Backup { .. }
            | Explain::SupportPercent { .. }
            | Explain::Workload { .. }
            | Explain::DiscountPercent { .. }
            | Explain::DiscountFixed { .. }
            | Explain::Waived { .. }
            | Explain::SurchargeFixed { .. }
            | Explain::PercentOf { .. }
            | Explain::Fee { .. }
            | Explain::Commitment { .. }
            | Explain::Hook { .. } => return None,
        })
    }

    /// What a line bought, where no unit price multiplies out: `15 seats of seats 21–100`,
    /// `高复杂度，10 人天`, `交易额 30,000.00 的 0.6% + 每笔 0.10`; never how it was computed.
    pub fn summary(&self, e: &Explain) -> String {
        let w = self.w;
        let pct = |p: &Decimal| format_quantity(*p);
        match e {
            Explain::Volume { seats, range, .. } => w.with(
                "volume-band",
                &[
                    ("seats", self.seats(*seats)),
                    ("range", self.range_text(range)),
                ],
            ),
            Explain::Graduated { units, range, .. } => w.with(
                "graduated-band",
                &[
                    ("seats", self.seats(*units)),
                    ("range", self.range_text(range)),
                ],
            ),
            Explain::Flat => w.get("flat-fee"),
            Explain::Account { seats, up_to } => w.with(
                "account-summary",
                &[
                    ("seats", self.seats(*seats)),
                    ("n", number(Decimal::from(*up_to))),
                ],
            ),
            Explain::Storage { billed, .. } => w.with("storage-above", &[("gb", number(*billed))]),
            Explain::Backup { rate, .. } if rate.is_zero() => w.get("flat-fee"),
            Explain::Backup { used, .. } => w.with("backup-for", &[("gb", number(*used))]),
            Explain::SupportPercent { percent, .. } => {
                w.with("support-percent", &[("percent", pct(percent))])
            }
            Explain::PercentOf { percent, of, .. } => {
                let key = if &**of == "seats" {
                    "percent-of-seats"
                } else {
                    "percent-of-modules"
                };
                w.with(key, &[("percent", pct(percent))])
            }
            Explain::Workload {
                quantity,
                unit,
                complexity,
                ..
            } => {
                let work = self.units(*quantity, unit);
                match complexity {
                    Some(c) => w.with(
                        "work-words",
                        &[("complexity", self.complexity(c)), ("work", work)],
                    ),
                    None => work,
                }
            }
            Explain::Integration { complexity, .. } => complexity
                .as_ref()
                .map_or(String::new(), |c| self.complexity(c)),
            // Metered daily, the unit price is a day's (a calendar day, not a person-day).
            Explain::Quantity(x) if x.daily.is_some() => self.w.get("unit-calendar-day"),
            Explain::Quantity(x) => match &x.detail {
                QtyDetail::Percent(p) => w.with(
                    "volume-words",
                    &[
                        ("percent", pct(&p.percent)),
                        ("volume", self.money(p.volume)),
                        ("fixed", self.money(p.fixed)),
                    ],
                ),
                _ => self.units(x.quantity, &x.unit),
            },
            Explain::DiscountPercent { percent, .. } => {
                w.with("percent-off", &[("percent", pct(percent))])
            }
            Explain::DiscountFixed { .. }
            | Explain::Commitment { .. }
            | Explain::SurchargeFixed { .. } => String::new(),
            Explain::Waived { .. } => w.get("waived"),
            Explain::Included { edition } => {
                w.with("included-in", &[("item", edition.to_string())])
            }
            Explain::Fee { item } => w.with("comes-with", &[("item", item.to_string())]),
            Explain::Billed { inner, .. }
            | Explain::PerYear { inner, .. }
            | Explain::Attach { inner, .. }
            | Explain::MinimumCharge { inner, .. } => self.summary(inner),
            Explain::ExtraUnits {
                expected,
                included,
                unit,
                years,
                ..
            } => w.with(
                "extra-units",
                &[
                    ("n", expected.saturating_sub(*included).to_string()),
                    ("unit", self.unit(unit.trim_end_matches('s'))),
                    ("included", included.to_string()),
                    ("years", years.to_string()),
                ],
            ),
            Explain::PerSeat { seats, .. } | Explain::Pack { seats, .. } => self.seats(*seats),
            Explain::PerUnit { quantity, unit, .. } => self.units(*quantity, unit),
            // A hook's own words, as its author wrote them.
            Explain::Hook { text, .. } => text.clone(),
        }
    }
}

/// The bands of a seat price, if it has any.
fn bands(p: &SeatPrice) -> &[Band] {
    match p {
        SeatPrice::Volume(b) | SeatPrice::Graduated(b) => b,
        _ => &[],
    }
}

/// An item's label in `lang`: the plan's `label LANG` when it gives one, else its own.
pub fn label_in(plan: &Plan, kind: &str, id: &str, own: &str, lang: Lang) -> String {
    plan.label_in(kind, id, lang.code())
        .map_or_else(|| own.to_string(), |l| l.to_string())
}

/// A quote line's label in the document's words: the label of the item it prices in the
/// document's language, a seat band as a range of seats, and the lines ratecard names
/// itself (storage, a commitment's true-up) from the catalogue.
pub fn line_label(plan: Option<&Plan>, r: &Request, l: &Line, say: &Say) -> String {
    let own = l.label.to_string();
    let w = say.w;
    let lang = say.lang();
    let id = &*l.id;
    match id {
        "storage" => return w.get("storage-line"),
        "commitment" => return w.get("commitment-line"),
        _ => {}
    }
    let Some(p) = plan else { return own };
    let first = |rest: &str| rest.split('.').next().unwrap_or("").to_string();
    if id == "seats" || id.starts_with("seats.") {
        // The edition whose seat line this is: by its label (a ramp may change edition),
        // else the request's.
        let edition = (p.editions.iter())
            .find(|e| {
                l.label.starts_with(&*e.line_label)
                    && (id == "seats" || all_bands(e).any(|b| *b.line_id == *id))
            })
            .or_else(|| {
                (r.edition.as_deref()).and_then(|n| p.editions.iter().find(|e| &*e.id == n))
            });
        let Some(e) = edition else { return own };
        let item = label_in(p, "edition", &e.id, &e.label, lang);
        let seats = lang.seats_word().to_string();
        return match all_bands(e).find(|b| *b.line_id == *id) {
            Some(b) => w.with(
                "seats-band-line",
                &[
                    ("item", item),
                    ("seats", seats),
                    ("range", say.band_range(b.from, b.to)),
                ],
            ),
            None => format!("{item} {seats}"),
        };
    }
    if let Some(rest) = id.strip_prefix("module.") {
        let n = first(rest);
        let Some(m) = p.modules.iter().find(|m| *m.id == *n) else {
            return own;
        };
        let item = label_in(p, "module", &m.id, &m.label, lang);
        let prices = (m.price.iter())
            .chain(m.cycle_prices.iter().map(|(_, x)| x))
            .chain(m.attach.iter().map(|a| &a.price));
        return match prices.flat_map(bands).find(|b| *b.line_id == *id) {
            Some(b) => w.with(
                "module-band-line",
                &[("item", item), ("range", say.band_range(b.from, b.to))],
            ),
            None => item,
        };
    }
    if let Some(rest) = id.strip_prefix("addon.").or(id.strip_prefix("usage.")) {
        let n = first(rest);
        let kind = if id.starts_with("usage.") {
            "usage"
        } else {
            "add-on"
        };
        return (p.quantities.iter().find(|q| *q.id == *n))
            .map_or(own, |q| label_in(p, kind, &q.id, &q.label, lang));
    }
    if let Some(rest) = id.strip_prefix("backup.") {
        let n = first(rest);
        return (p.backups.iter().find(|b| *b.id == *n))
            .map_or(own, |b| label_in(p, "backup option", &b.id, &b.label, lang));
    }
    if let Some(rest) = id.strip_prefix("support.") {
        let n = first(rest);
        let Some(s) = p.supports.iter().find(|s| *s.id == *n) else {
            return own;
        };
        let label = label_in(p, "support tier", &s.id, &s.label, lang);
        return match &s.allowance {
            Some(a) if *a.line_id == *id => w.with(
                "support-extra-line",
                &[
                    ("label", label),
                    ("unit", say.unit(a.unit.trim_end_matches('s'))),
                ],
            ),
            _ => label,
        };
    }
    if let Some(rest) = id.strip_prefix("service.") {
        let n = first(rest);
        let Some(s) = p.services.iter().find(|s| *s.id == *n) else {
            return own;
        };
        let label = label_in(p, "service", &s.id, &s.label, lang);
        if let crate::model::ServicePricing::Targets { targets, .. } = &s.pricing {
            if let Some(t) = targets.iter().find(|t| *t.line_id == *id) {
                let sep = if lang == Lang::Zh { "：" } else { ": " };
                return format!("{label}{sep}{}", t.label);
            }
        }
        return label;
    }
    if id.starts_with("discount.negotiated") {
        if let Some(reason) = own.split_once(": ").map(|(_, r)| r) {
            return w.with("negotiated-discount", &[("reason", reason.to_string())]);
        }
    }
    own
}

/// Every band of an edition's prices, on any cycle.
fn all_bands(e: &crate::model::Edition) -> impl Iterator<Item = &Band> {
    std::iter::once(&e.price)
        .chain(e.cycle_prices.iter().map(|(_, p)| p))
        .flat_map(bands)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn prices_units_and_ranges_in_each_language() {
        let (en, zh) = (Words::new(Lang::En), Words::new(Lang::Zh));
        let say_en = Say {
            w: &en,
            currency: "USD",
            d: 2,
        };
        let say_zh = Say {
            w: &zh,
            currency: "CNY",
            d: 2,
        };
        assert_eq!(
            say_en.price("23.00", Some("seat"), Some(Per::Month)),
            "23.00 per seat per month"
        );
        assert_eq!(
            say_zh.price("1,188.00", Some("用户"), Some(Per::Year)),
            "1,188.00 元/用户/年"
        );
        assert_eq!(say_zh.price("2,500.00", Some("场"), None), "2,500.00 元/场");
        assert_eq!(say_en.money(dec!(30000)), "30,000.00");
        assert_eq!(say_en.money(dec!(0.002)), "0.002");
        assert_eq!(say_en.units(dec!(3), "session"), "3 sessions");
        assert_eq!(say_en.units(dec!(2), "sandbox"), "2 sandboxes");
        assert_eq!(say_zh.units(dec!(25500), "条"), "25,500 条");
        assert_eq!(say_zh.units(dec!(10), "day"), "10 人天");
        assert_eq!(say_en.range_text("21..100"), "21–100");
        assert_eq!(say_zh.range_text("101.."), "第 101 位起");
        assert_eq!(say_en.cycle(24), "every 24 months");
        assert_eq!(say_zh.billed(12), "按年付费");
        assert_eq!(
            say_en.channels(&["email", "online", "phone"]),
            "email, online chat and phone"
        );
        assert_eq!(say_zh.channels(&["phone", "onsite"]), "电话、上门服务");
        assert_eq!(say_zh.complexity("high"), "高复杂度");
        // A word the catalogue does not know is shown as written, never dropped.
        assert_eq!(say_en.channel("carrier_pigeon"), "carrier pigeon");
        assert_eq!(group_digits("-1234567.125"), "-1,234,567.125");
    }
}

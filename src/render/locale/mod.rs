//! The built-in words of customer documents in the customer's language (message
//! catalogues, one Fluent file per language), and numbers and dates as that language
//! writes them.

mod capital;

pub use capital::capital_yuan;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use rust_decimal::Decimal;

/// A language documents are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The language a plan's documents default to: Chinese for a plan in CNY, else English.
    pub fn for_currency(code: &str) -> Lang {
        if code == "CNY" {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language of a plan's documents: its `locale`, else by its currency.
    pub fn for_plan(plan: &crate::model::Plan) -> Lang {
        match plan
            .locale
            .as_deref()
            .map(|l| l.split(['-', '_']).next().unwrap_or(""))
        {
            Some("zh") => Lang::Zh,
            Some("en") => Lang::En,
            _ => Lang::for_currency(&plan.currency.code),
        }
    }

    /// The code plans use in `label zh "..."`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The word after an edition's label on its seat line.
    pub fn seats_word(self) -> &'static str {
        match self {
            Lang::En => "seats",
            Lang::Zh => "用户",
        }
    }

    /// The BCP 47 tag, for the HTML document.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// One language's catalogue.
pub struct Words {
    bundle: FluentBundle<FluentResource>,
    /// The language.
    pub lang: Lang,
}

impl Words {
    /// The catalogue of `lang`.
    pub fn new(lang: Lang) -> Words {
        let (tag, source) = match lang {
            Lang::En => ("en", include_str!("en.ftl")),
            Lang::Zh => ("zh-CN", include_str!("zh.ftl")),
        };
        let id: unic_langid::LanguageIdentifier = tag.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![id]);
        // No Unicode isolation marks: documents are plain text in one direction.
        bundle.set_use_isolating(false);
        // The catalogues are compiled in and tested, so a parse error here is a bug the
        // tests catch; the words that did parse are still used.
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
        Words { bundle, lang }
    }

    /// The message `key`, or the key itself when the catalogue lacks it.
    pub fn get(&self, key: &str) -> String {
        self.with(key, &[])
    }

    /// The message `key` with named arguments.
    pub fn with(&self, key: &str, args: &[(&str, String)]) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            let value = match v.parse::<f64>() {
                // Plural rules need a number; amounts never pass through here.
                Ok(n) if v.bytes().all(|b| b.is_ascii_digit()) => FluentValue::from(n),
                _ => FluentValue::from(v.clone()),
            };
            fa.set(*k, value);
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fa), &mut errors)
            .into_owned()
    }

    /// `12 months` / `12 个月`.
    pub fn months(&self, n: u64) -> String {
        self.with("months", &[("months", n.to_string())])
    }

    /// A date `YYYY-MM-DD` as the language writes it: `3 December 2026`, `2026年12月3日`.
    pub fn date(&self, iso: &str) -> String {
        let mut parts = iso.split('-').map(|p| p.parse::<u32>().ok());
        let (Some(Some(y)), Some(Some(m)), Some(Some(d))) =
            (parts.next(), parts.next(), parts.next())
        else {
            return iso.to_string();
        };
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match self.lang {
            Lang::Zh => format!("{y}年{m}月{d}日"),
            Lang::En => match (m as usize).checked_sub(1).and_then(|i| MONTHS.get(i)) {
                Some(name) => format!("{d} {name} {y}"),
                None => iso.to_string(),
            },
        }
    }
}

/// An amount with thousands separators and exactly `digits` decimals: `12,345.60`.
pub fn grouped(amount: Decimal, digits: u32) -> String {
    let text = crate::money::format_amount(amount, digits);
    let (sign, body) = match text.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let mut out = String::with_capacity(text.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    format!("{sign}{out}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn both_catalogues_have_every_message() {
        let keys: Vec<&str> = include_str!("en.ftl")
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
            .filter(|k| !k.starts_with(' ') && !k.starts_with('#'))
            .collect();
        assert!(keys.len() > 30);
        let zh = Words::new(Lang::Zh);
        for k in keys {
            assert_ne!(zh.get(k), k, "zh.ftl lacks {k}");
        }
    }

    #[test]
    fn words_numbers_and_dates_per_language() {
        let (en, zh) = (Words::new(Lang::En), Words::new(Lang::Zh));
        assert_eq!(en.months(1), "1 month");
        assert_eq!(en.months(12), "12 months");
        assert_eq!(zh.months(12), "12 个月");
        assert_eq!(zh.get("with-tax"), "含税合计");
        assert_eq!(en.date("2026-12-03"), "3 December 2026");
        assert_eq!(zh.date("2026-12-03"), "2026年12月3日");
        // Not a month: shown as written, never a panic.
        assert_eq!(en.date("2026-00-03"), "2026-00-03");
        assert_eq!(en.date("2026-13-03"), "2026-13-03");
        assert_eq!(grouped(dec!(1234567.5), 2), "1,234,567.50");
        assert_eq!(grouped(dec!(-999), 0), "-999");
        assert_eq!(grouped(dec!(100), 2), "100.00");
    }
}

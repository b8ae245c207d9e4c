//! Turns pest pairs into the syntax tree; the only module in the crate that touches pest.

use super::ast::*;
use crate::diagnostic::{Diagnostic, Kind};
use crate::span::{Span, Spanned};
use pest::iterators::Pair;
use pest::Parser as _;
use rust_decimal::Decimal;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/ratecard.pest"]
struct Grammar;

/// Parses plan source text into a [`PlanAst`].
pub struct Parser {
    errors: Vec<Diagnostic>,
}

impl Parser {
    /// Parses a whole plan file. Returns every problem found: a syntax error stops at the
    /// first, but numbers that do not fit are all reported.
    pub fn parse(src: &str) -> Result<PlanAst, Vec<Diagnostic>> {
        let mut pairs = match Grammar::parse(Rule::file, src) {
            Ok(pairs) => pairs,
            Err(_) => {
                // Parse again with pest's detailed attempts, which name expected
                // punctuation; only failing files pay for the bookkeeping. The switch
                // is process-wide, so detailed parses take turns: one thread turning
                // it off must not strip the detail from another's parse.
                static DETAIL: std::sync::Mutex<()> = std::sync::Mutex::new(());
                let turn = DETAIL.lock().unwrap_or_else(|e| e.into_inner());
                pest::set_error_detail(true);
                let errors = syntax_errors(src);
                pest::set_error_detail(false);
                drop(turn);
                return Err(errors);
            }
        };
        let mut parser = Parser { errors: Vec::new() };
        let plan = pairs
            .next()
            .and_then(|file| file.into_inner().next())
            .map(|plan| parser.plan(plan));
        match plan {
            Some(plan) if parser.errors.is_empty() => Ok(plan),
            _ => Err(parser.errors),
        }
    }

    fn plan(&mut self, pair: Pair<Rule>) -> PlanAst {
        let mut inner = pair.into_inner();
        let mut name = Spanned::new(String::new(), Span::default());
        let mut items = Vec::new();
        for p in inner.by_ref() {
            match p.as_rule() {
                Rule::string => name = string(p),
                Rule::kw_plan => {}
                _ => items.push(self.item(p)),
            }
        }
        PlanAst { name, items }
    }

    fn item(&mut self, p: Pair<Rule>) -> Item {
        let span = span(&p);
        match p.as_rule() {
            Rule::version => Item::Version(string(last(p))),
            Rule::currency => Item::Currency(text(last(p))),
            Rule::tax => Item::Tax(self.percent(last(p))),
            Rule::effective => Item::Effective(text(last(p))),
            Rule::min_term => Item::MinTerm(self.integer(nth(p, 2))),
            Rule::storage_policy => self.storage_policy(p),
            Rule::edition => Item::Edition(self.edition(p)),
            Rule::module => Item::Module(self.module(p)),
            Rule::backup => Item::Backup(self.backup(p)),
            Rule::support => Item::Support(self.support(p)),
            Rule::service => Item::Service(self.service(p)),
            Rule::discount | Rule::coupon => Item::Discount(self.discount(p)),
            Rule::hook => Item::Hook(string(last(p))),
            _ => unreachable_rule(&p, span),
        }
    }

    fn storage_policy(&mut self, p: Pair<Rule>) -> Item {
        let mut policy = StoragePolicyAst {
            span: span(&p),
            included: Vec::new(),
            overage: Vec::new(),
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::storage_included => policy.included.push(self.allowance(c)),
                Rule::storage_overage => {
                    let line = span(&c);
                    let mut rate = None;
                    let mut block = None;
                    for x in c.into_inner() {
                        match x.as_rule() {
                            Rule::amount => rate = Some(self.number(x)),
                            Rule::block => block = Some(self.number(nth(x, 3))),
                            _ => {}
                        }
                    }
                    policy.overage.push(OverageAst {
                        rate: rate.unwrap_or_else(|| zero(line)),
                        block,
                        span: line,
                    });
                }
                _ => {}
            }
        }
        Item::Storage(policy)
    }

    fn allowance(&mut self, p: Pair<Rule>) -> Allowance {
        let at = span(&p);
        let mut gb = None;
        let mut per_seat = false;
        for x in p.into_inner() {
            match x.as_rule() {
                Rule::number => gb = Some(self.number(x)),
                Rule::per_seat => per_seat = true,
                _ => {}
            }
        }
        Allowance {
            gb: gb.unwrap_or_else(|| zero(at)),
            per_seat,
        }
    }

    fn header(&mut self, inner: &mut Vec<Pair<Rule>>) -> (Name, Option<Spanned<String>>) {
        // Every named declaration starts `keyword ident "label"?`.
        let mut id = None;
        let mut label = None;
        inner.retain(|x| match x.as_rule() {
            Rule::ident if id.is_none() => {
                id = Some(text(x.clone()));
                false
            }
            Rule::string if label.is_none() && id.is_some() => {
                label = Some(string(x.clone()));
                false
            }
            r => !is_keyword(r),
        });
        (
            id.unwrap_or_else(|| Spanned::new(String::new(), Span::default())),
            label,
        )
    }

    fn edition(&mut self, p: Pair<Rule>) -> EditionAst {
        let mut inner: Vec<_> = p.into_inner().collect();
        let (id, label) = self.header(&mut inner);
        let mut e = EditionAst {
            id,
            label,
            includes: Vec::new(),
            storage: Vec::new(),
            prices: Vec::new(),
        };
        for c in inner {
            match c.as_rule() {
                Rule::includes => e.includes.extend(names(last(c))),
                Rule::edition_storage => e.storage.push(self.allowance(c)),
                Rule::price => e.prices.push(self.price(c)),
                _ => {}
            }
        }
        e
    }

    fn price(&mut self, p: Pair<Rule>) -> PriceAst {
        let at = span(&p);
        let line = p.into_inner().next();
        let kind = match line {
            Some(l) => match l.as_rule() {
                Rule::flat_price => PriceKind::Flat(self.number(first(l))),
                Rule::per_seat_price => PriceKind::PerSeat(self.number(first(l))),
                Rule::pack_price => {
                    let mut parts = l.into_inner();
                    let price = parts.next().map(|x| self.number(x));
                    let size = parts
                        .find(|x| x.as_rule() == Rule::integer)
                        .map(|x| self.integer(x));
                    PriceKind::Pack {
                        price: price.unwrap_or_else(|| zero(at)),
                        size: size.unwrap_or_else(|| Spanned::new(0, at)),
                    }
                }
                _ => {
                    let mut graduated = false;
                    let mut bands = Vec::new();
                    for x in l.into_inner() {
                        match x.as_rule() {
                            Rule::tier_mode => graduated = first(x).as_rule() == Rule::kw_graduated,
                            Rule::band => bands.push(self.band(x)),
                            _ => {}
                        }
                    }
                    PriceKind::Tiered { graduated, bands }
                }
            },
            None => PriceKind::Flat(zero(at)),
        };
        PriceAst { kind, span: at }
    }

    fn band(&mut self, p: Pair<Rule>) -> BandAst {
        let at = span(&p);
        let mut band = BandAst {
            name: None,
            from: Spanned::new(0, at),
            to: None,
            range_span: at,
            unit: zero(at),
            fee: None,
            span: at,
        };
        for x in p.into_inner() {
            match x.as_rule() {
                Rule::band_name => band.name = Some(text(first(x))),
                Rule::range => {
                    band.range_span = span(&x);
                    let mut ends = x.into_inner();
                    if let Some(from) = ends.next() {
                        band.from = self.integer(from);
                    }
                    band.to = ends.next().map(|to| self.integer(to));
                }
                Rule::amount => band.unit = self.number(x),
                Rule::band_fee => band.fee = Some(self.number(nth(x, 0))),
                _ => {}
            }
        }
        band
    }

    fn module(&mut self, p: Pair<Rule>) -> ModuleAst {
        let mut inner: Vec<_> = p.into_inner().collect();
        let (id, label) = self.header(&mut inner);
        let mut m = ModuleAst {
            id,
            label,
            prices: Vec::new(),
            requires: Vec::new(),
            excludes: Vec::new(),
        };
        for c in inner {
            match c.as_rule() {
                Rule::price => m.prices.push(self.price(c)),
                Rule::requires => m.requires.extend(names(last(c))),
                Rule::excludes => m.excludes.extend(names(last(c))),
                _ => {}
            }
        }
        m
    }

    fn backup(&mut self, p: Pair<Rule>) -> BackupAst {
        let mut inner: Vec<_> = p.into_inner().collect();
        let (id, label) = self.header(&mut inner);
        let mut b = BackupAst {
            id,
            label,
            flat: Vec::new(),
            per_gb: Vec::new(),
        };
        for term in inner.into_iter().flat_map(|c| c.into_inner()) {
            match term.as_rule() {
                Rule::flat_price => b.flat.push(self.number(first(term))),
                Rule::per_gb_price => b.per_gb.push(self.number(first(term))),
                _ => {}
            }
        }
        b
    }

    fn support(&mut self, p: Pair<Rule>) -> SupportAst {
        let mut inner: Vec<_> = p.into_inner().collect();
        let (id, label) = self.header(&mut inner);
        let mut s = SupportAst {
            id,
            label,
            channels: Vec::new(),
            prices: Vec::new(),
        };
        for c in inner {
            match c.as_rule() {
                Rule::channels => s.channels.extend(names(last(c))),
                Rule::flat_price => s.prices.push(SupportPriceAst::Flat(self.number(first(c)))),
                Rule::per_seat_price => s
                    .prices
                    .push(SupportPriceAst::PerSeat(self.number(first(c)))),
                Rule::percent_price => {
                    let at = span(&c);
                    let mut percent = zero(at);
                    let mut min = Vec::new();
                    let mut max = Vec::new();
                    for x in c.into_inner() {
                        match x.as_rule() {
                            Rule::percent => percent = self.percent(x),
                            Rule::minimum => min.push(self.number(last(x))),
                            Rule::maximum => max.push(self.number(last(x))),
                            _ => {}
                        }
                    }
                    s.prices.push(SupportPriceAst::Percent {
                        percent,
                        min,
                        max,
                        span: at,
                    });
                }
                _ => {}
            }
        }
        s
    }

    fn service(&mut self, p: Pair<Rule>) -> ServiceAst {
        let mut inner: Vec<_> = p.into_inner().collect();
        let (id, label) = self.header(&mut inner);
        let mut s = ServiceAst {
            id,
            label,
            targets: Vec::new(),
            complexity: Vec::new(),
            unit_prices: Vec::new(),
        };
        for c in inner {
            match c.as_rule() {
                Rule::target => {
                    let mut parts: Vec<_> = c.into_inner().collect();
                    let (id, label) = self.header(&mut parts);
                    let price = parts
                        .into_iter()
                        .find(|x| x.as_rule() == Rule::amount)
                        .map(|x| self.number(x));
                    let at = id.span;
                    s.targets.push(TargetAst {
                        id,
                        label,
                        price: price.unwrap_or_else(|| zero(at)),
                    });
                }
                Rule::complexity => {
                    for f in c.into_inner().filter(|x| x.as_rule() == Rule::factor) {
                        let mut parts = f.into_inner();
                        if let (Some(n), Some(v)) = (parts.next(), parts.next()) {
                            let name = text(n);
                            s.complexity.push((name, self.number(v)));
                        }
                    }
                }
                Rule::unit_price => {
                    let mut parts = c.into_inner();
                    if let Some(price) = parts.next() {
                        let price = self.number(price);
                        if let Some(unit) = parts.find(|x| x.as_rule() == Rule::ident) {
                            s.unit_prices.push((price, text(unit)));
                        }
                    }
                }
                _ => {}
            }
        }
        s
    }

    fn discount(&mut self, p: Pair<Rule>) -> DiscountAst {
        let coupon = p.as_rule() == Rule::coupon;
        let at = span(&p);
        let mut inner: Vec<_> = p.into_inner().collect();
        let (id, label) = self.header(&mut inner);
        let mut d = DiscountAst {
            coupon,
            id,
            label,
            amount: DiscountAmountAst::Fixed(zero(at)),
            scope: Spanned::new(String::new(), at),
            condition: Vec::new(),
        };
        for c in inner {
            match c.as_rule() {
                Rule::percent_off | Rule::amount_off => {
                    let percent = c.as_rule() == Rule::percent_off;
                    for x in c.into_inner() {
                        match x.as_rule() {
                            Rule::percent => d.amount = DiscountAmountAst::Percent(self.percent(x)),
                            Rule::amount if !percent => {
                                d.amount = DiscountAmountAst::Fixed(self.number(x))
                            }
                            Rule::scope => d.scope = text(x),
                            _ => {}
                        }
                    }
                }
                Rule::condition => {
                    for cmp in c.into_inner().filter(|x| x.as_rule() == Rule::comparison) {
                        let mut parts = cmp.into_inner();
                        let (Some(field), Some(op), Some(value)) =
                            (parts.next(), parts.next(), parts.next())
                        else {
                            continue;
                        };
                        let value_span = span(&value);
                        let v = match value.into_inner().next() {
                            Some(v) if v.as_rule() == Rule::number => {
                                ValueAst::Number(self.number(v).value)
                            }
                            Some(v) if v.as_rule() == Rule::string => {
                                ValueAst::Text(string(v).value)
                            }
                            Some(v) => ValueAst::Word(v.as_str().to_string()),
                            None => ValueAst::Word(String::new()),
                        };
                        d.condition.push(ComparisonAst {
                            field: text(field),
                            op: text(op),
                            value: Spanned::new(v, value_span),
                        });
                    }
                }
                _ => {}
            }
        }
        d
    }

    fn number(&mut self, p: Pair<Rule>) -> Num {
        let at = span(&p);
        let written = p.as_str();
        let clean: String = written.chars().filter(|c| *c != '_').collect();
        match Decimal::from_str_exact(&clean) {
            Ok(d) => Spanned::new(d, at),
            Err(_) => {
                self.errors.push(Diagnostic::new(
                    Kind::NumberTooLarge {
                        text: written.to_string(),
                    },
                    at,
                ));
                zero(at)
            }
        }
    }

    fn percent(&mut self, p: Pair<Rule>) -> Num {
        let at = span(&p);
        match p.into_inner().next() {
            Some(n) => Spanned::new(self.number(n).value, at),
            None => zero(at),
        }
    }

    fn integer(&mut self, p: Pair<Rule>) -> Spanned<u64> {
        let at = span(&p);
        let written = p.as_str();
        let clean: String = written.chars().filter(|c| *c != '_').collect();
        match clean.parse::<u64>() {
            Ok(n) => Spanned::new(n, at),
            Err(_) => {
                self.errors.push(Diagnostic::new(
                    Kind::NumberTooLarge {
                        text: written.to_string(),
                    },
                    at,
                ));
                Spanned::new(0, at)
            }
        }
    }
}

/// The pair's span without the whitespace and comment lines pest lets trail a rule
/// that ends in an optional part, so underlines stop at the last word.
fn span(p: &Pair<Rule>) -> Span {
    let s = p.as_span();
    let mut text = s.as_str();
    loop {
        text = text.trim_end();
        match text.rfind('\n') {
            Some(nl) if text[nl + 1..].trim_start().starts_with('#') => text = &text[..nl],
            _ => break,
        }
    }
    Span::new(s.start(), s.start() + text.len())
}

fn zero(at: Span) -> Num {
    Spanned::new(Decimal::ZERO, at)
}

fn text(p: Pair<Rule>) -> Spanned<String> {
    Spanned::new(p.as_str().to_string(), span(&p))
}

/// A quoted string, unescaped, spanned over its quotes.
fn string(p: Pair<Rule>) -> Spanned<String> {
    let at = span(&p);
    let raw = p.into_inner().next().map(|i| i.as_str()).unwrap_or("");
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    Spanned::new(out, at)
}

fn names(list: Pair<Rule>) -> Vec<Name> {
    list.into_inner()
        .filter(|x| x.as_rule() == Rule::ident)
        .map(text)
        .collect()
}

fn first(p: Pair<Rule>) -> Pair<Rule> {
    let fallback = p.clone();
    p.into_inner().next().unwrap_or(fallback)
}

fn last(p: Pair<Rule>) -> Pair<Rule> {
    let fallback = p.clone();
    p.into_inner().last().unwrap_or(fallback)
}

fn nth(p: Pair<Rule>, n: usize) -> Pair<Rule> {
    let fallback = p.clone();
    p.into_inner().nth(n).unwrap_or(fallback)
}

fn unreachable_rule(p: &Pair<Rule>, at: Span) -> Item {
    // The grammar admits only the rules matched above; keep going rather than panic.
    Item::Version(Spanned::new(p.as_str().to_string(), at))
}

fn is_keyword(rule: Rule) -> bool {
    keyword(rule).is_some()
}

/// The literal word a keyword rule matches.
fn keyword(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        kw_plan => "plan",
        kw_version => "version",
        kw_currency => "currency",
        kw_tax => "tax",
        kw_effective => "effective",
        kw_minimum => "minimum",
        kw_term => "term",
        kw_months => "months",
        kw_storage => "storage",
        kw_included => "included",
        kw_overage => "overage",
        kw_per => "per",
        kw_gb => "GB",
        kw_in => "in",
        kw_blocks => "blocks",
        kw_of => "of",
        kw_edition => "edition",
        kw_includes => "includes",
        kw_seat => "seat",
        kw_seats => "seats",
        kw_pack => "pack",
        kw_flat => "flat",
        kw_volume => "volume",
        kw_graduated => "graduated",
        kw_at => "at",
        kw_module => "module",
        kw_requires => "requires",
        kw_excludes => "excludes",
        kw_backup => "backup",
        kw_support => "support",
        kw_channels => "channels",
        kw_recurring => "recurring",
        kw_min => "min",
        kw_max => "max",
        kw_service => "service",
        kw_target => "target",
        kw_complexity => "complexity",
        kw_discount => "discount",
        kw_coupon => "coupon",
        kw_off => "off",
        kw_one_time => "one_time",
        kw_all => "all",
        kw_when => "when",
        kw_and => "and",
        kw_hook => "hook",
        _ => return None,
    })
}

/// What a rule is, in the words of someone writing a price list.
fn describe(rule: Rule) -> String {
    use Rule::*;
    if let Some(word) = keyword(rule) {
        return format!("`{word}`");
    }
    match rule {
        EOI => "the end of the file",
        lone_item => "a plan item",
        file | plan => "a plan such as `plan \"Acme CRM\" { ... }`",
        plan_item => "a plan item",
        version => "`version \"2026.1\"`",
        currency => "`currency CNY`",
        tax => "`tax 6%`",
        effective => "`effective 2026-01-01`",
        date => "a date like 2026-01-01",
        min_term => "`minimum term 12 months`",
        storage_policy | storage_item => "a storage setting",
        storage_included => "`included 100 GB`",
        per_seat => "`per seat`",
        storage_overage => "`overage 0.50 per GB`",
        block => "`in blocks of 10 GB`",
        edition | edition_item => "an edition item",
        includes => "`includes module, ...`",
        edition_storage => "`storage 5 GB per seat`",
        price => "a price such as `30.00 per seat`, `1500.00 flat` or `seats volume { ... }`",
        flat_price => "`1500.00 flat`",
        per_seat_price => "`30.00 per seat`",
        pack_price => "`500.00 per pack of 10 seats`",
        tiered_price => "`seats volume { ... }`",
        tier_mode => "`volume` or `graduated`",
        band => "a band like `10..100 at 100.00`",
        band_name => "a band name",
        range => "a seat range like 10..100",
        band_fee => "`+ 500.00 flat`",
        module | module_item => "a module item",
        requires => "`requires module, ...`",
        excludes => "`excludes module, ...`",
        backup | backup_price | backup_term => "a backup price like `300.00 flat + 0.02 per GB`",
        per_gb_price => "`0.02 per GB`",
        support | support_item => "a support item",
        channels => "`channels phone, email`",
        percent_price => "`20% of recurring`",
        minimum => "`min 1500.00`",
        maximum => "`max 9000.00`",
        service | service_item => "a service item",
        target => "`target erp \"ERP\" at 20000.00`",
        complexity => "`complexity low 1.0, high 1.5`",
        factor => "a complexity like `high 1.5`",
        unit_price => "a unit price like `3000.00 per session`",
        discount | coupon | discount_body => "a discount like `15% off recurring`",
        percent_off => "`15% off recurring`",
        amount_off => "`500.00 off one_time`",
        scope => "`recurring`, `one_time` or `all`",
        condition => "`when ...`",
        comparison => "a comparison like `seats >= 200`",
        field => "a request field such as `seats`",
        operator => "a comparison operator (=, !=, <, <=, >, >=)",
        value => "a value (a number, a word or a quoted text)",
        hook => "`hook \"rules/file.rhai\"`",
        ident_list | ident => "a name",
        string | string_inner => "a quoted label like \"Basic\"",
        amount => "an amount like 19.99",
        number => "a number like 1.5",
        integer => "a whole number like 12",
        percent => "a percentage like 6%",
        _ => "something else",
    }
    .to_string()
}

/// Every syntax error of a file that does not parse: the first error of the whole file,
/// and the first error of each top-level item parsed on its own.
fn syntax_errors(src: &str) -> Vec<Diagnostic> {
    let mut errors: Vec<Diagnostic> = match Grammar::parse(Rule::file, src) {
        Err(e) => vec![syntax_error(&e, src, 0)],
        Ok(_) => return Vec::new(),
    };
    for (start, end) in super::recover::items(src) {
        let Some(item) = src.get(start..end) else {
            continue;
        };
        if let Err(e) = Grammar::parse(Rule::lone_item, item) {
            let d = syntax_error(&e, src, start);
            // An error at the end of an item's own text is only where the item was cut
            // off; the whole-file error already says what is wrong there.
            if d.span.start < end && errors.iter().all(|x| x.span.start != d.span.start) {
                errors.push(d);
            }
        }
    }
    errors.sort_by_key(|d| d.span.start);
    errors
}

/// A pest error as a diagnostic; `offset` is where the parsed text starts in `src`.
fn syntax_error(e: &pest::error::Error<Rule>, src: &str, offset: usize) -> Diagnostic {
    let (mut start, mut end) = match e.location {
        pest::error::InputLocation::Pos(p) => (p, p),
        pest::error::InputLocation::Span((s, e)) => (s, e),
    };
    (start, end) = (start + offset, end + offset);
    let expected = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            let mut words: Vec<String> = Vec::new();
            for r in positives {
                let w = describe(*r);
                if !words.contains(&w) {
                    words.push(w);
                }
            }
            // Punctuation is matched by literals, which pest reports only as parse attempts.
            if let Some(attempts) = e
                .parse_attempts()
                .filter(|a| a.max_position + offset >= start)
            {
                let furthest = attempts.max_position + offset;
                if furthest > start {
                    // The attempts got further than the failing rule: report there.
                    words.clear();
                    (start, end) = (furthest, furthest);
                }
                for token in attempts.expected_tokens() {
                    let token = token.to_string();
                    let w = format!("`{token}`");
                    if PUNCTUATION.contains(&token.as_str()) && !words.contains(&w) {
                        words.insert(0, w);
                    }
                }
            }
            // A keyword followed by more letters (`flatt`) fails inside the word, where
            // pest knows no rule to name: point at the whole word and name the keyword.
            let before = src.get(..start).unwrap_or("");
            if words.is_empty() && before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                let word_start = before
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                    .map_or(0, |i| i + 1);
                let word = src
                    .get(word_start..next_token_end(src, word_start))
                    .unwrap_or("");
                let keyword = Rule::all_rules()
                    .iter()
                    .filter_map(|r| keyword(*r))
                    .filter(|k| word.starts_with(k))
                    .max_by_key(|k| k.len());
                words.extend(keyword.map(|k| format!("`{k}`")));
                (start, end) = (word_start, word_start);
            }
            join_or(&words)
        }
        pest::error::ErrorVariant::CustomError { message } => message.clone(),
    };
    let found = describe_found(src, start);
    let end = if end > start {
        end
    } else {
        next_token_end(src, start)
    };
    Diagnostic::new(Kind::Syntax { expected, found }, Span::new(start, end))
}

/// Literal symbols of the grammar worth naming in "expected ...".
const PUNCTUATION: &[&str] = &["{", "}", ",", "..", "+", "%", "\""];

fn join_or(words: &[String]) -> String {
    match words {
        [] => "something else".into(),
        [one] => one.clone(),
        [init @ .., last] if init.len() < 8 => format!("{} or {last}", init.join(", ")),
        _ => format!("one of: {}", words.join(", ")),
    }
}

/// The word at `at`, quoted, for "found ...".
fn describe_found(src: &str, at: usize) -> String {
    let rest = src.get(at..).unwrap_or("");
    match rest.chars().next() {
        None => "the end of the file".into(),
        Some('\n') | Some('\r') => "the end of the line".into(),
        Some(_) => {
            let end = next_token_end(src, at) - at;
            let token: String = rest[..end].chars().take(30).collect();
            format!("`{token}`")
        }
    }
}

/// End of the word or single symbol starting at `at`.
fn next_token_end(src: &str, at: usize) -> usize {
    let rest = src.get(at..).unwrap_or("");
    let mut chars = rest.char_indices();
    match chars.next() {
        None => at,
        Some((_, c)) if c.is_alphanumeric() || c == '_' || c == '.' => {
            let len = rest
                .char_indices()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '.' || *c == '-'))
                .map_or(rest.len(), |(i, _)| i);
            at + len
        }
        Some((_, c)) => at + c.len_utf8(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_user_words() {
        // A rule without its own words would leak a grammar name into a message.
        use Rule::*;
        for r in [
            amount, number, integer, percent, ident, string, band, range, EOI,
        ] {
            assert_ne!(describe(r), "something else", "{r:?}");
        }
    }

    #[test]
    fn reports_expected_words_not_rule_names() {
        let errs = Parser::parse("plan \"x\" { module m { abc flat } }").unwrap_err();
        assert_eq!(
            errs[0].kind.to_string(),
            "expected `}`, a price such as `30.00 per seat`, `1500.00 flat` or `seats volume { ... }`, \
             `requires` or `excludes`, found `abc`"
        );
    }
}

#[cfg(test)]
mod acme_tests {
    #[test]
    fn parses_acme() {
        let src = include_str!("../../examples/acme.rate");
        let ast = super::Parser::parse(src).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ast.name.value, "acme");
        assert_eq!(ast.items.len(), 22);
    }
}

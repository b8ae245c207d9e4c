//! Turns pest pairs into the syntax tree; the only module in the crate that touches pest pairs.

mod quantities;

use super::ast::*;
use super::errors::is_keyword;
use crate::diagnostic::{Diagnostic, Kind};
use crate::span::{Span, Spanned};
use pest::iterators::Pair;
use pest::Parser as _;
use rust_decimal::Decimal;

/// The grammar in grammar/ratecard.pest; its `Rule`s are named for people in `errors.rs`.
#[derive(pest_derive::Parser)]
#[grammar = "grammar/ratecard.pest"]
pub(super) struct Grammar;

/// Parses plan source text into a [`PlanAst`].
pub struct Parser {
    errors: Vec<Diagnostic>,
    /// `label LANG "..."` lines of the item being parsed, taken out by `header`.
    pending: Vec<(Name, Spanned<String>)>,
    /// Every item's `label` lines so far.
    labels: Vec<LabelAltAst>,
}

impl Parser {
    /// Parses a whole plan file. Returns every problem found: the first syntax error of
    /// each broken top-level item, or every number that does not fit.
    pub fn parse(src: &str) -> Result<PlanAst, Vec<Diagnostic>> {
        // Bounds the grammar's only recursion before pest runs (it no longer probes the
        // stack on every rule: see vendor/pest_stack_guard).
        if let Some(deep) = super::depth::too_deep(src) {
            return Err(vec![deep]);
        }
        Self::parse_with(src, |src| {
            super::split::errors(src).unwrap_or_else(|| super::errors::syntax_errors(src))
        })
    }

    /// [`Parser::parse`] with the errors of a broken file found by parsing it whole again,
    /// never item by item: what `split.rs` is compared with.
    #[cfg(test)]
    pub(super) fn parse_whole(src: &str) -> Result<PlanAst, Vec<Diagnostic>> {
        Self::parse_with(src, super::errors::syntax_errors)
    }

    fn parse_with(
        src: &str,
        syntax_errors: impl FnOnce(&str) -> Vec<Diagnostic>,
    ) -> Result<PlanAst, Vec<Diagnostic>> {
        let mut pairs = match Grammar::parse(Rule::file, src) {
            Ok(pairs) => pairs,
            Err(_) => return Err(syntax_errors(src)),
        };
        let mut parser = Parser {
            errors: Vec::new(),
            pending: Vec::new(),
            labels: Vec::new(),
        };
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
                _ => {
                    let item = self.item(p);
                    self.take_labels(&item);
                    items.push(item);
                }
            }
        }
        let labels = std::mem::take(&mut self.labels);
        PlanAst {
            name,
            items,
            labels,
        }
    }

    fn tax_table(&mut self, p: Pair<Rule>) -> TaxTableAst {
        let mut t = TaxTableAst {
            span: span(&p),
            rates: Vec::new(),
            defaults: Vec::new(),
            reverse_charge: Vec::new(),
        };
        for x in p.into_inner() {
            match x.as_rule() {
                Rule::tax_region => {
                    let parts: Vec<_> = x.into_inner().collect();
                    let region = parts.iter().find(|y| y.as_rule() == Rule::region);
                    let rate = parts.iter().find(|y| y.as_rule() == Rule::percent);
                    if let Some(r) = region {
                        let rate = rate.map(|r| self.percent(r.clone()));
                        t.rates.push((text(r.clone()), rate));
                    }
                }
                Rule::tax_default => {
                    if let Some(pct) = x.into_inner().find(|y| y.as_rule() == Rule::percent) {
                        t.defaults.push(self.percent(pct));
                    }
                }
                Rule::reverse_charge => t.reverse_charge.extend(
                    x.into_inner()
                        .filter(|y| y.as_rule() == Rule::region)
                        .map(text),
                ),
                _ => {}
            }
        }
        t
    }

    fn item(&mut self, p: Pair<Rule>) -> Item {
        let span = span(&p);
        match p.as_rule() {
            Rule::version => Item::Version(string(last(p))),
            Rule::currency => Item::Currency(text(last(p))),
            Rule::tax => {
                let parts: Vec<_> = p.into_inner().collect();
                let included = parts.iter().any(|x| x.as_rule() == Rule::tax_included);
                match parts.into_iter().find(|x| x.as_rule() == Rule::percent) {
                    Some(pct) => Item::Tax(self.percent(pct), included),
                    None => Item::Tax(zero(span), included),
                }
            }
            Rule::tax_table => Item::TaxTable(self.tax_table(p)),
            Rule::effective => Item::Effective(text(last(p))),
            Rule::locale => Item::Locale(text(last(p))),
            Rule::min_term => Item::MinTerm(self.integer(nth(p, 2))),
            Rule::month_to_month => Item::MonthToMonth(span),
            Rule::not_sold => Item::NotSold(names(last(p))),
            Rule::commitment => match p.into_inner().find(|x| x.as_rule() == Rule::amount) {
                Some(a) => Item::Commitment(self.number(a)),
                None => Item::Commitment(zero(span)),
            },
            Rule::storage_policy => self.storage_policy(p),
            Rule::edition => Item::Edition(self.edition(p)),
            Rule::module => Item::Module(self.module(p)),
            Rule::seat_type => Item::SeatType(self.module(p)),
            Rule::addon | Rule::usage => Item::Quantity(self.quantity(p)),
            Rule::backup => Item::Backup(self.backup(p)),
            Rule::support => Item::Support(self.support(p)),
            Rule::service => Item::Service(self.service(p)),
            Rule::discount | Rule::coupon | Rule::surcharge => Item::Discount(self.discount(p)),
            Rule::hook => Item::Hook(string(last(p))),
            Rule::deal_terms => Item::Deals(self.deals(p, span)),
            Rule::vendor => {
                let mut strings = p.into_inner().filter(|x| x.as_rule() == Rule::string);
                let name = strings
                    .next()
                    .map_or(Spanned::new(String::new(), span), string);
                let logo = strings.next().map(string);
                Item::Vendor(VendorAst { name, logo })
            }
            Rule::price_list => {
                let mut inner = p.into_inner().filter(|x| x.as_rule() != Rule::kw_prices);
                let currency = inner.next().map_or(Spanned::new(String::new(), span), text);
                let items = inner.map(|x| self.item(x)).collect();
                Item::PriceList(PriceListAst {
                    currency,
                    items,
                    span,
                })
            }
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
                    let mut cycle = None;
                    let mut tiers = None;
                    for x in c.into_inner() {
                        match x.as_rule() {
                            Rule::qty_tiers => tiers = Some(self.charge(x, line)),
                            Rule::amount => rate = Some(self.number(x)),
                            Rule::block => block = Some(self.number(nth(x, 3))),
                            Rule::billed => cycle = Some(text(last(x))),
                            _ => {}
                        }
                    }
                    policy.overage.push(OverageAst {
                        rate: rate.unwrap_or_else(|| zero(line)),
                        block,
                        tiers,
                        billed: cycle,
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
        let mut alts = Vec::new();
        inner.retain(|x| match x.as_rule() {
            Rule::label_alt => {
                alts.push(x.clone());
                false
            }
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
        for a in alts {
            let mut parts = a.into_inner().filter(|x| !is_keyword(x.as_rule()));
            if let (Some(lang), Some(s)) = (parts.next(), parts.next()) {
                self.pending.push((text(lang), string(s)));
            }
        }
        (
            id.unwrap_or_else(|| Spanned::new(String::new(), Span::default())),
            label,
        )
    }

    /// Files the `label` lines `header` took out of `item` under its kind and name.
    fn take_labels(&mut self, item: &Item) {
        let pending = std::mem::take(&mut self.pending);
        let (kind, id) = match item {
            Item::Edition(e) => ("edition", &e.id),
            Item::Module(m) => ("module", &m.id),
            Item::SeatType(m) => ("seat type", &m.id),
            Item::Quantity(q) if q.usage => ("usage", &q.id),
            Item::Quantity(q) => ("add-on", &q.id),
            Item::Backup(b) => ("backup option", &b.id),
            Item::Support(s) => ("support tier", &s.id),
            Item::Service(s) => ("service", &s.id),
            _ => return,
        };
        for (lang, text) in pending {
            self.labels.push(LabelAltAst {
                kind,
                item: id.value.clone(),
                lang,
                text,
            });
        }
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
            limits: Vec::new(),
            fees: Vec::new(),
            withdrawn: Vec::new(),
            min_terms: Vec::new(),
            descriptions: Vec::new(),
        };
        for c in inner {
            match c.as_rule() {
                Rule::includes => e.includes.extend(names(last(c))),
                Rule::withdrawn => e.withdrawn.push(text(last(c))),
                Rule::description => {
                    let mut lang = None;
                    let mut words = None;
                    for x in c.into_inner() {
                        match x.as_rule() {
                            Rule::ident => lang = Some(text(x)),
                            Rule::string => words = Some(string(x)),
                            _ => {}
                        }
                    }
                    if let Some(w) = words {
                        e.descriptions.push((lang, w));
                    }
                }
                Rule::edition_storage => e.storage.push(self.allowance(c)),
                Rule::price => e.prices.push(self.price(c)),
                Rule::fee => e.fees.push(self.fee(c)),
                Rule::min_term => e.min_terms.push(self.integer(nth(c, 2))),
                Rule::seat_limit => {
                    let at = span(&c);
                    let parts: Vec<_> = c.into_inner().collect();
                    let kind = if parts.iter().any(|x| x.as_rule() == Rule::kw_maximum) {
                        SeatLimitKind::Maximum
                    } else if parts.iter().any(|x| x.as_rule() == Rule::kw_charge) {
                        SeatLimitKind::MinimumCharge
                    } else {
                        SeatLimitKind::MinimumPurchase
                    };
                    let seats = parts
                        .into_iter()
                        .find(|x| x.as_rule() == Rule::integer)
                        .map_or(Spanned::new(0, at), |x| self.integer(x));
                    e.limits.push(SeatLimitAst { kind, seats });
                }
                _ => {}
            }
        }
        e
    }

    fn price(&mut self, p: Pair<Rule>) -> PriceAst {
        let at = span(&p);
        let mut parts: Vec<_> = p.into_inner().collect();
        let billed = billed(&mut parts);
        let line = parts.into_iter().next();
        let mut yearly = None;
        let kind = match line {
            Some(l) if l.as_rule() == Rule::yearly_price => {
                let mut inner = l.into_inner();
                let amount = inner.next().map_or_else(|| zero(at), |a| self.number(a));
                yearly = Some(amount);
                // Exact to 28 digits; the checker refuses a yearly price that is not a
                // whole number of minor units a month.
                let monthly = Spanned::new(
                    amount
                        .value
                        .checked_div(Decimal::from(12))
                        .unwrap_or_default(),
                    amount.span,
                );
                let rules: Vec<_> = inner.collect();
                let size = rules.iter().find(|x| x.as_rule() == Rule::integer);
                if let Some(size) = size {
                    PriceKind::Pack {
                        price: monthly,
                        size: self.integer(size.clone()),
                    }
                } else if rules.iter().any(|x| x.as_rule() == Rule::kw_seat) {
                    PriceKind::PerSeat(monthly)
                } else {
                    PriceKind::Flat(monthly)
                }
            }
            Some(l) => match l.as_rule() {
                Rule::on_application => PriceKind::OnApplication,
                Rule::account_price => PriceKind::Account(self.account(l, at)),
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
        PriceAst {
            kind,
            billed,
            yearly,
            span: at,
        }
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
            cliff_ok: false,
            span: at,
        };
        for x in p.into_inner() {
            match x.as_rule() {
                Rule::band_name => band.name = Some(text(first(x))),
                Rule::cliff_ok => band.cliff_ok = true,
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

    /// `per account { ... }` or `A per account, up to N users`: its tiers, in order.
    fn account(&mut self, p: Pair<Rule>, at: Span) -> Vec<AccountTierAst> {
        let mut tiers = Vec::new();
        let mut single_price = None;
        for x in p.into_inner() {
            match x.as_rule() {
                Rule::amount => single_price = Some(self.number(x)),
                Rule::account_bound => {
                    let up_to = self.bound(x, at);
                    let price = single_price.take().unwrap_or_else(|| zero(at));
                    tiers.push(AccountTierAst {
                        up_to,
                        price,
                        storage: None,
                    });
                }
                Rule::account_tier => {
                    let mut tier = AccountTierAst {
                        up_to: Spanned::new(0, at),
                        price: zero(at),
                        storage: None,
                    };
                    for y in x.into_inner() {
                        match y.as_rule() {
                            Rule::account_bound => tier.up_to = self.bound(y, at),
                            Rule::amount => tier.price = self.number(y),
                            Rule::number => tier.storage = Some(self.number(y)),
                            _ => {}
                        }
                    }
                    tiers.push(tier);
                }
                _ => {}
            }
        }
        tiers
    }

    fn bound(&mut self, p: Pair<Rule>, at: Span) -> Spanned<u64> {
        match p.into_inner().find(|y| y.as_rule() == Rule::integer) {
            Some(n) => self.integer(n),
            None => Spanned::new(0, at),
        }
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
            fees: Vec::new(),
            attach: Vec::new(),
            percent: Vec::new(),
        };
        for c in inner {
            match c.as_rule() {
                Rule::attach_price => {
                    let at = span(&c);
                    let parts: Vec<_> = c.into_inner().collect();
                    let editions = parts
                        .iter()
                        .find(|x| x.as_rule() == Rule::ident_list)
                        .map(|x| names(x.clone()))
                        .unwrap_or_default();
                    let billed = parts
                        .iter()
                        .find(|x| x.as_rule() == Rule::billed)
                        .map(|x| text(last(x.clone())));
                    let kind = match parts.into_iter().next() {
                        Some(l) => match l.as_rule() {
                            Rule::flat_price => PriceKind::Flat(self.number(first(l))),
                            Rule::per_seat_price => PriceKind::PerSeat(self.number(first(l))),
                            _ => {
                                let mut inner = l.into_inner();
                                let price = inner.next().map(|x| self.number(x));
                                let size = inner
                                    .find(|x| x.as_rule() == Rule::integer)
                                    .map(|x| self.integer(x));
                                PriceKind::Pack {
                                    price: price.unwrap_or_else(|| zero(at)),
                                    size: size.unwrap_or_else(|| Spanned::new(0, at)),
                                }
                            }
                        },
                        None => PriceKind::Flat(zero(at)),
                    };
                    let price = PriceAst {
                        kind,
                        billed,
                        yearly: None,
                        span: at,
                    };
                    m.attach.push(AttachAst { price, editions });
                }
                Rule::module_percent => {
                    let at = span(&c);
                    let mut pct = ModulePercentAst {
                        percent: zero(at),
                        of: Spanned::new(String::new(), at),
                        names: Vec::new(),
                        min: Vec::new(),
                        max: Vec::new(),
                        span: at,
                    };
                    for x in c.into_inner() {
                        match x.as_rule() {
                            Rule::percent => pct.percent = self.percent(x),
                            Rule::minimum => pct.min.push(self.number(last(x))),
                            Rule::maximum => pct.max.push(self.number(last(x))),
                            Rule::scope_part => {
                                for y in x.into_inner().flatten() {
                                    match y.as_rule() {
                                        Rule::line_name => pct.names.push(text(y)),
                                        r if is_keyword(r) => pct.of = text(y),
                                        _ => {}
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                    m.percent.push(pct);
                }
                Rule::fee => m.fees.push(self.fee(c)),
                Rule::price => m.prices.push(self.price(c)),
                Rule::seat_free => m.prices.push(PriceAst {
                    kind: PriceKind::PerSeat(zero(span(&c))),
                    billed: None,
                    yearly: None,
                    span: span(&c),
                }),
                Rule::requires => m.requires.extend(names(last(c))),
                Rule::excludes => m.excludes.extend(names(last(c))),
                _ => {}
            }
        }
        m
    }

    fn fee(&mut self, p: Pair<Rule>) -> FeeAst {
        let at = span(&p);
        let mut inner: Vec<_> = p.into_inner().collect();
        let amount = inner
            .iter()
            .position(|x| x.as_rule() == Rule::amount)
            .map(|i| inner.remove(i));
        let waiver = inner
            .iter()
            .position(|x| x.as_rule() == Rule::fee_waiver)
            .map(|i| inner.remove(i));
        let (id, label) = self.header(&mut inner);
        let waived = waiver.and_then(|w| {
            w.into_inner()
                .find(|x| x.as_rule() == Rule::condition)
                .and_then(|c| c.into_inner().find(|x| x.as_rule() == Rule::cond_any))
                .map(|c| self.cond(c))
        });
        FeeAst {
            id,
            label,
            amount: amount.map_or_else(|| zero(at), |a| self.number(a)),
            waived,
        }
    }

    fn backup(&mut self, p: Pair<Rule>) -> BackupAst {
        let mut inner: Vec<_> = p.into_inner().collect();
        let (id, label) = self.header(&mut inner);
        let mut b = BackupAst {
            id,
            label,
            prices: Vec::new(),
        };
        for line in inner
            .into_iter()
            .filter(|c| c.as_rule() == Rule::backup_line)
        {
            let mut price = BackupPriceAst {
                flat: Vec::new(),
                per_gb: Vec::new(),
                billed: None,
                span: span(&line),
            };
            for part in line.into_inner() {
                match part.as_rule() {
                    Rule::billed => price.billed = Some(text(last(part))),
                    _ => {
                        for term in part.into_inner() {
                            match term.as_rule() {
                                Rule::flat_price => price.flat.push(self.number(first(term))),
                                Rule::per_gb_price => price.per_gb.push(self.number(first(term))),
                                _ => {}
                            }
                        }
                    }
                }
            }
            b.prices.push(price);
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
            allowances: Vec::new(),
            included_with: Vec::new(),
        };
        for c in inner {
            if c.as_rule() == Rule::channels {
                s.channels.extend(names(last(c)));
                continue;
            }
            if c.as_rule() == Rule::support_included {
                s.included_with.extend(names(last(c)));
                continue;
            }
            if c.as_rule() == Rule::allowance {
                let at = span(&c);
                let parts: Vec<_> = c.into_inner().collect();
                let included = parts.iter().find(|x| x.as_rule() == Rule::integer);
                let unit = parts.iter().find(|x| x.as_rule() == Rule::ident);
                let price = parts.iter().find(|x| x.as_rule() == Rule::amount);
                s.allowances.push(AllowanceAst {
                    included: included.map_or(Spanned::new(0, at), |x| self.integer(x.clone())),
                    unit: unit.map_or(Spanned::new(String::new(), at), |x| text(x.clone())),
                    price: price.map_or_else(|| zero(at), |x| self.number(x.clone())),
                    span: at,
                });
                continue;
            }
            let mut parts: Vec<_> = c.into_inner().collect();
            let cycle = billed(&mut parts);
            let Some(c) = parts.into_iter().next() else {
                continue;
            };
            match c.as_rule() {
                Rule::flat_price => s
                    .prices
                    .push((SupportPriceAst::Flat(self.number(first(c))), cycle)),
                Rule::per_seat_price => s
                    .prices
                    .push((SupportPriceAst::PerSeat(self.number(first(c))), cycle)),
                Rule::percent_price => {
                    let at = span(&c);
                    let mut percent = zero(at);
                    let mut min = Vec::new();
                    let mut max = Vec::new();
                    let (mut seats, mut net) = (false, false);
                    for x in c.into_inner() {
                        match x.as_rule() {
                            Rule::percent => percent = self.percent(x),
                            Rule::minimum => min.push(self.number(last(x))),
                            Rule::maximum => max.push(self.number(last(x))),
                            Rule::kw_seats => seats = true,
                            Rule::support_net => net = true,
                            _ => {}
                        }
                    }
                    let price = SupportPriceAst::Percent {
                        percent,
                        seats,
                        net,
                        min,
                        max,
                        span: at,
                    };
                    s.prices.push((price, cycle));
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
        let surcharge = p.as_rule() == Rule::surcharge;
        let at = span(&p);
        let mut inner: Vec<_> = p.into_inner().collect();
        let (id, label) = self.header(&mut inner);
        let mut d = DiscountAst {
            coupon,
            surcharge,
            stacking: None,
            id,
            label,
            amount: DiscountAmountAst::Fixed(zero(at)),
            scope: Spanned::new(String::new(), at),
            scope_names: Vec::new(),
            condition: None,
        };
        for c in inner {
            match c.as_rule() {
                Rule::stacking => {
                    let at = span(&c);
                    d.stacking = Some(match c.into_inner().find(|x| x.as_rule() == Rule::ident) {
                        Some(group) => StackingAst::BestOf(text(group)),
                        None => StackingAst::Exclusive(at),
                    });
                }
                Rule::percent_off | Rule::amount_off | Rule::percent_on | Rule::amount_on => {
                    let percent = matches!(c.as_rule(), Rule::percent_off | Rule::percent_on);
                    for x in c.into_inner() {
                        match x.as_rule() {
                            Rule::percent => d.amount = DiscountAmountAst::Percent(self.percent(x)),
                            Rule::amount if !percent => {
                                d.amount = DiscountAmountAst::Fixed(self.number(x))
                            }
                            Rule::scope => {
                                let named = x.clone().into_inner().flatten().find(|p| {
                                    matches!(
                                        p.as_rule(),
                                        Rule::kw_seats
                                            | Rule::kw_support
                                            | Rule::kw_storage
                                            | Rule::kw_backup
                                            | Rule::kw_services
                                            | Rule::kw_modules
                                            | Rule::kw_editions
                                            | Rule::kw_lines
                                    )
                                });
                                d.scope = text(named.unwrap_or(x.clone()));
                                d.scope_names = x
                                    .into_inner()
                                    .flatten()
                                    .filter(|p| p.as_rule() == Rule::line_name)
                                    .map(text)
                                    .collect();
                            }
                            _ => {}
                        }
                    }
                }
                Rule::condition => {
                    d.condition = c
                        .into_inner()
                        .find(|x| x.as_rule() == Rule::cond_any)
                        .map(|x| self.cond(x));
                }
                _ => {}
            }
        }
        d
    }

    /// A condition: `or` of `and`s of comparisons, memberships, negations and groups.
    fn cond(&mut self, p: Pair<Rule>) -> CondAst {
        let rule = p.as_rule();
        let at = span(&p);
        let mut parts: Vec<Pair<Rule>> = p
            .into_inner()
            .filter(|x| !matches!(x.as_rule(), Rule::kw_or | Rule::kw_and | Rule::kw_not))
            .collect();
        match rule {
            Rule::cond_any | Rule::cond_all if parts.len() == 1 => match parts.pop() {
                Some(only) => self.cond(only),
                None => CondAst::All(Vec::new()),
            },
            Rule::cond_any => CondAst::Any(parts.into_iter().map(|x| self.cond(x)).collect()),
            Rule::cond_all => CondAst::All(parts.into_iter().map(|x| self.cond(x)).collect()),
            Rule::cond_not => match parts.pop() {
                Some(inner) => CondAst::Not(Box::new(self.cond(inner))),
                None => CondAst::All(Vec::new()),
            },
            Rule::cond_group => match parts.pop() {
                Some(inner) => self.cond(inner),
                None => CondAst::All(Vec::new()),
            },
            Rule::cond_has => {
                let name = parts.into_iter().find(|x| x.as_rule() == Rule::ident);
                CondAst::Has(name.map_or_else(|| Spanned::new(String::new(), at), text))
            }
            Rule::cond_in => {
                let mut parts = parts.into_iter();
                let field = parts
                    .next()
                    .map_or_else(|| Spanned::new(String::new(), at), text);
                let values = parts
                    .filter(|x| x.as_rule() == Rule::value)
                    .map(|v| self.value(v))
                    .collect();
                CondAst::In { field, values }
            }
            _ => {
                let mut parts = parts.into_iter();
                match (parts.next(), parts.next(), parts.next()) {
                    (Some(field), Some(op), Some(value)) => CondAst::Compare(ComparisonAst {
                        field: text(field),
                        op: text(op),
                        value: self.value(value),
                    }),
                    _ => CondAst::All(Vec::new()),
                }
            }
        }
    }

    /// A literal in a condition: a number, a quoted text or a bare word.
    fn value(&mut self, value: Pair<Rule>) -> Spanned<ValueAst> {
        let value_span = span(&value);
        let v = match value.into_inner().next() {
            Some(v) if v.as_rule() == Rule::number => ValueAst::Number(self.number(v).value),
            Some(v) if v.as_rule() == Rule::string => ValueAst::Text(string(v).value),
            Some(v) => ValueAst::Word(v.as_str().to_string()),
            None => ValueAst::Word(String::new()),
        };
        Spanned::new(v, value_span)
    }

    fn deals(&mut self, p: Pair<Rule>, at: Span) -> DealsAst {
        let mut d = DealsAst {
            span: at,
            ..Default::default()
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::floor => {
                    let mut text_ = Spanned::new(String::new(), at);
                    let (mut price, mut percent, mut approver) = (true, zero(at), None);
                    for x in c.into_inner() {
                        match x.as_rule() {
                            Rule::string => text_ = string(x),
                            Rule::price_floor | Rule::discount_floor => {
                                price = x.as_rule() == Rule::price_floor;
                                if let Some(pc) =
                                    x.into_inner().find(|y| y.as_rule() == Rule::percent)
                                {
                                    percent = self.percent(pc);
                                }
                            }
                            Rule::approver => approver = Some(string(last(x))),
                            _ => {}
                        }
                    }
                    d.floors.push(FloorAst {
                        text: text_,
                        price,
                        percent,
                        approver,
                    });
                }
                Rule::proration => {
                    let unit = last(c);
                    let word = if unit.as_rule() == Rule::kw_days {
                        "day"
                    } else {
                        "month"
                    };
                    d.proration
                        .push(Spanned::new(word.to_string(), span(&unit)));
                }
                Rule::renewal_cap => d.renewal_cap.push(self.percent(last(c))),
                Rule::validity => d.valid_days.push(self.integer(nth(c, 2))),
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

/// Takes a trailing `billed CYCLE` out of a price's parts, returning the cycle word.
fn billed(parts: &mut Vec<Pair<Rule>>) -> Option<Name> {
    let i = parts.iter().position(|x| x.as_rule() == Rule::billed)?;
    let b = parts.remove(i);
    Some(text(last(b)))
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

//! Pairs of `addon` and `usage` items to their syntax tree.

use super::{first, last, names, span, text, zero, Parser, Rule};
use crate::syntax::ast::*;
use crate::syntax::errors::is_keyword;
use pest::iterators::Pair;

impl Parser {
    pub(super) fn quantity(&mut self, p: Pair<Rule>) -> QuantityAst {
        let usage = p.as_rule() == Rule::usage;
        let at = span(&p);
        let mut inner: Vec<_> = p.into_inner().collect();
        let (id, label) = self.header(&mut inner);
        let mut q = QuantityAst {
            usage,
            span: id.span,
            id,
            label,
            units: Vec::new(),
            included: Vec::new(),
            minimum: Vec::new(),
            maximum: Vec::new(),
            charges: Vec::new(),
            once: false,
            daily: None,
            block: None,
        };
        if q.span.is_empty() {
            q.span = at;
        }
        for c in inner {
            match c.as_rule() {
                Rule::qty_unit => {
                    let parts: Vec<_> = c.into_inner().collect();
                    let divisible = parts.iter().any(|x| x.as_rule() == Rule::qty_divisible);
                    if let Some(w) = parts.into_iter().find(|x| x.as_rule() == Rule::unit_word) {
                        q.units.push(UnitAst {
                            word: text(w),
                            divisible,
                        });
                    }
                }
                Rule::qty_once => q.once = true,
                Rule::qty_block => {
                    if let Some(n) = c.into_inner().find(|x| x.as_rule() == Rule::number) {
                        q.block = Some(self.number(n));
                    }
                }
                Rule::qty_daily => {
                    let at = span(&c);
                    let days = c.into_inner().find(|x| x.as_rule() == Rule::integer);
                    q.daily = Some(match days {
                        Some(d) => self.integer(d),
                        None => crate::span::Spanned::new(30, at),
                    });
                }
                Rule::qty_included | Rule::qty_free => {
                    let at = span(&c);
                    let mut inc = IncludedAst {
                        units: zero(at),
                        parts: Vec::new(),
                        greater: Vec::new(),
                        cap: None,
                        word: None,
                        per_seat: false,
                        editions: Vec::new(),
                    };
                    let term = |this: &mut Self, t: Pair<Rule>, inc: &mut IncludedAst| {
                        let mut n = None;
                        let mut per_seat = false;
                        for y in t.into_inner() {
                            match y.as_rule() {
                                Rule::number => n = Some(this.number(y)),
                                Rule::unit_word => inc.word = Some(text(y)),
                                Rule::per_seat => per_seat = true,
                                _ => {}
                            }
                        }
                        (n.unwrap_or_else(|| zero(at)), per_seat)
                    };
                    for x in c.into_inner() {
                        match x.as_rule() {
                            // `first N free`
                            Rule::number => {
                                let n = self.number(x);
                                inc.parts.push((n, false));
                            }
                            Rule::unit_word => inc.word = Some(text(x)),
                            Rule::allowance_sum => {
                                for t in x.into_inner() {
                                    let part = term(self, t, &mut inc);
                                    inc.parts.push(part);
                                }
                            }
                            Rule::greater_of => {
                                let mut sums = x
                                    .into_inner()
                                    .filter(|y| y.as_rule() == Rule::allowance_sum);
                                if let Some(a) = sums.next() {
                                    for t in a.into_inner() {
                                        let part = term(self, t, &mut inc);
                                        inc.parts.push(part);
                                    }
                                }
                                if let Some(b) = sums.next() {
                                    for t in b.into_inner() {
                                        let part = term(self, t, &mut inc);
                                        inc.greater.push(part);
                                    }
                                }
                            }
                            Rule::ident_list => inc.editions = names(x),
                            Rule::allowance_cap => {
                                if let Some(n) =
                                    x.into_inner().find(|y| y.as_rule() == Rule::number)
                                {
                                    inc.cap = Some(self.number(n));
                                }
                            }
                            _ => {}
                        }
                    }
                    if let Some((n, per_seat)) = inc.parts.first() {
                        inc.units = *n;
                        inc.per_seat = *per_seat;
                    }
                    q.included.push(inc);
                }
                Rule::qty_limit => {
                    let parts: Vec<_> = c.into_inner().collect();
                    let max = parts.iter().any(|x| x.as_rule() == Rule::kw_maximum);
                    if let Some(n) = parts.into_iter().find(|x| x.as_rule() == Rule::number) {
                        let n = self.number(n);
                        if max {
                            q.maximum.push(n);
                        } else {
                            q.minimum.push(n);
                        }
                    }
                }
                Rule::qty_percent => {
                    let at = span(&c);
                    q.charges.push(self.percent_charge(c, at));
                }
                Rule::qty_charge => {
                    let at = span(&c);
                    let parts: Vec<_> = c.into_inner().collect();
                    let billed = (parts.iter())
                        .find(|x| x.as_rule() == Rule::billed)
                        .map(|x| text(last(x.clone())));
                    let body = (parts.into_iter())
                        .find(|x| !is_keyword(x.as_rule()) && x.as_rule() != Rule::billed);
                    if let Some(x) = body {
                        let mut charge = self.charge(x, at);
                        charge.billed = billed;
                        q.charges.push(charge);
                    }
                }
                _ => {}
            }
        }
        q
    }

    pub(super) fn charge(&mut self, p: Pair<Rule>, at: crate::span::Span) -> ChargeAst {
        let kind = match p.as_rule() {
            Rule::on_application => ChargeKind::OnApplication,
            Rule::qty_per_unit => {
                let parts: Vec<_> = p.into_inner().collect();
                let mut price = zero(at);
                let mut word = text_at(at);
                for x in parts {
                    match x.as_rule() {
                        Rule::amount => price = self.number(x),
                        Rule::unit_word => word = text(x),
                        _ => {}
                    }
                }
                ChargeKind::PerUnit { price, word }
            }
            Rule::qty_pack => {
                let mut nums = Vec::new();
                let (mut word, mut rounding) = (None, None);
                for x in p.into_inner() {
                    match x.as_rule() {
                        Rule::amount | Rule::number => nums.push(self.number(x)),
                        Rule::unit_word => word = Some(text(x)),
                        Rule::pack_rounding => rounding = Some(text(last(x))),
                        _ => {}
                    }
                }
                let mut nums = nums.into_iter();
                ChargeKind::Pack {
                    price: nums.next().unwrap_or_else(|| zero(at)),
                    size: nums.next().unwrap_or_else(|| zero(at)),
                    word,
                    rounding,
                }
            }
            _ => {
                let mut model = text_at(at);
                let mut tiers = Vec::new();
                let mut block = None;
                for x in p.into_inner() {
                    match x.as_rule() {
                        Rule::qty_tier_mode => model = text(first(x)),
                        Rule::qty_tier => tiers.push(self.tier(x)),
                        Rule::tier_block => block = Some(self.number(last(x))),
                        _ => {}
                    }
                }
                ChargeKind::Tiers {
                    model,
                    block,
                    tiers,
                }
            }
        };
        ChargeAst {
            kind,
            billed: None,
            span: at,
        }
    }

    fn tier(&mut self, p: Pair<Rule>) -> TierAst {
        let at = span(&p);
        let mut t = TierAst {
            from: zero(at),
            to: None,
            range_span: at,
            price: zero(at),
            flat: false,
            fee: None,
            span: at,
        };
        for x in p.into_inner() {
            match x.as_rule() {
                Rule::qty_range => {
                    t.range_span = span(&x);
                    let mut ends = x.into_inner();
                    if let Some(from) = ends.next() {
                        t.from = self.number(from);
                    }
                    t.to = ends.next().map(|to| self.number(to));
                }
                Rule::amount => t.price = self.number(x),
                Rule::tier_flat => t.flat = true,
                Rule::band_fee => {
                    if let Some(a) = x.into_inner().find(|y| y.as_rule() == Rule::amount) {
                        t.fee = Some(self.number(a));
                    }
                }
                _ => {}
            }
        }
        t
    }

    fn percent_charge(&mut self, p: Pair<Rule>, at: crate::span::Span) -> ChargeAst {
        let mut percent = zero(at);
        let (mut fixed, mut word) = (None, None);
        let (mut min, mut max) = (Vec::new(), Vec::new());
        let mut billed = None;
        for x in p.into_inner() {
            match x.as_rule() {
                Rule::percent => percent = self.percent(x),
                Rule::amount => fixed = Some(self.number(x)),
                Rule::unit_word => word = Some(text(x)),
                Rule::minimum => min.push(self.number(last(x))),
                Rule::maximum => max.push(self.number(last(x))),
                Rule::billed => billed = Some(text(last(x))),
                _ => {}
            }
        }
        ChargeAst {
            kind: ChargeKind::Percent {
                percent,
                fixed,
                word,
                min,
                max,
            },
            billed,
            span: at,
        }
    }
}

fn text_at(at: crate::span::Span) -> Name {
    crate::span::Spanned::new(String::new(), at)
}

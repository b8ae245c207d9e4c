//! The `deals` block: floors and their approvers, proration, the renewal cap and quote
//! validity, checked once so deal pricing can trust them.

use super::Analyzer;
use crate::model::*;
use crate::span::Span;
use crate::syntax::ast::DealsAst;
use std::sync::Arc;

impl Analyzer<'_> {
    /// Merges every `deals` block; each setting may be given once in all of them.
    pub(super) fn deal_terms(&mut self, blocks: &[&DealsAst]) -> DealTerms {
        let mut floors = Vec::new();
        let (mut proration, mut caps, mut days) = (Vec::new(), Vec::new(), Vec::new());
        for b in blocks {
            for f in &b.floors {
                let percent = self.percent(&f.percent);
                floors.push(Floor {
                    text: Arc::from(f.text.value.as_str()),
                    rule: if f.price {
                        FloorRule::PriceBelow(percent)
                    } else {
                        FloorRule::DiscountAbove(percent)
                    },
                    approver: f.approver.as_ref().map(|a| Arc::from(a.value.as_str())),
                });
            }
            proration.extend(b.proration.iter().map(|p| (p.value.clone(), p.span)));
            caps.extend(b.renewal_cap.iter().map(|c| (*c, c.span)));
            days.extend(b.valid_days.iter().map(|d| (d.value, d.span)));
        }
        let proration = match self.once("the proration", &proration).as_deref() {
            Some("day") => Proration::ByDay,
            _ => Proration::ByMonth,
        };
        let renewal_cap = self
            .once("the renewal uplift cap", &caps)
            .map(|c| self.percent(&c));
        let valid_days = self.once("the quote validity", &days);
        if let Some(0) = valid_days {
            let span: Span = days[0].1;
            let kind = crate::diagnostic::Kind::NotPositive {
                what: "the quote validity",
                value: "0".into(),
            };
            self.error(kind, span);
        }
        DealTerms {
            floors,
            proration,
            renewal_cap,
            valid_days,
        }
    }
}

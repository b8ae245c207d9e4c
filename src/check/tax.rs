//! The plan's tax: one rate (`tax 8.25%`, `tax 6% included`), or a table by the customer's
//! country or region (`tax by country { ... }`) whose codes are ISO 3166's.

use super::Analyzer;
use crate::diagnostic::Kind;
use crate::model::{tax::EU, TaxTable, Text};
use crate::span::Span;
use crate::syntax::ast::{Name, Num, TaxTableAst};
use rust_decimal::Decimal;

/// The plan's tax as checked: the default rate, whether prices include it, and the table.
pub(super) struct Taxes {
    pub percent: Decimal,
    pub included: bool,
    pub table: Option<Box<TaxTable>>,
}

impl Analyzer<'_> {
    /// `tax P%` lines and `tax by country` blocks: at most one of each; the table's
    /// `default` and `tax P%` are the same thing and may not both be written.
    pub(super) fn taxes(
        &mut self,
        lines: &[((Num, bool), Span)],
        tables: &[&TaxTableAst],
        plan_span: Span,
    ) -> Taxes {
        let tax = self.once("the tax rate", lines);
        if let Some(t) = tables.get(1) {
            self.error(
                Kind::Repeated {
                    what: "the tax table",
                },
                t.span,
            );
        }
        let included = tax.is_some_and(|(_, i)| i);
        let Some(table) = tables.first() else {
            let percent = match tax {
                None => {
                    let example = "tax 6%";
                    self.error(
                        Kind::Missing {
                            what: "tax rate",
                            example,
                        },
                        plan_span,
                    );
                    Decimal::ZERO
                }
                Some((t, _)) => self.percent(&t),
            };
            return Taxes {
                percent,
                included,
                table: None,
            };
        };
        if included {
            self.error(Kind::TaxTableIncluded, table.span);
        }
        let mut default = tax.map(|(t, _)| self.percent(&t));
        if let Some(d) = table.defaults.first() {
            if default.is_some() {
                self.error(
                    Kind::Repeated {
                        what: "the default tax rate",
                    },
                    d.span,
                );
            }
            default = Some(self.percent(d));
        }
        for extra in table.defaults.iter().skip(1) {
            self.error(
                Kind::Repeated {
                    what: "the default tax rate",
                },
                extra.span,
            );
        }
        let mut rates: Vec<(Text, Option<Decimal>)> = Vec::with_capacity(table.rates.len());
        for (region, rate) in &table.rates {
            self.region(region, false);
            if rates.iter().any(|(r, _)| **r == *region.value) {
                self.error(
                    Kind::Repeated {
                        what: "a region's tax rate",
                    },
                    region.span,
                );
                continue;
            }
            let rate = rate.as_ref().map(|r| self.percent(r));
            rates.push((Text::from(region.value.as_str()), rate));
        }
        let mut reverse_charge: Vec<Text> = Vec::new();
        for r in &table.reverse_charge {
            self.region(r, true);
            let countries: Vec<&str> = if r.value == "EU" {
                EU.to_vec()
            } else {
                vec![r.value.as_str()]
            };
            for c in countries {
                if !reverse_charge.iter().any(|x| &**x == c) {
                    reverse_charge.push(Text::from(c));
                }
            }
        }
        Taxes {
            percent: default.unwrap_or_default(),
            included: false,
            table: Some(Box::new(TaxTable {
                rates,
                default,
                reverse_charge,
            })),
        }
    }

    /// A region code: an ISO 3166-1 country (`DE`), a subdivision of one (`US-TX`), or `EU`
    /// where a group of countries is meant.
    fn region(&mut self, r: &Name, group: bool) {
        let code = r.value.as_str();
        if group && code == "EU" {
            return;
        }
        let country = code.split('-').next().unwrap_or(code);
        let subdivision_ok = code
            .split_once('-')
            .is_none_or(|(_, s)| (1..=3).contains(&s.len()));
        if isocountry::CountryCode::for_alpha2(country).is_err() || !subdivision_ok {
            self.error(
                Kind::UnknownRegion {
                    code: code.to_string(),
                },
                r.span,
            );
        }
    }
}

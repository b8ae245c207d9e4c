//! Prices stated per billing cycle (`23.00 per seat billed annually`): one price per
//! cycle at most, which cycles an item is sold on, and a warning when committing to a
//! longer cycle costs more a month than a shorter one.

use super::Analyzer;
use crate::diagnostic::Kind;
use crate::model::{Billing, CyclePrices, SeatPrice, SoldOn, SupportPrice};
use crate::span::Span;
use crate::syntax::ast::Name;
use rust_decimal::Decimal;

/// An item's prices once sorted by cycle.
pub(super) struct ByCycle<T> {
    /// The price without `billed`, else the first cycle's (for summaries and diffs).
    pub price: T,
    /// True when a price without `billed` was written.
    pub has_default: bool,
    /// Each cycle's own price.
    pub cycles: CyclePrices<T>,
    /// With no default, only the cycles that have a price are sold.
    pub sold_on: SoldOn,
    /// Where the default (`None`) and each cycle's price are written.
    spans: Vec<(Option<Billing>, Span)>,
}

/// The cycle a `billed` word names; the grammar admits only cycle words, and a cycle of
/// more months than ratecard sells is read as the longest (the checker reports it).
pub(super) fn cycle(word: &Name) -> Billing {
    Billing::parse(&word.value)
        .unwrap_or_else(|| Billing::every(Billing::MAX_MONTHS).unwrap_or(Billing::ANNUAL))
}

/// The cycles a plan sells (the standard ones and any its items name, shortest first) and
/// the cycle a request without `billing` is billed on: monthly, unless every edition is
/// sold on one and the same single cycle (an annual-only book needs no `billing`).
pub(super) fn sold(
    editions: &[crate::model::Edition],
    modules: &[crate::model::Module],
    supports: &[crate::model::Support],
    backups: &[crate::model::Backup],
    storage: &crate::model::StoragePolicy,
) -> (Vec<Billing>, Billing) {
    let mut all: Vec<Billing> = Billing::ALL.to_vec();
    let named = (editions
        .iter()
        .flat_map(|e| e.cycle_prices.iter().map(|(c, _)| *c)))
    .chain(
        modules
            .iter()
            .flat_map(|m| m.cycle_prices.iter().map(|(c, _)| *c)),
    )
    .chain(
        supports
            .iter()
            .flat_map(|s| s.cycle_prices.iter().map(|(c, _)| *c)),
    )
    .chain(
        backups
            .iter()
            .flat_map(|b| b.cycle_prices.iter().map(|(c, _)| *c)),
    )
    .chain(storage.cycle_overages.iter().map(|(c, _)| *c));
    all.extend(named);
    all.sort();
    all.dedup();
    let only = match editions.split_first() {
        Some((first, rest)) if first.sold_on.len() == 1 => {
            let c = first.sold_on[0];
            rest.iter()
                .all(|e| e.sold_on.as_slice() == [c])
                .then_some(c)
        }
        _ => None,
    };
    (all, only.unwrap_or(Billing::MONTHLY))
}

impl Analyzer<'_> {
    /// Sorts `prices` (each with its `billed` word and its span) into a default and one
    /// price per cycle, reporting a second default or a second price for one cycle.
    /// `None` when there is no price at all.
    pub(super) fn by_cycle<T: Clone>(
        &mut self,
        what: &str,
        prices: Vec<(T, Option<&Name>, Span)>,
    ) -> Option<ByCycle<T>> {
        let mut default: Option<T> = None;
        let mut cycles: CyclePrices<T> = Vec::new();
        let mut spans = Vec::new();
        for (price, billed, span) in prices {
            match billed {
                None if default.is_some() => {
                    let what = what.to_string();
                    self.error(Kind::ExtraPrice { what }, span);
                }
                None => {
                    default = Some(price);
                    spans.push((None, span));
                }
                Some(word) => {
                    let c = cycle(word);
                    if cycles.iter().any(|(x, _)| *x == c) {
                        let kind = Kind::CyclePriceTwice {
                            what: what.to_string(),
                            cycle: c.adverb().into_owned(),
                        };
                        self.error(kind, span);
                    } else {
                        cycles.push((c, price));
                        spans.push((Some(c), span));
                    }
                }
            }
        }
        let has_default = default.is_some();
        let price = default.or_else(|| cycles.first().map(|(_, p)| p.clone()))?;
        let mut sold_on: SoldOn = if has_default {
            Vec::new()
        } else {
            cycles.iter().map(|(c, _)| *c).collect()
        };
        sold_on.sort();
        Some(ByCycle {
            price,
            has_default,
            cycles,
            sold_on,
            spans,
        })
    }

    /// Warns when a longer cycle's price is above a shorter one's at some seat count.
    pub(super) fn cycle_order<T: MonthlyAt>(&mut self, what: &str, p: &ByCycle<T>) {
        if p.cycles.is_empty() {
            return;
        }
        // The price each cycle actually gets: its own, else the default (if sold at all).
        let effective: Vec<(Billing, &T)> = Billing::ALL
            .iter()
            .filter_map(|&c| match p.cycles.iter().find(|(x, _)| *x == c) {
                Some((_, price)) => Some((c, price)),
                None if p.has_default => Some((c, &p.price)),
                None => None,
            })
            .collect();
        for (i, (short, sp)) in effective.iter().enumerate() {
            for (long, lp) in &effective[i + 1..] {
                let mut seats: Vec<u64> = sp.sample_seats();
                seats.extend(lp.sample_seats());
                seats.sort_unstable();
                seats.dedup();
                for n in seats {
                    let (Some(s), Some(l)) = (sp.monthly_at(n), lp.monthly_at(n)) else {
                        continue;
                    };
                    if l > s {
                        // Underline the longer cycle's price: its own line, else the default.
                        let at = [Some(*long), None]
                            .iter()
                            .find_map(|c| p.spans.iter().find(|(x, _)| x == c))
                            .map(|(_, span)| *span)
                            .unwrap_or_default();
                        let kind = Kind::CycleCostsMore {
                            what: what.to_string(),
                            longer: long.adverb().into_owned(),
                            shorter: short.adverb().into_owned(),
                            seats: n,
                            amounts: Box::new([
                                crate::money::format_amount(l, self.digits),
                                crate::money::format_amount(s, self.digits),
                            ]),
                        };
                        self.error(kind, at);
                        return;
                    }
                }
            }
        }
    }
}

/// A price that can say what a month costs at a seat count, for comparing cycles.
pub(super) trait MonthlyAt {
    /// A month at `seats` seats; `None` when it does not depend on seats alone.
    fn monthly_at(&self, seats: u64) -> Option<Decimal>;
    /// Seat counts where the price changes shape (band edges), always including 1.
    fn sample_seats(&self) -> Vec<u64>;
}

impl MonthlyAt for SeatPrice {
    fn monthly_at(&self, seats: u64) -> Option<Decimal> {
        let q = Decimal::from(seats);
        match self {
            SeatPrice::Flat(a) => Some(*a),
            SeatPrice::Account(tiers) => {
                crate::model::AccountTier::holding(tiers, seats).map(|t| t.price)
            }
            // Depends on other lines: not compared across cycles.
            SeatPrice::Percent(_) => None,
            SeatPrice::PerSeat(u) => q.checked_mul(*u),
            SeatPrice::Pack { size, price } => {
                Decimal::from(seats.div_ceil(*size)).checked_mul(*price)
            }
            SeatPrice::Volume(bands) => {
                let b = bands.iter().find(|b| b.contains(seats))?;
                q.checked_mul(b.unit)?
                    .checked_add(b.fee.unwrap_or_default())
            }
            SeatPrice::Graduated(bands) => {
                let mut total = Decimal::ZERO;
                for b in bands.iter().take_while(|b| b.from <= seats) {
                    let top = b.to.map_or(seats, |to| to.min(seats));
                    let units = Decimal::from(top - b.from + 1);
                    total = total
                        .checked_add(units.checked_mul(b.unit)?)?
                        .checked_add(b.fee.unwrap_or_default())?;
                }
                Some(total)
            }
        }
    }

    fn sample_seats(&self) -> Vec<u64> {
        let mut out = vec![1];
        if let SeatPrice::Volume(bands) | SeatPrice::Graduated(bands) = self {
            for b in bands {
                out.push(b.from);
                out.extend(b.to);
            }
        }
        if let SeatPrice::Pack { size, .. } = self {
            out.push(*size);
        }
        if let SeatPrice::Account(tiers) = self {
            out.extend(tiers.iter().map(|t| t.up_to));
        }
        out
    }
}

impl MonthlyAt for SupportPrice {
    fn monthly_at(&self, seats: u64) -> Option<Decimal> {
        match self {
            SupportPrice::Flat(a) => Some(*a),
            SupportPrice::PerSeat(u) => Decimal::from(seats).checked_mul(*u),
            // A percentage depends on the other lines, so it is not compared.
            SupportPrice::Percent { .. } => None,
        }
    }

    fn sample_seats(&self) -> Vec<u64> {
        vec![1]
    }
}

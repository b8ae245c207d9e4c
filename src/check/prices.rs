//! Checks seat prices and bands: coverage from seat 1 with no gap or overlap, and cliffs.

use super::{text, Analyzer};
use crate::diagnostic::Kind;
use crate::model::{Band, Edition, Module, SeatPrice};
use crate::syntax::ast::{BandAst, PriceAst, PriceKind};
use rust_decimal::Decimal;

impl Analyzer<'_> {
    /// Validates one price line; `line_id` / `label` name the lines it will produce.
    pub(super) fn seat_price(
        &mut self,
        p: &PriceAst,
        line_id: &str,
        label: &str,
    ) -> Option<SeatPrice> {
        Some(match &p.kind {
            // No list price: the item is refused unless a deal gives it a contract price.
            PriceKind::OnApplication => SeatPrice::Flat(Decimal::ZERO),
            PriceKind::Flat(n) => SeatPrice::Flat(self.non_negative("a price", n)),
            PriceKind::PerSeat(n) => SeatPrice::PerSeat(self.non_negative("a price", n)),
            PriceKind::Pack { price, size } => {
                if size.value == 0 {
                    let what = "a pack size";
                    self.error(
                        Kind::NotPositive {
                            what,
                            value: "0".into(),
                        },
                        size.span,
                    );
                }
                SeatPrice::Pack {
                    size: size.value.max(1),
                    price: self.non_negative("a price", price),
                }
            }
            PriceKind::Account(tiers) => SeatPrice::Account(self.account(tiers, p)?),
            PriceKind::Tiered { graduated, bands } => {
                let bands = self.bands(bands, p, line_id, label)?;
                if *graduated {
                    SeatPrice::Graduated(bands)
                } else {
                    self.cliffs(&bands, p);
                    SeatPrice::Volume(bands)
                }
            }
        })
    }

    /// An account price's tiers: at least one, each holding more users than the last.
    fn account(
        &mut self,
        tiers: &[crate::syntax::ast::AccountTierAst],
        p: &PriceAst,
    ) -> Option<Vec<crate::model::AccountTier>> {
        if tiers.is_empty() {
            let kind = Kind::AccountTiers {
                previous: None,
                up_to: 0,
            };
            self.error(kind, p.span);
            return None;
        }
        let mut out: Vec<crate::model::AccountTier> = Vec::with_capacity(tiers.len());
        for t in tiers {
            if t.up_to.value == 0 {
                let (what, value) = ("a tier's users", "0".into());
                self.error(Kind::NotPositive { what, value }, t.up_to.span);
                return None;
            }
            if let Some(prev) = out.last().filter(|prev| prev.up_to >= t.up_to.value) {
                let kind = Kind::AccountTiers {
                    previous: Some(prev.up_to),
                    up_to: t.up_to.value,
                };
                self.error(kind, t.up_to.span);
                return None;
            }
            out.push(crate::model::AccountTier {
                up_to: t.up_to.value,
                price: self.non_negative("a price", &t.price),
                storage: t
                    .storage
                    .as_ref()
                    .map(|s| self.non_negative("a storage allowance", s)),
            });
        }
        Some(out)
    }

    fn bands(
        &mut self,
        bands: &[BandAst],
        p: &PriceAst,
        line_id: &str,
        label: &str,
    ) -> Option<Vec<Band>> {
        if bands.is_empty() {
            self.error(Kind::NoBands, p.span);
            return None;
        }
        self.unique("band", bands.iter().filter_map(|b| b.name.as_ref()));
        let mut out: Vec<Band> = Vec::with_capacity(bands.len());
        let mut ok = true;
        for (i, b) in bands.iter().enumerate() {
            let unit = self.non_negative("a seat price", &b.unit);
            let fee = b.fee.as_ref().map(|f| self.non_negative("a band fee", f));
            let range = match b.to {
                Some(to) => format!("{}..{}", b.from.value, to.value),
                None => format!("{}..", b.from.value),
            };
            if let Some(to) = b.to {
                if to.value < b.from.value {
                    let kind = Kind::BandBackwards {
                        from: b.from.value,
                        to: to.value,
                    };
                    self.error(kind, b.range_span);
                    ok = false;
                }
            }
            match out.last() {
                None if b.from.value != 1 => {
                    self.error(Kind::BandStart { from: b.from.value }, b.range_span);
                    ok = false;
                }
                None => {}
                Some(prev) => match prev.to {
                    None => {
                        let kind = Kind::BandAfterOpen {
                            open: prev.range.to_string(),
                        };
                        self.error(kind, b.range_span);
                        ok = false;
                    }
                    Some(prev_to) => {
                        let expected = prev_to.saturating_add(1);
                        if b.from.value < expected {
                            let kind = Kind::BandOverlap {
                                band: range.clone(),
                                previous: prev.range.to_string(),
                            };
                            self.error(kind, b.range_span);
                            ok = false;
                        } else if b.from.value > expected {
                            let kind = Kind::BandGap {
                                previous: prev.range.to_string(),
                                from: b.from.value,
                                expected,
                            };
                            self.error(kind, b.range_span);
                            ok = false;
                        }
                    }
                },
            }
            let name = b.name.as_ref().map(|n| text(&n.value));
            let key = match &name {
                Some(n) => n.to_string(),
                None => match b.to {
                    Some(to) => format!("{}-{}", b.from.value, to.value),
                    None => format!("{}+", b.from.value),
                },
            };
            let shown = match &name {
                Some(n) => format!("{label} {n} ({range})"),
                None => format!("{label} {range}"),
            };
            out.push(Band {
                name,
                from: b.from.value,
                to: b.to.map(|t| t.value),
                unit,
                fee,
                range: text(&range),
                line_id: text(&format!("{line_id}.{key}")),
                line_label: text(&shown),
            });
            let _ = i;
        }
        ok.then_some(out)
    }

    /// Warns where buying one more seat past a volume band's end costs less in total.
    fn cliffs(&mut self, bands: &[Band], p: &PriceAst) {
        let PriceKind::Tiered { bands: written, .. } = &p.kind else {
            return;
        };
        for (i, pair) in bands.windows(2).enumerate() {
            let (a, b) = (&pair[0], &pair[1]);
            let Some(at) = a.to else { continue };
            let next = at + 1;
            let total = |band: &Band, q: u64| -> Option<Decimal> {
                Decimal::from(q)
                    .checked_mul(band.unit)?
                    .checked_add(band.fee.unwrap_or_default())
            };
            let (Some(total_at), Some(total_next)) = (total(a, at), total(b, next)) else {
                continue;
            };
            if total_next >= total_at {
                continue;
            }
            // The largest n in band b with n x unit + fee < total_at; `None` when every count
            // of an open band costs less (the machine's largest integer is not the plan's).
            let cheaper_until = if b.unit.is_zero() {
                b.to
            } else {
                let limit = (total_at - b.fee.unwrap_or_default()).checked_div(b.unit);
                let n = limit.and_then(|l| u64::try_from(l.ceil() - Decimal::ONE).ok());
                match (n, b.to) {
                    (Some(n), Some(last)) => Some(n.min(last).max(next)),
                    (Some(n), None) if n < u64::MAX => Some(n.max(next)),
                    (_, last) => last,
                }
            };
            let kind = Kind::VolumeCliff {
                at,
                total_at: crate::money::format_amount(total_at, self.digits),
                next,
                total_next: crate::money::format_amount(total_next, self.digits),
                cheaper_until,
            };
            self.error(kind, written[i + 1].span);
        }
    }
}

/// Why module `m` cannot be used with edition `e`, or `None` if it can.
pub(super) fn why_unusable(m: usize, modules: &[Module], e: &Edition) -> Option<String> {
    let module = &modules[m];
    if e.included[m] {
        return None;
    }
    if module.price.is_none() && module.attach_for(&e.id).is_none() {
        return Some("it has no price of its own and no edition includes it".into());
    }
    let present = |x: usize| e.included[x];
    for &x in &module.excludes {
        if present(x) {
            return Some(format!(
                "it excludes `{}`, which edition `{}` includes",
                modules[x].id, e.id
            ));
        }
    }
    for (x, other) in modules.iter().enumerate() {
        if present(x) && other.excludes.contains(&m) {
            return Some(format!(
                "edition `{}` includes `{}`, which excludes it",
                e.id, other.id
            ));
        }
    }
    for &r in &module.requires {
        if !present(r) && modules[r].price.is_none() {
            return Some(format!(
                "it requires `{}`, which edition `{}` does not include and which is not sold on its own",
                modules[r].id, e.id
            ));
        }
    }
    None
}

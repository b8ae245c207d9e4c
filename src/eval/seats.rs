//! Seat lines and module lines: the account's edition, any other editions and seat types
//! it buys, and each module for the seats it is bought for (pricing steps 1-2).

use super::{too_large, Evaluator};
use crate::model::*;
use crate::money::{self, Overflow};
use crate::quote::*;
use crate::rejection::Rejection;
use crate::resolved::SeatOf;
use rust_decimal::Decimal;

impl Evaluator<'_> {
    /// Step 1-2: every seat line, then every module line.
    pub(super) fn seats_and_modules(&mut self) -> Result<(), Rejection> {
        let r = self.r;
        self.edition_seats(r.edition, r.seats)?;
        for l in &r.other_seats {
            match l.of {
                SeatOf::Edition(e) => {
                    self.part = Some(e);
                    let priced = self.edition_seats(e, l.seats);
                    self.part = None;
                    priced?;
                }
                SeatOf::Type(t) => self.seat_type(t, l.seats)?,
            }
        }
        self.modules()
    }

    /// One edition's seat lines at its own price for `seats` (its minimum charge may
    /// raise them).
    fn edition_seats(&mut self, e: usize, seats: u64) -> Result<(), Rejection> {
        let ed = &self.plan.editions[e];
        let billing = self.r.billing;
        let (price, billed) = price_for(&ed.price, &ed.cycle_prices, billing);
        let l = &ed.limits;
        self.seats = seats;
        if let Some(min) = l.minimum.filter(|m| l.charge_minimum && seats < *m) {
            self.seats = min;
            self.minimum = Some((seats, min));
        }
        self.yearly = yearly_on(&ed.yearly, &ed.cycle_prices, billing);
        // An account price names the edition, not its seats: "Enterprise, up to 500 users".
        let label = match price {
            SeatPrice::Account(_) => &ed.label,
            _ => &ed.line_label,
        };
        let priced = self.seat_price(price, billed, &ed.line_id, label, Category::Seats);
        (self.seats, self.minimum, self.yearly) = (self.r.seats, None, false);
        priced.map_err(|_| too_large("the seats line"))
    }

    /// A seat type's line: its price with the account's edition, else its own.
    fn seat_type(&mut self, t: usize, seats: u64) -> Result<(), Rejection> {
        let st = &self.plan.seat_types[t];
        let ed = &self.plan.editions[self.r.edition];
        let billing = self.r.billing;
        self.seats = seats;
        let priced = if let Some(a) = st.attach_on(&ed.id, billing) {
            self.attach = Some(ed.label.clone());
            self.seat_price(&a.price, None, &st.line_id, &st.label, Category::Seats)
        } else if let Some(own) = &st.price {
            let (price, billed) = price_for(own, &st.cycle_prices, billing);
            self.yearly = yearly_on(&st.yearly, &st.cycle_prices, billing);
            self.seat_price(price, billed, &st.line_id, &st.label, Category::Seats)
        } else {
            Ok(())
        };
        self.seats = self.r.seats;
        priced.map_err(|_| too_large("a seat type's line"))
    }

    /// Each module bought: included with the account's edition, and priced for the seats
    /// of each edition line that sells it (all of them, or the count bought).
    fn modules(&mut self) -> Result<(), Rejection> {
        let plan = self.plan;
        let r = self.r;
        let main = &plan.editions[r.edition];
        let billing = r.billing;
        for (m, module) in plan.modules.iter().enumerate() {
            if !r.requested.contains(m) {
                continue;
            }
            if main.included[m] {
                let explain = Explain::Included {
                    edition: main.label.clone(),
                };
                self.push(
                    &module.line_id,
                    &module.label,
                    Category::Module,
                    LineKind::Recurring,
                    Decimal::ZERO,
                    (None, None),
                    explain,
                );
            }
            let count = r.module_count(m);
            let split = crate::resolved::module_split(plan, r.edition_lines(), m, billing, count);
            let mut whole_account = false;
            for (e, seats) in split {
                let ed = &plan.editions[e];
                let attach = module.attach_on(&ed.id, billing);
                let (price, billed) = match (attach, &module.price) {
                    (Some(a), _) => (&a.price, None),
                    (None, Some(own)) => price_for(own, &module.cycle_prices, billing),
                    (None, None) => continue,
                };
                // A flat or percentage price is the account's, whatever its seat lines.
                if matches!(
                    price,
                    SeatPrice::Flat(_) | SeatPrice::Percent(_) | SeatPrice::Account(_)
                ) {
                    if whole_account {
                        continue;
                    }
                    whole_account = true;
                }
                if attach.is_some() {
                    self.attach = Some(ed.label.clone());
                } else {
                    self.yearly = yearly_on(&module.yearly, &module.cycle_prices, billing);
                }
                self.seats = seats;
                self.part = (e != r.edition).then_some(e);
                let priced = self.seat_price(
                    price,
                    billed,
                    &module.line_id,
                    &module.label,
                    Category::Module,
                );
                (self.seats, self.part) = (r.seats, None);
                priced.map_err(|_| too_large("a module line"))?;
            }
        }
        Ok(())
    }

    fn seat_price(
        &mut self,
        price: &SeatPrice,
        billed: Option<Billing>,
        id: &Text,
        label: &Text,
        cat: Category,
    ) -> Result<(), Overflow> {
        self.billed = billed;
        let priced = self.seat_lines(price, id, label, cat);
        // Cycle, yearly and attach marks belong to this item's lines only.
        (self.billed, self.yearly, self.attach) = (None, false, None);
        priced
    }

    fn seat_lines(
        &mut self,
        price: &SeatPrice,
        id: &Text,
        label: &Text,
        cat: Category,
    ) -> Result<(), Overflow> {
        let seats = self.seats;
        let q = Decimal::from(seats);
        let rec = LineKind::Recurring;
        match price {
            SeatPrice::Flat(a) => {
                self.push(
                    id,
                    label,
                    cat,
                    rec,
                    *a,
                    (Some(Decimal::ONE), Some(*a)),
                    Explain::Flat,
                );
            }
            SeatPrice::PerSeat(unit) => {
                let amount = money::mul(q, *unit)?;
                self.push(
                    id,
                    label,
                    cat,
                    rec,
                    amount,
                    (Some(q), Some(*unit)),
                    Explain::PerSeat { seats, unit: *unit },
                );
            }
            SeatPrice::Pack { size, price } => {
                let packs = Decimal::from(seats.div_ceil(*size));
                let amount = money::mul(packs, *price)?;
                let explain = Explain::Pack {
                    seats,
                    size: *size,
                    packs,
                    price: *price,
                };
                self.push(
                    id,
                    label,
                    cat,
                    rec,
                    amount,
                    (Some(packs), Some(*price)),
                    explain,
                );
            }
            SeatPrice::Volume(bands) => {
                // resolve() has checked that some band contains the seats.
                let Some(b) = bands.iter().find(|b| b.contains(seats)) else {
                    return Ok(());
                };
                let amount = money::add(money::mul(q, b.unit)?, b.fee.unwrap_or_default())?;
                let explain = Explain::Volume {
                    seats,
                    range: b.range.clone(),
                    unit: b.unit,
                    fee: b.fee,
                };
                self.push(
                    id,
                    label,
                    cat,
                    rec,
                    amount,
                    (Some(q), Some(b.unit)),
                    explain,
                );
            }
            SeatPrice::Percent(p) => self.percent_of(p, id, label, cat)?,
            SeatPrice::Account(tiers) => {
                // resolve() has checked that some tier holds the account.
                let Some(t) = AccountTier::holding(tiers, seats) else {
                    return Ok(());
                };
                let label = Text::from(format!("{label}, up to {} users", t.up_to));
                let explain = Explain::Account {
                    seats,
                    up_to: t.up_to,
                };
                let qu = (Some(Decimal::ONE), Some(t.price));
                self.push(id, &label, cat, rec, t.price, qu, explain);
            }
            SeatPrice::Graduated(bands) => {
                for b in bands.iter().take_while(|b| b.from <= seats) {
                    let top = b.to.map_or(seats, |to| to.min(seats));
                    let units = top - b.from + 1;
                    let uq = Decimal::from(units);
                    let amount = money::add(money::mul(uq, b.unit)?, b.fee.unwrap_or_default())?;
                    let explain = Explain::Graduated {
                        units,
                        seats,
                        range: b.range.clone(),
                        unit: b.unit,
                        fee: b.fee,
                    };
                    self.push(
                        &b.line_id,
                        &b.line_label,
                        cat,
                        rec,
                        amount,
                        (Some(uq), Some(b.unit)),
                        explain,
                    );
                }
            }
        }
        Ok(())
    }
}

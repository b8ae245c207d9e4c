//! A request whose every name the plan knows: the hand-off between request resolution
//! (`eval::resolve`) and everything that prices it, hooks included. It sits below both
//! `eval` and `hooks` so that hooks read it without importing the evaluator.

use rust_decimal::Decimal;

pub use crate::model::Billing;

/// A request whose every name is known to the plan.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Edition index.
    pub edition: usize,
    /// Seats, at least 1.
    pub seats: u64,
    /// Seat lines beyond the edition's: other editions', then seat types', in plan order.
    /// Empty for a request of one edition, which then prices as it always has.
    pub other_seats: Vec<SeatLine>,
    /// The account's full seats: the edition's and every other edition's (not seat
    /// types'). What `seats` means in conditions, per-seat support and allowances.
    pub all_seats: u64,
    /// The modules the request names.
    pub requested: ModuleSet,
    /// Modules bought for some of the seats: (module index, seats), in plan order.
    pub module_seats: Vec<(usize, u64)>,
    /// Quantity of each add-on and usage of the plan (by index), when the request gives
    /// one; empty when it gives none, so plans without them cost nothing.
    pub quantities: Vec<Option<Decimal>>,
    /// The volume of each usage priced on volume (by index), zero when not given.
    pub volumes: Vec<Decimal>,
    /// GB used.
    pub storage_gb: Decimal,
    /// Backup option index.
    pub backup: Option<usize>,
    /// Support tier index.
    pub support: Option<usize>,
    /// Units of service expected each year (0 when not given).
    pub support_units: u64,
    /// Billing cycle.
    pub billing: Billing,
    /// Term in months.
    pub term_months: u64,
    /// Services in request order.
    pub services: smallvec::SmallVec<[ResolvedService; 4]>,
    /// Coupon indices in request order.
    pub coupons: Vec<usize>,
    /// The tax rate the quote is taxed at, and why (a tax table's choice).
    pub tax: crate::model::TaxChoice,
}

/// One line of seats beyond the edition's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SeatLine {
    /// Another edition's seats, or a seat type's.
    pub of: SeatOf,
    /// How many, at least 1.
    pub seats: u64,
}

/// What a seat line buys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SeatOf {
    /// Seats of another edition (its index).
    Edition(usize),
    /// Seats of a seat type (its index).
    Type(usize),
}

impl Resolved {
    /// The seats of edition `e` in this account (0 when it buys none).
    pub fn seats_of(&self, e: usize) -> u64 {
        if e == self.edition {
            return self.seats;
        }
        (self.other_seats.iter())
            .find(|l| l.of == SeatOf::Edition(e))
            .map_or(0, |l| l.seats)
    }

    /// Every edition line: (edition index, seats), the account's edition first.
    pub fn edition_lines(&self) -> impl Iterator<Item = (usize, u64)> + '_ {
        std::iter::once((self.edition, self.seats)).chain(self.other_seats.iter().filter_map(|l| {
            match l.of {
                SeatOf::Edition(e) => Some((e, l.seats)),
                SeatOf::Type(_) => None,
            }
        }))
    }

    /// The seats bought for module `m` when the request gives a count.
    pub fn module_count(&self, m: usize) -> Option<u64> {
        (self.module_seats.iter())
            .find(|(i, _)| *i == m)
            .map(|(_, n)| *n)
    }
}

/// A set of module indices. Plans rarely have more than 128 modules, so those are
/// held inline and resolving a request allocates nothing for its modules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModuleSet {
    inline: u128,
    spill: Vec<u64>,
}

impl ModuleSet {
    /// True when module `m` is in the set.
    pub fn contains(&self, m: usize) -> bool {
        match m.checked_sub(128) {
            None => self.inline & (1 << m) != 0,
            Some(i) => self
                .spill
                .get(i / 64)
                .is_some_and(|w| w & (1 << (i % 64)) != 0),
        }
    }

    /// Adds module `m`; returns false when it was already there.
    pub fn insert(&mut self, m: usize) -> bool {
        let had = self.contains(m);
        match m.checked_sub(128) {
            None => self.inline |= 1 << m,
            Some(i) => {
                if self.spill.len() <= i / 64 {
                    self.spill.resize(i / 64 + 1, 0);
                }
                self.spill[i / 64] |= 1 << (i % 64);
            }
        }
        !had
    }
}

/// One requested service, resolved.
#[derive(Debug, Clone)]
pub struct ResolvedService {
    /// Service index.
    pub service: usize,
    /// Target index (target-priced services).
    pub target: Option<usize>,
    /// Complexity index, if the service has complexities.
    pub complexity: Option<usize>,
    /// Units, positive.
    pub quantity: Decimal,
}

/// The price module `m` is sold at with edition `e` on `billing`: its attach price with
/// that edition, else its own; `None` when it is not sold with it.
pub fn module_price(
    plan: &crate::model::Plan,
    m: usize,
    e: usize,
    billing: Billing,
) -> Option<&crate::model::SeatPrice> {
    let module = plan.modules.get(m)?;
    let ed = plan.editions.get(e)?;
    if let Some(a) = module.attach_on(&ed.id, billing) {
        return Some(&a.price);
    }
    if module.price.is_none() && !module.attach.is_empty() {
        // Sold only with the editions its attach prices name.
        return None;
    }
    let own = module.price.as_ref()?;
    Some(crate::model::price_for(own, &module.cycle_prices, billing).0)
}

/// The seats module `m` is priced for on each edition line, `(edition, seats)` in line
/// order: every seat of the lines whose edition sells it rather than includes it, or with
/// a count, that many, the account's edition's seats first.
pub fn module_split(
    plan: &crate::model::Plan,
    lines: impl Iterator<Item = (usize, u64)>,
    m: usize,
    billing: Billing,
    count: Option<u64>,
) -> smallvec::SmallVec<[(usize, u64); 2]> {
    let mut left = count.unwrap_or(u64::MAX);
    let mut out = smallvec::SmallVec::new();
    for (e, seats) in lines {
        let Some(ed) = plan.editions.get(e) else {
            continue;
        };
        if ed.included.get(m).copied().unwrap_or(false)
            || module_price(plan, m, e, billing).is_none()
        {
            continue;
        }
        let n = seats.min(left);
        if n == 0 {
            break;
        }
        left -= n;
        out.push((e, n));
    }
    out
}

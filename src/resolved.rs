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
    /// The modules the request names.
    pub requested: ModuleSet,
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

//! Quantities beyond seats: add-ons bought by the unit and metered usage, each priced by
//! its own charge model (per unit, per pack, volume, graduated or stairstep tiers, or a
//! percentage of the amount it moves).

use super::Text;
use rust_decimal::Decimal;

/// An add-on bought in its own quantity, or a metered usage.
#[derive(Debug, Clone)]
pub struct Quantity {
    /// Name used in requests (`sandbox`, `emails`).
    pub id: Text,
    /// Display label.
    pub label: Text,
    /// Add-on (the request says how many are bought) or usage (how much was used).
    pub kind: QuantityKind,
    /// The unit counted (`sandbox`, `email`, `GB`).
    pub unit: Text,
    /// True when the unit divides (GB, hours): fractional quantities are then allowed.
    pub divisible: bool,
    /// Units given before any is priced.
    pub included: Included,
    /// How the units beyond them are priced.
    pub charge: Charge,
    /// Charges for one billing cycle, replacing `charge` on that cycle.
    pub cycle_charges: super::CyclePrices<Charge>,
    /// The only cycles it is sold on (empty: every cycle).
    pub sold_on: super::SoldOn,
    /// `price on application`: no list price; refused with "Contact sales".
    pub on_application: bool,
    /// Not sold in this price list's currency: the currencies it is sold in (`USD`).
    pub not_sold: Option<super::Text>,
    /// `bought once`: a one-time line, on the first invoice only.
    pub once: bool,
    /// `in blocks of`: the units priced are first rounded up to whole blocks of this size.
    pub block: Option<Decimal>,
    /// `metered daily`: the request gives a day's use, priced per day and billed for this
    /// many days a month.
    pub daily: Option<u64>,
    /// The fewest a request may ask for.
    pub minimum: Option<Decimal>,
    /// The most a request may ask for.
    pub maximum: Option<Decimal>,
    /// Quote line id: `addon.NAME` or `usage.NAME`.
    pub line_id: Text,
}

/// Whether the customer buys the quantity or uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityKind {
    /// Bought in a stated quantity (`sandbox = 3`).
    Addon,
    /// Metered: the quantity used in a month.
    Usage,
}

impl QuantityKind {
    /// The word a plan uses for it.
    pub fn word(self) -> &'static str {
        match self {
            QuantityKind::Addon => "add-on",
            QuantityKind::Usage => "usage",
        }
    }
}

/// Units given before any is priced: `first 10 free`, `includes 10000`,
/// `includes 500 per seat`, `includes 50000 with enterprise`.
#[derive(Debug, Clone, Default)]
pub struct Included {
    /// Allowances beyond plain sums: capped, or the greater of two (each for some editions
    /// or all).
    pub rules: Vec<AllowanceRule>,
    /// Units given whatever the request.
    pub flat: Decimal,
    /// Units given per seat.
    pub per_seat: Decimal,
    /// Units given with particular editions (edition index, flat, per seat).
    pub with_editions: Vec<(usize, Decimal, Decimal)>,
}

impl Included {
    /// True when nothing is included.
    pub fn is_none(&self) -> bool {
        self.flat.is_zero()
            && self.per_seat.is_zero()
            && self.with_editions.is_empty()
            && self.rules.is_empty()
    }
}

/// An allowance beyond a plain sum: the greatest of its alternatives (each `flat + per
/// seat`), held to its cap; for the listed editions only when any are listed.
#[derive(Debug, Clone)]
pub struct AllowanceRule {
    /// Edition indexes it is given with; empty: every edition.
    pub editions: Vec<usize>,
    /// `(flat, per seat)` alternatives; the greatest is given.
    pub alternatives: Vec<(Decimal, Decimal)>,
    /// `at most`: the most it gives.
    pub cap: Option<Decimal>,
}

impl AllowanceRule {
    /// The units it gives for `seats` seats.
    pub fn allows(&self, seats: Decimal) -> Result<Decimal, crate::money::Overflow> {
        let mut best = Decimal::ZERO;
        for (flat, per_seat) in &self.alternatives {
            best = best.max(crate::money::add(
                *flat,
                crate::money::mul(*per_seat, seats)?,
            )?);
        }
        Ok(self.cap.map_or(best, |c| best.min(c)))
    }
}

/// How a quantity is priced.
#[derive(Debug, Clone)]
pub enum Charge {
    /// The same price for every unit.
    PerUnit(Decimal),
    /// Whole packs of `size` units, a partial pack counted as `rounding` says.
    Pack {
        /// Units in a pack.
        size: Decimal,
        /// Price of one pack.
        price: Decimal,
        /// What a partial pack counts as.
        rounding: PackRounding,
    },
    /// Tiers of the quantity, by one of three models.
    Tiers {
        /// How the tiers combine.
        model: TierModel,
        /// Contiguous tiers, lowest first; only the last may be open.
        tiers: Vec<Tier>,
        /// `per 1000`: each tier's price is per block of this many units (a part block
        /// counts whole); `None`: per unit.
        block: Option<Decimal>,
    },
    /// A percentage of the amount the usage moves plus a fixed fee per transaction,
    /// clamped per transaction (card payments: 1.5% + 0.30, min 0.50).
    Percent(PercentCharge),
}

impl Charge {
    /// True when it charges something for no units at all: tiers whose first tier has a
    /// fee (a usage's base fee). Every other charge of zero units is zero.
    pub fn bills_at_zero(&self) -> bool {
        match self {
            Charge::Tiers { tiers, .. } => tiers.first().is_some_and(|t| !t.fee.is_zero()),
            _ => false,
        }
    }
}

/// What a partial pack counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackRounding {
    /// A started pack is a whole pack.
    Up,
    /// Only full packs are billed.
    Down,
    /// To the nearest pack, half a pack rounding up.
    Nearest,
}

impl PackRounding {
    /// The word a plan uses: `round up`.
    pub fn word(self) -> &'static str {
        match self {
            PackRounding::Up => "up",
            PackRounding::Down => "down",
            PackRounding::Nearest => "to the nearest",
        }
    }
}

/// How tiers combine into an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierModel {
    /// Every unit at the price of the tier the whole quantity falls in, plus its fee.
    Volume,
    /// Each tier prices the units inside it; every tier reached adds its fee.
    Graduated,
    /// The flat price of the tier the quantity falls in, whatever the units.
    Stairstep,
}

impl TierModel {
    /// The word a plan uses.
    pub fn word(self) -> &'static str {
        match self {
            TierModel::Volume => "volume",
            TierModel::Graduated => "graduated",
            TierModel::Stairstep => "stairstep",
        }
    }
}

/// One tier of a quantity: the units above `lower` up to `upper`.
#[derive(Debug, Clone)]
pub struct Tier {
    /// The units below the tier: the previous tier's upper bound (0 for the first).
    pub lower: Decimal,
    /// The last unit in the tier; `None` for the open last tier.
    pub upper: Option<Decimal>,
    /// Price per unit.
    pub unit: Decimal,
    /// Flat fee when the tier is reached (the whole price of a stairstep tier).
    pub fee: Decimal,
    /// The range as written (`11..20`), for explanations.
    pub range: Text,
}

impl Tier {
    /// True when a quantity of `q` falls in this tier (above the tiers before it).
    pub fn holds(&self, q: Decimal) -> bool {
        self.upper.is_none_or(|u| q <= u)
    }
}

/// `1.5% of volume + 0.30 per transaction, min 0.50, max 10.00`
#[derive(Debug, Clone)]
pub struct PercentCharge {
    /// Percent of the volume (1.5 for 1.5%).
    pub percent: Decimal,
    /// Fixed fee per transaction.
    pub fixed: Decimal,
    /// Lowest fee per transaction.
    pub min: Option<Decimal>,
    /// Highest fee per transaction.
    pub max: Option<Decimal>,
}

//! The syntax tree of add-ons bought by the unit and metered usages.

use super::{Name, Num};
use crate::span::{Span, Spanned};

/// `addon NAME "Label" { ... }` or `usage NAME "Label" { ... }`
#[derive(Debug, Clone)]
pub struct QuantityAst {
    /// True for `usage`, false for `addon`.
    pub usage: bool,
    /// The name requests use.
    pub id: Name,
    /// Display label.
    pub label: Option<Spanned<String>>,
    /// `unit WORD [divisible]` lines (one is allowed).
    pub units: Vec<UnitAst>,
    /// `includes N ...` and `first N free` lines.
    pub included: Vec<IncludedAst>,
    /// `minimum N` lines.
    pub minimum: Vec<Num>,
    /// `maximum N` lines.
    pub maximum: Vec<Num>,
    /// Price lines (one is allowed).
    pub charges: Vec<ChargeAst>,
    /// `bought once`: a one-time quantity.
    pub once: bool,
    /// `in blocks of N`: the priced units rounded up to whole blocks of N.
    pub block: Option<Num>,
    /// `metered daily[, N days a month]`: the days a month, when the quantity is a day's.
    pub daily: Option<Spanned<u64>>,
    /// Where the keyword and name are written.
    pub span: Span,
}

/// `unit GB divisible`
#[derive(Debug, Clone)]
pub struct UnitAst {
    /// The unit's word.
    pub word: Name,
    /// True when written `divisible`.
    pub divisible: bool,
}

/// `includes 500 per seat with enterprise`, or `first 10 free`
#[derive(Debug, Clone)]
pub struct IncludedAst {
    /// Units (the first part of the allowance, for messages).
    pub units: Num,
    /// The allowance's parts, each (units, per seat): added up, or with `greater`, the
    /// first alternative; `50000 + 250 per seat` is two parts.
    pub parts: Vec<(Num, bool)>,
    /// `the greater of A and B`: the second alternative's parts.
    pub greater: Vec<(Num, bool)>,
    /// `, at most C`
    pub cap: Option<Num>,
    /// The unit word written after the number, if any.
    pub word: Option<Name>,
    /// True for `per seat`.
    pub per_seat: bool,
    /// The editions it applies with (empty: every edition).
    pub editions: Vec<Name>,
}

/// A price line of an add-on or usage.
#[derive(Debug, Clone)]
pub struct ChargeAst {
    /// What it says.
    pub kind: ChargeKind,
    /// `billed annually`: the charge holds on that cycle only.
    pub billed: Option<Name>,
    /// The whole line.
    pub span: Span,
}

/// The charge models as written.
#[derive(Debug, Clone)]
pub enum ChargeKind {
    /// `price on application`: no list price.
    OnApplication,
    /// `A per WORD`
    PerUnit {
        /// Price per unit.
        price: Num,
        /// The unit word.
        word: Name,
    },
    /// `A per pack of N [WORD][, round up|down|nearest]`
    Pack {
        /// Price per pack.
        price: Num,
        /// Units per pack.
        size: Num,
        /// The unit word, if written.
        word: Option<Name>,
        /// `up`, `down` or `nearest`, if written.
        rounding: Option<Name>,
    },
    /// `volume|graduated|stairstep { tiers }`
    Tiers {
        /// The model word.
        model: Name,
        /// `per N`: each tier priced per block of N units.
        block: Option<Num>,
        /// The tiers in the order written.
        tiers: Vec<TierAst>,
    },
    /// `P% of volume [+ A per WORD][, min A][, max A]`
    Percent {
        /// The percentage.
        percent: Num,
        /// Fixed fee per transaction.
        fixed: Option<Num>,
        /// The word after the fixed fee's `per`.
        word: Option<Name>,
        /// `min A`
        min: Vec<Num>,
        /// `max A`
        max: Vec<Num>,
    },
}

/// `[name] FROM..[TO] at A [+ F flat | flat]`
#[derive(Debug, Clone)]
pub struct TierAst {
    /// First unit.
    pub from: Num,
    /// Last unit; `None` for an open tier.
    pub to: Option<Num>,
    /// Where `from..to` is written.
    pub range_span: Span,
    /// The amount after `at`.
    pub price: Num,
    /// True for `at A flat`: the amount is the tier's flat price.
    pub flat: bool,
    /// `+ F flat`
    pub fee: Option<Num>,
    /// The whole tier.
    pub span: Span,
}

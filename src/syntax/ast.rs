//! The syntax tree of a plan file: what was written and where, before any meaning is checked.

mod quantities;

pub use quantities::*;

use crate::span::{Span, Spanned};
use rust_decimal::Decimal;

/// A name written in the plan (an edition, module, band, coupon code ...).
pub type Name = Spanned<String>;
/// A number written in the plan, already exact.
pub type Num = Spanned<Decimal>;

/// A whole plan file.
#[derive(Debug, Clone)]
pub struct PlanAst {
    /// The quoted plan name.
    pub name: Spanned<String>,
    /// Top-level items in the order written.
    pub items: Vec<Item>,
    /// `label LANG "..."` lines, each with the item it is in.
    pub labels: Vec<LabelAltAst>,
}

/// `label zh "标准版"` inside an edition, module, add-on, usage, backup, support or service.
#[derive(Debug, Clone)]
pub struct LabelAltAst {
    /// `edition`, `module`, `add-on`, `usage`, `backup option`, `support tier`, `service`.
    pub kind: &'static str,
    /// The item's name.
    pub item: String,
    /// The language tag.
    pub lang: Name,
    /// The label in that language.
    pub text: Spanned<String>,
}

/// One top-level item.
#[derive(Debug, Clone)]
pub enum Item {
    /// `version "..."`
    Version(Spanned<String>),
    /// `currency XXX`
    Currency(Name),
    /// `tax N%` (the percent as written); `included` when list prices include it.
    Tax(Num, bool),
    /// `tax by country { ... }`
    TaxTable(TaxTableAst),
    /// `effective YYYY-MM-DD`
    Effective(Spanned<String>),
    /// `locale TAG`
    Locale(Name),
    /// `minimum term N months`
    MinTerm(Spanned<u64>),
    /// `monthly billing is month-to-month`
    MonthToMonth(Span),
    /// `not sold a, b` inside a price list: items not sold in its currency.
    NotSold(Vec<Name>),
    /// `minimum commitment A per month`
    Commitment(Num),
    /// `prices EUR { ... }`
    PriceList(PriceListAst),
    /// `storage { ... }`
    Storage(StoragePolicyAst),
    /// `edition ...`
    Edition(EditionAst),
    /// `module ...`
    Module(ModuleAst),
    /// `seat type ...`: written like a module, priced per seat of its own count.
    SeatType(ModuleAst),
    /// `addon ...` or `usage ...`
    Quantity(QuantityAst),
    /// `backup ...`
    Backup(BackupAst),
    /// `support ...`
    Support(SupportAst),
    /// `service ...`
    Service(ServiceAst),
    /// `discount ...`, `coupon ...` or `surcharge ...`
    Discount(DiscountAst),
    /// `hook "path"`
    Hook(Spanned<String>),
    /// `deals { ... }`
    Deals(DealsAst),
    /// `vendor "Name" logo "file"`
    Vendor(VendorAst),
}

/// `vendor "Acme Inc." logo "acme.svg"` as written.
#[derive(Debug, Clone)]
pub struct VendorAst {
    /// Who sells.
    pub name: Spanned<String>,
    /// The logo's path, relative to the plan's folder.
    pub logo: Option<Spanned<String>>,
}

/// `tax by country { ... }` as written.
#[derive(Debug, Clone)]
pub struct TaxTableAst {
    /// The whole block.
    pub span: Span,
    /// Each region and its rate; `None` for `exempt`.
    pub rates: Vec<(Name, Option<Num>)>,
    /// `default P%` lines (one is allowed).
    pub defaults: Vec<Num>,
    /// The regions of `reverse charge in ...` lines.
    pub reverse_charge: Vec<Name>,
}

/// The `deals` block: floors, proration, renewal cap, quote validity, as written.
#[derive(Debug, Clone, Default)]
pub struct DealsAst {
    /// Where the block starts.
    pub span: Span,
    /// `floor "..." { ... }` items.
    pub floors: Vec<FloorAst>,
    /// `prorate by month|day` (the unit word as written, `month` or `day`).
    pub proration: Vec<Spanned<String>>,
    /// `renewal uplift max N%`
    pub renewal_cap: Vec<Num>,
    /// `quotes valid N days`
    pub valid_days: Vec<Spanned<u64>>,
}

/// `floor "words" { price below N% of list | discount above N%; approver "who" }`
#[derive(Debug, Clone)]
pub struct FloorAst {
    /// The floor's own words, shown when a deal passes it.
    pub text: Spanned<String>,
    /// True for `price below N% of list`, false for `discount above N%`.
    pub price: bool,
    /// The percent.
    pub percent: Num,
    /// Who approves a deal past it.
    pub approver: Option<Spanned<String>>,
}

/// The plan-wide storage block.
#[derive(Debug, Clone)]
pub struct StoragePolicyAst {
    /// Where the block starts (the `storage` keyword).
    pub span: Span,
    /// `included N GB [per seat]` lines.
    pub included: Vec<Allowance>,
    /// `overage R per GB [in blocks of N GB]` lines (one is allowed).
    pub overage: Vec<OverageAst>,
}

/// A storage allowance: flat or per seat.
#[derive(Debug, Clone)]
pub struct Allowance {
    /// GB.
    pub gb: Num,
    /// True for `per seat`.
    pub per_seat: bool,
}

/// `overage R per GB [in blocks of N GB]`
#[derive(Debug, Clone)]
pub struct OverageAst {
    /// Price per GB.
    pub rate: Num,
    /// Block size in GB.
    pub block: Option<Num>,
    /// `overage graduated { ... }`: tiers of GB instead of one rate.
    pub tiers: Option<ChargeAst>,
    /// `billed annually`: the cycle it is the price for.
    pub billed: Option<Name>,
    /// The whole line.
    pub span: Span,
}

/// `edition id "Label" { ... }`
#[derive(Debug, Clone)]
pub struct EditionAst {
    /// The edition's name.
    pub id: Name,
    /// Display label.
    pub label: Option<Spanned<String>>,
    /// Every `includes` list, flattened.
    pub includes: Vec<Name>,
    /// `storage N GB [per seat]` lines.
    pub storage: Vec<Allowance>,
    /// Price lines (exactly one is allowed).
    pub prices: Vec<PriceAst>,
    /// `minimum purchase|charge N seats`, `maximum N seats` lines.
    pub limits: Vec<SeatLimitAst>,
    /// One-time fees that come with the edition.
    pub fees: Vec<FeeAst>,
    /// `withdrawn DATE` lines (one is allowed).
    pub withdrawn: Vec<Spanned<String>>,
    /// `minimum term N months` for this edition.
    pub min_terms: Vec<Spanned<u64>>,
    /// `description [LANG] "..."` lines: the language, when one is named, and the text.
    pub descriptions: Vec<(Option<Name>, Spanned<String>)>,
}

/// `fee id "Label" A`
#[derive(Debug, Clone)]
pub struct FeeAst {
    /// The fee's name.
    pub id: Name,
    /// Display label.
    pub label: Option<Spanned<String>>,
    /// The amount, charged once.
    pub amount: Num,
    /// `waived when ...`: the condition under which it is not charged.
    pub waived: Option<CondAst>,
}

/// `prices EUR { ... }`: the priced items again, in another currency.
#[derive(Debug, Clone)]
pub struct PriceListAst {
    /// The currency code.
    pub currency: Name,
    /// The items, each replacing the plan's item of the same kind and name.
    pub items: Vec<Item>,
    /// The whole block.
    pub span: Span,
}

/// A limit on an edition's seats.
#[derive(Debug, Clone)]
pub struct SeatLimitAst {
    /// `purchase`, `charge` or `maximum`.
    pub kind: SeatLimitKind,
    /// The seat count.
    pub seats: Spanned<u64>,
}

/// Which limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatLimitKind {
    /// Fewer seats are refused.
    MinimumPurchase,
    /// Fewer seats are billed as the minimum.
    MinimumCharge,
    /// More seats are refused.
    Maximum,
}

/// How seats or a module are priced.
#[derive(Debug, Clone)]
pub enum PriceKind {
    /// `A flat`
    Flat(Num),
    /// `A per seat`
    PerSeat(Num),
    /// `A per pack of N seats`
    Pack {
        /// Price of one pack.
        price: Num,
        /// Seats in a pack.
        size: Spanned<u64>,
    },
    /// `price on application`: no list price.
    OnApplication,
    /// `per account { up to N users at A }`: one price for the organisation.
    Account(Vec<AccountTierAst>),
    /// `seats volume|graduated { bands }`
    Tiered {
        /// True for graduated, false for volume.
        graduated: bool,
        /// Bands in the order written.
        bands: Vec<BandAst>,
    },
}

/// `up to 250 users at 499.00, storage 3072 GB`
#[derive(Debug, Clone)]
pub struct AccountTierAst {
    /// The most users the tier holds.
    pub up_to: Spanned<u64>,
    /// The account's price in the tier.
    pub price: Num,
    /// Storage given with the tier, GB.
    pub storage: Option<Num>,
}

/// A price line with its location.
#[derive(Debug, Clone)]
pub struct PriceAst {
    /// What the line says.
    pub kind: PriceKind,
    /// `billed annually`: the cycle word as written (`monthly`, `quarterly`, `annually`,
    /// `annual`), when the price is for one billing cycle.
    pub billed: Option<Name>,
    /// The amount as written, when the price is stated per year; `kind` then holds one
    /// twelfth of it, the price per month.
    pub yearly: Option<Num>,
    /// The whole line.
    pub span: Span,
}

/// `[name] from..[to] at unit [+ fee flat]`
#[derive(Debug, Clone)]
pub struct BandAst {
    /// Optional band name (small, medium, large ...).
    pub name: Option<Name>,
    /// First seat of the band.
    pub from: Spanned<u64>,
    /// Last seat of the band; `None` for an open band.
    pub to: Option<Spanned<u64>>,
    /// Where `from..to` is written.
    pub range_span: Span,
    /// Price per seat.
    pub unit: Num,
    /// Flat fee charged when the band is reached.
    pub fee: Option<Num>,
    /// `cliff ok`: a volume cliff into this band is meant, and not warned about.
    pub cliff_ok: bool,
    /// The whole band.
    pub span: Span,
}

/// `module id "Label" { ... }`
#[derive(Debug, Clone)]
pub struct ModuleAst {
    /// The module's name.
    pub id: Name,
    /// Display label.
    pub label: Option<Spanned<String>>,
    /// Price lines (at most one is allowed; none means "only in editions").
    pub prices: Vec<PriceAst>,
    /// Every `requires` list, flattened.
    pub requires: Vec<Name>,
    /// Every `excludes` list, flattened.
    pub excludes: Vec<Name>,
    /// One-time fees that come with the module.
    pub fees: Vec<FeeAst>,
    /// `A per seat with EDITION, ...` lines.
    pub attach: Vec<AttachAst>,
    /// `P% of PART` lines.
    pub percent: Vec<ModulePercentAst>,
}

/// `20.00 per seat with enterprise, ultimate`
#[derive(Debug, Clone)]
pub struct AttachAst {
    /// The price (never per billing cycle).
    pub price: PriceAst,
    /// The editions it applies with.
    pub editions: Vec<Name>,
}

/// `20% of seats, min 100.00, max 900.00`
#[derive(Debug, Clone)]
pub struct ModulePercentAst {
    /// The percentage.
    pub percent: Num,
    /// What it is taken of, as written: `seats`, `modules`, `lines`, ...
    pub of: Name,
    /// The names after `modules` or `lines`.
    pub names: Vec<Name>,
    /// `min A`
    pub min: Vec<Num>,
    /// `max A`
    pub max: Vec<Num>,
    /// The whole line.
    pub span: Span,
}

/// `backup id "Label" { A flat + R per GB }`
#[derive(Debug, Clone)]
pub struct BackupAst {
    /// The option's name.
    pub id: Name,
    /// Display label.
    pub label: Option<Spanned<String>>,
    /// Price lines: one default and one per billing cycle at most.
    pub prices: Vec<BackupPriceAst>,
}

/// `A flat + R per GB [billed CYCLE]`
#[derive(Debug, Clone)]
pub struct BackupPriceAst {
    /// Flat fees written (one is allowed).
    pub flat: Vec<Num>,
    /// Rates per GB written (one is allowed).
    pub per_gb: Vec<Num>,
    /// The cycle it is the price for.
    pub billed: Option<Name>,
    /// The whole line.
    pub span: Span,
}

/// `support id "Label" { channels ...; price }`
#[derive(Debug, Clone)]
pub struct SupportAst {
    /// The tier's name.
    pub id: Name,
    /// Display label.
    pub label: Option<Spanned<String>>,
    /// Every `channels` list, flattened.
    pub channels: Vec<Name>,
    /// Price lines with their `billed` cycle, if any (one per cycle, one default).
    pub prices: Vec<(SupportPriceAst, Option<Name>)>,
    /// `includes N UNITS per year, then A per UNIT` lines (one is allowed).
    pub allowances: Vec<AllowanceAst>,
    /// `included with EDITION, ...`: editions the tier comes with at no charge.
    pub included_with: Vec<Name>,
}

/// `includes 4 visits per year, then 900.00 per visit`
#[derive(Debug, Clone)]
pub struct AllowanceAst {
    /// Units included each contract year.
    pub included: Spanned<u64>,
    /// The unit as written (`visits`).
    pub unit: Name,
    /// Price of each unit beyond them.
    pub price: Num,
    /// The whole line.
    pub span: Span,
}

/// A support tier's price line.
#[derive(Debug, Clone)]
pub enum SupportPriceAst {
    /// `A flat`
    Flat(Num),
    /// `A per seat`
    PerSeat(Num),
    /// `P% of [net] recurring|seats, min A, max B`
    Percent {
        /// The percent as written.
        percent: Num,
        /// True for `of seats` (the seat lines only), false for `of recurring`.
        seats: bool,
        /// True for `of net ...`: after discounts.
        net: bool,
        /// `min` clauses (one is allowed).
        min: Vec<Num>,
        /// `max` clauses (one is allowed).
        max: Vec<Num>,
        /// The whole line.
        span: Span,
    },
}

/// `service id "Label" { ... }`
#[derive(Debug, Clone)]
pub struct ServiceAst {
    /// The service's name.
    pub id: Name,
    /// Display label.
    pub label: Option<Spanned<String>>,
    /// `target id "Label" at A` lines.
    pub targets: Vec<TargetAst>,
    /// `complexity name factor, ...` entries, flattened.
    pub complexity: Vec<(Name, Num)>,
    /// `A per unit` lines.
    pub unit_prices: Vec<(Num, Name)>,
}

/// `target id "Label" at A`
#[derive(Debug, Clone)]
pub struct TargetAst {
    /// The target's name.
    pub id: Name,
    /// Display label.
    pub label: Option<Spanned<String>>,
    /// Base price.
    pub price: Num,
}

/// `discount id "Label" { ... }` or `coupon CODE "Label" { ... }`
#[derive(Debug, Clone)]
pub struct DiscountAst {
    /// True for `coupon`.
    pub coupon: bool,
    /// True for `surcharge`: the amount is added, not taken off.
    pub surcharge: bool,
    /// `exclusive`, or the group of `best of GROUP`.
    pub stacking: Option<StackingAst>,
    /// The discount's name or the coupon's code.
    pub id: Name,
    /// Display label.
    pub label: Option<Spanned<String>>,
    /// Percent or fixed amount.
    pub amount: DiscountAmountAst,
    /// What it takes off, as written: `recurring`, `one_time`, `all`, `seats`, `support`,
    /// `storage`, `backup`, `services`, `modules`, `editions` or `lines`.
    pub scope: Name,
    /// The names after `modules`, `editions` or `lines`.
    pub scope_names: Vec<Name>,
    /// The `when` condition, if any.
    pub condition: Option<CondAst>,
}

/// How a discount combines with others, as written.
#[derive(Debug, Clone)]
pub enum StackingAst {
    /// `exclusive`: applies alone.
    Exclusive(Span),
    /// `best of GROUP`: only the best of the group applies.
    BestOf(Name),
}

/// A discount's condition, as written.
#[derive(Debug, Clone)]
pub enum CondAst {
    /// `seats >= 200`
    Compare(ComparisonAst),
    /// `edition in [pro, enterprise]`
    In {
        /// The request field.
        field: Name,
        /// The values it may equal.
        values: Vec<Spanned<ValueAst>>,
    },
    /// `includes analytics`
    Has(Name),
    /// `not ...`
    Not(Box<CondAst>),
    /// `a and b`: all hold.
    All(Vec<CondAst>),
    /// `a or b`: one holds.
    Any(Vec<CondAst>),
}

/// What a discount takes off.
#[derive(Debug, Clone)]
pub enum DiscountAmountAst {
    /// `P% off`
    Percent(Num),
    /// `A off`
    Fixed(Num),
}

/// `field op value`
#[derive(Debug, Clone)]
pub struct ComparisonAst {
    /// The request field, such as `seats` or `attributes.industry`.
    pub field: Name,
    /// The operator as written.
    pub op: Spanned<String>,
    /// The value compared with.
    pub value: Spanned<ValueAst>,
}

/// A literal in a condition.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueAst {
    /// A number.
    Number(Decimal),
    /// A quoted string.
    Text(String),
    /// A bare word such as `annual`.
    Word(String),
}

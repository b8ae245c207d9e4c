//! The checked plan: every name resolved to an index, every rule validated, ready to price.
//!
//! Nothing here is looked up by string while quoting; line ids and labels are built once
//! at check time and shared (`Arc<str>`) by every quote.

pub mod prices;
mod quantities;
mod raised;
pub mod tax;
mod vendor;

pub use quantities::*;
pub use raised::{RaiseKey, RaisedPlans};
pub use tax::{TaxChoice, TaxReason, TaxTable};
pub use vendor::{Description, Logo, Vendor};

use crate::diagnostic::SourceFile;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Shared, immutable text (names, labels, line ids).
pub type Text = Arc<str>;

/// A validated price book.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The plan's name.
    pub name: Text,
    /// Its version, if written.
    pub version: Text,
    /// The one currency of every amount.
    pub currency: Currency,
    /// Tax rate in percent (6 for 6%).
    pub tax_percent: Decimal,
    /// True when list prices include the tax (`tax 6% included`): every line then carries
    /// its amount without tax and its tax, see docs/pricing.md.
    pub tax_included: bool,
    /// `tax by country { ... }`: the rate by the customer's country; `None` for one rate.
    pub tax_table: Option<Box<TaxTable>>,
    /// Effective date as written (YYYY-MM-DD).
    pub effective: Option<Text>,
    /// `locale zh-CN`: the language of the plan's documents, as written.
    pub locale: Option<Text>,
    /// Items' labels in other languages (`label zh "标准版"`).
    pub translations: Vec<Translation>,
    /// `vendor "..." logo "..."`: who sells, for documents.
    pub vendor: Option<Vendor>,
    /// Shortest term a request may ask for, in months.
    pub min_term_months: Option<u64>,
    /// `monthly billing is month-to-month`: a monthly request's term is one month unless
    /// it says otherwise.
    pub month_to_month: bool,
    /// Plan-wide storage allowance and overage.
    pub storage: StoragePolicy,
    /// Editions in the order written.
    pub editions: Vec<Edition>,
    /// Modules in the order written (the order their lines appear in).
    pub modules: Vec<Module>,
    /// Seat types (core, light, view-only users) in the order written: declared like
    /// modules, bought in counts of their own.
    pub seat_types: Vec<Module>,
    /// Add-ons bought by the unit and metered usages, in the order written.
    pub quantities: Vec<Quantity>,
    /// Backup options.
    pub backups: Vec<Backup>,
    /// Support tiers.
    pub supports: Vec<Support>,
    /// One-time services.
    pub services: Vec<Service>,
    /// Automatic discounts, in the order written.
    pub discounts: Vec<Discount>,
    /// Coupons, applied only when a request names their code.
    pub coupons: Vec<Discount>,
    /// Hook scripts, in the order written.
    pub hooks: Vec<crate::hooks::Hook>,
    /// The rules negotiated deals are held to (`deals { ... }`).
    pub deals: DealTerms,
    /// `minimum commitment A per month`: a quote whose recurring net falls short of it
    /// gets a true-up line for the difference.
    pub commitment: Option<Decimal>,
    /// The same plan priced in other currencies (`prices EUR { ... }`), each complete.
    pub other_currencies: Vec<Plan>,
    /// Every billing cycle the plan sells: the standard ones and any its items name.
    pub cycles: Vec<Billing>,
    /// The cycle of a request that names none.
    pub default_cycle: Billing,
    /// The plan's source text and name.
    pub source: SourceFile,
    /// SHA-256 of the source text, hex.
    pub source_sha256: Text,
    /// Its prices raised by the uplifts ramps and renewals asked for so far.
    pub raised: RaisedPlans,
}

/// An ISO 4217 currency and its minor digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    /// Three-letter code.
    pub code: Text,
    /// Digits after the decimal point (2 for CNY, 0 for JPY).
    pub minor_digits: u32,
}

/// Storage allowance and overage for the whole plan.
#[derive(Debug, Clone, Default)]
pub struct StoragePolicy {
    /// GB included regardless of seats.
    pub included_flat: Decimal,
    /// GB included per seat.
    pub included_per_seat: Decimal,
    /// How usage above the allowance is billed; `None` means it is free.
    pub overage: Option<Overage>,
    /// Overage prices for one billing cycle, replacing `overage` on that cycle.
    pub cycle_overages: CyclePrices<Overage>,
    /// The overage line's label in the plan's language ("Storage overage", "超出赠送容量的存储").
    pub line_label: Text,
}

/// The storage line's id, shared by every quote.
pub fn storage_line_id() -> &'static Text {
    static ID: std::sync::OnceLock<Text> = std::sync::OnceLock::new();
    ID.get_or_init(|| Text::from("storage"))
}

/// The storage line's label in a plan written in `lang` (`en`, `zh`), the same words as
/// the documents' `storage-line` message.
pub fn storage_line_label(lang: &str) -> &'static str {
    match lang {
        "zh" => "超出赠送容量的存储",
        _ => "Storage overage",
    }
}

/// Storage overage pricing.
#[derive(Debug, Clone)]
pub struct Overage {
    /// Price per GB.
    pub rate: Decimal,
    /// Bill in whole blocks of this many GB.
    pub block: Option<Decimal>,
    /// Tiers of GB (`overage graduated { ... }`), priced like any usage instead of `rate`.
    pub tiers: Option<Charge>,
}

/// How a quantity of seats is priced.
#[derive(Debug, Clone)]
pub enum SeatPrice {
    /// One amount whatever the seats.
    Flat(Decimal),
    /// The same price for every seat.
    PerSeat(Decimal),
    /// `ceil(seats / size) x price`.
    Pack {
        /// Seats in a pack.
        size: u64,
        /// Price of one pack.
        price: Decimal,
    },
    /// The whole quantity at the band it falls in.
    Volume(Vec<Band>),
    /// Each band billed for the seats inside it.
    Graduated(Vec<Band>),
    /// A percentage of lines priced before it (modules only: `20% of seats`).
    Percent(Box<PercentOf>),
    /// One price for the organisation: the first tier that holds its users.
    Account(Vec<AccountTier>),
}

/// `up to 250 users at 499.00, storage 3072 GB`: one size of account.
#[derive(Debug, Clone)]
pub struct AccountTier {
    /// The most users it holds.
    pub up_to: u64,
    /// The account's price.
    pub price: Decimal,
    /// Storage given with it, GB (on top of the edition's own).
    pub storage: Option<Decimal>,
}

impl AccountTier {
    /// The tier of `tiers` that holds `seats` users: the smallest large enough.
    pub fn holding(tiers: &[AccountTier], seats: u64) -> Option<&AccountTier> {
        tiers.iter().find(|t| seats <= t.up_to)
    }
}

/// A module priced as a percentage of lines priced before it, clamped.
#[derive(Debug, Clone)]
pub struct PercentOf {
    /// Percent (20 for 20%).
    pub percent: Decimal,
    /// The lines it is taken of: seats, or modules declared above it.
    pub of: Part,
    /// What it is taken of, as written (`seats`, `modules sandbox`), for explanations.
    pub of_text: Text,
    /// Lowest amount charged.
    pub min: Option<Decimal>,
    /// Highest amount charged.
    pub max: Option<Decimal>,
}

/// A module's price when bought with some editions (an "attach" price).
#[derive(Debug, Clone)]
pub struct Attach {
    /// The editions (names) it applies with.
    pub editions: Vec<Text>,
    /// The one billing cycle it holds on (`billed annually`), or every cycle.
    pub cycle: Option<Billing>,
    /// The price with them, replacing the module's own and its cycle prices.
    pub price: SeatPrice,
}

/// One seat band.
#[derive(Debug, Clone)]
pub struct Band {
    /// small / medium / large, if named.
    pub name: Option<Text>,
    /// First seat.
    pub from: u64,
    /// Last seat; `None` for the open last band.
    pub to: Option<u64>,
    /// Price per seat.
    pub unit: Decimal,
    /// Flat fee when the band is reached.
    pub fee: Option<Decimal>,
    /// `10..100` or `101..`.
    pub range: Text,
    /// The quote line id for this band (graduated pricing).
    pub line_id: Text,
    /// The quote line label for this band (graduated pricing).
    pub line_label: Text,
}

impl Band {
    /// True if `q` falls in this band.
    pub fn contains(&self, q: u64) -> bool {
        q >= self.from && self.to.is_none_or(|to| q <= to)
    }
}

/// How often the customer is invoiced: a whole number of months per cycle (monthly,
/// quarterly, semiannually, annually, or every N months); a price may be stated for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Billing(u16);

impl Billing {
    /// Every month.
    pub const MONTHLY: Billing = Billing(1);
    /// Every three months.
    pub const QUARTERLY: Billing = Billing(3);
    /// Every six months.
    pub const SEMIANNUAL: Billing = Billing(6);
    /// Every twelve months.
    pub const ANNUAL: Billing = Billing(12);
    /// The cycles every plan sells unless its items say otherwise, shortest first.
    pub const ALL: [Billing; 4] = [
        Billing::MONTHLY,
        Billing::QUARTERLY,
        Billing::SEMIANNUAL,
        Billing::ANNUAL,
    ];
    /// The longest cycle a plan or request may name, in months (ten years).
    pub const MAX_MONTHS: u64 = 120;

    /// A cycle of `months` months, 1 to [`Billing::MAX_MONTHS`].
    pub fn every(months: u64) -> Option<Billing> {
        u16::try_from(months)
            .ok()
            .filter(|m| (1..=Self::MAX_MONTHS).contains(&u64::from(*m)))
            .map(Billing)
    }

    /// Reads a cycle as a plan or a request writes it: `monthly`, `quarterly`,
    /// `semiannual(ly)`, `annual(ly)`, `every 24 months` or `24 months`.
    pub fn parse(word: &str) -> Option<Billing> {
        let w = word.trim();
        match w {
            "monthly" => return Some(Billing::MONTHLY),
            "quarterly" => return Some(Billing::QUARTERLY),
            "semiannual" | "semiannually" | "semi-annual" | "semi-annually" => {
                return Some(Billing::SEMIANNUAL)
            }
            "annual" | "annually" | "yearly" => return Some(Billing::ANNUAL),
            _ => {}
        }
        let rest = w.strip_prefix("every").map_or(w, str::trim_start);
        let n = rest
            .strip_suffix("months")
            .or_else(|| rest.strip_suffix("month"))?
            .trim();
        n.parse::<u64>().ok().and_then(Billing::every)
    }

    /// Months in one cycle.
    pub fn months(self) -> u64 {
        u64::from(self.0)
    }

    /// The word used in requests and conditions: `monthly`, `annual`, `every 24 months`.
    pub fn name(self) -> std::borrow::Cow<'static, str> {
        match self.0 {
            1 => "monthly".into(),
            3 => "quarterly".into(),
            6 => "semiannual".into(),
            12 => "annual".into(),
            n => format!("every {n} months").into(),
        }
    }

    /// The word used in plans and quotes: `billed annually`, `billed every 24 months`.
    pub fn adverb(self) -> std::borrow::Cow<'static, str> {
        match self.0 {
            1 => "monthly".into(),
            3 => "quarterly".into(),
            6 => "semiannually".into(),
            12 => "annually".into(),
            n => format!("every {n} months").into(),
        }
    }
}

/// Prices stated for one billing cycle, each replacing the default price on that cycle.
pub type CyclePrices<T> = Vec<(Billing, T)>;

/// The price that applies on `billing`: the cycle's own price, else the default.
/// The cycle is returned when the item has cycle prices, for the quote line to say which
/// list price applied.
#[inline]
pub fn price_for<'a, T>(
    default: &'a T,
    cycles: &'a [(Billing, T)],
    billing: Billing,
) -> (&'a T, Option<Billing>) {
    if cycles.is_empty() {
        return (default, None);
    }
    // An item with cycle prices always says which cycle's price it got, the default too.
    match cycles.iter().find(|(c, _)| *c == billing) {
        Some((_, p)) => (p, Some(billing)),
        None => (default, Some(billing)),
    }
}

/// True when the price that applies on `billing` was written per year: the cycle's own
/// price if it has one, else the default.
pub fn yearly_on<T>(yearly: &[Option<Billing>], cycles: &[(Billing, T)], billing: Billing) -> bool {
    if yearly.is_empty() {
        return false;
    }
    let own = cycles.iter().any(|(c, _)| *c == billing);
    yearly.contains(&own.then_some(billing))
}

/// The cycles an item is sold on, when it is not sold on every cycle.
/// Empty means every cycle.
pub type SoldOn = Vec<Billing>;

/// A bundle of functions with its own seat price.
#[derive(Debug, Clone)]
pub struct Edition {
    /// Name used in requests.
    pub id: Text,
    /// Display label.
    pub label: Text,
    /// `included[m]` is true when module `m` comes with the edition.
    pub included: Vec<bool>,
    /// Storage included regardless of seats, GB.
    pub storage_flat: Decimal,
    /// Storage included per seat, GB.
    pub storage_per_seat: Decimal,
    /// How seats are priced by default (the first cycle's price when there is no default).
    pub price: SeatPrice,
    /// Prices for one billing cycle, replacing `price` on that cycle.
    pub cycle_prices: CyclePrices<SeatPrice>,
    /// The only cycles the edition is sold on (empty: every cycle).
    pub sold_on: SoldOn,
    /// Which of its prices were written per year (`None`: the default price).
    pub yearly: Vec<Option<Billing>>,
    /// The fewest and most seats it is sold with.
    pub limits: SeatLimits,
    /// One-time fees that come with the edition.
    pub fees: Vec<Fee>,
    /// The shortest term it is sold on, in months, beyond the plan's.
    pub min_term_months: Option<u64>,
    /// Quote line id for the seats line.
    pub line_id: Text,
    /// Quote line label for the seats line.
    pub line_label: Text,
    /// `price on application`: no list price; sold only at a deal's contract price.
    pub on_application: bool,
    /// `withdrawn DATE`: no new quotes dated after it (renewals and amendments still price).
    pub withdrawn: Option<crate::date::Date>,
    /// Not sold in this price list's currency: the currencies it is sold in (`USD`).
    pub not_sold: Option<Text>,
    /// `description "..."`: who the edition is for, on price pages.
    pub description: Description,
}

impl Edition {
    /// The most seats it is sold for: its `maximum`, or the largest account its price per
    /// account holds, whichever is fewer.
    pub fn most_seats(&self) -> Option<u64> {
        let account = match &self.price {
            SeatPrice::Account(tiers) => tiers.last().map(|t| t.up_to),
            _ => None,
        };
        match (self.limits.maximum, account) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// A one-time charge that comes with an edition or a module (setup, onboarding, 实施费).
#[derive(Debug, Clone)]
pub struct Fee {
    /// Quote line id: `fee.ITEM.NAME`.
    pub line_id: Text,
    /// Display label.
    pub label: Text,
    /// The amount, charged once.
    pub amount: Decimal,
    /// The edition's or module's label, for the explanation.
    pub item: Text,
    /// `waived when ...`: not charged when this holds (a 0.00 line says why).
    pub waived_when: Option<When>,
}

/// The seats an edition is sold with (`minimum purchase 5 seats`, `maximum 500 seats`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeatLimits {
    /// The fewest seats; fewer are refused, or billed as this many when `charge_minimum`.
    pub minimum: Option<u64>,
    /// True for `minimum charge`: fewer seats are billed as the minimum, not refused.
    pub charge_minimum: bool,
    /// The most seats; more are refused.
    pub maximum: Option<u64>,
}

/// An add-on function.
#[derive(Debug, Clone)]
pub struct Module {
    /// Name used in requests.
    pub id: Text,
    /// Display label.
    pub label: Text,
    /// `None`: not sold on its own, only through editions that include it.
    pub price: Option<SeatPrice>,
    /// Prices for one billing cycle, replacing `price` on that cycle.
    pub cycle_prices: CyclePrices<SeatPrice>,
    /// The only cycles the module is sold on (empty: every cycle).
    pub sold_on: SoldOn,
    /// Which of its prices were written per year (`None`: the default price).
    pub yearly: Vec<Option<Billing>>,
    /// One-time fees that come with the module when it is bought (not when included).
    pub fees: Vec<Fee>,
    /// Prices with particular editions, replacing `price` with them.
    pub attach: Vec<Attach>,
    /// Modules that must also be present.
    pub requires: Vec<usize>,
    /// Modules that must not be present.
    pub excludes: Vec<usize>,
    /// Quote line id.
    pub line_id: Text,
    /// `price on application`: no list price; sold only at a deal's contract price.
    pub on_application: bool,
    /// Not sold in this price list's currency: the currencies it is sold in (`USD`).
    pub not_sold: Option<Text>,
}

/// A backup option.
#[derive(Debug, Clone)]
pub struct Backup {
    /// Name used in requests.
    pub id: Text,
    /// Display label.
    pub label: Text,
    /// Monthly fee.
    pub flat: Decimal,
    /// Rate per GB of storage used.
    pub per_gb: Decimal,
    /// (flat, per GB) for one billing cycle, replacing the default on that cycle.
    pub cycle_prices: CyclePrices<(Decimal, Decimal)>,
    /// The only cycles the option is sold on (empty: every cycle).
    pub sold_on: SoldOn,
    /// Quote line id.
    pub line_id: Text,
}

/// A support tier.
#[derive(Debug, Clone)]
pub struct Support {
    /// Name used in requests.
    pub id: Text,
    /// Display label.
    pub label: Text,
    /// phone, online, email, onsite, consultant ...
    pub channels: Vec<Text>,
    /// How it is priced by default (the first cycle's price when there is no default).
    pub price: SupportPrice,
    /// Prices for one billing cycle, replacing `price` on that cycle.
    pub cycle_prices: CyclePrices<SupportPrice>,
    /// The only cycles the tier is sold on (empty: every cycle).
    pub sold_on: SoldOn,
    /// Units of service included each contract year, and the price of each one more.
    pub allowance: Option<Allowance>,
    /// Editions (indices) the tier comes with at no charge (`included with unlimited`).
    pub included_with: Vec<usize>,
    /// Quote line id.
    pub line_id: Text,
}

/// `includes 4 visits per year, then 900.00 per visit`
#[derive(Debug, Clone)]
pub struct Allowance {
    /// Units included each contract year.
    pub included: u64,
    /// The unit as written (`visits`).
    pub unit: Text,
    /// Price of each unit beyond them.
    pub price: Decimal,
    /// Quote line id of the units beyond the allowance.
    pub line_id: Text,
    /// Its label.
    pub label: Text,
}

/// A support tier's price.
#[derive(Debug, Clone)]
pub enum SupportPrice {
    /// A monthly fee.
    Flat(Decimal),
    /// A monthly fee per seat.
    PerSeat(Decimal),
    /// A percentage of the recurring amounts (or the seat lines only), clamped.
    Percent {
        /// Percent (20 for 20%).
        percent: Decimal,
        /// `of seats`: the seat lines only, not modules, add-ons or storage.
        seats: bool,
        /// `of net ...`: the amounts after discounts (priced once discounts are taken).
        net: bool,
        /// Lowest amount charged.
        min: Option<Decimal>,
        /// Highest amount charged.
        max: Option<Decimal>,
    },
}

/// One-time work.
#[derive(Debug, Clone)]
pub struct Service {
    /// Name used in requests (`kind`).
    pub id: Text,
    /// Display label.
    pub label: Text,
    /// How it is priced.
    pub pricing: ServicePricing,
}

/// A service's price.
#[derive(Debug, Clone)]
pub enum ServicePricing {
    /// Priced per target system, scaled by complexity.
    Targets {
        /// Target systems.
        targets: Vec<Target>,
        /// Complexity names and multipliers.
        complexity: Vec<(Text, Decimal)>,
        /// A rate per unit of workload (`1200.00 per day`) added to each target's base.
        workload: Option<Workload>,
    },
    /// Priced per unit (GB, session, day ...).
    PerUnit {
        /// Price per unit.
        price: Decimal,
        /// The unit's name.
        unit: Text,
        /// Quote line id.
        line_id: Text,
    },
}

/// The part of a target-priced service that grows with the work:
/// the amount is `(base + quantity x rate) x complexity`.
#[derive(Debug, Clone)]
pub struct Workload {
    /// Price per unit of work.
    pub rate: Decimal,
    /// The unit's name (day, session, visit, GB).
    pub unit: Text,
}

/// An integration target.
#[derive(Debug, Clone)]
pub struct Target {
    /// Name used in requests.
    pub id: Text,
    /// Display label.
    pub label: Text,
    /// Base price.
    pub price: Decimal,
    /// Quote line id.
    pub line_id: Text,
    /// Quote line label.
    pub line_label: Text,
}

/// What a discount applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Monthly recurring lines.
    Recurring,
    /// One-time lines.
    OneTime,
    /// Both: yields one line for each.
    All,
    /// Only some lines of the quote: seats, named modules, a category, named lines.
    Part(Part),
}

impl Scope {
    /// The scope as a plan writes it: `recurring`, `seats`, `modules analytics, canvas`.
    pub fn text(&self, plan: &Plan) -> String {
        let list = |names: &[Text]| {
            let names: Vec<&str> = names.iter().map(|n| &**n).collect();
            names.join(", ")
        };
        match self {
            Scope::Recurring => "recurring".into(),
            Scope::OneTime => "one_time".into(),
            Scope::All => "all".into(),
            Scope::Part(Part::Seats) => "seats".into(),
            Scope::Part(Part::Support) => "support".into(),
            Scope::Part(Part::Storage) => "storage".into(),
            Scope::Part(Part::Backup) => "backup".into(),
            Scope::Part(Part::Addons) => "addons".into(),
            Scope::Part(Part::Usage) => "usage".into(),
            Scope::Part(Part::Services) => "services".into(),
            Scope::Part(Part::Modules(ids)) if ids.is_empty() => "modules".into(),
            Scope::Part(Part::Modules(ids)) => {
                let names: Vec<Text> = ids
                    .iter()
                    .map(|id| Text::from(id.strip_prefix("module.").unwrap_or(id)))
                    .collect();
                format!("modules {}", list(&names))
            }
            Scope::Part(Part::Editions(es)) => {
                let names: Vec<Text> = es
                    .iter()
                    .filter_map(|&e| plan.editions.get(e).map(|e| e.id.clone()))
                    .collect();
                format!("editions {}", list(&names))
            }
            Scope::Part(Part::Lines(ids)) => format!("lines {}", list(ids)),
        }
    }
}

/// The lines a scoped discount takes off; `Lines` of each kind yield a discount line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The seat lines of the edition (every band).
    Seats,
    /// The seat lines, only when the request's edition is one of these (indices).
    Editions(Vec<usize>),
    /// Module lines: these line ids (each with its band lines); empty means every module.
    Modules(Vec<Text>),
    /// Every support line.
    Support,
    /// The storage overage line.
    Storage,
    /// Every backup line.
    Backup,
    /// Every one-time service line.
    Services,
    /// Every add-on line.
    Addons,
    /// Every metered usage line.
    Usage,
    /// Lines by id, each with the lines under it (`service.integration` covers its targets).
    Lines(Vec<Text>),
}

impl Part {
    /// (any recurring line, any one-time line) among line ids: services are one-time.
    pub fn line_kinds(ids: &[Text]) -> (bool, bool) {
        let one_time =
            |id: &Text| id.starts_with("service.") || id.starts_with("fee.") || &**id == "service";
        (ids.iter().any(|id| !one_time(id)), ids.iter().any(one_time))
    }
}

/// A discount's condition: comparisons joined by `and`, `or`, `not` and parentheses.
#[derive(Debug, Clone)]
pub enum When {
    /// `seats >= 200`
    Compare(Condition),
    /// `edition in [pro, enterprise]`: the field equals one of the values.
    In {
        /// The field.
        field: Field,
        /// The values it may equal.
        values: Vec<Value>,
        /// As written, for notes.
        text: Text,
    },
    /// `includes analytics`: the request has the module, bought or in its edition.
    Has {
        /// The module's index.
        module: usize,
        /// As written, for notes.
        text: Text,
    },
    /// `not ...`
    Not(Box<When>),
    /// All must hold.
    All(Vec<When>),
    /// One must hold.
    Any(Vec<When>),
}

impl When {
    /// The condition as it would be written, with parentheses only where needed.
    pub fn text(&self) -> String {
        let grouped = |w: &When| match w {
            When::All(_) | When::Any(_) => format!("({})", w.text()),
            _ => w.text(),
        };
        match self {
            When::Compare(c) => c.text.to_string(),
            When::In { text, .. } | When::Has { text, .. } => text.to_string(),
            When::Not(w) => format!("not {}", grouped(w)),
            When::All(ws) => {
                let parts: Vec<String> = ws
                    .iter()
                    .map(|w| match w {
                        When::Any(_) => grouped(w),
                        _ => w.text(),
                    })
                    .collect();
                parts.join(" and ")
            }
            // `and` binds tighter, but a reader should not need to know that.
            When::Any(ws) => {
                let parts: Vec<String> = ws.iter().map(grouped).collect();
                parts.join(" or ")
            }
        }
    }

    /// Every comparison inside, `in` lists read as one equality per value.
    pub fn comparisons(&self, out: &mut Vec<Condition>) {
        match self {
            When::Compare(c) => out.push(c.clone()),
            When::In {
                field,
                values,
                text,
            } => out.extend(values.iter().map(|v| Condition {
                field: field.clone(),
                op: Op::Eq,
                value: v.clone(),
                text: text.clone(),
            })),
            When::Has { .. } => {}
            When::Not(w) => w.comparisons(out),
            When::All(ws) | When::Any(ws) => ws.iter().for_each(|w| w.comparisons(out)),
        }
    }
}

/// A percentage or a fixed amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscountAmount {
    /// Percent (15 for 15%).
    Percent(Decimal),
    /// A fixed amount, capped at the running net.
    Fixed(Decimal),
}

/// How a discount combines with the others.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Stacking {
    /// It compounds with every other discount (the default).
    #[default]
    Stacks,
    /// When it applies, no other discount or coupon does (the best exclusive one wins).
    Exclusive,
    /// Of the discounts of this group that apply, only the one that takes most applies.
    BestOf(Text),
}

/// A plan discount, a coupon or a surcharge.
#[derive(Debug, Clone)]
pub struct Discount {
    /// The discount's name, or the coupon's code.
    pub id: Text,
    /// Display label.
    pub label: Text,
    /// True for coupons.
    pub coupon: bool,
    /// True for a surcharge: the amount is added to its lines' net, not taken off.
    pub surcharge: bool,
    /// Whether it combines with other discounts.
    pub stacking: Stacking,
    /// How much.
    pub amount: DiscountAmount,
    /// Of what.
    pub scope: Scope,
    /// Every comparison of the condition, for tools that sample requests meeting it.
    pub condition: Vec<Condition>,
    /// The condition that must hold for the discount to apply.
    pub when: Option<When>,
    /// The whole condition as written (`billing = annual and seats >= 200`), for explanations.
    pub condition_text: Option<Text>,
    /// Line id for the recurring part.
    pub recurring_line_id: Text,
    /// Line id for the one-time part.
    pub one_time_line_id: Text,
}

/// A comparison on a request field.
#[derive(Debug, Clone)]
pub struct Condition {
    /// The field.
    pub field: Field,
    /// The operator.
    pub op: Op,
    /// The value compared with.
    pub value: Value,
    /// As written, for notes: `billing = annual`.
    pub text: Text,
}

/// A request field a condition can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// The edition's name.
    Edition,
    /// Seat count.
    Seats,
    /// monthly / quarterly / annual.
    Billing,
    /// Term in months.
    TermMonths,
    /// Storage used, GB.
    StorageGb,
    /// Backup option name (or `none`).
    Backup,
    /// Support tier name (or `none`).
    Support,
    /// Customer name.
    Customer,
    /// The recurring amount a month so far (`monthly_recurring`).
    MonthlyRecurring,
    /// The recurring amount a year so far (`annual_recurring`).
    AnnualRecurring,
    /// The one-time amount so far (`one_time`).
    OneTime,
    /// A free attribute.
    Attribute(Text),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=` or `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// A literal in a condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number.
    Number(Decimal),
    /// A word or quoted text.
    Text(Text),
}

/// The plan's `deals` block: what a negotiated deal may do, and who signs off past it.
#[derive(Debug, Clone, Default)]
pub struct DealTerms {
    /// Floors, in the order written.
    pub floors: Vec<Floor>,
    /// How a mid-term change is prorated (by month unless the plan says by day).
    pub proration: Proration,
    /// The most a renewal may raise prices, in percent.
    pub renewal_cap: Option<Decimal>,
    /// Days a quote stays valid after its date.
    pub valid_days: Option<u64>,
}

/// A limit a deal may pass only with someone's approval.
#[derive(Debug, Clone)]
pub struct Floor {
    /// The floor's own words, as the plan wrote them.
    pub text: Text,
    /// What it limits.
    pub rule: FloorRule,
    /// Who approves a deal past it.
    pub approver: Option<Text>,
}

/// What a floor limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloorRule {
    /// A contract price below this percent of the list price.
    PriceBelow(Decimal),
    /// A negotiated discount above this percent.
    DiscountAbove(Decimal),
}

/// How a mid-term change is charged for the rest of the term.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Proration {
    /// Whole months left, counting the month the change falls in.
    #[default]
    ByMonth,
    /// Days left, counting the day of the change and the last day.
    ByDay,
}

impl Module {
    /// The attach price for the edition named `edition` on any cycle, if the module has one.
    pub fn attach_for(&self, edition: &str) -> Option<&Attach> {
        self.attach
            .iter()
            .find(|a| a.editions.iter().any(|e| &**e == edition))
    }

    /// The attach price for the edition named `edition` on `billing`: the cycle's own, else
    /// one that holds on every cycle.
    pub fn attach_on(&self, edition: &str, billing: Billing) -> Option<&Attach> {
        let with = |a: &&Attach| a.editions.iter().any(|e| &**e == edition);
        (self.attach.iter().filter(with))
            .find(|a| a.cycle == Some(billing))
            .or_else(|| self.attach.iter().filter(with).find(|a| a.cycle.is_none()))
    }
}

/// An item's label in another language.
#[derive(Debug, Clone)]
pub struct Translation {
    /// `edition`, `module`, `add-on`, `usage`, `backup option`, `support tier`, `service`.
    pub kind: &'static str,
    /// The item's name.
    pub id: Text,
    /// The language: `en` or `zh`.
    pub lang: Text,
    /// The label in it.
    pub label: Text,
}

impl Plan {
    /// The label of item `id` of `kind` in `lang` (`en`, `zh`), when the plan gives one.
    pub fn label_in(&self, kind: &str, id: &str, lang: &str) -> Option<&Text> {
        self.translations
            .iter()
            .find(|t| t.kind == kind && &*t.id == id && &*t.lang == lang)
            .map(|t| &t.label)
    }

    /// The plan priced in `currency` (this one when `None` or its own), or the rejection
    /// naming the currencies it sells in.
    pub fn in_currency(
        &self,
        currency: Option<&str>,
    ) -> Result<&Plan, crate::rejection::Rejection> {
        let Some(code) = currency.filter(|c| *c != &*self.currency.code) else {
            return Ok(self);
        };
        if let Some(p) = self
            .other_currencies
            .iter()
            .find(|p| &*p.currency.code == code)
        {
            return Ok(p);
        }
        if self.other_currencies.is_empty() {
            // A one-currency plan: resolving says so in its own words.
            return Ok(self);
        }
        let mut sold: Vec<String> = vec![self.currency.code.to_string()];
        sold.extend(
            self.other_currencies
                .iter()
                .map(|p| p.currency.code.to_string()),
        );
        Err(crate::rejection::Rejection::Invalid {
            field: "currency".into(),
            value: code.to_string(),
            expected: format!("this plan prices in {}", sold.join(", ")),
        })
    }

    /// Every billing cycle the plan sells, shortest first.
    pub fn cycles(&self) -> &[Billing] {
        &self.cycles
    }

    /// True when a request may be billed on `b` (each item may still be sold on fewer).
    pub fn sells_cycle(&self, b: Billing) -> bool {
        self.cycles.contains(&b)
    }

    /// The cycle of a request that names none: monthly, unless every edition is sold on
    /// one and the same single cycle.
    pub fn default_cycle(&self) -> Billing {
        self.default_cycle
    }

    /// Index of the module named `id`.
    pub fn module_index(&self, id: &str) -> Option<usize> {
        self.modules.iter().position(|m| &*m.id == id)
    }

    /// Names of every edition, for messages.
    pub fn edition_names(&self) -> Vec<String> {
        self.editions.iter().map(|e| e.id.to_string()).collect()
    }
}

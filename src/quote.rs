//! A priced quote: lines that explain themselves, totals, notes and approval flags.

mod quantities;
mod schedule;

pub use quantities::{plural, units, PercentStep, QtyDetail, QtyExplain, TierStep};
pub use schedule::*;

use crate::model::Text;
use crate::money::{format_amount, Fixed, Quantity, UnitPrice};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::Write;

/// The result of pricing one request against one plan: a plain quote or a deal, priced
/// lines and the invoices they issue.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Which plan priced it (the price list of the request's currency).
    pub plan: PlanInfo,
    /// The first segment's lines, in the order of evaluation: the monthly view (a recurring
    /// line's amount is per month).
    pub lines: Vec<Line>,
    /// Sums of the invoices, and the monthly and annual views.
    pub totals: Totals,
    /// Segments and invoices: what will be invoiced, and when.
    pub schedule: Schedule,
    /// A deal's own terms (kind, dates, contract prices, floors); `None` for a plain quote.
    pub deal: Option<Box<DealInfo>>,
    /// Why the quote carries the tax it does, when the plan taxes by country (a region's
    /// rate, an exemption, a reverse charge); `None` for a plan with one rate.
    pub tax_reason: Option<crate::model::TaxReason>,
    /// Things worth telling (skipped coupons, hook notes ...).
    pub notes: Vec<String>,
    /// Whether someone must sign this off, and why.
    pub approval: Approval,
    /// Months in one billing cycle (1, 3 or 12).
    pub cycle_months: u64,
    /// Months in the term.
    pub term_months: u64,
    /// On a tax-included plan: each line's and each sum's amount without tax and its tax.
    pub tax_split: Option<TaxSplit>,
}

/// An amount with tax, and the two parts it is made of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Split {
    /// The amount without tax.
    pub without_tax: Decimal,
    /// The tax in it.
    pub tax: Decimal,
    /// The amount with tax: the list amount.
    pub with_tax: Decimal,
}

/// A tax-included quote's amounts without tax: per line (in line order), and the sums.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaxSplit {
    /// One per line of the quote, in order.
    pub lines: Vec<Split>,
    /// The recurring lines per month.
    pub monthly: Split,
    /// The one-time lines.
    pub one_time: Split,
}

/// The plan a quote came from.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanInfo {
    /// Plan name.
    pub name: Text,
    /// Plan version.
    pub version: Text,
    /// Currency code.
    pub currency: Text,
    /// The currency's minor digits.
    pub minor_digits: u32,
    /// Tax rate in percent.
    pub tax_percent: Decimal,
    /// True when list prices include the tax.
    pub tax_included: bool,
    /// SHA-256 of the plan source.
    pub source_sha256: Text,
}

/// Recurring (per month) or one-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// Charged every month.
    Recurring,
    /// Charged once.
    OneTime,
}

/// What a line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Edition seats.
    Seats,
    /// An add-on module.
    Module,
    /// Storage overage.
    Storage,
    /// A backup option.
    Backup,
    /// A support tier.
    Support,
    /// One-time services.
    Service,
    /// Discounts and coupons.
    Discount,
    /// Surcharges: percentages or amounts added under a condition.
    Surcharge,
    /// The true-up to a plan's minimum monthly commitment.
    Commitment,
    /// One-time fees that come with an edition or a module.
    Fee,
    /// An add-on bought by the unit.
    Addon,
    /// Metered usage.
    Usage,
}

/// One line of a quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Stable id (`seats.medium`, `module.analytics`, `discount.annual_prepay`).
    pub id: Text,
    /// Display label from the plan.
    pub label: Text,
    /// Recurring or one-time.
    pub kind: LineKind,
    /// What it is for.
    pub category: Category,
    /// Units billed, where amount = quantity x unit price (+ a fee the explanation names).
    pub quantity: Option<Decimal>,
    /// Price per unit (per month for a recurring line: a yearly price's twelfth).
    pub unit_price: Option<Decimal>,
    /// The amount, already rounded to the currency's minor unit (per month when recurring).
    pub amount: Decimal,
    /// The unit price as published when it was written per year (`2388.00 per seat per
    /// year`): invoices covering whole years bill quantity x this, exactly.
    pub yearly: Option<Decimal>,
    /// How the amount was derived.
    pub explain: Explain,
}

/// How a line's amount was derived; rendered to words only when shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Explain {
    /// `seats x unit`
    PerSeat {
        /// Seats.
        seats: u64,
        /// Price per seat.
        unit: Decimal,
    },
    /// The whole quantity at the band it falls in.
    Volume {
        /// Seats.
        seats: u64,
        /// The band's range.
        range: Text,
        /// Price per seat.
        unit: Decimal,
        /// The band's flat fee.
        fee: Option<Decimal>,
    },
    /// The seats inside one band.
    Graduated {
        /// Seats in this band.
        units: u64,
        /// All seats.
        seats: u64,
        /// The band's range.
        range: Text,
        /// Price per seat.
        unit: Decimal,
        /// The band's flat fee.
        fee: Option<Decimal>,
    },
    /// A flat monthly amount.
    Flat,
    /// One price for the organisation: the tier its users fall in.
    Account {
        /// The account's users.
        seats: u64,
        /// The most users the tier holds.
        up_to: u64,
    },
    /// `ceil(seats / size) x price`
    Pack {
        /// Seats.
        seats: u64,
        /// Seats per pack.
        size: u64,
        /// Packs billed.
        packs: Decimal,
        /// Price per pack.
        price: Decimal,
    },
    /// A module that comes with the edition.
    Included {
        /// The edition's label.
        edition: Text,
    },
    /// Storage above the allowance.
    Storage {
        /// GB used.
        used: Decimal,
        /// GB included.
        included: Decimal,
        /// GB above the allowance.
        billable: Decimal,
        /// Block size, GB.
        block: Option<Decimal>,
        /// GB billed (whole blocks).
        billed: Decimal,
        /// Price per GB.
        rate: Decimal,
    },
    /// `flat + GB used x rate`
    Backup {
        /// Monthly fee.
        flat: Decimal,
        /// GB used.
        used: Decimal,
        /// Price per GB.
        rate: Decimal,
    },
    /// A percentage of the recurring list amounts, clamped.
    SupportPercent {
        /// Percent.
        percent: Decimal,
        /// The recurring list amounts it is taken of.
        base: Decimal,
        /// The percentage before clamping.
        raw: Decimal,
        /// Set when the minimum raised it.
        min: Option<Decimal>,
        /// Set when the maximum lowered it.
        max: Option<Decimal>,
    },
    /// `price x multiplier (x quantity)`
    Integration {
        /// The target's base price.
        price: Decimal,
        /// Complexity name, if any.
        complexity: Option<Text>,
        /// Complexity multiplier.
        multiplier: Decimal,
        /// Units.
        quantity: Decimal,
    },
    /// `(base + quantity x rate) x multiplier`: a target priced by the work it takes.
    Workload {
        /// The target's base price.
        base: Decimal,
        /// Units of work (days, sessions).
        quantity: Decimal,
        /// The unit's name.
        unit: Text,
        /// Price per unit of work.
        rate: Decimal,
        /// Complexity name, if any.
        complexity: Option<Text>,
        /// Complexity multiplier.
        multiplier: Decimal,
    },
    /// `quantity x price per unit`
    PerUnit {
        /// Units.
        quantity: Decimal,
        /// Unit name.
        unit: Text,
        /// Price per unit.
        price: Decimal,
    },
    /// A percentage off a running net.
    DiscountPercent {
        /// Percent.
        percent: Decimal,
        /// The net it was taken of.
        base: Decimal,
        /// The condition that held, as written.
        condition: Option<Text>,
    },
    /// A fixed amount off, capped at the running net.
    DiscountFixed {
        /// The amount written in the plan.
        amount: Decimal,
        /// The net it was capped at.
        base: Decimal,
        /// The condition that held, as written.
        condition: Option<Text>,
    },
    /// A one-time fee not charged, its waiver's condition holding.
    Waived {
        /// The edition's or module's label.
        item: Text,
        /// Why, in words: `annual recurring 504.00 is at least 400.00`.
        reason: String,
    },
    /// A fixed amount added by a surcharge.
    SurchargeFixed {
        /// The amount written in the plan.
        amount: Decimal,
        /// The condition that held, as written.
        condition: Option<Text>,
    },
    /// A line priced at a billing cycle's own list price (`billed annually`).
    Billed {
        /// The cycle whose price applied.
        cycle: crate::model::Billing,
        /// How the amount was derived from that price.
        inner: Box<Explain>,
    },
    /// A line priced from a yearly list price: one twelfth of it a month.
    PerYear {
        /// The amount a month: one twelfth of the yearly amount.
        monthly: Decimal,
        /// How the monthly amount was derived.
        inner: Box<Explain>,
    },
    /// A module at a percentage of lines priced before it, clamped.
    PercentOf {
        /// Percent.
        percent: Decimal,
        /// What it is taken of, as the plan wrote it (`seats`).
        of: Text,
        /// The list amounts it is taken of.
        base: Decimal,
        /// The percentage before clamping.
        raw: Decimal,
        /// Set when the minimum raised it.
        min: Option<Decimal>,
        /// Set when the maximum lowered it.
        max: Option<Decimal>,
    },
    /// A module priced at its attach price with the request's edition.
    Attach {
        /// The edition's label.
        edition: Text,
        /// How the amount was derived at that price.
        inner: Box<Explain>,
    },
    /// Units of service beyond a support tier's yearly allowance, over the term.
    ExtraUnits {
        /// Units expected each year.
        expected: u64,
        /// Units included each year.
        included: u64,
        /// The unit (`visits`).
        unit: Text,
        /// Contract years the term starts.
        years: u64,
        /// Price per unit.
        price: Decimal,
    },
    /// A one-time fee that comes with an edition or module.
    Fee {
        /// The edition's or module's label.
        item: Text,
    },
    /// Seats billed at an edition's minimum charge, fewer having been asked for.
    MinimumCharge {
        /// Seats asked for.
        requested: u64,
        /// Seats billed.
        minimum: u64,
        /// How the amount was derived at the minimum.
        inner: Box<Explain>,
    },
    /// The difference between a plan's minimum monthly commitment and the quote's net.
    Commitment {
        /// The commitment per month.
        commitment: Decimal,
        /// The recurring net it was compared with.
        net: Decimal,
    },
    /// An add-on's or a usage's quantity through its charge model.
    Quantity(Box<QtyExplain>),
    /// Text from a hook script.
    Hook {
        /// The script's path.
        script: Text,
        /// What the script said.
        text: String,
    },
}

impl Explain {
    /// What one unit of the line's quantity is, in the words a price list uses (`seat`,
    /// `pack of 10`, `GB`, `session`); `None` for a flat amount.
    pub fn unit_noun(&self) -> Option<String> {
        match self {
            Explain::PerSeat { .. } | Explain::Volume { .. } | Explain::Graduated { .. } => {
                Some("seat".into())
            }
            Explain::Pack { size, .. } => Some(format!("pack of {size}")),
            Explain::Account { .. } => Some("account".into()),
            Explain::Storage { .. } => Some("GB".into()),
            Explain::PerUnit { unit, .. } => Some(unit.to_string()),
            Explain::Integration { .. } => Some("target".into()),
            Explain::ExtraUnits { unit, .. } => Some(unit.trim_end_matches('s').to_string()),
            Explain::Quantity(x) if x.daily.is_some() => Some("day".into()),
            Explain::Quantity(x) => Some(match &x.detail {
                QtyDetail::Pack { size, .. } => {
                    format!("pack of {}", units(*size, &x.unit))
                }
                _ => x.unit.to_string(),
            }),
            Explain::Billed { inner, .. }
            | Explain::PerYear { inner, .. }
            | Explain::Attach { inner, .. }
            | Explain::MinimumCharge { inner, .. } => inner.unit_noun(),
            _ => None,
        }
    }

    /// A short description for a customer where a line has no unit price that multiplies
    /// out (tiers with fees, percentages, work priced by the day): what was bought, never
    /// how it was computed.
    pub fn summary(&self, d: u32) -> String {
        let q = |x: &Decimal| Quantity(*x);
        let u = |x: &Decimal| UnitPrice::new(*x, d);
        let seats = |n: &u64| format!("{n} seat{}", if *n == 1 { "" } else { "s" });
        match self {
            Explain::Volume {
                seats: n, range, ..
            } => format!("{}, {range} band", seats(n)),
            Explain::Graduated { units, range, .. } => format!("{}, {range} band", seats(units)),
            Explain::Flat => "flat fee".into(),
            Explain::Account { up_to, .. } => format!("up to {up_to} users"),
            Explain::Storage { billed, .. } => format!("{} GB above the allowance", q(billed)),
            Explain::Backup { rate, .. } if rate.is_zero() => "flat fee".into(),
            Explain::Backup { used, .. } => format!("for {} GB", q(used)),
            Explain::SupportPercent { percent, .. } => format!("{}% of recurring", q(percent)),
            Explain::PercentOf { percent, of, .. } => format!("{}% of {of}", q(percent)),
            Explain::Workload {
                quantity,
                unit,
                complexity,
                ..
            } => {
                let work = units(*quantity, unit);
                match complexity {
                    Some(c) => format!("{c} complexity, {work}"),
                    None => work,
                }
            }
            Explain::Integration { complexity, .. } => match complexity {
                Some(c) => format!("{c} complexity"),
                None => String::new(),
            },
            Explain::Quantity(x) => match &x.detail {
                QtyDetail::Percent(p) => format!(
                    "{}% of {} + {} each",
                    q(&p.percent),
                    u(&p.volume),
                    u(&p.fixed)
                ),
                _ => units(x.quantity, &x.unit),
            },
            Explain::DiscountPercent { percent, .. } => format!("{}% off", q(percent)),
            Explain::DiscountFixed { .. } | Explain::Commitment { .. } => String::new(),
            Explain::SurchargeFixed { .. } => String::new(),
            Explain::Waived { reason, .. } => format!("waived: {reason}"),
            Explain::Included { edition } => format!("included in {edition}"),
            Explain::Fee { item } => format!("with {item}"),
            Explain::Billed { inner, .. }
            | Explain::PerYear { inner, .. }
            | Explain::Attach { inner, .. }
            | Explain::MinimumCharge { inner, .. } => inner.summary(d),
            Explain::ExtraUnits {
                expected,
                included,
                unit,
                years,
                ..
            } => format!(
                "{} {unit} a year beyond {included} included, {years} year{}",
                expected.saturating_sub(*included),
                if *years == 1 { "" } else { "s" }
            ),
            Explain::PerSeat { seats: n, .. } => seats(n),
            Explain::Pack { seats: n, .. } => seats(n),
            Explain::PerUnit { quantity, unit, .. } => units(*quantity, unit),
            Explain::Hook { text, .. } => text.clone(),
        }
    }

    /// The explanation in words, amounts with `d` minor digits.
    pub fn render(&self, d: u32) -> String {
        let a = |x: &Decimal| Fixed::new(*x, d);
        let u = |x: &Decimal| UnitPrice::new(*x, d);
        let q = |x: &Decimal| Quantity(*x);
        let fee = |f: &Option<Decimal>| f.map_or(String::new(), |f| format!(" + {} flat", a(&f)));
        let when = |c: &Option<Text>| c.as_ref().map_or(String::new(), |c| format!(" (when {c})"));
        let n_seats = |n: &u64| format!("{n} seat{}", if *n == 1 { "" } else { "s" });
        match self {
            Explain::PerSeat { seats, unit } => format!("{} x {}", n_seats(seats), u(unit)),
            Explain::Volume {
                seats,
                range,
                unit,
                fee: f,
            } => {
                format!(
                    "{}, all at the {range} price: {seats} x {}{}",
                    n_seats(seats),
                    u(unit),
                    fee(f)
                )
            }
            Explain::Graduated {
                units,
                seats,
                range,
                unit,
                fee: f,
            } => {
                format!(
                    "{units} of {} in {range} at {}{}",
                    n_seats(seats),
                    u(unit),
                    fee(f)
                )
            }
            Explain::Flat => "flat monthly fee".to_string(),
            Explain::Account { seats, up_to } => format!(
                "{} user{}: one price for an account of up to {up_to} users",
                seats,
                if *seats == 1 { "" } else { "s" }
            ),
            Explain::Pack {
                seats,
                size,
                packs,
                price,
            } => {
                let plural = if *packs == Decimal::ONE { "" } else { "s" };
                format!(
                    "{} in {} pack{plural} of {size} x {}",
                    n_seats(seats),
                    q(packs),
                    u(price)
                )
            }
            Explain::Included { edition } => format!("included in the {edition} edition"),
            Explain::Storage {
                used,
                included,
                billable,
                block,
                billed,
                rate,
            } => {
                let mut s = format!(
                    "{} GB used - {} GB included = {} GB",
                    q(used),
                    q(included),
                    q(billable)
                );
                if let Some(b) = block {
                    let blocks = (*billed / *b).normalize();
                    let plural = if blocks == Decimal::ONE { "" } else { "s" };
                    let _ = write!(s, "; {blocks} block{plural} of {} GB", q(b));
                }
                let _ = write!(s, "; {} GB x {}", q(billed), u(rate));
                s
            }
            Explain::Backup { flat, used, rate } => {
                format!("{} flat + {} GB used x {}", a(flat), q(used), u(rate))
            }
            Explain::SupportPercent {
                percent,
                base,
                raw,
                min,
                max,
            } => {
                let mut s = format!("{}% of recurring {} = {}", q(percent), a(base), a(raw));
                if let Some(m) = min {
                    let _ = write!(s, ", raised to the minimum {}", a(m));
                }
                if let Some(m) = max {
                    let _ = write!(s, ", capped at the maximum {}", a(m));
                }
                s
            }
            Explain::Integration {
                price,
                complexity,
                multiplier,
                quantity,
            } => {
                let mut s = format!("{} x {}", u(price), q(multiplier));
                if let Some(c) = complexity {
                    let _ = write!(s, " ({c} complexity)");
                }
                if *quantity != Decimal::ONE {
                    let _ = write!(s, " x {}", q(quantity));
                }
                s
            }
            Explain::Workload {
                base,
                quantity,
                unit,
                rate,
                complexity,
                multiplier,
            } => {
                let plural = if *quantity == Decimal::ONE { "" } else { "s" };
                let mut s = format!(
                    "({} + {} {unit}{plural} x {}) x {}",
                    u(base),
                    q(quantity),
                    u(rate),
                    q(multiplier)
                );
                if let Some(c) = complexity {
                    let _ = write!(s, " ({c} complexity)");
                }
                s
            }
            Explain::PerUnit {
                quantity,
                unit,
                price,
            } => {
                format!("{} x {} per {unit}", q(quantity), u(price))
            }
            Explain::DiscountPercent {
                percent,
                base,
                condition,
            } => {
                format!("{}% of {}{}", q(percent), a(base), when(condition))
            }
            Explain::DiscountFixed {
                amount,
                base,
                condition,
            } => {
                let mut s = format!("{} off", a(amount));
                if amount > base {
                    let _ = write!(s, ", capped at the net {}", a(base));
                }
                s + when(condition).as_str()
            }
            Explain::Waived { reason, .. } => format!("waived: {reason}"),
            Explain::SurchargeFixed { amount, condition } => {
                format!("{} added{}", a(amount), when(condition))
            }
            Explain::Hook { script, text } => format!("{text} (hook {script})"),
            Explain::Quantity(x) => x.render(d),
            Explain::MinimumCharge {
                requested,
                minimum,
                inner,
            } => format!(
                "minimum charge of {minimum} seats ({requested} asked for): {}",
                inner.render(d)
            ),
            Explain::Fee { item } => format!("one-time, comes with {item}"),
            Explain::ExtraUnits {
                expected,
                included,
                unit,
                years,
                price,
            } => format!(
                "({expected} {unit} a year - {included} included) x {years} year{} x {}",
                if *years == 1 { "" } else { "s" },
                u(price)
            ),
            Explain::PercentOf {
                percent,
                of,
                base,
                raw,
                min,
                max,
            } => {
                let mut s = format!("{}% of {of} {} = {}", q(percent), a(base), a(raw));
                if let Some(m) = min {
                    let _ = write!(s, ", raised to the minimum {}", a(m));
                }
                if let Some(m) = max {
                    let _ = write!(s, ", capped at the maximum {}", a(m));
                }
                s
            }
            Explain::Attach { edition, inner } => {
                format!("{} (price with {edition})", inner.render(d))
            }
            Explain::PerYear { monthly, inner } => match &**inner {
                // A twelfth that is not a whole number of minor units is not shown: such a
                // price is only sold billed annually, as written.
                Explain::PerSeat { seats, unit } if unit.round_dp(d + 4) != *unit => format!(
                    "{} x {} per seat per year",
                    n_seats(seats),
                    u(&(*unit * Decimal::from(12)).round_dp(12))
                ),
                Explain::PerSeat { seats, unit } => format!(
                    "{} x {} per seat per year / 12 = {} x {} a month",
                    n_seats(seats),
                    u(&(*unit * Decimal::from(12))),
                    n_seats(seats),
                    u(unit)
                ),
                Explain::Flat => format!(
                    "{} flat per year / 12 = {} a month",
                    a(&(*monthly * Decimal::from(12))),
                    a(monthly)
                ),
                other => format!("{} a month, from a yearly price", other.render(d)),
            },
            Explain::Commitment { commitment, net } => format!(
                "minimum commitment {} per month - recurring net {}",
                a(commitment),
                a(net)
            ),
            Explain::Billed { cycle, inner } => {
                let billed = cycle.adverb();
                match &**inner {
                    Explain::PerSeat { seats, unit } => format!(
                        "{} x {} per seat per month, billed {billed}",
                        n_seats(seats),
                        u(unit)
                    ),
                    Explain::Flat => format!("flat monthly fee, billed {billed}"),
                    other => format!("{}, billed {billed}", other.render(d)),
                }
            }
        }
    }
}

/// Sums of a quote's invoices, and the monthly and annual views derived from its lines.
/// On a tax-included plan the amounts "before tax" are the sums of the lines' splits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Totals {
    /// Recurring lines after discounts, per month, of the first segment (a view: MRR).
    pub monthly_recurring: Decimal,
    /// One-time lines billed over the whole schedule, after discounts.
    pub one_time: Decimal,
    /// The first invoice before tax.
    pub first_invoice: Decimal,
    /// Tax on the first invoice.
    pub first_invoice_tax: Decimal,
    /// First invoice with tax.
    pub first_invoice_total: Decimal,
    /// The sum of every invoice before tax: the contract total.
    pub term_total: Decimal,
    /// The sum of every invoice's tax.
    pub term_tax: Decimal,
    /// The contract total with tax.
    pub term_total_with_tax: Decimal,
    /// Recurring lines for a year of the first segment (a view: ARR): a yearly price's
    /// own amount, a monthly one's twelve months.
    pub annual_recurring: Decimal,
    /// How many invoices the schedule issues.
    pub invoices: u64,
}

/// Whether a quote needs sign-off.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Approval {
    /// True when any rule asked for approval.
    pub required: bool,
    /// Why, one reason per rule.
    pub reasons: Vec<String>,
}

impl Quote {
    /// The priced lines of segment `i` (the monthly view); empty past the last segment.
    pub fn segment_lines(&self, i: usize) -> &[Line] {
        if i == 0 {
            return &self.lines;
        }
        self.schedule
            .segments
            .get(i)
            .map_or(&[][..], |s| s.lines.as_slice())
    }

    /// What kind of quote this is: `quote` for a plain one, else the deal's kind.
    pub fn kind_name(&self) -> &'static str {
        self.deal.as_ref().map_or("quote", |d| d.kind.name())
    }

    /// The line with this id.
    pub fn line(&self, id: &str) -> Option<&Line> {
        self.lines.iter().find(|l| &*l.id == id)
    }

    /// Formats an amount with this quote's currency digits.
    pub fn fmt(&self, amount: Decimal) -> String {
        format_amount(amount, self.plan.minor_digits)
    }
}

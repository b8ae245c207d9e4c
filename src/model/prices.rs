//! Every amount a plan states as a price, reachable through one function, so an uplift, a
//! deal or a comparison that must touch every price cannot forget one: the matches below
//! are exhaustive, and a new kind of price is a compile error here before it is a wrong
//! amount anywhere else. Percentages and quantities are not prices and are never visited.

use super::*;

/// What kind of price an amount is, by the item that states it and its part in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PriceKind {
    /// An edition's flat, per-seat or per-pack price.
    Edition,
    /// A seat band's price per seat (an edition's).
    EditionBand,
    /// A seat band's flat fee (an edition's).
    EditionBandFee,
    /// An account price's tier (`up to 250 users at 499.00`).
    AccountTier,
    /// A seat type's price, its own or with an edition (`50.00 per seat with pro`).
    SeatType,
    /// A module's flat, per-seat or per-pack price.
    Module,
    /// A module's seat band's price per seat.
    ModuleBand,
    /// A module's seat band's flat fee.
    ModuleBandFee,
    /// The floor of a module priced as a percentage.
    ModulePercentMin,
    /// The cap of a module priced as a percentage.
    ModulePercentMax,
    /// A module's price with some editions (`2.00 per seat with pro`).
    Attach,
    /// A one-time fee of an edition or a module.
    Fee,
    /// An add-on's price per unit or per pack.
    Addon,
    /// A metered usage's price per unit or per pack.
    Usage,
    /// A tier's price per unit (add-on, usage or storage tiers).
    Tier,
    /// A tier's flat fee.
    TierFee,
    /// The fixed fee per transaction of a percentage-of-volume usage.
    PercentFee,
    /// Its floor per transaction.
    PercentMin,
    /// Its cap per transaction.
    PercentMax,
    /// Storage overage per GB.
    Storage,
    /// A backup option's monthly fee.
    BackupFlat,
    /// A backup option's price per GB used.
    BackupPerGb,
    /// A support tier's flat or per-seat price.
    Support,
    /// The floor of a support tier priced as a percentage.
    SupportPercentMin,
    /// The cap of a support tier priced as a percentage.
    SupportPercentMax,
    /// The price of each unit of service beyond a support tier's allowance.
    SupportExtra,
    /// An integration target's base price.
    ServiceTarget,
    /// A service's rate per unit of work (`1200.00 per day`).
    ServiceRate,
    /// A service priced per unit (per GB, per session).
    ServiceUnit,
}

impl PriceKind {
    /// Every kind, in declaration order.
    pub const ALL: [PriceKind; 29] = [
        PriceKind::Edition,
        PriceKind::EditionBand,
        PriceKind::EditionBandFee,
        PriceKind::AccountTier,
        PriceKind::SeatType,
        PriceKind::Module,
        PriceKind::ModuleBand,
        PriceKind::ModuleBandFee,
        PriceKind::ModulePercentMin,
        PriceKind::ModulePercentMax,
        PriceKind::Attach,
        PriceKind::Fee,
        PriceKind::Addon,
        PriceKind::Usage,
        PriceKind::Tier,
        PriceKind::TierFee,
        PriceKind::PercentFee,
        PriceKind::PercentMin,
        PriceKind::PercentMax,
        PriceKind::Storage,
        PriceKind::BackupFlat,
        PriceKind::BackupPerGb,
        PriceKind::Support,
        PriceKind::SupportPercentMin,
        PriceKind::SupportPercentMax,
        PriceKind::SupportExtra,
        PriceKind::ServiceTarget,
        PriceKind::ServiceRate,
        PriceKind::ServiceUnit,
    ];
}

/// Calls `f` with every price of `plan` (its own currency's; other currencies' lists are
/// plans of their own), its kind and the name of the item that states it.
pub fn visit_prices(plan: &mut Plan, f: &mut impl FnMut(PriceKind, &str, &mut Decimal)) {
    for e in &mut plan.editions {
        let id = e.id.clone();
        seat_price(&mut e.price, Seat::Edition, &id, f);
        for (_, p) in &mut e.cycle_prices {
            seat_price(p, Seat::Edition, &id, f);
        }
        for fee in &mut e.fees {
            f(PriceKind::Fee, &id, &mut fee.amount);
        }
    }
    for t in &mut plan.seat_types {
        let id = t.id.clone();
        if let Some(p) = &mut t.price {
            seat_price(p, Seat::Type, &id, f);
        }
        for (_, p) in &mut t.cycle_prices {
            seat_price(p, Seat::Type, &id, f);
        }
        for a in &mut t.attach {
            seat_price(&mut a.price, Seat::Type, &id, f);
        }
    }
    for m in &mut plan.modules {
        let id = m.id.clone();
        if let Some(p) = &mut m.price {
            seat_price(p, Seat::Module, &id, f);
        }
        for (_, p) in &mut m.cycle_prices {
            seat_price(p, Seat::Module, &id, f);
        }
        for a in &mut m.attach {
            seat_price(&mut a.price, Seat::Attach, &id, f);
        }
        for fee in &mut m.fees {
            f(PriceKind::Fee, &id, &mut fee.amount);
        }
    }
    for q in &mut plan.quantities {
        let kind = match q.kind {
            QuantityKind::Addon => PriceKind::Addon,
            QuantityKind::Usage => PriceKind::Usage,
        };
        let id = q.id.clone();
        charge(&mut q.charge, kind, &id, f);
        for (_, c) in &mut q.cycle_charges {
            charge(c, kind, &id, f);
        }
    }
    let storage = |o: &mut Overage, f: &mut dyn FnMut(PriceKind, &str, &mut Decimal)| {
        f(PriceKind::Storage, "storage", &mut o.rate);
        if let Some(c) = &mut o.tiers {
            charge(c, PriceKind::Storage, "storage", &mut |k, n, x| f(k, n, x));
        }
    };
    if let Some(o) = &mut plan.storage.overage {
        storage(o, f);
    }
    for (_, o) in &mut plan.storage.cycle_overages {
        storage(o, f);
    }
    for b in &mut plan.backups {
        let id = b.id.clone();
        f(PriceKind::BackupFlat, &id, &mut b.flat);
        f(PriceKind::BackupPerGb, &id, &mut b.per_gb);
        for (_, (flat, per_gb)) in &mut b.cycle_prices {
            f(PriceKind::BackupFlat, &id, flat);
            f(PriceKind::BackupPerGb, &id, per_gb);
        }
    }
    for s in &mut plan.supports {
        let id = s.id.clone();
        support_price(&mut s.price, &id, f);
        for (_, p) in &mut s.cycle_prices {
            support_price(p, &id, f);
        }
        if let Some(a) = &mut s.allowance {
            f(PriceKind::SupportExtra, &id, &mut a.price);
        }
    }
    for s in &mut plan.services {
        let id = s.id.clone();
        match &mut s.pricing {
            ServicePricing::Targets {
                targets, workload, ..
            } => {
                for t in targets {
                    f(PriceKind::ServiceTarget, &id, &mut t.price);
                }
                if let Some(w) = workload {
                    f(PriceKind::ServiceRate, &id, &mut w.rate);
                }
            }
            ServicePricing::PerUnit { price, .. } => f(PriceKind::ServiceUnit, &id, price),
        }
    }
}

/// Every price of `plan` with its kind and item, in visiting order.
pub fn prices(plan: &Plan) -> Vec<(PriceKind, Text, Decimal)> {
    let mut copy = plan.clone();
    let mut out = Vec::new();
    visit_prices(&mut copy, &mut |k, id, x| out.push((k, Text::from(id), *x)));
    out
}

#[derive(Clone, Copy)]
enum Seat {
    Edition,
    Module,
    Attach,
    Type,
}

fn seat_price(
    price: &mut SeatPrice,
    seat: Seat,
    id: &str,
    f: &mut impl FnMut(PriceKind, &str, &mut Decimal),
) {
    let (own, band, fee) = match seat {
        Seat::Edition => (
            PriceKind::Edition,
            PriceKind::EditionBand,
            PriceKind::EditionBandFee,
        ),
        Seat::Module => (
            PriceKind::Module,
            PriceKind::ModuleBand,
            PriceKind::ModuleBandFee,
        ),
        Seat::Attach => (PriceKind::Attach, PriceKind::Attach, PriceKind::Attach),
        Seat::Type => (
            PriceKind::SeatType,
            PriceKind::SeatType,
            PriceKind::SeatType,
        ),
    };
    match price {
        SeatPrice::Flat(a) | SeatPrice::PerSeat(a) => f(own, id, a),
        SeatPrice::Pack { price, .. } => f(own, id, price),
        SeatPrice::Account(tiers) => {
            for t in tiers {
                f(PriceKind::AccountTier, id, &mut t.price);
            }
        }
        SeatPrice::Volume(bands) | SeatPrice::Graduated(bands) => {
            for b in bands {
                f(band, id, &mut b.unit);
                if let Some(x) = &mut b.fee {
                    f(fee, id, x);
                }
            }
        }
        SeatPrice::Percent(p) => {
            // The percentage follows its base; only its clamps are amounts.
            if let Some(x) = &mut p.min {
                f(PriceKind::ModulePercentMin, id, x);
            }
            if let Some(x) = &mut p.max {
                f(PriceKind::ModulePercentMax, id, x);
            }
        }
    }
}

fn support_price(
    price: &mut SupportPrice,
    id: &str,
    f: &mut impl FnMut(PriceKind, &str, &mut Decimal),
) {
    match price {
        SupportPrice::Flat(a) | SupportPrice::PerSeat(a) => f(PriceKind::Support, id, a),
        SupportPrice::Percent { min, max, .. } => {
            if let Some(x) = min {
                f(PriceKind::SupportPercentMin, id, x);
            }
            if let Some(x) = max {
                f(PriceKind::SupportPercentMax, id, x);
            }
        }
    }
}

fn charge(
    c: &mut Charge,
    own: PriceKind,
    id: &str,
    f: &mut impl FnMut(PriceKind, &str, &mut Decimal),
) {
    match c {
        Charge::PerUnit(p) => f(own, id, p),
        Charge::Pack { price, .. } => f(own, id, price),
        Charge::Tiers { tiers, .. } => {
            for t in tiers {
                f(PriceKind::Tier, id, &mut t.unit);
                f(PriceKind::TierFee, id, &mut t.fee);
            }
        }
        Charge::Percent(p) => {
            f(PriceKind::PercentFee, id, &mut p.fixed);
            if let Some(x) = &mut p.min {
                f(PriceKind::PercentMin, id, x);
            }
            if let Some(x) = &mut p.max {
                f(PriceKind::PercentMax, id, x);
            }
        }
    }
}

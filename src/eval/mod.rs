//! Checked plan + request to quote, in the order of docs/pricing.md; all or nothing.

mod discounts;
mod quantities;
mod resolve;
mod seats;
mod tiers;

/// Tax-included splits live with billing; re-exported for callers that split a monthly view.
pub use crate::bill::tax;

pub use crate::rejection::Rejection;
pub use crate::resolved::{Billing, ModuleSet, Resolved, ResolvedService};
pub use resolve::{resolve, whole_field};

use crate::model::*;
use crate::money::{self, Overflow};
use crate::quote::*;
use crate::request::Request;
use rust_decimal::Decimal;

/// Prices `request` against `plan`: every line, discount, hook and total, or a rejection.
pub fn quote(plan: &Plan, request: &Request) -> Result<Quote, Rejection> {
    let plan = plan.in_currency(request.currency.as_deref())?;
    let r = resolve(plan, request)?;
    quote_resolved(plan, request, &r)
}

/// Prices an already resolved request.
pub fn quote_resolved(plan: &Plan, request: &Request, r: &Resolved) -> Result<Quote, Rejection> {
    let priced = price_resolved(plan, request, r)?;
    let taxes = crate::bill::Tax {
        percent: r.tax.percent,
        included: plan.tax_included,
        digits: plan.currency.minor_digits,
    };
    let (schedule, totals) =
        crate::bill::single(&priced.lines, r.billing.months(), r.term_months, taxes)
            .map_err(|_| too_large("the total"))?;
    lines_fit(&priced.lines, plan.currency.minor_digits)?;
    totals_fit(&totals, plan.currency.minor_digits)?;
    Ok(priced.into_quote(plan, r, schedule, totals))
}

/// A deal's segment: `request` priced into lines, notes and approval, its schedule and
/// totals left empty; the deal bills its segments together, so billing each on its own
/// would be thrown away.
pub(crate) fn price_segment(plan: &Plan, request: &Request) -> Result<Quote, Rejection> {
    let plan = plan.in_currency(request.currency.as_deref())?;
    let r = resolve(plan, request)?;
    let priced = price_resolved(plan, request, &r)?;
    lines_fit(&priced.lines, plan.currency.minor_digits)?;
    Ok(priced.into_quote(plan, &r, Schedule::default(), Totals::default()))
}

/// What pricing makes before billing: the lines, what they had to say, the tax split.
struct Priced {
    lines: Vec<Line>,
    notes: Vec<String>,
    approval: Approval,
    tax_split: Option<TaxSplit>,
}

impl Priced {
    /// The quote, built in one place so its ~1 KB is written once, not moved through calls.
    #[inline(always)]
    fn into_quote(self, plan: &Plan, r: &Resolved, schedule: Schedule, totals: Totals) -> Quote {
        Quote {
            plan: PlanInfo {
                name: plan.name.clone(),
                version: plan.version.clone(),
                currency: plan.currency.code.clone(),
                minor_digits: plan.currency.minor_digits,
                tax_percent: r.tax.percent,
                tax_included: plan.tax_included,
                source_sha256: plan.source_sha256.clone(),
            },
            tax_reason: r.tax.reason.clone(),
            lines: self.lines,
            totals,
            schedule,
            deal: None,
            notes: self.notes,
            approval: self.approval,
            cycle_months: r.billing.months(),
            term_months: r.term_months,
            tax_split: self.tax_split,
        }
    }
}

/// Every line, discount, hook and the tax split; not yet billed.
fn price_resolved(plan: &Plan, request: &Request, r: &Resolved) -> Result<Priced, Rejection> {
    let mut e = Evaluator {
        plan,
        r,
        d: plan.currency.minor_digits,
        lines: Vec::with_capacity(16),
        notes: Vec::new(),
        recurring: Decimal::ZERO,
        one_time: Decimal::ZERO,
        overflow: false,
        billed: None,
        track: false,
        applied: Vec::new(),
        seats: r.seats,
        minimum: None,
        yearly: false,
        attach: None,
        support_after_discounts: false,
        part: None,
    };
    e.recurring()?;
    e.services(request)?;
    discounts::apply(&mut e, request)?;
    if e.support_after_discounts {
        e.support_net()?;
    }
    e.commitment()?;
    let mut approval = Approval::default();
    crate::hooks::run(plan, request, r, &mut e.lines, &mut e.notes, &mut approval)?;
    // Hooks may add lines, so their sums are taken afresh; otherwise the running sums stand.
    let sums = if !plan.hooks.is_empty() || e.overflow {
        sums(&e.lines).map(|_| ())
    } else {
        Ok(())
    };
    let tax_split = if plan.tax_included {
        let d = plan.currency.minor_digits;
        let split = tax::split_lines(&e.lines, r.tax.percent, d);
        Some(split.map_err(|_| too_large("the tax"))?)
    } else {
        None
    };
    sums.map_err(|_| too_large("the total"))?;
    Ok(Priced {
        lines: e.lines,
        notes: e.notes,
        approval,
        tax_split,
    })
}

/// Refuses a quote with an amount too large to keep the currency's minor digits
/// (`limits::MAX_AMOUNT_DIGITS`): it would be priced without its cents, and net plus tax
/// would no longer be the total.
fn lines_fit(lines: &[crate::quote::Line], digits: u32) -> Result<(), Rejection> {
    use crate::limits::amount_fits;
    if let Some(line) = lines.iter().find(|l| !amount_fits(l.amount, digits)) {
        return Err(too_large(&format!("line `{}`", line.label)));
    }
    Ok(())
}

/// [`lines_fit`] for the totals.
fn totals_fit(t: &crate::quote::Totals, digits: u32) -> Result<(), Rejection> {
    use crate::limits::amount_fits;
    let totals = [
        t.monthly_recurring,
        t.one_time,
        t.first_invoice,
        t.first_invoice_tax,
        t.first_invoice_total,
        t.term_total,
        t.term_tax,
        t.term_total_with_tax,
        t.annual_recurring,
    ];
    if totals.iter().any(|a| !amount_fits(*a, digits)) {
        return Err(too_large("the total"));
    }
    Ok(())
}

fn too_large(what: &str) -> Rejection {
    Rejection::TooLarge {
        what: what.to_string(),
    }
}

/// Working state while one quote is priced.
pub(crate) struct Evaluator<'a> {
    pub(crate) plan: &'a Plan,
    pub(crate) r: &'a Resolved,
    /// The currency's minor digits.
    pub(crate) d: u32,
    pub(crate) lines: Vec<Line>,
    pub(crate) notes: Vec<String>,
    /// Running sums of the lines so far, so discounts and support need not re-add them.
    pub(crate) recurring: Decimal,
    pub(crate) one_time: Decimal,
    /// Set when a running sum no longer fits; reported once pricing ends.
    pub(crate) overflow: bool,
    /// Set while lines are priced at a billing cycle's own price, so they say so.
    pub(crate) billed: Option<Billing>,
    /// Set when the plan has scoped discounts, which need `applied`.
    pub(crate) track: bool,
    /// What each discount so far kept of the lines it took off.
    pub(crate) applied: Vec<discounts::Applied<'a>>,
    /// The seats the seat lines being priced bill (an edition's minimum charge may raise it).
    pub(crate) seats: u64,
    /// (requested, minimum) while an edition bills its minimum charge, so its lines say so.
    pub(crate) minimum: Option<(u64, u64)>,
    /// Set while lines are priced from a yearly list price, so they say so.
    pub(crate) yearly: bool,
    /// The edition whose attach price a module line is priced at, so it says so.
    pub(crate) attach: Option<Text>,
    /// Set when the support tier is priced on amounts after discounts.
    pub(crate) support_after_discounts: bool,
    /// The edition (not the account's) whose seats the lines being priced are for, so
    /// their ids (and a module's label) name it.
    pub(crate) part: Option<usize>,
}

impl Evaluator<'_> {
    // One call per line shape keeps each pricing step a single readable statement.
    #[allow(clippy::too_many_arguments)]
    // Inlined so the line is built in place rather than copied through the call.
    #[inline(always)]
    fn push(
        &mut self,
        id: &Text,
        label: &Text,
        category: Category,
        kind: LineKind,
        amount: Decimal,
        qu: (Option<Decimal>, Option<Decimal>),
        explain: Explain,
    ) {
        let amount = money::round(amount, self.d);
        // Most lines carry none of the marks below: build them without moving the
        // explanation through four wrappers.
        let marked = self.attach.is_some()
            || self.yearly
            || self.minimum.is_some()
            || self.billed.is_some()
            || self.part.is_some();
        let (id, label, explain, yearly) = if marked {
            self.marked(id, label, category, amount, qu.1, explain)
        } else {
            (id.clone(), label.clone(), explain, None)
        };
        let sum = match kind {
            LineKind::Recurring => &mut self.recurring,
            LineKind::OneTime => &mut self.one_time,
        };
        match sum.checked_add(amount) {
            Some(s) => *sum = s,
            None => self.overflow = true,
        }
        self.lines.push(Line {
            id,
            label,
            kind,
            category,
            quantity: qu.0,
            unit_price: qu.1,
            amount,
            yearly,
            explain,
        });
    }

    /// A line's id, label, explanation and yearly price under the marks set while it is
    /// priced: an attach price, a yearly list price, a minimum charge, a cycle's own price,
    /// another edition's seats.
    #[cold]
    #[inline(never)]
    fn marked(
        &self,
        id: &Text,
        label: &Text,
        category: Category,
        amount: Decimal,
        unit: Option<Decimal>,
        explain: Explain,
    ) -> (Text, Text, Explain, Option<Decimal>) {
        let explain = match &self.attach {
            Some(edition) => Explain::Attach {
                edition: edition.clone(),
                inner: Box::new(explain),
            },
            None => explain,
        };
        let (explain, yearly) = if self.yearly {
            // The plan stores a yearly price as its exact twelfth; twelve of them give the
            // published price back, less the last of 28 digits' rounding.
            let yearly = unit.map(|u| (u * Decimal::from(12)).round_dp(12).normalize());
            let explain = Explain::PerYear {
                monthly: amount,
                inner: Box::new(explain),
            };
            (explain, yearly)
        } else {
            (explain, None)
        };
        let explain = match self.minimum {
            Some((requested, minimum)) => Explain::MinimumCharge {
                requested,
                minimum,
                inner: Box::new(explain),
            },
            None => explain,
        };
        let explain = match self.billed {
            Some(cycle) => Explain::Billed {
                cycle,
                inner: Box::new(explain),
            },
            None => explain,
        };
        let (id, label) = match self.part {
            None => (id.clone(), label.clone()),
            Some(e) => self.part_names(e, id, label, category),
        };
        (id, label, explain, yearly)
    }

    /// A line's id and label when it is for another edition's seats: `seats.professional`,
    /// `module.forecasting.professional`, "Forecasting (Sales Professional)".
    #[cold]
    fn part_names(&self, e: usize, id: &Text, label: &Text, category: Category) -> (Text, Text) {
        let ed = &self.plan.editions[e];
        let id = Text::from(format!("{id}.{}", ed.id));
        let label = match category {
            Category::Module => Text::from(format!("{label} ({})", ed.label)),
            _ => label.clone(),
        };
        (id, label)
    }

    /// The edition whose seats a line is for: the account's, unless the line's id names
    /// another edition the request buys (`seats.professional`).
    pub(crate) fn line_edition(&self, line: &Line) -> usize {
        for l in &self.r.other_seats {
            if let crate::resolved::SeatOf::Edition(e) = l.of {
                let id = &self.plan.editions[e].id;
                let named = line
                    .id
                    .strip_suffix(&**id)
                    .is_some_and(|rest| rest.ends_with('.'));
                if named {
                    return e;
                }
            }
        }
        self.r.edition
    }

    /// The running net of one kind of line: list amounts minus discounts so far.
    pub(crate) fn net(&self, kind: LineKind) -> Result<Decimal, Rejection> {
        if self.overflow {
            return Err(too_large("a running total"));
        }
        Ok(match kind {
            LineKind::Recurring => self.recurring,
            LineKind::OneTime => self.one_time,
        })
    }

    /// Steps 1-5: seats, modules, storage, backup, support.
    fn recurring(&mut self) -> Result<(), Rejection> {
        self.seats_and_modules()?;
        self.quantities()?;
        self.storage().map_err(|_| too_large("the storage line"))?;
        self.backup().map_err(|_| too_large("the backup line"))?;
        self.support().map_err(|_| too_large("the support line"))?;
        Ok(())
    }

    fn storage(&mut self) -> Result<(), Overflow> {
        let plan = self.plan;
        let all = Decimal::from(self.r.all_seats);
        let policy = &plan.storage;
        let mut included = money::add(
            policy.included_flat,
            money::mul(policy.included_per_seat, all)?,
        )?;
        // Each edition bought gives its own storage, per seat of its own, and an account
        // price's tier the storage that comes with it.
        for (e, n) in self.r.edition_lines() {
            let ed = &plan.editions[e];
            let own = money::add(ed.storage_flat, money::mul(ed.storage_per_seat, n.into())?)?;
            included = money::add(included, own)?;
            if let SeatPrice::Account(tiers) =
                price_for(&ed.price, &ed.cycle_prices, self.r.billing).0
            {
                let tier = AccountTier::holding(tiers, n).and_then(|t| t.storage);
                included = money::add(included, tier.unwrap_or_default())?;
            }
        }
        let used = self.r.storage_gb;
        let Some(overage) = &plan.storage.overage else {
            return Ok(());
        };
        let (overage, cycle) = price_for(overage, &plan.storage.cycle_overages, self.r.billing);
        let billable = (used - included).max(Decimal::ZERO);
        if let Some(charge) = &overage.tiers {
            return self.storage_tiers(charge, cycle, (used, included, billable));
        }
        if billable.is_zero() {
            if !used.is_zero() {
                self.notes.push(format!(
                    "storage: {} GB used is within the {} GB included",
                    money::format_quantity(used),
                    money::format_quantity(included)
                ));
            }
            return Ok(());
        }
        let billed = match overage.block {
            Some(block) => money::mul(billable.checked_div(block).ok_or(Overflow)?.ceil(), block)?,
            None => billable,
        };
        let amount = money::mul(billed, overage.rate)?;
        let explain = Explain::Storage {
            used,
            included,
            billable,
            block: overage.block,
            billed,
            rate: overage.rate,
        };
        let (id, label) = (storage_line_id(), &self.plan.storage.line_label);
        self.billed = cycle;
        self.push(
            id,
            label,
            Category::Storage,
            LineKind::Recurring,
            amount,
            (Some(billed), Some(overage.rate)),
            explain,
        );
        self.billed = None;
        Ok(())
    }

    fn backup(&mut self) -> Result<(), Overflow> {
        let Some(i) = self.r.backup else {
            return Ok(());
        };
        let b = &self.plan.backups[i];
        let used = self.r.storage_gb;
        let default = (b.flat, b.per_gb);
        let (&(flat, per_gb), cycle) = price_for(&default, &b.cycle_prices, self.r.billing);
        let amount = money::add(flat, money::mul(used, per_gb)?)?;
        let explain = Explain::Backup {
            flat,
            used,
            rate: per_gb,
        };
        self.billed = cycle;
        self.push(
            &b.line_id,
            &b.label,
            Category::Backup,
            LineKind::Recurring,
            amount,
            (None, None),
            explain,
        );
        self.billed = None;
        Ok(())
    }

    fn support(&mut self) -> Result<(), Overflow> {
        let Some(i) = self.r.support else {
            return Ok(());
        };
        let s = &self.plan.supports[i];
        if s.included_with.contains(&self.r.edition) {
            let edition = self.plan.editions[self.r.edition].label.clone();
            self.push(
                &s.line_id,
                &s.label,
                Category::Support,
                LineKind::Recurring,
                Decimal::ZERO,
                (None, None),
                Explain::Included { edition },
            );
            if let Some(a) = &s.allowance {
                self.extra_units(a)?;
            }
            return Ok(());
        }
        let seats = Decimal::from(self.r.all_seats);
        let (price, billed) = price_for(&s.price, &s.cycle_prices, self.r.billing);
        let (amount, qu, explain) = match price {
            SupportPrice::Flat(a) => (*a, (Some(Decimal::ONE), Some(*a)), Explain::Flat),
            SupportPrice::PerSeat(unit) => (
                money::mul(seats, *unit)?,
                (Some(seats), Some(*unit)),
                Explain::PerSeat {
                    seats: self.r.all_seats,
                    unit: *unit,
                },
            ),
            // Taken of amounts after discounts: priced once they are taken.
            SupportPrice::Percent { net: true, .. } => {
                self.support_after_discounts = true;
                if let Some(a) = &s.allowance {
                    self.extra_units(a)?;
                }
                return Ok(());
            }
            SupportPrice::Percent {
                percent,
                min,
                max,
                seats: of_seats,
                net: false,
            } => {
                // The base is the list amounts of lines 1-4 (or the seat lines), before any
                // discount.
                if self.overflow {
                    return Err(Overflow);
                }
                let base = if *of_seats {
                    self.seat_lines_total()?
                } else {
                    self.recurring
                };
                let raw = money::percent_of(base, *percent, self.d)?;
                let (amount, raised, capped) = clamp(raw, *min, *max);
                let explain = if *of_seats {
                    Explain::PercentOf {
                        percent: *percent,
                        of: Text::from("seats"),
                        base,
                        raw,
                        min: raised,
                        max: capped,
                    }
                } else {
                    Explain::SupportPercent {
                        percent: *percent,
                        base,
                        raw,
                        min: raised,
                        max: capped,
                    }
                };
                (amount, (None, None), explain)
            }
        };
        self.billed = billed;
        self.push(
            &s.line_id,
            &s.label,
            Category::Support,
            LineKind::Recurring,
            amount,
            qu,
            explain,
        );
        self.billed = None;
        if let Some(a) = &s.allowance {
            self.extra_units(a)?;
        }
        Ok(())
    }

    /// The recurring lines so far for a year: a yearly price's own amount (quantity x the
    /// yearly price), a monthly one's twelve months.
    pub(crate) fn annual(&self) -> Decimal {
        let mut sum = Decimal::ZERO;
        for l in self.lines.iter().filter(|l| l.kind == LineKind::Recurring) {
            let year = match (l.yearly, l.quantity) {
                (Some(y), Some(q)) => q.checked_mul(y).map(|x| money::round(x, self.d)),
                _ => l.amount.checked_mul(Decimal::from(12)),
            };
            sum = sum
                .checked_add(year.unwrap_or(Decimal::MAX))
                .unwrap_or(Decimal::MAX);
        }
        sum
    }

    /// The seat lines priced so far, at list.
    fn seat_lines_total(&self) -> Result<Decimal, Overflow> {
        let mut sum = Decimal::ZERO;
        for l in self.lines.iter().filter(|l| l.category == Category::Seats) {
            sum = money::add(sum, l.amount)?;
        }
        Ok(sum)
    }

    /// A support tier priced `of net seats` or `of net recurring`: a percentage of those
    /// amounts after the discounts, priced once the discounts are taken.
    fn support_net(&mut self) -> Result<(), Rejection> {
        let Some(i) = self.r.support else {
            return Ok(());
        };
        let s = &self.plan.supports[i];
        let (price, billed) = price_for(&s.price, &s.cycle_prices, self.r.billing);
        let SupportPrice::Percent {
            percent,
            min,
            max,
            seats: of_seats,
            ..
        } = price
        else {
            return Ok(());
        };
        let base = if *of_seats {
            discounts::net_of_seats(self).ok_or_else(|| too_large("the support line"))?
        } else {
            self.net(LineKind::Recurring)?
        };
        let raw =
            money::percent_of(base, *percent, self.d).map_err(|_| too_large("the support line"))?;
        let (amount, raised, capped) = clamp(raw, *min, *max);
        let explain = Explain::PercentOf {
            percent: *percent,
            of: Text::from(if *of_seats {
                "net seats"
            } else {
                "net recurring"
            }),
            base,
            raw,
            min: raised,
            max: capped,
        };
        self.billed = billed;
        self.push(
            &s.line_id,
            &s.label,
            Category::Support,
            LineKind::Recurring,
            amount,
            (None, None),
            explain,
        );
        self.billed = None;
        Ok(())
    }

    /// The units of service expected beyond a tier's yearly allowance, for every contract
    /// year the term starts (a part year counts as a year), charged once.
    fn extra_units(&mut self, a: &Allowance) -> Result<(), Overflow> {
        let extra = self.r.support_units.saturating_sub(a.included);
        if extra == 0 {
            return Ok(());
        }
        let years = self.r.term_months.div_ceil(12);
        let units = Decimal::from(extra)
            .checked_mul(Decimal::from(years))
            .ok_or(Overflow)?;
        let amount = money::mul(units, a.price)?;
        let explain = Explain::ExtraUnits {
            expected: self.r.support_units,
            included: a.included,
            unit: a.unit.clone(),
            years,
            price: a.price,
        };
        let qu = (Some(units), Some(a.price));
        let (kind, cat) = (LineKind::OneTime, Category::Support);
        self.push(&a.line_id, &a.label, cat, kind, amount, qu, explain);
        Ok(())
    }

    /// One-time lines: the edition's fees, the bought modules' fees, then the services in
    /// the order the request lists them.
    fn services(&mut self, request: &Request) -> Result<(), Rejection> {
        let plan = self.plan;
        let ed = &plan.editions[self.r.edition];
        let bought = (plan.modules.iter().enumerate())
            .filter(|(m, _)| self.r.requested.contains(*m) && !ed.included[*m])
            .flat_map(|(_, module)| &module.fees);
        for fee in ed.fees.iter().chain(bought) {
            let waived =
                (fee.waived_when.as_ref()).and_then(|w| discounts::waived(w, self, request));
            let (amount, explain) = match waived {
                Some(reason) => (
                    Decimal::ZERO,
                    Explain::Waived {
                        item: fee.item.clone(),
                        reason,
                    },
                ),
                None => (
                    fee.amount,
                    Explain::Fee {
                        item: fee.item.clone(),
                    },
                ),
            };
            let qu = (Some(Decimal::ONE), Some(amount));
            let (kind, cat) = (LineKind::OneTime, Category::Fee);
            self.push(&fee.line_id, &fee.label, cat, kind, amount, qu, explain);
        }
        for rs in &self.r.services {
            let svc = &plan.services[rs.service];
            match &svc.pricing {
                ServicePricing::Targets {
                    targets,
                    complexity,
                    workload,
                } => {
                    let Some(t) = rs.target.and_then(|t| targets.get(t)) else {
                        continue;
                    };
                    let (name, multiplier) = match rs.complexity.and_then(|c| complexity.get(c)) {
                        Some((n, m)) => (Some(n.clone()), *m),
                        None => (None, Decimal::ONE),
                    };
                    if let Some(w) = workload {
                        self.workload(t, w, name, multiplier, rs.quantity)
                            .map_err(|_| too_large("a service line"))?;
                        continue;
                    }
                    let unit =
                        money::mul(t.price, multiplier).map_err(|_| too_large("a service line"))?;
                    let amount =
                        money::mul(unit, rs.quantity).map_err(|_| too_large("a service line"))?;
                    let explain = Explain::Integration {
                        price: t.price,
                        complexity: name,
                        multiplier,
                        quantity: rs.quantity,
                    };
                    self.push(
                        &t.line_id,
                        &t.line_label,
                        Category::Service,
                        LineKind::OneTime,
                        amount,
                        (Some(rs.quantity), Some(unit)),
                        explain,
                    );
                }
                ServicePricing::PerUnit {
                    price,
                    unit,
                    line_id,
                } => {
                    let amount =
                        money::mul(*price, rs.quantity).map_err(|_| too_large("a service line"))?;
                    let explain = Explain::PerUnit {
                        quantity: rs.quantity,
                        unit: unit.clone(),
                        price: *price,
                    };
                    self.push(
                        line_id,
                        &svc.label,
                        Category::Service,
                        LineKind::OneTime,
                        amount,
                        (Some(rs.quantity), Some(*price)),
                        explain,
                    );
                }
            }
        }
        Ok(())
    }
}

impl Evaluator<'_> {
    /// A module at a percentage of the lines priced before it (their list amounts), clamped.
    fn percent_of(
        &mut self,
        p: &PercentOf,
        id: &Text,
        label: &Text,
        cat: Category,
    ) -> Result<(), Overflow> {
        let mut base = Decimal::ZERO;
        for l in self
            .lines
            .iter()
            .filter(|l| discounts::covers(self, &p.of, l))
        {
            base = money::add(base, l.amount)?;
        }
        let raw = money::percent_of(base, p.percent, self.d)?;
        let mut amount = raw;
        let (mut raised, mut capped) = (None, None);
        if let Some(lo) = p.min.filter(|lo| amount < *lo) {
            amount = lo;
            raised = Some(lo);
        }
        if let Some(hi) = p.max.filter(|hi| amount > *hi) {
            amount = hi;
            capped = Some(hi);
        }
        let explain = Explain::PercentOf {
            percent: p.percent,
            of: p.of_text.clone(),
            base,
            raw,
            min: raised,
            max: capped,
        };
        self.push(
            id,
            label,
            cat,
            LineKind::Recurring,
            amount,
            (None, None),
            explain,
        );
        Ok(())
    }

    /// A true-up line when the recurring net, discounts taken, falls short of the plan's
    /// minimum monthly commitment.
    fn commitment(&mut self) -> Result<(), Rejection> {
        let Some(commitment) = self.plan.commitment else {
            return Ok(());
        };
        let net = self.net(LineKind::Recurring)?;
        if net >= commitment {
            return Ok(());
        }
        let short = commitment
            .checked_sub(net)
            .ok_or_else(|| too_large("the commitment"))?;
        static ID: std::sync::OnceLock<(Text, Text)> = std::sync::OnceLock::new();
        let (id, label) = ID.get_or_init(|| {
            (
                Text::from("commitment"),
                Text::from("Minimum commitment true-up"),
            )
        });
        let explain = Explain::Commitment { commitment, net };
        self.push(
            id,
            label,
            Category::Commitment,
            LineKind::Recurring,
            short,
            (None, None),
            explain,
        );
        Ok(())
    }

    /// `(base + quantity x rate) x complexity`, rounded once: a target priced by the work.
    fn workload(
        &mut self,
        t: &Target,
        w: &Workload,
        complexity: Option<Text>,
        multiplier: Decimal,
        quantity: Decimal,
    ) -> Result<(), Overflow> {
        let work = money::mul(quantity, w.rate)?;
        let amount = money::mul(money::add(t.price, work)?, multiplier)?;
        let explain = Explain::Workload {
            base: t.price,
            quantity,
            unit: w.unit.clone(),
            rate: w.rate,
            complexity,
            multiplier,
        };
        self.push(
            &t.line_id,
            &t.line_label,
            Category::Service,
            LineKind::OneTime,
            amount,
            (Some(quantity), Some(w.rate)),
            explain,
        );
        Ok(())
    }
}

/// `raw` held between a floor and a cap: (amount, the floor when it raised it, the cap when
/// it lowered it).
fn clamp(
    raw: Decimal,
    min: Option<Decimal>,
    max: Option<Decimal>,
) -> (Decimal, Option<Decimal>, Option<Decimal>) {
    let mut amount = raw;
    let (mut raised, mut capped) = (None, None);
    if let Some(lo) = min.filter(|lo| amount < *lo) {
        amount = lo;
        raised = Some(lo);
    }
    if let Some(hi) = max.filter(|hi| amount > *hi) {
        amount = hi;
        capped = Some(hi);
    }
    (amount, raised, capped)
}

/// (monthly recurring, one-time): the sums of the lines of each kind.
pub fn sums(lines: &[Line]) -> Result<(Decimal, Decimal), Overflow> {
    let (mut monthly, mut one_time) = (Decimal::ZERO, Decimal::ZERO);
    for l in lines {
        match l.kind {
            LineKind::Recurring => monthly = money::add(monthly, l.amount)?,
            LineKind::OneTime => one_time = money::add(one_time, l.amount)?,
        }
    }
    Ok((monthly, one_time))
}

//! Syntax tree to checked plan: resolves every name and reports every problem, not the first.

mod conditions;
mod currencies;
mod cycles;
mod deals;
mod items;
mod prices;
mod quantities;
mod seats;
mod tax;
mod vendor;

use crate::diagnostic::{Diagnostic, Kind, SourceFile};
use crate::model::*;
use crate::span::{Span, Spanned};
use crate::syntax::ast::*;
use crate::syntax::Parser;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The outcome of checking one plan file.
#[derive(Debug)]
pub struct Checked {
    /// The plan, when there were no errors.
    pub plan: Option<Plan>,
    /// Every error and warning, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The text that was checked, for rendering the diagnostics.
    pub source: SourceFile,
}

impl Checked {
    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses and checks a plan. Hook paths are resolved against `base_dir` (the plan's folder).
pub fn check_source(source: SourceFile, base_dir: Option<&Path>) -> Checked {
    match Parser::parse(&source.text) {
        Ok(ast) => Analyzer::analyze(&ast, source, base_dir),
        Err(diagnostics) => Checked {
            plan: None,
            diagnostics,
            source,
        },
    }
}

/// Checks a plan that did not come from the owner's files (an HTTP body): it may read no
/// file at all, so each `hook` line is an error instead of a path to follow.
pub fn check_posted(source: SourceFile) -> Checked {
    let ast = match Parser::parse(&source.text) {
        Ok(ast) => ast,
        Err(diagnostics) => {
            return Checked {
                plan: None,
                diagnostics,
                source,
            }
        }
    };
    let (hooks, items): (Vec<Item>, Vec<Item>) =
        (ast.items.into_iter()).partition(|i| matches!(i, Item::Hook(_)));
    let ast = PlanAst { items, ..ast };
    let mut checked = Analyzer::analyze(&ast, source, None);
    for h in hooks {
        if let Item::Hook(path) = h {
            let kind = Kind::HookUnreadable {
                path: path.value.clone(),
                reason: "a plan sent to the server cannot run hook scripts; put it in the server's plan folder".into(),
            };
            checked.diagnostics.push(Diagnostic::new(kind, path.span));
            checked.plan = None;
        }
    }
    checked
        .diagnostics
        .sort_by_key(|d| (d.file.is_some(), d.span.start));
    checked
}

/// Reads, parses and checks the plan file at `path`.
pub fn check_file(path: &Path) -> std::io::Result<Checked> {
    let text = crate::files::read_text(path)?;
    let source = SourceFile::new(path.display().to_string(), text);
    Ok(check_source(source, Some(&hooks_dir(path))))
}

/// The environment variable that names the folder hooks are read from, instead of the
/// plan's own folder.
pub const HOOKS_DIR_VAR: &str = "RATECARD_HOOKS_DIR";

/// The folder the hooks of the plan at `plan_path` are read from, and may not leave: the
/// folder named by [`HOOKS_DIR_VAR`] when it is set, else the plan's own folder.
///
/// Set by whoever runs ratecard (the plan's owner), never by the plan itself, so a plan
/// can only run scripts its owner put where hooks belong.
pub fn hooks_dir(plan_path: &Path) -> std::path::PathBuf {
    match std::env::var_os(HOOKS_DIR_VAR).filter(|d| !d.is_empty()) {
        Some(dir) => dir.into(),
        None => plan_path.parent().unwrap_or(Path::new("")).to_path_buf(),
    }
}

/// The built-in example plan (`examples/acme.rate`), compiled into the binary.
pub const BUILTIN_PLAN: &str = include_str!("../../examples/acme.rate");
/// The name the built-in plan is shown under.
pub const BUILTIN_NAME: &str = "<built-in acme plan>";

/// Checks the built-in example plan.
pub fn check_builtin() -> Checked {
    check_source(SourceFile::new(BUILTIN_NAME, BUILTIN_PLAN), None)
}

/// Turns a [`PlanAst`] into a [`Plan`], collecting every diagnostic.
pub struct Analyzer<'a> {
    diagnostics: Vec<Diagnostic>,
    source: &'a SourceFile,
    module_ids: HashMap<&'a str, (usize, Span)>,
    /// The currency's minor digits, once known, for amounts in messages.
    digits: u32,
    /// The word after an edition's label on its seat line, in the plan's locale.
    seats_word: &'static str,
    /// The plan's language (`en`, `zh`), from its `locale`.
    lang: &'static str,
}

fn text(s: &str) -> Text {
    Arc::from(s)
}

/// True for a real `YYYY-MM-DD` date (the grammar has already checked the digits).
fn is_calendar_date(date: &str) -> bool {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

fn label_of(id: &Name, label: &Option<Spanned<String>>) -> Text {
    text(label.as_ref().map_or(&id.value, |l| &l.value))
}

impl<'a> Analyzer<'a> {
    /// Checks `ast`; the plan is returned only when there is no error.
    pub fn analyze(ast: &'a PlanAst, source: SourceFile, base_dir: Option<&Path>) -> Checked {
        let mut a = Analyzer {
            diagnostics: Vec::new(),
            source: &source,
            module_ids: HashMap::new(),
            digits: 2,
            seats_word: "seats",
            lang: "en",
        };
        let mut plan = a.plan(ast, base_dir);
        let mut diagnostics = a.diagnostics;
        if ast.items.iter().any(|i| matches!(i, Item::PriceList(_))) {
            let (mut others, found) = currencies::price_lists(ast, &source, base_dir);
            diagnostics.extend(found);
            if let Some(p) = plan.as_mut() {
                currencies::sold_in(p, &mut others);
                p.other_currencies = others;
            }
        }
        diagnostics.sort_by_key(|d| (d.file.is_some(), d.span.start));
        let plan = if diagnostics.iter().any(Diagnostic::is_error) {
            None
        } else {
            plan
        };
        Checked {
            plan,
            diagnostics,
            source,
        }
    }

    fn error(&mut self, kind: Kind, span: Span) {
        self.diagnostics.push(Diagnostic::new(kind, span));
    }

    fn line_of(&self, span: Span) -> usize {
        span.line_col(&self.source.text).0
    }

    /// Reports names declared twice among `names`; returns name -> (index, span).
    fn unique<'n>(
        &mut self,
        what: &'static str,
        names: impl Iterator<Item = &'n Name>,
    ) -> HashMap<&'n str, (usize, Span)> {
        let mut seen: HashMap<&str, (usize, Span)> = HashMap::new();
        for (i, n) in names.enumerate() {
            if i == crate::limits::MAX_ITEMS {
                let limit = crate::limits::MAX_ITEMS;
                self.error(Kind::TooMany { what, limit }, n.span);
            }
            if n.value.chars().count() > crate::limits::MAX_NAME_CHARS {
                let (what, limit) = ("a name", crate::limits::MAX_NAME_CHARS);
                self.error(Kind::TooLong { what, limit }, n.span);
            }
            if let Some((_, first)) = seen.get(n.value.as_str()) {
                let first_line = self.line_of(*first);
                self.error(
                    Kind::Duplicate {
                        what,
                        name: n.value.clone(),
                        first_line,
                    },
                    n.span,
                );
            } else {
                seen.insert(&n.value, (i, n.span));
            }
        }
        seen
    }

    fn non_negative(&mut self, what: &'static str, n: &Num) -> Decimal {
        if n.value.is_sign_negative() && !n.value.is_zero() {
            self.error(
                Kind::Negative {
                    what,
                    value: n.value.to_string(),
                },
                n.span,
            );
        }
        n.value
    }

    fn positive(&mut self, what: &'static str, n: &Num) -> Decimal {
        if n.value <= Decimal::ZERO {
            self.error(
                Kind::NotPositive {
                    what,
                    value: n.value.to_string(),
                },
                n.span,
            );
        }
        n.value
    }

    fn percent(&mut self, n: &Num) -> Decimal {
        if n.value < Decimal::ZERO || n.value > Decimal::ONE_HUNDRED {
            self.error(
                Kind::PercentOutOfRange {
                    value: n.value.to_string(),
                },
                n.span,
            );
        }
        n.value
    }

    /// Every `label LANG "..."`: a language ratecard writes documents in, once per item.
    fn translations(&mut self, labels: &[LabelAltAst]) -> Vec<Translation> {
        let mut out: Vec<Translation> = Vec::new();
        for l in labels {
            let lang = l.lang.value.split(['-', '_']).next().unwrap_or("");
            if lang != "en" && lang != "zh" {
                let known = vec!["en".to_string(), "zh".to_string()];
                let (what, name) = ("document language", l.lang.value.clone());
                self.error(Kind::Unknown { what, name, known }, l.lang.span);
                continue;
            }
            if out
                .iter()
                .any(|t| t.kind == l.kind && *t.id == *l.item && &*t.lang == lang)
            {
                let what = "a label in one language";
                self.error(Kind::Repeated { what }, l.text.span);
                continue;
            }
            out.push(Translation {
                kind: l.kind,
                id: text(&l.item),
                lang: text(lang),
                label: text(&l.text.value),
            });
        }
        out
    }

    /// The plan's `locale`: `en` or `zh` (with a region, `zh-CN`), once.
    fn locale(&mut self, seen: &[(Name, Span)]) -> Option<String> {
        let tag = self.once("the locale", seen)?;
        let lang = tag.value.split(['-', '_']).next().unwrap_or("");
        match lang {
            "zh" => {
                self.seats_word = "用户";
                self.lang = "zh";
            }
            "en" => {}
            _ => {
                let known = vec!["en".to_string(), "zh-CN".to_string()];
                let (what, name) = ("locale", tag.value.clone());
                self.error(Kind::Unknown { what, name, known }, tag.span);
            }
        }
        Some(tag.value)
    }

    fn once<T: Clone>(&mut self, what: &'static str, seen: &[(T, Span)]) -> Option<T> {
        for (_, span) in seen.iter().skip(1) {
            self.error(Kind::Repeated { what }, *span);
        }
        seen.first().map(|(v, _)| v.clone())
    }

    fn plan(&mut self, ast: &'a PlanAst, base_dir: Option<&Path>) -> Option<Plan> {
        let mut versions = Vec::new();
        let mut currencies = Vec::new();
        let mut taxes = Vec::new();
        let mut tax_tables = Vec::new();
        let mut month_to_month = Vec::new();
        let mut effectives = Vec::new();
        let mut terms = Vec::new();
        let mut commitments = Vec::new();
        let mut storages = Vec::new();
        let (mut editions, mut modules, mut backups, mut supports) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut seat_types = Vec::new();
        let (mut services, mut discounts, mut coupons, mut hooks) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut deal_blocks = Vec::new();
        let mut quantities = Vec::new();
        let mut locales = Vec::new();
        let mut vendors = Vec::new();
        for item in &ast.items {
            match item {
                Item::Version(v) => versions.push((v.value.clone(), v.span)),
                Item::Currency(c) => currencies.push((c.clone(), c.span)),
                Item::Tax(t, included) => taxes.push(((*t, *included), t.span)),
                Item::TaxTable(t) => tax_tables.push(t),
                Item::Effective(e) => effectives.push((e.value.clone(), e.span)),
                Item::Locale(l) => locales.push((l.clone(), l.span)),
                Item::MinTerm(t) => terms.push((t.value, t.span)),
                Item::Commitment(a) => commitments.push((*a, a.span)),
                Item::Storage(s) => storages.push((s, s.span)),
                Item::Edition(e) => editions.push(e),
                Item::Module(m) => modules.push(m),
                Item::SeatType(t) => seat_types.push(t),
                Item::Quantity(q) => quantities.push(q),
                Item::Backup(b) => backups.push(b),
                Item::Support(s) => supports.push(s),
                Item::Service(s) => services.push(s),
                Item::Discount(d) if d.coupon => coupons.push(d),
                Item::Discount(d) => discounts.push(d),
                Item::Hook(h) => hooks.push(h),
                Item::Deals(d) => deal_blocks.push(d),
                Item::Vendor(v) => vendors.push((v, v.name.span)),
                // Checked as whole plans of their own, in `currencies.rs`.
                Item::PriceList(_) => {}
                Item::MonthToMonth(span) => month_to_month.push(((), *span)),
                // Only a price list may say what it does not sell (`currencies.rs`).
                Item::NotSold(names) => {
                    if let Some(n) = names.first() {
                        let kind = Kind::NotInPlan {
                            what: "`not sold` belongs inside a price list (`prices EUR { not sold ... }`)".into(),
                        };
                        self.error(kind, n.span);
                    }
                }
            }
        }
        self.label_lengths(ast);
        let version = self.once("the version", &versions);
        let currency = self.once("the currency", &currencies);
        let effective = self.once("the effective date", &effectives);
        let locale = self.locale(&locales);
        if let Some((date, span)) = effectives.first() {
            if !is_calendar_date(date) {
                self.error(Kind::BadDate { text: date.clone() }, *span);
            }
        }
        let min_term = self.once("the minimum term", &terms);
        let month_to_month = self
            .once("monthly billing is month-to-month", &month_to_month)
            .is_some();
        let commitment = self
            .once("the minimum commitment", &commitments)
            .map(|a| self.non_negative("a minimum commitment", &a));
        let storage = self.once("the storage block", &storages);
        let vendor = self
            .once("the vendor", &vendors)
            .map(|v| self.vendor(v, base_dir));
        let name_span = ast.name.span;
        if version.is_none() {
            let example = "version \"2026.1\"";
            self.error(
                Kind::Missing {
                    what: "version",
                    example,
                },
                name_span,
            );
        }
        let currency = match currency {
            None => {
                let example = "currency USD";
                self.error(
                    Kind::Missing {
                        what: "currency",
                        example,
                    },
                    name_span,
                );
                None
            }
            Some(code) => self.currency(&code),
        };
        let taxes = self.taxes(&taxes, &tax_tables, name_span);
        let (tax_percent, tax_included) = (taxes.percent, taxes.included);

        if let Some(0) = min_term {
            let span = terms[0].1;
            let what = "the minimum term";
            self.error(
                Kind::NotPositive {
                    what,
                    value: "0".into(),
                },
                span,
            );
        }
        let mut storage = storage.map(|s| self.storage_policy(s)).unwrap_or_default();
        storage.line_label = Text::from(crate::model::storage_line_label(self.lang));
        let deals = self.deal_terms(&deal_blocks);

        self.module_ids = self.unique("module", modules.iter().map(|m| &m.id));
        let edition_ids = self.unique("edition", editions.iter().map(|e| &e.id));
        let backup_ids = self.unique("backup option", backups.iter().map(|b| &b.id));
        let support_ids = self.unique("support tier", supports.iter().map(|s| &s.id));
        self.unique("service", services.iter().map(|s| &s.id));
        self.unique("discount", discounts.iter().map(|d| &d.id));
        self.unique("coupon", coupons.iter().map(|d| &d.id));

        for n in modules
            .iter()
            .flat_map(|m| &m.attach)
            .flat_map(|a| &a.editions)
        {
            if !edition_ids.contains_key(n.value.as_str()) {
                let mut known: Vec<String> = edition_ids.keys().map(|k| k.to_string()).collect();
                known.sort();
                let (what, name) = ("edition", n.value.clone());
                self.error(Kind::Unknown { what, name, known }, n.span);
            }
        }
        let (edition_asts, module_asts) = (editions, modules);
        let modules: Vec<Module> = module_asts.iter().map(|m| self.module(m)).collect();
        let editions: Vec<Edition> = edition_asts
            .iter()
            .map(|e| self.edition(e, modules.len()))
            .collect();
        let seat_types = self.seat_types(&seat_types, &edition_ids);
        let quantities = self.quantities(&quantities, &edition_ids);
        let backups: Vec<Backup> = backups.iter().map(|b| self.backup(b)).collect();
        let supports: Vec<Support> = supports
            .iter()
            .map(|s| {
                let mut tier = self.support(s);
                // `included with EDITION`: each edition named must be declared.
                for n in &s.included_with {
                    match edition_ids.get(n.value.as_str()) {
                        Some((i, _)) => tier.included_with.push(*i),
                        None => {
                            let mut known: Vec<String> =
                                edition_ids.keys().map(|k| k.to_string()).collect();
                            known.sort();
                            let (what, name) = ("edition", n.value.clone());
                            self.error(Kind::Unknown { what, name, known }, n.span);
                        }
                    }
                }
                tier
            })
            .collect();
        let services: Vec<Service> = services.iter().map(|s| self.service(s)).collect();
        let module_ids = self.module_ids.clone();
        let mut lines = line_ids(&editions, &modules, &backups, &supports, &services);
        lines.extend(quantities.iter().map(|q| q.line_id.to_string()));
        lines.extend(seat_types.iter().map(|t| t.line_id.to_string()));
        let names = conditions::Names {
            editions: &edition_ids,
            backups: &backup_ids,
            supports: &support_ids,
            modules: &module_ids,
            lines: &lines,
        };
        let discounts = discounts.iter().map(|d| self.discount(d, &names)).collect();
        let (mut editions, mut modules) = (editions, modules);
        for (e, ast) in editions.iter_mut().zip(&edition_asts) {
            self.waivers(&mut e.fees, &ast.fees, &names);
        }
        for (m, ast) in modules.iter_mut().zip(&module_asts) {
            self.waivers(&mut m.fees, &ast.fees, &names);
        }
        let coupons = coupons.iter().map(|d| self.discount(d, &names)).collect();
        let hooks = hooks
            .iter()
            .filter_map(|h| match crate::hooks::Hook::load(base_dir, h) {
                Ok(hook) => Some(hook),
                Err(d) => {
                    self.diagnostics.push(d);
                    None
                }
            })
            .collect();
        self.unusable_modules(&modules, &editions);
        if editions.is_empty() {
            // A plan without an edition can price nothing: every request names one.
            let example = "edition team \"Team\" { 20.00 per seat }";
            let what = "edition";
            self.error(Kind::Missing { what, example }, ast.name.span);
        }

        let source_sha256 = {
            use sha2::Digest;
            let digest = sha2::Sha256::digest(self.source.text.as_bytes());
            digest
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        let (cycles, default_cycle) =
            cycles::sold(&editions, &modules, &supports, &backups, &storage);
        Some(Plan {
            seat_types,
            other_currencies: Vec::new(),
            cycles,
            default_cycle,
            name: text(&ast.name.value),
            version: text(&version.unwrap_or_default()),
            currency: currency?,
            tax_percent,
            tax_included,
            tax_table: taxes.table,
            effective: effective.map(|e| text(&e)),
            locale: locale.map(|l| text(&l)),
            translations: self.translations(&ast.labels),
            vendor,
            min_term_months: min_term,
            month_to_month,
            commitment,
            storage,
            editions,
            modules,
            quantities,
            backups,
            supports,
            services,
            discounts,
            coupons,
            hooks,
            deals,
            source: self.source.clone(),
            source_sha256: text(&source_sha256),
            raised: RaisedPlans::default(),
        })
    }

    fn currency(&mut self, code: &Name) -> Option<Currency> {
        match iso_currency::Currency::from_code(&code.value) {
            Some(c) => {
                self.digits = c.exponent().map_or(0, u32::from);
                Some(Currency {
                    code: text(c.code()),
                    minor_digits: self.digits,
                })
            }
            None => {
                let kind = Kind::UnknownCurrency {
                    code: code.value.clone(),
                };
                self.error(kind, code.span);
                None
            }
        }
    }

    fn storage_policy(&mut self, s: &StoragePolicyAst) -> StoragePolicy {
        let mut flat = Vec::new();
        let mut per_seat = Vec::new();
        for a in &s.included {
            let gb = self.non_negative("included storage", &a.gb);
            if a.per_seat {
                per_seat.push((gb, a.gb.span));
            } else {
                flat.push((gb, a.gb.span));
            }
        }
        let included_flat = self
            .once("the flat storage allowance", &flat)
            .unwrap_or_default();
        let included_per_seat = self
            .once("the per-seat storage allowance", &per_seat)
            .unwrap_or_default();
        let mut checked = Vec::with_capacity(s.overage.len());
        for o in &s.overage {
            let overage = Overage {
                rate: self.non_negative("the overage rate", &o.rate),
                block: o
                    .block
                    .as_ref()
                    .map(|b| self.positive("a storage block", b)),
                tiers: o.tiers.as_ref().map(|t| self.storage_tiers(t)),
            };
            checked.push((overage, o.billed.as_ref(), o.span));
        }
        // Storage is never refused on a cycle: with no default line, the first cycle's
        // overage is the default.
        let (overage, cycle_overages) = match self.by_cycle("the storage overage", checked) {
            Some(p) => (Some(p.price), p.cycles),
            None => (None, Vec::new()),
        };
        StoragePolicy {
            included_flat,
            included_per_seat,
            overage,
            cycle_overages,
            line_label: Text::default(),
        }
    }

    fn resolve_modules(&mut self, names: &[Name]) -> Vec<usize> {
        let mut out = Vec::new();
        for n in names {
            match self.module_ids.get(n.value.as_str()) {
                Some((i, _)) => {
                    if !out.contains(i) {
                        out.push(*i)
                    }
                }
                None => {
                    let mut known: Vec<String> =
                        self.module_ids.keys().map(|k| k.to_string()).collect();
                    known.sort();
                    let kind = Kind::Unknown {
                        what: "module",
                        name: n.value.clone(),
                        known,
                    };
                    self.error(kind, n.span);
                }
            }
        }
        out
    }

    fn edition(&mut self, e: &EditionAst, module_count: usize) -> Edition {
        let mut included = vec![false; module_count];
        for i in self.resolve_modules(&e.includes) {
            included[i] = true;
        }
        let mut flat = Vec::new();
        let mut per_seat = Vec::new();
        for a in &e.storage {
            let gb = self.non_negative("included storage", &a.gb);
            let list = if a.per_seat { &mut per_seat } else { &mut flat };
            list.push((gb, a.gb.span));
        }
        let label = label_of(&e.id, &e.label);
        let what = format!("edition `{}`", e.id.value);
        let example = "seats volume { 1..9 at 120.00; 10.. at 100.00 }";
        let price = self.cycle_prices(
            &what,
            example,
            &e.prices,
            e.id.span,
            "seats",
            &format!("{label} {}", self.seats_word),
        );
        let (price, cycle_prices, sold_on) = match price {
            Some(p) => (p.price, p.cycles, p.sold_on),
            None => (SeatPrice::Flat(Decimal::ZERO), Vec::new(), Vec::new()),
        };
        let limits = self.seat_limits(e);
        let yearly = Self::yearly_cycles(&e.prices);
        let fees = self.fees(&e.id, &label, &e.fees);
        let min_term_months = self.once(
            "the edition's minimum term",
            &(e.min_terms.iter())
                .map(|t| (t.value, t.span))
                .collect::<Vec<_>>(),
        );
        if let Some(t) = e.min_terms.iter().find(|t| t.value == 0) {
            let what = "the minimum term";
            self.error(
                Kind::NotPositive {
                    what,
                    value: "0".into(),
                },
                t.span,
            );
        }
        Edition {
            limits,
            yearly,
            fees,
            min_term_months,
            id: text(&e.id.value),
            label: label.clone(),
            included,
            storage_flat: self
                .once("the edition's flat storage", &flat)
                .unwrap_or_default(),
            storage_per_seat: self
                .once("the edition's per-seat storage", &per_seat)
                .unwrap_or_default(),
            price,
            cycle_prices,
            sold_on,
            line_id: text("seats"),
            on_application: on_application(&e.prices),
            withdrawn: self.withdrawn(e),
            not_sold: None,
            line_label: text(&format!("{label} {}", self.seats_word)),
            description: self.description(&e.descriptions),
        }
    }

    /// An edition's or module's one-time fees: names unique within it, amounts not negative.
    fn fees(&mut self, item: &Name, label: &Text, fees: &[FeeAst]) -> Vec<Fee> {
        self.unique("fee", fees.iter().map(|f| &f.id));
        fees.iter()
            .map(|f| Fee {
                waived_when: None,
                line_id: text(&format!("fee.{}.{}", item.value, f.id.value)),
                label: label_of(&f.id, &f.label),
                amount: self.non_negative("a fee", &f.amount),
                item: label.clone(),
            })
            .collect()
    }

    /// An edition's minimum and maximum seats: each written once, minimum not above maximum.
    fn seat_limits(&mut self, e: &EditionAst) -> SeatLimits {
        let pick = |kinds: &[SeatLimitKind]| -> Vec<(u64, Span)> {
            (e.limits.iter())
                .filter(|l| kinds.contains(&l.kind))
                .map(|l| (l.seats.value, l.seats.span))
                .collect()
        };
        let minimums = pick(&[SeatLimitKind::MinimumPurchase, SeatLimitKind::MinimumCharge]);
        let minimum = self.once("the edition's minimum seats", &minimums);
        let maximum = self.once(
            "the edition's maximum seats",
            &pick(&[SeatLimitKind::Maximum]),
        );
        for (n, span) in minimums.iter().chain(&pick(&[SeatLimitKind::Maximum])) {
            if *n == 0 {
                let what = "a seat limit";
                self.error(
                    Kind::NotPositive {
                        what,
                        value: "0".into(),
                    },
                    *span,
                );
            }
        }
        if let (Some(lo), Some(hi)) = (minimum, maximum) {
            if lo > hi {
                let kind = Kind::SeatLimits {
                    edition: e.id.value.clone(),
                    minimum: lo,
                    maximum: hi,
                };
                self.error(kind, minimums[0].1);
            }
        }
        SeatLimits {
            minimum,
            charge_minimum: e
                .limits
                .iter()
                .any(|l| l.kind == SeatLimitKind::MinimumCharge),
            maximum,
        }
    }

    fn module(&mut self, m: &ModuleAst) -> Module {
        let requires = self.resolve_modules(&m.requires);
        let excludes = self.resolve_modules(&m.excludes);
        let me = self.module_ids.get(m.id.value.as_str()).map(|(i, _)| *i);
        for (list, names, relation) in [
            (&requires, &m.requires, "requires"),
            (&excludes, &m.excludes, "excludes"),
        ] {
            if let Some(n) = names.iter().find(|n| n.value == m.id.value) {
                let module = m.id.value.clone();
                self.error(Kind::SelfReference { module, relation }, n.span);
            }
            let _ = list;
        }
        for n in &m.excludes {
            if m.requires.iter().any(|r| r.value == n.value) && n.value != m.id.value {
                let kind = Kind::RequiresAndExcludes {
                    module: m.id.value.clone(),
                    other: n.value.clone(),
                };
                self.error(kind, n.span);
            }
        }
        let label = label_of(&m.id, &m.label);
        let line_id = format!("module.{}", m.id.value);
        let what = format!("module `{}`", m.id.value);
        let priced = if m.prices.is_empty() {
            None
        } else {
            self.cycle_prices(&what, "", &m.prices, m.id.span, &line_id, &label)
        };
        let (price, cycle_prices, sold_on) = match priced {
            Some(p) => (Some(p.price), p.cycles, p.sold_on),
            None => (None, Vec::new(), Vec::new()),
        };
        let fees = self.fees(&m.id, &label, &m.fees);
        let (price, cycle_prices) = match self.module_percent(m, me) {
            Some(p) => (Some(p), Vec::new()),
            None => (price, cycle_prices),
        };
        let attach = self.attach(m, &line_id, &label);
        Module {
            on_application: on_application(&m.prices),
            not_sold: None,
            yearly: Self::yearly_cycles(&m.prices),
            fees,
            attach,
            id: text(&m.id.value),
            label,
            price,
            cycle_prices,
            sold_on,
            requires: requires.into_iter().filter(|r| Some(*r) != me).collect(),
            excludes: excludes.into_iter().filter(|r| Some(*r) != me).collect(),
            line_id: text(&line_id),
        }
    }

    /// A module's `P% of ...` price, its base checked: seats, or modules declared above it.
    fn module_percent(&mut self, m: &ModuleAst, me: Option<usize>) -> Option<SeatPrice> {
        let (first, rest) = m.percent.split_first()?;
        let what = format!("module `{}`", m.id.value);
        for extra in rest.iter().chain(m.prices.first().map(|_| first)) {
            self.error(Kind::ExtraPrice { what: what.clone() }, extra.span);
        }
        let of = match first.of.value.as_str() {
            "seats" => Part::Seats,
            "modules" => {
                let mut ids = Vec::new();
                for n in &first.names {
                    match self.module_ids.get(n.value.as_str()).map(|(i, _)| *i) {
                        Some(i) if me.is_some_and(|me| i < me) => {
                            ids.push(text(&format!("module.{}", n.value)));
                        }
                        Some(_) => {
                            let of = format!("modules {}", n.value);
                            self.error(Kind::PercentBase { of }, n.span);
                        }
                        None => {
                            let mut known: Vec<String> =
                                self.module_ids.keys().map(|k| k.to_string()).collect();
                            known.sort();
                            let (what, name) = ("module", n.value.clone());
                            self.error(Kind::Unknown { what, name, known }, n.span);
                        }
                    }
                }
                if ids.is_empty() && first.names.is_empty() {
                    let of = "modules".to_string();
                    self.error(Kind::PercentBase { of }, first.of.span);
                }
                Part::Modules(ids)
            }
            other => {
                let of = other.to_string();
                self.error(Kind::PercentBase { of }, first.of.span);
                return None;
            }
        };
        let names: Vec<&str> = first.names.iter().map(|n| n.value.as_str()).collect();
        let of_text = match names.as_slice() {
            [] => first.of.value.clone(),
            names => format!("{} {}", first.of.value, names.join(", ")),
        };
        let min = self.once(
            "the minimum",
            &first.min.iter().map(|n| (*n, n.span)).collect::<Vec<_>>(),
        );
        let max = self.once(
            "the maximum",
            &first.max.iter().map(|n| (*n, n.span)).collect::<Vec<_>>(),
        );
        Some(SeatPrice::Percent(Box::new(PercentOf {
            percent: self.percent(&first.percent),
            of,
            of_text: text(&of_text),
            min: min.map(|n| self.non_negative("a minimum", &n)),
            max: max.map(|n| self.non_negative("a maximum", &n)),
        })))
    }

    /// A module's attach prices: each edition named must be declared.
    fn attach(&mut self, m: &ModuleAst, line_id: &str, label: &str) -> Vec<Attach> {
        let mut out = Vec::new();
        for a in &m.attach {
            let Some(price) = self.seat_price(&a.price, line_id, label) else {
                continue;
            };
            out.push(Attach {
                editions: a.editions.iter().map(|e| text(&e.value)).collect(),
                cycle: a.price.billed.as_ref().map(cycles::cycle),
                price,
            });
        }
        out
    }

    /// An edition's or module's price lines: exactly one default or one per cycle.
    fn cycle_prices(
        &mut self,
        what: &str,
        example: &'static str,
        prices: &[PriceAst],
        at: Span,
        line_id: &str,
        line_label: &str,
    ) -> Option<cycles::ByCycle<SeatPrice>> {
        if prices.is_empty() {
            let kind = Kind::NoPrice {
                what: what.to_string(),
                example,
            };
            self.error(kind, at);
            return None;
        }
        let mut checked = Vec::with_capacity(prices.len());
        let own: Vec<Billing> = prices
            .iter()
            .filter_map(|p| p.billed.as_ref())
            .map(cycles::cycle)
            .collect();
        for p in prices {
            if let Some(y) = &p.yearly {
                // The cycles this price is billed on: its own, or every cycle without one.
                let on: Vec<Billing> = match &p.billed {
                    Some(c) => vec![cycles::cycle(c)],
                    None => Billing::ALL
                        .into_iter()
                        .filter(|c| !own.contains(c))
                        .collect(),
                };
                self.yearly_price(y, &on);
            }
            if let Some(price) = self.seat_price(p, line_id, line_label) {
                checked.push((price, p.billed.as_ref(), p.span));
            }
        }
        let priced = self.by_cycle(what, checked)?;
        self.cycle_order(what, &priced);
        Some(priced)
    }

    /// Reports the plan's name and the labels of its items past [`crate::limits::MAX_LABEL_CHARS`].
    fn label_lengths(&mut self, ast: &PlanAst) {
        let labels = ast.items.iter().filter_map(|i| match i {
            Item::Edition(e) => e.label.as_ref(),
            Item::Module(m) | Item::SeatType(m) => m.label.as_ref(),
            Item::Quantity(q) => q.label.as_ref(),
            Item::Backup(b) => b.label.as_ref(),
            Item::Support(s) => s.label.as_ref(),
            Item::Service(s) => s.label.as_ref(),
            Item::Discount(d) => d.label.as_ref(),
            _ => None,
        });
        let long: Vec<Span> = std::iter::once(&ast.name)
            .chain(labels)
            .filter(|l| l.value.chars().count() > crate::limits::MAX_LABEL_CHARS)
            .map(|l| l.span)
            .collect();
        for span in long {
            let (what, limit) = ("a label", crate::limits::MAX_LABEL_CHARS);
            self.error(Kind::TooLong { what, limit }, span);
        }
    }

    /// A yearly price must bill a whole number of minor units on every invoice of the
    /// cycles it is sold on: on annual invoices it is billed as written; a quarterly invoice
    /// bills a quarter of it, a monthly one a twelfth.
    fn yearly_price(&mut self, y: &Num, on: &[Billing]) {
        let d = self.digits;
        let Some(&cycle) = on
            .iter()
            .filter(|c| c.months() < 12)
            .min_by_key(|c| c.months())
        else {
            return;
        };
        let parts = Decimal::from(12 / cycle.months());
        let Some(part) = y.value.checked_div(parts) else {
            return;
        };
        if part.round_dp(d) == part {
            return;
        }
        let below = part.round_dp_with_strategy(d, rust_decimal::RoundingStrategy::ToZero);
        let step = Decimal::new(1, d);
        let kind = Kind::YearlyPrice {
            yearly: crate::money::format_amount(y.value, d),
            monthly: part.round_dp(6).normalize().to_string(),
            cycle: cycle.name().into_owned(),
            nearest: format!(
                "{} or {}",
                crate::money::format_amount(below * parts, d),
                crate::money::format_amount((below + step) * parts, d)
            ),
        };
        self.error(kind, y.span);
    }

    /// The cycles (`None` for the default) whose price was written per year.
    fn yearly_cycles(prices: &[PriceAst]) -> Vec<Option<Billing>> {
        (prices.iter())
            .filter(|p| p.yearly.is_some())
            .map(|p| p.billed.as_ref().map(cycles::cycle))
            .collect()
    }

    /// Warns about modules that no edition can use.
    fn unusable_modules(&mut self, modules: &[Module], editions: &[Edition]) {
        if editions.is_empty() {
            return;
        }
        for (i, m) in modules.iter().enumerate() {
            let mut reasons = Vec::new();
            let usable = editions.iter().any(|e| {
                let reason = prices::why_unusable(i, modules, e);
                if let Some(r) = reason {
                    reasons.push(r);
                    false
                } else {
                    true
                }
            });
            if !usable {
                let span = self
                    .module_ids
                    .get(&*m.id)
                    .map(|(_, s)| *s)
                    .unwrap_or_default();
                reasons.dedup();
                let kind = Kind::UnusableModule {
                    module: m.id.to_string(),
                    reason: reasons.join("; "),
                };
                self.error(kind, span);
            }
        }
    }
}

/// Every line id a quote of this plan can show (band lines included), for `lines` scopes.
fn line_ids(
    editions: &[Edition],
    modules: &[Module],
    backups: &[Backup],
    supports: &[Support],
    services: &[Service],
) -> Vec<String> {
    fn bands(ids: &mut Vec<String>, price: &SeatPrice, id: &Text) {
        ids.push(id.to_string());
        if let SeatPrice::Graduated(bs) = price {
            ids.extend(bs.iter().map(|b| b.line_id.to_string()));
        }
    }
    let mut ids: Vec<String> = Vec::new();
    for e in editions {
        bands(&mut ids, &e.price, &e.line_id);
        for (_, p) in &e.cycle_prices {
            bands(&mut ids, p, &e.line_id);
        }
    }
    for m in modules {
        if let Some(p) = &m.price {
            bands(&mut ids, p, &m.line_id);
        }
        for (_, p) in &m.cycle_prices {
            bands(&mut ids, p, &m.line_id);
        }
        if m.price.is_none() {
            ids.push(m.line_id.to_string());
        }
    }
    for fee in editions.iter().flat_map(|e| &e.fees) {
        ids.push(fee.line_id.to_string());
    }
    for fee in modules.iter().flat_map(|m| &m.fees) {
        ids.push(fee.line_id.to_string());
    }
    ids.extend(backups.iter().map(|b| b.line_id.to_string()));
    ids.extend(supports.iter().map(|s| s.line_id.to_string()));
    ids.push(storage_line_id().to_string());
    for s in services {
        match &s.pricing {
            ServicePricing::Targets { targets, .. } => {
                ids.push(format!("service.{}", s.id));
                ids.extend(targets.iter().map(|t| t.line_id.to_string()));
            }
            ServicePricing::PerUnit { line_id, .. } => ids.push(line_id.to_string()),
        }
    }
    ids.sort();
    ids.dedup();
    ids
}

impl Analyzer<'_> {
    /// Each fee's `waived when ...`: a condition on the request or on amounts of the quote,
    /// never on the one-time amount the fee itself is part of.
    fn waivers(&mut self, fees: &mut [Fee], asts: &[FeeAst], names: &conditions::Names) {
        for (fee, ast) in fees.iter_mut().zip(asts) {
            let Some(c) = &ast.waived else {
                continue;
            };
            let when = conditions::when(c, names, &mut self.diagnostics);
            if let Some(w) = &when {
                let mut read = Vec::new();
                w.comparisons(&mut read);
                if let Some(cmp) = read.iter().find(|x| x.field == Field::OneTime) {
                    let kind = Kind::SelfDependent {
                        what: format!("fee `{}`", ast.id.value),
                        total: "one_time",
                        changes: "it is a one-time line".into(),
                    };
                    let _ = cmp;
                    self.error(kind, ast.id.span);
                }
            }
            fee.waived_when = when;
        }
    }

    /// An edition's `withdrawn DATE`: once, and a day of the calendar.
    fn withdrawn(&mut self, e: &EditionAst) -> Option<crate::date::Date> {
        let dates: Vec<(String, Span)> = (e.withdrawn.iter())
            .map(|d| (d.value.clone(), d.span))
            .collect();
        let (text, span) = self
            .once("the withdrawal date", &dates)
            .zip(dates.first().map(|d| d.1))?;
        let date = crate::date::Date::from_ymd_text(&text).filter(|_| is_calendar_date(&text));
        if date.is_none() {
            self.error(Kind::BadDate { text }, span);
        }
        date
    }
}

/// True when an item is `price on application`.
fn on_application(prices: &[PriceAst]) -> bool {
    prices
        .iter()
        .any(|p| matches!(p.kind, crate::syntax::ast::PriceKind::OnApplication))
}

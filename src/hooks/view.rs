//! The request as hooks see it: indices into the plan, named only when a script asks.
//!
//! A hook that reads one field should not pay for copying every name of the request on each
//! quote (the target is a microsecond per hook), so the plan's names are gathered once per
//! plan into [`PlanNames`] and a quote's [`RequestData`] holds little more than indices.

use crate::model::{Plan, ServicePricing, Text};
use crate::request::{Attr, Request};
use crate::resolved::{Resolved, ResolvedService};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// Every name a request can be spelled with, in the plan's order.
#[derive(Debug, Default)]
pub(crate) struct PlanNames {
    /// The plan's source hash: tells whether a cached copy belongs to the plan at hand.
    sha256: Text,
    modules: Vec<Text>,
    /// Edition id, and which modules it includes.
    editions: Vec<(Text, Vec<bool>)>,
    backups: Vec<Text>,
    supports: Vec<Text>,
    services: Vec<ServiceNames>,
    coupons: Vec<Text>,
}

#[derive(Debug, Default)]
struct ServiceNames {
    id: Text,
    targets: Vec<Text>,
    complexities: Vec<Text>,
}

impl PlanNames {
    fn of(plan: &Plan) -> PlanNames {
        PlanNames {
            sha256: plan.source_sha256.clone(),
            modules: plan.modules.iter().map(|m| m.id.clone()).collect(),
            editions: plan
                .editions
                .iter()
                .map(|e| (e.id.clone(), e.included.clone()))
                .collect(),
            backups: plan.backups.iter().map(|b| b.id.clone()).collect(),
            supports: plan.supports.iter().map(|s| s.id.clone()).collect(),
            services: plan
                .services
                .iter()
                .map(|s| match &s.pricing {
                    ServicePricing::Targets {
                        targets,
                        complexity,
                        ..
                    } => ServiceNames {
                        id: s.id.clone(),
                        targets: targets.iter().map(|t| t.id.clone()).collect(),
                        complexities: complexity.iter().map(|c| c.0.clone()).collect(),
                    },
                    ServicePricing::PerUnit { .. } => ServiceNames {
                        id: s.id.clone(),
                        ..ServiceNames::default()
                    },
                })
                .collect(),
            coupons: plan.coupons.iter().map(|c| c.id.clone()).collect(),
        }
    }

    /// The names of `plan`, from `cache` when it holds this plan's, else gathered now.
    ///
    /// The cache lives in the plan's first hook, so it is filled on the first hooked quote;
    /// a hook moved into another plan (by code building plans by hand) is detected by the
    /// source hash and gets a fresh copy rather than wrong names.
    pub fn cached(plan: &Plan, cache: &OnceLock<Arc<PlanNames>>) -> Arc<PlanNames> {
        let names = cache.get_or_init(|| Arc::new(PlanNames::of(plan)));
        if Arc::ptr_eq(&names.sha256, &plan.source_sha256) || names.sha256 == plan.source_sha256 {
            Arc::clone(names)
        } else {
            Arc::new(PlanNames::of(plan))
        }
    }
}

/// The request, read-only, as hooks see it.
#[derive(Debug, Clone, Default)]
pub(crate) struct RequestData {
    names: Arc<PlanNames>,
    edition: usize,
    requested: crate::resolved::ModuleSet,
    backup: Option<usize>,
    support: Option<usize>,
    services: Vec<ResolvedService>,
    coupons: Vec<usize>,
    /// The customer's name, if given.
    pub customer: Option<String>,
    /// Seats.
    pub seats: u64,
    /// Storage used, GB.
    pub storage_gb: Decimal,
    /// monthly, quarterly or annual.
    pub billing: std::borrow::Cow<'static, str>,
    /// Months in one billing cycle.
    pub cycle_months: u64,
    /// Months in the term.
    pub term_months: u64,
    /// The request's free attributes.
    pub attributes: BTreeMap<String, Attr>,
    /// Add-on and usage quantities the request gives, by name.
    pub quantities: BTreeMap<String, Decimal>,
}

/// One requested service, named.
pub(crate) struct ServiceView<'a> {
    pub kind: &'a Text,
    pub target: Option<&'a Text>,
    pub complexity: Option<&'a Text>,
    pub quantity: Decimal,
}

impl RequestData {
    /// The request's view, naming things with `names`.
    pub fn new(names: Arc<PlanNames>, request: &Request, r: &Resolved) -> RequestData {
        RequestData {
            names,
            edition: r.edition,
            requested: r.requested.clone(),
            backup: r.backup,
            support: r.support,
            services: r.services.to_vec(),
            coupons: r.coupons.clone(),
            customer: request.customer.clone(),
            seats: r.all_seats,
            storage_gb: r.storage_gb,
            billing: r.billing.name(),
            cycle_months: r.billing.months(),
            term_months: r.term_months,
            attributes: request.attributes.clone(),
            quantities: (request.quantities.iter())
                .map(|(k, v)| (k.clone(), v.0))
                .collect(),
        }
    }

    /// The edition's id.
    pub fn edition(&self) -> Option<&Text> {
        self.names.editions.get(self.edition).map(|e| &e.0)
    }

    /// Modules the request names, in the plan's order.
    pub fn modules(&self) -> impl Iterator<Item = &Text> {
        self.names
            .modules
            .iter()
            .enumerate()
            .filter(|(i, _)| self.requested.contains(*i))
            .map(|(_, m)| m)
    }

    /// True when the request names module `id` or the edition includes it.
    pub fn has_module(&self, id: &str) -> bool {
        let Some(m) = self.names.modules.iter().position(|m| &**m == id) else {
            return false;
        };
        let included = self
            .names
            .editions
            .get(self.edition)
            .and_then(|e| e.1.get(m))
            .copied();
        self.requested.contains(m) || included.unwrap_or(false)
    }

    /// The backup option's id.
    pub fn backup(&self) -> Option<&Text> {
        self.backup.and_then(|b| self.names.backups.get(b))
    }

    /// The support tier's id.
    pub fn support(&self) -> Option<&Text> {
        self.support.and_then(|s| self.names.supports.get(s))
    }

    /// Requested services, in request order.
    pub fn services(&self) -> impl Iterator<Item = ServiceView<'_>> {
        self.services.iter().filter_map(|s| {
            let names = self.names.services.get(s.service)?;
            Some(ServiceView {
                kind: &names.id,
                target: s.target.and_then(|t| names.targets.get(t)),
                complexity: s.complexity.and_then(|c| names.complexities.get(c)),
                quantity: s.quantity,
            })
        })
    }

    /// Coupon codes, in request order.
    pub fn coupons(&self) -> impl Iterator<Item = &Text> {
        self.coupons
            .iter()
            .filter_map(|&c| self.names.coupons.get(c))
    }
}

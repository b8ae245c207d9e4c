//! Price lists raised by an uplift, kept with the plan they were raised from: serve, batch
//! and the REPL price many ramps and renewals against one loaded plan, and raising every
//! price of a plan (a copy of the whole plan) costs many times what pricing a quote does.

use super::Plan;
use rust_decimal::Decimal;
use std::sync::{Arc, Mutex};

/// How many raised lists one plan keeps: a price book sees a handful of uplift percents,
/// each over a few years; past this the oldest is dropped.
const KEPT: usize = 32;

/// What a raised list was raised by: percent a year, the cap over the first year's price,
/// and the years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RaiseKey {
    /// Percent a year.
    pub percent: Decimal,
    /// The most a price may rise over its first-year value, in percent.
    pub cap: Option<Decimal>,
    /// Years of uplift.
    pub years: u64,
}

/// The raised lists of one plan. A copy of a plan starts with none (it may be changed, as a
/// deal's contract prices change theirs), so a list is only ever reused for the very plan
/// it was raised from, which no one changes once checked.
#[derive(Default)]
pub struct RaisedPlans(Mutex<Vec<(RaiseKey, Arc<Plan>)>>);

impl Clone for RaisedPlans {
    fn clone(&self) -> Self {
        RaisedPlans::default()
    }
}

impl std::fmt::Debug for RaisedPlans {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RaisedPlans")
    }
}

impl RaisedPlans {
    /// The list raised by `key`, raised with `raise` the first time it is asked for.
    pub fn get_or_raise(&self, key: RaiseKey, raise: impl FnOnce() -> Plan) -> Arc<Plan> {
        if let Some(p) = find(&self.kept(), key) {
            return p;
        }
        // Raised outside the lock: two threads may both raise the same list once; the
        // later one keeps the earlier's.
        let raised = Arc::new(raise());
        let mut kept = self.kept();
        if let Some(p) = find(&kept, key) {
            return p;
        }
        if kept.len() >= KEPT {
            kept.remove(0);
        }
        kept.push((key, Arc::clone(&raised)));
        raised
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, Vec<(RaiseKey, Arc<Plan>)>> {
        // A panic elsewhere while the lock was held leaves the lists whole: keep using them.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn find(kept: &[(RaiseKey, Arc<Plan>)], key: RaiseKey) -> Option<Arc<Plan>> {
    kept.iter()
        .find(|(k, _)| *k == key)
        .map(|(_, p)| Arc::clone(p))
}

//! The negotiated parts of a request: contract prices and discounts, ramps, amendments,
//! renewals and the quote's date. Names stay unchecked strings until `deal` prices them.

use super::Qty;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Contract terms agreed with one customer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractTerms {
    /// Contract prices per unit and month, by edition or module name, replacing the list
    /// price (`professional = 28.00`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prices: BTreeMap<String, Qty>,
    /// Negotiated discounts, taken after the plan's discounts and before coupons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<NegotiatedDiscount>,
    /// The plan version the contract prices were agreed against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_version: Option<String>,
    /// List prices per unit when the deal was saved, by the same names as `prices`; a
    /// newer plan's prices are compared with them to say which lines moved.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub list_prices: BTreeMap<String, Qty>,
}

/// A discount agreed for this deal, with the reason a reviewer reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NegotiatedDiscount {
    /// Percent off.
    pub percent: Qty,
    /// Why it was given ("competitive displacement").
    pub reason: String,
    /// `recurring`, `one_time` or `all` (the default), as for a plan discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// A quote over several periods, each with its own seats and modules.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Ramp {
    /// Percent added to every recurring unit price each contract year, compounding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uplift_percent: Option<Qty>,
    /// The most the uplift may raise a price over its first-year value, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uplift_cap_percent: Option<Qty>,
    /// The periods, in order.
    pub periods: Vec<RampPeriod>,
}

/// One period of a ramp; what it leaves out is taken from the request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RampPeriod {
    /// Months in the period (12 when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<Qty>,
    /// Seats in this period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<Qty>,
    /// The edition in this period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// The modules in this period, replacing the request's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modules: Option<Vec<String>>,
    /// A free period (a trial month): priced, then taken off in full.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub free: bool,
    /// Percent off this period (onboarding: 50% off the first quarter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_percent: Option<Qty>,
    /// A name for the period on the quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A change to a running contract, co-termed with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// The contract's first day.
    pub contract_start: DateText,
    /// The contract's last day (inclusive); or give `contract_months`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_end: Option<DateText>,
    /// The contract's length in months, when `contract_end` is not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_months: Option<Qty>,
    /// The first day of the change.
    pub effective: DateText,
    /// What the customer has today; the request says what they will have.
    pub original: Holding,
}

/// What a customer already has under the contract.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Holding {
    /// Edition (the request's when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Seats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<Qty>,
    /// Modules (the request's when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modules: Option<Vec<String>>,
}

/// The same deal one term later, its prices raised.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    /// Percent added to every recurring unit price; the plan's renewal cap limits it.
    pub uplift_percent: Qty,
}

impl super::Request {
    /// Adds a deal file's terms to this request. A deal file holds only `contract`, `ramp`,
    /// `amendment`, `renewal` and `quote_date`; what is asked for belongs in the request.
    pub fn add_deal(&mut self, deal: super::Request) -> Result<(), String> {
        let terms = super::Request {
            contract: None,
            ramp: None,
            amendment: None,
            renewal: None,
            quote_date: None,
            ..deal.clone()
        };
        if terms != super::Request::default() {
            return Err(
                "a deal file holds only contract, ramp, amendment, renewal and quote_date; put what the customer asks for (edition, seats ...) in the request"
                    .into(),
            );
        }
        self.contract = deal.contract.or(self.contract.take());
        self.ramp = deal.ramp.or(self.ramp.take());
        self.amendment = deal.amendment.or(self.amendment.take());
        self.renewal = deal.renewal.or(self.renewal.take());
        self.quote_date = deal.quote_date.or(self.quote_date.take());
        Ok(())
    }
}

/// A calendar date as written: `2026-05-01`, bare in TOML or quoted anywhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, utoipa::ToSchema)]
#[schema(value_type = String, format = Date)]
pub struct DateText(pub String);

impl fmt::Display for DateText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for DateText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DateText, D::Error> {
        // TOML hands bare dates over as its own type; JSON and quoted TOML as text.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Text(String),
            Toml(toml::value::Datetime),
        }
        match Written::deserialize(d) {
            Ok(Written::Text(t)) => Ok(DateText(t)),
            Ok(Written::Toml(t)) => Ok(DateText(t.to_string())),
            Err(_) => Err(serde::de::Error::custom("expected a date like 2026-05-01")),
        }
    }
}

//! Tax by the customer's country or region: a plan's table of rates (ISO 3166 codes), its
//! default, exemptions and EU-style reverse charge, and the rate one request is taxed at.

use super::Text;
use rust_decimal::Decimal;

/// The EU's member states (ISO 3166-1 alpha-2), what `reverse charge in EU` names.
pub const EU: [&str; 27] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

/// `tax by country { ... }`, checked.
#[derive(Debug, Clone, Default)]
pub struct TaxTable {
    /// Each region (`DE`, `US-TX`) and its rate in percent; `None` when exempt.
    pub rates: Vec<(Text, Option<Decimal>)>,
    /// The rate of a region the table does not list; `None`: such a request is refused.
    pub default: Option<Decimal>,
    /// Countries whose business customers (with a VAT id) account for the VAT themselves.
    pub reverse_charge: Vec<Text>,
}

/// Why a quote carries the tax it does, when a tax table chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaxReason {
    /// The rate of this region.
    Region(Text),
    /// The table's default, for a region it does not list.
    Default,
    /// Exempt in this region.
    Exempt(Text),
    /// A business customer in this country accounts for the VAT (reverse charge).
    ReverseCharge(Text),
}

/// The rate a request is taxed at, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxChoice {
    /// Percent.
    pub percent: Decimal,
    /// Why; `None` for a plan with one rate for everyone.
    pub reason: Option<TaxReason>,
}

/// Why no rate applies: the country is not in the table and there is no default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untaxed {
    /// The regions the table lists, as written.
    pub listed: Vec<String>,
}

impl TaxTable {
    /// The rate for a customer in `country` (a country or `CC-SUB` region, any case), with a
    /// VAT id or not: reverse charge first, then the region, its country, the default.
    pub fn choose(&self, country: Option<&str>, vat_id: bool) -> Result<TaxChoice, Untaxed> {
        let region = country.map(|c| c.trim().to_ascii_uppercase());
        let region = region.as_deref().filter(|r| !r.is_empty());
        let country_part = region.map(|r| r.split('-').next().unwrap_or(r));
        if let (true, Some(c)) = (vat_id, country_part) {
            if self.reverse_charge.iter().any(|x| &**x == c) {
                return Ok(TaxChoice {
                    percent: Decimal::ZERO,
                    reason: Some(TaxReason::ReverseCharge(Text::from(c))),
                });
            }
        }
        let found = region
            .and_then(|r| self.rates.iter().find(|(x, _)| &**x == r))
            .or_else(|| country_part.and_then(|c| self.rates.iter().find(|(x, _)| &**x == c)));
        match (found, self.default) {
            (Some((r, Some(p))), _) => Ok(TaxChoice {
                percent: *p,
                reason: Some(TaxReason::Region(r.clone())),
            }),
            (Some((r, None)), _) => Ok(TaxChoice {
                percent: Decimal::ZERO,
                reason: Some(TaxReason::Exempt(r.clone())),
            }),
            (None, Some(p)) => Ok(TaxChoice {
                percent: p,
                reason: Some(TaxReason::Default),
            }),
            (None, None) => Err(Untaxed {
                listed: self.rates.iter().map(|(r, _)| r.to_string()).collect(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn table(default: Option<Decimal>) -> TaxTable {
        TaxTable {
            rates: vec![
                (Text::from("DE"), Some(dec!(19))),
                (Text::from("US-TX"), Some(dec!(6.25))),
                (Text::from("US-OR"), None),
            ],
            default,
            reverse_charge: EU.iter().map(|c| Text::from(*c)).collect(),
        }
    }

    #[test]
    fn region_then_country_then_default() {
        let t = table(Some(dec!(0)));
        assert_eq!(t.choose(Some("de"), false).unwrap().percent, dec!(19));
        assert_eq!(t.choose(Some("US-TX"), false).unwrap().percent, dec!(6.25));
        let or = t.choose(Some("US-OR"), false).unwrap();
        assert_eq!(or.reason, Some(TaxReason::Exempt(Text::from("US-OR"))));
        assert_eq!(
            t.choose(Some("FR"), false).unwrap().reason,
            Some(TaxReason::Default)
        );
        assert_eq!(t.choose(None, false).unwrap().percent, dec!(0));
    }

    #[test]
    fn reverse_charge_needs_a_vat_id_in_a_listed_country() {
        let t = table(None);
        let b2b = t.choose(Some("DE"), true).unwrap();
        assert_eq!(b2b.percent, dec!(0));
        assert_eq!(b2b.reason, Some(TaxReason::ReverseCharge(Text::from("DE"))));
        assert_eq!(t.choose(Some("DE"), false).unwrap().percent, dec!(19));
        assert!(t.choose(Some("GB"), true).is_err());
        assert!(t.choose(None, false).is_err());
    }
}

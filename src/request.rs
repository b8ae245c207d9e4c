//! A customer's request as written (TOML, JSON, or flags), before it is checked against a plan.

mod deal;

pub use deal::{
    Amendment, ContractTerms, DateText, Holding, NegotiatedDiscount, Ramp, RampPeriod, Renewal,
};

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// What a customer asks to be priced. Names are checked against the plan when quoting.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The customer's name, shown on the quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// The currency the customer expects; when given it must be the plan's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The customer's country or region, ISO 3166 (`DE`, `US-TX`): the tax rate of a plan
    /// that taxes by country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The customer's VAT id: a business customer in a reverse-charge country accounts for
    /// the VAT itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_id: Option<String>,
    /// The edition's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Number of users (checked to be a whole number of at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<Qty>,
    /// Seats beyond the edition's, by the name of another edition or a seat type the plan
    /// declares: `other_seats = { professional = 30, view_only = 20 }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub other_seats: BTreeMap<String, Qty>,
    /// Add-on modules, by name.
    #[serde(default)]
    pub modules: Vec<String>,
    /// Add-ons bought by the unit and usage in a month, by name: `sandbox = 3`,
    /// `emails = 50000`; for a usage priced on volume, the number of transactions; for a
    /// module priced per seat, the seats it is bought for (`cs_attach = 10`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub quantities: BTreeMap<String, Qty>,
    /// The amount moved by a usage priced as a percentage of volume (`payments = 15000.00`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub volumes: BTreeMap<String, Qty>,
    /// Storage used, GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_gb: Option<Qty>,
    /// Backup option name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup: Option<String>,
    /// Support tier name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<String>,
    /// Units of service (visits, incidents) the customer expects each year, for a support
    /// tier that includes some and prices the rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_units: Option<Qty>,
    /// monthly (default), quarterly or annual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing: Option<String>,
    /// Term in months (default 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_months: Option<Qty>,
    /// One-time services, in the order they are listed on the quote.
    #[serde(default)]
    pub services: Vec<ServiceRequest>,
    /// Coupon codes, applied in this order.
    #[serde(default)]
    pub coupons: Vec<String>,
    /// Free attributes for conditions and hooks (industry, region ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, Attr>,
    /// The quote's date (today when left out); the plan says how long it stays valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_date: Option<DateText>,
    /// Contract prices and negotiated discounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<ContractTerms>,
    /// A quote over several periods with their own seats and an uplift.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ramp: Option<Ramp>,
    /// A mid-term change to a running contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amendment: Option<Amendment>,
    /// The same deal a term later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Renewal>,
}

/// Why a request file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestFileError {
    /// The file could not be read (missing, too large, not UTF-8).
    Unreadable(String),
    /// The file was read but is not a valid request (syntax, unknown field, wrong type).
    Invalid(String),
}

impl fmt::Display for RequestFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestFileError::Unreadable(m) | RequestFileError::Invalid(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for RequestFileError {}

/// One requested service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceRequest {
    /// The service's name (integration, migration, training ...).
    pub kind: String,
    /// Integration target (erp, finance ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Complexity (low, medium, high ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complexity: Option<String>,
    /// Units (GB, sessions, days); may be fractional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Qty>,
}

impl ServiceRequest {
    /// Parses the flag form: `integration:erp:high`, `integration:erp:high:10` (10 units of
    /// work), `training:4`, `migration:120.5`.
    pub fn parse_flag(s: &str) -> Result<ServiceRequest, String> {
        let parts: Vec<&str> = s.split(':').collect();
        let bad = || {
            format!("`{s}` is not a service: write KIND:TARGET:COMPLEXITY (integration:erp:high), KIND:TARGET:COMPLEXITY:QUANTITY (integration:erp:high:10) or KIND:QUANTITY (training:4)")
        };
        let number = |q: &str| q.starts_with(|c: char| c.is_ascii_digit());
        match parts.as_slice() {
            [kind, target, complexity, qty]
                if !kind.is_empty() && !target.is_empty() && number(qty) =>
            {
                exact_number(qty).map(|q| ServiceRequest {
                    kind: kind.to_string(),
                    target: Some(target.to_string()),
                    complexity: (!complexity.is_empty()).then(|| complexity.to_string()),
                    quantity: Some(Qty(q)),
                })
            }
            [kind, target, qty] if !kind.is_empty() && !target.is_empty() && number(qty) => {
                exact_number(qty).map(|q| ServiceRequest {
                    kind: kind.to_string(),
                    target: Some(target.to_string()),
                    quantity: Some(Qty(q)),
                    ..Default::default()
                })
            }
            [kind, target, complexity] if !kind.is_empty() && !target.is_empty() => {
                Ok(ServiceRequest {
                    kind: kind.to_string(),
                    target: Some(target.to_string()),
                    complexity: (!complexity.is_empty()).then(|| complexity.to_string()),
                    quantity: None,
                })
            }
            [kind, qty] if !kind.is_empty() && qty.starts_with(|c: char| c.is_ascii_digit()) => {
                exact_number(qty).map(|q| ServiceRequest {
                    kind: kind.to_string(),
                    quantity: Some(Qty(q)),
                    ..Default::default()
                })
            }
            [kind, qty] if !kind.is_empty() => match Decimal::from_str(qty) {
                Ok(q) => Ok(ServiceRequest {
                    kind: kind.to_string(),
                    quantity: Some(Qty(q)),
                    ..Default::default()
                }),
                Err(_) => Ok(ServiceRequest {
                    kind: kind.to_string(),
                    target: Some(qty.to_string()),
                    ..Default::default()
                }),
            },
            [kind] if !kind.is_empty() => Ok(ServiceRequest {
                kind: kind.to_string(),
                ..Default::default()
            }),
            _ => Err(bad()),
        }
    }
}

/// A number from a request, held exactly.
///
/// TOML and JSON numbers arrive as binary floats; they are read back through their
/// shortest decimal form (`800.5` stays `800.5`), so what the user wrote is what is priced.
/// A quoted string (`"800.5"`) is also accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Qty(pub Decimal);

impl Serialize for Qty {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        if d.scale() == 0 {
            if let Ok(i) = i64::try_from(d) {
                return s.serialize_i64(i);
            }
        }
        s.serialize_str(&d.to_string())
    }
}

struct QtyVisitor;

impl Visitor<'_> for QtyVisitor {
    type Value = Qty;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Qty, E> {
        Ok(Qty(Decimal::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Qty, E> {
        Ok(Qty(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Qty, E> {
        // Display gives the shortest text that reads back as the same float. Any number of
        // up to 15 significant digits comes back exactly as written; past that the float
        // may already be another number (12345678901234567890123 arrives as
        // 12345678901234568000000), so it is refused rather than priced.
        let text = v.to_string();
        if significant_digits(&text) > FLOAT_DIGITS {
            return Err(E::custom(format!(
                "a number with more than {FLOAT_DIGITS} significant digits cannot be read exactly from a JSON or TOML number (it reads as {text}); write it in quotes, e.g. \"12345678901234567.5\""
            )));
        }
        match Decimal::from_str(&text) {
            // A float too small for a Decimal's 28 places would round to 0: refused, not
            // priced as nothing.
            Ok(d) if d.is_zero() && v != 0.0 => Err(E::custom(underflow(&text))),
            Ok(d) => Ok(Qty(d)),
            Err(_) => Err(E::custom(format!(
                "{text} is not a number ratecard can price"
            ))),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Qty, E> {
        exact_number(v).map(Qty).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Qty {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Qty, D::Error> {
        d.deserialize_any(QtyVisitor)
    }
}

// The OpenAPI document says what these accept: a JSON number or its text, read exactly.
impl utoipa::PartialSchema for Qty {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        OneOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::Number))
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some(r"^[+-]?[0-9]+(\.[0-9]+)?$")),
            )
            .description(Some(
                "a number, read exactly as written (a string keeps every digit)",
            ))
            .into()
    }
}

impl utoipa::ToSchema for Qty {}

impl utoipa::PartialSchema for Attr {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        OneOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::String))
            .item(ObjectBuilder::new().schema_type(Type::Number))
            .item(ObjectBuilder::new().schema_type(Type::Boolean))
            .description(Some("text, a number, or true/false"))
            .into()
    }
}

impl utoipa::ToSchema for Attr {}

/// Significant digits a binary float (f64) always gives back exactly (DBL_DIG).
const FLOAT_DIGITS: usize = 15;

fn significant_digits(text: &str) -> usize {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len()
}

/// Reads a number exactly as written, in plain decimal digits (`12`, `-3.50`, `800.1`):
/// an exponent (`1e3`) or more digits than a `Decimal` holds (28 significant) is refused
/// with the reason, since reading it would change it.
pub fn exact_number(text: &str) -> Result<Decimal, String> {
    let t = text.trim();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let plain = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit());
    if !plain {
        let scientific = body.split_once(['e', 'E']).is_some_and(|(m, x)| {
            !m.is_empty()
                && m.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && x.trim_start_matches(['-', '+'])
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                && !x.trim_start_matches(['-', '+']).is_empty()
        });
        if scientific {
            return Err(format!(
                "`{t}` has an exponent: write the number in plain digits (1e3 is 1000)"
            ));
        }
        return Err(format!("`{t}` is not a number"));
    }
    match Decimal::from_str(t) {
        Ok(d) if significant_digits(&d.to_string()) == significant_digits(body) => Ok(d),
        _ => Err(format!(
            "`{t}` has more digits than ratecard keeps exactly (28 significant digits)"
        )),
    }
}

/// A free attribute value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attr {
    /// Text such as `"education"`.
    Text(String),
    /// A number.
    Number(Decimal),
    /// true / false.
    Bool(bool),
}

impl fmt::Display for Attr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Attr::Text(t) => f.write_str(t),
            Attr::Number(n) => write!(f, "{}", n.normalize()),
            Attr::Bool(b) => write!(f, "{b}"),
        }
    }
}

impl Serialize for Attr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Attr::Text(t) => s.serialize_str(t),
            Attr::Number(n) => Qty(*n).serialize(s),
            Attr::Bool(b) => s.serialize_bool(*b),
        }
    }
}

struct AttrVisitor;

impl Visitor<'_> for AttrVisitor {
    type Value = Attr;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text, a number, or true/false")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Attr, E> {
        Ok(Attr::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Attr, E> {
        Ok(Attr::Number(Decimal::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Attr, E> {
        Ok(Attr::Number(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Attr, E> {
        QtyVisitor.visit_f64(v).map(|q| Attr::Number(q.0))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Attr, E> {
        Ok(Attr::Text(v.to_string()))
    }
}

impl<'de> Deserialize<'de> for Attr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Attr, D::Error> {
        d.deserialize_any(AttrVisitor)
    }
}

impl Request {
    /// True when the request is a negotiated deal (contract terms, a ramp, an amendment or
    /// a renewal) rather than a list-price request.
    pub fn is_deal(&self) -> bool {
        self.contract.is_some()
            || self.ramp.is_some()
            || self.amendment.is_some()
            || self.renewal.is_some()
    }

    /// Reads a request file: JSON when the name ends in `.json`, TOML otherwise.
    pub fn from_file(path: &Path) -> Result<Request, RequestFileError> {
        let text = crate::files::read_text(path).map_err(|e| {
            RequestFileError::Unreadable(format!("cannot read request {}: {e}", path.display()))
        })?;
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        Request::parse(&text, json)
            .map_err(|e| RequestFileError::Invalid(format!("request {}: {e}", path.display())))
    }

    /// Parses request text as JSON or TOML.
    pub fn parse(text: &str, json: bool) -> Result<Request, String> {
        if json {
            Request::from_json(text.as_bytes())
        } else {
            let request: Request =
                toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
            toml_numbers_fit(text)?;
            Ok(request)
        }
    }

    /// Parses a JSON request: the one way JSON becomes a request (request files, `serve`'s
    /// quotes and batch lines, the fuzz target).
    ///
    /// Two things serde would accept are refused: a body that is not an object (`[]` would
    /// deserialize as an empty request, field by field in order), and a number too small
    /// for a float (`1e-400` arrives as 0, which would then be priced).
    pub fn from_json(bytes: &[u8]) -> Result<Request, String> {
        if let Some(kind) = not_an_object(bytes) {
            return Err(format!(
                "a request is a JSON object such as {{\"edition\": \"basic\", \"seats\": 12}}, not {kind}"
            ));
        }
        let request: Request = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        json_numbers_fit(bytes)?;
        Ok(request)
    }
}

/// What a JSON text is when it is valid JSON but not an object (by its first character);
/// `None` for an object, or for text serde should explain.
fn not_an_object(bytes: &[u8]) -> Option<&'static str> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
    Some(match first {
        b'[' => "an array",
        b'"' => "text",
        b't' | b'f' => "true or false",
        b'n' => "null",
        b'-' | b'0'..=b'9' => "a number",
        _ => return None,
    })
}

/// The refusal for a number written with digits that a binary float reads as 0.
fn underflow(text: &str) -> String {
    format!(
        "the number {text} is too small to be read from a JSON or TOML number (it would read as 0); write it in quotes in plain digits, or leave it out"
    )
}

/// True for a number token whose digits are not all zero but which reads as 0.0.
fn reads_as_zero(token: &str) -> bool {
    let mantissa = token.split(['e', 'E']).next().unwrap_or("");
    mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b))
        && token.parse::<f64>().is_ok_and(|v| v == 0.0)
}

/// Refuses a JSON text holding a number that underflows to zero. Called after serde read
/// the text, so the text is valid JSON: numbers are the runs outside strings that start
/// with `-` or a digit.
fn json_numbers_fit(bytes: &[u8]) -> Result<(), String> {
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                let token = std::str::from_utf8(&bytes[start..i]).unwrap_or("");
                if reads_as_zero(token) {
                    return Err(underflow(token));
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Refuses a TOML text holding a float that underflows to zero, read from the text as
/// written (the `toml` crate only hands over the float).
fn toml_numbers_fit(text: &str) -> Result<(), String> {
    // Only a float with an exponent can underflow; most requests skip the second parse.
    if !text.bytes().any(|b| b == b'e' || b == b'E') {
        return Ok(());
    }
    let Ok(doc) = text.parse::<toml_edit::DocumentMut>() else {
        return Ok(());
    };
    fn walk(item: &toml_edit::Item) -> Result<(), String> {
        match item {
            toml_edit::Item::Value(v) => value(v),
            toml_edit::Item::Table(t) => t.iter().try_for_each(|(_, i)| walk(i)),
            toml_edit::Item::ArrayOfTables(a) => a
                .iter()
                .try_for_each(|t| t.iter().try_for_each(|(_, i)| walk(i))),
            toml_edit::Item::None => Ok(()),
        }
    }
    fn value(v: &toml_edit::Value) -> Result<(), String> {
        match v {
            toml_edit::Value::Float(f) => {
                let raw = f
                    .as_repr()
                    .and_then(|r| r.as_raw().as_str())
                    .unwrap_or("")
                    .replace('_', "");
                if reads_as_zero(&raw) {
                    return Err(underflow(&raw));
                }
                Ok(())
            }
            toml_edit::Value::Array(a) => a.iter().try_for_each(value),
            toml_edit::Value::InlineTable(t) => t.iter().try_for_each(|(_, v)| value(v)),
            _ => Ok(()),
        }
    }
    walk(doc.as_item())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn reads_toml_numbers_exactly() {
        let r = Request::parse("seats = 45\nstorage_gb = 800.1", false).unwrap();
        assert_eq!(r.seats, Some(Qty(dec!(45))));
        assert_eq!(r.storage_gb, Some(Qty(dec!(800.1))));
    }

    #[test]
    fn a_json_request_must_be_an_object() {
        for (text, kind) in [
            ("[]", "an array"),
            (" [1, 2]", "an array"),
            ("\"basic\"", "text"),
            ("12", "a number"),
            ("null", "null"),
            ("true", "true or false"),
        ] {
            assert_eq!(
                Request::parse(text, true).unwrap_err(),
                format!("a request is a JSON object such as {{\"edition\": \"basic\", \"seats\": 12}}, not {kind}")
            );
        }
        assert!(Request::parse("{}", true).is_ok());
    }

    #[test]
    fn numbers_that_underflow_to_zero_are_refused() {
        let refused = |t: &str| {
            format!("the number {t} is too small to be read from a JSON or TOML number (it would read as 0); write it in quotes in plain digits, or leave it out")
        };
        assert_eq!(
            Request::parse(r#"{"seats": 3, "storage_gb": 1e-400}"#, true).unwrap_err(),
            refused("1e-400")
        );
        assert_eq!(
            Request::parse(r#"{"quantities": {"x": -2.5E-999}}"#, true).unwrap_err(),
            refused("-2.5E-999")
        );
        // In a string the same text is not a number, and 0e5 or 0.0 are zero as written.
        assert!(Request::parse(r#"{"customer": "1e-400", "storage_gb": 0e5}"#, true).is_ok());
        assert_eq!(
            Request::parse("storage_gb = 1e-400", false).unwrap_err(),
            refused("1e-400")
        );
        // Past a Decimal's 28 places a float would round to 0 (or lose digits): refused.
        for tiny in ["1e-29", "1e-30", "5e-324"] {
            let text = format!(r#"{{"storage_gb": {tiny}}}"#);
            assert!(Request::parse(&text, true).is_err(), "{tiny}");
        }
        assert_eq!(
            Request::parse(r#"{"storage_gb": 1e-3}"#, true)
                .unwrap()
                .storage_gb,
            Some(Qty(dec!(0.001)))
        );
    }

    #[test]
    fn unknown_fields_are_named() {
        let e = Request::parse("seets = 4", false).unwrap_err();
        assert!(e.contains("unknown field `seets`"), "{e}");
        let e = Request::parse(r#"{"seats": 4, "colour": 1}"#, true).unwrap_err();
        assert!(e.starts_with("unknown field `colour`"), "{e}");
    }

    #[test]
    fn service_flags() {
        let s = ServiceRequest::parse_flag("integration:erp:high").unwrap();
        assert_eq!(s.target.as_deref(), Some("erp"));
        assert_eq!(s.complexity.as_deref(), Some("high"));
        let s = ServiceRequest::parse_flag("training:4").unwrap();
        assert_eq!(s.quantity, Some(Qty(dec!(4))));
        assert!(ServiceRequest::parse_flag("").is_err());
    }
}

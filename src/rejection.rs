//! Why a request cannot be priced, naming the offending value and what would be accepted.
//! Below both `eval` and `hooks`: either may reject a request, and hooks must not import the evaluator.

use std::fmt;

/// A request the plan cannot price. Nothing is ever priced partially.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// A required field is absent.
    Missing {
        /// The field.
        field: &'static str,
        /// What would be accepted.
        accepted: String,
    },
    /// A name the plan does not declare.
    Unknown {
        /// edition, module, backup option ...
        what: &'static str,
        /// The name given.
        name: String,
        /// Names that would be accepted.
        accepted: Vec<String>,
    },
    /// A value of the wrong shape (fractional seats, negative storage ...).
    Invalid {
        /// The field.
        field: String,
        /// The value given.
        value: String,
        /// What would be accepted.
        expected: String,
    },
    /// The same module or coupon named twice.
    Twice {
        /// module or coupon code.
        what: &'static str,
        /// The name.
        name: String,
    },
    /// A module sold only as part of editions.
    NotSoldSeparately {
        /// The module.
        module: String,
        /// Editions that include it.
        editions: Vec<String>,
    },
    /// A module sold only at its attach price with some editions.
    SoldOnlyWith {
        /// The module.
        module: String,
        /// Editions it is sold with.
        editions: Vec<String>,
    },
    /// An item with no list price (`price on application`) and no contract price.
    OnApplication {
        /// `edition `custom``, `add-on `open_api``.
        what: String,
        /// The name a contract price takes it by (`custom`), when a deal can price it.
        name: Option<String>,
    },
    /// An item a price list does not sell in its currency.
    NotSoldIn {
        /// `Web Services API`.
        what: String,
        /// The request's currency.
        currency: String,
        /// The currencies it is sold in.
        sold: String,
    },
    /// An edition withdrawn before the quote's date.
    Withdrawn {
        /// `edition `sell_team``.
        what: String,
        /// The day it was withdrawn.
        date: String,
        /// The quote's date.
        quote_date: String,
    },
    /// A requirement is not met.
    Requires {
        /// The module.
        module: String,
        /// What it requires.
        required: String,
    },
    /// Two modules that exclude each other.
    Excludes {
        /// The module that declares the exclusion.
        module: String,
        /// The module it excludes.
        other: String,
    },
    /// Seats outside the bands of a price.
    OutsideBands {
        /// `edition basic` or `module analytics`.
        priced: String,
        /// Seats asked for.
        seats: u64,
        /// The bands, e.g. `1..9, 10..100`.
        bands: String,
    },
    /// The term does not fit the billing cycle or the plan's minimum.
    Term {
        /// Term asked for.
        months: String,
        /// Why it is refused.
        reason: String,
    },
    /// An amount too large to compute exactly.
    TooLarge {
        /// What was being computed.
        what: String,
    },
    /// An item sold only on some billing cycles, asked for on another.
    NotOnCycle {
        /// `edition `ultimate`` or `module `sandbox``.
        what: String,
        /// The cycle asked for.
        billing: String,
        /// The cycles it is sold on, as request words (`annual`).
        sold: Vec<String>,
    },
    /// A hook script rejected the quote, or failed.
    Hook {
        /// `path:line:col` of the script.
        at: String,
        /// The script's path as the plan names it.
        script: String,
        /// 1-based line and column in the script where it rejected or failed.
        position: (usize, usize),
        /// What happened.
        message: String,
        /// True when the script itself called `quote.reject` (a rule, not a failure).
        deliberate: bool,
    },
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Missing { field, accepted } => {
                write!(f, "the request has no {field}; {accepted}")
            }
            Rejection::Unknown {
                what,
                name,
                accepted,
            } if accepted.is_empty() => {
                write!(f, "unknown {what} `{name}`: the plan has none")
            }
            Rejection::Unknown {
                what,
                name,
                accepted,
            } => {
                write!(
                    f,
                    "unknown {what} `{name}`; expected one of: {}",
                    accepted.join(", ")
                )
            }
            Rejection::Invalid {
                field,
                value,
                expected,
            } => {
                write!(f, "{field} {value} is not accepted: {expected}")
            }
            Rejection::Twice { what, name } => write!(f, "{what} `{name}` is named twice"),
            Rejection::NotSoldSeparately { module, editions } if editions.is_empty() => {
                write!(
                    f,
                    "module `{module}` is not sold on its own and no edition includes it"
                )
            }
            Rejection::NotSoldSeparately { module, editions } => write!(
                f,
                "module `{module}` is not sold on its own; it comes with edition {}",
                editions.join(", ")
            ),
            Rejection::SoldOnlyWith { module, editions } => write!(
                f,
                "module `{module}` is sold only with edition {}",
                crate::text::or_list(editions)
            ),
            Rejection::NotSoldIn {
                what,
                currency,
                sold,
            } => write!(f, "{what} is not sold in {currency}; it is sold in {sold}"),
            Rejection::Withdrawn {
                what,
                date,
                quote_date,
            } => write!(
                f,
                "{what} was withdrawn on {date}: a new quote dated {quote_date} is not accepted (renewals and amendments of existing contracts still price)"
            ),
            Rejection::OnApplication { what, name } => {
                write!(f, "{what} is priced on application: Contact sales (联系销售)")?;
                match name {
                    Some(n) => write!(
                        f,
                        "; a deal gives it a contract price ([contract] prices = {{ {n} = ... }})"
                    ),
                    None => Ok(()),
                }
            }
            Rejection::Requires { module, required } => {
                write!(
                    f,
                    "module `{module}` requires `{required}`; add it to the request"
                )
            }
            Rejection::Excludes { module, other } => {
                write!(
                    f,
                    "module `{module}` excludes `{other}`; they cannot be taken together"
                )
            }
            Rejection::OutsideBands {
                priced,
                seats,
                bands,
            } => {
                write!(
                    f,
                    "{seats} seats is outside the bands of {priced} ({bands})"
                )
            }
            Rejection::Term { months, reason } => {
                let unit = if months == "1" { "month" } else { "months" };
                write!(f, "a term of {months} {unit} {reason}")
            }
            Rejection::TooLarge { what } => {
                write!(
                    f,
                    "{what} is too large to compute exactly; check the quantities"
                )
            }
            Rejection::NotOnCycle {
                what,
                billing,
                sold,
            } => write!(
                f,
                "{what} is not sold on {billing} billing; it is sold on {} billing: set billing = {}",
                crate::text::or_list(sold),
                crate::text::or_list(sold)
            ),
            // `message` reads on from the place: "hook rules/edu.rhai:12:5 exceeded its operation limit".
            Rejection::Hook { at, message, .. } => write!(f, "hook {at} {message}"),
        }
    }
}

impl std::error::Error for Rejection {}

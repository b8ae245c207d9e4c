//! The application layer: what every front end (the command line, the REPL, the HTTP server)
//! does with plans and requests, so none of them borrows from another.
//!
//! Front ends own their input and output (arguments, prompts, HTTP); this layer loads and
//! follows plans ([`load_plan`], [`source::Source`]) and prices, renders and explains through
//! the pipeline below it. It never prints.

pub mod browser;
pub mod curves;
pub mod load;
pub mod report;
pub mod source;

pub use load::{load_plan, LoadError, Loaded as LoadedPlan};

use crate::quote::Quote;
use crate::rejection::Rejection;
use crate::render::Format;
use crate::request::Request;

/// "s" unless `n` is 1.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Prices `request` against `plan`: the one way every front end asks for a quote.
///
/// Contract terms are honoured (one month at contract prices and negotiated discounts); a
/// ramp, amendment or renewal is several periods, not one quote, so it is refused here
/// rather than priced at list: [`deal`] prices it.
pub fn quote(plan: &crate::model::Plan, request: &Request) -> Result<Quote, Rejection> {
    let periods = [
        (request.ramp.is_some(), "ramp"),
        (request.amendment.is_some(), "amendment"),
        (request.renewal.is_some(), "renewal"),
    ];
    if let Some((_, kind)) = periods.iter().find(|(is, _)| *is) {
        return Err(Rejection::Invalid {
            field: "a request".into(),
            value: format!("with a {kind}"),
            expected: "a ramp, amendment or renewal is priced as periods (ratecard quote shows them), not as one quote".into(),
        });
    }
    if request.contract.is_none() {
        return crate::eval::quote(plan, request);
    }
    crate::deal::monthly_quote(plan, request).map_err(|e| match e {
        crate::deal::DealError::Rejected(r) => r,
        crate::deal::DealError::Invalid(m) => Rejection::Invalid {
            field: "the contract".into(),
            value: "terms".into(),
            expected: m,
        },
    })
}

/// Prices a negotiated deal (contract terms, a ramp, an amendment or a renewal) as periods;
/// `today` dates it unless the request gives its own `quote_date`.
pub fn deal(
    plan: &crate::model::Plan,
    request: &Request,
    today: crate::deal::Date,
) -> Result<crate::deal::Deal, crate::deal::DealError> {
    crate::deal::price(plan, request, today)
}

/// Renders a quote as the front ends show it.
pub fn render(quote: &Quote, request: &Request, format: Format) -> String {
    crate::render::render(quote, request, format)
}

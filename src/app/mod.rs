//! The application layer: what every front end (the command line, the REPL, the HTTP server)
//! does with plans and requests, so none of them borrows from another.
//!
//! Front ends own their input and output (arguments, prompts, HTTP); this layer loads and
//! follows plans ([`load_plan`], [`source::Source`]) and prices, renders and explains through
//! the pipeline below it. It never prints.

pub mod browser;
pub mod curves;
pub mod load;
pub mod pricing;
pub mod report;
pub mod source;

pub use load::{load_plan, LoadError, Loaded as LoadedPlan};

use crate::quote::Quote;
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

/// Prices `request` against `plan`: the one way every front end asks for a quote. A plain
/// request is one segment; contract terms, a ramp, an amendment, a renewal or a quote date
/// make it a deal, priced by [`crate::deal`] into the same shape. `today` dates a deal that
/// gives no `quote_date` of its own.
pub fn quote_on(
    plan: &crate::model::Plan,
    request: &Request,
    today: crate::deal::Date,
) -> Result<Quote, QuoteError> {
    if request.is_deal() || request.quote_date.is_some() {
        return crate::deal::price(plan, request, today);
    }
    crate::eval::quote(plan, request).map_err(QuoteError::Rejected)
}

/// [`quote_on`] dated today.
pub fn quote(plan: &crate::model::Plan, request: &Request) -> Result<Quote, QuoteError> {
    quote_on(plan, request, crate::deal::Date::today())
}

/// Why a request could not be quoted: the plan refused it, or a deal's own terms are wrong.
pub type QuoteError = crate::deal::DealError;

/// Renders a quote as the front ends show it.
pub fn render(quote: &Quote, request: &Request, format: Format) -> String {
    crate::render::render(quote, request, format)
}

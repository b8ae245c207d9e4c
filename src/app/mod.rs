//! The application layer: what every front end (the command line, the REPL, the HTTP server)
//! does with plans and requests, so none of them borrows from another.
//!
//! Front ends own their input and output (arguments, prompts, HTTP); this layer loads and
//! follows plans ([`load_plan`], [`source::Source`]) and prices, renders and explains through
//! the pipeline below it. It never prints.

pub mod load;
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
pub fn quote(plan: &crate::model::Plan, request: &Request) -> Result<Quote, Rejection> {
    crate::eval::quote(plan, request)
}

/// Renders a quote as the front ends show it.
pub fn render(quote: &Quote, request: &Request, format: Format) -> String {
    crate::render::render(quote, request, format)
}

//! ratecard: price a CRM or SaaS subscription from a declarative price book, exact to the cent.
//!
//! The pipeline, one stage per module: source text -> [`syntax`] (tree with spans) ->
//! [`check`] (validated [`model::Plan`]) -> [`eval`] (a [`quote::Quote`]) -> [`render`].
//!
//! Pricing a request from Rust, the way `ratecard quote` does:
//!
//! ```
//! use ratecard::{check, diagnostic::SourceFile, eval, request::Request};
//!
//! let plan = r#"
//!   plan "demo" {
//!     version "1"
//!     currency USD
//!     tax 10%
//!     edition team "Team" { seats graduated { 1..10 at 12.00; 11.. at 9.50 } }
//!     discount annual "Annual" { 10% off recurring when billing = annual }
//!   }"#;
//! let checked = check::check_source(SourceFile::new("demo.rate", plan), None);
//! let plan = checked.plan.expect("the plan checks");
//!
//! let request: Request =
//!     toml::from_str("edition = 'team'\nseats = 25\nbilling = 'annual'").expect("a request");
//! let quote = eval::quote(&plan, &request).expect("priced");
//! // 10 x 12.00 + 15 x 9.50 = 262.50, less 10% (26.25) = 236.25 a month.
//! assert_eq!(quote.fmt(quote.totals.monthly_recurring), "236.25");
//! // The first (annual) invoice: 12 months, plus 10% tax.
//! assert_eq!(quote.fmt(quote.totals.first_invoice_total), "3118.50");
//! ```

#![warn(missing_docs)]

pub mod app;
pub mod batch;
pub mod bill;
pub mod check;
pub mod cli;
pub mod date;
pub mod deal;
pub mod diagnostic;
pub mod diff;
pub mod eval;
pub mod files;
pub mod format;
pub mod hooks;
pub mod interrupt;
pub mod limits;
pub mod lsp;
pub mod model;
pub mod money;
pub mod plantest;
pub mod quote;
pub mod rehearse;
pub mod rejection;
pub mod render;
pub mod repl;
pub mod request;
pub mod resolved;
pub mod serve;
pub mod snippet;
pub mod span;
pub mod syntax;
pub mod text;

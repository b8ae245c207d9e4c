//! ratecard: price a CRM or SaaS subscription from a declarative price book, exact to the cent.
//!
//! The pipeline, one stage per module: source text -> [`syntax`] (tree with spans) ->
//! [`check`] (validated [`model::Plan`]) -> [`eval`] (a [`quote::Quote`]) -> [`render`].

pub mod batch;
pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod eval;
pub mod hooks;
pub mod model;
pub mod money;
pub mod quote;
pub mod render;
pub mod repl;
pub mod request;
pub mod span;
pub mod syntax;

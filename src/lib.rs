//! ratecard: price a CRM or SaaS subscription from a declarative price book, exact to the cent.
//!
//! The pipeline, one stage per module: source text -> [`syntax`] (tree with spans) ->
//! [`check`] (validated [`model::Plan`]) -> [`eval`] (a [`quote::Quote`]) -> [`render`].

pub mod diagnostic;
pub mod span;
pub mod syntax;

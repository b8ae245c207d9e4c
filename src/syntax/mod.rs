//! Source text to syntax tree: the only stage that knows the grammar.

pub mod ast;
mod depth;
mod errors;
mod facts;
mod hints;
mod parser;
mod priced;
mod recover;
mod split;

pub use parser::Parser;
pub use priced::{priced_numbers, PricedNumber};

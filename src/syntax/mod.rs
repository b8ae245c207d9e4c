//! Source text to syntax tree: the only stage that knows the grammar.

pub mod ast;
mod errors;
mod facts;
mod hints;
mod parser;
mod recover;

pub use parser::Parser;

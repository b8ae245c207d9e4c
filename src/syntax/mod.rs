//! Source text to syntax tree: the only stage that knows the grammar.

pub mod ast;
mod depth;
mod errors;
mod hints;
mod parser;
mod recover;

pub use parser::Parser;

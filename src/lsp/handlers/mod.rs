//! One file per LSP request the server answers.

pub mod completion;
pub mod context;
pub mod definition;
pub mod diagnostics;
pub mod formatting;
pub mod hover;

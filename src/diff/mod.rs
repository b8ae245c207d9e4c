//! Comparing two plan versions: what changed in pricing terms, and what that does to the
//! revenue of a customer book, before the new version is published.

pub mod changes;
pub mod describe;
pub mod impact;
pub mod json;
pub mod quantities;
pub mod report;
mod terms;

pub use changes::{changes, Change, Op};
pub use impact::{impact, Customer, Impact, ImpactError, Movement, Side, Summary};
pub use report::{render, DiffFormat, Report};

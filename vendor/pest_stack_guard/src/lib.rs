//! ratecard's stand-in for `pest_stack_guard`: pest asks it, on every rule it enters, how
//! much native stack is left, and stops the parse when little is. That probe was a quarter
//! of the time `ratecard check` spent parsing. ratecard's grammar recurses only through a
//! condition's parentheses and `not`, and `src/syntax/depth.rs` refuses input nested past
//! 64 levels before pest runs, so the parser's depth is bounded without the probe.

/// The remaining native stack: unknown, so pest never stops a parse for it.
#[inline]
pub fn remaining_stack() -> Option<usize> {
    None
}

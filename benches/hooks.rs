//! Placeholder until the hooks benchmarks land.
fn main() {}

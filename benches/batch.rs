//! Placeholder until the batch benchmarks land.
fn main() {}

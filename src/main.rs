//! The `ratecard` binary: everything lives in the library so tests and benches share it.

// Quotes are many small short-lived allocations on every thread at once (serve's workers,
// batch's pool); glibc's allocator spent a fifth of the server's CPU on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ratecard::cli::main()
}

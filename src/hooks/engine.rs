//! The Rhai sandbox: every limit set explicitly, `print`/`debug` captured, a wall-clock budget.
//!
//! Rhai's defaults differ between debug and release builds and leave `eval`, `import` and
//! unbounded loops on; a pricing rule must behave the same in a test and in production and a
//! hostile or buggy script must end quickly with a clear message. Everything that makes an
//! engine safe to hand a script lives here, so hooks and the REPL share exactly one sandbox.

use rhai::packages::{
    ArithmeticPackage, BasicArrayPackage, BasicFnPackage, BasicIteratorPackage, BasicMapPackage,
    BasicMathPackage, BasicStringPackage, BitFieldPackage, LogicPackage, MoreStringPackage,
    Package,
};
use rhai::{Dynamic, Engine, INT};
use rust_decimal::{Decimal, RoundingStrategy};
use std::cell::RefCell;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The sandbox's limits. Change them here: they apply to every hook and to the REPL alike.
pub mod limits {
    use std::time::Duration;

    /// Operations one script run may perform (Rhai counts every expression and statement).
    ///
    /// A hook prices one quote in a few hundred operations; 100,000 leaves room for loops over
    /// lines and services while ending `loop {}` within a few milliseconds in release builds
    /// and well under 100 ms in an unoptimised test build.
    pub const OPERATIONS: u64 = 100_000;
    /// Nested function calls, counting the hook's entry point: recursion deeper than this stops.
    ///
    /// Kept small so that runaway recursion ends long before the native stack does, even on a
    /// worker thread with a 2 MiB stack in a debug build.
    pub const CALL_LEVELS: usize = 16;
    /// Nesting depth of expressions at the top level of a script.
    pub const EXPR_DEPTH: usize = 64;
    /// Nesting depth of expressions inside functions.
    pub const FUNCTION_EXPR_DEPTH: usize = 32;
    /// Longest string, in bytes (labels, notes and reasons are far shorter).
    pub const STRING_BYTES: usize = 16 * 1024;
    /// Most items in one array.
    pub const ARRAY_ITEMS: usize = 10_000;
    /// Most properties in one object map.
    pub const MAP_PROPERTIES: usize = 1_000;
    /// Variables alive at once.
    pub const VARIABLES: usize = 256;
    /// Functions one script may define.
    pub const FUNCTIONS: usize = 64;
    /// Modules a script may import: none, a hook is one self-contained file.
    pub const MODULES: usize = 0;
    /// Largest hook script read, in bytes: a real hook is a few KiB.
    pub const SCRIPT_BYTES: u64 = 1024 * 1024;
    /// Wall-clock time one run may take, whatever its operation count.
    pub const WALL_CLOCK: Duration = Duration::from_millis(50);
    /// Lines a script may `print` or `debug` into one quote's notes; the rest are counted.
    pub const PRINTED_LINES: usize = 20;
    /// How often, in operations, the wall clock is read (reading it costs more than an operation).
    pub const CLOCK_EVERY: u64 = 64;
}

/// The token `on_progress` stops a run with when Ctrl-C was pressed in the REPL.
pub(crate) const INTERRUPTED: &str = "interrupted";

/// The token `on_progress` stops a run with when its wall-clock budget is spent.
pub(crate) const OUT_OF_TIME: &str = "ratecard: wall-clock budget spent";

/// A fresh Rhai engine with the hook sandbox: the same limits, the same decimal helpers.
///
/// Numbers are `rust_decimal::Decimal` (a literal with a dot, `0.08`, is exact) or 64-bit
/// integers; `0.1 + 0.2 == 0.3` holds. `round_half_up(x)` / `round_half_up(x, digits)` round
/// half away from zero, as prices are rounded (Rhai's own `round` is banker's rounding).
///
/// Limits ([`limits`]) are set explicitly, identical in debug and release builds: operations,
/// call levels, expression depths, string / array / map sizes, variables, functions; `import`
/// and `eval` are disabled, variables must be declared (a typo is a compile error), and map
/// properties that do not exist read as `()`.
///
/// `print` and `debug` never reach stdout: inside [`guarded`] they are collected and returned
/// to the caller; outside it they are dropped. A caller that wants them elsewhere may replace
/// them with [`Engine::on_print`] / [`Engine::on_debug`]. The wall-clock budget
/// ([`limits::WALL_CLOCK`]) applies to runs made inside [`guarded`]; the operation limit
/// applies always.
///
/// Hooks use one engine per thread built by this function (plus the quote API); other callers,
/// such as the REPL, may build their own and register more functions on it.
pub fn sandboxed_engine() -> Engine {
    // Built from a raw engine and an explicit list of packages: `Engine::new` brings Rhai's
    // whole standard library, whose `sleep` blocks the thread in one native call (no
    // operation runs, so neither the operation limit nor the wall clock could stop it), and
    // whose `timestamp` would make a price depend on when it was asked for.
    static PACKAGE: OnceLock<rhai::Shared<rhai::Module>> = OnceLock::new();
    let mut engine = Engine::new_raw();
    engine.register_global_module(
        PACKAGE
            .get_or_init(|| HookPackage::new().as_shared_module())
            .clone(),
    );
    engine
        .set_max_operations(limits::OPERATIONS)
        .set_max_call_levels(limits::CALL_LEVELS)
        .set_max_expr_depths(limits::EXPR_DEPTH, limits::FUNCTION_EXPR_DEPTH)
        .set_max_string_size(limits::STRING_BYTES)
        .set_max_array_size(limits::ARRAY_ITEMS)
        .set_max_map_size(limits::MAP_PROPERTIES)
        .set_max_variables(limits::VARIABLES)
        .set_max_functions(limits::FUNCTIONS)
        .set_max_modules(limits::MODULES)
        .set_module_resolver(rhai::module_resolvers::DummyModuleResolver::new())
        .set_strict_variables(true)
        .set_fail_on_invalid_map_property(false)
        .set_max_strings_interned(256);
    // Disabled symbols are compile errors, so `ratecard check` reports them with a position.
    engine.disable_symbol("eval").disable_symbol("import");
    engine.on_progress(|ops| {
        if ops % limits::CLOCK_EVERY != 0 {
            return None;
        }
        if crate::interrupt::requested() {
            return Some(Dynamic::from(INTERRUPTED));
        }
        let late = RUN.with(|r| {
            r.borrow_mut().as_mut().is_some_and(|run| {
                // The clock starts at the first check, so a short run never reads it; the
                // operations before that check take microseconds, not milliseconds.
                let now = Instant::now();
                let deadline = *run.deadline.get_or_insert(now + run.budget);
                now >= deadline
            })
        });
        late.then(|| Dynamic::from(OUT_OF_TIME))
    });
    engine.on_print(|text| {
        capture(PrintedLine {
            text: text.to_string(),
            debug_at: None,
        })
    });
    engine.on_debug(|text, _source, pos| {
        capture(PrintedLine {
            text: text.to_string(),
            debug_at: Some(pos.line().zip(pos.position()).unwrap_or((0, 0))),
        })
    });
    register_decimal_helpers(&mut engine);
    register_refusals(&mut engine);
    engine
}

rhai::def_package! {
    /// What scripts may call besides the quote API: Rhai's standard library without
    /// `LanguageCorePackage` (`sleep`, `exit`, `parse_json`, reflection), `BasicTimePackage`
    /// (`timestamp`, `elapsed`) and `BasicBlobPackage` (byte buffers no rule needs). Every
    /// function left works on values the size limits already bound, so none can run long.
    HookPackage(lib):
        ArithmeticPackage,
        BasicStringPackage,
        MoreStringPackage,
        BasicIteratorPackage,
        BasicFnPackage,
        LogicPackage,
        BitFieldPackage,
        BasicMathPackage,
        BasicArrayPackage,
        BasicMapPackage
    {}
}

/// Functions removed from the sandbox that a script may still try to call by name: each
/// fails at once with a message saying why, instead of "there is no function".
fn register_refusals(engine: &mut Engine) {
    engine.register_fn("sleep", |_: INT| -> Result<(), Box<rhai::EvalAltResult>> {
        Err(NO_WAITING.into())
    });
    engine.register_fn(
        "sleep",
        |_: Decimal| -> Result<(), Box<rhai::EvalAltResult>> { Err(NO_WAITING.into()) },
    );
    engine.register_fn("timestamp", || -> Result<(), Box<rhai::EvalAltResult>> {
        Err("`timestamp` is not available: a price must not depend on when it is asked for".into())
    });
}

/// Why `sleep` fails.
const NO_WAITING: &str = "`sleep` is not available: a script must not wait";

/// Rounding and conversion helpers on top of Rhai's decimal package.
fn register_decimal_helpers(engine: &mut Engine) {
    engine.register_fn("round_half_up", |x: Decimal| round_half_up(x, 0));
    engine.register_fn("round_half_up", |x: INT| Decimal::from(x));
    engine.register_fn("round_half_up", |x: INT, _digits: INT| Decimal::from(x));
    // Rhai's own `round_half_up(Decimal, INT)` already rounds half away from zero; this one
    // replaces it so a negative digit count is a clear message rather than Rhai's wording.
    engine.register_fn(
        "round_half_up",
        |x: Decimal, digits: INT| -> Result<Decimal, Box<rhai::EvalAltResult>> {
            let digits = u32::try_from(digits).map_err(|_| -> Box<rhai::EvalAltResult> {
                format!("round_half_up needs 0 or more digits, not {digits}").into()
            })?;
            Ok(round_half_up(x, digits))
        },
    );
}

/// Half away from zero, the contract's rounding, capped at Decimal's 28 digits.
pub(crate) fn round_half_up(x: Decimal, digits: u32) -> Decimal {
    x.round_dp_with_strategy(digits.min(28), RoundingStrategy::MidpointAwayFromZero)
}

/// One guarded run on this thread: its deadline and what its scripts printed.
struct Run {
    budget: Duration,
    deadline: Option<Instant>,
    printed: Vec<PrintedLine>,
    dropped: usize,
}

thread_local! {
    // The engine is shared across threads and its callbacks cannot see the call that is
    // running; a quote is priced on one thread, so the run's state lives with the thread.
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
}

fn capture(text: PrintedLine) {
    RUN.with(|r| {
        if let Some(run) = r.borrow_mut().as_mut() {
            if run.printed.len() < limits::PRINTED_LINES {
                run.printed.push(text);
            } else {
                run.dropped += 1;
            }
        }
    });
}

/// What scripts printed during a [`guarded`] run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printed {
    /// Each `print` or `debug` call, in order.
    pub lines: Vec<PrintedLine>,
    /// Calls beyond [`limits::PRINTED_LINES`], counted but not kept.
    pub dropped: usize,
}

/// One `print` or `debug` call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintedLine {
    /// The text printed (`debug` shows strings quoted, as Rhai does).
    pub text: String,
    /// For `debug`: the 1-based line and column of the call; `None` for `print`.
    pub debug_at: Option<(usize, usize)>,
}

/// Runs `f` (which runs scripts on a [`sandboxed_engine`]) under the wall-clock budget,
/// and returns what the scripts printed. Nested calls share the outer run's budget.
pub fn guarded<T>(f: impl FnOnce() -> T) -> (T, Printed) {
    guarded_for(limits::WALL_CLOCK, f)
}

/// [`guarded`] with a budget of `budget` instead of [`limits::WALL_CLOCK`].
pub fn guarded_for<T>(budget: Duration, f: impl FnOnce() -> T) -> (T, Printed) {
    let outer = RUN.with(|r| r.borrow().is_some());
    if outer {
        return (f(), Printed::default());
    }
    RUN.with(|r| {
        *r.borrow_mut() = Some(Run {
            budget,
            deadline: None,
            printed: Vec::new(),
            dropped: 0,
        })
    });
    // Cleared even if `f` unwinds, so a later run on this thread starts clean.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            let _ = RUN.try_with(|r| r.borrow_mut().take());
        }
    }
    let reset = Reset;
    let value = f();
    let run = RUN.with(|r| r.borrow_mut().take());
    drop(reset);
    let printed = run.map_or_else(Printed::default, |run| Printed {
        lines: run.printed,
        dropped: run.dropped,
    });
    (value, printed)
}

//! The `ratecard` command line: parses arguments, runs one subcommand, maps outcomes to exit codes.

mod batch;
mod check;
mod diff;
mod fmt;
mod lsp;
mod output;
mod plantest;
mod plot;
mod quote;
mod repl;
mod serve;
mod sheet;

use clap::{CommandFactory, Parser, Subcommand};
use output::say;
use std::io::IsTerminal;
use std::process::ExitCode;

/// The terminal's width when standard output is one; `None` for a pipe or a file, which
/// get the full table.
pub fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
}

/// Exit codes, documented in `ratecard --help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// A plan has errors.
    PlanErrors = 1,
    /// The command line is wrong (clap's own code).
    Usage = 2,
    /// A request was rejected (in batch: at least one row).
    Rejected = 3,
    /// A file could not be read or written.
    Io = 4,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  the plan has errors (they are printed on stderr), or a plan test failed
  2  the command line is wrong
  3  the request was rejected (batch: at least one row was)
  4  a file could not be read or written; a closed standard output (`| head`)
     ends the command quietly with 4, any other write error names the file";

/// Price CRM and SaaS subscriptions from a declarative price book, exact to the cent.
#[derive(Debug, Parser)]
#[command(name = "ratecard", version, about, after_help = EXIT_CODES, arg_required_else_help = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
// Parsed once per process: the size difference between variants costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check plan files and report every problem with its line and column.
    #[command(after_help = "Examples:
  ratecard check examples/acme.rate
  ratecard check plans/*.rate")]
    Check(check::Args),
    /// Price a request against a plan (the built-in example plan if none is given).
    #[command(after_help = "Examples:
  ratecard quote --edition basic --seats 5
  ratecard quote examples/acme.rate --request examples/requests/example-3.toml --format json
  ratecard quote examples/acme.rate --edition advanced --seats 45 --module sales_automation \\
      --billing annual --service integration:erp:high --service training:4")]
    Quote(quote::Args),
    /// Try what-ifs interactively against a live plan.
    #[command(after_help = "Examples:
  ratecard repl
  ratecard repl examples/acme.rate
  ratecard repl examples/acme.rate < session.txt")]
    Repl(repl::Args),
    /// Serve quotes over HTTP (a JSON API and a price calculator page).
    #[command(after_help = "Examples:
  ratecard serve
  ratecard serve examples/ --listen 0.0.0.0:8080
  curl -s localhost:8080/v1/quote -d '{\"edition\": \"basic\", \"seats\": 12}'")]
    Serve(serve::Args),
    /// Print a plan as a price page: editions side by side, what each includes, add-ons,
    /// usage, storage, support and services.
    #[command(after_help = "Examples:
  ratecard sheet examples/zoho.rate
  ratecard sheet examples/cn-saas.rate --format html > price-list.html")]
    Sheet(sheet::Args),
    /// Draw the monthly cost against seats for each edition (and billing cycle) as SVG,
    /// with band boundaries and volume cliffs marked; or, with --invoices, a request's
    /// invoices as bars.
    #[command(after_help = "Examples:
  ratecard plot examples/cn-saas.rate --out curves.svg
  ratecard plot examples/acme.rate --max-seats 300 > acme.svg
  ratecard plot examples/zoho.rate --invoices examples/requests/zoho-ramp.toml --out ramp.png")]
    Plot(plot::Args),
    /// Run the language server for plan files on stdin and stdout (for editors).
    #[command(
        after_help = "Editors start it themselves; see docs/editors.md for VS Code, Neovim and Helix."
    )]
    Lsp,
    /// Price every row of a customer book (CSV).
    #[command(after_help = "Examples:
  ratecard batch examples/acme.rate examples/book.csv
  ratecard batch examples/acme.rate examples/book.csv --format jsonl -o priced.jsonl")]
    Batch(batch::Args),
    /// Show what changed between two plan versions, and its revenue impact on a book.
    #[command(after_help = "Examples:
  ratecard diff examples/acme.rate examples/acme-2027.rate
  ratecard diff examples/acme.rate examples/acme-2027.rate --book examples/book.csv")]
    Diff(diff::Args),
    /// Run the golden quotes kept beside each plan; say what differs; --bless records them.
    #[command(after_help = "Examples:
  ratecard test examples/
  ratecard test examples/acme.rate
  ratecard test examples/zoho.rate --bless

The tests of dir/NAME.rate are dir/tests/NAME/*.toml, each a [request] (or
request = \"file.toml\") and an [expect] table; see docs/testing.md.")]
    Test(plantest::Args),
    /// Rewrite plan files in the canonical layout (comments kept, band tables aligned).
    #[command(after_help = "Examples:
  ratecard fmt examples/acme.rate
  ratecard fmt --check examples/")]
    Fmt(fmt::Args),
    /// Generate a synthetic customer book for tests and benchmarks.
    #[command(
        name = "gen-book",
        after_help = "Examples:
  ratecard gen-book --rows 1000 --seed 7 > book.csv
  ratecard gen-book --rows 1000000 --plan examples/acme.rate -o big.csv"
    )]
    GenBook(batch::GenArgs),
    /// Print a shell completion script.
    #[command(after_help = "Examples:
  ratecard completions bash > /etc/bash_completion.d/ratecard
  ratecard completions zsh > ~/.zfunc/_ratecard")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// True when diagnostics on stderr may use color: a terminal, and NO_COLOR unset.
pub fn stderr_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// True when stdout may use color.
pub fn stdout_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Quote(args) => quote::run(args),
        Command::Repl(args) => repl::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Lsp => lsp::run(),
        Command::Plot(args) => plot::run(args),
        Command::Sheet(args) => sheet::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Test(args) => plantest::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::GenBook(args) => batch::gen(args),
        Command::Completions { shell } => {
            // Into memory first: clap_complete panics when its writer fails.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "ratecard", &mut script);
            output::stdout(script).err().unwrap_or(Exit::Ok)
        }
    };
    exit.into()
}

/// Loads a plan file, or the built-in plan when `path` is `None`, printing diagnostics.
/// Warnings are printed only when `warnings` is set.
pub fn load_plan(
    path: Option<&std::path::Path>,
    warnings: bool,
) -> Result<crate::model::Plan, Exit> {
    if path.is_none() {
        say!(
            "ratecard: using the built-in example plan \"acme\" (examples/acme.rate); pass a plan file to price your own"
        );
    }
    let color = stderr_color();
    match crate::app::load_plan(path) {
        Ok(loaded) => {
            if warnings {
                let shown =
                    crate::diagnostic::render_capped(&loaded.warnings, &loaded.plan.source, color);
                output::stderr(format_args!("{shown}"));
            }
            Ok(loaded.plan)
        }
        Err(e) => {
            if let crate::app::LoadError::Broken {
                source,
                diagnostics,
            } = &e
            {
                let shown = crate::diagnostic::render_capped(diagnostics, source, color);
                output::stderr(format_args!("{shown}"));
            }
            say!("ratecard: {}", e.summary());
            Err(match e {
                crate::app::LoadError::Unreadable { .. } => Exit::Io,
                crate::app::LoadError::Broken { .. } => Exit::PlanErrors,
            })
        }
    }
}

//! `ratecard test`: runs the golden quotes kept beside each plan and says what moved.

use super::output::{self, say};
use super::{stderr_color, Exit};
use crate::app::plural;
use crate::plantest::{cases, coverage, plans, render_case, run_case, tests_dir, CaseOutcome};
use std::path::{Path, PathBuf};

/// A path as a terminal or CI log may show it: a file name can hold an ESC sequence or a
/// line break as well as any text a plan writes.
fn shown(p: &Path) -> String {
    crate::text::shown(&p.display().to_string()).into_owned()
}

/// Arguments of `ratecard test`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan files, or folders whose `*.rate` plans to test (default: the current folder).
    /// The tests of `dir/NAME.rate` are the `*.toml` files in `dir/tests/NAME/`.
    #[arg(value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    /// Rewrite the expectations of every test that differs (or has none) with what the plan
    /// now quotes, keeping the rest of each file.
    #[arg(long)]
    pub bless: bool,
    /// Also change each priced number of each plan in turn (every price, band, tier, fee,
    /// discount and surcharge) and list those whose change no test notices; with
    /// `--coverage=MIN`, fail when fewer than MIN percent are noticed.
    #[arg(long, value_name = "MIN", num_args = 0..=1, require_equals = true,
          default_missing_value = "0", value_parser = percent)]
    pub coverage: Option<f64>,
}

/// A percentage from 0 to 100, for `--coverage=MIN`.
fn percent(s: &str) -> Result<f64, String> {
    match s.trim_end_matches('%').parse::<f64>() {
        Ok(x) if (0.0..=100.0).contains(&x) => Ok(x),
        _ => Err(format!("`{s}` is not a percentage from 0 to 100")),
    }
}

/// `reached` of `total` as a percentage rounded down to one decimal, so that 99.96% never
/// shows as 100.0%.
fn share(reached: usize, total: usize) -> String {
    if total == 0 {
        return "100%".into();
    }
    let tenths = reached * 1000 / total;
    if tenths.is_multiple_of(10) {
        format!("{}%", tenths / 10)
    } else {
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// Prints a line on stdout, or ends the command when stdout cannot be written.
macro_rules! out {
    ($($arg:tt)*) => {
        if let Err(e) = output::stdout(format!("{}\n", format_args!($($arg)*))) {
            return e;
        }
    };
}

/// Runs every test of every plan; the exit code is 1 when any test failed or could not run.
pub fn run(args: Args) -> Exit {
    let paths = if args.plans.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.plans
    };
    let plans = match plans(&paths) {
        Ok(p) => p,
        Err(e) => {
            say!(
                "ratecard: cannot list plans: {}",
                crate::text::shown(&e.to_string())
            );
            return Exit::Io;
        }
    };
    let color = stderr_color();
    let (mut passed, mut failed, mut blessed, mut untested) = (0usize, 0usize, 0usize, 0usize);
    let (mut priced, mut reached) = (0usize, 0usize);
    let mut exit = Exit::Ok;
    for plan_path in &plans {
        let files = match cases(plan_path) {
            Ok(f) => f,
            Err(e) => {
                say!(
                    "ratecard: cannot list the tests of {}: {e}",
                    shown(plan_path)
                );
                exit = Exit::Io;
                continue;
            }
        };
        if files.is_empty() {
            out!(
                "{}: no tests (add request files with their expected quotes in {}/)",
                shown(plan_path),
                shown(&tests_dir(plan_path))
            );
            untested += 1;
            continue;
        }
        let checked = match crate::check::check_file(plan_path) {
            Ok(c) => c,
            Err(e) => {
                say!("ratecard: cannot read plan {}: {e}", shown(plan_path));
                exit = Exit::Io;
                continue;
            }
        };
        let Some(plan) = checked.plan else {
            for d in &checked.diagnostics {
                output::stderr(format_args!("{}", d.render(&checked.source, color)));
            }
            let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
            out!(
                "{}: the plan has {errors} error{}; its {} test{} did not run",
                shown(plan_path),
                plural(errors),
                files.len(),
                plural(files.len())
            );
            failed += files.len();
            continue;
        };
        out!("{}", shown(plan_path));
        for file in &files {
            let outcome = run_case(&plan, plan_path, file, args.bless);
            out!("{}", render_case(&outcome).trim_end_matches('\n'));
            match outcome {
                CaseOutcome::Passed { .. } => passed += 1,
                CaseOutcome::Blessed { .. } => blessed += 1,
                CaseOutcome::Failed { .. } | CaseOutcome::Broken { .. } => failed += 1,
            }
        }
        if args.coverage.is_some() {
            let cov = coverage(&plan, plan_path, &checked.source.text, &files);
            priced += cov.total;
            reached += cov.reached();
            out!(
                "  coverage: {} of {} priced number{} ({})",
                cov.reached(),
                cov.total,
                plural(cov.total),
                share(cov.reached(), cov.total)
            );
            if !cov.missed.is_empty() {
                out!("  a change to these fails no test:");
            }
            for m in &cov.missed {
                out!(
                    "    line {}: {} in {}: {}",
                    m.line,
                    m.number,
                    crate::text::shown(&m.within),
                    crate::text::shown(&m.written)
                );
            }
        }
    }
    let total = passed + failed + blessed;
    let mut summary = format!("{total} test{}: {passed} passed", plural(total));
    if blessed > 0 {
        summary.push_str(&format!(", {blessed} blessed"));
    }
    summary.push_str(&format!(", {failed} failed"));
    if untested > 0 {
        summary.push_str(&format!(
            "; {untested} plan{} without tests",
            plural(untested)
        ));
    }
    out!("{summary}");
    if let Some(min) = args.coverage {
        out!(
            "coverage: {reached} of {priced} priced number{} ({})",
            plural(priced),
            share(reached, priced)
        );
        // Whole numbers compared, so `--coverage=100` means every one.
        let below = (reached as f64) * 100.0 < min * (priced as f64);
        if below {
            out!("coverage is below the {min}% asked for");
            if exit == Exit::Ok {
                exit = Exit::PlanErrors;
            }
        }
    }
    if (failed > 0 || untested > 0) && exit == Exit::Ok {
        exit = Exit::PlanErrors;
    }
    exit
}

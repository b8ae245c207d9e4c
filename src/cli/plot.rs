//! `ratecard plot`: writes a plan's price curves as SVG (`crate::render::plot`).

use super::output::{self, say};
use super::{load_plan, Exit};
use std::path::PathBuf;

/// Arguments of `ratecard plot`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan (the built-in plan if none is given).
    pub plan: Option<PathBuf>,
    /// Seats to plot up to (default: half again past the last band start; at most 2,000).
    #[arg(long, value_name = "N")]
    pub max_seats: Option<u64>,
    /// The language of the chart's words; the plan's by default.
    #[arg(long, value_enum)]
    pub lang: Option<crate::render::locale::Lang>,
    /// Where to write the plot: `.svg`, or `.png` rasterised by a headless Chromium
    /// (standard output, SVG, when left out).
    #[arg(long, short, value_name = "FILE.svg|FILE.png")]
    pub out: Option<PathBuf>,
}

/// Draws the curves.
pub fn run(args: Args) -> Exit {
    let plan = match load_plan(args.plan.as_deref(), false) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let ext = |p: &PathBuf| {
        p.extension()
            .map(|x| x.to_string_lossy().to_ascii_lowercase())
    };
    if let Some(p) = args
        .out
        .as_ref()
        .filter(|p| !matches!(ext(p).as_deref(), Some("svg" | "png")))
    {
        say!("ratecard: plot writes .svg or .png, not {}", p.display());
        return Exit::Usage;
    }
    let max = args
        .max_seats
        .unwrap_or_else(|| crate::app::curves::default_max_seats(&plan));
    let lang = args
        .lang
        .unwrap_or_else(|| crate::render::locale::Lang::for_plan(&plan));
    let curves = crate::app::curves::curves(&plan, max, lang);
    let words = crate::render::locale::Words::new(lang);
    let title = format!(
        "{} {}: {}",
        plan.name,
        plan.version,
        words.get("price-curve")
    );
    let svg = match crate::render::plot::svg(&curves, &title, &plan.currency.code, &words) {
        Ok(s) => s,
        Err(e) => {
            say!("ratecard: cannot draw the plot: {}", crate::text::shown(&e));
            return Exit::Io;
        }
    };
    match &args.out {
        None => output::stdout(svg).err().unwrap_or(Exit::Ok),
        Some(path) if ext(path).as_deref() == Some("png") => {
            match crate::app::browser::png(&svg, crate::render::plot::SIZE, path) {
                Ok(()) => Exit::Ok,
                Err(e) => {
                    say!(
                        "ratecard: cannot write {}: {}",
                        path.display(),
                        crate::text::shown(&e)
                    );
                    Exit::Io
                }
            }
        }
        Some(path) => match std::fs::write(path, svg) {
            Ok(()) => Exit::Ok,
            Err(e) => {
                say!("ratecard: cannot write {}: {e}", path.display());
                Exit::Io
            }
        },
    }
}

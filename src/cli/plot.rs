//! `ratecard plot`: writes a plan's price curves, or a request's invoices, as SVG
//! (`crate::render::plot`).

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
    /// Draw this request's invoices instead (a bar per invoice, with tax, coloured by the
    /// contract's period): a ramp's years, a renewal, an amendment.
    #[arg(long, value_name = "REQUEST")]
    pub invoices: Option<PathBuf>,
    /// A deal file added to the request of `--invoices`, as `quote --deal` adds it.
    #[arg(long, value_name = "FILE", requires = "invoices")]
    pub deal: Option<PathBuf>,
}

/// The request of `--invoices` with its deal, priced; a message and exit code when it
/// cannot be read or is refused, as `quote` gives them.
fn priced(
    plan: &crate::model::Plan,
    path: &std::path::Path,
    deal: Option<&std::path::Path>,
) -> Result<(crate::quote::Quote, crate::request::Request), Exit> {
    use crate::request::{Request, RequestFileError};
    let mut request = Request::from_file(path).map_err(|e| {
        say!("ratecard: {}", crate::text::shown(&e.to_string()));
        match e {
            RequestFileError::Unreadable(_) => Exit::Io,
            RequestFileError::Invalid(_) => Exit::Rejected,
        }
    })?;
    if let Some(d) = deal {
        Request::from_file(d)
            .map_err(|e| e.to_string())
            .and_then(|x| {
                request
                    .add_deal(x)
                    .map_err(|e| format!("deal {}: {e}", d.display()))
            })
            .map_err(|e| {
                say!("ratecard: {}", crate::text::shown(&e));
                Exit::Rejected
            })?;
    }
    match crate::app::quote(plan, &request) {
        Ok(q) => Ok((q, request)),
        Err(rejection) => {
            say!(
                "ratecard: request rejected: {}",
                crate::text::shown(&rejection.to_string())
            );
            Err(Exit::Rejected)
        }
    }
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
    let lang = args
        .lang
        .unwrap_or_else(|| crate::render::locale::Lang::for_plan(&plan));
    let words = crate::render::locale::Words::new(lang);
    let drawn = if let Some(path) = &args.invoices {
        let (q, request) = match priced(&plan, path, args.deal.as_deref()) {
            Ok(x) => x,
            Err(e) => return e,
        };
        let titles = crate::render::document::segment_titles(&q, &request, lang);
        let caption = match &request.customer {
            Some(c) if !c.trim().is_empty() => {
                let colon = match lang {
                    crate::render::locale::Lang::Zh => "：",
                    crate::render::locale::Lang::En => ": ",
                };
                format!("{c}{colon}{}", words.get("invoice-chart"))
            }
            _ => words.get("invoice-chart"),
        };
        crate::render::plot::invoices_svg(&q, &titles, Some(&caption), &words)
            .map(|svg| (svg, crate::render::plot::BARS_SIZE))
    } else {
        let max = args
            .max_seats
            .unwrap_or_else(|| crate::app::curves::default_max_seats(&plan));
        let curves = crate::app::curves::curves(&plan, max, lang);
        let title = format!(
            "{} {}: {}",
            plan.name,
            plan.version,
            words.get("price-curve")
        );
        crate::render::plot::svg(&curves, &title, &plan.currency.code, &words)
            .map(|svg| (svg, crate::render::plot::SIZE))
    };
    let (svg, size) = match drawn {
        Ok(s) => s,
        Err(e) => {
            say!("ratecard: cannot draw the plot: {}", crate::text::shown(&e));
            return Exit::Io;
        }
    };
    match &args.out {
        None => output::stdout(svg).err().unwrap_or(Exit::Ok),
        Some(path) if ext(path).as_deref() == Some("png") => {
            match crate::app::browser::png(&svg, size, path) {
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

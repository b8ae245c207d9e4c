//! `ratecard sheet`: prints a plan as a price page (`crate::render::sheet`).

use super::output;
use super::{load_plan, Exit};
use crate::render::locale::Lang;
use std::path::PathBuf;

/// How the sheet is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SheetFormat {
    /// Aligned tables for a terminal (fitted to its width).
    Table,
    /// Markdown, to paste into a page.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

/// Arguments of `ratecard sheet`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan (the built-in plan if none is given).
    pub plan: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    pub format: SheetFormat,
    /// The language of the built-in words; Chinese for a plan in CNY, else English.
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// The price list of another currency the plan sells in (`prices EUR { ... }`).
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
}

/// Prints the sheet.
pub fn run(args: Args) -> Exit {
    let plan = match load_plan(args.plan.as_deref(), false) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let lang = args.lang.unwrap_or_else(|| Lang::for_plan(&plan));
    let plan = match plan.in_currency(args.currency.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            super::output::say!("ratecard: {}", crate::text::shown(&e.to_string()));
            return Exit::Usage;
        }
    };
    // Only the page draws the curves; the tables have no room for a chart.
    let curves = args.format == SheetFormat::Html;
    let facts = crate::app::pricing::facts(plan, lang, curves);
    let text = match args.format {
        SheetFormat::Table => {
            crate::render::sheet::table(plan, lang, &facts, super::terminal_width())
        }
        SheetFormat::Markdown => crate::render::sheet::markdown(plan, lang, &facts),
        SheetFormat::Html => {
            let links = crate::render::sheet::Links::default();
            crate::render::sheet::html(plan, lang, &facts, &links)
        }
    };
    output::stdout(text).err().unwrap_or(Exit::Ok)
}

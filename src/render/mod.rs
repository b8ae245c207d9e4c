//! Quote to text: an aligned table, the JSON contract, or Markdown for proposals.

pub mod document;
mod fit;
pub mod json;
pub mod locale;
mod markdown;
pub mod plot;
mod schedule;
pub mod sheet;
mod table;
pub mod words;
pub mod wrap;

pub use fit::fit_width;
pub use json::{json, JsonPlan, JsonQuote};
pub use markdown::{markdown, markdown_for};
pub use table::{schedule_text, table, table_fit, table_for};

use crate::quote::Quote;

/// Output formats for a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// The JSON contract, for other systems.
    Json,
    /// A Markdown table to paste into a proposal.
    Markdown,
    /// A proposal: one self-contained HTML file (inline CSS, A4 print styles).
    Html,
}

/// Renders `quote` (priced from `request`) in `format`.
pub fn render(quote: &Quote, request: &crate::request::Request, format: Format) -> String {
    match format {
        Format::Table => table_for(quote, None, false, request.customer.as_deref()),
        Format::Json => json(quote, request),
        Format::Markdown => markdown_for(quote, request.customer.as_deref()),
        Format::Html => {
            let doc = document::Document {
                // A proposal is what gets sent: the customer's, unless internal is asked for.
                audience: document::Audience::Customer,
                lang: locale::Lang::for_currency(&quote.plan.currency),
                prepared_by: None,
                date: document::date_of(request),
            };
            document::html(quote, request, None, &doc)
        }
    }
}

//! Documents a customer receives: a proposal as one self-contained HTML file (inline CSS,
//! A4 print styles) or Markdown, in the customer's language, every word from the message
//! catalogues or the plan's labels. What is shown depends on the audience: a customer never
//! sees notes, approval reasons or how an amount was derived.
//!
//! [`view`] is the proposal's content as words and formatted amounts; the HTML, the
//! Markdown and the calculator page (through `serve`) all lay out that one view.

mod html;
mod markdown;
mod style;
mod view;

pub use html::html;
pub use markdown::markdown;
pub(crate) use style::STYLE;
pub use view::{segment_titles, view, Field, InvoiceRow, Row, Section, TotalRow, View};

use crate::model::Plan;
use crate::quote::Quote;
use crate::render::locale::Lang;
use crate::request::Request;
use std::fmt::Write;
/// Who a document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Audience {
    /// The vendor's own people: every note, approval reason and derivation.
    Internal,
    /// The customer: lines and totals only.
    Customer,
}

/// What a document says besides the quote.
#[derive(Debug, Clone)]
pub struct Document {
    /// Who reads it.
    pub audience: Audience,
    /// The language of its built-in words.
    pub lang: Lang,
    /// Who prepared it (a salesperson's name), if given.
    pub prepared_by: Option<String>,
    /// The quote's date, `YYYY-MM-DD`.
    pub date: String,
}

/// The date a document carries: the request's `quote_date`, else today (UTC).
pub fn date_of(r: &Request) -> String {
    match &r.quote_date {
        Some(d) => d.to_string(),
        None => crate::deal::Date::today().to_string(),
    }
}

/// The quote number: stable for the same plan, request and date, so a re-sent proposal
/// carries the same number.
pub fn quote_number(q: &Quote, r: &Request, date: &str) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(q.plan.source_sha256.as_bytes());
    h.update(serde_json::to_vec(r).unwrap_or_default());
    h.update(date.as_bytes());
    let digest = h.finalize();
    let hex: String = digest.iter().take(4).map(|b| format!("{b:02X}")).collect();
    format!("Q-{}-{hex}", date.replace('-', ""))
}

/// `YYYY-MM-DD` plus `days`, or `None` when the date does not read.
fn add_days(date: &str, days: u64) -> Option<String> {
    let d: jiff::civil::Date = date.parse().ok()?;
    let later = d
        .checked_add(jiff::Span::new().days(i64::try_from(days).ok()?))
        .ok()?;
    Some(later.to_string())
}

/// The last day a quote of `date` is valid under the plan's `quotes valid N days`.
fn valid_until(plan: Option<&Plan>, date: &str) -> Option<String> {
    plan.and_then(|p| p.deals.valid_days)
        .and_then(|days| add_days(date, days))
}

/// Untrusted text as inert HTML: control characters shown, markup characters escaped.
pub(crate) fn esc(s: &str) -> String {
    crate::text::shown(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Escaped text whose hyphenated words (`one-time`, `month-to-month`) never break at the
/// hyphen: a printed `one-`/`time` reads as two words.
pub(crate) fn esc_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let inner = word.trim_matches(|c: char| !c.is_alphanumeric());
        if inner.contains('-') && inner.chars().any(char::is_alphabetic) {
            let _ = write!(out, "<span class=\"nw\">{}</span>", esc(word));
        } else {
            out.push_str(&esc(word));
        }
    }
    out
}

/// Standard base64 with padding (RFC 4648), for a data URI.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

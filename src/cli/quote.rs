//! `ratecard quote`: one request, priced and rendered; a rejection is one message on stderr.

use super::output::{self, say};
use super::{load_plan, Exit};
use crate::app::render;
use crate::render::Format;
use crate::request::{Qty, Request, ServiceRequest};
use rust_decimal::Decimal;
use std::path::PathBuf;

/// Arguments of `ratecard quote`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file; without it, the built-in example plan.
    #[arg(value_name = "PLAN")]
    pub plan: Option<PathBuf>,
    /// A request file (TOML, or JSON by extension); flags below override its fields.
    #[arg(long, short, value_name = "FILE")]
    pub request: Option<PathBuf>,
    /// A deal file beside the request (TOML, or JSON by extension): its contract, ramp,
    /// amendment, renewal and quote_date are added to the request.
    #[arg(long, value_name = "FILE")]
    pub deal: Option<PathBuf>,
    /// Output format (`html`: a proposal, one self-contained file).
    #[arg(long, short, value_enum, default_value = "table")]
    pub format: Format,
    /// Who a proposal is for: `internal` shows every note, approval reason and how each
    /// amount was derived; `customer` shows lines and totals only. An HTML or PDF proposal
    /// is for the customer unless internal is asked for (it is the file that gets sent);
    /// a table or Markdown is internal unless customer is asked for.
    #[arg(long, value_enum)]
    pub audience: Option<crate::render::document::Audience>,
    /// The language of a proposal's built-in words; Chinese for a plan in CNY, else English.
    #[arg(long, value_enum)]
    pub lang: Option<crate::render::locale::Lang>,
    /// Who prepared the proposal, for its header.
    #[arg(long, value_name = "NAME")]
    pub prepared_by: Option<String>,
    /// Print the HTML proposal to this PDF file (A4, through a headless Chromium) instead
    /// of writing it to standard output.
    #[arg(long, value_name = "FILE.pdf")]
    pub pdf: Option<PathBuf>,
    #[command(flatten)]
    pub flags: RequestFlags,
}

/// A request written as flags.
#[derive(Debug, Default, clap::Args)]
pub struct RequestFlags {
    /// Customer name.
    #[arg(long)]
    pub customer: Option<String>,
    /// The currency expected; it must be the plan's (a quote has one currency).
    #[arg(long)]
    pub currency: Option<String>,
    /// Edition name.
    #[arg(long)]
    pub edition: Option<String>,
    /// Number of users.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::request::exact_number)]
    pub seats: Option<Decimal>,
    /// An add-on module (repeatable).
    #[arg(long = "module", value_name = "MODULE")]
    pub modules: Vec<String>,
    /// An add-on's quantity or a usage's amount in a month, NAME=N: `--qty sandbox=3`,
    /// `--qty emails=50000` (repeatable).
    #[arg(long = "qty", value_name = "NAME=N", value_parser = parse_quantity)]
    pub quantities: Vec<(String, Decimal)>,
    /// The amount a usage priced on volume moved, NAME=AMOUNT: `--volume payments=15000`
    /// (repeatable; its number of transactions is its --qty).
    #[arg(long = "volume", value_name = "NAME=AMOUNT", value_parser = parse_quantity)]
    pub volumes: Vec<(String, Decimal)>,
    /// Storage used, in GB.
    #[arg(long, value_name = "GB", allow_negative_numbers = true, value_parser = crate::request::exact_number)]
    pub storage: Option<Decimal>,
    /// Backup option.
    #[arg(long)]
    pub backup: Option<String>,
    /// Support tier.
    #[arg(long)]
    pub support: Option<String>,
    /// Units of service (visits, incidents) expected each year, for a support tier that
    /// includes some and prices the rest.
    #[arg(long, value_name = "N", value_parser = crate::request::exact_number)]
    pub support_units: Option<Decimal>,
    /// Billing cycle: monthly, quarterly or annual.
    #[arg(long)]
    pub billing: Option<String>,
    /// Term in months.
    #[arg(long, value_name = "MONTHS", allow_negative_numbers = true, value_parser = crate::request::exact_number)]
    pub term: Option<Decimal>,
    /// A service: KIND:TARGET:COMPLEXITY, KIND:TARGET:COMPLEXITY:QUANTITY (days of work where
    /// the service has a workload rate) or KIND:QUANTITY (repeatable).
    #[arg(long = "service", value_name = "SERVICE", value_parser = ServiceRequest::parse_flag)]
    pub services: Vec<ServiceRequest>,
    /// A coupon code (repeatable).
    #[arg(long = "coupon", value_name = "CODE")]
    pub coupons: Vec<String>,
    /// A free attribute NAME=VALUE (repeatable).
    #[arg(long = "attr", value_name = "NAME=VALUE", value_parser = parse_attr)]
    pub attributes: Vec<(String, crate::request::Attr)>,
}

/// `NAME=N`, the number read exactly as written.
pub fn parse_quantity(s: &str) -> Result<(String, Decimal), String> {
    let (k, v) = s
        .split_once('=')
        .filter(|(k, _)| !k.trim().is_empty())
        .ok_or_else(|| format!("`{s}` is not NAME=N (e.g. sandbox=3)"))?;
    let n = crate::request::exact_number(v)?;
    Ok((k.trim().to_string(), n))
}

fn parse_attr(s: &str) -> Result<(String, crate::request::Attr), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not NAME=VALUE"))?;
    let value = match v {
        "true" => crate::request::Attr::Bool(true),
        "false" => crate::request::Attr::Bool(false),
        _ => match v.parse::<Decimal>() {
            Ok(n) => crate::request::Attr::Number(n),
            Err(_) => crate::request::Attr::Text(v.to_string()),
        },
    };
    Ok((k.to_string(), value))
}

impl RequestFlags {
    /// Applies the flags given on top of `r`; lists (modules, services, coupons) are appended.
    pub fn apply(self, r: &mut Request) {
        let set = |field: &mut Option<String>, v: Option<String>| {
            if v.is_some() {
                *field = v;
            }
        };
        set(&mut r.customer, self.customer);
        set(&mut r.currency, self.currency);
        set(&mut r.edition, self.edition);
        set(&mut r.backup, self.backup);
        set(&mut r.support, self.support);
        set(&mut r.billing, self.billing);
        if let Some(s) = self.seats {
            r.seats = Some(Qty(s));
        }
        if let Some(s) = self.storage {
            r.storage_gb = Some(Qty(s));
        }
        if let Some(t) = self.term {
            r.term_months = Some(Qty(t));
        }
        if let Some(u) = self.support_units {
            r.support_units = Some(Qty(u));
        }
        r.modules.extend(self.modules);
        r.services.extend(self.services);
        r.coupons.extend(self.coupons);
        r.attributes.extend(self.attributes);
        let qty = |(k, v): (String, Decimal)| (k, Qty(v));
        r.quantities.extend(self.quantities.into_iter().map(qty));
        r.volumes.extend(self.volumes.into_iter().map(qty));
    }
}

impl Args {
    /// The audience asked for, else the one the output is for: what is printed or written
    /// as HTML is sent to a customer, a table or Markdown is read in-house first.
    pub fn audience(&self) -> crate::render::document::Audience {
        use crate::render::document::Audience;
        self.audience.unwrap_or(match self.format {
            _ if self.pdf.is_some() => Audience::Customer,
            Format::Html => Audience::Customer,
            _ => Audience::Internal,
        })
    }
}

/// A proposal, when the format and audience ask for one: HTML always, Markdown for a
/// customer.
fn document(
    q: &crate::quote::Quote,
    request: &Request,
    plan: &crate::model::Plan,
    args: &Args,
) -> Option<String> {
    use crate::render::document::{self, Audience, Document};
    let proposal = match args.format {
        _ if args.pdf.is_some() => true,
        Format::Html => true,
        Format::Markdown => args.audience() == Audience::Customer,
        _ => false,
    };
    if !proposal {
        return None;
    }
    let doc = Document {
        audience: args.audience(),
        lang: args
            .lang
            .unwrap_or_else(|| crate::render::locale::Lang::for_plan(plan)),
        prepared_by: args.prepared_by.clone(),
        date: document::date_of(request),
    };
    Some(match args.format {
        _ if args.pdf.is_some() => document::html(q, request, Some(plan), &doc),
        Format::Html => document::html(q, request, Some(plan), &doc),
        _ => document::markdown(q, request, Some(plan), &doc),
    })
}

/// Prices one request and prints it.
pub fn run(mut args: Args) -> Exit {
    let plan = match load_plan(args.plan.as_deref(), false) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut request = match &args.request {
        None => Request::default(),
        Some(path) => match Request::from_file(path) {
            Ok(r) => r,
            Err(e) => {
                say!("ratecard: {}", crate::text::shown(&e.to_string()));
                return match e {
                    crate::request::RequestFileError::Unreadable(_) => Exit::Io,
                    crate::request::RequestFileError::Invalid(_) => Exit::Rejected,
                };
            }
        },
    };
    std::mem::take(&mut args.flags).apply(&mut request);
    if let Some(path) = &args.deal {
        let added = Request::from_file(path)
            .map_err(|e| e.to_string())
            .and_then(|deal| {
                request
                    .add_deal(deal)
                    .map_err(|e| format!("deal {}: {e}", path.display()))
            });
        if let Err(e) = added {
            say!("ratecard: {}", crate::text::shown(&e));
            return Exit::Rejected;
        }
    }
    match crate::app::quote(&plan, &request) {
        Ok(q) if args.pdf.is_some() => {
            let html = document(&q, &request, &plan, &args).unwrap_or_default();
            let path = args
                .pdf
                .as_deref()
                .unwrap_or(std::path::Path::new("quote.pdf"));
            match crate::app::browser::pdf(&html, path) {
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
        Ok(q) => output::stdout(document(&q, &request, &plan, &args).unwrap_or_else(|| {
            let customer = args.audience() == crate::render::document::Audience::Customer;
            match (args.format, super::terminal_width()) {
                // On a terminal the table fits its width: labels and explanations wrap.
                (Format::Table, w) if w.is_some() || customer => {
                    crate::render::table_for(&q, w, customer, request.customer.as_deref())
                }
                _ => render(&q, &request, args.format),
            }
        }))
        .err()
        .unwrap_or(Exit::Ok),
        Err(rejection) => {
            // A rejection quotes the request's and the hooks' text: one safe line.
            let message = rejection.to_string();
            say!(
                "ratecard: request rejected: {}",
                crate::text::shown(&message)
            );
            Exit::Rejected
        }
    }
}

//! `POST /v1/proposal` and `POST /v1/request`: what the calculator downloads. The proposal
//! is the customer's (never the internal one: a page anyone can open must not hand out
//! approval reasons or hook notes), as HTML or printed to PDF; the request is the TOML file
//! `ratecard quote --request` reads, so a scenario built in the page can be priced, kept and
//! versioned with the command line.

use super::calculator::lang_for;
use super::{blocking, body_problem, pick, served_by, PlanQuery};
use crate::render::document::{self, Audience, Document};
use crate::request::Request;
use crate::serve::{Problem, State};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State as Shared};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

/// `?plan=NAME&format=...&lang=...`
#[derive(Debug, Default, Deserialize)]
pub struct DocQuery {
    /// The plan's name, when the server has several.
    pub plan: Option<String>,
    /// `html` (the default), `pdf`, or `json` (the proposal's content, for a page to lay out).
    pub format: Option<String>,
    /// `en` or `zh`; the plan's language when left out.
    pub lang: Option<String>,
}

/// What a proposal is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    Pdf,
    Json,
}

fn kind(format: Option<&str>) -> Result<Kind, Problem> {
    match format.map(str::trim) {
        None | Some("") | Some("html") => Ok(Kind::Html),
        Some("pdf") => Ok(Kind::Pdf),
        Some("json") => Ok(Kind::Json),
        Some(f) => Err(Problem::invalid_request(format!(
            "a proposal is written as html, pdf or json, not `{}`",
            crate::text::shown(f)
        ))),
    }
}

/// The problem when this machine has no Chromium to print with.
fn no_printer() -> Problem {
    Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "pdf-unavailable",
        "PDF printing is not available",
        "this server cannot print PDF: it needs Chromium, which is not installed here; ask for format=html and print that, or install chromium on the server".into(),
    )
}

/// The customer's proposal for a request.
#[utoipa::path(
    post,
    path = "/v1/proposal",
    params(
        ("plan" = Option<String>, Query, description = "the plan's name, when the server has several"),
        ("format" = Option<String>, Query, description = "`html` (default), `pdf`, or `json`: the proposal's words and formatted amounts"),
        ("lang" = Option<String>, Query, description = "`en` or `zh`; the plan's language when left out"),
    ),
    request_body = crate::request::Request,
    responses(
        (status = 200, description = "the customer's proposal (lines and totals, no notes, approval reasons or derivations): text/html, application/pdf (A4, printed by headless Chromium) or its content as JSON"),
        (status = 400, description = "not a request, or a format or language not offered", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "no such plan", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "the plan cannot price the request", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 503, description = "PDF asked for and this server has no Chromium to print with, or the server is at its concurrency limit", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn proposal(
    Shared(state): Shared<Arc<State>>,
    query: Result<Query<DocQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = body.map_err(body_problem)?;
    let query = query.map_err(super::query_problem)?.0;
    let kind = kind(query.format.as_deref())?;
    let (entry, request) = posted(&state, &query, &body)?;
    let lang = lang_for(query.lang.as_deref(), &entry.plan)?;
    // Checked before pricing so a server without Chromium answers at once.
    if kind == Kind::Pdf && !crate::app::browser::available() {
        return Err(no_printer());
    }
    let plan = entry.plan.clone();
    let made = blocking(move || -> Result<(Vec<u8>, &'static str), Problem> {
        let q = crate::app::quote(&plan, &request)
            .map_err(|r| Problem::rejected(crate::text::shown(&r.to_string()).into_owned()))?;
        let doc = Document {
            audience: Audience::Customer,
            lang,
            prepared_by: None,
            date: document::date_of(&request),
        };
        match kind {
            Kind::Json => {
                let view = document::view(&q, &request, Some(&plan), &doc);
                let json = serde_json::to_vec(&view).map_err(|e| internal(e.to_string()))?;
                Ok((json, "application/json"))
            }
            Kind::Html => Ok((
                document::html(&q, &request, Some(&plan), &doc).into_bytes(),
                "text/html; charset=utf-8",
            )),
            Kind::Pdf => {
                let html = document::html(&q, &request, Some(&plan), &doc);
                print(&html).map(|pdf| (pdf, "application/pdf"))
            }
        }
    })
    .await??;
    let (bytes, mime) = made;
    let file = match kind {
        Kind::Pdf => Some(format!("proposal-{}.pdf", entry.name)),
        Kind::Html => Some(format!("proposal-{}.html", entry.name)),
        Kind::Json => None,
    };
    let mut res = (served_by(&entry), [(header::CONTENT_TYPE, mime)], bytes).into_response();
    if let Some(f) = file.and_then(|f| attachment(&f)) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, f);
    }
    Ok(res)
}

/// The plan a document is asked of, and the request posted for it.
fn posted(
    state: &State,
    query: &DocQuery,
    body: &[u8],
) -> Result<(Arc<crate::serve::catalog::Entry>, Request), Problem> {
    let entry = pick(
        &state.catalog.snapshot(),
        &PlanQuery {
            plan: query.plan.clone(),
        },
    )?;
    let request = Request::from_json(body)
        .map_err(|e| Problem::invalid_request(crate::text::shown(&e).into_owned()))?;
    Ok((entry, request))
}

/// `attachment; filename="NAME"`; plan names are letters, digits, `-` and `_` (see
/// `catalog::is_plan_name`), so the name needs no quoting.
fn attachment(file: &str) -> Option<axum::http::HeaderValue> {
    axum::http::HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")).ok()
}

fn internal(detail: String) -> Problem {
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "the document could not be written",
        detail,
    )
}

/// The HTML printed to PDF bytes, through a temporary file Chromium writes.
fn print(html: &str) -> Result<Vec<u8>, Problem> {
    let dir = tempfile::tempdir()
        .map_err(|e| internal(format!("cannot make a temporary folder: {e}")))?;
    let out = dir.path().join("proposal.pdf");
    crate::app::browser::pdf(html, &out).map_err(|e| {
        if crate::app::browser::available() {
            internal(format!("the PDF could not be printed: {e}"))
        } else {
            no_printer()
        }
    })?;
    std::fs::read(&out).map_err(|e| internal(format!("cannot read the printed PDF: {e}")))
}

/// The request as the TOML file `ratecard quote --request FILE` reads.
#[utoipa::path(
    post,
    path = "/v1/request",
    params(
        ("plan" = Option<String>, Query, description = "the plan's name, when the server has several"),
        ("format" = Option<String>, Query, description = "`toml`, the only one (and the default)"),
    ),
    request_body = crate::request::Request,
    responses(
        (status = 200, description = "the request as TOML (application/toml), headed by a comment naming the plan: `ratecard quote PLAN.rate --request FILE` prices it as the API does"),
        (status = 400, description = "not a request, or a format not offered", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "no such plan", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn request(
    Shared(state): Shared<Arc<State>>,
    query: Result<Query<DocQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = body.map_err(body_problem)?;
    let query = query.map_err(super::query_problem)?.0;
    match query.format.as_deref().map(str::trim) {
        None | Some("") | Some("toml") => {}
        Some(f) => {
            return Err(Problem::invalid_request(format!(
                "a request is written as toml, not `{}`",
                crate::text::shown(f)
            )))
        }
    }
    let (entry, request) = posted(&state, &query, &body)?;
    let text = toml_of(&entry.name, &request).map_err(internal)?;
    let mut res = (
        served_by(&entry),
        [(header::CONTENT_TYPE, "application/toml; charset=utf-8")],
        text,
    )
        .into_response();
    if let Some(f) = attachment(&format!("request-{}.toml", entry.name)) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, f);
    }
    Ok(res)
}

/// The request as TOML, headed by the plan it was priced with and the command that prices
/// it again.
pub fn toml_of(plan: &str, request: &Request) -> Result<String, String> {
    let body = toml::to_string(request)
        .map_err(|e| format!("the request cannot be written as TOML: {e}"))?;
    Ok(format!(
        "# Plan: {plan}.rate\n# Price it with: ratecard quote {plan}.rate --request THIS-FILE\n{body}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_round_trips_through_toml() {
        let json = r#"{"customer": "Maple \"Street\" Bakery", "edition": "standard", "seats": 5,
            "modules": ["sales_inbox"], "storage_gb": "12.5", "billing": "monthly",
            "quantities": {"payments": 400}, "volumes": {"payments": "30000.10"},
            "other_seats": {"core": 10}, "coupons": ["WELCOME100"],
            "services": [{"kind": "integration", "target": "erp", "complexity": "high", "quantity": "2.5"},
                         {"kind": "training", "quantity": 1}],
            "attributes": {"industry": "education", "size": 12, "vip": true}}"#;
        let request = Request::from_json(json.as_bytes()).unwrap();
        let text = toml_of("zoho", &request).unwrap();
        assert!(text.starts_with("# Plan: zoho.rate\n"), "{text}");
        assert_eq!(Request::parse(&text, false).unwrap(), request);
    }
}

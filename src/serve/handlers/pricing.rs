//! `GET /pricing/{name}`: a plan's pricing page, as `ratecard sheet --format html` writes
//! it, with each edition's "Get a quote" button opening the calculator on that edition.

use super::{blocking, pick, served_by, PlanQuery};
use crate::render::locale::Lang;
use crate::serve::{Problem, State};
use axum::extract::{Path, Query, State as Shared};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

/// `?lang=en|zh`: the page's language; the plan's own by default.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    /// `en` or `zh`.
    pub lang: Option<String>,
}

/// One plan's pricing page.
#[utoipa::path(
    get,
    path = "/pricing/{name}",
    params(
        ("name" = String, Path, description = "the plan's name"),
        ("lang" = Option<String>, Query, description = "`en` or `zh`; the plan's own language by default"),
    ),
    responses(
        (status = 200, description = "the plan's pricing page, one self-contained HTML file", content_type = "text/html"),
        (status = 400, description = "a language the pages are not written in", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "no such plan", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn page(
    Shared(state): Shared<Arc<State>>,
    name: Result<Path<String>, axum::extract::rejection::PathRejection>,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Problem> {
    let Path(name) = name.map_err(|e| {
        Problem::invalid_request(format!("the plan's name is not valid: {}", e.body_text()))
    })?;
    let Query(query) = query.map_err(|e| Problem::invalid_request(e.body_text()))?;
    let snap = state.catalog.snapshot();
    let entry = pick(&snap, &PlanQuery { plan: Some(name) })?;
    let lang = match query.lang.as_deref() {
        None => Lang::for_plan(&entry.plan),
        Some("en") => Lang::En,
        Some("zh") => Lang::Zh,
        Some(other) => {
            return Err(Problem::invalid_request(format!(
                "lang `{}` is not a language the pages are written in: en or zh",
                crate::text::shown(other)
            )))
        }
    };
    let page_entry = Arc::clone(&entry);
    // Drawing the page prices a reference quote per edition and cycle: off the async threads.
    let html = blocking(move || {
        let plan = &page_entry.plan;
        let facts = crate::app::pricing::facts(plan, lang, true);
        let links = crate::render::sheet::Links {
            calculator: Some(format!("/?plan={}", url_component(&page_entry.name))),
        };
        crate::render::sheet::html(plan, lang, &facts, &links)
    })
    .await?;
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, "no-cache"),
    ];
    Ok((served_by(&entry), headers, html).into_response())
}

/// `name` safe inside a query string (plan names are file stems: letters, digits, `-`, `_`
/// and `.` pass as they are).
fn url_component(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

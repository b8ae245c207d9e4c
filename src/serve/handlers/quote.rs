//! `POST /v1/quote`: a request in (the CLI's request schema, as JSON), the quote out (the
//! CLI's `--format json`), or a problem with the CLI's rejection message.

use super::{blocking, body_problem, pick, served_by, PlanQuery};
use crate::request::Request;
use crate::serve::{Problem, State};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State as Shared};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Prices one request: a plain quote or a deal (contract, ramp, amendment, renewal), in one
/// shape with its schedule of invoices.
#[utoipa::path(
    post,
    path = "/v1/quote",
    params(("plan" = Option<String>, Query, description = "the plan's name, when the server has several")),
    request_body = crate::request::Request,
    responses(
        (status = 200, description = "the quote or deal, as `ratecard quote --format json`: `kind` says which; `schedule` has its segments and every invoice with its lines as billed; `deal` its dates, contract prices and floors", body = crate::render::json::JsonQuote),
        (status = 400, description = "not a request", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "no such plan", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 413, description = "body too large", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "the plan cannot price the request", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 503, description = "the server is at its concurrency limit: retry later", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 504, description = "pricing took longer than the server's time limit", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn quote(
    Shared(state): Shared<Arc<State>>,
    query: Result<Query<PlanQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = body.map_err(body_problem)?;
    let query = query.map_err(super::query_problem)?.0;
    let entry = pick(&state.catalog.snapshot(), &query)?;
    let request = Request::from_json(&body)
        .map_err(|e| Problem::invalid_request(crate::text::shown(&e).into_owned()))?;
    // A quote without hooks from a small body takes microseconds, less than handing it to
    // the blocking pool and back (two thread wake-ups: a third of the server's CPU under
    // load went to them). Hooks may run up to their operation limit, and a body of
    // thousands of services takes milliseconds: those still price off the async threads.
    let priced = if entry.plan.hooks.is_empty() && body.len() <= INLINE_BODY_BYTES {
        price(&entry.plan, &request)
    } else {
        let plan = entry.plan.clone();
        blocking(move || price(&plan, &request)).await?
    };
    let json = priced.map_err(|m| Problem::rejected(crate::text::shown(&m).into_owned()))?;
    Ok((
        served_by(&entry),
        [(header::CONTENT_TYPE, "application/json")],
        json,
    )
        .into_response())
}

/// The largest body priced on the async thread: a few times any real request (under 1 KB).
const INLINE_BODY_BYTES: usize = 16 * 1024;

/// The quote (plain or deal, one shape) as the CLI's JSON document without its
/// indentation, or the rejection message.
pub fn price(plan: &crate::model::Plan, request: &Request) -> Result<Vec<u8>, String> {
    let q = crate::app::quote(plan, request).map_err(|r| r.to_string())?;
    // A quote's JSON is a few kilobytes: start there rather than grow from 128 bytes.
    let mut out = Vec::with_capacity(4096);
    serde_json::to_writer(&mut out, &crate::render::json::JsonQuote::new(&q, request))
        .map_err(|e| e.to_string())?;
    Ok(out)
}

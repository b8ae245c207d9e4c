//! `POST /v1/batch`: newline-delimited JSON requests in, one JSON line per request out,
//! streamed as each is priced. A bad line is an answer for that line, never the end.

use super::{body_problem, pick, served_by, text, PlanQuery};
use crate::request::Request;
use crate::serve::{Problem, State};
use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State as Shared};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::sync::Arc;

/// Prices every line of the body; blank lines are skipped, line numbers are the body's.
#[utoipa::path(
    post,
    path = "/v1/batch",
    params(("plan" = Option<String>, Query, description = "the plan's name, when the server has several")),
    request_body(content = String, content_type = "application/x-ndjson", description = "one request per line"),
    responses((status = 200, description = "one line per request: `{line, status: ok|rejected|invalid, quote | message}`", content_type = "application/x-ndjson"))
)]
pub async fn batch(
    Shared(state): Shared<Arc<State>>,
    query: Result<Query<PlanQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = body.map_err(body_problem)?;
    text(&body)?;
    let query = query.map_err(super::query_problem)?.0;
    let entry = pick(&state.catalog.snapshot(), &query)?;
    let plan = entry.plan.clone();
    let lines: Vec<(usize, Bytes)> = body
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .map(|(i, l)| (i + 1, body.slice_ref(l)))
        .collect();
    // One line priced per poll: the first answers leave before the last request is read.
    let stream = futures_util::stream::iter(lines).map(move |(n, line)| {
        let mut out = serde_json::to_vec(&answer(&plan, n, &line)).unwrap_or_default();
        out.push(b'\n');
        Ok::<_, std::convert::Infallible>(Bytes::from(out))
    });
    Ok((
        served_by(&entry),
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(stream),
    )
        .into_response())
}

use futures_util::StreamExt as _;

fn answer(plan: &crate::model::Plan, line: usize, raw: &[u8]) -> Value {
    let request: Request = match serde_json::from_slice(raw) {
        Ok(r) => r,
        Err(e) => {
            return json!({ "line": line, "status": "invalid", "message": crate::text::shown(&e.to_string()) })
        }
    };
    match super::quote::price(plan, &request) {
        Ok(text) => {
            let quote: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            json!({ "line": line, "status": "ok", "quote": quote })
        }
        Err(m) => json!({ "line": line, "status": "rejected", "message": crate::text::shown(&m) }),
    }
}

//! `POST /v1/batch`: newline-delimited JSON requests in, one JSON line per request out,
//! streamed as each is priced. A bad line is an answer for that line, never the end.

use super::{body_problem, pick, served_by, text, PlanQuery};
use crate::request::Request;
use crate::serve::limits::Deadline;
use crate::serve::{Problem, State};
use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Extension, Query, State as Shared};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

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
    deadline: Option<Extension<Deadline>>,
    query: Result<Query<PlanQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = body.map_err(body_problem)?;
    text(&body)?;
    let query = query.map_err(super::query_problem)?.0;
    let entry = pick(&state.catalog.snapshot(), &query)?;
    let plan = entry.plan.clone();
    let limit = state.config.timeout;
    let deadline = deadline.map_or_else(|| Instant::now() + limit, |d| d.0 .0);
    let lines: Vec<(usize, Bytes)> = body
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .map(|(i, l)| (i + 1, body.slice_ref(l)))
        .collect();
    // A chunk of lines at a time on a blocking thread (pricing is CPU work that must not
    // hold up the async threads), each chunk sent as it is priced; at the deadline the
    // stream ends with one line saying where it stopped, not a cut connection.
    let state = (lines, 0usize, Some(plan));
    let stream = futures_util::stream::unfold(state, move |(lines, at, plan)| async move {
        let plan = plan?;
        if at >= lines.len() {
            return None;
        }
        if Instant::now() >= deadline {
            let out = line_of(&stopped(lines[at].0, lines.len() - at, limit));
            return Some((Ok(out), (lines, at, None)));
        }
        let end = (at + CHUNK).min(lines.len());
        let chunk: Vec<(usize, Bytes)> = lines[at..end].to_vec();
        let p = plan.clone();
        let priced = tokio::task::spawn_blocking(move || {
            let mut out = Vec::new();
            for (n, line) in &chunk {
                out.extend_from_slice(&line_of(&answer(&p, *n, line)));
            }
            Bytes::from(out)
        })
        .await;
        match priced {
            Ok(bytes) => Some((Ok(bytes), (lines, end, Some(plan)))),
            Err(e) => Some((
                Err(std::io::Error::other(e.to_string())),
                (lines, end, None),
            )),
        }
    });
    Ok((
        served_by(&entry),
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(stream),
    )
        .into_response())
}

/// Lines priced per blocking task: enough that a task costs little beside its pricing,
/// few enough that the first answers leave at once and the deadline is checked often.
const CHUNK: usize = 64;

/// One answer as a line of the body.
fn line_of(v: &Value) -> Bytes {
    let mut out = serde_json::to_vec(v).unwrap_or_default();
    out.push(b'\n');
    Bytes::from(out)
}

/// The last line of a batch stopped at the time limit: where, and how many were left.
fn stopped(line: usize, left: usize, limit: Duration) -> Value {
    json!({
        "line": line,
        "status": "timeout",
        "message": format!(
            "not priced: the batch reached the server's time limit of {} ms (--timeout-ms); this line and the {} after it were not priced",
            limit.as_millis(),
            left.saturating_sub(1)
        )
    })
}

fn answer(plan: &crate::model::Plan, line: usize, raw: &[u8]) -> Value {
    let request = match Request::from_json(raw) {
        Ok(r) => r,
        Err(e) => {
            return json!({ "line": line, "status": "invalid", "message": crate::text::shown(&e) })
        }
    };
    match super::quote::price(plan, &request) {
        Ok(text) => {
            let quote: Value = serde_json::from_slice(&text).unwrap_or(Value::Null);
            json!({ "line": line, "status": "ok", "quote": quote })
        }
        Err(m) => json!({ "line": line, "status": "rejected", "message": crate::text::shown(&m) }),
    }
}

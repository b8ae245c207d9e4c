//! One file per endpoint; this module holds what they share: picking the plan a request
//! names, reading a body, and saying which plan version answered.

pub mod batch;
pub mod calculator;
pub mod check;
pub mod documents;
pub mod health;
pub mod page;
pub mod plans;
pub mod pricing;
pub mod quote;

use super::catalog::{Entry, PickError, Snapshot};
use super::Problem;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

/// `?plan=NAME`
#[derive(Debug, Default, Deserialize)]
pub struct PlanQuery {
    /// The plan's name (its file's stem).
    pub plan: Option<String>,
}

/// The plan `query` names (or the only one), as loaded now.
pub fn pick(snap: &Snapshot, query: &PlanQuery) -> Result<Arc<Entry>, Problem> {
    let names = || json!(snap.names());
    match snap.pick(query.plan.as_deref()) {
        Ok(e) => Ok(e.clone()),
        Err(PickError::Ambiguous) => Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "plan-required",
            "which plan?",
            format!(
                "this server prices with several plans; add ?plan=NAME, one of: {}",
                snap.names().join(", ")
            ),
        )
        .with("plans", names())),
        Err(PickError::Unknown) => {
            let name = query.plan.clone().unwrap_or_default();
            Err(Problem::new(
                StatusCode::NOT_FOUND,
                "unknown-plan",
                "no such plan",
                format!(
                    "no plan is named `{}`; plans: {}",
                    crate::text::shown(&name),
                    snap.names().join(", ")
                ),
            )
            .with("plans", names()))
        }
    }
}

/// Headers naming the plan version that answered, on every priced response.
pub fn served_by(entry: &Entry) -> HeaderMap {
    let mut h = HeaderMap::new();
    let mut put = |k: &'static str, v: &str| {
        if let Ok(v) = HeaderValue::from_str(v) {
            h.insert(k, v);
        }
    };
    put("ratecard-plan", &entry.name);
    put("ratecard-plan-version", &entry.plan.version);
    put("ratecard-plan-sha256", &entry.plan.source_sha256);
    h
}

/// A body as UTF-8 text, or the problem saying it is not.
pub fn text(body: &[u8]) -> Result<&str, Problem> {
    std::str::from_utf8(body).map_err(|e| {
        Problem::invalid_request(format!(
            "the body is not UTF-8 text (byte {} is not)",
            e.valid_up_to() + 1
        ))
    })
}

/// A query string that does not read, as a problem.
pub fn query_problem(e: axum::extract::rejection::QueryRejection) -> Problem {
    Problem::invalid_request(format!("the query string is not valid: {}", e.body_text()))
}

/// A body too large or unreadable, as a problem.
pub fn body_problem(e: axum::extract::rejection::BytesRejection) -> Problem {
    let status = e.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return Problem::new(
            status,
            "body-too-large",
            "the request body is too large",
            "the body is larger than the server accepts (see --max-body)".into(),
        );
    }
    Problem::new(
        status,
        "unreadable-body",
        "the request body could not be read",
        e.body_text(),
    )
}

/// Runs blocking pricing work off the async threads.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Problem> {
    tokio::task::spawn_blocking(work).await.map_err(|_| {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "pricing failed",
            "the pricing task stopped unexpectedly; nothing was priced".into(),
        )
    })
}

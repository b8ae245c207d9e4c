//! `GET /healthz` (the process answers), `GET /readyz` (plans are loaded; broken edits
//! are listed), `POST /v1/admin/reload` (reload now, behind the admin token), and the
//! answer to an unknown path.

use crate::serve::{Problem, State};
use axum::extract::State as Shared;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::Json;
use serde_json::{json, Value};
use std::sync::Arc;

/// The process is up.
#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "the process answers")))]
pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Ready when at least one plan is served; each plan's version and hash, and every plan
/// whose current file is broken (served at its last good version, if it had one).
#[utoipa::path(get, path = "/readyz", responses(
    (status = 200, description = "plans are served (status `degraded` when an edit is broken)"),
    (status = 503, description = "no plan can be served", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
))]
pub async fn readyz(Shared(state): Shared<Arc<State>>) -> Result<Json<Value>, Problem> {
    let snap = state.catalog.snapshot();
    let plans: Vec<Value> = (snap.plans.values())
        .map(|e| {
            json!({
                "name": e.name,
                "version": &*e.plan.version,
                "source_sha256": &*e.plan.source_sha256,
                "generation": e.generation,
            })
        })
        .collect();
    let broken: Vec<Value> = (snap.broken.iter())
        .map(|(name, why)| {
            json!({ "name": name, "error": why, "serving_last_good": snap.plans.contains_key(name) })
        })
        .collect();
    if plans.is_empty() {
        return Err(Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "not-ready",
            "no plan to serve",
            "every plan file is broken or gone".into(),
        )
        .with("broken", json!(broken)));
    }
    let status = if broken.is_empty() {
        "ready"
    } else {
        "degraded"
    };
    Ok(Json(
        json!({ "status": status, "plans": plans, "broken": broken }),
    ))
}

/// Reloads changed plans now, instead of at the next look; needs the admin token.
#[utoipa::path(post, path = "/v1/admin/reload", security(("bearer" = [])), responses(
    (status = 200, description = "what changed"),
    (status = 401, description = "no or wrong token", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
    (status = 403, description = "the server has no admin token", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
))]
pub async fn reload(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
) -> Result<Json<Value>, Problem> {
    admin(&state, &headers)?;
    let s = state.clone();
    let log = super::blocking(move || s.catalog.reload()).await?;
    Ok(Json(json!({ "changes": log })))
}

/// Refuses an administrative call without the configured bearer token.
pub fn admin(state: &State, headers: &HeaderMap) -> Result<(), Problem> {
    let Some(token) = state.config.admin_token.as_deref() else {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "admin-disabled",
            "administrative endpoints are off",
            "start the server with --admin-token (or RATECARD_ADMIN_TOKEN) to use them".into(),
        ));
    };
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !same(given.as_bytes(), token.as_bytes()) {
        return Err(Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "a bearer token is required",
            "send Authorization: Bearer TOKEN with the server's admin token".into(),
        ));
    }
    Ok(())
}

/// Compares without stopping at the first difference, so timing does not leak the token.
fn same(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, x) in a.iter().enumerate() {
        diff |= usize::from(x ^ b.get(i % b.len().max(1)).copied().unwrap_or(0));
    }
    diff == 0
}

/// Any other path.
pub async fn not_found(uri: Uri) -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "not-found",
        "no such endpoint",
        format!(
            "nothing is served at {}; see /openapi.json",
            crate::text::shown(uri.path())
        ),
    )
}

/// A path served, with another method.
pub async fn method_not_allowed(method: axum::http::Method, uri: Uri) -> Problem {
    Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        "method not allowed",
        format!(
            "{} is not answered at {}; see /openapi.json",
            crate::text::shown(method.as_str()),
            crate::text::shown(uri.path())
        ),
    )
}

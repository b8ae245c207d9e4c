//! Errors as RFC 9457 problem documents (`application/problem+json`): one type every
//! handler returns, carrying the same rejection messages and diagnostics as the CLI.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// A problem: an HTTP status, a stable type, a title and what happened this time.
#[derive(Debug)]
pub struct Problem {
    status: StatusCode,
    slug: &'static str,
    title: &'static str,
    detail: String,
    extra: Map<String, Value>,
}

impl Problem {
    /// A problem of `slug` (its type is `urn:ratecard:problem:SLUG`).
    pub fn new(
        status: StatusCode,
        slug: &'static str,
        title: &'static str,
        detail: String,
    ) -> Self {
        Problem {
            status,
            slug,
            title,
            detail,
            extra: Map::new(),
        }
    }

    /// Adds a member beside the standard ones (`diagnostics`, `plans`, `rejection`).
    pub fn with(mut self, key: &str, value: Value) -> Self {
        self.extra.insert(key.to_string(), value);
        self
    }

    /// The request body is not a request: bad JSON, an unknown field, a wrong type.
    pub fn invalid_request(detail: String) -> Self {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "invalid-request",
            "the request is not valid",
            detail,
        )
    }

    /// The plan could not price the request; `detail` is the CLI's rejection message.
    pub fn rejected(detail: String) -> Self {
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "request-rejected",
            "request rejected",
            detail,
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut body = json!({
            "type": format!("urn:ratecard:problem:{}", self.slug),
            "title": self.title,
            "status": self.status.as_u16(),
            "detail": self.detail,
        });
        if let Value::Object(m) = &mut body {
            m.extend(self.extra);
        }
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        (
            self.status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            bytes,
        )
            .into_response()
    }
}

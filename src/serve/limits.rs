//! The limits every API request passes, in the order that keeps one client from starving
//! the others: the whole body first (within `--body-timeout-ms` and `--max-body`), then one
//! permit of the server-wide concurrency limit (`--concurrency`, shared by every route, the
//! batch included), then the work within `--timeout-ms`. The permit is held until the
//! response's body has been sent, so a streamed batch counts for as long as it streams.
//!
//! A body is read before a permit is taken so that slow uploads cannot hold the permits
//! pricing needs: 256 clients announcing 100 bytes and sending 4 hold connections (bounded
//! by `--max-connections` and the body timeout), never the work.

use super::conn::Conn;
use super::{Problem, State};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State as Shared};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use hyper::body::{Body as HttpBody, Frame, SizeHint};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::time::Instant;

/// When the request being handled must be done: handlers that stream (the batch) stop
/// there on their own and say so, rather than being cut off mid-line.
#[derive(Debug, Clone, Copy)]
pub struct Deadline(pub Instant);

/// How a body read ended short.
enum BodyError {
    TooLarge,
    Unreadable(String),
}

/// The body, whole, refusing it as soon as it passes `max` bytes.
async fn read_body(body: Body, max: usize) -> Result<Bytes, BodyError> {
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| BodyError::Unreadable(e.to_string()))?;
        if bytes.len() + chunk.len() > max {
            return Err(BodyError::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(bytes))
}

/// The problem for a body larger than `--max-body`.
pub fn too_large(max: usize) -> Problem {
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "body-too-large",
        "the request body is too large",
        format!("the body is larger than the server accepts: {max} bytes (--max-body)"),
    )
}

/// The middleware: body, permit, time; see the module's comment.
pub async fn limit(Shared(state): Shared<Arc<State>>, req: Request, next: Next) -> Response {
    let config = &state.config;
    let conn = req.extensions().get::<Arc<Conn>>().cloned();
    let (parts, body) = req.into_parts();
    let announced = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > config.max_body_bytes as u64) {
        return too_large(config.max_body_bytes).into_response();
    }
    let body = tokio::time::timeout(config.body_timeout, read_body(body, config.max_body_bytes));
    let bytes = match body.await {
        Ok(Ok(b)) => b,
        Ok(Err(BodyError::TooLarge)) => return too_large(config.max_body_bytes).into_response(),
        Ok(Err(BodyError::Unreadable(why))) => {
            return Problem::new(
                StatusCode::BAD_REQUEST,
                "unreadable-body",
                "the request body could not be read",
                why,
            )
            .into_response()
        }
        Err(_) => {
            return Problem::new(
                StatusCode::REQUEST_TIMEOUT,
                "body-timeout",
                "the request body took too long",
                format!(
                "the whole body must arrive within {} ms (--body-timeout-ms); nothing was priced",
                config.body_timeout.as_millis()
            ),
            )
            .into_response()
        }
    };
    let Ok(permit) = state.permits.clone().try_acquire_owned() else {
        return Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            "the server is busy",
            format!(
                "{} requests are already being handled (--concurrency); try again shortly",
                config.concurrency.max(1)
            ),
        )
        .into_response();
    };
    if let Some(c) = &conn {
        c.working();
    }
    let deadline = Instant::now() + config.timeout;
    let mut req = Request::from_parts(parts, Body::from(bytes));
    req.extensions_mut().insert(Deadline(deadline));
    let response = match tokio::time::timeout_at(deadline, next.run(req)).await {
        Ok(r) => r,
        Err(_) => timed_out(config.timeout).into_response(),
    };
    response.map(|b| Body::new(Held::new(b, permit)))
}

/// The problem for a request that ran out of `--timeout-ms`.
pub fn timed_out(limit: std::time::Duration) -> Problem {
    Problem::new(
        StatusCode::GATEWAY_TIMEOUT,
        "timeout",
        "the request took too long",
        format!(
            "it was stopped at the server's time limit of {} ms (--timeout-ms); nothing was priced",
            limit.as_millis()
        ),
    )
}

/// A response body that keeps `T` (a concurrency permit, a connection's busy mark) alive
/// until the body has been sent or dropped.
pub struct Held<T> {
    body: Body,
    _held: T,
}

impl<T> Held<T> {
    /// `body`, holding `held` until it ends.
    pub fn new(body: Body, held: T) -> Self {
        Held { body, _held: held }
    }
}

impl<T: Unpin> HttpBody for Held<T> {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

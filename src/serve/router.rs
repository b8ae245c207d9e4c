//! The routes and the layers every request passes: a request id, a log line, CORS when
//! configured, and for every route but the two probes the limits of `limits.rs` (the body
//! within its size and time, one permit of the server-wide concurrency limit, the work
//! within its time), which refuse rather than queue.

use super::handlers;
use super::{limits, State};
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Request};
use axum::routing::{get, post};
use axum::Router;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tower::ServiceBuilder;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};

/// The header that carries a request's id, given by the caller or made here.
pub const REQUEST_ID: &str = "x-request-id";

/// Request ids `r1`, `r2`, ... for requests that come without one.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicU64>);

impl MakeRequestId for Counter {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        // Digits written on the stack: no `String` per request.
        let mut buf = [0u8; 21];
        let mut at = buf.len();
        let mut left = n;
        loop {
            at -= 1;
            buf[at] = b'0' + (left % 10) as u8;
            left /= 10;
            if left == 0 {
                break;
            }
        }
        at -= 1;
        buf[at] = b'r';
        HeaderValue::from_bytes(&buf[at..]).ok().map(RequestId::new)
    }
}

/// The target of the one log line per request (`serve::log` batches these lines).
pub const LOG_TARGET: &str = module_path!();

/// Logs one line per request at INFO, when it is answered: its id, method, path, status
/// and time taken, as structured fields. No span and no text is built per request (the
/// fields borrow from the request, whose parts are reference-counted), and nothing at all
/// when INFO is off (`--log-level warn`).
async fn log_request(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if !tracing::enabled!(tracing::Level::INFO) {
        return next.run(req).await;
    }
    let started = std::time::Instant::now();
    let method = req.method().clone();
    let uri = req.uri().clone();
    let id = req.headers().get(REQUEST_ID).cloned();
    let res = next.run(req).await;
    tracing::info!(
        target: LOG_TARGET,
        id = id.as_ref().and_then(|v| v.to_str().ok()).unwrap_or("-"),
        method = method.as_str(),
        path = uri.path(),
        status = res.status().as_u16(),
        micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
        "request"
    );
    res
}

/// Every route of the server, with its layers.
///
/// `/healthz` and `/readyz` do no work and take no permit: a balancer must be able to tell
/// a busy replica from a dead one. Every other route, the batch included, shares the one
/// concurrency limit (a layer on each route would count per route: `--concurrency 4` was
/// 12 requests in flight across quote, check and batch).
pub fn router(state: Arc<State>) -> Router {
    let id = HeaderName::from_static(REQUEST_ID);
    let config = &state.config;
    let api = Router::new()
        .route("/v1/quote", post(handlers::quote::quote))
        .route("/v1/check", post(handlers::check::check))
        .route("/v1/batch", post(handlers::batch::batch))
        .route("/v1/plans", get(handlers::plans::list))
        .route("/v1/plans/{name}", get(handlers::plans::sheet))
        .route("/v1/calculator/{name}", get(handlers::calculator::form))
        .route("/v1/proposal", post(handlers::documents::proposal))
        .route("/v1/request", post(handlers::documents::request))
        .route("/v1/admin/reload", post(handlers::health::reload))
        .route("/openapi.json", get(super::openapi::document))
        .route("/", get(handlers::page::calculator))
        .route("/calculator.js", get(handlers::page::script))
        .route("/pricing/{name}", get(handlers::pricing::page))
        .fallback(handlers::health::not_found)
        .method_not_allowed_fallback(handlers::health::method_not_allowed)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limits::limit,
        ))
        .with_state(state.clone());
    let probes = Router::new()
        .route("/healthz", get(handlers::health::healthz))
        .route("/readyz", get(handlers::health::readyz))
        .method_not_allowed_fallback(handlers::health::method_not_allowed)
        .with_state(state.clone());
    let api = probes.merge(api);
    let api = match cors(&config.cors) {
        Some(c) => api.layer(c),
        None => api,
    };
    api.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(id.clone(), Counter::default()))
            .layer(axum::middleware::from_fn(log_request))
            .layer(PropagateRequestIdLayer::new(id)),
    )
}

/// CORS for the configured origins; none configured, no CORS headers at all.
fn cors(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let layer = CorsLayer::new()
        .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
        .allow_headers([
            axum::http::header::CONTENT_TYPE,
            axum::http::header::AUTHORIZATION,
        ]);
    if origins.iter().any(|o| o == "*") {
        return Some(layer.allow_origin(AllowOrigin::any()));
    }
    let list: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    Some(layer.allow_origin(list))
}

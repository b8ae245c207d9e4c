//! `GET /`: the price calculator, one static page and its script, which call the API.

use axum::http::header;
use axum::response::IntoResponse;

/// The page, compiled into the binary so a replica needs no files but its plans.
const PAGE: &str = include_str!("../page/calculator.html");

/// The page's script: plain JavaScript, no framework and no build step.
const SCRIPT: &str = include_str!("../page/calculator.js");

/// The calculator.
pub async fn calculator() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        PAGE,
    )
}

/// The calculator's script.
pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SCRIPT,
    )
}

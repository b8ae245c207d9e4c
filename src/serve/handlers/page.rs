//! `GET /`: the price calculator, one static page that calls the API.

use axum::http::header;
use axum::response::IntoResponse;

/// The page, compiled into the binary so a replica needs no files but its plans.
const PAGE: &str = include_str!("../page/calculator.html");

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

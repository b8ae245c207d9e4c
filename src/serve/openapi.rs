//! `GET /openapi.json`: the OpenAPI 3 document, generated from the request and quote
//! types themselves (utoipa), so it cannot drift from what the server reads and writes.

use super::handlers;
use axum::http::header;
use axum::response::IntoResponse;
use utoipa::OpenApi;

/// The API as a whole.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "ratecard",
        description = "Quotes from a declarative price book, exact to the cent. Errors are RFC 9457 problem documents (application/problem+json) with the same messages as the ratecard command line."
    ),
    paths(
        handlers::quote::quote,
        handlers::check::check,
        handlers::batch::batch,
        handlers::plans::list,
        handlers::plans::sheet,
        handlers::calculator::form,
        handlers::documents::proposal,
        handlers::documents::request,
        handlers::pricing::page,
        handlers::health::healthz,
        handlers::health::readyz,
        handlers::health::reload,
    ),
    components(schemas(crate::request::Request, crate::render::json::JsonQuote, ProblemDoc))
)]
struct Api;

/// An RFC 9457 problem document as this server writes it.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ProblemDoc {
    /// `urn:ratecard:problem:SLUG`, stable for each kind of problem.
    r#type: String,
    /// A short summary of the kind of problem.
    title: String,
    /// The HTTP status.
    status: u16,
    /// What happened this time, in the CLI's words.
    detail: String,
}

/// The document, as JSON.
pub async fn document() -> impl IntoResponse {
    let body = Api::openapi().to_pretty_json().unwrap_or_default();
    ([(header::CONTENT_TYPE, "application/json")], body)
}

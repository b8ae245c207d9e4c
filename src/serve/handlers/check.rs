//! `POST /v1/check`: a plan's source in, its diagnostics out, as `ratecard check --format
//! json` gives them. A posted plan reads no file: its hooks are refused, not followed.

use super::{body_problem, text};
use crate::check::check_posted;
use crate::diagnostic::SourceFile;
use crate::serve::Problem;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::Json;

/// The name a posted plan's diagnostics are shown under.
const POSTED: &str = "<posted plan>";

/// 200 with the warnings when the plan checks, 422 problem+json with every diagnostic
/// when it has errors.
#[utoipa::path(
    post,
    path = "/v1/check",
    request_body(content = String, content_type = "text/plain", description = "a plan's source"),
    responses(
        (status = 200, description = "the plan checks; its warnings, as `ratecard check --format json`"),
        (status = 422, description = "the plan has errors: `diagnostics` lists them", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn check(
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<serde_json::Value>, Problem> {
    let body = body.map_err(body_problem)?;
    let source = SourceFile::new(POSTED, text(&body)?.to_string());
    let checked = super::blocking(move || check_posted(source)).await?;
    let report = crate::app::report::file_json(&checked, checked.has_errors());
    if !checked.has_errors() {
        return Ok(Json(report));
    }
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    Err(Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "plan-has-errors",
        "the plan has errors",
        format!("the plan has {errors} error{}", crate::app::plural(errors)),
    )
    .with("diagnostics", report["diagnostics"].clone()))
}

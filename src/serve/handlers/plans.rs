//! `GET /v1/plans` (what is served) and `GET /v1/plans/{name}` (one plan's price sheet as
//! data: every item a request can name, with its price in the plan's own words).

use super::{pick, served_by, PlanQuery};
use crate::diff::describe;
use crate::model::{Billing, Plan};
use crate::serve::{Problem, State};
use axum::extract::{Path, State as Shared};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::sync::Arc;

/// Every served plan: name, version, currency, hash.
#[utoipa::path(get, path = "/v1/plans", responses((status = 200, description = "the plans served")))]
pub async fn list(Shared(state): Shared<Arc<State>>) -> Json<Value> {
    let snap = state.catalog.snapshot();
    let plans: Vec<Value> = (snap.plans.values())
        .map(|e| {
            json!({
                "name": e.name,
                "title": &*e.plan.name,
                "version": &*e.plan.version,
                "currency": &*e.plan.currency.code,
                "source_sha256": &*e.plan.source_sha256,
            })
        })
        .collect();
    Json(json!({ "plans": plans }))
}

/// One plan's price sheet.
#[utoipa::path(
    get,
    path = "/v1/plans/{name}",
    params(("name" = String, Path, description = "the plan's name")),
    responses(
        (status = 200, description = "editions, modules, add-ons and usage, backup, support and services with their prices"),
        (status = 404, description = "no such plan", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn sheet(
    Shared(state): Shared<Arc<State>>,
    name: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Response, Problem> {
    let Path(name) = name.map_err(|e| {
        Problem::invalid_request(format!("the plan's name is not valid: {}", e.body_text()))
    })?;
    let snap = state.catalog.snapshot();
    let entry = pick(&snap, &PlanQuery { plan: Some(name) })?;
    let body = Json(price_sheet(&entry.name, &entry.plan));
    Ok((served_by(&entry), body).into_response())
}

fn cycles(sold_on: &[Billing]) -> Vec<String> {
    let all = if sold_on.is_empty() {
        &Billing::ALL[..]
    } else {
        sold_on
    };
    all.iter().map(|b| b.name().into_owned()).collect()
}

/// The plan as data, for a calculator or a CRM's product catalogue.
pub fn price_sheet(name: &str, p: &Plan) -> Value {
    let d = p.currency.minor_digits;
    let editions: Vec<Value> = (p.editions.iter())
        .map(|e| {
            json!({
                "id": &*e.id,
                "label": &*e.label,
                "price": describe::with_cycles(&e.price, &e.cycle_prices, &e.sold_on, d, describe::seat_price),
                "billing": cycles(&e.sold_on),
                "includes": describe::included(p, e),
                "minimum_seats": e.limits.minimum,
                "maximum_seats": e.limits.maximum,
            })
        })
        .collect();
    let modules: Vec<Value> = (p.modules.iter())
        .map(|m| {
            json!({
                "id": &*m.id,
                "label": &*m.label,
                "price": m.price.as_ref().map(|_| describe::module_price(&m.price, d)),
                "sold_separately": m.price.is_some() || !m.attach.is_empty(),
                "per_seat": (m.price.iter().chain(m.attach.iter().map(|a| &a.price)))
                    .any(|p| matches!(p, crate::model::SeatPrice::PerSeat(_))),
                "requires": describe::module_names(p, &m.requires),
                "excludes": describe::module_names(p, &m.excludes),
            })
        })
        .collect();
    let quantities: Vec<Value> = (p.quantities.iter())
        .map(|q| {
            json!({
                "id": &*q.id,
                "label": &*q.label,
                "kind": match q.kind { crate::model::QuantityKind::Addon => "addon", crate::model::QuantityKind::Usage => "usage" },
                "unit": &*q.unit,
                "divisible": q.divisible,
                "price": crate::diff::quantities::charge(&q.charge, &q.unit, d),
                "on_volume": matches!(q.charge, crate::model::Charge::Percent(_)),
                "minimum": q.minimum.map(|m| m.normalize().to_string()),
                "maximum": q.maximum.map(|m| m.normalize().to_string()),
            })
        })
        .collect();
    let backups: Vec<Value> = (p.backups.iter())
        .map(|b| json!({ "id": &*b.id, "label": &*b.label, "price": describe::backup(b, d), "billing": cycles(&b.sold_on) }))
        .collect();
    let supports: Vec<Value> = (p.supports.iter())
        .map(|s| {
            json!({
                "id": &*s.id,
                "label": &*s.label,
                "channels": s.channels.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                "price": describe::support(&s.price, d),
                "billing": cycles(&s.sold_on),
            })
        })
        .collect();
    let services: Vec<Value> = (p.services.iter())
        .map(|s| json!({ "id": &*s.id, "label": &*s.label, "price": describe::service(&s.pricing, d) }))
        .collect();
    json!({
        "name": name,
        "title": &*p.name,
        "version": &*p.version,
        "currency": &*p.currency.code,
        "minor_digits": d,
        "tax_percent": p.tax_percent.normalize().to_string(),
        "tax_included": p.tax_included,
        "source_sha256": &*p.source_sha256,
        "min_term_months": p.min_term_months,
        "billing": Billing::ALL.iter().map(|b| b.name()).collect::<Vec<_>>(),
        "storage": p.storage.overage.as_ref().map(|o| describe::overage(o, d)),
        "editions": editions,
        "modules": modules,
        "quantities": quantities,
        "backups": backups,
        "supports": supports,
        "services": services,
        "coupons": p.coupons.iter().map(|c| c.id.to_string()).collect::<Vec<_>>(),
        "seat_types": (p.seat_types.iter())
            .map(|t| json!({ "id": &*t.id, "label": &*t.label, "price": describe::module(p, t, d) }))
            .collect::<Vec<_>>(),
    })
}

//! `GET /v1/calculator/{name}`: everything the calculator page needs to draw one plan's form
//! in one language: the items a request can name with their labels in that language, the
//! choices each input offers, and the page's own words from the message catalogues.

use super::{pick, served_by, PlanQuery};
use crate::model::{Field, Plan, ServicePricing, Value as Literal, When};
use crate::render::locale::{Lang, Words};
use crate::render::words::{label_in, Say};
use crate::serve::{Problem, State};
use axum::extract::{Path, Query, State as Shared};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// `?lang=en|zh`: the language of a page or document, instead of the plan's own.
#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    /// `en` or `zh` (`zh-CN` also reads as Chinese).
    pub lang: Option<String>,
}

/// The language asked for, else the plan's (its `locale`, else Chinese for CNY), the rule
/// documents follow.
pub fn lang_for(asked: Option<&str>, plan: &Plan) -> Result<Lang, Problem> {
    match asked.map(str::trim) {
        None | Some("") => Ok(Lang::for_plan(plan)),
        Some(l) if l.eq_ignore_ascii_case("en") || l.to_ascii_lowercase().starts_with("en-") => {
            Ok(Lang::En)
        }
        Some(l) if l.eq_ignore_ascii_case("zh") || l.to_ascii_lowercase().starts_with("zh-") => {
            Ok(Lang::Zh)
        }
        Some(l) => Err(Problem::invalid_request(format!(
            "the language `{}` is not offered: write lang=en or lang=zh",
            crate::text::shown(l)
        ))),
    }
}

/// The calculator's words: every catalogue message whose key starts `calc-`, in `lang`.
/// Sent whole (a few dozen short strings) so the page holds no words of its own.
pub fn messages(lang: Lang) -> Map<String, Value> {
    let w = Words::new(lang);
    include_str!("../../render/locale/en.ftl")
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim_end()))
        .filter(|k| k.starts_with("calc-"))
        .map(|k| (k.to_string(), Value::String(w.get(k))))
        .collect()
}

/// The form of plan `name`.
#[utoipa::path(
    get,
    path = "/v1/calculator/{name}",
    params(
        ("name" = String, Path, description = "the plan's name"),
        ("lang" = Option<String>, Query, description = "`en` or `zh`; the plan's language when left out"),
    ),
    responses(
        (status = 200, description = "the calculator's inputs for the plan, with labels and the page's words in the language"),
        (status = 400, description = "a language that is not offered", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "no such plan", body = crate::serve::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn form(
    Shared(state): Shared<Arc<State>>,
    name: Result<Path<String>, axum::extract::rejection::PathRejection>,
    query: Result<Query<LangQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Problem> {
    let Path(name) = name.map_err(|e| {
        Problem::invalid_request(format!("the plan's name is not valid: {}", e.body_text()))
    })?;
    let query = query.map_err(super::query_problem)?.0;
    let snap = state.catalog.snapshot();
    let entry = pick(&snap, &PlanQuery { plan: Some(name) })?;
    let lang = lang_for(query.lang.as_deref(), &entry.plan)?;
    let body = Json(form_of(&entry.name, &entry.plan, lang));
    Ok((served_by(&entry), body).into_response())
}

/// The plan's inputs as data, labelled in `lang`.
pub fn form_of(name: &str, p: &Plan, lang: Lang) -> Value {
    let w = Words::new(lang);
    let s = Say {
        w: &w,
        currency: &p.currency.code,
        d: p.currency.minor_digits,
    };
    let editions: Vec<Value> = (p.editions.iter())
        .map(|e| {
            json!({
                "id": &*e.id,
                "label": label_in(p, "edition", &e.id, &e.label, lang),
                "includes": crate::diff::describe::included(p, e),
                "minimum_seats": e.limits.minimum,
                "maximum_seats": e.most_seats(),
            })
        })
        .collect();
    let modules: Vec<Value> = (p.modules.iter())
        .map(|m| {
            json!({
                "id": &*m.id,
                "label": label_in(p, "module", &m.id, &m.label, lang),
                "sold_separately": m.price.is_some() || !m.attach.is_empty(),
                "per_seat": (m.price.iter().chain(m.attach.iter().map(|a| &a.price)))
                    .any(|p| matches!(p, crate::model::SeatPrice::PerSeat(_))),
            })
        })
        .collect();
    let quantities: Vec<Value> = (p.quantities.iter())
        .map(|q| {
            json!({
                "id": &*q.id,
                "label": label_in(p, q.kind.word(), &q.id, &q.label, lang),
                "unit": s.unit(&q.unit),
                "divisible": q.divisible,
                "on_volume": matches!(q.charge, crate::model::Charge::Percent(_)),
            })
        })
        .collect();
    let supports: Vec<Value> = (p.supports.iter())
        .map(|t| {
            json!({
                "id": &*t.id,
                "label": label_in(p, "support tier", &t.id, &t.label, lang),
                "allowance": t.allowance.as_ref().map(|a| json!({ "included": a.included, "unit": s.unit(&a.unit) })),
            })
        })
        .collect();
    let services: Vec<Value> = (p.services.iter())
        .map(|sv| {
            let label = label_in(p, "service", &sv.id, &sv.label, lang);
            match &sv.pricing {
                ServicePricing::Targets {
                    targets,
                    complexity,
                    workload,
                } => json!({
                    "id": &*sv.id,
                    "label": label,
                    "targets": targets.iter().map(|t| json!({ "id": &*t.id, "label": &*t.label })).collect::<Vec<_>>(),
                    "complexities": complexity.iter().map(|(c, _)| json!({ "id": &**c, "label": s.complexity_level(c) })).collect::<Vec<_>>(),
                    "workload_unit": workload.as_ref().map(|wl| s.unit(&wl.unit)),
                }),
                ServicePricing::PerUnit { unit, .. } => json!({
                    "id": &*sv.id,
                    "label": label,
                    "unit": s.unit(unit),
                }),
            }
        })
        .collect();
    let mut currencies = vec![p.currency.code.to_string()];
    currencies.extend(
        p.other_currencies
            .iter()
            .map(|o| o.currency.code.to_string()),
    );
    let tax = p.tax_table.as_deref();
    json!({
        "name": name,
        "title": &*p.name,
        "version": &*p.version,
        "currency": &*p.currency.code,
        "lang": lang.code(),
        "tag": lang.tag(),
        "messages": messages(lang),
        "currencies": currencies,
        "cycles": p.cycles.iter().map(|b| json!({ "id": b.name(), "label": s.cycle_name(b.months()) })).collect::<Vec<_>>(),
        "default_cycle": p.default_cycle.name(),
        "default_term_months": if p.month_to_month { 1 } else { 12 },
        "min_term_months": p.min_term_months,
        "editions": editions,
        "seat_types": (p.seat_types.iter())
            .map(|t| json!({ "id": &*t.id, "label": label_in(p, "seat type", &t.id, &t.label, lang) }))
            .collect::<Vec<_>>(),
        "modules": modules,
        "quantities": quantities,
        "backups": (p.backups.iter())
            .map(|b| json!({ "id": &*b.id, "label": label_in(p, "backup option", &b.id, &b.label, lang) }))
            .collect::<Vec<_>>(),
        "supports": supports,
        "services": services,
        "coupons": p.coupons.iter().map(|c| c.id.to_string()).collect::<Vec<_>>(),
        "attributes": attributes(p),
        "countries": tax.map(|t| t.rates.iter().map(|(r, _)| r.to_string()).collect::<Vec<_>>()).unwrap_or_default(),
        "reverse_charge": tax.is_some_and(|t| !t.reverse_charge.is_empty()),
    })
}

/// The request attributes the plan reads, each with the values its conditions compare it
/// with: a discount `when attributes.industry = "education"` needs an input for `industry`
/// or the calculator could never price it. Hooks read attributes too
/// (`request.attributes.industry`): their names are taken from the script's text, with no
/// values offered, as a script's comparisons are code rather than data.
fn attributes(p: &Plan) -> Vec<Value> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut conditions = Vec::new();
    for d in p.discounts.iter().chain(&p.coupons) {
        conditions.extend(d.condition.iter().cloned());
        if let Some(w) = &d.when {
            w.comparisons(&mut conditions);
        }
    }
    let fees =
        (p.editions.iter().flat_map(|e| &e.fees)).chain(p.modules.iter().flat_map(|m| &m.fees));
    for when in fees.filter_map(|f| f.waived_when.as_ref()) {
        When::comparisons(when, &mut conditions);
    }
    for c in conditions {
        if let Field::Attribute(name) = &c.field {
            let values = found.entry(name.to_string()).or_default();
            let value = match &c.value {
                Literal::Text(t) => t.to_string(),
                Literal::Number(n) => n.normalize().to_string(),
            };
            if !values.contains(&value) {
                values.push(value);
            }
        }
    }
    for hook in &p.hooks {
        let text = &*hook.source.text;
        for (i, m) in text.match_indices("attributes.") {
            let name: String = text[i + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.entry(name).or_default();
            }
        }
    }
    found
        .into_iter()
        .map(|(name, values)| json!({ "name": name, "values": values }))
        .collect()
}

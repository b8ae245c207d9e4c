//! `ratecard serve` (issue 16): the router driven in-process (no socket) for every
//! endpoint, problem documents, limits and hot reload; and the real binary over TCP.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{root, Test};
use ratecard::serve::{router, Config, State};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;

fn state(config: Config) -> Arc<State> {
    State::open(config).expect("plans load")
}

fn builtin() -> Arc<State> {
    state(Config::default())
}

fn examples() -> Arc<State> {
    state(Config {
        plans: Some(root().join("examples")),
        ..Config::default()
    })
}

/// (status, content type, body) of one request.
async fn call(state: &Arc<State>, req: Request<Body>) -> (StatusCode, String, String) {
    let res = router(state.clone()).oneshot(req).await.expect("response");
    let status = res.status();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, kind, String::from_utf8_lossy(&bytes).into_owned())
}

fn post(uri: &str, body: &str) -> Request<Body> {
    Request::post(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("request")
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[tokio::test]
async fn a_quote_is_the_clis_json_for_the_same_request() {
    let request = std::fs::read_to_string(root().join("examples/requests/example-3.toml")).unwrap();
    let request: ratecard::request::Request = toml::from_str(&request).unwrap();
    let body = serde_json::to_string(&request).unwrap();
    let (status, kind, text) = call(&builtin(), post("/v1/quote", &body)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(kind, "application/json");
    let cli = Test::new()
        .args(&[
            "quote",
            "-r",
            "examples/requests/example-3.toml",
            "-f",
            "json",
        ])
        .run()
        .status(0);
    assert_eq!(json(&text), json(&cli.stdout));
    assert_eq!(json(&text)["totals"]["term_total_with_tax"], "195295.50");
}

#[tokio::test]
async fn a_large_request_priced_off_the_async_threads_is_the_same_quote() {
    // Over 16 KB: priced on the blocking pool, where a small body is priced in place.
    let services = vec![r#"{"kind": "training", "quantity": 1}"#; 1_000].join(", ");
    let body = format!(r#"{{"edition": "advanced", "seats": 50, "services": [{services}]}}"#);
    assert!(body.len() > 16 * 1024);
    let (status, _, text) = call(&builtin(), post("/v1/quote", &body)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.json");
    std::fs::write(&file, &body).unwrap();
    let cli = Test::new()
        .args(&["quote", "-r", file.to_str().unwrap(), "-f", "json"])
        .run()
        .status(0);
    assert_eq!(json(&text), json(&cli.stdout));
    assert_eq!(json(&text)["totals"]["one_time"], "3000000.00");
    assert_eq!(json(&text)["lines"].as_array().map(Vec::len), Some(1_002));
}

#[tokio::test]
async fn every_priced_response_names_the_plan_version_that_priced_it() {
    let res = router(examples())
        .oneshot(post(
            "/v1/quote?plan=zoho",
            r#"{"edition": "standard", "seats": 3}"#,
        ))
        .await
        .unwrap();
    let h = res.headers();
    assert_eq!(h["ratecard-plan"], "zoho");
    assert_eq!(h["ratecard-plan-version"], "2026.1");
    assert_eq!(h["ratecard-plan-sha256"].len(), 64);
    assert_eq!(h["x-request-id"], "r1");
}

#[tokio::test]
async fn errors_are_problem_documents_with_the_clis_messages() {
    let s = examples();
    let (status, kind, text) = call(
        &s,
        post(
            "/v1/quote?plan=zoho",
            r#"{"edition": "standard", "seats": 0}"#,
        ),
    )
    .await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "application/problem+json")
    );
    assert_eq!(
        json(&text),
        serde_json::json!({
            "type": "urn:ratecard:problem:request-rejected",
            "title": "request rejected",
            "status": 422,
            "detail": "seats 0 is not accepted: it must be a whole number of at least 1",
        })
    );
    let (status, _, text) = call(
        &s,
        post(
            "/v1/quote?plan=zoho",
            r#"{"edition": "standard", "seets": 3}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        json(&text)["detail"]
            .as_str()
            .unwrap()
            .starts_with("unknown field `seets`, expected one of"),
        "{text}"
    );
    let (status, _, text) = call(&s, post("/v1/quote?plan=zoho", "{not json")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(json(&text)["title"], "the request is not valid");
    let (status, _, text) = call(
        &s,
        post("/v1/quote", r#"{"edition": "standard", "seats": 3}"#),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        json(&text)["detail"],
        format!(
            "this server prices with several plans; add ?plan=NAME, one of: {}",
            example_plans().join(", ")
        )
    );
    let (status, _, text) = call(&s, get("/v1/nothing")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        json(&text)["detail"],
        "nothing is served at /v1/nothing; see /openapi.json"
    );
}

#[tokio::test]
async fn plan_names_are_names_never_paths() {
    let s = examples();
    for name in [
        "../etc/passwd",
        "%2e%2e%2fetc%2fpasswd",
        "/etc/passwd",
        "zoho.rate",
    ] {
        let (status, _, text) = call(&s, post(&format!("/v1/quote?plan={name}"), "{}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{name}: {text}");
        assert_eq!(json(&text)["type"], "urn:ratecard:problem:unknown-plan");
    }
    let (status, _, _) = call(&s, get("/v1/plans/..%2F..%2Fetc%2Fpasswd")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413() {
    let s = state(Config {
        max_body_bytes: 64,
        ..Config::default()
    });
    let big = format!(
        r#"{{"edition": "basic", "seats": 5, "customer": "{}"}}"#,
        "x".repeat(100)
    );
    let (status, kind, text) = call(&s, post("/v1/quote", &big)).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "application/problem+json")
    );
    assert_eq!(json(&text)["title"], "the request body is too large");
}

#[tokio::test]
async fn check_returns_the_diagnostics_of_a_posted_plan_and_never_reads_its_hooks() {
    let s = builtin();
    let good = std::fs::read_to_string(root().join("examples/zoho.rate")).unwrap();
    let (status, _, text) = call(&s, post("/v1/check", &good)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&text)["ok"], true);
    let broken = good.replace(
        "20.00 per seat per month billed monthly",
        "-20.00 per seat per month billed monthly",
    );
    let (status, kind, text) = call(&s, post("/v1/check", &broken)).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "application/problem+json")
    );
    let v = json(&text);
    assert_eq!(v["detail"], "the plan has 1 error");
    // A posted plan has no folder, so its logo is a warning beside the error.
    let errors: Vec<&Value> = (v["diagnostics"].as_array().unwrap().iter())
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{v}");
    assert_eq!(
        errors[0]["message"],
        "a price cannot be negative (found -20.00)"
    );
    assert_eq!(errors[0]["line"], 31);
    let hooked = good.replace("currency USD", "currency USD\n  hook \"/etc/passwd\"");
    let (status, _, text) = call(&s, post("/v1/check", &hooked)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = json(&text)["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("a plan sent to the server cannot run hook scripts"),
        "{message}"
    );
    assert!(!text.contains("root:"), "{text}");
}

/// The example plans' names, as a served folder lists them: sorted.
fn example_plans() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(common::root().join("examples"))
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_str()?.to_string();
            name.strip_suffix(".rate").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn plans_and_a_price_sheet_as_data() {
    let s = examples();
    let (_, _, text) = call(&s, get("/v1/plans")).await;
    let names: Vec<String> = json(&text)["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, example_plans());
    let (status, _, text) = call(&s, get("/v1/plans/zoho")).await;
    assert_eq!(status, StatusCode::OK);
    let sheet = json(&text);
    assert_eq!(sheet["editions"][1]["id"], "professional");
    assert_eq!(
        sheet["editions"][1]["price"],
        "35.00 per seat billed monthly; 23.00 per seat billed annually"
    );
    assert_eq!(
        sheet["editions"][1]["billing"],
        serde_json::json!(["monthly", "annual"])
    );
    assert_eq!(
        sheet["quantities"][1]["price"],
        "10.00 per pack of 50000 calls, round up"
    );
}

#[tokio::test]
async fn batch_answers_every_line_in_order() {
    let body = "{\"edition\": \"standard\", \"seats\": 3}\n\n{\"edition\": \"standard\", \"seats\": 0}\nnot json\n";
    let (status, kind, text) = call(&examples(), post("/v1/batch?plan=zoho", body)).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "application/x-ndjson")
    );
    let lines: Vec<Value> = text.lines().map(json).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["status"], "ok");
    assert_eq!(lines[0]["quote"]["totals"]["monthly_recurring"], "60.00");
    assert_eq!(lines[1]["line"], 3);
    assert_eq!(lines[1]["status"], "rejected");
    assert_eq!(
        lines[1]["message"],
        "seats 0 is not accepted: it must be a whole number of at least 1"
    );
    assert_eq!(lines[2]["line"], 4);
    assert_eq!(lines[2]["status"], "invalid");
}

#[tokio::test]
async fn the_admin_endpoint_needs_the_token() {
    let open = builtin();
    let (status, _, _) = call(
        &open,
        Request::post("/v1/admin/reload")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let guarded = state(Config {
        admin_token: Some("s3cret".into()),
        ..Config::default()
    });
    let with = |token: &str| {
        Request::post("/v1/admin/reload")
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(
        call(&guarded, with("wrong")).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(&guarded, with("s3cre")).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, _, text) = call(&guarded, with("s3cret")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&text)["changes"], serde_json::json!([]));
}

fn plan(version: &str, price: &str) -> String {
    format!("plan \"p\" {{\n  version \"{version}\"\n  currency USD\n  tax 0%\n  edition team {{ {price} per seat }}\n}}\n")
}

#[tokio::test]
async fn a_broken_edit_keeps_the_last_good_plan_and_a_good_one_is_swapped_in() {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = dir.path().join("team.rate");
    std::fs::write(&file, plan("1", "10.00")).unwrap();
    let s = state(Config {
        plans: Some(dir.path().to_path_buf()),
        ..Config::default()
    });
    let ask = r#"{"edition": "team", "seats": 2}"#;
    let total = |text: &str| {
        json(text)["totals"]["monthly_recurring"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (_, _, text) = call(&s, post("/v1/quote", ask)).await;
    assert_eq!(total(&text), "20.00");

    std::fs::write(&file, plan("2", "oops")).unwrap();
    let log = s.catalog.reload();
    assert!(
        log[0].starts_with("plan team: the plan has 1 error; still serving version 1"),
        "{log:?}"
    );
    let (_, _, text) = call(&s, post("/v1/quote", ask)).await;
    assert_eq!(total(&text), "20.00");
    assert_eq!(json(&text)["plan"]["version"], "1");
    let (status, _, ready) = call(&s, get("/readyz")).await;
    assert_eq!(status, StatusCode::OK);
    let ready = json(&ready);
    assert_eq!(ready["status"], "degraded");
    assert_eq!(ready["broken"][0]["name"], "team");
    assert_eq!(ready["broken"][0]["serving_last_good"], true);

    std::fs::write(&file, plan("3", "12.50")).unwrap();
    let log = s.catalog.reload();
    assert!(log[0].starts_with("plan team: loaded version 3"), "{log:?}");
    let (_, _, text) = call(&s, post("/v1/quote", ask)).await;
    assert_eq!(total(&text), "25.00");
    assert_eq!(json(&text)["plan"]["version"], "3");
    let (_, _, ready) = call(&s, get("/readyz")).await;
    assert_eq!(json(&ready)["status"], "ready");
    assert_eq!(json(&ready)["plans"][0]["generation"], 2);
}

#[tokio::test]
async fn health_openapi_and_the_calculator_page_are_served() {
    let s = builtin();
    let (status, _, text) = call(&s, get("/healthz")).await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::OK, r#"{"status":"ok"}"#)
    );
    let (_, _, text) = call(&s, get("/openapi.json")).await;
    let doc = json(&text);
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["paths"]["/v1/quote"]["post"].is_object());
    assert!(doc["components"]["schemas"]["Request"]["properties"]["seats"].is_object());
    assert!(doc["components"]["schemas"]["JsonQuote"]["properties"]["totals"].is_object());
    let (status, kind, page) = call(&s, get("/")).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "text/html; charset=utf-8")
    );
    assert!(page.contains("<title>ratecard price calculator</title>"));
    for path in ["/v1/calculator/{name}", "/v1/proposal", "/v1/request"] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} is not in the OpenAPI document"
        );
    }
    let (status, kind, script) = call(&s, get("/calculator.js")).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "text/javascript; charset=utf-8")
    );
    assert!(script.starts_with("\"use strict\";"));
}

#[tokio::test]
async fn cors_is_off_unless_configured() {
    let preflight = || {
        Request::builder()
            .method("OPTIONS")
            .uri("/v1/quote")
            .header("origin", "https://crm.example")
            .header("access-control-request-method", "POST")
            .body(Body::empty())
            .unwrap()
    };
    let res = router(builtin()).oneshot(preflight()).await.unwrap();
    assert!(res.headers().get("access-control-allow-origin").is_none());
    let s = state(Config {
        cors: vec!["https://crm.example".into()],
        ..Config::default()
    });
    let res = router(s).oneshot(preflight()).await.unwrap();
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "https://crm.example"
    );
}

#[test]
fn the_binary_serves_over_tcp_and_says_where() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ratecard"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("{line}"))
        .to_string();
    let body = r#"{"edition": "basic", "seats": 12}"#;
    let mut tcp = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        tcp,
        "POST /v1/quote HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    tcp.read_to_string(&mut answer).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(
        answer.contains("\"monthly_recurring\":\"1200.00\""),
        "{answer}"
    );
}

#[tokio::test]
async fn one_concurrency_limit_covers_every_route_but_the_probes() {
    let s = state(Config {
        plans: Some(root().join("examples")),
        concurrency: 3,
        ..Config::default()
    });
    // Three requests in flight, wherever they are: the permits are the server's, not a
    // route's.
    let held = s.permits.clone().acquire_many_owned(3).await.unwrap();
    for req in [
        post(
            "/v1/quote?plan=zoho",
            r#"{"edition": "standard", "seats": 3}"#,
        ),
        post("/v1/check", "plan \"x\" {}"),
        post(
            "/v1/batch?plan=zoho",
            "{\"edition\": \"standard\", \"seats\": 3}\n",
        ),
        get("/v1/plans"),
    ] {
        let (status, kind, text) = call(&s, req).await;
        assert_eq!(
            (status, kind.as_str()),
            (StatusCode::SERVICE_UNAVAILABLE, "application/problem+json")
        );
        assert_eq!(
            json(&text)["detail"],
            "3 requests are already being handled (--concurrency); try again shortly"
        );
    }
    // The probes do no work: a busy replica still says it is alive and ready.
    assert_eq!(call(&s, get("/healthz")).await.0, StatusCode::OK);
    assert_eq!(call(&s, get("/readyz")).await.0, StatusCode::OK);
    drop(held);
    assert_eq!(call(&s, get("/v1/plans")).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_streamed_batch_holds_its_permit_and_stops_at_the_time_limit() {
    let s = state(Config {
        plans: Some(root().join("examples")),
        concurrency: 2,
        timeout: std::time::Duration::from_millis(300),
        max_body_bytes: 16 << 20,
        ..Config::default()
    });
    let line = "{\"edition\": \"standard\", \"seats\": 3}\n";
    let body = line.repeat(300_000);
    let res = router(s.clone())
        .oneshot(post("/v1/batch?plan=zoho", &body))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // The answer streams after the handler returned; its permit goes with it.
    assert_eq!(s.permits.available_permits(), 1);
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(s.permits.available_permits(), 2);
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<Value> = text.lines().map(json).collect();
    let last = lines.last().unwrap();
    let priced = lines.len() - 1;
    // How many were priced depends on the machine's load; that not all were is the point.
    assert!(priced < 300_000, "{priced} priced");
    assert!(lines[..priced].iter().all(|l| l["status"] == "ok"));
    assert_eq!(last["status"], "timeout");
    assert_eq!(last["line"], priced + 1);
    assert_eq!(
        last["message"],
        format!(
            "not priced: the batch reached the server's time limit of 300 ms (--timeout-ms); this line and the {} after it were not priced",
            300_000 - priced - 1
        )
    );
}

#[tokio::test]
async fn requests_that_are_not_objects_or_underflow_are_refused_as_problems() {
    let s = builtin();
    for (body, detail) in [
        (
            "[]",
            "a request is a JSON object such as {\"edition\": \"basic\", \"seats\": 12}, not an array",
        ),
        (
            r#"{"edition": "basic", "seats": 12, "storage_gb": 1e-400}"#,
            "the number 1e-400 is too small to be read from a JSON or TOML number (it would read as 0); write it in quotes in plain digits, or leave it out",
        ),
    ] {
        let (status, kind, text) = call(&s, post("/v1/quote", body)).await;
        assert_eq!(
            (status, kind.as_str()),
            (StatusCode::BAD_REQUEST, "application/problem+json"),
            "{text}"
        );
        assert_eq!(json(&text)["type"], "urn:ratecard:problem:invalid-request");
        assert_eq!(json(&text)["detail"], detail);
        // The CLI says the same words about the same request.
        let t = Test::new();
        let file = t.file("r.json", body);
        let out = t
            .args(&["quote", "-r", &file.display().to_string()])
            .run()
            .status(3);
        assert!(out.stderr.contains(detail), "{}", out.stderr);
    }
    let (_, _, text) = call(&s, post("/v1/batch", "[]\n")).await;
    assert_eq!(json(text.trim())["status"], "invalid");
}

#[tokio::test]
async fn every_error_is_a_problem_document() {
    let s = builtin();
    for (req, status, slug) in [
        (
            get("/v1/quote"),
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
        ),
        (
            post("/healthz", ""),
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
        ),
        (get("/v1/nothing"), StatusCode::NOT_FOUND, "not-found"),
        (
            get("/v1/plans/%FF"),
            StatusCode::BAD_REQUEST,
            "invalid-request",
        ),
        (
            Request::post("/v1/quote")
                .header("content-length", "99999999999")
                .body(Body::empty())
                .unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "body-too-large",
        ),
    ] {
        let (got, kind, text) = call(&s, req).await;
        assert_eq!(
            (got, kind.as_str()),
            (status, "application/problem+json"),
            "{text}"
        );
        assert_eq!(
            json(&text)["type"],
            format!("urn:ratecard:problem:{slug}"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn each_plan_has_a_pricing_page_whose_buttons_open_the_calculator() {
    let state = examples();
    let (status, kind, page) = call(&state, get("/pricing/hubspot")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(kind, "text/html; charset=utf-8");
    let cli = Test::new()
        .args(&["sheet", "examples/hubspot.rate", "--format", "html"])
        .run()
        .status(0);
    // The same page as the CLI writes, with the buttons the CLI's page on its own has not.
    assert!(!cli.stdout.contains("class=\"cta\""));
    assert!(
        page.contains("<a class=\"cta\" href=\"/?plan=hubspot&amp;edition=starter&amp;billing="),
        "{page}"
    );
    let (status, _, zh) = call(&state, get("/pricing/cn-saas")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(zh.contains("lang=\"zh"), "a Chinese plan's page is Chinese");
    let (_, _, en) = call(&state, get("/pricing/cn-saas?lang=en")).await;
    assert!(en.contains("lang=\"en"), "unless English is asked for");
    let (status, _, problem) = call(&state, get("/pricing/cn-saas?lang=fr")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        json(&problem)["detail"],
        "lang `fr` is not a language the pages are written in: en or zh"
    );
    let (status, _, _) = call(&state, get("/pricing/nowhere")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

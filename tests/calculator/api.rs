//! What the calculator asks the server for, over HTTP without a browser: its form and words
//! in either language, and its downloads (the request as TOML, the customer's proposal).

use super::server::Server;
use serde_json::json;

#[test]
fn the_calculators_form_words_and_downloads() {
    let server = Server::start();
    // In the plan's language unless `lang` asks for the other.
    let form = server.get("/v1/calculator/cn-saas").json();
    assert_eq!(form["lang"], "zh");
    assert_eq!(form["messages"]["calc-seats"], "用户数");
    assert_eq!(
        form["cycles"][3],
        json!({ "id": "annual", "label": "年付" })
    );
    assert_eq!(
        form["attributes"],
        json!([{ "name": "industry", "values": ["education"] }])
    );
    let form = server.get("/v1/calculator/cn-saas?lang=en").json();
    assert_eq!(form["messages"]["calc-seats"], "Users");
    assert_eq!(
        form["cycles"][3],
        json!({ "id": "annual", "label": "Annually" })
    );
    // A hook reads an attribute too: its name is offered, with no values to suggest.
    let form = server.get("/v1/calculator/acme-hooks").json();
    assert_eq!(
        form["attributes"],
        json!([{ "name": "industry", "values": [] }])
    );
    let form = server.get("/v1/calculator/zoho").json();
    assert_eq!(
        form["services"][0]["targets"][0],
        json!({ "id": "erp", "label": "ERP" })
    );
    assert_eq!(
        form["services"][0]["complexities"][2],
        json!({ "id": "high", "label": "high" })
    );
    assert_eq!(form["services"][1]["unit"], "GB");
    let form = server.get("/v1/calculator/global").json();
    assert_eq!(form["currencies"], json!(["USD", "EUR", "INR"]));
    assert_eq!(form["countries"], json!(["DE", "GB", "US-TX"]));
    let a = server.get("/v1/calculator/zoho?lang=fr");
    assert_eq!(a.status, 400);
    assert_eq!(
        a.json()["detail"],
        "the language `fr` is not offered: write lang=en or lang=zh"
    );

    // The request as the TOML file the command line reads; numbers exactly as sent.
    let body = r#"{"edition": "pro", "seats": 35, "storage_gb": "420.50", "coupons": ["XINCHUN2026"],
        "services": [{"kind": "integration", "target": "erp_kingdee", "complexity": "medium"}]}"#;
    let a = server.post("/v1/request?plan=cn-saas", body);
    assert_eq!(
        (a.status, a.kind()),
        (200, "application/toml; charset=utf-8")
    );
    assert!(a
        .headers
        .contains("content-disposition: attachment; filename=\"request-cn-saas.toml\""));
    assert_eq!(
        a.text(),
        "# Plan: cn-saas.rate\n# Price it with: ratecard quote cn-saas.rate --request THIS-FILE\n\
         edition = \"pro\"\nseats = 35\nmodules = []\nstorage_gb = \"420.5\"\ncoupons = [\"XINCHUN2026\"]\n\n\
         [[services]]\nkind = \"integration\"\ntarget = \"erp_kingdee\"\ncomplexity = \"medium\"\n"
    );
    let a = server.post("/v1/request?plan=cn-saas&format=yaml", body);
    assert_eq!(a.status, 400);
    assert_eq!(
        a.json()["detail"],
        "a request is written as toml, not `yaml`"
    );

    // The customer's proposal, in the plan's language or the one asked for.
    let a = server.post("/v1/proposal?plan=cn-saas", body);
    assert_eq!((a.status, a.kind()), (200, "text/html; charset=utf-8"));
    assert!(a.text().contains("<html lang=\"zh-CN\">"));
    let a = server.post("/v1/proposal?plan=cn-saas&lang=en", body);
    assert!(a.text().contains("<html lang=\"en\">"));
    let a = server.post("/v1/proposal?plan=cn-saas&format=json", body);
    assert_eq!((a.status, a.kind()), (200, "application/json"));
    assert_eq!(a.json()["totals"][1]["with_tax"], "107,314.40");
    let a = server.post("/v1/proposal?plan=cn-saas&format=docx", body);
    assert_eq!(a.status, 400);
    assert_eq!(
        a.json()["detail"],
        "a proposal is written as html, pdf or json, not `docx`"
    );
    let a = server.post(
        "/v1/proposal?plan=cn-saas",
        r#"{"edition": "pro", "seats": 0}"#,
    );
    assert_eq!(a.status, 422);
    assert_eq!(
        a.json()["detail"],
        "seats 0 is not accepted: it must be a whole number of at least 1"
    );
    let a = server.post("/v1/proposal?plan=cn-saas", "[1, 2]");
    assert_eq!(a.status, 400);
}

//! The price calculator page in a real headless Chromium (issues 16 and 26): fill its inputs
//! as a person would, read the totals it shows, and compare them with what the API answers
//! for the same request; its downloads, its language and its accessibility.
//!
//! Chromium is driven over the DevTools protocol. `.ci/run` installs it (with CJK fonts)
//! when missing; without it these tests say so and pass, so a developer without a
//! browser can still run `cargo test`.

mod api;
#[path = "../common/mod.rs"]
mod common;
mod page;
mod server;

use common::browser::Browser;
use common::root;
use page::{expressible, fill, open, plain, unread_attributes};
use serde_json::{json, Value};
use server::{get_json, Server};
use std::process::Command;

#[test]
fn every_example_request_the_calculator_can_express_is_priced_as_the_api_prices_it() {
    let server = Server::start();
    let requests = expressible();
    assert!(requests.len() >= 30, "{}", requests.len());
    let Some(mut page) = Browser::open(&format!("http://{}/", server.addr)) else {
        return;
    };
    let (mut priced, mut rejected) = (0, 0);
    for (name, plan, request) in &requests {
        let p = &mut page;
        open(p, &format!("http://{}/?plan={plan}", server.addr));
        let unread = unread_attributes(&server, plan, request);
        fill(p, request, &unread, name);
        // The API is asked the request as the file has it, attributes and all.
        let api = server.quote(plan, request);
        if api["status"] == json!(422) {
            assert_eq!(
                p.eval("document.body.dataset.state"),
                json!("rejected"),
                "{name}"
            );
            assert_eq!(
                p.eval("document.getElementById('status').textContent"),
                api["detail"],
                "{name}"
            );
            rejected += 1;
            continue;
        }
        assert_eq!(
            p.eval("document.body.dataset.state"),
            json!("priced"),
            "{name}"
        );
        let t = &api["totals"];
        let mut shown =
            |id: &str| plain(&p.eval(&format!("document.getElementById('{id}').textContent")));
        assert_eq!(
            json!(shown("term-total")),
            t["term_total_with_tax"],
            "{name}: contract total with tax"
        );
        assert_eq!(
            json!(shown("first-invoice")),
            t["first_invoice_total"],
            "{name}: first invoice with tax"
        );
        assert_eq!(
            json!(shown("total")),
            t["monthly_recurring"],
            "{name}: monthly recurring"
        );
        // The TOML download is priced by the command line to the same total.
        let toml = p.eval("calculator.download('toml', false).then((b) => b.text())");
        let toml = toml.as_str().expect("toml").to_string();
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("request.toml");
        std::fs::write(&file, &toml).expect("write");
        let out = Command::new(env!("CARGO_BIN_EXE_ratecard"))
            .current_dir(root())
            .args(["quote", &format!("examples/{plan}.rate"), "--request"])
            .arg(&file)
            .args(["--format", "json"])
            .output()
            .expect("ratecard quote");
        assert!(
            out.status.success(),
            "{name}: {}\n{toml}",
            String::from_utf8_lossy(&out.stderr)
        );
        let cli: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(
            cli["totals"]["term_total_with_tax"], t["term_total_with_tax"],
            "{name}:\n{toml}"
        );
        assert!(
            toml.starts_with(&format!("# Plan: {plan}.rate\n")),
            "{toml}"
        );
        eprintln!("{name}: {} {plan}", t["term_total_with_tax"]);
        priced += 1;
    }
    // example-4 (a module its edition cannot have) and hooks-oversized (refused by a hook).
    assert_eq!((priced, rejected), (requests.len() - 2, 2));
}

#[test]
fn the_proposal_downloads_are_the_customers_and_a_server_without_chromium_says_so() {
    let server = Server::start();
    let text =
        std::fs::read_to_string(root().join("examples/requests/hooks-approval.toml")).unwrap();
    let request =
        serde_json::to_value(ratecard::request::Request::parse(&text, false).unwrap()).unwrap();
    let url = format!("http://{}/?plan=acme-hooks", server.addr);
    let Some(mut page) = Browser::open(&url) else {
        return;
    };
    page.until("document.body.dataset.state === 'priced'");
    fill(&mut page, &request, &[], "hooks-approval");
    let api = server.quote("acme-hooks", &request);
    // The internal quote has notes and asks for approval; the customer sees neither.
    let notes: Vec<String> = serde_json::from_value(api["notes"].clone()).unwrap();
    let reasons: Vec<String> = serde_json::from_value(api["approval"]["reasons"].clone()).unwrap();
    assert!(!reasons.is_empty(), "{api}");
    let html = page.eval("calculator.download('html', false).then((b) => b.text())");
    let html = html.as_str().expect("html");
    assert!(html.starts_with("<!doctype html>"), "{html}");
    // The internal proposal of the same request shows them; the customer's must not.
    let internal = Command::new(env!("CARGO_BIN_EXE_ratecard"))
        .current_dir(root())
        .args([
            "quote",
            "examples/acme-hooks.rate",
            "-r",
            "examples/requests/hooks-approval.toml",
        ])
        .args(["--format", "html", "--audience", "internal"])
        .output()
        .expect("ratecard quote");
    let internal = String::from_utf8_lossy(&internal.stdout);
    let hidden = [
        "education pricing",
        "a sales director must approve",
        "rules/",
    ];
    assert!(
        notes.iter().chain(&reasons).any(|n| n.contains(hidden[0])),
        "{notes:?}"
    );
    assert!(reasons.iter().any(|n| n.contains(hidden[1])), "{reasons:?}");
    for words in hidden {
        assert!(
            internal.contains(words),
            "the internal proposal lacks {words:?}"
        );
        assert!(
            !html.contains(words),
            "the customer's proposal shows {words:?}"
        );
    }
    let total = api["totals"]["term_total_with_tax"].as_str().unwrap();
    let grouped = ratecard::render::words::group_digits(total);
    assert!(html.contains(&grouped), "{grouped} not in the proposal");
    let pdf = page.eval(
        "calculator.download('pdf', false).then(async (b) => [b.size, await b.slice(0, 5).text()])",
    );
    assert_eq!(pdf[1], json!("%PDF-"), "{pdf}");
    assert!(pdf[0].as_u64().unwrap_or(0) > 10_000, "{pdf}");

    // Without Chromium the server answers a problem in words, not a broken file.
    let blind = Server::start_with_path(Some("/nonexistent"));
    let a = blind.post(
        "/v1/proposal?plan=acme-hooks&format=pdf",
        &request.to_string(),
    );
    assert_eq!(a.status, 503);
    assert!(
        a.headers.contains("content-type: application/problem+json"),
        "{}",
        a.headers
    );
    let p: Value = serde_json::from_slice(&a.body).unwrap();
    assert_eq!(
        p["detail"],
        json!("this server cannot print PDF: it needs Chromium, which is not installed here; ask for format=html and print that, or install chromium on the server")
    );
    let a = blind.post(
        "/v1/proposal?plan=acme-hooks&format=html",
        &request.to_string(),
    );
    assert_eq!(a.status, 200);
}

#[test]
fn moving_the_seats_reprices_to_the_apis_total() {
    let server = Server::start();
    let url = format!(
        "http://{}/?plan=zoho&edition=professional&seats=10&billing=annual",
        server.addr
    );
    let Some(mut page) = Browser::open(&url) else {
        return;
    };
    page.until("document.body.dataset.state === 'priced'");
    let api = |seats: u64| {
        server.quote(
            "zoho",
            &json!({ "edition": "professional", "seats": seats, "billing": "annual", "term_months": 12 }),
        )["totals"]["monthly_recurring"]
            .clone()
    };
    assert_eq!(page.eval("document.body.dataset.total"), api(10));
    assert_eq!(
        page.eval("document.getElementById('total').textContent"),
        json!("230.00 USD")
    );
    // Move the slider as a person would: set its value and let it fire `input`.
    page.eval(
        "const s = document.getElementById('seats'); s.value = 40; \
         s.dispatchEvent(new Event('input', { bubbles: true })); true",
    );
    page.until("document.body.dataset.total === '920.00'");
    assert_eq!(page.eval("document.body.dataset.total"), api(40));
    assert_eq!(
        page.eval("document.getElementById('seats-number').value"),
        json!("40")
    );
    // The scenario is in the URL, so it can be shared.
    let search = page.eval("location.search");
    assert!(
        search
            .as_str()
            .is_some_and(|s| s.contains("seats=40") && s.contains("edition=professional")),
        "{search}"
    );
    // The quote's date goes into the request and the address.
    page.eval(
        "const d = document.getElementById('quote-date'); d.value = '2026-03-02'; \
         d.dispatchEvent(new Event('change', { bubbles: true })); true",
    );
    page.until("location.search.includes('quote_date=2026-03-02') && document.body.dataset.state === 'priced'");
    assert_eq!(
        page.eval("calculator.request().quote_date"),
        json!("2026-03-02")
    );
    // Included modules are ticked, cannot be unticked, and say they are included.
    let included = page.eval(
        "[...document.querySelectorAll('input[name=module]:disabled:checked')].map((b) => b.labels[0].textContent)",
    );
    assert!(
        included.as_array().is_some_and(|a| !a.is_empty()
            && a.iter()
                .all(|l| l.as_str().unwrap_or("").ends_with(" (included)"))),
        "{included}"
    );
}

/// Every word the page shows, or names a control by, outside the plan picker (whose options
/// are other plans' names): text, option labels, accessible labels and placeholders.
const WORDS: &str = r#"(() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const e = walk.currentNode.parentElement;
    if (!e || e.closest('#plan, script, option, [hidden]') || !e.checkVisibility()) continue;
    if (walk.currentNode.textContent.trim()) out.push(walk.currentNode.textContent.trim());
  }
  for (const o of document.querySelectorAll('select:not(#plan) option')) if (!o.closest('[hidden]')) out.push(o.textContent);
  for (const e of document.querySelectorAll('[aria-label], [placeholder]')) if (!e.closest('[hidden]')) out.push(e.getAttribute('aria-label') || e.placeholder);
  return out;
})()"#;

/// The plan's own words in the form: its labels and codes, which the page shows as written.
fn plan_words(form: &Value) -> Vec<String> {
    let mut words = vec![form["title"].as_str().unwrap_or("").to_string()];
    let mut take = |v: &Value| {
        if let Some(s) = v.as_str() {
            words.push(s.to_string());
        }
    };
    for list in [
        "editions",
        "seat_types",
        "modules",
        "quantities",
        "backups",
        "supports",
        "services",
    ] {
        for item in form[list].as_array().into_iter().flatten() {
            take(&item["label"]);
            for t in item["targets"].as_array().into_iter().flatten() {
                take(&t["label"]);
            }
        }
    }
    for code in form["coupons"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(form["currencies"].as_array().into_iter().flatten())
    {
        take(code);
    }
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
}

#[test]
fn a_chinese_plan_gets_a_wholly_chinese_page_and_lang_switches_it() {
    let server = Server::start();
    let query = "plan=cn-saas&edition=pro&seats=35&module=wecom&support=standard&backup=daily&storage_gb=420&qty.payments=400&volume.payments=30000&service=integration:erp_kingdee:medium&service.training=2&coupon=XINCHUN2026&attr.industry=retail";
    let url = format!("http://{}/?{query}", server.addr);
    let Some(mut page) = Browser::open(&url) else {
        return;
    };
    page.until("document.body.dataset.state === 'priced'");
    assert_eq!(page.eval("document.documentElement.lang"), json!("zh-CN"));
    let form = get_json(&server, "/v1/calculator/cn-saas");
    let own = plan_words(&form);
    let words: Vec<String> = serde_json::from_value(page.eval(WORDS)).unwrap();
    assert!(words.len() > 60, "{words:?}");
    // Units and codes a Chinese page writes in Latin letters too.
    let latin_ok = ["GB", "PDF", "HTML", "TOML", "CNY", "CN", "DE"];
    for w in &words {
        let mut rest = w.clone();
        for o in own.iter().filter(|o| !o.is_empty()) {
            rest = rest.replace(o.as_str(), " ");
        }
        for ok in latin_ok {
            rest = rest.replace(ok, " ");
        }
        assert!(
            !rest.chars().any(|c| c.is_ascii_alphabetic()),
            "not Chinese on the Chinese page: {w:?}"
        );
    }
    assert_eq!(
        page.eval("document.querySelector('label[for=seats-number]').textContent"),
        json!("用户数")
    );
    // `lang=en` asks for the same page in English, the plan's labels as they are.
    page.eval("window.leaving = true");
    page.call("Page.navigate", json!({ "url": format!("{url}&lang=en") }));
    page.until("!window.leaving && document.body.dataset.state === 'priced'");
    assert_eq!(page.eval("document.documentElement.lang"), json!("en"));
    assert_eq!(
        page.eval("document.querySelector('label[for=seats-number]').textContent"),
        json!("Users")
    );
    assert_eq!(
        page.eval("document.getElementById('h-with').textContent"),
        json!("With tax")
    );
    // Choosing an English plan on a Chinese plan's page gives an English page.
    open(&mut page, &format!("http://{}/?plan=cn-saas", server.addr));
    page.eval(
        "const p = document.getElementById('plan'); p.value = 'zoho'; \
         p.dispatchEvent(new Event('change', { bubbles: true })); true",
    );
    page.until(
        "document.documentElement.lang === 'en' && document.body.dataset.state === 'priced'",
    );
    assert_eq!(
        page.eval("document.querySelector('label[for=seats-number]').textContent"),
        json!("Users")
    );
    // The language picker switches an English plan to Chinese in place, kept in the URL.
    open(
        &mut page,
        &format!("http://{}/?plan=zoho&edition=standard&seats=5", server.addr),
    );
    page.eval(
        "const l = document.getElementById('lang'); l.value = 'zh'; \
         l.dispatchEvent(new Event('change', { bubbles: true })); true",
    );
    page.until(
        "document.documentElement.lang === 'zh-CN' && document.body.dataset.state === 'priced'",
    );
    assert_eq!(
        page.eval("document.getElementById('h-with').textContent"),
        json!("含税")
    );
    assert!(page
        .eval("location.search")
        .as_str()
        .unwrap_or("")
        .contains("lang=zh"));

    // With RATECARD_SCREENSHOTS set, the pictures docs/serve.md shows are taken anew.
    if std::env::var_os("RATECARD_SCREENSHOTS").is_some() {
        for (shot, query) in [
            ("calculator-zh.png", query.to_string()),
            ("calculator.png", "plan=zoho&edition=professional&seats=30&billing=annual&module=territory_management&backup=daily&storage_gb=95.5&support=enhanced&service=integration:marketing:medium&service.training=3&coupon=LAUNCH20".to_string()),
        ] {
            let out = root().join("docs").join(shot);
            let status = Command::new("chromium")
                .args(["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"])
                .args(["--window-size=1200,2200", "--virtual-time-budget=8000"])
                .arg(format!("--screenshot={}", out.display()))
                .arg(format!("http://{}/?{query}", server.addr))
                .output()
                .expect("chromium");
            assert!(status.status.success(), "{status:?}");
        }
    }
}

/// Roles of the controls a person operates, as Chromium's accessibility tree names them.
const CONTROLS: [&str; 9] = [
    "textbox",
    "spinbutton",
    "combobox",
    "checkbox",
    "slider",
    "button",
    "link",
    "radio",
    "searchbox",
];

/// Text whose contrast with its background is under WCAG AA's 4.5:1, as
/// `text (ratio)`; backgrounds are the nearest opaque one up the tree.
const LOW_CONTRAST: &str = r#"(() => {
  const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const bg = (e) => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0) return c; } return [255, 255, 255]; };
  const low = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('[hidden], script') || !e.checkVisibility() || ![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const a = lum(rgb(getComputedStyle(e).color)), b = lum(bg(e));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(`${e.textContent.trim().slice(0, 40)} (${ratio.toFixed(2)})`);
  }
  return low;
})()"#;

#[test]
fn every_control_has_a_name_is_reached_by_tab_and_text_has_contrast() {
    let server = Server::start();
    let Some(mut page) = Browser::open(&format!("http://{}/", server.addr)) else {
        return;
    };
    page.call(
        "Emulation.setFocusEmulationEnabled",
        json!({ "enabled": true }),
    );
    for query in [
        "plan=zoho&edition=professional&seats=30&module=ai_assistant&service=integration:erp:high&service.training=3&support=premium",
        "plan=cn-saas&edition=flagship&seats=260&service=integration:oa:medium&qty.payments=10",
        "plan=global&edition=professional&seats=10&currency=EUR&country=DE",
        "plan=dynamics&edition=enterprise&seats=20",
    ] {
        open(&mut page, &format!("http://{}/?{query}", server.addr));
        let tree = page.call("Accessibility.getFullAXTree", json!({}));
        let mut controls = 0;
        let mut unnamed = Vec::new();
        for node in tree["nodes"].as_array().expect("nodes") {
            let role = node["role"]["value"].as_str().unwrap_or("");
            if node["ignored"] == json!(true) || !CONTROLS.contains(&role) {
                continue;
            }
            controls += 1;
            if node["name"]["value"].as_str().unwrap_or("").trim().is_empty() {
                unnamed.push(format!("{role} {}", node["backendDOMNodeId"]));
            }
        }
        assert!(controls >= 20, "{query}: only {controls} controls");
        assert_eq!(unnamed, Vec::<String>::new(), "{query}: controls without a name");

        // Tab from the top visits every control a person can use.
        let count = page.eval(
            "(() => { const cs = [...document.querySelectorAll('input, select, button, a[href], textarea')] \
             .filter((e) => !e.disabled && e.checkVisibility()); cs.forEach((e, i) => e.dataset.k = i); \
             document.activeElement.blur(); window.scrollTo(0, 0); return cs.length; })()",
        );
        let count = count.as_u64().expect("count");
        let mut reached = std::collections::BTreeSet::new();
        // A date field takes a Tab per part (day, month, year): room for more presses.
        for _ in 0..count * 2 {
            if reached.len() as u64 == count {
                break;
            }
            for kind in ["keyDown", "keyUp"] {
                page.call(
                    "Input.dispatchKeyEvent",
                    json!({ "type": kind, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9, "nativeVirtualKeyCode": 9 }),
                );
            }
            if let Some(k) = page.eval("document.activeElement.dataset.k ?? null").as_str() {
                reached.insert(k.parse::<u64>().unwrap_or(u64::MAX));
            }
        }
        let missed: Vec<u64> = (0..count).filter(|k| !reached.contains(k)).collect();
        assert_eq!(missed, Vec::<u64>::new(), "{query}: not reached by Tab");
        assert_eq!(page.eval(LOW_CONTRAST), json!([]), "{query}");
    }
}

#[test]
fn support_visits_beyond_the_allowance_and_a_volume_reach_the_quote() {
    // No example plan has a support tier with an allowance of visits; this fixture has one.
    let server = Server::serving("tests/fixtures/billing", None);
    let url = format!("http://{}/?plan=every-price", server.addr);
    let Some(mut page) = Browser::open(&url) else {
        return;
    };
    page.until("['priced', 'rejected'].includes(document.body.dataset.state)");
    let request = json!({ "edition": "pro", "seats": 10, "support": "onsite", "support_units": 6,
        "quantities": { "payments": 200 }, "volumes": { "payments": "12000.00" } });
    fill(&mut page, &request, &[], "every-price");
    assert_eq!(
        page.eval("document.getElementById('support-units-label').textContent"),
        json!("Support: visits a year (4 included)")
    );
    let api = server.quote("every-price", &request);
    assert_eq!(
        json!(plain(
            &page.eval("document.getElementById('term-total').textContent")
        )),
        api["totals"]["term_total_with_tax"]
    );
    // The two visits beyond the four included are priced: 2 x 900.00 in the first year.
    assert!(
        api["lines"].to_string().contains("1800.00"),
        "{}",
        api["lines"]
    );
}

//! The price calculator page in a real headless Chromium (issues 16 and 26): fill its inputs
//! as a person would, read the totals it shows, and compare them with what the API answers
//! for the same request; its downloads, its language and its accessibility.
//!
//! Chromium is driven over the DevTools protocol. `.ci/run` installs it (with CJK fonts)
//! when missing; without it these tests say so and pass, so a developer without a
//! browser can still run `cargo test`.

mod common;

use common::browser::Browser;
use common::root;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    addr: String,
}

/// An HTTP answer: status, headers (lower-case names) and body.
struct Answer {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Server {
    fn start() -> Server {
        Server::start_with_path(None)
    }

    /// A server whose `PATH` is `path`: with a folder holding no Chromium, it cannot print.
    fn start_with_path(path: Option<&str>) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ratecard"));
        cmd.args(["serve", "--listen", "127.0.0.1:0"])
            .arg(root().join("examples"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(p) = path {
            cmd.env("PATH", p);
        }
        let mut child = cmd.spawn().expect("server starts");
        let mut line = String::new();
        let out = child.stdout.take().expect("stdout");
        BufReader::new(out).read_line(&mut line).expect("address");
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        Server { child, addr }
    }

    fn post(&self, path: &str, body: &str) -> Answer {
        let mut tcp = TcpStream::connect(&self.addr).expect("connect");
        write!(
            tcp,
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("write");
        let mut answer = Vec::new();
        tcp.read_to_end(&mut answer).expect("read");
        let split = answer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("headers end");
        let headers = String::from_utf8_lossy(&answer[..split]).to_ascii_lowercase();
        let status = headers
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Answer {
            status,
            headers,
            body: answer[split + 4..].to_vec(),
        }
    }

    /// The API's own answer, over plain HTTP: the quote, or the problem.
    fn quote(&self, plan: &str, request: &Value) -> Value {
        let a = self.post(&format!("/v1/quote?plan={plan}"), &request.to_string());
        serde_json::from_slice(&a.body).unwrap_or_else(|e| panic!("{e}: {}", a.headers))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An amount as the page shows it (`1,204,159.24 元`, `230.00 USD`) as the API writes it.
fn plain(shown: &Value) -> String {
    let s = shown.as_str().unwrap_or_default();
    let number = s.split_whitespace().next().unwrap_or_default();
    number.replace(',', "")
}

/// Fills the page's inputs from a request as a person would: picks, types and ticks, each
/// firing the events a person's action fires. Returns the request's fields it found no
/// input for, as `field` or `field.name`.
const FILL: &str = r#"
(async (r) => {
  const $ = (id) => document.getElementById(id);
  const missed = [];
  const visible = (e) => e && !e.closest('[hidden]');
  const fire = (e) => { e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); };
  const set = (e, v, key) => {
    if (!visible(e) || e.disabled) { missed.push(key); return; }
    e.value = String(v);
    if (e.value !== String(v)) missed.push(key);
    fire(e);
  };
  const fields = [['edition', 'edition'], ['seats-number', 'seats'], ['billing', 'billing'],
    ['customer', 'customer'], ['currency', 'currency'], ['country', 'country'], ['vat-id', 'vat_id'],
    ['quote-date', 'quote_date'], ['storage', 'storage_gb'], ['backup', 'backup'], ['support', 'support'],
    ['support-units', 'support_units']];
  for (const [id, key] of fields) if (key in r) set($(id), r[key], key);
  // No term in the request: the plan's own, as the API takes it.
  $('term').value = 'term_months' in r ? String(r.term_months) : '';
  fire($('term'));
  for (const m of r.modules || []) {
    const box = $(`module-${m}`);
    if (!visible(box)) { missed.push(`modules.${m}`); continue; }
    if (!box.checked) box.click();
  }
  for (const [key, data] of [['quantities', 'qty'], ['volumes', 'volume'], ['other_seats', 'seats'], ['attributes', 'attr']]) {
    for (const [name, v] of Object.entries(r[key] || {})) set(document.querySelector(`input[data-${data}="${name}"]`), v, `${key}.${name}`);
  }
  for (const s of r.services || []) {
    const units = document.querySelector(`input[data-service="${s.kind}"]`);
    if (units) { set(units, s.quantity, `services.${s.kind}`); continue; }
    const add = document.querySelector(`button[data-add="${s.kind}"]`);
    if (!visible(add)) { missed.push(`services.${s.kind}`); continue; }
    add.click();
    const row = document.querySelector(`[data-rows="${s.kind}"]`).lastElementChild;
    set(row.querySelector('[data-part=target]'), s.target, `services.${s.kind}.target`);
    if (s.complexity) set(row.querySelector('[data-part=complexity]'), s.complexity, `services.${s.kind}.complexity`);
    if (s.quantity !== undefined) set(row.querySelector('[data-part=quantity]'), s.quantity, `services.${s.kind}.quantity`);
  }
  for (const c of r.coupons || []) {
    const box = $(`coupon-${c}`);
    if (!visible(box)) { missed.push(`coupons.${c}`); continue; }
    if (!box.checked) box.click();
  }
  document.body.dataset.state = 'filled';
  fire($('form'));
  return missed;
})
"#;

/// The plan a request in examples/requests/ is written for: the one its comments name
/// (`Plan: examples/zoho.rate`), else by its name, as tests/cli.rs reads them.
fn plan_for(name: &str, text: &str) -> String {
    if let Some(rest) = text.split("Plan: examples/").nth(1) {
        if let Some((stem, _)) = rest.split_once(".rate") {
            return stem.to_string();
        }
    }
    match name {
        r if r.starts_with("zoho-") => "zoho",
        r if r.starts_with("cn-annual-") => "cn-annual",
        r if r.starts_with("cn-") => "cn-saas",
        r if r.starts_with("hubspot-") => "hubspot",
        r if r.starts_with("hooks-") => "acme-hooks",
        _ => "acme",
    }
    .to_string()
}

/// Requests the calculator does not take, and why: each is a negotiated deal, whose terms
/// (contract prices, a ramp's periods, an amendment's dates) are a sales engineer's to
/// write, not a buyer's to try out.
const DEALS: [(&str, &str); 4] = [
    ("fxiaoke-custom.toml", "contract prices (a deal)"),
    ("global-inr-ramp.toml", "a ramp over two years (a deal)"),
    (
        "zoho-amendment.toml",
        "an amendment to a running contract (a deal)",
    ),
    ("zoho-ramp.toml", "a ramp over three years (a deal)"),
];

/// Every request file that is not a deal, as (file name, plan, request as JSON).
fn expressible() -> Vec<(String, String, Value)> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("examples/requests"))
        .expect("requests")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).expect("request");
        let request = ratecard::request::Request::parse(&text, false).expect(&name);
        if let Some((_, why)) = DEALS.iter().find(|(n, _)| *n == name) {
            assert!(
                request.is_deal(),
                "{name} is skipped as {why} but is not a deal"
            );
            eprintln!("{name}: not in the calculator: {why}");
            continue;
        }
        assert!(
            !request.is_deal(),
            "{name} is a deal: add it to DEALS with why"
        );
        let json = serde_json::to_value(&request).expect("json");
        out.push((name.clone(), plan_for(&name, &text), json));
    }
    out
}

/// Opens the calculator on `plan`, fills it from `request` and waits for its answer;
/// asserts every field found an input (`unread` lists attributes the plan never reads,
/// which have none since they cannot change a price).
fn fill(page: &mut Browser, request: &Value, unread: &[String], what: &str) {
    let missed = page.eval(&format!("{FILL}({request})"));
    let missed: Vec<String> = serde_json::from_value(missed).expect("missed");
    let missed: Vec<&String> = missed.iter().filter(|m| !unread.contains(m)).collect();
    assert!(missed.is_empty(), "{what}: no input for {missed:?}");
    page.until("['priced', 'rejected'].includes(document.body.dataset.state)");
}

/// The attributes a request carries that the plan's calculator offers no input for.
fn unread_attributes(server: &Server, plan: &str, request: &Value) -> Vec<String> {
    let form = get_json(server, &format!("/v1/calculator/{plan}"));
    let offered: Vec<&str> = form["attributes"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["name"].as_str()).collect())
        .unwrap_or_default();
    request["attributes"]
        .as_object()
        .map(|m| {
            m.keys()
                .filter(|k| !offered.contains(&k.as_str()))
                .map(|k| format!("attributes.{k}"))
                .collect()
        })
        .unwrap_or_default()
}

/// Loads `url` in the page and waits for its first price. The page rewrites its address
/// as it prices, so the new document is told from the old by a mark only the old one has.
fn open(page: &mut Browser, url: &str) {
    page.eval("window.leaving = true");
    page.call("Page.navigate", json!({ "url": url }));
    page.until("!window.leaving && ['priced', 'rejected'].includes(document.body.dataset.state)");
}

fn get_json(server: &Server, path: &str) -> Value {
    let mut tcp = TcpStream::connect(&server.addr).expect("connect");
    write!(
        tcp,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut answer = String::new();
    tcp.read_to_string(&mut answer).expect("read");
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {answer}"))
}

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
    for hidden in notes.iter().chain(&reasons) {
        let words = hidden.split(':').next().unwrap_or(hidden);
        assert!(
            !html.contains(words.trim()),
            "the customer's proposal shows {hidden:?}"
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

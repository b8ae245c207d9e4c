//! The price calculator page in a real headless Chromium (issue 16, item 4): load it, move
//! the seats slider, read the total, and compare with what the API answers.
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

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ratecard"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .arg(root().join("examples"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("server starts");
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

    /// The API's own answer, over plain HTTP.
    fn quote(&self, plan: &str, request: &Value) -> Value {
        let body = request.to_string();
        let mut tcp = TcpStream::connect(&self.addr).expect("connect");
        write!(
            tcp,
            "POST /v1/quote?plan={plan} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("write");
        let mut answer = String::new();
        tcp.read_to_string(&mut answer).expect("read");
        let json = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {answer}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
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
            .as_str()
            .expect("total")
            .to_string()
    };
    assert_eq!(page.eval("document.body.dataset.total"), json!(api(10)));
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
    assert_eq!(page.eval("document.body.dataset.total"), json!(api(40)));
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
}

#[test]
fn a_chinese_plan_shows_its_own_labels_and_a_rejection_in_words() {
    let server = Server::start();
    let url = format!("http://{}/?plan=cn-saas&edition=pro&seats=35", server.addr);
    let Some(mut page) = Browser::open(&url) else {
        return;
    };
    page.until("document.body.dataset.state === 'priced'");
    let first = page.eval("document.querySelector('#lines td').textContent");
    assert_eq!(first, json!("专业版 用户 starter (1..20)"));
    let api = server.quote(
        "cn-saas",
        &json!({ "edition": "pro", "seats": 35, "billing": "monthly", "term_months": 12 }),
    );
    assert_eq!(
        page.eval("document.body.dataset.total"),
        api["totals"]["monthly_recurring"]
    );
    page.eval(
        "const n = document.getElementById('seats-number'); n.value = 0; \
         n.dispatchEvent(new Event('input', { bubbles: true })); true",
    );
    page.until("document.body.dataset.state === 'rejected'");
    assert_eq!(
        page.eval("document.getElementById('status').textContent"),
        json!("seats 0 is not accepted: it must be a whole number of at least 1")
    );
}

#[test]
fn seat_lines_coupons_volumes_and_the_country_reach_the_quote() {
    let server = Server::start();
    let cases = [
        (
            "hubspot",
            "edition=professional&seats=5&seats.core=10&seats.view_only=20&billing=annual",
            json!({ "edition": "professional", "seats": 5, "billing": "annual", "term_months": 12,
                    "other_seats": { "core": 10, "view_only": 20 } }),
            "950.00",
        ),
        (
            "dynamics",
            "edition=enterprise&seats=20&seats.professional=30&qty.cs_attach=10&country=DE&billing=monthly",
            json!({ "edition": "enterprise", "seats": 20, "billing": "monthly", "term_months": 12,
                    "other_seats": { "professional": 30 }, "quantities": { "cs_attach": 10 },
                    "country": "DE" }),
            "4250.00",
        ),
        (
            "zoho",
            "edition=standard&seats=10&billing=monthly&coupon=WELCOME100",
            json!({ "edition": "standard", "seats": 10, "billing": "monthly", "term_months": 12,
                    "coupons": ["WELCOME100"] }),
            "100.00",
        ),
        (
            "cn-saas",
            "edition=standard&seats=12&billing=monthly&qty.payments=400&volume.payments=30000.00",
            json!({ "edition": "standard", "seats": 12, "billing": "monthly", "term_months": 12,
                    "quantities": { "payments": 400 }, "volumes": { "payments": "30000.00" } }),
            "",
        ),
    ];
    for (plan, query, request, total) in cases {
        let url = format!("http://{}/?plan={plan}&{query}", server.addr);
        let Some(mut page) = Browser::open(&url) else {
            return;
        };
        page.until("document.body.dataset.state === 'priced'");
        let api = server.quote(plan, &request);
        if !total.is_empty() {
            assert_eq!(api["totals"]["monthly_recurring"], json!(total), "{api}");
        }
        assert_eq!(
            page.eval("document.body.dataset.total"),
            api["totals"]["monthly_recurring"],
            "{plan}: {query}"
        );
        assert_eq!(
            page.eval("document.getElementById('first-invoice').textContent"),
            json!(format!(
                "{} {}",
                api["totals"]["first_invoice_total"].as_str().unwrap_or(""),
                api["plan"]["currency"].as_str().unwrap_or("")
            )),
            "{plan}: the tax of the country asked for"
        );
    }
}

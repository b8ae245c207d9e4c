//! The price calculator page in a real headless Chromium (issue 16, item 4): load it, move
//! the seats slider, read the total, and compare with what the API answers.
//!
//! Chromium is driven over the DevTools protocol. `.ci/run` installs it (with CJK fonts)
//! when missing; without it these tests say so and pass, so a developer without a
//! browser can still run `cargo test`.

mod common;

use common::root;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

/// A headless Chromium with one page, and a DevTools connection to that page.
struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    page: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

impl Browser {
    fn open(url: &str) -> Option<Browser> {
        let Some(bin) = chromium() else {
            eprintln!("skipped: no chromium on this machine (.ci/run installs it)");
            return None;
        };
        let profile = tempfile::tempdir().expect("profile");
        let mut child = Command::new(bin)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--window-size=1200,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        // Chromium says where DevTools listen on stderr (`DevTools listening on ws://...`)
        // and then keeps writing to it: the pipe is drained to the end, or Chromium blocks.
        let err = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if let Some(ws) = line.strip_prefix("DevTools listening on ws://") {
                    let _ = tx.send(ws.split('/').next().unwrap_or("").to_string());
                }
            }
        });
        let port = rx.recv_timeout(Duration::from_secs(30)).ok();
        let host = port.expect("DevTools address");
        let deadline = Instant::now() + Duration::from_secs(20);
        let page_ws = loop {
            let list = http_get(&host, "/json/list");
            let targets: Value = serde_json::from_str(&list).unwrap_or(Value::Null);
            let page = targets.as_array().and_then(|t| {
                t.iter()
                    .find(|t| t["type"] == "page")
                    .and_then(|t| t["webSocketDebuggerUrl"].as_str().map(str::to_string))
            });
            match page {
                Some(p) => break p,
                None if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
                None => panic!("no page target: {list}"),
            }
        };
        let (page, _) = tungstenite::connect(page_ws.as_str()).expect("DevTools connection");
        if let tungstenite::stream::MaybeTlsStream::Plain(s) = page.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(20)))
                .expect("timeout");
        }
        Some(Browser {
            child,
            _profile: profile,
            page,
            next_id: 0,
        })
    }

    /// Evaluates `js` in the page and returns its value.
    fn eval(&mut self, js: &str) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({
            "id": id,
            "method": "Runtime.evaluate",
            "params": { "expression": js, "returnByValue": true, "awaitPromise": true },
        });
        self.page
            .send(tungstenite::Message::text(msg.to_string()))
            .expect("send");
        loop {
            let m = self.page.read().expect("DevTools answer");
            let Ok(text) = m.to_text() else { continue };
            let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            if v["id"] == id {
                return v["result"]["result"]["value"].clone();
            }
        }
    }

    /// Waits until `js` is true in the page.
    fn until(&mut self, js: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.eval(js) != Value::Bool(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {js}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn http_get(host: &str, path: &str) -> String {
    let Ok(mut tcp) = TcpStream::connect(host) else {
        return String::new();
    };
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = write!(
        tcp,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    );
    // DevTools keeps the connection open: read the headers, then Content-Length bytes.
    let mut reader = BufReader::new(tcp);
    let mut length = 0;
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
        if line == "\r\n" {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        line.clear();
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    String::from_utf8_lossy(&body).into_owned()
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
    assert_eq!(first, json!("专业版 seats starter (1..20)"));
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

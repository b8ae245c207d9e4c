//! A headless Chromium driven over the DevTools protocol, for tests of what a person sees
//! in a page. Without Chromium, [`Browser::open`] says so and returns `None`.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A headless Chromium with one page, and a DevTools connection to that page.
pub struct Browser {
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
    pub fn open(url: &str) -> Option<Browser> {
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
    pub fn eval(&mut self, js: &str) -> Value {
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

    /// Calls a DevTools method on the page (`Accessibility.getFullAXTree`,
    /// `Input.dispatchKeyEvent`) and returns its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({ "id": id, "method": method, "params": params });
        self.page
            .send(tungstenite::Message::text(msg.to_string()))
            .expect("send");
        loop {
            let m = self.page.read().expect("DevTools answer");
            let Ok(text) = m.to_text() else { continue };
            let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            if v["id"] == id {
                return v["result"].clone();
            }
        }
    }

    /// Waits until `js` is true in the page.
    pub fn until(&mut self, js: &str) {
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

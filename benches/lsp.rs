//! `ratecard lsp` on the synthetic 10,000-line plan, driven over stdio like an editor
//! (issue 25, item 5): how long hover, completion and definition take once the document is
//! open, and how soon after the last of 500 rapid edits its diagnostics arrive.
//!
//! Run: `cargo bench --bench lsp`. `LSP_BIN=/path/to/ratecard` measures another build (the
//! one before a change, side by side); `LSP_EDITS` sets the number of rapid edits.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

#[path = "../tests/common/frames.rs"]
mod frames;
#[path = "common/synthetic.rs"]
mod synthetic;
use synthetic::synthetic_plan;

struct Server {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: u64,
}

impl Server {
    fn start(bin: &str) -> Server {
        let mut child = Command::new(bin)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ratecard lsp");
        let stdin = child.stdin.take().expect("stdin");
        let rx = frames::frames(child.stdout.take().expect("stdout"));
        let mut s = Server {
            child,
            stdin,
            rx,
            next_id: 0,
        };
        s.call("initialize", json!({ "capabilities": {} }));
        s.notify("initialized", json!({}));
        s
    }

    fn write(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.write(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn next(&self) -> Value {
        self.rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the server answers within 120 s")
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.write(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let v = self.next();
            if v["id"] == id {
                return v;
            }
        }
    }

    /// Waits for the diagnostics of `version`; returns how many publications came first.
    fn diagnostics_of(&self, version: i64) -> usize {
        let mut earlier = 0;
        loop {
            let v = self.next();
            if v["method"] == "textDocument/publishDiagnostics" {
                if v["params"]["version"] == version {
                    return earlier;
                }
                earlier += 1;
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const URI: &str = "file:///tmp/synthetic.rate";

/// (line, character) of the `skip`-th character of the first `needle` in `text`.
fn find(text: &str, needle: &str, skip: u32) -> Option<Value> {
    let i = text.find(needle)?;
    let line = text[..i].matches('\n').count();
    let col = text[..i].rsplit('\n').next()?.chars().count() as u32;
    Some(json!({ "line": line, "character": col + skip }))
}

fn percentiles(mut times: Vec<Duration>) -> String {
    times.sort();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    format!(
        "p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} requests)",
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3,
        times.len()
    )
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that is not ours skips the run.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"lsp".contains(&a))
    {
        return;
    }
    let bin = std::env::var("LSP_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_ratecard").into());
    let edits: i64 = std::env::var("LSP_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let text = synthetic_plan(10_000);
    let mut s = Server::start(&bin);
    let t = Instant::now();
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "ratecard", "version": 1, "text": text } }),
    );
    s.diagnostics_of(1);
    println!(
        "lsp open: diagnostics of the 10,000-line plan after {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let doc = json!({ "uri": URI });
    let time = |s: &mut Server, method: &str, params: Value| {
        let t = Instant::now();
        let v = s.call(method, params);
        assert!(v.get("error").is_none(), "{method}: {v}");
        t.elapsed()
    };
    let names: Vec<usize> = (0..200).map(|k| k * 3).collect();
    let mut hovers = Vec::new();
    let mut defs = Vec::new();
    for &i in &names {
        let Some(at) = find(&text, &format!("edition e{i} "), 9) else {
            continue;
        };
        hovers.push(time(
            &mut s,
            "textDocument/hover",
            json!({ "textDocument": doc, "position": at }),
        ));
        let Some(at) = find(&text, &format!("includes m{i}\n"), 10) else {
            continue;
        };
        defs.push(time(
            &mut s,
            "textDocument/definition",
            json!({ "textDocument": doc, "position": at }),
        ));
    }
    let completions: Vec<Duration> = (0..50)
        .map(|_| {
            time(
                &mut s,
                "textDocument/completion",
                json!({ "textDocument": doc, "position": { "line": 10, "character": 4 } }),
            )
        })
        .collect();
    println!("lsp hover: {}", percentiles(hovers));
    println!("lsp definition: {}", percentiles(defs));
    println!("lsp completion: {}", percentiles(completions));

    // Rapid edits: each a different text (one price typed digit by digit, over and over),
    // sent back to back as an editor sends keystrokes.
    let started = Instant::now();
    for v in 2..=edits + 1 {
        let edited = text.replacen("at 20.00", &format!("at {}.00", 20 + v % 10), 1);
        s.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": v }, "contentChanges": [{ "text": edited }] }),
        );
    }
    let last_sent = Instant::now();
    let earlier = s.diagnostics_of(edits + 1);
    println!(
        "lsp {edits} rapid edits: last diagnostics {:.1} ms after the last edit ({:.1} ms after the first); {earlier} earlier versions were published",
        last_sent.elapsed().as_secs_f64() * 1e3,
        started.elapsed().as_secs_f64() * 1e3,
    );
    // One more edit after a pause: diagnostics after a single keystroke.
    std::thread::sleep(Duration::from_millis(200));
    let t = Instant::now();
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": edits + 2 }, "contentChanges": [{ "text": text }] }),
    );
    s.diagnostics_of(edits + 2);
    println!(
        "lsp one edit: diagnostics after {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
}

//! An editor for `ratecard lsp`: the real binary over stdio, framed as LSP frames it.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;

/// The server and the messages it has sent.
pub struct Editor {
    /// The server process, for tests that end it or write raw bytes to it.
    pub child: Child,
    /// The server's standard input, for frames written by hand.
    pub stdin: ChildStdin,
    from_server: Receiver<Value>,
    next_id: i64,
    /// The capabilities `initialize` answered.
    pub capabilities: Value,
}

impl Editor {
    /// Starts the server and initializes it.
    pub fn start() -> Editor {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ratecard"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("server starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let from_server = super::frames::frames(stdout);
        let mut e = Editor {
            child,
            stdin,
            from_server,
            next_id: 0,
            capabilities: Value::Null,
        };
        e.capabilities =
            e.request("initialize", json!({ "capabilities": {} }))["capabilities"].clone();
        e.notify("initialized", json!({}));
        e
    }

    fn write(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.write(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The next message the server sends.
    pub fn next(&self) -> Value {
        self.from_server
            .recv_timeout(Duration::from_secs(20))
            .expect("the server answers within 20 s")
    }

    /// The whole response (result or error) to a request.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
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

    /// The result of a request.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.call(method, params)["result"].clone()
    }

    /// Opens `text` as the document at `uri` and returns its first diagnostics.
    pub fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "ratecard", "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    /// The next diagnostics published for `uri`.
    pub fn diagnostics(&self, uri: &str) -> Vec<Value> {
        loop {
            let v = self.next();
            if v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == uri {
                return v["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

//! The `ratecard serve` under test, over plain HTTP: the API's own answers to compare the
//! page with.

use super::common::root;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

pub struct Server {
    child: Child,
    pub addr: String,
}

/// An HTTP answer: status, headers (lower-case names) and body.
pub struct Answer {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Server {
    pub fn start() -> Server {
        Server::start_with_path(None)
    }

    /// A server whose `PATH` is `path`: with a folder holding no Chromium, it cannot print.
    pub fn start_with_path(path: Option<&str>) -> Server {
        Server::serving("examples", path)
    }

    /// A server of the plans in `folder` (relative to the repository).
    pub fn serving(folder: &str, path: Option<&str>) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ratecard"));
        cmd.args(["serve", "--listen", "127.0.0.1:0"])
            .arg(root().join(folder))
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

    pub fn post(&self, path: &str, body: &str) -> Answer {
        self.send(&format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ))
    }

    fn send(&self, head_and_body: &str) -> Answer {
        let mut tcp = TcpStream::connect(&self.addr).expect("connect");
        tcp.write_all(head_and_body.as_bytes()).expect("write");
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

    pub fn get(&self, path: &str) -> Answer {
        self.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        ))
    }

    /// The API's own answer, over plain HTTP: the quote, or the problem.
    pub fn quote(&self, plan: &str, request: &Value) -> Value {
        let a = self.post(&format!("/v1/quote?plan={plan}"), &request.to_string());
        serde_json::from_slice(&a.body).unwrap_or_else(|e| panic!("{e}: {}", a.headers))
    }
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The `content-type` header.
    pub fn kind(&self) -> &str {
        self.headers
            .lines()
            .find_map(|l| l.strip_prefix("content-type: "))
            .unwrap_or("")
            .trim()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn get_json(server: &Server, path: &str) -> Value {
    server.get(path).json()
}

//! A small builder over the real `ratecard` binary: arguments, stdin, files, exact expectations.
#![allow(dead_code)]

pub mod abuse;
pub mod books;
pub mod browser;
pub mod frames;
pub mod lsp;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where the examples live: tests run from the repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One run of the binary.
pub struct Test {
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    dir: tempfile::TempDir,
    envs: Vec<(String, String)>,
    stdout: Sink,
}

/// Where the binary's standard output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sink {
    /// Captured, to be asserted.
    Captured,
    /// A pipe whose reader is already gone, as in `ratecard ... | true`.
    ClosedPipe,
    /// `/dev/full`: every write fails with "No space left on device".
    Full,
}

/// What a run printed and returned.
#[derive(Debug)]
pub struct Outcome {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit code (-1 when killed by a signal).
    pub status: i32,
}

impl Default for Test {
    fn default() -> Self {
        Self::new()
    }
}

impl Test {
    /// A run with no arguments yet, in a fresh temporary directory.
    pub fn new() -> Self {
        Test {
            args: Vec::new(),
            stdin: None,
            dir: tempfile::tempdir().expect("temp dir"),
            envs: vec![("NO_COLOR".into(), "1".into())],
            stdout: Sink::Captured,
        }
    }

    /// Adds arguments.
    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    /// Sets standard input.
    pub fn stdin(mut self, s: &str) -> Self {
        self.stdin = Some(s.as_bytes().to_vec());
        self
    }

    /// Sets standard input to bytes that need not be UTF-8.
    pub fn stdin_bytes(mut self, b: &[u8]) -> Self {
        self.stdin = Some(b.to_vec());
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.envs.push((k.into(), v.into()));
        self
    }

    /// Sends standard output somewhere that cannot take it.
    pub fn stdout_to(mut self, sink: Sink) -> Self {
        self.stdout = sink;
        self
    }

    /// Writes a file into the temporary directory and returns its path.
    pub fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    /// The temporary directory.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Runs the binary from the repository root.
    pub fn run(self) -> Outcome {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ratecard"));
        cmd.args(&self.args)
            .current_dir(root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        match self.stdout {
            Sink::Captured => {}
            Sink::ClosedPipe => {
                // The reader is dropped before the child starts: every write gets EPIPE.
                let (reader, writer) = std::io::pipe().expect("pipe");
                drop(reader);
                cmd.stdout(writer);
            }
            Sink::Full => {
                let full = std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .expect("/dev/full");
                cmd.stdout(full);
            }
        }
        let mut child = cmd.spawn().expect("spawn ratecard");
        if let Some(mut stdin) = child.stdin.take() {
            if let Some(s) = &self.stdin {
                // A child that stops early (its output closed) need not read it all.
                let _ = stdin.write_all(s);
            }
        }
        let out = child.wait_with_output().expect("wait for ratecard");
        Outcome {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            status: out.status.code().unwrap_or(-1),
        }
    }
}

impl Outcome {
    /// Asserts the exit code, showing both streams on failure.
    pub fn status(self, code: i32) -> Self {
        assert_eq!(
            self.status, code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts stdout exactly.
    pub fn stdout(self, expected: &str) -> Self {
        assert_eq!(self.stdout, expected, "stderr:\n{}", self.stderr);
        self
    }

    /// Asserts stderr exactly.
    pub fn stderr(self, expected: &str) -> Self {
        assert_eq!(self.stderr, expected, "stdout:\n{}", self.stdout);
        self
    }

    /// Parses stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

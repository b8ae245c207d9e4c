//! Misbehaving clients against a real `ratecard serve`, while a well-behaved client quotes
//! and a balancer probes `/healthz`: many idle connections, slow bodies (a `Content-Length`
//! of 100 and 4 bytes sent) and a slowloris (one header byte every 100 ms). Used small and
//! fast by `tests/serve_abuse.rs` and full size (20,000 idle connections, 300 slow bodies) by
//! `benches/serve_abuse.rs`.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The request the good client sends, again and again.
pub const REQUEST: &str = r#"{"edition": "professional", "seats": 30, "billing": "annual"}"#;

/// A `ratecard serve` process on a free port, killed when dropped.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl Server {
    /// Starts `ratecard serve examples/zoho.rate --listen 127.0.0.1:0 ARGS`.
    pub fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ratecard"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["serve", "examples/zoho.rate", "--listen", "127.0.0.1:0"])
            .args(args)
            .env("RATECARD_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("address line");
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("{line}"))
            .parse()
            .expect("address");
        Server { child, addr }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 answer: status, headers (lower-case names) and body.
#[derive(Debug, Default)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// The `content-type`.
    pub kind: String,
    /// The body.
    pub body: String,
}

/// Reads one answer with a `content-length` from `r`; `None` when the connection ends first.
pub fn read_answer(r: &mut impl BufRead) -> Option<Answer> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let status = line.split_whitespace().nth(1)?.parse().ok()?;
    let (mut length, mut kind) = (0usize, String::new());
    loop {
        line.clear();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().ok()?;
        } else if let Some(v) = lower.strip_prefix("content-type:") {
            kind = v.trim().to_string();
        }
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body).ok()?;
    Some(Answer {
        status,
        kind,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// A keep-alive client that quotes.
pub struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    request: Vec<u8>,
}

impl Client {
    /// Connects to `addr`.
    pub fn connect(addr: SocketAddr) -> std::io::Result<Client> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let request = format!(
            "POST /v1/quote HTTP/1.1\r\nHost: abuse\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{REQUEST}",
            REQUEST.len()
        )
        .into_bytes();
        Ok(Client {
            reader: BufReader::new(stream.try_clone()?),
            writer: stream,
            request,
        })
    }

    /// One quote; `None` when the connection failed.
    pub fn quote(&mut self) -> Option<Answer> {
        self.writer.write_all(&self.request).ok()?;
        read_answer(&mut self.reader)
    }
}

/// `GET /healthz` on a fresh connection, as a balancer's probe does.
pub fn probe(addr: SocketAddr) -> Option<u16> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: abuse\r\nConnection: close\r\n\r\n")
        .ok()?;
    read_answer(&mut BufReader::new(s)).map(|a| a.status)
}

/// The misbehaving clients of one run.
#[derive(Debug, Clone, Copy)]
pub struct Attack {
    /// Connections opened and left idle (reopened only when `reopen` is set).
    pub idle: usize,
    /// Reopen an idle connection the server closed, after this long.
    pub reopen: Option<Duration>,
    /// Clients that announce a 100-byte body, send 4 bytes and wait; each starts again when
    /// answered.
    pub slow_bodies: usize,
    /// Clients that send one header byte every 100 ms; each starts again when cut off.
    pub slowloris: usize,
}

/// What a run saw.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Seconds the good client quoted.
    pub seconds: f64,
    /// Quotes answered 200.
    pub quotes: usize,
    /// Quotes answered otherwise, or not at all.
    pub failures: usize,
    /// Latency percentiles of the good client's quotes.
    pub p50: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// Slowest quote.
    pub max: Duration,
    /// `/healthz` probes answered 200, and the others.
    pub health_ok: usize,
    /// Probes not answered 200.
    pub health_failed: usize,
    /// Slowest probe.
    pub health_max: Duration,
    /// Idle connections opened, the most open at once, and those the server closed.
    pub idle_opened: u64,
    /// The most idle connections open at once (as the clients saw them).
    pub idle_peak: u64,
    /// Idle connections the server closed.
    pub idle_closed: u64,
    /// Slow bodies answered 408, and how many in all were answered.
    pub slow_408: u64,
    /// Slow bodies answered at all.
    pub slow_answered: u64,
    /// Slowloris connections cut off, and the longest one lasted.
    pub slowloris_cut: u64,
    /// The longest a slowloris connection lasted (ms).
    pub slowloris_longest_ms: u64,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[derive(Default)]
struct Counters {
    idle_opened: AtomicU64,
    idle_open: AtomicU64,
    idle_peak: AtomicU64,
    idle_closed: AtomicU64,
    slow_408: AtomicU64,
    slow_answered: AtomicU64,
    slowloris_cut: AtomicU64,
    slowloris_longest_ms: AtomicU64,
}

/// Waits until the server closes `s` (or `stop`); true when the server closed it.
async fn until_closed(s: &tokio::net::TcpStream, stop: &AtomicBool) -> bool {
    let mut buf = [0u8; 512];
    while !stop.load(Ordering::Relaxed) {
        match tokio::time::timeout(Duration::from_millis(200), s.readable()).await {
            Err(_) => continue,
            Ok(Err(_)) => return true,
            Ok(Ok(())) => match s.try_read(&mut buf) {
                Ok(0) => return true,
                // A refusal's 503 before the end: the end follows.
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => return true,
            },
        }
    }
    false
}

async fn idle_client(addr: SocketAddr, attack: Attack, c: Arc<Counters>, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::Relaxed) {
        let Ok(s) = tokio::net::TcpStream::connect(addr).await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        c.idle_opened.fetch_add(1, Ordering::Relaxed);
        let open = c.idle_open.fetch_add(1, Ordering::Relaxed) + 1;
        c.idle_peak.fetch_max(open, Ordering::Relaxed);
        let closed = until_closed(&s, &stop).await;
        c.idle_open.fetch_sub(1, Ordering::Relaxed);
        if closed {
            c.idle_closed.fetch_add(1, Ordering::Relaxed);
        }
        match attack.reopen {
            Some(pause) => tokio::time::sleep(pause).await,
            None => {
                // Stays "held" in the count of attempts, but is not reopened.
                while !stop.load(Ordering::Relaxed) {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
    }
}

async fn write_all(s: &tokio::net::TcpStream, mut bytes: &[u8]) -> bool {
    while !bytes.is_empty() {
        if s.writable().await.is_err() {
            return false;
        }
        match s.try_write(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(_) => return false,
        }
    }
    true
}

async fn slow_body(addr: SocketAddr, c: Arc<Counters>, stop: Arc<AtomicBool>) {
    let head = "POST /v1/quote HTTP/1.1\r\nHost: abuse\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ed";
    while !stop.load(Ordering::Relaxed) {
        let Ok(s) = tokio::net::TcpStream::connect(addr).await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        if !write_all(&s, head.as_bytes()).await {
            continue;
        }
        let mut got = Vec::new();
        let mut buf = [0u8; 1024];
        while !stop.load(Ordering::Relaxed) {
            match tokio::time::timeout(Duration::from_millis(200), s.readable()).await {
                Err(_) => continue,
                Ok(Err(_)) => break,
                Ok(Ok(())) => match s.try_read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        got.extend_from_slice(&buf[..n]);
                        if got.windows(4).any(|w| w == b"\r\n\r\n") {
                            break;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                    Err(_) => break,
                },
            }
        }
        if !got.is_empty() {
            c.slow_answered.fetch_add(1, Ordering::Relaxed);
            if got.starts_with(b"HTTP/1.1 408") {
                c.slow_408.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

async fn slowloris(addr: SocketAddr, c: Arc<Counters>, stop: Arc<AtomicBool>) {
    let head = b"POST /v1/quote HTTP/1.1\r\nHost: abuse\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    while !stop.load(Ordering::Relaxed) {
        let Ok(s) = tokio::net::TcpStream::connect(addr).await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let started = Instant::now();
        let mut cut = false;
        let mut buf = [0u8; 256];
        for b in head.iter().cycle() {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            match s.try_write(std::slice::from_ref(b)) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => {
                    cut = true;
                    break;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            match s.try_read(&mut buf) {
                Ok(_) => {
                    cut = true;
                    break;
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => {
                    cut = true;
                    break;
                }
            }
        }
        if cut {
            c.slowloris_cut.fetch_add(1, Ordering::Relaxed);
            let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            c.slowloris_longest_ms.fetch_max(ms, Ordering::Relaxed);
        }
    }
}

/// Runs `attack` against `addr` for `seconds`, while one good client quotes on a kept-alive
/// connection and a prober asks `/healthz` every 100 ms. The attack starts `warmup` before
/// the good client does.
pub fn run(addr: SocketAddr, attack: Attack, warmup: Duration, seconds: Duration) -> Report {
    let stop = Arc::new(AtomicBool::new(false));
    let counters = Arc::new(Counters::default());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    for _ in 0..attack.idle {
        runtime.spawn(idle_client(addr, attack, counters.clone(), stop.clone()));
    }
    for _ in 0..attack.slow_bodies {
        runtime.spawn(slow_body(addr, counters.clone(), stop.clone()));
    }
    for _ in 0..attack.slowloris {
        runtime.spawn(slowloris(addr, counters.clone(), stop.clone()));
    }
    std::thread::sleep(warmup);
    let prober = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let (mut ok, mut failed, mut slowest) = (0, 0, Duration::ZERO);
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                match probe(addr) {
                    Some(200) => ok += 1,
                    _ => failed += 1,
                }
                slowest = slowest.max(t.elapsed());
                std::thread::sleep(Duration::from_millis(100));
            }
            (ok, failed, slowest)
        })
    };
    let started = Instant::now();
    let mut times = Vec::new();
    let mut failures = 0;
    let mut client = Client::connect(addr).ok();
    while started.elapsed() < seconds {
        let t = Instant::now();
        let answer = client.as_mut().and_then(Client::quote);
        match answer {
            Some(a) if a.status == 200 => times.push(t.elapsed()),
            _ => {
                failures += 1;
                client = Client::connect(addr).ok();
            }
        }
    }
    let elapsed = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let (health_ok, health_failed, health_max) = prober.join().expect("prober");
    runtime.shutdown_timeout(Duration::from_secs(1));
    times.sort();
    let c = &counters;
    Report {
        seconds: elapsed.as_secs_f64(),
        quotes: times.len(),
        failures,
        p50: percentile(&times, 0.50),
        p99: percentile(&times, 0.99),
        max: times.last().copied().unwrap_or_default(),
        health_ok,
        health_failed,
        health_max,
        idle_opened: c.idle_opened.load(Ordering::Relaxed),
        idle_peak: c.idle_peak.load(Ordering::Relaxed),
        idle_closed: c.idle_closed.load(Ordering::Relaxed),
        slow_408: c.slow_408.load(Ordering::Relaxed),
        slow_answered: c.slow_answered.load(Ordering::Relaxed),
        slowloris_cut: c.slowloris_cut.load(Ordering::Relaxed),
        slowloris_longest_ms: c.slowloris_longest_ms.load(Ordering::Relaxed),
    }
}

/// Opens `n` idle connections to `addr` and holds them (reopening closed ones after
/// `reopen`, if given) until stdin closes: the attacker a bench runs in another process,
/// for the file handles one process may not have.
pub fn hold_idle(addr: SocketAddr, n: usize, reopen: Option<Duration>) {
    let stop = Arc::new(AtomicBool::new(false));
    let counters = Arc::new(Counters::default());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let attack = Attack {
        idle: n,
        reopen,
        slow_bodies: 0,
        slowloris: 0,
    };
    for _ in 0..n {
        runtime.spawn(idle_client(addr, attack, counters.clone(), stop.clone()));
    }
    let watcher = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = std::io::stdin().read_to_end(&mut sink);
            stop.store(true, Ordering::Relaxed);
        })
    };
    runtime.block_on(async {
        while !stop.load(Ordering::Relaxed) {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let _ = watcher.join();
    let c = &counters;
    println!(
        "{} {} {}",
        c.idle_opened.load(Ordering::Relaxed),
        c.idle_peak.load(Ordering::Relaxed),
        c.idle_closed.load(Ordering::Relaxed)
    );
}

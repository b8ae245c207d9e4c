//! `ratecard serve` under load over loopback (issue 16, item 5): quotes per second and the
//! p50/p99 latency of keep-alive clients, with the plan file rewritten halfway through so
//! the server reloads under load, and every answer checked (a failed request is counted).
//!
//! Also a criterion measurement of one quote's round trip over loopback.
//! Run: `cargo bench --bench serve` (`SERVE_BENCH_SECS` and `SERVE_BENCH_CLIENTS` tune it).

use criterion::Criterion;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const REQUEST: &str = r#"{"edition": "professional", "seats": 30, "billing": "annual", "modules": ["territory_management"], "quantities": {"extra_sandbox": 2, "mass_email": 40000}}"#;

/// One keep-alive HTTP/1.1 connection.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    request: Vec<u8>,
}

/// What one answer said.
struct Answer {
    status: u16,
    sha: String,
}

impl Client {
    fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        let request = format!(
            "POST /v1/quote HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{REQUEST}",
            REQUEST.len()
        )
        .into_bytes();
        Client {
            reader: BufReader::new(stream.try_clone().expect("clone")),
            writer: stream,
            request,
        }
    }

    fn quote(&mut self) -> Option<Answer> {
        self.writer.write_all(&self.request).ok()?;
        let mut line = String::new();
        self.reader.read_line(&mut line).ok()?;
        let status = line.split_whitespace().nth(1)?.parse().ok()?;
        let (mut length, mut sha) = (0, String::new());
        loop {
            line.clear();
            self.reader.read_line(&mut line).ok()?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            let lower = line.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v.trim().parse().ok()?;
            } else if let Some(v) = lower.strip_prefix("ratecard-plan-sha256:") {
                sha = v.trim().to_string();
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).ok()?;
        Some(Answer { status, sha })
    }
}

fn free_port() -> SocketAddr {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr")
}

fn start(dir: &Path) -> SocketAddr {
    let addr = free_port();
    let config = ratecard::serve::Config {
        plans: Some(dir.to_path_buf()),
        listen: addr,
        reload_every: Duration::from_millis(100),
        ..ratecard::serve::Config::default()
    };
    std::thread::spawn(move || ratecard::serve::run(config));
    for _ in 0..200 {
        if TcpStream::connect(addr).is_ok() {
            return addr;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("the server did not start");
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Clients quote as fast as they can; halfway, the plan file is rewritten.
fn load(addr: SocketAddr, plan: &Path) {
    let secs = env("SERVE_BENCH_SECS", 10);
    let clients = env("SERVE_BENCH_CLIENTS", 8);
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut c = Client::connect(addr);
                let (mut times, mut failed, mut shas) = (Vec::new(), 0u64, Vec::<String>::new());
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    match c.quote() {
                        Some(a) if a.status == 200 => {
                            times.push(t.elapsed());
                            if shas.last() != Some(&a.sha) {
                                shas.push(a.sha);
                            }
                        }
                        _ => {
                            failed += 1;
                            c = Client::connect(addr);
                        }
                    }
                }
                (times, failed, shas)
            })
        })
        .collect();
    let started = Instant::now();
    std::thread::sleep(Duration::from_secs(secs) / 2);
    let text = std::fs::read_to_string(plan).expect("plan");
    let edited = text.replace(
        "23.00 per seat per month billed annually",
        "22.00 per seat per month billed annually",
    );
    std::fs::write(plan, edited).expect("rewrite plan");
    let reloaded_at = started.elapsed();
    std::thread::sleep(Duration::from_secs(secs) / 2);
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed();
    let mut all = Vec::new();
    let (mut failed, mut versions) = (0, 0);
    for w in workers {
        let (times, f, shas) = w.join().expect("client");
        all.extend(times);
        failed += f;
        versions = versions.max(shas.len());
    }
    all.sort();
    let n = all.len();
    println!(
        "serve under load: {clients} keep-alive clients for {:.1} s, plan rewritten at {:.1} s",
        elapsed.as_secs_f64(),
        reloaded_at.as_secs_f64()
    );
    println!(
        "  {n} quotes, {:.0} quotes/s, p50 {:?}, p99 {:?}, max {:?}, {failed} failed, plan versions seen by a client: {versions}",
        n as f64 / elapsed.as_secs_f64(),
        percentile(&all, 0.50),
        percentile(&all, 0.99),
        all.last().copied().unwrap_or_default(),
    );
    assert_eq!(failed, 0, "requests failed during the reload");
    assert_eq!(versions, 2, "the reload was not seen");
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("zoho.rate");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zoho.rate"),
        &plan,
    )
    .expect("copy plan");
    let addr = start(dir.path());

    let mut c = Criterion::default().configure_from_args();
    let mut client = Client::connect(addr);
    c.bench_function("serve: one quote over loopback (keep-alive)", |b| {
        b.iter(|| client.quote().map(|a| a.status))
    });
    c.final_summary();

    load(addr, &plan);
}

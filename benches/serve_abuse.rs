//! `ratecard serve` under the full-size attack of issue 22, run by hand: 20,000 idle
//! connections (held by two helper processes, for the file handles one process may have),
//! 300 slow bodies and a slowloris, while one good client quotes on a kept-alive connection
//! and a prober asks `/healthz` every 100 ms. The server runs with its default limits.
//!
//! Run: `cargo bench --bench serve_abuse`. `ABUSE_SECS` (30), `ABUSE_IDLE` (20000),
//! `ABUSE_SLOW` (300), `ABUSE_SLOWLORIS` (1) and `ABUSE_REOPEN_MS` (unset: idle connections
//! the server closes stay closed; set: each is reopened after that long) tune it; extra
//! arguments after `--` go to `ratecard serve`. It fails unless every quote and probe is
//! answered and the quotes' p99 is under 50 ms.

#[path = "../tests/common/abuse.rs"]
mod abuse;

use abuse::{Attack, Server};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let reopen = std::env::var("ABUSE_REOPEN_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_millis);
    // A helper: hold idle connections until stdin closes, then print what it saw.
    if let Ok(spec) = std::env::var("ABUSE_HELPER") {
        let (addr, n) = spec.split_once('/').expect("ADDR/N");
        abuse::hold_idle(
            addr.parse().expect("address"),
            n.parse().expect("count"),
            reopen,
        );
        return;
    }
    let secs = env("ABUSE_SECS", 30);
    let idle = env("ABUSE_IDLE", 20_000) as usize;
    let slow = env("ABUSE_SLOW", 300) as usize;
    let slowloris = env("ABUSE_SLOWLORIS", 1) as usize;
    let extra: Vec<String> = std::env::args()
        .skip_while(|a| a != "--")
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let server = Server::start(&extra);
    println!(
        "serve_abuse: {idle} idle connections, {slow} slow bodies, {slowloris} slowloris, {secs} s; server flags: {extra:?}"
    );
    let helpers: Vec<_> = [idle / 2, idle - idle / 2]
        .into_iter()
        .filter(|n| *n > 0)
        .map(|n| {
            Command::new(std::env::current_exe().expect("bench"))
                .env("ABUSE_HELPER", format!("{}/{n}", server.addr))
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .expect("helper starts")
        })
        .collect();
    let attack = Attack {
        idle: 0,
        reopen,
        slow_bodies: slow,
        slowloris,
    };
    // The idle connections are opened during the warm-up, and held through the run.
    let r = abuse::run(
        server.addr,
        attack,
        Duration::from_secs(3),
        Duration::from_secs(secs),
    );
    let (mut opened, mut peak, mut closed) = (0u64, 0u64, 0u64);
    for mut h in helpers {
        drop(h.stdin.take());
        let mut out = String::new();
        let _ = h.stdout.take().expect("stdout").read_to_string(&mut out);
        let _ = h.wait();
        let n: Vec<u64> = out
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        if let [o, p, c] = n[..] {
            opened += o;
            peak += p;
            closed += c;
        }
    }
    println!(
        "  good client: {} quotes in {:.1} s, p50 {:?}, p99 {:?}, max {:?}, {} failed",
        r.quotes, r.seconds, r.p50, r.p99, r.max, r.failures
    );
    println!(
        "  /healthz: {} answered 200, {} not, slowest {:?}",
        r.health_ok, r.health_failed, r.health_max
    );
    println!(
        "  idle: {opened} opened, at most {peak} open at once (as the clients saw them), {closed} closed by the server"
    );
    println!(
        "  slow bodies: {} answered, {} of them 408; slowloris: cut off {} times, the longest lasted {} ms",
        r.slow_answered, r.slow_408, r.slowloris_cut, r.slowloris_longest_ms
    );
    assert_eq!(r.failures, 0, "quotes failed");
    assert_eq!(r.health_failed, 0, "probes failed");
    assert!(r.p99 < Duration::from_millis(50), "p99 {:?}", r.p99);
}

//! `ratecard serve`: the quote API a CRM, a pricing page or a deal desk calls, and a live
//! price calculator for the sales team. A front end beside `cli` and `repl`: it only
//! translates HTTP to the application layer (`app`) and back.
//!
//! See docs/serve.md for the endpoints, limits and running many replicas.

pub mod catalog;
pub mod conn;
mod handlers;
pub mod limits;
pub mod log;
pub(crate) mod openapi;
mod problem;
mod router;

pub use catalog::Catalog;
pub use problem::Problem;
pub use router::router;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How the server runs; every limit explicit.
#[derive(Debug, Clone)]
pub struct Config {
    /// A plan file or a folder of plans; `None` for the built-in plan.
    pub plans: Option<PathBuf>,
    /// Where to listen.
    pub listen: SocketAddr,
    /// The bearer token administrative endpoints require; without one they are off.
    pub admin_token: Option<String>,
    /// Origins allowed to call the API from a browser (`*` for any); none by default.
    pub cors: Vec<String>,
    /// The largest request body, bytes (a batch may be this large too).
    pub max_body_bytes: usize,
    /// The longest one request's work may take, once its body is read (a streamed batch
    /// included).
    pub timeout: Duration,
    /// Requests handled at once, across every route; more are refused with 503 rather
    /// than queued.
    pub concurrency: usize,
    /// Open connections at most; past it the one waiting longest without work is closed.
    pub max_connections: usize,
    /// The longest from a request's first byte to the end of its head.
    pub header_timeout: Duration,
    /// The longest from the end of a request's head to the end of its body.
    pub body_timeout: Duration,
    /// The longest a connection stays open without a request.
    pub idle_timeout: Duration,
    /// How often plan files are looked at for changes.
    pub reload_every: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            plans: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            admin_token: None,
            cors: Vec::new(),
            max_body_bytes: 1 << 20,
            timeout: Duration::from_secs(10),
            concurrency: 256,
            max_connections: 4096,
            header_timeout: Duration::from_secs(5),
            body_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            reload_every: Duration::from_millis(500),
        }
    }
}

/// What every handler shares: the plans, the configuration and the concurrency permits.
pub struct State {
    /// The served plans.
    pub catalog: Catalog,
    /// How the server runs.
    pub config: Config,
    /// One permit per request handled at once (`--concurrency`), shared by every route.
    pub permits: Arc<tokio::sync::Semaphore>,
}

impl State {
    /// Loads the configured plans.
    pub fn open(config: Config) -> Result<Arc<State>, String> {
        let catalog = Catalog::open(config.plans.as_deref())?;
        let permits = Arc::new(tokio::sync::Semaphore::new(config.concurrency.max(1)));
        Ok(Arc::new(State {
            catalog,
            config,
            permits,
        }))
    }
}

/// File handles kept free for what is not a connection: plan and hook files read on a
/// reload, the blocking threads, the log.
const SPARE_HANDLES: u64 = 128;

/// Raises the open-file limit to what the system allows and returns the connection cap
/// that fits under it, so the server refuses connections itself rather than failing to
/// accept them (`Too many open files`) for everyone.
fn connection_cap(wanted: usize) -> usize {
    #[cfg(unix)]
    {
        use rustix::process::{getrlimit, setrlimit, Resource};
        let mut limit = getrlimit(Resource::Nofile);
        if limit.current < limit.maximum {
            limit.current = limit.maximum;
            let _ = setrlimit(Resource::Nofile, limit);
            limit = getrlimit(Resource::Nofile);
        }
        if let Some(handles) = limit.current {
            let fits =
                usize::try_from(handles.saturating_sub(SPARE_HANDLES).max(1)).unwrap_or(usize::MAX);
            if fits < wanted {
                tracing::warn!(
                    "--max-connections {wanted} lowered to {fits}: the process may open {handles} files"
                );
                return fits;
            }
        }
    }
    wanted
}

/// Starts the server and serves until Ctrl-C or SIGTERM; plan files are watched for changes.
pub fn run(config: Config) -> Result<(), String> {
    let state = State::open(config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(serve(state))
}

/// Connections waiting to be accepted; above the usual 1,024 so a burst of clients is not
/// refused by the kernel before the cap can decide.
const BACKLOG: u32 = 4096;

fn listen(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = match addr {
        SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
        SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
    };
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

async fn serve(state: Arc<State>) -> Result<(), String> {
    let listen_on = state.config.listen;
    let listener = listen(listen_on).map_err(|e| format!("cannot listen on {listen_on}: {e}"))?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    let snap = state.catalog.snapshot();
    for e in snap.plans.values() {
        tracing::info!(
            plan = %e.name,
            version = %e.plan.version,
            sha256 = %catalog::short(&e.plan.source_sha256),
            "serving plan"
        );
    }
    for (name, why) in &snap.broken {
        tracing::warn!(plan = %name, "not served: {why}");
    }
    // The address goes to stdout on its own line, so a script (or a test) that asked for
    // port 0 can read where the server is.
    println!("listening on http://{bound}");
    tokio::spawn(watch(state.clone()));
    let c = &state.config;
    let tracker = conn::Tracker::new(conn::Limits {
        max_connections: connection_cap(c.max_connections),
        header: c.header_timeout,
        body: c.body_timeout,
        idle: c.idle_timeout,
        request: c.timeout,
    });
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown().await;
        let _ = stop.send(true);
    });
    conn::serve(listener, router(state), tracker, stopped).await;
    Ok(())
}

/// Reloads changed plans every `reload_every`, logging each change.
async fn watch(state: Arc<State>) {
    let mut tick = tokio::time::interval(state.config.reload_every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let s = state.clone();
        let Ok(log) = tokio::task::spawn_blocking(move || s.catalog.reload()).await else {
            continue;
        };
        for line in log {
            if line.contains("error") || line.contains("cannot") || line.contains("gone") {
                tracing::warn!("{line}");
            } else {
                tracing::info!("{line}");
            }
        }
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

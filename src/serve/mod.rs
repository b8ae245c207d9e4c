//! `ratecard serve`: the quote API a CRM, a pricing page or a deal desk calls, and a live
//! price calculator for the sales team. A front end beside `cli` and `repl`: it only
//! translates HTTP to the application layer (`app`) and back.
//!
//! See docs/serve.md for the endpoints, limits and running many replicas.

pub mod catalog;
mod handlers;
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
    /// The longest one request may take.
    pub timeout: Duration,
    /// Requests handled at once; more are refused with 503 rather than queued.
    pub concurrency: usize,
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
            reload_every: Duration::from_millis(500),
        }
    }
}

/// What every handler shares: the plans and the configuration.
pub struct State {
    /// The served plans.
    pub catalog: Catalog,
    /// How the server runs.
    pub config: Config,
}

impl State {
    /// Loads the configured plans.
    pub fn open(config: Config) -> Result<Arc<State>, String> {
        let catalog = Catalog::open(config.plans.as_deref())?;
        Ok(Arc::new(State { catalog, config }))
    }
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

async fn serve(state: Arc<State>) -> Result<(), String> {
    let listen = state.config.listen;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
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
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| format!("the server stopped: {e}"))
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

//! `ratecard serve`: the command line of the HTTP server; the server itself is `crate::serve`.

use super::output::say;
use super::Exit;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Arguments of `ratecard serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A plan file, or a folder of plans each served under its file's stem (`zoho` for
    /// zoho.rate); the built-in plan when left out.
    pub plans: Option<PathBuf>,
    /// Address to listen on (port 0 picks a free port; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Bearer token for administrative endpoints (/v1/admin/*); without one they are off.
    #[arg(long, env = "RATECARD_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    /// An origin allowed to call the API from a browser, or `*` (repeatable); none by default.
    #[arg(long = "cors", value_name = "ORIGIN")]
    pub cors: Vec<String>,
    /// The largest request body, in bytes.
    #[arg(long, default_value_t = 1 << 20, value_name = "BYTES")]
    pub max_body: usize,
    /// The longest a request's work may take once its body has arrived (a streamed batch
    /// included), in milliseconds.
    #[arg(long, default_value_t = 10_000, value_name = "MS")]
    pub timeout_ms: u64,
    /// Requests handled at once across every route; more are refused with 503.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..))]
    pub concurrency: u32,
    /// Open connections at most; past it the connection waiting longest without work is
    /// closed (lowered to fit the process's open-file limit).
    #[arg(long, default_value_t = 4096, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// The longest from a request's first byte to the end of its headers, in milliseconds.
    #[arg(long, default_value_t = 5_000, value_name = "MS", value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout_ms: u64,
    /// The longest from the end of a request's headers to the end of its body, in
    /// milliseconds.
    #[arg(long, default_value_t = 10_000, value_name = "MS", value_parser = clap::value_parser!(u64).range(1..))]
    pub body_timeout_ms: u64,
    /// The longest a connection stays open without a request, in milliseconds.
    #[arg(long, default_value_t = 30_000, value_name = "MS", value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout_ms: u64,
    /// Logs as JSON lines instead of text (for log collectors).
    #[arg(long)]
    pub log_json: bool,
    /// The least severe log lines written: `info` logs one line per request, `warn` only
    /// problems. Without it, `RATECARD_LOG` (a tracing filter) or else `info`.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub log_level: Option<LogLevel>,
}

/// How much `serve` logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogLevel {
    /// Nothing.
    Off,
    /// Failures only.
    Error,
    /// Failures and warnings (plans not served, lowered limits).
    Warn,
    /// Also one line per request, plan loads and reloads.
    Info,
    /// Also the server's inner workings.
    Debug,
    /// Everything.
    Trace,
}

impl LogLevel {
    fn filter(self) -> &'static str {
        match self {
            LogLevel::Off => "off",
            LogLevel::Error => "error",
            LogLevel::Warn => "warn",
            LogLevel::Info => "info",
            LogLevel::Debug => "debug",
            LogLevel::Trace => "trace",
        }
    }
}

/// Runs the server until Ctrl-C or SIGTERM.
pub fn run(args: Args) -> Exit {
    let filter = match args.log_level {
        Some(level) => tracing_subscriber::EnvFilter::new(level.filter()),
        None => tracing_subscriber::EnvFilter::try_from_env("RATECARD_LOG")
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
    };
    let log = crate::serve::log::LogWriter::stderr();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(log.clone());
    let _ = if args.log_json {
        logs.json().try_init()
    } else {
        logs.try_init()
    };
    let config = crate::serve::Config {
        plans: args.plans,
        listen: args.listen,
        admin_token: args.admin_token.filter(|t| !t.is_empty()),
        cors: args.cors,
        max_body_bytes: args.max_body,
        timeout: Duration::from_millis(args.timeout_ms.max(1)),
        concurrency: args.concurrency as usize,
        max_connections: args.max_connections as usize,
        header_timeout: Duration::from_millis(args.header_timeout_ms),
        body_timeout: Duration::from_millis(args.body_timeout_ms),
        idle_timeout: Duration::from_millis(args.idle_timeout_ms),
        ..crate::serve::Config::default()
    };
    let served = crate::serve::run(config);
    log.flush();
    match served {
        Ok(()) => Exit::Ok,
        Err(e) => {
            say!("ratecard: {}", crate::text::shown(&e));
            Exit::Io
        }
    }
}

//! Connections: the accept loop, a cap on open connections, and the timeouts that close a
//! connection nobody is using.
//!
//! Every connection is in one phase, with the time it entered it:
//!
//! | phase | from | until | closed after |
//! |---|---|---|---|
//! | idle | accepted, or its last response sent | a request's first byte | `--idle-timeout-ms` |
//! | head | the first byte of a request | the whole head has arrived | `--header-timeout-ms` |
//! | body | the head has arrived | the body is read and a permit taken | `--body-timeout-ms` (the request is answered 408 first) |
//! | working | a permit taken | the response is sent | `--timeout-ms` and a second of grace |
//!
//! A client that sends one header byte every 0.1 s is cut off at the header timeout, one
//! that connects and sends nothing at the idle timeout, one that stops reading its answer
//! at the idle (or working) timeout. When `--max-connections` are open, a new connection
//! sheds the one that has waited longest without work (idle, head or body, never working),
//! so 20,000 idle sockets cannot lock out a client that quotes: they take turns being
//! closed, and the busy ones are never touched. With nothing to shed, the new connection
//! gets a 503 and is closed.
//!
//! hyper's own `header_read_timeout` is not used: it also runs while a kept-alive connection
//! waits for its next request, so it cannot be both a short header limit and a longer idle
//! one.

use super::limits::Held;
use axum::body::Body;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::collections::HashMap;
use std::convert::Infallible;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tokio::time::Instant;
use tower::ServiceExt;

const IDLE: u8 = 0;
const HEAD: u8 = 1;
const BODY: u8 = 2;
const WORKING: u8 = 3;

/// A connection that has answered a request is not shed within this long of going idle:
/// its last response may still be on its way out of hyper's buffer.
const FRESH: Duration = Duration::from_millis(50);

/// Extra time past `--timeout-ms` before a working connection is closed: a batch stops on
/// its own at the deadline, so only a client that stopped reading is still there.
const GRACE: Duration = Duration::from_secs(1);

/// Connection limits and timeouts.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Open connections at most.
    pub max_connections: usize,
    /// From a request's first byte to the end of its head.
    pub header: Duration,
    /// From the end of the head to the end of the body.
    pub body: Duration,
    /// Without a request, from accept or the last response.
    pub idle: Duration,
    /// One request's work (`--timeout-ms`).
    pub request: Duration,
}

/// One open connection, shared by its task, its requests and the tracker.
pub struct Conn {
    id: u64,
    phase: AtomicU8,
    /// Milliseconds since the tracker's epoch when the phase began.
    since: AtomicU64,
    /// Requests begun on this connection.
    served: AtomicU64,
    epoch: Instant,
    changed: Notify,
    close: Notify,
    shed: AtomicBool,
}

impl Conn {
    fn now(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn set(&self, phase: u8) {
        self.since.store(self.now(), Ordering::Relaxed);
        self.phase.store(phase, Ordering::Relaxed);
        self.changed.notify_one();
    }

    /// The request's body is read and it holds a permit: it is doing the work it came for.
    pub fn working(&self) {
        self.set(WORKING);
    }

    /// When this connection is to be closed if its phase does not change first.
    fn deadline(&self, limits: &Limits) -> Instant {
        let since = self.epoch + Duration::from_millis(self.since.load(Ordering::Relaxed));
        since
            + match self.phase.load(Ordering::Relaxed) {
                IDLE => limits.idle,
                HEAD => limits.header,
                BODY => limits.body + GRACE,
                _ => limits.request + GRACE,
            }
    }
}

/// Marks its connection idle when dropped: with the response's body, once it is sent.
struct IdleOnDrop(Arc<Conn>);

impl Drop for IdleOnDrop {
    fn drop(&mut self) {
        self.0.set(IDLE);
    }
}

/// Every open connection, for the cap and for shedding.
pub struct Tracker {
    limits: Limits,
    epoch: Instant,
    next: AtomicU64,
    open: Mutex<HashMap<u64, Arc<Conn>>>,
    /// Connections shed or refused since the last log line, and when that was (ms).
    shed_since_log: AtomicU64,
    last_log: AtomicU64,
}

impl Tracker {
    /// A tracker for connections under `limits`.
    pub fn new(limits: Limits) -> Arc<Tracker> {
        Arc::new(Tracker {
            limits,
            epoch: Instant::now(),
            next: AtomicU64::new(1),
            open: Mutex::new(HashMap::new()),
            shed_since_log: AtomicU64::new(0),
            last_log: AtomicU64::new(0),
        })
    }

    /// Open connections now.
    pub fn open(&self) -> usize {
        self.open.lock().map_or(0, |m| m.len())
    }

    /// Admits a new connection, shedding the longest-waiting one without work when the cap
    /// is reached; `None` when every open connection is working (the new one is refused).
    fn admit(&self) -> Option<Arc<Conn>> {
        let mut open = self.open.lock().ok()?;
        if open.len() >= self.limits.max_connections.max(1) && !self.shed_one(&mut open) {
            drop(open);
            self.note_shed();
            return None;
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let conn = Arc::new(Conn {
            id,
            phase: AtomicU8::new(IDLE),
            since: AtomicU64::new(0),
            served: AtomicU64::new(0),
            epoch: self.epoch,
            changed: Notify::new(),
            close: Notify::new(),
            shed: AtomicBool::new(false),
        });
        conn.since.store(conn.now(), Ordering::Relaxed);
        open.insert(id, conn.clone());
        Some(conn)
    }

    /// Closes the connection that has waited longest without work; false when there is
    /// none to close.
    fn shed_one(&self, open: &mut HashMap<u64, Arc<Conn>>) -> bool {
        let now = u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
        let fresh = u64::try_from(FRESH.as_millis()).unwrap_or(0);
        let oldest = open
            .values()
            .filter(|c| c.phase.load(Ordering::Relaxed) != WORKING)
            .filter(|c| {
                c.served.load(Ordering::Relaxed) == 0
                    || now.saturating_sub(c.since.load(Ordering::Relaxed)) >= fresh
            })
            .min_by_key(|c| (c.since.load(Ordering::Relaxed), c.id))
            .map(|c| c.id);
        let Some(id) = oldest.and_then(|id| open.remove(&id)) else {
            return false;
        };
        id.shed.store(true, Ordering::Relaxed);
        id.close.notify_one();
        self.note_shed();
        true
    }

    /// Counts a shed or refused connection, and says so in the log at most every 10 s.
    fn note_shed(&self) {
        let n = self.shed_since_log.fetch_add(1, Ordering::Relaxed) + 1;
        let now = u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
        let last = self.last_log.load(Ordering::Relaxed);
        if (last == 0 || now.saturating_sub(last) >= 10_000)
            && self
                .last_log
                .compare_exchange(last, now.max(1), Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            self.shed_since_log.fetch_sub(n, Ordering::Relaxed);
            tracing::warn!(
                "{n} connection{} closed or refused at the cap of {} open connections (--max-connections)",
                if n == 1 { "" } else { "s" },
                self.limits.max_connections
            );
        }
    }

    /// Frees a slot when the process is out of file handles: the longest-waiting idle
    /// connection goes, so accepting can go on.
    fn relieve(&self) {
        if let Ok(mut open) = self.open.lock() {
            self.shed_one(&mut open);
        }
    }

    fn remove(&self, id: u64) {
        if let Ok(mut open) = self.open.lock() {
            open.remove(&id);
        }
    }
}

/// A socket that marks its connection's request as begun when a byte arrives while idle.
struct Watched {
    stream: TcpStream,
    conn: Arc<Conn>,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.stream).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(())))
            && buf.filled().len() > before
            && this.conn.phase.load(Ordering::Relaxed) == IDLE
        {
            this.conn.set(HEAD);
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}

/// The answer to a connection over the cap when nothing can be shed: a problem document,
/// written if the socket takes it at once, then the connection is closed.
fn refuse(stream: &TcpStream) {
    let body = r#"{"type":"urn:ratecard:problem:overloaded","title":"the server is busy","status":503,"detail":"every connection is in use (--max-connections); try again shortly"}"#;
    let response = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.try_write(response.as_bytes());
}

/// True for accept errors that mean the process (or system) ran out of file handles.
fn out_of_handles(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(code) if code == 23 || code == 24) // ENFILE, EMFILE
}

/// Accepts connections until `stop` turns true, then lets those with a request in progress
/// finish (within `--timeout-ms` and a second) and closes the rest.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    tracker: Arc<Tracker>,
    mut stop: watch::Receiver<bool>,
) {
    let mut last_warning: Option<Instant> = None;
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.changed() => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                if last_warning.is_none_or(|t| t.elapsed() >= Duration::from_secs(10)) {
                    tracing::warn!("accept error: {e}");
                    last_warning = Some(Instant::now());
                }
                if out_of_handles(&e) {
                    tracker.relieve();
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let Some(conn) = tracker.admit() else {
            refuse(&stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(connection(
            stream,
            conn,
            app.clone(),
            tracker.clone(),
            stop.clone(),
        ));
    }
    drop(listener);
    // Requests in flight finish; an idle connection is closed by its task at once.
    let until = Instant::now() + tracker.limits.request + GRACE;
    while tracker.open() > 0 && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Serves one connection until it ends, times out, is shed or the server stops.
async fn connection(
    stream: TcpStream,
    conn: Arc<Conn>,
    app: Router,
    tracker: Arc<Tracker>,
    mut stop: watch::Receiver<bool>,
) {
    let limits = tracker.limits;
    let io = TokioIo::new(Watched {
        stream,
        conn: conn.clone(),
    });
    let for_requests = conn.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        let conn = for_requests.clone();
        let app = app.clone();
        conn.served.fetch_add(1, Ordering::Relaxed);
        conn.set(BODY);
        req.extensions_mut().insert(conn.clone());
        async move {
            let response = match app.oneshot(req.map(Body::new)).await {
                Ok(r) => r,
                Err(never) => match never {},
            };
            Ok::<_, Infallible>(response.map(|b| Held::new(b, IdleOnDrop(conn))))
        }
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    http.header_read_timeout(None).keep_alive(true);
    let served = http.serve_connection(io, service);
    let mut served = std::pin::pin!(served);
    let mut stopping = false;
    loop {
        let deadline = conn.deadline(&limits);
        tokio::select! {
            _ = served.as_mut() => break,
            _ = tokio::time::sleep_until(deadline) => {
                if Instant::now() >= conn.deadline(&limits) {
                    break;
                }
            }
            _ = conn.changed.notified() => {}
            _ = conn.close.notified() => break,
            _ = stop.changed(), if !stopping => {
                stopping = true;
                // A request in progress finishes (hyper then closes the connection);
                // anything else is closed now.
                served.as_mut().graceful_shutdown();
                if !matches!(conn.phase.load(Ordering::Relaxed), BODY | WORKING) {
                    break;
                }
            }
        }
    }
    if !conn.shed.load(Ordering::Relaxed) {
        tracker.remove(conn.id);
    }
}

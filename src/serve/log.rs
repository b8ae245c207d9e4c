//! The server's log writer: one line per request at INFO is kept, but written in batches,
//! not with a system call each (that was a tenth of the server's CPU under load).
//!
//! Request lines wait in a buffer until it holds [`FLUSH_BYTES`], until [`FLUSH_EVERY`]
//! has passed, or until any other line is logged; every other line (start-up, reloads,
//! warnings, errors) is written at once, after the request lines before it, so the log
//! keeps its order. A server killed with SIGKILL loses at most the last tenth of a second
//! of request lines; a stop by Ctrl-C or SIGTERM loses none ([`LogWriter::flush`]).

use std::io::Write;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;
use tracing::Metadata;
use tracing_subscriber::fmt::MakeWriter;

/// Request lines buffered before they are written regardless of time.
pub const FLUSH_BYTES: usize = 64 * 1024;

/// The longest a request line waits in the buffer.
pub const FLUSH_EVERY: Duration = Duration::from_millis(100);

/// A `tracing` writer that batches the request log (see the module's documentation).
#[derive(Clone)]
pub struct LogWriter {
    shared: Arc<Shared>,
}

struct Shared {
    state: Mutex<State>,
}

struct State {
    pending: Vec<u8>,
    out: Box<dyn Write + Send>,
}

impl LogWriter {
    /// Writes to standard error, with a thread that writes waiting lines every
    /// [`FLUSH_EVERY`] for as long as the writer lives.
    pub fn stderr() -> LogWriter {
        let log = LogWriter::to(Box::new(std::io::stderr()));
        let weak = Arc::downgrade(&log.shared);
        // Without the thread a quiet server would hold its last requests' lines for ever;
        // if it cannot start, lines are still written when the buffer fills or at the end.
        let _ = std::thread::Builder::new()
            .name("log-flush".into())
            .spawn(move || flush_every(weak));
        log
    }

    /// Writes to `out`; lines are written when the buffer fills, when another kind of line
    /// comes, or on [`LogWriter::flush`].
    pub fn to(out: Box<dyn Write + Send>) -> LogWriter {
        LogWriter {
            shared: Arc::new(Shared {
                state: Mutex::new(State {
                    pending: Vec::with_capacity(FLUSH_BYTES),
                    out,
                }),
            }),
        }
    }

    /// Writes every waiting line now.
    pub fn flush(&self) {
        self.shared.lock().write_pending();
    }
}

fn flush_every(shared: Weak<Shared>) {
    loop {
        std::thread::sleep(FLUSH_EVERY);
        match shared.upgrade() {
            Some(s) => s.lock().write_pending(),
            None => return,
        }
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A thread that panicked mid-write leaves at worst a partial line: keep logging.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl State {
    fn write_pending(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        // A log that cannot be written has nowhere to say so; the lines are dropped rather
        // than kept growing.
        let _ = self.out.write_all(&self.pending);
        let _ = self.out.flush();
        self.pending.clear();
    }
}

/// One event's line, written through the shared buffer.
pub struct Line<'a> {
    shared: &'a Shared,
    /// False for a request line, which may wait in the buffer.
    now: bool,
}

impl Write for Line<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut state = self.shared.lock();
        state.pending.extend_from_slice(bytes);
        if self.now || state.pending.len() >= FLUSH_BYTES {
            state.write_pending();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.now {
            self.shared.lock().write_pending();
        }
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for LogWriter {
    type Writer = Line<'a>;

    fn make_writer(&'a self) -> Line<'a> {
        Line {
            shared: &self.shared,
            now: true,
        }
    }

    fn make_writer_for(&'a self, meta: &Metadata<'_>) -> Line<'a> {
        let request =
            meta.target() == super::router::LOG_TARGET && *meta.level() == tracing::Level::INFO;
        Line {
            shared: &self.shared,
            now: !request,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing_subscriber::fmt::format::FmtSpan;

    /// A sink the test can read while the writer holds it.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| std::io::ErrorKind::Other)?
                .extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Sink {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().expect("sink").clone()).expect("utf-8")
        }
    }

    #[test]
    fn request_lines_wait_and_other_lines_write_everything_in_order() {
        let sink = Sink::default();
        let log = LogWriter::to(Box::new(sink.clone()));
        let subscriber = tracing_subscriber::fmt()
            .without_time()
            .with_ansi(false)
            .with_span_events(FmtSpan::NONE)
            .with_writer(log.clone())
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(target: super::super::router::LOG_TARGET, status = 200, "request");
            tracing::info!(target: super::super::router::LOG_TARGET, status = 404, "request");
            assert_eq!(sink.text(), "", "request lines wait in the buffer");
            tracing::warn!(target: "ratecard::serve", "plan reloaded with errors");
            assert_eq!(
                sink.text(),
                " INFO ratecard::serve::router: request status=200\n \
                 INFO ratecard::serve::router: request status=404\n \
                 WARN ratecard::serve: plan reloaded with errors\n"
            );
            tracing::info!(target: super::super::router::LOG_TARGET, status = 201, "request");
        });
        log.flush();
        assert!(sink.text().ends_with("WARN ratecard::serve: plan reloaded with errors\n INFO ratecard::serve::router: request status=201\n"));
    }

    #[test]
    fn a_full_buffer_is_written_without_waiting() {
        let sink = Sink::default();
        let log = LogWriter::to(Box::new(sink.clone()));
        let meta_line = vec![b'x'; FLUSH_BYTES / 2];
        let subscriber = tracing_subscriber::fmt()
            .without_time()
            .with_ansi(false)
            .with_writer(log)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let text = String::from_utf8(meta_line).expect("ascii");
            tracing::info!(target: super::super::router::LOG_TARGET, path = %text, "request");
            assert_eq!(sink.text().len(), 0);
            tracing::info!(target: super::super::router::LOG_TARGET, path = %text, "request");
            assert_eq!(sink.text().lines().count(), 2, "two lines over the limit");
        });
    }
}

//! The streaming engine shared by `batch` and `diff`: one thread reads chunks of rows, the
//! rayon pool maps each chunk in parallel, and the results come back in input order.
//!
//! At most three chunks exist at a time (one being read, one queued, one being mapped), so
//! memory depends on the chunk size, never on the length of the book.

use super::book::{Book, BookError, Columns};
use csv::ByteRecord;
use rayon::prelude::*;
use std::io::Read;
use std::sync::mpsc;

/// Rows read and mapped together: enough to keep every core busy, few enough to stay small.
pub const CHUNK_ROWS: usize = 16 * 1024;

/// Rows one rayon task maps: amortises the task, still balances the cores.
const SLICE_ROWS: usize = 256;

/// How far through the book the stream is, after a chunk.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Rows mapped so far.
    pub rows: u64,
    /// Bytes of the book read so far (rows for a Parquet book).
    pub bytes: u64,
}

/// Where rows come from: a CSV [`Book`] or a Parquet book (`parquet_io::ParquetBook`),
/// both handing out rows as text fields under the same [`Columns`].
pub trait Rows: Send {
    /// The header's columns.
    fn columns(&self) -> &Columns;
    /// Replaces `chunk` with up to `max` next rows, reusing its records' buffers; an empty
    /// chunk means the book is finished.
    fn read_chunk(&mut self, chunk: &mut Vec<ByteRecord>, max: usize) -> Result<(), BookError>;
    /// How far through the book reading is, in the unit its progress bar counts.
    fn progress(&self) -> u64;
}

impl<R: Read + Send> Rows for Book<R> {
    fn columns(&self) -> &Columns {
        Book::columns(self)
    }
    fn read_chunk(&mut self, chunk: &mut Vec<ByteRecord>, max: usize) -> Result<(), BookError> {
        Book::read_chunk(self, chunk, max)
    }
    fn progress(&self) -> u64 {
        self.bytes_read()
    }
}

/// Why a stream stopped early.
#[derive(Debug)]
pub enum StreamError<E> {
    /// The book could not be read.
    Book(BookError),
    /// The sink refused a chunk (an output that cannot be written).
    Sink(E),
}

/// Reads `book` in chunks of `chunk_rows`, applies `map` to slices of each chunk in parallel,
/// and hands `sink` every chunk's results in input order.
pub fn stream<B, T, E>(
    book: B,
    chunk_rows: usize,
    map: impl Fn(&Columns, &[ByteRecord]) -> T + Sync,
    mut sink: impl FnMut(Vec<T>, Progress) -> Result<(), E>,
) -> Result<(), StreamError<E>>
where
    B: Rows,
    T: Send,
{
    let chunk_rows = chunk_rows.max(1);
    let columns = book.columns().clone();
    type Chunk = Result<(Vec<ByteRecord>, u64), BookError>;
    // A queue of one: the reader runs one chunk ahead of the pricing, never further.
    let (full_tx, full_rx) = mpsc::sync_channel::<Chunk>(1);
    // Mapped chunks come back so their record buffers are reused, not reallocated.
    let (free_tx, free_rx) = mpsc::channel::<Vec<ByteRecord>>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut book = book;
            loop {
                let mut chunk = free_rx.try_recv().unwrap_or_default();
                match book.read_chunk(&mut chunk, chunk_rows) {
                    Ok(()) if chunk.is_empty() => break,
                    Ok(()) => {
                        let bytes = book.progress();
                        // A closed queue means the consumer stopped: stop reading too.
                        if full_tx.send(Ok((chunk, bytes))).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = full_tx.send(Err(e));
                        break;
                    }
                }
            }
        });
        let mut progress = Progress::default();
        for msg in full_rx {
            let (chunk, bytes) = msg.map_err(StreamError::Book)?;
            let out: Vec<T> = chunk
                .par_chunks(SLICE_ROWS)
                .map(|rows| map(&columns, rows))
                .collect();
            progress.rows += chunk.len() as u64;
            progress.bytes = bytes;
            let _ = free_tx.send(chunk);
            sink(out, progress).map_err(StreamError::Sink)?;
        }
        Ok(())
    })
}

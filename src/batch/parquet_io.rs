//! Customer books and batch results as Parquet, the format finance teams export a whole
//! book from their warehouse in.
//!
//! A Parquet book is read into the same text fields as a CSV book ([`ParquetBook`] is a
//! [`Rows`]), so every column means what it means in CSV and every row is checked by the
//! same code: text, integer, decimal and boolean columns are accepted; a floating-point
//! column is refused at once, as money and quantities are exact. Results are written with
//! the CSV's columns: amounts as `DECIMAL(38, the currency's digits)`, text as UTF-8.
//!
//! Malformed files are errors, never panics: every call into the Parquet reader that could
//! meet damaged bytes runs under `catch_unwind`, so a bug in the reader on a hostile file
//! stops the batch with a message instead of aborting it.

use super::book::{Book, BookError, Columns};
use super::pipeline::Rows;
use super::price::Outcome;
use arrow_array::builder::{Decimal128Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type,
    UInt8Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use csv::ByteRecord;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use rust_decimal::Decimal;
use std::io::{self, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

/// Rows read from the file at a time: a few hundred kilobytes of columns.
const READ_BATCH_ROWS: usize = 8192;

/// Rows per row group written: each group is buffered whole before it is written, so this
/// bounds the memory of a Parquet result (the writer's default of a million rows would
/// hold about 100 MB).
const ROW_GROUP_ROWS: usize = 64 * 1024;

/// How one column's values become text.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Text,
    LargeText,
    TextView,
    Bool,
    Signed(u8),
    Unsigned(u8),
    Decimal(u32),
}

/// A Parquet book being read: its columns, then its rows as text fields.
pub struct ParquetBook {
    reader: ParquetRecordBatchReader,
    columns: Columns,
    kinds: Vec<Kind>,
    batch: Option<RecordBatch>,
    /// The next row of `batch`.
    at: usize,
    /// Rows handed out so far.
    rows: u64,
    /// Rows the file says it has.
    total: u64,
    /// One value's text, reused.
    scratch: Vec<u8>,
}

/// What a call into the Parquet reader that panicked is reported as.
fn damaged() -> BookError {
    BookError::Io("the Parquet file is damaged (its reader failed on it)".into())
}

impl ParquetBook {
    /// Opens a Parquet book held in memory (a file or standard input, read whole: Parquet
    /// keeps its layout at the end of the file).
    pub fn new(data: Vec<u8>) -> Result<ParquetBook, BookError> {
        Self::open(bytes::Bytes::from(data))
    }

    /// Opens a Parquet book from a file, reading only the parts it needs.
    pub fn from_file(file: std::fs::File) -> Result<ParquetBook, BookError> {
        Self::open(file)
    }

    fn open<T: parquet::file::reader::ChunkReader + 'static>(
        input: T,
    ) -> Result<ParquetBook, BookError> {
        let opened = catch_unwind(AssertUnwindSafe(|| {
            let builder = ParquetRecordBatchReaderBuilder::try_new(input)?;
            let total = builder.metadata().file_metadata().num_rows();
            let schema = builder.schema().clone();
            let reader = builder.with_batch_size(READ_BATCH_ROWS).build()?;
            Ok::<_, parquet::errors::ParquetError>((reader, schema, total))
        }))
        .map_err(|_| damaged())?;
        let (reader, schema, total) = opened
            .map_err(|e| BookError::Io(format!("this is not a readable Parquet file: {e}")))?;
        let mut header = ByteRecord::new();
        let mut kinds = Vec::with_capacity(schema.fields().len());
        for field in schema.fields() {
            kinds.push(kind(field).map_err(BookError::Header)?);
            header.push_field(field.name().as_bytes());
        }
        let columns = Columns::from_header(&header)
            .map_err(BookError::Header)?
            .numbered_as_rows();
        Ok(ParquetBook {
            reader,
            columns,
            kinds,
            batch: None,
            at: 0,
            rows: 0,
            total: u64::try_from(total).unwrap_or(0),
            scratch: Vec::new(),
        })
    }

    /// The rows the file says it has, for a progress bar.
    pub fn total_rows(&self) -> u64 {
        self.total
    }

    /// The next batch of rows from the file; false at its end.
    fn next_batch(&mut self) -> Result<bool, BookError> {
        let next = catch_unwind(AssertUnwindSafe(|| self.reader.next())).map_err(|_| damaged())?;
        match next {
            None => Ok(false),
            Some(Err(e)) => Err(BookError::Io(format!(
                "cannot read the Parquet file after row {}: {e}",
                self.rows
            ))),
            Some(Ok(batch)) => {
                self.batch = Some(batch);
                self.at = 0;
                Ok(true)
            }
        }
    }
}

/// How a column of `field`'s type is read, or why it cannot be.
fn kind(field: &Field) -> Result<Kind, String> {
    let name = field.name();
    Ok(match field.data_type() {
        DataType::Utf8 => Kind::Text,
        DataType::LargeUtf8 => Kind::LargeText,
        DataType::Utf8View => Kind::TextView,
        DataType::Boolean => Kind::Bool,
        DataType::Int8 => Kind::Signed(8),
        DataType::Int16 => Kind::Signed(16),
        DataType::Int32 => Kind::Signed(32),
        DataType::Int64 => Kind::Signed(64),
        DataType::UInt8 => Kind::Unsigned(8),
        DataType::UInt16 => Kind::Unsigned(16),
        DataType::UInt32 => Kind::Unsigned(32),
        DataType::UInt64 => Kind::Unsigned(64),
        DataType::Decimal128(_, scale) if (0..=28).contains(scale) => {
            Kind::Decimal(u32::from(scale.unsigned_abs()))
        }
        DataType::Float16 | DataType::Float32 | DataType::Float64 => {
            return Err(format!(
                "column `{name}` holds floating-point numbers ({}), which cannot hold amounts \
                 and quantities exactly; export it as DECIMAL, an integer or text",
                field.data_type()
            ))
        }
        other => {
            return Err(format!(
                "column `{name}` is of type {other}; a book's columns must be text, integers, \
                 decimals or booleans"
            ))
        }
    })
}

/// Appends row `i` of `col` (read as `kind`) to `rec` as one text field; null is empty.
fn push_value(rec: &mut ByteRecord, scratch: &mut Vec<u8>, col: &ArrayRef, kind: Kind, i: usize) {
    if col.is_null(i) {
        rec.push_field(b"");
        return;
    }
    scratch.clear();
    // Writing into a Vec cannot fail.
    let _ = match kind {
        Kind::Text => {
            rec.push_field(col.as_string::<i32>().value(i).trim().as_bytes());
            return;
        }
        Kind::LargeText => {
            rec.push_field(col.as_string::<i64>().value(i).trim().as_bytes());
            return;
        }
        Kind::TextView => {
            rec.push_field(col.as_string_view().value(i).trim().as_bytes());
            return;
        }
        Kind::Bool => {
            rec.push_field(if col.as_boolean().value(i) {
                b"true"
            } else {
                b"false"
            });
            return;
        }
        Kind::Signed(8) => write!(scratch, "{}", col.as_primitive::<Int8Type>().value(i)),
        Kind::Signed(16) => write!(scratch, "{}", col.as_primitive::<Int16Type>().value(i)),
        Kind::Signed(32) => write!(scratch, "{}", col.as_primitive::<Int32Type>().value(i)),
        Kind::Signed(_) => write!(scratch, "{}", col.as_primitive::<Int64Type>().value(i)),
        Kind::Unsigned(8) => write!(scratch, "{}", col.as_primitive::<UInt8Type>().value(i)),
        Kind::Unsigned(16) => write!(scratch, "{}", col.as_primitive::<UInt16Type>().value(i)),
        Kind::Unsigned(32) => write!(scratch, "{}", col.as_primitive::<UInt32Type>().value(i)),
        Kind::Unsigned(_) => write!(scratch, "{}", col.as_primitive::<UInt64Type>().value(i)),
        Kind::Decimal(scale) => {
            let v = col.as_primitive::<Decimal128Type>().value(i);
            match Decimal::try_from_i128_with_scale(v, scale) {
                Ok(d) => write!(scratch, "{d}"),
                // Wider than a Decimal: the digits as written, so the row is refused as a
                // number out of range with its own text.
                Err(_) => write!(scratch, "{v}e-{scale}"),
            }
        }
    };
    rec.push_field(scratch);
}

impl Rows for ParquetBook {
    fn columns(&self) -> &Columns {
        &self.columns
    }

    fn read_chunk(&mut self, chunk: &mut Vec<ByteRecord>, max: usize) -> Result<(), BookError> {
        let mut n = 0;
        while n < max {
            let have = self.batch.as_ref().map_or(0, RecordBatch::num_rows);
            if self.at >= have {
                if !self.next_batch()? {
                    break;
                }
                continue;
            }
            let Some(batch) = self.batch.as_ref() else {
                break;
            };
            if n == chunk.len() {
                chunk.push(ByteRecord::new());
            }
            let rec = &mut chunk[n];
            rec.clear();
            for (col, kind) in batch.columns().iter().zip(&self.kinds) {
                push_value(rec, &mut self.scratch, col, *kind, self.at);
            }
            self.at += 1;
            self.rows += 1;
            let mut at = csv::Position::new();
            at.set_line(self.rows);
            rec.set_position(Some(at));
            n += 1;
        }
        chunk.truncate(n);
        Ok(())
    }

    fn progress(&self) -> u64 {
        self.rows
    }
}

/// Rewrites a CSV book as a Parquet book with the same columns, every one text (empty
/// cells null), streamed in chunks; returns the rows written. `gen-book` writes Parquet
/// books this way, and tests make Parquet books from CSV ones.
pub fn csv_to_parquet<R: Read + Send, W: Write + Send>(
    csv_book: R,
    out: W,
) -> Result<u64, BookError> {
    let mut book = Book::new(csv_book)?;
    let names = book.columns().names().to_vec();
    let schema: SchemaRef = Arc::new(Schema::new(
        names
            .iter()
            .map(|n| Field::new(n, DataType::Utf8, true))
            .collect::<Vec<_>>(),
    ));
    let write_err = |e: parquet::errors::ParquetError| BookError::Io(e.to_string());
    let mut writer =
        ArrowWriter::try_new(out, schema.clone(), Some(properties())).map_err(write_err)?;
    let mut chunk = Vec::new();
    let mut rows = 0u64;
    loop {
        book.read_chunk(&mut chunk, super::pipeline::CHUNK_ROWS)?;
        if chunk.is_empty() {
            break;
        }
        let arrays: Vec<ArrayRef> = (0..names.len())
            .map(|c| {
                let mut b = StringBuilder::with_capacity(chunk.len(), chunk.len() * 16);
                for rec in &chunk {
                    match rec.get(c).filter(|f| !f.is_empty()) {
                        Some(f) => b.append_value(String::from_utf8_lossy(f)),
                        None => b.append_null(),
                    }
                }
                Arc::new(b.finish()) as ArrayRef
            })
            .collect();
        let batch = RecordBatch::try_new(schema.clone(), arrays)
            .map_err(|e| BookError::Io(format!("cannot make a Parquet row group: {e}")))?;
        writer.write(&batch).map_err(write_err)?;
        rows += chunk.len() as u64;
    }
    writer.close().map_err(write_err)?;
    Ok(rows)
}

/// How results and books are written: Snappy (what warehouses write and read by default),
/// in row groups small enough to keep memory flat.
fn properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .build()
}

/// The result columns as Parquet: the CSV's columns (`write::COLUMNS`), amounts as
/// decimals in the currency's digits, null on a rejected row.
pub fn result_schema(digits: u32) -> SchemaRef {
    let amount = |name: &str| Field::new(name, DataType::Decimal128(38, digits as i8), true);
    let cols = super::write::COLUMNS;
    let mut fields = vec![Field::new(cols[0], DataType::Utf8, false)];
    fields.extend(cols[1..8].iter().map(|n| amount(n)));
    fields.push(Field::new(cols[8], DataType::Utf8, false));
    fields.push(Field::new(cols[9], DataType::Utf8, false));
    Arc::new(Schema::new(fields))
}

/// One slice of results, column by column, ready to become a record batch.
pub struct ResultColumns {
    customer: StringBuilder,
    amounts: [Decimal128Builder; 7],
    status: StringBuilder,
    message: StringBuilder,
    digits: u32,
}

impl ResultColumns {
    /// Empty columns for `rows` results in a currency of `digits` minor digits.
    pub fn new(rows: usize, digits: u32) -> ResultColumns {
        let amount = || {
            Decimal128Builder::with_capacity(rows)
                .with_precision_and_scale(38, digits as i8)
                // 38 digits at a scale of 0 to 4 is always a valid decimal type.
                .unwrap_or_else(|_| Decimal128Builder::with_capacity(rows))
        };
        ResultColumns {
            customer: StringBuilder::with_capacity(rows, rows * 24),
            amounts: std::array::from_fn(|_| amount()),
            status: StringBuilder::with_capacity(rows, rows * 2),
            message: StringBuilder::with_capacity(rows, rows),
            digits,
        }
    }

    /// Appends one result.
    pub fn push(&mut self, customer: &str, outcome: &Outcome) {
        self.customer.append_value(customer);
        match outcome {
            Outcome::Priced { totals: t, note } => {
                let values = [
                    t.monthly_recurring,
                    t.one_time,
                    t.first_invoice_total,
                    t.term_total_with_tax,
                    t.annual_recurring,
                    t.term_total,
                    t.term_tax,
                ];
                for (b, v) in self.amounts.iter_mut().zip(values) {
                    b.append_option(mantissa(v, self.digits));
                }
                self.status.append_value("ok");
                self.message.append_value(note.as_deref().unwrap_or(""));
            }
            Outcome::Rejected(message) => {
                for b in &mut self.amounts {
                    b.append_null();
                }
                self.status.append_value("rejected");
                self.message.append_value(message);
            }
        }
    }

    /// The columns as a record batch of `schema` (from [`result_schema`]).
    pub fn finish(mut self, schema: &SchemaRef) -> io::Result<RecordBatch> {
        let mut arrays: Vec<ArrayRef> = vec![Arc::new(self.customer.finish())];
        for b in &mut self.amounts {
            arrays.push(Arc::new(b.finish()));
        }
        arrays.push(Arc::new(self.status.finish()));
        arrays.push(Arc::new(self.message.finish()));
        RecordBatch::try_new(schema.clone(), arrays).map_err(io::Error::other)
    }
}

/// `amount` rounded as the CSV writes it, as the integer of its minor units (a decimal at
/// scale `digits`); `None` only if it cannot be (never for an amount within limits).
fn mantissa(amount: Decimal, digits: u32) -> Option<i128> {
    let mut r = crate::money::round(amount, digits);
    r.rescale(digits);
    let short = digits.checked_sub(r.scale())?;
    // A value too large to carry every digit keeps fewer; make up the difference.
    r.mantissa().checked_mul(10i128.checked_pow(short)?)
}

/// A Parquet writer of results on `out`.
pub struct ResultWriter<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
}

impl<W: Write + Send> ResultWriter<W> {
    /// Starts a result file for a currency of `digits` minor digits.
    pub fn new(out: W, digits: u32) -> io::Result<ResultWriter<W>> {
        let schema = result_schema(digits);
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(properties()))
            .map_err(io::Error::other)?;
        Ok(ResultWriter { writer, schema })
    }

    /// The schema every slice's columns are finished with.
    pub fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    /// Writes one slice of results.
    pub fn write(&mut self, batch: &RecordBatch) -> io::Result<()> {
        self.writer.write(batch).map_err(io::Error::other)
    }

    /// Writes the file's footer; without it the file cannot be read.
    pub fn close(self) -> io::Result<()> {
        self.writer.close().map(|_| ()).map_err(io::Error::other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{BooleanArray, Decimal128Array, Float64Array, Int64Array, StringArray};

    fn parquet_of(batch: RecordBatch) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = ArrowWriter::try_new(&mut out, batch.schema(), None).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
        out
    }

    fn batch(cols: Vec<(&str, ArrayRef)>) -> RecordBatch {
        RecordBatch::try_from_iter(cols).unwrap()
    }

    #[test]
    fn typed_columns_read_as_their_text() {
        let data = parquet_of(batch(vec![
            (
                "customer",
                Arc::new(StringArray::from(vec![Some(" A "), None])),
            ),
            (
                "edition",
                Arc::new(StringArray::from(vec!["basic", "advanced"])),
            ),
            ("seats", Arc::new(Int64Array::from(vec![Some(12), None]))),
            (
                "storage_gb",
                Arc::new(
                    Decimal128Array::from(vec![Some(80010), Some(-5)])
                        .with_precision_and_scale(10, 2)
                        .unwrap(),
                ),
            ),
            ("attr.vip", Arc::new(BooleanArray::from(vec![true, false]))),
        ]));
        let mut book = ParquetBook::new(data).unwrap();
        let mut chunk = Vec::new();
        book.read_chunk(&mut chunk, 10).unwrap();
        let text: Vec<Vec<&[u8]>> = chunk.iter().map(|r| r.iter().collect()).collect();
        assert_eq!(
            text,
            vec![
                vec![&b"A"[..], b"basic", b"12", b"800.10", b"true"],
                vec![&b""[..], b"advanced", b"", b"-0.05", b"false"],
            ]
        );
        assert_eq!(chunk[1].position().map(|p| p.line()), Some(2));
        assert_eq!(book.columns().request(&chunk[1]).unwrap().seats, None);
    }

    #[test]
    fn a_float_column_is_refused_by_name() {
        let data = parquet_of(batch(vec![
            ("customer", Arc::new(StringArray::from(vec!["A"]))),
            ("edition", Arc::new(StringArray::from(vec!["basic"]))),
            ("seats", Arc::new(Float64Array::from(vec![1.5]))),
        ]));
        let Err(BookError::Header(e)) = ParquetBook::new(data) else {
            panic!("a float column was accepted");
        };
        assert!(
            e.starts_with("column `seats` holds floating-point numbers (Float64)"),
            "{e}"
        );
    }

    #[test]
    fn damaged_files_are_errors() {
        for data in [
            Vec::new(),
            b"PAR1".to_vec(),
            b"PAR1 not really parquet PAR1".to_vec(),
            vec![0xff; 4096],
        ] {
            assert!(ParquetBook::new(data).is_err());
        }
        // A real file with its middle overwritten.
        let mut data = parquet_of(batch(vec![
            ("customer", Arc::new(StringArray::from(vec!["A"; 1000]))),
            ("edition", Arc::new(StringArray::from(vec!["basic"; 1000]))),
            ("seats", Arc::new(Int64Array::from(vec![3; 1000]))),
        ]));
        let mid = data.len() / 3;
        for b in &mut data[8..mid] {
            *b = 0x5a;
        }
        if let Ok(mut book) = ParquetBook::new(data) {
            let mut chunk = Vec::new();
            let _ = book.read_chunk(&mut chunk, 2000);
        }
    }

    #[test]
    fn amounts_become_minor_units() {
        use std::str::FromStr;
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(mantissa(d("12.345"), 2), Some(1235));
        assert_eq!(mantissa(d("-0.004"), 2), Some(0));
        assert_eq!(mantissa(d("7"), 0), Some(7));
        assert_eq!(
            mantissa(d("79228162514264337593543950335"), 2),
            Some(7922816251426433759354395033500)
        );
    }
}

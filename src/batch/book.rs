//! A customer book (CSV) read record by record, and each record turned into a [`Request`].
//!
//! Records stay raw bytes until a pricing thread converts them, so the single reading thread
//! only splits fields; a bad row becomes a message for that row, never an error for the book.

use crate::request::{Attr, Qty, Request, ServiceRequest};
use csv::ByteRecord;
use rust_decimal::Decimal;
use std::io::Read;
use std::str::FromStr;

/// A column of the book that fills a request field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Customer,
    Edition,
    Seats,
    Modules,
    StorageGb,
    Backup,
    Support,
    SupportUnits,
    Currency,
    Billing,
    TermMonths,
    Services,
    Coupons,
    Country,
    VatId,
}

/// Every recognised column name, in the order the documentation lists them.
const FIELDS: [(&str, Field); 15] = [
    ("customer", Field::Customer),
    ("edition", Field::Edition),
    ("seats", Field::Seats),
    ("modules", Field::Modules),
    ("storage_gb", Field::StorageGb),
    ("backup", Field::Backup),
    ("support", Field::Support),
    ("support_units", Field::SupportUnits),
    ("currency", Field::Currency),
    ("country", Field::Country),
    ("vat_id", Field::VatId),
    ("billing", Field::Billing),
    ("term_months", Field::TermMonths),
    ("services", Field::Services),
    ("coupons", Field::Coupons),
];

/// Columns a book cannot do without: a request needs an edition and seats, a result a name.
const REQUIRED: [&str; 3] = ["customer", "edition", "seats"];

/// Prefix of the columns that become free request attributes.
const ATTR_PREFIX: &str = "attr.";
/// Prefix of the columns that give an add-on's or usage's quantity (`qty.sandbox`).
const QTY_PREFIX: &str = "qty.";
/// Prefix of the columns that give the volume of a usage priced on it (`volume.payments`).
const VOLUME_PREFIX: &str = "volume.";
/// Prefix of the columns that give another edition's or a seat type's seats (`seats.core`).
const SEATS_PREFIX: &str = "seats.";

/// Which request map a `PREFIX.NAME` column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counted {
    Quantity,
    Volume,
    OtherSeats,
}

/// The book's header: which column fills which request field.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// Fields every row must have (the header's).
    width: usize,
    /// `(column, field)` for the known columns.
    fields: Vec<(usize, Field)>,
    /// `(column, NAME)` for the `attr.NAME` columns.
    attrs: Vec<(usize, String)>,
    /// `(column, NAME, map)` for the `qty.NAME`, `volume.NAME` and `seats.NAME` columns.
    quantities: Vec<(usize, String, Counted)>,
    /// The `customer` column.
    customer: usize,
    /// Every column's name, for messages.
    names: Vec<String>,
    /// Rows are counted as rows (a Parquet book), not as lines of a file.
    numbered_rows: bool,
}

/// Why a book cannot be read at all, as opposed to one bad row.
#[derive(Debug)]
pub enum BookError {
    /// The file could not be read.
    Io(String),
    /// The header names no usable set of columns.
    Header(String),
}

impl std::fmt::Display for BookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BookError::Io(e) => write!(f, "cannot read the book: {e}"),
            BookError::Header(e) => write!(f, "the book's header is not usable: {e}"),
        }
    }
}

impl std::error::Error for BookError {}

impl Columns {
    /// Maps the header's column names to fields; unknown, repeated or missing columns are errors.
    pub fn from_header(header: &ByteRecord) -> Result<Columns, String> {
        let mut cols = Columns {
            width: header.len(),
            ..Columns::default()
        };
        let mut seen: Vec<&str> = Vec::with_capacity(header.len());
        for (i, raw) in header.iter().enumerate() {
            // Spreadsheets save UTF-8 with a byte-order mark the csv reader leaves in place.
            let raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
            let name = std::str::from_utf8(raw)
                .map_err(|_| format!("column {} of the header is not UTF-8 text", i + 1))?;
            if seen.contains(&name) {
                return Err(format!("column `{name}` appears twice"));
            }
            seen.push(name);
            cols.names.push(name.to_string());
            if let Some(attr) = name.strip_prefix(ATTR_PREFIX) {
                if attr.is_empty() {
                    return Err(format!("column {} is `attr.` without a name", i + 1));
                }
                cols.attrs.push((i, attr.to_string()));
            } else if let Some((prefix, name, counted)) = [
                (QTY_PREFIX, Counted::Quantity),
                (VOLUME_PREFIX, Counted::Volume),
                (SEATS_PREFIX, Counted::OtherSeats),
            ]
            .iter()
            .find_map(|(p, c)| name.strip_prefix(p).map(|n| (*p, n, *c)))
            {
                if name.is_empty() {
                    return Err(format!("column {} is `{prefix}` without a name", i + 1));
                }
                cols.quantities.push((i, name.to_string(), counted));
            } else if let Some((_, f)) = FIELDS.iter().find(|(n, _)| *n == name) {
                if *f == Field::Customer {
                    cols.customer = i;
                }
                cols.fields.push((i, *f));
            } else {
                let known: Vec<&str> = FIELDS.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "unknown column `{name}`; expected {}, qty.NAME, volume.NAME, seats.NAME or attr.NAME",
                    known.join(", ")
                ));
            }
        }
        if let Some(missing) = REQUIRED.iter().find(|r| !seen.contains(r)) {
            return Err(format!("there is no `{missing}` column"));
        }
        Ok(cols)
    }

    /// Messages name a row by its number among the rows (a Parquet book has no lines);
    /// records are then positioned at their row number.
    pub fn numbered_as_rows(mut self) -> Columns {
        self.numbered_rows = true;
        self
    }

    /// Every column's name, in the header's order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The customer's name as written in `rec`, empty if the row is too short to have one.
    pub fn customer(&self, rec: &ByteRecord) -> String {
        let raw = rec.get(self.customer).unwrap_or_default();
        if raw == UNCLOSED {
            return String::new();
        }
        String::from_utf8_lossy(raw).into_owned()
    }

    /// The request a row asks for; a malformed row is a message naming its line and problem.
    pub fn request(&self, rec: &ByteRecord) -> Result<Request, String> {
        let line = rec.position().map_or(0, |p| p.line());
        let unit = if self.numbered_rows { "row" } else { "line" };
        let at = |msg: String| format!("{unit} {line}: {msg}");
        if rec.len() == 1 && &rec[0] == UNCLOSED {
            return Err(at(
                "a quote opens on this line and does not close on it (a field cannot span lines)"
                    .into(),
            ));
        }
        if rec.len() != self.width {
            return Err(at(format!(
                "the row has {} field{} but the header has {}",
                rec.len(),
                if rec.len() == 1 { "" } else { "s" },
                self.width
            )));
        }
        let mut r = Request::default();
        for &(i, field) in &self.fields {
            let text = self.text(rec, i).map_err(at)?;
            if text.is_empty() {
                continue;
            }
            fill(&mut r, field, text).map_err(at)?;
        }
        for (i, name) in &self.attrs {
            let text = self.text(rec, *i).map_err(at)?;
            if !text.is_empty() {
                r.attributes.insert(name.clone(), attr(text));
            }
        }
        for (i, name, counted) in &self.quantities {
            let text = self.text(rec, *i).map_err(at)?;
            if text.is_empty() {
                continue;
            }
            let column = self.names.get(*i).map_or("?", String::as_str);
            let n = number(column, text).map_err(at)?;
            let map = match counted {
                Counted::Quantity => &mut r.quantities,
                Counted::Volume => &mut r.volumes,
                Counted::OtherSeats => &mut r.other_seats,
            };
            map.insert(name.clone(), n);
        }
        Ok(r)
    }

    /// Field `i` of `rec` as text.
    fn text<'r>(&self, rec: &'r ByteRecord, i: usize) -> Result<&'r str, String> {
        let raw = rec.get(i).unwrap_or_default();
        std::str::from_utf8(raw).map_err(|_| {
            let name = self.names.get(i).map_or("?", String::as_str);
            format!("the {name} column is not UTF-8 text")
        })
    }
}

/// Sets one request field from its non-empty text.
fn fill(r: &mut Request, field: Field, text: &str) -> Result<(), String> {
    let list = || {
        text.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    match field {
        Field::Customer => r.customer = Some(text.to_string()),
        Field::Edition => r.edition = Some(text.to_string()),
        Field::Seats => r.seats = Some(number("seats", text)?),
        Field::Modules => r.modules = list().collect(),
        Field::StorageGb => r.storage_gb = Some(number("storage_gb", text)?),
        Field::Backup => r.backup = Some(text.to_string()),
        Field::Support => r.support = Some(text.to_string()),
        Field::SupportUnits => r.support_units = Some(number("support_units", text)?),
        Field::Currency => r.currency = Some(text.to_string()),
        Field::Country => r.country = Some(text.to_string()),
        Field::VatId => r.vat_id = Some(text.to_string()),
        Field::Billing => r.billing = Some(text.to_string()),
        Field::TermMonths => r.term_months = Some(number("term_months", text)?),
        Field::Services => {
            r.services = list()
                .map(|s| ServiceRequest::parse_flag(&s))
                .collect::<Result<_, _>>()?
        }
        Field::Coupons => r.coupons = list().collect(),
    }
    Ok(())
}

/// A number read exactly from its decimal text; never through a binary float.
fn number(column: &str, text: &str) -> Result<Qty, String> {
    crate::request::exact_number(text)
        .map(Qty)
        .map_err(|e| format!("{column} {e}"))
}

/// An attribute value: true/false, a number, or else text.
fn attr(text: &str) -> Attr {
    match text {
        "true" => Attr::Bool(true),
        "false" => Attr::Bool(false),
        _ => Decimal::from_str(text).map_or_else(|_| Attr::Text(text.to_string()), Attr::Number),
    }
}

/// A book being read: its columns, then its rows in chunks.
///
/// The book is split into physical lines first (`\n`, `\r\n` or a lone `\r`, as
/// spreadsheets on every system export), and each line is one row, parsed as CSV on its
/// own. A field cannot span lines: a quote that opens and never closes is that row's
/// error, reported at the line where it opened, and cannot swallow the rows after it.
/// Line numbers are therefore exact whatever the line ends, and blank lines are counted
/// but are not rows.
pub struct Book<R> {
    input: std::io::BufReader<R>,
    columns: Columns,
    csv: csv_core::Reader,
    /// Unescaped field bytes and field ends of the line being split.
    fields: Vec<u8>,
    ends: Vec<usize>,
    /// Physical lines read so far.
    line: u64,
    /// Bytes read so far.
    bytes: u64,
    /// The last line ended in `\r`: a `\n` right after it is part of the same line end.
    after_cr: bool,
    text: Vec<u8>,
}

/// The one field of a row whose quote never closes; see [`Columns::request`].
const UNCLOSED: &[u8] = b"\0unclosed quote";

impl<R: Read> Book<R> {
    /// Reads the header. A book with no header at all (an empty file) has no rows.
    pub fn new(input: R) -> Result<Book<R>, BookError> {
        let mut book = Book {
            input: std::io::BufReader::with_capacity(256 * 1024, input),
            columns: Columns::default(),
            csv: csv_core::Reader::new(),
            fields: Vec::new(),
            ends: Vec::new(),
            line: 0,
            bytes: 0,
            after_cr: false,
            text: Vec::new(),
        };
        let mut header = ByteRecord::new();
        if book.next_row(&mut header)? {
            if header.len() == 1 && &header[0] == UNCLOSED {
                return Err(BookError::Header(format!(
                    "a quote opens on line {} and does not close on it",
                    book.line
                )));
            }
            book.columns = Columns::from_header(&header).map_err(BookError::Header)?;
        }
        Ok(book)
    }

    /// The header's columns.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// Bytes read so far, for progress.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// Replaces `chunk` with up to `max` next rows, reusing its records' buffers.
    /// An empty chunk means the book is finished.
    pub fn read_chunk(&mut self, chunk: &mut Vec<ByteRecord>, max: usize) -> Result<(), BookError> {
        let mut n = 0;
        while n < max {
            if n == chunk.len() {
                chunk.push(ByteRecord::new());
            }
            if !self.next_row(&mut chunk[n])? {
                break;
            }
            n += 1;
        }
        chunk.truncate(n);
        Ok(())
    }

    /// The next non-blank line as a record, positioned at its line; false at the end.
    fn next_row(&mut self, rec: &mut ByteRecord) -> Result<bool, BookError> {
        loop {
            if !self.next_line().map_err(|e| BookError::Io(e.to_string()))? {
                return Ok(false);
            }
            if self.text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            rec.clear();
            let quotes = self.text.iter().filter(|b| **b == b'"').count();
            if quotes == 0 {
                // Without a quote CSV is only commas: the same fields as `split` gives, at a
                // fraction of the cost (most exported books quote nothing).
                for field in self.text.split(|b| *b == b',') {
                    rec.push_field(field.trim_ascii());
                }
            } else if quotes % 2 == 1 {
                rec.push_field(UNCLOSED);
            } else {
                self.split(rec);
            }
            let mut at = csv::Position::new();
            at.set_line(self.line);
            rec.set_position(Some(at));
            return Ok(true);
        }
    }

    /// Splits the line in `self.text` (its quotes balanced) into `rec`'s fields, trimmed.
    fn split(&mut self, rec: &mut ByteRecord) {
        use csv_core::ReadRecordResult as R;
        // Unquoting never makes a field longer, and a line has at most one field more
        // than it has bytes.
        self.fields.resize(self.text.len() + 1, 0);
        self.ends.resize(self.text.len() + 2, 0);
        self.csv.reset();
        let (mut input, mut nout, mut nend) = (&self.text[..], 0, 0);
        let mut at_end = false;
        loop {
            let (res, i, o, e) =
                self.csv
                    .read_record(input, &mut self.fields[nout..], &mut self.ends[nend..]);
            // Field ends count from the start of the record (csv_core keeps the position).
            input = &input[i..];
            nout += o;
            nend += e;
            match res {
                // An empty input tells csv_core the line is over: it then ends the record.
                R::InputEmpty if !at_end => at_end = input.is_empty(),
                R::InputEmpty | R::Record | R::End | R::OutputFull | R::OutputEndsFull => break,
            }
        }
        let mut start = 0;
        for &end in &self.ends[..nend] {
            rec.push_field(self.fields.get(start..end).unwrap_or_default().trim_ascii());
            start = end;
        }
    }

    /// Reads one physical line into `self.text`, without its line end; false at the end.
    fn next_line(&mut self) -> std::io::Result<bool> {
        use std::io::BufRead;
        self.text.clear();
        let mut any = false;
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                if any {
                    self.line += 1;
                }
                return Ok(any);
            }
            if self.after_cr {
                self.after_cr = false;
                if buf[0] == b'\n' {
                    self.input.consume(1);
                    self.bytes += 1;
                    continue;
                }
            }
            any = true;
            match buf.iter().position(|b| *b == b'\n' || *b == b'\r') {
                Some(i) => {
                    self.text.extend_from_slice(&buf[..i]);
                    self.after_cr = buf[i] == b'\r';
                    self.input.consume(i + 1);
                    self.bytes += i as u64 + 1;
                    self.line += 1;
                    return Ok(true);
                }
                None => {
                    let n = buf.len();
                    self.text.extend_from_slice(buf);
                    self.input.consume(n);
                    self.bytes += n as u64;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> (Columns, Vec<ByteRecord>) {
        let mut book = Book::new(text.as_bytes()).unwrap();
        let mut chunk = Vec::new();
        book.read_chunk(&mut chunk, 100).unwrap();
        (book.columns().clone(), chunk)
    }

    #[test]
    fn reads_numbers_exactly_and_splits_lists() {
        let (cols, recs) = rows(
            "customer,edition,seats,modules,storage_gb,services,attr.segment\n\
             A,basic,12, a ; b ,800.10,integration:erp:high;training:2.5,nonprofit\n",
        );
        let r = cols.request(&recs[0]).unwrap();
        assert_eq!(r.seats, Some(Qty(Decimal::from(12))));
        assert_eq!(r.storage_gb.map(|q| q.0.to_string()), Some("800.10".into()));
        assert_eq!(r.modules, ["a", "b"]);
        assert_eq!(r.services.len(), 2);
        assert_eq!(
            r.attributes.get("segment"),
            Some(&Attr::Text("nonprofit".into()))
        );
    }

    #[test]
    fn bad_rows_name_their_line() {
        let (cols, recs) = rows("customer,edition,seats\nA,basic\nB,basic,ten\n");
        assert_eq!(
            cols.request(&recs[0]).unwrap_err(),
            "line 2: the row has 2 fields but the header has 3"
        );
        assert_eq!(
            cols.request(&recs[1]).unwrap_err(),
            "line 3: seats `ten` is not a number"
        );
    }

    #[test]
    fn header_problems_are_named() {
        let err = |t: &str| match Book::new(t.as_bytes()) {
            Err(BookError::Header(e)) => e,
            _ => panic!("no header error for {t:?}"),
        };
        assert_eq!(err("customer,edition\n"), "there is no `seats` column");
        assert!(err("customer,edition,seats,seat\n").starts_with("unknown column `seat`"));
        assert_eq!(
            err("customer,edition,seats,seats\n"),
            "column `seats` appears twice"
        );
    }

    #[test]
    fn odd_numbers_are_messages_not_panics() {
        let long = "9".repeat(200);
        let tiny = format!("0.{}1", "0".repeat(200));
        let odd = [
            "",
            ".",
            "-",
            "+",
            "--1",
            "1..2",
            "e5",
            "1e",
            "1e99999999999",
            "1e-99999",
            "NaN",
            "inf",
            "_",
            "1_",
            "0x10",
            "١٢",
            &long,
            &tiny,
        ];
        for text in odd {
            let _ = number("seats", text);
            let _ = attr(text);
        }
        assert_eq!(
            number("seats", "NaN").unwrap_err(),
            "seats `NaN` is not a number"
        );
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let (cols, recs) = rows("\u{feff}customer,edition,seats\nA,basic,1\n");
        assert_eq!(cols.customer(&recs[0]), "A");
    }
}

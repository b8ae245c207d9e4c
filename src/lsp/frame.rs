//! LSP's framing read safely: `Content-Length: N`, a blank line, N bytes of JSON.
//!
//! lsp-server's reader trusts the client: it allocates whatever `Content-Length` says
//! (`99999999999999` aborted the process, `3000000000` took 2.9 GB) and returns an error,
//! ending the server, on any frame it cannot parse. Here a frame is capped at
//! [`MAX_FRAME`] bytes and read as it arrives (nothing is allocated ahead), and every bad
//! frame becomes an [`Frame::Invalid`] the server answers with a JSON-RPC error before
//! reading on. After a frame whose end cannot be known (no length, a bad length, a length
//! past the cap), the reader skips ahead to the next `Content-Length:` header.

use lsp_server::Message;
use serde_json::Value;
use std::io::{self, BufRead};

/// The largest message read: a 64 MiB plan (the largest ratecard reads from a file) is
/// not sent whole by any editor, and nothing of this size is needed to edit one.
pub const MAX_FRAME: u64 = 64 * 1024 * 1024;

/// The longest header line read; real ones are under 100 bytes.
const MAX_HEADER_LINE: usize = 1024;

/// Header lines in one frame at most (LSP defines two).
const MAX_HEADERS: usize = 16;

/// JSON-RPC's code for text that is not JSON, or not a frame.
pub const PARSE_ERROR: i32 = -32700;

/// JSON-RPC's code for JSON that is not a request, response or notification.
pub const INVALID_REQUEST: i32 = -32600;

/// What one frame held.
#[derive(Debug)]
pub enum Frame {
    /// A request, response or notification.
    Message(Message),
    /// Something else, to be answered with this error (with the request's id when it had
    /// one that could be read, else `null`).
    Invalid {
        /// The id to answer, if the frame was JSON with one.
        id: Option<Value>,
        /// [`PARSE_ERROR`] or [`INVALID_REQUEST`].
        code: i32,
        /// What was wrong, in the client author's terms.
        message: String,
    },
}

/// Reads frames from a client.
pub struct Reader<R> {
    input: R,
    /// True after a frame whose end is unknown: skip to the next `Content-Length:`.
    lost: bool,
}

/// One header line: its text, or that it was too long (the rest of it is skipped).
enum Line {
    End,
    Text(Vec<u8>),
    TooLong,
}

impl<R: BufRead> Reader<R> {
    /// Frames from `input`.
    pub fn new(input: R) -> Self {
        Reader { input, lost: false }
    }

    /// The next frame; `None` when the input ends (a frame cut short by the end included).
    pub fn next_frame(&mut self) -> io::Result<Option<Frame>> {
        // After a skip, `Content-Length:` has been read: the first line is its value.
        let mut resumed = false;
        if self.lost {
            if !self.skip_to_header()? {
                return Ok(None);
            }
            resumed = true;
        }
        self.lost = false;
        let mut length: Option<Result<u64, String>> = None;
        let mut problem: Option<String> = None;
        let mut lines = 0;
        loop {
            let line = match self.line()? {
                Line::End => return Ok(None),
                Line::TooLong => {
                    problem.get_or_insert(format!(
                        "a header line is longer than {MAX_HEADER_LINE} bytes"
                    ));
                    lines += 1;
                    continue;
                }
                Line::Text(t) if resumed => {
                    resumed = false;
                    [&b"Content-Length:"[..], &t].concat()
                }
                Line::Text(t) => t,
            };
            let line = trim_line_end(&line);
            if line.is_empty() {
                if lines == 0 && problem.is_none() {
                    // Blank lines between frames are tolerated.
                    continue;
                }
                break;
            }
            lines += 1;
            if lines > MAX_HEADERS {
                problem.get_or_insert(format!("a frame has more than {MAX_HEADERS} header lines"));
                continue;
            }
            let text = String::from_utf8_lossy(line);
            let Some((name, value)) = text.split_once(':') else {
                problem.get_or_insert(format!(
                    "`{}` is not a header (`Name: value`)",
                    crate::text::shown(&text)
                ));
                continue;
            };
            if name.trim().eq_ignore_ascii_case("content-length") {
                let value = value.trim();
                length = Some(match value.parse::<u64>() {
                    Ok(n) if value.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
                    _ => Err(format!(
                        "Content-Length `{}` is not a number of bytes",
                        crate::text::shown(value)
                    )),
                });
            }
        }
        let length = match (problem, length) {
            (Some(p), _) => return Ok(Some(self.lost(p))),
            (None, None) => {
                return Ok(Some(
                    self.lost("a frame has no Content-Length header".into()),
                ))
            }
            (None, Some(Err(p))) => return Ok(Some(self.lost(p))),
            (None, Some(Ok(n))) => n,
        };
        if length > MAX_FRAME {
            return Ok(Some(self.lost(format!(
                "a message of {length} bytes is larger than ratecard lsp reads: {} MiB (docs/limits.md)",
                MAX_FRAME / 1024 / 1024
            ))));
        }
        let mut body = Vec::new();
        io::Read::read_to_end(&mut io::Read::take(&mut self.input, length), &mut body)?;
        if (body.len() as u64) < length {
            return Ok(None);
        }
        Ok(Some(parse(&body)))
    }

    /// A frame whose end is unknown: report it, and look for the next header.
    fn lost(&mut self, message: String) -> Frame {
        self.lost = true;
        Frame::Invalid {
            id: None,
            code: PARSE_ERROR,
            message,
        }
    }

    /// One line, at most [`MAX_HEADER_LINE`] bytes kept (a longer one is read to its end
    /// and dropped).
    fn line(&mut self) -> io::Result<Line> {
        let mut out = Vec::new();
        let mut too_long = false;
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(if out.is_empty() && !too_long {
                    Line::End
                } else if too_long {
                    Line::TooLong
                } else {
                    Line::Text(out)
                });
            }
            let (chunk, done) = match buf.iter().position(|b| *b == b'\n') {
                Some(i) => (&buf[..=i], true),
                None => (buf, false),
            };
            let n = chunk.len();
            if !too_long && out.len() + n <= MAX_HEADER_LINE + 2 {
                out.extend_from_slice(chunk);
            } else {
                too_long = true;
                out.clear();
            }
            self.input.consume(n);
            if done {
                return Ok(if too_long {
                    Line::TooLong
                } else {
                    Line::Text(out)
                });
            }
        }
    }

    /// Skips input up to the next `Content-Length:` (any case), leaving it unread as the
    /// start of a header line; false when the input ends first.
    fn skip_to_header(&mut self) -> io::Result<bool> {
        const NEEDLE: &[u8] = b"content-length:";
        let mut matched = 0;
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let mut used = 0;
            for &b in buf {
                used += 1;
                if b.to_ascii_lowercase() == NEEDLE[matched] {
                    matched += 1;
                    if matched == NEEDLE.len() {
                        self.input.consume(used);
                        return Ok(true);
                    }
                } else {
                    matched = usize::from(b.to_ascii_lowercase() == NEEDLE[0]);
                }
            }
            self.input.consume(used);
        }
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// A frame's body as a message, or the error it deserves.
pub fn parse(body: &[u8]) -> Frame {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Frame::Invalid {
                id: None,
                code: PARSE_ERROR,
                message: format!("the message is not JSON: {e}"),
            }
        }
    };
    let id = value
        .get("id")
        .filter(|i| i.is_number() || i.is_string())
        .cloned();
    // lsp-server's types take what serde's derives take: `[1, 2]` reads as a response,
    // a numeric `method` as a response too. A message is an object whose `method` is text
    // (a request or notification), or without one, a response with a result or an error.
    let shaped = value.as_object().is_some_and(|o| match o.get("method") {
        Some(m) => m.is_string(),
        None => o.contains_key("id") && (o.contains_key("result") || o.contains_key("error")),
    });
    match serde_json::from_value::<Message>(value)
        .ok()
        .filter(|_| shaped)
    {
        Some(m) => Frame::Message(m),
        None => Frame::Invalid {
            id,
            code: INVALID_REQUEST,
            message: "the message is not a JSON-RPC request, response or notification".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every frame in `input`: a message's method (or `response`), or the error's code and
    /// message.
    fn frames(input: &[u8]) -> Vec<String> {
        let mut r = Reader::new(input);
        let mut out = Vec::new();
        while let Some(f) = r.next_frame().unwrap() {
            out.push(match f {
                Frame::Message(Message::Request(q)) => q.method,
                Frame::Message(Message::Notification(n)) => n.method,
                Frame::Message(Message::Response(_)) => "response".into(),
                Frame::Invalid { id, code, message } => format!("{code} {id:?} {message}"),
            });
        }
        out
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const EXIT: &str = r#"{"jsonrpc":"2.0","method":"exit"}"#;

    #[test]
    fn good_frames_are_messages() {
        let input = framed(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#)
            + "\r\n"
            + framed(EXIT).as_str();
        assert_eq!(frames(input.as_bytes()), ["initialize", "exit"]);
    }

    #[test]
    fn a_huge_length_is_refused_without_reading_it_and_the_next_frame_is_read() {
        for n in ["99999999999999", "3000000000", "67108865"] {
            let input =
                format!("Content-Length: {n}\r\n\r\n{{\"partial\": ") + framed(EXIT).as_str();
            assert_eq!(
                frames(input.as_bytes()),
                [
                    format!("-32700 None a message of {n} bytes is larger than ratecard lsp reads: 64 MiB (docs/limits.md)"),
                    "exit".to_string()
                ]
            );
        }
    }

    #[test]
    fn malformed_frames_are_errors_and_reading_goes_on() {
        let input = "hello there\r\n\r\n".to_string()
            + framed(EXIT).as_str()
            + "Content-Length: 12x\r\n\r\n"
            + framed("{not json").as_str()
            + framed(r#"{"jsonrpc":"2.0","id":4,"result":1,"method":5}"#).as_str()
            + framed("[1, 2]").as_str()
            + "Content-Type: x\r\n\r\n"
            + framed(EXIT).as_str()
            + format!("content-length:{}\r\n\r\n{EXIT}", EXIT.len()).as_str()
            + format!(
                "Content-Length: {}\r\n{}\r\n\r\n{EXIT}",
                EXIT.len(),
                "X".repeat(5000)
            )
            .as_str()
            + framed(EXIT).as_str()
            + "Content-Length: 500\r\n\r\n{\"cut\"";
        assert_eq!(
            frames(input.as_bytes()),
            [
                "-32700 None `hello there` is not a header (`Name: value`)",
                "exit",
                "-32700 None Content-Length `12x` is not a number of bytes",
                "-32700 None the message is not JSON: key must be a string at line 1 column 2",
                "-32600 Some(Number(4)) the message is not a JSON-RPC request, response or notification",
                "-32600 None the message is not a JSON-RPC request, response or notification",
                "-32700 None a frame has no Content-Length header",
                "exit",
                "exit",
                "-32700 None a header line is longer than 1024 bytes",
                "exit",
            ]
        );
    }

    #[test]
    fn any_bytes_end_without_a_panic() {
        let mut seed = 7u64;
        for _ in 0..2000 {
            let len = (seed % 200) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    b"Content-Length: 0123456789\r\n{}\"x"[(seed >> 33) as usize % 31]
                })
                .collect();
            let mut r = Reader::new(&bytes[..]);
            let mut n = 0;
            while let Ok(Some(_)) = r.next_frame() {
                n += 1;
                assert!(n <= bytes.len() + 1);
            }
        }
    }
}

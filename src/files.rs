//! Reads the files users name (plans, requests, hook scripts) with a size cap, so a path
//! like `/dev/zero` or a runaway export fails with a message instead of exhausting memory.

use std::io::{self, Read};
use std::path::Path;

/// The largest plan, request or script ratecard reads: far above any real price book.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The file's bytes, or an error when it cannot be read or exceeds [`MAX_BYTES`].
pub fn read_bytes(path: &Path) -> io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("it is larger than {} MiB", MAX_BYTES / 1024 / 1024),
        ));
    }
    Ok(bytes)
}

/// The file's text, or an error when it cannot be read, is too large, or is not UTF-8.
pub fn read_text(path: &Path) -> io::Result<String> {
    String::from_utf8(read_bytes(path)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_files_are_refused_not_read() {
        let e = read_text(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(e.to_string(), "it is larger than 64 MiB");
    }
}

//! Reads the files users name (plans, requests, hook scripts, books) safely: only regular
//! files, opened without ever blocking, and read up to a size cap.
//!
//! A path in a plan or on a command line may name a FIFO (opening one waits for a writer
//! forever), a device (`/dev/zero` never ends, `/dev/stdin` reads the terminal), a file in
//! `/proc` or `/sys` (generated on read, with another process's secrets) or a runaway export.
//! Each is refused with a message, at once, before anything is read.
//!
//! Files a plan or a test names (hooks, served plans, golden tests and their requests) are
//! also confined to a folder ([`confine`]): after every link is resolved they must still be
//! inside it, so a link cannot make ratecard read (and show in a diagnostic) a file its
//! owner never put there.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// The largest plan or request ratecard reads: far above any real price book.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Opens `path` for reading when it is a regular file on a real file system.
///
/// The file is opened non-blocking (a FIFO would otherwise wait for a writer) and its type
/// is checked on the opened handle, so a file swapped for a FIFO between a check and the
/// open cannot slip through. Books use this directly: they are streamed, not read whole.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refused(&format!(
            "it is {}, not a regular file",
            kind_of(&meta.file_type())
        )));
    }
    if is_pseudo(&file) {
        return Err(refused(
            "it is in /proc or /sys, whose files ratecard does not read",
        ));
    }
    Ok(file)
}

/// The file's bytes, or an error when it is not a regular file, cannot be read, or exceeds
/// `max` bytes.
pub fn read_bytes_max(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let too_large = || {
        let size = if max >= 1024 * 1024 {
            format!("{} MiB", max / 1024 / 1024)
        } else if max >= 1024 {
            format!("{} KiB", max / 1024)
        } else {
            format!("{max} bytes")
        };
        refused(&format!("it is larger than {size}"))
    };
    if file.metadata()?.len() > max {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    // The size can change while reading (a file still being written): the cap holds anyway.
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The file's bytes, up to [`MAX_BYTES`]; see [`read_bytes_max`].
pub fn read_bytes(path: &Path) -> io::Result<Vec<u8>> {
    read_bytes_max(path, MAX_BYTES)
}

/// The file's text, or an error when it is not a regular file, cannot be read, exceeds
/// `max` bytes, or is not UTF-8.
pub fn read_text_max(path: &Path, max: u64) -> io::Result<String> {
    String::from_utf8(read_bytes_max(path, max)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

/// The file's text, up to [`MAX_BYTES`]; see [`read_text_max`].
pub fn read_text(path: &Path) -> io::Result<String> {
    read_text_max(path, MAX_BYTES)
}

/// Where `path` really is, with every symbolic link resolved, when that is inside `root`
/// (itself resolved); `folder` names `root` in the error (`the plan's folder`).
///
/// A link inside the folder that resolves inside it is fine (a deployment may swap a link to
/// the current version); one that leads out is refused, and the error says so without a
/// byte of the file. A path that does not exist gives the system's error, as reading would.
pub fn confine(path: &Path, root: &Path, folder: &str) -> io::Result<PathBuf> {
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let real_root = root.canonicalize()?;
    let real = path.canonicalize()?;
    if real.starts_with(&real_root) {
        return Ok(real);
    }
    // Without following links, was the path inside? Then a link is what leads out.
    let lexical = lexical(path).is_some_and(|p| {
        p.starts_with(&real_root) || p.starts_with(lexical(root).unwrap_or_default())
    });
    Err(refused(&if lexical {
        format!("it is a link that leads out of {folder}")
    } else {
        format!("it is outside {folder}")
    }))
}

/// `path` made absolute with `.` and `..` removed by their names alone (no link followed);
/// `None` when the current folder is unknown.
fn lexical(path: &Path) -> Option<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// The bytes of `path`, read as [`read_bytes_max`] does, only when it is inside `root` after
/// resolving links (see [`confine`]).
pub fn read_confined(path: &Path, root: &Path, folder: &str, max: u64) -> io::Result<Vec<u8>> {
    read_bytes_max(&confine(path, root, folder)?, max)
}

/// Replaces the content of the regular file `path` with `bytes`, refusing when `path` is a
/// symbolic link (or anything but a regular file): an edit in place (`test --bless`) must
/// change the file the user sees in the folder, never whatever a link points to.
pub fn rewrite(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(refused(
            "it is a symbolic link, and ratecard does not write through links",
        ));
    }
    if !meta.is_file() {
        return Err(refused(&format!(
            "it is {}, not a regular file",
            kind_of(&meta.file_type())
        )));
    }
    // Opened without following a link, so one swapped in after the check is refused too.
    let mut file = open_for_rewrite(path)?;
    io::Write::write_all(&mut file, bytes)?;
    io::Write::flush(&mut file)
}

#[cfg(unix)]
fn open_for_rewrite(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .custom_flags((rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_for_rewrite(path: &Path) -> io::Result<File> {
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)
}

fn refused(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message.to_string())
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn kind_of(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "something else"
    }
}

#[cfg(not(unix))]
fn kind_of(t: &std::fs::FileType) -> &'static str {
    if t.is_dir() {
        "a folder"
    } else {
        "something else"
    }
}

/// True for a file on procfs or sysfs: regular files whose content is made up on each read.
#[cfg(target_os = "linux")]
#[allow(clippy::unnecessary_cast)] // `f_type`'s integer type differs between architectures.
fn is_pseudo(file: &File) -> bool {
    const SYSFS_MAGIC: i64 = 0x6265_6572;
    rustix::fs::fstatfs(file).is_ok_and(|fs| {
        let kind = fs.f_type as i64;
        kind == rustix::fs::PROC_SUPER_MAGIC as i64 || kind == SYSFS_MAGIC
    })
}

#[cfg(not(target_os = "linux"))]
fn is_pseudo(_: &File) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_refused_not_read() {
        let e = read_text(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(e.to_string(), "it is a device, not a regular file");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn proc_files_are_refused() {
        let e = read_text(Path::new("/proc/self/environ")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "it is in /proc or /sys, whose files ratecard does not read"
        );
    }

    #[test]
    fn folders_are_refused() {
        let e = read_text(Path::new("src")).unwrap_err();
        assert_eq!(e.to_string(), "it is a folder, not a regular file");
    }

    #[test]
    fn files_over_the_cap_are_refused_before_reading() {
        let e = read_text_max(Path::new("Cargo.toml"), 10).unwrap_err();
        assert_eq!(e.to_string(), "it is larger than 10 bytes");
    }
}

//! PDF and PNG through a headless Chromium: a proposal printed as the browser prints it
//! (A4, the document's own print styles) and a plot rasterised as it is shown, rather
//! than a second layout engine with its own idea of CJK fonts.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// The Chromium on this machine, if any.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

/// True when this machine has a Chromium to print and rasterise with.
pub fn available() -> bool {
    chromium().is_some()
}

/// What a file Chromium wrote must be to count as written.
#[derive(Debug, Clone, Copy)]
struct Kind {
    /// `PDF` or `PNG`, for messages.
    name: &'static str,
    /// The file's first bytes.
    signature: &'static [u8],
    /// The temporary file's extension (Chromium picks the format by it for screenshots).
    extension: &'static str,
}

const PDF: Kind = Kind {
    name: "PDF",
    signature: b"%PDF-",
    extension: "pdf",
};

const PNG: Kind = Kind {
    name: "PNG",
    signature: b"\x89PNG\r\n\x1a\n",
    extension: "png",
};

/// Runs headless Chromium on `page` (written to a temporary file named `name`) with the
/// arguments `args` makes for the file it is to write, and puts that file at `out` only if
/// it is a non-empty file of `kind`.
///
/// Chromium writes to a temporary file beside `out`, which is renamed into place after the
/// check: a Chromium that exits 0 without writing (or writes something else) is an error,
/// never success with an older file left at `out`, and a reader of `out` never sees half a
/// file. A read-only `out` is refused, as writing it in place would be.
fn run(
    page: &str,
    name: &str,
    args: impl Fn(&Path) -> Vec<String>,
    out: &Path,
    kind: Kind,
) -> Result<(), String> {
    if std::fs::metadata(out).is_ok_and(|m| m.permissions().readonly()) {
        return Err("it is read-only".into());
    }
    let bin = chromium().ok_or(
        "this needs Chromium (apt-get install chromium, or install Google Chrome); write HTML or SVG instead",
    )?;
    let folder = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let target = tempfile::Builder::new()
        .prefix(".ratecard-")
        .suffix(&format!(".{}", kind.extension))
        .tempfile_in(folder)
        .map_err(|e| format!("cannot make a temporary file in {}: {e}", folder.display()))?;
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let file = dir.path().join(name);
    std::fs::write(&file, page).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let status = Command::new(bin)
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .args(args(target.path()))
        .arg(format!("file://{}", file.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot start {bin}: {e}"))?;
    if !status.success() {
        return Err(format!(
            "{bin} failed ({status}) and wrote no {}",
            kind.name
        ));
    }
    check(target.path(), kind).map_err(|why| format!("{bin} exited without writing it: {why}"))?;
    target
        .persist(out)
        .map_err(|e| format!("cannot move the {} into place: {}", kind.name, e.error))?;
    Ok(())
}

/// Whether the file at `path` is a non-empty file of `kind`, by its first bytes.
fn check(path: &Path, kind: Kind) -> Result<(), String> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| std::io::Read::take(f, 8).read_to_end(&mut head))
        .map_err(|e| e.to_string())?;
    if head.is_empty() {
        return Err(format!("the {} is empty", kind.name));
    }
    if !head.starts_with(kind.signature) {
        return Err(format!("what it wrote is not a {}", kind.name));
    }
    Ok(())
}

/// Prints an HTML document to a PDF at `out`.
pub fn pdf(html: &str, out: &Path) -> Result<(), String> {
    let args = |to: &Path| {
        vec![
            format!("--print-to-pdf={}", to.display()),
            "--no-pdf-header-footer".to_string(),
        ]
    };
    run(html, "document.html", args, out, PDF)
}

/// Rasterises an SVG of `width` x `height` pixels to a PNG at `out`.
pub fn png(svg: &str, (width, height): (u32, u32), out: &Path) -> Result<(), String> {
    let args = |to: &Path| {
        vec![
            format!("--screenshot={}", to.display()),
            format!("--window-size={width},{height}"),
            "--hide-scrollbars".to_string(),
        ]
    };
    run(svg, "plot.svg", args, out, PNG)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_non_empty_file_with_the_signature_counts() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x");
        std::fs::write(&file, "").unwrap();
        assert_eq!(check(&file, PDF).unwrap_err(), "the PDF is empty");
        std::fs::write(&file, "<html>").unwrap();
        assert_eq!(check(&file, PNG).unwrap_err(), "what it wrote is not a PNG");
        std::fs::write(&file, "%PDF-1.7\n...").unwrap();
        assert!(check(&file, PDF).is_ok());
    }
}

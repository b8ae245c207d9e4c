//! PDF and PNG through a headless Chromium: a proposal printed as the browser prints it
//! (A4, the document's own print styles) and a plot rasterised as it is shown, rather
//! than a second layout engine with its own idea of CJK fonts.

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

/// Runs headless Chromium on `page` (written to a temporary file named `name`) with
/// `args`, which name `out`; fails with a sentence when there is no Chromium or it fails.
fn run(page: &str, name: &str, args: &[String], out: &Path) -> Result<(), String> {
    let bin = chromium().ok_or(
        "this needs Chromium (apt-get install chromium, or install Google Chrome); write HTML or SVG instead",
    )?;
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
        .args(args)
        .arg(format!("file://{}", file.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot start {bin}: {e}"))?;
    if !status.success() || !out.is_file() {
        return Err(format!("{bin} could not write {}", out.display()));
    }
    Ok(())
}

/// Prints an HTML document to a PDF at `out`.
pub fn pdf(html: &str, out: &Path) -> Result<(), String> {
    let args = [
        format!("--print-to-pdf={}", out.display()),
        "--no-pdf-header-footer".to_string(),
    ];
    run(html, "document.html", &args, out)
}

/// Rasterises an SVG of `width` x `height` pixels to a PNG at `out`.
pub fn png(svg: &str, (width, height): (u32, u32), out: &Path) -> Result<(), String> {
    let args = [
        format!("--screenshot={}", out.display()),
        format!("--window-size={width},{height}"),
        "--hide-scrollbars".to_string(),
    ];
    run(svg, "plot.svg", &args, out)
}

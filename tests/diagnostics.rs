//! Snapshots of rendered diagnostics, one per malformed plan in tests/fixtures/plans/.
//!
//! The snapshot is exactly what a pricing manager sees on stderr from `ratecard check`
//! (without color), so a change in wording or underlining shows up in review.

use ratecard::check::check_source;
use ratecard::diagnostic::SourceFile;

#[test]
fn rendered_diagnostics() {
    insta::glob!("fixtures/plans/*.rate", |path| {
        let text = std::fs::read_to_string(path).expect("fixture");
        let name = format!(
            "tests/fixtures/plans/{}",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("?")
        );
        let source = SourceFile::new(name, text);
        let checked = check_source(source.clone(), path.parent());
        assert!(
            !checked.diagnostics.is_empty(),
            "{} has no diagnostic",
            source.name
        );
        let rendered: String = checked
            .diagnostics
            .iter()
            .map(|d| d.render(&source, false))
            .collect();
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn one_line_form_has_file_line_and_column() {
    let source = SourceFile::new(
        "t.rate",
        "plan \"p\" {\n  version \"1\"\n  currency XYZ\n  tax 6%\n  edition e { 1.00 per seat }\n}\n",
    );
    let checked = check_source(source.clone(), None);
    let lines: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.one_line(&source))
        .collect();
    assert_eq!(
        lines,
        ["t.rate:3:12: error: `XYZ` is not an ISO 4217 currency code"]
    );
}

/// The plan's diagnostics, then what rehearsing its hooks on sample requests found.
fn checked_and_rehearsed(
    path: &std::path::Path,
    name: String,
) -> (SourceFile, Vec<ratecard::diagnostic::Diagnostic>) {
    let text = std::fs::read_to_string(path).expect("fixture");
    let source = SourceFile::new(name, text);
    // Relative to the repository root (the tests' working folder), so that hook paths in
    // the snapshots do not depend on where the repository is checked out.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = path.parent().map(|p| p.strip_prefix(root).unwrap_or(p));
    let checked = check_source(source.clone(), dir);
    let mut diagnostics = checked.diagnostics;
    if let Some(plan) = &checked.plan {
        diagnostics.extend(ratecard::rehearse::hooks(plan));
    }
    (source, diagnostics)
}

#[test]
fn hook_runtime_errors_found_at_check_time() {
    insta::glob!("fixtures/rehearse/*.rate", |path| {
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let (source, diagnostics) =
            checked_and_rehearsed(path, format!("tests/fixtures/rehearse/{file}"));
        if file == "deliberate.rate" {
            // `quote.reject` is a rule doing its job, not a failure.
            assert!(diagnostics.is_empty(), "{diagnostics:?}");
            return;
        }
        assert_eq!(diagnostics.len(), 1, "{file}: {diagnostics:?}");
        let rendered: String = diagnostics
            .iter()
            .map(|d| d.render(&source, false))
            .collect();
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn example_hooks_pass_their_rehearsal() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme-hooks.rate");
    let (_, diagnostics) = checked_and_rehearsed(&path, "examples/acme-hooks.rate".into());
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
}

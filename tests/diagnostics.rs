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
        "plan \"p\" {\n  version \"1\"\n  currency XYZ\n  tax 6%\n}\n",
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

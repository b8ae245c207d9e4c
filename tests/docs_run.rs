//! Docs that run: every `console` example in docs/*.md is run against the real binary
//! (trycmd), as README.md's are in tests/readme.rs, and every file of the repository a
//! page or the README names exists, so no page shows stale output or a missing file.

mod common;

#[test]
fn docs_console_examples() {
    let cases = trycmd::TestCases::new();
    cases.env("NO_COLOR", "1");
    for page in ["batch", "deals", "diff", "testing"] {
        cases.case(format!("docs/{page}.md"));
    }
}

/// Every `examples/`, `docs/`, `tests/` or `benches/` path the README or a page names.
fn named_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for prefix in [
        "examples/",
        "docs/",
        "tests/",
        "benches/",
        "editors/",
        "grammar/",
    ] {
        let mut rest = text;
        while let Some(i) = rest.find(prefix) {
            // Only a path that starts a word: not `../examples/` or a URL's tail.
            let starts_word = i == 0
                || !rest[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || "/._-".contains(c));
            let tail = &rest[i..];
            let end = tail
                .find(|c: char| !(c.is_alphanumeric() || "/._-".contains(c)))
                .unwrap_or(tail.len());
            let path = tail[..end].trim_end_matches(['.', ',']);
            // Globs and placeholders (`tests/NAME/*.toml`, `examples/tests/PLAN/`) are patterns.
            let pattern = tail[end..].starts_with('*')
                || path.contains('*')
                || path.chars().any(|c| c.is_ascii_uppercase());
            if starts_word && !pattern && path.len() > prefix.len() {
                out.push(path.to_string());
            }
            rest = &tail[end.max(1)..];
        }
    }
    out
}

#[test]
fn every_file_the_docs_name_exists() {
    let root = common::root();
    let mut pages = vec![root.join("README.md")];
    for e in std::fs::read_dir(root.join("docs")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            pages.push(p);
        }
    }
    let mut missing = Vec::new();
    let mut checked = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for path in named_paths(&text) {
            checked += 1;
            if !root.join(&path).exists() {
                missing.push(format!("{}: {path}", page.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "named but missing:\n{}",
        missing.join("\n")
    );
    assert!(checked > 100, "only {checked} paths found");
}

#[test]
fn the_session_file_the_repl_page_shows_runs() {
    let out = common::Test::new()
        .args(&["repl", "examples/acme.rate"])
        .stdin(
            &std::fs::read_to_string(common::root().join("examples/sessions/what-if.repl"))
                .unwrap(),
        )
        .run()
        .status(0);
    assert!(
        out.stdout
            .contains("│ 200   │ 101..   │          31637.85 │"),
        "{}",
        out.stdout
    );
}

//! Runs every `console` example in README.md against the real binary (trycmd).

#[test]
fn readme_examples() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("README.md");
}

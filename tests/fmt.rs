//! `ratecard fmt`: the canonical layout through the real binary, idempotence on every plan
//! in the repository, and the examples kept formatted.

mod common;

use common::{root, Test};
use ratecard::format::format;

/// Every `.rate` file under `dir` (relative to the repository root).
fn plans(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(root().join(dir))
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rate"))
        .collect();
    out.sort();
    out
}

#[test]
fn the_examples_are_formatted() {
    Test::new()
        .args(&["fmt", "--check", "examples/"])
        .run()
        .status(0)
        .stdout("");
}

#[test]
fn formatting_is_idempotent_on_every_plan_in_the_repository() {
    let mut all = plans("examples");
    for dir in [
        "tests/fixtures/plans",
        "tests/fixtures/batch",
        "tests/fixtures/hooks",
        "tests/fixtures/rehearse",
    ] {
        all.extend(plans(dir));
    }
    assert!(all.len() > 40, "{} plans", all.len());
    for path in all {
        let text = std::fs::read_to_string(&path).unwrap();
        let once = format(&text);
        assert_eq!(format(&once), once, "{} is not stable", path.display());
        // Nothing but layout changes: the same words, labels and comments, in order.
        let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words(&once), words(&text), "{}", path.display());
    }
}

const MESSY: &str = "# Team plan, edited by two people.
plan \"team\" {
version \"1\"
   currency USD     # dollars
  tax 10%



      edition team \"Team  A\" {
    seats graduated {
  small 1..10 at 12.00
     large    11..   at 9.50 + 5.00 flat   # the big band


    }
}
}
";

const TIDY: &str = "# Team plan, edited by two people.
plan \"team\" {
  version \"1\"
  currency USD # dollars
  tax 10%

  edition team \"Team  A\" {
    seats graduated {
      small 1..10 at 12.00
      large 11..  at 9.50 + 5.00 flat # the big band
    }
  }
}
";

#[test]
fn fmt_rewrites_a_file_keeping_every_comment_and_check_shows_the_difference() {
    let t = Test::new();
    let path = t.file("team.rate", MESSY);
    let shown = path.display().to_string();
    let out = Test::new()
        .args(&["fmt", "--check", &shown])
        .run()
        .status(1);
    assert!(
        out.stdout
            .starts_with(&format!("--- {shown}\n+++ formatted\n")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("-     large    11..   at 9.50 + 5.00 flat   # the big band\n"),
        "{}",
        out.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        MESSY,
        "--check changes nothing"
    );

    Test::new()
        .args(&["fmt", &shown])
        .run()
        .status(0)
        .stdout(&format!("formatted {shown}\n"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TIDY);
    Test::new()
        .args(&["fmt", "--check", &shown])
        .run()
        .status(0)
        .stdout("");
    Test::new()
        .args(&[
            "quote",
            &shown,
            "--edition",
            "team",
            "--seats",
            "12",
            "--format",
            "json",
        ])
        .run()
        .status(0);
}

#[test]
fn a_plan_with_syntax_errors_is_left_alone() {
    let t = Test::new();
    let broken = "plan \"p\" {\n    version \"1\"\n  edition e { 4,00 per seat }\n}\n";
    let path = t.file("broken.rate", broken);
    let shown = path.display().to_string();
    Test::new().args(&["fmt", &shown]).run().status(1).stderr(&format!(
        "ratecard: {shown} not formatted: it has syntax errors; fix them first (ratecard check {shown})\n"
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

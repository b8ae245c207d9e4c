//! Hostile files through the real binary: hooks that leave the plan's folder, and plans,
//! hooks, requests and books that are FIFOs, devices or /proc files. Each is refused at once
//! with a message, and no message shows a line of a file that is not a hook.
//!
//! The plans are fixtures in tests/fixtures/security/ (and tests/fixtures/plans/ for the
//! absolute and `..` paths, whose diagnostics are snapshots); links and FIFOs cannot live in
//! git, so each test makes its own in a temporary folder.

mod common;

use common::Test;
use std::path::Path;
use std::process::Command;

fn fixture(name: &str) -> String {
    let path = common::root().join("tests/fixtures/security").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mkfifo {}", path.display());
}

fn link(target: &Path, at: &Path) {
    #[cfg(unix)]
    std::os::unix::fs::symlink(target, at).unwrap_or_else(|e| panic!("{}: {e}", at.display()));
}

fn show(p: &Path) -> String {
    p.display().to_string()
}

const SECRET: &str = "fn price(request, quote) { let token = \"SECRET-TOKEN\"; oops oops }\n";

#[test]
fn a_hook_that_is_a_link_out_of_the_plans_folder_is_refused_without_its_content() {
    let t = Test::new();
    let secret = t.file("outside/secret.rhai", SECRET);
    let plan = t.file("plan/plan.rate", &fixture("hook-link.rate"));
    link(&secret, &t.dir().join("plan/link.rhai"));
    let out = t.args(&["check", &show(&plan)]).run().status(1);
    assert!(
        out.stderr.contains(
            "cannot read hook script `link.rhai`: it is a link that leads out of the plan's folder"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("SECRET"), "{}", out.stderr);
}

#[test]
fn a_hook_that_is_a_link_inside_the_plans_folder_is_read() {
    let t = Test::new();
    t.file(
        "plan/rules/real.rhai",
        "fn price(request, quote) { quote.note(\"linked\"); }\n",
    );
    let plan = t.file("plan/plan.rate", &fixture("hook-link.rate"));
    link(
        Path::new("rules/real.rhai"),
        &t.dir().join("plan/link.rhai"),
    );
    let q = t
        .args(&[
            "quote",
            &show(&plan),
            "--edition",
            "basic",
            "--seats",
            "1",
            "--format",
            "json",
        ])
        .run()
        .status(0)
        .json();
    assert_eq!(q["notes"], serde_json::json!(["hook link.rhai: linked"]));
}

#[test]
fn a_hook_that_is_a_fifo_is_refused_at_once() {
    let t = Test::new();
    let plan = t.file("plan.rate", &fixture("hook-fifo.rate"));
    mkfifo(&t.dir().join("pipe.rhai"));
    let out = t.args(&["check", &show(&plan)]).run().status(1);
    assert!(
        out.stderr.contains(
            "cannot read hook script `pipe.rhai`: it is a FIFO (named pipe), not a regular file"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_plan_that_is_a_fifo_is_refused_at_once() {
    let t = Test::new();
    let fifo = t.dir().join("plan.rate");
    mkfifo(&fifo);
    t.args(&["check", &show(&fifo)])
        .run()
        .status(4)
        .stdout("")
        .stderr(&format!(
            "ratecard: cannot read plan {}: it is a FIFO (named pipe), not a regular file\n",
            fifo.display()
        ));
}

#[test]
fn a_plan_that_is_a_device_or_in_proc_is_refused() {
    Test::new()
        .args(&["check", "/dev/stdin"])
        .run()
        .status(4)
        .stderr(
        "ratecard: cannot read plan /dev/stdin: it is a FIFO (named pipe), not a regular file\n",
    );
    Test::new()
        .args(&["check", "/dev/zero"])
        .run()
        .status(4)
        .stderr("ratecard: cannot read plan /dev/zero: it is a device, not a regular file\n");
    Test::new()
        .args(&["check", "/proc/self/environ"])
        .run()
        .status(4)
        .stderr("ratecard: cannot read plan /proc/self/environ: it is in /proc or /sys, whose files ratecard does not read\n");
}

#[test]
fn a_request_that_is_a_fifo_is_refused_at_once() {
    let t = Test::new();
    let fifo = t.dir().join("request.toml");
    mkfifo(&fifo);
    let out = t.args(&["quote", "--request", &show(&fifo)]).run();
    assert_eq!(out.status, 4, "{}", out.stderr);
    assert!(
        out.stderr.ends_with(&format!(
            "cannot read request {}: it is a FIFO (named pipe), not a regular file\n",
            fifo.display()
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn a_book_that_is_a_fifo_is_refused_at_once() {
    let t = Test::new();
    let fifo = t.dir().join("book.csv");
    mkfifo(&fifo);
    t.args(&["batch", "examples/acme.rate", &show(&fifo)])
        .run()
        .status(4)
        .stdout("")
        .stderr(&format!(
            "ratecard: cannot read book {}: it is a FIFO (named pipe), not a regular file\n",
            fifo.display()
        ));
}

#[test]
fn the_plans_owner_may_name_another_hooks_folder() {
    let t = Test::new();
    t.file(
        "rules/shared.rhai",
        "fn price(request, quote) { quote.note(\"shared rule\"); }\n",
    );
    let plan = t.file(
        "plans/plan.rate",
        &fixture("hook-link.rate").replace("link.rhai", "shared.rhai"),
    );
    let q = Test::new()
        .env("RATECARD_HOOKS_DIR", &show(&t.dir().join("rules")))
        .args(&[
            "quote",
            &show(&plan),
            "--edition",
            "basic",
            "--seats",
            "1",
            "--format",
            "json",
        ])
        .run()
        .status(0)
        .json();
    assert_eq!(
        q["notes"],
        serde_json::json!(["hook shared.rhai: shared rule"])
    );
}

#[test]
fn a_plan_over_the_size_cap_is_refused_before_reading() {
    let t = Test::new();
    let huge = t.dir().join("huge.rate");
    // Sparse: 65 MiB on paper, nothing on disk.
    let made = std::fs::File::create(&huge).and_then(|f| f.set_len(65 * 1024 * 1024));
    assert!(made.is_ok(), "{made:?}");
    t.args(&["check", &show(&huge)])
        .run()
        .status(4)
        .stderr(&format!(
            "ratecard: cannot read plan {}: it is larger than 64 MiB\n",
            huge.display()
        ));
}

const PLAN: &str = "plan \"linked\" {\n  version \"7\"\n  currency USD\n  tax 0%\n  edition basic \"Basic\" { 20.00 per seat }\n}\n";

#[test]
fn a_served_plan_that_is_a_link_out_of_the_folder_is_refused_by_name_without_its_content() {
    let t = Test::new();
    t.file("served/good.rate", PLAN);
    let outside = t.file("elsewhere/other.rate", &PLAN.replace("\"7\"", "\"8\""));
    let passwd = t.file("elsewhere/passwd", "root:x:0:0:root:/root:/bin/bash\n");
    link(&outside, &t.dir().join("served/outside.rate"));
    link(&passwd, &t.dir().join("served/passwd.rate"));
    let catalog = ratecard::serve::Catalog::open(Some(&t.dir().join("served"))).unwrap();
    let snap = catalog.snapshot();
    assert_eq!(snap.names(), ["good"]);
    let why = |name: &str| snap.broken.get(name).cloned().unwrap_or_default();
    for name in ["outside", "passwd"] {
        assert_eq!(
            why(name),
            format!(
                "cannot read plan {}: it is a link that leads out of the served folder",
                t.dir().join(format!("served/{name}.rate")).display()
            )
        );
    }
    // The reload log (what the server writes to stderr) names the file, never a line of it.
    let log = catalog.reload().join("\n");
    assert!(!log.contains("root:"), "{log}");
}

#[test]
fn a_served_plan_that_is_a_link_inside_the_folder_is_served() {
    let t = Test::new();
    t.file("served/versions/v7.rate", PLAN);
    link(
        Path::new("versions/v7.rate"),
        &t.dir().join("served/current.rate"),
    );
    let catalog = ratecard::serve::Catalog::open(Some(&t.dir().join("served"))).unwrap();
    let snap = catalog.snapshot();
    assert_eq!(snap.names(), ["current"]);
    assert_eq!(snap.plans["current"].plan.version.to_string(), "7");
    assert!(snap.broken.is_empty(), "{:?}", snap.broken);
}

#[test]
fn a_served_plan_file_that_links_out_of_its_own_folder_is_refused() {
    let t = Test::new();
    let outside = t.file("elsewhere/plan.rate", PLAN);
    std::fs::create_dir_all(t.dir().join("sub")).unwrap();
    link(&outside, &t.dir().join("sub/plan.rate"));
    let err = ratecard::serve::Catalog::open(Some(&t.dir().join("sub/plan.rate")))
        .err()
        .unwrap_or_default();
    assert_eq!(
        err,
        format!(
            "no plan to serve: plan: cannot read plan {}: it is a link that leads out of the served folder",
            t.dir().join("sub/plan.rate").display()
        )
    );
}

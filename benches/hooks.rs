//! Hook benchmarks: worked example 3 quoted against the acme plan without hooks and with
//! hooks attached, so the difference is what a hook costs per quote (target: 1 us or less).
//!
//! The hooks are the example rules of examples/rules/, compiled once when the plan is
//! checked, exactly as `ratecard quote` uses them.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ratecard::check::{check_source, BUILTIN_PLAN};
use ratecard::diagnostic::SourceFile;
use ratecard::eval::quote;
use ratecard::model::Plan;
use ratecard::request::{Attr, Request};
use std::path::Path;

const EXAMPLE_3: &str = include_str!("../examples/requests/example-3.toml");

/// The acme plan with `hooks` (paths relative to examples/) added before its closing brace.
fn acme_with(hooks: &[&str]) -> Plan {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    acme_in(&examples, hooks)
}

/// The acme plan with `hooks`, read from `folder`.
fn acme_in(folder: &Path, hooks: &[&str]) -> Plan {
    let mut text = BUILTIN_PLAN.trim_end().trim_end_matches('}').to_string();
    for h in hooks {
        text.push_str(&format!("  hook \"{h}\"\n"));
    }
    text.push_str("}\n");
    let checked = check_source(SourceFile::new("acme+hooks", text), Some(folder));
    match checked.plan {
        Some(plan) if !checked.has_errors() => plan,
        _ => panic!(
            "the benchmark plan does not check: {:?}",
            checked.diagnostics
        ),
    }
}

fn hooks(c: &mut Criterion) {
    let request = match Request::parse(EXAMPLE_3, false) {
        Ok(r) => r,
        Err(e) => panic!("example 3: {e}"),
    };
    let mut education = request.clone();
    education
        .attributes
        .insert("industry".into(), Attr::Text("education".into()));

    // A hook that does nothing measures the fixed cost of calling one: its file lives in a
    // temporary folder, which is the plan's folder for that plan (hooks may not leave it).
    let dir = std::env::temp_dir().join(format!("ratecard-bench-{}", std::process::id()));
    let empty = dir.join("empty.rhai");
    if let Err(e) = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&empty, "fn price(request, quote) {}\n"))
    {
        panic!("cannot write {}: {e}", empty.display());
    }

    let plain = acme_with(&[]);
    let nothing = acme_in(&dir, &["empty.rhai"]);
    let one = acme_with(&["rules/education.rhai"]);
    let four = acme_with(&[
        "rules/oversized-deal.rhai",
        "rules/education.rhai",
        "rules/integration-fee.rhai",
        "rules/discount-approval.rhai",
    ]);
    // The hooked quotes must price as the plain one (example 3 is no education deal).
    let (a, b) = (quote(&plain, &request), quote(&one, &request));
    assert_eq!(a.map(|q| q.totals), b.map(|q| q.totals));

    let mut g = c.benchmark_group("hooks");
    g.bench_function("example 3, no hook", |b| {
        b.iter(|| quote(black_box(&plain), black_box(&request)))
    });
    g.bench_function("example 3, one hook (empty fn price)", |b| {
        b.iter(|| quote(black_box(&nothing), black_box(&request)))
    });
    g.bench_function("example 3, one hook (education, not applicable)", |b| {
        b.iter(|| quote(black_box(&one), black_box(&request)))
    });
    g.bench_function("example 3, one hook (education, adds a discount)", |b| {
        b.iter(|| quote(black_box(&one), black_box(&education)))
    });
    g.bench_function("example 3, four example hooks", |b| {
        b.iter(|| quote(black_box(&four), black_box(&request)))
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, hooks);
criterion_main!(benches);

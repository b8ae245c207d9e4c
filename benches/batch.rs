//! Batch throughput: a generated 10,000-row book priced in memory, end to end (CSV in,
//! quote every row, CSV or JSON Lines out), so the numbers exclude the disk.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use ratecard::batch::{self, OutputFormat};
use std::hint::black_box;

const ROWS: u64 = 10_000;

fn plan() -> ratecard::model::Plan {
    ratecard::check::check_builtin()
        .plan
        .expect("the built-in plan checks")
}

fn book(plan: &ratecard::model::Plan) -> Vec<u8> {
    let mut book = Vec::new();
    batch::gen::generate(plan, ROWS, 42, &mut book).expect("generate into memory");
    book
}

fn price_book(c: &mut Criterion) {
    let plan = plan();
    let book = book(&plan);
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(ROWS));
    for (name, format) in [("csv", OutputFormat::Csv), ("jsonl", OutputFormat::Jsonl)] {
        let opts = batch::Options {
            format,
            ..batch::Options::default()
        };
        g.bench_function(format!("price_book_10k_{name}"), |b| {
            b.iter_batched_ref(
                || Vec::with_capacity(book.len()),
                |out| {
                    let summary = batch::price_book(&plan, book.as_slice(), out, &opts);
                    black_box(summary.map(|s| s.rows).unwrap_or(0))
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

fn gen_book(c: &mut Criterion) {
    let plan = plan();
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(ROWS));
    g.bench_function("gen_book_10k", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            let _ = batch::gen::generate(&plan, ROWS, 42, &mut out);
            black_box(out.len())
        })
    });
    g.finish();
}

fn diff_impact(c: &mut Criterion) {
    let old = plan();
    let text = include_str!("../examples/acme-2027.rate");
    let source = ratecard::diagnostic::SourceFile::new("acme-2027.rate", text);
    let new = ratecard::check::check_source(source, None)
        .plan
        .expect("acme-2027 checks");
    let book = book(&old);
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(ROWS));
    g.bench_function("diff_impact_10k", |b| {
        b.iter(|| {
            let impact = ratecard::diff::impact(&old, &new, book.as_slice());
            black_box(impact.map(|i| i.customers.len()).unwrap_or(0))
        })
    });
    g.finish();
}

criterion_group!(benches, price_book, gen_book, diff_impact);
criterion_main!(benches);

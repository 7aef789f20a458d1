//! Rendering a 10-page proposal with charts (8 figures sections with a twelve-month chart each, 200 offer lines),
//! warm: the fonts and the standard library are loaded by the first run. Target: under 500 ms.
//! Measured twice: as typst runs it (memoizing between renders), and with its memo dropped before each render.
//! `cargo bench -p avain-documents --bench proposal`
use criterion::{criterion_group, criterion_main, Criterion};

fn render(c: &mut Criterion) {
    let doc = avain_documents::sample::document(8, 200);
    let (_, pages) = avain_documents::proposal_pdf(&doc, None).expect("renders");
    assert_eq!(pages, 10, "the benchmark's document is ten pages");
    let mut group = c.benchmark_group("proposal");
    group.sample_size(10);
    group.bench_function("10 pages with 8 charts and 200 lines", |b| {
        b.iter(|| avain_documents::proposal_pdf(&doc, None).expect("renders"))
    });
    // The same with typst's memoized results dropped before each run: what a proposal never rendered before costs
    // in a running app (the fonts and the standard library stay loaded).
    group.bench_function("the same, nothing memoized", |b| {
        b.iter(|| {
            typst::comemo::evict(0);
            avain_documents::proposal_pdf(&doc, None).expect("renders")
        })
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);

//! Ctrl+K search on `--scale 10` demo data (410 accounts, 1,500 people, ~8,000 interactions). Target: under 50 ms.
//! Run: cargo bench -p avain-core --bench search

use avain_core::demo::DEFAULT_SEED;
use avain_core::Store;
use criterion::{criterion_group, criterion_main, Criterion};

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path()).expect("store");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
    let summary = store.load_demo(10, DEFAULT_SEED, today).expect("demo");
    eprintln!("demo --scale 10: {summary:?}");
    let mut group = c.benchmark_group("search_scale_10");
    for query in ["virtanen", "hos", "formulary review", "anna kor", "budget impact model oncoprim"] {
        group.bench_function(query, |b| b.iter(|| store.search(query, 30).expect("search")));
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);

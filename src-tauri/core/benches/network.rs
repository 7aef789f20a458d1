//! Influence scores (PageRank, betweenness, score) for a network of 5,000 people and 25,000 links. Target: under
//! 200 ms; the layout the
//! Network page gets for it is timed too. Run: cargo bench -p avain-core --bench network

use avain_core::network::layout::force_layout;
use avain_core::network::metrics::{betweenness, metrics, pagerank, InfluenceWeights};
use avain_core::network::synthetic_network as network;
use criterion::{criterion_group, criterion_main, Criterion};

fn influence(c: &mut Criterion) {
    let (nodes, edges) = network(5_000, 25_000);
    let weights = InfluenceWeights::default();
    let mut group = c.benchmark_group("network");
    group.sample_size(10);
    group.bench_function("scores_5000_people_25000_links", |b| b.iter(|| metrics(&nodes, &edges, &weights)));
    group.bench_function("pagerank_only", |b| b.iter(|| pagerank(nodes.len(), &edges)));
    group.bench_function("betweenness_only", |b| b.iter(|| betweenness(nodes.len(), &edges)));
    // The positions the Network page gets for a network this large (see network::layout).
    let links: Vec<(usize, usize, f64)> = edges.iter().map(|e| (e.from, e.to, e.strength)).collect();
    let fixed = vec![None; nodes.len()];
    group.bench_function("layout_5000_people_25000_links", |b| b.iter(|| force_layout(nodes.len(), &links, &fixed)));
    group.finish();
}

criterion_group!(benches, influence);
criterion_main!(benches);

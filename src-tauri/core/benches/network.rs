//! Influence scores (PageRank, betweenness, score) for a network of 5,000 people and 25,000 links. Target: under
//! 200 ms. Run: cargo bench -p avain-core --bench network

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
    group.finish();
}

criterion_group!(benches, influence);
criterion_main!(benches);

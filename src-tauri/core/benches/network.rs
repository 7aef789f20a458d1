//! Influence scores (PageRank, betweenness, score) for a network of 5,000 people and 25,000 links. Target: under
//! 200 ms. Run: cargo bench -p avain-core --bench network

use avain_core::network::metrics::{betweenness, metrics, pagerank, Edge, InfluenceWeights, Node};
use avain_core::types::{LinkKind, RelationshipStage, Tier};
use criterion::{criterion_group, criterion_main, Criterion};

/// A reproducible network: people in regional clusters, most links inside the cluster, some across.
pub fn network(people: usize, links: usize) -> (Vec<Node>, Vec<Edge>) {
    let mut seed: u64 = 0x5eed_cafe;
    let mut next = move |m: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m
    };
    let tiers = [Some(Tier::International), Some(Tier::National), Some(Tier::Regional), Some(Tier::Local), None];
    let nodes: Vec<Node> = (0..people)
        .map(|i| Node {
            id: i as i64 + 1,
            tier: tiers[next(tiers.len())],
            activity: next(60) as u32,
            attitude: None,
            stage: RelationshipStage::ALL[next(5)],
        })
        .collect();
    let kinds = LinkKind::ALL;
    let cluster = 50;
    let mut edges = Vec::with_capacity(links);
    while edges.len() < links {
        let from = next(people);
        let to = if next(10) < 8 { (from / cluster) * cluster + next(cluster) } else { next(people) };
        if to == from || to >= people {
            continue;
        }
        edges.push(Edge { from, to, kind: kinds[next(kinds.len())], strength: (1 + next(5)) as f64 });
    }
    (nodes, edges)
}

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

//! Influence analytics on the network of people (petgraph): weighted PageRank, betweenness, the influence score,
//! who influences a decision, the balance of power and the gaps.
//!
//! Directions. An *influence edge* u → v means "u can sway v": `influences` and `mentor of` point from the
//! influencer, `reports to` from the boss to the one reporting, and `colleague`, `friend` and `family` go both ways;
//! a `rival` link sways nobody and is left out of every metric. Its weight is the link's strength (1–5); a link of
//! strength 0 is left out.
//!
//! - **PageRank** runs on the influence edges reversed (being swayed lends weight to the one who sways), weighted
//!   by strength, damping 0.85, a person with no outgoing edge spreading evenly; until the ranks change by less
//!   than 1e-12 in total, at most 200 rounds. The ranks sum to 1.
//! - **Betweenness** (Brandes) treats the links as undirected with length 1 ÷ strength (a strong tie is short),
//!   counts each unordered pair once and is normalised by (n − 1)(n − 2) ÷ 2, so it lies between 0 and 1. Above
//!   [`EXACT_BETWEENNESS_LIMIT`] people it is estimated from [`BETWEENNESS_PIVOTS`] evenly spread sources, scaled up.
//!   The sources are shared out over the machine's cores.
//! - **Influence score** (0–100) = 100 × (w₁·PageRank ÷ max PageRank + w₂·betweenness ÷ max betweenness +
//!   w₃·tier + w₄·min(scientific activity, 50) ÷ 50) ÷ (w₁ + w₂ + w₃ + w₄); tier counts 1 (international),
//!   0.75 (national), 0.5 (regional), 0.25 (local), 0 (none). Default weights 0.40, 0.20, 0.25, 0.15; the user
//!   can change them.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::{Attitude, LinkKind, RelationshipStage, Tier};

pub const DAMPING: f64 = 0.85;
pub const EXACT_BETWEENNESS_LIMIT: usize = 800;
pub const BETWEENNESS_PIVOTS: usize = 128;

/// A person as the metrics see them.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: i64,
    pub tier: Option<Tier>,
    /// Publications, trials, guidelines and talks counted together.
    pub activity: u32,
    pub attitude: Option<Attitude>,
    pub stage: RelationshipStage,
}

/// A link between two people (by their position in the node list).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: LinkKind,
    pub strength: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct InfluenceWeights {
    pub pagerank: f64,
    pub betweenness: f64,
    pub tier: f64,
    pub activity: f64,
}

impl Default for InfluenceWeights {
    fn default() -> Self {
        InfluenceWeights { pagerank: 0.40, betweenness: 0.20, tier: 0.25, activity: 0.15 }
    }
}

/// Every person's metrics, in the order of the nodes given.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub pagerank: Vec<f64>,
    pub betweenness: Vec<f64>,
    pub score: Vec<f64>,
}

pub fn tier_value(tier: Option<Tier>) -> f64 {
    match tier {
        Some(Tier::International) => 1.0,
        Some(Tier::National) => 0.75,
        Some(Tier::Regional) => 0.5,
        Some(Tier::Local) => 0.25,
        None => 0.0,
    }
}

/// The influence edges of a link: (who sways, who is swayed), none for a rival or a zero-strength link.
pub fn influence_edges(e: &Edge) -> Vec<(usize, usize)> {
    if e.strength <= 0.0 || e.from == e.to {
        return vec![];
    }
    match e.kind {
        LinkKind::Influences | LinkKind::MentorOf => vec![(e.from, e.to)],
        LinkKind::ReportsTo => vec![(e.to, e.from)],
        LinkKind::Colleague | LinkKind::Friend | LinkKind::Family => vec![(e.from, e.to), (e.to, e.from)],
        LinkKind::Rival => vec![],
    }
}

/// Weighted PageRank over the reversed influence edges. Sums to 1 (an empty network gives nothing).
pub fn pagerank(n: usize, edges: &[Edge]) -> Vec<f64> {
    if n == 0 {
        return vec![];
    }
    let mut graph: DiGraph<(), f64> = DiGraph::with_capacity(n, edges.len() * 2);
    for _ in 0..n {
        graph.add_node(());
    }
    for e in edges {
        for (sway, swayed) in influence_edges(e) {
            // Being swayed lends weight to the one who sways.
            graph.add_edge(NodeIndex::new(swayed), NodeIndex::new(sway), e.strength);
        }
    }
    let out_weight: Vec<f64> = (0..n).map(|i| graph.edges(NodeIndex::new(i)).map(|e| *e.weight()).sum()).collect();
    let mut rank = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..200 {
        let dangling: f64 = (0..n).filter(|&i| out_weight[i] == 0.0).map(|i| rank[i]).sum();
        let base = (1.0 - DAMPING) / n as f64 + DAMPING * dangling / n as f64;
        next.iter_mut().for_each(|x| *x = base);
        for i in 0..n {
            if out_weight[i] > 0.0 {
                let share = DAMPING * rank[i] / out_weight[i];
                for e in graph.edges(NodeIndex::new(i)) {
                    next[e.target().index()] += share * e.weight();
                }
            }
        }
        let change: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if change < 1e-12 {
            break;
        }
    }
    rank
}

#[derive(Clone, Copy, PartialEq)]
struct Queued {
    dist: f64,
    node: usize,
}

impl Eq for Queued {}

impl Ord for Queued {
    fn cmp(&self, other: &Self) -> Ordering {
        other.dist.partial_cmp(&self.dist).unwrap_or(Ordering::Equal).then_with(|| other.node.cmp(&self.node))
    }
}

impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Betweenness on the undirected network of links (length 1 ÷ strength), normalised to 0..1. Two links between
/// the same people count as their strongest.
pub fn betweenness(n: usize, edges: &[Edge]) -> Vec<f64> {
    let mut strongest: rustc_hash::FxHashMap<(usize, usize), f64> = Default::default();
    for e in edges {
        if !influence_edges(e).is_empty() {
            let key = (e.from.min(e.to), e.from.max(e.to));
            let s = strongest.entry(key).or_insert(0.0);
            *s = s.max(e.strength);
        }
    }
    let mut graph: UnGraph<(), f64> = UnGraph::with_capacity(n, strongest.len());
    for _ in 0..n {
        graph.add_node(());
    }
    let mut ties: Vec<((usize, usize), f64)> = strongest.into_iter().collect();
    ties.sort_by_key(|(k, _)| *k);
    for ((a, b), s) in ties {
        graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), 1.0 / s);
    }
    let sources: Vec<usize> = if n <= EXACT_BETWEENNESS_LIMIT {
        (0..n).collect()
    } else {
        (0..BETWEENNESS_PIVOTS).map(|k| k * n / BETWEENNESS_PIVOTS).collect()
    };
    // Plain adjacency lists for the inner loop; the sources are shared out over the cores.
    let adjacency: Vec<Vec<(usize, f64)>> = (0..n)
        .map(|v| {
            graph
                .edges(NodeIndex::new(v))
                .map(|e| (if e.source().index() == v { e.target().index() } else { e.source().index() }, *e.weight()))
                .collect()
        })
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |p| p.get()).clamp(1, 8);
    let chunk = sources.len().div_ceil(threads).max(1);
    let partials: Vec<Vec<f64>> = std::thread::scope(|scope| {
        let handles: Vec<_> = sources
            .chunks(chunk)
            .map(|part| {
                let adjacency = &adjacency;
                scope.spawn(move || dependencies(n, adjacency, part))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| vec![0.0; n])).collect()
    });
    let mut centrality = vec![0.0; n];
    for part in partials {
        for (c, p) in centrality.iter_mut().zip(part) {
            *c += p;
        }
    }
    // From every source each unordered pair is counted from both ends, hence (n − 1)(n − 2); pivots scale up.
    let scale = n as f64 / sources.len().max(1) as f64;
    let pairs = if n > 2 { (n - 1) as f64 * (n - 2) as f64 } else { 1.0 };
    centrality.iter().map(|c| c * scale / pairs).collect()
}

/// Brandes' dependency sums from `sources` (Dijkstra on the weighted adjacency lists).
fn dependencies(n: usize, adjacency: &[Vec<(usize, f64)>], sources: &[usize]) -> Vec<f64> {
    const EPS: f64 = 1e-9;
    let mut centrality = vec![0.0; n];
    let (mut dist, mut sigma, mut delta) = (vec![f64::INFINITY; n], vec![0.0f64; n], vec![0.0f64; n]);
    let mut settled = vec![false; n];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut heap = BinaryHeap::new();
    for &s in sources {
        // Only what the last source reached needs resetting.
        for &v in &order {
            dist[v] = f64::INFINITY;
            sigma[v] = 0.0;
            delta[v] = 0.0;
            settled[v] = false;
            preds[v].clear();
        }
        order.clear();
        dist[s] = 0.0;
        sigma[s] = 1.0;
        heap.push(Queued { dist: 0.0, node: s });
        while let Some(Queued { dist: d, node: v }) = heap.pop() {
            if settled[v] {
                continue;
            }
            settled[v] = true;
            order.push(v);
            for &(w, length) in &adjacency[v] {
                let alt = d + length;
                if alt < dist[w] - EPS {
                    dist[w] = alt;
                    sigma[w] = sigma[v];
                    preds[w].clear();
                    preds[w].push(v);
                    heap.push(Queued { dist: alt, node: w });
                } else if !settled[w] && (alt - dist[w]).abs() <= EPS {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        // Dependencies flow back from the farthest.
        for &w in order.iter().rev() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                centrality[w] += delta[w];
            }
        }
    }
    centrality
}

/// PageRank, betweenness and the influence score of every node.
pub fn metrics(nodes: &[Node], edges: &[Edge], w: &InfluenceWeights) -> Metrics {
    let n = nodes.len();
    let pagerank = pagerank(n, edges);
    let betweenness = betweenness(n, edges);
    let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    let (pr_max, bt_max) = (max(&pagerank), max(&betweenness));
    let total = (w.pagerank + w.betweenness + w.tier + w.activity).max(f64::EPSILON);
    let score = (0..n)
        .map(|i| {
            let pr = if pr_max > 0.0 { pagerank[i] / pr_max } else { 0.0 };
            let bt = if bt_max > 0.0 { betweenness[i] / bt_max } else { 0.0 };
            let activity = nodes[i].activity.min(50) as f64 / 50.0;
            100.0 * (w.pagerank * pr + w.betweenness * bt + w.tier * tier_value(nodes[i].tier) + w.activity * activity)
                / total
        })
        .collect();
    Metrics { pagerank, betweenness, score }
}

/// Someone who influences a decision, with the strongest way their influence reaches it.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub person: usize,
    /// The people from `person` to the one who decides (both included).
    pub path: Vec<usize>,
    /// The product of the links' strengths ÷ 5 along the path, the decider's own tie included.
    pub strength: f64,
    /// Influence score × strength.
    pub weight: f64,
}

/// Who influences a decision: `deciders` are the people tied to it directly (with their tie's strength 1–5);
/// everyone who can sway one of them within `max_hops` influence edges is ranked by score × path strength.
pub fn who_influences(
    n: usize,
    edges: &[Edge],
    score: &[f64],
    deciders: &[(usize, f64)],
    max_hops: usize,
) -> Vec<Route> {
    // best[v] = (strength, next hop towards the decision); a decider points at itself.
    let mut best: Vec<Option<(f64, usize)>> = vec![None; n];
    for &(d, s) in deciders {
        let s = (s / 5.0).clamp(0.0, 1.0);
        if s > 0.0 && best[d].is_none_or(|(b, _)| s > b) {
            best[d] = Some((s, d));
        }
    }
    // Who sways whom, from the swayed one's side.
    let mut swayed_by: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for e in edges {
        for (sway, swayed) in influence_edges(e) {
            swayed_by[swayed].push((sway, e.strength / 5.0));
        }
    }
    let mut frontier: Vec<usize> = (0..n).filter(|&v| best[v].is_some()).collect();
    for _ in 0..max_hops {
        let mut next = Vec::new();
        for &v in &frontier {
            let (sv, _) = best[v].unwrap_or((0.0, v));
            for &(u, s) in &swayed_by[v] {
                let candidate = sv * s;
                if best[u].is_none_or(|(b, _)| candidate > b + 1e-12) {
                    best[u] = Some((candidate, v));
                    next.push(u);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    let mut routes: Vec<Route> = (0..n)
        .filter_map(|p| {
            let (strength, _) = best[p]?;
            let mut path = vec![p];
            let mut at = p;
            while let Some((_, hop)) = best[at] {
                if hop == at || path.len() > max_hops + 1 {
                    break;
                }
                path.push(hop);
                at = hop;
            }
            Some(Route { person: p, path, strength, weight: score.get(p).copied().unwrap_or(0.0) * strength })
        })
        .collect();
    routes.sort_by(|a, b| b.weight.partial_cmp(&a.weight).unwrap_or(Ordering::Equal).then(a.person.cmp(&b.person)));
    routes
}

/// The share of influence held by the favourable (advocates, supporters), the neutral (and the unknown) and the
/// unfavourable (sceptics, opponents).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, TS)]
pub struct Balance {
    pub favourable: f64,
    pub neutral: f64,
    pub unfavourable: f64,
}

pub fn balance(attitudes: &[Option<Attitude>], score: &[f64]) -> Balance {
    let mut b = Balance::default();
    for (a, s) in attitudes.iter().zip(score) {
        match a {
            Some(Attitude::Advocate | Attitude::Supporter) => b.favourable += s,
            Some(Attitude::Sceptic | Attitude::Opponent) => b.unfavourable += s,
            _ => b.neutral += s,
        }
    }
    let total = b.favourable + b.neutral + b.unfavourable;
    if total > 0.0 {
        b.favourable /= total;
        b.neutral /= total;
        b.unfavourable /= total;
    }
    b
}

/// The most influential people with no relationship beyond first contact, most influential first.
pub fn gaps(nodes: &[Node], score: &[f64], limit: usize) -> Vec<usize> {
    let mut out: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].stage.step() <= RelationshipStage::FirstContact.step() && score[i] > 0.0)
        .collect();
    out.sort_by(|&a, &b| score[b].partial_cmp(&score[a]).unwrap_or(Ordering::Equal).then(a.cmp(&b)));
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(from: usize, to: usize, kind: LinkKind, strength: f64) -> Edge {
        Edge { from, to, kind, strength }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn pagerank_of_a_star_a_cycle_and_loose_people_as_worked_out_by_hand() {
        // 0 influences 1 and 2: being swayed, 1 and 2 lend their weight to 0; 3 is alone.
        // Reversed edges 1→0, 2→0; 0 and 3 are dangling. With d = 0.85, n = 4 and r the ranks:
        //   r1 = r2 = r3 = 0.15/4 + 0.85·(r0 + r3)/4,  r0 = r1 + 0.85·(r1 + r2) ... solved: r1 = x, r0 = x + 1.7x.
        // Sum: 2.7x + 3x = 1 → x = 1/5.7 ≈ 0.175439, r0 ≈ 0.473684.
        let star = [e(0, 1, LinkKind::Influences, 3.0), e(0, 2, LinkKind::Influences, 3.0)];
        let r = pagerank(4, &star);
        assert!(close(r.iter().sum::<f64>(), 1.0));
        assert!(close(r[1], 1.0 / 5.7) && close(r[2], 1.0 / 5.7) && close(r[3], 1.0 / 5.7), "{r:?}");
        assert!(close(r[0], 2.7 / 5.7), "{r:?}");

        // A cycle of three is symmetric: a third each, whatever the direction.
        let cycle = [
            e(0, 1, LinkKind::Influences, 2.0),
            e(1, 2, LinkKind::Influences, 2.0),
            e(2, 0, LinkKind::Influences, 2.0),
        ];
        let r = pagerank(3, &cycle);
        assert!(r.iter().all(|x| close(*x, 1.0 / 3.0)), "{r:?}");

        // Zero-strength and rival links count for nothing: everyone is alike.
        let nothing = [e(0, 1, LinkKind::Influences, 0.0), e(1, 2, LinkKind::Rival, 5.0)];
        assert!(pagerank(3, &nothing).iter().all(|x| close(*x, 1.0 / 3.0)));
        assert!(pagerank(0, &[]).is_empty());

        // A boss is swayed by nobody below; the one reporting lends weight to the boss.
        let r = pagerank(2, &[e(1, 0, LinkKind::ReportsTo, 4.0)]);
        assert!(r[0] > r[1]);
    }

    #[test]
    fn pagerank_weights_follow_strength() {
        // 3 is swayed by 1 (strength 4) and by 2 (strength 1): 3's weight goes 4 : 1 to them; 0 gets none.
        let edges = [e(1, 3, LinkKind::Influences, 4.0), e(2, 3, LinkKind::Influences, 1.0)];
        let r = pagerank(4, &edges);
        assert!(r[1] > r[2] && r[2] > r[0] - 1e-12, "{r:?}");
    }

    #[test]
    fn betweenness_of_a_path_a_star_and_a_shortcut_as_worked_out_by_hand() {
        // A path 0 – 1 – 2: 1 lies on the one pair (0, 2); normalised by (n−1)(n−2) = 2 over both directions → 1.
        let path = [e(0, 1, LinkKind::Colleague, 1.0), e(1, 2, LinkKind::Colleague, 1.0)];
        let b = betweenness(3, &path);
        assert!(close(b[1], 1.0) && close(b[0], 0.0) && close(b[2], 0.0), "{b:?}");

        // A star of 4 leaves around 0: 0 is on all C(4,2) = 6 pairs → 1; a loose person 5 changes nothing for
        // them but the normaliser (n = 6: 6 pairs of 10) → 0.6.
        let star: Vec<Edge> = (1..5).map(|i| e(0, i, LinkKind::Friend, 2.0)).collect();
        let b = betweenness(5, &star);
        assert!(close(b[0], 1.0), "{b:?}");
        let b = betweenness(6, &star);
        assert!(close(b[0], 0.6) && close(b[5], 0.0), "{b:?}");

        // A weak direct tie (length 1) is longer than a strong detour via 2 (0.2 + 0.2): 2 carries the pair.
        let shortcut =
            [e(0, 1, LinkKind::Colleague, 1.0), e(0, 2, LinkKind::Colleague, 5.0), e(2, 1, LinkKind::Colleague, 5.0)];
        let b = betweenness(3, &shortcut);
        assert!(close(b[2], 1.0) && close(b[0], 0.0), "{b:?}");

        // Two equal shortest paths share the pair: a square 0-1-3, 0-2-3 gives 1 and 2 half each of (0,3), and
        // 0 and 3 half each of (1,2); with n = 4 the normaliser is 3 → 1/6 each.
        let square = [
            e(0, 1, LinkKind::Colleague, 1.0),
            e(0, 2, LinkKind::Colleague, 1.0),
            e(1, 3, LinkKind::Colleague, 1.0),
            e(2, 3, LinkKind::Colleague, 1.0),
        ];
        let b = betweenness(4, &square);
        assert!(b.iter().all(|x| close(*x, 1.0 / 6.0)), "{b:?}");
    }

    #[test]
    fn betweenness_above_the_exact_limit_is_estimated_closely() {
        // A path of 1,000 people: person i lies on i·(n−1−i) of the (n−1)(n−2)/2 pairs.
        let n = 1_000;
        let path: Vec<Edge> = (1..n).map(|i| e(i - 1, i, LinkKind::Colleague, 3.0)).collect();
        let b = betweenness(n, &path);
        for i in [10, 250, 500, 900] {
            let exact = (i * (n - 1 - i)) as f64 / ((n - 1) * (n - 2) / 2) as f64;
            assert!((b[i] - exact).abs() < 0.02, "{i}: {} vs {exact}", b[i]);
        }
    }

    fn node(id: i64, tier: Option<Tier>, activity: u32, attitude: Option<Attitude>, stage: RelationshipStage) -> Node {
        Node { id, tier, activity, attitude, stage }
    }

    #[test]
    fn the_influence_score_combines_the_parts_by_the_stated_formula() {
        use RelationshipStage::*;
        let nodes = [
            node(1, Some(Tier::International), 60, Some(Attitude::Advocate), Close),
            node(2, Some(Tier::Local), 10, Some(Attitude::Opponent), NoContact),
            node(3, None, 0, None, FirstContact),
        ];
        let edges = [e(0, 1, LinkKind::Influences, 5.0), e(1, 2, LinkKind::Influences, 5.0)];
        let w = InfluenceWeights::default();
        let m = metrics(&nodes, &edges, &w);
        let pr_max = m.pagerank.iter().copied().fold(0.0, f64::max);
        let bt_max = m.betweenness.iter().copied().fold(0.0, f64::max);
        for (i, node) in nodes.iter().enumerate() {
            let expected = 100.0
                * (0.40 * m.pagerank[i] / pr_max
                    + 0.20 * m.betweenness[i] / bt_max
                    + 0.25 * tier_value(node.tier)
                    + 0.15 * (node.activity.min(50) as f64 / 50.0));
            assert!(close(m.score[i], expected), "{i}: {} vs {expected}", m.score[i]);
        }
        // Person 0 (the top of the chain, international, 60 activities): PageRank max, betweenness 0 → 40+25+15.
        assert!(close(m.score[0], 80.0), "{:?}", m.score);
        // Only the tier counts when the other weights are zero.
        let tier_only = InfluenceWeights { pagerank: 0.0, betweenness: 0.0, tier: 1.0, activity: 0.0 };
        assert!(close(metrics(&nodes, &edges, &tier_only).score[1], 25.0));

        let b = balance(&nodes.iter().map(|n| n.attitude).collect::<Vec<_>>(), &[60.0, 30.0, 10.0]);
        assert!(close(b.favourable, 0.6) && close(b.unfavourable, 0.3) && close(b.neutral, 0.1));
        assert_eq!(balance(&[None], &[0.0]), Balance::default());
        assert_eq!(gaps(&nodes, &[60.0, 30.0, 10.0], 5), [1, 2], "the advocate is close; the others are gaps");
    }

    #[test]
    fn who_influences_a_decision_follows_the_strongest_chain() {
        // 3 decides (tie 5). 1 influences 3 (4); 0 influences 1 (5) and 3 (1); 2 is 3's rival; 4 is loose.
        let edges = [
            e(1, 3, LinkKind::Influences, 4.0),
            e(0, 1, LinkKind::Influences, 5.0),
            e(0, 3, LinkKind::Influences, 1.0),
            e(2, 3, LinkKind::Rival, 5.0),
        ];
        let score = [50.0, 40.0, 90.0, 30.0, 99.0];
        let routes = who_influences(5, &edges, &score, &[(3, 5.0)], 3);
        let find = |p: usize| routes.iter().find(|r| r.person == p).cloned();
        // 0's best way is through 1: 1.0 × 0.8 × 1.0 = 0.8 (the direct tie gives only 0.2).
        let zero = find(0).unwrap();
        assert_eq!(zero.path, [0, 1, 3]);
        assert!(close(zero.strength, 0.8) && close(zero.weight, 40.0));
        assert!(close(find(1).unwrap().strength, 0.8));
        assert!(close(find(3).unwrap().strength, 1.0));
        assert!(find(2).is_none() && find(4).is_none(), "rivals and strangers do not sway the decision");
        assert_eq!(routes.iter().map(|r| r.person).collect::<Vec<_>>(), [0, 1, 3]);
        // One hop only: 0 reaches 3 by its weak direct tie.
        let short = who_influences(5, &edges, &score, &[(3, 5.0)], 1);
        assert!(close(short.iter().find(|r| r.person == 0).unwrap().strength, 0.2));
    }
}

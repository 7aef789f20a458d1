//! A force-directed layout for large networks, computed here because the window's JavaScript layouts take many
//! seconds above a few thousand people. Fruchterman–Reingold: linked people attract (d² ÷ k), everyone repels
//! everyone (k² ÷ d, approximated with a Barnes–Hut quadtree, θ = 1), each move limited by a temperature that
//! cools linearly to zero. Stronger links pull harder. Pinned people stay where they are. Deterministic for a given
//! input. The forces of each round are shared out over the machine's cores.

/// Ideal distance between linked people, in the drawing's units (pixels at zoom 1).
pub const IDEAL: f64 = 45.0;
pub const ROUNDS: usize = 60;
const THETA: f64 = 1.0;

struct Quad {
    x: f64,
    y: f64,
    half: f64,
    mass: f64,
    cx: f64,
    cy: f64,
    /// Index of the first of four children in the arena, or 0 for a leaf.
    children: usize,
    /// The one body of a leaf (usize::MAX when empty or when it has children).
    body: usize,
}

struct Tree {
    quads: Vec<Quad>,
}

impl Tree {
    fn build(pos: &[(f64, f64)]) -> Tree {
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in pos {
            min_x = min_x.min(x);
            min_y = min_y.min(y);
            max_x = max_x.max(x);
            max_y = max_y.max(y);
        }
        let half = ((max_x - min_x).max(max_y - min_y) / 2.0).max(1.0) + 1.0;
        let root = Quad {
            x: (min_x + max_x) / 2.0,
            y: (min_y + max_y) / 2.0,
            half,
            mass: 0.0,
            cx: 0.0,
            cy: 0.0,
            children: 0,
            body: usize::MAX,
        };
        let mut tree = Tree { quads: Vec::with_capacity(pos.len() * 3) };
        tree.quads.push(root);
        for (i, &p) in pos.iter().enumerate() {
            tree.insert(0, i, p, pos, 0);
        }
        tree
    }

    fn child_for(&self, q: usize, (x, y): (f64, f64)) -> usize {
        let quad = &self.quads[q];
        quad.children + usize::from(x >= quad.x) + 2 * usize::from(y >= quad.y)
    }

    fn insert(&mut self, q: usize, i: usize, p: (f64, f64), pos: &[(f64, f64)], depth: u32) {
        {
            let quad = &mut self.quads[q];
            let m = quad.mass + 1.0;
            quad.cx = (quad.cx * quad.mass + p.0) / m;
            quad.cy = (quad.cy * quad.mass + p.1) / m;
            quad.mass = m;
        }
        if self.quads[q].children == 0 {
            if self.quads[q].body == usize::MAX && self.quads[q].mass == 1.0 {
                self.quads[q].body = i;
                return;
            }
            // Two bodies in one place would split forever: past a depth, they share the leaf.
            if depth > 40 {
                return;
            }
            let first = self.quads.len();
            let (x, y, h) = (self.quads[q].x, self.quads[q].y, self.quads[q].half / 2.0);
            for k in 0..4 {
                let dx = if k & 1 == 1 { h } else { -h };
                let dy = if k & 2 == 2 { h } else { -h };
                self.quads.push(Quad {
                    x: x + dx,
                    y: y + dy,
                    half: h,
                    mass: 0.0,
                    cx: 0.0,
                    cy: 0.0,
                    children: 0,
                    body: usize::MAX,
                });
            }
            self.quads[q].children = first;
            let old = std::mem::replace(&mut self.quads[q].body, usize::MAX);
            if old != usize::MAX {
                let c = self.child_for(q, pos[old]);
                self.insert(c, old, pos[old], pos, depth + 1);
            }
        }
        let c = self.child_for(q, p);
        self.insert(c, i, p, pos, depth + 1);
    }

    /// The repulsion on body `i` at `p` from everyone else (`stack` is scratch space).
    fn repulsion(&self, i: usize, p: (f64, f64), k2: f64, stack: &mut Vec<usize>) -> (f64, f64) {
        let mut force = (0.0, 0.0);
        stack.clear();
        stack.push(0);
        while let Some(q) = stack.pop() {
            let quad = &self.quads[q];
            if quad.mass == 0.0 || quad.body == i && quad.children == 0 {
                continue;
            }
            let (dx, dy) = (p.0 - quad.cx, p.1 - quad.cy);
            let d2 = dx * dx + dy * dy;
            let far = quad.children == 0 || (2.0 * quad.half) * (2.0 * quad.half) < THETA * THETA * d2;
            if far {
                let d2 = d2.max(0.01);
                // k² ÷ d along the unit vector: k² · (dx, dy) ÷ d².
                let f = k2 * quad.mass / d2;
                force.0 += dx * f;
                force.1 += dy * f;
            } else {
                stack.extend(quad.children..quad.children + 4);
            }
        }
        force
    }
}

/// Positions for `n` people linked by `links` (a, b, strength 1–5). `fixed[i]` holds a pinned person's place.
pub fn force_layout(n: usize, links: &[(usize, usize, f64)], fixed: &[Option<(f64, f64)>]) -> Vec<(f64, f64)> {
    if n == 0 {
        return vec![];
    }
    // Start on a sunflower spiral (even spread, no randomness) in breadth-first order, so linked people start near
    // each other and few rounds are needed; pinned people where they are.
    let mut adjacent: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b, _) in links {
        if a < n && b < n && a != b {
            adjacent[a].push(b);
            adjacent[b].push(a);
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    let mut by_degree: Vec<usize> = (0..n).collect();
    by_degree.sort_by_key(|&v| std::cmp::Reverse(adjacent[v].len()));
    for root in by_degree {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut head = order.len();
        order.push(root);
        while head < order.len() {
            let v = order[head];
            head += 1;
            for &w in &adjacent[v] {
                if !seen[w] {
                    seen[w] = true;
                    order.push(w);
                }
            }
        }
    }
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos = vec![(0.0, 0.0); n];
    for (slot, &i) in order.iter().enumerate() {
        pos[i] = fixed.get(i).copied().flatten().unwrap_or_else(|| {
            let r = IDEAL * (slot as f64 + 0.5).sqrt();
            let a = slot as f64 * golden;
            (r * a.cos(), r * a.sin())
        });
    }
    let k2 = IDEAL * IDEAL;
    let start = IDEAL * (n as f64).sqrt() / 8.0;
    let threads = std::thread::available_parallelism().map_or(1, |p| p.get()).clamp(1, 8);
    let chunk = n.div_ceil(threads);
    for round in 0..ROUNDS {
        let temperature = start * (1.0 - round as f64 / ROUNDS as f64) + 1.0;
        let tree = Tree::build(&pos);
        let mut disp = vec![(0.0f64, 0.0f64); n];
        std::thread::scope(|s| {
            for (c, part) in disp.chunks_mut(chunk).enumerate() {
                let (tree, pos) = (&tree, &pos);
                s.spawn(move || {
                    let mut stack = Vec::with_capacity(256);
                    for (j, d) in part.iter_mut().enumerate() {
                        let i = c * chunk + j;
                        *d = tree.repulsion(i, pos[i], k2, &mut stack);
                    }
                });
            }
        });
        for &(a, b, strength) in links {
            if a == b {
                continue;
            }
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            // d² ÷ k along the unit vector, stronger links pulling up to twice as hard.
            let f = d / IDEAL * (0.6 + strength.clamp(0.0, 5.0) * 0.28);
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for i in 0..n {
            if fixed.get(i).copied().flatten().is_some() {
                continue;
            }
            let (dx, dy) = disp[i];
            let len = (dx * dx + dy * dy).sqrt();
            if len > 0.0 {
                let step = len.min(temperature) / len;
                pos[i].0 += dx * step;
                pos[i].1 += dy * step;
            }
        }
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
        ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
    }

    #[test]
    fn linked_people_end_closer_than_strangers_and_pins_hold() {
        // Two triangles joined by one link, and one loose person pinned far away.
        let links = [(0, 1, 5.0), (1, 2, 5.0), (2, 0, 5.0), (3, 4, 5.0), (4, 5, 5.0), (5, 3, 5.0), (2, 3, 1.0)];
        let mut fixed = vec![None; 7];
        fixed[6] = Some((1000.0, 1000.0));
        let pos = force_layout(7, &links, &fixed);
        assert_eq!(pos[6], (1000.0, 1000.0));
        let inside = dist(pos[0], pos[1]).max(dist(pos[1], pos[2])).max(dist(pos[3], pos[4]));
        let across = dist(pos[0], pos[4]).min(dist(pos[1], pos[5]));
        assert!(inside < across, "triangles stay together: {inside} vs {across}");
        assert!(pos.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
        // Nobody sits on top of anyone else.
        for i in 0..7 {
            for j in i + 1..7 {
                assert!(dist(pos[i], pos[j]) > 5.0, "{i} and {j} overlap");
            }
        }
        assert_eq!(force_layout(7, &links, &fixed), pos, "the same input gives the same drawing");
    }

    #[test]
    fn people_in_one_place_do_not_hang_the_tree() {
        let fixed = vec![Some((0.0, 0.0)); 50];
        let pos = force_layout(50, &[], &fixed);
        assert_eq!(pos.len(), 50);
        assert!(force_layout(0, &[], &[]).is_empty());
    }
}

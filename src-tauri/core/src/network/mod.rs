//! The influence network of opinion leaders (KOLs) and officials (VIPs): who influences whom, how strongly, and
//! what that means for a decision. [`metrics`] holds the analytics (PageRank, betweenness, the influence score, who
//! influences a decision, the balance of power, the gaps), on plain vectors so they can be tested on graphs worked
//! out by hand and measured on large ones.

pub mod metrics;

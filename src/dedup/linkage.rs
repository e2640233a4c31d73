//! Threshold complete-linkage clustering of units, with author overrides.
//!
//! Candidate edges are taken best score first (ties by unit index); an
//! edge joins its two clusters only if **every** cross pair may merge
//! (compatible intents, score ≥ θ, no split override). This is the
//! complete-linkage criterion (Sørensen 1948; see Manning, Raghavan &
//! Schütze, *Introduction to Information Retrieval*, ch. 17), which stops
//! two different questions from chaining through a third that resembles
//! both. Forced merges are applied first and are never re-checked.

use std::collections::HashSet;

use super::score::{PairScore, Scorer};

/// One accepted join between two clusters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Join {
    pub u: usize,
    pub v: usize,
    pub score: PairScore,
    pub forced: bool,
}

/// Clusters of units and the joins that built them.
#[derive(Debug)]
pub(crate) struct Linkage {
    /// Cluster representative (root unit) of each unit.
    pub root: Vec<usize>,
    pub joins: Vec<Join>,
}

/// Inputs of [`complete_linkage`].
pub(crate) struct LinkageInput<'a> {
    pub scorer: &'a Scorer<'a>,
    pub threshold: f64,
    /// Candidate edges (u < v) that may merge.
    pub edges: Vec<(usize, usize, PairScore)>,
    /// Unit pairs that must end up together.
    pub forced: &'a [(usize, usize)],
    /// Unit pairs (u < v) that must not.
    pub split: &'a HashSet<(usize, usize)>,
}

struct Forest {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Forest {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the clusters of roots `a` and `b` (smaller into larger).
    fn union(&mut self, a: usize, b: usize) {
        let (big, small) = if self.members[a].len() >= self.members[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small] = big;
        let moved = std::mem::take(&mut self.members[small]);
        self.members[big].extend(moved);
    }
}

/// Clusters `n` units. Returns the conflicting unit pair when a split
/// override separates units that forced merges put together.
pub(crate) fn complete_linkage(
    n: usize,
    mut input: LinkageInput<'_>,
) -> Result<Linkage, (usize, usize)> {
    let mut forest = Forest {
        parent: (0..n).collect(),
        members: (0..n).map(|u| vec![u]).collect(),
    };
    let mut joins = Vec::new();
    for &(u, v) in input.forced {
        let (ru, rv) = (forest.find(u), forest.find(v));
        if ru == rv {
            continue;
        }
        forest.union(ru, rv);
        joins.push(Join {
            u: u.min(v),
            v: u.max(v),
            score: input.scorer.score(u, v),
            forced: true,
        });
    }
    let mut conflicts: Vec<(usize, usize)> = input.split.iter().copied().collect();
    conflicts.sort_unstable();
    if let Some(&(u, v)) = conflicts
        .iter()
        .find(|&&(u, v)| forest.find(u) == forest.find(v))
    {
        return Err((u, v));
    }
    let mut edges = std::mem::take(&mut input.edges);
    edges.sort_by(|a, b| {
        b.2.score
            .total_cmp(&a.2.score)
            .then((a.0, a.1).cmp(&(b.0, b.1)))
    });
    // Cluster pairs (by root) already found unable to merge. Clusters
    // only grow, and a root stays the root of a cluster that holds its
    // old members, so a pair that failed fails again: the many other
    // edges between the same two clusters are not re-checked pair by pair.
    let mut failed: HashSet<(usize, usize)> = HashSet::new();
    for (u, v, score) in edges {
        let (ru, rv) = (forest.find(u), forest.find(v));
        if ru == rv {
            continue;
        }
        let key = (ru.min(rv), ru.max(rv));
        if failed.contains(&key) {
            continue;
        }
        if !all_pairs_merge(&forest, ru, rv, &input) {
            failed.insert(key);
            continue;
        }
        forest.union(ru, rv);
        joins.push(Join {
            u,
            v,
            score,
            forced: false,
        });
    }
    let root = (0..n).map(|u| forest.find(u)).collect();
    Ok(Linkage { root, joins })
}

/// The complete-linkage test between the clusters rooted at `a` and `b`.
fn all_pairs_merge(forest: &Forest, a: usize, b: usize, input: &LinkageInput<'_>) -> bool {
    forest.members[a].iter().all(|&x| {
        forest.members[b].iter().all(|&y| {
            let key = (x.min(y), x.max(y));
            !input.split.contains(&key) && input.scorer.score(x, y).merges(input.threshold)
        })
    })
}

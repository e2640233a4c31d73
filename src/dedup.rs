//! Stage 3, **dedup**: questions that ask the same thing, within and across
//! sources, are grouped into [`Cluster`]s; each cluster becomes one handbook
//! entry that keeps every variant and every answer.

use crate::extract::Entry;

/// Tuning and author overrides for clustering.
#[derive(Debug, Clone, Default)]
pub struct DedupOptions {}

/// A group of entries that ask the same question.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Indices into the entry slice given to [`cluster`], in input order.
    pub members: Vec<usize>,
    /// The member whose phrasing is the entry's title (an index into the
    /// entry slice, one of `members`).
    pub canonical: usize,
}

/// The result of clustering.
#[derive(Debug, Clone, Default)]
pub struct Clustering {
    /// Every input entry is in exactly one cluster; clusters are ordered by
    /// their first member.
    pub clusters: Vec<Cluster>,
}

/// Groups `entries` into clusters of equivalent questions.
pub fn cluster(entries: &[Entry], _opts: &DedupOptions) -> Clustering {
    // Placeholder until the dedup stage lands: every entry alone.
    Clustering {
        clusters: (0..entries.len())
            .map(|i| Cluster {
                members: vec![i],
                canonical: i,
            })
            .collect(),
    }
}

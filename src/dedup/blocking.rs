//! Candidate generation without comparing all pairs: weighted prefix
//! filtering over an inverted index (Chaudhuri, Ganti & Kaushik, "A
//! Primitive Operator for Similarity Joins in Data Cleaning", ICDE 2006;
//! Bayardo, Ma & Srikant, "Scaling Up All Pairs Similarity Search", WWW
//! 2007).
//!
//! Terms are ordered rarest first. A unit's *prefix* is its shortest
//! run of rarest terms whose remaining weight is below `θ · W` (W = the
//! unit's total weight). If two units have weighted Jaccard ≥ θ, their
//! shared weight is ≥ θ · W on each side, so the rarest shared term lies
//! in both prefixes: indexing and probing prefixes only misses no pair.
//!
//! The index is built over all units first; each unit then probes the
//! part of the posting lists below it, so units are probed in parallel
//! and each pair is visited once, by its later unit.
//!
//! Posting lists of very common terms are probed through a window of
//! their most recent `POSTING_WINDOW` units (a sorted-neighbourhood
//! bound, Hernández & Stolfo, SIGMOD 1995), which keeps the work linear
//! when one term is in a large share of the collection; exactly identical
//! questions never need it because they are already one unit.

use rayon::prelude::*;

use super::score::Unit;

/// How many postings of one term are probed at most, newest first.
pub(crate) const POSTING_WINDOW: usize = 400;

/// The prefix-filtering index of a collection of units: each unit's
/// prefix terms, and for each term the units whose prefix holds it.
///
/// Unit `u` is probed against the units before it only, so every pair is
/// found once, by its later unit. Because the index holds every unit,
/// units can be probed independently (in parallel, in any order): probing
/// `u` reads only the part of each posting list below `u`, which is what
/// an index built incrementally up to `u` would hold.
pub(crate) struct Blocking {
    /// Prefix terms of each unit, rarest first.
    prefixes: Vec<Vec<u32>>,
    /// Units (ascending) whose prefix holds each term id.
    postings: Vec<Vec<u32>>,
    /// Candidate threshold on the weighted Jaccard similarity.
    theta: f64,
}

impl Blocking {
    /// Indexes `units` for candidate threshold `theta`; `df` is the
    /// document frequency of each term id (it orders terms rarest first).
    pub(crate) fn new(units: &[Unit], df: &[u32], theta: f64) -> Blocking {
        let prefixes: Vec<Vec<u32>> = units
            .par_iter()
            .map(|unit| prefix_terms(unit, df, theta))
            .collect();
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); df.len()];
        for (u, prefix) in prefixes.iter().enumerate() {
            for &t in prefix {
                postings[t as usize].push(u as u32);
            }
        }
        Blocking {
            prefixes,
            postings,
            theta,
        }
    }

    /// Calls `visit(v)` once for every candidate partner `v < u` of unit
    /// `u`: a unit sharing a prefix term with `u` (among that term's
    /// [`POSTING_WINDOW`] units just below `u`) whose weight is
    /// compatible. `stamp` is scratch space with one slot per unit; it
    /// must not hold the value `u` on entry (fill it with `u32::MAX` once,
    /// then reuse it for increasing `u`).
    pub(crate) fn candidates_of(
        &self,
        units: &[Unit],
        u: usize,
        stamp: &mut [u32],
        mut visit: impl FnMut(usize),
    ) {
        for &t in &self.prefixes[u] {
            let list = &self.postings[t as usize];
            let below = list.partition_point(|&v| (v as usize) < u);
            for &v in list[..below].iter().rev().take(POSTING_WINDOW) {
                let v = v as usize;
                if stamp[v] == u as u32 {
                    continue;
                }
                stamp[v] = u as u32;
                if size_compatible(&units[v], &units[u], self.theta) {
                    visit(v);
                }
            }
        }
    }
}

/// The unit's prefix terms (rarest first) for threshold `theta`.
fn prefix_terms(unit: &Unit, df: &[u32], theta: f64) -> Vec<u32> {
    let mut order: Vec<(u32, u32, f32)> = unit
        .terms
        .iter()
        .map(|&(t, w)| (df[t as usize], t, w))
        .collect();
    order.sort_by_key(|&(d, t, _)| (d, t));
    let total = unit.weight;
    let mut covered = 0.0;
    let mut out = Vec::new();
    for (_, t, w) in order {
        out.push(t);
        covered += f64::from(w);
        if total - covered < theta * total - 1e-9 {
            break;
        }
    }
    out
}

/// Length filter: weighted Jaccard ≤ min(W) / max(W).
fn size_compatible(a: &Unit, b: &Unit, theta: f64) -> bool {
    let (lo, hi) = if a.weight <= b.weight {
        (a.weight, b.weight)
    } else {
        (b.weight, a.weight)
    };
    hi > 0.0 && lo / hi >= theta - 1e-9
}

#[cfg(test)]
mod tests {
    use super::super::intent::Intent;
    use super::*;

    fn unit(terms: &[(u32, f32)]) -> Unit {
        Unit {
            members: vec![0],
            intent: Intent::Define,
            direction: None,
            terms: terms.to_vec(),
            weight: terms.iter().map(|t| f64::from(t.1)).sum(),
            answer: Vec::new(),
            answer_norm: 0.0,
        }
    }

    #[test]
    fn finds_every_pair_above_threshold() {
        // Brute force versus prefix filtering on a small synthetic set.
        let mut units = Vec::new();
        for i in 0..60u32 {
            let terms: Vec<(u32, f32)> = (0..4)
                .map(|k| ((i * 7 + k * 13) % 23, 1.0 + ((i + k) % 3) as f32))
                .collect::<std::collections::BTreeMap<_, _>>()
                .into_iter()
                .collect();
            units.push(unit(&terms));
        }
        let mut df = vec![0u32; 23];
        for u in &units {
            for t in &u.terms {
                df[t.0 as usize] += 1;
            }
        }
        let theta = 0.4;
        let blocking = Blocking::new(&units, &df, theta);
        let mut found = std::collections::BTreeSet::new();
        let mut stamp = vec![u32::MAX; units.len()];
        for u in 0..units.len() {
            blocking.candidates_of(&units, u, &mut stamp, |v| {
                assert!(v < u);
                assert!(found.insert((v, u)), "{v},{u} visited twice");
            });
        }
        for u in 0..units.len() {
            for v in 0..u {
                if super::super::score::ruzicka(&units[v].terms, &units[u].terms) >= theta {
                    assert!(found.contains(&(v, u)), "missed {v},{u}");
                }
            }
        }
    }
}

//! Related questions, all of it: the few other entries a reader should see
//! next, listed under each entry.
//!
//! Two sources feed the list:
//!
//! - **near misses** ([`near_misses`]): pairs of questions deduplication
//!   scored close but kept apart (similar wording, different question);
//!   `handbook::assemble` stores them as each entry's `similar`;
//! - **shared concepts and title words** ([`by_concepts`]): the vector
//!   space model over the concepts an entry involves and its title's
//!   words, run by the concept analysis of the link stage.
//!
//! [`merge`] makes the final list: up to [`NEAR_MISSES_FIRST`] near misses,
//! then the concept-related questions, then the remaining near misses, at
//! most [`MAX_RELATED`] in all. Without concepts the list is the near
//! misses alone.

pub mod by_concepts;

/// Most related questions listed per entry.
pub const MAX_RELATED: usize = 5;

/// Near misses kept first among the related questions; the rest of the
/// list goes to questions found through shared concepts.
pub const NEAR_MISSES_FIRST: usize = 3;

/// Each entry's near misses, closest first.
///
/// Input: the entries' ids and the near-miss pairs as pairs of entry
/// indexes, closest pair first. Output: per entry, the ids of the entries
/// it was paired with, in pair order, each once, never itself, at most
/// [`MAX_RELATED`].
pub fn near_misses(ids: &[&str], pairs: &[(usize, usize)]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new(); ids.len()];
    for &(a, b) in pairs {
        if a == b {
            continue;
        }
        for (from, to) in [(a, b), (b, a)] {
            let rel = &mut out[from];
            if rel.len() < MAX_RELATED && !rel.iter().any(|r| r == ids[to]) {
                rel.push(ids[to].to_string());
            }
        }
    }
    out
}

/// The related list of the entry `own`: up to [`NEAR_MISSES_FIRST`] of
/// `near` (its near misses, closest first), then `by_concept` (best
/// first), then the rest of `near`; each id once, never `own`, at most
/// [`MAX_RELATED`].
pub fn merge<'a>(
    own: &str,
    near: &'a [String],
    by_concept: impl IntoIterator<Item = &'a String>,
) -> Vec<String> {
    let ordered = near
        .iter()
        .take(NEAR_MISSES_FIRST)
        .chain(by_concept)
        .chain(near.iter().skip(NEAR_MISSES_FIRST));
    let mut out: Vec<String> = Vec::new();
    for id in ordered {
        if out.len() == MAX_RELATED {
            break;
        }
        if id != own && !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn near_misses_link_both_ways_in_pair_order_without_repeats() {
        let out = near_misses(&["a", "b", "c"], &[(0, 1), (2, 0), (1, 0), (1, 1)]);
        assert_eq!(out[0], ids(&["b", "c"]));
        assert_eq!(out[1], ids(&["a"]));
        assert_eq!(out[2], ids(&["a"]));
    }

    #[test]
    fn near_misses_stop_at_the_maximum() {
        let names = ["x", "a", "b", "c", "d", "e", "f"];
        let pairs: Vec<(usize, usize)> = (1..names.len()).map(|i| (0, i)).collect();
        assert_eq!(near_misses(&names, &pairs)[0].len(), MAX_RELATED);
    }

    #[test]
    fn merge_puts_three_near_misses_then_concepts_then_the_rest() {
        let near = ids(&["n1", "n2", "n3", "n4"]);
        let by = ids(&["c1", "n2", "me", "c2"]);
        assert_eq!(
            merge("me", &near, &by),
            ids(&["n1", "n2", "n3", "c1", "c2"])
        );
        assert_eq!(merge("me", &near, &[]), near);
    }
}

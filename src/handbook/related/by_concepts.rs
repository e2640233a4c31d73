//! Related questions by shared concepts and title words: for each entry,
//! the other entries closest to it (merged with the near misses by
//! [`super::merge`]).
//!
//! Each entry becomes a sparse vector (the vector space model, Salton, Wong
//! & Yang, 1975) over two kinds of features:
//!
//! - the concepts it is about (weight 1) or mentions
//!   ([`AnalyzeOptions::mention_weight`]);
//! - the stemmed content words of its title (Snowball English stemmer,
//!   weight [`AnalyzeOptions::title_word_weight`]), so "How are lists
//!   resized?" finds "How does list resizing work?" even without a concept.
//!
//! Every weight is multiplied by the feature's inverse document frequency
//! `ln(1 + N / df)` over dedup groups, so a shared rare concept counts more
//! than a shared common one. Similarity is the cosine of two vectors.
//!
//! Candidates are found through inverted lists (feature → entries), never by
//! comparing all pairs: features found in more than
//! [`AnalyzeOptions::max_postings`] entries are not walked (they still count
//! in the norms), which keeps the work about linear in the number of
//! entries. Entries of the entry's own group are excluded, and each other
//! group contributes at most its best entry.

use std::collections::BTreeMap;

use crate::text::stem::{self, Snowball as Stemmer};
use crate::text::stopwords;
use crate::text::weights::{self, IdfKind};

use crate::concepts::analysis::{AnalyzeOptions, EntryConcepts, EntryText, RelatedEntry};

/// Question words that say nothing about the topic
/// ([`stopwords::RELATED`]).
const STOPWORDS: &[&str] = &stopwords::RELATED;

/// A weighted sparse vector: (feature, weight) sorted by feature.
type Vector = Vec<(usize, f64)>;

/// Related entries for every entry (see the module documentation).
pub fn related_entries(
    per_entry: &[EntryConcepts],
    entries: &[EntryText],
    opts: &AnalyzeOptions,
) -> Vec<Vec<RelatedEntry>> {
    let vectors = vectors(per_entry, entries, opts);
    let norms: Vec<f64> = vectors
        .iter()
        .map(|v| v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt())
        .collect();
    let mut postings: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    for (i, v) in vectors.iter().enumerate() {
        for &(f, w) in v {
            postings.entry(f).or_default().push((i, w));
        }
    }
    // Each entry's candidates are scored on its own (in parallel, each
    // worker with its own accumulator) and collected in entry order.
    use rayon::prelude::*;
    vectors
        .par_iter()
        .enumerate()
        .map_init(
            || (vec![0.0f64; entries.len()], Vec::<usize>::new()),
            |(acc, touched), (i, v)| {
                for &(f, w) in v {
                    let list = &postings[&f];
                    if list.len() > opts.max_postings {
                        continue;
                    }
                    for &(j, wj) in list {
                        if acc[j] == 0.0 {
                            touched.push(j);
                        }
                        acc[j] += w * wj;
                    }
                }
                let scored: Vec<(usize, f64)> = touched
                    .drain(..)
                    .map(|j| (j, std::mem::take(&mut acc[j]) / (norms[i] * norms[j])))
                    .collect();
                pick(i, scored, per_entry, entries, opts)
            },
        )
        .collect()
}

/// The best candidates of entry `i`: other groups only, one per group,
/// best score first (ties: smaller id, then input order).
fn pick(
    i: usize,
    scored: Vec<(usize, f64)>,
    per_entry: &[EntryConcepts],
    entries: &[EntryText],
    opts: &AnalyzeOptions,
) -> Vec<RelatedEntry> {
    let order = |x: &(usize, f64), y: &(usize, f64)| {
        y.1.total_cmp(&x.1)
            .then(entries[x.0].id.cmp(entries[y.0].id))
            .then(x.0.cmp(&y.0))
    };
    let mut scored: Vec<(usize, f64)> = scored
        .into_iter()
        .filter(|&(j, s)| entries[j].group != entries[i].group && s >= opts.min_related_score)
        .collect();
    scored.sort_by(order);
    let mut groups_taken = Vec::new();
    let mut out = Vec::new();
    for (j, score) in scored {
        if out.len() == opts.related_entries {
            break;
        }
        if groups_taken.contains(&entries[j].group) {
            continue;
        }
        groups_taken.push(entries[j].group);
        out.push(RelatedEntry {
            entry: j,
            score,
            shared: shared(&per_entry[i], &per_entry[j]),
        });
    }
    out
}

/// Concepts involved in both entries, by catalog index.
fn shared(x: &EntryConcepts, y: &EntryConcepts) -> Vec<usize> {
    let ys: Vec<usize> = y.about.iter().chain(&y.mentions).copied().collect();
    let mut s: Vec<usize> = x
        .about
        .iter()
        .chain(&x.mentions)
        .copied()
        .filter(|c| ys.contains(c))
        .collect();
    s.sort_unstable();
    s.dedup();
    s
}

/// The stemmed content words of a title.
pub(crate) fn title_words(stemmer: &Stemmer, title: &str) -> Vec<String> {
    let mut words: Vec<String> = title
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map(str::to_lowercase)
        .filter(|w| w.len() > 1 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .map(|w| stemmer.stem(&w).into_owned())
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Every entry's weighted feature vector. Concept `c` is feature `c`;
/// title words follow the concepts, numbered in sorted word order.
fn vectors(
    per_entry: &[EntryConcepts],
    entries: &[EntryText],
    opts: &AnalyzeOptions,
) -> Vec<Vector> {
    let stemmer = stem::english();
    let words: Vec<Vec<String>> = entries
        .iter()
        .map(|e| title_words(&stemmer, e.title))
        .collect();
    let n_concepts = per_entry
        .iter()
        .flat_map(|e| e.about.iter().chain(&e.mentions))
        .map(|&c| c + 1)
        .max()
        .unwrap_or(0);
    let vocab: BTreeMap<&str, usize> = {
        let mut all: Vec<&str> = words.iter().flatten().map(String::as_str).collect();
        all.sort_unstable();
        all.dedup();
        all.into_iter()
            .enumerate()
            .map(|(k, w)| (w, n_concepts + k))
            .collect()
    };
    // Raw (unweighted by idf) vectors.
    let raw: Vec<BTreeMap<usize, f64>> = per_entry
        .iter()
        .zip(&words)
        .map(|(e, ws)| {
            let mut v = BTreeMap::new();
            for &c in &e.mentions {
                v.insert(c, opts.mention_weight);
            }
            for &c in &e.about {
                v.insert(c, 1.0);
            }
            for w in ws {
                v.insert(vocab[w.as_str()], opts.title_word_weight);
            }
            v
        })
        .collect();
    let idf = idf(&raw, entries);
    raw.into_iter()
        .map(|v| v.into_iter().map(|(f, w)| (f, w * idf[&f])).collect())
        .collect()
}

/// `ln(1 + N / df)` per feature, counting dedup groups.
fn idf(raw: &[BTreeMap<usize, f64>], entries: &[EntryText]) -> BTreeMap<usize, f64> {
    let mut groups_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (v, e) in raw.iter().zip(entries) {
        for &f in v.keys() {
            groups_of.entry(f).or_default().push(e.group);
        }
    }
    let mut all_groups: Vec<usize> = entries.iter().map(|e| e.group).collect();
    all_groups.sort_unstable();
    all_groups.dedup();
    let n = all_groups.len() as f64;
    groups_of
        .into_iter()
        .map(|(f, mut gs)| {
            gs.sort_unstable();
            gs.dedup();
            (f, weights::idf(gs.len(), n, IdfKind::LnOnePlus))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ec(about: &[usize], mentions: &[usize]) -> EntryConcepts {
        EntryConcepts {
            about: about.to_vec(),
            mentions: mentions.to_vec(),
            related: vec![],
        }
    }

    fn et(id: &'static str, title: &'static str, group: usize) -> EntryText<'static> {
        EntryText {
            id,
            title,
            variants: vec![],
            answers: vec![],
            group,
            places: vec![],
        }
    }

    #[test]
    fn title_words_are_stemmed_content_words() {
        let s = stem::english();
        assert_eq!(
            title_words(&s, "How are lists resized in Python?"),
            vec!["list", "resiz"]
        );
    }

    #[test]
    fn shared_rare_concepts_rank_first_and_groups_are_excluded() {
        let per = vec![
            ec(&[0], &[1]), // a: GIL, threading
            ec(&[0], &[1]), // a2: duplicate of a
            ec(&[1], &[0]), // b: shares both
            ec(&[2], &[9]), // c: only the common concept 9
            ec(&[3], &[9]), // d: common concept 9
            ec(&[0], &[9]), // e: shares GIL
            ec(&[4], &[9]), // f
        ];
        let ents = vec![
            et("a", "What is the GIL?", 0),
            et("a2", "What's the GIL?", 0),
            et("b", "Threads and the GIL", 1),
            et("c", "Unrelated one", 2),
            et("d", "Unrelated two", 3),
            et("e", "GIL again", 4),
            et("f", "Other", 5),
        ];
        let rel = related_entries(&per, &ents, &AnalyzeOptions::default());
        let ids: Vec<&str> = rel[0].iter().map(|r| ents[r.entry].id).collect();
        assert_eq!(ids, vec!["b", "e"]);
        assert_eq!(rel[0][0].shared, vec![0, 1]);
        // The duplicate's list has the same entries, and neither lists a or a2.
        assert_eq!(
            rel[1].iter().map(|r| r.entry).collect::<Vec<_>>(),
            vec![2, 5]
        );
        assert!(rel[2].iter().filter(|r| ents[r.entry].group == 0).count() == 1);
    }

    #[test]
    fn frequent_features_are_not_walked() {
        let per: Vec<EntryConcepts> = (0..5).map(|_| ec(&[0], &[])).collect();
        let ents: Vec<EntryText> = (0..5).map(|g| et("x", "Same", g)).collect();
        let opts = AnalyzeOptions {
            max_postings: 4,
            ..AnalyzeOptions::default()
        };
        assert!(
            related_entries(&per, &ents, &opts)
                .iter()
                .all(Vec::is_empty)
        );
        let found = related_entries(&per, &ents, &AnalyzeOptions::default());
        assert!(found.iter().all(|r| r.len() == 4));
    }
}

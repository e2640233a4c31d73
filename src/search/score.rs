//! Term weights, computed once at build time so the browser only adds.
//!
//! Each (term, document) pair gets a BM25F *impact*: the fields' term
//! frequencies are length-normalised per field, weighted by the field's
//! boost and summed into one pseudo-frequency `tf̃`, which is saturated and
//! multiplied by the term's inverse document frequency:
//!
//! ```text
//! tf̃   = Σ_f  boost_f · tf_f / (1 − b_f + b_f · len_f / avglen_f)
//! idf  = ln(1 + (N − df + 0.5) / (df + 0.5))
//! w    = idf · tf̃ · (k1 + 1) / (k1 + tf̃)
//! ```
//!
//! (S. Robertson and H. Zaragoza, "The Probabilistic Relevance Framework:
//! BM25 and Beyond", Foundations and Trends in IR 3(4), 2009, §3.5 and
//! §3.6; the `idf` is the non-negative form Lucene uses.) Impacts are then
//! quantised to integers 1..=[`MAX_IMPACT`], as in impact-ordered indexes
//! (V. Anh and A. Moffat, "Impact transformations", SIGIR 2005), so a
//! posting is two small integers.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use crate::text::weights::{self, IdfKind};

use super::corpus::{FIELDS, SearchDoc};

/// Largest quantised impact.
pub const MAX_IMPACT: u32 = 1023;

/// BM25 saturation constant.
const K1: f64 = 1.2;

/// Per-field boost and length normalisation `b`, in the order of
/// [`SearchDoc::fields`]: title and other phrasings weigh most, then
/// concepts, then the answer, then the chapter title.
const FIELD_PARAMS: [(f64, f64); FIELDS] = [
    (3.0, 0.5),  // title
    (2.5, 0.5),  // other phrasings
    (1.5, 0.3),  // concepts
    (1.0, 0.75), // body
    (0.5, 0.3),  // chapter
];

/// The inverted index: sorted terms and, per term, its postings
/// `(document number, quantised impact)` in document order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Postings {
    /// Terms, sorted (byte order).
    pub terms: Vec<String>,
    /// Postings of `terms[i]`, by ascending document number.
    pub lists: Vec<Vec<(u32, u32)>>,
}

/// Documents per parallel task of [`postings`].
const DOCS_PER_TASK: usize = 1024;

/// Computes every term's postings over `docs`.
///
/// Consecutive runs of documents are indexed in parallel, each into its
/// own term table ([`Part`]). Each term's postings are then read from the
/// tables run after run, so every list is in document order, and every
/// sum is taken in the same order as one pass over the documents would
/// take it; the tables are never copied into one.
pub fn postings(docs: &[SearchDoc]) -> Postings {
    let n = docs.len() as f64;
    let mut avg = [0f64; FIELDS];
    for d in docs {
        for (f, terms) in d.fields.iter().enumerate() {
            avg[f] += terms.len() as f64 / n.max(1.0);
        }
    }
    let parts: Vec<Part> = (0..docs.len().div_ceil(DOCS_PER_TASK))
        .into_par_iter()
        .map(|c| {
            let run = c * DOCS_PER_TASK..docs.len().min((c + 1) * DOCS_PER_TASK);
            Part::index(docs, run, &avg)
        })
        .collect();
    let pieces = term_pieces(&parts);
    let postings_of = |pieces| postings_of(&parts, pieces);
    let idfs: Vec<f64> = pieces
        .par_iter()
        .map(|(_, ps)| idf(postings_of(ps).count(), n))
        .collect();
    let max = pieces
        .par_iter()
        .zip(&idfs)
        .map(|((_, ps), &idf)| {
            postings_of(ps)
                .map(|&(_, tf)| weight(idf, tf))
                .fold(0f64, f64::max)
        })
        .reduce(|| 0f64, f64::max);
    let boost: Vec<f64> = docs.iter().map(|d| d.kind.boost()).collect();
    let quantise = |w: f64| ((w / max * f64::from(MAX_IMPACT)).round() as u32).clamp(1, MAX_IMPACT);
    let (terms, lists) = pieces
        .par_iter()
        .zip(&idfs)
        .map(|((term, ps), &idf)| {
            let list = postings_of(ps)
                .map(|&(d, tf)| (d, quantise(weight(idf, tf) * boost[d as usize])))
                .collect();
            (term.to_string(), list)
        })
        .unzip();
    Postings { terms, lists }
}

/// Every term of `parts`, sorted, with the places of its postings: `(part,
/// term id in that part)`, in part order.
fn term_pieces<'a>(parts: &[Part<'a>]) -> Vec<(&'a str, Vec<(u32, u32)>)> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<(&str, Vec<(u32, u32)>)> = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        for (t, &term) in part.terms.iter().enumerate() {
            let id = *ids.entry(term).or_insert_with(|| {
                out.push((term, Vec::new()));
                out.len() - 1
            });
            out[id].1.push((p as u32, t as u32));
        }
    }
    out.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    out
}

/// A term's postings `(doc, tf̃)`, part after part, from the places
/// `pieces` of [`term_pieces`].
fn postings_of<'p>(
    parts: &'p [Part],
    pieces: &'p [(u32, u32)],
) -> impl Iterator<Item = &'p (u32, f64)> + 'p {
    pieces
        .iter()
        .flat_map(|&(p, t)| &parts[p as usize].lists[t as usize])
}

/// Inverse document frequency of a term in `df` of `n` documents (see the
/// module documentation).
fn idf(df: usize, n: f64) -> f64 {
    weights::idf(df, n, IdfKind::Bm25)
}

/// BM25 weight of a posting with pseudo-frequency `tf` of a term with
/// inverse document frequency `idf`.
fn weight(idf: f64, tf: f64) -> f64 {
    idf * tf * (K1 + 1.0) / (K1 + tf)
}

/// The postings `(doc, tf̃)` of one run of documents, by term (see the
/// module documentation for `tf̃`).
struct Part<'a> {
    /// The run's terms, in first-seen order.
    terms: Vec<&'a str>,
    /// Postings of `terms[i]` within the run, in document order.
    lists: Vec<Vec<(u32, f64)>>,
}

/// What [`Part::index`] knows of one term of its run.
#[derive(Clone, Copy)]
struct TermState {
    /// Occurrences in the field being read.
    count: u32,
    /// `tf̃` so far in the document being read.
    tf: f64,
    /// The last document the term was met in.
    seen: usize,
}

impl<'a> Part<'a> {
    /// Indexes `docs[run]`; `avg` is each field's average length in terms.
    ///
    /// Terms get dense ids within the run, so counting is array work; each
    /// term's field contributions are added in field order, starting from
    /// zero, as a sum over a map per document would add them.
    fn index(docs: &'a [SearchDoc], run: Range<usize>, avg: &[f64; FIELDS]) -> Part<'a> {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut part = Part {
            terms: Vec::new(),
            lists: Vec::new(),
        };
        let mut state: Vec<TermState> = Vec::new();
        // Ids met in the current field and in the current document.
        let (mut in_field, mut in_doc): (Vec<usize>, Vec<usize>) = Default::default();
        for i in run {
            for (f, terms) in docs[i].fields.iter().enumerate() {
                for t in terms.iter() {
                    let id = *ids.entry(t).or_insert_with(|| {
                        part.terms.push(t);
                        part.lists.push(Vec::new());
                        state.push(TermState {
                            count: 0,
                            tf: 0.0,
                            seen: usize::MAX,
                        });
                        state.len() - 1
                    });
                    if state[id].count == 0 {
                        in_field.push(id);
                    }
                    state[id].count += 1;
                }
                let (boost, b) = FIELD_PARAMS[f];
                let norm = 1.0 - b + b * terms.len() as f64 / avg[f].max(1e-9);
                for id in in_field.drain(..) {
                    let s = &mut state[id];
                    if s.seen != i {
                        s.seen = i;
                        in_doc.push(id);
                    }
                    s.tf += boost * f64::from(s.count) / norm;
                    s.count = 0;
                }
            }
            for id in in_doc.drain(..) {
                part.lists[id].push((i as u32, state[id].tf));
                state[id].tf = 0.0;
            }
        }
        part
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::Terms;
    use super::*;

    fn doc(title: &str, body: &str) -> SearchDoc {
        let terms = |s: &str| s.split_whitespace().collect();
        SearchDoc {
            kind: crate::search::corpus::DocKind::Entry,
            title: title.to_string(),
            phrasings: Vec::new(),
            chapter: 0,
            page: String::new(),
            fragment: String::new(),
            excerpt: String::new(),
            fields: [
                terms(title),
                Terms::default(),
                Terms::default(),
                terms(body),
                Terms::default(),
            ],
        }
    }

    fn impact(p: &Postings, term: &str, d: u32) -> u32 {
        let i = p.terms.iter().position(|t| t == term).unwrap();
        p.lists[i].iter().find(|x| x.0 == d).map_or(0, |x| x.1)
    }

    /// The postings as one sequential pass over ordered maps computes
    /// them.
    fn reference(docs: &[SearchDoc]) -> Postings {
        use std::collections::BTreeMap;
        let n = docs.len() as f64;
        let mut avg = [0f64; FIELDS];
        for d in docs {
            for (f, terms) in d.fields.iter().enumerate() {
                avg[f] += terms.len() as f64 / n.max(1.0);
            }
        }
        let mut raw: BTreeMap<&str, Vec<(u32, f64)>> = BTreeMap::new();
        for (i, d) in docs.iter().enumerate() {
            let mut tfs: BTreeMap<&str, f64> = BTreeMap::new();
            for (f, terms) in d.fields.iter().enumerate() {
                if terms.is_empty() {
                    continue;
                }
                let (boost, b) = FIELD_PARAMS[f];
                let norm = 1.0 - b + b * terms.len() as f64 / avg[f].max(1e-9);
                let mut tf: BTreeMap<&str, f64> = BTreeMap::new();
                for t in terms.iter() {
                    *tf.entry(t).or_default() += 1.0;
                }
                for (t, c) in tf {
                    *tfs.entry(t).or_default() += boost * c / norm;
                }
            }
            for (t, tf) in tfs {
                raw.entry(t).or_default().push((i as u32, tf));
            }
        }
        let weighted: Vec<(&str, Vec<(u32, f64)>)> = raw
            .into_iter()
            .map(|(t, l)| {
                let idf = idf(l.len(), n);
                (
                    t,
                    l.into_iter().map(|(d, tf)| (d, weight(idf, tf))).collect(),
                )
            })
            .collect();
        let max = weighted
            .iter()
            .flat_map(|(_, l)| l.iter().map(|p| p.1))
            .fold(0f64, f64::max);
        let quantise =
            |w: f64| ((w / max * f64::from(MAX_IMPACT)).round() as u32).clamp(1, MAX_IMPACT);
        let mut out = Postings::default();
        for (t, l) in weighted {
            out.terms.push(t.to_string());
            out.lists
                .push(l.into_iter().map(|(d, w)| (d, quantise(w))).collect());
        }
        out
    }

    #[test]
    fn parallel_runs_give_the_sequential_postings() {
        let words = [
            "gil", "lock", "thread", "pool", "async", "await", "io", "gc",
        ];
        let pick = |i: usize, k: usize| words[(i * 7 + k * 3 + i / 5) % words.len()];
        let docs: Vec<SearchDoc> = (0..2 * DOCS_PER_TASK + 37)
            .map(|i| {
                let title = format!("{} {}", pick(i, 0), pick(i, 1));
                let body: Vec<&str> = (0..i % 13).map(|k| pick(i, k)).collect();
                doc(&title, &body.join(" "))
            })
            .collect();
        assert_eq!(postings(&docs), reference(&docs));
    }

    #[test]
    fn title_outweighs_body_and_rare_outweighs_common() {
        let docs = [
            doc("gil lock", "thread"),
            doc("thread", "gil thread"),
            doc("thread pool", "thread"),
        ];
        let p = postings(&docs);
        assert_eq!(p.terms, ["gil", "lock", "pool", "thread"]);
        assert!(impact(&p, "gil", 0) > impact(&p, "gil", 1));
        assert!(impact(&p, "lock", 0) > impact(&p, "thread", 0));
        assert_eq!(
            p.lists[3].iter().map(|x| x.0).collect::<Vec<_>>(),
            [0, 1, 2]
        );
        assert!(
            p.lists
                .iter()
                .flatten()
                .all(|x| (1..=MAX_IMPACT).contains(&x.1))
        );
    }
}

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

use std::collections::BTreeMap;

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

/// Computes every term's postings over `docs`.
pub fn postings(docs: &[SearchDoc]) -> Postings {
    let n = docs.len() as f64;
    let mut avg = [0f64; FIELDS];
    for d in docs {
        for (f, terms) in d.fields.iter().enumerate() {
            avg[f] += terms.len() as f64 / n.max(1.0);
        }
    }
    // term → (doc, tf̃), docs visited in order so lists come out sorted.
    let mut raw: BTreeMap<&str, Vec<(u32, f64)>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        for (term, tf) in pseudo_frequencies(d, &avg) {
            raw.entry(term).or_default().push((i as u32, tf));
        }
    }
    let weighted: Vec<(&str, Vec<(u32, f64)>)> = raw
        .into_iter()
        .map(|(term, list)| {
            let df = list.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            let list = list
                .into_iter()
                .map(|(d, tf)| (d, idf * tf * (K1 + 1.0) / (K1 + tf)))
                .collect();
            (term, list)
        })
        .collect();
    let max = weighted
        .iter()
        .flat_map(|(_, l)| l.iter().map(|p| p.1))
        .fold(0f64, f64::max);
    let quantise = |w: f64| ((w / max * f64::from(MAX_IMPACT)).round() as u32).clamp(1, MAX_IMPACT);
    let mut out = Postings::default();
    for (term, list) in weighted {
        out.terms.push(term.to_string());
        out.lists
            .push(list.into_iter().map(|(d, w)| (d, quantise(w))).collect());
    }
    out
}

/// `tf̃` of each term of one document (see the module documentation).
fn pseudo_frequencies<'a>(d: &'a SearchDoc, avg: &[f64; FIELDS]) -> BTreeMap<&'a str, f64> {
    let mut out: BTreeMap<&str, f64> = BTreeMap::new();
    for (f, terms) in d.fields.iter().enumerate() {
        if terms.is_empty() {
            continue;
        }
        let (boost, b) = FIELD_PARAMS[f];
        let norm = 1.0 - b + b * terms.len() as f64 / avg[f].max(1e-9);
        let mut tf: BTreeMap<&str, f64> = BTreeMap::new();
        for t in terms {
            *tf.entry(t.as_str()).or_default() += 1.0;
        }
        for (t, c) in tf {
            *out.entry(t).or_default() += boost * c / norm;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, body: &str) -> SearchDoc {
        let terms = |s: &str| s.split_whitespace().map(str::to_string).collect();
        SearchDoc {
            title: title.to_string(),
            phrasings: Vec::new(),
            chapter: 0,
            page: String::new(),
            fragment: String::new(),
            excerpt: String::new(),
            fields: [terms(title), vec![], vec![], terms(body), vec![]],
        }
    }

    fn impact(p: &Postings, term: &str, d: u32) -> u32 {
        let i = p.terms.iter().position(|t| t == term).unwrap();
        p.lists[i].iter().find(|x| x.0 == d).map_or(0, |x| x.1)
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

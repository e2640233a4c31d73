//! Pair scores between clustering units.
//!
//! * Term weight = IDF × factor, with a smoothed BM25-style IDF
//!   `ln(1 + (N + K) / (df + 0.5))` (Robertson & Zaragoza, "The
//!   Probabilistic Relevance Framework: BM25 and Beyond", 2009) where `K`
//!   prior documents that contain no term keep weights sensible in tiny
//!   collections and vanish in large ones.
//! * Topic similarity = weighted Jaccard (Ružička) similarity
//!   `Σ min(wa, wb) / Σ max(wa, wb)` over topic terms (Ioffe, "Improved
//!   Consistent Sampling, Weighted Minhash and L1 Sketching", ICDM 2010).
//! * Answer evidence = IDF-weighted cosine of the answers' term sets,
//!   added with a small weight only when both sides have answers.

use crate::text::weights::{self, IdfKind};

use super::intent::Intent;

/// Prior documents in the IDF smoothing.
pub(crate) const IDF_PRIOR_DOCS: f64 = 100.0;
/// Weight of the answer cosine in the pair score.
pub(crate) const ANSWER_WEIGHT: f64 = 0.1;
/// Answer cosine at or above which two answers make the same points:
/// their questions merge when they also share their subject
/// ([`SHARED_SUBJECT`]), whatever their wording and frame. An author
/// who files one answer under two phrasings asks one question twice.
pub(crate) const AGREEING_ANSWERS: f64 = 0.75;
/// Topic similarity at or above which two questions share their subject
/// (see [`AGREEING_ANSWERS`]).
pub(crate) const SHARED_SUBJECT: f64 = 0.5;
/// Distinct terms each answer needs before its agreement counts: short
/// answers agree by chance.
pub(crate) const MIN_ANSWER_TERMS: usize = 8;

/// Smoothed IDF of a term seen in `df` of `n` documents.
pub(crate) fn idf(df: usize, n: usize) -> f64 {
    weights::idf(df, n as f64, IdfKind::Bm25Prior(IDF_PRIOR_DOCS))
}

/// Questions that normalise identically, clustered as one unit.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// Entry indices, ascending.
    pub members: Vec<usize>,
    /// Intent of the primary clause.
    pub intent: Intent,
    /// Direction of the primary clause: toward (`true`) or from, and the
    /// term id after the preposition (`Analysis::direction`).
    pub direction: Option<(bool, u32)>,
    /// Topic terms (id, weight), sorted by id.
    pub terms: Vec<(u32, f32)>,
    /// Sum of term weights.
    pub weight: f64,
    /// Answer terms of all members (ids), sorted; empty when unanswered.
    pub answer: Vec<u32>,
    /// Euclidean norm of the IDF-weighted answer term set.
    pub answer_norm: f64,
}

/// The score of one pair of units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PairScore {
    /// Weighted Jaccard similarity of the topic terms, in [0, 1].
    pub topic: f64,
    /// Answer cosine in [0, 1] (0 when either side is unanswered).
    pub answers: f64,
    /// `min(1, topic + ANSWER_WEIGHT × answers)`.
    pub score: f64,
    /// The two intents may be the same question.
    pub compatible: bool,
    /// The answers agree ([`AGREEING_ANSWERS`], both with at least
    /// [`MIN_ANSWER_TERMS`] terms) and the topics share their subject
    /// ([`SHARED_SUBJECT`]).
    pub agreeing: bool,
    /// The two questions relate the same terms in different directions
    /// ([`reversed`]): they never merge.
    pub reversed: bool,
}

impl PairScore {
    /// Whether the pair may be merged at `threshold`: compatible intents
    /// and a score at the threshold, or agreeing answers on a shared
    /// subject.
    pub(crate) fn merges(&self, threshold: f64) -> bool {
        !self.reversed && ((self.compatible && self.score >= threshold) || self.agreeing)
    }
}

/// Whether `a` and `b` ask about the same terms in different directions
/// ("convert a list to a string" / "convert a string to a list", "call
/// the parent's function from the child" / "… the child's function from
/// the parent"): both point the same way (toward or from) at different
/// terms, and both terms are topic terms of both questions, so the words
/// agree and only their relation differs.
pub(crate) fn reversed(a: &Unit, b: &Unit) -> bool {
    let (Some((w1, t1)), Some((w2, t2))) = (a.direction, b.direction) else {
        return false;
    };
    let has = |u: &Unit, t: u32| u.terms.binary_search_by_key(&t, |x| x.0).is_ok();
    w1 == w2 && t1 != t2 && [t1, t2].iter().all(|&t| has(a, t) && has(b, t))
}

/// Ružička similarity of two sorted weighted term lists.
pub(crate) fn ruzicka(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j) = (0, 0);
    let (mut min_sum, mut max_sum) = (0.0f64, 0.0f64);
    while i < a.len() || j < b.len() {
        let ka = a.get(i).map_or(u32::MAX, |t| t.0);
        let kb = b.get(j).map_or(u32::MAX, |t| t.0);
        if ka == kb {
            let (x, y) = (f64::from(a[i].1), f64::from(b[j].1));
            min_sum += x.min(y);
            max_sum += x.max(y);
            i += 1;
            j += 1;
        } else if ka < kb {
            max_sum += f64::from(a[i].1);
            i += 1;
        } else {
            max_sum += f64::from(b[j].1);
            j += 1;
        }
    }
    if max_sum == 0.0 {
        0.0
    } else {
        min_sum / max_sum
    }
}

/// IDF-weighted cosine of two sorted answer term sets.
fn answer_cosine(a: &Unit, b: &Unit, answer_idf: &[f64]) -> f64 {
    if a.answer.is_empty() || b.answer.is_empty() || a.answer_norm == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.answer.len() && j < b.answer.len() {
        match a.answer[i].cmp(&b.answer[j]) {
            std::cmp::Ordering::Equal => {
                let w = answer_idf[a.answer[i] as usize];
                dot += w * w;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    (dot / (a.answer_norm * b.answer_norm)).min(1.0)
}

/// Scores pairs of units.
pub(crate) struct Scorer<'a> {
    pub units: &'a [Unit],
    pub answer_idf: &'a [f64],
}

impl Scorer<'_> {
    /// The score of units `u` and `v`.
    pub(crate) fn score(&self, u: usize, v: usize) -> PairScore {
        let (a, b) = (&self.units[u], &self.units[v]);
        self.finish(a, b, ruzicka(&a.terms, &b.terms))
    }

    /// The score of units `u` and `v` when the pair is worth keeping at
    /// `threshold`: it merges ([`PairScore::merges`]) or its topic
    /// similarity reaches `floor` (a near miss); `None` otherwise.
    ///
    /// Equal to [`Scorer::score`] where it returns a score, but cheaper on
    /// the many candidate pairs that are neither: the topic similarity is
    /// computed first, and the answer cosine (answers have hundreds of
    /// terms) only when the pair could still merge. Since the cosine is at
    /// most 1, the score is at most `min(1, topic + ANSWER_WEIGHT)`.
    pub(crate) fn score_if_kept(
        &self,
        u: usize,
        v: usize,
        threshold: f64,
        floor: f64,
    ) -> Option<PairScore> {
        let (a, b) = (&self.units[u], &self.units[v]);
        let topic = ruzicka(&a.terms, &b.terms);
        let may_merge = (a.intent.compatible(b.intent)
            && (topic + ANSWER_WEIGHT).min(1.0) >= threshold)
            || topic >= SHARED_SUBJECT;
        if topic < floor && !may_merge {
            return None;
        }
        let s = self.finish(a, b, topic);
        (s.topic >= floor || s.merges(threshold)).then_some(s)
    }

    /// The pair score of `a` and `b` given their topic similarity.
    fn finish(&self, a: &Unit, b: &Unit, topic: f64) -> PairScore {
        let answers = answer_cosine(a, b, self.answer_idf);
        let long_enough = a.answer.len().min(b.answer.len()) >= MIN_ANSWER_TERMS;
        PairScore {
            topic,
            answers,
            score: (topic + ANSWER_WEIGHT * answers).min(1.0),
            compatible: a.intent.compatible(b.intent),
            agreeing: long_enough && answers >= AGREEING_ANSWERS && topic >= SHARED_SUBJECT,
            reversed: reversed(a, b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruzicka_is_weighted_jaccard() {
        assert_eq!(ruzicka(&[(1, 1.0)], &[(1, 1.0)]), 1.0);
        assert_eq!(ruzicka(&[(1, 1.0)], &[(2, 1.0)]), 0.0);
        let s = ruzicka(&[(1, 2.0), (2, 1.0)], &[(1, 1.0), (3, 1.0)]);
        assert!((s - 1.0 / 4.0).abs() < 1e-9);
        assert_eq!(ruzicka(&[], &[]), 0.0);
    }

    #[test]
    fn score_if_kept_is_score_on_the_kept_pairs() {
        let unit = |intent, terms: &[(u32, f32)], answer: &[u32]| Unit {
            members: vec![0],
            intent,
            direction: None,
            terms: terms.to_vec(),
            weight: terms.iter().map(|t| f64::from(t.1)).sum(),
            answer: answer.to_vec(),
            answer_norm: (answer.len() as f64).sqrt(),
        };
        let units = [
            unit(Intent::Define, &[(1, 2.0), (2, 1.0)], &[0, 1, 2]),
            unit(Intent::Define, &[(1, 2.0), (2, 0.7)], &[1, 2, 3]),
            unit(Intent::Explain, &[(1, 2.0), (3, 0.4)], &[]),
            unit(Intent::Compare, &[(1, 2.0), (2, 1.0)], &[0, 1, 2]),
            unit(Intent::Define, &[(1, 1.0), (4, 1.2)], &[2, 3]),
            unit(Intent::Define, &[(5, 1.0)], &[0, 1, 2]),
        ];
        let answer_idf = [1.0; 4];
        let scorer = Scorer {
            units: &units,
            answer_idf: &answer_idf,
        };
        for threshold in [0.3, 0.55, 0.8, 0.95, 1.0] {
            for u in 0..units.len() {
                for v in 0..units.len() {
                    let s = scorer.score(u, v);
                    let kept = s.topic >= 0.5 || s.merges(threshold);
                    let want = kept.then_some(s);
                    assert_eq!(scorer.score_if_kept(u, v, threshold, 0.5), want);
                }
            }
        }
    }

    #[test]
    fn idf_prefers_rare_terms_and_stays_positive() {
        assert!(idf(1, 1000) > idf(10, 1000));
        assert!(idf(1000, 1000) > 0.0);
        // Tiny collections: shared and unshared terms weigh about the same.
        assert!(idf(2, 2) / idf(1, 2) > 0.85);
    }
}

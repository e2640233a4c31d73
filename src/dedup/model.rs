//! The collection model (units, term statistics) and the assembly of the
//! public [`Clustering`](super::Clustering) from linked units.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use super::analyze::{Analysis, Analyzer, AnswerTerms, par_chunks};
use super::blocking::Blocking;
use super::intent::Intent;
use super::linkage::{Join, Linkage};
use super::score::{ANSWER_WEIGHT, PairScore, Scorer, Unit, idf};
use super::{
    Cluster, Clustering, MAX_NEAR_MISSES_PER_QUESTION, NEAR_MISS_FLOOR, Overrides, ScoredPair, rank,
};
use crate::extract::Entry;

/// Interns strings to dense ids in first-seen order (deterministic).
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(s.to_string(), id);
        self.names.push(s.to_string());
        id
    }
}

/// What identical questions share: the key of a unit.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Signature {
    Terms(Intent, Vec<(u32, u32)>, Option<(bool, u32)>),
    Text(String),
}

/// Units and term statistics of one collection.
pub(crate) struct Model {
    pub units: Vec<Unit>,
    /// Unit of each entry (`usize::MAX` for skipped entries).
    pub unit_of: Vec<usize>,
    /// Document frequency of each topic term id.
    pub df: Vec<u32>,
    /// Display name of each topic term id.
    pub term_names: Vec<String>,
    /// IDF of each answer term id.
    pub answer_idf: Vec<f64>,
}

/// Inputs of [`Model::build`].
pub(crate) struct ModelInput<'a> {
    pub entries: &'a [Entry],
    pub analyses: &'a [Analysis],
    pub skipped: &'a [bool],
    pub overrides: &'a Overrides,
    pub analyzer: &'a Analyzer,
}

impl Model {
    /// Interns terms, computes IDF and groups identical questions.
    pub(crate) fn build(input: &ModelInput<'_>) -> Model {
        let mut terms = Interner::default();
        let entry_terms: Vec<Vec<(u32, f32)>> = input
            .analyses
            .iter()
            .map(|a| a.terms.iter().map(|(t, f)| (terms.id(t), *f)).collect())
            .collect();
        let directions: Vec<Option<(bool, u32)>> = input
            .analyses
            .iter()
            .map(|a| {
                a.direction
                    .as_ref()
                    .map(|(toward, t)| (*toward, terms.id(t)))
            })
            .collect();
        let mut df = vec![0u32; terms.names.len()];
        for et in &entry_terms {
            for &(t, _) in et {
                df[t as usize] += 1;
            }
        }
        let docs = input.skipped.iter().filter(|s| !**s).count();
        let term_idf: Vec<f64> = df.iter().map(|&d| idf(d as usize, docs)).collect();
        let (answer_ids, answer_idf) = answer_model(input);
        let mut model = Model {
            units: Vec::new(),
            unit_of: vec![usize::MAX; input.entries.len()],
            df,
            term_names: Vec::new(),
            answer_idf,
        };
        model.group_units(input, &entry_terms, &directions, &term_idf, answer_ids);
        model.term_names = terms
            .names
            .into_iter()
            .map(|t| input.analyzer.concept_name(&t).map_or(t, |n| n.to_string()))
            .collect();
        model
    }

    /// Groups entries with the same signature into units.
    fn group_units(
        &mut self,
        input: &ModelInput<'_>,
        entry_terms: &[Vec<(u32, f32)>],
        directions: &[Option<(bool, u32)>],
        term_idf: &[f64],
        mut answer_ids: Vec<Vec<u32>>,
    ) {
        let mut by_sig: HashMap<Signature, usize> = HashMap::new();
        for (i, e) in input.entries.iter().enumerate() {
            if input.skipped[i] {
                continue;
            }
            let intent = input.analyses[i].intent.unwrap_or(Intent::Define);
            let sig = if entry_terms[i].is_empty() {
                Signature::Text(super::folded_text(&e.question))
            } else {
                let key = entry_terms[i]
                    .iter()
                    .map(|&(t, f)| (t, f.to_bits()))
                    .collect();
                Signature::Terms(intent, key, directions[i])
            };
            let own = input.overrides.split_entries.contains(&i);
            let existing = if own { None } else { by_sig.get(&sig).copied() };
            let u = existing.unwrap_or_else(|| {
                let weighted: Vec<(u32, f32)> = entry_terms[i]
                    .iter()
                    .map(|&(t, f)| (t, (term_idf[t as usize] * f64::from(f)) as f32))
                    .collect();
                self.units.push(Unit {
                    members: Vec::new(),
                    intent,
                    direction: directions[i],
                    weight: weighted.iter().map(|t| f64::from(t.1)).sum(),
                    terms: sorted(weighted),
                    answer: Vec::new(),
                    answer_norm: 0.0,
                });
                if !own {
                    by_sig.insert(sig, self.units.len() - 1);
                }
                self.units.len() - 1
            });
            self.units[u].members.push(i);
            self.unit_of[i] = u;
            let ids = std::mem::take(&mut answer_ids[i]);
            self.units[u].answer.extend(ids);
        }
        for unit in &mut self.units {
            unit.answer.sort_unstable();
            unit.answer.dedup();
            let sq: f64 = unit
                .answer
                .iter()
                .map(|&t| self.answer_idf[t as usize].powi(2))
                .sum();
            unit.answer_norm = sq.sqrt();
        }
    }
}

fn sorted(mut v: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
    v.sort_by_key(|t| t.0);
    v
}

/// Answer term ids per entry and the IDF of each answer term.
///
/// Ids are assigned in first-seen order over the entries in turn (each
/// entry's terms in sorted order). Answers are analysed in parallel, each
/// task interning its own terms; the tasks' first-seen orders, taken task
/// after task, are that same global order, so the ids do not depend on
/// the split.
fn answer_model(input: &ModelInput<'_>) -> (Vec<Vec<u32>>, Vec<f64>) {
    let answered_at = |i: usize| !input.skipped[i] && input.entries[i].answered();
    let chunks = par_chunks(input.entries.len(), |range| {
        let mut run = AnswerTerms::new(input.analyzer);
        let ids: Vec<Vec<u32>> = range
            .map(|i| {
                if answered_at(i) {
                    run.answer(&input.entries[i].answer)
                } else {
                    Vec::new()
                }
            })
            .collect();
        (run.names, ids)
    });
    let mut interner = Interner::default();
    let mut ids: Vec<Vec<u32>> = Vec::with_capacity(input.entries.len());
    for (names, local_ids) in chunks {
        let global: Vec<u32> = names.iter().map(|t| interner.id(t)).collect();
        ids.extend(
            local_ids
                .into_iter()
                .map(|v| v.into_iter().map(|t| global[t as usize]).collect()),
        );
    }
    let answered = (0..input.entries.len()).filter(|&i| answered_at(i)).count();
    let mut df = vec![0usize; interner.names.len()];
    for v in &ids {
        for &t in v {
            df[t as usize] += 1;
        }
    }
    let answer_idf = df.iter().map(|&d| idf(d, answered)).collect();
    (ids, answer_idf)
}

/// Candidate edges that may merge, and near-miss candidates (at most
/// [`MAX_NEAR_MISSES_PER_QUESTION`] per later unit).
pub(crate) type Scored = Vec<(usize, usize, PairScore)>;

/// Units per parallel task of [`score_candidates`].
const UNITS_PER_TASK: usize = 512;

/// Scores every candidate pair from blocking: the pairs that may merge
/// (edges) and, for each unit, its best near-miss candidates against
/// earlier units, both ordered by the later unit. Units are probed in
/// parallel and the results joined in unit order, so the output does not
/// depend on scheduling.
pub(crate) fn score_candidates(
    model: &Model,
    scorer: &Scorer<'_>,
    threshold: f64,
) -> (Scored, Scored) {
    let theta = (threshold - ANSWER_WEIGHT).clamp(0.01, NEAR_MISS_FLOOR);
    let blocking = Blocking::new(&model.units, &model.df, theta);
    let n = model.units.len();
    let parts: Vec<(Scored, Scored)> = (0..n.div_ceil(UNITS_PER_TASK))
        .into_par_iter()
        .map(|c| {
            let units = c * UNITS_PER_TASK..n.min((c + 1) * UNITS_PER_TASK);
            score_units(model, &blocking, scorer, threshold, units)
        })
        .collect();
    let mut edges = Vec::new();
    let mut near = Vec::new();
    for (e, m) in parts {
        edges.extend(e);
        near.extend(m);
    }
    (edges, near)
}

/// [`score_candidates`] for the later units `units`.
fn score_units(
    model: &Model,
    blocking: &Blocking,
    scorer: &Scorer<'_>,
    threshold: f64,
    units: Range<usize>,
) -> (Scored, Scored) {
    let mut stamp = vec![u32::MAX; model.units.len()];
    let mut edges = Vec::new();
    let mut near = Vec::new();
    let mut kept: Scored = Vec::new();
    for u in units {
        blocking.candidates_of(&model.units, u, &mut stamp, |v| {
            if let Some(s) = scorer.score_if_kept(v, u, threshold, NEAR_MISS_FLOOR) {
                if s.merges(threshold) {
                    edges.push((v, u, s));
                }
                kept.push((v, u, s));
            }
        });
        kept.sort_by(|a, b| b.2.score.total_cmp(&a.2.score).then(a.0.cmp(&b.0)));
        near.extend(kept.drain(..).take(MAX_NEAR_MISSES_PER_QUESTION));
    }
    (edges, near)
}

/// Builds the public result.
pub(crate) struct Assembly<'a> {
    pub entries: &'a [Entry],
    pub analyses: &'a [Analysis],
    pub model: &'a Model,
    pub threshold: f64,
}

impl Assembly<'_> {
    /// Turns linked units into clusters of entries with evidence.
    pub(crate) fn finish(
        &self,
        linked: &Linkage,
        near: Scored,
        skipped: &[bool],
        split: &HashSet<(usize, usize)>,
        exercises: &HashSet<(usize, usize)>,
    ) -> Clustering {
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut singles: Vec<Vec<usize>> = Vec::new();
        for (i, &s) in skipped.iter().enumerate() {
            if s {
                singles.push(vec![i]);
            } else {
                let root = linked.root[self.model.unit_of[i]];
                groups.entry(root).or_default().push(i);
            }
        }
        let mut evidence: HashMap<usize, Vec<ScoredPair>> = HashMap::new();
        for j in &linked.joins {
            let root = linked.root[j.u];
            evidence.entry(root).or_default().push(self.join_pair(j));
        }
        for (u, unit) in self.model.units.iter().enumerate() {
            let root = linked.root[u];
            let reason = self.identical_reason(unit);
            for &m in unit.members.iter().skip(1) {
                evidence.entry(root).or_default().push(ScoredPair {
                    a: unit.members[0],
                    b: m,
                    score: 1.0,
                    reason: reason.clone(),
                });
            }
        }
        let mut clusters: Vec<Cluster> = Vec::with_capacity(groups.len() + singles.len());
        for (root, members) in groups {
            let mut ev = evidence.remove(&root).unwrap_or_default();
            ev.sort_by_key(|p| (p.a, p.b));
            clusters.push(self.cluster(members, ev));
        }
        clusters.extend(singles.into_iter().map(|m| self.cluster(m, Vec::new())));
        clusters.sort_by_key(|c| c.members[0]);
        Clustering {
            clusters,
            near_misses: self.near_misses(linked, near, split, exercises),
            skipped: (0..skipped.len()).filter(|&i| skipped[i]).collect(),
        }
    }

    fn cluster(&self, mut members: Vec<usize>, evidence: Vec<ScoredPair>) -> Cluster {
        members.sort_unstable();
        let canonical = rank::canonical(self.entries, self.analyses, &members);
        Cluster {
            members,
            canonical,
            evidence,
        }
    }

    fn join_pair(&self, j: &Join) -> ScoredPair {
        let (a, b) = self.reps(j.u, j.v);
        let detail = self.detail(j.u, j.v, &j.score);
        let reason = if j.forced {
            format!("forced merge (override); {detail}")
        } else {
            detail
        };
        ScoredPair {
            a,
            b,
            score: j.score.score,
            reason,
        }
    }

    /// "identical after normalisation (define: closur)".
    fn identical_reason(&self, unit: &Unit) -> String {
        let names: Vec<&str> = unit
            .terms
            .iter()
            .take(6)
            .map(|&(t, _)| self.model.term_names[t as usize].as_str())
            .collect();
        format!(
            "identical after normalisation ({}: {})",
            unit.intent.name(),
            names.join(", ")
        )
    }

    /// First members of two units, as an ordered entry pair.
    fn reps(&self, u: usize, v: usize) -> (usize, usize) {
        let (x, y) = (
            self.model.units[u].members[0],
            self.model.units[v].members[0],
        );
        (x.min(y), x.max(y))
    }

    /// "define~handle; topic 0.83 on [file, buffer]; answers 0.12".
    fn detail(&self, u: usize, v: usize, s: &PairScore) -> String {
        let (a, b) = (&self.model.units[u], &self.model.units[v]);
        let mut shared: Vec<(f32, &str)> = a
            .terms
            .iter()
            .filter_map(|&(t, w)| {
                b.terms
                    .binary_search_by_key(&t, |x| x.0)
                    .ok()
                    .map(|_| (w, self.model.term_names[t as usize].as_str()))
            })
            .collect();
        shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
        let names: Vec<&str> = shared.iter().take(5).map(|x| x.1).collect();
        let mut out = format!(
            "{}~{}; topic {:.2} on [{}]",
            a.intent.name(),
            b.intent.name(),
            s.topic,
            names.join(", ")
        );
        if s.answers > 0.0 {
            out.push_str(&format!("; answers {:.2}", s.answers));
        }
        if s.agreeing {
            out.push_str(" (answers agree)");
        }
        out
    }

    fn near_misses(
        &self,
        linked: &Linkage,
        near: Scored,
        split: &HashSet<(usize, usize)>,
        exercises: &HashSet<(usize, usize)>,
    ) -> Vec<ScoredPair> {
        // Described in parallel; rayon keeps the order, and the sort is
        // stable, so the pair kept for each `(a, b)` is the first one.
        let mut out: Vec<ScoredPair> = near
            .into_par_iter()
            .filter(|(u, v, _)| linked.root[*u] != linked.root[*v])
            .map(|(u, v, s)| {
                let why = if s.reversed {
                    let (a, b) = (&self.model.units[u], &self.model.units[v]);
                    let arrow = |d: Option<(bool, u32)>| {
                        d.map_or_else(String::new, |(toward, t)| {
                            let name = self.model.term_names[t as usize].as_str();
                            format!("{} {name}", if toward { "to" } else { "from" })
                        })
                    };
                    format!(
                        "different directions ({} vs {})",
                        arrow(a.direction),
                        arrow(b.direction)
                    )
                } else if !s.compatible {
                    let (a, b) = (&self.model.units[u], &self.model.units[v]);
                    format!(
                        "different asks ({} vs {})",
                        a.intent.name(),
                        b.intent.name()
                    )
                } else if s.score < self.threshold {
                    format!("below threshold {:.2}", self.threshold)
                } else if exercises.contains(&(u.min(v), u.max(v))) {
                    "different exercises (the same question over other code)".to_string()
                } else if split.contains(&(u.min(v), u.max(v))) {
                    "split override".to_string()
                } else {
                    "complete linkage: another member differs".to_string()
                };
                let (a, b) = self.reps(u, v);
                ScoredPair {
                    a,
                    b,
                    score: s.score,
                    reason: format!("{why}; {}", self.detail(u, v, &s)),
                }
            })
            .collect();
        out.par_sort_by_key(|p| (p.a, p.b));
        out.dedup_by_key(|p| (p.a, p.b));
        out
    }
}

//! From mentions to a concept index: what each entry is about, backlinks,
//! relations between concepts and related questions.
//!
//! This module only collects mentions per entry and assembles the result;
//! the two scoring steps live in [`super::cooccurrence`] (concept ↔
//! concept) and [`crate::handbook::related::by_concepts`] (entry ↔ entry). Both walk inverted
//! lists (concept → entries) with caps on very frequent concepts instead of
//! comparing all pairs of entries, so the work grows about linearly with
//! the number of entries.
//!
//! Entries of one dedup group are the same question asked by several
//! sources, so the group, not the entry, is the unit of evidence: a pair of
//! concepts mentioned by five copies of one question is one co-occurrence.
//!
//! Everything is ordered explicitly (indices, then scores with index
//! tie-breaks), so the same input gives the same index.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::catalog::Catalog;
use super::cooccurrence;
use super::linker::Linker;
use crate::handbook::related::by_concepts as related;

/// The text of one handbook entry, as the analysis needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryText<'a> {
    /// The entry's stable id (used to break ties deterministically).
    pub id: &'a str,
    /// The question (markdown inline text; code spans allowed).
    pub title: &'a str,
    /// The other phrasings of the question (dedup's variants), as
    /// markdown inline text: the concepts they name join the title's in
    /// [`EntryConcepts::about`], after them.
    pub variants: Vec<&'a str>,
    /// The answers, as markdown.
    pub answers: Vec<&'a str>,
    /// Entries with the same group are duplicates of each other.
    pub group: usize,
    /// Where each phrasing of the question is asked: its source and
    /// 1-based line. Questions asked one right after the other in a source
    /// relate the concepts they are about ([`Beside`]).
    pub places: Vec<(&'a str, usize)>,
}

/// Tuning of [`analyze_with`]; [`Default`] gives the values documented on
/// each field.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalyzeOptions {
    /// Co-occurrence: the fewest groups two concepts must share (2).
    pub min_cooccurrence: usize,
    /// Co-occurrence: the fewest groups two concepts must share when one
    /// of them holds a question about one concept whose answer names the
    /// other (1).
    pub min_cooccurrence_asked: usize,
    /// Co-occurrence: the lowest normalised PMI kept, in -1..=1 (0.3).
    pub min_npmi: f64,
    /// Co-occurrence: the lowest normalised PMI of two concepts that share
    /// fewer than [`Self::min_cooccurrence`] groups and are not asked
    /// about together, in -1..=1 (0.6). With one shared group among `N`
    /// that is `a·b ≤ N^0.4` for concepts in `a` and `b` groups: two rare
    /// concepts meeting in one answer, which chance (about `a·b/N`) seldom
    /// gives, where two common ones meeting once is an anecdote.
    pub min_npmi_single: f64,
    /// Side by side: the lowest normalised PMI, over the pairs of
    /// questions asked one after the other, of two concepts one of each
    /// pair is about, in -1..=1 (0.6).
    pub min_npmi_beside: f64,
    /// Co-occurrence: only the rarest this many concepts of a group are
    /// paired, bounding the pairs per group (24).
    pub max_concepts_per_group: usize,
    /// Concepts or title words found in more than this many entries are
    /// too common to find related entries through (200); they still count
    /// in the similarity of entries found otherwise.
    pub max_postings: usize,
    /// Related questions per entry (5).
    pub related_entries: usize,
    /// Lowest similarity (cosine, 0..=1) for a related question (0.1).
    pub min_related_score: f64,
    /// Weight of a shared title word relative to a shared concept the
    /// entries are both about (0.5).
    pub title_word_weight: f64,
    /// Weight of a concept an entry only mentions, relative to one it is
    /// about (0.5).
    pub mention_weight: f64,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            min_cooccurrence: 2,
            min_cooccurrence_asked: 1,
            min_npmi: 0.3,
            min_npmi_single: 0.6,
            min_npmi_beside: 0.6,
            max_concepts_per_group: 24,
            max_postings: 200,
            related_entries: 5,
            min_related_score: 0.1,
            title_word_weight: 0.5,
            mention_weight: 0.5,
        }
    }
}

/// The concepts of one entry and its related questions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EntryConcepts {
    /// Concepts named in the title, in title order, then those only the
    /// other phrasings ([`EntryText::variants`]) name, in their order.
    pub about: Vec<usize>,
    /// Concepts named in the answers and not in `about`, most mentioned
    /// first (ties: first mentioned first).
    pub mentions: Vec<usize>,
    /// Other entries worth reading next, best first (at most
    /// [`AnalyzeOptions::related_entries`], one per group, never the
    /// entry's own group).
    pub related: Vec<RelatedEntry>,
}

/// A related question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedEntry {
    /// Index of the entry in the analysed slice.
    pub entry: usize,
    /// Similarity, 0..=1 (cosine of the weighted concept and title-word
    /// vectors).
    pub score: f64,
    /// Concepts both entries involve, by catalog index.
    pub shared: Vec<usize>,
}

/// Where one concept is used, and its neighbours.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ConceptUse {
    /// Entries about the concept (title), in input order.
    pub about: Vec<usize>,
    /// Entries mentioning it in an answer but not about it (backlinks),
    /// most mentions first, then input order.
    pub mentioned_in: Vec<usize>,
    /// Related concepts, strongest relation first (see [`Relation::weight`]).
    pub related: Vec<usize>,
}

/// Co-occurrence evidence for a relation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoOccurrence {
    /// Number of groups (distinct questions) involving both concepts.
    pub count: usize,
    /// Normalised pointwise mutual information over groups, -1..=1.
    pub npmi: f64,
    /// The entries involving both concepts, in input order.
    pub entries: Vec<usize>,
}

/// Evidence that two concepts are asked about side by side: pairs of
/// questions asked one right after the other in a source, one about each
/// concept. Notes keep a topic's questions together, and a list of
/// questions without answers has no other evidence of how its concepts
/// relate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Beside {
    /// Number of such pairs of questions.
    pub count: usize,
    /// Normalised pointwise mutual information over all pairs of
    /// neighbouring questions, -1..=1.
    pub npmi: f64,
    /// The pairs, as entry indices in reading order (the question asked
    /// first, then the next), in source and line order.
    pub pairs: Vec<(usize, usize)>,
}

/// An undirected relation between two concepts, with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relation {
    /// The concept with the lower catalog index.
    pub a: usize,
    /// The concept with the higher catalog index.
    pub b: usize,
    /// The catalog lists the relation (`related`).
    pub explicit: bool,
    /// The concepts co-occur above the thresholds.
    pub cooccurrence: Option<CoOccurrence>,
    /// A sentence of the notes that defines one with the other
    /// ([`super::definitions`]).
    pub definition: Option<String>,
    /// The concepts are asked about side by side above the threshold.
    pub beside: Option<Beside>,
}

impl Relation {
    /// Strength used for ordering: 1 for an explicit relation, plus 0.5
    /// for a definition, plus the co-occurrence NPMI when positive, plus
    /// half the side-by-side NPMI when positive.
    pub fn weight(&self) -> f64 {
        let co = self.cooccurrence.as_ref().map_or(0.0, |c| c.npmi.max(0.0));
        let beside = self.beside.as_ref().map_or(0.0, |b| b.npmi.max(0.0));
        let defined = if self.definition.is_some() { 0.5 } else { 0.0 };
        f64::from(u8::from(self.explicit)) + defined + co + 0.5 * beside
    }

    /// The other end of the relation, if `concept` is one end.
    pub fn other(&self, concept: usize) -> Option<usize> {
        match concept {
            c if c == self.a => Some(self.b),
            c if c == self.b => Some(self.a),
            _ => None,
        }
    }
}

/// Everything the handbook needs to cross-link concepts and entries.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ConceptIndex {
    /// Per analysed entry, in input order.
    pub entries: Vec<EntryConcepts>,
    /// Per catalog concept, in catalog order.
    pub concepts: Vec<ConceptUse>,
    /// Relations, sorted by `(a, b)`.
    pub relations: Vec<Relation>,
}

impl ConceptIndex {
    /// The relation between concepts `x` and `y`, in either order.
    pub fn relation(&self, x: usize, y: usize) -> Option<&Relation> {
        let key = (x.min(y), x.max(y));
        self.relations
            .binary_search_by(|r| (r.a, r.b).cmp(&key))
            .ok()
            .map(|i| &self.relations[i])
    }
}

/// Analyses `entries` with [`AnalyzeOptions::default`]; see [`analyze_with`].
pub fn analyze(catalog: &Catalog, linker: &Linker, entries: &[EntryText]) -> ConceptIndex {
    analyze_with(catalog, linker, entries, &AnalyzeOptions::default())
}

/// What each entry of `entries` is about and mentions, with its answers'
/// mention counts, by the concepts of the linker's catalog (`n_concepts`
/// of them): the per-entry part of [`analyze_with`], which
/// [`analyze_prepared`] completes. `linker` must be built from that
/// catalog. Entries are read in parallel; the result is in entry order.
pub fn prepare(linker: &Linker, entries: &[EntryText], n_concepts: usize) -> Prepared {
    let (per_entry, counts) = entries
        .par_iter()
        .map(|e| entry_concepts(linker, e, n_concepts))
        .unzip();
    Prepared { per_entry, counts }
}

/// The per-entry concepts of [`prepare`], before relations and related
/// questions.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    per_entry: Vec<EntryConcepts>,
    counts: Vec<MentionCounts>,
}

impl Prepared {
    /// Which of the `n_concepts` concepts some entry is about or mentions.
    pub fn used(&self, n_concepts: usize) -> Vec<bool> {
        let mut used = vec![false; n_concepts];
        for ec in &self.per_entry {
            for &c in ec.about.iter().chain(&ec.mentions) {
                used[c] = true;
            }
        }
        used
    }

    /// The same entries after the catalog lost the concepts that `kept`
    /// maps to `None`: every other concept `c` becomes `kept[c]`.
    ///
    /// Valid only when no entry used a dropped concept ([`Self::used`]):
    /// the linker picks mentions leftmost-longest and never reconsiders a
    /// candidate it skipped, so removing concepts it never picked leaves
    /// every other pick as it was. Returns `None` if an entry used one.
    pub fn without(self, kept: &[Option<usize>]) -> Option<Prepared> {
        let map = |c: usize| kept.get(c).copied().flatten();
        let mut per_entry = self.per_entry;
        for ec in &mut per_entry {
            for c in ec.about.iter_mut().chain(ec.mentions.iter_mut()) {
                *c = map(*c)?;
            }
        }
        let counts = self
            .counts
            .into_iter()
            .map(|m| m.into_iter().map(|(c, n)| Some((map(c)?, n))).collect())
            .collect::<Option<Vec<MentionCounts>>>()?;
        Some(Prepared { per_entry, counts })
    }
}

/// Builds the [`ConceptIndex`] of `entries`.
///
/// `linker` must be built from `catalog`. Titles are searched as plain text
/// ([`Linker::find`]), answers as markdown ([`Linker::markdown_mentions`]).
/// Relations are the catalog's explicit ones, the pairs a definition
/// sentence states ([`super::definitions`]) and co-occurrences
/// ([`super::cooccurrence`]); related questions come from
/// [`crate::handbook::related::by_concepts`]. Never fails; runs in about linear time in the total
/// text size and number of entries.
pub fn analyze_with(
    catalog: &Catalog,
    linker: &Linker,
    entries: &[EntryText],
    opts: &AnalyzeOptions,
) -> ConceptIndex {
    let prepared = prepare(linker, entries, catalog.concepts.len());
    analyze_prepared(catalog, linker, entries, opts, prepared)
}

/// [`analyze_with`] from the per-entry concepts [`prepare`] found for
/// these `entries` with this `linker` (or with a larger catalog's, through
/// [`Prepared::without`]).
pub fn analyze_prepared(
    catalog: &Catalog,
    linker: &Linker,
    entries: &[EntryText],
    opts: &AnalyzeOptions,
    prepared: Prepared,
) -> ConceptIndex {
    let n_concepts = catalog.concepts.len();
    let Prepared {
        mut per_entry,
        counts,
    } = prepared;
    let mut concepts = backlinks(&per_entry, &counts, n_concepts);
    let defined = super::definitions::relations(
        catalog,
        linker,
        entries.iter().flat_map(|e| e.answers.iter().copied()),
    );
    let relations = cooccurrence::relations(catalog, &per_entry, entries, opts, defined);
    for (c, use_) in concepts.iter_mut().enumerate() {
        let mut rel: Vec<(&Relation, usize)> = relations
            .iter()
            .filter_map(|r| r.other(c).map(|o| (r, o)))
            .collect();
        rel.sort_by(|x, y| y.0.weight().total_cmp(&x.0.weight()).then(x.1.cmp(&y.1)));
        use_.related = rel.into_iter().map(|(_, o)| o).collect();
    }
    let related = related::related_entries(&per_entry, entries, opts);
    for (e, r) in per_entry.iter_mut().zip(related) {
        e.related = r;
    }
    ConceptIndex {
        entries: per_entry,
        concepts,
        relations,
    }
}

/// Concept → number of mentions in an entry's answers.
type MentionCounts = BTreeMap<usize, usize>;

/// Where a concept is first mentioned: (answer index, byte offset).
type FirstSeen = (usize, usize);

/// `about` and `mentions` of one entry, and its answers' mention counts.
fn entry_concepts(
    linker: &Linker,
    entry: &EntryText,
    n_concepts: usize,
) -> (EntryConcepts, MentionCounts) {
    let mut about: Vec<usize> = Vec::new();
    for question in std::iter::once(entry.title).chain(entry.variants.iter().copied()) {
        for m in linker.find(question) {
            if m.concept < n_concepts && !about.contains(&m.concept) {
                about.push(m.concept);
            }
        }
    }
    // concept → (count, first position as (answer, byte offset)).
    let mut seen: BTreeMap<usize, (usize, FirstSeen)> = BTreeMap::new();
    for (ai, answer) in entry.answers.iter().enumerate() {
        for m in linker.markdown_mentions(answer) {
            if m.concept >= n_concepts || about.contains(&m.concept) {
                continue;
            }
            let slot = seen.entry(m.concept).or_insert((0, (ai, m.range.start)));
            slot.0 += 1;
        }
    }
    let counts: MentionCounts = seen.iter().map(|(&c, &(n, _))| (c, n)).collect();
    // Most mentioned first, then first mentioned, then catalog order.
    let mut mentions: Vec<(usize, usize, FirstSeen)> = seen
        .into_iter()
        .map(|(c, (n, first))| (c, n, first))
        .collect();
    mentions.sort_by(|x, y| y.1.cmp(&x.1).then(x.2.cmp(&y.2)).then(x.0.cmp(&y.0)));
    let concepts = EntryConcepts {
        about,
        mentions: mentions.into_iter().map(|(c, _, _)| c).collect(),
        related: Vec::new(),
    };
    (concepts, counts)
}

/// Per concept: entries about it and entries mentioning it.
fn backlinks(
    per_entry: &[EntryConcepts],
    counts: &[MentionCounts],
    n_concepts: usize,
) -> Vec<ConceptUse> {
    let mut concepts = vec![ConceptUse::default(); n_concepts];
    // concept → (entry, mention count) for ordering backlinks.
    let mut mentioned: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_concepts];
    for (i, (e, counts)) in per_entry.iter().zip(counts).enumerate() {
        for &c in &e.about {
            concepts[c].about.push(i);
        }
        for &c in &e.mentions {
            mentioned[c].push((i, counts.get(&c).copied().unwrap_or(0)));
        }
    }
    for (use_, mut list) in concepts.iter_mut().zip(mentioned) {
        list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        use_.mentioned_in = list.into_iter().map(|(i, _)| i).collect();
    }
    concepts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(about: &[usize], mentions: &[usize]) -> EntryConcepts {
        EntryConcepts {
            about: about.to_vec(),
            mentions: mentions.to_vec(),
            related: Vec::new(),
        }
    }

    #[test]
    fn prepared_entries_follow_the_smaller_catalog_unless_they_used_a_dropped_concept() {
        let prepared = Prepared {
            per_entry: vec![entry(&[0], &[3]), entry(&[], &[0, 3])],
            counts: vec![[(3, 2)].into(), [(0, 1), (3, 1)].into()],
        };
        assert_eq!(prepared.used(4), [true, false, false, true]);
        // Concepts 1 and 2 are dropped: 3 becomes 1.
        let kept = [Some(0), None, None, Some(1)];
        let smaller = prepared.clone().without(&kept).unwrap();
        assert_eq!(smaller.per_entry[0].about, [0]);
        assert_eq!(smaller.per_entry[0].mentions, [1]);
        assert_eq!(smaller.per_entry[1].mentions, [0, 1]);
        assert_eq!(smaller.counts[1], [(0, 1), (1, 1)].into());
        // Dropping a concept an entry used cannot be mapped.
        assert!(prepared.without(&[Some(0), None, None, None]).is_none());
    }
}

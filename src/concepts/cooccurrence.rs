//! Relations between concepts: the catalog's explicit ones, the pairs a
//! definition states ([`super::definitions`]), plus pairs the notes
//! discuss together or ask about side by side.
//!
//! Raw co-occurrence counts favour common concepts: something mentioned in
//! half the handbook co-occurs with everything. Each pair is therefore
//! scored with **normalised pointwise mutual information** (Bouma, 2009,
//! "Normalized (Pointwise) Mutual Information in Collocation Extraction"):
//!
//! ```text
//! p(x) = groups involving x / N        (N = number of groups)
//! npmi(x, y) = ln(p(x, y) / (p(x) p(y))) / −ln p(x, y)      ∈ [−1, 1]
//! ```
//!
//! 1 means the two always appear together, 0 independence. A pair is kept
//! when it shares at least [`AnalyzeOptions::min_cooccurrence`] groups
//! (two answers naming both in passing may be an anecdote) and its NPMI
//! reaches [`AnalyzeOptions::min_npmi`]. A question that asks about one
//! concept and whose answer names the other is more than an anecdote: there
//! [`AnalyzeOptions::min_cooccurrence_asked`] shared groups are enough
//! (one: "How do decorators work?" answered with closures). So are fewer
//! shared groups between two rare concepts, whose NPMI reaches
//! [`AnalyzeOptions::min_npmi_single`]: one answer naming two concepts
//! that each appear in a few of `N` questions (`a` and `b`) is unlikely by
//! chance (about `a·b/N`), where two common ones meeting once is not.
//!
//! The unit is a dedup group (duplicates of one question count once). A
//! group "involves" the concepts its entries are about or mention. Pairs are
//! enumerated per group, over at most
//! [`AnalyzeOptions::max_concepts_per_group`] of its rarest concepts, so the
//! work is linear in the number of groups, never quadratic in entries.
//!
//! Notes keep a topic's questions together, so questions asked one right
//! after the other relate what they are about (`besides`, the evidence
//! [`super::analysis::Beside`]): the same NPMI, with pairs of neighbouring
//! questions as the unit, kept from
//! [`AnalyzeOptions::min_npmi_beside`]. In a list of questions without
//! answers that is the only evidence there is.

use std::collections::{BTreeMap, BTreeSet};

use super::analysis::{AnalyzeOptions, Beside, CoOccurrence, EntryConcepts, EntryText, Relation};
use super::catalog::Catalog;

/// All relations (explicit, `defined` by a sentence, co-occurring, asked
/// about side by side), sorted by `(a, b)`.
pub(crate) fn relations(
    catalog: &Catalog,
    per_entry: &[EntryConcepts],
    entries: &[EntryText],
    opts: &AnalyzeOptions,
    defined: BTreeMap<(usize, usize), String>,
) -> Vec<Relation> {
    let mut out: BTreeMap<(usize, usize), Relation> = BTreeMap::new();
    // The relation of `a` and `b`, made without reasons on first use.
    fn of(out: &mut BTreeMap<(usize, usize), Relation>, a: usize, b: usize) -> &mut Relation {
        out.entry((a, b)).or_insert(Relation {
            a,
            b,
            explicit: false,
            cooccurrence: None,
            definition: None,
            beside: None,
        })
    }
    for (a, b) in catalog.explicit_pairs() {
        of(&mut out, a, b).explicit = true;
    }
    for ((a, b), sentence) in defined {
        of(&mut out, a, b).definition = Some(sentence);
    }
    for ((a, b), co) in cooccurrences(per_entry, entries, catalog.concepts.len(), opts) {
        of(&mut out, a, b).cooccurrence = Some(co);
    }
    for ((a, b), beside) in besides(per_entry, entries, catalog.concepts.len(), opts) {
        of(&mut out, a, b).beside = Some(beside);
    }
    out.into_values().collect()
}

/// Pairs of concepts asked about side by side, by `(a, b)` with `a < b`:
/// over the pairs of questions asked one right after the other in a
/// source (of different groups; [`EntryText::places`]), a pair of concepts
/// counts where one question is about one and the next about the other,
/// and is kept when its NPMI over those pairs of questions reaches
/// [`AnalyzeOptions::min_npmi_beside`]. Linear in the questions, as each
/// question is about a few concepts.
fn besides(
    per_entry: &[EntryConcepts],
    entries: &[EntryText],
    n_concepts: usize,
    opts: &AnalyzeOptions,
) -> BTreeMap<(usize, usize), Beside> {
    // Every phrasing's place with its entry, in source and line order.
    let mut places: Vec<(&str, usize, usize)> = entries
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.places.iter().map(move |&(s, l)| (s, l, i)))
        .collect();
    places.sort_unstable();
    let units: Vec<(usize, usize)> = places
        .windows(2)
        .filter(|w| w[0].0 == w[1].0 && entries[w[0].2].group != entries[w[1].2].group)
        .map(|w| (w[0].2, w[1].2))
        .collect();
    let mut df = vec![0usize; n_concepts];
    // (a, b) → the units (by position in `units`) that pair them.
    let mut pairs: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (u, &(x, y)) in units.iter().enumerate() {
        let (ax, ay) = (&per_entry[x].about, &per_entry[y].about);
        let mut all: Vec<usize> = ax.iter().chain(ay).copied().collect();
        all.sort_unstable();
        all.dedup();
        for &c in &all {
            df[c] += 1;
        }
        let mut here: Vec<(usize, usize)> = ax
            .iter()
            .flat_map(|&a| {
                ay.iter()
                    .filter(move |&&b| b != a)
                    .map(move |&b| (a.min(b), a.max(b)))
            })
            .collect();
        here.sort_unstable();
        here.dedup();
        for p in here {
            pairs.entry(p).or_default().push(u);
        }
    }
    let m = units.len() as f64;
    pairs
        .into_iter()
        .filter_map(|((a, b), us)| {
            let score = npmi(us.len() as f64 / m, df[a] as f64 / m, df[b] as f64 / m);
            (score >= opts.min_npmi_beside).then(|| {
                let beside = Beside {
                    count: us.len(),
                    npmi: score,
                    pairs: us.iter().map(|&u| units[u]).collect(),
                };
                ((a, b), beside)
            })
        })
        .collect()
}

/// The concepts an entry involves.
fn involved(e: &EntryConcepts) -> impl Iterator<Item = usize> + '_ {
    e.about.iter().chain(&e.mentions).copied()
}

/// Co-occurring pairs above the thresholds, by `(a, b)` with `a < b`.
fn cooccurrences(
    per_entry: &[EntryConcepts],
    entries: &[EntryText],
    n_concepts: usize,
    opts: &AnalyzeOptions,
) -> BTreeMap<(usize, usize), CoOccurrence> {
    // group id → its entries, in input order.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        groups.entry(e.group).or_default().push(i);
    }
    let group_concepts: Vec<BTreeSet<usize>> = groups
        .values()
        .map(|members| {
            members
                .iter()
                .flat_map(|&i| involved(&per_entry[i]))
                .collect()
        })
        .collect();
    let mut df = vec![0usize; n_concepts];
    for set in &group_concepts {
        for &c in set {
            df[c] += 1;
        }
    }
    // (a, b) → groups (by position in `groups`) involving both.
    let mut pairs: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (g, set) in group_concepts.iter().enumerate() {
        let mut cs: Vec<usize> = set.iter().copied().collect();
        cs.sort_by_key(|&c| (df[c], c));
        cs.truncate(opts.max_concepts_per_group);
        cs.sort_unstable();
        for (i, &a) in cs.iter().enumerate() {
            for &b in &cs[i + 1..] {
                pairs.entry((a, b)).or_default().push(g);
            }
        }
    }
    let n = group_concepts.len() as f64;
    let members: Vec<&Vec<usize>> = groups.values().collect();
    let mut out = BTreeMap::new();
    for ((a, b), gs) in pairs {
        // One shared group is enough where one of its questions asks about
        // one concept and its answer names the other.
        let asked = || {
            gs.iter().any(|&g| {
                members[g].iter().any(|&i| {
                    let e = &per_entry[i];
                    (e.about.contains(&a) && e.mentions.contains(&b))
                        || (e.about.contains(&b) && e.mentions.contains(&a))
                })
            })
        };
        if gs.len()
            < opts
                .min_cooccurrence_asked
                .max(1)
                .min(opts.min_cooccurrence.max(1))
        {
            continue;
        }
        let score = npmi(gs.len() as f64 / n, df[a] as f64 / n, df[b] as f64 / n);
        if score < opts.min_npmi
            || (gs.len() < opts.min_cooccurrence.max(1) && score < opts.min_npmi_single && !asked())
        {
            continue;
        }
        let entries = gs
            .iter()
            .flat_map(|&g| both_in(members[g], per_entry, a, b))
            .collect();
        let co = CoOccurrence {
            count: gs.len(),
            npmi: score,
            entries,
        };
        out.insert((a, b), co);
    }
    out
}

/// The entries of a group that involve both `a` and `b`; all of the group
/// when the two are only spread over different copies of the question.
fn both_in(members: &[usize], per_entry: &[EntryConcepts], a: usize, b: usize) -> Vec<usize> {
    let has = |i: usize, c: usize| involved(&per_entry[i]).any(|x| x == c);
    let both: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| has(i, a) && has(i, b))
        .collect();
    if both.is_empty() {
        members.to_vec()
    } else {
        both
    }
}

/// Normalised PMI of a pair from its joint and marginal probabilities.
/// Returns 1 when the pair is in every group (the formula's 0/0).
pub(crate) fn npmi(p_xy: f64, p_x: f64, p_y: f64) -> f64 {
    if p_xy <= 0.0 {
        return -1.0;
    }
    if p_xy >= 1.0 {
        return 1.0;
    }
    (p_xy / (p_x * p_y)).ln() / -p_xy.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npmi_bounds() {
        // Always together.
        assert!((npmi(0.1, 0.1, 0.1) - 1.0).abs() < 1e-9);
        // Independent.
        assert!(npmi(0.01, 0.1, 0.1).abs() < 1e-9);
        // Less often than chance.
        assert!(npmi(0.005, 0.1, 0.1) < 0.0);
        assert_eq!(npmi(0.0, 0.1, 0.1), -1.0);
        assert_eq!(npmi(1.0, 1.0, 1.0), 1.0);
    }

    fn ec(about: &[usize], mentions: &[usize]) -> EntryConcepts {
        EntryConcepts {
            about: about.to_vec(),
            mentions: mentions.to_vec(),
            related: vec![],
        }
    }

    fn et(group: usize) -> EntryText<'static> {
        EntryText {
            id: "x",
            title: "",
            variants: vec![],
            answers: vec![],
            group,
            places: vec![],
        }
    }

    #[test]
    fn duplicates_count_once_and_common_concepts_do_not_link() {
        // Concept 0 and 1 go together in two distinct questions; concept 2
        // is everywhere; questions 0 and 1 each have a duplicate.
        let per = vec![
            ec(&[0], &[1, 2]),
            ec(&[0], &[1, 2]),
            ec(&[1], &[0, 2]),
            ec(&[1], &[0, 2]),
            ec(&[3], &[2]),
            ec(&[4], &[2]),
            ec(&[5], &[2]),
            ec(&[3, 4], &[2]),
        ];
        let ents: Vec<EntryText> = [0, 0, 1, 1, 2, 3, 4, 5].into_iter().map(et).collect();
        let co = cooccurrences(&per, &ents, 6, &AnalyzeOptions::default());
        let pair = &co[&(0, 1)];
        assert_eq!(pair.count, 2);
        assert_eq!(pair.entries, vec![0, 1, 2, 3]);
        assert!(!co.contains_key(&(0, 2)), "{co:?}");
        assert!(!co.contains_key(&(2, 3)), "{co:?}");
        // 3 and 4 share one group only: below the count threshold.
        assert!(!co.contains_key(&(3, 4)));
    }

    #[test]
    fn one_question_about_a_concept_whose_answer_names_another_relates_them() {
        // Entry 0 asks about concept 0 and its answer names concept 1: one
        // shared group is enough. Concepts 2 and 3 are only named together
        // in one answer, and each in two more: an anecdote, no relation.
        let per = vec![
            ec(&[0], &[1]),
            ec(&[4], &[2, 3]),
            ec(&[5], &[2]),
            ec(&[5], &[3]),
            ec(&[4], &[2]),
            ec(&[6], &[3]),
        ];
        let ents: Vec<EntryText> = [0, 1, 2, 3, 4, 5].into_iter().map(et).collect();
        let co = cooccurrences(&per, &ents, 7, &AnalyzeOptions::default());
        assert_eq!(co[&(0, 1)].count, 1);
        assert_eq!(co[&(0, 1)].entries, vec![0]);
        assert!(!co.contains_key(&(2, 3)), "{co:?}");
        let strict = AnalyzeOptions {
            min_cooccurrence_asked: 2,
            min_npmi_single: 1.1,
            ..AnalyzeOptions::default()
        };
        assert!(!cooccurrences(&per, &ents, 7, &strict).contains_key(&(0, 1)));
    }

    #[test]
    fn concepts_asked_about_side_by_side_relate() {
        // Seventeen questions in two sources. A question about concept 1
        // is followed by one about concept 2 in a.md (entries 0, 1) and in
        // b.md (10, 11): side by side twice, among fourteen neighbouring
        // pairs (15 and 14 are one group). Concept 3 follows concept 2 once
        // but is in most of b.md's questions; concept 4 follows it once.
        let about = [1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 4];
        let per: Vec<EntryConcepts> = about
            .iter()
            .map(|&c| if c == 0 { ec(&[], &[]) } else { ec(&[c], &[]) })
            .collect();
        let ents: Vec<EntryText> = (0..about.len())
            .map(|i| EntryText {
                places: vec![if i < 10 { ("a.md", i + 1) } else { ("b.md", i) }],
                ..et(if i == 15 { 14 } else { i })
            })
            .collect();
        let opts = AnalyzeOptions::default();
        let near = besides(&per, &ents, 5, &opts);
        let b = &near[&(1, 2)];
        assert_eq!((b.count, b.pairs.clone()), (2, vec![(0, 1), (10, 11)]));
        assert!(b.npmi >= opts.min_npmi_beside, "{b:?}");
        assert_eq!(near.len(), 1, "{near:?}");
        // The relation carries it.
        let yaml: String = (0..5)
            .map(|i| format!("- {{id: c{i}, name: C{i}, aliases: [c{i}]}}\n"))
            .collect();
        let catalog =
            crate::concepts::parse_catalog(&format!("concepts:\n{yaml}"), "c.yaml".as_ref())
                .unwrap();
        let rels = relations(&catalog, &per, &ents, &opts, BTreeMap::new());
        assert!(
            rels.iter()
                .any(|r| (r.a, r.b) == (1, 2) && r.beside.is_some())
        );
        // Without places, nothing is side by side.
        let bare: Vec<EntryText> = (0..about.len()).map(et).collect();
        assert!(besides(&per, &bare, 5, &opts).is_empty());
    }

    #[test]
    fn two_rare_concepts_named_in_one_answer_relate() {
        // Concepts 1 and 2 appear nowhere else and meet in one answer that
        // is about neither (NPMI 1); concepts 3 and 4 meet once too, but
        // each is in three of the eight questions (NPMI 0.29).
        let per = vec![
            ec(&[0], &[1, 2]),
            ec(&[5], &[3, 4]),
            ec(&[6], &[3]),
            ec(&[6], &[3]),
            ec(&[7], &[4]),
            ec(&[7], &[4]),
            ec(&[8], &[]),
            ec(&[8], &[]),
        ];
        let ents: Vec<EntryText> = (0..8).map(et).collect();
        let co = cooccurrences(&per, &ents, 9, &AnalyzeOptions::default());
        assert_eq!(co[&(1, 2)].count, 1);
        assert_eq!(co[&(1, 2)].entries, vec![0]);
        assert!(!co.contains_key(&(3, 4)), "{co:?}");
        // Without the rule for rare pairs, one shared answer is never enough.
        let strict = AnalyzeOptions {
            min_npmi_single: 1.1,
            ..AnalyzeOptions::default()
        };
        assert!(!cooccurrences(&per, &ents, 9, &strict).contains_key(&(1, 2)));
    }
}

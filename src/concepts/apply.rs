//! Stage 4b, **link**: the concept index applied to the [`Handbook`],
//! giving the [`Linked`] handbook.
//!
//! [`link`] runs after `handbook::assemble` and before render. It reads the
//! handbook's entries (already deduplicated: each entry is one group of
//! evidence), analyses them with [`super::analyze`], and returns the
//! concept layer beside the unchanged handbook:
//!
//! - each entry's concepts (what its question is about, then what its
//!   answers mention) and the spans of its answers to link: the **first**
//!   mention of each concept in the entry, so an answer that says "GIL"
//!   ten times links it once;
//! - each entry's related questions: its near misses merged with questions
//!   sharing concepts ([`crate::handbook::related::merge`]);
//! - every catalog concept with its aliases, summary, defining entry, the
//!   entries about it, its backlinks and its relations with their reasons;
//! - the concept map's graph (drawn by `render::concept_map`).
//!
//! The catalog's explicit relations and co-occurrence relations come from
//! [`super::cooccurrence`]; nothing compares all pairs of entries.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::analysis::{
    AnalyzeOptions, ConceptIndex, EntryText, Prepared, analyze_prepared, prepare,
};
use super::catalog::Catalog;
use super::linker::Linker;
use crate::handbook::related;
use crate::model::{
    ConceptGraph, ConceptLink, ConceptRelation, EntryLinks, Handbook, HandbookEntry, Linked,
    LinkedConcept, MapEdge, MapNode,
};

/// Cross-links `hb` with the concepts of `catalog` (see the module docs).
///
/// Pure and deterministic; never fails (a catalog that parsed is valid).
/// Runs in about linear time in the size of the answers.
pub fn link(hb: Handbook, catalog: &Catalog) -> Linked {
    let linker = Linker::new(catalog);
    let prepared = prepare(&linker, &entry_texts(&hb), catalog.concepts.len());
    link_prepared(hb, catalog, &linker, prepared)
}

/// [`link`] with the per-entry concepts already found ([`prepare`]) by
/// `linker`, which must be built from `catalog`.
fn link_prepared(hb: Handbook, catalog: &Catalog, linker: &Linker, prepared: Prepared) -> Linked {
    let index = analyze_prepared(
        catalog,
        linker,
        &entry_texts(&hb),
        &AnalyzeOptions::default(),
        prepared,
    );
    let mut entries: Vec<EntryLinks> = hb
        .entries
        .par_iter()
        .zip(&index.entries)
        .map(|(entry, ec)| EntryLinks {
            concepts: ec
                .about
                .iter()
                .chain(&ec.mentions)
                .map(|&c| catalog.concepts[c].id.clone())
                .collect(),
            related: Vec::new(),
            answers: first_mentions_per_answer(entry, linker, catalog),
        })
        .collect();
    let articles = hb
        .articles
        .iter()
        .map(|a| first_mentions(&a.markdown, linker, catalog, &mut BTreeSet::new()))
        .collect();
    for (i, (links, entry)) in entries.iter_mut().zip(&hb.entries).enumerate() {
        let by_concept = index.entries[i]
            .related
            .iter()
            .map(|r| &hb.entries[r.entry].id);
        links.related = related::merge(&entry.id, &entry.similar, by_concept);
    }
    let concepts = concepts(&hb.entries, &entries, catalog, &index);
    let map = Some(concept_graph(catalog, &index));
    Linked {
        handbook: hb,
        entries,
        articles,
        concepts,
        map,
    }
}

/// What the concept analysis reads of each entry of `hb`, in entry order.
fn entry_texts(hb: &Handbook) -> Vec<EntryText<'_>> {
    hb.entries
        .iter()
        .enumerate()
        .map(|(i, e)| EntryText {
            id: &e.id,
            title: &e.title,
            variants: e
                .variants
                .iter()
                .map(|v| v.question.as_str())
                .filter(|q| *q != e.title)
                .collect(),
            answers: e.answers.iter().map(|a| a.markdown.as_str()).collect(),
            group: i,
            places: e
                .variants
                .iter()
                .map(|v| (v.source.as_str(), v.line))
                .collect(),
        })
        .collect()
}

/// [`link`] with a catalog that holds discovered concepts
/// ([`super::discover`], [`Catalog::with_discovered`]): drops each
/// discovered concept that no entry and no note page uses, with its
/// relations, from the catalog, then links `hb` with what is left.
///
/// Discovery counts spellings the linker never links (part of a code span,
/// a phrase split by markup), so it can keep a concept that would get a
/// page with nothing on it. Concepts from a hand-written catalog stay even
/// when unused. Returns the linked handbook and the catalog without those
/// concepts; linking `hb` with that catalog gives the same handbook, which
/// is what `docgen concepts --write` relies on. Pure and deterministic.
pub fn link_discovered(hb: Handbook, catalog: Catalog) -> (Linked, Catalog) {
    // Which concepts are used is found first, and the handbook is linked
    // once, with the catalog that keeps only those: a concept dropped
    // after linking could still have shaped the links (its spelling
    // overlapping another's in a summary), and the exported catalog would
    // then build a different site.
    let linker = Linker::new(&catalog);
    let prepared = prepare(&linker, &entry_texts(&hb), catalog.concepts.len());
    let mut used = prepared.used(catalog.concepts.len());
    let index_of: std::collections::HashMap<&str, usize> = catalog
        .concepts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    for a in &hb.articles {
        for l in first_mentions(&a.markdown, &linker, &catalog, &mut BTreeSet::new()) {
            if let Some(&i) = index_of.get(l.concept.as_str()) {
                used[i] = true;
            }
        }
    }
    let dropped: BTreeSet<String> = catalog
        .concepts
        .iter()
        .zip(&used)
        .filter(|(c, used)| c.discovered && !**used)
        .map(|(c, _)| c.id.clone())
        .collect();
    if dropped.is_empty() {
        return (link_prepared(hb, &catalog, &linker, prepared), catalog);
    }
    // Each kept concept's index in the smaller catalog.
    let mut next = 0;
    let kept: Vec<Option<usize>> = catalog
        .concepts
        .iter()
        .map(|c| {
            (!dropped.contains(&c.id)).then(|| {
                next += 1;
                next - 1
            })
        })
        .collect();
    let mut catalog = catalog;
    catalog.concepts.retain(|c| !dropped.contains(&c.id));
    for c in &mut catalog.concepts {
        c.related.retain(|r| !dropped.contains(r));
    }
    let linker = Linker::new(&catalog);
    // The entries' concepts are found once: dropping concepts no entry
    // used changes none of them ([`Prepared::without`]).
    let prepared = match prepared.without(&kept) {
        Some(p) => p,
        None => prepare(&linker, &entry_texts(&hb), catalog.concepts.len()),
    };
    (link_prepared(hb, &catalog, &linker, prepared), catalog)
}

/// The concept map's graph: every catalog concept with how many entries
/// of `index` involve it, and every relation with its weight
/// ([`super::Relation::weight`]).
pub fn concept_graph(catalog: &Catalog, index: &ConceptIndex) -> ConceptGraph {
    ConceptGraph {
        nodes: catalog
            .concepts
            .iter()
            .enumerate()
            .map(|(i, c)| MapNode {
                id: c.id.clone(),
                name: c.name.clone(),
                summary: c.summary.clone(),
                uses: index
                    .concepts
                    .get(i)
                    .map_or(0, |u| u.about.len() + u.mentioned_in.len()),
            })
            .collect(),
        edges: index
            .relations
            .iter()
            .map(|r| MapEdge {
                a: r.a,
                b: r.b,
                explicit: r.explicit,
                weight: r.weight(),
            })
            .collect(),
    }
}

/// Per answer (display order), the span of the first mention in the
/// entry of each concept.
fn first_mentions_per_answer(
    entry: &HandbookEntry,
    linker: &Linker,
    catalog: &Catalog,
) -> Vec<Vec<ConceptLink>> {
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    entry
        .answers
        .iter()
        .map(|a| first_mentions(&a.markdown, linker, catalog, &mut seen))
        .collect()
}

/// The first mention in `markdown` of each concept not in `seen` (which
/// gains them), outside code, links, headings and bare URLs.
fn first_mentions(
    markdown: &str,
    linker: &Linker,
    catalog: &Catalog,
    seen: &mut BTreeSet<usize>,
) -> Vec<ConceptLink> {
    linker
        .markdown_mentions(markdown)
        .into_iter()
        .filter(|m| m.concept < catalog.concepts.len())
        .filter(|m| !inside_url(markdown, &m.range))
        .filter(|m| seen.insert(m.concept))
        .map(|m| ConceptLink {
            concept: catalog.concepts[m.concept].id.clone(),
            range: m.range,
        })
        .collect()
}

/// True when `range` lies in a bare URL (`https://…/threading.html`):
/// the whitespace-delimited word around it holds `://` or starts `www.`.
fn inside_url(md: &str, range: &std::ops::Range<usize>) -> bool {
    // The whitespace may be wider than a byte (a no-break space).
    let start = md[..range.start]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = md[range.end..]
        .find(char::is_whitespace)
        .map_or(md.len(), |i| range.end + i);
    let word = &md[start..end];
    word.contains("://") || word.trim_start_matches(['(', '<', '[']).starts_with("www.")
}

/// The handbook's concepts, in catalog order.
fn concepts(
    entries: &[HandbookEntry],
    links: &[EntryLinks],
    catalog: &Catalog,
    index: &ConceptIndex,
) -> Vec<LinkedConcept> {
    let entry_ids =
        |list: &[usize]| -> Vec<String> { list.iter().map(|&e| entries[e].id.clone()).collect() };
    // Concept → entries involving it (about or mentioning), ascending.
    let involved: Vec<Vec<usize>> = index
        .concepts
        .iter()
        .map(|u| {
            let mut v: Vec<usize> = u.about.iter().chain(&u.mentioned_in).copied().collect();
            v.sort_unstable();
            v
        })
        .collect();
    catalog
        .concepts
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let usage = &index.concepts[ci];
            let relations: Vec<ConceptRelation> = usage
                .related
                .iter()
                .filter_map(|&o| index.relation(ci, o).map(|r| (o, r)))
                .map(|(o, r)| ConceptRelation {
                    concept: catalog.concepts[o].id.clone(),
                    explicit: r.explicit,
                    together: entry_ids(&intersect(&involved[ci], &involved[o])),
                    definition: r.definition.clone(),
                    beside: r.beside.as_ref().map_or_else(Vec::new, |b| {
                        b.pairs
                            .iter()
                            .map(|&(x, y)| [entries[x].id.clone(), entries[y].id.clone()])
                            .collect()
                    }),
                })
                .collect();
            let about = entry_ids(&usage.about);
            let mentioned_in = entry_ids(&usage.mentioned_in);
            LinkedConcept {
                id: c.id.clone(),
                name: c.name.clone(),
                aliases: c.aliases.clone(),
                summary: c.summary.clone(),
                related: relations.iter().map(|r| r.concept.clone()).collect(),
                entries: about.iter().chain(&mentioned_in).cloned().collect(),
                defining: defining_entry(entries, links, &usage.about),
                about,
                mentioned_in,
                relations,
                discovered: c.discovered,
                evidence: c.evidence.clone(),
            }
        })
        .collect()
}

/// The common elements of two ascending lists, ascending (a merge walk).
fn intersect(a: &[usize], b: &[usize]) -> Vec<usize> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The entry that best defines a concept: among the answered entries about
/// it, a "What is …?"-style question naming few concepts, shortest title
/// first; else the first answered entry about it.
fn defining_entry(
    entries: &[HandbookEntry],
    links: &[EntryLinks],
    about: &[usize],
) -> Option<String> {
    let answered = about
        .iter()
        .map(|&i| (&entries[i], &links[i]))
        .filter(|(e, _)| e.answered);
    let best = answered
        .clone()
        .filter(|(e, _)| is_definition(&e.title))
        .min_by_key(|(e, l)| (l.concepts.len().min(3), e.title.len()));
    best.or_else(|| answered.clone().next())
        .map(|(e, _)| e.id.clone())
}

/// True for full questions that ask what something is: a definition or
/// an explanation, as deduplication's intent classifier reads them
/// ([`crate::dedup::intent::question_intent`]); a terse label ("X?") is
/// not one.
fn is_definition(title: &str) -> bool {
    use crate::dedup::intent::{Intent, question_intent};
    let q = question_intent(title);
    q.full && matches!(q.intent, Intent::Define | Intent::Explain)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::concepts::Concept;
    use crate::model::{Answer, Review, Variant};

    /// An entry from its phrasings (canonical first) and one answer.
    fn entry(id: &str, questions: &[&str], answer: &str) -> HandbookEntry {
        HandbookEntry {
            id: id.into(),
            title: questions[0].into(),
            chapter: "c".into(),
            answered: true,
            similar: Vec::new(),
            variants: questions
                .iter()
                .enumerate()
                .map(|(i, q)| Variant {
                    source: "a.md".into(),
                    line: i + 1,
                    question: q.to_string(),
                    answered: true,
                    section: None,
                })
                .collect(),
            answers: vec![Answer {
                source: "a.md".into(),
                line: 1,
                markdown: answer.into(),
            }],
        }
    }

    fn handbook(entries: Vec<HandbookEntry>) -> Handbook {
        Handbook {
            title: "t".into(),
            description: None,
            language: "en".into(),
            entries,
            chapters: Vec::new(),
            articles: Vec::new(),
            sources: Vec::new(),
            review: Review::default(),
            moved: Vec::new(),
            edit_url: None,
        }
    }

    fn concept(id: &str, alias: &str, related: &[&str], discovered: bool) -> Concept {
        Concept {
            id: id.into(),
            name: alias.into(),
            aliases: vec![alias.into()],
            summary: None,
            related: related.iter().map(|r| r.to_string()).collect(),
            case_sensitive: false,
            discovered,
            evidence: None,
        }
    }

    fn ids(linked: &Linked) -> Vec<&str> {
        linked.concepts.iter().map(|c| c.id.as_str()).collect()
    }

    #[test]
    fn other_phrasings_name_what_an_entry_is_about() {
        let hb = handbook(vec![
            entry(
                "en",
                &["What is a decorator?", "How does a wrapper function work?"],
                "It returns a new callable.",
            ),
            entry(
                "ru",
                &["Что такое генератор?", "Как устроен итератор с yield?"],
                "Он отдаёт значения по одному.",
            ),
        ]);
        let catalog = Catalog {
            concepts: vec![
                concept("decorator", "decorator", &[], false),
                concept("wrapper", "wrapper function", &[], false),
                concept("generator", "генератор", &[], false),
                concept("iterator", "итератор", &[], false),
            ],
            ..Catalog::default()
        };
        let linked = link(hb, &catalog);
        assert_eq!(linked.entries[0].concepts, ["decorator", "wrapper"]);
        assert_eq!(linked.entries[1].concepts, ["generator", "iterator"]);
        let wrapper = &linked.concepts[1];
        assert_eq!(wrapper.about, ["en"]);
    }

    #[test]
    fn discovered_concepts_no_entry_uses_are_dropped_with_their_relations() {
        let hb_again = || {
            handbook(vec![
                entry(
                    "en",
                    &["What is a decorator?"],
                    "A decorator wraps a closure.",
                ),
                entry(
                    "ru",
                    &["Что такое замыкание?"],
                    "Замыкание помнит переменные; см. `x = never said + 1` и decorator.",
                ),
            ])
        };
        let hb = hb_again();
        let catalog = Catalog {
            concepts: vec![
                concept("decorator", "decorator", &[], true),
                // Named only inside code: discovery may count it, the
                // linker never links it.
                concept("ghost", "never said", &["decorator"], true),
                concept("closure", "closure", &["ghost"], true),
                concept("zamykanie", "замыкание", &["decorator"], true),
                // Written by hand: kept even though nothing uses it.
                concept("manual", "unused by hand", &["decorator"], false),
            ],
            ..Catalog::default()
        };
        let (linked, pruned) = link_discovered(hb.clone(), catalog.clone());
        assert_eq!(
            ids(&linked),
            ["decorator", "closure", "zamykanie", "manual"]
        );
        let pruned_ids: Vec<&str> = pruned.concepts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(pruned_ids, ids(&linked));
        assert!(
            pruned.concepts[1].related.is_empty(),
            "closure kept its link to ghost"
        );
        for c in &linked.concepts {
            assert!(!c.related.iter().any(|r| r == "ghost"), "{c:?}");
            assert!(!c.relations.iter().any(|r| r.concept == "ghost"), "{c:?}");
        }
        let map = linked.map.as_ref().unwrap();
        let names: Vec<&str> = map.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(names, ids(&linked));
        assert!(map.edges.iter().all(|e| e.a < e.b && e.b < map.nodes.len()));
        // Linking with the pruned catalog gives the same concept layer.
        let again = link(hb, &pruned);
        assert_eq!(ids(&again), ids(&linked));
        assert_eq!(again.map, linked.map);
        for (x, y) in again.concepts.iter().zip(&linked.concepts) {
            assert_eq!((&x.related, &x.entries), (&y.related, &y.entries));
        }
        // Nothing left to drop: the catalog comes back as it was.
        let (_, same) = link_discovered(hb_again(), pruned.clone());
        assert_eq!(same, pruned);
        // In a handbook that uses nothing, only the hand-written one stays.
        let (_, bare) = link_discovered(handbook(Vec::new()), pruned);
        let bare: Vec<&str> = bare.concepts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(bare, ["manual"]);
    }

    #[test]
    fn a_dropped_concept_shapes_no_relation_of_the_kept_ones() {
        // The unused phrase "A and B" would take the summary's mention of
        // B from the concept B; once it is dropped, the summary relates A
        // and B. The exported catalog must build the same relations.
        for (a, b, both, answer) in [
            (
                "classmethod",
                "staticmethod",
                "classmethod and staticmethod",
                "A classmethod gets the class; a staticmethod gets nothing.",
            ),
            (
                "корутина",
                "генератор",
                "корутина и генератор",
                "Корутина ждёт; генератор отдаёт значения.",
            ),
        ] {
            let hb = handbook(vec![entry("e", &[&format!("What is {a}?")], answer)]);
            let mut first = concept("a", a, &[], true);
            first.summary = Some(format!("{both} are easy to confuse."));
            let catalog = Catalog {
                concepts: vec![
                    first,
                    concept("b", b, &[], true),
                    concept("both", both, &[], true),
                ],
                ..Catalog::default()
            };
            let (linked, pruned) = link_discovered(hb.clone(), catalog);
            assert_eq!(ids(&linked), ["a", "b"]);
            let again = link(hb, &pruned);
            let definition = |l: &Linked| {
                l.concepts[0]
                    .relations
                    .iter()
                    .find(|r| r.concept == "b")
                    .and_then(|r| r.definition.clone())
            };
            assert!(
                definition(&linked).is_some(),
                "{a}: {:?}",
                linked.concepts[0]
            );
            assert_eq!(definition(&again), definition(&linked));
        }
    }

    #[test]
    fn definition_questions() {
        assert!(is_definition("What is the GIL?"));
        assert!(is_definition("Explain decorators"));
        assert!(!is_definition("How does the GIL affect threads?"));
        assert!(!is_definition("What is the GIL used for?"));
        assert!(!is_definition("GIL?"));
    }

    #[test]
    fn bare_urls_are_not_prose() {
        let md = "See https://docs.python.org/3/library/threading.html and threading.";
        let at = md.find("threading").unwrap();
        assert!(inside_url(md, &(at..at + 9)));
        let last = md.rfind("threading").unwrap();
        assert!(!inside_url(md, &(last..last + 9)));
        // A no-break space (two bytes) before the word.
        let md = "what an object can\u{a0}do, see www.example.org/do";
        let at = md.find("do,").unwrap();
        assert!(!inside_url(md, &(at..at + 2)));
        let at = md.rfind("do").unwrap();
        assert!(inside_url(md, &(at..at + 2)));
    }
}

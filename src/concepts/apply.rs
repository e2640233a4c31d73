//! Stage 4b, **link**: the concept index applied to the [`Handbook`].
//!
//! [`link`] runs after `handbook::assemble` and before render. It reads the
//! handbook's entries (already deduplicated: each entry is one group of
//! evidence), analyses them with [`super::analyze`], and writes back:
//!
//! - each entry's `concepts` (what its question is about, then what its
//!   answers mention) and the spans of its answers to link: the **first**
//!   mention of each concept in the entry, so an answer that says "GIL"
//!   ten times links it once;
//! - each entry's related questions: dedup's near misses (text similarity)
//!   merged with questions sharing concepts, at most [`MAX_RELATED`];
//! - `Handbook::concepts`: every catalog concept with its aliases, summary,
//!   defining entry, the entries about it, its backlinks and its relations
//!   with their reasons;
//! - the concept map SVG for `concepts/index.html`.
//!
//! The catalog's explicit relations and co-occurrence relations come from
//! [`super::cooccurrence`]; nothing compares all pairs of entries.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::analysis::{ConceptIndex, EntryText, analyze};
use super::catalog::Catalog;
use super::linker::Linker;
use super::svg::concept_map_svg;
use crate::handbook::{Concept, ConceptLink, ConceptRelation, Handbook, HandbookEntry};

/// Most related questions listed per entry.
pub const MAX_RELATED: usize = 5;

/// Near misses kept first among the related questions; the rest of the
/// list goes to questions found through shared concepts.
const NEAR_MISSES_FIRST: usize = 3;

/// Cross-links `hb` with the concepts of `catalog` (see the module docs).
///
/// Pure and deterministic; never fails (a catalog that parsed is valid).
/// Runs in about linear time in the size of the answers.
pub fn link(mut hb: Handbook, catalog: &Catalog) -> Handbook {
    let linker = Linker::new(catalog);
    let index = {
        let texts: Vec<EntryText> = hb
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| EntryText {
                id: &e.id,
                title: &e.title,
                answers: e.answers.iter().map(|a| a.markdown.as_str()).collect(),
                group: i,
            })
            .collect();
        analyze(catalog, &linker, &texts)
    };
    hb.entries
        .par_iter_mut()
        .zip(&index.entries)
        .for_each(|(entry, ec)| {
            entry.concepts = ec
                .about
                .iter()
                .chain(&ec.mentions)
                .map(|&c| catalog.concepts[c].id.clone())
                .collect();
            mark_first_mentions(entry, &linker, catalog);
        });
    for article in &mut hb.articles {
        article.links = first_mentions(&article.markdown, &linker, catalog, &mut BTreeSet::new());
    }
    relate_entries(&mut hb.entries, &index);
    hb.concepts = concepts(&hb.entries, catalog, &index);
    hb.concept_map = Some(concept_map_svg(catalog, &index, ""));
    hb
}

/// Records, in each answer, the span of the first mention in the entry of
/// each concept (answers in display order).
fn mark_first_mentions(entry: &mut HandbookEntry, linker: &Linker, catalog: &Catalog) {
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    for answer in &mut entry.answers {
        answer.links = first_mentions(&answer.markdown, linker, catalog, &mut seen);
    }
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
    let start = md[..range.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let end = md[range.end..]
        .find(char::is_whitespace)
        .map_or(md.len(), |i| range.end + i);
    let word = &md[start..end];
    word.contains("://") || word.trim_start_matches(['(', '<', '[']).starts_with("www.")
}

/// Merges dedup's near misses (already in `related`) with the analysis'
/// related questions: up to [`NEAR_MISSES_FIRST`] near misses, then
/// concept-related questions, then the remaining near misses.
fn relate_entries(entries: &mut [HandbookEntry], index: &ConceptIndex) {
    let ids: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
    for (i, entry) in entries.iter_mut().enumerate() {
        let near = std::mem::take(&mut entry.related);
        let by_concept = index.entries[i].related.iter().map(|r| &ids[r.entry]);
        let ordered = near
            .iter()
            .take(NEAR_MISSES_FIRST)
            .chain(by_concept)
            .chain(near.iter().skip(NEAR_MISSES_FIRST));
        for id in ordered {
            if entry.related.len() == MAX_RELATED {
                break;
            }
            if *id != entry.id && !entry.related.contains(id) {
                entry.related.push(id.clone());
            }
        }
    }
}

/// The handbook's concepts, in catalog order.
fn concepts(entries: &[HandbookEntry], catalog: &Catalog, index: &ConceptIndex) -> Vec<Concept> {
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
                })
                .collect();
            let about = entry_ids(&usage.about);
            let mentioned_in = entry_ids(&usage.mentioned_in);
            Concept {
                id: c.id.clone(),
                name: c.name.clone(),
                aliases: c.aliases.clone(),
                summary: c.summary.clone(),
                related: relations.iter().map(|r| r.concept.clone()).collect(),
                entries: about.iter().chain(&mentioned_in).cloned().collect(),
                defining: defining_entry(entries, &usage.about),
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
fn defining_entry(entries: &[HandbookEntry], about: &[usize]) -> Option<String> {
    let answered = about.iter().map(|&i| &entries[i]).filter(|e| e.answered);
    let best = answered
        .clone()
        .filter(|e| is_definition(&e.title))
        .min_by_key(|e| (e.concepts.len().min(3), e.title.len()));
    best.or_else(|| answered.clone().next())
        .map(|e| e.id.clone())
}

/// True for questions that ask what something is.
fn is_definition(title: &str) -> bool {
    let t = title.trim_start().to_lowercase();
    [
        "what is ",
        "what are ",
        "what's ",
        "what does ",
        "define ",
        "explain ",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_questions() {
        assert!(is_definition("What is the GIL?"));
        assert!(is_definition("Explain decorators"));
        assert!(!is_definition("How does the GIL affect threads?"));
    }

    #[test]
    fn bare_urls_are_not_prose() {
        let md = "See https://docs.python.org/3/library/threading.html and threading.";
        let at = md.find("threading").unwrap();
        assert!(inside_url(md, &(at..at + 9)));
        let last = md.rfind("threading").unwrap();
        assert!(!inside_url(md, &(last..last + 9)));
    }
}

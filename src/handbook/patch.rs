//! Quick preview of an edit, for `docgen serve`.
//!
//! A full rebuild of a large handbook takes seconds: deduplication,
//! chapters and concept linking look at every question. So that an edit
//! shows at once, `serve` first patches the last build's handbook with the
//! edited sources' questions and answers, renders the pages that show them
//! and serves those over the last build; the full rebuild follows and
//! replaces them (pages it leaves unchanged are not reloaded).
//!
//! The patch is a stand-in by design. A question still worded the same
//! keeps its entry, with its new answer and line. A new question becomes an
//! entry of its own, in the chapter of the question before it in the same
//! source. A question that is gone leaves its entry, and an entry left with
//! no phrasing goes. Deduplication, chapter placement, concept links and
//! related questions of the edited text wait for the full rebuild.

use std::collections::{BTreeMap, BTreeSet};

use crate::extract::Entry;
use crate::model::{Answer, Chapter, ConceptLink, EntryLinks, HandbookEntry, Linked};
use crate::text::slug::{SlugSet, anchor};

/// A patched handbook and what changed in it.
pub struct Patched {
    /// The linked handbook with the edits applied.
    pub linked: Linked,
    /// Ids of the chapters whose pages changed, in reading order.
    pub chapters: Vec<String>,
}

/// Applies a new extraction of `source` (its questions in source order) to
/// a copy of `linked`, a handbook built with an earlier version of it.
/// Pure.
pub fn patch(linked: &Linked, source: &str, entries: &[Entry]) -> Patched {
    let mut linked = linked.clone();
    let chapters = patch_in_place(&mut linked, source, entries);
    Patched { linked, chapters }
}

/// An entry with its part of the concept layer, patched together.
type Both = (HandbookEntry, EntryLinks);

/// [`patch`] without the copy: `linked` is changed. Returns the ids of the
/// chapters whose pages changed, in reading order. Patching again with a
/// later version of the same source gives what patching the original
/// handbook with it gives.
pub fn patch_in_place(linked: &mut Linked, source: &str, entries: &[Entry]) -> Vec<String> {
    let mut all: Vec<Both> = std::mem::take(&mut linked.handbook.entries)
        .into_iter()
        .zip(std::mem::take(&mut linked.entries))
        .collect();
    let changed = patch_entries(linked, &mut all, source, entries);
    (linked.handbook.entries, linked.entries) = all.into_iter().unzip();
    changed
}

/// [`patch_in_place`] on the entries taken out of `linked` (`all`).
fn patch_entries(
    linked: &mut Linked,
    all: &mut Vec<Both>,
    source: &str,
    entries: &[Entry],
) -> Vec<String> {
    let hb = &mut linked.handbook;
    let before: BTreeMap<String, Both> = all
        .iter()
        .filter(|(e, _)| e.variants.iter().any(|v| v.source == source))
        .map(|b| (b.0.id.clone(), b.clone()))
        .collect();
    let lists: BTreeMap<String, Vec<String>> = hb
        .chapters
        .iter()
        .map(|c| (c.id.clone(), c.entries.clone()))
        .collect();
    let mut unused = strip_source(all, source);
    let mut slugs = SlugSet::default();
    for (e, _) in all.iter() {
        slugs.claim(&e.id);
    }
    let mut last: Option<String> = None;
    for e in entries {
        let slot = match take_slot(&mut unused, &e.question) {
            Some(slot) => slot,
            // With no chapter to put it in (a handbook of no questions),
            // the new question waits for the full rebuild.
            None => match insert_entry(all, &mut hb.chapters, e, last.as_deref(), &mut slugs) {
                Some(id) => Slot {
                    id,
                    ..Slot::default()
                },
                None => continue,
            },
        };
        if let Some((entry, links)) = all.iter_mut().find(|(x, _)| x.id == slot.id) {
            attach(entry, links, e, &slot);
        }
        last = Some(slot.id);
    }
    drop_empty(all, &mut hb.chapters);
    if let Some(info) = hb.sources.iter_mut().find(|s| s.name == source) {
        info.questions = entries.len();
    }
    changed_chapters(all, &hb.chapters, &before, &lists)
}

/// The chapters whose list of entries changed, or that hold an entry that
/// differs from its copy in `before` (an edit shifts the lines of the
/// questions after it, no more).
fn changed_chapters(
    all: &[Both],
    chapters: &[Chapter],
    before: &BTreeMap<String, Both>,
    lists: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    let by_id: BTreeMap<&str, &Both> = all.iter().map(|b| (b.0.id.as_str(), b)).collect();
    chapters
        .iter()
        .filter(|c| {
            lists.get(&c.id) != Some(&c.entries)
                || c.entries.iter().any(|id| {
                    before
                        .get(id)
                        .is_some_and(|old| by_id.get(id.as_str()) != Some(&old))
                })
        })
        .map(|c| c.id.clone())
        .collect()
}

/// Where an edited source's phrasing and answer sat in an entry.
#[derive(Clone, Default)]
struct Slot {
    /// The entry's id.
    id: String,
    /// Index of the phrasing among the entry's variants.
    variant: usize,
    /// Index of the answer among its answers, the answer and its concept
    /// links, if the source answered (an unchanged answer keeps its
    /// links).
    answer: Option<(usize, Answer, Vec<ConceptLink>)>,
}

/// Removes `source`'s phrasings and answers from every entry. Returns
/// where they were, by question text (in source order per text).
fn strip_source(all: &mut [Both], source: &str) -> BTreeMap<String, Vec<Slot>> {
    let mut old: BTreeMap<String, Vec<(usize, Slot)>> = BTreeMap::new();
    for (e, links) in all.iter_mut() {
        let answer = e.answers.iter().position(|a| a.source == source);
        for (i, v) in e.variants.iter().enumerate() {
            if v.source == source {
                let slot = Slot {
                    id: e.id.clone(),
                    variant: i,
                    answer: answer.filter(|&a| e.answers[a].line == v.line).map(|a| {
                        let kept = links.answers.get(a).cloned().unwrap_or_default();
                        (a, e.answers[a].clone(), kept)
                    }),
                };
                old.entry(v.question.clone())
                    .or_default()
                    .push((v.line, slot));
            }
        }
        e.variants.retain(|v| v.source != source);
        let keep: Vec<bool> = e.answers.iter().map(|a| a.source != source).collect();
        e.answers.retain(|a| a.source != source);
        let mut k = keep.iter();
        links.answers.retain(|_| *k.next().unwrap_or(&true));
    }
    old.into_iter()
        .map(|(q, mut slots)| {
            slots.sort_by_key(|(line, _)| *line);
            (q, slots.into_iter().map(|(_, s)| s).collect())
        })
        .collect()
}

/// Where `question` sat before the edit, if that place is not taken yet.
fn take_slot(unused: &mut BTreeMap<String, Vec<Slot>>, question: &str) -> Option<Slot> {
    let slots = unused.get_mut(question)?;
    (!slots.is_empty()).then(|| slots.remove(0))
}

/// Adds a new, empty entry for `e` after the entry `after` (in its
/// chapter), or at the end of the last chapter. Returns its id, or `None`
/// when the handbook has no chapter.
fn insert_entry(
    all: &mut Vec<Both>,
    chapters: &mut [Chapter],
    e: &Entry,
    after: Option<&str>,
    slugs: &mut SlugSet,
) -> Option<String> {
    let at = after.and_then(|id| all.iter().position(|(x, _)| x.id == id));
    let chapter = match at {
        Some(i) => all[i].0.chapter.clone(),
        None => chapters.last()?.id.clone(),
    };
    let id = slugs.claim(&anchor(&e.question, 10));
    let entry = HandbookEntry {
        id: id.clone(),
        title: e.question.clone(),
        chapter: chapter.clone(),
        answered: false,
        similar: Vec::new(),
        variants: Vec::new(),
        answers: Vec::new(),
    };
    let end_of_chapter = all.iter().rposition(|(x, _)| x.chapter == chapter);
    let pos = at.or(end_of_chapter).map_or(all.len(), |i| i + 1);
    all.insert(pos, (entry, EntryLinks::default()));
    if let Some(c) = chapters.iter_mut().find(|c| c.id == chapter) {
        let pos = after
            .and_then(|a| c.entries.iter().position(|x| x == a))
            .map_or(c.entries.len(), |i| i + 1);
        c.entries.insert(pos, id.clone());
    }
    Some(id)
}

/// Gives `entry` the edited source's phrasing and answer, where they were
/// before the edit (`slot`), else last.
fn attach(entry: &mut HandbookEntry, layer: &mut EntryLinks, e: &Entry, slot: &Slot) {
    let at = slot.variant.min(entry.variants.len());
    entry.variants.insert(at, super::variant(e));
    if e.answered() {
        let (at, links) = match &slot.answer {
            Some((at, old, links)) if old.markdown == e.answer => (*at, links.clone()),
            Some((at, _, _)) => (*at, Vec::new()),
            None => (entry.answers.len(), Vec::new()),
        };
        let at = at.min(entry.answers.len());
        entry.answers.insert(
            at,
            Answer {
                source: e.source.clone(),
                line: e.line,
                markdown: e.answer.clone(),
            },
        );
        layer.answers.insert(at.min(layer.answers.len()), links);
    }
    entry.answered = !entry.answers.is_empty();
}

/// Removes entries left with no phrasing, and chapters left empty.
fn drop_empty(all: &mut Vec<Both>, chapters: &mut Vec<Chapter>) {
    let gone: BTreeSet<String> = all
        .iter()
        .filter(|(e, _)| e.variants.is_empty())
        .map(|(e, _)| e.id.clone())
        .collect();
    if gone.is_empty() {
        return;
    }
    all.retain(|(e, _)| !gone.contains(&e.id));
    for c in chapters.iter_mut() {
        c.entries.retain(|id| !gone.contains(id));
    }
    chapters.retain(|c| !c.entries.is_empty());
}

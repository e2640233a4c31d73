//! What gets indexed: one [`SearchDoc`] per handbook entry (entries are
//! already deduplicated, so one result per question however many sources
//! ask it), and the synonym groups read from the concept catalog.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::text::{self, Terms, excerpt, markdown_text, phrase_key};
use crate::handbook::{Concept, Handbook, HandbookEntry};
use crate::render::markdown::inline_to_text;
use crate::render::views::EntryView;

/// Number of indexed fields.
pub const FIELDS: usize = 5;
/// Field numbers, in the order of [`SearchDoc::fields`].
pub const TITLE: usize = 0;
/// Other phrasings of the question.
pub const PHRASINGS: usize = 1;
/// Names and aliases of the entry's concepts.
pub const CONCEPTS: usize = 2;
/// Answer text (every answer, code included).
pub const BODY: usize = 3;
/// Chapter title.
pub const CHAPTER: usize = 4;

/// One searchable entry.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    /// Title as plain text.
    pub title: String,
    /// Other phrasings as plain text (none equal to the title).
    pub phrasings: Vec<String>,
    /// Index into [`Corpus::chapters`].
    pub chapter: usize,
    /// Page part of the entry's URL (before `#`).
    pub page: String,
    /// Fragment of the entry's URL (after `#`, may be empty).
    pub fragment: String,
    /// Start of the first answer, plain text, for snippets.
    pub excerpt: String,
    /// Index terms of each field (see [`text::terms`]), with repeats.
    pub fields: [Terms; FIELDS],
}

/// Everything the index is built from.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Documents in handbook (reading) order.
    pub docs: Vec<SearchDoc>,
    /// Chapter titles.
    pub chapters: Vec<String>,
    /// Synonym groups: each a sorted list of phrase keys
    /// ([`text::phrase_key`]) naming the same concept.
    pub synonyms: Vec<Vec<String>>,
}

/// Collects the corpus. `views` are the entries' views in the same order
/// as `hb.entries` (their plain-text titles are reused when present);
/// `excerpt_chars` bounds each snippet excerpt, in characters.
pub fn collect(hb: &Handbook, views: &[EntryView], excerpt_chars: usize) -> Corpus {
    let chapter_index: BTreeMap<&str, usize> = hb
        .chapters
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let concepts = concepts_by_entry(hb);
    // One document per entry, in parallel; rayon keeps the entry order.
    let docs: Vec<SearchDoc> = hb
        .entries
        .par_iter()
        .enumerate()
        .map(|(i, e)| {
            let title = views
                .get(i)
                .filter(|v| v.id == e.id)
                .map(|v| v.title_text.clone())
                .unwrap_or_else(|| inline_to_text(&e.title).into_owned());
            let chapter = chapter_index.get(e.chapter.as_str()).copied();
            let chapter_title = chapter.map_or("", |c| hb.chapters[c].title.as_str());
            let about = concepts.get(e.id.as_str()).map_or(&[][..], |v| &v[..]);
            doc(
                e,
                title,
                chapter.unwrap_or(0),
                chapter_title,
                about,
                excerpt_chars,
            )
        })
        .collect();
    let mut synonyms = synonym_groups(&hb.concepts);
    synonyms.extend(acronym_groups(&docs, &synonyms));
    Corpus {
        docs,
        chapters: hb.chapters.iter().map(|c| c.title.clone()).collect(),
        synonyms,
    }
}

/// The concepts each entry is *about* (its question names them), from
/// each concept's `about` list. Concepts an answer merely mentions are left
/// out: an answer touches many ideas, and indexing them all would let any
/// long answer outrank the question that asks about the idea.
fn concepts_by_entry(hb: &Handbook) -> BTreeMap<&str, Vec<&Concept>> {
    let mut out: BTreeMap<&str, Vec<&Concept>> = BTreeMap::new();
    for c in &hb.concepts {
        for id in &c.about {
            out.entry(id.as_str()).or_default().push(c);
        }
    }
    out
}

fn doc(
    e: &HandbookEntry,
    title: String,
    chapter: usize,
    chapter_title: &str,
    concepts: &[&Concept],
    excerpt_chars: usize,
) -> SearchDoc {
    let title_key = phrase_key(&title);
    let mut seen = BTreeSet::from([title_key]);
    let phrasings: Vec<String> = e
        .variants
        .iter()
        .skip(1)
        .map(|v| inline_to_text(&v.question).into_owned())
        .filter(|p| seen.insert(phrase_key(p)))
        .collect();
    let mut body = Terms::default();
    let mut first_prose = String::new();
    for (i, a) in e.answers.iter().enumerate() {
        let (prose, code) = markdown_text(&a.markdown);
        body.push_text(&prose);
        body.push_text(&code);
        if i == 0 {
            first_prose = if prose.is_empty() { code } else { prose };
        }
    }
    let mut concept_terms = BTreeSet::new();
    for c in concepts {
        for form in std::iter::once(&c.name).chain(&c.aliases) {
            concept_terms.extend(text::terms(form));
        }
    }
    let mut phrasing_terms = Terms::default();
    for p in &phrasings {
        phrasing_terms.push_text(p);
    }
    let (page, fragment) = e.url.split_once('#').unwrap_or((&e.url, ""));
    SearchDoc {
        fields: [
            Terms::of_text(&title),
            phrasing_terms,
            concept_terms.iter().map(String::as_str).collect(),
            body,
            Terms::of_text(chapter_title),
        ],
        title,
        phrasings,
        chapter,
        page: page.to_string(),
        fragment: fragment.to_string(),
        excerpt: excerpt(&first_prose, excerpt_chars),
    }
}

/// Synonym groups from the catalog: a concept's name and aliases, as
/// phrase keys, plus the joined form of hyphenated aliases. Dunder names
/// (`__enter__` would become the common word `enter`) and forms that are a
/// single short word (three letters or fewer, e.g. `str`) are dropped
/// unless written as an acronym (`GIL`, `GC`), since they would make common
/// words synonyms of a concept. Groups with fewer than two forms are
/// dropped.
pub fn synonym_groups(concepts: &[Concept]) -> Vec<Vec<String>> {
    let mut groups = Vec::new();
    for c in concepts {
        let mut forms = BTreeSet::new();
        for alias in std::iter::once(&c.name).chain(&c.aliases) {
            if alias.starts_with("__") {
                continue;
            }
            for variant in [alias.clone(), alias.replace('-', "")] {
                let key = phrase_key(&variant);
                let acronym = alias.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !alias.chars().any(char::is_lowercase);
                let short = !key.contains(' ') && key.chars().count() <= 3;
                if !key.is_empty() && (!short || acronym) {
                    forms.insert(key);
                }
            }
        }
        if forms.len() >= 2 {
            groups.push(forms.into_iter().collect());
        }
    }
    groups
}

/// Acronyms the notes define themselves, as in "Global Interpreter Lock
/// (GIL)": an all-capitals word of two to six letters in parentheses, right
/// after as many words whose initials spell it. Each becomes a synonym
/// group `[acronym, phrase]` unless a group in `known` already has both.
/// Read from titles, phrasings and answer excerpts, so synonyms work even
/// without a concept catalog.
pub fn acronym_groups(docs: &[SearchDoc], known: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut found = BTreeSet::new();
    for d in docs {
        let texts = std::iter::once(&d.title)
            .chain(&d.phrasings)
            .chain(std::iter::once(&d.excerpt));
        for t in texts {
            found.extend(acronyms_in(t));
        }
    }
    found
        .into_iter()
        .filter(|(a, p)| !known.iter().any(|g| g.contains(a) && g.contains(p)))
        .map(|(a, p)| vec![a, p])
        .collect()
}

/// `(acronym, phrase key)` pairs defined in `text` (see [`acronym_groups`]).
fn acronyms_in(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let rest = &text[open + 1..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        let acronym = &rest[..close];
        let letters = acronym.chars().count();
        if !(2..=6).contains(&letters) || !acronym.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let before = text::words(&text[..open]);
        if before.len() < letters {
            continue;
        }
        let phrase = &before[before.len() - letters..];
        let initials: String = phrase.iter().filter_map(|w| w.raw.chars().next()).collect();
        if initials == acronym.to_lowercase() {
            let key = phrase
                .iter()
                .map(|w| w.norm.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            out.push((acronym.to_lowercase(), key));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concept(name: &str, aliases: &[&str]) -> Concept {
        Concept {
            id: name.to_lowercase(),
            name: name.to_string(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            ..Concept::default()
        }
    }

    #[test]
    fn synonym_groups_keep_acronyms_and_drop_short_words() {
        let groups = synonym_groups(&[
            concept("GIL", &["GIL", "Global Interpreter Lock"]),
            concept(
                "Descriptors",
                &["descriptor", "__get__", "str", "multi-threading"],
            ),
            concept("Lonely", &["lonely"]),
        ]);
        let expected: [&[&str]; 2] = [
            &["gil", "global interpreter lock"],
            &["descriptor", "multi threading", "multithreading"],
        ];
        assert_eq!(groups, expected);
    }

    #[test]
    fn acronyms_defined_in_text_are_found() {
        assert_eq!(
            acronyms_in(
                "What is the Global Interpreter Lock (GIL)? Just-In-Time (JIT), (PVM), (OK)"
            ),
            [
                ("gil".to_string(), "global interpreter lock".to_string()),
                ("jit".to_string(), "just in time".to_string()),
            ]
        );
    }
}

//! What gets indexed: one [`SearchDoc`] per handbook entry (entries are
//! already deduplicated, so one result per question however many sources
//! ask it), one per section of each note page (so a hit opens the right
//! heading), one per concept page, and the synonym groups read from the
//! concept catalog. Words are stemmed by their source's language
//! ([`crate::text::tokens::Stemmer`]).

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::text::{self, Terms, excerpt, markdown_text, phrase_key};
use crate::model::{ArticlePage, HandbookEntry, Linked, LinkedConcept as Concept};
use crate::site::paths;
use crate::text::markdown::{heading_sections, inline_to_text};
use crate::text::tokens::Stemmer;

/// What kind of page a [`SearchDoc`] opens; the number is what the
/// browser receives (absent for an entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// A question and its answers.
    Entry = 0,
    /// A section of a note page.
    Section = 1,
    /// A concept page.
    Concept = 2,
}

impl DocKind {
    /// Factor on the document's BM25F weights: a question ranks above a
    /// note section or concept page that matches as well, since questions
    /// are what the handbook is for; a section or concept still comes
    /// first when no question matches.
    pub fn boost(self) -> f64 {
        match self {
            DocKind::Entry => 1.0,
            DocKind::Section => 0.7,
            DocKind::Concept => 0.35,
        }
    }
}

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

/// One searchable entry, note section or concept.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    /// What the document is.
    pub kind: DocKind,
    /// Title as plain text.
    pub title: String,
    /// Other phrasings as plain text (none equal to the title).
    pub phrasings: Vec<String>,
    /// Index into [`Corpus::chapters`]: the entry's chapter, the note's
    /// title, or the concepts' label.
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
    /// Labels shown under results: chapter titles, then note titles,
    /// then "Concepts" when there are concept pages.
    pub chapters: Vec<String>,
    /// Synonym groups: each a sorted list of phrase keys
    /// ([`text::phrase_key`]) naming the same concept.
    pub synonyms: Vec<Vec<String>>,
}

/// Collects the corpus. `excerpt_chars` bounds each snippet excerpt, in characters. Documents
/// come in this order: entries (reading order), note sections (note by
/// note), concepts (catalog order).
pub fn collect(linked: &Linked, excerpt_chars: usize) -> Corpus {
    let hb = &linked.handbook;
    let chapter_index: BTreeMap<&str, usize> = hb
        .chapters
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let stemmers: BTreeMap<&str, Stemmer> = hb
        .sources
        .iter()
        .map(|s| (s.name.as_str(), Stemmer::for_language(&s.lang)))
        .collect();
    let english = Stemmer::default();
    let stemmer = |source: &str| stemmers.get(source).unwrap_or(&english);
    let concepts = concepts_by_entry(&linked.concepts);
    // One document per entry, in parallel; rayon keeps the entry order.
    let mut docs: Vec<SearchDoc> = hb
        .entries
        .par_iter()
        .map(|e| {
            let title = inline_to_text(&e.title).into_owned();
            let chapter = chapter_index.get(e.chapter.as_str()).copied();
            let chapter_title = chapter.map_or("", |c| hb.chapters[c].title.as_str());
            let about = concepts.get(e.id.as_str()).map_or(&[][..], |v| &v[..]);
            doc(
                e,
                title,
                (chapter.unwrap_or(0), chapter_title),
                about,
                excerpt_chars,
                &stemmer,
            )
        })
        .collect();
    let mut chapters: Vec<String> = hb.chapters.iter().map(|c| c.title.clone()).collect();
    for a in &hb.articles {
        chapters.push(a.title.clone());
        docs.extend(sections(
            a,
            chapters.len() - 1,
            excerpt_chars,
            stemmer(&a.source),
        ));
    }
    if !linked.concepts.is_empty() {
        chapters.push("Concepts".to_string());
        let label = chapters.len() - 1;
        docs.extend(
            linked
                .concepts
                .iter()
                .map(|c| concept_doc(c, label, excerpt_chars)),
        );
    }
    let mut synonyms = synonym_groups(&linked.concepts);
    synonyms.extend(acronym_groups(&docs, &synonyms));
    Corpus {
        docs,
        chapters,
        synonyms,
    }
}

/// One document per section of a note page (see
/// [`heading_sections`]): the heading is the title, the note's title the
/// label, the section's text the body.
fn sections(
    a: &ArticlePage,
    label: usize,
    excerpt_chars: usize,
    stemmer: &Stemmer,
) -> Vec<SearchDoc> {
    heading_sections(&a.markdown)
        .into_iter()
        .map(|section| {
            let (prose, code) = markdown_text(&a.markdown[section.range.clone()]);
            let (title, fragment) = match section.heading {
                Some(h) => (h.text, h.id),
                None => (a.title.clone(), String::new()),
            };
            // The body without the heading's own words, which the title has.
            let body_prose = prose
                .strip_prefix(title.as_str())
                .map_or(prose.as_str(), str::trim_start);
            let mut body = Terms::default();
            body.push_text_in(body_prose, stemmer);
            body.push_text_in(&code, stemmer);
            let mut title_terms = Terms::default();
            title_terms.push_text_in(&title, stemmer);
            let mut label_terms = Terms::default();
            label_terms.push_text_in(&a.title, stemmer);
            SearchDoc {
                kind: DocKind::Section,
                fields: [
                    title_terms,
                    Terms::default(),
                    Terms::default(),
                    body,
                    label_terms,
                ],
                excerpt: excerpt(
                    if body_prose.is_empty() {
                        &code
                    } else {
                        body_prose
                    },
                    excerpt_chars,
                ),
                title,
                phrasings: Vec::new(),
                chapter: label,
                page: paths::note(&a.id),
                fragment,
            }
        })
        .collect()
}

/// The document of a concept page: its name as title, its aliases as
/// other phrasings, its summary as body.
fn concept_doc(c: &Concept, label: usize, excerpt_chars: usize) -> SearchDoc {
    let summary = c.summary.as_deref().map(inline_to_text).unwrap_or_default();
    let mut aliases = Terms::default();
    let mut seen = BTreeSet::from([phrase_key(&c.name)]);
    let phrasings: Vec<String> = c
        .aliases
        .iter()
        .filter(|a| seen.insert(phrase_key(a)))
        .cloned()
        .collect();
    for alias in &phrasings {
        aliases.push_text(alias);
    }
    SearchDoc {
        kind: DocKind::Concept,
        fields: [
            Terms::of_text(&c.name),
            aliases,
            Terms::default(),
            Terms::of_text(&summary),
            Terms::default(),
        ],
        title: c.name.clone(),
        phrasings,
        chapter: label,
        page: paths::concept(&c.id),
        fragment: String::new(),
        excerpt: excerpt(&summary, excerpt_chars),
    }
}

/// The concepts each entry is *about* (its question names them), from
/// each concept's `about` list. Concepts an answer merely mentions are left
/// out: an answer touches many ideas, and indexing them all would let any
/// long answer outrank the question that asks about the idea.
fn concepts_by_entry(concepts: &[Concept]) -> BTreeMap<&str, Vec<&Concept>> {
    let mut out: BTreeMap<&str, Vec<&Concept>> = BTreeMap::new();
    for c in concepts {
        for id in &c.about {
            out.entry(id.as_str()).or_default().push(c);
        }
    }
    out
}

fn doc<'s>(
    e: &HandbookEntry,
    title: String,
    (chapter, chapter_title): (usize, &str),
    concepts: &[&Concept],
    excerpt_chars: usize,
    stemmer: &impl Fn(&str) -> &'s Stemmer,
) -> SearchDoc {
    let own = stemmer(&e.variants[0].source);
    let title_key = phrase_key(&title);
    let mut seen = BTreeSet::from([title_key]);
    let phrased: Vec<(String, &str)> = e
        .variants
        .iter()
        .skip(1)
        .map(|v| (inline_to_text(&v.question).into_owned(), v.source.as_str()))
        .filter(|(p, _)| seen.insert(phrase_key(p)))
        .collect();
    let mut body = Terms::default();
    let mut first_prose = String::new();
    for (i, a) in e.answers.iter().enumerate() {
        let (prose, code) = markdown_text(&a.markdown);
        body.push_text_in(&prose, stemmer(&a.source));
        body.push_text_in(&code, stemmer(&a.source));
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
    for (p, source) in &phrased {
        phrasing_terms.push_text_in(p, stemmer(source));
    }
    let phrasings: Vec<String> = phrased.into_iter().map(|(p, _)| p).collect();
    let mut title_terms = Terms::default();
    title_terms.push_text_in(&title, own);
    SearchDoc {
        kind: DocKind::Entry,
        fields: [
            title_terms,
            phrasing_terms,
            concept_terms.iter().map(String::as_str).collect(),
            body,
            Terms::of_text(chapter_title),
        ],
        title,
        phrasings,
        chapter,
        page: paths::chapter(&e.chapter),
        fragment: e.id.clone(),
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

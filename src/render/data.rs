//! `handbook.json`: the handbook as data, for other tools. The file has its
//! own serialisable types, borrowed from the model, so the model can change
//! without changing the file. The format is versioned: a change that
//! removes or renames a field, or changes a field's meaning, raises
//! [`FORMAT_VERSION`]; adding a field does not.
//!
//! ```json
//! { "version": 1, "title": "…", "description": null, "language": "en",
//!   "entries": [ { "id", "title", "chapter", "url", "answered", "concepts",
//!                  "related", "variants": [ { "source", "line", "question", "answered" } ],
//!                  "answers": [ { "source", "line", "markdown" } ] } ],
//!   "chapters": [ { "id", "title", "entries" } ],
//!   "concepts": [ { "id", "name", "aliases", "summary"?, "related", "entries", "about",
//!                   "mentioned_in", "defining"?, "relations": [ { "concept", "explicit", "together", "definition"?, "beside"? } ],
//!                   "discovered", "evidence"? } ] }
//! ```

use serde::Serialize;

use crate::model::{EntryLinks, HandbookEntry, Linked, LinkedConcept};
use crate::site::paths;

/// The version of the `handbook.json` format this docgen writes.
pub const FORMAT_VERSION: u32 = 1;

/// The whole file.
#[derive(Serialize)]
pub struct HandbookFile<'a> {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// The handbook's title.
    pub title: &'a str,
    /// `description` from `docgen.yaml` (`null` when unset).
    pub description: Option<&'a str>,
    /// The handbook's language (BCP 47).
    pub language: &'a str,
    /// Every entry, in reading order.
    pub entries: Vec<EntryData<'a>>,
    /// Chapters in reading order.
    pub chapters: Vec<ChapterData<'a>>,
    /// Concepts (catalog order, or discovery order without a catalog).
    pub concepts: Vec<ConceptData<'a>>,
}

/// One entry: a question as asked in every source, with every answer.
#[derive(Serialize)]
pub struct EntryData<'a> {
    /// The entry's slug (also its anchor).
    pub id: &'a str,
    /// The canonical phrasing (markdown).
    pub title: &'a str,
    /// The chapter's slug.
    pub chapter: &'a str,
    /// Site-relative URL.
    pub url: String,
    /// Whether any source answers it.
    pub answered: bool,
    /// Concept ids the entry is about.
    pub concepts: &'a [String],
    /// Related entries' slugs.
    pub related: &'a [String],
    /// Every phrasing, with its source file and line (1-based).
    pub variants: Vec<VariantData<'a>>,
    /// Every answer, most complete first, with source file and line.
    pub answers: Vec<AnswerData<'a>>,
}

/// One phrasing of an entry's question.
#[derive(Serialize)]
pub struct VariantData<'a> {
    /// Source file under `content/`.
    pub source: &'a str,
    /// 1-based line of the question.
    pub line: usize,
    /// The question as written (markdown).
    pub question: &'a str,
    /// Whether this source answers it.
    pub answered: bool,
}

/// One answer.
#[derive(Serialize)]
pub struct AnswerData<'a> {
    /// Source file under `content/`.
    pub source: &'a str,
    /// 1-based line where the answer starts.
    pub line: usize,
    /// The answer's markdown, as written.
    pub markdown: &'a str,
}

/// One chapter.
#[derive(Serialize)]
pub struct ChapterData<'a> {
    /// The chapter's slug.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its entries' slugs, in order.
    pub entries: &'a [String],
}

/// One concept.
#[derive(Serialize)]
pub struct ConceptData<'a> {
    /// The concept's slug.
    pub id: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Other names.
    pub aliases: &'a [String],
    /// One-line summary (markdown), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<&'a str>,
    /// Related concepts' ids.
    pub related: &'a [String],
    /// Entries that are about it or mention it.
    pub entries: &'a [String],
    /// Entries about it.
    pub about: &'a [String],
    /// Entries whose answers mention it.
    pub mentioned_in: &'a [String],
    /// The entry that defines it, when one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defining: Option<&'a str>,
    /// Why it is related to each related concept.
    pub relations: Vec<RelationData<'a>>,
    /// Found in the notes rather than written in a catalog.
    pub discovered: bool,
    /// Why discovery kept it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<&'a str>,
}

/// Why two concepts are related.
#[derive(Serialize)]
pub struct RelationData<'a> {
    /// The other concept's id.
    pub concept: &'a str,
    /// The catalog lists the relation.
    pub explicit: bool,
    /// Entries whose questions or answers involve both, in reading order.
    pub together: &'a [String],
    /// The sentence that defines one with the other, when one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<&'a str>,
    /// Pairs of entries asked one right after the other, one about each
    /// concept, when there are any.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub beside: &'a [[String; 2]],
}

impl<'a> HandbookFile<'a> {
    /// The file's data for `linked`, borrowed.
    pub fn of(linked: &'a Linked) -> HandbookFile<'a> {
        let hb = &linked.handbook;
        HandbookFile {
            version: FORMAT_VERSION,
            title: &hb.title,
            description: hb.description.as_deref(),
            language: &hb.language,
            entries: hb
                .entries
                .iter()
                .zip(&linked.entries)
                .map(|(e, l)| entry(e, l))
                .collect(),
            chapters: hb
                .chapters
                .iter()
                .map(|c| ChapterData {
                    id: &c.id,
                    title: &c.title,
                    entries: &c.entries,
                })
                .collect(),
            concepts: linked.concepts.iter().map(concept).collect(),
        }
    }
}

fn entry<'a>(e: &'a HandbookEntry, links: &'a EntryLinks) -> EntryData<'a> {
    EntryData {
        id: &e.id,
        title: &e.title,
        chapter: &e.chapter,
        url: paths::entry(&e.chapter, &e.id),
        answered: e.answered,
        concepts: &links.concepts,
        related: &links.related,
        variants: e
            .variants
            .iter()
            .map(|v| VariantData {
                source: &v.source,
                line: v.line,
                question: &v.question,
                answered: v.answered,
            })
            .collect(),
        answers: e
            .answers
            .iter()
            .map(|a| AnswerData {
                source: &a.source,
                line: a.line,
                markdown: &a.markdown,
            })
            .collect(),
    }
}

fn concept(c: &LinkedConcept) -> ConceptData<'_> {
    ConceptData {
        id: &c.id,
        name: &c.name,
        aliases: &c.aliases,
        summary: c.summary.as_deref(),
        related: &c.related,
        entries: &c.entries,
        about: &c.about,
        mentioned_in: &c.mentioned_in,
        defining: c.defining.as_deref(),
        relations: c
            .relations
            .iter()
            .map(|r| RelationData {
                concept: &r.concept,
                explicit: r.explicit,
                together: &r.together,
                definition: r.definition.as_deref(),
                beside: &r.beside,
            })
            .collect(),
        discovered: c.discovered,
        evidence: c.evidence.as_deref(),
    }
}

//! The handbook's data types, and nothing else: what the model stages
//! hand on and what render, search and the data file read.
//!
//! - [`Handbook`] is stage 4's output (`handbook::assemble`): entries,
//!   chapters, articles, sources and dedup's review.
//! - [`Linked`] is stage 4b's (`concepts::link`, or [`Linked::unlinked`]
//!   without concepts): the handbook plus its concept layer. Render takes
//!   a `Linked`, so it cannot run before the link stage.
//!
//! Ids are slugs (`String`); there are no URLs here (the one URL scheme is
//! `site::paths`) and no markup (the concept map is drawn by render from
//! [`ConceptGraph`]).

use serde::Serialize;

use crate::extract::Format;

/// The handbook as `handbook::assemble` leaves it: entries, chapters,
/// articles, sources and dedup's review. Complete for its stage; the
/// concept layer is [`Linked`]'s.
#[derive(Debug, Clone)]
pub struct Handbook {
    /// Title shown on every page.
    pub title: String,
    /// One sentence under the title on the home page.
    pub description: Option<String>,
    /// The handbook's language tag (`docgen.yaml` `language:`, default
    /// `en`).
    pub language: String,
    /// Entries in chapter order.
    pub entries: Vec<HandbookEntry>,
    /// Chapters in reading order.
    pub chapters: Vec<Chapter>,
    /// Notes that read as prose, each its own page.
    pub articles: Vec<ArticlePage>,
    /// Every source that was read, in path order.
    pub sources: Vec<SourceInfo>,
    /// What deduplication decided, for authors to audit.
    pub review: Review,
    /// Entry URLs of earlier builds that now lead elsewhere (the
    /// permalink map's aliases), sorted by old chapter and slug.
    pub moved: Vec<Moved>,
    /// The author's template of a source's edit URL (`edit_url` in
    /// `docgen.yaml`, with `{path}` and `{line}`), if set.
    pub edit_url: Option<String>,
}

/// An entry URL of an earlier build (`chapters/<chapter>.html#<slug>`)
/// that now leads to entry `entry`: the entry moved chapter, or its old
/// entry was merged into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The chapter id of the old URL.
    pub chapter: String,
    /// The entry slug of the old URL.
    pub slug: String,
    /// The id of the entry it leads to now.
    pub entry: String,
}

/// Deduplication's decisions, with scores: the merged clusters and the
/// closest pairs that were not merged.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Review {
    /// Entries with more than one variant, and the pairs that merged them.
    pub merged: Vec<ReviewCluster>,
    /// The closest pairs of questions left in different entries.
    pub near_misses: Vec<ReviewPair>,
    /// Entries without a section whose chapter this build chose by
    /// content, or kept with their source for want of a confident fit.
    pub placements: Vec<ReviewPlacement>,
}

/// How an entry without a section got its chapter.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewPlacement {
    /// The entry's id.
    pub entry: String,
    /// The chapter's title.
    pub chapter: String,
    /// The best fit of the entry's words to a chapter (cosine plus title
    /// words; see `handbook::chapters`), in [0, 1.2].
    pub fit: f64,
    /// The fit was not confident: the entry stays in its source's chapter.
    pub with_source: bool,
}

/// One merged entry and why.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewCluster {
    /// The entry's id.
    pub entry: String,
    /// The pairs that merged it.
    pub pairs: Vec<ReviewPair>,
}

/// A scored pair of questions.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewPair {
    /// First question, as `file:line: text`.
    pub a: String,
    /// Second question.
    pub b: String,
    /// Id of the entry holding `a`.
    pub a_entry: String,
    /// Id of the entry holding `b`.
    pub b_entry: String,
    /// Similarity score (0–1).
    pub score: f64,
    /// What the score rests on.
    pub reason: String,
}

/// One question of the handbook, with every phrasing and answer of it.
#[derive(Debug, Clone, PartialEq)]
pub struct HandbookEntry {
    /// Stable slug, unique in the handbook; the anchor of the entry.
    pub id: String,
    /// The canonical phrasing (markdown inline text; may hold code spans).
    pub title: String,
    /// Id of the chapter the entry sits in.
    pub chapter: String,
    /// True when at least one source answers it.
    pub answered: bool,
    /// Ids of the entries holding dedup's near misses of its questions
    /// (similar wording, judged different), closest first, at most
    /// [`crate::handbook::related::MAX_RELATED`].
    pub similar: Vec<String>,
    /// Every phrasing of the question, canonical first.
    pub variants: Vec<Variant>,
    /// Every answer, most complete first.
    pub answers: Vec<Answer>,
}

/// One source's phrasing of an entry's question.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Path of the source under `content/`.
    pub source: String,
    /// 1-based line of the question in the source.
    pub line: usize,
    /// The question as written (repaired).
    pub question: String,
    /// Whether this source answers it.
    pub answered: bool,
    /// The innermost source heading above the question, decoration
    /// stripped ([`crate::handbook::clean_heading`]); `None` where the
    /// source has none above it. Concept discovery reads section names
    /// as topics the author named.
    pub section: Option<String>,
}

/// One source's answer to an entry's question.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Path of the source under `content/`.
    pub source: String,
    /// 1-based line of the question this answers.
    pub line: usize,
    /// The answer as markdown.
    pub markdown: String,
}

/// A span of an answer's (or article's) markdown that links to a concept
/// page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptLink {
    /// Id of the concept.
    pub concept: String,
    /// Byte range of the mention in the answer's markdown.
    pub range: std::ops::Range<usize>,
}

/// A chapter: a titled, ordered list of entries.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// Slug of the chapter; its page is `chapters/<id>.html`.
    pub id: String,
    /// Display title.
    pub title: String,
    /// Ids of its entries, in reading order.
    pub entries: Vec<String>,
}

/// A concept of the catalog as the handbook uses it: the entries about it,
/// its backlinks and its relations.
#[derive(Debug, Clone, Default)]
pub struct LinkedConcept {
    /// Slug of the concept; its page is `concepts/<id>.html`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other spellings found in text.
    pub aliases: Vec<String>,
    /// The catalog's one-line summary.
    pub summary: Option<String>,
    /// Ids of related concepts, strongest relation first.
    pub related: Vec<String>,
    /// Ids of entries about or mentioning it (`about`, then
    /// `mentioned_in`).
    pub entries: Vec<String>,
    /// Ids of entries whose question names it, in reading order.
    pub about: Vec<String>,
    /// Ids of entries whose answers mention it (backlinks), most mentions
    /// first.
    pub mentioned_in: Vec<String>,
    /// Id of the entry that best defines it ("What is …?"), if any.
    pub defining: Option<String>,
    /// The relations behind `related`, with their reasons.
    pub relations: Vec<ConceptRelation>,
    /// Found in the notes (`concepts::discover`) rather than
    /// written in a catalog by hand.
    pub discovered: bool,
    /// Why discovery kept it (definition, questions, entries, score).
    pub evidence: Option<String>,
}

/// Why two concepts are related.
#[derive(Debug, Clone)]
pub struct ConceptRelation {
    /// Id of the other concept.
    pub concept: String,
    /// The catalog lists the relation.
    pub explicit: bool,
    /// Entries whose questions or answers involve both concepts, in
    /// reading order (may be empty for a relation the catalog lists).
    pub together: Vec<String>,
    /// A sentence of the notes (or the catalog's summary) that defines
    /// one concept with the other.
    pub definition: Option<String>,
    /// Questions asked one right after the other in a source, one about
    /// each concept: entry ids, the question asked first, then the next,
    /// in source and line order.
    pub beside: Vec<[String; 2]>,
}

/// A prose note rendered as its own page.
#[derive(Debug, Clone)]
pub struct ArticlePage {
    /// Slug; the page is `notes/<id>.html`.
    pub id: String,
    /// Title of the article.
    pub title: String,
    /// Path of the source under `content/`.
    pub source: String,
    /// The body as markdown.
    pub markdown: String,
}

/// What the handbook knows about one source file.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    /// Path under `content/`.
    pub name: String,
    /// Display name (front matter, then `docgen.yaml`, then file stem).
    pub display: String,
    /// Where the note came from, if the front matter says.
    pub url: Option<String>,
    /// The note's own title: front matter `title`, else its first `#`
    /// heading (as written, emoji kept).
    pub title: Option<String>,
    /// The structure it was recognised as.
    pub format: Format,
    /// Number of questions extracted from it.
    pub questions: usize,
    /// Its language tag: front matter `lang`, else detected from its prose
    /// (`text::tokens::detect_language`), else the handbook's.
    pub lang: String,
}

/// The handbook with its concept layer: stage 4b's output, what render,
/// the search index and `handbook.json` read.
///
/// `entries` and `articles` run parallel to `handbook.entries` and
/// `handbook.articles` (same length, same order).
#[derive(Debug, Clone)]
pub struct Linked {
    /// The assembled handbook, as `handbook::assemble` left it.
    pub handbook: Handbook,
    /// Per entry of `handbook.entries`: its concepts, related questions
    /// and the concept links of each answer.
    pub entries: Vec<EntryLinks>,
    /// Per article of `handbook.articles`: the first mention of each
    /// concept to link.
    pub articles: Vec<Vec<ConceptLink>>,
    /// Concepts in catalog order (empty without a catalog).
    pub concepts: Vec<LinkedConcept>,
    /// What the concept map draws; `None` without concepts.
    pub map: Option<ConceptGraph>,
}

impl Linked {
    /// `handbook` with no concept layer: no concepts and no concept links,
    /// each entry's related questions its near misses.
    pub fn unlinked(handbook: Handbook) -> Linked {
        Linked {
            entries: handbook
                .entries
                .iter()
                .map(|e| EntryLinks {
                    concepts: Vec::new(),
                    related: e.similar.clone(),
                    answers: vec![Vec::new(); e.answers.len()],
                })
                .collect(),
            articles: vec![Vec::new(); handbook.articles.len()],
            concepts: Vec::new(),
            map: None,
            handbook,
        }
    }
}

/// One entry's part of the concept layer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntryLinks {
    /// Ids of the concepts the entry is about, then those its answers
    /// mention.
    pub concepts: Vec<String>,
    /// Ids of related entries, at most
    /// [`crate::handbook::related::MAX_RELATED`].
    pub related: Vec<String>,
    /// Per answer (parallel to the entry's `answers`): the spans to link,
    /// the first mention in the entry of each concept, in source order.
    pub answers: Vec<Vec<ConceptLink>>,
}

/// The concept map's graph: concepts as nodes, relations as edges.
#[derive(Debug, Clone, PartialEq)]
pub struct ConceptGraph {
    /// One node per concept, in catalog order.
    pub nodes: Vec<MapNode>,
    /// Relations, sorted by `(a, b)`.
    pub edges: Vec<MapEdge>,
}

/// A concept on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapNode {
    /// The concept's id (its page is `concepts/<id>.html`).
    pub id: String,
    /// Display name (the label).
    pub name: String,
    /// The catalog's summary, for the tooltip.
    pub summary: Option<String>,
    /// Entries about or mentioning it.
    pub uses: usize,
}

/// A relation on the map, between nodes `a < b` (indexes into
/// [`ConceptGraph::nodes`]).
#[derive(Debug, Clone, PartialEq)]
pub struct MapEdge {
    /// The node with the lower index.
    pub a: usize,
    /// The node with the higher index.
    pub b: usize,
    /// The catalog lists the relation (drawn solid, else dashed).
    pub explicit: bool,
    /// Strength: 1 for an explicit relation plus the co-occurrence NPMI
    /// when positive.
    pub weight: f64,
}

//! Stage 4, **handbook**: clusters of extracted questions become the
//! [`Handbook`]: entries with stable slugs, chapters, articles and the
//! sources' metadata. This is the model every output (HTML pages,
//! `handbook.json`, the search index) is rendered from.
//!
//! *Invariant*: every extracted question appears exactly once, as a variant
//! of exactly one entry, and every entry sits in exactly one chapter.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::chapters;
use crate::config::Config;
use crate::dedup::{self, Clustering};
use crate::extract::{Entry, Extracted, Format};
use crate::ingest::SourceDoc;
use crate::text::slug::{SlugSet, slugify};

/// The whole handbook, ready to render.
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
    /// Concepts of the catalog, in catalog order (empty without
    /// `content/concepts.yaml`); filled by the link stage
    /// ([`crate::concepts::link`]).
    pub concepts: Vec<Concept>,
    /// The concept map as SVG, for `concepts/index.html` (links relative
    /// to that page); `None` without a catalog.
    pub concept_map: Option<String>,
    /// Notes that read as prose, each its own page.
    pub articles: Vec<ArticlePage>,
    /// Every source that was read, in path order.
    pub sources: Vec<SourceInfo>,
    /// What deduplication decided, for authors to audit.
    pub review: Review,
}

/// Deduplication's decisions, with scores: the merged clusters and the
/// closest pairs that were not merged.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Review {
    /// Entries with more than one variant, and the pairs that merged them.
    pub merged: Vec<ReviewCluster>,
    /// The closest pairs of questions left in different entries.
    pub near_misses: Vec<ReviewPair>,
}

/// One merged entry and why.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewCluster {
    /// The entry's id.
    pub entry: String,
    /// Its URL.
    pub url: String,
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
    /// URL of the entry holding `a`.
    pub a_url: String,
    /// URL of the entry holding `b`.
    pub b_url: String,
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
    /// Site-relative URL of the entry, e.g. `chapters/gil.html#what-is-the-gil`.
    pub url: String,
    /// True when at least one source answers it.
    pub answered: bool,
    /// Ids of the concepts the entry is about.
    pub concepts: Vec<String>,
    /// Ids of related entries.
    pub related: Vec<String>,
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
    /// Concept mentions to link in `markdown` (first mention per entry),
    /// in source order.
    pub links: Vec<ConceptLink>,
}

/// A span of an answer's markdown that links to a concept page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// A concept of the catalog, with the entries about it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Concept {
    /// Slug of the concept; its page is `concepts/<id>.html`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other spellings found in text.
    pub aliases: Vec<String>,
    /// The catalog's one-line summary.
    #[serde(skip_serializing_if = "Option::is_none")]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defining: Option<String>,
    /// The relations behind `related`, with their reasons.
    pub relations: Vec<ConceptRelation>,
    /// Found in the notes ([`crate::concepts::discover`]) rather than
    /// written in a catalog by hand.
    pub discovered: bool,
    /// Why discovery kept it (definition, questions, entries, score).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// Why two concepts are related.
#[derive(Debug, Clone, Serialize)]
pub struct ConceptRelation {
    /// Id of the other concept.
    pub concept: String,
    /// The catalog lists the relation.
    pub explicit: bool,
    /// Entries whose questions or answers involve both concepts, in
    /// reading order (may be empty for a relation the catalog lists).
    pub together: Vec<String>,
}

/// A prose note rendered as its own page.
#[derive(Debug, Clone, Serialize)]
pub struct ArticlePage {
    /// Slug; the page is `notes/<id>.html`.
    pub id: String,
    /// Title of the article.
    pub title: String,
    /// Path of the source under `content/`.
    pub source: String,
    /// The body as markdown.
    pub markdown: String,
    /// Concept mentions to link in `markdown`: the first of each concept
    /// (filled by the link stage; empty without a catalog).
    pub links: Vec<ConceptLink>,
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
    /// ([`crate::text::tokens::detect_language`]), else the handbook's.
    pub lang: String,
}

/// What [`assemble`] needs: the configuration and the earlier stages' output.
pub struct AssembleInput<'a> {
    /// The project's configuration.
    pub config: &'a Config,
    /// The ingested notes (for display names and front matter).
    pub docs: &'a [SourceDoc],
    /// One [`Extracted`] per doc, in the same order.
    pub extracted: &'a [Extracted],
    /// All entries of `extracted`, flattened in order (what was clustered).
    pub entries: &'a [Entry],
    /// The clustering of `entries`.
    pub clustering: &'a Clustering,
}

/// Builds the handbook model. Pure and deterministic.
pub fn assemble(input: &AssembleInput) -> Handbook {
    let sources = source_infos(input);
    let titles = chapter_titles(input);
    let mut entry_slugs = SlugSet::default();
    let mut chapter_slugs = SlugSet::default();
    let mut chapters: Vec<Chapter> = Vec::new();
    let mut chapter_by_title: BTreeMap<String, usize> = BTreeMap::new();
    let mut entries = Vec::with_capacity(input.clustering.clusters.len());
    for (cluster, title) in input.clustering.clusters.iter().zip(titles) {
        let canonical = &input.entries[cluster.canonical];
        let ci = *chapter_by_title.entry(title.clone()).or_insert_with(|| {
            chapters.push(Chapter {
                id: chapter_slugs.claim(&slugify(&title, 8)),
                title,
                entries: Vec::new(),
            });
            chapters.len() - 1
        });
        let id = entry_slugs.claim(&crate::text::slug::anchor(&canonical.question, 10));
        chapters[ci].entries.push(id.clone());
        entries.push(make_entry(input.entries, cluster, id, &chapters[ci].id));
    }
    // The catch-all chapter reads last.
    if let Some(i) = chapters.iter().position(|c| c.title == chapters::CATCH_ALL) {
        let c = chapters.remove(i);
        chapters.push(c);
    }
    let review = review_and_relate(input, &mut entries);
    // Reading order: chapters as first met, entries by chapter.
    let order: BTreeMap<&str, usize> = chapters
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| c.entries.iter().map(move |e| (e.as_str(), ci)))
        .collect();
    let mut keyed: Vec<(usize, usize, HandbookEntry)> = entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| (order[e.id.as_str()], i, e))
        .collect();
    keyed.sort_by_key(|(c, i, _)| (*c, *i));
    let mut entries: Vec<HandbookEntry> = keyed.into_iter().map(|(_, _, e)| e).collect();
    let mut articles = articles(input);
    link_own_headings(input, &mut entries, &mut articles);
    Handbook {
        title: input.config.title().to_string(),
        description: input.config.description.clone(),
        language: input.config.language().to_string(),
        entries,
        chapters,
        concepts: Vec::new(),
        concept_map: None,
        articles,
        sources,
        review,
    }
}

/// Points a source's links to its own headings at the entries those
/// headings became, and wikilinks to other notes at their pages
/// ([`crate::fragment_links`]), in its answers and its article. Answers and articles render on pages one folder deep
/// (`chapters/`, `notes/`, `concepts/`), hence the `../`.
fn link_own_headings(
    input: &AssembleInput,
    entries: &mut [HandbookEntry],
    articles: &mut [ArticlePage],
) {
    use crate::fragment_links::{note_pages, own_heading_targets, rewrite, rewrite_wikilinks};
    let targets = own_heading_targets(input.docs, entries, articles);
    let pages = note_pages(input.docs, entries, articles);
    let relink = |source: &str, markdown: &mut String| {
        if let Some(t) = targets.get(source)
            && let Some(md) = rewrite(markdown, t, "../")
        {
            *markdown = md;
        }
        if let Some(md) = rewrite_wikilinks(markdown, &pages, "../") {
            *markdown = md;
        }
    };
    for e in entries.iter_mut() {
        for a in &mut e.answers {
            relink(&a.source, &mut a.markdown);
        }
    }
    for a in articles.iter_mut() {
        relink(&a.source, &mut a.markdown);
    }
}

/// Most related entries kept from deduplication's near misses.
const MAX_RELATED: usize = 5;

/// Builds the dedup review and links each entry to the entries of its
/// near misses (closest first). `entries[i]` is the entry of cluster `i`.
fn review_and_relate(input: &AssembleInput, entries: &mut [HandbookEntry]) -> Review {
    let all = input.entries;
    let clusters = &input.clustering.clusters;
    let mut cluster_of = vec![0; all.len()];
    for (ci, c) in clusters.iter().enumerate() {
        for &m in &c.members {
            cluster_of[m] = ci;
        }
    }
    let pair = |p: &dedup::ScoredPair| ReviewPair {
        a: format!(
            "{}:{}: {}",
            all[p.a].source, all[p.a].line, all[p.a].question
        ),
        b: format!(
            "{}:{}: {}",
            all[p.b].source, all[p.b].line, all[p.b].question
        ),
        a_url: entries[cluster_of[p.a]].url.clone(),
        b_url: entries[cluster_of[p.b]].url.clone(),
        score: p.score,
        reason: p.reason.clone(),
    };
    let merged = clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.members.len() > 1)
        .map(|(ci, c)| ReviewCluster {
            entry: entries[ci].id.clone(),
            url: entries[ci].url.clone(),
            pairs: c.evidence.iter().map(pair).collect(),
        })
        .collect();
    let mut near: Vec<&dedup::ScoredPair> = input.clustering.near_misses.iter().collect();
    near.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let near_misses = near.iter().map(|p| pair(p)).collect();
    for p in near {
        let (ca, cb) = (cluster_of[p.a], cluster_of[p.b]);
        if ca == cb {
            continue;
        }
        for (from, to) in [(ca, cb), (cb, ca)] {
            let id = entries[to].id.clone();
            let rel = &mut entries[from].related;
            if rel.len() < MAX_RELATED && !rel.contains(&id) {
                rel.push(id);
            }
        }
    }
    Review {
        merged,
        near_misses,
    }
}

fn make_entry(all: &[Entry], cluster: &dedup::Cluster, id: String, chapter: &str) -> HandbookEntry {
    let canonical = &all[cluster.canonical];
    let mut variants = vec![variant(canonical)];
    variants.extend(
        cluster
            .members
            .iter()
            .filter(|&&m| m != cluster.canonical)
            .map(|&m| variant(&all[m])),
    );
    let answers: Vec<Answer> = dedup::rank_answers(all, &cluster.members)
        .into_iter()
        .map(|m| Answer {
            source: all[m].source.clone(),
            line: all[m].line,
            markdown: all[m].answer.clone(),
            links: Vec::new(),
        })
        .collect();
    HandbookEntry {
        url: format!("chapters/{chapter}.html#{id}"),
        id,
        title: canonical.question.clone(),
        chapter: chapter.to_string(),
        answered: !answers.is_empty(),
        concepts: Vec::new(),
        related: Vec::new(),
        variants,
        answers,
    }
}

fn variant(e: &Entry) -> Variant {
    Variant {
        source: e.source.clone(),
        line: e.line,
        question: e.question.clone(),
        answered: e.answered(),
    }
}

/// The chapter title of every cluster (see [`chapters`]). Sections of
/// article-like sources structure prose, not topics, so their entries are
/// placed by content like those of sources without sections.
fn chapter_titles(input: &AssembleInput) -> Vec<String> {
    let articles: std::collections::BTreeSet<&str> = input
        .extracted
        .iter()
        .filter(|x| x.format == Format::Article)
        .map(|x| x.source.as_str())
        .collect();
    let all = input.entries;
    let sections: Vec<Option<String>> = input
        .clustering
        .clusters
        .iter()
        .map(|c| {
            c.members
                .iter()
                .map(|&m| &all[m])
                .filter(|e| !articles.contains(e.source.as_str()))
                .filter_map(|e| e.section.last())
                .map(|s| clean_heading(s))
                .find(|s| !s.is_empty())
        })
        .collect();
    let items: Vec<chapters::Item> = input
        .clustering
        .clusters
        .iter()
        .zip(&sections)
        .map(|(c, s)| chapters::Item {
            section: s.as_deref(),
            questions: c
                .members
                .iter()
                .map(|&m| all[m].question.as_str())
                .collect(),
            answers: c.members.iter().map(|&m| all[m].answer.as_str()).collect(),
        })
        .collect();
    chapters::assign(&items)
}

/// Strips decoration from a source heading: leading emoji and symbols, and
/// a leading section number such as `12.`.
pub fn clean_heading(heading: &str) -> String {
    let t = heading.trim_start_matches(|c: char| !c.is_alphanumeric());
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    let t = if digits > 0 && t[digits..].starts_with(". ") {
        &t[digits + 2..]
    } else {
        t
    };
    t.trim().to_string()
}

fn source_infos(input: &AssembleInput) -> Vec<SourceInfo> {
    input
        .docs
        .iter()
        .zip(input.extracted)
        .map(|(doc, ex)| SourceInfo {
            name: doc.name.clone(),
            display: doc
                .front_matter
                .source
                .clone()
                .unwrap_or_else(|| input.config.source_name(&doc.name)),
            url: doc.front_matter.url.clone(),
            title: doc.front_matter.title.clone().or_else(|| {
                doc.body
                    .lines()
                    .find_map(|l| l.strip_prefix("# "))
                    .map(|t| t.trim().to_string())
            }),
            format: ex.format,
            questions: ex.entries.len(),
            lang: doc
                .front_matter
                .lang
                .clone()
                .filter(|l| crate::config::is_language_tag(l))
                .or_else(|| {
                    crate::text::tokens::detect_language(&prose_sample(&doc.body))
                        .map(str::to_string)
                })
                .unwrap_or_else(|| input.config.language().to_string()),
        })
        .collect()
}

/// Up to about 8 KiB of `body`'s prose for language detection: lines
/// outside fenced code blocks, without inline code spans and links' URLs
/// (code reads as English whatever the note's language).
fn prose_sample(body: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let t = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| t.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(f), Some(m)) if f == m => fence = None,
            (None, None) => {
                let mut in_code = false;
                for part in t.split('`') {
                    if !in_code {
                        out.push_str(part);
                    }
                    in_code = !in_code;
                }
                out.push('\n');
            }
            _ => {}
        }
        if out.len() > 8 * 1024 {
            break;
        }
    }
    out
}

fn articles(input: &AssembleInput) -> Vec<ArticlePage> {
    let mut slugs = SlugSet::default();
    input
        .extracted
        .iter()
        .zip(input.docs)
        .filter_map(|(ex, doc)| {
            let a = ex.article.as_ref()?;
            let title = doc.front_matter.title.clone().unwrap_or(a.title.clone());
            Some(ArticlePage {
                id: slugs.claim(&slugify(&clean_heading(&title), 8)),
                title: clean_heading(&title),
                source: a.source.clone(),
                markdown: a.markdown.clone(),
                links: Vec::new(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_heading_strips_decoration_and_numbers() {
        assert_eq!(
            clean_heading("🔹 Python Internal Working – Questions"),
            "Python Internal Working – Questions"
        );
        assert_eq!(clean_heading("⚙️ Exception Handling"), "Exception Handling");
        assert_eq!(
            clean_heading("12. Common Interview Questions & Hints"),
            "Common Interview Questions & Hints"
        );
        assert_eq!(clean_heading("3D graphics"), "3D graphics");
    }
}

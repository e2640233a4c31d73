//! View models: the handbook reshaped for templates, with markdown already
//! rendered to HTML. Templates only lay these out; they compute nothing.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use super::markdown::MarkdownRenderer;
use crate::model::{ConceptLink, EntryLinks, Handbook, HandbookEntry, Linked, LinkedConcept};
use crate::site::paths;
use crate::text::escape::{Escape, escape_html};
use crate::text::markdown::{Heading, inline_to_text};

/// An entry as a chapter page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// Anchor id (the entry's slug).
    pub id: String,
    /// Title as HTML (code spans rendered).
    pub title_html: String,
    /// Title as plain text.
    pub title_text: String,
    /// Whether any source answers it.
    pub answered: bool,
    /// Answers, most complete first.
    pub answers: Vec<AnswerView>,
    /// Where the canonical phrasing came from.
    pub origin: OriginView,
    /// The other phrasings ("also asked as").
    pub also_asked: Vec<PhrasingView>,
    /// Site-relative URL of the entry.
    pub url: String,
    /// Related entries (not duplicates).
    pub related: Vec<EntryLink>,
    /// The entry's concepts as tags: what it is about, then what its
    /// answers mention.
    pub concepts: Vec<ConceptTag>,
}

/// A link to a concept page.
#[derive(Debug, Clone, Serialize)]
pub struct ConceptTag {
    /// Concept id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Site-relative URL (`concepts/<id>.html`).
    pub url: String,
}

/// One answer, rendered.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    /// Sanitised HTML of the answer, held as a template value: the chapter
    /// page and the print page both show it, and a template value is
    /// shared between their contexts instead of copied (answers are most of
    /// a large handbook's bytes).
    pub html: tera::Value,
    /// Where it came from.
    pub origin: OriginView,
}

/// A source location shown to readers.
#[derive(Debug, Clone, Serialize)]
pub struct OriginView {
    /// The source's display name.
    pub source_name: String,
    /// The source's path under `content/`.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The source's language tag when it differs from the handbook's
    /// (for a `lang` attribute on what it wrote); `None` when the same.
    pub lang: Option<String>,
    /// Where the author edits this line (`edit_url` filled in), if set.
    pub edit: Option<String>,
}

/// Another phrasing of an entry's question.
#[derive(Debug, Clone, Serialize)]
pub struct PhrasingView {
    /// The phrasing as HTML.
    pub html: String,
    /// Where it came from.
    pub origin: OriginView,
}

/// A chapter as the navigation and the table of contents show it.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterLink {
    /// Chapter slug.
    pub id: String,
    /// Title.
    pub title: String,
    /// Site-relative URL of the chapter page.
    pub url: String,
    /// Number of entries.
    pub count: usize,
    /// Number of answered entries.
    pub answered: usize,
    /// The entries' titles and URLs (for the home page's contents).
    pub entries: Vec<EntryLink>,
}

/// A link to an entry.
#[derive(Debug, Clone, Serialize)]
pub struct EntryLink {
    /// Title as HTML.
    pub title_html: String,
    /// Site-relative URL.
    pub url: String,
    /// Whether any source answers it.
    pub answered: bool,
}

/// A concept page's content.
#[derive(Debug, Clone, Serialize)]
pub struct ConceptView {
    /// The concept as a tag (id, name, URL).
    pub tag: ConceptTag,
    /// The catalog's one-line summary.
    pub summary: Option<String>,
    /// Other spellings: the aliases that differ from the name in more
    /// than letter case ([`other_spellings`]).
    pub aliases: Vec<String>,
    /// The entry that best defines it, with a quote of its answer.
    pub defining: Option<DefiningView>,
    /// Entries whose question names it.
    pub about: Vec<EntryLink>,
    /// Entries whose answers mention it (backlinks).
    pub mentioned_in: Vec<EntryLink>,
    /// The strongest [`RELATED_SHOWN`] related concepts, with the reasons.
    pub related: Vec<RelatedConceptView>,
    /// The other related concepts, weakest last, as tags only.
    pub more_related: Vec<ConceptTag>,
    /// Found in the notes by discovery rather than listed in a catalog.
    pub discovered: bool,
    /// Why discovery kept it, when it was discovered.
    pub evidence: Option<String>,
}

/// The defining entry of a concept and the start of its answer.
#[derive(Debug, Clone, Serialize)]
pub struct DefiningView {
    /// The entry.
    pub entry: EntryLink,
    /// The first paragraph of its best answer, as plain text.
    pub excerpt: String,
}

/// A related concept and why it is related.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedConceptView {
    /// The other concept.
    pub tag: ConceptTag,
    /// The catalog lists the relation.
    pub explicit: bool,
    /// Number of entries involving both concepts.
    pub count: usize,
    /// The first [`EVIDENCE_SHOWN`] of those entries.
    pub together: Vec<EntryLink>,
    /// The sentence that defines one concept with the other, when the
    /// page does not already show it.
    pub definition: Option<String>,
    /// A sentence defines one concept with the other and the page already
    /// shows it, in the summary, the defining quote or an earlier relation.
    pub definition_above: bool,
    /// Related only by a defining sentence (not listed, never together).
    pub defined_together: bool,
    /// Number of pairs of questions asked one right after the other, one
    /// about each concept.
    pub beside_count: usize,
    /// The first [`EVIDENCE_SHOWN`] of those pairs.
    pub beside: Vec<BesidePair>,
}

/// Two questions asked one right after the other in a source.
#[derive(Debug, Clone, Serialize)]
pub struct BesidePair {
    /// The question asked first.
    pub first: EntryLink,
    /// The question asked right after it.
    pub next: EntryLink,
}

/// Entries shown as evidence for one concept relation.
pub const EVIDENCE_SHOWN: usize = 5;

/// Related concepts a concept page shows with their reasons and evidence,
/// the strongest first; the rest are listed by name. A concept every
/// answer touches can have well over a hundred relations in a large
/// handbook; `handbook.json` keeps them all.
pub const RELATED_SHOWN: usize = 20;

/// An article page, rendered.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Slug.
    pub id: String,
    /// Title.
    pub title: String,
    /// Sanitised HTML body.
    pub html: String,
    /// The article's headings (for its contents list).
    pub headings: Vec<Heading>,
    /// Where it came from.
    pub origin: OriginView,
    /// Site-relative URL.
    pub url: String,
}

/// Widens a mention inside an inline code span (`` `GIL` ``,
/// `` `__init__()` ``) to the whole span, backticks included, so the link
/// wraps the code instead of breaking it.
fn code_span_bounds(md: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let bytes = md.as_bytes();
    if r.start == 0 || bytes[r.start - 1] != b'`' {
        return r;
    }
    let start = md[..r.start].trim_end_matches('`').len();
    let ticks = r.start - start;
    let fence = "`".repeat(ticks);
    match md[r.end..].find(&fence) {
        Some(i) => start..r.end + i + ticks,
        None => r,
    }
}

/// Whether two language tags name the same language (`zh-CN` and `zh`):
/// their primary subtags are equal, ignoring case.
fn same_language(a: &str, b: &str) -> bool {
    let primary = |t: &str| t.split('-').next().unwrap_or("").to_ascii_lowercase();
    primary(a) == primary(b)
}

/// Builds views from the handbook, rendering each markdown fragment once.
pub struct Views<'a> {
    linked: &'a Linked,
    hb: &'a Handbook,
    md: &'a MarkdownRenderer<'a>,
    display: BTreeMap<&'a str, &'a str>,
    /// Sources whose language differs from the handbook's, and theirs.
    lang: BTreeMap<&'a str, &'a str>,
    by_id: BTreeMap<&'a str, &'a HandbookEntry>,
    /// Each entry's concept layer, by entry id.
    links: BTreeMap<&'a str, &'a EntryLinks>,
    concepts: BTreeMap<&'a str, &'a LinkedConcept>,
    /// Each entry's title as HTML, by entry id: rendered once, because a
    /// title appears on its chapter page, in the contents, as a related
    /// question of other entries and on concept pages.
    titles: HashMap<&'a str, String>,
}

impl<'a> Views<'a> {
    /// Views over `linked`, rendering markdown with `md`.
    pub fn new(linked: &'a Linked, md: &'a MarkdownRenderer) -> Self {
        let hb = &linked.handbook;
        let display = hb
            .sources
            .iter()
            .map(|s| (s.name.as_str(), s.display.as_str()))
            .collect();
        let lang = hb
            .sources
            .iter()
            .filter(|s| !same_language(&s.lang, &hb.language))
            .map(|s| (s.name.as_str(), s.lang.as_str()))
            .collect();
        let by_id = hb.entries.iter().map(|e| (e.id.as_str(), e)).collect();
        let links = hb
            .entries
            .iter()
            .zip(&linked.entries)
            .map(|(e, l)| (e.id.as_str(), l))
            .collect();
        let concepts = linked.concepts.iter().map(|c| (c.id.as_str(), c)).collect();
        let titles = hb
            .entries
            .par_iter()
            .map(|e| (e.id.as_str(), md.render_inline(&e.title)))
            .collect();
        Views {
            linked,
            hb,
            md,
            display,
            lang,
            by_id,
            links,
            concepts,
            titles,
        }
    }

    /// The title of `e` as HTML.
    fn title_of(&self, e: &HandbookEntry) -> String {
        match self.titles.get(e.id.as_str()) {
            Some(html) => html.clone(),
            None => self.md.render_inline(&e.title),
        }
    }

    fn origin(&self, file: &str, line: usize) -> OriginView {
        OriginView {
            source_name: self.display.get(file).copied().unwrap_or(file).to_string(),
            file: file.to_string(),
            line,
            lang: self.lang.get(file).map(|l| l.to_string()),
            edit: self
                .hb
                .edit_url
                .as_deref()
                .map(|t| edit_link(t, file, line)),
        }
    }

    /// The view of one entry.
    pub fn entry(&self, e: &HandbookEntry) -> EntryView {
        let canonical = &e.variants[0];
        let layer = self.links.get(e.id.as_str());
        let no_links: &[ConceptLink] = &[];
        let answer_links = |i: usize| {
            layer
                .and_then(|l| l.answers.get(i))
                .map_or(no_links, Vec::as_slice)
        };
        EntryView {
            id: e.id.clone(),
            title_html: self.title_of(e),
            title_text: inline_to_text(&e.title).into_owned(),
            answered: e.answered,
            answers: e
                .answers
                .iter()
                .enumerate()
                .map(|(i, a)| AnswerView {
                    html: tera::Value::from(
                        self.md
                            .render(
                                &self.linked(&a.markdown, answer_links(i)),
                                &format!("{}-{}-", e.id, i + 1),
                                3,
                            )
                            .html,
                    ),
                    origin: self.origin(&a.source, a.line),
                })
                .collect(),
            origin: self.origin(&canonical.source, canonical.line),
            also_asked: e.variants[1..]
                .iter()
                .map(|v| PhrasingView {
                    html: self.md.render_inline(&v.question),
                    origin: self.origin(&v.source, v.line),
                })
                .collect(),
            url: paths::entry(&e.chapter, &e.id),
            related: layer
                .map(|l| l.related.as_slice())
                .unwrap_or_default()
                .iter()
                .filter_map(|id| self.by_id.get(id.as_str()))
                .map(|r| self.entry_link(r))
                .collect(),
            concepts: layer
                .map(|l| l.concepts.as_slice())
                .unwrap_or_default()
                .iter()
                .filter_map(|id| self.tag(id))
                .collect(),
        }
    }

    /// A title (inline markdown) as HTML.
    pub fn title_html(&self, title: &str) -> String {
        self.md.render_inline(title)
    }

    /// A link to `e`.
    pub fn entry_link(&self, e: &HandbookEntry) -> EntryLink {
        EntryLink {
            title_html: self.title_of(e),
            url: paths::entry(&e.chapter, &e.id),
            answered: e.answered,
        }
    }

    /// The tag of the concept `id`, if the handbook has it.
    pub fn tag(&self, id: &str) -> Option<ConceptTag> {
        self.concepts.get(id).map(|c| ConceptTag {
            id: c.id.clone(),
            name: c.name.clone(),
            url: paths::concept(&c.id),
        })
    }

    /// `markdown` with each of `links` turned into a markdown link to its
    /// concept page, relative to a page one directory deep (chapters).
    fn linked(&self, markdown: &str, links: &[ConceptLink]) -> String {
        let mut out = String::with_capacity(markdown.len() + links.len() * 40);
        let mut at = 0;
        for l in links {
            let r = code_span_bounds(markdown, l.range.clone());
            if r.start < at || r.end > markdown.len() {
                continue;
            }
            let name = self
                .concepts
                .get(l.concept.as_str())
                .map_or(l.concept.as_str(), |c| c.name.as_str());
            out.push_str(&markdown[at..r.start]);
            out.push('[');
            out.push_str(&markdown[r.clone()]);
            out.push_str(&format!(
                "](../{} \"{}\")",
                paths::concept(&l.concept),
                name.replace('"', "'")
            ));
            at = r.end;
        }
        out.push_str(&markdown[at..]);
        out
    }

    /// The page content of every concept, in catalog order.
    pub fn concepts(&self) -> Vec<ConceptView> {
        let links = |ids: &[String]| -> Vec<EntryLink> {
            ids.iter()
                .filter_map(|id| self.by_id.get(id.as_str()))
                .map(|e| self.entry_link(e))
                .collect()
        };
        self.linked
            .concepts
            .iter()
            .filter_map(|c| {
                let defining = c.defining.as_deref().and_then(|id| self.defining(id));
                // Each sentence once per page: what the defining quote
                // shows is no lead, and a relation's sentence shown above
                // is pointed to, not quoted again.
                let mut shown: Vec<String> =
                    defining.iter().map(|d| as_shown(&d.excerpt)).collect();
                let summary = c.summary.clone().filter(|s| !already_shown(s, &shown));
                shown.extend(summary.iter().map(|s| as_shown(s)));
                let shown_relations = &c.relations[..c.relations.len().min(RELATED_SHOWN)];
                let more_related = c.relations[shown_relations.len()..]
                    .iter()
                    .filter_map(|r| self.tag(&r.concept))
                    .collect();
                let related = shown_relations
                    .iter()
                    .filter_map(|r| {
                        let tag = self.tag(&r.concept)?;
                        let above = r
                            .definition
                            .as_deref()
                            .is_some_and(|d| already_shown(d, &shown));
                        let definition = r.definition.clone().filter(|_| !above);
                        shown.extend(definition.iter().map(|d| as_shown(d)));
                        Some(RelatedConceptView {
                            tag,
                            explicit: r.explicit,
                            count: r.together.len(),
                            together: links(&r.together[..r.together.len().min(EVIDENCE_SHOWN)]),
                            definition,
                            definition_above: above,
                            defined_together: r.definition.is_some()
                                && !r.explicit
                                && r.together.is_empty(),
                            beside_count: r.beside.len(),
                            beside: r.beside[..r.beside.len().min(EVIDENCE_SHOWN)]
                                .iter()
                                .filter_map(|pair| {
                                    let [first, next] = links(pair).try_into().ok()?;
                                    Some(BesidePair { first, next })
                                })
                                .collect(),
                        })
                    })
                    .collect();
                Some(ConceptView {
                    tag: self.tag(&c.id)?,
                    summary,
                    discovered: c.discovered,
                    evidence: c.evidence.clone(),
                    aliases: other_spellings(&c.name, &c.aliases),
                    defining,
                    about: links(&c.about),
                    mentioned_in: links(&c.mentioned_in),
                    related,
                    more_related,
                })
            })
            .collect()
    }

    fn defining(&self, id: &str) -> Option<DefiningView> {
        let e = self.by_id.get(id)?;
        let answer = e.answers.first()?;
        Some(DefiningView {
            entry: self.entry_link(e),
            excerpt: crate::text::markdown::excerpt(&answer.markdown, 320),
        })
    }

    /// Links to every chapter, with their entries, in reading order.
    pub fn chapter_links(&self) -> Vec<ChapterLink> {
        // In parallel (rayon keeps the order); the titles were rendered
        // once in `Views::new`.
        self.hb
            .chapters
            .par_iter()
            .map(|c| {
                let entries: Vec<EntryLink> = c
                    .entries
                    .iter()
                    .filter_map(|id| self.by_id.get(id.as_str()))
                    .map(|e| self.entry_link(e))
                    .collect();
                ChapterLink {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    url: paths::chapter(&c.id),
                    count: entries.len(),
                    answered: entries.iter().filter(|e| e.answered).count(),
                    entries,
                }
            })
            .collect()
    }

    /// The views of every article.
    pub fn articles(&self) -> Vec<ArticleView> {
        self.hb
            .articles
            .iter()
            .zip(&self.linked.articles)
            .map(|(a, links)| {
                let r = self.md.render(&self.linked(&a.markdown, links), "", 2);
                ArticleView {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    html: r.html,
                    headings: r.headings.into_iter().filter(|h| h.level == 2).collect(),
                    origin: self.origin(&a.source, 1),
                    url: paths::note(&a.id),
                }
            })
            .collect()
    }
}

/// Deduplication's review (`duplicates.html`), with the entries' URLs.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView<'a> {
    /// Merged entries and the pairs that merged them.
    pub merged: Vec<ReviewClusterView<'a>>,
    /// The closest pairs kept apart: the [`REVIEW_NEAR_MISSES`] highest
    /// scores, in the handbook's order.
    pub near_misses: Vec<ReviewPairView<'a>>,
    /// How many pairs were kept apart in all.
    pub near_misses_total: usize,
    /// How entries without a section got their chapter.
    pub placements: Vec<PlacementView<'a>>,
}

/// How one entry without a section got its chapter.
#[derive(Debug, Clone, Serialize)]
pub struct PlacementView<'a> {
    /// The entry's title, as HTML.
    pub title_html: String,
    /// Its URL.
    pub url: String,
    /// Its chapter's title.
    pub chapter: &'a str,
    /// The best fit of its words to a chapter.
    pub fit: f64,
    /// No fit was confident: it stays with its source.
    pub with_source: bool,
}

/// One merged entry.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewClusterView<'a> {
    /// The entry's id.
    pub entry: &'a str,
    /// The entry's title, as HTML.
    pub title_html: String,
    /// Its URL.
    pub url: String,
    /// The pairs that merged it.
    pub pairs: Vec<ReviewPairView<'a>>,
}

/// A scored pair of questions, with the URLs of their entries.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewPairView<'a> {
    /// First question, as `file:line: text`.
    pub a: &'a str,
    /// Second question.
    pub b: &'a str,
    /// `a` as HTML: its place, then its text rendered as inline markdown.
    pub a_html: String,
    /// `b` as HTML.
    pub b_html: String,
    /// URL of the entry holding `a`.
    pub a_url: String,
    /// URL of the entry holding `b`.
    pub b_url: String,
    /// Similarity score (0–1).
    pub score: f64,
    /// What the score rests on.
    pub reason: &'a str,
}

impl<'a> Views<'a> {
    /// The review of deduplication's decisions, with entry URLs.
    pub fn review(&self) -> ReviewView<'a> {
        let by_id = &self.by_id;
        let url = |id: &str| {
            by_id
                .get(id)
                .map(|e| paths::entry(&e.chapter, &e.id))
                .unwrap_or_default()
        };
        // A label is `file:line: question`; the question is markdown.
        let label = |l: &str| match l.split_once(": ") {
            Some((at, q)) => format!(
                "<span class=\"loc\">{}</span> {}",
                escape_html(at, Escape::Text),
                self.md.render_inline(q)
            ),
            None => self.md.render_inline(l),
        };
        let pair = |p: &'a crate::model::ReviewPair| ReviewPairView {
            a: &p.a,
            b: &p.b,
            a_html: label(&p.a),
            b_html: label(&p.b),
            a_url: url(&p.a_entry),
            b_url: url(&p.b_entry),
            score: p.score,
            reason: &p.reason,
        };
        let review = &self.hb.review;
        ReviewView {
            // In parallel (rayon keeps the order): a large handbook has
            // thousands of pairs, each with two labels to render.
            merged: review
                .merged
                .par_iter()
                .map(|c| ReviewClusterView {
                    entry: &c.entry,
                    title_html: by_id
                        .get(c.entry.as_str())
                        .map_or_else(|| c.entry.clone(), |e| self.title_of(e)),
                    url: url(&c.entry),
                    pairs: c.pairs.iter().map(pair).collect(),
                })
                .collect(),
            near_misses: closest(&review.near_misses, REVIEW_NEAR_MISSES)
                .into_par_iter()
                .map(pair)
                .collect(),
            near_misses_total: review.near_misses.len(),
            placements: review
                .placements
                .iter()
                .map(|p| PlacementView {
                    title_html: by_id
                        .get(p.entry.as_str())
                        .map_or_else(|| p.entry.clone(), |e| self.title_of(e)),
                    url: url(&p.entry),
                    chapter: &p.chapter,
                    fit: p.fit,
                    with_source: p.with_source,
                })
                .collect(),
        }
    }
}

/// The most near misses the duplicates review lists (2000). A large
/// handbook keeps apart far more pairs than anyone reviews (165 000 at
/// 100 000 questions, 110 MB of HTML); the closest are the ones worth a
/// look.
pub const REVIEW_NEAR_MISSES: usize = 2000;

/// The `max` pairs of `pairs` with the highest scores (ties: the earlier
/// pair), in their order in `pairs`.
fn closest(pairs: &[crate::model::ReviewPair], max: usize) -> Vec<&crate::model::ReviewPair> {
    if pairs.len() <= max {
        return pairs.iter().collect();
    }
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by(|&x, &y| pairs[y].score.total_cmp(&pairs[x].score).then(x.cmp(&y)));
    order.truncate(max);
    order.sort_unstable();
    order.into_iter().map(|i| &pairs[i]).collect()
}

/// `template` (`edit_url`) with `{path}` replaced by `file`, each path
/// segment percent-encoded, and `{line}` by `line`.
pub fn edit_link(template: &str, file: &str, line: usize) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    /// Characters a URL path segment cannot hold as they are.
    const SEGMENT: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'/')
        .add(b'[')
        .add(b']');
    let path: Vec<String> = file
        .split('/')
        .map(|seg| utf8_percent_encode(seg, SEGMENT).to_string())
        .collect();
    template
        .replace("{path}", &path.join("/"))
        .replace("{line}", &line.to_string())
}

/// `text` as a page shows it, for finding repeats: each run of white
/// space one space, trimmed.
fn as_shown(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether one of `shown` (texts [`as_shown`]) already holds `text`, or,
/// for a relation's "Name: sentence" (a catalog summary naming the other
/// concept), its sentence.
fn already_shown(text: &str, shown: &[String]) -> bool {
    let text = as_shown(text);
    let sentence = text
        .split_once(": ")
        .map(|(_, s)| s)
        .filter(|s| !s.is_empty());
    !text.is_empty()
        && shown
            .iter()
            .any(|s| s.contains(&text) || sentence.is_some_and(|t| s.contains(t)))
}

/// The aliases of a concept named `name` that a reader would call another
/// spelling: those that differ from the name, and from each other, in
/// more than letter case ("deep copy" is no other spelling of "Deep
/// copy"), first spelling kept, in catalog order.
fn other_spellings(name: &str, aliases: &[String]) -> Vec<String> {
    let mut seen = vec![name.to_lowercase()];
    let mut out = Vec::new();
    for a in aliases {
        let folded = a.to_lowercase();
        if !seen.contains(&folded) {
            seen.push(folded);
            out.push(a.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ReviewPair;

    #[test]
    fn other_spellings_differ_from_the_name_in_more_than_case() {
        let aliases: Vec<String> = [
            "Memory Management",
            "memory manager",
            "Memory manager",
            "GC",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            other_spellings("Memory management", &aliases),
            ["memory manager", "GC"]
        );
        assert!(other_spellings("Деревья", &["деревья".to_string()]).is_empty());
    }

    #[test]
    fn the_review_lists_the_closest_near_misses_in_order() {
        let pair = |a: &str, score: f64| ReviewPair {
            a: a.into(),
            b: "b".into(),
            a_entry: a.into(),
            b_entry: "b".into(),
            score,
            reason: String::new(),
        };
        let pairs = vec![
            pair("p", 0.5),
            pair("q", 0.9),
            pair("r", 0.7),
            pair("s", 0.9),
        ];
        let names =
            |v: Vec<&ReviewPair>| -> Vec<String> { v.into_iter().map(|p| p.a.clone()).collect() };
        assert_eq!(names(closest(&pairs, 2)), ["q", "s"]);
        assert_eq!(names(closest(&pairs, 3)), ["q", "r", "s"]);
        assert_eq!(names(closest(&pairs, 10)), ["p", "q", "r", "s"]);
    }
}

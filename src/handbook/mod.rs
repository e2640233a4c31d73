//! Stage 4, **handbook**: clusters of extracted questions become the
//! [`Handbook`]: entries with stable slugs, chapters, articles and the
//! sources' metadata. This is the model every output (HTML pages,
//! `handbook.json`, the search index) is rendered from.
//!
//! *Invariant*: every extracted question appears exactly once, as a variant
//! of exactly one entry, and every entry sits in exactly one chapter.

pub mod chapters;
pub mod fragment_links;
pub mod patch;
pub mod permalinks;
pub mod pinned;
pub mod related;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::Config;
use crate::dedup::{self, Clustering};
use crate::extract::{Entry, Extracted, Format};
use crate::ingest::SourceDoc;
use crate::model::{
    Answer, ArticlePage, Chapter, Handbook, HandbookEntry, Moved, Review, ReviewCluster,
    ReviewPair, ReviewPlacement, SourceInfo, Variant,
};
use crate::text::slug::{SlugSet, slugify};

/// What [`assemble`] needs: the configuration and the earlier stages' output.
pub struct AssembleInput<'a> {
    /// The project's configuration.
    pub config: &'a Config,
    /// The ingested notes (for display names and front matter).
    pub docs: &'a [SourceDoc],
    /// One [`Extracted`] per doc, in the same order, for its format and
    /// article; its `entries` are not read (the pipeline moves them into
    /// `entries`).
    pub extracted: &'a [Extracted],
    /// All entries extracted, flattened in doc order (what was clustered).
    pub entries: &'a [Entry],
    /// The clustering of `entries`.
    pub clustering: &'a Clustering,
    /// The permalinks recorded by the last build
    /// ([`permalinks::PERMALINKS_FILE`]; empty for a first build).
    pub permalinks: &'a permalinks::Permalinks,
}

/// Builds the handbook model. Pure and deterministic.
///
/// An entry keeps the slug [`permalinks::assign`] gives it from
/// `input.permalinks`; the others take their canonical question's anchor,
/// made unique in entry order. Recorded URLs that changed become
/// [`Moved`] redirects.
pub fn assemble(input: &AssembleInput) -> Handbook {
    let sources = source_infos(input);
    // Each cluster's recorded slug, if it keeps one (the same questions
    // its entry will have as variants).
    let keys: Vec<_> = input
        .clustering
        .clusters
        .iter()
        .map(|c| {
            permalinks::keys(c.members.iter().map(|&m| {
                let e = &input.entries[m];
                (e.source.as_str(), e.question.as_str())
            }))
        })
        .collect();
    let kept = permalinks::assign(&keys, input.permalinks);
    let (titles, placed) = chapter_titles(input, &kept);
    let mut chapter_slugs = SlugSet::default();
    let mut chapters: Vec<Chapter> = Vec::new();
    let mut chapter_by_title: BTreeMap<String, usize> = BTreeMap::new();
    let mut entries = Vec::with_capacity(input.clustering.clusters.len());
    let mut chapter_of = Vec::with_capacity(input.clustering.clusters.len());
    // Configured chapters read first, in the order written; their slugs
    // are claimed before any other chapter's.
    for c in &input.config.chapters {
        let title = c.title.trim();
        if titles.iter().any(|t| t == title) {
            chapter_by_title.insert(title.to_string(), chapters.len());
            chapters.push(Chapter {
                id: chapter_slugs.claim(&c.slug.clone().unwrap_or_else(|| slugify(title, 8))),
                title: title.to_string(),
                entries: Vec::new(),
            });
        }
    }
    for title in titles {
        let ci = *chapter_by_title.entry(title.clone()).or_insert_with(|| {
            chapters.push(Chapter {
                id: chapter_slugs.claim(&slugify(&title, 8)),
                title,
                entries: Vec::new(),
            });
            chapters.len() - 1
        });
        chapter_of.push(ci);
    }
    // Entries are built in parallel (ranking a cluster's answers reads
    // them all), collected in cluster order.
    input
        .clustering
        .clusters
        .par_iter()
        .zip(&chapter_of)
        .map(|(cluster, &ci)| make_entry(input.entries, cluster, String::new(), &chapters[ci].id))
        .collect_into_vec(&mut entries);
    let mut entry_slugs = SlugSet::default();
    for slug in kept.iter().flatten() {
        entry_slugs.claim(slug);
    }
    for ((e, kept), &ci) in entries.iter_mut().zip(kept).zip(&chapter_of) {
        e.id = kept.unwrap_or_else(|| entry_slugs.claim(&crate::text::slug::anchor(&e.title, 10)));
        chapters[ci].entries.push(e.id.clone());
    }
    let moved = moved(&entries, input.permalinks);
    // The catch-all chapter reads last.
    if let Some(i) = chapters.iter().position(|c| c.title == chapters::CATCH_ALL) {
        let c = chapters.remove(i);
        chapters.push(c);
    }
    let mut review = review_and_relate(input, &mut entries);
    let title_of: BTreeMap<&str, &str> = chapters
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    review.placements = entries
        .iter()
        .zip(&placed)
        .filter_map(|(e, how)| {
            let (placed, chosen) = how.as_ref()?;
            let chapter = title_of
                .get(e.chapter.as_str())
                .copied()
                .unwrap_or_default();
            let (fit, with_source) = match *placed {
                chapters::Placed::Content(fit) => (fit, false),
                chapters::Placed::Source(fit) => (fit, chapter == chosen.as_str()),
                chapters::Placed::Section => return None,
            };
            Some(ReviewPlacement {
                entry: e.id.clone(),
                chapter: chapter.to_string(),
                fit,
                with_source,
            })
        })
        .collect();
    // Reading order: chapters as first met, entries by chapter.
    let order: BTreeMap<&str, usize> = chapters
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| c.entries.iter().map(move |e| (e.as_str(), ci)))
        .collect();
    // Within a chapter, sources with a front matter `weight` read first,
    // lightest first (Zola's and Hugo's page weight).
    let weights: BTreeMap<&str, i64> = input
        .docs
        .iter()
        .filter_map(|d| Some((d.name.as_str(), pinned::weight(d)?)))
        .collect();
    let mut keyed: Vec<(usize, i64, usize, HandbookEntry)> = entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let w = e
                .variants
                .first()
                .and_then(|v| weights.get(v.source.as_str()))
                .copied()
                .unwrap_or(i64::MAX);
            (order[e.id.as_str()], w, i, e)
        })
        .collect();
    keyed.sort_by_key(|(c, w, i, _)| (*c, *w, *i));
    let mut entries: Vec<HandbookEntry> = keyed.into_iter().map(|(_, _, _, e)| e).collect();
    if !weights.is_empty() {
        for c in &mut chapters {
            let at: BTreeMap<&str, usize> = entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), i))
                .collect();
            c.entries.sort_by_key(|id| at[id.as_str()]);
        }
    }
    let mut articles = articles(input);
    link_own_headings(input, &mut entries, &mut articles);
    Handbook {
        title: input.config.title().to_string(),
        description: input.config.description.clone(),
        language: input.config.language().to_string(),
        entries,
        chapters,
        articles,
        sources,
        review,
        moved,
        edit_url: input.config.edit_url.clone(),
    }
}

/// The redirects of the permalink map after this build: every alias of
/// a live entry ([`permalinks::record`]) that is not itself a live entry's
/// URL, sorted by old URL.
fn moved(entries: &[HandbookEntry], recorded: &permalinks::Permalinks) -> Vec<Moved> {
    use crate::site::paths::Page;
    if recorded.entries.is_empty() {
        return Vec::new();
    }
    let live: std::collections::BTreeSet<(&str, &str)> = entries
        .iter()
        .map(|e| (e.chapter.as_str(), e.id.as_str()))
        .collect();
    let map = permalinks::record(entries, recorded);
    let mut out = Vec::new();
    for (slug, r) in &map.entries {
        for alias in &r.aliases {
            let Some((page, from_slug)) = alias.split_once('#') else {
                continue;
            };
            // A hand-edited map is the author's text: an old chapter id
            // must be one plain path segment, as docgen's slugs are.
            let Some(Page::Chapter(from_chapter)) = Page::parse(page) else {
                continue;
            };
            let segment = !from_chapter.is_empty()
                && from_chapter
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
            if !segment || !page.starts_with("chapters/") {
                continue;
            }
            if live.contains(&(from_chapter, from_slug)) {
                continue;
            }
            out.push(Moved {
                chapter: from_chapter.to_string(),
                slug: from_slug.to_string(),
                entry: slug.clone(),
            });
        }
    }
    out.sort_by(|a, b| (&a.chapter, &a.slug).cmp(&(&b.chapter, &b.slug)));
    out.dedup_by(|a, b| a.chapter == b.chapter && a.slug == b.slug);
    out
}

/// Points a source's links to its own headings at the entries those
/// headings became, and wikilinks to other notes at their pages
/// ([`fragment_links`]), in its answers and its article. Answers and articles render on pages one folder deep
/// (`chapters/`, `notes/`, `concepts/`), hence the `../`.
fn link_own_headings(
    input: &AssembleInput,
    entries: &mut [HandbookEntry],
    articles: &mut [ArticlePage],
) {
    use self::fragment_links::{note_pages, own_heading_targets, rewrite, rewrite_wikilinks};
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
    // Each answer is rewritten on its own: in parallel.
    entries
        .par_iter_mut()
        .flat_map(|e| e.answers.par_iter_mut())
        .for_each(|a| relink(&a.source, &mut a.markdown));
    articles
        .par_iter_mut()
        .for_each(|a| relink(&a.source, &mut a.markdown));
}

/// Builds the dedup review and gives each entry the entries of its near
/// misses ([`related::near_misses`]). `entries[i]` is the entry of
/// cluster `i`.
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
        a_entry: entries[cluster_of[p.a]].id.clone(),
        b_entry: entries[cluster_of[p.b]].id.clone(),
        score: p.score,
        reason: p.reason.clone(),
    };
    let merged = clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.members.len() > 1)
        .map(|(ci, c)| ReviewCluster {
            entry: entries[ci].id.clone(),
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
    let pairs: Vec<(usize, usize)> = near
        .iter()
        .map(|p| (cluster_of[p.a], cluster_of[p.b]))
        .collect();
    let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    let similar = related::near_misses(&ids, &pairs);
    for (e, s) in entries.iter_mut().zip(similar) {
        e.similar = s;
    }
    Review {
        merged,
        near_misses,
        placements: Vec::new(),
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
        })
        .collect();
    HandbookEntry {
        id,
        title: canonical.question.clone(),
        chapter: chapter.to_string(),
        answered: !answers.is_empty(),
        similar: Vec::new(),
        variants,
        answers,
    }
}

/// The handbook's record of one extracted phrasing.
pub(crate) fn variant(e: &Entry) -> Variant {
    Variant {
        source: e.source.clone(),
        line: e.line,
        question: e.question.clone(),
        answered: e.answered(),
        section: e
            .section
            .last()
            .map(|s| clean_heading(s))
            .filter(|s| !s.is_empty()),
    }
}

/// The chapter title of every cluster (see [`chapters`]). Sections of
/// article-like sources structure prose, not topics, so their entries are
/// placed by content like those of sources without sections.
/// Also returns, per cluster, how this build placed it when it was by
/// content or by source, with the chapter it chose (`None` for a section
/// or a chapter the author pinned). The chapter kept from the permalink
/// map may differ from this build's choice.
fn chapter_titles(
    input: &AssembleInput,
    kept: &[Option<String>],
) -> (Vec<String>, Vec<Option<(chapters::Placed, String)>>) {
    let members: Vec<Vec<usize>> = input
        .clustering
        .clusters
        .iter()
        .map(|c| c.members.clone())
        .collect();
    let pinned = pinned::titles(input.config, input.docs, input.entries, &members);
    let auto = auto_chapter_titles(input, &pinned);
    // Placement is stable: an entry the last build placed keeps that
    // chapter while the chapter still exists (the permalink map records
    // it), so adding or removing a source moves no entry outside it.
    let distinct: std::collections::BTreeSet<&String> = auto.iter().map(|p| &p.chapter).collect();
    let by_id: BTreeMap<String, &String> =
        distinct.into_iter().map(|t| (slugify(t, 8), t)).collect();
    let mut auto = auto.iter();
    pinned
        .into_iter()
        .zip(kept)
        .map(|(p, kept)| match p {
            Some(title) => (title, None),
            None => {
                let fresh = auto.next().expect("one title per unpinned cluster");
                let from_map = kept
                    .as_ref()
                    .and_then(|slug| input.permalinks.entries.get(slug))
                    .and_then(|r| by_id.get(&r.chapter));
                let chapter = from_map.map_or_else(|| fresh.chapter.clone(), |t| (*t).clone());
                let how = (fresh.placed != chapters::Placed::Section)
                    .then(|| (fresh.placed, fresh.chapter.clone()));
                (chapter, how)
            }
        })
        .unzip()
}

/// The automatic chapter title of every cluster not in `pinned`, in
/// cluster order.
fn auto_chapter_titles(
    input: &AssembleInput,
    pinned: &[Option<String>],
) -> Vec<chapters::Placement> {
    let articles: std::collections::BTreeSet<&str> = input
        .extracted
        .iter()
        .filter(|x| x.format == Format::Article)
        .map(|x| x.source.as_str())
        .collect();
    let all = input.entries;
    let unpinned = || {
        input
            .clustering
            .clusters
            .iter()
            .zip(pinned)
            .filter(|(_, p)| p.is_none())
            .map(|(c, _)| c)
    };
    let sections: Vec<Option<String>> = unpinned()
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
    // A source's chapter, for entries that fit no other: its front matter
    // title, first heading or name.
    let source_titles: BTreeMap<&str, String> = input
        .docs
        .iter()
        .map(|doc| {
            let title = doc
                .front_matter
                .title
                .clone()
                .or_else(|| first_heading(&doc.body).map(clean_heading))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| input.config.source_name(&doc.name));
            (doc.name.as_str(), title)
        })
        .collect();
    let items: Vec<chapters::Item> = unpinned()
        .zip(&sections)
        .map(|(c, s)| chapters::Item {
            source: c
                .members
                .first()
                .and_then(|&m| source_titles.get(all[m].source.as_str()))
                .map_or("", String::as_str),
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

/// Strips decoration from a source heading: its inline markup (a link
/// keeps its text; [`inline_to_text`](crate::text::markdown::inline_to_text)),
/// leading emoji (also written as GitHub shortcodes, `:rocket:`, which
/// become emoji elsewhere in it) and symbols, and a leading section number
/// such as `12.`.
pub fn clean_heading(heading: &str) -> String {
    let heading = crate::text::markdown::inline_to_text(heading);
    let heading = crate::text::markdown::emoji_shortcodes(heading.as_ref().into());
    let t = heading.trim_start_matches(|c: char| !c.is_alphanumeric());
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    let t = if digits > 0 && t[digits..].starts_with(". ") {
        &t[digits + 2..]
    } else {
        t
    };
    t.trim().to_string()
}

/// The text of a source body's first `# ` heading, trimmed.
fn first_heading(body: &str) -> Option<&str> {
    body.lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(str::trim)
}

fn source_infos(input: &AssembleInput) -> Vec<SourceInfo> {
    let mut questions: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for e in input.entries {
        *questions.entry(e.source.as_str()).or_default() += 1;
    }
    // Sources are described in parallel (language detection reads each
    // body), collected in source order.
    input
        .docs
        .par_iter()
        .zip(input.extracted)
        .map(|(doc, ex)| SourceInfo {
            name: doc.name.clone(),
            display: doc
                .front_matter
                .source
                .clone()
                .unwrap_or_else(|| input.config.source_name(&doc.name)),
            url: doc.front_matter.url.clone(),
            title: doc
                .front_matter
                .title
                .clone()
                .or_else(|| first_heading(&doc.body).map(str::to_string)),
            format: ex.format,
            questions: questions.get(doc.name.as_str()).copied().unwrap_or(0),
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
        // Shortcodes are emoji too, in any language's heading.
        assert_eq!(
            clean_heading(":notebook_with_decorative_cover: 네트워크와 모델"),
            "네트워크와 모델"
        );
        assert_eq!(clean_heading(":rocket: Deploy :tada:"), "Deploy 🎉");
        assert_eq!(clean_heading(":not_a_shortcode: x"), "not_a_shortcode: x");
        // A heading that links somewhere is named by the link's text.
        assert_eq!(
            clean_heading("[テスト自動化に関する質問](https://example.com/qa)"),
            "テスト自動化に関する質問"
        );
        assert_eq!(
            clean_heading("[Docker **basics**](https://example.com/d)"),
            "Docker basics"
        );
    }
}

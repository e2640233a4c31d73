//! Chapters the author steers: `chapters:` in `docgen.yaml`
//! ([`ChapterConfig`]) and a source's front matter `chapter:` and
//! `weight:`, as Zola and Hugo let a page name its section and weight.
//!
//! An entry goes to the first configured chapter that names one of its
//! questions (`entries: [file:line]`), else one of its sources
//! (`sources:`), else to the chapter its source's front matter names, else
//! to the first configured chapter whose `match` words one of its
//! phrasings holds. Only entries none of these name are placed
//! automatically ([`super::chapters`]). Configured chapters read first, in
//! the order written.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::{ChapterConfig, Config};
use crate::dedup::QuestionRef;
use crate::extract::Entry;
use crate::ingest::SourceDoc;

/// The chapter title each cluster is pinned to (`None`: placed
/// automatically). `clusters[i]` holds the indices into `entries` of
/// cluster `i`'s questions.
pub fn titles(
    config: &Config,
    docs: &[SourceDoc],
    entries: &[Entry],
    clusters: &[Vec<usize>],
) -> Vec<Option<String>> {
    let front: BTreeMap<&str, &str> = docs
        .iter()
        .filter_map(|d| Some((d.name.as_str(), front_chapter(d)?)))
        .collect();
    let refs: Vec<BTreeSet<QuestionRef>> = config
        .chapters
        .iter()
        .map(|c| c.entries.iter().filter_map(|r| r.parse().ok()).collect())
        .collect();
    clusters
        .iter()
        .map(|members| {
            let es: Vec<&Entry> = members.iter().map(|&m| &entries[m]).collect();
            let by_ref = config.chapters.iter().zip(&refs).find(|(_, refs)| {
                es.iter().any(|e| {
                    refs.contains(&QuestionRef {
                        source: e.source.clone(),
                        line: e.line,
                    })
                })
            });
            let by_source = || {
                config
                    .chapters
                    .iter()
                    .find(|c| es.iter().any(|e| c.sources.contains(&e.source)))
            };
            let by_words = || {
                config.chapters.iter().find(|c| {
                    es.iter().any(|e| {
                        let q = e.question.to_lowercase();
                        c.words
                            .iter()
                            .any(|w| !w.trim().is_empty() && q.contains(&w.trim().to_lowercase()))
                    })
                })
            };
            by_ref
                .map(|(c, _)| c.title.trim().to_string())
                .or_else(|| by_source().map(|c| c.title.trim().to_string()))
                .or_else(|| {
                    es.iter()
                        .find_map(|e| front.get(e.source.as_str()))
                        .map(|t| t.to_string())
                })
                .or_else(|| by_words().map(|c| c.title.trim().to_string()))
        })
        .collect()
}

/// The chapter a source's front matter names (`chapter:`), if any.
fn front_chapter(d: &SourceDoc) -> Option<&str> {
    d.front_matter
        .extra
        .get("chapter")
        .and_then(|v| v.as_str())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// A source's front matter `weight:` (lower reads first), if any.
pub fn weight(d: &SourceDoc) -> Option<i64> {
    let v = d.front_matter.extra.get("weight")?;
    v.as_i64().or_else(|| v.as_f64().map(|f| f as i64))
}

/// Checks `chapters:` against the notes: a title is given once and is not
/// empty, a slug is one path segment of letters, digits, `-` and `_` and
/// is given once, every source is a note under `content/`, every entry
/// (`file:line`) is a question docgen found.
///
/// Errors: a message naming the chapter and the unknown or repeated name.
pub fn check(config: &Config, docs: &[SourceDoc], entries: &[Entry]) -> Result<(), String> {
    let names: BTreeSet<&str> = docs.iter().map(|d| d.name.as_str()).collect();
    let questions: BTreeSet<(&str, usize)> = entries
        .iter()
        .map(|e| (e.source.as_str(), e.line))
        .collect();
    let mut titles = BTreeSet::new();
    let mut slugs = BTreeSet::new();
    for ChapterConfig {
        title,
        slug,
        sources,
        entries: refs,
        ..
    } in &config.chapters
    {
        let title = title.trim();
        if title.is_empty() {
            return Err("chapters: a chapter has an empty title".into());
        }
        if !titles.insert(title.to_lowercase()) {
            return Err(format!("chapters: `{title}` is listed twice"));
        }
        if let Some(slug) = slug {
            let ok = !slug.is_empty()
                && slug
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
            if !ok {
                return Err(format!(
                    "chapters: `{title}`: slug `{slug}` must be letters, digits, `-` and `_` only"
                ));
            }
            if !slugs.insert(slug.as_str()) {
                return Err(format!("chapters: slug `{slug}` is used twice"));
            }
        }
        for s in sources {
            if !names.contains(s.as_str()) {
                return Err(format!(
                    "chapters: `{title}`: source `{s}` is no note under content/"
                ));
            }
        }
        for r in refs {
            let q: QuestionRef = r.parse().map_err(|e| format!("chapters: `{title}`: {e}"))?;
            if !questions.contains(&(q.source.as_str(), q.line)) {
                return Err(format!(
                    "chapters: `{title}`: `{r}` is no question docgen found (see `docgen check`)"
                ));
            }
        }
    }
    Ok(())
}

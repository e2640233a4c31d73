//! `docgen check`: verifies a built site without publishing it. Every
//! internal link and `#anchor` must resolve (under the configured base
//! path), and source problems an author can act on are listed: unanswered
//! questions, empty sources, files that needed encoding repair, and terms
//! the concept catalog may be missing.
//!
//! | module | job |
//! | --- | --- |
//! | [`links`] | links and anchors of the built site |
//! | [`external`] | `--external`: http(s) links fetched, politely |
//! | [`mod@suggest`] | acronyms, dunders and phrases the catalog lacks |
//! | this module | the report: [`run_checks`] → [`CheckReport`] |

pub mod external;
pub mod links;
pub mod suggest;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

pub use links::{BrokenLink, check_links, points_outside_the_handbook, resolve};

/// A question somewhere in the sources.
#[derive(Debug, Clone, Serialize)]
pub struct Located {
    /// Path under `content/`.
    pub source: String,
    /// 1-based line.
    pub line: usize,
    /// The question.
    pub question: String,
}

/// Everything `docgen check` reports.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// Links that do not resolve (these fail the check).
    pub broken_links: Vec<BrokenLink>,
    /// Links a note carried over to other files of the repository it came
    /// from (`./chapter-02.md`): outside the handbook, listed, not failed.
    pub outside_links: Vec<BrokenLink>,
    /// Entries no source answers (their first phrasing).
    pub unanswered: Vec<Located>,
    /// Sources from which nothing was extracted.
    pub empty_sources: Vec<String>,
    /// Sources whose encoding was repaired, with what was done.
    pub repaired: Vec<String>,
    /// Files skipped and build warnings.
    pub warnings: Vec<String>,
    /// Deduplication's merges and near misses, with scores.
    pub duplicates: crate::model::Review,
    /// Terms the concept catalog may be missing (empty without a catalog).
    pub concept_suggestions: Vec<ConceptSuggestion>,
    /// Per source: questions, answered, structure, repair, prose kept.
    pub sources: Vec<crate::pipeline::SourceReport>,
    /// External links and their answers, when checked (`--external`,
    /// [`external::check_external`]); those that did not answer 2xx/3xx
    /// fail the check.
    pub external_links: Option<Vec<external::ExternalLink>>,
    /// Concepts discovered in the notes (a project without
    /// `content/concepts.yaml`), with their evidence and score, for the
    /// author to promote into a catalog (`docgen concepts --write`) or
    /// leave out.
    pub discovered_concepts: Vec<DiscoveredConcept>,
}

/// A concept docgen found in the notes themselves.
#[derive(Debug, Clone, Serialize)]
pub struct DiscoveredConcept {
    /// Its name.
    pub name: String,
    /// The spellings that link to it.
    pub aliases: Vec<String>,
    /// Where it came from and its score ("defined in a.md, line 8; asked
    /// about in 2 questions; …; score 6.5").
    pub evidence: String,
}

/// A candidate concept for `content/concepts.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct ConceptSuggestion {
    /// The term, in its most frequent spelling.
    pub term: String,
    /// `acronym`, `dunder` or `phrase`.
    pub kind: suggest::SuggestionKind,
    /// Occurrences in all notes.
    pub count: usize,
    /// The sources (paths under `content/`) that use it.
    pub sources: Vec<String>,
}

/// Suggestions from [`suggest::suggest`] over each source's
/// questions, answers and article text, as the handbook holds them.
fn concept_suggestions(built: &crate::pipeline::Built) -> Vec<ConceptSuggestion> {
    let Some(catalog) = &built.catalog else {
        return Vec::new();
    };
    let hb = &built.linked.handbook;
    let mut texts: BTreeMap<&str, String> = BTreeMap::new();
    let mut add = |source: &'_ str, text: &str| {
        let t = texts.entry(hb_source(hb, source)).or_default();
        t.push_str(text);
        t.push_str("\n\n");
    };
    for e in &hb.entries {
        for v in &e.variants {
            add(&v.source, &v.question);
        }
        for a in &e.answers {
            add(&a.source, &a.markdown);
        }
    }
    for a in &hb.articles {
        add(&a.source, &a.markdown);
    }
    let names: Vec<&str> = texts.keys().copied().collect();
    let bodies: Vec<&str> = texts.values().map(String::as_str).collect();
    let linker = crate::concepts::Linker::new(catalog);
    suggest::suggest(&linker, &bodies)
        .into_iter()
        .map(|s| ConceptSuggestion {
            term: s.term,
            kind: s.kind,
            count: s.count,
            sources: s.sources.iter().map(|&i| names[i].to_string()).collect(),
        })
        .collect()
}

/// The handbook's own copy of a source name (so the map can borrow it).
fn hb_source<'a>(hb: &'a crate::model::Handbook, name: &str) -> &'a str {
    hb.sources
        .iter()
        .find(|s| s.name == name)
        .map_or("", |s| s.name.as_str())
}

impl CheckReport {
    /// True when nothing fails the check.
    pub fn passed(&self) -> bool {
        self.broken_links.is_empty()
            && self
                .external_links
                .as_ref()
                .is_none_or(|l| l.iter().all(external::ExternalLink::ok))
    }
}

/// Runs every check on a built (not written) site.
pub fn run_checks(built: &crate::pipeline::Built, base_path: &str) -> CheckReport {
    let hb = &built.linked.handbook;
    let with_article: BTreeSet<&str> = hb.articles.iter().map(|a| a.source.as_str()).collect();
    let broken = check_links(&built.site, base_path);
    CheckReport {
        broken_links: broken
            .iter()
            .filter(|b| !points_outside_the_handbook(b))
            .cloned()
            .collect(),
        outside_links: broken
            .into_iter()
            .filter(points_outside_the_handbook)
            .collect(),
        unanswered: hb
            .entries
            .iter()
            .filter(|e| !e.answered)
            .map(|e| Located {
                source: e.variants[0].source.clone(),
                line: e.variants[0].line,
                question: e.variants[0].question.clone(),
            })
            .collect(),
        empty_sources: hb
            .sources
            .iter()
            .filter(|s| s.questions == 0 && !with_article.contains(s.name.as_str()))
            .map(|s| s.name.clone())
            .collect(),
        repaired: built
            .report
            .repaired
            .iter()
            .map(|(name, r)| match &r.mojibake_codec {
                Some(c) => format!(
                    "{name}: {} sequences of UTF-8 read as {c} restored",
                    r.sequences_repaired
                ),
                None => format!("{name}: decoded as {}", r.decoded_as),
            })
            .collect(),
        warnings: built.report.warnings.clone(),
        duplicates: hb.review.clone(),
        concept_suggestions: concept_suggestions(built),
        sources: built.report.per_source.clone(),
        external_links: None,
        discovered_concepts: built
            .catalog
            .iter()
            .flat_map(|c| &c.concepts)
            .filter(|c| c.discovered)
            .map(|c| DiscoveredConcept {
                name: c.name.clone(),
                aliases: c.aliases.clone(),
                evidence: c.evidence.clone().unwrap_or_default(),
            })
            .collect(),
    }
}

//! View models: the handbook reshaped for templates, with markdown already
//! rendered to HTML. Templates only lay these out; they compute nothing.

use std::collections::BTreeMap;

use serde::Serialize;

use super::markdown::{Heading, MarkdownRenderer, inline_to_text};
use crate::handbook::{Handbook, HandbookEntry};

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
}

/// One answer, rendered.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    /// Sanitised HTML of the answer.
    pub html: String,
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

/// Builds views from the handbook, rendering each markdown fragment once.
pub struct Views<'a> {
    hb: &'a Handbook,
    md: &'a MarkdownRenderer,
    display: BTreeMap<&'a str, &'a str>,
    by_id: BTreeMap<&'a str, &'a HandbookEntry>,
}

impl<'a> Views<'a> {
    /// Views over `hb`, rendering markdown with `md`.
    pub fn new(hb: &'a Handbook, md: &'a MarkdownRenderer) -> Self {
        let display = hb
            .sources
            .iter()
            .map(|s| (s.name.as_str(), s.display.as_str()))
            .collect();
        let by_id = hb.entries.iter().map(|e| (e.id.as_str(), e)).collect();
        Views {
            hb,
            md,
            display,
            by_id,
        }
    }

    fn origin(&self, file: &str, line: usize) -> OriginView {
        OriginView {
            source_name: self.display.get(file).copied().unwrap_or(file).to_string(),
            file: file.to_string(),
            line,
        }
    }

    /// The view of one entry.
    pub fn entry(&self, e: &HandbookEntry) -> EntryView {
        let canonical = &e.variants[0];
        EntryView {
            id: e.id.clone(),
            title_html: self.md.render_inline(&e.title),
            title_text: inline_to_text(&e.title).into_owned(),
            answered: e.answered,
            answers: e
                .answers
                .iter()
                .enumerate()
                .map(|(i, a)| AnswerView {
                    html: self
                        .md
                        .render(&a.markdown, &format!("{}-{}-", e.id, i + 1), 3)
                        .html,
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
            url: e.url.clone(),
            related: e
                .related
                .iter()
                .filter_map(|id| self.by_id.get(id.as_str()))
                .map(|r| EntryLink {
                    title_html: self.md.render_inline(&r.title),
                    url: r.url.clone(),
                    answered: r.answered,
                })
                .collect(),
        }
    }

    /// Links to every chapter, with their entries, in reading order.
    pub fn chapter_links(&self) -> Vec<ChapterLink> {
        let by_id: BTreeMap<&str, &HandbookEntry> =
            self.hb.entries.iter().map(|e| (e.id.as_str(), e)).collect();
        self.hb
            .chapters
            .iter()
            .map(|c| {
                let entries: Vec<EntryLink> = c
                    .entries
                    .iter()
                    .filter_map(|id| by_id.get(id.as_str()))
                    .map(|e| EntryLink {
                        title_html: self.md.render_inline(&e.title),
                        url: e.url.clone(),
                        answered: e.answered,
                    })
                    .collect();
                ChapterLink {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    url: format!("chapters/{}.html", c.id),
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
            .map(|a| {
                let r = self.md.render(&a.markdown, "", 2);
                ArticleView {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    html: r.html,
                    headings: r.headings.into_iter().filter(|h| h.level == 2).collect(),
                    origin: self.origin(&a.source, 1),
                    url: format!("notes/{}.html", a.id),
                }
            })
            .collect()
    }
}

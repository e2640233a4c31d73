//! Markdown read as text: the dialect every stage parses with, headings
//! and their ids, sections, plain text of titles and excerpts. Pure
//! functions over pulldown-cmark events; HTML is `render`'s job.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use crate::text::excerpt::{self as cutter, Cut};
use crate::text::slug::{SlugSet, anchor};

/// The markdown dialect of answers: the pulldown-cmark extensions docgen
/// renders with (tables, footnotes, strikethrough, task lists, heading
/// attributes, and GitHub's alert blocks `> [!NOTE]`, which Obsidian's
/// callouts share). Every stage that parses answers uses this one set, so
/// they all see the same block structure.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

use markdown_options as options;

/// A heading found while rendering, for on-page tables of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The `id` given to the heading element.
    pub id: String,
    /// The heading's plain text.
    pub text: String,
}

/// `text` with GitHub emoji shortcodes (`:white_check_mark:`, `:rocket:`)
/// replaced by their emoji (the `emojis` crate's gemoji table); any other
/// `:word:` is left as written. Code is never passed here.
pub fn emoji_shortcodes(text: CowStr<'_>) -> CowStr<'_> {
    if !text.contains(':') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    let mut changed = false;
    while let Some(open) = rest.find(':') {
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')))
            .unwrap_or(after.len());
        let emoji = (name_len > 0 && after[name_len..].starts_with(':'))
            .then(|| emojis::get_by_shortcode(&after[..name_len]))
            .flatten();
        match emoji {
            Some(e) => {
                out.push_str(&rest[..open]);
                out.push_str(e.as_str());
                rest = &after[name_len + 1..];
                changed = true;
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    if !changed {
        return text;
    }
    out.push_str(rest);
    CowStr::from(out)
}

/// The id [`MarkdownRenderer::render`](crate::render::markdown::MarkdownRenderer::render) gives a heading whose plain text
/// is `text`, the earlier headings' ids being in `slugs`.
pub(crate) fn heading_id(slugs: &mut SlugSet, id_prefix: &str, text: &str) -> String {
    slugs.claim(&format!("{id_prefix}{}", anchor(text, 8)))
}

/// One section of a markdown page: the text from one heading to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading that opens it (the id [`MarkdownRenderer::render`](crate::render::markdown::MarkdownRenderer::render)
    /// gives it with an empty prefix); `None` for the text before the
    /// first heading.
    pub heading: Option<Heading>,
    /// Byte range of the section in the markdown, heading included.
    pub range: std::ops::Range<usize>,
}

/// `markdown` cut at every heading outside code, with the ids `render`
/// gives those headings (same slugs, same order, no prefix; `level` as
/// written, not clamped). The text before the first heading is a section
/// without heading when it is not blank. Used to index note pages by
/// section for search.
pub fn heading_sections(markdown: &str) -> Vec<Section> {
    let mut slugs = SlugSet::default();
    let mut out = Vec::new();
    let mut open: Option<(u8, usize, Vec<Event>)> = None;
    let mut starts: Vec<(usize, Heading)> = Vec::new();
    for (ev, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                open = Some((level as u8, range.start, Vec::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, events)) = open.take() {
                    let text = plain_text(&events);
                    let id = heading_id(&mut slugs, "", &text);
                    starts.push((start, Heading { level, id, text }));
                }
            }
            Event::Text(t) if open.is_some() => {
                if let Some((_, _, events)) = open.as_mut() {
                    events.push(Event::Text(emoji_shortcodes(t)));
                }
            }
            other => {
                if let Some((_, _, events)) = open.as_mut() {
                    events.push(other);
                }
            }
        }
    }
    let first = starts.first().map_or(markdown.len(), |(s, _)| *s);
    if !markdown[..first].trim().is_empty() {
        out.push(Section {
            heading: None,
            range: 0..first,
        });
    }
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|(s, _)| *s)
        .chain(std::iter::once(markdown.len()))
        .collect();
    for ((start, heading), end) in starts.into_iter().zip(ends) {
        out.push(Section {
            heading: Some(heading),
            range: start..end,
        });
    }
    out
}

/// The text and code of `events`, concatenated.
pub(crate) fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s
}

/// Strips markdown inline markup from a one-line title: backticks,
/// emphasis markers, backslash escapes and links (their text stays). For
/// `<title>` and search text.
pub fn inline_to_text(markdown: &str) -> Cow<'_, str> {
    if !markdown.contains(['`', '*', '\\', '_', '[']) {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len());
    for ev in Parser::new_ext(markdown, options()) {
        if let Event::Text(t) | Event::Code(t) = ev {
            out.push_str(&t);
        }
    }
    Cow::Owned(out)
}

/// The first paragraph (or list item) of `markdown` as plain text, cut at a
/// word boundary to at most `max_chars` characters with `…` added
/// ([`Cut::Quote`]). Code blocks, headings and HTML are skipped. For quotes
/// on concept pages.
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut skip = 0usize;
    for ev in Parser::new_ext(markdown, options()) {
        match ev {
            Event::Start(Tag::CodeBlock(_) | Tag::Heading { .. } | Tag::HtmlBlock) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Heading(_) | TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1)
            }
            Event::Text(t) | Event::Code(t) if skip == 0 => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak if skip == 0 => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item) if !out.trim().is_empty() => break,
            _ => {}
        }
    }
    let text = out.split_whitespace().collect::<Vec<_>>().join(" ");
    cutter::cut(&text, max_chars, Cut::Quote)
}

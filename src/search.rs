//! The client-side search index: a compact artefact, separate from
//! `handbook.json`, emitted as a script (not fetched JSON) so the search
//! works when the handbook is opened from disk (`file://`), where browsers
//! refuse `fetch`. The page loads it only when the search box is first used.

use serde::Serialize;

use crate::handbook::Handbook;
use crate::render::views::EntryView;

/// Longest answer text kept per entry, in characters: enough for matching
/// and snippets while keeping the index small.
const BODY_CHARS: usize = 600;

#[derive(Serialize)]
struct Doc<'a> {
    /// Title (plain text).
    t: &'a str,
    /// Other phrasings, joined.
    p: String,
    /// Chapter title.
    c: &'a str,
    /// Site-relative URL.
    u: &'a str,
    /// Answer text (plain, truncated).
    b: String,
}

/// Builds `search-index.js`: `window.DOCGEN_SEARCH = {docs:[…]}` with one
/// document per handbook entry (never one per duplicate phrasing).
pub fn build_index(hb: &Handbook, entries: &[EntryView]) -> String {
    let chapter_title = |id: &str| {
        hb.chapters
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.title.as_str())
            .unwrap_or("")
    };
    let docs: Vec<Doc> = hb
        .entries
        .iter()
        .zip(entries)
        .map(|(e, v)| Doc {
            t: &v.title_text,
            p: e.variants[1..]
                .iter()
                .map(|x| x.question.as_str())
                .collect::<Vec<_>>()
                .join(" · "),
            c: chapter_title(&e.chapter),
            u: &e.url,
            b: e.answers
                .first()
                .map(|a| plain_text(&a.markdown, BODY_CHARS))
                .unwrap_or_default(),
        })
        .collect();
    let json = serde_json::to_string(&serde_json::json!({ "docs": docs })).unwrap_or_default();
    format!("window.DOCGEN_SEARCH = {json};\n")
}

/// The text of `markdown` without markup, whitespace collapsed, cut at
/// `max` characters (on a char boundary).
pub fn plain_text(markdown: &str, max: usize) -> String {
    let mut out = String::new();
    for ev in pulldown_cmark::Parser::new(markdown) {
        if let pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) = ev {
            out.push_str(&t);
            out.push(' ');
        }
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_truncates() {
        assert_eq!(plain_text("- **a** `b`\n- c", 100), "a b c");
        assert_eq!(plain_text("héllo wörld", 4), "héll");
    }
}

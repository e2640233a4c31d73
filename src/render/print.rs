//! The print handbook, `print.html`: the whole handbook on one page, for
//! printing or `docgen pdf`. Chapters and entries are numbered, every
//! answer is expanded, and links between pages become in-page anchors.

use std::collections::BTreeMap;

use serde::Serialize;

use rayon::prelude::*;

use crate::model::{HandbookEntry, Linked};
use crate::site::paths::Page;

/// What `print.html` writes in place of `{{ chapter_sections | safe }}`:
/// the chapters are rendered one at a time (`print_chapter.html`) and
/// streamed in here, so the page is never held whole.
pub const CHAPTERS_MARKER: &str = "<!-- docgen: print chapters -->";

/// A numbered chapter of the print handbook: `E` is a [`TocEntry`] in the
/// contents and an [`EntryView`](super::views::EntryView) in the chapter's own section.
#[derive(Serialize)]
pub struct PrintChapter<'a, E> {
    /// Chapter slug.
    pub id: &'a str,
    /// 1-based chapter number.
    pub number: usize,
    /// Title.
    pub title: &'a str,
    /// Its entries, in order.
    pub entries: Vec<E>,
}

/// An entry in the contents: its anchor and title.
#[derive(Serialize)]
pub struct TocEntry<'a> {
    /// Entry slug (its anchor).
    pub id: &'a str,
    /// Title as HTML.
    pub title_html: String,
}

/// A concept in the print index, with the numbers of its entries.
#[derive(Serialize)]
pub struct PrintConcept<'a> {
    /// Concept slug.
    pub id: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Entries (id and "chapter.entry" number).
    pub entries: Vec<PrintRef<'a>>,
}

/// A reference to a numbered entry.
#[derive(Serialize)]
pub struct PrintRef<'a> {
    /// Entry slug (its anchor).
    pub id: &'a str,
    /// "3.12".
    pub number: String,
}

/// Numbers chapters and entries for the contents (titles rendered by
/// `title_html`) and builds the concept index.
pub fn contents<'a>(
    linked: &'a Linked,
    title_html: impl Fn(&str) -> String + Sync,
) -> (Vec<PrintChapter<'a, TocEntry<'a>>>, Vec<PrintConcept<'a>>) {
    let hb = &linked.handbook;
    let by_id: BTreeMap<&str, &HandbookEntry> =
        hb.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut numbers: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let chapters: Vec<PrintChapter<TocEntry>> = hb
        .chapters
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let list: Vec<&HandbookEntry> = c
                .entries
                .iter()
                .filter_map(|id| by_id.get(id.as_str()).copied())
                .collect();
            for (ei, e) in list.iter().enumerate() {
                numbers.insert(e.id.as_str(), (ci + 1, ei + 1));
            }
            PrintChapter {
                id: &c.id,
                number: ci + 1,
                title: &c.title,
                entries: list
                    .par_iter()
                    .map(|e| TocEntry {
                        id: &e.id,
                        title_html: title_html(&e.title),
                    })
                    .collect(),
            }
        })
        .collect();
    // The index is alphabetical (case and accents folded, then as
    // written), each concept's entries in book order.
    let mut concepts: Vec<PrintConcept> = linked
        .concepts
        .iter()
        .map(|k| {
            let mut refs: Vec<(&(usize, usize), &String)> = k
                .entries
                .iter()
                .filter_map(|id| numbers.get(id.as_str()).map(|n| (n, id)))
                .collect();
            refs.sort();
            PrintConcept {
                id: &k.id,
                name: &k.name,
                entries: refs
                    .into_iter()
                    .map(|((c, e), id)| PrintRef {
                        id,
                        number: format!("{c}.{e}"),
                    })
                    .collect(),
            }
        })
        .collect();
    concepts.sort_by_cached_key(|c| (crate::text::tokens::fold_word(c.name), c.name.to_string()));
    (chapters, concepts)
}

/// Rewrites links between site pages into anchors of the print page:
/// `…#frag` → `#frag`, `concepts/ID.html` → `#concept-ID`,
/// `chapters/ID.html` → `#chapter-ID`, `notes/ID.html` → `#note-ID`.
/// External (`scheme:`) and in-page links are kept. Remote images become
/// their alt text and URL ([`remote_images_as_text`]): a printed handbook
/// is made offline.
pub fn rewrite_links(html: String) -> String {
    let html = remote_images_as_text(html);
    let mut bytes = html.into_bytes();
    rewrite_in_place(&mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// [`rewrite_links`] on bytes, in place: every rewritten target is
/// shorter than the link it replaces, so the text is compacted within its
/// own buffer instead of copied.
fn rewrite_in_place(bytes: &mut Vec<u8>) {
    const ATTR: &[u8] = b"href=\"";
    let (mut read, mut write) = (0, 0);
    while let Some(i) = find(&bytes[read..], ATTR) {
        let start = read + i + ATTR.len();
        bytes.copy_within(read..start, write);
        write += start - read;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'"')
            .map_or(bytes.len(), |p| start + p);
        let target = print_target(&String::from_utf8_lossy(&bytes[start..end]));
        if target.len() <= end - start {
            bytes[write..write + target.len()].copy_from_slice(target.as_bytes());
            write += target.len();
        } else {
            // Not shorter (never expected): keep the link as it is.
            bytes.copy_within(start..end, write);
            write += end - start;
        }
        read = end;
    }
    bytes.copy_within(read.., write);
    write += bytes.len() - read;
    bytes.truncate(write);
}

/// Every `<img>` whose `src` is remote (`http:`, `https:` or `//`) as a
/// `<span class="remote-image">` holding its alt text and URL. The
/// attributes are taken as written by the sanitiser (double-quoted,
/// entity-escaped), so they are inserted as text unchanged.
pub fn remote_images_as_text(html: String) -> String {
    if !html.contains("<img") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<img") {
        out.push_str(&rest[..at]);
        let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..tag_end];
        let src = attribute(tag, "src").unwrap_or("");
        let lower = src.to_ascii_lowercase();
        if lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//") {
            let alt = attribute(tag, "alt").unwrap_or("");
            out.push_str("<span class=\"remote-image\">");
            if !alt.is_empty() {
                out.push_str(alt);
                out.push(' ');
            }
            out.push('(');
            out.push_str(src);
            out.push_str(")</span>");
        } else {
            out.push_str(tag);
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    out
}

/// The double-quoted value of attribute `name` in one start tag.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Position of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut at = 0;
    while let Some(p) = hay[at..].iter().position(|&b| b == first) {
        let i = at + p;
        if hay[i..].starts_with(needle) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

fn print_target(href: &str) -> String {
    if href.starts_with('#') || href.contains(':') {
        return href.to_string();
    }
    if let Some((_, frag)) = href.split_once('#') {
        return format!("#{frag}");
    }
    match Page::parse(href) {
        Some(page) => format!("#{}", page.print_anchor()),
        None => href.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_images_print_as_alt_text_and_url() {
        let html = r#"<p><img src="https://example.org/a.png" alt="Request flow &amp; retries"> <img src="img/local.png" alt="local"> <img alt="图" src="//cdn.example.org/b.png"></p>"#;
        assert_eq!(
            remote_images_as_text(html.to_string()),
            r#"<p><span class="remote-image">Request flow &amp; retries (https://example.org/a.png)</span> <img src="img/local.png" alt="local"> <span class="remote-image">图 (//cdn.example.org/b.png)</span></p>"#
        );
        assert_eq!(remote_images_as_text("<img".to_string()), "<img");
    }

    #[test]
    fn links_become_anchors() {
        let html = r##"<a href="../chapters/gil.html#what-is-gil">a</a> <a href="concepts/gil.html">b</a> <a href="https://x.org/a.html">c</a> <a href="#x">d</a> <a href="notes/n.html">e</a> <a href="chapters/x.html">f</a>"##.to_string();
        assert_eq!(
            rewrite_links(html),
            r##"<a href="#what-is-gil">a</a> <a href="#concept-gil">b</a> <a href="https://x.org/a.html">c</a> <a href="#x">d</a> <a href="#note-n">e</a> <a href="#chapter-x">f</a>"##
        );
        // Unterminated attribute and multi-byte text survive.
        assert_eq!(
            rewrite_links("é <a href=\"notes/ü.html\">ü</a> <a href=\"x".to_string()),
            "é <a href=\"#note-ü\">ü</a> <a href=\"x"
        );
    }
}

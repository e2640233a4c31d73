//! A note's links to its own headings (`[Что такое GIL?](#что-такое-gil)`,
//! a table of contents at the top of a README) are rewritten to the
//! handbook entries those headings became, since the headings no longer
//! sit on the page the link is on. Obsidian's wikilinks to other notes
//! (`[[Python basics]]`, `[[gil|the GIL]]`) become links to those notes'
//! pages. Part of the handbook stage.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::extract::anchors;
use crate::ingest::SourceDoc;
use crate::model::{ArticlePage, HandbookEntry};
use crate::site::paths;

/// For each source (its path under `content/`), each anchor of its
/// headings ([`anchors::heading_anchors`]), lowercased, and where it now
/// leads: the entry a heading became (`chapters/x.html#id`), else the
/// source's note page (`notes/x.html`, for its title and sections), else
/// the contents page.
pub fn own_heading_targets(
    docs: &[SourceDoc],
    entries: &[HandbookEntry],
    articles: &[ArticlePage],
) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut entry_at: BTreeMap<(&str, usize), String> = BTreeMap::new();
    for e in entries {
        let url = paths::entry(&e.chapter, &e.id);
        for v in &e.variants {
            entry_at.insert((v.source.as_str(), v.line), url.clone());
        }
    }
    // Sources are read in parallel (each scans its body's headings).
    docs.par_iter()
        .filter_map(|doc| {
            let mut targets = BTreeMap::new();
            let page = articles
                .iter()
                .find(|a| a.source == doc.name)
                .map_or_else(|| "index.html".to_string(), |a| paths::note(&a.id));
            for (idx, names) in anchors::heading_anchors(&doc.body) {
                let line = doc.body_line + idx;
                let url = entry_at
                    .get(&(doc.name.as_str(), line))
                    .map_or_else(|| page.clone(), |u| u.to_string());
                for n in names {
                    targets
                        .entry(n.to_lowercase())
                        .or_insert_with(|| url.clone());
                }
            }
            (!targets.is_empty()).then(|| (doc.name.clone(), targets))
        })
        .collect()
}

/// `markdown` with every link to a fragment of the same page (`](#x)`,
/// `href="#x"`) whose anchor is in `targets` pointing at `prefix` + the
/// target instead; `None` when no link changed. Anchors are compared
/// percent-decoded and lowercased.
pub fn rewrite(markdown: &str, targets: &BTreeMap<String, String>, prefix: &str) -> Option<String> {
    let mut out = String::with_capacity(markdown.len());
    let mut last = 0;
    let mut changed = false;
    let bytes = markdown.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &markdown[i..];
        let (skip, close) = if rest.starts_with("](#") {
            (2, ')')
        } else if rest.starts_with("href=\"#") {
            (6, '"')
        } else if rest.starts_with("href='#") {
            (6, '\'')
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let start = i + skip + 1; // after '#'
        let Some(len) = markdown[start..].find(close) else {
            i = start;
            continue;
        };
        let fragment = &markdown[start..start + len];
        let decoded = percent_encoding::percent_decode_str(fragment)
            .decode_utf8_lossy()
            .to_lowercase();
        if let Some(target) = targets.get(&decoded) {
            out.push_str(&markdown[last..i + skip]);
            out.push_str(prefix);
            out.push_str(target);
            last = start + len;
            changed = true;
        }
        i = start + len;
    }
    changed.then(|| {
        out.push_str(&markdown[last..]);
        out
    })
}

/// Each note's page by the names a wikilink uses for it: the file name
/// without folders and extension, lowercased (`content/lang/Python
/// basics.md` is `python basics`), leading to its note page, else its first
/// entry.
pub fn note_pages(
    docs: &[SourceDoc],
    entries: &[HandbookEntry],
    articles: &[ArticlePage],
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for doc in docs {
        let file = doc.name.rsplit('/').next().unwrap_or(&doc.name);
        let stem = file
            .rsplit_once('.')
            .map_or(file, |(s, _)| s)
            .to_lowercase();
        let page = articles
            .iter()
            .find(|a| a.source == doc.name)
            .map(|a| paths::note(&a.id))
            .or_else(|| {
                entries
                    .iter()
                    .find(|e| e.variants.iter().any(|v| v.source == doc.name))
                    .map(|e| paths::entry(&e.chapter, &e.id))
            });
        if let Some(page) = page {
            out.entry(stem).or_insert(page);
        }
    }
    out
}

/// `markdown` with each wikilink (`[[name]]`, `[[name|text]]`,
/// `[[name#heading|text]]`) whose name is in `pages` written as a markdown
/// link to `prefix` + that page; `None` when none changed. Fenced code and
/// code spans are left alone, and so is a wikilink to no known note (a
/// Python list of lists `[[1, 2]]` reads the same).
pub fn rewrite_wikilinks(
    markdown: &str,
    pages: &BTreeMap<String, String>,
    prefix: &str,
) -> Option<String> {
    if !markdown.contains("[[") {
        return None;
    }
    let mut out = String::with_capacity(markdown.len());
    let mut changed = false;
    let mut fence: Option<&str> = None;
    for line in markdown.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            out.push_str(line);
            continue;
        }
        let mut in_code = false;
        let mut rest = line;
        while !rest.is_empty() {
            if rest.starts_with('`') {
                in_code = !in_code;
                out.push('`');
                rest = &rest[1..];
                continue;
            }
            if !in_code
                && rest.starts_with("[[")
                && !out.ends_with('!')
                && let Some(end) = rest.find("]]")
            {
                let inner = &rest[2..end];
                let (target, text) = inner.split_once('|').unwrap_or((inner, inner));
                let name = target.split('#').next().unwrap_or("").trim();
                if let Some(page) = pages.get(&name.to_lowercase()) {
                    out.push_str(&format!("[{}]({prefix}{page})", text.trim()));
                    rest = &rest[end + 2..];
                    changed = true;
                    continue;
                }
            }
            let c = rest.chars().next().map_or(1, char::len_utf8);
            out.push_str(&rest[..c]);
            rest = &rest[c..];
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikilinks_to_known_notes_become_links_and_code_stays() {
        let pages: BTreeMap<String, String> = [
            (
                "python basics".to_string(),
                "notes/python-basics.html".to_string(),
            ),
            ("并发".to_string(), "chapters/c.html#x".to_string()),
        ]
        .into();
        let md = "See [[Python basics]] and [[并发|并发笔记]], not [[Unknown]].\n`[[Python basics]]`\n```\nx = [[1, 2]]\n[[python basics]]\n```\n";
        assert_eq!(
            rewrite_wikilinks(md, &pages, "../").unwrap(),
            "See [Python basics](../notes/python-basics.html) and [并发笔记](../chapters/c.html#x), not [[Unknown]].\n`[[Python basics]]`\n```\nx = [[1, 2]]\n[[python basics]]\n```\n"
        );
        assert_eq!(rewrite_wikilinks("x = [[1, 2]]", &pages, "../"), None);
    }

    #[test]
    fn fragment_links_to_entries_are_rewritten() {
        let targets: BTreeMap<String, String> = [
            (
                "что-такое-gil".to_string(),
                "chapters/a.html#gil".to_string(),
            ),
            ("q1".to_string(), "chapters/b.html#q".to_string()),
        ]
        .into();
        let md = "- [Что такое GIL?](#%D1%87%D1%82%D0%BE-%D1%82%D0%B0%D0%BA%D0%BE%D0%B5-gil)\n- <a href=\"#Q1\">one</a>\n- [other](#nope) [web](https://x.test/#q1)";
        let got = rewrite(md, &targets, "../").unwrap();
        assert_eq!(
            got,
            "- [Что такое GIL?](../chapters/a.html#gil)\n- <a href=\"../chapters/b.html#q\">one</a>\n- [other](#nope) [web](https://x.test/#q1)"
        );
        assert_eq!(rewrite("no links", &targets, "../"), None);
    }
}

//! A note's links to its own headings (`[Что такое GIL?](#что-такое-gil)`,
//! a table of contents at the top of a README) are rewritten to the
//! handbook entries those headings became, since the headings no longer
//! sit on the page the link is on. Part of the handbook stage.

use std::collections::BTreeMap;

use crate::extract::anchors;
use crate::handbook::{ArticlePage, HandbookEntry};
use crate::ingest::SourceDoc;

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
    let mut entry_at: BTreeMap<(&str, usize), &str> = BTreeMap::new();
    for e in entries {
        for v in &e.variants {
            entry_at.insert((v.source.as_str(), v.line), e.url.as_str());
        }
    }
    let mut out = BTreeMap::new();
    for doc in docs {
        let mut targets = BTreeMap::new();
        let page = articles.iter().find(|a| a.source == doc.name).map_or_else(
            || "index.html".to_string(),
            |a| format!("notes/{}.html", a.id),
        );
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
        if !targets.is_empty() {
            out.insert(doc.name.clone(), targets);
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

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

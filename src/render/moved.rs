//! Redirects for entry URLs that changed ([`Moved`], from the permalink
//! map): the site's `moved.js`, which every page loads while there are any,
//! and a stub page for each old chapter page that no longer exists (Hugo's
//! alias pages: a canonical link, `noindex` and a refresh to the new page).
//!
//! `moved.js` sends a visitor of an old entry URL on (`location.replace`,
//! so the old URL leaves no history entry) unless the page still has an
//! element with that id, and hands the old → new slug map to the reader's
//! script, which moves study progress along it.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Handbook, Moved};
use crate::site::paths;
use crate::text::escape::{Escape, escape_html};

/// The script's path, relative to the site root.
pub(super) const MOVED_JS: &str = "moved.js";

/// The redirect files of `hb`: `moved.js` and one stub per old chapter
/// page that no chapter has now, as `(path, bytes)`; nothing when no URL
/// moved.
pub(super) fn files(hb: &Handbook) -> Vec<(String, Vec<u8>)> {
    if hb.moved.is_empty() {
        return Vec::new();
    }
    let chapter_of: BTreeMap<&str, &str> = hb
        .entries
        .iter()
        .map(|e| (e.id.as_str(), e.chapter.as_str()))
        .collect();
    let live: BTreeSet<&str> = hb.entries.iter().map(|e| e.id.as_str()).collect();
    let mut urls = BTreeMap::new();
    let mut slugs = BTreeMap::new();
    for m in &hb.moved {
        let Some(chapter) = chapter_of.get(m.entry.as_str()) else {
            continue;
        };
        urls.insert(
            paths::entry(&m.chapter, &m.slug),
            paths::entry(chapter, &m.entry),
        );
        if m.slug != m.entry && !live.contains(m.slug.as_str()) {
            slugs.insert(m.slug.as_str(), m.entry.as_str());
        }
    }
    let map = serde_json::json!({ "urls": urls, "slugs": slugs });
    let script = format!(
        "// docgen: entry URLs of earlier builds and where they lead now (.docgen/permalinks.json).\n\
         (function () {{\n\
         var moved = {map};\n\
         window.docgenMoved = moved;\n\
         var b = document.body;\n\
         function go() {{\n\
         var id = \"\";\n\
         try {{ id = decodeURIComponent(location.hash.slice(1)); }} catch (e) {{ id = location.hash.slice(1); }}\n\
         if (id && document.getElementById(id)) return;\n\
         var to = moved.urls[(b.getAttribute(\"data-path\") || \"\") + \"#\" + id] || b.getAttribute(\"data-moved\");\n\
         if (to) location.replace((b.getAttribute(\"data-root\") || \"\") + to);\n\
         }}\n\
         addEventListener(\"hashchange\", go);\n\
         go();\n\
         }})();\n"
    );
    let mut out = vec![(MOVED_JS.to_string(), script.into_bytes())];
    out.extend(stubs(hb, &chapter_of));
    out
}

/// One stub page per old chapter id that is no chapter now, leading to the
/// chapter that holds most of the entries that left it (ties: the earlier
/// in reading order).
fn stubs(hb: &Handbook, chapter_of: &BTreeMap<&str, &str>) -> Vec<(String, Vec<u8>)> {
    let order: BTreeMap<&str, usize> = hb
        .chapters
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut gone: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for Moved { chapter, entry, .. } in &hb.moved {
        if order.contains_key(chapter.as_str()) {
            continue;
        }
        if let Some(to) = chapter_of.get(entry.as_str()) {
            *gone.entry(chapter).or_default().entry(to).or_default() += 1;
        }
    }
    gone.into_iter()
        .filter_map(|(old, votes)| {
            let (to, _) = votes
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(order[b.0].cmp(&order[a.0])))?;
            let title = &hb.chapters[order[to]].title;
            let path = paths::chapter(old);
            Some((path.clone(), stub(hb, &path, &paths::chapter(to), title)))
        })
        .collect()
}

/// The stub page at `path` (one folder down) leading to `to`.
fn stub(hb: &Handbook, path: &str, to: &str, title: &str) -> Vec<u8> {
    let e = |s: &str| escape_html(s, Escape::Attribute).into_owned();
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Moved · {site}</title>\n<link rel=\"canonical\" href=\"../{to}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url=../{to}\">\n\
         <script src=\"../{MOVED_JS}\" defer></script>\n</head>\n\
         <body data-root=\"../\" data-path=\"{path}\" data-moved=\"{to}\">\n\
         <p>This chapter has moved: <a href=\"../{to}\">{title}</a>.</p>\n</body>\n</html>\n",
        lang = e(&hb.language),
        site = e(&hb.title),
        to = e(to),
        path = e(path),
        title = e(title),
    )
    .into_bytes()
}

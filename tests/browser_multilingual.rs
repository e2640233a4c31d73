//! Search over notes in Chinese, Korean, Russian and Japanese, and over a
//! note page's sections, typed into the search box of a site opened from
//! `file://` in headless Chromium. The notes are constructed
//! (`tests/fixtures/multilingual/content`). Skipped when no browser is
//! installed, unless DOCGEN_REQUIRE_BROWSER=1.

mod common;

use std::path::Path;

use common::cdp::Browser;
use common::type_query;

/// Copies the fixture project into a temporary root and builds it.
fn build_fixture() -> tempfile::TempDir {
    let fixture = common::repo().join("tests/fixtures/multilingual/content");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&fixture).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("content/{}", path.file_name().unwrap().to_string_lossy());
        files.push((name, std::fs::read(&path).unwrap()));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let dir = common::project(&refs);
    let (ok, stderr) = common::docgen(dir.path(), &["build", "-q"]);
    assert!(ok, "{stderr}");
    dir
}

/// The title of the entry (or the heading of the note section) that
/// `href` opens in the built site at `public`.
fn title_at(public: &Path, href: &str) -> String {
    let (page, frag) = href.split_once('#').unwrap_or((href, ""));
    let page = page.split('?').next().unwrap();
    let html = std::fs::read_to_string(public.join(page)).unwrap();
    let at = html
        .find(&format!("id=\"{frag}\""))
        .unwrap_or_else(|| panic!("no #{frag} in {page}"));
    let rest = &html[at..];
    // The element's text up to the next closing tag of a heading.
    let end = rest.find("</h").unwrap_or(rest.len());
    let mut text = String::new();
    let mut in_tag = false;
    for c in rest[..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[test]
fn queries_in_four_scripts_and_note_sections_find_their_page_first() {
    let Some(browser) = common::browser() else {
        return;
    };
    let dir = build_fixture();
    let public = dir.path().join("public");
    let mut b = Browser::launch(&browser, 1200, 900);
    b.goto(&format!("file://{}/index.html", public.display()));
    // (query, text the first result's title must contain)
    let cases = [
        // A word in the middle of a Han run.
        ("回收机制", "垃圾回收机制"),
        ("垃圾回收", "垃圾回收机制"),
        ("装饰器", "什么是装饰器"),
        // A Korean stem without the particle the note attached to it.
        ("메타클래스", "메타클래스는"),
        ("깊은 복사", "깊은 복사의"),
        // A Russian inflected form of the note's word.
        ("декораторы", "Что такое декоратор"),
        ("сборщика мусора", "сборщик мусора"),
        // A Japanese katakana term.
        ("デコレータ", "デコレータとは"),
        ("タプル", "リストとタプル"),
        // A word that only a note page's section has.
        ("quokka", "Blue-green rollout"),
        ("canary", "Canary releases"),
    ];
    let mut failures = Vec::new();
    for (query, expect) in cases {
        let hrefs = type_query(&mut b, query);
        let top = hrefs.first().map(|h| title_at(&public, h));
        if !top.as_deref().is_some_and(|t| t.contains(expect)) {
            failures.push(format!(
                "{query:?} → {top:?} ({hrefs:?}), expected {expect:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // A note section's result says it is a note, and opens its heading.
    let hrefs = type_query(&mut b, "quokka");
    assert!(
        hrefs[0].starts_with("notes/") && hrefs[0].ends_with("#blue-green-rollout"),
        "{hrefs:?}"
    );
    let kind = b.eval(
        "document.querySelector('#search-results li[data-href]').getAttribute('data-kind') + ' ' + \
         document.querySelector('#search-results li[data-href] .r-meta').textContent",
    );
    assert_eq!(kind.as_str(), Some("note Note · Deployment notes"));
    // The hit is marked in the first title, across overlapping bigrams.
    type_query(&mut b, "回收机制");
    let marked = b.eval(
        "Array.from(document.querySelector('#search-results li[data-href] .r-title')\
         .querySelectorAll('mark')).map(m => m.textContent)",
    );
    assert_eq!(marked, serde_json::json!(["回收机制"]));
}

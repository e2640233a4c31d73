//! Accessibility of the built pages, checked with axe-core in headless
//! Chromium: no serious or critical WCAG 2 A/AA violation (contrast, names,
//! landmarks, ARIA, keyboard-reachable scrolling boxes) on the home page, a
//! chapter (also in study mode, and with the shortcuts dialog open), a
//! note, search (the results page and the open dropdown), review, open
//! questions, 404, and `concepts/index.html` plus one concept page when the
//! build has concepts; each in the light and the dark theme, and the home
//! and chapter pages at phone width too.
//!
//! axe-core comes from npm: `npm install --prefix tests/.node axe-core@4`
//! (`.ci/run` does it). Without it, or without Chromium, the test is
//! skipped with a message, unless DOCGEN_REQUIRE_BROWSER=1, which makes
//! either missing a failure.

mod common;

use std::path::{Path, PathBuf};

use common::cdp::Browser;
use serde_json::json;

/// axe-core's browser bundle, if installed.
fn axe_source() -> Option<String> {
    let path = common::repo().join("tests/.node/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) if std::env::var("DOCGEN_REQUIRE_BROWSER").as_deref() == Ok("1") => panic!(
            "DOCGEN_REQUIRE_BROWSER=1 but {} is missing: run `npm install --prefix tests/.node axe-core@4`",
            path.display()
        ),
        Err(_) => {
            common::skip("axe-core not installed (npm install --prefix tests/.node axe-core@4)");
            None
        }
    }
}

/// Runs axe on the current page; returns the serious and critical
/// violations, one line each, and prints every violation found.
fn audit(b: &mut Browser, axe: &str, label: &str) -> Vec<String> {
    if b.eval("typeof window.axe") != json!("object") {
        b.eval(&format!("{axe}\n;true"));
    }
    let found = b.eval(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, \
         resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, \
         help: v.help, nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ': ' + \
         (n.failureSummary || '').replace(/\\s+/g, ' '))})))",
    );
    let mut serious = Vec::new();
    for v in found.as_array().unwrap() {
        let line = format!(
            "{label}: {} ({}) {}: {}",
            v["id"].as_str().unwrap_or(""),
            v["impact"].as_str().unwrap_or(""),
            v["help"].as_str().unwrap_or(""),
            v["nodes"]
        );
        eprintln!("{line}");
        if matches!(v["impact"].as_str(), Some("serious" | "critical")) {
            serious.push(line);
        }
    }
    serious
}

fn build() -> (tempfile::TempDir, PathBuf) {
    common::build_seeds_to_disk()
}

/// The first chapter page holding a code block, and the first note.
fn chapter_and_note(public: &Path) -> (String, Option<String>) {
    let mut chapters: Vec<PathBuf> = std::fs::read_dir(public.join("chapters"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    chapters.sort();
    let chapter = chapters
        .iter()
        .find(|p| std::fs::read_to_string(p).unwrap().contains("<pre"))
        .unwrap_or(&chapters[0]);
    let note = std::fs::read_dir(public.join("notes"))
        .ok()
        .and_then(|mut d| d.next())
        .map(|e| format!("notes/{}", e.unwrap().file_name().to_string_lossy()));
    let name = chapter.file_name().unwrap().to_string_lossy();
    (format!("chapters/{name}"), note)
}

/// Opens `url` and waits for the reader script (and, on the results page,
/// the results).
fn open(b: &mut Browser, url: &str) {
    b.eval("window.__left = true");
    b.goto(url);
    b.wait_for(
        "!window.__left && document.documentElement.hasAttribute('data-reader')",
        20,
    );
    if url.contains("search.html?q=") {
        b.wait_for(
            "document.getElementById('search-page-results').hasAttribute('data-query')",
            20,
        );
    }
}

#[test]
fn pages_have_no_serious_or_critical_axe_violations_in_either_theme() {
    let Some(axe) = axe_source() else {
        return;
    };
    let Some(browser) = common::browser() else {
        return;
    };
    let (_dir, public) = build();
    let base = format!("file://{}/", public.display());
    let (chapter, note) = chapter_and_note(&public);
    let mut pages = vec![
        "index.html".to_string(),
        chapter.clone(),
        "search.html?q=garbage%20collector".to_string(),
        "review.html".to_string(),
        "open-questions.html".to_string(),
        "404.html".to_string(),
    ];
    pages.extend(note);
    let concepts = common::concept_pages(&public);
    eprintln!("concept pages audited: {concepts:?}");
    pages.extend(concepts);
    let mut b = Browser::launch(&browser, 1280, 900);
    let mut failures = Vec::new();
    for theme in ["light", "dark"] {
        b.call(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": theme}]}),
        );
        for page in &pages {
            open(&mut b, &format!("{base}{page}"));
            failures.extend(audit(&mut b, &axe, &format!("{page} ({theme})")));
        }
        failures.extend(interactive_states(&mut b, &axe, &base, &chapter, theme));
    }
    // The phone layout: the collapsed chapter menu, the wrapped header.
    let mut phone = Browser::launch(&browser, 360, 800);
    for page in ["index.html", chapter.as_str()] {
        open(&mut phone, &format!("{base}{page}"));
        failures.extend(audit(&mut phone, &axe, &format!("{page} at 360 px")));
    }
    assert!(
        failures.is_empty(),
        "{} serious or critical violations:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The states only scripts produce: study mode with an answer revealed and
/// marks set, the shortcuts dialog, the search dropdown, the review list.
fn interactive_states(
    b: &mut Browser,
    axe: &str,
    base: &str,
    chapter: &str,
    theme: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    open(b, &format!("{base}{chapter}"));
    b.eval(
        "document.getElementById('study-toggle').click(); \
         const s = document.querySelectorAll('.study'); \
         s[0].querySelector('.reveal, .known').click(); s[0].querySelector('.known').click(); \
         s[1].querySelector('.again').click(); true",
    );
    out.extend(audit(b, axe, &format!("{chapter} in study mode ({theme})")));
    open(b, &format!("{base}review.html"));
    out.extend(audit(b, axe, &format!("review.html with marks ({theme})")));
    open(b, &format!("{base}index.html"));
    out.extend(audit(
        b,
        axe,
        &format!("index.html in study mode ({theme})"),
    ));
    b.eval("document.getElementById('keys-help').click(); true");
    out.extend(audit(b, axe, &format!("shortcuts dialog ({theme})")));
    b.eval(
        "document.querySelector('dialog.keys').close(); document.getElementById('study-toggle').click(); \
         const i = document.getElementById('search-input'); i.focus(); i.value = 'decorator'; \
         i.dispatchEvent(new Event('input')); true",
    );
    b.wait_for(
        "document.getElementById('search-results').getAttribute('data-query') === 'decorator'",
        20,
    );
    out.extend(audit(b, axe, &format!("search dropdown ({theme})")));
    b.eval("localStorage.clear(); true");
    out
}

//! Permalinks (`.docgen/permalinks.json`): an entry keeps its URL when a
//! new phrasing joins it; an entry that moves chapter, or whose entry is
//! merged into another, leaves a redirect at its old URL; study progress
//! follows a changed slug. The browser part runs in headless Chromium
//! (skipped without one unless DOCGEN_REQUIRE_BROWSER=1).

mod common;

use std::path::Path;

use serde_json::Value;

fn build(root: &Path) -> Value {
    let (ok, err) = common::docgen(root, &["build", "-q"]);
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(root.join("public/handbook.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// `(id, chapter, number of variants)` of every entry.
fn entries(hb: &Value) -> Vec<(String, String, usize)> {
    hb["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["chapter"].as_str().unwrap().to_string(),
                e["variants"].as_array().unwrap().len(),
            )
        })
        .collect()
}

const GIL_SLUG: &str = "what-is-the-gil";
const WHY: &str = "why-can-cpython-threads-not-run-bytecode-in-parallel";
const GIL: &str = "# Threads\n\n## What is the GIL?\n\nA lock.\n";
const GIL_LONGER: &str = "# Threads\n\n## What is the Global Interpreter Lock (GIL)?\n\n\
    A global lock that lets one thread run bytecode at a time, so reference \
    counts stay consistent without a lock per object.\n";

#[test]
fn an_entry_keeps_its_url_when_a_new_phrasing_joins_it() {
    let dir = common::project(&[("content/a.md", GIL.as_bytes())]);
    let ids = |hb: &Value| -> Vec<(String, usize)> {
        entries(hb).into_iter().map(|(id, _, n)| (id, n)).collect()
    };
    assert_eq!(ids(&build(dir.path())), [("what-is-the-gil".into(), 1)]);
    let map = std::fs::read_to_string(dir.path().join(".docgen/permalinks.json")).unwrap();
    assert!(map.contains("\"what-is-the-gil\""), "{map}");

    // A second source words the same question better: it joins the entry
    // and becomes its title, and the entry keeps its slug.
    std::fs::write(dir.path().join("content/b.md"), GIL_LONGER).unwrap();
    let hb = build(dir.path());
    assert_eq!(ids(&hb), [("what-is-the-gil".into(), 2)]);
    assert_eq!(
        hb["entries"][0]["title"],
        "What is the Global Interpreter Lock (GIL)?"
    );
    assert!(!dir.path().join("public/moved.js").exists());

    // Without the map the same notes give the new title's slug: the map is
    // what kept the URL.
    std::fs::remove_dir_all(dir.path().join(".docgen")).unwrap();
    assert_eq!(
        ids(&build(dir.path())),
        [("what-is-the-global-interpreter-lock-gil".into(), 2)]
    );
}

#[test]
fn a_malformed_map_is_an_error_naming_file_and_line() {
    let dir = common::project(&[
        ("content/a.md", GIL.as_bytes()),
        (
            ".docgen/permalinks.json",
            b"{\"version\": 1,\n \"entries\": [}",
        ),
    ]);
    let (ok, err) = common::docgen(dir.path(), &["build", "-q"]);
    assert!(!ok);
    assert!(
        err.contains("permalinks.json") && err.contains("line 2"),
        "{err}"
    );
    assert!(!dir.path().join("public").exists());
}

/// Two questions, then the author renames their chapter and merges them.
fn moved_project() -> tempfile::TempDir {
    let notes = "# Threads\n\n## What is the GIL?\n\nA lock around the interpreter.\n\n\
                 ## Why can CPython threads not run bytecode in parallel?\n\n\
                 One lock guards the interpreter.\n\n# Memory\n\n\
                 ## How does garbage collection work?\n\nReference counts and a cycle collector.\n\n\
                 ## What is a memory leak?\n\nMemory kept after its last use.\n";
    let dir = common::project(&[("content/a.md", notes.as_bytes())]);
    let first = entries(&build(dir.path()));
    assert_eq!(first.len(), 4, "{first:?}");
    assert_eq!(first[0].1, "threads", "{first:?}");
    let renamed = notes.replace("# Threads", "# Concurrency");
    std::fs::write(dir.path().join("content/a.md"), renamed).unwrap();
    std::fs::write(
        dir.path().join("docgen.yaml"),
        "dedup:\n  merge:\n    - [\"a.md:3\", \"a.md:7\"]\n",
    )
    .unwrap();
    dir
}

#[test]
fn moved_and_merged_entries_leave_redirects() {
    let dir = moved_project();
    let hb = build(dir.path());
    let now = entries(&hb);
    assert_eq!(now.len(), 3, "{now:?}");
    let (id, chapter, variants) = &now[0];
    assert_eq!((chapter.as_str(), *variants), ("concurrency", 2));
    assert_eq!(id, GIL_SLUG);
    let other = WHY;
    let public = dir.path().join("public");
    // The old chapter page is a stub leading to the new one, kept out of
    // the sitemap and search engines.
    let stub = std::fs::read_to_string(public.join("chapters/threads.html")).unwrap();
    assert!(
        stub.contains("url=../chapters/concurrency.html") && stub.contains("noindex"),
        "{stub}"
    );
    let js = std::fs::read_to_string(public.join("moved.js")).unwrap();
    let target = format!("\"chapters/concurrency.html#{id}\"");
    for old in [id.as_str(), other] {
        assert!(
            js.contains(&format!("\"chapters/threads.html#{old}\":{target}")),
            "{old}: {js}"
        );
    }
    assert!(
        js.contains(&format!("\"slugs\":{{\"{other}\":\"{id}\"}}")),
        "{js}"
    );
    let page = std::fs::read_to_string(public.join("chapters/concurrency.html")).unwrap();
    assert!(page.contains("src=\"../moved.js\""));

    // The aliases are kept: a later build still redirects.
    let hb2 = build(dir.path());
    assert_eq!(entries(&hb2), now);
    assert_eq!(
        std::fs::read_to_string(public.join("moved.js")).unwrap(),
        js
    );
}

#[test]
fn old_urls_redirect_in_a_browser_and_progress_follows() {
    let Some(browser) = common::browser() else {
        return;
    };
    let dir = moved_project();
    // Progress marked on the first build's site: the build above left it
    // in public/; mark both questions before the rename is built.
    let public = dir.path().join("public");
    let url = |p: &str| format!("file://{}/{p}", public.display());
    let mut b = common::cdp::Browser::launch(&browser, 1000, 800);
    b.goto(&url("chapters/threads.html"));
    b.eval(&format!(
        "localStorage.setItem('docgen-progress:' + document.body.dataset.site, \
         JSON.stringify({{'{WHY}': 'review'}}))"
    ));
    let hb = build(dir.path());
    // Both old slugs share one question with the merged entry: the smaller
    // slug wins the tie.
    assert_eq!(entries(&hb)[0].0, GIL_SLUG);
    // A bookmark opened afresh.
    b.goto(&url("index.html"));
    b.goto(&url(&format!("chapters/threads.html#{WHY}")));
    b.wait_for(
        "location.pathname.endsWith('/chapters/concurrency.html')",
        10,
    );
    assert_eq!(b.eval("location.hash"), format!("#{GIL_SLUG}"));
    b.wait_for("document.documentElement.hasAttribute('data-reader')", 10);
    let marks =
        b.eval("JSON.parse(localStorage.getItem('docgen-progress:' + document.body.dataset.site))");
    assert_eq!(marks, serde_json::json!({ GIL_SLUG: "review" }));
    // A live entry's URL is never redirected.
    b.goto(&url(&format!("chapters/concurrency.html#{GIL_SLUG}")));
    b.wait_for("document.documentElement.hasAttribute('data-reader')", 10);
    assert_eq!(b.eval("location.hash"), format!("#{GIL_SLUG}"));
}

/// Copies the bundled notes and `docgen.yaml` into a fresh project.
fn bundled_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    for e in std::fs::read_dir(common::repo().join("content")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), content.join(e.file_name())).unwrap();
    }
    std::fs::copy(
        common::repo().join("docgen.yaml"),
        dir.path().join("docgen.yaml"),
    )
    .unwrap();
    dir
}

/// Entry id → chapter id.
fn placement(hb: &Value) -> std::collections::BTreeMap<String, String> {
    entries(hb)
        .into_iter()
        .map(|(id, ch, _)| (id, ch))
        .collect()
}

#[test]
fn adding_a_source_moves_no_entry_it_does_not_touch() {
    // A note with sections of its own: its chapters ("Testing", "Design
    // Patterns") and words shift the chapters' centroids, and would draw
    // in entries of other notes that fit them.
    let added = "# More notes\n\n## Testing\n\n\
        ### How do you write unit tests with pytest?\n\nWith plain test functions and asserts; \
        fixtures give each unit test its setup, and mocking replaces slow parts.\n\n\
        ### What are test fixtures?\n\nReusable setup for unit tests, injected by name.\n\n\
        ## Design Patterns\n\n\
        ### How do you implement the singleton pattern?\n\nWith a module-level instance or a \
        class that returns the one instance it keeps; a factory pattern builds objects.\n\n\
        ### What is the factory pattern?\n\nA function or class that builds objects so callers \
        need not name their classes: a design pattern like singleton.\n"
        .to_string();
    let dir = bundled_project();
    let before = placement(&build(dir.path()));
    std::fs::write(dir.path().join("content/zz.md"), &added).unwrap();
    let after = build(dir.path());
    let touched: std::collections::BTreeSet<String> = entries(&after)
        .into_iter()
        .zip(after["entries"].as_array().unwrap())
        .filter(|(_, e)| {
            e["variants"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v["source"] == "zz.md")
        })
        .map(|((id, _, _), _)| id)
        .collect();
    let after = placement(&after);
    let moved: Vec<(&String, &String, &String)> = before
        .iter()
        .filter(|(id, _)| !touched.contains(*id))
        .filter_map(|(id, ch)| after.get(id).filter(|c| *c != ch).map(|c| (id, ch, c)))
        .collect();
    assert!(moved.is_empty(), "moved: {moved:?}");
    assert!(before.keys().all(|id| after.contains_key(id)));

    // Without the map the same notes move an entry: the map is what kept
    // them (if chapter placement changes, pick an added note that moves
    // one, or this check says nothing).
    std::fs::remove_dir_all(dir.path().join(".docgen")).unwrap();
    let fresh = placement(&build(dir.path()));
    assert!(
        before
            .iter()
            .any(|(id, ch)| !touched.contains(id) && fresh.get(id).is_some_and(|c| c != ch)),
        "no entry moves even without the map"
    );
}

#[test]
fn a_hand_edited_alias_never_writes_outside_the_site() {
    let dir = common::project(&[("content/a.md", GIL.as_bytes())]);
    build(dir.path());
    let path = dir.path().join(".docgen/permalinks.json");
    let map = std::fs::read_to_string(&path).unwrap().replace(
        "\"chapter\"",
        "\"aliases\": [\"chapters/../../pwned.html#x\", \"../pwned.html#y\", \"chapters/a/b.html#z\"],\n      \"chapter\"",
    );
    std::fs::write(&path, map).unwrap();
    build(dir.path());
    assert!(!dir.path().join("pwned.html").exists());
    assert!(!dir.path().parent().unwrap().join("pwned.html").exists());
    assert!(!dir.path().join("public/chapters/a").exists());
}

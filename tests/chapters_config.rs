//! `chapters:` in `docgen.yaml` and front matter `chapter:` / `weight:`:
//! the author names, orders and pins chapters; unknown names are errors
//! naming them.

mod common;

use docgen::pipeline::{BuildOptions, build_site};

const PYTHON: &str = "# Python\n\n## What is the GIL?\n\nA lock.\n\n## How do threads share memory?\n\nThrough the heap.\n\n## What is a decorator?\n\nA wrapper.\n\n## Explain list comprehensions\n\nA compact loop.\n";
const SQL: &str = "# SQL\n\n## What is an index?\n\nA lookup structure.\n\n## Explain a LEFT JOIN\n\nKeeps every left row.\n";
const RU: &str = "---\nchapter: Базы данных\nweight: 1\n---\n\n## Что такое транзакция?\n\nАтомарная единица работы.\n\n## Зачем нужен индекс?\n\nДля быстрого поиска.\n";

/// A chapter as `(id, title, [(source, line)])`.
type ChapterRow = (String, String, Vec<(String, usize)>);

/// The chapters in reading order.
fn chapters(root: &std::path::Path) -> Vec<ChapterRow> {
    let built = build_site(&BuildOptions::new(root)).expect("builds");
    let hb = &built.linked.handbook;
    hb.chapters
        .iter()
        .map(|c| {
            let entries = c
                .entries
                .iter()
                .map(|id| {
                    let e = hb.entries.iter().find(|e| &e.id == id).unwrap();
                    (e.variants[0].source.clone(), e.variants[0].line)
                })
                .collect();
            (c.id.clone(), c.title.clone(), entries)
        })
        .collect()
}

#[test]
fn configured_chapters_order_name_and_pin() {
    let config = "chapters:\n  - title: Databases\n    slug: db\n    sources: [sql.md]\n  - title: Pinned\n    entries: [\"python.md:11\"]\n  - title: Concurrency\n    match: [thread, GIL]\n";
    let dir = common::project(&[
        ("content/python.md", PYTHON.as_bytes()),
        ("content/sql.md", SQL.as_bytes()),
        ("docgen.yaml", config.as_bytes()),
    ]);
    let got = chapters(dir.path());
    let head: Vec<(&str, &str)> = got
        .iter()
        .take(3)
        .map(|(id, t, _)| (id.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        head,
        [
            ("db", "Databases"),
            ("pinned", "Pinned"),
            ("concurrency", "Concurrency")
        ]
    );
    let sources = |i: usize| got[i].2.clone();
    assert_eq!(sources(0), [("sql.md".into(), 3), ("sql.md".into(), 7)]);
    assert_eq!(sources(1), [("python.md".into(), 11)]);
    assert_eq!(
        sources(2),
        [("python.md".into(), 3), ("python.md".into(), 7)]
    );
    // The rest is placed automatically, after the configured chapters.
    let rest: Vec<(String, usize)> = got[3..].iter().flat_map(|c| c.2.clone()).collect();
    assert_eq!(rest, [("python.md".into(), 15)]);
}

#[test]
fn front_matter_names_a_chapter_and_weight_orders_it() {
    let config = "chapters:\n  - title: Базы данных\n    sources: [sql.md]\n";
    let dir = common::project(&[
        ("content/python.md", PYTHON.as_bytes()),
        ("content/sql.md", SQL.as_bytes()),
        ("content/ru.md", RU.as_bytes()),
        ("docgen.yaml", config.as_bytes()),
    ]);
    let got = chapters(dir.path());
    assert_eq!(got[0].1, "Базы данных", "{got:?}");
    // The weighted source reads first in its chapter.
    assert_eq!(
        got[0].2,
        [
            ("ru.md".into(), 6),
            ("ru.md".into(), 10),
            ("sql.md".into(), 3),
            ("sql.md".into(), 7)
        ]
    );
}

#[test]
fn unknown_names_are_errors_that_name_them() {
    for (config, needle) in [
        (
            "chapters:\n  - title: X\n    sources: [nope.md]\n",
            "nope.md",
        ),
        (
            "chapters:\n  - title: X\n    entries: [\"python.md:999\"]\n",
            "python.md:999",
        ),
        ("chapters:\n  - title: X\n  - title: x\n", "listed twice"),
        ("chapters:\n  - title: X\n    slug: ../up\n", "../up"),
        ("chapters:\n  - titel: X\n", "titel"),
    ] {
        let dir = common::project(&[
            ("content/python.md", PYTHON.as_bytes()),
            ("docgen.yaml", config.as_bytes()),
        ]);
        let (ok, err) = common::docgen(dir.path(), &["build", "-q"]);
        assert!(!ok, "{config}");
        assert!(
            err.contains("docgen.yaml") && err.contains(needle),
            "{config}: {err}"
        );
    }
}

/// Notes without sections: a question that fits a chapter goes there; one
/// that fits none stays with its note. The review lists both, with their
/// fit, in `handbook.json`'s model and on the Tools page.
#[test]
fn placements_by_content_are_reviewed() {
    let sectioned = "# Notes\n\n## Concurrency\n\n### How do threads share memory?\n\nThreads share the heap; a lock guards shared state.\n\n### What is a thread pool?\n\nA pool of worker threads that run queued tasks.\n\n## Databases\n\n### What is an index?\n\nA lookup structure over table rows.\n";
    let flat = "# Rapid notes\n\n1. How many threads should a thread pool have?\nAbout as many worker threads as cores for CPU work.\n\n2. What is a monad?\nA unit and a bind.\n";
    let dir = common::project(&[
        ("content/a.md", sectioned.as_bytes()),
        ("content/b.md", flat.as_bytes()),
    ]);
    let built = build_site(&BuildOptions::new(dir.path())).expect("builds");
    let hb = &built.linked.handbook;
    let placed: Vec<(String, String, bool)> = hb
        .review
        .placements
        .iter()
        .map(|p| {
            let e = hb.entries.iter().find(|e| e.id == p.entry).unwrap();
            (e.title.clone(), p.chapter.clone(), p.with_source)
        })
        .collect();
    assert_eq!(
        placed,
        [
            (
                "How many threads should a thread pool have?".to_string(),
                "Concurrency".to_string(),
                false
            ),
            (
                "What is a monad?".to_string(),
                "Rapid notes".to_string(),
                true
            ),
        ]
    );
    let (ok, err) = common::docgen(dir.path(), &["build", "-q"]);
    assert!(ok, "{err}");
    let page = std::fs::read_to_string(dir.path().join("public/duplicates.html")).unwrap();
    assert!(page.contains("Chapter placement (2)"), "{page}");
    assert!(page.contains("kept with its note"));
    // A rebuild keeps the chapters through the permalink map, and the
    // review still says how they were placed.
    let (ok, err) = common::docgen(dir.path(), &["build", "-q"]);
    assert!(ok, "{err}");
    let again = std::fs::read_to_string(dir.path().join("public/duplicates.html")).unwrap();
    assert_eq!(page, again);
}

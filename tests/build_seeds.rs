//! End-to-end tests of `docgen build` on the bundled notes (`content/`).

mod common;

use std::collections::BTreeMap;

use serde_json::Value;

fn handbook_json(built: &docgen::pipeline::Built) -> Value {
    serde_json::from_str(built.site.text("handbook.json").unwrap()).unwrap()
}

/// Every variant of every entry, as (source, line, question, answered).
fn variants(hb: &Value) -> Vec<(String, u64, String, bool)> {
    hb["entries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["variants"].as_array().unwrap().iter())
        .map(|v| {
            (
                v["source"].as_str().unwrap().to_string(),
                v["line"].as_u64().unwrap(),
                v["question"].as_str().unwrap().to_string(),
                v["answered"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_seed_yields_its_questions() {
    let built = common::build_seeds();
    let vs = variants(&handbook_json(&built));
    let mut per_source: BTreeMap<&str, usize> = BTreeMap::new();
    for (s, ..) in &vs {
        *per_source.entry(&s[..3]).or_default() += 1;
    }
    let expected = [
        ("000", 71),
        ("001", 40),
        ("002", 6),
        ("003", 90),
        ("004", 41),
    ];
    assert_eq!(per_source, expected.into_iter().collect::<BTreeMap<_, _>>());
    assert_eq!(built.report.questions, 248);
}

#[test]
fn questions_keep_their_text_and_line() {
    let vs = variants(&handbook_json(&common::build_seeds()));
    let find = |src: &str, line: u64| {
        vs.iter()
            .find(|(s, l, ..)| s.starts_with(src) && *l == line)
            .unwrap_or_else(|| panic!("no question at {src}:{line}"))
    };
    let cases = [
        ("000", 73, "What is the Global Interpreter Lock (GIL)?"),
        (
            "000",
            22,
            "How does Python’s garbage collector work internally?",
        ),
        (
            "000",
            140,
            "Trace the complete flow from `python app.py` → output on screen.",
        ),
        ("001", 1, "What is the Global Interpreter Lock (GIL)?"),
        ("001", 30, "How does GIL affect multithreading?"),
        ("001", 262, "What are meta classes?"),
        ("001", 883, "What are Python bytecodes?"),
        (
            "002",
            102,
            "Why doesn’t Python create `.pyc` for main files?",
        ),
        ("002", 262, "What is PVM?"),
        ("003", 44, "What is the GIL? Why?"),
        ("003", 183, "Closure?"),
        (
            "004",
            96,
            "Difference between threading and multiprocessing?",
        ),
        ("004", 150, "What are closures?"),
    ];
    for (src, line, question) in cases {
        assert_eq!(find(src, line).2, question, "{src}:{line}");
    }
    assert!(!find("001", 124).3, "001 #5 monkey patching has no answer");
    assert!(find("001", 1).3);
    assert!(
        vs.iter().filter(|v| v.0.starts_with("000")).all(|v| !v.3),
        "000 has no answers"
    );
}

#[test]
fn no_mojibake_survives_and_repairs_show() {
    let built = common::build_seeds();
    let bad = ["â€", "ðŸ", "Ã©", "‚Ä", "‚î", "üì", "‚úî", "\u{F8FF}"];
    let mut all = String::new();
    for (path, bytes) in &built.site.files {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        for b in bad {
            assert!(!text.contains(b), "{path} contains mojibake {b:?}");
        }
        all.push_str(text);
    }
    for good in ["–", "’", "│", "▼", "📌", "✔", "🧠"] {
        assert!(
            all.contains(good),
            "repaired {good:?} missing from the output"
        );
    }
}

fn pages(built: &docgen::pipeline::Built) -> impl Iterator<Item = (&String, &str)> {
    built
        .site
        .files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, std::str::from_utf8(b).unwrap()))
}

#[test]
fn every_code_block_is_highlighted() {
    let built = common::build_seeds();
    let mut blocks = 0;
    for (path, html) in pages(&built) {
        let pres = html.matches("<pre").count();
        let highlighted = html.matches("<pre class=\"hl-code\"").count();
        assert_eq!(pres, highlighted, "{path}: a <pre> without highlighting");
        blocks += highlighted;
    }
    assert!(blocks >= 15, "only {blocks} code blocks in the site");
    // 001's flattened `Python` snippets and 003 #18's unfenced code are in
    // python-highlighted blocks.
    let python_blocks: Vec<&str> = pages(&built)
        .flat_map(|(_, h)| h.split("<pre").skip(1))
        .filter(|b| b.starts_with(" class=\"hl-code\" data-lang=\"python\""))
        .map(|b| b.split("</pre>").next().unwrap())
        .collect();
    for needle in ["decorator_name", "asyncio", "MyContext", "my_decorator"] {
        assert!(
            python_blocks
                .iter()
                .any(|b| b.contains(needle) && b.contains("<span class=\"hl-")),
            "{needle} is not in a highlighted python block"
        );
    }
}

#[test]
fn pages_exist_and_link_entries_with_their_sources() {
    let built = common::build_seeds();
    let index = built.site.text("index.html").unwrap();
    assert!(index.contains("Python Interview Handbook"));
    let open = built.site.text("open-questions.html").unwrap();
    assert!(open.contains("How does Python handle indentation internally?"));
    assert!(
        !open.contains("What is monkey patching?"),
        "answered by another source once merged"
    );
    assert!(
        built.site.files.keys().any(|p| p.starts_with("notes/")),
        "the article page"
    );
    let hb = handbook_json(&built);
    for e in hb["entries"].as_array().unwrap() {
        let url = e["url"].as_str().unwrap();
        let (page, anchor) = url.split_once('#').unwrap();
        let html = built
            .site
            .text(page)
            .unwrap_or_else(|| panic!("{page} missing"));
        assert!(
            html.contains(&format!("id=\"{anchor}\"")),
            "{url} has no anchor"
        );
    }
    let chapter = built
        .site
        .files
        .keys()
        .find(|p| p.starts_with("chapters/"))
        .unwrap();
    let html = built.site.text(chapter).unwrap();
    assert!(html.contains("line "), "entries show where they came from");
}

#[test]
fn handbook_json_has_the_documented_fields() {
    let hb = handbook_json(&common::build_seeds());
    // The format is versioned, and the top level holds exactly these keys.
    assert_eq!(hb["version"], docgen::render::data::FORMAT_VERSION);
    assert_eq!(hb["version"], 1);
    let mut top: Vec<&str> = hb.as_object().unwrap().keys().map(String::as_str).collect();
    top.sort_unstable();
    assert_eq!(
        top,
        [
            "chapters",
            "concepts",
            "description",
            "entries",
            "language",
            "title",
            "version"
        ]
    );
    let e = &hb["entries"][0];
    for key in [
        "id", "title", "chapter", "url", "answered", "concepts", "related", "variants", "answers",
    ] {
        assert!(!e[key].is_null(), "entry field {key} missing");
    }
    for key in ["source", "line", "question", "answered"] {
        assert!(
            !e["variants"][0][key].is_null(),
            "variant field {key} missing"
        );
    }
    let c = &hb["chapters"][0];
    assert!(c["id"].is_string() && c["title"].is_string() && c["entries"].is_array());
    assert!(hb["concepts"].is_array());
    let answered = hb["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["answered"] == true)
        .unwrap();
    for key in ["source", "line", "markdown"] {
        assert!(
            !answered["answers"][0][key].is_null(),
            "answer field {key} missing"
        );
    }
}

#[test]
fn building_twice_gives_identical_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [&a, &b] {
        let out = dir.path().join("public");
        let (ok, err) = common::docgen(
            &common::repo(),
            &["build", "-q", "--output", out.to_str().unwrap()],
        );
        assert!(ok, "{err}");
    }
    let ta = common::read_tree(&a.path().join("public"));
    let tb = common::read_tree(&b.path().join("public"));
    assert!(ta.len() > 10);
    assert_eq!(ta.len(), tb.len());
    for ((pa, ba), (pb, bb)) in ta.iter().zip(&tb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between builds");
    }
}

/// Rendering runs on rayon's thread pool; the output must not depend on
/// how many threads there are or how work was split between them.
#[test]
fn parallel_and_single_threaded_builds_are_identical() {
    let trees: Vec<Vec<(String, Vec<u8>)>> = ["1", "4"]
        .iter()
        .map(|threads| {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("public");
            let status = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
                .args(["build", "-q", "--output", out.to_str().unwrap()])
                .current_dir(common::repo())
                .env("RAYON_NUM_THREADS", threads)
                .status()
                .unwrap();
            assert!(status.success());
            common::read_tree(&out)
        })
        .collect();
    assert!(trees[0].len() > 100);
    assert_eq!(trees[0].len(), trees[1].len());
    for ((pa, ba), (pb, bb)) in trees[0].iter().zip(&trees[1]) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between 1 and 4 threads");
    }
}

/// `docgen serve` rebuilds with a [`docgen::pipeline::Session`] that reuses
/// unchanged extractions and highlighted code. After edits (an answer's
/// code changed, a question added, a file removed) each rebuild must equal
/// a fresh build of the same files, byte for byte.
#[test]
fn session_rebuilds_equal_fresh_builds() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    for f in std::fs::read_dir(common::repo().join("content")).unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), content.join(f.file_name())).unwrap();
    }
    let opts = docgen::pipeline::BuildOptions::new(dir.path());
    let session = docgen::pipeline::Session::default();
    let check = |what: &str| {
        let cached = docgen::pipeline::build_site_in(&opts, &session)
            .unwrap()
            .site;
        let fresh = docgen::pipeline::build_site(&opts).unwrap().site;
        assert!(cached.files.len() > 100, "{what}");
        for (path, bytes) in &fresh.files {
            assert!(
                cached.files.get(path) == Some(bytes),
                "{what}: {path} differs"
            );
        }
        assert_eq!(cached.files.len(), fresh.files.len(), "{what}");
        cached
    };
    let first = check("first build");
    let notes = content.join("extra.md");
    std::fs::write(
        &notes,
        "## Generators\n\n1. What does `yield` do?\n\n```python\ndef gen():\n    yield 1\n```\n",
    )
    .unwrap();
    let added = check("a source added");
    assert!(
        added
            .text("index.html")
            .unwrap()
            .contains("What does <code>yield</code> do?")
    );
    std::fs::write(
        &notes,
        "## Generators\n\n1. What does `yield` do?\n\n```python\ndef gen():\n    yield 2\n```\n\n2. What is `send`?\n",
    )
    .unwrap();
    let edited = check("code and a question changed");
    assert_ne!(edited, added);
    std::fs::remove_file(&notes).unwrap();
    let removed = check("the source removed");
    assert_eq!(removed, first, "back to the first site");
}

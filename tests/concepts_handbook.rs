//! The link stage end to end: concept links in answers, concept tags,
//! concept pages with relations and their evidence, the concept map,
//! related questions and `handbook.json`, on the bundled notes and on
//! constructed projects.

mod common;

use docgen::concepts::load_catalog;
use docgen::pipeline::{BuildOptions, Built, build_site};
use serde_json::Value;

const CATALOG: &str = "concepts:
  - id: gil
    name: GIL
    aliases: [GIL, Global Interpreter Lock]
    case_sensitive: true
    related: [reference-counting]
  - id: reference-counting
    name: Reference counting
    aliases: [reference counting, refcount]
  - id: threading
    name: Threading
    aliases: [thread, threading]
";

const NOTES: &str = "# Notes

### What is the GIL?

The GIL lets one thread run bytecode. The GIL again, and the GIL once more.
It exists because reference counting is not thread-safe.

```python
GIL = threading.Lock()  # code: never linked
```

    indented code: GIL and reference counting

Inline code `x = GIL` is code too; see [the GIL docs](https://example.org/GIL)
and https://example.org/threading/GIL.html for more.

### Who is Giles?

GILES wrote about the gil and Gilbert, in lower case and inside words.

### When is the global interpreter lock released?

During blocking I/O: spelled out in lower case, still the same concept.

### Why a lock?

`GIL` is the short name; threads wait for it.
";

/// Builds a constructed project in memory.
fn build(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Built) {
    let dir = common::project(files);
    let built = build_site(&BuildOptions::new(dir.path())).expect("the project builds");
    (dir, built)
}

fn constructed() -> (tempfile::TempDir, Built) {
    build(&[
        ("content/concepts.yaml", CATALOG.as_bytes()),
        ("content/notes.md", NOTES.as_bytes()),
    ])
}

/// The `<article>` of entry `id` on whichever chapter page holds it.
fn entry_html<'a>(built: &'a Built, id: &str) -> &'a str {
    let open = format!("id=\"{id}\"");
    for (path, bytes) in &built.site.files {
        if !path.starts_with("chapters/") {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        if let Some(at) = html.find(&open) {
            let start = html[..at].rfind("<article").unwrap();
            let end = start + html[start..].find("</article>").unwrap();
            return &html[start..end];
        }
    }
    panic!("no entry {id}");
}

/// The answer part of an entry (before its tags and related questions).
fn answers(entry: &str) -> &str {
    let start = entry.find("<div class=\"answer\">").expect("an answer");
    let end = entry.find("class=\"concept-tags\"").unwrap_or(entry.len());
    &entry[start..end]
}

/// Every `<tag …>…</tag>` element's inner HTML.
fn elements<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i..];
        let end = after.find(&close).unwrap();
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

fn links_to(html: &str, concept: &str) -> usize {
    html.matches(&format!("href=\"../concepts/{concept}.html\""))
        .count()
}

fn json(built: &Built) -> Value {
    serde_json::from_str(built.site.text("handbook.json").unwrap()).unwrap()
}

fn entry_by_title<'a>(hb: &'a Value, title: &str) -> &'a Value {
    hb["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == title)
        .unwrap_or_else(|| panic!("no entry {title:?}"))
}

fn concept_by_id<'a>(hb: &'a Value, id: &str) -> &'a Value {
    hb["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no concept {id:?}"))
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn first_mention_is_linked_once_and_never_in_code_or_links() {
    let (_dir, built) = constructed();
    let entry = entry_html(&built, "what-is-the-gil");
    let body = answers(entry);
    assert_eq!(links_to(body, "gil"), 1, "one link per concept: {body}");
    assert_eq!(links_to(body, "reference-counting"), 1, "{body}");
    assert_eq!(links_to(body, "threading"), 1, "{body}");
    // The first prose mention is the one linked.
    assert!(
        body.contains("The <a href=\"../concepts/gil.html\" title=\"GIL\""),
        "{body}"
    );
    for pre in elements(body, "pre") {
        assert!(!pre.contains("<a "), "link inside a code block: {pre}");
    }
    for code in elements(body, "code") {
        assert!(!code.contains("<a "), "link inside inline code: {code}");
    }
    // The markdown link and the bare URL keep their own targets.
    assert!(body.contains("href=\"https://example.org/GIL\""), "{body}");
    assert!(
        body.contains("https://example.org/threading/GIL.html"),
        "{body}"
    );
}

#[test]
fn word_boundaries_and_case_rules() {
    let (_dir, built) = constructed();
    let hb = json(&built);
    let giles = entry_by_title(&hb, "Who is Giles?");
    assert!(
        strings(&giles["concepts"]).is_empty(),
        "GILES, gil and Gilbert are no mention of the GIL: {giles}"
    );
    assert_eq!(links_to(entry_html(&built, "who-is-giles"), "gil"), 0);
    // Case-sensitive concepts still match their spelled-out alias in any case.
    let spelled = entry_by_title(&hb, "When is the global interpreter lock released?");
    assert_eq!(strings(&spelled["concepts"]), ["gil"]);
}

#[test]
fn a_code_span_that_is_an_alias_is_linked_whole() {
    let (_dir, built) = constructed();
    let body = answers(entry_html(&built, "why-a-lock"));
    assert!(
        body.contains(
            "<a href=\"../concepts/gil.html\" title=\"GIL\" rel=\"noopener noreferrer\"><code>GIL</code></a>"
        ),
        "{body}"
    );
}

#[test]
fn entries_carry_tags_and_concepts_carry_relations_in_json() {
    let (_dir, built) = constructed();
    let hb = json(&built);
    let gil_entry = entry_by_title(&hb, "What is the GIL?");
    // What the question is about first, then the most mentioned
    // ("thread" twice, "reference counting" once).
    assert_eq!(
        strings(&gil_entry["concepts"]),
        ["gil", "threading", "reference-counting"]
    );
    let tags = entry_html(&built, "what-is-the-gil");
    assert!(tags.contains("class=\"concept-tag\" href=\"../concepts/threading.html\""));
    let gil = concept_by_id(&hb, "gil");
    assert!(strings(&gil["related"]).contains(&"reference-counting"));
    assert!(strings(&gil["entries"]).contains(&"what-is-the-gil"));
    assert!(strings(&gil["about"]).contains(&"when-is-the-global-interpreter-lock-released"));
    let rel = gil["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["concept"] == "reference-counting")
        .unwrap();
    assert_eq!(rel["explicit"], true);
    assert_eq!(strings(&rel["together"]), ["what-is-the-gil"]);
}

#[test]
fn concept_pages_show_definition_backlinks_and_reasons() {
    let (_dir, built) = constructed();
    let page = built.site.text("concepts/gil.html").expect("the GIL page");
    assert!(page.contains("<h1>GIL</h1>"));
    // The defining entry is quoted with a link.
    assert!(
        page.contains("The GIL lets one thread run bytecode."),
        "{page}"
    );
    assert!(page.contains("href=\"../chapters/"));
    assert!(page.contains("listed in the catalog; together in 1 question"));
    let threading = built.site.text("concepts/threading.html").unwrap();
    assert!(
        threading.contains("#what-is-the-gil\">What is the GIL?</a>"),
        "backlink from the answer that mentions threads"
    );
    let index = built.site.text("concepts/index.html").unwrap();
    assert!(index.contains("<svg"));
    for id in ["gil", "reference-counting", "threading"] {
        assert!(
            index.contains(&format!("href=\"{id}.html\"")),
            "map node {id}"
        );
    }
}

#[test]
fn without_a_catalog_the_concepts_are_discovered() {
    let (_dir, built) = build(&[("content/notes.md", NOTES.as_bytes())]);
    let hb = json(&built);
    let concepts = hb["concepts"].as_array().unwrap();
    let gil = concepts
        .iter()
        .find(|c| c["name"] == "GIL")
        .unwrap_or_else(|| panic!("{concepts:?}"));
    assert_eq!(gil["discovered"], true);
    assert!(gil["evidence"].as_str().unwrap().contains("notes.md"));
    for c in concepts {
        assert_eq!(c["discovered"], true);
        let page = format!("concepts/{}.html", c["id"].as_str().unwrap());
        let html = built
            .site
            .text(&page)
            .unwrap_or_else(|| panic!("no {page}"));
        assert!(html.contains("Found in the notes:"), "{page}");
    }
}

#[test]
fn a_bad_catalog_names_file_line_and_column() {
    let bad = "concepts:\n  - id: gil\n    name: GIL\n    aliases: [GIL\n";
    let dir = common::project(&[
        ("content/concepts.yaml", bad.as_bytes()),
        ("content/notes.md", NOTES.as_bytes()),
    ]);
    let (ok, stderr) = common::docgen(dir.path(), &["build"]);
    assert!(!ok);
    assert!(
        stderr.contains("concepts.yaml:5:") || stderr.contains("concepts.yaml:4:"),
        "{stderr}"
    );
    assert!(!dir.path().join("public").exists());
}

#[test]
fn seeds_every_concept_has_a_page() {
    let built = common::build_seeds();
    let catalog = load_catalog(&common::repo().join("content/concepts.yaml"))
        .unwrap()
        .expect("the bundled catalog");
    assert!(catalog.concepts.len() >= 40);
    for c in &catalog.concepts {
        let page = built
            .site
            .text(&format!("concepts/{}.html", c.id))
            .unwrap_or_else(|| panic!("no page for {}", c.id));
        assert!(page.contains(&format!("<h1>{}</h1>", c.name.replace('&', "&amp;"))));
    }
    let index = built.site.text("concepts/index.html").unwrap();
    assert_eq!(
        index.matches("class=\"cm-node\"").count(),
        catalog.concepts.len()
    );
}

#[test]
fn seeds_gil_page_shows_its_relations_with_evidence() {
    let built = common::build_seeds();
    let hb = json(&built);
    let gil = concept_by_id(&hb, "gil");
    let page = built.site.text("concepts/gil.html").unwrap();
    for other in ["reference-counting", "threading", "multiprocessing"] {
        let rel = gil["relations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["concept"] == other)
            .unwrap_or_else(|| panic!("GIL ↔ {other} missing"));
        let together = strings(&rel["together"]);
        assert!(!together.is_empty(), "no entry backs GIL ↔ {other}");
        assert!(page.contains(&format!("href=\"../concepts/{other}.html\"")));
        assert!(
            page.contains(&format!("#{}\"", together[0])),
            "evidence {} for {other} not on the page",
            together[0]
        );
    }
    let rc = concept_by_id(&hb, "reference-counting");
    assert!(strings(&rc["related"]).contains(&"garbage-collection"));
}

#[test]
fn seeds_what_is_the_gil_links_reference_counting() {
    let built = common::build_seeds();
    let entry = entry_html(&built, "what-is-the-global-interpreter-lock-gil");
    let body = answers(entry);
    assert!(
        body.contains(">reference counting</a>"),
        "reference counting is not linked: {body}"
    );
    assert_eq!(links_to(body, "reference-counting"), 1);
    for pre in elements(body, "pre") {
        assert!(!pre.contains("<a "));
    }
}

#[test]
fn seeds_related_questions_are_few_distinct_and_not_duplicates() {
    let built = common::build_seeds();
    let hb = &built.linked.handbook;
    let ids: std::collections::BTreeSet<&str> = hb.entries.iter().map(|e| e.id.as_str()).collect();
    let mut with_related = 0;
    for (e, links) in hb.entries.iter().zip(&built.linked.entries) {
        let related = &links.related;
        assert!(related.len() <= 5, "{}: {:?}", e.id, related);
        assert!(!related.contains(&e.id));
        let distinct: std::collections::BTreeSet<&String> = related.iter().collect();
        assert_eq!(distinct.len(), related.len());
        assert!(related.iter().all(|r| ids.contains(r.as_str())));
        with_related += usize::from(!related.is_empty());
    }
    assert!(
        with_related * 2 > hb.entries.len(),
        "most entries have related questions ({with_related} of {})",
        hb.entries.len()
    );
}

#[test]
fn seeds_check_suggests_missing_concepts_only() {
    let built = common::build_seeds();
    let report = docgen::check::run_checks(&built, "/");
    let terms: Vec<&str> = report
        .concept_suggestions
        .iter()
        .map(|s| s.term.as_str())
        .collect();
    assert!(!terms.is_empty());
    for known in ["GIL", "PVM", "MRO", "__slots__", "garbage collection"] {
        assert!(!terms.contains(&known), "{known} is in the catalog");
    }
    assert!(
        report
            .concept_suggestions
            .iter()
            .all(|s| s.count >= 2 && !s.sources.is_empty())
    );
}

/// A catalog with aliases in Chinese, Korean and Russian links a Chinese
/// note page (prose, no questions): by its Chinese alias inside a Han run,
/// and by an English acronym written inside Chinese prose.
#[test]
fn aliases_in_any_script_link_note_pages() {
    let catalog = "concepts:\n  - id: gil\n    name: GIL\n    aliases: [GIL, Global Interpreter Lock, 全局解释器锁, 전역 인터프리터 락, глобальная блокировка интерпретатора]\n    case_sensitive: true\n  - id: refcount\n    name: Reference counting\n    aliases: [reference counting, 引用计数, 참조 카운팅, подсчёт ссылок]\n";
    let note = "# 并发笔记\n\n这一页记录线程的细节，不是问答。\n\n## 线程\n\nCPython的全局解释器锁让同一时刻只有一个线程运行。\n\n## 内存\n\n对象靠引用计数释放，这和GIL有关。代码里的 `GIL` 不算。\n";
    let (_dir, built) = build(&[
        ("content/concepts.yaml", catalog.as_bytes()),
        ("content/zh.md", note.as_bytes()),
    ]);
    let (path, page) = built
        .site
        .files
        .iter()
        .find(|(p, _)| p.starts_with("notes/"))
        .expect("a note page");
    let html = std::str::from_utf8(page).unwrap();
    let article = &html[html.find("<div class=\"article\"").expect(path)..];
    assert_eq!(links_to(article, "gil"), 1, "{article}");
    assert_eq!(links_to(article, "refcount"), 1, "{article}");
    // The first mention of each is linked: the Chinese alias inside the
    // run, then the English acronym is not linked again.
    assert!(
        article.contains("的<a href=\"../concepts/gil.html\" title=\"GIL\" rel=\"noopener noreferrer\">全局解释器锁</a>让"),
        "{article}"
    );
    assert!(
        article.contains("title=\"Reference counting\" rel=\"noopener noreferrer\">引用计数</a>")
    );
}

/// An English term written inside Chinese prose, with no space around it,
/// is a mention.
#[test]
fn an_english_term_inside_chinese_prose_links() {
    let catalog =
        "concepts:\n  - id: gil\n    name: GIL\n    aliases: [GIL]\n    case_sensitive: true\n";
    let note = "# 笔记\n\n正文只有一段。\n\n## 细节\n\nPython的GIL是一把互斥锁。\n";
    let (_dir, built) = build(&[
        ("content/concepts.yaml", catalog.as_bytes()),
        ("content/zh.md", note.as_bytes()),
    ]);
    let page = built
        .site
        .files
        .iter()
        .find(|(p, _)| p.starts_with("notes/"))
        .map(|(_, b)| std::str::from_utf8(b).unwrap())
        .expect("a note page");
    assert!(
        page.contains(
            "的<a href=\"../concepts/gil.html\" title=\"GIL\" rel=\"noopener noreferrer\">GIL</a>是"
        ),
        "{page}"
    );
}

#[test]
fn definitions_relate_the_concepts_they_name() {
    // The bundled GIL summary names bytecode; the two never share enough
    // questions to co-occur, and the catalog does not list the pair.
    let built = common::build_seeds();
    let gil = built
        .linked
        .concepts
        .iter()
        .find(|c| c.id == "gil")
        .expect("the GIL concept");
    let bytecode = gil
        .relations
        .iter()
        .find(|r| r.concept == "bytecode")
        .expect("GIL – bytecode");
    let sentence = bytecode.definition.as_deref().expect("a defining sentence");
    assert!(sentence.contains("bytecode"), "{sentence}");
    let page = std::str::from_utf8(&built.site.files["concepts/gil.html"]).unwrap();
    assert!(
        page.contains("<blockquote class=\"definition\">"),
        "evidence shown"
    );
}

/// `text` escaped as the templates write it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2F;")
}

#[test]
fn a_concept_page_shows_each_sentence_once() {
    // The bundled notes with their catalog (hand-written summaries that
    // name other concepts) and without it (discovered concepts, whose
    // summary is the defining answer's first sentence).
    let with = common::build_seeds();
    let mut opts = BuildOptions::new(common::repo());
    opts.ignore_catalog = true;
    let without = build_site(&opts).expect("the bundled notes build without their catalog");
    for (label, built) in [("catalog", &with), ("discovered", &without)] {
        let hb = json(built);
        let mut pointed = 0;
        for c in hb["concepts"].as_array().unwrap() {
            let page = format!("concepts/{}.html", c["id"].as_str().unwrap());
            let html = built.site.text(&page).unwrap();
            let mut sentences: Vec<&str> = c["summary"].as_str().into_iter().collect();
            for r in c["relations"].as_array().unwrap() {
                if let Some(d) = r["definition"].as_str() {
                    // A summary relation reads "Name: summary".
                    sentences.push(d.split_once(": ").map_or(d, |(_, s)| s));
                }
            }
            for s in sentences {
                let n = html.matches(&escaped(s)).count();
                assert!(n <= 1, "{label} {page}: {n} copies of {s:?}");
            }
            pointed += html.matches("named in a sentence quoted above").count();
        }
        assert!(
            pointed > 0,
            "{label}: some relation points to its sentence above"
        );
    }
}

#[test]
fn the_concept_map_caption_names_what_its_solid_lines_are() {
    let caption = |built: &Built| {
        let html = built.site.text("concepts/index.html").unwrap();
        let at = html
            .find("<figcaption>Concept map")
            .expect("the map's caption");
        html[at..at + html[at..].find("</figcaption>").unwrap()].to_string()
    };
    let with = caption(&common::build_seeds());
    assert!(
        with.contains("solid lines are relations listed in the catalog,"),
        "{with}"
    );
    let mut opts = BuildOptions::new(common::repo());
    opts.ignore_catalog = true;
    let without = caption(&build_site(&opts).expect("the bundled notes build"));
    assert!(
        without.contains("solid lines are concepts a question compares"),
        "{without}"
    );
    assert!(!without.contains("catalog"), "{without}");
}

#[test]
fn a_concept_page_lists_its_weaker_relations_by_name_only() {
    // A hub the catalog relates to 24 topics: the page gives the reasons
    // for the strongest 20 (`RELATED_SHOWN`) and names the other 4.
    let topics: Vec<String> = (1..=24).map(|i| format!("t{i:02}")).collect();
    let mut catalog = format!(
        "concepts:\n  - id: hub\n    name: Hub\n    aliases: [hub]\n    related: [{}]\n",
        topics.join(", ")
    );
    for t in &topics {
        catalog.push_str(&format!(
            "  - id: {t}\n    name: Topic {t}\n    aliases: [topic{t}]\n"
        ));
    }
    let notes = "# Notes\n\n### What is the hub?\n\nThe hub joins topict01 and topict02.\n";
    let (_dir, built) = build(&[
        ("content/concepts.yaml", catalog.as_bytes()),
        ("content/notes.md", notes.as_bytes()),
    ]);
    let hb = json(&built);
    let hub = concept_by_id(&hb, "hub");
    assert_eq!(
        hub["relations"].as_array().unwrap().len(),
        24,
        "all kept in the data"
    );
    let page = built.site.text("concepts/hub.html").unwrap();
    let list = &page[page.find("<ul class=\"concept-relations\">").unwrap()..];
    let list = &list[..list.find("</section>").unwrap()];
    assert_eq!(
        list.matches("<li><a class=\"concept-tag\"").count(),
        20,
        "{list}"
    );
    let more = &page[page
        .find("<p class=\"more-related\">Also related: ")
        .expect("the rest")..];
    let more = &more[..more.find("</p>").unwrap()];
    assert_eq!(more.matches("class=\"concept-tag\"").count(), 4, "{more}");
}

//! The quick preview `docgen serve` shows before a full rebuild lands
//! (`docgen::handbook::patch`): the last build's handbook patched with an edited
//! source, and the few pages that show the edit.

mod common;

use docgen::handbook::patch as preview;
use docgen::model::{Handbook, HandbookEntry, Linked};
use docgen::pipeline::{BuildOptions, build_site};

const BEFORE: &str = "## Generators\n\n1. What does `yield` do?\nIt pauses the function.\n\n2. What is a generator expression?\nA lazy comprehension.\n\n## Closures\n\n3. What is a closure?\nA function with captured variables.\n\n4. What is `nonlocal`?\nIt rebinds an enclosing variable.\n";

const AFTER: &str = "## Generators\n\n1. What does `yield` do?\nIt hands a value to the caller and pauses.\n\n2. What is a generator expression?\nA lazy comprehension.\n\n3. What does `send` do?\nIt resumes a generator with a value.\n\n## Closures\n\n4. What is `nonlocal`?\nIt rebinds an enclosing variable.\n";

fn entry<'h>(hb: &'h Handbook, title: &str) -> Option<&'h HandbookEntry> {
    hb.entries.iter().find(|e| e.title == title)
}

/// The concept layer runs parallel to the entries and their answers.
fn assert_layer_aligned(linked: &Linked) {
    let hb = &linked.handbook;
    assert_eq!(linked.entries.len(), hb.entries.len());
    for (e, l) in hb.entries.iter().zip(&linked.entries) {
        assert_eq!(l.answers.len(), e.answers.len(), "{}", e.id);
    }
    assert_eq!(linked.articles.len(), hb.articles.len());
}

#[test]
fn an_edited_source_patches_its_entries_and_pages() {
    let dir = common::project(&[
        ("content/a.md", BEFORE.as_bytes()),
        (
            "content/b.md",
            b"## Closures\n\n1. What is a closure?\nA function that remembers its scope.\n",
        ),
    ]);
    let before = build_site(&BuildOptions::new(dir.path())).unwrap();
    let hb = &before.linked.handbook;
    let closure = entry(hb, "What is a closure?").expect("merged closure entry");
    assert_eq!(closure.variants.len(), 2, "a.md and b.md ask it");
    let yield_chapter = entry(hb, "What does `yield` do?").unwrap().chapter.clone();

    let new = docgen::extract::extract("a.md", AFTER, 1).entries;
    let patched = preview::patch(&before.linked, "a.md", &new);
    assert_layer_aligned(&patched.linked);
    let p = &patched.linked.handbook;

    // The same wording keeps its entry, with the new answer.
    let y = entry(p, "What does `yield` do?").unwrap();
    assert_eq!(y.answers.len(), 1);
    assert!(y.answers[0].markdown.contains("hands a value"));
    // A new question sits right after the one before it, in its chapter.
    let send = entry(p, "What does `send` do?").expect("new entry");
    assert_eq!(send.chapter, yield_chapter);
    assert!(send.answered);
    let chapter = p.chapters.iter().find(|c| c.id == send.chapter).unwrap();
    let gen_expr = entry(p, "What is a generator expression?").unwrap();
    let at = chapter
        .entries
        .iter()
        .position(|id| *id == gen_expr.id)
        .unwrap();
    assert_eq!(chapter.entries[at + 1], send.id);
    let order: Vec<&str> = p.entries.iter().map(|e| e.id.as_str()).collect();
    let at = order.iter().position(|id| *id == gen_expr.id).unwrap();
    assert_eq!(order[at + 1], send.id, "entries stay in chapter order");
    // A removed question leaves the entry other sources still ask.
    let closure = entry(p, "What is a closure?").unwrap();
    assert_eq!(closure.variants.len(), 1);
    assert!(closure.variants.iter().all(|v| v.source == "b.md"));
    assert!(patched.chapters.contains(&yield_chapter));
    // Ids stay unique.
    let mut ids: Vec<&str> = p.entries.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), p.entries.len());

    // The preview pages show the edit.
    let confinement = docgen::walk::Confinement::new(dir.path(), Default::default()).unwrap();
    let theme = docgen::theme::Theme::load(dir.path(), &confinement).unwrap();
    let opts = docgen::render::RenderOptions {
        theme: &theme,
        base_url: None,
        cname: None,
        pdf: false,
        highlighted: None,
    };
    let site = docgen::render::render_pages(&patched.linked, &opts, &patched.chapters).unwrap();
    assert!(
        site.text("index.html")
            .unwrap()
            .contains("<code>send</code>")
    );
    let page = site
        .text(&format!("chapters/{yield_chapter}.html"))
        .expect("the edited chapter's page");
    assert!(page.contains("hands a value to the caller"));
    assert!(page.contains(&format!("id=\"{}\"", send.id)));
    assert!(site.files.len() <= 1 + patched.chapters.len());

    // The full rebuild agrees on what the edit shows.
    std::fs::write(dir.path().join("content/a.md"), AFTER).unwrap();
    let after = build_site(&BuildOptions::new(dir.path())).unwrap();
    let full = entry(&after.linked.handbook, "What does `send` do?").unwrap();
    assert_eq!(full.chapter, send.chapter);
    assert_eq!(full.id, send.id);
}

#[test]
fn a_source_emptied_of_questions_drops_their_entries() {
    let dir = common::project(&[("content/a.md", BEFORE.as_bytes())]);
    let before = build_site(&BuildOptions::new(dir.path())).unwrap();
    let patched = preview::patch(&before.linked, "a.md", &[]);
    assert_layer_aligned(&patched.linked);
    assert!(patched.linked.handbook.entries.is_empty());
    assert!(patched.linked.handbook.chapters.is_empty());
    // No chapter page is left to show.
    assert!(patched.chapters.is_empty());
}

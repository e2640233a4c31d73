//! The bundled concept catalog and the concept algorithms on the bundled
//! notes: catalog checks, mention rules, relations, the concept map and
//! suggestions.

use std::collections::BTreeMap;
use std::path::PathBuf;

use docgen::check::suggest::suggest;
use docgen::concepts::{
    Catalog, ConceptIndex, EntryText, Linker, analyze, concept_graph, load_catalog,
};
use docgen::render::concept_layout::NodeBox;
use docgen::render::concept_map::{MapOptions, concept_map_layout, concept_map_svg};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn catalog() -> Catalog {
    load_catalog(&repo().join("content/concepts.yaml"))
        .expect("the bundled catalog parses")
        .expect("the bundled catalog exists")
}

fn idx(cat: &Catalog, id: &str) -> usize {
    cat.index_of(id)
        .unwrap_or_else(|| panic!("no concept `{id}`"))
}

/// (concept id, matched text) of every plain-text mention.
fn found<'t>(cat: &Catalog, linker: &Linker, text: &'t str) -> Vec<(String, &'t str)> {
    linker
        .find(text)
        .into_iter()
        .map(|m| (cat.concepts[m.concept].id.clone(), &text[m.range]))
        .collect()
}

fn md_found<'t>(cat: &Catalog, linker: &Linker, md: &'t str) -> Vec<(String, &'t str)> {
    linker
        .markdown_mentions(md)
        .into_iter()
        .map(|m| (cat.concepts[m.concept].id.clone(), &md[m.range]))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn owned(v: Vec<(String, &str)>) -> Vec<(String, String)> {
    v.into_iter().map(|(a, b)| (a, b.to_string())).collect()
}

#[test]
fn bundled_catalog_is_complete_and_consistent() {
    let cat = catalog();
    assert!(cat.concepts.len() >= 45, "{} concepts", cat.concepts.len());
    for c in &cat.concepts {
        assert!(!c.aliases.is_empty(), "{}", c.id);
        assert!(
            c.summary.as_deref().is_some_and(|s| !s.contains('\n')),
            "{}",
            c.id
        );
        for r in &c.related {
            assert!(
                cat.index_of(r).is_some(),
                "{} is related to unknown {r}",
                c.id
            );
        }
    }
    for id in [
        "gil",
        "reference-counting",
        "garbage-collection",
        "threading",
        "multiprocessing",
        "asyncio",
        "metaclasses",
        "legb",
        "mro",
        "slots",
    ] {
        idx(&cat, id);
    }
    let gil = &cat.concepts[idx(&cat, "gil")];
    assert!(gil.case_sensitive);
    for r in ["reference-counting", "threading", "multiprocessing"] {
        assert!(gil.related.iter().any(|x| x == r), "gil ↔ {r}");
    }
}

#[test]
fn word_boundaries_and_case() {
    let cat = catalog();
    let linker = Linker::new(&cat);
    assert_eq!(owned(found(&cat, &linker, "GILES and MYGIL")), vec![]);
    assert_eq!(owned(found(&cat, &linker, "the gil and a Gil")), vec![]);
    assert_eq!(
        owned(found(
            &cat,
            &linker,
            "What is the GIL? The Global Interpreter Lock."
        )),
        pairs(&[("gil", "GIL"), ("gil", "Global Interpreter Lock")])
    );
    assert_eq!(
        owned(found(&cat, &linker, "the global interpreter lock")),
        pairs(&[("gil", "global interpreter lock")])
    );
    // GC is an acronym: "gc" in lower case is not the concept by itself.
    assert_eq!(
        owned(found(&cat, &linker, "gc; GC")),
        pairs(&[("garbage-collection", "GC")])
    );
}

#[test]
fn plural_and_hyphen_variants() {
    let cat = catalog();
    let linker = Linker::new(&cat);
    let text = "closures; multi-threading, multi threading and multithreading; \
                meta classes and metaclasses; reference counts; context managers";
    assert_eq!(
        owned(found(&cat, &linker, text)),
        pairs(&[
            ("closures", "closures"),
            ("threading", "multi-threading"),
            ("threading", "multi threading"),
            ("threading", "multithreading"),
            ("metaclasses", "meta classes"),
            ("metaclasses", "metaclasses"),
            ("reference-counting", "reference counts"),
            ("context-managers", "context managers"),
        ])
    );
}

#[test]
fn markdown_rules() {
    let cat = catalog();
    let linker = Linker::new(&cat);
    let md = "## The GIL\n\n\
              Threads share the GIL; see [the GIL page](gil.html).\n\n\
              ```python\nimport threading\nx = GIL\n```\n\n    \
              indented closure code\n\n\
              Use `__slots__`, not `obj.__slots__ = ()` or `GIL lock`.\n";
    assert_eq!(
        owned(md_found(&cat, &linker, md)),
        pairs(&[
            ("threading", "Threads"),
            ("gil", "GIL"),
            ("slots", "__slots__")
        ])
    );
}

#[test]
fn bad_yaml_reports_file_line_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("concepts.yaml");
    std::fs::write(
        &path,
        "concepts:\n  - id: gil\n    name: GIL\n    aliases: [GIL\n  - id: x\n",
    )
    .unwrap();
    let err = load_catalog(&path).unwrap_err();
    let msg = err.to_string();
    let prefix = format!("{}:", path.display());
    assert!(msg.starts_with(&prefix), "{msg}");
    let mut rest = msg[prefix.len()..].splitn(3, ':');
    let line: usize = rest.next().unwrap().parse().expect("a line number");
    let column: usize = rest.next().unwrap().parse().expect("a column number");
    assert!((4..=5).contains(&line), "{msg}");
    assert!(column >= 1, "{msg}");

    std::fs::write(
        &path,
        "concepts:\n  - id: gil\n    name: GIL\n    aliases: [GIL]\n    related: [thread]\n",
    )
    .unwrap();
    let msg = load_catalog(&path).unwrap_err().to_string();
    assert!(msg.contains(":5:") && msg.contains("`thread`"), "{msg}");
}

/// The bundled notes as analysis input: (id, title, answer, group), with
/// groups from a crude normalisation of the question text.
fn seed_entries() -> Vec<(String, String, String, usize)> {
    let ingested = seed_docs().expect("seeds ingest");
    let mut groups: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for doc in &ingested.docs {
        let extracted = docgen::extract::extract(&doc.name, &doc.body, doc.body_line);
        for e in extracted.entries {
            let key: String = e
                .question
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            let next = groups.len();
            let group = *groups.entry(key).or_insert(next);
            out.push((
                format!("{}:{}", e.source, e.line),
                e.question,
                e.answer,
                group,
            ));
        }
    }
    assert!(out.len() > 100, "only {} seed entries", out.len());
    out
}

fn texts(seeds: &[(String, String, String, usize)]) -> Vec<EntryText<'_>> {
    seeds
        .iter()
        .map(|(id, title, answer, group)| EntryText {
            id,
            title,
            variants: vec![],
            answers: if answer.is_empty() {
                vec![]
            } else {
                vec![answer.as_str()]
            },
            group: *group,
            places: vec![],
        })
        .collect()
}

fn related_ids(cat: &Catalog, index: &ConceptIndex, id: &str) -> Vec<String> {
    index.concepts[idx(cat, id)]
        .related
        .iter()
        .map(|&c| cat.concepts[c].id.clone())
        .collect()
}

#[test]
fn seeds_link_the_gil_to_its_causes_and_workarounds() {
    let cat = catalog();
    let linker = Linker::new(&cat);
    let seeds = seed_entries();
    let entries = texts(&seeds);
    let index = analyze(&cat, &linker, &entries);
    for (a, b) in [
        ("gil", "reference-counting"),
        ("gil", "threading"),
        ("gil", "multiprocessing"),
        ("reference-counting", "garbage-collection"),
    ] {
        assert!(
            index.relation(idx(&cat, a), idx(&cat, b)).is_some(),
            "no relation {a} ↔ {b}"
        );
    }
    let gil = related_ids(&cat, &index, "gil");
    for r in ["reference-counting", "threading", "multiprocessing"] {
        assert!(gil.iter().any(|x| x == r), "gil related: {gil:?}");
    }
    // Backlinks: entries about the GIL and entries mentioning it.
    let gil_use = &index.concepts[idx(&cat, "gil")];
    assert!(gil_use.about.len() >= 5, "{gil_use:?}");
    assert!(!gil_use.mentioned_in.is_empty());
    assert!(
        gil_use
            .mentioned_in
            .iter()
            .all(|e| !gil_use.about.contains(e))
    );
    // Deterministic.
    assert_eq!(index, analyze(&cat, &linker, &entries));
}

#[test]
fn seeds_cooccurrence_alone_finds_the_gil_relations() {
    let mut cat = catalog();
    for c in &mut cat.concepts {
        c.related.clear();
    }
    let linker = Linker::new(&cat);
    let seeds = seed_entries();
    let index = analyze(&cat, &linker, &texts(&seeds));
    for (a, b) in [
        ("gil", "threading"),
        ("gil", "multiprocessing"),
        ("reference-counting", "garbage-collection"),
    ] {
        let rel = index
            .relation(idx(&cat, a), idx(&cat, b))
            .unwrap_or_else(|| panic!("no co-occurrence {a} ↔ {b}"));
        assert!(!rel.explicit);
        let co = rel.cooccurrence.as_ref().unwrap();
        assert!(co.count >= 2 && co.npmi >= 0.3, "{a} ↔ {b}: {co:?}");
        assert!(!co.entries.is_empty());
    }
    // NPMI keeps frequent concepts from linking to everything: no concept is
    // related to more than a quarter of the catalog.
    for (c, use_) in index.concepts.iter().enumerate() {
        assert!(
            use_.related.len() < cat.concepts.len() / 4,
            "{}: {:?}",
            cat.concepts[c].id,
            use_.related
        );
    }
}

#[test]
fn seeds_mentions_respect_code_and_related_questions_skip_duplicates() {
    let cat = catalog();
    let linker = Linker::new(&cat);
    let seeds = seed_entries();
    let entries = texts(&seeds);
    let index = analyze(&cat, &linker, &entries);
    let find = |title: &str| {
        entries
            .iter()
            .position(|e| e.title == title)
            .unwrap_or_else(|| panic!("no seed entry {title:?}"))
    };
    // `import tracemalloc` sits in a code block: no link to imports.
    let e = find("How to profile memory usage?");
    let imports = idx(&cat, "modules-imports");
    assert!(
        !index.entries[e].mentions.contains(&imports),
        "{:?}",
        index.entries[e]
    );
    assert!(index.entries[e].about.contains(&idx(&cat, "profiling")));
    // `__slots__` and `__dict__` as whole code spans are mentions.
    let e = find("How to reduce memory usage?");
    assert!(index.entries[e].mentions.contains(&idx(&cat, "slots")));
    assert!(
        index.entries[e]
            .mentions
            .contains(&idx(&cat, "class-internals"))
    );
    // Related questions: other groups only, at most five, one per group.
    for (i, ec) in index.entries.iter().enumerate() {
        assert!(ec.related.len() <= 5);
        let mut groups: Vec<usize> = ec.related.iter().map(|r| entries[r.entry].group).collect();
        assert!(!groups.contains(&entries[i].group));
        groups.sort_unstable();
        groups.dedup();
        assert_eq!(groups.len(), ec.related.len());
    }
    let e = find("How are lists implemented internally?");
    let titles: Vec<&str> = index.entries[e]
        .related
        .iter()
        .map(|r| entries[r.entry].title)
        .collect();
    assert!(
        titles.contains(&"How does list resizing work internally?"),
        "{titles:?}"
    );
}

fn rects(svg: &str) -> Vec<NodeBox> {
    let attr = |s: &str, name: &str| -> f64 {
        let key = format!(" {name}=\"");
        let at = s.find(&key).unwrap() + key.len();
        s[at..at + s[at..].find('"').unwrap()].parse().unwrap()
    };
    svg.split("<a ")
        .skip(1)
        .map(|node| {
            let rect = &node[node.find("<rect").unwrap()..];
            let (x, y, w, h) = (
                attr(rect, "x"),
                attr(rect, "y"),
                attr(rect, "width"),
                attr(rect, "height"),
            );
            NodeBox {
                x: x + w / 2.0,
                y: y + h / 2.0,
                w,
                h,
            }
        })
        .collect()
}

#[test]
fn concept_map_links_every_concept_without_overlap() {
    let cat = catalog();
    let linker = Linker::new(&cat);
    let seeds = seed_entries();
    let index = analyze(&cat, &linker, &texts(&seeds));
    let graph = concept_graph(&cat, &index);
    let svg = concept_map_svg(&graph, "concepts/");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(svg.matches("<a ").count(), cat.concepts.len());
    for c in &cat.concepts {
        let href = format!("<a href=\"concepts/{}.html\"", c.id);
        assert_eq!(svg.matches(&href).count(), 1, "{href}");
    }
    assert!(!svg.contains("<script"));
    let boxes = rects(&svg);
    assert_eq!(boxes.len(), cat.concepts.len());
    for (i, a) in boxes.iter().enumerate() {
        for (j, b) in boxes.iter().enumerate().skip(i + 1) {
            // Rounded to 0.1 in the SVG: allow that much.
            let shrunk = |n: &NodeBox| NodeBox {
                w: n.w - 0.2,
                h: n.h - 0.2,
                ..*n
            };
            assert!(
                !shrunk(a).overlaps(&shrunk(b), 0.0),
                "{} and {} overlap",
                cat.concepts[i].id,
                cat.concepts[j].id
            );
        }
    }
    // The layout the SVG draws is the public one, and other depths link up.
    let opts = MapOptions::default();
    assert_eq!(concept_map_layout(&graph, &opts).len(), cat.concepts.len());
    let nested = concept_map_svg(&graph, "../concepts/");
    assert!(nested.contains("<a href=\"../concepts/gil.html\""));
    assert_eq!(svg, concept_map_svg(&graph, "concepts/"));
}

#[test]
fn suggestions_on_seeds_skip_known_concepts() {
    let cat = catalog();
    let linker = Linker::new(&cat);
    let ingested = seed_docs().unwrap();
    let bodies: Vec<&str> = ingested.docs.iter().map(|d| d.body.as_str()).collect();
    let suggestions = suggest(&linker, &bodies);
    assert!(!suggestions.is_empty());
    let terms: Vec<&str> = suggestions.iter().map(|s| s.term.as_str()).collect();
    for known in [
        "GIL",
        "PVM",
        "MRO",
        "__slots__",
        "__pycache__",
        "reference counting",
    ] {
        assert!(!terms.contains(&known), "{known} suggested: {terms:?}");
    }
    // The notes say "source code" and "machine code" in several files.
    assert!(terms.contains(&"source code"), "{terms:?}");
    for s in &suggestions {
        assert!(linker.find(&s.term).is_empty(), "{} is known", s.term);
        assert!(s.count >= 2 && !s.sources.is_empty());
        assert!(s.sources.windows(2).all(|w| w[0] < w[1]));
    }
    assert!(suggestions.windows(2).all(|w| w[0].count >= w[1].count));
}

/// The bundled notes, ingested.
fn seed_docs() -> docgen::Result<docgen::ingest::Ingested> {
    let confinement = docgen::walk::Confinement::new(&repo(), Default::default())?;
    docgen::ingest::ingest_dir(&repo().join("content"), &confinement)
}

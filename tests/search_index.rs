//! The search index artefact on the bundled notes, without a browser: one
//! document per entry, separate from `handbook.json`, within its size
//! budget, deterministic, and the same content whether split into parts or
//! not.

mod common;

use docgen::search::{IndexOptions, build_files};
use serde_json::Value;

/// The JSON inside a `…=JSON.parse('…');` script.
fn parse_script(text: &str) -> Value {
    let start = text.find("JSON.parse('").expect("a JSON.parse script") + "JSON.parse('".len();
    let end = text.rfind("');").expect("script end");
    let mut json = String::with_capacity(end - start);
    let mut chars = text[start..end].chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    json.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                }
                Some(other) => json.push(other),
                None => {}
            }
        } else {
            json.push(c);
        }
    }
    serde_json::from_str(&json).expect("valid JSON")
}

/// The index's documents, in order, gathered from every chunk.
fn documents(files: &[(String, String)]) -> Vec<Value> {
    let main = parse_script(&files[0].1);
    let mut docs = Vec::new();
    for (i, chunk) in main["ds"].as_array().unwrap().iter().enumerate() {
        let chunk = if chunk.is_null() {
            let path = format!("search-index/d{i}.js");
            let (_, text) = files.iter().find(|(p, _)| *p == path).expect("chunk file");
            parse_script(text)
        } else {
            chunk.clone()
        };
        docs.extend(chunk.as_array().unwrap().iter().cloned());
    }
    docs
}

/// Every term with its encoded postings, from every shard.
fn terms(files: &[(String, String)]) -> Vec<(String, String)> {
    let main = parse_script(&files[0].1);
    let mut out = Vec::new();
    for (i, shard) in main["ts"].as_array().unwrap().iter().enumerate() {
        let shard = if shard.is_null() {
            let path = format!("search-index/t{i}.js");
            parse_script(&files.iter().find(|(p, _)| *p == path).unwrap().1)
        } else {
            shard.clone()
        };
        let t = shard["t"].as_array().unwrap();
        let p = shard["p"].as_array().unwrap();
        for (t, p) in t.iter().zip(p) {
            out.push((t.as_str().unwrap().into(), p.as_str().unwrap().into()));
        }
    }
    out
}

#[test]
fn one_document_per_entry_note_section_and_concept_with_its_url() {
    let built = common::build_seeds();
    let hb = &built.linked;
    let files = build_files(hb, &IndexOptions::default());
    let main = parse_script(&files[0].1);
    assert_eq!(files[0].0, "search-index.js");
    assert_eq!(main["v"], 1);
    let sections: Vec<(String, String)> = hb
        .handbook
        .articles
        .iter()
        .flat_map(|a| {
            docgen::text::markdown::heading_sections(&a.markdown)
                .into_iter()
                .map(move |s| {
                    let id = s.heading.map_or(String::new(), |h| h.id);
                    (format!("notes/{}.html", a.id), id)
                })
        })
        .collect();
    assert!(!sections.is_empty() && !hb.concepts.is_empty());
    let n = hb.handbook.entries.len() + sections.len() + hb.concepts.len();
    assert_eq!(main["n"].as_u64().unwrap() as usize, n);
    let docs = documents(&files);
    assert_eq!(docs.len(), n);
    let pages = main["pg"].as_array().unwrap();
    let url = |d: &Value| {
        let page = pages[d[2].as_u64().unwrap() as usize].as_str().unwrap();
        match d[3].as_str().unwrap() {
            "" => page.to_string(),
            frag => format!("{page}#{frag}"),
        }
    };
    // Entries first, in reading order, with no kind number.
    for (d, e) in docs.iter().zip(&hb.handbook.entries) {
        assert_eq!(url(d), format!("chapters/{}.html#{}", e.chapter, e.id));
        assert!(d.get(6).is_none());
    }
    // Then each note page's sections, kind 1, opening their headings.
    let rest = &docs[hb.handbook.entries.len()..];
    for (d, (page, id)) in rest.iter().zip(&sections) {
        assert_eq!(d[6], 1);
        let expected = if id.is_empty() {
            page.clone()
        } else {
            format!("{page}#{id}")
        };
        assert_eq!(url(d), expected);
    }
    // Then the concept pages, kind 2.
    for (d, c) in rest[sections.len()..].iter().zip(&hb.concepts) {
        assert_eq!(d[6], 2);
        assert_eq!(d[0], c.name.as_str());
        assert_eq!(url(d), format!("concepts/{}.html", c.id));
    }
}

#[test]
fn the_site_ships_the_index_separately_and_within_budget() {
    let built = common::build_seeds();
    let site = &built.site;
    let index = site.text("search-index.js").expect("search-index.js");
    assert!(index.starts_with("window.DOCGEN_SEARCH=JSON.parse('"));
    let json = site.text("handbook.json").expect("handbook.json");
    assert!(!json.contains("DOCGEN_SEARCH"));
    let hb: Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        hb["entries"].as_array().unwrap().len(),
        built.linked.handbook.entries.len(),
        "handbook.json stays the full export"
    );
    let html: usize = site
        .files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, b)| b.len())
        .sum();
    let index_bytes: usize = site
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("search-index"))
        .map(|(_, b)| b.len())
        .sum();
    assert!(
        index_bytes * 100 <= html * 35,
        "index {index_bytes} B is over 35 % of the HTML ({html} B)"
    );
}

#[test]
fn split_index_holds_the_same_documents_and_terms() {
    let built = common::build_seeds();
    let whole = build_files(&built.linked, &IndexOptions::default());
    assert_eq!(whole.len(), 1, "the seeds fit one file");
    let opts = IndexOptions {
        shard_bytes: Some(8 * 1024),
        term_shard_bytes: 2 * 1024,
        ..IndexOptions::default()
    };
    let split = build_files(&built.linked, &opts);
    assert!(split.len() > 4, "{} files", split.len());
    assert!(
        split[1..]
            .iter()
            .all(|(p, _)| p.starts_with("search-index/"))
    );
    assert_eq!(documents(&whole), documents(&split));
    assert_eq!(terms(&whole), terms(&split));
    // Every term sits in the shard its first character maps to.
    let main = parse_script(&split[0].1);
    for (i, (path, text)) in split.iter().enumerate().skip(1) {
        if !path.contains("/t") {
            continue;
        }
        let shard = parse_script(text);
        for t in shard["t"].as_array().unwrap() {
            let c = t.as_str().unwrap().chars().next().unwrap().to_string();
            let expected = format!("search-index/t{}.js", main["tk"][&c]);
            assert_eq!(*path, expected, "term {t} in file {i}");
        }
    }
    // Small enough to prefetch every part, document chunks first.
    let pf: Vec<&str> = main["pf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(pf.len(), split.len() - 1);
    assert!(pf[0].starts_with('d') && pf[pf.len() - 1].starts_with('t'));
}

#[test]
fn the_index_is_deterministic_and_sorted() {
    let a = build_files(&common::build_seeds().linked, &IndexOptions::default());
    let b = build_files(&common::build_seeds().linked, &IndexOptions::default());
    assert_eq!(a, b);
    let t: Vec<String> = terms(&a).into_iter().map(|(t, _)| t).collect();
    assert!(t.windows(2).all(|w| w[0] < w[1]), "terms sorted and unique");
    for stop in ["the", "what", "is", "with"] {
        assert!(!t.iter().any(|x| x == stop), "stopword {stop} indexed");
    }
    for expected in ["gil", "garbage", "collector", "metaclasse", "closure"] {
        assert!(t.iter().any(|x| x == expected), "{expected} missing");
    }
}

#[test]
fn concept_aliases_become_synonyms() {
    let mut hb = common::build_seeds().linked;
    let gil = hb
        .handbook
        .entries
        .iter()
        .find(|e| e.title.contains("Global Interpreter Lock"))
        .expect("the GIL entry")
        .id
        .clone();
    hb.concepts = vec![docgen::model::LinkedConcept {
        id: "reference-counting".into(),
        name: "Reference counting".into(),
        aliases: vec!["refcount".into(), "reference count".into()],
        entries: vec![gil.clone()],
        about: vec![gil],
        ..Default::default()
    }];
    let files = build_files(&hb, &IndexOptions::default());
    let main = parse_script(&files[0].1);
    let groups = main["syn"].as_array().unwrap();
    assert!(groups.iter().any(|g| g
        == &serde_json::json!(["refcount", "reference count", "reference counting"])));
    // The notes' own "Global Interpreter Lock (GIL)" is a synonym too.
    assert!(
        groups
            .iter()
            .any(|g| g == &serde_json::json!(["gil", "global interpreter lock"]))
    );
    // The entry about the concept has its aliases indexed.
    let t: Vec<String> = terms(&files).into_iter().map(|(t, _)| t).collect();
    assert!(t.iter().any(|x| x == "refcount"));
}

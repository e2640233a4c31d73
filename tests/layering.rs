//! Layering rules, checked on the source text (in the style of
//! rust-analyzer's tidy tests): each top-level module of the library may
//! name only the modules its allow-list gives. A new dependency between
//! modules is a decision: add it to `ALLOWED` with the reason, or move the
//! code so the dependency is not needed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Top-level module → the crate modules it may name (`crate::x`).
/// `Error` and `Result` (the crate's error type, re-exported at the root)
/// are allowed everywhere.
const ALLOWED: &[(&str, &[&str])] = &[
    // Shared helpers: no stage.
    ("text", &[]),
    ("error", &[]),
    ("walk", &[]),
    ("yaml_guard", &[]),
    ("url_policy", &[]),
    ("config", &["url_policy", "walk", "yaml_guard"]),
    ("theme", &["config", "walk"]),
    ("site", &[]),
    // The stages, each naming only earlier stages' types.
    ("ingest", &["url_policy", "walk", "yaml_guard"]),
    ("extract", &["text"]),
    ("dedup", &["config", "extract", "text"]),
    // The handbook's data types (stage 4's and 4b's outputs).
    ("model", &["extract"]),
    // Stage 4 (assemble, chapters, related questions, the quick-preview
    // patch); related questions by shared concepts read the concept
    // analysis' entry types.
    (
        "handbook",
        &[
            "concepts", "config", "dedup", "extract", "ingest", "model", "site", "text",
        ],
    ),
    // Stage 4b, and discovery, which reads the assembled handbook.
    (
        "concepts",
        &[
            "config",
            "dedup",
            "extract",
            "handbook",
            "model",
            "text",
            "yaml_guard",
        ],
    ),
    // The index is built from the model: never render, never serve.
    ("search", &["model", "site", "text"]),
    ("render", &["model", "search", "site", "text", "theme"]),
    // The one place the stages are sequenced.
    (
        "pipeline",
        &[
            "concepts",
            "config",
            "dedup",
            "extract",
            "handbook",
            "ingest",
            "model",
            "render",
            "site",
            "theme",
            "url_policy",
            "walk",
        ],
    ),
    // Commands over the pipeline's results.
    ("serve", &["config", "pipeline", "site"]),
    (
        "check",
        &["concepts", "ingest", "model", "pipeline", "site", "text"],
    ),
    ("pdf", &["pipeline", "serve", "site"]),
    ("init", &[]),
];

/// The crate modules a file names: every `crate::x` outside comments,
/// including the names inside `use crate::{x, y::z}`.
fn named_modules(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in source.lines() {
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.insert(name);
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
    }
    out
}

/// Top-level module → the crate modules its files name.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read src/") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).expect("under src/");
            let first = rel.components().next().expect("a component");
            let top = first
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if top == "lib" || top == "main" {
                continue;
            }
            let named = named_modules(&fs::read_to_string(&path).expect("read source"));
            graph
                .entry(top.clone())
                .or_default()
                .extend(named.into_iter().filter(|m| *m != top));
        }
    }
    graph
}

#[test]
fn named_modules_reads_paths_and_groups_outside_comments() {
    let names = named_modules(
        "use crate::text::slug;\nuse crate::{Error, handbook::Handbook, site};\n// crate::render\nlet x = crate::walk::Walk::new(); // crate::serve\n",
    );
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    assert_eq!(names, ["Error", "handbook", "site", "text", "walk"]);
}

#[test]
fn every_module_names_only_what_its_allow_list_gives() {
    let allowed: BTreeMap<&str, BTreeSet<&str>> = ALLOWED
        .iter()
        .map(|(m, deps)| (*m, deps.iter().copied().collect()))
        .collect();
    let graph = module_graph();
    assert!(
        graph.contains_key("pipeline"),
        "src/ was not read: {graph:?}"
    );
    let mut problems = Vec::new();
    for (module, named) in &graph {
        let Some(ok) = allowed.get(module.as_str()) else {
            problems.push(format!("src/{module}: not in ALLOWED (tests/layering.rs)"));
            continue;
        };
        for dep in named {
            if dep != "Error" && dep != "Result" && !ok.contains(dep.as_str()) {
                problems.push(format!("src/{module} names crate::{dep}"));
            }
        }
    }
    // An allowance nothing uses any more is removed, so the list stays
    // the true graph.
    for (module, ok) in &allowed {
        let named = graph.get(*module).cloned().unwrap_or_default();
        for dep in ok {
            if !named.contains(*dep) {
                problems.push(format!(
                    "src/{module} no longer names crate::{dep}: remove it from ALLOWED"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "layering broken:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_issue_rules_hold() {
    let graph = module_graph();
    let names = |m: &str| graph.get(m).cloned().unwrap_or_default();
    // Only the pipeline (and the CLI, main.rs) import render.
    for (module, named) in &graph {
        if module != "pipeline" {
            assert!(!named.contains("render"), "src/{module} imports render");
        }
    }
    // The search index is built from the model, not from rendered pages.
    assert!(!names("search").contains("render") && !names("search").contains("serve"));
    // Configuration is read before any stage runs and names none.
    for stage in [
        "ingest", "extract", "dedup", "handbook", "concepts", "render", "search", "pipeline",
        "serve",
    ] {
        assert!(!names("config").contains(stage), "config imports {stage}");
    }
    // serve calls the pipeline, never a stage.
    let serve: Vec<String> = names("serve")
        .into_iter()
        .filter(|m| m != "Error" && m != "Result")
        .collect();
    assert_eq!(serve, ["config", "pipeline", "site"]);
    // Shared text helpers import nothing of the crate.
    assert!(names("text").is_empty(), "text imports {:?}", names("text"));
}

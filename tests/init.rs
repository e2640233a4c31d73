//! `docgen init` and `docgen clean` through the binary.

mod common;

#[test]
fn init_gives_a_project_that_builds_two_chapters_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, err) = common::docgen(dir.path(), &["init", "x"]);
    assert!(ok, "{err}");
    let x = dir.path().join("x");
    for f in [
        "docgen.yaml",
        "content/python.md",
        "content/sql.md",
        ".gitignore",
    ] {
        assert!(x.join(f).is_file(), "{f}");
    }
    let (ok, err) = common::docgen(dir.path(), &["--root", "x", "build"]);
    assert!(ok, "{err}");
    assert!(!err.contains("warning"), "{err}");
    let hb: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(x.join("public/handbook.json")).unwrap())
            .unwrap();
    let titles: Vec<&str> = hb["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Python", "SQL"]);
    // A second init never overwrites.
    std::fs::write(x.join("content/python.md"), "mine").unwrap();
    let (ok, err) = common::docgen(dir.path(), &["init", "x"]);
    assert!(!ok, "{err}");
    assert!(err.contains("never overwrites"), "{err}");
    assert_eq!(
        std::fs::read_to_string(x.join("content/python.md")).unwrap(),
        "mine"
    );
}

#[test]
fn clean_removes_the_site_and_leftovers_but_nothing_else() {
    let dir = common::project(&[("content/a.md", b"1. What is a closure?\nA function.\n")]);
    let (ok, err) = common::docgen(dir.path(), &["build", "-q"]);
    assert!(ok, "{err}");
    std::fs::create_dir_all(dir.path().join(".public.tmp-zz")).unwrap();
    // A build killed while writing its cache left a temporary file.
    let cache = dir.path().join(".docgen/cache");
    std::fs::write(cache.join(".build.bin.4242.tmp"), b"half").unwrap();
    let (ok, err) = common::docgen(dir.path(), &["clean"]);
    assert!(ok, "{err}");
    assert!(!dir.path().join("public").exists());
    assert!(!dir.path().join(".public.tmp-zz").exists());
    assert!(!cache.join(".build.bin.4242.tmp").exists());
    assert!(cache.join("build.bin").is_file(), "the cache itself stays");
    assert!(dir.path().join("content/a.md").is_file());
    let (ok, _) = common::docgen(dir.path(), &["clean", "--output", "content"]);
    assert!(!ok, "clean refuses the project's own folders");
    assert!(dir.path().join("content/a.md").is_file());
}

#[test]
fn config_flag_and_shell_completions() {
    let dir = common::project(&[
        ("content/a.md", b"1. What is a closure?\nA function.\n"),
        ("other.yaml", b"title: From Elsewhere\n"),
    ]);
    let (ok, err) = common::docgen(dir.path(), &["--config", "other.yaml", "build", "-q"]);
    assert!(ok, "{err}");
    let index = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert!(index.contains("From Elsewhere"));
    let (ok, err) = common::docgen(dir.path(), &["--config", "missing.yaml", "build"]);
    assert!(!ok && err.contains("missing.yaml"), "{err}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["completions", "bash"])
        .output()
        .unwrap();
    let script = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && script.contains("docgen") && script.contains("complete"));
}

/// The starter `docgen.yaml` with its commented keys switched on: a
/// line `# key: …` (a lower-case key) and the indented lines of its
/// block lose their `# `; prose comments stay.
fn uncommented(yaml: &str) -> String {
    let mut out = String::new();
    let mut in_block = false;
    for line in yaml.lines() {
        let body = line.strip_prefix("# ");
        let key = body.is_some_and(|b| {
            b.split_once(':').is_some_and(|(k, _)| {
                !k.is_empty() && k.bytes().all(|c| c.is_ascii_lowercase() || c == b'_')
            })
        });
        let nested = in_block && body.is_some_and(|b| b.starts_with("  "));
        if key || nested {
            out.push_str(body.unwrap_or_default());
            in_block = true;
        } else {
            out.push_str(line);
            in_block = key;
        }
        out.push('\n');
    }
    out
}

/// Every key of `docgen::config::Config` is explained in the starter
/// configuration, and switching them all on gives a configuration
/// docgen accepts.
#[test]
fn the_starter_config_explains_every_key() {
    let yaml = docgen::init::STARTER[0].1;
    let source = include_str!("../src/config.rs");
    let body = source
        .split("pub struct Config {")
        .nth(1)
        .and_then(|s| s.split("\n}\n").next())
        .unwrap();
    let keys: Vec<&str> = body
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub "))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k))
        .collect();
    assert!(keys.len() >= 10, "{keys:?}");
    let on = uncommented(yaml);
    for key in keys {
        assert!(
            on.lines().any(|l| l.starts_with(&format!("{key}:"))),
            "the starter docgen.yaml does not explain `{key}`"
        );
    }
    let config = docgen::config::parse(&on, std::path::Path::new("docgen.yaml")).unwrap();
    assert!(config.edit_url.is_some() && config.favicon.is_some());
    assert_eq!(config.chapters.len(), 1);
}

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
    let (ok, err) = common::docgen(dir.path(), &["clean"]);
    assert!(ok, "{err}");
    assert!(!dir.path().join("public").exists());
    assert!(!dir.path().join(".public.tmp-zz").exists());
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

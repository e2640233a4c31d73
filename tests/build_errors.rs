//! Bad input: clear errors naming file and line, non-zero exit, and the
//! previous output left intact.

mod common;

#[test]
fn malformed_front_matter_fails_and_keeps_previous_site() {
    let dir = common::project(&[("content/a.md", b"1. What is a closure?\nA function.\n")]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "{err}");
    let before = common::read_tree(&dir.path().join("public"));
    std::fs::write(
        dir.path().join("content/b.md"),
        "---\ntitle: [unclosed\n---\nbody\n",
    )
    .unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok, "a malformed front matter must fail the build");
    assert!(err.contains("b.md:"), "error names the file: {err}");
    assert!(
        err.contains(":3:") || err.contains(":2:"),
        "error names the line: {err}"
    );
    assert_eq!(
        common::read_tree(&dir.path().join("public")),
        before,
        "previous site intact"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".docgen")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary output left behind: {leftovers:?}"
    );
    // The permalink map is the project's own, written by the good build.
    assert!(dir.path().join(".docgen/permalinks.json").is_file());
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let dir = common::project(&[
        ("content/a.md", b"1. What is a closure?\nA function.\n"),
        ("content/blob.txt", b"\x00\x01\x02binary\x00"),
    ]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "{err}");
    assert!(err.contains("blob.txt"), "warning names the file: {err}");
}

#[test]
fn template_error_names_template_and_line() {
    let dir = common::project(&[
        ("content/a.md", b"1. What is a closure?\nA function.\n"),
        (
            "templates/index.html",
            b"{% extends \"base.html\" %}\n{% block main %}\n{{ nope( }}\n{% endblock main %}\n",
        ),
    ]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok);
    assert!(err.contains("templates/index.html:3"), "{err}");
}

#[test]
fn print_template_without_its_chapters_is_an_error() {
    let dir = common::project(&[
        ("content/a.md", b"1. What is a closure?\nA function.\n"),
        (
            "templates/print.html",
            b"<html><body>no chapters</body></html>\n",
        ),
    ]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok, "a print page that drops the chapters must fail");
    assert!(
        err.contains("print.html") && err.contains("chapter_sections"),
        "{err}"
    );
    assert!(!dir.path().join("public").exists(), "nothing written");
}

#[test]
fn unknown_config_key_is_an_error() {
    let dir = common::project(&[
        ("content/a.md", b"1. What is a closure?\nA function.\n"),
        ("docgen.yaml", b"title: T\nbase_ulr: https://x\n"),
    ]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok);
    assert!(
        err.contains("docgen.yaml:2:") && err.contains("base_ulr"),
        "{err}"
    );
}

#[test]
fn raw_html_in_notes_is_sanitised() {
    let note = b"<details><summary><b>1. What is XSS?</b></summary>\nSee <script>alert(1)</script> and <a href=\"javascript:alert(2)\" onclick=\"x()\">this</a>.\n<img src=x onerror=alert(3)>\n</details>\n\n<details><summary><b>2. What is CSP?</b></summary>\nA header. <iframe src=\"https://evil.example\"></iframe>\n</details>\n";
    let dir = common::project(&[("content/a.md", note as &[u8])]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "{err}");
    let mut pages = 0;
    for (path, bytes) in common::read_tree(&dir.path().join("public")) {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap().to_lowercase();
        // The handbook's own scripts are external files with a src.
        let inline_scripts = html.matches("<script").count() - html.matches("<script src=").count();
        assert_eq!(inline_scripts, 0, "{path}: inline script survived");
        for bad in ["href=\"javascript:", " onclick=", " onerror=", "<iframe"] {
            assert!(!html.contains(bad), "{path}: {bad} survived");
        }
    }
    assert!(pages > 3);
}

#[test]
fn oversized_yaml_is_refused_before_parsing() {
    let big = format!("# {}\ntitle: T\n", "x".repeat(9 << 20));
    let dir = common::project(&[
        ("content/a.md", b"1. What is a closure?\nA function.\n"),
        ("docgen.yaml", big.as_bytes()),
    ]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok);
    assert!(
        err.contains("docgen.yaml") && err.contains("bytes"),
        "{err}"
    );
    std::fs::remove_file(dir.path().join("docgen.yaml")).unwrap();
    std::fs::write(dir.path().join("content/concepts.yaml"), &big).unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok);
    assert!(
        err.contains("concepts.yaml") && err.contains("bytes"),
        "{err}"
    );
}

/// A small file whose YAML aliases would expand to gigabytes (a 1 MiB
/// string referenced 100 times, in a note's front matter, the catalog and
/// `docgen.yaml`) is refused before parsing, naming file and line, and the
/// error quotes none of the huge value.
#[test]
fn yaml_alias_amplification_is_refused_naming_file_and_line() {
    let big = "x".repeat(1 << 20);
    let refs = vec!["*s"; 100].join(", ");
    let note = format!(
        "---\ntitle: &s \"{big}\"\ntags: [{refs}]\n---\n1. What is a closure?\nA function.\n"
    );
    let dir = common::project(&[("content/a.md", note.as_bytes())]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok);
    assert!(
        err.contains("content/a.md:3:") && err.contains("aliases"),
        "{}",
        &err[..err.len().min(400)]
    );
    assert!(
        err.len() < 2_000,
        "the error quotes the value: {} bytes",
        err.len()
    );
    std::fs::write(
        dir.path().join("content/a.md"),
        "1. What is a closure?\nA function.\n",
    )
    .unwrap();
    let catalog = format!("concepts:\n  - id: c\n    name: &s \"{big}\"\n    aliases: [{refs}]\n");
    std::fs::write(dir.path().join("content/concepts.yaml"), &catalog).unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok);
    assert!(
        err.contains("concepts.yaml:4:") && err.contains("aliases"),
        "{}",
        &err[..err.len().min(400)]
    );
    std::fs::remove_file(dir.path().join("content/concepts.yaml")).unwrap();
    let config = format!("title: &s \"{big}\"\ndescription: [{refs}]\n");
    std::fs::write(dir.path().join("docgen.yaml"), &config).unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok);
    assert!(
        err.contains("docgen.yaml:2:") && err.contains("aliases"),
        "{}",
        &err[..err.len().min(400)]
    );
}

/// Notes marked `draft: true` are left out, as in Zola and Hugo, with a
/// warning that says how to build them; `--drafts` builds them. A project
/// of drafts only fails with that hint, not a bare "no notes".
#[test]
fn drafts_are_left_out_unless_asked_for() {
    let draft = "---\ntitle: Network\ndraft: true\n---\n- 什么是TCP三次握手？\n- 为什么需要四次挥手？\n- DNS解析过程是什么？\n";
    let dir = common::project(&[("content/net.md", draft.as_bytes())]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok);
    assert!(err.contains("draft") && err.contains("--drafts"), "{err}");
    let (ok, err) = common::docgen(dir.path(), &["build", "--drafts"]);
    assert!(ok, "{err}");
    let hb = std::fs::read_to_string(dir.path().join("public/handbook.json")).unwrap();
    assert!(
        hb.contains("什么是TCP三次握手"),
        "the draft's questions are built"
    );
    std::fs::write(
        dir.path().join("content/done.md"),
        "1. What is a socket?\nAn endpoint.\n",
    )
    .unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "{err}");
    assert!(err.contains("net.md") && err.contains("--drafts"), "{err}");
    let hb = std::fs::read_to_string(dir.path().join("public/handbook.json")).unwrap();
    assert!(!hb.contains("什么是TCP三次握手") && hb.contains("What is a socket?"));
}

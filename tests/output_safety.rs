//! Lose nothing, leak nothing: where a build may write (`--output`
//! safety), what it may read (symbolic links confined to the project) and
//! which URLs the author's settings may put in a page. Each case runs the
//! real binary on a constructed project.

mod common;

use std::path::Path;

const NOTE: &[u8] = b"1. What is a closure?\nA function with its environment.\n";

fn project() -> tempfile::TempDir {
    common::project(&[
        ("content/a.md", NOTE),
        ("templates/.keep", b""),
        ("static/.keep", b""),
    ])
}

/// Names in `dir` starting with `.public.` that a build leaves behind.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

#[test]
fn output_may_not_be_the_project_or_its_folders() {
    let dir = project();
    let before = common::read_tree(dir.path());
    for target in [
        ".",
        "..",
        "content",
        "content/site",
        "templates",
        "static",
        "./content/../static",
    ] {
        let (ok, err) = common::docgen(dir.path(), &["build", "--output", target]);
        assert!(!ok, "--output {target} must be refused");
        assert!(err.contains("output"), "{target}: {err}");
        // --force never allows these.
        let (ok, _) = common::docgen(dir.path(), &["build", "--force", "--output", target]);
        assert!(!ok, "--force --output {target} must be refused");
    }
    assert_eq!(common::read_tree(dir.path()), before, "nothing changed");
}

#[cfg(unix)]
#[test]
fn output_through_a_link_to_the_project_is_refused() {
    let dir = project();
    let other = tempfile::tempdir().unwrap();
    let link = other.path().join("alias");
    std::os::unix::fs::symlink(dir.path().join("content"), &link).unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build", "--output", link.to_str().unwrap()]);
    assert!(!ok, "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("content/a.md")).unwrap(),
        NOTE
    );
}

#[test]
fn a_foreign_directory_is_replaced_only_with_force() {
    let dir = project();
    let thesis = dir.path().join("thesis");
    std::fs::create_dir_all(&thesis).unwrap();
    std::fs::write(thesis.join("chapter1.tex"), "precious").unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build", "--output", "thesis"]);
    assert!(
        !ok,
        "a non-empty folder docgen did not write must be refused"
    );
    assert!(
        err.contains("--force"),
        "the message says how to override: {err}"
    );
    assert_eq!(
        std::fs::read_to_string(thesis.join("chapter1.tex")).unwrap(),
        "precious"
    );
    let (ok, err) = common::docgen(dir.path(), &["build", "--force", "--output", "thesis"]);
    assert!(ok, "{err}");
    assert!(thesis.join("index.html").is_file());
    assert!(!thesis.join("chapter1.tex").exists());
}

#[test]
fn empty_and_previous_outputs_are_replaced_and_carry_the_marker() {
    let dir = project();
    std::fs::create_dir_all(dir.path().join("public")).unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "an empty output folder is fine: {err}");
    let marker = dir
        .path()
        .join("public")
        .join(docgen::site::output::OUTPUT_MARKER);
    assert!(marker.is_file(), "every build writes the marker");
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "docgen's own output is replaced: {err}");
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn a_killed_builds_leftovers_are_recovered_or_removed() {
    let dir = project();
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "{err}");
    // A kill between the two renames of a swap: no public/, the previous
    // site parked in .public.old-*; and a half-written .public.tmp-*.
    let parked = dir.path().join(".public.old-k1");
    std::fs::create_dir_all(&parked).unwrap();
    std::fs::rename(dir.path().join("public"), parked.join("public")).unwrap();
    std::fs::create_dir_all(dir.path().join(".public.tmp-k2/chapters")).unwrap();
    std::fs::write(dir.path().join(".public.tmp-k2/chapters/x.html"), "half").unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "{err}");
    assert!(dir.path().join("public/index.html").is_file());
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn concurrent_builds_into_one_output_all_succeed() {
    let dir = project();
    let children: Vec<_> = (0..6)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
                .args(["build", "-q"])
                .current_dir(dir.path())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(dir.path().join("public/index.html").is_file());
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

/// Every output file as one string, to search for leaked text.
fn whole_site(public: &Path) -> String {
    common::read_tree(public)
        .into_iter()
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect()
}

#[cfg(unix)]
#[test]
fn links_out_of_the_project_are_skipped_with_a_warning() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOPSECRETFILE\n").unwrap();
    std::fs::create_dir_all(outside.path().join("dir")).unwrap();
    std::fs::write(
        outside.path().join("dir/q.md"),
        "1. What is TOPSECRETDIR?\nHidden.\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("evil.css"), "TOPSECRETCSS").unwrap();
    let dir = project();
    let content = dir.path().join("content");
    symlink(
        outside.path().join("secret.txt"),
        content.join("passwd.txt"),
    )
    .unwrap();
    symlink(outside.path().join("dir"), content.join("linked")).unwrap();
    symlink(content.join("gone.md"), content.join("dangling.md")).unwrap();
    symlink(
        outside.path().join("evil.css"),
        dir.path().join("static/evil.css"),
    )
    .unwrap();
    // A link that stays inside the project is followed.
    std::fs::create_dir_all(dir.path().join("more")).unwrap();
    std::fs::write(
        dir.path().join("more/b.md"),
        "1. What is INSIDELINK?\nFine.\n",
    )
    .unwrap();
    symlink(dir.path().join("more"), content.join("more")).unwrap();

    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "links never fail the build: {err}");
    for name in ["passwd.txt", "linked", "dangling.md", "evil.css"] {
        assert!(err.contains(name), "a warning names {name}: {err}");
    }
    assert!(
        err.contains(&outside.path().join("secret.txt").display().to_string()),
        "{err}"
    );
    let site = whole_site(&dir.path().join("public"));
    for secret in ["TOPSECRETFILE", "TOPSECRETDIR", "TOPSECRETCSS"] {
        assert!(!site.contains(secret), "{secret} leaked into the site");
    }
    assert!(
        site.contains("INSIDELINK"),
        "links inside the project are followed"
    );

    // The author can allow them explicitly.
    std::fs::write(dir.path().join("docgen.yaml"), "follow_symlinks: true\n").unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "{err}");
    let site = whole_site(&dir.path().join("public"));
    assert!(
        site.contains("TOPSECRETDIR"),
        "follow_symlinks: true follows them"
    );
}

#[cfg(unix)]
#[test]
fn a_catalog_linked_from_outside_is_skipped() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("c.yaml"),
        "concepts:\n  - id: leak\n    name: LEAKEDCONCEPT\n    aliases: [closure]\n",
    )
    .unwrap();
    let dir = project();
    std::os::unix::fs::symlink(
        outside.path().join("c.yaml"),
        dir.path().join("content/concepts.yaml"),
    )
    .unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "{err}");
    assert!(err.contains("concepts.yaml"), "{err}");
    assert!(!whole_site(&dir.path().join("public")).contains("LEAKEDCONCEPT"));
}

#[test]
fn a_script_url_in_front_matter_fails_naming_file_key_and_line() {
    let dir = common::project(&[(
        "content/a.md",
        b"---\ntitle: Notes\nurl: \"javascript:alert(1)\"\n---\n1. What is a closure?\nA function.\n",
    )]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok, "{err}");
    assert!(err.contains("a.md:3:"), "file and line: {err}");
    assert!(err.contains("`url`"), "the key: {err}");
    assert!(!dir.path().join("public").exists(), "nothing written");
}

#[test]
fn a_bad_base_url_flag_is_an_error() {
    let dir = project();
    let (ok, err) = common::docgen(dir.path(), &["build", "--base-url", "javascript:alert(1)"]);
    assert!(!ok);
    assert!(err.contains("--base-url"), "{err}");
}

#[test]
fn io_errors_print_the_system_message_once() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok);
    assert_eq!(err.matches("no content/ folder").count(), 1, "{err}");
    assert!(err.contains("docgen init"), "a hint: {err}");
    // A real I/O error (a file where the output's parent should be)
    // prints its system message once.
    let dir = project();
    std::fs::write(dir.path().join("file.txt"), "x").unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build", "--output", "file.txt/site"]);
    assert!(!ok);
    assert_eq!(err.matches("Not a directory").count(), 1, "{err}");
}

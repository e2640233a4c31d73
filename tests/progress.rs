//! `docgen build`'s progress line is for terminals only: with stderr
//! piped (CI, scripts) the build prints its summary and nothing else, no
//! carriage returns or escape codes; with `-q` it prints nothing.

mod common;

fn build(dir: &std::path::Path, quiet: bool) -> String {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"));
    if quiet {
        cmd.arg("-q");
    }
    let out = cmd.arg("build").current_dir(dir).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn no_progress_line_without_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_seeds(dir.path());
    let err = build(dir.path(), false);
    assert!(err.contains("Built "), "{err}");
    assert!(
        !err.contains('\r') && !err.contains('\u{1b}'),
        "terminal control codes on a pipe: {err:?}"
    );
    for stage in ["deduplicate, place, link", " files"] {
        assert!(!err.contains(stage), "progress shown on a pipe: {err}");
    }
    assert_eq!(build(dir.path(), true), "", "-q printed something");
}

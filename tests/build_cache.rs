//! The build cache (`.docgen/cache/build.bin`): a rebuild after one
//! source changed reuses the others' extraction and the highlighted code
//! blocks it has seen, and writes the same site as a cold build, byte for
//! byte; a damaged cache is discarded with a warning; `--no-cache` neither
//! reads nor writes it.

mod common;

use std::path::Path;

const CACHE: &str = ".docgen/cache/build.bin";

fn note(topic: &str, n: usize) -> String {
    let mut s = format!("# {topic}\n\n");
    for i in 1..=n {
        s.push_str(&format!(
            "## {i}. How does {topic} step {i} work?\n\n\
             Step {i} of {topic} runs like this:\n\n\
             ```python\ndef {topic}_{i}(x):\n    return x * {i}\n```\n\n\
             | case | result |\n|---|---|\n| {i} | {} |\n\n",
            i * 2
        ));
    }
    s
}

fn build(dir: &Path, out: &str, extra: &[&str]) -> String {
    let mut args = vec!["build", "--output", out];
    args.extend_from_slice(extra);
    let (ok, err) = common::docgen(dir, &args);
    assert!(ok, "{err}");
    err
}

#[test]
fn a_cached_rebuild_reuses_what_did_not_change_and_writes_the_cold_site() {
    let (a, b, c) = (note("alpha", 6), note("beta", 6), note("gamma", 6));
    let dir = common::project(&[
        ("content/alpha.md", a.as_bytes()),
        ("content/beta.md", b.as_bytes()),
        ("content/gamma.md", c.as_bytes()),
    ]);
    let first = build(dir.path(), "first", &[]);
    assert!(
        first.contains("build cache: 0 of 3 sources' extraction"),
        "{first}"
    );
    assert!(dir.path().join(CACHE).is_file());

    // One source changes: a new answer and a new code block.
    let edited = b.replace("return x * 3", "return x ** 3 + 1");
    std::fs::write(dir.path().join("content/beta.md"), edited).unwrap();
    let second = build(dir.path(), "cached", &[]);
    assert!(
        second.contains("build cache: 2 of 3 sources' extraction and 17 of 18 code blocks reused"),
        "{second}"
    );
    build(dir.path(), "cold", &["--no-cache"]);
    let cached = common::read_tree(&dir.path().join("cached"));
    let cold = common::read_tree(&dir.path().join("cold"));
    assert!(cached.len() > 5);
    assert_eq!(
        cached.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        cold.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in cached.iter().zip(&cold) {
        assert!(
            x == y,
            "{path} differs between the cached and the cold build"
        );
    }
    // The edit is in the site: it is not the first build's.
    assert_ne!(cached, common::read_tree(&dir.path().join("first")));
}

#[test]
fn a_damaged_cache_is_discarded_with_a_warning_and_no_cache_leaves_it_alone() {
    let a = note("delta", 4);
    let dir = common::project(&[("content/delta.md", a.as_bytes())]);
    build(dir.path(), "first", &[]);
    let path = dir.path().join(CACHE);
    let mut bytes = std::fs::read(&path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x5a;
    std::fs::write(&path, &bytes).unwrap();
    let err = build(dir.path(), "damaged", &[]);
    assert!(
        err.contains("warning: .docgen/cache/build.bin is corrupt"),
        "{err}"
    );
    assert!(err.contains("build cache: 0 of 1 sources"), "{err}");
    // The damaged file was replaced by a good one.
    let again = build(dir.path(), "again", &[]);
    assert!(!again.contains("corrupt"), "{again}");
    assert!(again.contains("build cache: 1 of 1 sources"), "{again}");
    assert_eq!(
        common::read_tree(&dir.path().join("damaged")),
        common::read_tree(&dir.path().join("again"))
    );
    // Not a cache file at all.
    std::fs::write(&path, b"hello").unwrap();
    let err = build(dir.path(), "garbage", &[]);
    assert!(
        err.contains("is corrupt (not a docgen build cache)"),
        "{err}"
    );
    // --no-cache neither reads nor writes it.
    std::fs::remove_file(&path).unwrap();
    let err = build(dir.path(), "cold", &["--no-cache"]);
    assert!(!err.contains("build cache"), "{err}");
    assert!(!path.exists());
}

#[test]
fn serve_starts_from_the_cache_of_the_last_build_and_renders_the_same_site() {
    use docgen::pipeline::{self, BuildOptions, Session};
    let a = note("epsilon", 5);
    let dir = common::project(&[("content/epsilon.md", a.as_bytes())]);
    let mut opts = BuildOptions::new(dir.path());
    // Without a cache on disk the session is empty.
    assert!(Session::from_build_cache(&opts).highlighted().is_empty());
    opts.cache = true;
    pipeline::build(&opts).unwrap();
    let session = Session::from_build_cache(&opts);
    assert_eq!(session.highlighted().len(), 5);
    let from_cache = pipeline::build_site_in(&opts, &session).unwrap();
    let fresh = pipeline::build_site(&opts).unwrap();
    assert!(from_cache.site.files == fresh.site.files);
}

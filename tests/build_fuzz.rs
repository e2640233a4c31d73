//! No project makes a whole build panic: deterministic pseudo-random
//! projects (notes of mixed structures, front matter with good and bad
//! values, a `docgen.yaml` and a `concepts.yaml` now and then, raw bytes)
//! go through every stage, from reading `content/` to the rendered site.
//! A build either succeeds with a contents page or fails with an error
//! naming what went wrong; every tenth project is built twice and must
//! give byte-identical files.
//!
//! `DOCGEN_FUZZ_BUILDS` sets the number of projects (default 40, which a
//! CI run affords); the long campaign is
//! `DOCGEN_FUZZ_BUILDS=10000 cargo test --release --test build_fuzz`.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use common::Rng;
use docgen::pipeline::{self, BuildOptions};

/// Pieces of notes in the structures docgen reads, in several languages,
/// with the edges that broke parsers before (unclosed blocks, deep
/// nesting, huge numbers, stray markup).
const PIECES: &[&str] = &[
    "1. What is a closure?\nA function that keeps its scope.\n",
    "2) Как работает GIL?\nОн держит один поток.\n",
    "99999999999. 什么是装饰器？\n装饰器包装函数。\n",
    "### What does `yield` return?\n\nA generator.\n",
    "## 1 함수 인자는 어떻게 전달되나요?\n\n참조로 전달됩니다.\n",
    "Q: What is a list?\nA: A mutable sequence.\n",
    "问：什么是元组？\n答：不可变序列。\n",
    "<details><summary>Why use slots?</summary>\n\nTo save memory.\n</details>\n",
    "<details><summary>unclosed",
    "| Question | Answer |\n| --- | --- |\n| What is PEP 8? | A style guide. |\n",
    "| a | b |\n|---|\n| x |\n",
    "**Q1. What is a metaclass?**\n\nThe class of a class.\n",
    "```python\ndef f():\n    return 1\n```\n",
    "```\nunclosed fence\n",
    "- What is a set?\n  - An unordered collection.\n",
    "#-----#\nQuestion 1\nWrite a loop.\nHints:\nUse range.\nSolution:\nfor i in range(3): print(i)\n#-----#\n",
    "<div><div><div><span id=\"main\">deep</span></div></div></div>\n",
    "<a href=\"javascript:alert(1)\">x</a> <img src=\"../../../../etc/passwd\">\n",
    "<script>alert(1)</script>\n",
    "[link](#frag) [other](http://example.org/a?b=c) ![img](x.png)\n",
    "Plain prose with no question at all, just an article paragraph.\n",
    "> quoted ? text\n",
    "\u{202E}rtl\u{202C} \u{200B} \u{FEFF} emoji 🐍 مرحبا؟\n",
    "[^1]: footnote\n",
    "$$ x^2 $$\n",
    "\n\n\n",
    "---\n",
    "?\n",
    "1.\n",
];

/// Front matter blocks, valid and not.
const FRONT: &[&str] = &[
    "---\ntitle: Python notes\ntags: [python, gil]\n---\n",
    "---\nurl: javascript:alert(1)\n---\n",
    "---\nurl: https://example.org/notes\nsource: Course\nlang: ru\n---\n",
    "---\nweight: -3\nchapter: Базы данных\n---\n",
    "---\ndraft: true\n---\n",
    "---\ndate: not a date\n---\n",
    "---\ntitle: [unclosed\n---\n",
    "---\nquestions:\n  - question: What is a dict?\n    answer: A mapping.\n---\n",
    "+++\ntitle = \"TOML notes\"\ntags = [\"a\"]\n+++\n",
    "+++\ntitle = \n+++\n",
    "---\naliases: [old/page.html]\n---\n",
    "---\na: &x [1,2]\nb: [*x, *x, *x]\n---\n",
];

const CONFIGS: &[&str] = &[
    "title: Fuzzed handbook\n",
    "base_url: https://example.org/book/\nlanguage: zh\n",
    "dedup:\n  threshold: 0.5\n",
    "dedup:\n  threshold: 7\n",
    "chapters:\n  - title: Python\n    match: [closure, generator]\n",
    "chapters:\n  - title: Missing\n    sources: [nothing.md]\n",
    "edit_url: javascript:alert(1)\n",
    "unknown_key: 1\n",
    "title: [\n",
];

const CATALOGS: &[&str] = &[
    "concepts:\n  - name: GIL\n    aliases: [global interpreter lock]\n    related: [threading]\n  - name: threading\n",
    "concepts:\n  - name: 装饰器\n    related: [closure]\n  - name: closure\n",
    "concepts: [\n",
    "concepts:\n  - name: x\n    related: [x]\n",
    "- just a list\n",
];

const NAMES: &[&str] = &[
    "notes.md",
    "заметки.md",
    "笔记.txt",
    "sub/deeper/q.md",
    "README.md",
    "a b.md",
    "index.md",
];

fn random_note(rng: &mut Rng) -> Vec<u8> {
    let mut text = String::new();
    if rng.below(3) == 0 {
        text.push_str(rng.pick(FRONT));
    }
    for _ in 0..1 + rng.below(12) {
        text.push_str(rng.pick(PIECES));
    }
    let mut bytes = text.into_bytes();
    match rng.below(10) {
        // Raw bytes: invalid UTF-8, NULs, a BOM.
        0 => {
            for _ in 0..rng.below(40) {
                bytes.push((rng.next() & 0xFF) as u8);
            }
        }
        1 => {
            let mut bom = vec![0xEF, 0xBB, 0xBF];
            bom.extend_from_slice(&bytes);
            bytes = bom;
        }
        // A cut anywhere, even inside a character.
        2 if !bytes.is_empty() => bytes.truncate(rng.below(bytes.len())),
        _ => {}
    }
    bytes
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Builds one random project; returns whether it built.
fn build_one(rng: &mut Rng, round: usize) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for _ in 0..1 + rng.below(4) {
        let name = rng.pick(NAMES);
        write(&root.join("content").join(name), &random_note(rng));
    }
    if rng.below(3) == 0 {
        write(&root.join("docgen.yaml"), rng.pick(CONFIGS).as_bytes());
    }
    if rng.below(4) == 0 {
        write(
            &root.join("content/concepts.yaml"),
            rng.pick(CATALOGS).as_bytes(),
        );
    }
    let opts = BuildOptions::new(root);
    let built = catch_unwind(AssertUnwindSafe(|| pipeline::build_site(&opts)));
    let built = match built {
        Ok(b) => b,
        Err(_) => panic!("round {round}: the build panicked; project kept at {root:?}",),
    };
    match built {
        Ok(b) => {
            assert!(
                b.site.files.contains_key("index.html"),
                "round {round}: a successful build without a contents page"
            );
            if round.is_multiple_of(10) {
                let again =
                    pipeline::build_site(&opts).expect("a second build of the same project");
                assert!(
                    b.site.files == again.site.files,
                    "round {round}: two builds of one project differ"
                );
            }
            true
        }
        Err(e) => {
            assert!(
                !e.to_string().trim().is_empty(),
                "round {round}: an empty error"
            );
            false
        }
    }
}

#[test]
fn random_projects_never_panic_a_build() {
    let rounds: usize = std::env::var("DOCGEN_FUZZ_BUILDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let mut rng = Rng(0x0D0C_6E4F_022B_11D5);
    let mut ok = 0;
    for round in 0..rounds {
        if build_one(&mut rng, round) {
            ok += 1;
        }
    }
    eprintln!(
        "{rounds} projects: {ok} built, {} refused with an error",
        rounds - ok
    );
    // The generator must exercise the later stages, not only the errors.
    assert!(
        ok * 4 >= rounds,
        "only {ok} of {rounds} projects built: the fuzzer no longer reaches rendering"
    );
}

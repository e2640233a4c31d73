//! Extraction never panics and keeps its invariants, whatever the text:
//! pseudo-random text built from the characters that drive the parsers, and
//! every ~50-byte truncation of each real note.

use docgen::extract::{Extracted, Format, extract};

/// xorshift64: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "1",
    "2",
    "12",
    "5",
    ".",
    ") ",
    "?",
    " ",
    "  ",
    "    ",
    "\n",
    "\n",
    "\n\n",
    "#",
    "## ",
    "### ",
    "Q1. ",
    "Q",
    ":",
    "<details>",
    "</details>",
    "<summary>",
    "</summary>",
    "<b>",
    "</b>",
    "`",
    "```",
    "```python\n",
    "~~~",
    "---",
    "> ",
    "- ",
    "* ",
    "\u{2022} ",
    "What is ",
    "How ",
    "x",
    "__init__()",
    "def f(x):",
    "import os",
    "class A:",
    "@deco",
    "Python\n",
    "Answer:",
    "\u{2014}",
    "\u{e9}",
    "\u{1f4cc}",
    "\u{201d}",
    "\u{a0}",
    "\t",
    "\r\n",
    "&lt;",
    "<",
    ">",
    "[",
    "]",
    "|",
    "\\",
    "_",
    "*",
    "**",
    // The structures added for real notes: labels, markers, tables,
    // cards, exercises, options, separators.
    "\u{7b2c}3\u{9898}",
    "\u{3001}",
    "(1) ",
    "\u{ff08}2\u{ff09}",
    "\u{95ee}\u{ff1a}",
    "\u{7b54}\u{ff1a}",
    "\u{412}\u{43e}\u{43f}\u{440}\u{43e}\u{441}: ",
    "A: ",
    "Question 3\n",
    "Hints:\n",
    "Solution:\n",
    "#----------#\n",
    "<hr />\n",
    "| a | b |\n",
    "|---|---|\n",
    "<table>",
    "<tr><td>",
    "</td><td>",
    "</td></tr>",
    "</table>",
    " :: ",
    " | ",
    "\u{3010}A\u{3011}",
    "B. ",
    "\u{ff1f}",
    "A1. ",
    " vs ",
    "##",
    // Structures added later: comments, HTML lists and headings, heading
    // attributes, badges, numbered pair markers, CJK numbering, section
    // numbers, fields, links as questions.
    "<!--",
    "-->",
    "<ul>\n",
    "<li>",
    "</li>\n",
    "</ul>\n",
    "<h3>",
    "</h3>\n",
    "<div>",
    "</div>\n",
    " {#id}",
    "6% ",
    "**Q1.** ",
    "**R1.**\n",
    "## Pergunta:\n",
    "1、",
    "1.2 ",
    "> \u{201e}",
    "**Follow-ups:**\n",
    "- **Topic:** ",
    "[x](#y)",
];

fn random_text(rng: &mut Rng, pieces: usize) -> String {
    (0..pieces).map(|_| rng.pick(PIECES)).collect()
}

/// Checks the invariants of one extraction of `body`.
fn check_invariants(x: &Extracted, body: &str, first_line: usize) {
    let line_count = body.split('\n').count();
    let mut previous = 0;
    for e in &x.entries {
        assert!(
            e.line >= first_line && e.line < first_line + line_count,
            "line {} outside {first_line}..{} for {body:?}",
            e.line,
            first_line + line_count
        );
        assert!(e.line >= previous, "entries out of order in {body:?}");
        previous = e.line;
        assert!(!e.question.trim().is_empty(), "empty question in {body:?}");
        assert_eq!(
            e.question,
            e.question.trim(),
            "untrimmed question in {body:?}"
        );
        assert_eq!(e.source, x.source);
    }
    if x.format == Format::Article {
        assert!(
            x.article.is_some(),
            "an article note without its article: {body:?}"
        );
    }
    if let Some(a) = &x.article {
        assert_eq!(a.source, x.source);
        if x.format != Format::Article {
            assert!(
                !a.markdown.trim().is_empty(),
                "empty leftover article: {body:?}"
            );
        }
    }
    if x.entries.is_empty() {
        assert_eq!(
            x.format,
            Format::Article,
            "nothing extracted must keep the text: {body:?}"
        );
    }
}

#[test]
fn random_text_never_panics() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // DOCGEN_FUZZ_ROUNDS runs a longer campaign (the default keeps
    // `cargo test` quick).
    let rounds: usize = std::env::var("DOCGEN_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    for round in 0..rounds {
        let body = random_text(&mut rng, 1 + (round % 120));
        let first_line = 1 + round % 7;
        let x = extract("random.md", &body, first_line);
        check_invariants(&x, &body, first_line);
    }
}

#[test]
fn truncated_seeds_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("content dir") {
        let path = entry.expect("dir entry").path();
        if !path.extension().is_some_and(|e| e == "txt" || e == "md") {
            continue;
        }
        let body = std::fs::read_to_string(&path).expect("seed");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let mut cut = 0;
        while cut <= body.len() {
            let mut end = cut;
            while !body.is_char_boundary(end) {
                end += 1;
            }
            let part = &body[..end];
            let x = extract(&name, part, 3);
            check_invariants(&x, part, 3);
            // The tail of the note, too (a cut at the start), less often.
            if cut % 200 == 0 {
                let tail = &body[end..];
                check_invariants(&extract(&name, tail, 1), tail, 1);
            }
            cut += 50;
        }
        seen += 1;
    }
    assert!(seen >= 5, "expected the five seeds, saw {seen}");
}

#[test]
fn pathological_shapes() {
    let long_line = "a".repeat(100_000);
    let deep = "<details>".repeat(500);
    let many_numbers: String = (1..2000).map(|n| format!("{n}. What is {n}?\n")).collect();
    let unclosed = "```\n".to_string() + &"### Q1. hidden?\n".repeat(50);
    for body in [
        long_line.as_str(),
        deep.as_str(),
        many_numbers.as_str(),
        unclosed.as_str(),
    ] {
        let x = extract("p.md", body, 1);
        check_invariants(&x, body, 1);
    }
    assert_eq!(extract("p.txt", &many_numbers, 1).entries.len(), 1999);
}

/// A numbered question far out of sequence at the end of a note (as when a
/// note is appended to by hand) is not taken for a question, but its text
/// is kept: nothing a note says is lost.
#[test]
fn out_of_sequence_tail_is_kept() {
    let note = "## Questions\n\n1. What is a?\n2. What is b?\n\n---\n\n9000. What is the appended thing?\nA fresh answer.\n";
    let x = docgen::extract::extract("a.txt", note, 1);
    let kept = x
        .entries
        .iter()
        .any(|e| e.question.contains("appended thing") || e.answer.contains("appended thing"))
        || x.article
            .as_ref()
            .is_some_and(|a| a.markdown.contains("appended thing"));
    assert!(kept, "the appended text was dropped: {x:?}");
    assert!(
        x.article
            .as_ref()
            .is_none_or(|a| a.markdown.contains("A fresh answer."))
    );
}

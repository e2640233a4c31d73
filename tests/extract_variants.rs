//! The extract stage on constructed notes: the variants real notes come in
//! besides the five seeds.

use docgen::extract::{Format, extract};

/// One expected entry: file line, question, answer markdown, section path.
type Want<'a> = (usize, &'a str, &'a str, &'a [&'a str]);

/// Extracts `input` (as if it started on file line `first_line`) and compares
/// format and entries.
fn check_at(input: &str, first_line: usize, format: Format, expected: &[Want<'_>]) {
    let x = extract("notes/test.md", input, first_line);
    let got: Vec<(usize, &str, &str, Vec<&str>)> = x
        .entries
        .iter()
        .map(|e| {
            (
                e.line,
                e.question.as_str(),
                e.answer.as_str(),
                e.section.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let want: Vec<(usize, &str, &str, Vec<&str>)> = expected
        .iter()
        .map(|(l, q, a, s)| (*l, *q, *a, s.to_vec()))
        .collect();
    assert_eq!(got, want, "input:\n{input}");
    assert_eq!(x.format, format, "input:\n{input}");
    assert!(x.entries.iter().all(|e| e.source == "notes/test.md"));
}

fn check(input: &str, format: Format, expected: &[Want<'_>]) {
    check_at(input, 1, format, expected);
}

#[test]
fn plain_numbering_starting_at_five_with_parentheses() {
    check(
        "5) What is a list\nAn ordered, mutable sequence.\n\n6) Explain tuples\nImmutable sequences.\n7) Difference between them\nMutability.\n",
        Format::PlainQa,
        &[
            (1, "What is a list", "An ordered, mutable sequence.", &[]),
            (4, "Explain tuples", "Immutable sequences.", &[]),
            (6, "Difference between them", "Mutability.", &[]),
        ],
    );
}

#[test]
fn q_prefixes_in_plain_text() {
    check(
        "Q1. What is X?\nX.\nQ2) How does Y work\nLike this.\nQ3: Why Z?\nBecause.\n",
        Format::PlainQa,
        &[
            (1, "What is X?", "X.", &[]),
            (3, "How does Y work", "Like this.", &[]),
            (5, "Why Z?", "Because.", &[]),
        ],
    );
}

#[test]
fn trailing_whitespace_and_body_offset() {
    check_at(
        "1. What is X?   \nX is *fine*.  \n\n2. Why?\t\n",
        4,
        Format::PlainQa,
        &[
            (4, "What is X?", "X is \\*fine\\*.", &[]),
            (7, "Why?", "", &[]),
        ],
    );
}

#[test]
fn crlf_line_endings() {
    check(
        "1. What is X?\r\nX.\r\n2. What is Y?\r\nY.\r\n",
        Format::PlainQa,
        &[(1, "What is X?", "X.", &[]), (3, "What is Y?", "Y.", &[])],
    );
}

#[test]
fn markdown_heading_qa() {
    check(
        "# Python FAQ\n\n## Basics\n\n### Q1. What is `len()`?\nReturns the size.\n\n### Q2: Explain **slicing**\n```python\nxs[1:3]\n```\n\n---\n\n## Advanced\n\n### Why use generators\n- lazy\n- cheap\n",
        Format::HeadingQa,
        &[
            (5, "What is `len()`?", "Returns the size.", &["Basics"]),
            (
                8,
                "Explain **slicing**",
                "```python\nxs[1:3]\n```",
                &["Basics"],
            ),
            (17, "Why use generators", "- lazy\n- cheap", &["Advanced"]),
        ],
    );
}

#[test]
fn details_without_bold_and_sections() {
    check(
        "# Guide\n\n## Strings\n\n<details>\n<summary>Why are strings immutable?</summary>\n\nFor hashing and safety.\n\n</details>\n\n<details><summary>Q2. What is `str.join`?</summary>\n  Joins an iterable:\n  ```python\n  \",\".join(xs)\n  ```\n</details>\n",
        Format::Details,
        &[
            (
                6,
                "Why are strings immutable?",
                "For hashing and safety.",
                &["Strings"],
            ),
            (
                12,
                "What is `str.join`?",
                "Joins an iterable:\n```python\n\",\".join(xs)\n```",
                &["Strings"],
            ),
        ],
    );
}

#[test]
fn markdown_question_list_restarting_per_section() {
    check(
        "## Basics\n\n1. What is PEP 8?\n2. What is `pip`?\n\n## Advanced\n\n1. Explain the GIL.\n2. How does `asyncio` schedule tasks?\n",
        Format::QuestionList,
        &[
            (3, "What is PEP 8?", "", &["Basics"]),
            (4, "What is `pip`?", "", &["Basics"]),
            (8, "Explain the GIL.", "", &["Advanced"]),
            (9, "How does `asyncio` schedule tasks?", "", &["Advanced"]),
        ],
    );
}

#[test]
fn stray_quote_after_a_heading_question() {
    let input = "# Notes\n\nLong introduction that reads as prose.\n\nMore prose about the topic.\n\n## Interview Questions\n\n### Q1. Explain execution\u{201d}\nStart with bytecode.\n\n---\n\n## Summary\n\nProse again.\n";
    check(
        input,
        Format::Article,
        &[(
            9,
            "Explain execution",
            "Start with bytecode.",
            &["Interview Questions"],
        )],
    );
    let article = extract("t.md", input, 1).article.expect("article");
    assert_eq!(article.title, "Notes");
    assert!(article.markdown.starts_with("Long introduction"));
    assert!(
        article
            .markdown
            .contains("### Q1. Explain execution\u{201d}")
    );
}

#[test]
fn questions_with_inline_code() {
    check(
        "1. What does `yield` do?\nIt pauses.\n2. What is `__init__` for?\nSetup.\n",
        Format::PlainQa,
        &[
            (1, "What does `yield` do?", "It pauses.", &[]),
            (3, "What is `__init__` for?", "Setup.", &[]),
        ],
    );
}

#[test]
fn prose_without_questions_is_kept_as_an_article() {
    for input in [
        "Some thoughts on Python.\n\nIt is a language.\n",
        "# Title\n\nJust prose.\n\n## Part\n\nMore prose.\n",
        "",
        "1. Install Python\n2. Run the script\n",
    ] {
        let x = extract("notes/thoughts.txt", input, 1);
        assert_eq!(x.format, Format::Article, "{input:?}");
        assert!(x.entries.is_empty(), "{input:?}");
        let article = x.article.expect("article");
        let words = |s: &str| s.split_whitespace().filter(|w| w.len() > 3).count();
        assert!(
            words(&article.markdown) + words(&article.title) >= words(input),
            "{input:?} -> {article:?}"
        );
    }
    let x = extract("notes/thoughts.txt", "Some thoughts.\n", 1);
    assert_eq!(x.article.expect("article").title, "thoughts");
}

#[test]
fn plain_conversion_of_bullets_headings_and_code() {
    let input = "1. What are decorators?\nA decorator wraps a function.\n\nBasic Syntax\n\nPython\n@timer def run(): pass\n\nWhy Decorators Are Used\n\n  \u{2022} Logging\n\n  \u{2022} Caching\n\n    \u{2022} in memory\n\n2. What is __slots__?\n    Saves memory (no __dict__).\n";
    check(
        input,
        Format::PlainQa,
        &[
            (
                1,
                "What are decorators?",
                "A decorator wraps a function.\n\n#### Basic Syntax\n\n```python\n@timer\ndef run():\n    pass\n```\n\n#### Why Decorators Are Used\n\n- Logging\n- Caching\n  - in memory",
                &[],
            ),
            (
                17,
                "What is `__slots__`?",
                "Saves memory (no `__dict__`).",
                &[],
            ),
        ],
    );
}

#[test]
fn bold_numbered_questions_in_markdown_keep_markdown_answers() {
    check(
        "## Core\n\n**Q1. What is a closure?**\nA function that keeps its **enclosing** scope.\n\n**Q2) Why use `functools.wraps`**\n- keeps `__name__`\n- keeps docs\n",
        Format::PlainQa,
        &[
            (
                3,
                "What is a closure?",
                "A function that keeps its **enclosing** scope.",
                &["Core"],
            ),
            (
                6,
                "Why use `functools.wraps`",
                "- keeps `__name__`\n- keeps docs",
                &["Core"],
            ),
        ],
    );
}

//! The extract stage on the five real notes under `content/`, read raw (the
//! mojibake that ingest repairs is still in 000, 002 and 004, so exact-text
//! assertions there stick to ASCII parts).

use docgen::extract::{Entry, Extracted, Format, extract};

const SEEDS: [&str; 5] = [
    "000_69d8f41b86597f81.txt",
    "001_5a049319be0a12ce.txt",
    "002_c6b3020608aba2d0.txt",
    "003_03a2a9384503ddaa.txt",
    "004_e591661f70ddc464.txt",
];

fn seed(prefix: &str) -> Extracted {
    let name = SEEDS
        .iter()
        .find(|s| s.starts_with(prefix))
        .expect("known seed");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(name);
    let body = std::fs::read_to_string(&path).expect("seed is readable UTF-8");
    extract(name, &body, 1)
}

fn at(x: &Extracted, line: usize) -> &Entry {
    x.entries
        .iter()
        .find(|e| e.line == line)
        .unwrap_or_else(|| panic!("{}: no entry on line {line}", x.source))
}

fn assert_question(x: &Extracted, line: usize, question: &str) {
    assert_eq!(at(x, line).question, question, "{} line {line}", x.source);
}

/// Lines of `markdown` outside fenced code blocks.
fn prose_lines(markdown: &str) -> Vec<&str> {
    let mut in_fence = false;
    let mut out = Vec::new();
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if !in_fence {
            out.push(line);
        }
    }
    out
}

/// The text with inline code spans removed.
fn without_code_spans(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join("")
}

#[test]
fn counts_and_formats() {
    let expected = [
        ("000", 71, Format::QuestionList),
        ("001", 40, Format::PlainQa),
        ("002", 6, Format::Article),
        ("003", 90, Format::PlainQa),
        ("004", 41, Format::Details),
    ];
    let mut total = 0;
    for (prefix, count, format) in expected {
        let x = seed(prefix);
        assert_eq!(x.entries.len(), count, "{prefix} count");
        assert_eq!(x.format, format, "{prefix} format");
        // Only 004 has prose besides its questions (intro, summary, author).
        let has_article = format == Format::Article || prefix == "004";
        assert_eq!(x.article.is_some(), has_article, "{prefix} article");
        total += x.entries.len();
    }
    assert_eq!(total, 248);
}

#[test]
fn seed_000_question_bank() {
    let x = seed("000");
    assert!(x.entries.iter().all(|e| !e.answered()));
    assert_question(
        &x,
        7,
        "How does the Python interpreter execute a `.py` file internally?",
    );
    assert_question(&x, 73, "What is the Global Interpreter Lock (GIL)?");
    let gil = at(&x, 73);
    assert_eq!(gil.section.len(), 2);
    assert!(
        gil.section[0].contains("Python Internal Working "),
        "{:?}",
        gil.section
    );
    assert!(gil.section[0].ends_with(" Questions"), "{:?}", gil.section);
    assert_eq!(gil.section[1], "GIL & Concurrency");
    // The last part has no `###` heading: its path has one element.
    let last = x.entries.last().expect("entries");
    assert_eq!(
        last.question,
        "How does Python scale at system level despite GIL limitations?"
    );
    assert_eq!(last.section.len(), 1);
    assert!(last.section[0].contains("High-Impact Combined Questions"));
    let trace = &at(&x, 140).question;
    assert!(
        trace.starts_with("Trace the complete flow from `python app.py` "),
        "{trace}"
    );
    assert!(trace.ends_with(" output on screen."), "{trace}");
}

#[test]
fn seed_001_questions_and_lines() {
    let x = seed("001");
    assert_question(&x, 1, "What is the Global Interpreter Lock (GIL)?");
    assert_question(&x, 30, "How does GIL affect multithreading?");
    assert_question(&x, 124, "What is monkey patching?");
    assert!(!at(&x, 124).answered());
    assert_question(&x, 173, "What are closures?");
    assert_question(&x, 262, "What are meta classes?");
    assert_question(&x, 320, "What is scope resolution (LEGB rule)?");
    assert_question(&x, 883, "What are Python bytecodes?");
    assert_eq!(x.entries.iter().filter(|e| !e.answered()).count(), 1);
    // Numbered sub-lists inside answers are not questions.
    assert!(
        x.entries
            .iter()
            .all(|e| !e.question.starts_with("Is defined"))
    );
    assert!(
        x.entries
            .iter()
            .all(|e| !e.question.starts_with("Python requests"))
    );
}

#[test]
fn seed_001_answers_are_markdown() {
    let x = seed("001");
    let closures = &at(&x, 173).answer;
    assert!(
        closures.contains("1. Is defined inside another function\n2. Remembers"),
        "{closures}"
    );
    assert!(closures.contains("#### Why Closures Work"), "{closures}");
    assert!(
        closures.contains("#### How It Works Internally"),
        "{closures}"
    );
    let multiprocessing = &at(&x, 74).answer;
    assert!(
        multiprocessing.contains("- Each process has:\n  - Its own memory space\n  - Its own Python interpreter\n- More memory usage than threads"),
        "{multiprocessing}"
    );
    assert!(multiprocessing.contains("#### Key Characteristics"));
    let gil = &at(&x, 1).answer;
    assert!(
        gil.contains("- Protecting shared memory\n- Preventing race conditions"),
        "{gil}"
    );
    assert!(gil.contains("#### Good For"), "{gil}");
    let context = &at(&x, 242).answer;
    assert!(
        context.contains("`__enter__()`") && context.contains("`__exit__()`"),
        "{context}"
    );
    let memory = &at(&x, 582).answer;
    assert!(memory.contains("`sys.getsizeof()`"), "{memory}");
    let logging = &at(&x, 512).answer;
    assert!(logging.contains("`logging.error()`"), "{logging}");
}

/// Table rows that pasting glued ("GIL affectedYesNoNo") become a
/// table, split where the header shows the columns.
#[test]
fn seed_001_glued_table_rows_become_a_table() {
    let x = seed("001");
    let concurrency = &at(&x, 780).answer;
    let table = [
        "| Feature | Threading | Multiprocessing | Asyncio |",
        "| --- | --- | --- | --- |",
        "| GIL affected | Yes | No | No (single thread) |",
        "| True parallelism | No | Yes | No |",
        "| Memory usage | Low | Higher | Very low |",
        "| Best for | I/O-bound | CPU-bound | High I/O concurrency |",
    ]
    .join("\n");
    assert!(concurrency.contains(&table), "{concurrency}");
    let x_repairs: Vec<(usize, &str)> = x
        .repairs
        .iter()
        .map(|r| (r.line, r.detail.as_str()))
        .collect();
    assert!(
        x_repairs.contains(&(794, "5 glued table rows split into 4 columns")),
        "{x_repairs:?}"
    );
}

#[test]
fn seed_001_labelled_code_is_fenced() {
    let x = seed("001");
    let decorators = &at(&x, 127).answer;
    assert!(
        decorators.contains("```python\n@decorator_name\ndef function_name():\n    pass\n```"),
        "{decorators}"
    );
    assert!(decorators.contains("```python\nfunction_name = decorator_name(function_name)\n```"));
    assert!(
        !prose_lines(decorators).iter().any(|l| l.trim() == "Python"),
        "{decorators}"
    );
    // The flattened decorator example is reflowed by its blocks.
    assert!(
        decorators.contains(
            "def my_decorator(func):\n    def wrapper():\n        print(\"Before function call\")\n        func()\n        print(\"After function call\")\n    return wrapper\n@my_decorator\ndef greet():\n    print(\"Hello!\")\ngreet()"
        ),
        "{decorators}"
    );
    let context = &at(&x, 242).answer;
    assert!(context.contains("```python\nclass MyContext:"), "{context}");
}

#[test]
fn seed_003_terse_answers_and_bare_code() {
    let x = seed("003");
    assert_question(&x, 44, "What is the GIL? Why?");
    assert_question(&x, 183, "Closure?");
    let fetch = &at(&x, 73).answer;
    assert!(
        fetch.starts_with("```python\nimport asyncio, aiohttp\nasync def fetch("),
        "{fetch}"
    );
    assert!(
        fetch.contains(
            "\n    async with aiohttp.ClientSession() as s:\n        return await asyncio.gather("
        ),
        "{fetch}"
    );
    assert!(fetch.ends_with("```"), "{fetch}");
    let metaclass = &at(&x, 126).answer;
    assert!(!metaclass.contains("```"), "{metaclass}");
    assert!(
        metaclass.starts_with("class keyword defines class;"),
        "{metaclass}"
    );
    assert!(at(&x, 4).answer.contains("\u{2192} memory address"));
    assert!(x.entries.iter().all(Entry::answered));
}

#[test]
fn seed_002_article_with_its_questions() {
    let x = seed("002");
    let article = x.article.as_ref().expect("article");
    assert!(
        article.title.starts_with("Python Internal Working"),
        "{}",
        article.title
    );
    assert!(article.title.ends_with("Notes"));
    let md = &article.markdown;
    assert!(!md.starts_with("# "), "title stays out of the body");
    assert!(md.contains("## 1. High-Level Execution Flow (Big Picture)"));
    assert!(md.contains("```python\nprint(\"Hello\")\n```"));
    assert!(md.contains(
        "```\nwhile True:\n    instruction = fetch_bytecode()\n    execute(instruction)\n```"
    ));
    assert!(md.contains("## 13. Final Mental Model"));
    assert_question(&x, 259, "Is Python compiled or interpreted?");
    assert_question(&x, 262, "What is PVM?");
    assert_question(&x, 265, "Why `.pyc` is version dependent?");
    assert!(
        at(&x, 262)
            .answer
            .ends_with("Runtime engine executing bytecode")
    );
    let q5 = at(&x, 271);
    assert!(
        q5.question
            .starts_with("Explain Python execution internally"),
        "{}",
        q5.question
    );
    assert!(
        q5.answer.contains("When I run a Python program"),
        "{}",
        q5.answer
    );
    assert!(!q5.answer.contains("---") && !q5.answer.contains("Final Mental Model"));
    let favourite = at(&x, 102);
    assert!(
        favourite
            .question
            .ends_with("Python create `.pyc` for main files?"),
        "{}",
        favourite.question
    );
    assert!(!favourite.question.starts_with('>'));
    assert_eq!(
        favourite.answer,
        "- Main files are executed once\n- Caching provides no performance benefit"
    );
    // Numbered article sections and plain headings are not questions.
    assert!(
        x.entries
            .iter()
            .all(|e| !e.question.contains("High-Level") && e.question != "What is Bytecode?")
    );
}

#[test]
fn seed_004_details_blocks() {
    let x = seed("004");
    assert_question(
        &x,
        10,
        "What is the difference between Exception and Error?",
    );
    assert_question(&x, 96, "Difference between threading and multiprocessing?");
    assert_question(&x, 150, "What are closures?");
    let raise = x
        .entries
        .iter()
        .find(|e| e.question == "How to raise custom exceptions?")
        .expect("question 3");
    assert_eq!(raise.line, 23);
    assert!(
        raise.answer.contains("```python\nclass MyError(Exception):\n    pass\nraise MyError(\"Something went wrong!\")\n```"),
        "{}",
        raise.answer
    );
    assert!(
        raise
            .answer
            .starts_with("You can create your own exception class")
    );
    for e in &x.entries {
        assert!(
            !e.answer.contains("<details") && !e.answer.contains("</summary>"),
            "{e:?}"
        );
        assert!(!e.answer.starts_with(char::is_whitespace), "{e:?}");
        assert!(e.answered(), "{e:?}");
        assert_eq!(e.section.len(), 1, "{e:?}");
        assert!(
            !e.question.starts_with(|c: char| c.is_ascii_digit()),
            "{e:?}"
        );
    }
    assert!(at(&x, 96).section[0].ends_with("Multi-threading, Multiprocessing & AsyncIO"));
    assert!(at(&x, 15).answer.starts_with("- `try`: Contains code"));
    // Summary and author prose are not questions; they are kept as the
    // note's article, without the question blocks and their sections.
    assert!(x.entries.iter().all(|e| !e.answer.contains("Sakshi")));
    let article = x.article.as_ref().expect("leftover prose");
    assert!(
        article
            .title
            .contains("Advanced Python Theoretical & Conceptual Q&A"),
        "{}",
        article.title
    );
    let md = &article.markdown;
    assert!(
        md.starts_with("This document extends the **Core Python Interview Guide**"),
        "{md}"
    );
    assert!(
        md.contains(" Summary\n\nThis file completes your **interview-ready theory revision**"),
        "{md}"
    );
    assert!(md.contains("**Sakshi Agarwal**"), "{md}");
    assert!(
        !md.contains("<details") && !md.contains("Exception Handling") && !md.contains("---"),
        "{md}"
    );
}

#[test]
fn no_indented_code_blocks_and_no_stray_markdown() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let x = seed(prefix);
        for e in &x.entries {
            for line in prose_lines(&e.answer) {
                assert!(
                    !line.starts_with("    "),
                    "{prefix} line {}: {line:?}",
                    e.line
                );
            }
        }
    }
    // Plain-text answers: dunders never reach markdown outside code.
    for prefix in ["001", "003"] {
        let x = seed(prefix);
        for e in &x.entries {
            for line in prose_lines(&e.answer) {
                let bare = without_code_spans(line);
                assert!(!bare.contains("__"), "{prefix} line {}: {line:?}", e.line);
            }
        }
    }
}

#[test]
fn lines_point_at_the_question_text() {
    for prefix in ["000", "001", "003", "004"] {
        let x = seed(prefix);
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content")
            .join(&x.source);
        let body = std::fs::read_to_string(path).expect("seed");
        let lines: Vec<&str> = body.lines().collect();
        for e in &x.entries {
            let line = lines[e.line - 1];
            let probe: String = e
                .question
                .chars()
                .filter(|c| c.is_alphanumeric())
                .take(12)
                .collect();
            let text: String = line.chars().filter(|c| c.is_alphanumeric()).collect();
            assert!(
                text.contains(&probe),
                "{prefix}:{} {:?} vs {line:?}",
                e.line,
                e.question
            );
        }
    }
}

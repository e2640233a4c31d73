//! Search benchmark: index size against the site's HTML, and timings in
//! headless Chromium, on the bundled notes and on a generated handbook of
//! 10 000 questions.
//!
//! Run with `cargo bench --bench search` (needs Chromium; `DOCGEN_BROWSER`
//! picks one). Optional: `SEARCH_BENCH_SIZES=10000,50000` for other sizes.
//!
//! Budgets (from the search issue): index ≤ 35 % of the HTML bytes; first
//! results ≤ 200 ms after the first keystroke, index loading included;
//! each further keystroke ≤ 16 ms. Measured from the `input` event to the
//! results list being in the DOM, in the page itself (`performance.now`).

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use common::cdp::Browser;
use docgen::build::{BuildOptions, build_site};
use docgen::search::{IndexOptions, build_files};
use serde_json::json;

/// Queries typed one character at a time for the per-keystroke numbers.
const QUERIES: &[&str] = &[
    "garbge colector",
    "global interpreter lock",
    "metaclas",
    "refcount",
    "with statement",
    "decorators internally",
    "asyncio event loop",
    "difference between list and tuple",
    "multiprocesing vs threading",
    "memory leak",
];

/// First characters typed on a freshly loaded page, one per cold trial.
const COLD: &[&str] = &["g", "m", "d", "w", "a", "t", "c"];

fn main() {
    let Some(browser) = common::browser() else {
        eprintln!("search bench: no browser, nothing measured");
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let seeds = build(&common::repo(), &work.path().join("seeds"));
    report("seeds", &seeds, &browser);
    let sizes = std::env::var("SEARCH_BENCH_SIZES").unwrap_or_else(|_| "10000".into());
    for n in sizes
        .split(',')
        .filter_map(|s| s.trim().parse::<usize>().ok())
    {
        let project = work.path().join(format!("gen{n}"));
        generate::write_project(&project, n, 7);
        let site = build(&project, &project.join("public"));
        report(&format!("{n} generated"), &site, &browser);
    }
}

/// A built site on disk and what the build said.
struct Built {
    public: PathBuf,
    entries: usize,
    questions: usize,
    index_files: usize,
    index_bytes: usize,
    largest_part: usize,
    html_bytes: usize,
    build_ms: u128,
}

/// Builds the project at `root` into `out`, with the index emitted by
/// [`build_files`] (sharded above the default size).
fn build(root: &Path, out: &Path) -> Built {
    let built = build_site(&BuildOptions::new(root)).expect("the project builds");
    let t = std::time::Instant::now();
    let files = build_files(&built.handbook, &[], &IndexOptions::default());
    let index_ms = t.elapsed().as_millis();
    let mut site = built.site;
    site.files.retain(|p, _| !p.starts_with("search-index"));
    for (path, text) in &files {
        site.insert(path.clone(), text.clone().into_bytes());
    }
    docgen::output::write_site(&site, out).unwrap();
    let html_bytes = site
        .files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, b)| b.len())
        .sum();
    Built {
        public: out.to_path_buf(),
        entries: built.report.entries,
        questions: built.report.questions,
        index_files: files.len(),
        index_bytes: files.iter().map(|(_, t)| t.len()).sum(),
        largest_part: files.iter().map(|(_, t)| t.len()).max().unwrap_or(0),
        html_bytes,
        build_ms: index_ms,
    }
}

/// Installs `__kb(q)`: sets the box to `q`, fires `input`, resolves with
/// the milliseconds until the results list shows `q`'s results.
const KEYSTROKE_JS: &str = r#"window.__kb = function (q) {
  return new Promise(function (resolve) {
    var list = document.getElementById('search-results'), input = document.getElementById('search-input');
    var t0 = performance.now();
    var mo = new MutationObserver(function () {
      if (list.getAttribute('data-query') === q) { mo.disconnect(); resolve(performance.now() - t0); }
    });
    mo.observe(list, { attributes: true, childList: true });
    input.focus();
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}; true"#;

/// Number of index parts (shard files) loaded so far.
const PARTS_JS: &str = "Object.keys(window.DOCGEN_SEARCH_PARTS || {}).length";

/// `SEARCH_BENCH_VERBOSE=1` lists keystrokes slower than 8 ms.
fn verbose() -> bool {
    std::env::var("SEARCH_BENCH_VERBOSE").is_ok_and(|v| v == "1")
}

fn keystroke(b: &mut Browser, q: &str) -> f64 {
    b.eval(&format!("window.__kb({})", json!(q)))
        .as_f64()
        .unwrap()
}

fn report(label: &str, s: &Built, browser: &Path) {
    let mut b = Browser::launch(browser, 1280, 900);
    let index_url = format!("file://{}/index.html", s.public.display());
    let mut cold = Vec::new();
    for first in COLD {
        b.goto(&index_url);
        b.eval(KEYSTROKE_JS);
        cold.push(keystroke(&mut b, first));
    }
    let mut warm = Vec::new();
    let mut compute = Vec::new();
    for q in QUERIES {
        let chars: Vec<char> = q.chars().collect();
        for k in 1..=chars.len() {
            let prefix: String = chars[..k].iter().collect();
            let parts_before = b.eval(PARTS_JS);
            let ms = keystroke(&mut b, &prefix);
            if verbose() && ms > 8.0 {
                let parts_after = b.eval(PARTS_JS);
                let t = b.eval(
                    "(t => [t.loaded - t.start, t.shards - t.loaded, t.ranked - t.shards, \
                     t.docs - t.ranked, t.done - t.docs].map(x => Math.round(x * 10) / 10))\
                     (DOCGEN_SEARCH_STATS.last)",
                );
                println!(
                    "    slow keystroke {prefix:?}: {ms:.1} ms (parts {parts_before} → {parts_after}; \
                     load, shards, rank, docs, rerank ms: {t})"
                );
            }
            warm.push(ms);
        }
        let t = b.eval(&format!(
            "(async () => {{ const t0 = performance.now(); \
             await DOCGEN_SEARCH_API.search({}, true); return performance.now() - t0; }})()",
            json!(q)
        ));
        compute.push(t.as_f64().unwrap());
    }
    let parts = b.eval(PARTS_JS);
    print_line(
        label,
        s,
        &cold,
        &warm,
        &compute,
        parts.as_u64().unwrap_or(0),
    );
}

fn stats(v: &[f64]) -> (f64, f64, f64) {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let at = |q: f64| s[((s.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95), s[s.len() - 1])
}

fn print_line(label: &str, s: &Built, cold: &[f64], warm: &[f64], compute: &[f64], parts: u64) {
    let kib = |b: usize| b as f64 / 1024.0;
    let (c50, _, cmax) = stats(cold);
    let (w50, w95, wmax) = stats(warm);
    let (q50, _, qmax) = stats(compute);
    println!("search bench: {label}");
    println!(
        "  entries {} (questions {}), index built in {} ms",
        s.entries, s.questions, s.build_ms
    );
    println!(
        "  HTML {:.1} KiB | index {:.1} KiB = {:.1} % of HTML (budget 35 %) | {} file(s), largest {:.1} KiB",
        kib(s.html_bytes),
        kib(s.index_bytes),
        100.0 * s.index_bytes as f64 / s.html_bytes as f64,
        s.index_files,
        kib(s.largest_part)
    );
    println!(
        "  first results after the first keystroke, index loading included: median {c50:.1} ms, max {cmax:.1} ms \
         over {} cold page loads (budget 200 ms)",
        cold.len()
    );
    println!(
        "  further keystrokes: median {w50:.1} ms, p95 {w95:.1} ms, max {wmax:.1} ms over {} keystrokes \
         (budget 16 ms; {parts} index part(s) loaded by then)",
        warm.len()
    );
    println!("  query alone (no DOM): median {q50:.2} ms, max {qmax:.2} ms");
}

/// A deterministic generator of interview notes: `n` distinct questions
/// about Python topics, with answers of a few sentences (some with code),
/// in markdown files of 250 questions under `##` chapter headings.
mod generate {
    use std::fmt::Write as _;
    use std::path::Path;

    const TOPICS: &[&str] = &[
        "the GIL",
        "reference counting",
        "garbage collection",
        "generators",
        "iterators",
        "decorators",
        "closures",
        "metaclasses",
        "descriptors",
        "context managers",
        "asyncio",
        "coroutines",
        "the event loop",
        "threads",
        "processes",
        "multiprocessing",
        "list comprehensions",
        "dictionaries",
        "sets",
        "tuples",
        "lists",
        "strings",
        "bytes",
        "memoryview",
        "__slots__",
        "__init__",
        "__new__",
        "the MRO",
        "multiple inheritance",
        "abstract base classes",
        "dataclasses",
        "named tuples",
        "type hints",
        "mypy",
        "pickle",
        "JSON serialization",
        "logging",
        "exceptions",
        "the import system",
        "packages",
        "virtual environments",
        "pip",
        "wheels",
        "the bytecode compiler",
        "the PVM",
        ".pyc files",
        "stack frames",
        "the call stack",
        "recursion",
        "lambda functions",
        "functools.partial",
        "lru_cache",
        "weak references",
        "string interning",
        "small integer caching",
        "the memory allocator",
        "pymalloc",
        "file buffering",
        "sockets",
        "subprocesses",
        "signals",
        "unit tests",
        "pytest fixtures",
        "mocking",
        "monkey patching",
        "duck typing",
        "operator overloading",
        "dunder methods",
        "properties",
        "class methods",
        "static methods",
        "enums",
        "f-strings",
        "regular expressions",
        "datetime",
        "timezones",
        "decimal arithmetic",
        "hash tables",
        "hashability",
        "object identity",
        "shallow copy",
        "deep copy",
        "sorting",
        "heapq",
        "bisect",
        "collections.deque",
        "defaultdict",
        "Counter",
        "OrderedDict",
        "itertools",
        "generator expressions",
        "yield from",
        "async generators",
        "async with",
        "threading.Lock",
        "semaphores",
        "queues",
        "Celery",
        "WSGI",
        "ASGI",
        "the Django ORM",
        "Flask",
        "FastAPI",
        "SQLAlchemy",
        "connection pooling",
        "caching",
        "rate limiting",
        "profiling",
        "cProfile",
        "tracemalloc",
        "memory leaks",
        "C extensions",
        "Cython",
        "ctypes",
        "PyPy",
        "JIT compilation",
        "the walrus operator",
        "pattern matching",
        "global variables",
        "the LEGB rule",
        "nonlocal",
        "mutable default arguments",
        "the with statement",
        "iterables",
        "the descriptor protocol",
        "super()",
        "class decorators",
        "the buffer protocol",
        "numpy arrays",
        "pandas DataFrames",
    ];

    const ONE: &[&str] = &[
        "What is {A} in Python?",
        "How does {A} work internally?",
        "Explain {A} with an example.",
        "What are common pitfalls of {A}?",
        "How do you debug problems with {A}?",
        "How is {A} implemented in CPython?",
        "What are best practices for {A} in production code?",
        "Why would an interviewer ask about {A}?",
    ];

    const TWO: &[&str] = &[
        "What is the difference between {A} and {B}?",
        "When should you use {A} instead of {B}?",
        "How do {A} interact with {B}?",
        "Why is {A} slower than {B} in some cases?",
        "How does {A} affect the performance of {B}?",
        "Can {A} be combined with {B}?",
        "How would you test code that mixes {A} and {B}?",
        "What happens to {A} when {B} is involved?",
    ];

    const SENTENCES: &[&str] = &[
        "{A} is mostly about keeping the program simple while the interpreter does the bookkeeping.",
        "In CPython, {A} relies on {B} under the hood, which explains most of its behaviour.",
        "A typical mistake is to reach for {A} without measuring how it interacts with {B}.",
        "For CPU-bound work {A} behaves very differently than for I/O-bound work.",
        "You can observe it with the `dis` module and measure the cost with `timeit`.",
        "Interviewers usually expect a short definition, one example and one trade-off.",
        "The standard library documents {A} well; the source in `Objects/` shows the details.",
        "When memory matters, compare {A} with {B} using `tracemalloc` snapshots.",
        "Most frameworks hide {A}, but knowing it helps when debugging production issues.",
        "Thread safety is the usual follow-up question: {A} is not a replacement for a lock.",
    ];

    /// Small deterministic PRNG (xorshift64*).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    fn fill(t: &str, a: &str, b: &str) -> String {
        t.replace("{A}", a).replace("{B}", b)
    }

    fn capitalised(s: &str) -> String {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }

    /// `n` distinct questions, each with the topics it is about.
    fn questions(n: usize, rng: &mut Rng) -> Vec<(String, usize, usize)> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let a = rng.below(TOPICS.len());
            let b = (a + 1 + rng.below(TOPICS.len() - 1)) % TOPICS.len();
            let q = if rng.below(4) == 0 {
                fill(ONE[rng.below(ONE.len())], TOPICS[a], TOPICS[b])
            } else {
                fill(
                    TWO[rng.below(TWO.len())],
                    TOPICS[a.min(b)],
                    TOPICS[a.max(b)],
                )
            };
            if seen.insert(q.clone()) {
                out.push((capitalised(&q), a, b));
            }
        }
        out
    }

    fn answer(a: usize, b: usize, rng: &mut Rng) -> String {
        let mut out = String::new();
        for _ in 0..2 + rng.below(5) {
            let s = fill(SENTENCES[rng.below(SENTENCES.len())], TOPICS[a], TOPICS[b]);
            out.push_str(&capitalised(&s));
            out.push(' ');
        }
        if rng.below(3) == 0 {
            let name = TOPICS[a].replace(|c: char| !c.is_ascii_alphanumeric(), "_");
            let _ = write!(
                out,
                "\n\n```python\ndef demo_{n}():\n    return {name:?}\n```\n",
                n = rng.below(1000)
            );
        }
        out
    }

    /// Writes `content/notes-NN.md` files holding `n` questions under `root`.
    pub fn write_project(root: &Path, n: usize, seed: u64) {
        let content = root.join("content");
        std::fs::create_dir_all(&content).unwrap();
        let mut rng = Rng(seed.max(1));
        let qs = questions(n, &mut rng);
        for (f, chunk) in qs.chunks(250).enumerate() {
            let mut text = format!("# Python interview notes, part {}\n", f + 1);
            for (i, (q, a, b)) in chunk.iter().enumerate() {
                if i % 50 == 0 {
                    let _ = write!(text, "\n## {}\n", capitalised(TOPICS[*a]));
                }
                let _ = write!(
                    text,
                    "\n<details>\n<summary><b>{}. {q}</b></summary>\n\n{}\n</details>\n",
                    i + 1,
                    answer(*a, *b, &mut rng)
                );
            }
            std::fs::write(content.join(format!("notes-{f:03}.md")), text).unwrap();
        }
    }
}

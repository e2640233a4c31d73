//! Search benchmark: index size against the site's HTML, and timings in
//! headless Chromium, on the bundled notes and on a generated handbook of
//! 10 000 questions (the shared generator in `corpus/`).
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
#[path = "corpus/mod.rs"]
mod corpus;

use std::path::{Path, PathBuf};

use common::cdp::Browser;
use docgen::pipeline::{BuildOptions, build_site};
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
        corpus::write_project(&project, n, 7);
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
    let files = build_files(&built.linked, &IndexOptions::default());
    let index_ms = t.elapsed().as_millis();
    let mut site = built.site;
    site.files.retain(|p, _| !p.starts_with("search-index"));
    for (path, text) in &files {
        site.insert(path.clone(), text.clone().into_bytes());
    }
    docgen::site::output::write_site(&site, out).unwrap();
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

//! Live-reload benchmark: the time from saving a notes file to the new text
//! showing in a browser open on `docgen serve`, on a copy of the bundled
//! notes and on generated handbooks.
//!
//! Run with `cargo bench --bench reload` (needs Chromium; `DOCGEN_BROWSER`
//! picks one). `RELOAD_BENCH_SIZES=10000` (the default) sets the generated
//! sizes; `RELOAD_BENCH_EDITS` (5) the edits per project.
//!
//! Each edit appends one question with a fresh marker word to a notes file
//! (written beside the project and renamed into place, as editors save),
//! then waits for the page (first the contents page, which lists every
//! question; then the chapter page the new questions land in) to reload and show the marker (in its `textContent`: long pages use
//! `content-visibility: auto`). The time is taken in this process, from
//! just before the rename to the moment the browser reports the marker: it
//! includes the watcher's debounce, the rebuild, the reload and the page
//! load.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "corpus/mod.rs"]
mod corpus;

use std::path::Path;
use std::time::Instant;

use common::cdp::Browser;

fn main() {
    let Some(browser) = common::browser() else {
        eprintln!("reload bench: no browser, nothing measured");
        return;
    };
    let edits: usize = std::env::var("RELOAD_BENCH_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let work = tempfile::tempdir().unwrap();
    let seeds = work.path().join("seeds");
    common::copy_seeds(&seeds);
    report("seeds", &seeds, &browser, edits);
    let sizes = std::env::var("RELOAD_BENCH_SIZES").unwrap_or_else(|_| "10000".into());
    for n in sizes
        .split(',')
        .filter_map(|s| s.trim().parse::<usize>().ok())
    {
        let project = work.path().join(format!("gen{n}"));
        corpus::write_project(&project, n, 7);
        report(&format!("{n} generated"), &project, &browser, edits);
    }
}

/// Serves `root` and prints the save-to-visible times of `edits` edits
/// seen on the contents page, then of as many seen on the chapter page
/// the edited questions land in.
fn report(label: &str, root: &Path, browser: &Path, edits: usize) {
    let served = common::Served::start(root);
    let mut b = Browser::launch(browser, 1200, 900);
    b.goto(&served.url);
    let file = first_note(&root.join("content"));
    let times = measure(&mut b, root, &file, edits, "a");
    print_times(&format!("{label}, contents page"), &times);
    // The chapter holding the last appended question.
    let href = b.eval(&format!(
        "[...document.querySelectorAll('a')].filter(a => a.textContent.includes('reloadmarka{}x')).map(a => a.href).pop()",
        edits - 1
    ));
    let href = href.as_str().expect("the appended question is listed");
    b.goto(href);
    let times = measure(&mut b, root, &file, edits, "c");
    print_times(&format!("{label}, chapter page"), &times);
}

/// Appends `edits` questions with fresh markers to `file`, one at a time,
/// and returns how long each took to show in the page open in `b` (ms).
fn measure(b: &mut Browser, root: &Path, file: &Path, edits: usize, tag: &str) -> Vec<f64> {
    let mut times: Vec<f64> = Vec::new();
    for i in 0..edits {
        let marker = format!("reloadmark{tag}{i}x");
        b.eval("window.__stale = 1; true");
        let mut text = std::fs::read_to_string(file).unwrap();
        let next = last_number(&text) + 1;
        text.push_str(&format!(
            "\n\n{next}. What is {marker}?\n\nA fresh answer.\n"
        ));
        let tmp = root.join(".reload-bench-save");
        std::fs::write(&tmp, text).unwrap();
        let t0 = Instant::now();
        std::fs::rename(&tmp, file).unwrap();
        b.wait_for(
            &format!(
                "window.__stale === undefined && document.readyState === 'complete' && document.body.textContent.includes('{marker}')"
            ),
            120,
        );
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    times
}

fn print_times(label: &str, times: &[f64]) {
    let mut times = times.to_vec();
    times.sort_by(f64::total_cmp);
    println!(
        "reload bench: {label}: save → new text visible, median {:.0} ms, min {:.0} ms, max {:.0} ms over {} edits",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        times.len()
    );
}

/// The highest `N.` that starts a line of `text` (the question numbering
/// the appended question continues).
fn last_number(text: &str) -> u32 {
    text.lines()
        .filter_map(|l| {
            let digits: String = l.chars().take_while(char::is_ascii_digit).collect();
            l[digits.len()..]
                .starts_with(". ")
                .then(|| digits.parse().ok())
                .flatten()
        })
        .max()
        .unwrap_or(0)
}

/// The first notes file under `content` (sorted), the one edited.
fn first_note(content: &Path) -> std::path::PathBuf {
    let mut files: Vec<_> = std::fs::read_dir(content)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "md" || x == "txt" || x == "markdown")
        })
        .collect();
    files.sort();
    files.into_iter().next().expect("a notes file")
}

//! Dedup benchmark: wall time and peak memory of clustering generated
//! collections of 10k and 100k questions (about 15 % duplicates).
//!
//! Besides overall pairwise precision and recall, each line reports recall
//! over true duplicate pairs rendered only from development templates
//! (the phrasings the method was written against) and over pairs where at
//! least one member used a held-out template (`benches/dedup/heldout.rs`,
//! which the method must not be tuned to).
//!
//! Run with `cargo bench --bench dedup`. Peak memory is the process's
//! resident high-water mark (`VmHWM` in `/proc/self/status`), so each size
//! runs in its own child process to measure it alone.

#[path = "dedup/corpus.rs"]
mod corpus;

use std::process::Command;
use std::time::Instant;

use docgen::dedup::DedupOptions;

const SIZES: &[usize] = &[10_000, 100_000];

/// Peak resident memory of this process in KiB, if the kernel reports it.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Generates and clusters `n` questions, printing one result line.
fn measure(n: usize) {
    let t0 = Instant::now();
    let corpus = corpus::generate(n, 42);
    let generated = t0.elapsed();
    let before = peak_rss_kib().unwrap_or(0);
    let t1 = Instant::now();
    let clustering = docgen::dedup::cluster(&corpus.entries, &DedupOptions::default())
        .expect("no overrides, cannot fail");
    let clustered = t1.elapsed();
    let peak = peak_rss_kib().unwrap_or(0);
    let predicted = clustering.assignment(n);
    let (precision, recall) = corpus::pairwise(&corpus.truth, &predicted);
    let split = corpus::recall_by_template(&corpus.truth, &corpus.kinds, &predicted);
    println!(
        "dedup {n:>7} questions: cluster {:>8.3} s | peak RSS {:>7.1} MiB (after generating: {:.1} MiB) | \
         {} clusters, {} near misses | pairwise precision {precision:.3} recall {recall:.3} | \
         development recall {:.3} ({} pairs) held-out recall {:.3} ({} pairs) | generate {:.3} s",
        clustered.as_secs_f64(),
        peak as f64 / 1024.0,
        before as f64 / 1024.0,
        clustering.clusters.len(),
        clustering.near_misses.len(),
        split.development,
        split.development_pairs,
        split.held_out,
        split.held_out_pairs,
        generated.as_secs_f64(),
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a child gets `--size N`.
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--size") {
        let n = args[i + 1].parse().expect("--size takes a number");
        measure(n);
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    for &n in SIZES {
        let status = Command::new(&exe)
            .args(["--size", &n.to_string()])
            .status()
            .expect("run child");
        assert!(status.success(), "benchmark child for {n} failed");
    }
}

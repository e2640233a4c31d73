//! Pipeline benchmark: wall time and peak memory of every stage of a
//! build, and of the whole `docgen build`, on generated handbooks of 1 000
//! and 10 000 questions; side by side with Hugo when it is installed.
//!
//! Run with `cargo bench --bench pipeline`. Environment:
//!
//! | variable | default | meaning |
//! | --- | --- | --- |
//! | `PIPELINE_BENCH_SIZES` | `1000,10000` | corpus sizes (questions), e.g. `100000` |
//! | `PIPELINE_BENCH_ROUNDS` | `3` | whole-build rounds (docgen, Hugo, docgen, Hugo, …) |
//! | `PIPELINE_BENCH_HUGO` | on if `hugo` runs | `0` leaves Hugo out |
//! | `PIPELINE_BENCH_HUGO_MAX` | `10000` | largest size Hugo builds |
//! | `PIPELINE_BENCH_DIR` | a temporary directory | where corpora are written (kept) |
//! | `PIPELINE_BENCH_CORPUS` | `own` | `reference`: the reference corpus of `benches/gen_corpus.py` (45 % of answers with code, 20 % with tables; needs `python3`) instead of `corpus/` |
//! | `PIPELINE_BENCH_THREADS` | empty | thread counts for extra docgen-only whole builds (`RAYON_NUM_THREADS`), e.g. `1,2` |
//!
//! `cargo bench --bench pipeline -- --generate N DIR` only writes the
//! corpus of `N` questions (`DIR/docgen`, a docgen project, and
//! `DIR/hugo`, the Hugo site), for profiling.
//!
//! For each size: the corpus (see `corpus/`), then the stages in process
//! (in a child process of their own, so one size's memory does not count
//! for the next; see `pipeline/stages.rs`), then whole cold builds as
//! child processes, one untimed warm-up each and then in turn (see
//! `pipeline/whole.rs`). Figures are medians; ratios are medians of the
//! per-round docgen/Hugo ratios.

#[path = "corpus/mod.rs"]
mod corpus;
#[path = "pipeline/stages.rs"]
mod stages;
#[path = "pipeline/whole.rs"]
mod whole;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The allocator the `docgen` binary uses (src/main.rs), so the in-process
/// stage figures match the whole build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Seed of every generated corpus.
const SEED: u64 = 7;

/// Settings from the environment.
struct Settings {
    sizes: Vec<usize>,
    rounds: usize,
    hugo: bool,
    hugo_max: usize,
    dir: Option<PathBuf>,
    /// The reference corpus of `benches/gen_corpus.py` instead of `corpus/`.
    reference: bool,
    /// Thread counts for the scaling rows (empty: none).
    threads: Vec<usize>,
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

fn settings() -> Settings {
    let sizes = env_or("PIPELINE_BENCH_SIZES", "1000,10000")
        .split(',')
        .filter_map(|s| s.trim().replace('_', "").parse().ok())
        .collect();
    let hugo = env_or("PIPELINE_BENCH_HUGO", "1") != "0" && whole::hugo_available();
    Settings {
        sizes,
        rounds: env_or("PIPELINE_BENCH_ROUNDS", "3").parse().unwrap_or(3),
        hugo,
        hugo_max: env_or("PIPELINE_BENCH_HUGO_MAX", "10000")
            .parse()
            .unwrap_or(10_000),
        dir: std::env::var_os("PIPELINE_BENCH_DIR").map(PathBuf::from),
        reference: env_or("PIPELINE_BENCH_CORPUS", "own") == "reference",
        threads: env_or("PIPELINE_BENCH_THREADS", "")
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .filter(|&t: &usize| t > 0)
            .collect(),
    }
}

/// Writes the reference corpus of `n` questions with
/// `benches/gen_corpus.py` (its `notes/` become `dir/docgen/content`, its
/// `hugo/` is `dir/hugo`), printing the script's summary line.
fn generate_reference(n: usize, dir: &Path) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/gen_corpus.py");
    let raw = dir.join("reference");
    let out = Command::new("python3")
        .arg(&script)
        .arg(n.to_string())
        .arg(&raw)
        .output()
        .expect("run python3 benches/gen_corpus.py");
    assert!(
        out.status.success(),
        "gen_corpus.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let project = dir.join("docgen");
    std::fs::create_dir_all(&project).expect("project directory");
    std::fs::rename(raw.join("notes"), project.join("content")).expect("move notes");
    std::fs::rename(raw.join("hugo"), dir.join("hugo")).expect("move the Hugo site");
    let _ = std::fs::remove_dir_all(&raw);
    let summary = String::from_utf8_lossy(&out.stdout);
    println!("reference corpus: {}", summary.trim());
}

/// Writes the corpus of `n` questions as `dir/docgen` and `dir/hugo`,
/// printing what was written.
fn generate(n: usize, dir: &Path) {
    let t = Instant::now();
    let corpus = corpus::generate(&corpus::Spec::new(n, SEED));
    let bytes = corpus::write_docgen(&corpus, &dir.join("docgen"));
    corpus::hugo::write_site(&corpus, &dir.join("hugo"));
    println!(
        "corpus: {n} questions ({} distinct) in {} notes files, {:.1} MiB of notes, generated in {:.1} s",
        corpus.distinct(),
        corpus.files.len(),
        bytes as f64 / (1 << 20) as f64,
        t.elapsed().as_secs_f64()
    );
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// One stage's line of the table.
fn print_row(r: &stages::Row) {
    let label = if r.part_of_previous {
        format!("  of which {}", r.name)
    } else {
        r.name.to_string()
    };
    match r.wall {
        Some(w) => println!(
            "  {label:<22} {:>9.0} {:>13.1} {:>10.1}",
            w.as_secs_f64() * 1e3,
            mib(r.peak_kib),
            mib(r.grew_kib)
        ),
        None => println!("  {label:<22} {:>9} {:>13} {:>10}", "n/a", "n/a", "n/a"),
    }
}

/// Child mode: measures the stages on `project`, printing each row as it
/// is measured, then the total.
fn stages_child(project: &Path, out: &Path) {
    if !stages::peak_reset_works() {
        println!("  (resetting VmHWM does not work here: peaks are cumulative)");
    }
    println!(
        "  {:<22} {:>9} {:>13} {:>10}",
        "stage", "wall ms", "peak RSS MiB", "grew MiB"
    );
    let (rows, counts) = stages::run(project, out, &print_row);
    let counted = rows.iter().filter(|r| !r.part_of_previous);
    let total: f64 = counted
        .clone()
        .filter_map(|r| r.wall)
        .map(|w| w.as_secs_f64())
        .sum();
    let peak = counted.map(|r| r.peak_kib).max().unwrap_or(0);
    println!(
        "  {:<22} {:>9.0} {:>13.1}",
        "total (in process)",
        total * 1e3,
        mib(peak)
    );
    println!(
        "  pipeline: {} sources → {} questions extracted → {} entries; site of {} files, {:.1} MiB",
        counts.sources,
        counts.questions,
        counts.entries,
        counts.files,
        counts.site_bytes as f64 / (1 << 20) as f64
    );
}

/// Runs the stage measurement for `project` in a child process.
fn stages_in_child(project: &Path, scratch: &Path) {
    let out = scratch.join("stages-out");
    let _ = std::fs::remove_dir_all(&out);
    let exe = std::env::current_exe().expect("own path");
    let status = Command::new(exe)
        .arg("--stages")
        .arg(project)
        .arg(&out)
        .status()
        .expect("run the stages child");
    assert!(status.success(), "stage measurement failed");
    let _ = std::fs::remove_dir_all(&out);
}

/// Prints the whole-build comparison.
fn print_comparison(cmp: &whole::Comparison, rounds: usize) {
    println!("  whole build, cold, median of {rounds} round(s):");
    println!(
        "  {:<22} {:>9} {:>9} {:>13}",
        "", "wall s", "CPU s", "peak RSS MiB"
    );
    let line = |name: &str, r: &whole::Runs| {
        println!(
            "  {name:<22} {:>9.2} {:>9.2} {:>13.1}",
            r.wall(),
            r.cpu(),
            r.peak_mib()
        )
    };
    line("docgen build", &cmp.docgen);
    if let Some(h) = &cmp.hugo {
        line("hugo", h);
    }
    if let Some((time, mem)) = cmp.ratios() {
        println!(
            "  {:<22} {:>8.3}× {:>9} {:>12.3}×",
            "docgen / hugo", time, "", mem
        );
    }
}

/// Generates, measures and compares one size.
fn bench_size(n: usize, s: &Settings, base: &Path) {
    println!("\npipeline bench: {n} questions");
    let dir = base.join(format!("q{n}"));
    if s.reference {
        generate_reference(n, &dir);
    } else {
        generate(n, &dir);
    }
    let scratch = dir.join("scratch");
    std::fs::create_dir_all(&scratch).expect("scratch directory");
    stages_in_child(&dir.join("docgen"), &scratch);
    let hugo_site = dir.join("hugo");
    let plan = whole::Plan {
        exe: Path::new(env!("CARGO_BIN_EXE_docgen")),
        project: &dir.join("docgen"),
        hugo_site: (s.hugo && n <= s.hugo_max).then_some(hugo_site.as_path()),
        scratch: &scratch,
        rounds: s.rounds.max(1),
    };
    let cmp = whole::compare(&plan);
    print_comparison(&cmp, plan.rounds);
    if !s.threads.is_empty() {
        println!(
            "  docgen build by thread count (RAYON_NUM_THREADS), median of {} round(s):",
            plan.rounds
        );
        println!(
            "  {:<22} {:>9} {:>9} {:>13}",
            "threads", "wall s", "CPU s", "peak RSS MiB"
        );
        for &t in &s.threads {
            let runs = whole::Runs {
                runs: (0..plan.rounds)
                    .map(|_| whole::docgen_with_threads(plan.exe, plan.project, &scratch, t))
                    .collect(),
            };
            println!(
                "  {t:<22} {:>9.2} {:>9.2} {:>13.1}",
                runs.wall(),
                runs.cpu(),
                runs.peak_mib()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
}

fn main() {
    // `cargo bench` passes `--bench`; the modes below take their own flags.
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| args.iter().position(|a| a == name);
    if let Some(i) = flag("--stages") {
        stages_child(Path::new(&args[i + 1]), Path::new(&args[i + 2]));
        return;
    }
    if let Some(i) = flag("--generate") {
        let n = args[i + 1].parse().expect("--generate N DIR");
        generate(n, Path::new(&args[i + 2]));
        return;
    }
    let s = settings();
    let tmp = tempfile::tempdir().expect("temporary directory");
    let base = s.dir.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    println!(
        "pipeline bench: sizes {:?}, {} core(s); Hugo: {}",
        s.sizes,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        if s.hugo {
            whole::hugo_version()
        } else {
            "not run".to_string()
        }
    );
    for &n in &s.sizes {
        bench_size(n, &s, &base);
    }
}

//! Whole builds as child processes: the release `docgen build` binary and,
//! when installed, `hugo`, each cold (fresh output directory; docgen with
//! `--no-cache`, Hugo with a fresh cache directory), run in turn A B A B …
//! so machine noise hits both alike.
//!
//! Wall time is measured around the child; peak memory and CPU time come
//! from the child's resource usage (`wait4`: `ru_maxrss`, user + system
//! time).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run of one build.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub wall: Duration,
    pub cpu: Duration,
    pub peak_kib: u64,
}

/// The figures of one tool over all rounds.
#[derive(Debug, Clone, Default)]
pub struct Runs {
    pub runs: Vec<Run>,
}

impl Runs {
    pub fn wall(&self) -> f64 {
        median(self.runs.iter().map(|r| r.wall.as_secs_f64()))
    }

    pub fn cpu(&self) -> f64 {
        median(self.runs.iter().map(|r| r.cpu.as_secs_f64()))
    }

    pub fn peak_mib(&self) -> f64 {
        median(self.runs.iter().map(|r| r.peak_kib as f64 / 1024.0))
    }
}

/// The median (mean of the middle two for an even count; 0 when empty).
pub fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// Runs `cmd` to completion and measures it; panics when it fails.
pub fn measure(cmd: &mut Command) -> Run {
    let start = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data, valid when zeroed; `pid` is our own
    // child, which nothing else waits for (`child` is never waited on).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    drop(child);
    assert_eq!(waited, pid, "wait4 failed for {cmd:?}");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed (status {status})"
    );
    Run {
        wall,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
        peak_kib: usage.ru_maxrss as u64,
    }
}

/// True when `hugo` runs.
pub fn hugo_available() -> bool {
    Command::new("hugo")
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `hugo version`'s first line, for the report.
pub fn hugo_version() -> String {
    Command::new("hugo")
        .arg("version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// One cold `docgen build --no-cache` of `project` into a fresh directory
/// under `scratch` (the project's build cache is neither read nor written).
pub fn docgen(exe: &Path, project: &Path, scratch: &Path) -> Run {
    docgen_in(exe, project, scratch, None)
}

/// [`docgen`] with rayon limited to `threads` threads (`RAYON_NUM_THREADS`).
pub fn docgen_with_threads(exe: &Path, project: &Path, scratch: &Path, threads: usize) -> Run {
    docgen_in(exe, project, scratch, Some(threads))
}

fn docgen_in(exe: &Path, project: &Path, scratch: &Path, threads: Option<usize>) -> Run {
    let out = fresh(scratch, "docgen-out");
    let mut cmd = Command::new(exe);
    if let Some(t) = threads {
        cmd.env("RAYON_NUM_THREADS", t.to_string());
    }
    let run = measure(
        cmd.arg("--root")
            .arg(project)
            .arg("build")
            .arg("--output")
            .arg(&out)
            .arg("--no-cache")
            .arg("-q"),
    );
    std::fs::remove_dir_all(&out).expect("remove docgen output");
    run
}

/// One cold `hugo` build of `site` into a fresh directory under
/// `scratch`, with a fresh cache directory.
pub fn hugo(site: &Path, scratch: &Path) -> Run {
    let out = fresh(scratch, "hugo-out");
    let cache = fresh(scratch, "hugo-cache");
    let run = measure(
        Command::new("hugo")
            .arg("--quiet")
            .arg("--source")
            .arg(site)
            .arg("--destination")
            .arg(&out)
            .arg("--cleanDestinationDir")
            .arg("--cacheDir")
            .arg(&cache),
    );
    for dir in [&out, &cache] {
        std::fs::remove_dir_all(dir).expect("remove hugo output");
    }
    run
}

/// A path under `scratch` that does not exist yet.
fn fresh(scratch: &Path, name: &str) -> PathBuf {
    let path = scratch.join(name);
    if path.exists() {
        std::fs::remove_dir_all(&path).expect("remove stale output");
    }
    path
}

/// Both tools' runs of one comparison.
pub struct Comparison {
    pub docgen: Runs,
    pub hugo: Option<Runs>,
}

impl Comparison {
    /// Median over rounds of docgen / Hugo, for wall time and peak memory.
    pub fn ratios(&self) -> Option<(f64, f64)> {
        let hugo = self.hugo.as_ref()?;
        let pairs = || self.docgen.runs.iter().zip(&hugo.runs);
        let time = median(pairs().map(|(d, h)| d.wall.as_secs_f64() / h.wall.as_secs_f64()));
        let mem = median(pairs().map(|(d, h)| d.peak_kib as f64 / h.peak_kib as f64));
        Some((time, mem))
    }
}

/// What to compare and how often.
pub struct Plan<'a> {
    pub exe: &'a Path,
    pub project: &'a Path,
    /// The Hugo site, or `None` for docgen alone.
    pub hugo_site: Option<&'a Path>,
    pub scratch: &'a Path,
    pub rounds: usize,
}

/// `rounds` rounds of docgen then Hugo; with Hugo, one untimed warm-up of
/// each first (so both read their input from the page cache; docgen's
/// input is already there from the stage measurement).
pub fn compare(plan: &Plan) -> Comparison {
    if let Some(site) = plan.hugo_site {
        docgen(plan.exe, plan.project, plan.scratch);
        hugo(site, plan.scratch);
    }
    let mut cmp = Comparison {
        docgen: Runs::default(),
        hugo: plan.hugo_site.map(|_| Runs::default()),
    };
    for _ in 0..plan.rounds {
        cmp.docgen
            .runs
            .push(docgen(plan.exe, plan.project, plan.scratch));
        if let (Some(site), Some(runs)) = (plan.hugo_site, cmp.hugo.as_mut()) {
            runs.runs.push(hugo(site, plan.scratch));
        }
    }
    cmp
}

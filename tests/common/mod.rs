//! Helpers shared by the integration tests: building the bundled notes or a
//! constructed project into a temporary directory, and finding a browser.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use docgen::pipeline::{self, BuildOptions, Built};

/// The repository root (holds the bundled `content/` and `docgen.yaml`).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the bundled notes (`content/`, flat) and `docgen.yaml` into a
/// new project at `project`.
pub fn copy_seeds(project: &Path) {
    let content = project.join("content");
    std::fs::create_dir_all(&content).unwrap();
    for e in std::fs::read_dir(repo().join("content")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), content.join(e.file_name())).unwrap();
    }
    std::fs::copy(repo().join("docgen.yaml"), project.join("docgen.yaml")).unwrap();
}

/// Ingests `content` as the notes folder of the project at its parent,
/// with the default symbolic-link confinement.
pub fn ingest(content: &Path) -> docgen::Result<docgen::ingest::Ingested> {
    let root = content.parent().expect("content/ has a parent");
    let confinement = docgen::walk::Confinement::new(root, Default::default())?;
    docgen::ingest::ingest_dir(content, &confinement)
}

/// Builds the bundled notes in memory.
pub fn build_seeds() -> Built {
    pipeline::build_site(&BuildOptions::new(repo())).expect("the bundled notes build")
}

/// Builds the bundled notes with the `docgen` binary into `public/` of a
/// fresh temporary directory; returns the directory (keep it alive) and
/// the output path.
pub fn build_seeds_to_disk() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    let (ok, err) = docgen(
        &repo(),
        &["build", "-q", "--output", public.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    (dir, public)
}

/// A handbook project in a temporary directory, made of `files`
/// (path under the project, contents).
pub fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

/// Runs the `docgen` binary with `args` in `dir`; returns (exit ok, stderr).
pub fn docgen(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("docgen runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file under `dir` as (relative path, bytes), sorted.
pub fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// The Chromium (or Chrome) to drive, found as `docgen pdf` finds it
/// (`DOCGEN_BROWSER`, then the usual names on PATH). `None` means browser
/// tests are skipped, unless `DOCGEN_REQUIRE_BROWSER=1`, in which case a
/// missing browser panics.
pub fn browser() -> Option<PathBuf> {
    let found = docgen::pdf::find_browser(None);
    if found.is_none() && std::env::var("DOCGEN_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("DOCGEN_REQUIRE_BROWSER=1 but no Chromium/Chrome was found (set DOCGEN_BROWSER)");
    }
    if found.is_none() {
        skip("no Chromium/Chrome found (install chromium, or set DOCGEN_BROWSER)");
    }
    found
}

/// Says, where `cargo test` shows it, that the current test is skipped and
/// why. The harness captures `eprintln!` of passing tests, so a skip
/// would read as a silent "ok": this writes to the process's stderr
/// directly, which the harness does not capture.
pub fn skip(reason: &str) {
    use std::io::Write;
    let name = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "SKIPPED {name}: {reason}");
}

/// Loads `url` in headless Chromium, lets its scripts run, and returns the
/// DOM as HTML (`--dump-dom`).
pub fn dump_dom(browser: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(browser)
        .args(docgen::pdf::HEADLESS_ARGS)
        .args(["--virtual-time-budget=5000", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .output()
        .expect("browser runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
pub mod cdp;

/// A `docgen serve --port 0` child process and the URL it printed.
pub struct Served {
    child: std::process::Child,
    /// The URL it printed, e.g. `http://127.0.0.1:40123/`.
    pub url: String,
    /// The lines it has written to stderr so far (one per preview and
    /// per rebuild), read by a background thread.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Served {
    /// Starts `docgen --root ROOT serve --port 0`; returns once it listens.
    pub fn start(root: &Path) -> Served {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
            .args(["--root", root.to_str().unwrap(), "serve", "--port", "0"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let lines = std::sync::Arc::clone(&log);
        std::thread::spawn(move || {
            for line in std::io::BufRead::lines(std::io::BufReader::new(stderr)) {
                let Ok(line) = line else { break };
                lines.lock().unwrap().push(line);
            }
        });
        let mut line = String::new();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        std::io::BufRead::read_line(&mut out, &mut line).unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("URL printed")
            .to_string();
        Served { child, url, log }
    }

    /// The server's log (stderr) so far, one line each.
    pub fn log_lines(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits until at least `count` lines of the server's log contain
    /// `needle`; panics after `secs` seconds, showing the log.
    pub fn wait_for_log(&self, needle: &str, count: usize, secs: u64) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let log = self.log.lock().unwrap().clone();
            if log.iter().filter(|l| l.contains(needle)).count() >= count {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {count} log lines with {needle:?}:\n{}",
                log.join("\n")
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// `host:port` of the server.
    pub fn addr(&self) -> String {
        self.url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `concepts/index.html` and the first concept page (in name order), when
/// the build at `public` has them.
pub fn concept_pages(public: &Path) -> Vec<String> {
    if !public.join("concepts/index.html").exists() {
        return Vec::new();
    }
    let mut names: Vec<String> = std::fs::read_dir(public.join("concepts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html") && n != "index.html")
        .collect();
    names.sort();
    let mut pages = vec!["concepts/index.html".to_string()];
    pages.extend(names.first().map(|n| format!("concepts/{n}")));
    pages
}

/// Asserts that a clustering of `n` entries conserves them: every entry in
/// exactly one cluster, members sorted with the canonical among them, and
/// clusters ordered by their first member.
pub fn assert_conservation(n: usize, c: &docgen::dedup::Clustering) {
    let mut seen = vec![0u32; n];
    for cl in &c.clusters {
        assert!(!cl.members.is_empty());
        assert!(cl.members.contains(&cl.canonical));
        assert!(cl.members.windows(2).all(|w| w[0] < w[1]), "members sorted");
        for &m in &cl.members {
            seen[m] += 1;
        }
    }
    assert!(
        seen.iter().all(|&k| k == 1),
        "every entry in exactly one cluster"
    );
    let firsts: Vec<usize> = c.clusters.iter().map(|c| c.members[0]).collect();
    assert!(
        firsts.windows(2).all(|w| w[0] < w[1]),
        "clusters ordered by first member"
    );
}

/// Clears the box, types `query` and waits for its results; returns the
/// `data-href` of each option (root-relative for pages at the root).
pub fn type_query(b: &mut cdp::Browser, query: &str) -> Vec<String> {
    b.eval(
        "(() => { const i = document.getElementById('search-input'); i.value = ''; \
         i.dispatchEvent(new Event('input')); i.focus(); return true; })()",
    );
    b.type_text(query);
    b.wait_for(
        &format!(
            "document.getElementById('search-results').getAttribute('data-query') === {}",
            serde_json::json!(query)
        ),
        20,
    );
    let v = b.eval(
        "Array.from(document.querySelectorAll('#search-results li[data-href]'))\
         .map(li => li.getAttribute('data-href'))",
    );
    v.as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().to_string())
        .collect()
}

/// xorshift64*: a small deterministic generator for the fuzz tests.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `items`, at random.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

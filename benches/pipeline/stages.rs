//! Per-stage figures, in process: the library's stage functions called in
//! the order `pipeline::build_site` and `pipeline::build` call them, each timed
//! with its peak resident memory.
//!
//! Peak memory per stage: before each stage the kernel's high-water mark
//! is reset (writing `5` to `/proc/self/clear_refs`), after it `VmHWM` is
//! read from `/proc/self/status`. The peak therefore includes what earlier
//! stages still hold; `grew` is the part above the resident size at the
//! stage's start.
//!
//! `render` here renders into memory and `write` writes that site; the
//! real `docgen build` writes each file as it is rendered, so its peak is
//! lower than this table's (the whole-build table measures the binary).

use std::path::Path;
use std::time::{Duration, Instant};

use docgen::extract::{self, Entry, Extracted};
use docgen::handbook::{self, AssembleInput};
use docgen::render::markdown::MarkdownRenderer;
use docgen::render::views::{EntryView, Views};
use docgen::render::{self, RenderOptions};
use docgen::site::output;
use docgen::theme::Theme;
use docgen::{concepts, config, dedup, ingest, pipeline, search};
use rayon::prelude::*;

/// One stage's figures.
pub struct Row {
    /// Stage name as printed.
    pub name: &'static str,
    /// Wall time; `None` for a stage the pipeline does not have yet.
    pub wall: Option<Duration>,
    /// Peak resident memory during the stage, KiB.
    pub peak_kib: u64,
    /// Peak minus the resident memory at the stage's start, KiB.
    pub grew_kib: u64,
    /// Already counted in another row (not added to the total).
    pub part_of_previous: bool,
}

/// What the pipeline made of the corpus.
pub struct Counts {
    pub sources: usize,
    pub questions: usize,
    pub entries: usize,
    pub files: usize,
    pub site_bytes: usize,
}

/// A field of `/proc/self/status` in KiB (0 when unavailable).
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Resets `VmHWM` to the current resident size (Linux ≥ 4.0).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// True when resetting the high-water mark works here.
pub fn peak_reset_works() -> bool {
    let block = vec![1u8; 64 << 20];
    std::hint::black_box(&block);
    drop(block);
    let before = status_kib("VmHWM:");
    reset_peak();
    status_kib("VmHWM:") + (32 << 10) < before
}

/// The rows so far; each is handed to `show` as soon as it is measured.
struct Rows<'a> {
    rows: Vec<Row>,
    show: &'a dyn Fn(&Row),
}

impl Rows<'_> {
    fn push(&mut self, row: Row) {
        (self.show)(&row);
        self.rows.push(row);
    }
}

/// Runs `f` as stage `name`, adding its row.
fn measure<T>(rows: &mut Rows, name: &'static str, f: impl FnOnce() -> T) -> T {
    measure_as(rows, name, false, f)
}

/// [`measure`], for a stage that is `part_of_previous` or not.
fn measure_as<T>(
    rows: &mut Rows,
    name: &'static str,
    part_of_previous: bool,
    f: impl FnOnce() -> T,
) -> T {
    reset_peak();
    let before = status_kib("VmRSS:");
    let t = Instant::now();
    let out = std::hint::black_box(f());
    let wall = t.elapsed();
    let peak = status_kib("VmHWM:");
    rows.push(Row {
        name,
        wall: Some(wall),
        peak_kib: peak,
        grew_kib: peak.saturating_sub(before),
        part_of_previous,
    });
    out
}

/// Extraction as `build_site` does it: every source, then all entries
/// flattened in order.
fn extract_all(docs: &[ingest::SourceDoc]) -> (Vec<Extracted>, Vec<Entry>) {
    let extracted: Vec<Extracted> = docs
        .par_iter()
        .map(|d| extract::extract(&d.name, &d.body, d.body_line))
        .collect();
    let entries = extracted
        .iter()
        .flat_map(|x| x.entries.iter().cloned())
        .collect();
    (extracted, entries)
}

/// The entry views render makes (a batch of chapters at a time): every
/// answer's markdown rendered, highlighted and sanitised.
fn entry_views(hb: &docgen::model::Linked) -> Vec<EntryView> {
    let md = MarkdownRenderer::new();
    let views = Views::new(hb, &md);
    hb.handbook
        .entries
        .par_iter()
        .map(|e| views.entry(e))
        .collect()
}

/// Measures every stage on the project at `root`, writing the site to
/// `out` (which must not exist yet); `show` gets each row when measured.
pub fn run(root: &Path, out: &Path, show: &dyn Fn(&Row)) -> (Vec<Row>, Counts) {
    let mut rows = Rows {
        rows: Vec::new(),
        show,
    };
    let (config, theme, ingested) = measure(&mut rows, "ingest", || {
        let config = config::load(root).expect("docgen.yaml");
        let confinement = docgen::walk::Confinement::new(root, config.symlinks()).expect("root");
        let theme = Theme::load(root, &confinement).expect("theme");
        let ingested = ingest::ingest_dir(&root.join("content"), &confinement).expect("content/");
        (config, theme, ingested)
    });
    let (extracted, entries) = measure(&mut rows, "extract", || extract_all(&ingested.docs));
    let clustering = measure(&mut rows, "dedup", || {
        let opts = dedup::DedupOptions::from_config(&config.dedup, &root.join(config::CONFIG_FILE))
            .expect("dedup options");
        dedup::cluster(&entries, &opts).expect("clustering")
    });
    let hb = measure(&mut rows, "handbook", || {
        handbook::assemble(&AssembleInput {
            config: &config,
            docs: &ingested.docs,
            extracted: &extracted,
            entries: &entries,
            clustering: &clustering,
            permalinks: &Default::default(),
        })
    });
    let catalog = concepts::load_catalog(&root.join(pipeline::CATALOG_FILE)).expect("catalog");
    let hb = match &catalog {
        Some(c) => measure(&mut rows, "link", || concepts::link(hb, c)),
        None => {
            let found = measure(&mut rows, "discover", || concepts::discover::discover(&hb));
            measure(&mut rows, "link", || concepts::link(hb, &found))
        }
    };
    let site = measure(&mut rows, "render", || {
        let opts = RenderOptions {
            theme: &theme,
            base_url: config.base_url.as_deref(),
            cname: config.cname.as_deref(),
            pdf: false,
            highlighted: None,
        };
        render::render(&hb, &opts).expect("render")
    });
    // Most of render is the entry views (markdown, highlighting,
    // sanitising); made again here and timed alone, they show its share.
    let views = measure_as(&mut rows, "entry views", true, || entry_views(&hb));
    let index = measure_as(&mut rows, "search index", true, || {
        search::build_files(&hb, &search::IndexOptions::default())
    });
    drop((index, views));
    measure(&mut rows, "write", || {
        output::write_site(&site, out).expect("write")
    });
    let counts = Counts {
        sources: ingested.docs.len(),
        questions: entries.len(),
        entries: hb.handbook.entries.len(),
        files: site.files.len(),
        site_bytes: site.files.values().map(Vec::len).sum(),
    };
    (rows.rows, counts)
}

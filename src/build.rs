//! The pipeline, wired: ingest → extract → dedup → handbook → link
//! (concepts) → render → output. Commands (`build`, `serve`, `check`) call [`build_site`] or
//! [`build`]; nothing else calls the stages in sequence.

use std::path::PathBuf;
use std::time::Instant;

use crate::concepts::{self, Catalog};
use crate::config;
use crate::dedup;
use crate::extract::{self, Entry, Extracted};
use crate::handbook::{self, AssembleInput, Handbook};
use crate::ingest::{self, Repair};
use crate::render::{self, RenderOptions, Site};
use crate::theme::Theme;
use crate::{Result, output};

/// The concept catalog, relative to the project root.
pub const CATALOG_FILE: &str = "content/concepts.yaml";

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The handbook project: holds `content/`, optional `docgen.yaml`,
    /// `templates/` and `static/`.
    pub root: PathBuf,
    /// Where the site is written (`public/` under `root` by default).
    pub output: PathBuf,
    /// Overrides `base_url` of `docgen.yaml`.
    pub base_url: Option<String>,
}

impl BuildOptions {
    /// Options for the project at `root` with the default output `public/`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions {
            output: root.join("public"),
            root,
            base_url: None,
        }
    }
}

/// What a build did, for the summary line and for tests.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Number of notes files read.
    pub sources: usize,
    /// Files whose bytes needed decoding fixes or mojibake repair.
    pub repaired: Vec<(String, Repair)>,
    /// Warnings to show the author (skipped files, fallbacks).
    pub warnings: Vec<String>,
    /// Questions extracted, before deduplication.
    pub questions: usize,
    /// Handbook entries, after deduplication.
    pub entries: usize,
    /// Entries no source answers.
    pub unanswered: usize,
    /// Wall time of the build, in milliseconds.
    pub elapsed_ms: u128,
}

/// Every stage's output for one build, kept for commands that inspect it
/// (`check`) and for tests.
pub struct Built {
    /// The handbook model.
    pub handbook: Handbook,
    /// The concept catalog, when the project has one.
    pub catalog: Option<Catalog>,
    /// The rendered site (not yet written).
    pub site: Site,
    /// What happened.
    pub report: BuildReport,
}

/// Runs the pipeline up to a rendered site, without writing anything.
///
/// Errors: any stage's error (unreadable files, malformed front matter or
/// configuration, template errors), each naming its file and line.
pub fn build_site(opts: &BuildOptions) -> Result<Built> {
    let start = Instant::now();
    let config = config::load(&opts.root)?;
    let theme = Theme::load(&opts.root)?;
    let ingested = ingest::ingest_dir(&opts.root.join("content"))?;
    let mut report = BuildReport {
        sources: ingested.docs.len(),
        ..BuildReport::default()
    };
    for s in &ingested.skipped {
        report
            .warnings
            .push(format!("skipped content/{}: {}", s.name, s.reason));
    }
    for d in &ingested.docs {
        if let Some(r) = &d.repair {
            report.repaired.push((d.name.clone(), r.clone()));
        }
    }
    let extracted: Vec<Extracted> = ingested
        .docs
        .iter()
        .map(|d| extract::extract(&d.name, &d.body, d.body_line))
        .collect();
    let entries: Vec<Entry> = extracted
        .iter()
        .flat_map(|x| x.entries.iter().cloned())
        .collect();
    let config_path = opts.root.join(config::CONFIG_FILE);
    let catalog = concepts::load_catalog(&opts.root.join(CATALOG_FILE))?;
    // The catalog's aliases are not given to dedup: a concept groups
    // topics ("Trie", "Linked list" are both data structures), and
    // folding them would merge different questions.
    let dedup_opts = config.dedup_options(&config_path)?;
    let clustering =
        dedup::try_cluster(&entries, &dedup_opts).map_err(|e| crate::Error::Config {
            path: config_path.clone(),
            message: e.to_string(),
        })?;
    for &i in &clustering.skipped {
        report.warnings.push(format!(
            "content/{}:{}: empty question skipped",
            entries[i].source, entries[i].line
        ));
    }
    let handbook = handbook::assemble(&AssembleInput {
        config: &config,
        docs: &ingested.docs,
        extracted: &extracted,
        entries: &entries,
        clustering: &clustering,
    });
    let handbook = match &catalog {
        Some(c) => concepts::link(handbook, c),
        None => handbook,
    };
    let base_url = opts.base_url.clone().or(config.base_url.clone());
    let site = render::render(
        &handbook,
        &RenderOptions {
            theme: &theme,
            base_url: base_url.as_deref(),
            cname: config.cname.as_deref(),
        },
    )?;
    report.questions = entries.len();
    report.entries = handbook.entries.len();
    report.unanswered = handbook.entries.iter().filter(|e| !e.answered).count();
    report.elapsed_ms = start.elapsed().as_millis();
    Ok(Built {
        handbook,
        catalog,
        site,
        report,
    })
}

/// Builds the site and writes it to `opts.output` atomically.
///
/// Errors: those of [`build_site`] and of [`output::write_site`].
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    let built = build_site(opts)?;
    output::write_site(&built.site, &opts.output)?;
    let mut report = built.report;
    report.elapsed_ms = start.elapsed().as_millis();
    Ok(report)
}

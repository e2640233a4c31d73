//! The pipeline, wired: ingest → extract → dedup → handbook → link
//! (concepts) → render → output. Commands (`build`, `serve`, `check`) call [`build_site`] or
//! [`build`]; nothing else calls the stages in sequence.

pub mod cache;
pub mod quick;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use crate::Result;
use crate::concepts::{self, Catalog};
use crate::config;
use crate::dedup;
use crate::extract::{self, Entry, Extracted};
use crate::handbook::permalinks::{self, PERMALINKS_FILE, Permalinks};
use crate::handbook::{self, AssembleInput};
use crate::ingest::{self, Repair};
use crate::model::{Handbook, Linked};
use crate::render::markdown::HighlightCache;
use crate::render::{self, RenderOptions};
use crate::site::output;
use crate::site::{Site, SiteSink, paths};
use crate::theme::Theme;
use crate::walk::Confinement;
use rayon::prelude::*;

/// Where a build reports its progress ([`build_with`]): `docgen build`
/// draws it as a progress bar on a terminal; [`NoProgress`] ignores it.
/// Calls come from the build's threads, so an implementation is `Sync`.
pub trait Progress: Sync {
    /// A stage begins: its name ("extract", "write") and how its items
    /// are counted.
    fn stage(&self, name: &'static str, items: Items);
    /// `n` more items of the current stage are done.
    fn advance(&self, n: u64);
}

/// How a stage's items are counted, for [`Progress::stage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Items {
    /// The stage reports no items.
    None,
    /// Items are counted as they are done; their number is not known ahead.
    Open,
    /// This many items.
    Of(u64),
}

/// A [`Progress`] that reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn stage(&self, _: &'static str, _: Items) {}
    fn advance(&self, _: u64) {}
}

/// A [`SiteSink`] that counts the files it passes on as progress.
struct Counting<'a> {
    inner: &'a mut dyn SiteSink,
    progress: &'a dyn Progress,
}

impl SiteSink for Counting<'_> {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
        self.progress.advance(1);
        self.inner.put(path, bytes)
    }

    fn put_with(&mut self, path: String, write: &mut crate::site::WriteFn) -> Result<()> {
        self.progress.advance(1);
        self.inner.put_with(path, write)
    }

    fn append(&mut self, path: &str, bytes: &[u8]) -> Result<()> {
        self.inner.append(path, bytes)
    }
}

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
    /// Replace an existing, non-empty output directory that docgen did not
    /// write (`--force`); see [`output::check_target`].
    pub force: bool,
    /// The configuration file (`--config`), instead of `docgen.yaml` in
    /// the root.
    pub config: Option<PathBuf>,
    /// Leave `content/concepts.yaml` unread and discover the concepts, as
    /// a project without a catalog does (`docgen concepts`).
    pub ignore_catalog: bool,
    /// Include notes marked `draft: true` (`--drafts`); they are left out
    /// by default, as in Zola and Hugo.
    pub drafts: bool,
    /// The output will hold the printed handbook ([`paths::PDF`]), so
    /// every page links it (`docgen pdf` sets it; `docgen build` also links
    /// one it carries over from the previous output).
    pub pdf: bool,
    /// [`build`] reads and writes the build cache ([`cache::CACHE_FILE`]):
    /// `docgen build` sets it unless `--no-cache`; off by default.
    pub cache: bool,
}

impl BuildOptions {
    /// Options for the project at `root` with the default output `public/`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions {
            output: root.join("public"),
            root,
            base_url: None,
            force: false,
            config: None,
            ignore_catalog: false,
            drafts: false,
            pdf: false,
            cache: false,
        }
    }

    /// The configuration file's path: `config`, else `docgen.yaml` in the
    /// root.
    fn config_path(&self) -> std::path::PathBuf {
        self.config
            .clone()
            .unwrap_or_else(|| self.root.join(config::CONFIG_FILE))
    }
}

/// The concepts discovered in the notes of the project at `opts.root`
/// ([`concepts::discover::discover`]), whether or not it has a catalog:
/// what `docgen concepts` lists and `--write` exports. Runs the stages up
/// to the handbook; renders nothing.
///
/// Errors: those of a build's ingest, extract and dedup stages.
pub fn discover_concepts(opts: &BuildOptions) -> Result<Catalog> {
    let opts = BuildOptions {
        ignore_catalog: true,
        ..opts.clone()
    };
    Ok(prepare(&opts, None)?.catalog.unwrap_or_default())
}

/// The header `docgen concepts --write` puts above the exported catalog.
pub const DISCOVERED_CATALOG_HEADER: &str = "\
# Concepts discovered in the notes by `docgen concepts --write`.
# Edit freely: rename (name), add or remove spellings (aliases), add a
# summary or related ids, delete a concept to drop it. docgen uses this
# file instead of discovering concepts while it exists; add
# `discover: true` to keep discovering and use this file as an override
# (with `exclude: [name, …]` and `same_as: {id: [name, …]}`).
";

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
    /// Concepts discovered in the notes (0 with a catalog).
    pub concepts_discovered: usize,
    /// Wall time of concept discovery, in milliseconds (0 with a catalog).
    pub discover_ms: u128,
    /// One row per source, in source order.
    pub per_source: Vec<SourceReport>,
    /// What the build cache gave, when the build used one.
    pub cache: Option<CacheUse>,
}

/// How much of a build the build cache ([`cache`]) saved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheUse {
    /// Sources whose extraction was reused, of [`BuildReport::sources`].
    pub sources_reused: usize,
    /// Code blocks whose highlighting was reused.
    pub blocks_reused: usize,
    /// Code blocks highlighted in this build.
    pub blocks_highlighted: usize,
}

/// What the build made of one source, for the summary and `docgen check`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SourceReport {
    /// Path under `content/`.
    pub source: String,
    /// Questions extracted (before deduplication).
    pub questions: usize,
    /// Of those, the ones the source answers.
    pub answered: usize,
    /// The structure the source was read as (`numbered-headings`, `table`,
    /// `article`, …).
    pub structure: String,
    /// How its bytes were repaired (`"windows-1252 mojibake"`,
    /// `"decoded as utf-16le"`), if they were.
    pub repaired: Option<String>,
    /// Non-blank lines kept as prose (its note page).
    pub prose_lines: usize,
    /// The block structure seen, counted.
    pub outline: extract::Outline,
    /// Pasted text that was repaired (glued tables, flattened code).
    pub pasted: Vec<extract::PasteRepair>,
}

/// Least non-blank lines for a source without questions to be worth a
/// warning: a short note of prose is expected to have none.
pub const SILENT_SOURCE_LINES: usize = 20;

/// The per-source rows of a build, and a warning for each source of at
/// least [`SILENT_SOURCE_LINES`] non-blank lines that yields no question.
fn source_reports(
    docs: &[ingest::SourceDoc],
    extracted: &[Extracted],
    warnings: &mut Vec<String>,
) -> Vec<SourceReport> {
    docs.iter()
        .zip(extracted)
        .map(|(d, x)| {
            let outline = extract::outline(&d.body);
            let row = SourceReport {
                source: d.name.clone(),
                questions: x.entries.len(),
                answered: x.entries.iter().filter(|e| e.answered()).count(),
                structure: serde_json::to_value(x.format)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                repaired: d.repair.as_ref().map(|r| match (&r.written_in, &r.mojibake_codec) {
                    (Some(legacy), _) => format!("{legacy} read as windows-1252"),
                    (None, Some(codec)) => format!("{codec} mojibake"),
                    (None, None) => format!("decoded as {}", r.decoded_as),
                }),
                prose_lines: x.article.as_ref().map_or(0, |a| {
                    a.markdown.lines().filter(|l| !l.trim().is_empty()).count()
                }),
                outline,
                pasted: x.repairs.clone(),
            };
            if row.questions == 0 && outline.lines >= SILENT_SOURCE_LINES {
                warnings.push(format!(
                    "content/{}:{}: no questions found in {} lines (saw {}); kept whole as a note page",
                    d.name, d.body_line, outline.lines, outline
                ));
            }
            row
        })
        .collect()
}

/// Every stage's output for one build, kept for commands that inspect it
/// (`check`) and for tests.
pub struct Built {
    /// The linked handbook (the model with its concept layer).
    pub linked: Linked,
    /// The concept catalog, when the project has one.
    pub catalog: Option<Catalog>,
    /// The rendered site (not yet written).
    pub site: Site,
    /// What happened.
    pub report: BuildReport,
    /// The theme the site was rendered with.
    pub theme: Theme,
    /// The base URL it was rendered for.
    pub base_url: Option<String>,
    /// Its custom domain.
    pub cname: Option<String>,
}

/// One source's cached extraction: the [`source_digest`] of what it was
/// extracted from, and what was extracted.
type Cached = ([u8; 32], Extracted);

/// SHA-256 of everything a source's extraction depends on: its front
/// matter's text, its body and its first body line, each length-prefixed
/// so that no two different sources give the same bytes. The build cache
/// keeps this instead of the text (at 100 000 questions, 165 MB less in
/// memory and on disk).
fn source_digest(d: &ingest::SourceDoc) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [d.front_matter.block.as_bytes(), d.body.as_bytes()] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.update((d.body_line as u64).to_le_bytes());
    h.finalize().into()
}

/// What `docgen serve` keeps from one build to the next, so a rebuild
/// after an edit redoes only the work that depends on what changed: each
/// source's extraction (reused while the source's text is the same) and
/// every highlighted code block (reused while the block's code is the
/// same). The stages after extraction run in full, so a rebuild gives the
/// same site as a fresh build.
pub struct Session {
    /// Source name → (its front matter's text, its body, its first body
    /// line, what was extracted).
    extracted: Mutex<HashMap<String, Cached>>,
    highlighted: HighlightCache,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            extracted: Mutex::default(),
            highlighted: HighlightCache::persistent(),
        }
    }
}

impl Session {
    /// The session the build cache of the project at `opts.root` holds
    /// ([`cache`]), for a first build that reuses what the last `docgen
    /// build` did; an empty session when there is none, or when it was
    /// written by another binary or configuration or is damaged (it is
    /// then not used, and the next `docgen build` replaces it).
    pub fn from_build_cache(opts: &BuildOptions) -> Session {
        cache::load(&opts.root, &cache_key_of(opts)).session
    }

    /// The highlighted code blocks of the last build.
    pub fn highlighted(&self) -> &HighlightCache {
        &self.highlighted
    }

    /// Extracts every source, reusing the extraction of sources whose text
    /// did not change, and forgets sources that are gone.
    fn extract(&self, docs: &[ingest::SourceDoc]) -> (Vec<Extracted>, usize) {
        let mut cache = self.extracted.lock().unwrap_or_else(|e| e.into_inner());
        let out: Vec<(Extracted, [u8; 32], bool)> = docs
            .par_iter()
            .map(|d| {
                let digest = source_digest(d);
                match cache.get(&d.name) {
                    Some((seen, x)) if *seen == digest => (x.clone(), digest, true),
                    _ => (extract_doc(d), digest, false),
                }
            })
            .collect();
        // Unchanged sources keep their cache entry; changed and new ones
        // get a fresh one; sources that are gone are forgotten.
        let mut next = HashMap::with_capacity(docs.len());
        for (d, (x, digest, hit)) in docs.iter().zip(&out) {
            let kept = if *hit { cache.remove(&d.name) } else { None };
            next.insert(d.name.clone(), kept.unwrap_or_else(|| (*digest, x.clone())));
        }
        *cache = next;
        let reused = out.iter().filter(|(_, _, hit)| *hit).count();
        (out.into_iter().map(|(x, _, _)| x).collect(), reused)
    }
}

/// Stage 2 for one ingested note: its body's questions and those its
/// front matter keeps ([`extract::extract_note`]).
pub(crate) fn extract_doc(d: &ingest::SourceDoc) -> Extracted {
    let fm = &d.front_matter;
    extract::extract_note(&d.name, &d.body, d.body_line, &fm.extra, &fm.block)
}

/// The pipeline's model stages done (ingest → extract → dedup → handbook
/// → link), ready to render; intermediate stage outputs are dropped.
struct Prepared {
    linked: Linked,
    /// The permalink map the build started from.
    permalinks: Permalinks,
    catalog: Option<Catalog>,
    theme: Theme,
    base_url: Option<String>,
    cname: Option<String>,
    /// The build's own highlighted blocks (`None`: the session's).
    highlighted: Option<HighlightCache>,
    /// Pages link the printed handbook ([`BuildOptions::pdf`]).
    pdf: bool,
    report: BuildReport,
}

impl Prepared {
    fn render_options<'a>(&'a self, session: Option<&'a Session>) -> RenderOptions<'a> {
        RenderOptions {
            theme: &self.theme,
            base_url: self.base_url.as_deref(),
            cname: self.cname.as_deref(),
            pdf: self.pdf,
            highlighted: self
                .highlighted
                .as_ref()
                .or(session.map(|s| &s.highlighted)),
        }
    }
}

/// Runs the stages up to the linked handbook, with `session`'s caches
/// when given.
fn prepare(opts: &BuildOptions, session: Option<&Session>) -> Result<Prepared> {
    prepare_with(opts, session, &NoProgress)
}

/// [`prepare`], reporting each stage to `progress`.
fn prepare_with(
    opts: &BuildOptions,
    session: Option<&Session>,
    progress: &dyn Progress,
) -> Result<Prepared> {
    if !opts.root.join("content").is_dir() {
        return Err(crate::Error::NoContent {
            root: opts.root.clone(),
        });
    }
    let config = config::load_with(&opts.root, opts.config.as_deref())?;
    if let Some(url) = &opts.base_url {
        crate::url_policy::check_base_url(url).map_err(|message| crate::Error::Config {
            path: "--base-url".into(),
            message,
        })?;
    }
    let confinement = Confinement::new(&opts.root, config.symlinks())?;
    let mut theme = Theme::load(&opts.root, &confinement)?;
    if let Some(icon) = &config.favicon {
        theme
            .set_favicon(icon)
            .map_err(|message| crate::Error::Config {
                path: opts.config_path(),
                message: format!("favicon: {message}"),
            })?;
    }
    progress.stage("read", Items::None);
    let ingested = ingest::ingest_dir(&opts.root.join("content"), &confinement)?;
    let drafts = ingested.drafts();
    let ingested = if opts.drafts {
        ingested
    } else {
        ingested.without_drafts()
    };
    if ingested.docs.is_empty() {
        return Err(crate::Error::NoNotes {
            path: opts.root.join("content"),
            drafts: if opts.drafts { 0 } else { drafts },
        });
    }
    let mut report = ingest_report(&ingested);
    report.warnings.extend(theme.warnings.iter().cloned());
    progress.stage("extract", Items::Of(ingested.docs.len() as u64));
    let mut sources_reused = 0;
    let extracted: Vec<Extracted> = match session {
        Some(s) => {
            let (x, reused) = s.extract(&ingested.docs);
            progress.advance(x.len() as u64);
            sources_reused = reused;
            x
        }
        None => ingested
            .docs
            .par_iter()
            .map(|d| {
                let x = extract_doc(d);
                progress.advance(1);
                x
            })
            .collect(),
    };
    report.per_source = source_reports(&ingested.docs, &extracted, &mut report.warnings);
    // The entries move out of `extracted` (which keeps each source's
    // format and article): one copy of the answers' text, not two.
    let mut extracted = extracted;
    let entries: Vec<Entry> = extracted
        .iter_mut()
        .flat_map(|x| std::mem::take(&mut x.entries))
        .collect();
    let permalinks = read_permalinks(&opts.root)?;
    let catalog_path = opts.root.join(CATALOG_FILE);
    let catalog = match confinement.check_file(&catalog_path) {
        _ if opts.ignore_catalog => None,
        None => concepts::load_catalog(&catalog_path)?,
        Some(reason) => {
            report
                .warnings
                .push(format!("skipped {CATALOG_FILE}: {reason}"));
            None
        }
    };
    progress.stage("deduplicate, place, link", Items::None);
    // Highlighting needs only the answers' text: it runs on the thread
    // pool while dedup and chapter placement run.
    let answers = || entries.par_iter().map(|e| e.answer.as_str());
    let (highlighted, handbook) = rayon::join(
        || match session {
            Some(s) => (None, Some(s.highlighted.refresh(answers()))),
            None => (Some(HighlightCache::warm(answers())), None),
        },
        || {
            assemble(
                &ModelInput {
                    root: &opts.root,
                    config: &config,
                    docs: &ingested.docs,
                    extracted: &extracted,
                    entries: &entries,
                    permalinks: &permalinks,
                },
                &mut report,
            )
        },
    );
    let handbook = handbook?;
    let (highlighted, blocks) = highlighted;
    let questions = entries.len();
    // The handbook holds its own copy of every answer and of what it
    // keeps of each source: the sources' text and the extracted entries
    // are freed before discovery and linking, the stages that hold the
    // most beside them.
    drop((entries, extracted, ingested));
    let (linked, discovered) = link(handbook, catalog.as_ref(), &mut report);
    if let Some((blocks_reused, blocks_highlighted)) = blocks {
        report.cache = Some(CacheUse {
            sources_reused,
            blocks_reused,
            blocks_highlighted,
        });
    }
    let catalog = discovered.or(catalog);
    report.questions = questions;
    report.entries = linked.handbook.entries.len();
    report.unanswered = linked
        .handbook
        .entries
        .iter()
        .filter(|e| !e.answered)
        .count();
    Ok(Prepared {
        linked,
        permalinks,
        catalog,
        theme,
        base_url: opts.base_url.clone().or(config.base_url.clone()),
        cname: config.cname.clone(),
        highlighted,
        pdf: opts.pdf,
        report,
    })
}

/// The permalink map of the project at `root` ([`PERMALINKS_FILE`]);
/// empty when the file does not exist.
///
/// Errors: [`crate::Error::Io`] when it exists but cannot be read,
/// [`crate::Error::Config`] naming the line when it is malformed.
fn read_permalinks(root: &std::path::Path) -> Result<Permalinks> {
    let path = root.join(PERMALINKS_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => permalinks::parse(&text).map_err(|message| crate::Error::Config {
            path: path.clone(),
            message,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Permalinks::default()),
        Err(source) => Err(crate::Error::Io { path, source }),
    }
}

/// Writes `map` to [`PERMALINKS_FILE`] under `root` when it differs from
/// what is there: into a temporary file beside it, then renamed over it,
/// so a crash leaves the old map or the new one.
fn write_permalinks(root: &std::path::Path, map: &Permalinks) -> std::io::Result<()> {
    let path = root.join(PERMALINKS_FILE);
    let text = map.to_json();
    if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    let dir = path.parent().expect("the file sits in .docgen/");
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::other(
            ".docgen is a symbolic link; docgen writes only inside the project",
        ));
    }
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".permalinks.json.{}.tmp", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, &path)
}

/// The build cache's key for `opts` ([`cache::cache_key`] of its
/// configuration file's text; empty without one).
fn cache_key_of(opts: &BuildOptions) -> String {
    cache::cache_key(&std::fs::read_to_string(opts.config_path()).unwrap_or_default())
}

/// What the model stages read.
struct ModelInput<'a> {
    root: &'a std::path::Path,
    config: &'a config::Config,
    docs: &'a [ingest::SourceDoc],
    extracted: &'a [Extracted],
    entries: &'a [Entry],
    permalinks: &'a Permalinks,
}

/// Dedup → handbook: the extracted entries become the handbook, in
/// chapters. Warnings (skipped empty questions) go to `report`.
///
/// Errors: [`crate::Error::Config`] for a bad `dedup:` setting or a
/// `chapters:` entry that names no source or question.
fn assemble(input: &ModelInput, report: &mut BuildReport) -> Result<Handbook> {
    let config_path = input.root.join(config::CONFIG_FILE);
    // The catalog's aliases are not given to dedup: a concept groups
    // topics ("Trie", "Linked list" are both data structures), and
    // folding them would merge different questions.
    let dedup_opts = dedup::DedupOptions::from_config(&input.config.dedup, &config_path)?;
    let clustering =
        dedup::cluster(input.entries, &dedup_opts).map_err(|e| crate::Error::Config {
            path: config_path.clone(),
            message: e.to_string(),
        })?;
    for &i in &clustering.skipped {
        let e = &input.entries[i];
        report.warnings.push(format!(
            "content/{}:{}: empty question skipped",
            e.source, e.line
        ));
    }
    handbook::pinned::check(input.config, input.docs, input.entries).map_err(|message| {
        crate::Error::Config {
            path: config_path.clone(),
            message,
        }
    })?;
    Ok(handbook::assemble(&AssembleInput {
        config: input.config,
        docs: input.docs,
        extracted: input.extracted,
        entries: input.entries,
        clustering: &clustering,
        permalinks: input.permalinks,
    }))
}

/// Handbook → linked handbook, with `catalog`'s concepts or, without one
/// (or with `discover: true`), the concepts discovered in the notes, which
/// are then returned too.
fn link(
    handbook: Handbook,
    catalog: Option<&Catalog>,
    report: &mut BuildReport,
) -> (Linked, Option<Catalog>) {
    match catalog {
        Some(c) if !c.discover => (concepts::link(handbook, c), None),
        catalog => {
            let start = Instant::now();
            let discovered = concepts::discover::discover(&handbook);
            let discovered = match catalog {
                Some(c) => c.with_discovered(&discovered),
                None => discovered,
            };
            report.discover_ms = start.elapsed().as_millis();
            let (linked, discovered) = concepts::link_discovered(handbook, discovered);
            report.concepts_discovered =
                discovered.concepts.iter().filter(|c| c.discovered).count();
            (linked, Some(discovered))
        }
    }
}

/// The report's ingest part: sources, skipped files, repairs.
fn ingest_report(ingested: &ingest::Ingested) -> BuildReport {
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
    report
}

/// Runs the pipeline up to a rendered site, without writing anything.
///
/// Errors: any stage's error (unreadable files, malformed front matter or
/// configuration, template errors), each naming its file and line.
pub fn build_site(opts: &BuildOptions) -> Result<Built> {
    build_site_with(opts, None)
}

/// [`build_site`] reusing and refreshing `session`'s caches (`docgen
/// serve` keeps one session for all its rebuilds). The site is the same
/// as without a session.
///
/// Errors: those of [`build_site`].
pub fn build_site_in(opts: &BuildOptions, session: &Session) -> Result<Built> {
    build_site_with(opts, Some(session))
}

fn build_site_with(opts: &BuildOptions, session: Option<&Session>) -> Result<Built> {
    let start = Instant::now();
    let prepared = prepare(opts, session)?;
    let site = render::render(&prepared.linked, &prepared.render_options(session))?;
    let mut report = prepared.report;
    report.elapsed_ms = start.elapsed().as_millis();
    Ok(Built {
        linked: prepared.linked,
        catalog: prepared.catalog,
        site,
        report,
        theme: prepared.theme,
        base_url: prepared.base_url,
        cname: prepared.cname,
    })
}

/// Builds the site and writes it to `opts.output` atomically. Files are
/// written as they are rendered (into a temporary directory swapped in at
/// the end), so the whole site is never held in memory. A printed handbook
/// ([`paths::PDF`]) in the previous output is kept, and linked.
///
/// Errors: [`crate::Error::Output`] when the output may not be written
/// ([`output::check_target`], checked before anything else runs); those of
/// [`build_site`] and of [`output::Staging`].
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_with(opts, &NoProgress)
}

/// [`build`], reporting its stages and the files written to `progress`.
///
/// Errors: those of [`build`].
pub fn build_with(opts: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let start = Instant::now();
    output::check_target(&opts.root, &opts.output, opts.force)?;
    // The build cache: a session read from disk, written back after the
    // site is.
    let cached = opts.cache.then(|| {
        let key = cache_key_of(opts);
        (cache::load(&opts.root, &key), key)
    });
    let session = cached.as_ref().map(|(loaded, _)| &loaded.session);
    let mut prepared = prepare_with(opts, session, progress)?;
    if let Some(w) = cached.as_ref().and_then(|(l, _)| l.warning.clone()) {
        prepared.report.warnings.insert(0, w);
    }
    let mut staging = output::Staging::new(&opts.output)?;
    let pdf = output::previous_file(&opts.output, paths::PDF)?;
    if let Some(bytes) = pdf {
        staging.put(paths::PDF.to_string(), bytes)?;
        prepared.pdf = true;
    }
    progress.stage("write", Items::Open);
    // Files are written by a thread of their own while rendering goes on.
    crate::site::in_background(&mut staging, |sink| {
        render::render_into(
            &prepared.linked,
            &prepared.render_options(session),
            &mut Counting {
                inner: sink,
                progress,
            },
        )
    })?;
    progress.stage("finish", Items::None);
    staging.finish()?;
    let mut report = prepared.report;
    let map = permalinks::record(&prepared.linked.handbook.entries, &prepared.permalinks);
    if let Err(e) = write_permalinks(&opts.root, &map) {
        report.warnings.push(format!(
            "{PERMALINKS_FILE} not updated ({e}): entries may change URL in the next build"
        ));
    }
    if let Some((loaded, key)) = &cached
        && let Err(e) = cache::save(&opts.root, &loaded.session, key)
    {
        report.warnings.push(format!(
            "{} not written ({e}): the next build starts cold",
            cache::CACHE_FILE
        ));
    }
    report.elapsed_ms = start.elapsed().as_millis();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(block: &str, body: &str, line: usize) -> ingest::SourceDoc {
        ingest::SourceDoc {
            name: "a.md".into(),
            path: "a.md".into(),
            body: body.into(),
            body_line: line,
            front_matter: ingest::FrontMatter {
                block: block.into(),
                ..Default::default()
            },
            repair: None,
        }
    }

    #[test]
    fn a_source_digest_changes_with_anything_extraction_reads() {
        let base = source_digest(&doc("title: A", "## Q?\nA.", 3));
        assert_eq!(base, source_digest(&doc("title: A", "## Q?\nA.", 3)));
        for other in [
            doc("title: B", "## Q?\nA.", 3),
            doc("title: A", "## Q?\nB.", 3),
            doc("title: A", "## Q?\nA.", 4),
            // The same bytes split differently between front matter and body.
            doc("title: A#", "# Q?\nA.", 3),
            doc("", "title: A## Q?\nA.", 3),
        ] {
            assert_ne!(base, source_digest(&other));
        }
    }
}

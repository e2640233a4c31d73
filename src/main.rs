//! The `docgen` command line: a thin shell over the library. It parses
//! flags (clap), calls [`docgen::pipeline`], prints a summary on stderr and
//! turns errors into a message with the whole cause chain and exit code 1.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::io::Write;

use docgen::pipeline::{self, BuildOptions, BuildReport};
use docgen::serve::{Preview, ServeOptions};

/// mimalloc instead of the system allocator: a build allocates millions of
/// small strings across the thread pool, and glibc's per-thread arenas keep
/// freed memory they cannot hand to other threads (measured at 100 000
/// questions in BENCHMARKS.md). Built with its `no_thp` feature: mimalloc
/// then does not `madvise` its arenas into transparent huge pages, which on
/// a kernel in `madvise` mode made every touched 2 MiB of an arena resident
/// (peak resident memory at 10 000 questions 279 → 245 MiB, at 100 000 on
/// 16 threads 1 741 → 1 565 MiB, with no change in time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns interview-prep notes into one clean, searchable HTML handbook.
#[derive(Debug, Parser)]
#[command(name = "docgen", version, about)]
struct Cli {
    /// The handbook project directory (holds content/, docgen.yaml).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// The configuration file (default: docgen.yaml in the root).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Include notes marked `draft: true` in their front matter.
    #[arg(long, global = true)]
    drafts: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start a new handbook project in DIR: docgen.yaml, two example
    /// notes under content/, a .gitignore.
    Init {
        /// The folder to create (or an empty one).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Remove the built site (public/, or --output) and what a killed
    /// build left beside it.
    Clean {
        /// The output folder (default: public/ under the root).
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// List the concepts docgen discovers in the notes, with the evidence
    /// for each; with --write, save them as a catalog to edit.
    Concepts {
        /// Write the discovered concepts as YAML to FILE (default:
        /// content/concepts.yaml), which builds then use instead of
        /// discovering.
        #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "content/concepts.yaml")]
        write: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Build the handbook from content/ into public/.
    Build {
        /// Output directory (default: public/ under the root).
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// The URL the site is published at (overrides docgen.yaml's base_url).
        #[arg(short = 'u', long, value_name = "URL")]
        base_url: Option<String>,
        /// Replace the output directory even if docgen did not write it
        /// (it is never allowed to be the project, content/, templates/ or static/).
        #[arg(long)]
        force: bool,
        /// Open the built handbook in the default browser.
        #[arg(long)]
        open: bool,
        /// Build cold: neither read nor write the build cache
        /// (.docgen/cache/build.bin, which keeps each source's extraction
        /// and the highlighted code blocks between builds).
        #[arg(long)]
        no_cache: bool,
    },
    /// Build without writing and verify every internal link and anchor;
    /// also list source problems (unanswered questions, repairs, …).
    Check {
        /// The URL the site will be published at (links are checked under its path).
        #[arg(short = 'u', long, value_name = "URL")]
        base_url: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Also fetch every external (http/https) link: 2 requests at once
        /// per host, good answers cached for a day in .docgen/cache/.
        #[arg(long)]
        external: bool,
        /// Longest one external request may take, in seconds.
        #[arg(long, default_value_t = 10, value_name = "SECS", requires = "external")]
        timeout: u64,
    },
    /// Print the handbook to a PDF with an installed Chromium or Chrome.
    Pdf {
        /// Where to write the PDF, relative to the project root (default:
        /// public/handbook.pdf, written with the site, which then links it).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The browser binary (default: DOCGEN_BROWSER, then chromium/chrome on PATH).
        #[arg(long, value_name = "PATH")]
        browser: Option<PathBuf>,
    },
    /// Build, serve on 127.0.0.1 and rebuild + live-reload on every change.
    Serve {
        /// Port to listen on (0 picks a free one).
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// Interface to bind (only loopback unless you ask).
        #[arg(short, long, default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        /// Open the handbook in the default browser.
        #[arg(short = 'O', long)]
        open: bool,
        /// Also write each successful build to this directory.
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// With --output: replace that directory even if docgen did not write it.
        #[arg(long, requires = "output")]
        force: bool,
        /// Base URL for canonical links (normally left unset in preview).
        #[arg(short = 'u', long, value_name = "URL")]
        base_url: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

/// The build's progress on a terminal (indicatif): nothing for the first
/// second, then one line with the stage and its count, removed when the
/// build ends. Nothing at all when stderr is not a terminal or with `-q`.
struct ProgressLine {
    bar: indicatif::ProgressBar,
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// How long a build runs before its progress line appears.
const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

impl ProgressLine {
    fn start(quiet: bool) -> Self {
        use std::io::IsTerminal;
        use std::sync::atomic::Ordering;
        let bar = indicatif::ProgressBar::hidden();
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        if !quiet && std::io::stderr().is_terminal() {
            let (bar, done) = (bar.clone(), std::sync::Arc::clone(&done));
            std::thread::spawn(move || {
                let start = std::time::Instant::now();
                while start.elapsed() < PROGRESS_AFTER {
                    if done.load(Ordering::Acquire) {
                        return;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                if !done.load(Ordering::Acquire) {
                    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(std::time::Duration::from_millis(120));
                }
            });
        }
        ProgressLine { bar, done }
    }

    fn finish(&self) {
        self.done.store(true, std::sync::atomic::Ordering::Release);
        self.bar.finish_and_clear();
    }
}

impl pipeline::Progress for ProgressLine {
    fn stage(&self, name: &'static str, items: pipeline::Items) {
        // The stage's name is part of the template, so one `set_style`
        // switches name and layout together (the ticking thread may draw
        // between two calls).
        let (layout, total) = match items {
            pipeline::Items::Of(n) => (" [{bar:30}] {pos}/{len}", n),
            pipeline::Items::Open => (" {pos} files", 0),
            pipeline::Items::None => ("", 0),
        };
        let template = format!("{{spinner}} {name:>26}{layout}");
        self.bar.set_length(total);
        self.bar.set_position(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
            self.bar.set_style(style.progress_chars("=> "));
        }
    }

    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Init { dir } => {
            let written = docgen::init::init(dir)?;
            if !cli.quiet {
                for f in &written {
                    eprintln!("wrote {}", f.display());
                }
                eprintln!("Next: docgen --root {} serve --open", dir.display());
            }
            Ok(())
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(
                *shell,
                &mut Cli::command(),
                "docgen",
                &mut std::io::stdout(),
            );
            Ok(())
        }
        Command::Concepts { write, force } => concepts(cli, write.as_deref(), *force),
        Command::Clean { output } => {
            let out = output.clone().unwrap_or_else(|| cli.root.join("public"));
            let removed = docgen::site::output::clean(&cli.root, &out)?;
            let leftovers = pipeline::cache::remove_leftovers(&cli.root)
                .with_context(|| format!("cleaning {}", cli.root.display()))?;
            if !cli.quiet {
                eprintln!("removed {removed} folder(s)");
                if leftovers > 0 {
                    eprintln!("removed {leftovers} unfinished build cache file(s)");
                }
            }
            Ok(())
        }
        Command::Build {
            output,
            base_url,
            force,
            open,
            no_cache,
        } => {
            let mut opts = options(cli);
            opts.cache = !*no_cache;
            if let Some(o) = output {
                opts.output = o.clone();
            }
            opts.base_url = base_url.clone();
            opts.force = *force;
            let bar = ProgressLine::start(cli.quiet);
            let report = pipeline::build_with(&opts, &bar);
            bar.finish();
            let report = report.with_context(|| format!("building {}", cli.root.display()))?;
            if !cli.quiet {
                print_summary(&report, &opts);
            }
            if *open {
                let index = opts.output.join("index.html");
                if let Err(e) = opener::open(&index) {
                    eprintln!("warning: could not open a browser: {e}");
                }
            }
            Ok(())
        }
        Command::Check {
            base_url,
            format,
            external,
            timeout,
        } => {
            let external = external.then(|| docgen::check::external::ExternalOptions {
                timeout: std::time::Duration::from_secs(*timeout),
                cache: Some(cli.root.join(docgen::check::external::CACHE_FILE)),
                ..Default::default()
            });
            check(cli, base_url.clone(), *format, external)
        }
        Command::Pdf { output, browser } => {
            let opts = docgen::pdf::PdfOptions {
                build: options(cli),
                output: output.clone(),
                browser: browser.clone(),
            };
            let printed = docgen::pdf::make_pdf(&opts).context("printing the handbook")?;
            if !cli.quiet {
                let site = if printed.with_site {
                    " with the site, which links it"
                } else {
                    ""
                };
                eprintln!(
                    "Wrote {} ({} KiB){site}",
                    printed.path.display(),
                    printed.bytes / 1024
                );
            }
            Ok(())
        }
        Command::Serve {
            port,
            interface,
            open,
            output,
            force,
            base_url,
        } => {
            let mut build = options(cli);
            build.base_url = base_url.clone();
            build.force = *force;
            if let Some(o) = output {
                build.output = o.clone();
            }
            serve(ServeOptions {
                build,
                interface: *interface,
                port: *port,
                open: *open,
                write_output: output.is_some(),
            })
        }
    }
}

/// The build options of the project the command line names.
/// `docgen concepts`: lists the discovered concepts, or writes them as a
/// catalog (a relative FILE is under the root).
fn concepts(cli: &Cli, write: Option<&std::path::Path>, force: bool) -> anyhow::Result<()> {
    let catalog = pipeline::discover_concepts(&options(cli))
        .with_context(|| format!("discovering concepts in {}", cli.root.display()))?;
    let Some(file) = write else {
        for c in &catalog.concepts {
            println!("{}", c.name);
            println!("    aliases: {}", c.aliases.join(", "));
            if let Some(e) = &c.evidence {
                println!("    {e}");
            }
        }
        if !cli.quiet {
            eprintln!("{} concept(s) discovered", catalog.concepts.len());
        }
        return Ok(());
    };
    let path = if file.is_absolute() {
        file.to_path_buf()
    } else {
        cli.root.join(file)
    };
    anyhow::ensure!(
        force || !path.exists(),
        "{} exists: pass --force to replace it",
        path.display()
    );
    let yaml = serde_yaml::to_string(&catalog).context("writing the catalog as YAML")?;
    std::fs::write(
        &path,
        format!("{}{yaml}", pipeline::DISCOVERED_CATALOG_HEADER),
    )
    .with_context(|| format!("writing {}", path.display()))?;
    if !cli.quiet {
        eprintln!(
            "wrote {} concept(s) to {}",
            catalog.concepts.len(),
            path.display()
        );
    }
    Ok(())
}

fn options(cli: &Cli) -> BuildOptions {
    let mut opts = BuildOptions::new(&cli.root);
    opts.config = cli.config.clone();
    opts.drafts = cli.drafts;
    opts
}

fn check(
    cli: &Cli,
    base_url: Option<String>,
    format: ReportFormat,
    external: Option<docgen::check::external::ExternalOptions>,
) -> anyhow::Result<()> {
    let mut opts = options(cli);
    opts.base_url = base_url;
    let built =
        pipeline::build_site(&opts).with_context(|| format!("building {}", cli.root.display()))?;
    let base_url =
        opts.base_url
            .clone()
            .or(docgen::config::load_with(&cli.root, cli.config.as_deref())?.base_url);
    let base = base_url
        .as_deref()
        .map(docgen::render::base_path)
        .unwrap_or_else(|| "/".into());
    let mut report = docgen::check::run_checks(&built, &base);
    if let Some(external) = external {
        use docgen::check::external::{check_external, external_urls};
        let urls = external_urls(&built.site, base_url.as_deref());
        let (links, warnings) = check_external(&urls, &external);
        report.warnings.extend(warnings);
        report.external_links = Some(links);
    }
    match format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        ReportFormat::Text => print_check(&report),
    }
    if report.passed() {
        Ok(())
    } else {
        let external = report
            .external_links
            .as_ref()
            .map_or(0, |l| l.iter().filter(|l| !l.ok()).count());
        anyhow::bail!(
            "{} broken link(s), {external} broken external link(s)",
            report.broken_links.len()
        )
    }
}

fn print_check(r: &docgen::check::CheckReport) {
    for b in &r.broken_links {
        println!(
            "broken link: {} → {} ({}: {})",
            b.page, b.link, b.reason, b.target
        );
    }
    for b in &r.outside_links {
        println!(
            "outside the handbook: {} → {} (a link to another file of the notes' own repository)",
            b.page, b.link
        );
    }
    if let Some(links) = &r.external_links {
        for l in links.iter().filter(|l| !l.ok()) {
            let why = match (&l.status, &l.error) {
                (Some(s), _) => format!("HTTP {s}"),
                (None, Some(e)) => e.clone(),
                (None, None) => "no answer".into(),
            };
            println!(
                "broken external link: {} → {} ({why})",
                l.pages.join(", "),
                l.url
            );
        }
        println!(
            "{} external link(s) checked, {} broken, {} answered from the cache",
            links.len(),
            links.iter().filter(|l| !l.ok()).count(),
            links.iter().filter(|l| l.cached).count()
        );
    }
    for w in &r.warnings {
        println!("warning: {w}");
    }
    for s in &r.empty_sources {
        println!("empty source: content/{s} (no questions, no article)");
    }
    for s in &r.repaired {
        println!("repaired: content/{s}");
    }
    if !r.discovered_concepts.is_empty() {
        println!(
            "{} concept(s) discovered in the notes (no content/concepts.yaml; `docgen concepts --write` makes one to edit):",
            r.discovered_concepts.len()
        );
        for c in &r.discovered_concepts {
            println!("  {}: {}", c.name, c.evidence);
        }
    }
    for s in &r.sources {
        for p in &s.pasted {
            println!(
                "repaired paste: content/{}:{}: {}",
                s.source, p.line, p.detail
            );
        }
    }
    println!("{} merged entr(y/ies):", r.duplicates.merged.len());
    for c in &r.duplicates.merged {
        println!("  {}", c.entry);
        for p in &c.pairs {
            println!("    {:.2}  {}  ≈  {}  ({})", p.score, p.a, p.b, p.reason);
        }
    }
    println!(
        "{} near miss(es), kept apart:",
        r.duplicates.near_misses.len()
    );
    for p in &r.duplicates.near_misses {
        println!("  {:.2}  {}  ≠  {}  ({})", p.score, p.a, p.b, p.reason);
    }
    if !r.concept_suggestions.is_empty() {
        println!(
            "{} term(s) the concept catalog may be missing:",
            r.concept_suggestions.len()
        );
        for s in &r.concept_suggestions {
            println!(
                "  {:<28} {}, {} time(s) in {}",
                s.term,
                format!("{:?}", s.kind).to_lowercase(),
                s.count,
                s.sources.join(", ")
            );
        }
    }
    println!("{} unanswered question(s):", r.unanswered.len());
    for u in &r.unanswered {
        println!("  content/{}:{}: {}", u.source, u.line, u.question);
    }
    println!(
        "{}",
        if r.passed() {
            "check passed: every internal link and anchor resolves"
        } else {
            "check FAILED"
        }
    );
}

fn serve(opts: ServeOptions) -> anyhow::Result<()> {
    if !opts.interface.is_loopback() {
        eprintln!(
            "warning: serving on {}, reachable from other machines; the preview is not meant for that",
            opts.interface
        );
    }
    let open = opts.open;
    let preview = Preview::start(opts).context("starting the preview server")?;
    let lock = std::sync::Arc::clone(&preview.build_lock);
    ctrlc::set_handler(move || {
        // Wait for a rebuild in progress, so its temporary directory is
        // cleaned up, then leave.
        let _held = lock.lock();
        eprintln!("stopped");
        std::process::exit(0);
    })
    .context("installing the Ctrl-C handler")?;
    let url = preview.url();
    println!("Serving the handbook at {url} (Ctrl-C to stop)");
    let _ = std::io::stdout().flush();
    if open && let Err(e) = opener::open(&url) {
        eprintln!("warning: could not open a browser: {e}");
    }
    preview.watch(&mut std::io::stderr())?;
    Ok(())
}

/// Most sources listed one line each in the summary; a larger handbook
/// lists only those with a warning (`docgen check --format json` has all).
const LISTED_SOURCES: usize = 30;

fn print_summary(r: &BuildReport, opts: &BuildOptions) {
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    if r.per_source.len() <= LISTED_SOURCES {
        for s in &r.per_source {
            let mut line = format!(
                "  content/{}: {} question(s), {} answered, read as {}",
                s.source, s.questions, s.answered, s.structure
            );
            if let Some(rep) = &s.repaired {
                line.push_str(&format!(", repaired ({rep})"));
            }
            if s.prose_lines > 0 {
                line.push_str(&format!(", {} prose line(s) kept", s.prose_lines));
            }
            eprintln!("{line}");
        }
    } else {
        eprintln!(
            "  {} sources (`docgen check --format json` lists each one's figures)",
            r.per_source.len()
        );
    }
    for (name, rep) in &r.repaired {
        let how = match (&rep.written_in, &rep.mojibake_codec) {
            (Some(legacy), _) => format!(
                "text written in {legacy} and read as windows-1252: {} run(s) restored",
                rep.sequences_repaired
            ),
            (None, codec) => match codec {
                Some(codec) => format!(
                    "{} mojibake sequence(s) restored (UTF-8 read as {codec})",
                    rep.sequences_repaired
                ),
                None => format!("decoded as {}", rep.decoded_as),
            },
        };
        eprintln!("repaired content/{name}: {how}");
    }
    let discovered = if r.concepts_discovered > 0 {
        format!(
            ", {} concepts discovered ({} ms)",
            r.concepts_discovered, r.discover_ms
        )
    } else {
        String::new()
    };
    eprintln!(
        "Built {} in {} ms: {} sources, {} repaired, {} questions → {} entries, {} unanswered{discovered}",
        opts.output.display(),
        r.elapsed_ms,
        r.sources,
        r.repaired.len(),
        r.questions,
        r.entries,
        r.unanswered,
    );
    if let Some(c) = r.cache {
        eprintln!(
            "  build cache: {} of {} sources' extraction and {} of {} code blocks reused",
            c.sources_reused,
            r.sources,
            c.blocks_reused,
            c.blocks_reused + c.blocks_highlighted
        );
    }
}

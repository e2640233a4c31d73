//! The `docgen` command line: a thin shell over the library. It parses
//! flags (clap), calls [`docgen::build`], prints a summary on stderr and
//! turns errors into a message with the whole cause chain and exit code 1.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::io::Write;

use docgen::build::{self, BuildOptions, BuildReport};
use docgen::serve::{Preview, ServeOptions};

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
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the handbook from content/ into public/.
    Build {
        /// Output directory (default: public/ under the root).
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// The URL the site is published at (overrides docgen.yaml's base_url).
        #[arg(short = 'u', long, value_name = "URL")]
        base_url: Option<String>,
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
        /// Base URL for canonical links (normally left unset in preview).
        #[arg(short = 'u', long, value_name = "URL")]
        base_url: Option<String>,
    },
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
        Command::Build { output, base_url } => {
            let mut opts = BuildOptions::new(&cli.root);
            if let Some(o) = output {
                opts.output = o.clone();
            }
            opts.base_url = base_url.clone();
            let report =
                build::build(&opts).with_context(|| format!("building {}", cli.root.display()))?;
            if !cli.quiet {
                print_summary(&report, &opts);
            }
            Ok(())
        }
        Command::Serve {
            port,
            interface,
            open,
            output,
            base_url,
        } => {
            let mut build = BuildOptions::new(&cli.root);
            build.base_url = base_url.clone();
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

fn serve(opts: ServeOptions) -> anyhow::Result<()> {
    if !opts.interface.is_loopback() {
        eprintln!(
            "warning: serving on {}, reachable from other machines; the preview is not meant for that",
            opts.interface
        );
    }
    let open = opts.open;
    let preview = Preview::start(opts).context("starting the preview server")?;
    let url = preview.url();
    println!("Serving the handbook at {url} (Ctrl-C to stop)");
    let _ = std::io::stdout().flush();
    let lock = std::sync::Arc::clone(&preview.build_lock);
    ctrlc::set_handler(move || {
        // Wait for a rebuild in progress, so its temporary directory is
        // cleaned up, then leave.
        let _held = lock.lock();
        eprintln!("stopped");
        std::process::exit(0);
    })
    .context("installing the Ctrl-C handler")?;
    if open && let Err(e) = opener::open(&url) {
        eprintln!("warning: could not open a browser: {e}");
    }
    preview.watch(&mut std::io::stderr())?;
    Ok(())
}

fn print_summary(r: &BuildReport, opts: &BuildOptions) {
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    for (name, rep) in &r.repaired {
        let how = match &rep.mojibake_codec {
            Some(codec) => format!(
                "{} mojibake sequence(s) restored (UTF-8 read as {codec})",
                rep.sequences_repaired
            ),
            None => format!("decoded as {}", rep.decoded_as),
        };
        eprintln!("repaired content/{name}: {how}");
    }
    eprintln!(
        "Built {} in {} ms: {} sources, {} repaired, {} questions → {} entries, {} unanswered",
        opts.output.display(),
        r.elapsed_ms,
        r.sources,
        r.repaired.len(),
        r.questions,
        r.entries,
        r.unanswered,
    );
}

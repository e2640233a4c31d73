//! The `docgen` command line: a thin shell over the library. It parses
//! flags (clap), calls [`docgen::build`], prints a summary on stderr and
//! turns errors into a message with the whole cause chain and exit code 1.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use docgen::build::{self, BuildOptions, BuildReport};

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
            let report = build::build(&opts)
                .with_context(|| format!("building {}", cli.root.display()))?;
            if !cli.quiet {
                print_summary(&report, &opts);
            }
            Ok(())
        }
    }
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

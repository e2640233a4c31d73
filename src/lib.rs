//! docgen turns a pile of interview-preparation notes into one clean,
//! searchable HTML handbook.
//!
//! The library is a pipeline of stages, each in its own module and each
//! handing its own type to the next, so the compiler enforces the order:
//!
//! ```text
//! content/ ──ingest──▶ SourceDoc ──extract──▶ Extracted ──dedup──▶ Cluster
//!          ──handbook──▶ Handbook ──link──▶ Handbook ──render──▶ Site ──output──▶ public/
//! ```
//!
//! `build` wires the stages together; `main.rs` is a thin command-line shell
//! around it. See `ARCHITECTURE.md` for the map of the code.

pub mod build;
pub mod chapters;
pub mod check;
pub mod concepts;
pub mod config;
pub mod dedup;
pub mod error;
pub mod extract;
pub mod fragment_links;
pub mod handbook;
pub mod ingest;
pub mod init;
pub mod markup;
pub mod output;
pub mod pdf;
pub mod preview;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod tokens;
pub mod url_policy;
pub mod walk;
pub mod yaml_guard;

pub use error::{Error, Result};

/// The markdown dialect of answers: the pulldown-cmark extensions docgen
/// renders with (tables, footnotes, strikethrough, task lists, heading
/// attributes, and GitHub's alert blocks `> [!NOTE]`, which Obsidian's
/// callouts share). Every stage that parses answers uses this one set, so
/// they all see the same block structure.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

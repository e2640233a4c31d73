//! docgen turns a pile of interview-preparation notes into one clean,
//! searchable HTML handbook.
//!
//! The library is a pipeline of stages, each in its own module and each
//! handing its own type to the next, so the compiler enforces the order:
//!
//! ```text
//! content/ ──ingest──▶ SourceDoc ──extract──▶ Extracted ──dedup──▶ Cluster
//!          ──handbook──▶ Handbook ──link──▶ Linked ──render──▶ Site ──site::output──▶ public/
//! ```
//!
//! `pipeline` wires the stages together; `main.rs` is a thin command-line shell
//! around it. See `ARCHITECTURE.md` for the map of the code.

#![warn(missing_docs)]

pub mod check;
pub mod concepts;
pub mod config;
pub mod dedup;
pub mod error;
pub mod extract;
pub mod handbook;
pub mod ingest;
pub mod init;
pub mod model;
pub mod pdf;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod text;
pub mod theme;
pub mod url_policy;
pub mod walk;
pub mod yaml_guard;

pub use error::{Error, Result};

//! Concepts: cross-linking the handbook through the ideas it discusses.
//!
//! A reader on "What is the GIL?" should see that the GIL exists because of
//! reference counting, that it is why threads do not speed up CPU-bound
//! code, and that multiprocessing is the way around it. docgen finds those
//! links itself, from a hand-written catalog of concepts
//! (`content/concepts.yaml`) and the text of the notes:
//!
//! ```text
//! concepts.yaml ──parse_catalog──▶ Catalog ──Linker::new──▶ Linker
//! entries ──analyze(catalog, linker)──▶ ConceptIndex
//!            about / mentions / backlinks / relations / related questions
//! Handbook ──link(catalog)──▶ Linked    (the handbook with its concept layer)
//! ```
//!
//! | module | why it exists |
//! | --- | --- |
//! | [`catalog`] | strict parsing and checking of the hand-written catalog |
//! | [`variants`] | plural and hyphen forms, so aliases are written once |
//! | [`linker`] | one Aho–Corasick pass finds every alias, with word and case rules |
//! | [`markdown`] | skips code, links and headings, where a term is not a reference |
//! | [`apply`] | the link stage: `Handbook` → `Linked` (concepts, links, related questions, the map's graph) |
//! | [`analysis`] | assembles the per-entry and per-concept index |
//! | [`cooccurrence`] | concept relations from notes, scored with NPMI |
//! | [`discover`] | a catalog found in the notes when there is no `concepts.yaml` |
//!
//! Concepts are referred to by their index in [`Catalog::concepts`] and
//! entries by their index in the slice given to [`analyze`]; the caller
//! maps indices back to ids and slugs. Related questions by shared
//! concepts live with the rest of related questions, in
//! `handbook::related`; the map is drawn by `render::concept_map`.

pub mod analysis;
pub mod apply;
pub mod catalog;
pub mod cooccurrence;
pub mod definitions;
pub mod discover;
pub mod linker;
pub mod markdown;
pub mod variants;

pub use analysis::{
    AnalyzeOptions, CoOccurrence, ConceptIndex, ConceptUse, EntryConcepts, EntryText, RelatedEntry,
    Relation, analyze, analyze_with,
};
pub use apply::{concept_graph, link, link_discovered};
pub use catalog::{Catalog, Concept, load_catalog, parse_catalog};
pub use linker::{Linker, Mention};

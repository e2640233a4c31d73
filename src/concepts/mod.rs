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
//! ConceptIndex ──concept_map_svg──▶ SVG map
//! notes ──suggest(linker)──▶ terms the catalog lacks (docgen check)
//! ```
//!
//! | module | why it exists |
//! | --- | --- |
//! | [`catalog`] | strict parsing and checking of the hand-written catalog |
//! | [`variants`] | plural and hyphen forms, so aliases are written once |
//! | [`linker`] | one Aho–Corasick pass finds every alias, with word and case rules |
//! | [`markdown`] | skips code, links and headings, where a term is not a reference |
//! | [`apply`] | the link stage: writes concepts, links and related questions into the handbook |
//! | [`analysis`] | assembles the per-entry and per-concept index |
//! | [`cooccurrence`] | concept relations from notes, scored with NPMI |
//! | [`related`] | related questions by IDF-weighted concept and title overlap |
//! | [`layout`] | deterministic force-directed layout without label overlaps |
//! | [`svg`] | the concept map as static, linked SVG |
//! | [`mod@suggest`] | acronyms, dunders and phrases the catalog is missing |
//!
//! Concepts are referred to by their index in [`Catalog::concepts`] and
//! entries by their index in the slice given to [`analyze`]; the caller
//! maps indices back to ids and slugs.

pub mod analysis;
pub mod apply;
pub mod catalog;
pub mod cooccurrence;
pub mod discover;
pub mod layout;
pub mod linker;
pub mod markdown;
pub mod related;
pub mod suggest;
pub mod svg;
pub mod variants;

pub use analysis::{
    AnalyzeOptions, CoOccurrence, ConceptIndex, ConceptUse, EntryConcepts, EntryText, RelatedEntry,
    Relation, analyze, analyze_with,
};
pub use apply::link;
pub use catalog::{Catalog, Concept, load_catalog, parse_catalog};
pub use layout::NodeBox;
pub use linker::{Linker, Mention};
pub use suggest::{SuggestOptions, Suggestion, SuggestionKind, suggest, suggest_with};
pub use svg::{MapOptions, concept_map_layout, concept_map_svg, concept_map_svg_with};

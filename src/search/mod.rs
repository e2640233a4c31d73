//! The client-side search index: a compact, precomputed artefact, separate
//! from `handbook.json`, emitted as scripts (not fetched JSON) so search
//! works when the handbook is opened from disk (`file://`), where browsers
//! refuse `fetch`. `static/search.js` loads it on the first use of the
//! search box, never on page view.
//!
//! # What is indexed
//!
//! One document per handbook entry (entries are deduplicated, so one result
//! per question), with five fields: title, other phrasings, the names and
//! aliases of the entry's concepts, answer text, chapter title. Words are
//! normalised by [`text`] (the browser mirrors it); each (term, document)
//! pair carries a precomputed BM25F weight ([`score`]). Concept names and
//! aliases also form a synonym table, used by the browser in both
//! directions ("GIL" ↔ "global interpreter lock").
//!
//! # Format (version [`emit::FORMAT_VERSION`])
//!
//! `search-index.js` sets `window.DOCGEN_SEARCH` to
//!
//! ```text
//! { v:  1,                     format version
//!   n:  number of documents,
//!   ch: [chapter title, …],
//!   pg: [page path, …],        e.g. "chapters/gil.html"
//!   syn: [[phrase key, …], …], synonym groups (text::phrase_key forms)
//!   tk: {first char: shard},   empty when there is one term shard
//!   ts: [term shard | null],   null: in search-index/t<i>.js
//!   dc: documents per chunk,
//!   ds: [doc chunk | null],    null: in search-index/d<i>.js
//!   pf: [part key, …] }        parts to fetch on first use ("d0", "t3", …)
//! term shard = { t: [term, …] sorted, p: [postings, …] }
//! doc        = [title, chapter, page, fragment, excerpt, [phrasing, …]?]
//! ```
//!
//! A posting list is a string of base-32 digits (see
//! [`emit::encode_list`]): document-number gaps and quantised impacts,
//! alternating; three characters per posting is typical.
//!
//! # Shards
//!
//! When the single file would exceed [`IndexOptions::shard_bytes`], the
//! index is split into parts and `search-index.js` keeps only the tables
//! above:
//!
//! * **term shards** `search-index/t<i>.js`: the dictionary and postings
//!   of the terms starting with some characters, packed to about
//!   [`IndexOptions::term_shard_bytes`] (a first character never spans two
//!   files). A query loads the shard of each word's first character when
//!   that word is typed; typo matching only looks at terms sharing a
//!   word's first character, so no other shard is ever needed.
//! * **document chunks** `search-index/d<i>.js`: consecutive documents,
//!   about `shard_bytes` each, loaded when one of their documents is among
//!   the best results.
//!
//! When all parts together are at most [`IndexOptions::prefetch_bytes`],
//! `pf` lists every part, document chunks first: the browser starts
//! fetching them all, in parallel, on the first use of the box (the best
//! results of any query are spread over most document chunks anyway, and
//! a later word with a new first letter then finds its shard loaded); each
//! query still waits only for the parts it needs. Above that size `pf` is
//! empty and every part waits until a query needs it. Each part file
//! assigns itself to `window.DOCGEN_SEARCH_PARTS["t3"]` (or `"d0"`…), so
//! loading order does not matter.

pub mod corpus;
pub mod emit;
pub mod score;
pub mod text;

use crate::model::Linked;

/// Default size above which the index is split into parts, in bytes; also
/// the size of each document chunk. Sized so a part parses in a few
/// milliseconds.
pub const DEFAULT_SHARD_BYTES: usize = 400 * 1024;

/// Default size of a term shard, in bytes: small, because a query waits
/// for the shard of each new first letter it types.
pub const DEFAULT_TERM_SHARD_BYTES: usize = 64 * 1024;

/// Default size under which all parts of a split index are fetched in the
/// background from the first use of the box on, in bytes.
pub const DEFAULT_PREFETCH_BYTES: usize = 8 * 1024 * 1024;

/// Default length of the answer excerpt kept for snippets, in characters.
pub const DEFAULT_EXCERPT_CHARS: usize = 180;

/// How the index is built. The size options are in bytes of emitted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexOptions {
    /// Split the index into parts when one file would be larger than this;
    /// also the size of each document chunk. `None` never splits.
    pub shard_bytes: Option<usize>,
    /// Target size of each term shard of a split index (a first character
    /// is never divided, so a shard may be larger).
    pub term_shard_bytes: usize,
    /// When all parts of a split index together are at most this large,
    /// the browser starts fetching all of them when search is first used
    /// (queries still wait only for the parts they need); above it, every
    /// part is loaded only when a query needs it.
    pub prefetch_bytes: usize,
    /// Characters of the first answer kept for result snippets.
    pub excerpt_chars: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            shard_bytes: Some(DEFAULT_SHARD_BYTES),
            term_shard_bytes: DEFAULT_TERM_SHARD_BYTES,
            prefetch_bytes: DEFAULT_PREFETCH_BYTES,
            excerpt_chars: DEFAULT_EXCERPT_CHARS,
        }
    }
}

/// Builds the index files for `hb`: `(site-relative path, contents)`,
/// `search-index.js` first, then any shards (`search-index/…`).
pub fn build_files(hb: &Linked, opts: &IndexOptions) -> Vec<(String, String)> {
    let corpus = corpus::collect(hb, opts.excerpt_chars);
    let postings = score::postings(&corpus.docs);
    emit::files(&corpus, &postings, opts)
}

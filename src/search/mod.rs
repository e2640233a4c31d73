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
//!   ds: [doc chunk | null] }   null: in search-index/d<i>.js
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
//! term dictionary is split by the terms' first character into files of
//! about that size (`search-index/t<i>.js`, a first character never spans
//! two files) and the documents into chunks of about that size
//! (`search-index/d<i>.js`); `search-index.js` then holds only the tables
//! above. The browser loads a term shard when a query word starting with
//! one of its characters is typed, and a document chunk when one of its
//! documents is among the best results. Each part file assigns itself to
//! `window.DOCGEN_SEARCH_PARTS["t3"]` (or `"d0"`…), so loading order does
//! not matter.

pub mod corpus;
pub mod emit;
pub mod score;
pub mod text;

use crate::handbook::Handbook;
use crate::render::views::EntryView;

/// Default size above which the index is split into shards, in bytes.
/// Sized so a shard loads and parses in a few milliseconds.
pub const DEFAULT_SHARD_BYTES: usize = 400 * 1024;

/// Default length of the answer excerpt kept for snippets, in characters.
pub const DEFAULT_EXCERPT_CHARS: usize = 180;

/// How the index is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexOptions {
    /// Split the index into shards when one file would be larger than this
    /// many bytes; `None` never splits.
    pub shard_bytes: Option<usize>,
    /// Characters of the first answer kept for result snippets.
    pub excerpt_chars: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            shard_bytes: Some(DEFAULT_SHARD_BYTES),
            excerpt_chars: DEFAULT_EXCERPT_CHARS,
        }
    }
}

/// Builds the index files for `hb`: `(site-relative path, contents)`,
/// `search-index.js` first, then any shards (`search-index/…`).
/// `entries` are the entries' views, in the order of `hb.entries`.
pub fn build_files(
    hb: &Handbook,
    entries: &[EntryView],
    opts: &IndexOptions,
) -> Vec<(String, String)> {
    let corpus = corpus::collect(hb, entries, opts.excerpt_chars);
    let postings = score::postings(&corpus.docs);
    emit::files(&corpus, &postings, opts.shard_bytes)
}

/// Builds `search-index.js` as one file, never sharded (for callers that
/// can add only one file; [`build_files`] shards large indexes).
pub fn build_index(hb: &Handbook, entries: &[EntryView]) -> String {
    let opts = IndexOptions {
        shard_bytes: None,
        ..IndexOptions::default()
    };
    build_files(hb, entries, &opts)
        .into_iter()
        .next()
        .map(|(_, text)| text)
        .unwrap_or_default()
}

/// The text of `markdown` without markup, whitespace collapsed, cut at
/// `max` characters (on a char boundary).
pub fn plain_text(markdown: &str, max: usize) -> String {
    let (prose, code) = text::markdown_text(markdown);
    let joined = if code.is_empty() {
        prose
    } else {
        format!("{prose} {code}")
    };
    joined.trim().chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_truncates() {
        assert_eq!(plain_text("- **a** `b`\n- c", 100), "a b c");
        assert_eq!(plain_text("héllo wörld", 4), "héll");
    }
}

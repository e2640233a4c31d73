//! Permalinks: an entry keeps its URL while it survives.
//!
//! An entry's slug comes from its canonical question the first time the
//! entry is seen. Deduplication may later pick another phrasing as the
//! canonical one (a new source words the question better), and chapter
//! placement may move the entry; neither may break a reader's bookmark or
//! study progress, which is kept under the slug. So `docgen build` records
//! each entry's permalink in [`PERMALINKS_FILE`] under the project root,
//! a file the author commits, as Hugo and Zola authors commit a page's
//! `aliases`:
//!
//! ```json
//! { "version": 1,
//!   "entries": {
//!     "what-is-the-gil": {
//!       "chapter": "concurrency",
//!       "aliases": ["chapters/threads.html#what-is-the-gil"],
//!       "questions": { "python.md": ["What is the GIL?"] } } } }
//! ```
//!
//! The next build gives each entry the recorded slug that shares the most
//! of its questions (a question is its source and its wording), so an
//! entry keeps its slug when a phrasing joins or leaves it. A URL an entry
//! had before (another chapter, or the slug of an entry merged into it) is
//! kept in its `aliases`; render writes a redirect for each alias and the
//! reader's script moves study progress along the same map.
//!
//! Pure: [`parse`] reads the file's text, [`assign`] and [`record`] work on
//! values; the pipeline does the file I/O.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::HandbookEntry;

/// Where the map lives, relative to the project root.
pub const PERMALINKS_FILE: &str = ".docgen/permalinks.json";

/// The format version [`Permalinks::version`] must have.
pub const VERSION: u32 = 1;

/// A question's identity across builds: its source path under `content/`
/// and its wording as written (lines move when a note is edited, so they
/// are not part of it).
pub type QuestionKey = (String, String);

/// The recorded permalinks of a handbook: the contents of
/// [`PERMALINKS_FILE`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Permalinks {
    /// The format version, [`VERSION`].
    pub version: u32,
    /// Each entry's record, by slug.
    pub entries: BTreeMap<String, Recorded>,
}

impl Default for Permalinks {
    fn default() -> Self {
        Permalinks {
            version: VERSION,
            entries: BTreeMap::new(),
        }
    }
}

/// One entry's permalink record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    /// The id of the chapter the entry sat in.
    pub chapter: String,
    /// The entry's earlier URLs, relative to the site root
    /// (`chapters/<chapter>.html#<slug>`), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The entry's questions: their wordings by source path, sorted.
    pub questions: BTreeMap<String, Vec<String>>,
}

impl Recorded {
    /// The recorded questions as keys.
    pub fn keys(&self) -> impl Iterator<Item = QuestionKey> + '_ {
        self.questions
            .iter()
            .flat_map(|(s, qs)| qs.iter().map(move |q| (s.clone(), q.clone())))
    }
}

/// `keys` grouped by source, as [`Recorded::questions`] holds them.
fn grouped(keys: Vec<QuestionKey>) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (s, q) in keys {
        out.entry(s).or_default().push(q);
    }
    out
}

/// Reads the map from the text of [`PERMALINKS_FILE`].
///
/// Errors: a message with the line and column of malformed JSON, an
/// unknown key or a version other than [`VERSION`].
pub fn parse(text: &str) -> Result<Permalinks, String> {
    let map: Permalinks = serde_json::from_str(text)
        .map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
    if map.version != VERSION {
        return Err(format!(
            "line 1: version {} is not supported (this docgen writes version {VERSION})",
            map.version
        ));
    }
    Ok(map)
}

impl Permalinks {
    /// The map as the text of [`PERMALINKS_FILE`]: pretty JSON, keys
    /// sorted, a final newline; the same map gives the same bytes.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a map of strings serialises");
        s.push('\n');
        s
    }

    /// Every alias with the URL it now leads to: `(old URL, new URL)`,
    /// sorted by old URL. URLs are relative to the site root.
    pub fn redirects(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .entries
            .iter()
            .flat_map(|(slug, r)| {
                let to = crate::site::paths::entry(&r.chapter, slug);
                r.aliases.iter().map(move |a| (a.clone(), to.clone()))
            })
            .collect();
        out.sort();
        out
    }
}

/// The recorded slug each entry keeps: `keys[i]` are entry `i`'s
/// questions, and the result's `i`th item is the slug it keeps, if any.
///
/// Each recorded slug goes to at most one entry: the pairs sharing the most
/// questions are matched first (ties: the earlier entry, then the smaller
/// slug), a greedy maximum-overlap matching, so the result depends only on
/// the inputs.
pub fn assign(keys: &[Vec<QuestionKey>], recorded: &Permalinks) -> Vec<Option<String>> {
    let owner = owners(recorded);
    let mut candidates: Vec<(usize, usize, &str)> = Vec::new();
    for (i, qs) in keys.iter().enumerate() {
        let mut shared: BTreeMap<&str, usize> = BTreeMap::new();
        for q in qs {
            if let Some(slug) = owner.get(q) {
                *shared.entry(slug).or_default() += 1;
            }
        }
        candidates.extend(shared.into_iter().map(|(slug, n)| (n, i, slug)));
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
    let mut out = vec![None; keys.len()];
    let mut taken = BTreeSet::new();
    for (_, i, slug) in candidates {
        if out[i].is_none() && taken.insert(slug) {
            out[i] = Some(slug.to_string());
        }
    }
    out
}

/// The map after a build: one record per entry of `entries` (slug, chapter,
/// questions), each keeping its recorded aliases. An entry whose slug or
/// chapter changed gains its old URL as an alias; a recorded entry that is
/// gone but whose questions now sit in another entry (it was merged) gives
/// that entry its URL and aliases. A recorded entry whose questions are all
/// gone is dropped.
pub fn record(entries: &[HandbookEntry], recorded: &Permalinks) -> Permalinks {
    let mut map = Permalinks::default();
    let mut entry_of: BTreeMap<QuestionKey, &str> = BTreeMap::new();
    for e in entries {
        let questions = keys_of(e);
        for q in &questions {
            entry_of.entry(q.clone()).or_insert(&e.id);
        }
        let mut r = Recorded {
            chapter: e.chapter.clone(),
            aliases: Vec::new(),
            questions: grouped(questions),
        };
        if let Some(old) = recorded.entries.get(&e.id) {
            r.aliases = old.aliases.clone();
            if old.chapter != e.chapter {
                r.aliases
                    .push(crate::site::paths::entry(&old.chapter, &e.id));
            }
        }
        map.entries.insert(e.id.clone(), r);
    }
    // Recorded entries that lost their slug: their URLs follow their
    // questions to the entry holding most of them.
    for (slug, old) in &recorded.entries {
        if map.entries.contains_key(slug) {
            continue;
        }
        let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
        for q in old.keys() {
            if let Some(id) = entry_of.get(&q) {
                *votes.entry(id).or_default() += 1;
            }
        }
        let Some((heir, _)) = votes
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        else {
            continue;
        };
        let heir = heir.to_string();
        let r = map.entries.get_mut(&heir).expect("an entry of this build");
        r.aliases.extend(old.aliases.iter().cloned());
        r.aliases
            .push(crate::site::paths::entry(&old.chapter, slug));
    }
    for (slug, r) in map.entries.iter_mut() {
        let here = crate::site::paths::entry(&r.chapter, slug);
        let mut seen = BTreeSet::new();
        r.aliases.retain(|a| *a != here && seen.insert(a.clone()));
    }
    map
}

/// An entry's questions, sorted and without repeats.
pub fn keys_of(e: &HandbookEntry) -> Vec<QuestionKey> {
    keys(
        e.variants
            .iter()
            .map(|v| (v.source.as_str(), v.question.as_str())),
    )
}

/// The keys of `(source, question)` pairs, sorted and without repeats.
pub fn keys<'a>(questions: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<QuestionKey> {
    let set: BTreeSet<QuestionKey> = questions
        .map(|(s, q)| (s.to_string(), q.trim().to_string()))
        .collect();
    set.into_iter().collect()
}

/// Which recorded slug each question belongs to (the first, by slug, when
/// a hand-edited file lists a question twice).
fn owners(recorded: &Permalinks) -> BTreeMap<QuestionKey, &str> {
    let mut owner = BTreeMap::new();
    for (slug, r) in &recorded.entries {
        for q in r.keys() {
            owner.entry(q).or_insert(slug.as_str());
        }
    }
    owner
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Variant;

    fn key(source: &str, q: &str) -> QuestionKey {
        (source.to_string(), q.to_string())
    }

    fn entry(id: &str, chapter: &str, questions: &[(&str, &str)]) -> HandbookEntry {
        HandbookEntry {
            id: id.into(),
            title: questions[0].1.into(),
            chapter: chapter.into(),
            answered: true,
            similar: Vec::new(),
            variants: questions
                .iter()
                .map(|(s, q)| Variant {
                    source: s.to_string(),
                    line: 1,
                    question: q.to_string(),
                    answered: true,
                    section: None,
                })
                .collect(),
            answers: Vec::new(),
        }
    }

    /// An entry as `(slug, chapter, [(source, question)])`.
    type Item<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

    fn recorded(items: &[Item]) -> Permalinks {
        let entries: Vec<HandbookEntry> =
            items.iter().map(|(id, ch, qs)| entry(id, ch, qs)).collect();
        record(&entries, &Permalinks::default())
    }

    #[test]
    fn an_entry_keeps_its_slug_when_a_phrasing_joins_it() {
        let old = recorded(&[("what-is-the-gil", "c", &[("a.md", "What is the GIL?")])]);
        let now = vec![
            vec![
                key("a.md", "What is the GIL?"),
                key("b.md", "Explain the GIL"),
            ],
            vec![key("b.md", "Что такое GIL?")],
        ];
        assert_eq!(
            assign(&now, &old),
            vec![Some("what-is-the-gil".to_string()), None]
        );
    }

    #[test]
    fn the_largest_overlap_wins_a_contested_slug() {
        let old = recorded(&[("x", "c", &[("a.md", "q1"), ("a.md", "q2"), ("b.md", "q3")])]);
        let now = vec![
            vec![key("b.md", "q3")],
            vec![key("a.md", "q1"), key("a.md", "q2")],
        ];
        assert_eq!(assign(&now, &old), vec![None, Some("x".to_string())]);
    }

    #[test]
    fn moved_and_merged_entries_leave_aliases_and_gone_ones_are_dropped() {
        let old = recorded(&[
            ("a", "one", &[("n.md", "A?")]),
            ("b", "one", &[("n.md", "B?")]),
            ("c", "one", &[("n.md", "C?")]),
        ]);
        // a moved to chapter two; b merged into a; c is gone.
        let now = [entry("a", "two", &[("n.md", "A?"), ("n.md", "B?")])];
        let map = record(&now, &old);
        assert_eq!(map.entries.len(), 1);
        assert_eq!(
            map.entries["a"].aliases,
            vec!["chapters/one.html#a", "chapters/one.html#b"]
        );
        assert_eq!(
            map.redirects(),
            vec![
                ("chapters/one.html#a".into(), "chapters/two.html#a".into()),
                ("chapters/one.html#b".into(), "chapters/two.html#a".into()),
            ]
        );
        // Moving back drops the alias that is the URL again and keeps the
        // URL it leaves.
        let back = record(&[entry("a", "one", &[("n.md", "A?")])], &map);
        assert_eq!(
            back.entries["a"].aliases,
            vec!["chapters/one.html#b", "chapters/two.html#a"]
        );
    }

    #[test]
    fn the_file_round_trips_and_bad_files_name_the_line() {
        let map = recorded(&[("слуг", "c", &[("z.md", "Что такое GIL?")])]);
        let text = map.to_json();
        assert_eq!(parse(&text).unwrap(), map);
        assert_eq!(parse(&text).unwrap().to_json(), text);
        let err = parse("{\"version\": 1,\n \"entries\": {}, \"extra\": 1}").unwrap_err();
        assert!(err.starts_with("line 2"), "{err}");
        let err = parse("{\"version\": 9, \"entries\": {}}").unwrap_err();
        assert!(err.contains("version 9"), "{err}");
    }
}

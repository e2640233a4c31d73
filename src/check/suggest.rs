//! Catalog suggestions for `docgen check`: terms the notes use that the
//! catalog does not know yet.
//!
//! A catalog goes stale as notes are added; listing the likely gaps is
//! cheaper than rereading the notes. Three kinds of candidates are found,
//! all outside text the catalog already matches:
//!
//! - **acronyms**: words of 2–6 capital letters (`ORM`, `AST`), minus
//!   capitalised English words (`NOT`, `AND`);
//! - **dunder names**: `__name__` words (`__dict__`, `__call__`);
//! - **noun phrases**: runs of two or three content words ("memory
//!   usage", "event listener") that recur in several sources. This is a
//!   crude stand-in for a part-of-speech chunker: a stopword or punctuation
//!   ends a phrase, plurals of the last word are folded, and a phrase is
//!   dropped when it only ever occurs inside a longer candidate (the idea of
//!   Frantzi, Ananiadou & Mima's C-value, 2000, without the weighting).
//!
//! Output is sorted by count (then number of sources, then term), so the
//! order is stable.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::Serialize;

use crate::concepts::linker::{Linker, is_word_char};
use crate::text::stopwords;

/// What kind of term a suggestion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuggestionKind {
    /// 2–6 capital letters.
    Acronym,
    /// A `__name__`.
    Dunder,
    /// Two or three content words.
    Phrase,
}

/// A term the catalog might add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The term, in its most frequent spelling.
    pub term: String,
    /// What kind of term it is.
    pub kind: SuggestionKind,
    /// Occurrences over all texts.
    pub count: usize,
    /// Indices (into the `texts` given) of the texts using it, ascending.
    pub sources: Vec<usize>,
}

/// Thresholds of [`suggest_with`]; [`Default`] gives the documented values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestOptions {
    /// Fewest occurrences of an acronym or dunder name (2).
    pub min_count: usize,
    /// Fewest occurrences of a phrase (3).
    pub min_phrase_count: usize,
    /// Fewest texts a phrase must occur in (2).
    pub min_phrase_sources: usize,
    /// Most suggestions returned (50).
    pub limit: usize,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            min_count: 2,
            min_phrase_count: 3,
            min_phrase_sources: 2,
            limit: 50,
        }
    }
}

/// Capitalised words that are emphasis or code, not acronyms.
const NOT_ACRONYMS: &[&str] = &[
    "ALL", "AND", "ARE", "BUT", "CAN", "DO", "END", "FOR", "IF", "IN", "IS", "IT", "NEW", "NO",
    "NOT", "OF", "OK", "ON", "OR", "THE", "TO", "USE", "VS", "YES", "NOTE", "TODO", "TRUE",
    "FALSE", "NONE", "DEBUG", "INFO", "ERROR", "WARNING", "CRITICAL",
];

/// Words that end a noun phrase ([`stopwords::SUGGEST`]).
const STOPWORDS: &[&str] = &stopwords::SUGGEST;

/// A word of a text: byte range, and whether only spaces/hyphens separate
/// it from the previous word (so the two can form a phrase).
struct Word<'t> {
    text: &'t str,
    range: Range<usize>,
    joined: bool,
}

fn words<'t>(text: &'t str) -> Vec<Word<'t>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_end = 0;
    let push = |out: &mut Vec<Word<'t>>, s: usize, e: usize, prev_end: usize| {
        let sep = &text[prev_end..s];
        let joined =
            !out.is_empty() && !sep.is_empty() && sep.chars().all(|c| c == ' ' || c == '-');
        out.push(Word {
            text: &text[s..e],
            range: s..e,
            joined,
        });
    };
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(&mut out, s, i, prev_end);
                prev_end = i;
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(&mut out, s, text.len(), prev_end);
    }
    out
}

fn is_acronym(w: &str) -> bool {
    (2..=6).contains(&w.len())
        && w.bytes().all(|b| b.is_ascii_uppercase())
        && !NOT_ACRONYMS.contains(&w)
}

fn is_dunder(w: &str) -> bool {
    w.len() > 4
        && w.starts_with("__")
        && w.ends_with("__")
        && w[2..w.len() - 2]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && w[2..w.len() - 2].chars().any(|c| c.is_ascii_lowercase())
}

/// A lower-case or capitalised alphabetic word that is not a stopword.
fn content_word(w: &str) -> Option<String> {
    let mut chars = w.chars();
    let first = chars.next()?;
    let ok = w.len() >= 3
        && first.is_alphabetic()
        && chars.all(|c| c.is_lowercase())
        && w.chars().all(char::is_alphabetic);
    let lower = w.to_lowercase();
    (ok && !STOPWORDS.contains(&lower.as_str())).then_some(lower)
}

/// Plural-folded key of a phrase's words.
fn phrase_key(words: &[String]) -> String {
    let mut ws = words.to_vec();
    if let Some(last) = ws.last_mut()
        && last.len() > 3
        && last.ends_with('s')
        && !last.ends_with("ss")
    {
        last.pop();
    }
    ws.join(" ")
}

#[derive(Default)]
struct Tally {
    kind: Option<SuggestionKind>,
    count: usize,
    sources: BTreeSet<usize>,
    spellings: BTreeMap<String, usize>,
    /// For phrases: number of words.
    len: usize,
}

impl Tally {
    fn add(&mut self, kind: SuggestionKind, source: usize, spelling: &str, len: usize) {
        self.kind = Some(kind);
        self.count += 1;
        self.sources.insert(source);
        *self.spellings.entry(spelling.to_string()).or_default() += 1;
        self.len = len;
    }

    fn spelling(&self) -> String {
        let best = self
            .spellings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
        best.map(|(s, _)| s.clone()).unwrap_or_default()
    }
}

/// Suggestions with [`SuggestOptions::default`]; see [`suggest_with`].
pub fn suggest(linker: &Linker, texts: &[&str]) -> Vec<Suggestion> {
    suggest_with(linker, texts, &SuggestOptions::default())
}

/// Candidate concepts the catalog behind `linker` lacks, found in `texts`
/// (one text per source; plain text or markdown). Terms inside a mention of
/// a known concept, or that the linker matches themselves, are left out.
pub fn suggest_with(linker: &Linker, texts: &[&str], opts: &SuggestOptions) -> Vec<Suggestion> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for (src, text) in texts.iter().enumerate() {
        let known: Vec<Range<usize>> = linker.find(text).into_iter().map(|m| m.range).collect();
        let free = |r: &Range<usize>| {
            let i = known.partition_point(|k| k.end <= r.start);
            known.get(i).is_none_or(|k| k.start >= r.end)
        };
        let ws = words(text);
        for (i, w) in ws.iter().enumerate() {
            if !free(&w.range) {
                continue;
            }
            if is_acronym(w.text) {
                tallies.entry(w.text.to_string()).or_default().add(
                    SuggestionKind::Acronym,
                    src,
                    w.text,
                    1,
                );
            } else if is_dunder(w.text) {
                tallies.entry(w.text.to_string()).or_default().add(
                    SuggestionKind::Dunder,
                    src,
                    w.text,
                    1,
                );
            }
            for n in 2..=3 {
                phrase_at(&ws, i, n, text, &free, src, &mut tallies);
            }
        }
    }
    finish(linker, tallies, opts)
}

/// Tallies the `n`-word phrase ending at word `end`, if it is one.
fn phrase_at(
    ws: &[Word],
    end: usize,
    n: usize,
    text: &str,
    free: &dyn Fn(&Range<usize>) -> bool,
    src: usize,
    tallies: &mut BTreeMap<String, Tally>,
) {
    if end + 1 < n {
        return;
    }
    let span = &ws[end + 1 - n..=end];
    if span[1..].iter().any(|w| !w.joined) {
        return;
    }
    let Some(lower): Option<Vec<String>> = span.iter().map(|w| content_word(w.text)).collect()
    else {
        return;
    };
    let range = span[0].range.start..span[n - 1].range.end;
    if !free(&range) {
        return;
    }
    let spelling = text[range].to_lowercase();
    tallies
        .entry(format!("phrase:{}", phrase_key(&lower)))
        .or_default()
        .add(SuggestionKind::Phrase, src, &spelling, n);
}

fn finish(
    linker: &Linker,
    tallies: BTreeMap<String, Tally>,
    opts: &SuggestOptions,
) -> Vec<Suggestion> {
    let keep = |t: &Tally| match t.kind {
        Some(SuggestionKind::Phrase) => {
            t.count >= opts.min_phrase_count && t.sources.len() >= opts.min_phrase_sources
        }
        Some(_) => t.count >= opts.min_count,
        None => false,
    };
    let kept: Vec<(&String, &Tally)> = tallies.iter().filter(|(_, t)| keep(t)).collect();
    // Phrases of 3 words, to drop the 2-word phrases that only occur inside them.
    let longer: Vec<(String, usize)> = kept
        .iter()
        .filter(|(_, t)| t.len == 3)
        .map(|(k, t)| (k.to_string(), t.count))
        .collect();
    let mut out: Vec<Suggestion> = kept
        .into_iter()
        .filter(|(k, t)| {
            t.len != 2
                || !longer
                    .iter()
                    .any(|(lk, lc)| *lc >= t.count && contains_phrase(lk, k))
        })
        .map(|(_, t)| Suggestion {
            term: t.spelling(),
            kind: t.kind.unwrap_or(SuggestionKind::Phrase),
            count: t.count,
            sources: t.sources.iter().copied().collect(),
        })
        .filter(|s| linker.find(&s.term).is_empty())
        .collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.sources.len().cmp(&a.sources.len()))
            .then(a.term.cmp(&b.term))
    });
    out.truncate(opts.limit);
    out
}

/// True when phrase key `long` holds phrase key `short` as whole words
/// (keys are `phrase:` + words; the last word of each may be plural-folded).
fn contains_phrase(long: &str, short: &str) -> bool {
    let l: Vec<&str> = long.trim_start_matches("phrase:").split(' ').collect();
    let s: Vec<&str> = short.trim_start_matches("phrase:").split(' ').collect();
    l.windows(s.len()).any(|w| {
        w.iter().zip(&s).all(|(a, b)| {
            a == b || a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::concepts::catalog::{Catalog, Concept};

    fn linker() -> Linker {
        Linker::new(&Catalog {
            concepts: vec![Concept {
                id: "gil".into(),
                name: "GIL".into(),
                aliases: vec![
                    "GIL".into(),
                    "global interpreter lock".into(),
                    "__slots__".into(),
                ],
                summary: None,
                related: vec![],
                case_sensitive: true,
                discovered: false,
                evidence: None,
            }],
            ..Catalog::default()
        })
    }

    fn terms(s: &[Suggestion]) -> Vec<(&str, SuggestionKind, usize)> {
        s.iter()
            .map(|s| (s.term.as_str(), s.kind, s.count))
            .collect()
    }

    #[test]
    fn acronyms_and_dunders_not_in_catalog() {
        let texts = [
            "The ORM and the GIL. ORM again, NOT the GIL.",
            "Use __dict__ or __slots__; __dict__ grows. AST",
        ];
        let s = suggest(&linker(), &texts);
        assert_eq!(
            terms(&s),
            vec![
                ("ORM", SuggestionKind::Acronym, 2),
                ("__dict__", SuggestionKind::Dunder, 2)
            ]
        );
        assert_eq!(s[0].sources, vec![0]);
    }

    #[test]
    fn phrases_recur_across_sources_and_fold_plurals() {
        let texts = [
            "Memory usage matters. Check memory usage with tools.",
            "Reduce memory usages. The global interpreter lock usage is not a phrase here.",
            "Event listeners wait. memory usage, again",
        ];
        let s = suggest(&linker(), &texts);
        assert_eq!(terms(&s), vec![("memory usage", SuggestionKind::Phrase, 4)]);
        assert_eq!(s[0].sources, vec![0, 1, 2]);
    }

    #[test]
    fn sub_phrases_of_longer_candidates_are_dropped() {
        let texts = [
            "race condition handling. race condition handling",
            "race condition handling",
        ];
        let s = suggest(&linker(), &texts);
        assert_eq!(
            terms(&s),
            vec![("race condition handling", SuggestionKind::Phrase, 3)]
        );
    }

    #[test]
    fn punctuation_breaks_phrases() {
        let w = words("memory, usage here-now. Then\nnext");
        assert_eq!(
            w.iter().map(|w| w.joined).collect::<Vec<_>>(),
            vec![false, false, true, true, false, false]
        );
    }
}

//! Finding concept mentions in plain text.
//!
//! One Aho–Corasick automaton (the `aho-corasick` crate) holds every alias
//! and generated variant of every concept, so a text is scanned once however
//! large the catalog is. The automaton matches ASCII case-insensitively;
//! the rules it cannot express are checked on each candidate afterwards:
//!
//! - **word boundaries**: a letter, digit or `_` right before or after a
//!   match blocks it ("GIL" in "GILES"), except where the alias itself
//!   starts or ends with punctuation (".pyc" in "hello.pyc");
//! - **case**: acronym aliases of `case_sensitive` concepts match only as
//!   written ("GIL", not "gil").
//!
//! Candidates are gathered with overlapping search and then resolved
//! leftmost-longest (the leftmost start wins, then the longest match), so a
//! candidate rejected by these checks never hides a valid shorter or later
//! one, which a non-overlapping leftmost-longest scan would do.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Serialize;

use super::catalog::Catalog;
use super::variants::variants;

/// One occurrence of a concept in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Mention {
    /// Index of the concept in [`Catalog::concepts`].
    pub concept: usize,
    /// Byte range of the occurrence in the text searched.
    pub range: Range<usize>,
}

/// One pattern of the automaton.
#[derive(Debug, Clone)]
struct Pattern {
    concept: usize,
    /// Must match with exactly this case.
    exact: Option<String>,
    /// The pattern starts / ends with a word character, so a word character
    /// outside it blocks the match.
    word_start: bool,
    word_end: bool,
}

/// Finds concept mentions; built once per catalog, then shared.
#[derive(Debug, Clone)]
pub struct Linker {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    concepts: usize,
}

/// A character that joins a word boundary rule: letters, digits and `_`
/// of scripts written with spaces. Han, kana and Hangul
/// ([`crate::text::tokens::is_cjk`]) are not: their words run together, so a
/// CJK alias matches inside a run and "GIL" is a mention in "的GIL是".
pub(crate) fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() && !crate::text::tokens::is_cjk(c)) || c == '_'
}

/// True when `alias` is an acronym-like spelling (no lower-case letter).
fn is_acronym(alias: &str) -> bool {
    alias.chars().any(|c| c.is_uppercase()) && !alias.chars().any(|c| c.is_lowercase())
}

/// The case forms of `form` the automaton's ASCII case folding does not
/// reach: for a form with non-ASCII cased letters (`декоратор`,
/// `Größe`), its lower-case form and its form with a capital first
/// letter, as at the start of a sentence. None for an ASCII form.
fn unicode_case_forms(form: &str) -> Vec<String> {
    if form.is_ascii() || !form.chars().any(|c| c.is_lowercase() || c.is_uppercase()) {
        return Vec::new();
    }
    let lower = form.to_lowercase();
    let mut chars = lower.chars();
    let capital: String = chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    [lower, capital].into_iter().filter(|f| f != form).collect()
}

impl Linker {
    /// Builds the matcher for every alias of `catalog` and its variants
    /// (see [`super::variants`]).
    ///
    /// When two concepts produce the same spelling (compared without case),
    /// the catalog's own alias beats a generated variant, then the earlier
    /// concept wins. Never fails: the automaton's size limits are far above
    /// any catalog.
    pub fn new(catalog: &Catalog) -> Linker {
        // (priority, spelling, pattern): written aliases first, then variants.
        let mut candidates: Vec<(u8, String, Pattern)> = Vec::new();
        for (ci, concept) in catalog.concepts.iter().enumerate() {
            for alias in &concept.aliases {
                let exact = concept.case_sensitive && is_acronym(alias);
                for (vi, form) in variants(alias.trim()).into_iter().enumerate() {
                    let mut forms = vec![form];
                    if !exact {
                        forms.extend(unicode_case_forms(&forms[0]));
                    }
                    for (k, form) in forms.into_iter().enumerate() {
                        let pattern = Pattern {
                            concept: ci,
                            exact: exact.then(|| form.clone()),
                            word_start: form.chars().next().is_some_and(is_word_char),
                            word_end: form.chars().next_back().is_some_and(is_word_char),
                        };
                        candidates.push((u8::from(vi > 0 || k > 0), form, pattern));
                    }
                }
            }
        }
        // Stable sort keeps catalog order within a priority.
        candidates.sort_by_key(|(prio, _, _)| *prio);
        let mut seen = std::collections::BTreeSet::new();
        let mut spellings = Vec::new();
        let mut patterns = Vec::new();
        for (_, form, pattern) in candidates {
            // The automaton folds ASCII case only, so spellings that
            // differ in the case of other letters stay apart.
            if seen.insert(form.to_ascii_lowercase()) {
                spellings.push(form);
                patterns.push(pattern);
            }
        }
        // A DFA: every answer and note page is searched, and a catalog's
        // spellings (at most a few thousand) keep its table small.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&spellings)
            .expect("catalog patterns fit the automaton");
        Linker {
            automaton,
            patterns,
            concepts: catalog.concepts.len(),
        }
    }

    /// Number of concepts of the catalog the linker was built from.
    pub fn concept_count(&self) -> usize {
        self.concepts
    }

    /// Every mention in plain `text`, in text order, non-overlapping,
    /// leftmost-longest. Ranges are byte ranges into `text`.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut candidates: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(text)
            .filter(|m| self.accepts(text, m.pattern().as_usize(), m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // Leftmost, then longest, then the pattern listed first.
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut out = Vec::new();
        let mut end = 0;
        for (s, e, p) in candidates {
            if s >= end {
                out.push(Mention {
                    concept: self.patterns[p].concept,
                    range: s..e,
                });
                end = e;
            }
        }
        out
    }

    /// The concept `text` names as a whole (all of it, ignoring surrounding
    /// white space and a trailing `()`), if any. Used for inline code.
    pub fn whole(&self, text: &str) -> Option<usize> {
        let t = text.trim();
        let t = t.strip_suffix("()").unwrap_or(t);
        match self.find(t).as_slice() {
            [m] if m.range == (0..t.len()) => Some(m.concept),
            _ => None,
        }
    }

    fn accepts(&self, text: &str, pattern: usize, start: usize, end: usize) -> bool {
        let p = &self.patterns[pattern];
        if p.word_start && text[..start].chars().next_back().is_some_and(is_word_char) {
            return false;
        }
        if p.word_end && text[end..].chars().next().is_some_and(is_word_char) {
            return false;
        }
        p.exact
            .as_deref()
            .is_none_or(|exact| &text[start..end] == exact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::concepts::catalog::Concept;

    fn concept(id: &str, aliases: &[&str], case_sensitive: bool) -> Concept {
        Concept {
            id: id.into(),
            name: id.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            summary: None,
            related: vec![],
            case_sensitive,
            discovered: false,
            evidence: None,
        }
    }

    fn linker() -> Linker {
        Linker::new(&Catalog {
            concepts: vec![
                concept("gil", &["GIL", "Global Interpreter Lock"], true),
                concept(
                    "threading",
                    &["threading", "multithreading", "thread"],
                    false,
                ),
                concept("metaclasses", &["metaclass"], false),
                concept("closures", &["closure"], false),
                concept("pyc", &[".pyc", "__pycache__"], false),
                concept("slots", &["__slots__"], false),
                concept("gc", &["garbage collection", "GC"], true),
                concept("generational", &["generational garbage collection"], false),
                concept("interpreter", &["interpreter"], false),
            ],
            ..Catalog::default()
        })
    }

    /// (concept index, matched text) for each mention.
    fn found(text: &str) -> Vec<(usize, &str)> {
        linker()
            .find(text)
            .into_iter()
            .map(|m| (m.concept, &text[m.range]))
            .collect()
    }

    #[test]
    fn word_boundaries() {
        assert_eq!(found("GILES and GIL_x and xGIL"), vec![]);
        assert_eq!(found("the GIL's cost (GIL)"), vec![(0, "GIL"), (0, "GIL")]);
        assert_eq!(found("threadingly subthread"), vec![]);
        assert_eq!(found("GIL-limited"), vec![(0, "GIL")]);
    }

    #[test]
    fn case_rules() {
        assert_eq!(found("gil Gil"), vec![]);
        assert_eq!(
            found("the global interpreter lock"),
            vec![(0, "global interpreter lock")]
        );
        assert_eq!(
            found("Global Interpreter Lock"),
            vec![(0, "Global Interpreter Lock")]
        );
        assert_eq!(
            found("THREADING Closure"),
            vec![(1, "THREADING"), (3, "Closure")]
        );
        assert_eq!(found("gc GC"), vec![(6, "GC")]);
    }

    #[test]
    fn variants_match() {
        assert_eq!(
            found("closures, multi-threading, multi threading, threads"),
            vec![
                (3, "closures"),
                (1, "multi-threading"),
                (1, "multi threading"),
                (1, "threads")
            ]
        );
        assert_eq!(
            found("meta classes and metaclasses"),
            vec![(2, "meta classes"), (2, "metaclasses")]
        );
    }

    #[test]
    fn leftmost_longest() {
        assert_eq!(
            found("generational garbage collection"),
            vec![(7, "generational garbage collection")]
        );
        assert_eq!(found("Python interpreter"), vec![(8, "interpreter")]);
    }

    #[test]
    fn punctuation_edges() {
        assert_eq!(
            found("hello.pyc in __pycache__/"),
            vec![(4, ".pyc"), (4, "__pycache__")]
        );
        assert_eq!(found("x__slots__ __slots__"), vec![(5, "__slots__")]);
    }

    #[test]
    fn ranges_are_bytes() {
        let text = "é GIL";
        let m = linker().find(text);
        assert_eq!(m[0].range, 3..6);
    }

    #[test]
    fn whole_code_span() {
        let l = linker();
        assert_eq!(l.whole("__slots__"), Some(5));
        assert_eq!(l.whole(" GIL "), Some(0));
        assert_eq!(l.whole("obj.__slots__ = ()"), None);
        assert_eq!(l.whole("print(x)"), None);
    }
}

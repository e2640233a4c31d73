//! Text normalisation shared by the index (here) and the query code in
//! `static/search.js`, which mirrors it rule for rule: if one side changes,
//! the other must too (the browser tests catch a mismatch).
//!
//! 1. **Tokens** come from the shared tokeniser ([`crate::text::tokens`]):
//!    runs of letters and digits, CJK runs as overlapping bigrams, folded
//!    to lower case without Latin/Greek/Cyrillic diacritics. Everything
//!    else separates words, including `_` and `.`, so `__slots__` is
//!    `slots` and `sys.modules` is `sys modules`.
//! 2. **Stopwords** (a short list of English function words and question
//!    words, plus contraction remnants such as the `s` of `Python’s`) are
//!    never indexed; in a query they only matter for phrase matching.
//! 3. Every other word goes through its source's stemmer
//!    ([`crate::text::tokens::Stemmer`]): Harman's S-stemmer for English and
//!    other Latin words (`-ies` → `-y`, else `-s` dropped, not `-us`,
//!    `-ss`), the Snowball stemmer of the source's language for its own
//!    words. The browser applies the S-stemmer, and reaches a Snowball stem
//!    by trimming up to four final characters of a word it cannot find.
//! 4. Two words written with a hyphen between them (`multi-threading`) are
//!    also indexed joined (`multithreading`).

use crate::text::excerpt::{self, Cut};
use crate::text::markup::{LinkTargets, strip_tags};
use crate::text::stopwords;
use crate::text::tokens::{self, Stemmer};

/// Words never indexed: [`stopwords::SEARCH`]. Sorted, so [`is_stopword`]
/// can binary-search; the same list is in `static/search.js`.
pub const STOPWORDS: &[&str] = &stopwords::SEARCH;

/// Whether `word` (already lower-cased) is a stopword.
///
/// Called for every word indexed, so it compares integers rather than
/// strings: see [`pack`].
pub fn is_stopword(word: &str) -> bool {
    pack(word.as_bytes()).is_some_and(|key| STOP_KEYS.binary_search(&key).is_ok())
}

/// A word of at most eight bytes, none of them zero, as one integer: its
/// bytes from the most significant end, zero-padded. Two such words are
/// equal exactly when their integers are, and ordered as their integers
/// are (a zero pad sorts before any byte). `None` for any other word,
/// which therefore is no stopword.
const fn pack(word: &[u8]) -> Option<u64> {
    if word.len() > 8 {
        return None;
    }
    let mut key = 0u64;
    let mut i = 0;
    while i < 8 {
        let byte = if i < word.len() { word[i] } else { 0 };
        if i < word.len() && byte == 0 {
            return None;
        }
        key = key << 8 | byte as u64;
        i += 1;
    }
    Some(key)
}

/// [`STOPWORDS`], each [`pack`]ed: ascending, as the list is sorted.
const STOP_KEYS: [u64; STOPWORDS.len()] = {
    let mut keys = [0u64; STOPWORDS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = match pack(STOPWORDS[i].as_bytes()) {
            Some(key) => key,
            None => panic!("stopwords are at most eight bytes"),
        };
        i += 1;
    }
    keys
};

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word lower-cased, as written.
    pub raw: String,
    /// The indexed form: the stem, or the raw word for a stopword.
    pub norm: String,
    /// Whether it is a stopword.
    pub stop: bool,
    /// Whether a single `-` joins it to the previous word.
    pub hyphen_before: bool,
}

/// Harman's S-stemmer on a lower-cased word; words under four characters
/// are returned unchanged (see [`tokens::s_stem_parts`]).
pub fn stem(word: &str) -> String {
    let (base, suffix) = tokens::s_stem_parts(word);
    [base, suffix].concat()
}

/// Calls `visit(token, folded, hyphen_before)` for every token of `text`
/// in order ([`tokens::scan`], folded by [`tokens::fold_word`]). The one
/// scanner behind [`words`] and [`terms`].
fn scan_words(text: &str, mut visit: impl FnMut(&str, &str, bool, bool)) {
    tokens::scan(text, |t| {
        let folded = tokens::fold_word(t.text);
        visit(t.text, &folded, t.hyphen_before, t.cjk);
    });
}

/// The words of `text`, in order (see the module documentation).
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    scan_words(text, |_, raw, hyphen_before, cjk| {
        let stop = !cjk && is_stopword(raw);
        out.push(Word {
            raw: raw.to_string(),
            norm: if stop || cjk {
                raw.to_string()
            } else {
                stem(raw)
            },
            stop,
            hyphen_before,
        });
    });
    out
}

/// The terms `text` contributes to an index field: every non-stopword's
/// stem, plus the joined form of each hyphenated pair of words. Words are
/// stemmed as English; see [`terms_in`] for other languages.
pub fn terms(text: &str) -> Vec<String> {
    terms_in(text, &Stemmer::default())
}

/// [`terms`] with `stemmer` (the source's language) for the words.
pub fn terms_in(text: &str, stemmer: &Stemmer) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, stemmer, |term| out.push(term.to_string()));
    out
}

/// Calls `visit(term)` for each of the [`terms_in`] of `text`, in order.
fn for_each_term(text: &str, stemmer: &Stemmer, mut visit: impl FnMut(&str)) {
    let mut prev = String::new();
    scan_words(text, |written, raw, hyphen_before, cjk| {
        if cjk {
            visit(raw);
        } else if !is_stopword(raw) {
            visit(&stemmer.stem(written, raw));
        }
        if hyphen_before {
            prev.push_str(raw);
            visit(&stemmer.stem(&prev, &prev));
        }
        prev.clear();
        if !cjk {
            prev.push_str(raw);
        }
    });
}

/// The index terms of one field, in order, repeats included.
///
/// Kept as one string, terms separated by spaces (a term is made of word
/// characters, never a space), so a field costs one allocation rather than
/// one per word: a large handbook indexes tens of millions of words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    /// The terms, each followed by a space except the last.
    joined: String,
    /// Number of terms.
    len: usize,
}

impl Terms {
    /// Appends one term (a word of [`terms`]; it holds no space).
    pub fn push(&mut self, term: &str) {
        if self.len > 0 {
            self.joined.push(' ');
        }
        self.joined.push_str(term);
        self.len += 1;
    }

    /// Appends the [`terms`] of `text`.
    pub fn push_text(&mut self, text: &str) {
        self.push_text_in(text, &Stemmer::default());
    }

    /// Appends the [`terms_in`] of `text` with `stemmer`.
    pub fn push_text_in(&mut self, text: &str, stemmer: &Stemmer) {
        for_each_term(text, stemmer, |term| self.push(term));
    }

    /// The terms of `text` (see [`terms`]).
    pub fn of_text(text: &str) -> Terms {
        let mut out = Terms::default();
        out.push_text(text);
        out
    }

    /// Number of terms, repeats included.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no term.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The terms, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.joined.split(' ').take(self.len)
    }
}

impl<'a> FromIterator<&'a str> for Terms {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Terms {
        let mut out = Terms::default();
        for term in iter {
            out.push(term);
        }
        out
    }
}

/// The normalised form of a phrase for the synonym table: each word's
/// `norm`, space-separated (stopwords kept, so "with statement" stays two
/// words).
pub fn phrase_key(text: &str) -> String {
    words(text)
        .into_iter()
        .map(|w| w.norm)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Plain text of a markdown fragment, split into prose and code-block text
/// (each whitespace-collapsed). Inline code counts as prose.
pub fn markdown_text(markdown: &str) -> (String, String) {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (mut prose, mut code) = (String::new(), String::new());
    let mut in_code = false;
    for ev in Parser::new(markdown) {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                let target = if in_code { &mut code } else { &mut prose };
                target.push_str(&t);
                target.push(' ');
            }
            Event::SoftBreak | Event::HardBreak => prose.push(' '),
            _ => {}
        }
    }
    (
        collapse(&strip_tags(&prose, LinkTargets::Keep)),
        collapse(&code),
    )
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut to at most `max` characters at a word boundary, with `…`
/// appended when something was cut ([`Cut::Snippet`]).
pub fn excerpt(text: &str, max: usize) -> String {
    excerpt::cut(text, max, Cut::Snippet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_KEYS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stopword("the") && !is_stopword("gil"));
    }

    #[test]
    fn stopword_lookup_matches_the_list() {
        for w in STOPWORDS {
            assert!(is_stopword(w), "{w}");
        }
        for w in [
            "",
            "th",
            "thes",
            "them\0",
            "the\0",
            "thereabouts",
            "zzz",
            "ä",
            "you'",
        ] {
            assert_eq!(is_stopword(w), STOPWORDS.contains(&w), "{w:?}");
        }
    }

    #[test]
    fn the_browser_has_the_same_stopwords() {
        let js = include_str!("../../static/search.js");
        let start = js.find("var STOP = new Set((").expect("STOP in search.js");
        let end = start + js[start..].find(".split(").unwrap();
        let mut list: Vec<String> = js[start..end]
            .split('"')
            .skip(1)
            .step_by(2)
            .flat_map(|chunk| {
                chunk
                    .split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        list.sort();
        assert_eq!(list, STOPWORDS);
    }

    #[test]
    fn s_stemmer_folds_plurals() {
        for (w, s) in [
            ("metaclasses", "metaclasse"),
            ("libraries", "library"),
            ("closures", "closure"),
            ("process", "process"),
            ("asyncio", "asyncio"),
            ("gil", "gil"),
            ("status", "status"),
            ("goes", "goe"),
        ] {
            assert_eq!(stem(w), s, "{w}");
        }
    }

    #[test]
    fn words_split_code_and_mark_hyphens() {
        let ws = words("What is `__slots__` in multi-threading? Python’s GIL");
        let raw: Vec<&str> = ws.iter().map(|w| w.raw.as_str()).collect();
        assert_eq!(
            raw,
            [
                "what",
                "is",
                "slots",
                "in",
                "multi",
                "threading",
                "python",
                "s",
                "gil"
            ]
        );
        assert!(ws[5].hyphen_before && !ws[4].hyphen_before);
        assert!(ws[7].stop);
    }

    #[test]
    fn terms_drop_stopwords_and_add_joined_hyphen_forms() {
        assert_eq!(
            terms("The multi-threading GILs"),
            ["multi", "threading", "multithreading", "gil"]
        );
    }

    #[test]
    fn field_terms_are_the_terms_of_the_text() {
        for text in [
            "The multi-threading GILs",
            "",
            "a an the",
            "x-ray-s libraries",
        ] {
            let field = Terms::of_text(text);
            assert_eq!(field.iter().collect::<Vec<_>>(), terms(text), "{text}");
            assert_eq!(field.len(), terms(text).len());
        }
        let mut field: Terms = ["gil", "lock"].into_iter().collect();
        field.push_text("GILs");
        assert_eq!(field.iter().collect::<Vec<_>>(), ["gil", "lock", "gil"]);
    }

    #[test]
    fn phrase_keys_keep_stopwords() {
        assert_eq!(phrase_key("`with` statements"), "with statement");
        assert_eq!(
            phrase_key("Global Interpreter Lock"),
            "global interpreter lock"
        );
    }

    #[test]
    fn markdown_text_separates_code_blocks() {
        let (prose, code) = markdown_text("Use **with**:\n\n```python\nwith open(f): pass\n```\n");
        assert_eq!(prose, "Use with :");
        assert_eq!(code, "with open(f): pass");
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four", 12), "one two…");
    }
}

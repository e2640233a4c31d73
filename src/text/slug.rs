//! Slugs: the stable, URL-safe ids of entries, chapters and concepts.
//!
//! A slug is derived from text only (never from position), so an entry keeps
//! its anchor across rebuilds as long as its title does not change. Readers'
//! bookmarks and study progress (stored under the slug) survive new notes.

use std::collections::BTreeSet;

/// Lower-cases `text` and keeps ASCII letters and digits, joining runs of
/// anything else with a single `-`. Letters of other scripts are
/// transliterated to ASCII with `deunicode` (é → e, д → d, 函数 → han shu,
/// 함수 → ham su), so a page in any language gets a readable name; other
/// characters (punctuation, emoji) are dropped. Returns at most
/// `max_words` words; an empty result becomes `"untitled"`.
pub fn slugify(text: &str, max_words: usize) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let push = |c: char, cur: &mut String, words: &mut Vec<String>| {
        if c.is_ascii_alphanumeric() {
            cur.push(c.to_ascii_lowercase());
        } else if !cur.is_empty() {
            words.push(std::mem::take(cur));
        }
    };
    for ch in text.chars() {
        if ch.is_ascii() || !ch.is_alphabetic() {
            push(if ch.is_ascii() { ch } else { ' ' }, &mut cur, &mut words);
            continue;
        }
        for c in deunicode::deunicode_char(ch).unwrap_or(" ").chars() {
            push(c, &mut cur, &mut words);
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    join_words(words, max_words)
}

/// The in-page anchor of a heading or entry titled `text`, as GitHub
/// keeps them: lower-cased letters and digits of every script (`垃圾回收`,
/// `메타클래스`, `декоратор`, `crème` stay as written), runs of anything
/// else joined into a single `-`. Returns at most `max_words` words; an
/// empty result becomes `"untitled"`. For ASCII text it equals
/// [`slugify`]; file names use [`slugify`], which stays ASCII.
pub fn anchor(text: &str, max_words: usize) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            cur.extend(ch.to_lowercase());
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    join_words(words, max_words)
}

/// The first `max_words` of `words` joined by `-`, or `"untitled"` when
/// there is none.
fn join_words(mut words: Vec<String>, max_words: usize) -> String {
    words.truncate(max_words);
    if words.is_empty() {
        "untitled".to_string()
    } else {
        words.join("-")
    }
}

/// Hands out unique slugs: the first request for a base gets it as is, later
/// ones get `-2`, `-3`, …. Deterministic for a deterministic request order.
#[derive(Debug, Default)]
pub struct SlugSet {
    taken: BTreeSet<String>,
}

impl SlugSet {
    /// Returns `base`, or `base-N` with the smallest N ≥ 2 not yet taken.
    pub fn claim(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let mut n = 2;
        loop {
            let candidate = format!("{base}-{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_keep_every_script_and_equal_slugs_for_ascii() {
        assert_eq!(
            anchor("1 Python的函数参数传递", 8),
            "1-python的函数参数传递"
        );
        assert_eq!(
            anchor("메타클래스는 무엇인가요?", 8),
            "메타클래스는-무엇인가요"
        );
        assert_eq!(anchor("Что такое GIL?", 8), "что-такое-gil");
        assert_eq!(anchor("?!", 8), "untitled");
        for t in ["What is the `GIL`?", "C++ vs. Rust: 3 ways", "a  -  b", ""] {
            assert_eq!(anchor(t, 4), slugify(t, 4), "{t}");
        }
    }

    #[test]
    fn slugify_keeps_words_and_drops_punctuation() {
        assert_eq!(
            slugify("What is the Global Interpreter Lock (GIL)?", 12),
            "what-is-the-global-interpreter-lock-gil"
        );
        assert_eq!(slugify("What are `__slots__`?", 12), "what-are-slots");
        assert_eq!(slugify("Café naïve", 12), "cafe-naive");
        assert_eq!(slugify("→ ✔", 12), "untitled");
        assert_eq!(slugify("a b c d", 2), "a-b");
    }

    #[test]
    fn slug_set_suffixes_repeats() {
        let mut s = SlugSet::default();
        assert_eq!(s.claim("x"), "x");
        assert_eq!(s.claim("x"), "x-2");
        assert_eq!(s.claim("x"), "x-3");
        assert_eq!(s.claim("x-2-b"), "x-2-b");
    }
}

//! The shared tokeniser: how the search index, dedup and chapters cut text
//! into tokens, in every script. `static/search.js` mirrors [`scan`] and
//! [`fold_word`] rule for rule, so a query is cut exactly as the index was
//! (the browser tests catch a mismatch).
//!
//! 1. **Words** are maximal runs of letters and digits (Rust
//!    [`char::is_alphanumeric`], JS `[\p{Alphabetic}\p{N}]`). This is the
//!    letter/digit core of UAX #29 word boundaries without its mid-word
//!    joiners, so `sys.modules` is `sys` + `modules` and `__slots__` is
//!    `slots`, as a reader types them; combining marks (U+0300–U+036F)
//!    stay inside the word they follow.
//! 2. **CJK runs.** Han, Hiragana, Katakana and Hangul are written without
//!    spaces between words, so a run of them is cut into overlapping
//!    character bigrams (a one-character run is kept as it is): the CJK
//!    analyser scheme of Lucene and Elasticsearch (`CJKBigramFilter`).
//!    `垃圾回收机制` gives `垃圾 圾回 回收 收机 机制`, so a query for `回收`
//!    finds it mid-run, and `메타클래스는` shares four bigrams with
//!    `메타클래스`. A CJK character also ends a word of another script:
//!    `Python垃圾` is `python` + `垃圾`.
//! 3. **Folding.** Words are lower-cased (Unicode), and letters of the
//!    Latin, Greek and Cyrillic blocks lose their diacritics (canonical
//!    decomposition, combining marks U+0300–U+036F dropped): `Größe` →
//!    `große`, `crème` → `creme`, `ёлка` → `елка`. Kana and Hangul are never
//!    decomposed.
//! 4. **Stemming** ([`Stemmer`]) is per language: the Snowball stemmer of
//!    the source's language (rust-stemmers) for words of that language's
//!    script, else Harman's S-stemmer for Latin words. A Snowball stem is
//!    used only when it is a prefix of the folded word, so the browser,
//!    which has no Snowball, finds it by trimming a query word's last one
//!    to four characters.

use super::stem::{self, Algorithm, Snowball};
use unicode_normalization::char::decompose_canonical;

/// Whether `c` belongs to a script written without spaces between words
/// (Han, Hiragana, Katakana, Hangul; the same ranges as `isCjk` in
/// `static/search.js`).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF        // Hangul Jamo
        | 0x3005..=0x3007      // 々 〆 〇
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3130..=0x318F      // Hangul Compatibility Jamo
        | 0x31F0..=0x31FF      // Katakana Phonetic Extensions
        | 0x3400..=0x4DBF      // CJK Extension A
        | 0x4E00..=0x9FFF      // CJK Unified Ideographs
        | 0xA960..=0xA97F      // Hangul Jamo Extended-A
        | 0xAC00..=0xD7FF      // Hangul Syllables, Jamo Extended-B
        | 0xF900..=0xFAFF      // CJK Compatibility Ideographs
        | 0xFF66..=0xFF9F      // Halfwidth Katakana
        | 0x20000..=0x3FFFF) // CJK Extensions B–H
}

/// Whether `c` is a combining diacritical mark (U+0300–U+036F), which
/// folding drops and which never ends a word.
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Whether `c` is a letter whose diacritics folding removes: the Latin,
/// Greek and Cyrillic blocks (up to U+058F) and Latin Extended Additional.
fn foldable(c: char) -> bool {
    let c = c as u32;
    (0xC0..0x590).contains(&c) || (0x1E00..=0x1EFF).contains(&c)
}

/// `c`, or a plain space for any other space character within a line (a
/// no-break, thin or ideographic space: U+00A0, U+2009, U+3000, …). Text
/// pasted from web pages writes them between words ("means\u{a0}managing"),
/// and patterns written with plain spaces must still match.
pub fn fold_space(c: char) -> char {
    if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c.is_whitespace() {
        ' '
    } else {
        c
    }
}

/// `text` with each space character folded by [`fold_space`]; borrowed
/// when it holds none (ASCII text never does).
pub fn fold_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(|c| fold_space(c) != c) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(fold_space).collect())
    }
}

/// `word` lower-cased, with diacritics of Latin, Greek and Cyrillic letters
/// removed (see the module documentation, rule 3).
pub fn fold_word(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let lower = word.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        if is_mark(c) {
            continue;
        }
        if foldable(c) {
            decompose_canonical(c, |d| {
                if !is_mark(d) {
                    out.push(d);
                }
            });
        } else {
            out.push(c);
        }
    }
    out
}

/// One token of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token as written (for a CJK bigram, its two characters).
    pub text: &'a str,
    /// Byte offset of the token in the scanned text.
    pub start: usize,
    /// Whether it comes from a CJK run (a bigram or a lone character).
    pub cjk: bool,
    /// Whether a single `-` joins it to the previous word (never for CJK).
    pub hyphen_before: bool,
}

/// Calls `visit` for every token of `text`, in order (module
/// documentation, rules 1 and 2). Tokens are not folded: see
/// [`fold_word`].
pub fn scan<'a>(text: &'a str, mut visit: impl FnMut(Token<'a>)) {
    // The current word (non-CJK) or CJK run, as a byte range.
    let mut start: Option<usize> = None;
    let mut run_cjk = false;
    // What separated the current word from the previous one: its length
    // in characters and its first character.
    let (mut gap_chars, mut gap_first) = (0usize, ' ');
    // Whether a word (not a CJK run) came before the gap.
    let mut seen_word = false;
    let mut flush = |from: usize, to: usize, cjk: bool, gap: (usize, char), seen: bool| {
        if cjk {
            emit_bigrams(text, from, to, &mut visit);
        } else {
            visit(Token {
                text: &text[from..to],
                start: from,
                cjk: false,
                hyphen_before: seen && gap.0 == 1 && gap.1 == '-',
            });
        }
    };
    for (i, c) in text.char_indices() {
        let word_char = c.is_alphanumeric() || (is_mark(c) && start.is_some());
        let cjk = word_char && is_cjk(c);
        match start {
            Some(_) if word_char && cjk == run_cjk => continue,
            Some(s) => {
                flush(s, i, run_cjk, (gap_chars, gap_first), seen_word);
                seen_word = !run_cjk;
                gap_chars = 0;
                start = None;
            }
            None => {}
        }
        if word_char {
            start = Some(i);
            run_cjk = cjk;
        } else {
            if gap_chars == 0 {
                gap_first = c;
            }
            gap_chars += 1;
        }
    }
    if let Some(s) = start {
        flush(s, text.len(), run_cjk, (gap_chars, gap_first), seen_word);
    }
}

/// The bigrams of the CJK run `text[from..to]` (its one character when it
/// has only one).
fn emit_bigrams<'a>(text: &'a str, from: usize, to: usize, visit: &mut impl FnMut(Token<'a>)) {
    let run = &text[from..to];
    let starts: Vec<usize> = run.char_indices().map(|(i, _)| i).collect();
    if starts.len() == 1 {
        visit(Token {
            text: run,
            start: from,
            cjk: true,
            hyphen_before: false,
        });
        return;
    }
    for k in 0..starts.len() - 1 {
        let end = starts.get(k + 2).copied().unwrap_or(run.len());
        visit(Token {
            text: &run[starts[k]..end],
            start: from + starts[k],
            cjk: true,
            hyphen_before: false,
        });
    }
}

/// Harman's S-stemmer ("How effective is suffixing?", JASIS 42(1), 1991)
/// on a folded word, as `(prefix of word, suffix)`: `-ies` → `-y` (not
/// `-eies`, `-aies`), else `-s` dropped (not `-us`, `-ss`); words under
/// four characters are kept.
pub fn s_stem_parts(word: &str) -> (&str, &'static str) {
    if word.chars().count() < 4 {
        return (word, "");
    }
    let ends = |s: &str| word.ends_with(s);
    if ends("ies") && !ends("eies") && !ends("aies") {
        (&word[..word.len() - 3], "y")
    } else if ends("s") && !ends("us") && !ends("ss") {
        (&word[..word.len() - 1], "")
    } else {
        (word, "")
    }
}

/// The script a Snowball stemmer works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
}

impl Script {
    fn of(c: char) -> Option<Script> {
        match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Some(Script::Latin),
            0x370..=0x3FF | 0x1F00..=0x1FFF => Some(Script::Greek),
            0x400..=0x52F => Some(Script::Cyrillic),
            0x600..=0x6FF => Some(Script::Arabic),
            _ => None,
        }
    }
}

/// How the words of one source are stemmed: the Snowball stemmer of its
/// language where rust-stemmers has one (for words of that language's
/// script), Harman's S-stemmer for other Latin words. English uses the
/// S-stemmer, which the browser mirrors exactly. The default is English.
#[derive(Default)]
pub struct Stemmer {
    snowball: Option<(Snowball, Script)>,
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stemmer")
            .field("snowball", &self.snowball.as_ref().map(|(_, s)| s))
            .finish()
    }
}

impl Stemmer {
    /// The stemmer for a language code (ISO 639-1 such as `ru`, `de`,
    /// `pt-BR`; case and region ignored). Unknown languages and English
    /// get the S-stemmer only.
    pub fn for_language(code: &str) -> Stemmer {
        let base = code
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        use Algorithm::*;
        let snowball = match base.as_str() {
            "ru" => Some((Russian, Script::Cyrillic)),
            "de" => Some((German, Script::Latin)),
            "fr" => Some((French, Script::Latin)),
            "es" => Some((Spanish, Script::Latin)),
            "pt" => Some((Portuguese, Script::Latin)),
            "it" => Some((Italian, Script::Latin)),
            "nl" => Some((Dutch, Script::Latin)),
            "sv" => Some((Swedish, Script::Latin)),
            "da" => Some((Danish, Script::Latin)),
            "no" | "nb" | "nn" => Some((Norwegian, Script::Latin)),
            "fi" => Some((Finnish, Script::Latin)),
            "hu" => Some((Hungarian, Script::Latin)),
            "ro" => Some((Romanian, Script::Latin)),
            "tr" => Some((Turkish, Script::Latin)),
            "el" => Some((Greek, Script::Greek)),
            "ar" => Some((Arabic, Script::Arabic)),
            _ => None,
        };
        Stemmer {
            snowball: snowball.map(|(a, s)| (stem::snowball(a), s)),
        }
    }

    /// The index form of a word: `raw` is the word as written, `folded`
    /// its [`fold_word`]. Returns the Snowball stem when the word is in
    /// the stemmer's script and the folded stem is a prefix of `folded`
    /// (module documentation, rule 4), else the S-stem of `folded`.
    pub fn stem(&self, raw: &str, folded: &str) -> String {
        if let Some((snowball, script)) = &self.snowball
            && raw.chars().next().and_then(Script::of) == Some(*script)
        {
            let stem = fold_word(&snowball.stem(&raw.to_lowercase()));
            if !stem.is_empty() && folded.starts_with(&stem) {
                return stem;
            }
            return folded.to_string();
        }
        let (base, suffix) = s_stem_parts(folded);
        [base, suffix].concat()
    }
}

/// The language of a text, as an ISO 639-1 code, when `whatlang` is
/// sure of it (reliable, or confidence at least 0.5); `None` otherwise (short or mixed text). Code
/// blocks should be removed by the caller: they read as English.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let info = whatlang::detect(text)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    use whatlang::Lang::*;
    Some(match info.lang() {
        Eng => "en",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Rus => "ru",
        Ukr => "uk",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Nld => "nl",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Hun => "hu",
        Ron => "ro",
        Tur => "tr",
        Ell => "el",
        Ara => "ar",
        Pol => "pl",
        Ces => "cs",
        Vie => "vi",
        Ind => "id",
        Tha => "th",
        Heb => "he",
        Hin => "hi",
        Bul => "bg",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        scan(text, |t| out.push(t.text));
        out
    }

    #[test]
    fn space_characters_fold_to_a_plain_space_and_lines_stay() {
        assert_eq!(
            fold_spaces("means\u{a0}x\u{2009}y\u{3000}z\nw\tv"),
            "means x y z\nw\tv"
        );
        assert!(matches!(
            fold_spaces("plain text"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(matches!(
            fold_spaces("слово — это"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn cjk_runs_become_bigrams_and_end_latin_words() {
        assert_eq!(
            tokens("Python垃圾回收机制是什么？"),
            [
                "Python", "垃圾", "圾回", "回收", "收机", "机制", "制是", "是什", "什么"
            ]
        );
        assert_eq!(
            tokens("메타클래스는 뭔가"),
            ["메타", "타클", "클래", "래스", "스는", "뭔가"]
        );
        assert_eq!(tokens("の GIL"), ["の", "GIL"]);
        assert_eq!(
            tokens("デコレーター"),
            ["デコ", "コレ", "レー", "ータ", "ター"]
        );
    }

    #[test]
    fn words_split_at_punctuation_and_mark_hyphens() {
        let mut seen = Vec::new();
        scan("sys.modules multi-threading a - b 中文-x", |t| {
            seen.push((t.text, t.hyphen_before))
        });
        assert_eq!(
            seen,
            [
                ("sys", false),
                ("modules", false),
                ("multi", false),
                ("threading", true),
                ("a", false),
                ("b", false),
                ("中文", false),
                ("x", false)
            ]
        );
    }

    #[test]
    fn combining_marks_stay_in_their_word() {
        assert_eq!(tokens("cafe\u{301} ok"), ["cafe\u{301}", "ok"]);
        assert_eq!(fold_word("cafe\u{301}"), "cafe");
    }

    #[test]
    fn folding_drops_latin_and_cyrillic_diacritics_only() {
        assert_eq!(fold_word("Crème"), "creme");
        assert_eq!(fold_word("Ёлка"), "елка");
        assert_eq!(fold_word("Größe"), "große");
        assert_eq!(fold_word("가나"), "가나");
        assert_eq!(fold_word("がぎ"), "がぎ");
        assert_eq!(fold_word("GIL"), "gil");
    }

    #[test]
    fn snowball_stems_are_prefixes_of_the_folded_word() {
        let ru = Stemmer::for_language("ru");
        assert_eq!(ru.stem("декораторы", "декораторы"), "декоратор");
        assert_eq!(ru.stem("декораторами", "декораторами"), "декоратор");
        // Latin words in a Russian note get the English S-stemmer.
        assert_eq!(ru.stem("Decorators", "decorators"), "decorator");
        let de = Stemmer::for_language("de-AT");
        let stem = de.stem("Häuser", &fold_word("Häuser"));
        assert!(fold_word("Häuser").starts_with(&stem), "{stem}");
        let en = Stemmer::for_language("en");
        assert_eq!(en.stem("libraries", "libraries"), "library");
    }

    #[test]
    fn languages_are_detected_when_sure() {
        assert_eq!(
            detect_language(
                "Что такое декоратор в Python и зачем он нужен? Объясните на примере. \
                 Декоратор — это функция, которая принимает другую функцию и возвращает новую."
            ),
            Some("ru")
        );
        assert_eq!(
            detect_language("Python的垃圾回收机制是什么？请解释引用计数和分代回收。"),
            Some("zh")
        );
        assert_eq!(
            detect_language("메타클래스는 무엇인가요? 클래스를 만드는 클래스입니다."),
            Some("ko")
        );
        assert_eq!(detect_language("ok"), None);
    }
}

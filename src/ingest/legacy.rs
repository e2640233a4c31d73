//! Legacy-codec mojibake: text written in a CJK or Cyrillic encoding
//! (GBK/GB18030, Big5, Shift_JIS, EUC-KR, windows-1251, KOI8-R) whose
//! bytes were later read as Latin-1 / windows-1252 and saved as UTF-8.
//! `Question：` in GBK is `A3 BA` after the colon, which Latin-1 shows as
//! `Question£º`; `Привет` in windows-1251 shows as `Ïðèâåò`.
//!
//! # Method
//!
//! As for UTF-8 mojibake ([`super::mojibake`]): the windows-1252 reading
//! (with Latin-1's C1 controls) is a byte table, so each maximal run of
//! non-ASCII characters that all have a byte is turned back into bytes.
//! Those bytes are then decoded with each candidate codec by `encoding_rs`,
//! without replacement: a run is restored only when it decodes cleanly and
//! every character it gives belongs to the codec's script (Han, kana,
//! Hangul, CJK and full-width punctuation; Cyrillic letters). One codec is
//! chosen per file, the one that restores the most runs. Correct text stays
//! correct:
//!
//! - the double-byte codecs are tried only when at least
//!   [`MIN_SIGNATURE_SHARE`] of the mapped characters are Latin-1 symbols
//!   (`£`, `º`, `¡`), which their trail bytes produce and accented Latin
//!   text lacks, and a codec must restore [`MIN_RESTORED_SHARE`] of the
//!   mapped characters;
//! - the single-byte Cyrillic codecs decode *any* byte to a letter, so they
//!   are chosen only when at least [`MIN_WORD_SHARE`] of the file's mapped
//!   characters sit in runs of [`MIN_WORD_CHARS`] or more (Cyrillic words),
//!   which accented Latin text, an `é` here and a `ü` there, never has;
//! - no codec is tried when fewer than [`MIN_MAPPED_SHARE`] of the file's
//!   non-ASCII characters are mapped (its text in another script already
//!   reads correctly), and a codec must decode some run to two characters
//!   or more: a no-break space beside a dash (`A0 97`) decodes as one
//!   Hangul syllable, and typography is no mojibake.
//!
//! Limitation: Big5 and Shift_JIS put many trail bytes in the ASCII range,
//! which cuts the runs; characters with such a byte are not restored.

use std::sync::LazyLock;

use encoding_rs::{BIG5, EUC_KR, Encoding, GBK, KOI8_R, SHIFT_JIS, WINDOWS_1251, WINDOWS_1252};

/// Least run length (characters) that counts as a word of a single-byte
/// Cyrillic codec.
pub const MIN_WORD_CHARS: usize = 3;

/// Least share of a file's mapped characters in such words for a
/// single-byte codec to be chosen.
pub const MIN_WORD_SHARE: f64 = 0.8;

/// Least share of the mapped characters a codec must restore: real
/// mojibake of one codec restores nearly all of them, accidents a few.
pub const MIN_RESTORED_SHARE: f64 = 0.8;

/// Least share of the mapped characters that are Latin-1 symbols or C1
/// controls (U+0080–U+00BF: `£`, `º`, `¡`, `¶`, …) for a double-byte
/// codec to be tried. Their trail bytes put about a third of double-byte
/// mojibake there; accented Latin text (`Größe`, `crème`) has none.
pub const MIN_SIGNATURE_SHARE: f64 = 0.15;

/// Least share of the file's non-ASCII characters that must be mapped
/// (have a windows-1252 byte) for any codec to be tried: a file whose
/// non-ASCII text is mostly letters of another script (Cyrillic, Han)
/// already reads correctly, and its few mapped characters are typography
/// (`\u{a0}—`, `«\u{a0}`), not mojibake.
pub const MIN_MAPPED_SHARE: f64 = 0.5;

/// The codecs tried, in tie-breaking order.
fn codecs() -> [&'static Encoding; 6] {
    [GBK, BIG5, SHIFT_JIS, EUC_KR, WINDOWS_1251, KOI8_R]
}

/// Windows-1252 (plus Latin-1's C1 controls): character → byte.
static TABLE: LazyLock<Vec<(char, u8)>> = LazyLock::new(|| {
    let mut t: Vec<(char, u8)> = Vec::new();
    for byte in 0x80..=0xFF_u8 {
        let bytes = [byte];
        let (text, bad) = WINDOWS_1252.decode_without_bom_handling(&bytes);
        let mut chars = text.chars();
        if let (Some(c), None, false) = (chars.next(), chars.next(), bad) {
            t.push((c, byte));
        }
    }
    for byte in 0x80..=0x9F_u8 {
        let c = char::from(byte);
        if !t.iter().any(|&(x, _)| x == c) {
            t.push((c, byte));
        }
    }
    t.sort_unstable();
    t
});

fn byte_of(c: char) -> Option<u8> {
    if c.is_ascii() {
        return None;
    }
    let t = &*TABLE;
    t.binary_search_by_key(&c, |&(x, _)| x).ok().map(|i| t[i].1)
}

/// The outcome of [`repair`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The repaired text.
    pub text: String,
    /// The codec the text was originally written in (WHATWG name).
    pub codec: &'static str,
    /// Runs restored.
    pub runs: usize,
    /// Characters of the input those runs replaced.
    pub chars: usize,
}

/// Restores text written in a legacy CJK or Cyrillic codec and mis-read as
/// windows-1252 (see the module documentation). `None` when no codec
/// restores anything, or when the only candidates are single-byte codecs
/// and the file does not read as words of one. Pure and total; the number
/// of lines never changes (no line break is a mapped character).
pub fn repair(text: &str) -> Option<Restored> {
    if text.is_ascii() {
        return None;
    }
    let runs = runs(text);
    if runs.is_empty() {
        return None;
    }
    let mapped: usize = runs.iter().map(|r| r.chars).sum();
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    if (mapped as f64) < MIN_MAPPED_SHARE * non_ascii as f64 {
        return None;
    }
    let in_words: usize = runs
        .iter()
        .filter(|r| r.chars >= MIN_WORD_CHARS)
        .map(|r| r.chars)
        .sum();
    let wordy = in_words as f64 >= MIN_WORD_SHARE * mapped as f64;
    let signature = text
        .chars()
        .filter(|&c| ('\u{80}'..='\u{BF}').contains(&c))
        .count();
    let double_byte_like = signature as f64 >= MIN_SIGNATURE_SHARE * mapped as f64;
    let mut best: Option<(&'static Encoding, usize)> = None;
    for codec in codecs() {
        let single_byte = codec == WINDOWS_1251 || codec == KOI8_R;
        if (single_byte && !wordy) || (!single_byte && !double_byte_like) {
            continue;
        }
        let decoded: Vec<&Run> = runs
            .iter()
            .filter(|r| decode(codec, &r.bytes).is_some())
            .collect();
        let restored_chars: usize = decoded.iter().map(|r| r.chars).sum();
        if (restored_chars as f64) < MIN_RESTORED_SHARE * mapped as f64 {
            continue;
        }
        // A byte pair makes one character, so two mapped characters of
        // typography (a no-break space and a dash, `«` and a no-break
        // space) decode as one: mojibake of a real text gives some run of
        // two characters or more.
        let worded = decoded
            .iter()
            .any(|r| decode(codec, &r.bytes).is_some_and(|t| t.chars().nth(1).is_some()));
        if !worded {
            continue;
        }
        if decoded.len() > best.map_or(0, |b| b.1) {
            best = Some((codec, decoded.len()));
        } else if best.is_some_and(|b| b.0 == GBK && decoded.len() == b.1) && codec == EUC_KR {
            // GBK accepts every EUC-KR byte pair: Korean ends its words
            // with spaces and ASCII punctuation, Chinese (whose punctuation
            // is full-width, inside the runs) does not.
            let spaced = runs
                .iter()
                .filter(|r| text[r.end..].starts_with([' ', '.', ',', ':', ';', '!', '?', ')']))
                .count();
            if spaced * 2 >= runs.len() {
                best = Some((codec, decoded.len()));
            }
        } else if best.is_some_and(|b| b.0 == WINDOWS_1251 && decoded.len() == b.1)
            && codec == KOI8_R
        {
            // Both read any byte as a Cyrillic letter; the wrong one swaps
            // the cases, so words come out in capitals after their first
            // letter.
            let inner_capitals = |c: &'static Encoding| -> usize {
                runs.iter()
                    .filter_map(|r| decode(c, &r.bytes))
                    .map(|w| w.chars().skip(1).filter(|ch| ch.is_uppercase()).count())
                    .sum()
            };
            if inner_capitals(KOI8_R) < inner_capitals(WINDOWS_1251) {
                best = Some((codec, decoded.len()));
            }
        }
    }
    let (codec, count) = best?;
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut chars = 0;
    for r in &runs {
        if let Some(s) = decode(codec, &r.bytes) {
            chars += r.chars;
            out.push_str(&text[last..r.start]);
            out.push_str(&s);
            last = r.end;
        }
    }
    out.push_str(&text[last..]);
    Some(Restored {
        text: out,
        codec: codec.name(),
        runs: count,
        chars,
    })
}

/// A maximal run of mapped characters: its byte range in the text, its
/// character count and its bytes.
struct Run {
    start: usize,
    end: usize,
    chars: usize,
    bytes: Vec<u8>,
}

fn runs(text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut open: Option<Run> = None;
    for (i, c) in text.char_indices() {
        match (byte_of(c), open.as_mut()) {
            (Some(b), Some(r)) => {
                r.end = i + c.len_utf8();
                r.chars += 1;
                r.bytes.push(b);
            }
            (Some(b), None) => {
                open = Some(Run {
                    start: i,
                    end: i + c.len_utf8(),
                    chars: 1,
                    bytes: vec![b],
                });
            }
            (None, _) => out.extend(open.take()),
        }
    }
    out.extend(open);
    out
}

/// `bytes` decoded by `codec` when they decode cleanly into characters of
/// its script only.
fn decode(codec: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let text = codec.decode_without_bom_handling_and_without_replacement(bytes)?;
    let cyrillic = codec == WINDOWS_1251 || codec == KOI8_R;
    let fits = |c: char| {
        if cyrillic {
            ('\u{410}'..='\u{44F}').contains(&c) || c == 'ё' || c == 'Ё'
        } else {
            matches!(c,
                '\u{3000}'..='\u{30FF}' // CJK punctuation, kana
                | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' // Han
                | '\u{AC00}'..='\u{D7A3}' // Hangul syllables
                | '\u{FF01}'..='\u{FF5E}' // full-width forms
                | '\u{2018}'..='\u{201D}' | '\u{2026}' | '\u{00B7}')
        }
    };
    (!text.is_empty() && text.chars().all(fits)).then(|| text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `s` encoded in `codec`, then read as windows-1252 (Latin-1 for the
    /// bytes windows-1252 leaves undefined), as the broken tool did.
    fn garble(s: &str, codec: &'static Encoding) -> String {
        let (bytes, _, _) = codec.encode(s);
        bytes
            .iter()
            .map(|&b| {
                let one = [b];
                let (t, bad) = WINDOWS_1252.decode_without_bom_handling(&one);
                if bad {
                    char::from(b).to_string()
                } else {
                    t.into_owned()
                }
            })
            .collect()
    }

    #[test]
    fn each_codec_round_trips() {
        for (text, codec) in [
            ("Question：写一个程序。提示：用循环。", GBK),
            ("질문: 프로그램을 작성하세요.", EUC_KR),
            ("Вопрос: Напишите программу для строки.", WINDOWS_1251),
            ("Вопрос: Напишите программу для строки.", KOI8_R),
        ] {
            let broken = garble(text, codec);
            assert_ne!(broken, text);
            let fixed =
                repair(&broken).unwrap_or_else(|| panic!("{}: nothing restored", codec.name()));
            assert_eq!(fixed.text, text, "{}", codec.name());
        }
        assert!(garble("Question：", GBK).contains("£º"));
    }

    #[test]
    fn correct_text_is_never_changed() {
        for text in [
            "Café, naïve, résumé; à la crème brûlée.",
            "Straße und Größe, Übung macht den Meister.",
            "中文已经是正确的文本。",
            "Привет, мир: это правильный текст.",
            "plain ascii",
            "x ± y, 5 €, “quotes”",
            // Typography that a double-byte codec would take for one
            // character: a no-break space beside a dash or a guillemet.
            "Конкурентность\u{a0}— это управление многими задачами.",
            "Qu'est-ce que c'est\u{a0}? Une réponse courte\u{a0}— et «\u{a0}claire\u{a0}».",
            "A short note\u{a0}— with one dash.",
        ] {
            assert!(repair(text).is_none(), "{text:?} was changed");
        }
    }

    #[test]
    fn lines_are_kept_and_mixed_files_repair_their_broken_runs() {
        let broken = format!(
            "Question 1\n{}\nSolution:\ncafé\n",
            garble("问题：求和", GBK)
        );
        let fixed = repair(&broken).unwrap();
        assert_eq!(fixed.text, "Question 1\n问题：求和\nSolution:\ncafé\n");
        assert_eq!(fixed.text.lines().count(), broken.lines().count());
    }
}

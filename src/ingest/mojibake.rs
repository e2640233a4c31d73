//! Mojibake repair: undoing UTF-8 that was mis-decoded as a single-byte
//! encoding and saved again.
//!
//! Notes copied between tools often pass through a program that reads UTF-8
//! bytes as Windows-1252 (`–` = `E2 80 93` becomes `â€“`) or, on older Macs,
//! as Mac Roman (`–` becomes `‚Äì`, `📌` = `F0 9F 93 8C` becomes
//! `\u{F8FF}üìå`), and then writes the result back as UTF-8. The text is
//! valid UTF-8, so the decoder cannot notice; only the characters betray it.
//!
//! # Method
//!
//! The mis-decoding is a byte-to-character table, so it can be inverted: for
//! each codec a reverse table *character → byte* is built from
//! `encoding_rs`'s own decoder over bytes `0x80..=0xFF` (WHATWG
//! windows-1252 maps its five undefined bytes to C1 controls such as U+0081;
//! those entries are kept, so e.g. a ZWJ `E2 80 8D` → `â€\u{8D}` round-trips).
//! Then:
//!
//! 1. the text is cut into maximal runs of non-ASCII characters that all
//!    have a byte in the table (a UTF-8 multi-byte sequence contains no ASCII
//!    byte, so a mis-decoded sequence always lies inside one such run);
//! 2. each run is turned back into bytes, and scanned left to right: where a
//!    lead byte starts a sequence that `std::str::from_utf8` accepts (which
//!    rejects overlongs, surrogates and truncations), and the character it
//!    encodes is [plausible](is_plausible), that character replaces the
//!    run's characters; any other byte keeps its original character, so
//!    correct text inside or around a run is untouched;
//! 3. one codec is chosen per file: the one whose pass restores the most
//!    sequences (ties go to Windows-1252, the more common culprit);
//! 4. passes with that codec repeat while they change something, at most
//!    three in all, which undoes text that was mis-decoded twice.
//!
//! Mac Roman's byte `0xF0` decodes to U+F8FF, an invisible private-use
//! character. It is the first byte of every 4-byte emoji, so it has to be
//! part of the run like any other mapped character, or `\u{F8FF}üìå` would
//! lose its lead byte and never be restored.
//!
//! The plausibility test is what keeps correct text correct. Adjacent
//! correct characters can happen to re-encode to a valid sequence; in a Mac
//! Roman file, `“É` re-encodes to `D2 83` = U+0483 (a Cyrillic combining
//! mark) and `“é` to `D2 8E` = U+048E. Accepting only characters that appear
//! in ordinary text — and, in the two-byte range where such accidents
//! concentrate, only common letters — rules those out while every real
//! mojibake pattern still decodes.

use std::sync::LazyLock;

use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};

/// Most passes [`repair`] makes (the first one included).
pub const MAX_PASSES: usize = 3;

/// A single-byte encoding that UTF-8 may have been mis-decoded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Codec {
    /// Windows-1252 (WHATWG), plus the ISO-8859-1 reading of bytes
    /// `0x80..=0x9F` as C1 controls, since Latin-1 decoders leave exactly
    /// those behind.
    Windows1252,
    /// Mac OS Roman (the `encoding_rs` `macintosh` table).
    Macintosh,
}

impl Codec {
    /// Every codec, in tie-breaking order.
    pub const ALL: [Codec; 2] = [Codec::Windows1252, Codec::Macintosh];

    /// The WHATWG label of the codec: `"windows-1252"` or `"macintosh"`.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Windows1252 => "windows-1252",
            Codec::Macintosh => "macintosh",
        }
    }

    /// The reverse table of the codec: for each character that a byte
    /// `0x80..=0xFF` decodes to, that byte.
    fn table(self) -> &'static ReverseTable {
        static CP1252: LazyLock<ReverseTable> =
            LazyLock::new(|| ReverseTable::new(WINDOWS_1252, true));
        static MAC: LazyLock<ReverseTable> = LazyLock::new(|| ReverseTable::new(MACINTOSH, false));
        match self {
            Codec::Windows1252 => &CP1252,
            Codec::Macintosh => &MAC,
        }
    }
}

/// *Character → byte* for the high half of a single-byte encoding. It is
/// consulted for every character of every file, so characters below U+0100
/// are looked up directly and the few others by binary search.
struct ReverseTable {
    /// Byte for each character U+0000..U+00FF (0 = none; no high byte
    /// decodes to NUL).
    low: [u8; 0x100],
    /// Byte for each other character, sorted by character.
    high: Vec<(char, u8)>,
}

impl ReverseTable {
    /// Builds the table of `encoding` by decoding each byte `0x80..=0xFF`
    /// alone. With `latin1_c1`, the C1 controls U+0080..U+009F that are not
    /// already taken also map to their own byte.
    fn new(encoding: &'static Encoding, latin1_c1: bool) -> Self {
        let mut table = ReverseTable {
            low: [0; 0x100],
            high: Vec::new(),
        };
        for byte in 0x80..=0xFF_u8 {
            let bytes = [byte];
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
            let mut chars = text.chars();
            if let (Some(c), None, false) = (chars.next(), chars.next(), had_errors) {
                table.insert(c, byte);
            }
        }
        if latin1_c1 {
            for byte in 0x80..=0x9F_u8 {
                table.insert(char::from(byte), byte);
            }
        }
        table.high.sort_unstable();
        table
    }

    /// Maps `c` to `byte` unless `c` already has a byte.
    fn insert(&mut self, c: char, byte: u8) {
        match u8::try_from(c) {
            Ok(low) if self.low[usize::from(low)] == 0 => self.low[usize::from(low)] = byte,
            Ok(_) => {}
            Err(_) if self.high.iter().any(|&(h, _)| h == c) => {}
            Err(_) => self.high.push((c, byte)),
        }
    }

    /// The byte that decodes to `c`, if any.
    fn get(&self, c: char) -> Option<u8> {
        match u8::try_from(c) {
            Ok(low) => Some(self.low[usize::from(low)]).filter(|&b| b != 0),
            Err(_) => {
                let i = self.high.binary_search_by_key(&c, |&(h, _)| h).ok()?;
                Some(self.high[i].1)
            }
        }
    }

    /// How many characters have a byte.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.low.iter().filter(|&&b| b != 0).count() + self.high.len()
    }
}

/// The outcome of [`repair`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    /// The repaired text (equal to the input when nothing was repaired).
    pub text: String,
    /// The codec the mojibake was undone through; `None` when nothing was.
    pub codec: Option<Codec>,
    /// Mis-decoded sequences restored, summed over all passes (a character
    /// that was mis-decoded twice counts once per pass that touched it).
    pub sequences: usize,
}

/// Restores text that is UTF-8 mis-decoded as Windows-1252 or Mac Roman.
///
/// Input: any text. Output: the repaired text, the codec used and the
/// number of sequences restored (see the module documentation for the
/// method). Text without mojibake comes back unchanged, byte for byte; the
/// number of lines never changes (no repaired character is a line break).
/// Pure and total: never panics.
pub fn repair(text: &str) -> Repaired {
    let unchanged = || Repaired {
        text: text.to_string(),
        codec: None,
        sequences: 0,
    };
    if text.is_ascii() {
        return unchanged();
    }
    let mut best: Option<(Codec, String, usize)> = None;
    for codec in Codec::ALL {
        let (out, n) = repair_pass(text, codec);
        if n > best.as_ref().map_or(0, |b| b.2) {
            best = Some((codec, out, n));
        }
    }
    let Some((codec, mut out, mut sequences)) = best else {
        return unchanged();
    };
    for _ in 1..MAX_PASSES {
        let (next, n) = repair_pass(&out, codec);
        if n == 0 {
            break;
        }
        out = next;
        sequences += n;
    }
    Repaired {
        text: out,
        codec: Some(codec),
        sequences,
    }
}

/// One repair pass through `codec`: returns the new text and how many
/// sequences it restored (0 means the text is returned unchanged).
pub fn repair_pass(text: &str, codec: Codec) -> (String, usize) {
    let table = codec.table();
    let mut out = String::with_capacity(text.len());
    let mut run = Run::default();
    let mut repaired = 0;
    for c in text.chars() {
        match table.get(c) {
            Some(byte) if !c.is_ascii() => {
                run.chars.push(c);
                run.bytes.push(byte);
            }
            _ => {
                repaired += run.flush(&mut out);
                out.push(c);
            }
        }
    }
    repaired += run.flush(&mut out);
    (out, repaired)
}

/// A maximal run of characters that all have a byte in the codec, with
/// those bytes (`chars[i]` decodes from `bytes[i]`).
#[derive(Default)]
struct Run {
    chars: Vec<char>,
    bytes: Vec<u8>,
}

impl Run {
    /// Appends the run to `out`, decoding each valid, plausible UTF-8
    /// sequence in its bytes and keeping every other character as it was;
    /// empties the run and returns the number of sequences decoded.
    fn flush(&mut self, out: &mut String) -> usize {
        let mut repaired = 0;
        let mut i = 0;
        while let Some(&original) = self.chars.get(i) {
            match utf8_sequence_at(&self.bytes[i..]) {
                Some((c, len)) if is_plausible(c) => {
                    out.push(c);
                    repaired += 1;
                    i += len;
                }
                _ => {
                    out.push(original);
                    i += 1;
                }
            }
        }
        self.chars.clear();
        self.bytes.clear();
        repaired
    }
}

/// The multi-byte UTF-8 character at the start of `bytes` and its length,
/// if `bytes` starts with a complete, valid (non-overlong, non-surrogate)
/// sequence of 2 to 4 bytes.
fn utf8_sequence_at(bytes: &[u8]) -> Option<(char, usize)> {
    let len = match *bytes.first()? {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let candidate = bytes.get(..len)?;
    let c = std::str::from_utf8(candidate).ok()?.chars().next()?;
    Some((c, len))
}

/// Whether `c` is a character a notes author plausibly typed, and so may be
/// the result of a repair.
///
/// Accepted: Latin-1 supplement (U+00A0–00FF); Latin Extended-A and the
/// common Latin Extended-B letters (ƒ, Vietnamese ơ ư, Romanian ș ț); Greek
/// letters; basic Cyrillic (U+0400–045F); Latin Extended Additional;
/// general punctuation (spaces, dashes, quotes, ZWJ — not zero-width or
/// bidi controls, not line/paragraph separators); super/subscripts,
/// currency, the keycap mark U+20E3, letterlike, number forms, arrows,
/// mathematical and technical symbols, enclosed alphanumerics, box drawing,
/// blocks, geometric shapes, miscellaneous symbols, dingbats, supplemental
/// arrows and symbols; supplemental punctuation; CJK punctuation, kana,
/// ideographs, Hangul syllables; variation selectors U+FE0E/FE0F; full- and
/// half-width forms; emoji and pictographs U+1F000–1FAFF; emoji tag
/// characters.
///
/// Rejected (everything else), notably: C0/C1 controls, combining marks
/// (U+0300–036F, U+0483–0489, …), IPA and spacing modifiers, rarer
/// Cyrillic and Latin Extended-B letters, Armenian, Hebrew, Arabic and the
/// other two-byte scripts (accidental re-encodings of correct punctuation
/// followed by a letter land there), private use, specials (U+FFF0–FFFF,
/// including U+FFFD), noncharacters and unassigned planes.
pub fn is_plausible(c: char) -> bool {
    matches!(u32::from(c),
        0x00A0..=0x017F
        | 0x0192 | 0x01A0..=0x01A1 | 0x01AF..=0x01B0 | 0x0218..=0x021B
        | 0x0386 | 0x0388..=0x038A | 0x038C | 0x038E..=0x03A1 | 0x03A3..=0x03CE
        | 0x0400..=0x045F
        | 0x1E00..=0x1EFF
        | 0x2000..=0x200A | 0x200D | 0x2010..=0x2027 | 0x202F..=0x205E
        | 0x2070..=0x209C | 0x20A0..=0x20C0 | 0x20E3
        | 0x2100..=0x218B | 0x2190..=0x2426 | 0x2440..=0x244A
        | 0x2460..=0x2BFF | 0x2E00..=0x2E5D
        | 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3
        | 0xFE0E..=0xFE0F | 0xFF01..=0xFFEE
        | 0x1F000..=0x1FAFF | 0xE0020..=0xE007F
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mis-decodes `s`'s UTF-8 bytes through `codec`, like the broken tool did.
    fn mangle(s: &str, codec: Codec) -> String {
        let encoding = match codec {
            Codec::Windows1252 => WINDOWS_1252,
            Codec::Macintosh => MACINTOSH,
        };
        encoding
            .decode_without_bom_handling(s.as_bytes())
            .0
            .into_owned()
    }

    fn assert_unchanged(s: &str) {
        let r = repair(s);
        assert_eq!(r.text, s, "correct text was changed");
        assert_eq!((r.codec, r.sequences), (None, 0), "{s:?}");
    }

    #[test]
    fn tables_cover_the_high_half() {
        assert_eq!(Codec::Windows1252.table().len(), 128 + 27);
        assert_eq!(Codec::Macintosh.table().len(), 128);
        assert_eq!(Codec::Macintosh.table().get('\u{F8FF}'), Some(0xF0));
        assert_eq!(Codec::Macintosh.table().get('é'), Some(0x8E));
        assert_eq!(Codec::Windows1252.table().get('\u{81}'), Some(0x81));
        assert_eq!(Codec::Windows1252.table().get('\u{80}'), Some(0x80));
        assert_eq!(Codec::Windows1252.table().get('€'), Some(0x80));
        assert_eq!(Codec::Windows1252.table().get('é'), Some(0xE9));
        assert_eq!(Codec::Windows1252.table().get('a'), None);
        assert_eq!(Codec::Windows1252.table().get('→'), None);
    }

    #[test]
    fn windows_1252_seed_patterns() {
        let r = repair("## ðŸ”¹ Working â€“ Pythonâ€™s a â†’ b");
        assert_eq!(r.text, "## 🔹 Working – Python’s a → b");
        assert_eq!(r.codec, Some(Codec::Windows1252));
        assert_eq!(r.sequences, 4);
    }

    #[test]
    fn mac_roman_seed_patterns() {
        let input = "‚Äì ‚îÇ ‚ñº \u{F8FF}üìå ‚úî \u{F8FF}üß† ‚öôÔ∏è";
        let r = repair(input);
        assert_eq!(r.text, "– │ ▼ 📌 ✔ 🧠 ⚙\u{FE0F}");
        assert_eq!(r.codec, Some(Codec::Macintosh));
        assert_eq!(r.sequences, 8);
    }

    #[test]
    fn round_trips_every_kind_through_both_codecs() {
        let samples = [
            "café naïve",
            "– — ‘’ “” …",
            "→ • € © ™",
            "│ ▼ ✔ ❌ ✅",
            "📌 🧠 🚀 👨\u{200D}💻 1\u{FE0F}\u{20E3}",
            "中文 日本語 한국어",
            "Ελληνικά Русский",
            "Œuvre ça ñ ß",
            "ȘȚ ơư ẞ",
        ];
        for s in samples {
            for codec in Codec::ALL {
                let r = repair(&mangle(s, codec));
                assert_eq!(r.text, s, "via {}", codec.name());
                assert!(r.sequences > 0);
            }
        }
    }

    #[test]
    fn c1_control_mapping_round_trips() {
        // "Á" = C3 81: byte 0x81 is undefined in Windows-1252 (U+0081).
        let r = repair("Ã\u{81} and â€\u{8D}");
        assert_eq!(r.text, "Á and \u{200D}");
        // A Latin-1 decoder leaves C1 controls where Windows-1252 has
        // punctuation: "â\u{80}\u{93}" is also an en dash.
        assert_eq!(repair("a â\u{80}\u{93} b").text, "a – b");
    }

    #[test]
    fn correct_text_is_never_changed() {
        for s in [
            "café naïve → • € © “quoted” 中文 🚀",
            "\u{A0}•\u{A0}item ❌ ≤ …",
            "“École” et “école”, l’été, «à», ‘été’",
            "Ünïcödé ÀÉÎÕÜ àéîõü ÆØÅ æøå ß",
            "Größe — “à la carte” – très ‘é’",
            "€™ ©® ±µ ¶§ ‰‡",
            "\u{F8FF} private use alone",
        ] {
            assert_unchanged(s);
        }
    }

    #[test]
    fn mac_roman_file_keeps_correct_ecole() {
        // The codec is Mac Roman (emoji mojibake), and `“É`/`“é` would
        // re-encode to U+0483/U+048E: they must be left alone.
        let r = repair("\u{F8FF}üìå “École” and “école” ‚Äì ok");
        assert_eq!(r.text, "📌 “École” and “école” – ok");
        assert_eq!(r.codec, Some(Codec::Macintosh));
    }

    #[test]
    fn mixed_correct_and_mojibake() {
        let r = repair("café â€“ naïve ’â€“’ éâ€™s “x”");
        assert_eq!(r.text, "café – naïve ’–’ é’s “x”");
        assert_eq!(r.sequences, 3);
        let r = repair("l’été ‚Äì “é” \u{F8FF}üöÄ’");
        assert_eq!(r.text, "l’été – “é” 🚀’");
    }

    #[test]
    fn truncated_and_invalid_sequences_keep_their_chars() {
        // Lead byte without continuation, overlong (C0 80 = "À€"),
        // surrogate (ED A0 80 = "í\u{A0}€").
        for s in ["x â€ y", "Ã", "ð", "í\u{A0}€", "\u{F8FF}ü", "Ô£ø"] {
            assert_unchanged(s);
        }
    }

    #[test]
    fn double_encoding_is_undone() {
        let once = mangle("a – b 🚀", Codec::Windows1252);
        let twice = mangle(&once, Codec::Windows1252);
        let r = repair(&twice);
        assert_eq!(r.text, "a – b 🚀");
        assert!(r.sequences > 2);
        let mac = mangle(&mangle("x – y", Codec::Macintosh), Codec::Macintosh);
        assert_eq!(repair(&mac).text, "x – y");
    }

    #[test]
    fn most_sequences_decide_the_codec() {
        // One Mac Roman sequence against three Windows-1252 ones: only the
        // Windows-1252 ones are repaired (one codec per file).
        let r = repair("â€“ â€” â€™ and ‚Äì");
        assert_eq!(r.codec, Some(Codec::Windows1252));
        assert_eq!(r.text, "– — ’ and ‚Äì");
    }

    #[test]
    fn line_count_is_preserved() {
        let s = "a â€“\nb\u{F8FF}\n\nÃ©\n";
        assert_eq!(repair(s).text.lines().count(), s.lines().count());
    }

    #[test]
    fn plausibility() {
        for c in [
            'é', 'ā', 'α', 'ж', '–', '€', '→', '│', '▼', '✔', '中', '📌', '\u{FE0F}', '\u{200D}',
        ] {
            assert!(is_plausible(c), "{c:?}");
        }
        for c in [
            '\u{81}',
            '\u{1}',
            '\u{301}',
            '\u{483}',
            '\u{48E}',
            '\u{54E}',
            '\u{F8FF}',
            '\u{FFFD}',
            '\u{2028}',
            '\u{202E}',
            '\u{E000}',
            '\u{10FFFF}',
        ] {
            assert!(!is_plausible(c), "{c:?}");
        }
    }
}

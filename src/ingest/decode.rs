//! Bytes → text.
//!
//! Notes arrive from many editors and operating systems: UTF-8 with or
//! without a byte-order mark, UTF-16 from Windows tools, legacy Windows-1252
//! from old editors, CRLF or bare CR line endings. Everything downstream
//! wants one thing — valid UTF-8 with `\n` line endings — so this module is
//! the single place where that is ensured.
//!
//! Two properties matter more than cleverness:
//!
//! * **No text is lost.** Bytes that are not valid UTF-8 are not replaced
//!   with U+FFFD; each such byte is read as Windows-1252 (the encoding such
//!   bytes almost always come from), so an author's `caf\xE9` stays `café`.
//! * **Lines are preserved.** CRLF and lone CR each become exactly one `\n`
//!   and a BOM is dropped without touching line breaks, so a line number
//!   computed on the decoded text is the line number in the file, which is
//!   what error messages must name.
//!
//! Binary files (anything with a NUL byte that is not UTF-16) are reported,
//! not decoded: a notes directory occasionally holds an image or an archive,
//! and turning it into a page of garbage helps nobody.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Text decoded from a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text: valid UTF-8, no BOM, `\n` line endings only.
    pub text: String,
    /// How the bytes were read: `"utf-8"`, `"utf-16le"`, `"utf-16be"`, or
    /// `"windows-1252"` (the file was not valid UTF-8; its invalid bytes were
    /// read as Windows-1252 while its valid UTF-8 sequences were kept).
    pub encoding: &'static str,
}

/// Why a file's bytes were not decoded as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText {
    /// Human-readable reason, e.g. `"binary file (NUL bytes)"`.
    pub reason: String,
}

/// Decodes a file's raw bytes to text.
///
/// In order:
/// 1. a UTF-16 LE (`FF FE`) or BE (`FE FF`) byte-order mark selects UTF-16
///    (via `encoding_rs`; an unpaired surrogate or a dangling odd byte
///    becomes U+FFFD, which is the only case where a byte cannot be kept);
///    so does, without a mark, the NUL pattern of mostly-ASCII UTF-16 (a
///    zero in nearly every other byte, see `utf16_without_bom`);
/// 2. otherwise a NUL byte anywhere means a binary file → [`NotText`];
/// 3. otherwise a UTF-8 BOM (`EF BB BF`) is dropped and the rest is read as
///    UTF-8, except that every byte that is not part of a valid UTF-8
///    sequence is read as Windows-1252 (WHATWG mapping, so all 256 byte
///    values map to a character);
/// 4. CRLF and lone CR become `\n`.
///
/// Pure and total: never panics, for any input.
///
/// Errors: [`NotText`] for binary content (NUL bytes outside UTF-16, or a
/// NUL character inside UTF-16 text).
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some((text, encoding)) = decode_utf16(bytes) {
        if text.contains('\0') {
            return Err(NotText {
                reason: format!("binary file (NUL character in {encoding} text)"),
            });
        }
        return Ok(Decoded {
            text: normalize_newlines(&text),
            encoding,
        });
    }
    if bytes.contains(&0) {
        return Err(NotText {
            reason: "binary file (NUL bytes)".to_string(),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, encoding) = match std::str::from_utf8(bytes) {
        Ok(s) => (normalize_newlines(s), "utf-8"),
        Err(_) => (
            normalize_newlines(&utf8_with_cp1252_fallback(bytes)),
            "windows-1252",
        ),
    };
    Ok(Decoded { text, encoding })
}

/// Decodes `bytes` as UTF-16 when they start with a UTF-16 BOM; returns the
/// text (BOM removed) and the encoding's name, or `None` without a BOM.
fn decode_utf16(bytes: &[u8]) -> Option<(String, &'static str)> {
    let (codec, name, rest) = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (UTF_16LE, "utf-16le", rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (UTF_16BE, "utf-16be", rest)
    } else {
        let codec = if utf16_without_bom(bytes)? {
            (UTF_16LE, "utf-16le")
        } else {
            (UTF_16BE, "utf-16be")
        };
        // Without a mark, only clean text counts: no invalid sequence and
        // no control character but tab and line breaks.
        let (text, had_errors) = codec.0.decode_without_bom_handling(bytes);
        let clean = !had_errors
            && text
                .chars()
                .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'));
        return clean.then(|| (text.into_owned(), codec.1));
    };
    let (text, _had_errors) = codec.decode_without_bom_handling(rest);
    Some((text.into_owned(), name))
}

/// Recognises UTF-16 written without a byte-order mark by its NUL pattern:
/// text that is mostly ASCII puts a zero in every character's high byte
/// (odd offsets in little-endian, even in big-endian) and almost never in
/// the low one. Looks at the first 4 KiB; `Some(true)` for little-endian,
/// `Some(false)` for big-endian, `None` when the pattern is not there.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // At least 30 % of characters with a zero high byte, at most 2 % with a
    // zero low byte.
    let looks = |high: usize, low: usize| high * 10 >= pairs * 3 && low * 50 <= pairs;
    if looks(odd, even) {
        Some(true)
    } else if looks(even, odd) {
        Some(false)
    } else {
        None
    }
}

/// Reads `bytes` as UTF-8, replacing each byte of an invalid sequence by its
/// Windows-1252 character instead of U+FFFD, so no byte is lost.
fn utf8_with_cp1252_fallback(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        // Decoded together, consecutive invalid bytes give the same result
        // as one by one: Windows-1252 is a single-byte encoding.
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(chunk.invalid());
        out.push_str(&text);
    }
    out
}

/// Turns CRLF and lone CR into `\n`; every line break stays one line break.
pub fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        match decode(bytes) {
            Ok(d) => d,
            Err(e) => panic!("expected text, got {e:?}"),
        }
    }

    #[test]
    fn utf16_without_a_bom_is_recognised_by_its_nul_pattern() {
        let text = "1. What is the GIL?\nThe lock (блокировка) around bytecode.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "utf-16le"), (be, "utf-16be")] {
            let d = decode(&bytes).unwrap_or_else(|e| panic!("{name}: {}", e.reason));
            assert_eq!((d.text.as_str(), d.encoding), (text, name));
        }
        // Binary data with scattered NULs stays binary.
        assert!(decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01").is_err());
    }

    #[test]
    fn plain_utf8_is_kept() {
        let d = ok("café → 🚀\n".as_bytes());
        assert_eq!(d.text, "café → 🚀\n");
        assert_eq!(d.encoding, "utf-8");
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let d = ok(b"\xEF\xBB\xBFhi\n");
        assert_eq!(d.text, "hi\n");
        assert_eq!(d.encoding, "utf-8");
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let s = "a–é\r\n🚀\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let (dle, dbe) = (ok(&le), ok(&be));
        assert_eq!(dle.text, "a–é\n🚀\n");
        assert_eq!(dle.encoding, "utf-16le");
        assert_eq!(dbe.text, "a–é\n🚀\n");
        assert_eq!(dbe.encoding, "utf-16be");
    }

    #[test]
    fn odd_utf16_tail_does_not_panic() {
        let d = ok(b"\xFF\xFEa\x00b");
        assert_eq!(d.text, "a\u{FFFD}");
    }

    #[test]
    fn utf16_nul_character_is_binary() {
        assert!(decode(b"\xFF\xFEa\x00\x00\x00").is_err());
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let e = decode(b"PK\x03\x04\x00\x00").unwrap_err();
        assert!(e.reason.contains("NUL"), "{}", e.reason);
        assert!(decode(b"text\0").is_err());
    }

    #[test]
    fn invalid_utf8_falls_back_to_cp1252_per_byte() {
        let d = ok(b"caf\xE9 \x93q\x94 na\xC3\xAFve \x80");
        assert_eq!(d.text, "café “q” naïve €");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn cp1252_undefined_bytes_keep_a_character() {
        let d = ok(b"a\x81b\x8Dc\x8Fd\x90e\x9D");
        assert_eq!(d.text.chars().count(), 10);
        assert!(d.text.contains('\u{81}'));
    }

    #[test]
    fn truncated_utf8_sequence_is_kept_as_cp1252() {
        let d = ok(b"x\xE2\x80");
        assert_eq!(d.text, "xâ€");
    }

    #[test]
    fn newlines_are_normalised_one_for_one() {
        let d = ok(b"a\r\nb\rc\n\r\nd\r");
        assert_eq!(d.text, "a\nb\nc\n\nd\n");
        assert_eq!(normalize_newlines("\r\r\n"), "\n\n");
    }
}

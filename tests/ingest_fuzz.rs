//! No input can make ingest panic, and no input makes it add or remove a
//! line: deterministic pseudo-random bytes (biased towards the bytes that
//! matter: BOMs, line breaks, delimiters, UTF-8 lead and continuation bytes,
//! mojibake) and truncations of every seed go through decode, repair and
//! front matter.

mod common;

use std::path::Path;

use common::Rng;

use docgen::extract::extract;
use docgen::ingest::{clean_text, front_matter, mojibake};

const FRAGMENTS: &[&[u8]] = &[
    b"---\n",
    b"---\r\n",
    b"\r",
    b"\n",
    b"\r\n",
    b"title: x\n",
    b"author: y\n",
    b": [",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\x00",
    "â€“".as_bytes(),
    "ðŸ”¹".as_bytes(),
    "‚Äì".as_bytes(),
    "\u{F8FF}üìå".as_bytes(),
    "“École”".as_bytes(),
    "café".as_bytes(),
    "→•€©".as_bytes(),
    "🚀中文".as_bytes(),
    b"\xE2\x80",
    b"\xF0\x9F",
    b"\xC3",
    b"\x80\xBF",
    b"\xED\xA0\x80",
    b"\xC0\x80",
];

fn random_input(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = Vec::new();
    for _ in 0..rng.below(40) {
        if rng.below(2) == 0 {
            bytes.extend_from_slice(FRAGMENTS[rng.below(FRAGMENTS.len())]);
        } else {
            for _ in 0..rng.below(8) {
                // Mostly high bytes and ASCII letters; every value possible.
                let b = match rng.below(4) {
                    0 => (rng.next() & 0xFF) as u8,
                    1 => b'a' + (rng.below(26) as u8),
                    _ => 0x80 + (rng.below(0x80) as u8),
                };
                bytes.push(b);
            }
        }
    }
    bytes
}

/// Line breaks in `bytes` read as UTF-8-ish text: LF, CR and CRLF count
/// one each.
fn line_breaks(bytes: &[u8]) -> usize {
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() - crlf
}

/// Runs the whole pure pipeline; checks the invariants that hold for any
/// input.
fn check(bytes: &[u8]) {
    let Ok((text, repair)) = clean_text(bytes) else {
        return;
    };
    assert!(!text.contains('\r'), "CR left in {bytes:?}");
    let utf16 = repair
        .as_ref()
        .is_some_and(|r| r.decoded_as.starts_with("utf-16"));
    if !utf16 {
        assert!(!bytes.contains(&0), "NUL bytes accepted: {bytes:?}");
        assert_eq!(text.matches('\n').count(), line_breaks(bytes), "{bytes:?}");
    }
    if let Some(r) = &repair {
        assert!(r.mojibake_codec.is_some() || r.decoded_as != "utf-8");
    }
    let again = mojibake::repair(&text);
    assert_eq!(again.text.matches('\n').count(), text.matches('\n').count());
    if let Ok(parsed) = front_matter::parse(Path::new("fuzz.md"), &text) {
        let before = text.len() - parsed.body.len();
        assert_eq!(text[..before].matches('\n').count() + 1, parsed.body_line);
        // Extraction takes what ingest hands it; every entry lies in the body.
        let x = extract("fuzz.md", parsed.body, parsed.body_line);
        let last = parsed.body_line + parsed.body.matches('\n').count();
        for e in &x.entries {
            assert!(
                e.line >= parsed.body_line && e.line <= last,
                "line {} outside the body in {bytes:?}",
                e.line
            );
        }
    }
}

/// Inputs per fuzz test: `DOCGEN_FUZZ_ROUNDS`, else `default` (what a CI
/// run affords). The long campaign is `DOCGEN_FUZZ_ROUNDS=1000000 cargo
/// test --release --test ingest_fuzz --test extract_robust`.
fn rounds(default: usize) -> usize {
    std::env::var("DOCGEN_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..rounds(20_000) {
        check(&random_input(&mut rng));
    }
}

#[test]
fn random_mojibake_runs_never_panic() {
    // Text made only of characters the reverse tables know, so every run
    // is long and every byte combination gets tried by the repair.
    let alphabet: Vec<char> = "âÃÂðŸ”¹€“™’‚ÄìîÇñº\u{F8FF}üìåúîÔ∏è√©\u{81}\u{8D}\u{A0}•é«»–—"
        .chars()
        .collect();
    let mut rng = Rng(42);
    for _ in 0..rounds(20_000) {
        let len = rng.below(24);
        let s: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        let r = mojibake::repair(&s);
        assert!(r.text.chars().count() <= s.chars().count());
        assert_eq!(r.sequences == 0, r.text == s, "{s:?}");
    }
}

#[test]
fn seed_truncations_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut seeds = 0;
    for entry in std::fs::read_dir(&dir).expect("content dir") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue; // the seeds; content/ also holds the concept catalog
        }
        let bytes = std::fs::read(&path).expect("seed");
        for cut in (0..=bytes.len()).step_by(97) {
            check(&bytes[..cut]);
            check(&bytes[cut..]);
        }
        seeds += 1;
    }
    assert_eq!(seeds, 5);
}

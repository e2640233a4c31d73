//! The ingest stage on the bundled corpus in `content/`: the real files
//! whose mojibake motivated the repair, and the real files that must come
//! through untouched.

use std::path::{Path, PathBuf};

use docgen::ingest::{Ingested, SourceDoc, ingest_dir};
use docgen::walk::Confinement;
use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn ingest() -> Ingested {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let confinement = Confinement::new(root, Default::default()).expect("the repository");
    match ingest_dir(&content_dir(), &confinement) {
        Ok(i) => i,
        Err(e) => panic!("ingest failed: {e}"),
    }
}

fn doc<'a>(ingested: &'a Ingested, prefix: &str) -> &'a SourceDoc {
    match ingested.docs.iter().find(|d| d.name.starts_with(prefix)) {
        Some(d) => d,
        None => panic!("no seed {prefix}_*"),
    }
}

fn raw(doc: &SourceDoc) -> String {
    match std::fs::read_to_string(&doc.path) {
        Ok(s) => s,
        Err(e) => panic!("{}: {e}", doc.path.display()),
    }
}

/// Independent oracle for a file that is mojibake throughout: encode the
/// whole text back through `encoding` and read the bytes as UTF-8.
fn whole_file_oracle(text: &str, encoding: &'static Encoding) -> String {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(
        !unmappable,
        "seed has characters outside {}",
        encoding.name()
    );
    match String::from_utf8(bytes.into_owned()) {
        Ok(s) => s,
        Err(e) => panic!("oracle bytes are not UTF-8: {e}"),
    }
}

#[test]
fn all_five_seeds_in_path_order() {
    let ingested = ingest();
    let names: Vec<_> = ingested.docs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "000_69d8f41b86597f81.txt",
            "001_5a049319be0a12ce.txt",
            "002_c6b3020608aba2d0.txt",
            "003_03a2a9384503ddaa.txt",
            "004_e591661f70ddc464.txt",
        ]
    );
    assert!(ingested.skipped.is_empty());
    for d in &ingested.docs {
        assert_eq!(d.body_line, 1, "{}", d.name);
        assert_eq!(d.front_matter, Default::default(), "{}", d.name);
        assert_eq!(d.body.lines().count(), raw(d).lines().count(), "{}", d.name);
    }
}

#[test]
fn no_mojibake_survives() {
    let ingested = ingest();
    let bad = [
        "â€", "ðŸ", "Ã©", "‚Ä", "‚î", "üì", "‚úî", "\u{F8FF}", "Ã", "Â",
    ];
    for d in &ingested.docs {
        for b in bad {
            assert!(!d.body.contains(b), "{} still contains {b:?}", d.name);
        }
    }
}

#[test]
fn correct_seeds_are_byte_identical() {
    let ingested = ingest();
    for prefix in ["001", "003"] {
        let d = doc(&ingested, prefix);
        assert_eq!(d.body, raw(d), "{} was changed", d.name);
        assert_eq!(d.repair, None, "{}", d.name);
    }
    let body = &doc(&ingested, "001").body;
    for c in ['\u{A0}', '•', '→', '’', '❌', '≤', '“'] {
        assert!(body.contains(c), "001 lost {c:?}");
    }
}

#[test]
fn seed_000_is_repaired_through_windows_1252() {
    let ingested = ingest();
    let d = doc(&ingested, "000");
    let expected = whole_file_oracle(&raw(d), WINDOWS_1252);
    assert_eq!(d.body, expected);
    for c in ["🔹", "Python Internal Working – Questions", "Python’s", "→"] {
        assert!(d.body.contains(c), "missing {c:?}");
    }
    let repair = d.repair.clone().expect("000 needs a repair record");
    assert_eq!(repair.decoded_as, "utf-8");
    assert_eq!(repair.mojibake_codec.as_deref(), Some("windows-1252"));
    assert_eq!(repair.sequences_repaired, non_ascii_count(&expected));
    assert_eq!(repair.sequences_repaired, 9);
}

#[test]
fn seeds_002_and_004_are_repaired_through_mac_roman() {
    let ingested = ingest();
    let cases = [
        (
            "002",
            &["–", "│", "▼", "📌", "✔", "’", "❌", "✅", "👇"][..],
            35,
        ),
        (
            "004",
            &["🧠", "⚙\u{FE0F}", "✍\u{FE0F}", "🚀", "—", "⚡", "🧩"][..],
            16,
        ),
    ];
    for (prefix, wanted, count) in cases {
        let d = doc(&ingested, prefix);
        let expected = whole_file_oracle(&raw(d), MACINTOSH);
        assert_eq!(d.body, expected, "{}", d.name);
        for c in wanted {
            assert!(d.body.contains(c), "{} is missing {c:?}", d.name);
        }
        let repair = d.repair.clone().expect("needs a repair record");
        assert_eq!(repair.decoded_as, "utf-8");
        assert_eq!(repair.mojibake_codec.as_deref(), Some("macintosh"));
        assert_eq!(repair.sequences_repaired, non_ascii_count(&expected));
        assert_eq!(repair.sequences_repaired, count, "{}", d.name);
    }
}

#[test]
fn repaired_seeds_are_stable() {
    // A second run over the repaired text finds nothing left to do.
    for d in &ingest().docs {
        let again = docgen::ingest::mojibake::repair(&d.body);
        assert_eq!(again.text, d.body, "{}", d.name);
        assert_eq!(again.sequences, 0, "{}", d.name);
    }
}

fn non_ascii_count(s: &str) -> usize {
    s.chars().filter(|c| !c.is_ascii()).count()
}

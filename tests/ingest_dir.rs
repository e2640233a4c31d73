//! `ingest_dir` on constructed directories: walking, encodings, binary
//! files, front matter and the line numbers in its errors.

use std::path::Path;

use docgen::Error;
use docgen::ingest::{Ingested, Repair};
use docgen::walk::Confinement;

/// Ingests `content` as the notes folder of a project rooted at its parent.
fn ingest_dir(content: &Path) -> docgen::Result<Ingested> {
    let root = content.parent().expect("a parent");
    docgen::ingest::ingest_dir(content, &Confinement::new(root, Default::default())?)
}

fn write(root: &Path, name: &str, bytes: &[u8]) {
    let path = root.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create dir");
    }
    std::fs::write(path, bytes).expect("write file");
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn ingest_ok(root: &Path) -> Ingested {
    match ingest_dir(root) {
        Ok(i) => i,
        Err(e) => panic!("ingest failed: {e}"),
    }
}

fn one_doc(bytes: &[u8]) -> docgen::ingest::SourceDoc {
    let dir = tempdir();
    write(dir.path(), "note.md", bytes);
    let mut ingested = ingest_ok(dir.path());
    assert_eq!(ingested.docs.len(), 1, "skipped: {:?}", ingested.skipped);
    ingested.docs.remove(0)
}

fn yaml_error(name: &str, bytes: &[u8]) -> (usize, usize, String) {
    let dir = tempdir();
    write(dir.path(), name, bytes);
    match ingest_dir(dir.path()) {
        Err(e @ Error::Yaml { line, column, .. }) => (line, column, e.to_string()),
        other => panic!("expected a YAML error, got {other:?}"),
    }
}

fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in s.encode_utf16() {
        let bytes = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend_from_slice(&bytes);
    }
    out
}

#[test]
fn walks_recursively_sorted_skipping_hidden_and_other_files() {
    let dir = tempdir();
    for name in [
        "b.md",
        "a-b.md",
        "a/z.md",
        "a.txt",
        "deep/er/x.markdown",
        "UP.MD",
        ".hidden.md",
        ".git/config.md",
        "sub/.draft/n.md",
        "img.png",
        "notes.rst",
        "md",
    ] {
        write(dir.path(), name, b"text\n");
    }
    let ingested = ingest_ok(dir.path());
    let names: Vec<_> = ingested.docs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "UP.MD",
            "a/z.md",
            "a-b.md",
            "a.txt",
            "b.md",
            "deep/er/x.markdown"
        ]
    );
    let deep = &ingested.docs[5];
    assert_eq!(deep.path, dir.path().join("deep/er/x.markdown"));
    assert!(ingested.skipped.is_empty());
}

#[test]
fn missing_directory_is_an_io_error() {
    let dir = tempdir();
    let missing = dir.path().join("nope");
    match ingest_dir(&missing) {
        Err(Error::Io { path, .. }) => assert_eq!(path, missing),
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

#[test]
fn binary_files_are_skipped_with_a_reason() {
    let dir = tempdir();
    write(dir.path(), "a.md", b"# fine\n");
    write(
        dir.path(),
        "blob.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    );
    let ingested = ingest_ok(dir.path());
    assert_eq!(ingested.docs.len(), 1);
    assert_eq!(ingested.skipped.len(), 1);
    assert_eq!(ingested.skipped[0].name, "blob.txt");
    assert!(
        ingested.skipped[0].reason.contains("binary"),
        "{:?}",
        ingested.skipped
    );
}

#[test]
fn plain_utf8_and_bom_need_no_repair_record() {
    assert_eq!(one_doc("café → 🚀\n".as_bytes()).repair, None);
    let d = one_doc(b"\xEF\xBB\xBFhello\r\nworld\r\n");
    assert_eq!((d.body.as_str(), d.repair), ("hello\nworld\n", None));
}

#[test]
fn utf16_files_are_decoded() {
    for (big_endian, label) in [(false, "utf-16le"), (true, "utf-16be")] {
        let d = one_doc(&utf16(
            "---\r\ntitle: Ünï\r\n---\r\n# 中文 – 🚀\r\n",
            big_endian,
        ));
        assert_eq!(d.body, "# 中文 – 🚀\n");
        assert_eq!(d.body_line, 4);
        assert_eq!(d.front_matter.title.as_deref(), Some("Ünï"));
        let expected = Repair {
            decoded_as: label.to_string(),
            mojibake_codec: None,
            sequences_repaired: 0,
            written_in: None,
        };
        assert_eq!(d.repair, Some(expected));
    }
}

#[test]
fn windows_1252_fallback_is_recorded() {
    let d = one_doc(b"caf\xE9 \x93quoted\x94 \x96 done\r\n");
    assert_eq!(d.body, "café “quoted” – done\n");
    let repair = d.repair.expect("a repair record");
    assert_eq!(repair.decoded_as, "windows-1252");
    assert_eq!(repair.mojibake_codec, None);
}

#[test]
fn mojibake_is_recorded() {
    let d = one_doc("Pythonâ€™s GIL â€“ ðŸ”¹\n".as_bytes());
    assert_eq!(d.body, "Python’s GIL – 🔹\n");
    let expected = Repair {
        decoded_as: "utf-8".to_string(),
        mojibake_codec: Some("windows-1252".to_string()),
        sequences_repaired: 3,
        written_in: None,
    };
    assert_eq!(d.repair, Some(expected));
}

#[test]
fn front_matter_is_parsed_and_body_line_kept() {
    let d = one_doc(b"---\ntitle: GIL\nsource: Notes\nurl: https://x.test\n---\n\n# Body\n");
    assert_eq!(d.front_matter.title.as_deref(), Some("GIL"));
    assert_eq!(d.front_matter.source.as_deref(), Some("Notes"));
    assert_eq!(d.front_matter.url.as_deref(), Some("https://x.test"));
    assert_eq!(d.body, "\n# Body\n");
    assert_eq!(d.body_line, 6);
}

#[test]
fn wrong_value_error_names_file_key_and_line() {
    let (line, column, msg) = yaml_error("bad.md", b"---\ntitle: x\n\ndraft: maybe\n---\nbody\n");
    assert_eq!((line, column), (4, 1), "{msg}");
    assert!(msg.contains("bad.md:4:1:"), "{msg}");
    assert!(msg.contains("draft"), "{msg}");
}

#[test]
fn other_tools_keys_never_fail_the_build() {
    let d = one_doc(b"---\ntitle: x\nauthor: me\ncssclasses: [wide]\n---\nbody\n");
    assert_eq!(d.front_matter.title.as_deref(), Some("x"));
    assert_eq!(d.front_matter.extra.len(), 2);
}

#[test]
fn malformed_yaml_error_names_file_line_and_column() {
    let (line, column, msg) = yaml_error("sub/m.md", b"---\ntitle: a\nurl: b: c\n---\n");
    assert_eq!((line, column), (3, 7), "{msg}");
    assert!(msg.contains("m.md:3:7:"), "{msg}");
}

#[test]
fn error_lines_survive_bom_crlf_utf16_and_repair() {
    let text = "---\r\ntitle: â€“ x\r\n# c\r\ndraft: y\r\n---\r\nbody\r\n";
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    for bytes in [
        bom,
        utf16(text, false),
        text.replace("\r\n", "\r").into_bytes(),
    ] {
        let (line, column, msg) = yaml_error("x.txt", &bytes);
        assert_eq!((line, column), (4, 1), "{msg}");
    }
}

#[test]
fn no_closing_delimiter_means_no_front_matter() {
    let d = one_doc(b"---\ntitle: x\n# rule above, no block\n");
    assert_eq!(d.front_matter, Default::default());
    assert_eq!(
        (d.body.as_str(), d.body_line),
        ("---\ntitle: x\n# rule above, no block\n", 1)
    );
}

#[test]
fn legacy_codec_mojibake_is_restored_and_recorded() {
    // `问题：求和` written in GBK, read as Latin-1 / windows-1252.
    let (gbk, _, _) = encoding_rs::GBK.encode("Question 1\n问题：求和\n");
    let garbled: String = gbk
        .iter()
        .map(|&b| {
            let one = [b];
            let (t, bad) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
            if bad {
                char::from(b).to_string()
            } else {
                t.into_owned()
            }
        })
        .collect();
    let d = one_doc(garbled.as_bytes());
    assert_eq!(d.body, "Question 1\n问题：求和\n");
    let repair = d.repair.expect("a repair record");
    assert_eq!(repair.written_in.as_deref(), Some("gbk"));
}

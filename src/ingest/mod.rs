//! Stage 1, **ingest**: every notes file under `content/` becomes a
//! [`SourceDoc`]: decoded, mojibake repaired, line endings normalised and
//! front matter parsed.
//!
//! This is the only stage that reads `content/`. Later stages see text only.
//!
//! The work is split by concern, each step a pure function so it can be
//! tested on constructed input:
//!
//! * walking the directory (here): deterministic order, only notes files;
//! * [`decode`]: bytes → text (BOMs, UTF-16, Windows-1252 fallback, binary
//!   detection, line endings);
//! * [`mojibake`]: text that was mis-decoded on its way here is restored;
//! * [`front_matter`]: the optional YAML block is split off and parsed.
//!
//! Line numbers are sacred across all steps: none of them adds or removes a
//! line, so [`SourceDoc::body_line`] and every later message name the line
//! the author sees in the file.

pub mod decode;
pub mod front_matter;
pub mod mojibake;

use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

/// One notes file, ready for extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceDoc {
    /// Path under `content/`, `/`-separated (e.g. `000_69d8f41b86597f81.txt`).
    /// This is the `source` named in `handbook.json` and in error messages.
    pub name: String,
    /// Absolute or root-relative path of the file on disk, for messages.
    pub path: PathBuf,
    /// The text after the front matter: valid UTF-8, `\n` line endings,
    /// mojibake repaired.
    pub body: String,
    /// 1-based line of the file on which `body` starts (1 without front matter).
    pub body_line: usize,
    /// The parsed front matter (all fields empty when there is none).
    pub front_matter: FrontMatter,
    /// What decoding and repair did to the bytes; `None` when nothing.
    pub repair: Option<Repair>,
}

/// The optional YAML block at the top of a notes file.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Title of the note (used for an article's page title).
    pub title: Option<String>,
    /// Display name of the source (overrides `docgen.yaml`'s `sources`).
    pub source: Option<String>,
    /// Where the note came from.
    pub url: Option<String>,
}

/// A record of how a file's bytes were turned into correct text.
#[derive(Debug, Clone, PartialEq)]
pub struct Repair {
    /// How the bytes were decoded: `"utf-8"`, `"utf-16le"`, `"windows-1252"`, ….
    pub decoded_as: String,
    /// The codec the mojibake was undone through (`"windows-1252"` or
    /// `"macintosh"`), if any was.
    pub mojibake_codec: Option<String>,
    /// How many mis-decoded sequences were restored.
    pub sequences_repaired: usize,
}

/// A file under `content/` that was not ingested, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// Path under `content/`.
    pub name: String,
    /// Human-readable reason, e.g. "binary file (NUL bytes)".
    pub reason: String,
}

/// All notes under one `content/` directory.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    /// Notes in path order (sorted, so builds are deterministic).
    pub docs: Vec<SourceDoc>,
    /// Files skipped with a warning.
    pub skipped: Vec<Skipped>,
}

/// File extensions (compared ASCII-case-insensitively) that hold notes.
pub const NOTE_EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// Reads every `.md`, `.markdown` and `.txt` file under `content_dir`
/// (recursively, sorted by path) into [`SourceDoc`]s.
///
/// Hidden files and directories (name starting with `.`) are ignored;
/// symbolic links are followed. The extension only selects files; their
/// format is sniffed later from the content.
///
/// Errors: [`crate::Error::Io`] when a file or directory cannot be read,
/// [`crate::Error::Yaml`] for malformed front matter (file, line, column).
/// Binary files are skipped and listed in [`Ingested::skipped`].
pub fn ingest_dir(content_dir: &Path) -> crate::Result<Ingested> {
    let mut out = Ingested::default();
    for (name, path) in list_notes(content_dir)? {
        match ingest_file(name, path)? {
            FileOutcome::Doc(doc) => out.docs.push(doc),
            FileOutcome::Skipped(skipped) => out.skipped.push(skipped),
        }
    }
    Ok(out)
}

/// Reads and ingests one notes file (see [`ingest_bytes`]). `docgen
/// serve`'s quick preview reads an edited file through this, so ingest
/// stays the one stage that reads `content/`.
///
/// Errors: [`crate::Error::Io`] when the file cannot be read; those of
/// [`ingest_bytes`].
pub fn ingest_file(name: String, path: PathBuf) -> crate::Result<FileOutcome> {
    let bytes = std::fs::read(&path).map_err(|e| crate::Error::io(&path, e))?;
    ingest_bytes(name, path, &bytes)
}

/// The name under `content_dir` of a file at `path` (the `name` of
/// [`list_notes`]), or `None` when the file is not under it.
pub fn note_name(content_dir: &Path, path: &Path) -> Option<String> {
    path.strip_prefix(content_dir).ok().map(slash_name)
}

/// Lists the notes files under `content_dir` as (name, path) pairs, sorted
/// by path, compared component by component so a directory's files stay
/// together (`a/z.md` sorts before `a-b.md`). `name` is the path
/// relative to `content_dir` joined with `/`; `path` is `content_dir`
/// joined with it.
///
/// Errors: [`crate::Error::Io`] naming the directory or entry that could
/// not be read (including a symbolic-link loop).
pub fn list_notes(content_dir: &Path) -> crate::Result<Vec<(String, PathBuf)>> {
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e));
    let mut notes = Vec::new();
    for entry in walker {
        let entry = entry.map_err(|e| walk_error(content_dir, e))?;
        if entry.file_type().is_file() && has_note_extension(entry.path()) {
            let rel = entry
                .path()
                .strip_prefix(content_dir)
                .unwrap_or(entry.path());
            notes.push((slash_name(rel), entry.path().to_path_buf()));
        }
    }
    notes.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(notes)
}

/// What became of one file.
#[derive(Debug, Clone, PartialEq)]
pub enum FileOutcome {
    /// The file is a note.
    Doc(SourceDoc),
    /// The file is not text and was left out.
    Skipped(Skipped),
}

/// Turns the bytes of one file into a [`SourceDoc`] (decode, repair,
/// front matter), or a [`Skipped`] record for a binary file.
///
/// `name` is the file's name under `content/`, `path` its path on disk;
/// both only label the result and error messages.
///
/// Errors: [`crate::Error::Yaml`] for malformed front matter.
pub fn ingest_bytes(name: String, path: PathBuf, bytes: &[u8]) -> crate::Result<FileOutcome> {
    let (text, repair) = match clean_text(bytes) {
        Ok(clean) => clean,
        Err(not_text) => {
            return Ok(FileOutcome::Skipped(Skipped {
                name,
                reason: not_text.reason,
            }));
        }
    };
    let parsed = front_matter::parse(&path, &text)?;
    Ok(FileOutcome::Doc(SourceDoc {
        name,
        body: parsed.body.to_string(),
        body_line: parsed.body_line,
        front_matter: parsed.front_matter,
        repair,
        path,
    }))
}

/// Decodes `bytes` ([`decode::decode`]) and repairs mojibake
/// ([`mojibake::repair`]), returning the text and a [`Repair`] record,
/// which is `None` when the bytes were plain UTF-8 (with or without a BOM)
/// and no mojibake was found.
///
/// Pure and total; the result has as many lines as the file.
///
/// Errors: [`decode::NotText`] for binary content.
pub fn clean_text(bytes: &[u8]) -> Result<(String, Option<Repair>), decode::NotText> {
    let decoded = decode::decode(bytes)?;
    let repaired = mojibake::repair(&decoded.text);
    let repair = (decoded.encoding != "utf-8" || repaired.codec.is_some()).then(|| Repair {
        decoded_as: decoded.encoding.to_string(),
        mojibake_codec: repaired.codec.map(|c| c.name().to_string()),
        sequences_repaired: repaired.sequences,
    });
    Ok((repaired.text, repair))
}

/// Whether the entry's file name starts with `.`.
fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

/// Whether `path` ends in one of [`NOTE_EXTENSIONS`].
fn has_note_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| NOTE_EXTENSIONS.iter().any(|n| x.eq_ignore_ascii_case(n)))
}

/// `rel`'s components joined with `/` (lossily, for non-UTF-8 names).
fn slash_name(rel: &Path) -> String {
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// Converts a walk error into [`crate::Error::Io`] naming the entry.
fn walk_error(content_dir: &Path, err: walkdir::Error) -> crate::Error {
    let path = err.path().unwrap_or(content_dir).to_path_buf();
    let io = match err.into_io_error() {
        Some(io) => io,
        None => std::io::Error::other("file system loop (symbolic link to an ancestor)"),
    };
    crate::Error::io(path, io)
}

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
pub mod legacy;
pub mod mojibake;

use std::path::{Path, PathBuf};

use crate::walk::{Confinement, Walk};

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

/// The optional front matter at the top of a notes file (YAML or TOML;
/// see [`front_matter::parse`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// Title of the note (used for an article's page title).
    pub title: Option<String>,
    /// Display name of the source (overrides `docgen.yaml`'s `sources`).
    pub source: Option<String>,
    /// Where the note came from (http, https, mailto or relative only).
    pub url: Option<String>,
    /// The note's tags (Obsidian, Jekyll, Hugo, Zola), without `#`.
    pub tags: Vec<String>,
    /// Other names of the note (Obsidian's `aliases`).
    pub aliases: Vec<String>,
    /// The note's language (`zh`, `ko`, `ru`, …), as written.
    pub lang: Option<String>,
    /// The note's date, as written.
    pub date: Option<String>,
    /// A draft is left out of the build, as Hugo and Zola do.
    pub draft: bool,
    /// Every other key, kept as a page parameter.
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
    /// The block's text as written (YAML or TOML, without its delimiter
    /// lines; it starts on line 2 of the file), for the line numbers of
    /// questions kept in a key (`questions: [{question: …}]`).
    pub block: String,
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
    /// When the text was written in a legacy CJK or Cyrillic codec (`"gbk"`,
    /// `"windows-1251"`, …) and read as windows-1252 ([`legacy`]): that
    /// codec. `mojibake_codec` is then `"windows-1252"` and
    /// `sequences_repaired` counts the runs restored.
    pub written_in: Option<String>,
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

impl Ingested {
    /// The notes without drafts (`draft: true` in the front matter, as in
    /// Zola and Hugo): each draft moves to `skipped`, saying how to build
    /// it.
    pub fn without_drafts(mut self) -> Ingested {
        let (drafts, docs): (Vec<SourceDoc>, Vec<SourceDoc>) =
            self.docs.into_iter().partition(|d| d.front_matter.draft);
        self.docs = docs;
        self.skipped.extend(drafts.into_iter().map(|d| Skipped {
            name: d.name,
            reason: "a draft (`draft: true` in its front matter; `--drafts` builds it)".into(),
        }));
        self.skipped.sort_by(|a, b| a.name.cmp(&b.name));
        self
    }

    /// How many notes are drafts (before [`Ingested::without_drafts`]).
    pub fn drafts(&self) -> usize {
        self.docs.iter().filter(|d| d.front_matter.draft).count()
    }
}

/// File extensions (compared ASCII-case-insensitively) that hold notes.
pub const NOTE_EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// Reads every `.md`, `.markdown` and `.txt` file under `content_dir`
/// (recursively, sorted by path) into [`SourceDoc`]s.
///
/// Hidden files and directories (name starting with `.`) are ignored;
/// symbolic links are followed as `confinement` allows (by default only
/// inside the project root; see [`crate::walk`]), and a link that is not
/// followed is listed in [`Ingested::skipped`] with its target. The
/// extension only selects files; their format is sniffed later from the
/// content.
///
/// Errors: [`crate::Error::Io`] when `content_dir` is missing or a file or
/// directory cannot be read, [`crate::Error::Yaml`] for malformed front
/// matter (file, line, column). Binary files are skipped and listed in
/// [`Ingested::skipped`].
pub fn ingest_dir(content_dir: &Path, confinement: &Confinement) -> crate::Result<Ingested> {
    let walk = list_notes(content_dir, confinement)?;
    let mut out = Ingested::default();
    for link in walk.skipped {
        out.skipped.push(Skipped {
            name: link.name,
            reason: link.reason,
        });
    }
    for (name, path) in walk.files {
        match ingest_file(name, path)? {
            FileOutcome::Doc(doc) => out.docs.push(*doc),
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
    path.strip_prefix(content_dir)
        .ok()
        .map(|_| crate::walk::slash_name(content_dir, path))
}

/// Lists the notes files under `content_dir` as (name, path) pairs, sorted
/// by path, compared component by component so a directory's files stay
/// together (`a/z.md` sorts before `a-b.md`). `name` is the path
/// relative to `content_dir` joined with `/`; `path` is `content_dir`
/// joined with it. Links not followed are in [`Walk::skipped`].
///
/// Errors: [`crate::Error::Io`] naming `content_dir` when it is missing,
/// or the entry that could not be read.
pub fn list_notes(content_dir: &Path, confinement: &Confinement) -> crate::Result<Walk> {
    if !content_dir.is_dir() {
        let missing = std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no such directory (the notes go in content/ under the project root)",
        );
        return Err(crate::Error::io(content_dir, missing));
    }
    confinement.walk(content_dir, has_note_extension)
}

/// What became of one file.
#[derive(Debug, Clone, PartialEq)]
pub enum FileOutcome {
    /// The file is a note (boxed: a note is much larger than a skip record).
    Doc(Box<SourceDoc>),
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
    Ok(FileOutcome::Doc(Box::new(SourceDoc {
        name,
        body: parsed.body.to_string(),
        body_line: parsed.body_line,
        front_matter: parsed.front_matter,
        repair,
        path,
    })))
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
    // Legacy-codec mojibake wins when it explains more of the text than
    // the UTF-8 reading does (its bytes can form a few valid UTF-8
    // sequences by accident).
    if let Some(restored) = legacy::repair(&decoded.text)
        && restored.chars > repaired.sequences * 2
    {
        let repair = Repair {
            decoded_as: decoded.encoding.to_string(),
            mojibake_codec: Some("windows-1252".to_string()),
            sequences_repaired: restored.runs,
            written_in: Some(restored.codec.to_ascii_lowercase()),
        };
        return Ok((restored.text, Some(repair)));
    }
    let repair = (decoded.encoding != "utf-8" || repaired.codec.is_some()).then(|| Repair {
        decoded_as: decoded.encoding.to_string(),
        mojibake_codec: repaired.codec.map(|c| c.name().to_string()),
        sequences_repaired: repaired.sequences,
        written_in: None,
    });
    Ok((repaired.text, repair))
}

/// Whether `path` ends in one of [`NOTE_EXTENSIONS`].
fn has_note_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| NOTE_EXTENSIONS.iter().any(|n| x.eq_ignore_ascii_case(n)))
}

//! Stage 1, **ingest**: every notes file under `content/` becomes a
//! [`SourceDoc`]: decoded, mojibake repaired, line endings normalised and
//! front matter parsed.
//!
//! This is the only stage that reads `content/`. Later stages see text only.

use std::path::PathBuf;

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

/// Reads every `.md`, `.markdown` and `.txt` file under `content_dir`
/// (recursively, sorted by path) into [`SourceDoc`]s.
///
/// Errors: [`crate::Error::Io`] when a file or directory cannot be read,
/// [`crate::Error::Yaml`] for malformed front matter (file, line, column).
/// Binary files are skipped and listed in [`Ingested::skipped`].
pub fn ingest_dir(content_dir: &std::path::Path) -> crate::Result<Ingested> {
    // Placeholder until the ingest stage lands: UTF-8 only, no repair.
    let mut out = Ingested::default();
    let mut paths: Vec<_> = std::fs::read_dir(content_dir)
        .map_err(|e| crate::Error::io(content_dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    paths.sort();
    for path in paths {
        let bytes = std::fs::read(&path).map_err(|e| crate::Error::io(&path, e))?;
        out.docs.push(SourceDoc {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            body: String::from_utf8_lossy(&bytes).replace("\r\n", "\n"),
            path,
            body_line: 1,
            front_matter: FrontMatter::default(),
            repair: None,
        });
    }
    Ok(out)
}

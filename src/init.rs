//! `docgen init DIR`: a starter project, as `zola init` and `mdbook init`
//! write one: a `docgen.yaml` with every key explained, two example notes
//! in two structures under `content/`, and a `.gitignore` for the output.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The starter files, by path under the project.
pub const STARTER: &[(&str, &str)] = &[
    ("docgen.yaml", include_str!("init/docgen.yaml")),
    ("content/python.md", include_str!("init/python.md")),
    ("content/sql.md", include_str!("init/sql.md")),
    (".gitignore", include_str!("init/gitignore")),
];

/// Writes the starter project into `dir` (created if missing) and returns
/// the files written.
///
/// Errors: [`Error::Io`] naming the first starter file `dir` already
/// holds (nothing is overwritten, nothing is written), or a folder or file
/// that cannot be created.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
    if let Some((rel, _)) = STARTER.iter().find(|(rel, _)| dir.join(rel).exists()) {
        let exists = std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "already exists; docgen init never overwrites a project",
        );
        return Err(Error::io(dir.join(rel), exists));
    }
    let mut written = Vec::new();
    for (rel, text) in STARTER {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

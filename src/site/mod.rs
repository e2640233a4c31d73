//! The site as files: [`Site`] (every output file's path and bytes, in
//! memory, for `serve`, `check` and `pdf`) and [`SiteSink`], where `render`
//! puts each file it makes; [`output`] writes a site into the output
//! directory (target checks, lock, staging, atomic swap); [`paths`] is
//! the one URL scheme (where each kind of page lives).

pub mod output;
pub mod paths;

use std::collections::BTreeMap;
use std::io::Write;

use crate::Result;

/// The rendered site: output paths (`/`-separated, relative to the output
/// directory) to file contents. A `BTreeMap`, so iteration is in path order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Site {
    /// Every file of the site.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    /// Adds or replaces one file.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// A file's contents as text, if it exists and is UTF-8.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files
            .get(path)
            .and_then(|b| std::str::from_utf8(b).ok())
    }
}

/// A site of text files given as (path, text), for unit tests.
#[cfg(test)]
pub(crate) fn test_site(files: &[(&str, &str)]) -> Site {
    let mut s = Site::default();
    for (p, t) in files {
        s.insert(*p, t.as_bytes());
    }
    s
}

/// Where rendered files go: kept in memory (a [`Site`], for `serve` and
/// `check`) or written as they come (`output::Staging`, for `build`, so a
/// large handbook is never held in memory whole).
pub trait SiteSink {
    /// Takes one file: its `/`-separated path under the output directory
    /// and its bytes.
    ///
    /// Errors: whatever storing it fails with ([`crate::Error::Io`] on disk).
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()>;

    /// Takes one file that `write` writes into the given writer, for files
    /// too large to hold whole (`print.html`, `handbook.json`). The default
    /// collects the bytes and calls [`SiteSink::put`].
    ///
    /// Errors: those of `write` and of storing the file; a sink that writes
    /// to disk reports its own write errors with the file's path.
    fn put_with(&mut self, path: String, write: &mut WriteFn) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.put(path, bytes)
    }

    /// Appends `bytes` to the file at `path`, creating it on the first
    /// call: for a file written in parts while other files are written
    /// (the print page, a chapter at a time).
    ///
    /// Errors: whatever storing it fails with ([`crate::Error::Io`] on disk).
    fn append(&mut self, path: &str, bytes: &[u8]) -> Result<()>;
}

/// Writes one file's bytes into a writer (see [`SiteSink::put_with`]).
pub type WriteFn<'a> = dyn FnMut(&mut dyn Write) -> Result<()> + 'a;

impl SiteSink for Site {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
        self.files.insert(path, bytes);
        Ok(())
    }

    fn append(&mut self, path: &str, bytes: &[u8]) -> Result<()> {
        match self.files.get_mut(path) {
            Some(file) => file.extend_from_slice(bytes),
            None => {
                self.files.insert(path.to_string(), bytes.to_vec());
            }
        }
        Ok(())
    }
}

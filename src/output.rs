//! Stage 6, **output**: the rendered site is written to disk atomically,
//! either as a whole [`Site`] ([`write_site`]) or file by file while it is
//! rendered ([`Staging`], which `docgen build` uses so a large handbook is
//! never held in memory whole).
//!
//! The site is written into a fresh temporary directory next to the output
//! directory and swapped in with two renames only when every file was
//! written. A failed build therefore never leaves a half-written site, and
//! the previous output survives it. Readers of the output (a browser during
//! `serve`) see either the old site or the new one, never a mix.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::render::{Site, SiteSink, WriteFn};
use crate::{Error, Result};

/// Writes `site` to `out_dir`, replacing what was there.
///
/// Errors: [`Error::Io`] naming the path that could not be created, written
/// or renamed. On error `out_dir` is left as it was and the temporary
/// directory is removed.
pub fn write_site(site: &Site, out_dir: &Path) -> Result<()> {
    let staging = Staging::new(out_dir)?;
    for (rel, bytes) in &site.files {
        write_file(staging.dir.path(), rel, bytes)?;
    }
    staging.finish()
}

/// An output directory being written: files go into a temporary sibling
/// directory as they are rendered ([`SiteSink`]), and [`Staging::finish`]
/// swaps it in. Dropped without `finish` (a failed build), the temporary
/// directory is removed and `out_dir` is untouched.
pub struct Staging {
    dir: tempfile::TempDir,
    /// Files being written in parts ([`SiteSink::append`]), by path.
    open: BTreeMap<String, (PathBuf, std::io::BufWriter<std::fs::File>)>,
    out_dir: PathBuf,
    parent: PathBuf,
    name: String,
}

impl Staging {
    /// Creates the temporary directory next to `out_dir`.
    ///
    /// Errors: [`Error::Io`] when the parent cannot be created or written.
    pub fn new(out_dir: &Path) -> Result<Staging> {
        let parent = parent_of(out_dir);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = out_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.tmp-"))
            .tempdir_in(&parent)
            .map_err(|e| Error::io(&parent, e))?;
        Ok(Staging {
            dir,
            open: BTreeMap::new(),
            out_dir: out_dir.to_path_buf(),
            parent,
            name,
        })
    }

    /// Replaces `out_dir` with what was written.
    ///
    /// Errors: [`Error::Io`] when a rename fails (the previous output is
    /// put back).
    pub fn finish(mut self) -> Result<()> {
        for (_, (path, mut w)) in std::mem::take(&mut self.open) {
            w.flush().map_err(|e| Error::io(&path, e))?;
        }
        swap_in(self.dir, &self.out_dir, &self.parent, &self.name)
    }
}

impl SiteSink for Staging {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
        write_file(self.dir.path(), &path, &bytes)
    }

    fn append(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        if !self.open.contains_key(rel) {
            let path = self.dir.path().join(rel);
            let file = create_file(&path)?;
            let w = std::io::BufWriter::with_capacity(1 << 20, file);
            self.open.insert(rel.to_string(), (path, w));
        }
        let (path, w) = self.open.get_mut(rel).expect("opened above");
        w.write_all(bytes).map_err(|e| Error::io(&*path, e))
    }

    fn put_with(&mut self, rel: String, write: &mut WriteFn) -> Result<()> {
        let path = self.dir.path().join(&rel);
        let file = create_file(&path)?;
        let mut w = Recording {
            inner: std::io::BufWriter::with_capacity(1 << 20, file),
            error: None,
        };
        let written = write(&mut w).and_then(|()| w.flush().map_err(|e| Error::io(&path, e)));
        match (written, w.error) {
            (Err(_), Some(e)) => Err(Error::io(&path, e)),
            (result, _) => result,
        }
    }
}

/// A writer that keeps its first I/O error, so a streamed file's write
/// error is reported with the file's real path, whatever the writing code
/// made of it.
struct Recording<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Recording<W> {
    fn keep<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        r.map_err(|e| {
            let copy = std::io::Error::new(e.kind(), e.to_string());
            self.error.get_or_insert(e);
            copy
        })
    }
}

impl<W: Write> Write for Recording<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.keep(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.keep(r)
    }
}

fn parent_of(out_dir: &Path) -> PathBuf {
    match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes one file under `dir`, creating its folders.
fn write_file(dir: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(rel);
    let mut file = create_file(&path)?;
    file.write_all(bytes).map_err(|e| Error::io(&path, e))
}

/// Creates (truncates) `path`, creating its folders.
fn create_file(path: &Path) -> Result<std::fs::File> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
    }
    std::fs::File::create(path).map_err(|e| Error::io(path, e))
}

fn swap_in(staging: tempfile::TempDir, out_dir: &Path, parent: &Path, name: &str) -> Result<()> {
    let old = if out_dir.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(parent)
            .map_err(|e| Error::io(parent, e))?;
        // Move the current output inside the (empty) `old` directory, so
        // dropping `old` removes it.
        let parked = old.path().join(name);
        std::fs::rename(out_dir, &parked).map_err(|e| Error::io(out_dir, e))?;
        Some((old, parked))
    } else {
        None
    };
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, out_dir) {
        // Put the previous site back; clean the staging directory.
        if let Some((_, parked)) = &old {
            let _ = std::fs::rename(parked, out_dir);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(Error::io(out_dir, e));
    }
    drop(old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::render::test_site as site;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect()
    }

    #[test]
    fn replaces_previous_output_and_cleans_up() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&site(&[("a.html", "1"), ("d/b.html", "2")]), &out).unwrap();
        write_site(&site(&[("c.html", "3")]), &out).unwrap();
        assert!(!out.join("a.html").exists());
        assert_eq!(std::fs::read_to_string(out.join("c.html")).unwrap(), "3");
        assert!(
            leftovers(tmp.path()).is_empty(),
            "{:?}",
            leftovers(tmp.path())
        );
    }

    #[test]
    fn failed_write_keeps_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&site(&[("a.html", "old")]), &out).unwrap();
        // A file and a directory of the same name cannot both be written.
        let bad = site(&[("x", "file"), ("x/y.html", "under a file")]);
        assert!(write_site(&bad, &out).is_err());
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "old");
        assert!(
            leftovers(tmp.path()).is_empty(),
            "{:?}",
            leftovers(tmp.path())
        );
    }

    #[test]
    fn parts_and_streams_land_whole_between_other_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let mut staging = Staging::new(&out).unwrap();
        staging.append("print.html", b"<head>").unwrap();
        staging
            .put("chapters/a.html".into(), b"A".to_vec())
            .unwrap();
        staging.append("print.html", b"<a>").unwrap();
        staging
            .put_with("data.json".into(), &mut |w| {
                w.write_all(b"{}")
                    .map_err(|e| Error::io(Path::new("data.json"), e))
            })
            .unwrap();
        staging.append("print.html", b"</html>").unwrap();
        staging.finish().unwrap();
        let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
        assert_eq!(read("print.html"), "<head><a></html>");
        assert_eq!(read("chapters/a.html"), "A");
        assert_eq!(read("data.json"), "{}");
        assert!(leftovers(tmp.path()).is_empty());
    }

    #[test]
    fn unfinished_staging_leaves_no_trace() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let mut staging = Staging::new(&out).unwrap();
        staging.append("print.html", b"<head>").unwrap();
        drop(staging);
        assert!(!out.exists());
        assert!(leftovers(tmp.path()).is_empty());
    }
}

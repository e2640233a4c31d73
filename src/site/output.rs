//! Stage 6, **output**: the rendered site is written to disk atomically,
//! either as a whole [`Site`] ([`write_site`]) or file by file while it is
//! rendered ([`Staging`], which `docgen build` uses so a large handbook is
//! never held in memory whole).
//!
//! Safety rules, in the order they apply (the same refusals as Hugo's and
//! Zola's):
//!
//! 1. **The target is checked first** ([`check_target`]): it may not be the
//!    project root or a folder above it, nor `content/`, `templates/` or
//!    `static/`, nor inside or above one of them; an existing non-empty
//!    directory is replaced only when it carries [`OUTPUT_MARKER`] (every
//!    build writes one) or the author passed `--force`.
//! 2. **One writer at a time**: [`Staging::new`] takes an advisory lock
//!    on the output's parent directory; a second build waits for it.
//! 3. **Leftovers of a killed build** (`.NAME.tmp-*`, `.NAME.old-*`) are
//!    recovered (an output stranded in `.NAME.old-*` is put back) or
//!    removed before writing.
//! 4. **Atomic swap**: the site is written into a temporary sibling
//!    directory, flushed to disk (`syncfs` on Linux), and swapped in with
//!    `renameat2(RENAME_EXCHANGE)` where the platform has it, so the output
//!    path names a complete site at every instant; elsewhere two renames.
//!    A failed build never leaves a half-written site, and the previous
//!    output survives it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::site::{Site, SiteSink, WriteFn};
use crate::{Error, Result};

/// Name of the marker file written into every output directory. An
/// existing output directory is replaced only when it holds this file (or
/// is empty), so `--output` pointed at the wrong folder never deletes it.
pub const OUTPUT_MARKER: &str = ".docgen-output";

/// The marker file's contents.
const MARKER_TEXT: &str =
    "This directory was written by docgen; `docgen build` replaces it whole.\n";

/// The project folders an output may never be, contain or sit inside.
pub const PROTECTED_DIRS: [&str; 3] = ["content", "templates", "static"];

/// Checks that `out_dir` may be written as the output of the project at
/// `root`: it is not the root nor above it, not one of [`PROTECTED_DIRS`]
/// nor inside or above one, and, when it exists, it is a directory that is
/// empty or carries [`OUTPUT_MARKER`] (unless `force`).
///
/// Paths are compared after resolving symbolic links and `..`, so
/// `--output ./content/../content` or a link to the project is caught.
///
/// Errors: [`Error::Output`] naming `out_dir` and what it collides with
/// (no `force` overrides a collision with the project's own folders);
/// [`Error::Io`] when a path cannot be resolved or the directory listed.
pub fn check_target(root: &Path, out_dir: &Path, force: bool) -> Result<()> {
    let refuse = |message: String| {
        Err(Error::Output {
            path: out_dir.to_path_buf(),
            message,
        })
    };
    let out = resolve(out_dir)?;
    let root_r = resolve(root)?;
    if out == root_r || root_r.starts_with(&out) {
        return refuse(format!(
            "is the project root {} or a folder above it; the build would replace the project (choose a new folder, e.g. public/)",
            root.display()
        ));
    }
    for dir in PROTECTED_DIRS {
        let protected = resolve(&root.join(dir))?;
        if out == protected || out.starts_with(&protected) || protected.starts_with(&out) {
            return refuse(format!(
                "is, holds or sits inside the project's {dir}/ folder; the build would replace it (choose another folder, e.g. public/)"
            ));
        }
    }
    let meta = match std::fs::metadata(out_dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(out_dir, e)),
    };
    if !meta.is_dir() {
        return refuse("exists and is not a directory; refusing to replace it".into());
    }
    if force || out_dir.join(OUTPUT_MARKER).is_file() {
        return Ok(());
    }
    let mut listing = std::fs::read_dir(out_dir).map_err(|e| Error::io(out_dir, e))?;
    if listing.next().is_none() {
        return Ok(());
    }
    refuse(format!(
        "exists, is not empty and was not written by docgen (it has no {OUTPUT_MARKER} file); \
         refusing to replace it. Choose another --output, or pass --force to replace it anyway"
    ))
}

/// Removes a built site and what a killed build left beside it
/// (`.NAME.tmp-*`, `.NAME.old-*`), under the same rules as a build
/// ([`check_target`]: never the project or its folders, never a folder
/// docgen did not write). Returns how many folders were removed.
///
/// Errors: those of [`check_target`]; [`Error::Io`] when a folder cannot
/// be removed.
pub fn clean(root: &Path, out_dir: &Path) -> Result<usize> {
    check_target(root, out_dir, false)?;
    let parent = parent_of(out_dir);
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_string());
    let mut removed = 0;
    if parent.is_dir() {
        let _lock = OutputLock::acquire(&parent)?;
        let before = std::fs::read_dir(&parent)
            .map_err(|e| Error::io(&parent, e))?
            .count();
        recover_leftovers(out_dir, &parent, &name)?;
        let after = std::fs::read_dir(&parent)
            .map_err(|e| Error::io(&parent, e))?
            .count();
        removed += before.saturating_sub(after);
        if out_dir.is_dir() {
            std::fs::remove_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// `path` made absolute with symbolic links and `..` resolved as far as
/// it exists; the components that do not exist yet are appended with `.`
/// and `..` applied lexically.
///
/// Errors: [`Error::Io`] when the current directory cannot be read or an
/// existing ancestor cannot be resolved.
fn resolve(path: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    let base = loop {
        match std::fs::canonicalize(existing) {
            Ok(c) => break c,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => break existing.to_path_buf(),
            },
        }
    };
    let mut out = base;
    for part in rest.iter().rev() {
        match Path::new(part).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => out.push(part),
        }
    }
    Ok(out)
}

/// The bytes of the file `rel` at the top of the previous output
/// `out_dir`, when `out_dir` is a docgen output (it has the
/// [`OUTPUT_MARKER`]) holding it as a regular file; `None` otherwise.
/// Used to keep the printed handbook across builds.
///
/// Errors: [`Error::Io`] when the file exists but cannot be read.
pub fn previous_file(out_dir: &Path, rel: &str) -> Result<Option<Vec<u8>>> {
    if !out_dir.join(OUTPUT_MARKER).is_file() {
        return Ok(None);
    }
    let path = out_dir.join(rel);
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.is_file() => std::fs::read(&path)
            .map(Some)
            .map_err(|e| Error::io(&path, e)),
        _ => Ok(None),
    }
}

/// Writes `site` to `out_dir`, replacing what was there (see [`Staging`]).
/// The caller checks the target first ([`check_target`]).
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
/// directory is removed and `out_dir` is untouched. The output's lock is
/// held from [`Staging::new`] until the value is dropped.
pub struct Staging {
    dir: tempfile::TempDir,
    /// Files being written in parts ([`SiteSink::append`]), by path.
    open: BTreeMap<String, (PathBuf, std::io::BufWriter<std::fs::File>)>,
    out_dir: PathBuf,
    parent: PathBuf,
    name: String,
    /// The advisory lock on the parent directory; released when dropped.
    _lock: OutputLock,
}

impl Staging {
    /// Takes the output's lock (waiting for another build that holds it),
    /// recovers or removes what a killed build left beside `out_dir`, and
    /// creates the temporary directory with the [`OUTPUT_MARKER`] in it.
    ///
    /// Errors: [`Error::Io`] when the parent cannot be created or written,
    /// or the lock file cannot be opened or locked.
    pub fn new(out_dir: &Path) -> Result<Staging> {
        let parent = parent_of(out_dir);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = out_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        let lock = OutputLock::acquire(&parent)?;
        recover_leftovers(out_dir, &parent, &name)?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.tmp-"))
            .tempdir_in(&parent)
            .map_err(|e| Error::io(&parent, e))?;
        write_file(dir.path(), OUTPUT_MARKER, MARKER_TEXT.as_bytes())?;
        Ok(Staging {
            dir,
            open: BTreeMap::new(),
            out_dir: out_dir.to_path_buf(),
            parent,
            name,
            _lock: lock,
        })
    }

    /// Flushes every file to disk and replaces `out_dir` with what was
    /// written.
    ///
    /// Errors: [`Error::Io`] when a flush or rename fails (the previous
    /// output is put back).
    pub fn finish(mut self) -> Result<()> {
        for (_, (path, mut w)) in std::mem::take(&mut self.open) {
            w.flush().map_err(|e| Error::io(&path, e))?;
        }
        sync_tree(self.dir.path())?;
        swap_in(self.dir, &self.out_dir, &self.parent, &self.name)
    }
}

impl SiteSink for Staging {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
        write_file(self.dir.path(), &path, &bytes)
    }

    fn append(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        if !self.open.contains_key(rel) {
            let path = inside(self.dir.path(), rel)?;
            let file = create_file(&path)?;
            let w = std::io::BufWriter::with_capacity(1 << 20, file);
            self.open.insert(rel.to_string(), (path, w));
        }
        let (path, w) = self.open.get_mut(rel).expect("opened above");
        w.write_all(bytes).map_err(|e| Error::io(&*path, e))
    }

    fn put_with(&mut self, rel: String, write: &mut WriteFn) -> Result<()> {
        let path = inside(self.dir.path(), &rel)?;
        let file = create_file(&path)?;
        let mut w = Recording {
            inner: std::io::BufWriter::with_capacity(1 << 20, file),
            error: None,
        };
        let written = write(&mut w).and_then(|()| w.flush().map_err(|e| Error::io(&path, e)));
        if written.is_ok() {
            start_writeback(w.inner.get_ref());
        }
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
    let path = inside(dir, rel)?;
    let mut file = create_file(&path)?;
    file.write_all(bytes).map_err(|e| Error::io(&path, e))?;
    start_writeback(&file);
    Ok(())
}

/// Asks the kernel to start writing a finished file's pages to disk now
/// (`sync_file_range(2)` with `SYNC_FILE_RANGE_WRITE`, which does not
/// wait for the disk), so the flush before the swap ([`sync_tree`]) finds
/// little left to write. Elsewhere, and when the call fails, nothing
/// happens: the flush before the swap still writes everything.
fn start_writeback(file: &std::fs::File) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: the descriptor is open for the duration of the call; a
        // failure only leaves the writing to `sync_tree`.
        unsafe {
            libc::sync_file_range(file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = file;
}

/// `dir` joined with the site path `rel`, which must stay inside it: a
/// relative path of normal components (no `..`, no root, no prefix).
///
/// Errors: [`Error::Output`] naming the path otherwise, so no page,
/// whatever its name, is written outside the output.
fn inside(dir: &Path, rel: &str) -> Result<PathBuf> {
    let ok = !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !ok {
        return Err(Error::Output {
            path: dir.join(rel),
            message: format!("`{rel}` would be written outside the site"),
        });
    }
    Ok(dir.join(rel))
}

/// Creates (truncates) `path`, creating its folders.
fn create_file(path: &Path) -> Result<std::fs::File> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
    }
    std::fs::File::create(path).map_err(|e| Error::io(path, e))
}

fn swap_in(staging: tempfile::TempDir, out_dir: &Path, parent: &Path, name: &str) -> Result<()> {
    let staged = staging.keep();
    let exists = std::fs::symlink_metadata(out_dir).is_ok();
    if exists && exchange(&staged, out_dir).is_ok() {
        // `staged` now names the previous site.
        let _ = std::fs::remove_dir_all(&staged);
        return sync_dir(parent);
    }
    let old = if exists {
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
    if let Err(e) = std::fs::rename(&staged, out_dir) {
        // Put the previous site back; clean the staging directory.
        if let Some((_, parked)) = &old {
            let _ = std::fs::rename(parked, out_dir);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(Error::io(out_dir, e));
    }
    drop(old);
    sync_dir(parent)
}

/// Atomically exchanges the directory entries `a` and `b`
/// (`renameat2(2)` with `RENAME_EXCHANGE`, Linux 3.15+).
///
/// Errors: the system's error, or `Unsupported` off Linux and on file
/// systems without the flag; the caller then falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Flushes the file system holding `dir` to disk (`syncfs(2)` on Linux:
/// one call for the whole tree just written, measured in BENCHMARKS.md;
/// elsewhere every file under `dir` is `fsync`ed).
///
/// Errors: [`Error::Io`] naming `dir` (or the file) when syncing fails.
fn sync_tree(dir: &Path) -> Result<()> {
    let handle = std::fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: the descriptor is open for the duration of the call.
        if unsafe { libc::syncfs(handle.as_raw_fd()) } != 0 {
            return Err(Error::io(dir, std::io::Error::last_os_error()));
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        drop(handle);
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.map_err(|e| Error::io(dir, e.into()))?;
            if entry.file_type().is_file() {
                let f =
                    std::fs::File::open(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                f.sync_all().map_err(|e| Error::io(entry.path(), e))?;
            }
        }
    }
    Ok(())
}

/// Makes the renames in `dir` durable (`fsync` of the directory). Not
/// every platform can open a directory for this; there it does nothing.
///
/// Errors: [`Error::Io`] when the sync itself fails.
fn sync_dir(dir: &Path) -> Result<()> {
    match std::fs::File::open(dir) {
        Ok(f) => match f.sync_all() {
            Ok(()) => Ok(()),
            // Some file systems refuse fsync on a directory.
            Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => Ok(()),
            Err(e) => Err(Error::io(dir, e)),
        },
        Err(_) => Ok(()),
    }
}

/// What a killed build can leave beside the output: `.NAME.tmp-*` (a site
/// being written, or an old site being removed) and `.NAME.old-*` (the
/// previous output parked during a two-rename swap). An output parked in
/// `.NAME.old-*` while no output exists is put back; then every leftover
/// is removed. Runs under the output's lock, so no other build owns them.
///
/// Errors: [`Error::Io`] when the parent cannot be listed or a leftover
/// cannot be moved back or removed.
fn recover_leftovers(out_dir: &Path, parent: &Path, name: &str) -> Result<()> {
    let tmp = format!(".{name}.tmp-");
    let old = format!(".{name}.old-");
    let mut leftovers: Vec<(bool, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(parent).map_err(|e| Error::io(parent, e))? {
        let entry = entry.map_err(|e| Error::io(parent, e))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&tmp) || file_name.starts_with(&old) {
            leftovers.push((file_name.starts_with(&old), entry.path()));
        }
    }
    leftovers.sort();
    for (is_old, path) in &leftovers {
        let parked = path.join(name);
        if *is_old && std::fs::symlink_metadata(out_dir).is_err() && parked.is_dir() {
            std::fs::rename(&parked, out_dir).map_err(|e| Error::io(&parked, e))?;
        }
        std::fs::remove_dir_all(path).map_err(|e| Error::io(path, e))?;
    }
    Ok(())
}

/// An exclusive advisory lock (`flock(2)`) on the output's parent
/// directory, held while a build writes its output there. Locking the
/// directory itself leaves no lock file behind; closing it releases the
/// lock, so a killed build never leaves a stale one. (Two builds into
/// different outputs of one parent also take turns, which costs nothing
/// but a short wait.)
struct OutputLock {
    _dir: std::fs::File,
}

impl OutputLock {
    /// Opens `parent` and locks it, waiting while another process holds it.
    ///
    /// Errors: [`Error::Io`] naming `parent`.
    fn acquire(parent: &Path) -> Result<OutputLock> {
        let dir = std::fs::File::open(parent).map_err(|e| Error::io(parent, e))?;
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            loop {
                // SAFETY: the descriptor is open for the duration of the call.
                if unsafe { libc::flock(dir.as_raw_fd(), libc::LOCK_EX) } == 0 {
                    break;
                }
                let e = std::io::Error::last_os_error();
                if e.kind() != std::io::ErrorKind::Interrupted {
                    return Err(Error::io(parent, e));
                }
            }
        }
        Ok(OutputLock { _dir: dir })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::site::test_site as site;

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
    fn no_page_is_written_outside_the_site() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&site(&[("a.html", "old")]), &out).unwrap();
        for bad in [
            "../escape.html",
            "chapters/../../escape.html",
            "/etc/escape.html",
            "",
        ] {
            let err = write_site(&site(&[("b.html", "x"), (bad, "x")]), &out).unwrap_err();
            assert!(err.to_string().contains("outside the site"), "{bad}: {err}");
            assert!(!tmp.path().join("escape.html").exists());
            assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "old");
        }
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

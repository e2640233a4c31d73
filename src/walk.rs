//! Walking the project's folders (`content/`, `templates/`, `static/`)
//! with **symbolic-link confinement**: a link is followed only when it
//! resolves inside the project root, unless the author allows every link
//! (`follow_symlinks: true` in `docgen.yaml`). A link that leads outside,
//! a dangling link and a link loop are skipped with a reason, never a
//! failed build, so a stray `ln -s /etc/passwd content/` cannot publish
//! the file and one broken link cannot stop the handbook.
//!
//! Every reader of the project's folders (ingest, the theme, the concept
//! catalog) walks through here, so the rule is stated once.

use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use crate::{Error, Result};

/// Which symbolic links are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Symlinks {
    /// Only links whose target resolves inside the project root (default).
    #[default]
    InsideRoot,
    /// Every link (`follow_symlinks: true`).
    Follow,
}

/// The project's confinement: its root (resolved) and the link rule.
#[derive(Debug, Clone)]
pub struct Confinement {
    /// The project root with symbolic links resolved.
    root: PathBuf,
    symlinks: Symlinks,
}

/// A file or link left out of a walk, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedLink {
    /// Its path under the walked folder, `/`-separated.
    pub name: String,
    /// Human-readable reason naming the link's target.
    pub reason: String,
}

/// The files a walk found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    /// (path under the walked folder, `/`-separated; path on disk), sorted
    /// by path component by component.
    pub files: Vec<(String, PathBuf)>,
    /// Links not followed.
    pub skipped: Vec<SkippedLink>,
}

impl Confinement {
    /// The confinement of the project at `root`.
    ///
    /// Errors: [`Error::Io`] when `root` does not exist or cannot be resolved.
    pub fn new(root: &Path, symlinks: Symlinks) -> Result<Confinement> {
        let root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        Ok(Confinement { root, symlinks })
    }

    /// Every regular file under `dir` (recursively; hidden names, those
    /// starting with `.`, are left out) whose name `keep` accepts. `dir`
    /// itself may be a link; links below it follow the confinement rule.
    /// A missing `dir` gives no files.
    ///
    /// Errors: [`Error::Io`] naming the entry that could not be read (a
    /// permission error, say); links outside the root, dangling links and
    /// link loops are [`Walk::skipped`], not errors.
    pub fn walk(&self, dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Walk> {
        let mut walk = Walk::default();
        if !dir.exists() {
            return Ok(walk);
        }
        let mut outside = Vec::new();
        let entries = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() == 0 {
                    return true;
                }
                if is_hidden(e) {
                    return false;
                }
                match self.refusal(e.path(), e.path_is_symlink()) {
                    None => true,
                    Some(reason) => {
                        outside.push(SkippedLink {
                            name: slash_name(dir, e.path()),
                            reason,
                        });
                        false
                    }
                }
            });
        for entry in entries {
            match entry {
                Ok(e) if e.file_type().is_file() && keep(e.path()) => {
                    walk.files
                        .push((slash_name(dir, e.path()), e.path().to_path_buf()));
                }
                Ok(_) => {}
                Err(err) => walk.skipped.push(unreadable_link(dir, err)?),
            }
        }
        walk.skipped.extend(outside);
        walk.skipped.sort_by(|a, b| a.name.cmp(&b.name));
        walk.files.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(walk)
    }

    /// Whether the single file at `path` (e.g. `content/concepts.yaml`) may
    /// be read: `None` when it may (or does not exist), `Some(reason)` when
    /// it is a link the rule refuses or a dangling link.
    pub fn check_file(&self, path: &Path) -> Option<String> {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link && !path.exists() {
            return Some(dangling(path));
        }
        self.refusal(path, is_link)
    }

    /// Why the link at `path` is not followed, or `None` when it may be
    /// (or is no link).
    fn refusal(&self, path: &Path, is_link: bool) -> Option<String> {
        if !is_link || self.symlinks == Symlinks::Follow {
            return None;
        }
        match std::fs::canonicalize(path) {
            Ok(target) if target.starts_with(&self.root) => None,
            Ok(target) => Some(format!(
                "symbolic link to {}, outside the project; not followed \
                 (set `follow_symlinks: true` in docgen.yaml to allow it)",
                target.display()
            )),
            Err(_) => Some(dangling(path)),
        }
    }
}

/// The reason given for a link whose target does not exist.
fn dangling(path: &Path) -> String {
    let target = std::fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_else(|_| "?".into());
    format!("dangling symbolic link (its target {target} does not exist)")
}

/// A walk error as a skipped link when it is one (dangling, loop), else
/// an [`Error::Io`].
fn unreadable_link(dir: &Path, err: walkdir::Error) -> Result<SkippedLink> {
    let path = err.path().unwrap_or(dir).to_path_buf();
    let name = slash_name(dir, &path);
    if let Some(ancestor) = err.loop_ancestor() {
        return Ok(SkippedLink {
            name,
            reason: format!(
                "symbolic link loop (leads back to {}); not followed",
                ancestor.display()
            ),
        });
    }
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && !path.exists() {
        return Ok(SkippedLink {
            name,
            reason: dangling(&path),
        });
    }
    let io = err
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("unreadable directory entry"));
    Err(Error::io(path, io))
}

/// Whether the entry's file name starts with `.`.
fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

/// `path` relative to `dir`, components joined with `/`. A component that
/// is not valid UTF-8 is shown with its bytes escaped (`\xFF`), so two
/// different such names stay different.
pub fn slash_name(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    let parts: Vec<String> = rel.components().map(|c| escape_os(c.as_os_str())).collect();
    parts.join("/")
}

/// An OS string as text: itself when it is UTF-8, otherwise its valid
/// parts with each invalid byte written as `\xHH`.
pub fn escape_os(s: &std::ffi::OsStr) -> String {
    if let Some(text) = s.to_str() {
        return text.to_string();
    }
    let bytes = s.as_encoded_bytes();
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(w: &Walk) -> Vec<&str> {
        w.files.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_the_root_are_followed_and_outside_ones_skipped() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        let root = tempfile::tempdir().unwrap();
        let content = root.path().join("content");
        std::fs::create_dir_all(content.join("a")).unwrap();
        std::fs::create_dir_all(root.path().join("shared")).unwrap();
        std::fs::write(content.join("a/one.md"), "1").unwrap();
        std::fs::write(root.path().join("shared/two.md"), "2").unwrap();
        symlink(root.path().join("shared"), content.join("inside")).unwrap();
        symlink(outside.path().join("secret.md"), content.join("leak.md")).unwrap();
        symlink(outside.path(), content.join("leakdir")).unwrap();
        symlink(content.join("nowhere.md"), content.join("dangling.md")).unwrap();

        let c = Confinement::new(root.path(), Symlinks::InsideRoot).unwrap();
        let w = c.walk(&content, |_| true).unwrap();
        assert_eq!(names(&w), ["a/one.md", "inside/two.md"]);
        let skipped: Vec<&str> = w.skipped.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(skipped, ["dangling.md", "leak.md", "leakdir"]);
        assert!(
            w.skipped[1].reason.contains("outside the project"),
            "{:?}",
            w.skipped
        );
        assert!(w.skipped[1].reason.contains("secret.md"), "{:?}", w.skipped);
        assert!(w.skipped[0].reason.contains("dangling"), "{:?}", w.skipped);

        let all = Confinement::new(root.path(), Symlinks::Follow).unwrap();
        let w = all.walk(&content, |_| true).unwrap();
        assert_eq!(
            names(&w),
            ["a/one.md", "inside/two.md", "leak.md", "leakdir/secret.md"]
        );
        assert_eq!(w.skipped.len(), 1, "the dangling link: {:?}", w.skipped);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_loop_is_skipped_not_an_error() {
        let root = tempfile::tempdir().unwrap();
        let content = root.path().join("content");
        std::fs::create_dir_all(content.join("d")).unwrap();
        std::fs::write(content.join("d/x.md"), "x").unwrap();
        std::os::unix::fs::symlink(&content, content.join("d/back")).unwrap();
        let c = Confinement::new(root.path(), Symlinks::InsideRoot).unwrap();
        let w = c.walk(&content, |_| true).unwrap();
        assert_eq!(names(&w), ["d/x.md"]);
        assert!(w.skipped[0].reason.contains("loop"), "{:?}", w.skipped);
    }

    #[cfg(unix)]
    #[test]
    fn single_files_follow_the_same_rule() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("c.yaml"), "x").unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("plain.yaml"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("c.yaml"), root.path().join("l.yaml"))
            .unwrap();
        let c = Confinement::new(root.path(), Symlinks::InsideRoot).unwrap();
        assert_eq!(c.check_file(&root.path().join("plain.yaml")), None);
        assert_eq!(c.check_file(&root.path().join("missing.yaml")), None);
        assert!(c.check_file(&root.path().join("l.yaml")).is_some());
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_stay_distinct() {
        use std::os::unix::ffi::OsStrExt;
        let a = std::ffi::OsStr::from_bytes(b"caf\xE9.md");
        let b = std::ffi::OsStr::from_bytes(b"caf\xFF.md");
        assert_eq!(escape_os(a), "caf\\xE9.md");
        assert_ne!(escape_os(a), escape_os(b));
        assert_eq!(escape_os(std::ffi::OsStr::new("é.md")), "é.md");
    }
}

//! Watching the project for changes: `content/`, `templates/`, `static/`
//! (recursively, subfolders included) and `docgen.yaml`.
//!
//! Events are debounced (notify-debouncer-full), which folds the bursts
//! editors produce on save (write to a temporary file, rename over the
//! original, touch metadata) into one change, so one save is one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::config::CONFIG_FILE;
use crate::{Error, Result};

/// How long the debouncer waits for a burst of events to settle, in ms.
pub const DEBOUNCE_MS: u64 = 25;

/// True for events that change a file or directory. Reads are not: the
/// rebuild itself opens and reads every source, and taking those events
/// for changes would rebuild forever.
pub fn is_change(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_))
}

/// Directories under the root whose changes trigger a rebuild.
const WATCHED_DIRS: [&str; 3] = ["content", "templates", "static"];

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    _debouncer: Debouncer<notify_debouncer_full::notify::RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    root: PathBuf,
}

impl Watcher {
    /// Starts watching the project at `root`.
    ///
    /// Errors: [`Error::Io`] when the watch cannot be set up.
    pub fn start(root: &Path) -> Result<Self> {
        // notify reports absolute paths: a relative root (`.`, the
        // default) must be made absolute to recognise them.
        let root = &std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let (tx, rx) = channel();
        let to_io = |e: notify_debouncer_full::notify::Error| std::io::Error::other(e.to_string());
        let mut debouncer = new_debouncer(Duration::from_millis(DEBOUNCE_MS), None, tx)
            .map_err(|e| Error::io(root, to_io(e)))?;
        // The root itself, not recursively: catches docgen.yaml and the
        // creation of a watched directory that did not exist yet.
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::io(root, to_io(e)))?;
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
            if path.is_dir() {
                debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| Error::io(&path, to_io(e)))?;
            }
        }
        Ok(Watcher {
            _debouncer: debouncer,
            events: rx,
            root: root.to_path_buf(),
        })
    }

    /// Blocks until a relevant change happens; returns the changed paths.
    /// Returns `None` when the watcher has stopped.
    pub fn next_change(&self) -> Option<Vec<PathBuf>> {
        loop {
            let batch = self.events.recv().ok()?;
            let Ok(events) = batch else { continue };
            let mut paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| is_change(&e.kind))
                .flat_map(|e| e.paths.iter())
                .filter(|p| is_relevant(&self.root, p))
                .cloned()
                .collect();
            // Drain what else arrived meanwhile: one rebuild for all of it.
            while let Ok(Ok(more)) = self.events.try_recv() {
                paths.extend(
                    more.iter()
                        .filter(|e| is_change(&e.kind))
                        .flat_map(|e| e.paths.iter())
                        .filter(|p| is_relevant(&self.root, p))
                        .cloned(),
                );
            }
            if !paths.is_empty() {
                paths.sort();
                paths.dedup();
                return Some(paths);
            }
        }
    }
}

/// True for `docgen.yaml` and for files under the watched directories,
/// except editors' scratch files (`.swp`, `~` backups, hidden files).
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
    {
        return false;
    }
    let mut parts = rel.components();
    match parts.next().map(|c| c.as_os_str().to_string_lossy()) {
        Some(first) if first == CONFIG_FILE => parts.next().is_none(),
        Some(first) => WATCHED_DIRS.contains(&first.as_ref()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_not_changes() {
        use notify_debouncer_full::notify::event::{AccessKind, AccessMode, ModifyKind};
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Remove(
            notify_debouncer_full::notify::event::RemoveKind::File
        )));
    }

    #[test]
    fn relevance() {
        let root = Path::new("/p");
        assert!(is_relevant(root, Path::new("/p/content/a/b/c.md")));
        assert!(is_relevant(root, Path::new("/p/templates/base.html")));
        assert!(is_relevant(root, Path::new("/p/docgen.yaml")));
        assert!(is_relevant(root, Path::new("/p/content")));
        assert!(!is_relevant(root, Path::new("/p/public/index.html")));
        assert!(!is_relevant(root, Path::new("/p/content/.a.md.swp")));
        assert!(!is_relevant(root, Path::new("/p/content/a.md~")));
        assert!(!is_relevant(root, Path::new("/elsewhere/content/a.md")));
    }
}

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

/// Files waiting for the writer thread of [`in_background`], at most.
const QUEUED_FILES: usize = 8;

/// One job of the writer thread.
enum Job {
    Put(String, Vec<u8>),
    Append(String, Vec<u8>),
    /// Answered once every job before it is done.
    Drain(std::sync::mpsc::SyncSender<()>),
}

/// The [`SiteSink`] that [`in_background`] hands to its caller: files go
/// to the writer thread through a bounded queue.
struct Queued<'a, S: SiteSink + Send> {
    jobs: std::sync::mpsc::SyncSender<Job>,
    sink: &'a std::sync::Mutex<&'a mut S>,
    failed: &'a std::sync::Mutex<Option<crate::Error>>,
}

impl<S: SiteSink + Send> Queued<'_, S> {
    /// Queues `job`, or returns the writer's first error.
    fn send(&self, job: Job) -> Result<()> {
        if let Some(e) = self.failed.lock().unwrap_or_else(|p| p.into_inner()).take() {
            return Err(e);
        }
        // The writer only stops after the queue is closed.
        let _ = self.jobs.send(job);
        Ok(())
    }
}

impl<S: SiteSink + Send> SiteSink for Queued<'_, S> {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
        self.send(Job::Put(path, bytes))
    }

    fn append(&mut self, path: &str, bytes: &[u8]) -> Result<()> {
        self.send(Job::Append(path.to_string(), bytes.to_vec()))
    }

    /// Waits until the queue is written, then streams the file into the
    /// sink from this thread (`write` may hold what cannot cross threads).
    fn put_with(&mut self, path: String, write: &mut WriteFn) -> Result<()> {
        let (done, wait) = std::sync::mpsc::sync_channel(1);
        self.send(Job::Drain(done))?;
        let _ = wait.recv();
        if let Some(e) = self.failed.lock().unwrap_or_else(|p| p.into_inner()).take() {
            return Err(e);
        }
        let mut sink = self.sink.lock().unwrap_or_else(|p| p.into_inner());
        sink.put_with(path, write)
    }
}

/// Runs `render` with a sink whose files are written into `sink` by a
/// thread of their own, in the order given, so rendering goes on while
/// files are written; at most [`QUEUED_FILES`] files wait at a time, so
/// memory stays bounded. Returns what `render` returns once every file is
/// written.
///
/// Errors: `render`'s error, else the first error `sink` returned (files
/// after it are not written).
pub fn in_background<S, T>(
    sink: &mut S,
    render: impl FnOnce(&mut dyn SiteSink) -> Result<T>,
) -> Result<T>
where
    S: SiteSink + Send,
{
    let sink = std::sync::Mutex::new(sink);
    let failed = std::sync::Mutex::new(None::<crate::Error>);
    let (jobs, queue) = std::sync::mpsc::sync_channel::<Job>(QUEUED_FILES);
    let (sink_ref, failed_ref) = (&sink, &failed);
    let result = std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            // After the first error nothing more is written.
            let mut broken = false;
            for job in queue {
                let mut target = sink_ref.lock().unwrap_or_else(|p| p.into_inner());
                let written = match job {
                    Job::Drain(done) => {
                        let _ = done.send(());
                        Ok(())
                    }
                    _ if broken => Ok(()),
                    Job::Put(path, bytes) => target.put(path, bytes),
                    Job::Append(path, bytes) => target.append(&path, &bytes),
                };
                if let Err(e) = written {
                    broken = true;
                    let mut first = failed_ref.lock().unwrap_or_else(|p| p.into_inner());
                    first.get_or_insert(e);
                }
            }
        });
        let mut queued = Queued {
            jobs,
            sink: sink_ref,
            failed: failed_ref,
        };
        let result = render(&mut queued);
        drop(queued);
        if let Err(panic) = writer.join() {
            std::panic::resume_unwind(panic);
        }
        result
    });
    let value = result?;
    match failed.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(e),
        None => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink that records what it gets and fails on the `fail_at`th put.
    #[derive(Default)]
    struct Recording {
        order: Vec<String>,
        site: Site,
        fail_at: Option<usize>,
    }

    impl SiteSink for Recording {
        fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
            if self.fail_at == Some(self.order.len()) {
                return Err(crate::Error::io(&path, std::io::Error::other("disk full")));
            }
            self.order.push(path.clone());
            self.site.put(path, bytes)
        }

        fn append(&mut self, path: &str, bytes: &[u8]) -> Result<()> {
            self.order.push(format!("+{path}"));
            self.site.append(path, bytes)
        }
    }

    fn render_many(sink: &mut dyn SiteSink) -> Result<usize> {
        for i in 0..100 {
            sink.put(format!("p{i:03}.html"), vec![b'x'; i])?;
            sink.append("print.html", format!("{i},").as_bytes())?;
        }
        sink.put_with("data.json".into(), &mut |w| {
            w.write_all(b"{}")
                .map_err(|e| crate::Error::io("data.json", e))
        })?;
        Ok(100)
    }

    #[test]
    fn background_writes_keep_order_and_bytes() {
        let mut direct = Recording::default();
        render_many(&mut direct).unwrap();
        let mut queued = Recording::default();
        assert_eq!(in_background(&mut queued, render_many).unwrap(), 100);
        assert_eq!(queued.order, direct.order);
        assert_eq!(queued.site, direct.site);
        assert_eq!(queued.site.text("data.json"), Some("{}"));
    }

    #[test]
    fn a_write_error_stops_the_writes_and_is_returned() {
        let mut sink = Recording {
            fail_at: Some(10),
            ..Recording::default()
        };
        let err = in_background(&mut sink, render_many).unwrap_err();
        assert!(err.to_string().contains("p005.html"), "{err}");
        assert_eq!(sink.order.len(), 10, "nothing is written after the error");
        assert!(!sink.site.files.contains_key("data.json"));
    }
}

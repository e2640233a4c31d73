//! The live state of `docgen serve`: the site being served, its build
//! number, the last rebuild error, and the Server-Sent Events stream that
//! tells open pages about them.
//!
//! A rebuild swaps the whole [`Site`] in one step under the lock, and only
//! then bumps the build number and wakes the event streams, so a page is
//! told to reload only once the new build is in place (never a 404 from a
//! half-written output).
//!
//! Each HTML page has a version: the build in which its bytes last
//! changed. A page's event stream reports that version, so an open page
//! reloads only when its own bytes (or the scripts every page runs) have
//! changed. A quick preview can publish a few pages as an overlay, served
//! instead of the site's files until the next full rebuild replaces them.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::site::Site;

/// How often an idle event stream sends a comment, so dead connections
/// are noticed and proxies keep the stream open.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// What open pages need to know.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The site currently served (under the overlay, see [`Snapshot::file`]).
    pub site: Arc<Site>,
    /// Number of the build being served (starts at 1).
    pub build: u64,
    /// The last rebuild's error (file, line, message), if it failed.
    pub error: Option<String>,
    /// When the last change touched stylesheets only: the build it changed
    /// from, so pages of that build can swap CSS without reloading.
    pub css_base: Option<u64>,
    /// The build in which a stylesheet last changed (1 if never), so a page
    /// that missed a CSS-only message still knows to swap its stylesheets.
    css_build: u64,
    /// Files of a quick preview, served instead of the site's.
    overlay: Arc<BTreeMap<String, Vec<u8>>>,
    /// For HTML pages that changed since build 1: the build they last
    /// changed in.
    versions: Arc<HashMap<String, u64>>,
    /// The build in which a script under `static/` last changed: every
    /// page's version is at least this.
    floor: u64,
}

/// What tells two snapshots' served bytes apart: the site and overlay
/// they point at, and the build and version floor (see
/// [`Snapshot::identity`]).
pub type Identity = (usize, usize, u64, u64, u64);

impl Snapshot {
    /// Equal for two snapshots exactly when they serve the same bytes for
    /// every path: the addresses of the shared site and overlay (kept alive
    /// by the snapshot, so not reused while it is held), the build number,
    /// the script version floor and the stylesheet build.
    pub fn identity(&self) -> Identity {
        (
            Arc::as_ptr(&self.site) as usize,
            Arc::as_ptr(&self.overlay) as usize,
            self.build,
            self.floor,
            self.css_build,
        )
    }

    /// A served file: the overlay's if it has one, else the site's.
    pub fn file(&self, path: &str) -> Option<&Vec<u8>> {
        self.overlay.get(path).or_else(|| self.site.files.get(path))
    }

    /// The build in which the page at `path` last changed (1 if it never
    /// did); also counts changes of the scripts under `static/`.
    pub fn page_version(&self, path: &str) -> u64 {
        let own = self.versions.get(path).copied().unwrap_or(1);
        own.max(self.floor)
    }

    /// What served files differ from (or are missing in) `new`.
    fn diff(&self, new: &Site) -> Diff {
        let mut diff = Diff::default();
        for (path, bytes) in &new.files {
            if self.file(path) != Some(bytes) {
                diff.note(path);
            }
        }
        for path in self.site.files.keys().chain(self.overlay.keys()) {
            if !new.files.contains_key(path) {
                diff.note(path);
            }
        }
        diff
    }

    /// Starts a new build recording `diff` (not empty): the versions of
    /// the changed pages, the floor, and the stylesheet builds.
    fn bump(&mut self, diff: Diff) {
        let from = self.build;
        self.build += 1;
        self.css_base = diff.css_only().then_some(from);
        if diff.css {
            self.css_build = self.build;
        }
        if diff.scripts {
            self.floor = self.build;
        }
        if !diff.pages.is_empty() {
            let versions = Arc::make_mut(&mut self.versions);
            for page in diff.pages {
                versions.insert(page, self.build);
            }
        }
    }
}

/// The kinds of files a change touched.
#[derive(Debug, Default)]
struct Diff {
    /// HTML pages changed, added or removed.
    pages: Vec<String>,
    /// A file under `static/` other than a stylesheet (a script the pages
    /// run): every page counts as changed.
    scripts: bool,
    /// A stylesheet.
    css: bool,
    /// Anything else (the search index, the sitemap, …).
    other: bool,
}

impl Diff {
    fn note(&mut self, path: &str) {
        if path.ends_with(".css") {
            self.css = true;
        } else if path.starts_with("static/") {
            self.scripts = true;
        } else if path.ends_with(".html") {
            self.pages.push(path.to_string());
        } else {
            self.other = true;
        }
    }

    fn is_empty(&self) -> bool {
        self.pages.is_empty() && !self.scripts && !self.css && !self.other
    }

    /// True when only stylesheets changed.
    fn css_only(&self) -> bool {
        self.css && self.pages.is_empty() && !self.scripts && !self.other
    }
}

/// Shared between the HTTP workers, the event streams and the rebuilder.
pub struct Live {
    state: Mutex<Snapshot>,
    changed: Condvar,
}

impl Live {
    /// Live state serving `site` as build 1.
    pub fn new(site: Site) -> Arc<Self> {
        Arc::new(Live {
            state: Mutex::new(Snapshot {
                site: Arc::new(site),
                build: 1,
                error: None,
                css_base: None,
                css_build: 1,
                overlay: Arc::default(),
                versions: Arc::default(),
                floor: 1,
            }),
            changed: Condvar::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Snapshot> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A copy of the current state (the site is shared, not copied).
    pub fn snapshot(&self) -> Snapshot {
        self.lock().clone()
    }

    /// Swaps in a successfully rebuilt site (dropping the overlay) and
    /// wakes every event stream. The pages whose bytes differ from the
    /// ones served get the new build as their version.
    ///
    /// A rebuild that produced the same bytes as the files being served
    /// (an editor touching a file, a save without changes, a full rebuild
    /// matching its quick preview) only clears a shown error: pages are not
    /// reloaded for nothing.
    pub fn publish(&self, site: Site) {
        let mut s = self.lock();
        let diff = s.diff(&site);
        s.site = Arc::new(site);
        s.overlay = Arc::default();
        if diff.is_empty() {
            if s.error.take().is_some() {
                drop(s);
                self.changed.notify_all();
            }
            return;
        }
        s.bump(diff);
        s.error = None;
        drop(s);
        self.changed.notify_all();
    }

    /// Serves `files` (a quick preview of an edit) instead of the site's
    /// until the next [`Live::publish`]. Files equal to the ones served are
    /// ignored; if any differ, starts a new build in which the changed pages
    /// get the new version, and wakes every event stream.
    pub fn publish_overlay(&self, files: Vec<(String, Vec<u8>)>) {
        let mut s = self.lock();
        let changed: Vec<_> = files
            .into_iter()
            .filter(|(path, bytes)| s.file(path) != Some(bytes))
            .collect();
        if changed.is_empty() {
            return;
        }
        let mut diff = Diff::default();
        let overlay = Arc::make_mut(&mut s.overlay);
        for (path, bytes) in changed {
            diff.note(&path);
            overlay.insert(path, bytes);
        }
        s.bump(diff);
        drop(s);
        self.changed.notify_all();
    }

    /// Records a failed rebuild; the previous site stays served.
    pub fn fail(&self, error: String) {
        let mut s = self.lock();
        s.error = Some(error);
        drop(s);
        self.changed.notify_all();
    }

    /// Writes one Server-Sent Events stream's body to `out` until the
    /// client goes away: the current state at once, then every change, with
    /// a heartbeat comment when idle. Returns when a write fails. With the
    /// site path of the page holding the stream, each state also carries
    /// that page's version ([`Snapshot::page_version`]). The response head
    /// ([`EVENT_STREAM_HEADERS`]) is the server's to send.
    pub fn stream_events(&self, mut out: impl Write, page: Option<String>) {
        let mut seen: Option<(u64, Option<String>)> = None;
        loop {
            let message = self.next_message(&mut seen, page.as_deref());
            if out
                .write_all(message.as_bytes())
                .and_then(|_| out.flush())
                .is_err()
            {
                return;
            }
        }
    }

    /// Blocks until there is something to send: the state when it differs
    /// from `seen` (which is updated), else a heartbeat after [`HEARTBEAT`].
    /// The lock is released before the caller writes to the network.
    fn next_message(&self, seen: &mut Option<(u64, Option<String>)>, page: Option<&str>) -> String {
        let mut guard = self.lock();
        loop {
            let current = (guard.build, guard.error.clone());
            if seen.as_ref() != Some(&current) {
                *seen = Some(current);
                return event_message(&guard, page);
            }
            let (g, wait) = self
                .changed
                .wait_timeout(guard, HEARTBEAT)
                .unwrap_or_else(|p| p.into_inner());
            guard = g;
            if wait.timed_out() {
                return ": ping\n\n".to_string();
            }
        }
    }
}

/// The headers of an event-stream response (besides the security headers
/// every response carries).
pub const EVENT_STREAM_HEADERS: [(&str, &str); 3] = [
    ("Content-Type", "text/event-stream"),
    ("Cache-Control", "no-cache"),
    ("X-Accel-Buffering", "no"),
];

/// The `state` event for `s`, as seen by the page at `page` if given.
fn event_message(s: &Snapshot, page: Option<&str>) -> String {
    let mut data = serde_json::json!({
        "build": s.build,
        "error": s.error,
        "css_only": s.css_base.is_some(),
        "css_base": s.css_base,
        "css_build": s.css_build,
    });
    if let Some(page) = page {
        data["page"] = s.page_version(page).into();
    }
    format!("event: state\ndata: {data}\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::site::test_site as site;

    fn files(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        list.iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect()
    }

    /// The versions of `pages` in the current state.
    fn versions(live: &Live, pages: &[&str]) -> Vec<u64> {
        let s = live.snapshot();
        pages.iter().map(|p| s.page_version(p)).collect()
    }

    #[test]
    fn publish_bumps_build_and_clears_error() {
        let live = Live::new(site(&[("a.html", "1")]));
        live.fail("content/a.md:3: bad".into());
        assert_eq!(
            live.snapshot().error.as_deref(),
            Some("content/a.md:3: bad")
        );
        assert_eq!(live.snapshot().build, 1);
        live.publish(site(&[("a.html", "2")]));
        let s = live.snapshot();
        assert_eq!((s.build, s.error, s.css_base), (2, None, None));
        assert_eq!(s.site.text("a.html"), Some("2"));
    }

    #[test]
    fn identical_rebuild_does_not_bump_the_build() {
        let live = Live::new(site(&[("a.html", "1")]));
        live.publish(site(&[("a.html", "1")]));
        assert_eq!(live.snapshot().build, 1);
        live.fail("x".into());
        live.publish(site(&[("a.html", "1")]));
        let s = live.snapshot();
        assert_eq!((s.build, s.error), (1, None));
    }

    #[test]
    fn publish_bumps_only_the_changed_pages() {
        let pages = ["a.html", "b.html", "c.html", "d.html", "gone.html"];
        let live = Live::new(site(&[
            ("a.html", "1"),
            ("b.html", "1"),
            ("c.html", "1"),
            ("gone.html", "1"),
            ("search-index.js", "1"),
        ]));
        assert_eq!(versions(&live, &pages), [1, 1, 1, 1, 1]);
        live.publish(site(&[
            ("a.html", "2"),
            ("b.html", "1"),
            ("c.html", "1"),
            ("d.html", "new"),
            ("search-index.js", "2"),
        ]));
        assert_eq!(versions(&live, &pages), [2, 1, 1, 2, 2]);
        live.publish(site(&[
            ("a.html", "2"),
            ("b.html", "3"),
            ("c.html", "1"),
            ("d.html", "new"),
            ("search-index.js", "2"),
        ]));
        let s = live.snapshot();
        assert_eq!((s.build, s.css_base), (3, None));
        assert_eq!(versions(&live, &pages), [2, 3, 1, 2, 2]);
    }

    #[test]
    fn a_changed_script_counts_for_every_page() {
        let live = Live::new(site(&[
            ("a.html", "1"),
            ("b.html", "1"),
            ("static/reader.js", "1"),
        ]));
        live.publish(site(&[
            ("a.html", "2"),
            ("b.html", "1"),
            ("static/reader.js", "1"),
        ]));
        live.publish(site(&[
            ("a.html", "2"),
            ("b.html", "1"),
            ("static/reader.js", "2"),
        ]));
        assert_eq!(live.snapshot().build, 3);
        assert_eq!(
            versions(&live, &["a.html", "b.html", "new.html"]),
            [3, 3, 3]
        );
    }

    #[test]
    fn css_only_changes_keep_page_versions_and_set_css_base() {
        let a = [("a.html", "1"), ("static/style.css", "x")];
        let live = Live::new(site(&a));
        live.publish(site(&[("a.html", "1"), ("static/style.css", "y")]));
        let s = live.snapshot();
        assert_eq!((s.build, s.css_base, s.css_build), (2, Some(1), 2));
        assert_eq!(s.page_version("a.html"), 1);
        let event = event_message(&s, Some("a.html"));
        assert!(event.contains("\"page\":1"), "{event}");
        assert!(event.contains("\"css_only\":true"), "{event}");
        // CSS together with a page: not CSS-only, other pages keep theirs.
        live.publish(site(&[
            ("a.html", "1"),
            ("b.html", "1"),
            ("static/style.css", "z"),
        ]));
        let s = live.snapshot();
        assert_eq!((s.build, s.css_base, s.css_build), (3, None, 3));
        assert_eq!(versions(&live, &["a.html", "b.html"]), [1, 3]);
    }

    #[test]
    fn overlay_files_are_served_and_bump_their_pages() {
        let live = Live::new(site(&[("a.html", "1"), ("b.html", "1")]));
        live.publish_overlay(files(&[("a.html", "1")]));
        assert_eq!(live.snapshot().build, 1, "equal to what is served");
        live.publish_overlay(files(&[
            ("a.html", "2"),
            ("b.html", "1"),
            ("c.html", "new"),
        ]));
        let s = live.snapshot();
        assert_eq!(s.build, 2);
        assert_eq!(s.file("a.html").map(Vec::as_slice), Some(&b"2"[..]));
        assert_eq!(s.file("b.html").map(Vec::as_slice), Some(&b"1"[..]));
        assert_eq!(s.file("c.html").map(Vec::as_slice), Some(&b"new"[..]));
        assert_eq!(s.site.text("a.html"), Some("1"), "the site is kept");
        assert_eq!(versions(&live, &["a.html", "b.html", "c.html"]), [2, 1, 2]);
        assert!(event_message(&s, Some("a.html")).contains("\"page\":2"));
        assert!(!event_message(&s, None).contains("\"page\""));
        // The full rebuild matches the preview: nothing new to show.
        live.fail("x".into());
        live.publish(site(&[("a.html", "2"), ("b.html", "1"), ("c.html", "new")]));
        let s = live.snapshot();
        assert_eq!((s.build, s.error), (2, None));
        assert!(s.overlay.is_empty());
        assert_eq!(s.site.text("a.html"), Some("2"));
    }

    #[test]
    fn the_next_publish_drops_the_overlay() {
        let live = Live::new(site(&[("a.html", "1"), ("b.html", "1")]));
        live.publish_overlay(files(&[("a.html", "2"), ("b.html", "preview")]));
        live.publish(site(&[("a.html", "3"), ("b.html", "preview")]));
        let s = live.snapshot();
        assert_eq!(s.build, 3);
        assert!(s.overlay.is_empty());
        assert_eq!(s.file("a.html").map(Vec::as_slice), Some(&b"3"[..]));
        assert_eq!(versions(&live, &["a.html", "b.html"]), [3, 2]);
        // A preview page the full build does not have is gone too.
        live.publish_overlay(files(&[("c.html", "x")]));
        live.publish(site(&[("a.html", "3"), ("b.html", "preview")]));
        let s = live.snapshot();
        assert_eq!((s.build, s.file("c.html")), (5, None));
        assert_eq!(versions(&live, &["a.html", "c.html"]), [3, 5]);
    }

    #[test]
    fn streams_wake_on_overlay_changes() {
        let live = Live::new(site(&[("a.html", "1")]));
        let mut seen = None;
        let first = live.next_message(&mut seen, Some("a.html"));
        assert!(first.contains("\"build\":1"), "{first}");
        let waker = Arc::clone(&live);
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            waker.publish_overlay(vec![("a.html".into(), b"2".to_vec())]);
        });
        let next = live.next_message(&mut seen, Some("a.html"));
        t.join().unwrap();
        assert!(
            next.contains("\"build\":2") && next.contains("\"page\":2"),
            "{next}"
        );
    }
}

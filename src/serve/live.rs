//! The live state of `docgen serve`: the site being served, its build
//! number, the last rebuild error, and the Server-Sent Events stream that
//! tells open pages about them.
//!
//! A rebuild swaps the whole [`Site`] in one step under the lock, and only
//! then bumps the build number and wakes the event streams, so a page is
//! told to reload only once the new build is in place (never a 404 from a
//! half-written output).

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::render::Site;

/// How often an idle event stream sends a comment, so dead connections
/// are noticed and proxies keep the stream open.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// What open pages need to know.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The site currently served.
    pub site: Arc<Site>,
    /// Number of the build being served (starts at 1).
    pub build: u64,
    /// The last rebuild's error (file, line, message), if it failed.
    pub error: Option<String>,
    /// When the last change touched stylesheets only: the build it changed
    /// from, so pages of that build can swap CSS without reloading.
    pub css_base: Option<u64>,
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

    /// Swaps in a successfully rebuilt site and wakes every event stream.
    /// A rebuild that produced the same bytes as the site being served
    /// (an editor touching a file, a save without changes) only clears a
    /// shown error: pages are not reloaded for nothing.
    pub fn publish(&self, site: Site) {
        let mut s = self.lock();
        if *s.site == site {
            if s.error.take().is_some() {
                drop(s);
                self.changed.notify_all();
            }
            return;
        }
        let css_only = css_only_change(&s.site, &site);
        s.css_base = css_only.then_some(s.build);
        s.site = Arc::new(site);
        s.build += 1;
        s.error = None;
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

    /// Serves one Server-Sent Events stream on `out` until the client goes
    /// away: the current state at once, then every change, with a heartbeat
    /// comment when idle. Returns when a write fails.
    pub fn stream_events(&self, mut out: Box<dyn Write + Send>) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\nX-Accel-Buffering: no\r\n\r\n";
        if out
            .write_all(head.as_bytes())
            .and_then(|_| out.flush())
            .is_err()
        {
            return;
        }
        let mut seen: Option<(u64, Option<String>)> = None;
        loop {
            let message = self.next_message(&mut seen);
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
    fn next_message(&self, seen: &mut Option<(u64, Option<String>)>) -> String {
        let mut guard = self.lock();
        loop {
            let current = (guard.build, guard.error.clone());
            if seen.as_ref() != Some(&current) {
                *seen = Some(current);
                return event_message(&guard);
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

fn event_message(s: &Snapshot) -> String {
    let data = serde_json::json!({
        "build": s.build,
        "error": s.error,
        "css_only": s.css_base.is_some(),
        "css_base": s.css_base,
    });
    format!("event: state\ndata: {data}\n\n")
}

/// True when the two sites differ only in `.css` files.
fn css_only_change(old: &Site, new: &Site) -> bool {
    if old.files.len() != new.files.len() {
        return false;
    }
    let mut changed_css = false;
    for ((pa, ba), (pb, bb)) in old.files.iter().zip(&new.files) {
        if pa != pb {
            return false;
        }
        if ba != bb {
            if !pa.ends_with(".css") {
                return false;
            }
            changed_css = true;
        }
    }
    changed_css
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::render::test_site as site;

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
    fn css_only_changes_are_recognised() {
        let a = site(&[("a.html", "1"), ("s.css", "x")]);
        assert!(css_only_change(
            &a,
            &site(&[("a.html", "1"), ("s.css", "y")])
        ));
        assert!(!css_only_change(
            &a,
            &site(&[("a.html", "2"), ("s.css", "y")])
        ));
        assert!(!css_only_change(&a, &a.clone()));
    }
}

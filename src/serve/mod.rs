//! `docgen serve`: a local preview with live reload.
//!
//! The site is built in memory and served from memory by a pool of
//! tiny_http workers; a watcher rebuilds on every change and swaps in only
//! a successful build. Rebuilds share a [`pipeline::Session`], so unchanged
//! sources are not extracted again and unchanged code is not highlighted
//! again. Open pages hold a Server-Sent Events stream (same
//! port, URL relative to the page) and reload once the new build is in
//! place; a failed rebuild keeps the last good site and shows the error in
//! an overlay on every open page until the file is fixed.

pub mod http;
pub mod live;

pub mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tiny_http::{Header, Request, Response, Server};

use crate::pipeline::{self, BuildOptions};
use crate::site::output;
use crate::{Error, Result};
use http::Resolved;
use live::Live;

/// Worker threads answering ordinary requests.
const WORKERS: usize = 8;
/// Most event streams (open pages) served at once.
const MAX_STREAMS: usize = 64;
/// The path of the live-reload event stream, relative to the site root.
pub const EVENTS_PATH: &str = "__docgen/events";

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// What to build. `build.output` is written too when `write_output`.
    pub build: BuildOptions,
    /// Interface to listen on (127.0.0.1 unless asked otherwise).
    pub interface: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the handbook in the default browser once serving.
    pub open: bool,
    /// Also write each successful build to `build.output`.
    pub write_output: bool,
}

/// A running preview server.
pub struct Preview {
    server: Arc<Server>,
    live: Arc<Live>,
    /// Held while a rebuild writes output, so Ctrl-C never interrupts it.
    pub build_lock: Arc<Mutex<()>>,
    opts: ServeOptions,
    /// Extractions and highlighted code kept between rebuilds.
    session: pipeline::Session,
    /// The last successful build's model, which quick previews patch.
    last: Mutex<Option<pipeline::quick::LastBuild>>,
    /// Threads for full rebuilds (`None`: rayon's global pool).
    rebuild_pool: Option<rayon::ThreadPool>,
}

impl Preview {
    /// Builds the site and starts serving it (returns once listening).
    ///
    /// Errors: [`Error::Output`] when `write_output` is set and the output
    /// may not be written; the first build's errors, and [`Error::Bind`] when the
    /// address cannot be listened on (port in use).
    pub fn start(opts: ServeOptions) -> Result<Self> {
        if opts.write_output {
            output::check_target(&opts.build.root, &opts.build.output, opts.build.force)?;
        }
        let session = pipeline::Session::default();
        let built = pipeline::build_site_in(&opts.build, &session)?;
        if opts.write_output {
            output::write_site(&built.site, &opts.build.output)?;
        }
        let addr = SocketAddr::new(opts.interface, opts.port);
        let server = Server::http(addr).map_err(|e| Error::Bind {
            addr: addr.to_string(),
            message: e.to_string(),
        })?;
        let (last, site) = pipeline::quick::LastBuild::split(built);
        let preview = Preview {
            server: Arc::new(server),
            live: Live::new(site),
            build_lock: Arc::new(Mutex::new(())),
            opts,
            session,
            last: Mutex::new(Some(last)),
            rebuild_pool: rebuild_pool(),
        };
        preview.spawn_workers();
        Ok(preview)
    }

    /// The address actually listened on (with the port picked for 0).
    pub fn addr(&self) -> SocketAddr {
        self.server
            .server_addr()
            .to_ip()
            .unwrap_or_else(|| SocketAddr::new(self.opts.interface, self.opts.port))
    }

    /// The URL to open, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr())
    }

    fn spawn_workers(&self) {
        let streams = Arc::new(AtomicUsize::new(0));
        let bound = self.addr();
        for _ in 0..WORKERS {
            let server = Arc::clone(&self.server);
            let live = Arc::clone(&self.live);
            let streams = Arc::clone(&streams);
            std::thread::spawn(move || {
                while let Ok(req) = server.recv() {
                    handle(req, &live, &streams, bound);
                }
            });
        }
    }

    /// Watches the project and rebuilds on every change, forever (until the
    /// watcher stops). An edit of notes files is first shown as a quick
    /// preview ([`pipeline::quick`]); the full rebuild runs on its own thread and
    /// replaces it. A change that comes while a rebuild runs is previewed
    /// at once, and the rebuild then running is not published (the next
    /// one, which sees the change, is). `log` receives one line per preview
    /// and per rebuild.
    ///
    /// Errors: [`Error::Io`] when the watcher cannot start.
    pub fn watch(&self, log: &mut (dyn Write + Send)) -> Result<()> {
        let watcher = watch::Watcher::start(&self.opts.build.root)?;
        let log = Mutex::new(log);
        let pending = Pending::default();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                while let Some(paths) = pending.next() {
                    self.rebuild(&paths, &pending, &log);
                }
            });
            while let Some(paths) = watcher.next_change() {
                self.preview(&paths, &log);
                pending.add(paths);
            }
            pending.stop();
        });
        Ok(())
    }

    /// One full rebuild after a change of `paths`; published unless a newer
    /// change is already pending.
    fn rebuild(&self, paths: &[PathBuf], pending: &Pending, log: &Mutex<&mut (dyn Write + Send)>) {
        let start = Instant::now();
        let _guard = self.build_lock.lock().unwrap_or_else(|p| p.into_inner());
        let rebuild = || pipeline::build_site_in(&self.opts.build, &self.session);
        let result = match &self.rebuild_pool {
            Some(pool) => pool.install(rebuild),
            None => rebuild(),
        };
        let result = result.and_then(|built| {
            if self.opts.write_output {
                output::write_site(&built.site, &self.opts.build.output)?;
            }
            Ok(built)
        });
        let changed = paths
            .first()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        match result {
            Ok(built) => {
                let (last, site) = pipeline::quick::LastBuild::split(built);
                *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some(last);
                if pending.is_empty() {
                    self.live.publish(site);
                }
                let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
                let _ = writeln!(
                    log,
                    "rebuilt in {} ms ({changed} changed)",
                    start.elapsed().as_millis()
                );
            }
            Err(e) => {
                let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
                let _ = writeln!(
                    log,
                    "rebuild failed, still serving the last good build:\n  {}",
                    e.report()
                );
                self.live.fail(e.report());
            }
        }
    }

    /// Serves the quick preview of a change of `paths`, when it is one a
    /// preview shows.
    fn preview(&self, paths: &[PathBuf], log: &Mutex<&mut (dyn Write + Send)>) {
        let start = Instant::now();
        let files = {
            let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
            let Some(last) = last.as_mut() else { return };
            let root = &self.opts.build.root;
            pipeline::quick::pages(root, last, paths, self.session.highlighted())
        };
        if let Some(files) = files {
            let n = files.len();
            self.live.publish_overlay(files);
            let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
            let _ = writeln!(
                log,
                "previewed in {} ms ({n} pages); rebuilding",
                start.elapsed().as_millis()
            );
        }
    }

    /// Stops accepting requests.
    pub fn stop(&self) {
        self.server.unblock();
    }
}

/// Changes waiting for a full rebuild, handed from the watcher to the
/// rebuild thread.
#[derive(Default)]
struct Pending {
    state: Mutex<(Vec<PathBuf>, bool)>,
    wake: std::sync::Condvar,
}

impl Pending {
    fn lock(&self) -> std::sync::MutexGuard<'_, (Vec<PathBuf>, bool)> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Records changed paths and wakes the rebuild thread.
    fn add(&self, paths: Vec<PathBuf>) {
        self.lock().0.extend(paths);
        self.wake.notify_all();
    }

    /// Tells the rebuild thread to finish.
    fn stop(&self) {
        self.lock().1 = true;
        self.wake.notify_all();
    }

    /// True when no change waits.
    fn is_empty(&self) -> bool {
        self.lock().0.is_empty()
    }

    /// Waits for changes and takes them all; `None` once stopped.
    fn next(&self) -> Option<Vec<PathBuf>> {
        let mut s = self.lock();
        loop {
            if !s.0.is_empty() {
                let mut paths = std::mem::take(&mut s.0);
                paths.sort();
                paths.dedup();
                return Some(paths);
            }
            if s.1 {
                return None;
            }
            s = self.wake.wait(s).unwrap_or_else(|p| p.into_inner());
        }
    }
}

/// A thread pool for full rebuilds whose threads run at a lower scheduling
/// priority (nice 10 on Linux), so that while a rebuild runs, the browser
/// loading the quick preview and the server answering it get the CPU
/// first. `None` when the pool cannot be made.
fn rebuild_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("docgen-rebuild-{i}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok()
}

/// Lowers the calling thread's scheduling priority (nice 10).
#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: setpriority only changes the scheduling priority; on Linux,
    // PRIO_PROCESS with id 0 applies to the calling thread alone. A failure
    // (returned, not raised) leaves the priority as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// Lowers the calling thread's scheduling priority (not on this system:
/// there, the priority would apply to the whole process).
#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|_| {
        Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("static header is valid")
    })
}

/// Answers one request. Never panics on any input.
fn handle(req: Request, live: &Arc<Live>, streams: &Arc<AtomicUsize>, bound: SocketAddr) {
    let host = req
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    if !http::host_allowed(host.as_deref(), bound) {
        let _ = req.respond(
            Response::from_string(
                "403 Forbidden: unknown Host (the preview answers localhost only)",
            )
            .with_status_code(403),
        );
        return;
    }
    let rel = match http::resolve(req.url()) {
        Resolved::Forbidden => {
            let _ = req.respond(Response::from_string("403 Forbidden").with_status_code(403));
            return;
        }
        Resolved::File(rel) => rel,
    };
    if rel == EVENTS_PATH {
        let page = http::query_param(req.url(), "page");
        return open_stream(req, live, streams, page);
    }
    let method = req.method().as_str().to_ascii_uppercase();
    if method != "GET" && method != "HEAD" {
        let resp = Response::from_string("405 Method Not Allowed")
            .with_status_code(405)
            .with_header(header("Allow", "GET, HEAD"));
        let _ = req.respond(resp);
        return;
    }
    let snap = live.snapshot();
    let (status, path, bytes) = match snap.file(&rel) {
        Some(b) => (200, rel, b),
        None => match snap.file("404.html") {
            Some(b) => (404, "404.html".to_string(), b),
            None => {
                let _ = req.respond(Response::from_string("404 Not Found").with_status_code(404));
                return;
            }
        },
    };
    let body = if path.ends_with(".html") {
        http::inject_live_reload(bytes, snap.build, snap.page_version(&path))
    } else {
        bytes.clone()
    };
    let tag = http::etag(&body);
    let not_modified = status == 200
        && req
            .headers()
            .iter()
            .find(|h| h.field.equiv("If-None-Match"))
            .is_some_and(|h| http::etag_matches(h.value.as_str(), &tag));
    let resp = if not_modified {
        Response::from_data(Vec::new()).with_status_code(304)
    } else {
        Response::from_data(body).with_status_code(status)
    };
    let mut resp = resp
        .with_header(header("Content-Type", &http::mime_type(&path)))
        .with_header(header("ETag", &tag))
        .with_header(header("Cache-Control", "no-cache"));
    for (name, value) in http::SECURITY_HEADERS {
        resp = resp.with_header(header(name, value));
    }
    let _ = req.respond(resp);
}

/// Holds the live-reload event stream of the page at site path `page`
/// (from the `page` query parameter) on its own thread.
fn open_stream(req: Request, live: &Arc<Live>, streams: &Arc<AtomicUsize>, page: Option<String>) {
    if streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        streams.fetch_sub(1, Ordering::SeqCst);
        let _ = req.respond(Response::from_string("503 Too many open pages").with_status_code(503));
        return;
    }
    let live = Arc::clone(live);
    let streams = Arc::clone(streams);
    std::thread::spawn(move || {
        live.stream_events(req.into_writer(), page);
        streams.fetch_sub(1, Ordering::SeqCst);
    });
}

//! `docgen serve`: a local preview with live reload.
//!
//! The site is built in memory and served from memory by a hyper server
//! with connection, time and size limits ([`server`]); a watcher rebuilds on every change and swaps in only
//! a successful build. Rebuilds share a [`pipeline::Session`], so unchanged
//! sources are not extracted again and unchanged code is not highlighted
//! again. Open pages hold a Server-Sent Events stream (same
//! port, URL relative to the page) and reload once the new build is in
//! place; a failed rebuild keeps the last good site and shows the error in
//! an overlay on every open page until the file is fixed.

pub mod http;
pub mod live;
pub mod server;

pub mod watch;

use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use bytes::Bytes;
use hyper::Response;

use crate::Result;
use crate::pipeline::{self, BuildOptions};
use crate::site::output;
use http::Resolved;
use live::Live;
use server::{Asked, ResponseBody, Server};

/// Most event streams (open pages) served at once.
const MAX_STREAMS: usize = 64;
/// Most responses kept in the [`Rendered`] cache at once (entries, one
/// per file and folder depth); beyond it, responses are computed each time.
const MAX_CACHED: usize = 4096;
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
    server: Server,
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
    /// The last build's warnings (skipped files, sources without
    /// questions): the first build's are logged when watching starts, a
    /// rebuild's when they are new.
    warnings: Mutex<(Vec<String>, bool)>,
}

impl Preview {
    /// Builds the site and starts serving it (returns once listening).
    ///
    /// Errors: [`Error::Output`](crate::Error::Output) when `write_output` is set and the output
    /// may not be written; the first build's errors, and [`Error::Bind`](crate::Error::Bind) when the
    /// address cannot be listened on (port in use).
    pub fn start(opts: ServeOptions) -> Result<Self> {
        if opts.write_output {
            output::check_target(&opts.build.root, &opts.build.output, opts.build.force)?;
        }
        // The first build reuses what the last `docgen build` cached.
        let session = pipeline::Session::from_build_cache(&opts.build);
        let built = pipeline::build_site_in(&opts.build, &session)?;
        if opts.write_output {
            output::write_site(&built.site, &opts.build.output)?;
        }
        let warnings = built.report.warnings.clone();
        let (last, site) = pipeline::quick::LastBuild::split(built);
        let live = Live::new(site);
        let server = {
            let live = Arc::clone(&live);
            let streams = Arc::new(AtomicUsize::new(0));
            let rendered = Rendered::default();
            let bound = Arc::new(std::sync::OnceLock::<SocketAddr>::new());
            let answer_bound = Arc::clone(&bound);
            let server = Server::start(
                SocketAddr::new(opts.interface, opts.port),
                Arc::new(move |asked: Asked| {
                    let bound = answer_bound
                        .get()
                        .copied()
                        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)));
                    answer(asked, &live, &streams, &rendered, bound)
                }),
            )?;
            let _ = bound.set(server.addr());
            server
        };
        let preview = Preview {
            server,
            live,
            build_lock: Arc::new(Mutex::new(())),
            opts,
            session,
            last: Mutex::new(Some(last)),
            rebuild_pool: rebuild_pool(),
            warnings: Mutex::new((warnings, false)),
        };
        Ok(preview)
    }

    /// The address actually listened on (with the port picked for 0).
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// The URL to open, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr())
    }

    /// Watches the project and rebuilds on every change, forever (until the
    /// watcher stops). An edit of notes files is first shown as a quick
    /// preview ([`pipeline::quick`]); the full rebuild runs on its own thread and
    /// replaces it. A change that comes while a rebuild runs is previewed
    /// at once, and the rebuild then running is not published (the next
    /// one, which sees the change, is). `log` receives one line per preview
    /// and per rebuild.
    ///
    /// Errors: [`Error::Io`](crate::Error::Io) when the watcher cannot start.
    pub fn watch(&self, log: &mut (dyn Write + Send)) -> Result<()> {
        let watcher = watch::Watcher::start(&self.opts.build.root)?;
        {
            let mut shown = self.warnings.lock().unwrap_or_else(|p| p.into_inner());
            if !shown.1 {
                for w in &shown.0 {
                    let _ = writeln!(log, "warning: {w}");
                }
                shown.1 = true;
            }
        }
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
                let fresh: Vec<String> = {
                    let mut shown = self.warnings.lock().unwrap_or_else(|p| p.into_inner());
                    let fresh = built
                        .report
                        .warnings
                        .iter()
                        .filter(|w| !shown.0.contains(w))
                        .cloned()
                        .collect();
                    shown.0 = built.report.warnings.clone();
                    fresh
                };
                let (last, site) = pipeline::quick::LastBuild::split(built);
                *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some(last);
                if pending.is_empty() {
                    self.live.publish(site);
                }
                let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
                for w in &fresh {
                    let _ = writeln!(log, "warning: {w}");
                }
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
        self.server.stop();
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

/// A response of `status` with `body` and the headers every preview
/// response carries ([`http::SECURITY_HEADERS`]) plus `headers`.
fn respond(status: u16, headers: &[(&str, &str)], body: ResponseBody) -> Response<ResponseBody> {
    let mut builder = Response::builder().status(status);
    for (name, value) in http::SECURITY_HEADERS.iter().chain(headers) {
        builder = builder.header(*name, *value);
    }
    builder.body(body).unwrap_or_else(|_| {
        let mut plain = Response::new(ResponseBody::full("500 Internal Server Error"));
        *plain.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        plain
    })
}

/// A short plain-text response.
fn plain(status: u16, text: &'static str, headers: &[(&str, &str)]) -> Response<ResponseBody> {
    let mut all = vec![("Content-Type", "text/plain; charset=utf-8")];
    all.extend_from_slice(headers);
    respond(status, &all, ResponseBody::full(text))
}

/// Answers one request without blocking (an event stream is handed to its
/// own thread). Never panics on any input.
fn answer(
    asked: Asked,
    live: &Arc<Live>,
    streams: &Arc<AtomicUsize>,
    rendered: &Rendered,
    bound: SocketAddr,
) -> Response<ResponseBody> {
    if !http::host_allowed(asked.host.as_deref(), bound) {
        return plain(
            403,
            "403 Forbidden: unknown Host (the preview answers localhost only)",
            &[],
        );
    }
    let rel = match http::resolve(&asked.target) {
        Resolved::Forbidden => return plain(403, "403 Forbidden", &[]),
        Resolved::File(rel) => rel,
    };
    let method = asked.method.to_ascii_uppercase();
    if method != "GET" && method != "HEAD" {
        return plain(405, "405 Method Not Allowed", &[("Allow", "GET, HEAD")]);
    }
    if rel == EVENTS_PATH {
        let page = http::query_param(&asked.target, "page");
        return open_stream(live, streams, page);
    }
    if rel == http::LIVE_RELOAD_PATH {
        let kind = http::mime_type(&rel);
        let headers = [("Content-Type", &*kind), ("Cache-Control", "no-cache")];
        return respond(200, &headers, ResponseBody::full(http::LIVE_RELOAD_JS));
    }
    let snap = live.snapshot();
    let (status, path) = if snap.file(&rel).is_some() {
        (200, rel)
    } else if snap.file("404.html").is_some() {
        (404, "404.html".to_string())
    } else {
        return plain(404, "404 Not Found", &[]);
    };
    let root = if path.ends_with(".html") {
        http::root_prefix(&asked.target)
    } else {
        String::new()
    };
    let Some((body, tag)) = rendered.get(&snap, &path, &root) else {
        return plain(404, "404 Not Found", &[]);
    };
    let not_modified = status == 200
        && asked
            .if_none_match
            .as_deref()
            .is_some_and(|h| http::etag_matches(h, &tag));
    let kind = http::mime_type(&path);
    let headers = [
        ("Content-Type", &*kind),
        ("ETag", &*tag),
        ("Cache-Control", "no-cache"),
    ];
    if not_modified {
        respond(304, &headers, ResponseBody::full(Bytes::new()))
    } else {
        respond(status, &headers, ResponseBody::full(body))
    }
}

/// Served bodies with their ETags, computed once per file, folder depth
/// and served site: HTML pages carry the live-reload tag (which depends on
/// the build and the request's folder), and hashing a large file for its
/// ETag on every request would dominate the cost of serving it. Emptied
/// whenever the snapshot served changes (a new build or quick preview).
#[derive(Default)]
struct Rendered {
    inner: Mutex<RenderedInner>,
}

#[derive(Default)]
struct RenderedInner {
    /// The snapshot the entries were computed from, held so that the
    /// addresses in its [`live::Snapshot::identity`] are not reused.
    of: Option<live::Snapshot>,
    /// (site path, root prefix) → (body, ETag).
    entries: HashMap<(String, String), (Bytes, Arc<str>)>,
}

impl Rendered {
    /// The body served for site file `path` of `snap`, requested from a
    /// folder `root` away from the site root (`""` for files that are not
    /// HTML), and its ETag; `None` when `snap` has no such file.
    fn get(&self, snap: &live::Snapshot, path: &str, root: &str) -> Option<(Bytes, Arc<str>)> {
        let id = snap.identity();
        let key = (path.to_string(), root.to_string());
        {
            let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            if inner.of.as_ref().map(live::Snapshot::identity) != Some(id) {
                inner.entries.clear();
                inner.of = Some(snap.clone());
            }
            if let Some(hit) = inner.entries.get(&key) {
                return Some(hit.clone());
            }
        }
        let bytes = snap.file(path)?;
        let body = if path.ends_with(".html") {
            Bytes::from(http::inject_live_reload(
                bytes,
                root,
                snap.build,
                snap.page_version(path),
            ))
        } else {
            Bytes::copy_from_slice(bytes)
        };
        let tag: Arc<str> = http::etag(&body).into();
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let current = inner.of.as_ref().map(live::Snapshot::identity) == Some(id);
        if current && inner.entries.len() < MAX_CACHED {
            inner.entries.insert(key, (body.clone(), Arc::clone(&tag)));
        }
        Some((body, tag))
    }
}

/// The live-reload event stream of the page at site path `page` (from
/// the `page` query parameter), written by its own thread; 503 beyond
/// [`MAX_STREAMS`] open pages.
fn open_stream(
    live: &Arc<Live>,
    streams: &Arc<AtomicUsize>,
    page: Option<String>,
) -> Response<ResponseBody> {
    if streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        streams.fetch_sub(1, Ordering::SeqCst);
        return plain(503, "503 Too many open pages", &[]);
    }
    let (writer, body) = server::event_channel();
    let live = Arc::clone(live);
    let streams = Arc::clone(streams);
    std::thread::spawn(move || {
        live.stream_events(writer, page);
        streams.fetch_sub(1, Ordering::SeqCst);
    });
    respond(200, &live::EVENT_STREAM_HEADERS, ResponseBody::Events(body))
}

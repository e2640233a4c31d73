//! `docgen serve`: a local preview with live reload.
//!
//! The site is built in memory and served from memory by a pool of
//! tiny_http workers; a watcher rebuilds on every change and swaps in only
//! a successful build. Rebuilds share a [`build::Session`], so unchanged
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
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tiny_http::{Header, Request, Response, Server};

use crate::build::{self, BuildOptions};
use crate::{Error, Result, output};
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
    session: build::Session,
}

impl Preview {
    /// Builds the site and starts serving it (returns once listening).
    ///
    /// Errors: the first build's errors, and [`Error::Bind`] when the
    /// address cannot be listened on (port in use).
    pub fn start(opts: ServeOptions) -> Result<Self> {
        let session = build::Session::default();
        let built = build::build_site_in(&opts.build, &session)?;
        if opts.write_output {
            output::write_site(&built.site, &opts.build.output)?;
        }
        let addr = SocketAddr::new(opts.interface, opts.port);
        let server = Server::http(addr).map_err(|e| Error::Bind {
            addr: addr.to_string(),
            message: e.to_string(),
        })?;
        let preview = Preview {
            server: Arc::new(server),
            live: Live::new(built.site),
            build_lock: Arc::new(Mutex::new(())),
            opts,
            session,
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
        for _ in 0..WORKERS {
            let server = Arc::clone(&self.server);
            let live = Arc::clone(&self.live);
            let streams = Arc::clone(&streams);
            std::thread::spawn(move || {
                while let Ok(req) = server.recv() {
                    handle(req, &live, &streams);
                }
            });
        }
    }

    /// Watches the project and rebuilds on every change, forever (until the
    /// watcher stops). `log` receives one line per rebuild.
    ///
    /// Errors: [`Error::Io`] when the watcher cannot start.
    pub fn watch(&self, log: &mut dyn Write) -> Result<()> {
        let watcher = watch::Watcher::start(&self.opts.build.root)?;
        while let Some(paths) = watcher.next_change() {
            let start = Instant::now();
            let _guard = self.build_lock.lock().unwrap_or_else(|p| p.into_inner());
            let result = build::build_site_in(&self.opts.build, &self.session).and_then(|built| {
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
                    self.live.publish(built.site);
                    let _ = writeln!(
                        log,
                        "rebuilt in {} ms ({changed} changed)",
                        start.elapsed().as_millis()
                    );
                }
                Err(e) => {
                    let _ = writeln!(
                        log,
                        "rebuild failed, still serving the last good build:\n  {e}"
                    );
                    self.live.fail(e.to_string());
                }
            }
        }
        Ok(())
    }

    /// Stops accepting requests.
    pub fn stop(&self) {
        self.server.unblock();
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|_| {
        Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("static header is valid")
    })
}

/// Answers one request. Never panics on any input.
fn handle(req: Request, live: &Arc<Live>, streams: &Arc<AtomicUsize>) {
    let rel = match http::resolve(req.url()) {
        Resolved::Forbidden => {
            let _ = req.respond(Response::from_string("403 Forbidden").with_status_code(403));
            return;
        }
        Resolved::File(rel) => rel,
    };
    if rel == EVENTS_PATH {
        return open_stream(req, live, streams);
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
    let (status, path, bytes) = match snap.site.files.get(&rel) {
        Some(b) => (200, rel, b),
        None => match snap.site.files.get("404.html") {
            Some(b) => (404, "404.html".to_string(), b),
            None => {
                let _ = req.respond(Response::from_string("404 Not Found").with_status_code(404));
                return;
            }
        },
    };
    let body = if path.ends_with(".html") {
        http::inject_live_reload(bytes, snap.build)
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
    let resp = resp
        .with_header(header("Content-Type", http::mime_type(&path)))
        .with_header(header("ETag", &tag))
        .with_header(header("Cache-Control", "no-cache"));
    let _ = req.respond(resp);
}

fn open_stream(req: Request, live: &Arc<Live>, streams: &Arc<AtomicUsize>) {
    if streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        streams.fetch_sub(1, Ordering::SeqCst);
        let _ = req.respond(Response::from_string("503 Too many open pages").with_status_code(503));
        return;
    }
    let live = Arc::clone(live);
    let streams = Arc::clone(streams);
    std::thread::spawn(move || {
        live.stream_events(req.into_writer());
        streams.fetch_sub(1, Ordering::SeqCst);
    });
}

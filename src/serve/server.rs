//! The preview's HTTP/1.1 server: hyper connections on a small tokio
//! runtime, with the limits a local server needs to stay responsive
//! whatever one client does.
//!
//! - **Connections.** At most [`MAX_CONNECTIONS`] are served at once;
//!   further ones wait in the listen backlog until one closes. A connection
//!   costs a task, not a thread, so a client that stops reading (a slow
//!   reader) or sends its head a byte at a time (slowloris) holds no worker.
//! - **Timeouts.** A request head must arrive within [`HEAD_TIMEOUT`]
//!   (hyper's `header_read_timeout`); a write that makes no progress for
//!   [`WRITE_TIMEOUT`] closes the connection (`tokio-io-timeout`).
//! - **Head limits.** At most [`MAX_HEAD_BYTES`] and [`MAX_HEADERS`]
//!   headers; hyper answers 431 and closes beyond them, so an endless header
//!   line costs at most that buffer.
//! - **Latency.** Accepted sockets set `TCP_NODELAY`: without it, a
//!   response written in two segments waits for the client's delayed ACK
//!   (about 40 ms per request on a keep-alive connection).
//!
//! What each request gets is decided by [`super::answer`]; live-reload
//! streams are fed from a thread through a bounded channel
//! ([`EventBody`]).

use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::{Body, Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{Semaphore, mpsc, watch};
use tokio_io_timeout::TimeoutStream;

use crate::{Error, Result};

/// Connections served at once; more wait in the listen backlog.
pub const MAX_CONNECTIONS: usize = 256;
/// Time a client has to send a whole request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Time a write may make no progress before the connection is closed.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest request head, in bytes (request line and headers together).
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Most headers in one request.
pub const MAX_HEADERS: usize = 100;
/// Event-stream messages buffered for a client before its writer thread
/// waits.
const EVENT_BUFFER: usize = 8;

/// A response body: a whole file, or a live-reload event stream.
pub enum ResponseBody {
    /// Bytes known in full (pages, assets, errors); empty for 304.
    Full(Full<Bytes>),
    /// Server-Sent Events written by a thread, chunk by chunk.
    Events(EventBody),
}

impl ResponseBody {
    /// A body of `bytes`.
    pub fn full(bytes: impl Into<Bytes>) -> Self {
        ResponseBody::Full(Full::new(bytes.into()))
    }
}

impl Body for ResponseBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<std::result::Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            ResponseBody::Full(b) => Pin::new(b).poll_frame(cx),
            ResponseBody::Events(e) => {
                e.rx.poll_recv(cx)
                    .map(|chunk| chunk.map(|b| Ok(Frame::data(b))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            ResponseBody::Full(b) => b.is_end_stream(),
            ResponseBody::Events(_) => false,
        }
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match self {
            ResponseBody::Full(b) => b.size_hint(),
            ResponseBody::Events(_) => hyper::body::SizeHint::default(),
        }
    }
}

/// The receiving end of an event stream; the body ends when the writer
/// ([`EventWriter`]) is dropped, and the writer fails once the client is
/// gone (the body dropped).
pub struct EventBody {
    rx: mpsc::Receiver<Bytes>,
}

/// A blocking [`Write`] that hands each write to an [`EventBody`]. Made
/// for a plain thread: it must not be used from inside the runtime.
pub struct EventWriter {
    tx: mpsc::Sender<Bytes>,
}

/// A connected pair: what a thread writes to the [`EventWriter`] is sent
/// as the [`EventBody`]'s chunks.
pub fn event_channel() -> (EventWriter, EventBody) {
    let (tx, rx) = mpsc::channel(EVENT_BUFFER);
    (EventWriter { tx }, EventBody { rx })
}

impl Write for EventWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tx
            .blocking_send(Bytes::copy_from_slice(buf))
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.tx.is_closed() {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        Ok(())
    }
}

/// A request as the answering code sees it: method, path with query,
/// and the headers it reads.
#[derive(Debug, Clone)]
pub struct Asked {
    /// Request method, upper case as sent (`GET`, `HEAD`, …).
    pub method: String,
    /// Path and query of the request target (`/chapters/a.html?x=1`).
    pub target: String,
    /// The `Host` header, if sent.
    pub host: Option<String>,
    /// The `If-None-Match` header, if sent.
    pub if_none_match: Option<String>,
}

impl Asked {
    fn of(req: &Request<Incoming>) -> Self {
        let header = |name: hyper::header::HeaderName| {
            req.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        Asked {
            method: req.method().as_str().to_string(),
            target: req
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(|| "/".to_string()),
            host: header(hyper::header::HOST),
            if_none_match: header(hyper::header::IF_NONE_MATCH),
        }
    }
}

/// Answers one request; runs on a runtime thread, so it must not block.
pub type Answer = dyn Fn(Asked) -> Response<ResponseBody> + Send + Sync;

/// A running server; dropping it does not stop it, [`Server::stop`] does.
pub struct Server {
    /// Kept alive for as long as the server runs.
    _runtime: tokio::runtime::Runtime,
    addr: SocketAddr,
    stop: watch::Sender<bool>,
}

impl Server {
    /// Listens on `addr` and serves every request with `answer`, from two
    /// runtime threads (`docgen-serve`).
    ///
    /// Errors: [`Error::Bind`] when the address cannot be listened on, or
    /// [`Error::Io`] when the runtime cannot start.
    pub fn start(addr: SocketAddr, answer: Arc<Answer>) -> Result<Self> {
        let bind_error = |e: std::io::Error| Error::Bind {
            addr: addr.to_string(),
            message: e.to_string(),
        };
        let listener = std::net::TcpListener::bind(addr).map_err(bind_error)?;
        listener.set_nonblocking(true).map_err(bind_error)?;
        let bound = listener.local_addr().map_err(bind_error)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("docgen-serve")
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| Error::Io {
                path: std::path::PathBuf::from("(preview server runtime)"),
                source: e,
            })?;
        let listener = {
            let _enter = runtime.enter();
            tokio::net::TcpListener::from_std(listener).map_err(bind_error)?
        };
        let (stop, stopped) = watch::channel(false);
        runtime.spawn(accept_loop(listener, answer, stopped));
        Ok(Server {
            _runtime: runtime,
            addr: bound,
            stop,
        })
    }

    /// The address listened on (with the port picked for 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting connections; open ones finish on their own.
    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }
}

/// Accepts connections until stopped, at most [`MAX_CONNECTIONS`] at once.
async fn accept_loop(
    listener: tokio::net::TcpListener,
    answer: Arc<Answer>,
    mut stopped: watch::Receiver<bool>,
) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let permit = tokio::select! {
            p = Arc::clone(&permits).acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => return,
            },
            _ = stopped.changed() => return,
        };
        let stream = tokio::select! {
            r = listener.accept() => match r {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors or a connection reset before
                    // accept: wait a moment rather than spin.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            _ = stopped.changed() => return,
        };
        let _ = stream.set_nodelay(true);
        let mut io = TimeoutStream::new(stream);
        io.set_write_timeout(Some(WRITE_TIMEOUT));
        let io = TokioIo::new(Box::pin(io));
        let answer = Arc::clone(&answer);
        tokio::spawn(async move {
            let _permit = permit;
            let service = service_fn(move |req: Request<Incoming>| {
                let answer = Arc::clone(&answer);
                async move { Ok::<_, Infallible>(answer(Asked::of(&req))) }
            });
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_header_size(MAX_HEAD_BYTES)
                .max_headers(MAX_HEADERS)
                .keep_alive(true)
                .serve_connection(io, service)
                .await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_writer_fails_once_its_body_is_gone() {
        let (mut w, body) = event_channel();
        w.write_all(b"event: x\n\n").unwrap();
        drop(body);
        assert!(w.write_all(b"more").is_err());
        assert!(w.flush().is_err());
    }

    #[test]
    fn an_event_body_yields_what_was_written_and_ends_with_the_writer() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let (mut w, body) = event_channel();
        let t = std::thread::spawn(move || {
            w.write_all(b"a").unwrap();
            w.write_all(b"b").unwrap();
        });
        let collected = rt.block_on(async {
            use http_body_util::BodyExt;
            ResponseBody::Events(body)
                .collect()
                .await
                .unwrap()
                .to_bytes()
        });
        t.join().unwrap();
        assert_eq!(&collected[..], b"ab");
    }
}

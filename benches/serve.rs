//! Preview-server load benchmark: many keep-alive clients requesting pages
//! from `docgen serve` at once, as a browser with many tabs (or a link
//! checker) would.
//!
//! Run with `cargo bench --bench serve`. `SERVE_BENCH_CLIENTS` (50) sets
//! the clients, `SERVE_BENCH_SECS` (20) how long they run. Each client
//! holds one HTTP/1.1 keep-alive connection and requests the contents
//! page, a chapter, the stylesheet and the search index in turn, one
//! request after the other; the time of each request is taken from
//! writing it to reading the last byte of its body. Prints the request
//! count, errors, throughput and latency percentiles.

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn main() {
    let clients: usize = env_or("SERVE_BENCH_CLIENTS", 50);
    let secs: u64 = env_or("SERVE_BENCH_SECS", 20);
    let work = tempfile::tempdir().unwrap();
    let project = work.path().join("seeds");
    common::copy_seeds(&project);
    let served = common::Served::start(&project);
    let addr = served.addr();
    let chapter = first_chapter(&addr);
    let paths = [
        "/index.html".to_string(),
        chapter,
        "/static/style.css".to_string(),
        "/search-index.js".to_string(),
    ];
    let deadline = Instant::now() + Duration::from_secs(secs);
    let threads: Vec<_> = (0..clients)
        .map(|i| {
            let addr = addr.clone();
            let paths = paths.clone();
            std::thread::spawn(move || client(&addr, &paths, i, deadline))
        })
        .collect();
    let mut times = Vec::new();
    let mut errors = 0;
    for t in threads {
        let (t, e) = t.join().unwrap();
        times.extend(t);
        errors += e;
    }
    times.sort();
    let pct = |p: f64| {
        let i = ((times.len() as f64 * p).ceil() as usize).clamp(1, times.len().max(1)) - 1;
        times.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "serve: {clients} keep-alive clients for {secs} s: {} requests ({:.0}/s), {errors} errors; \
         latency p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        times.len() as f64 / secs as f64,
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0),
    );
}

/// One client's run: requests on one keep-alive connection until
/// `deadline`; returns each request's time and the number of errors (a
/// failed request reconnects).
fn client(addr: &str, paths: &[String], start: usize, deadline: Instant) -> (Vec<Duration>, usize) {
    let mut times = Vec::new();
    let mut errors = 0;
    let mut conn = None;
    let mut i = start;
    while Instant::now() < deadline {
        let (writer, reader) = match conn.as_mut() {
            Some(c) => c,
            None => match connect(addr) {
                Ok(c) => conn.insert(c),
                Err(_) => {
                    errors += 1;
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
            },
        };
        let path = &paths[i % paths.len()];
        i += 1;
        let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        let begin = Instant::now();
        let ok = writer.write_all(request.as_bytes()).is_ok() && read_response(reader) == Some(200);
        if ok {
            times.push(begin.elapsed());
        } else {
            errors += 1;
            conn = None;
        }
    }
    (times, errors)
}

type Conn = (TcpStream, BufReader<TcpStream>);

fn connect(addr: &str) -> std::io::Result<Conn> {
    let s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    s.set_nodelay(true)?;
    Ok((s.try_clone()?, BufReader::new(s)))
}

/// Reads one response with a `Content-Length`; its status, or `None` on
/// any error.
fn read_response(r: &mut impl BufRead) -> Option<u16> {
    let mut status = None;
    let mut length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some(rest) = l.strip_prefix("HTTP/1.1 ") {
            status = rest.get(..3)?.parse().ok();
        } else if let Some((name, value)) = l.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body).ok()?;
    status
}

/// The first chapter page the contents page links.
fn first_chapter(addr: &str) -> String {
    let (mut w, mut r) = connect(addr).unwrap();
    write!(
        w,
        "GET /index.html HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut page = String::new();
    r.read_to_string(&mut page).unwrap();
    let at = page.find("href=\"chapters/").expect("a chapter link") + "href=\"".len();
    let end = at + page[at..].find('"').unwrap();
    format!("/{}", &page[at..end])
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

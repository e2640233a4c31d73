//! `docgen serve` end to end: live reload and the error overlay in a real
//! browser, path traversal, conditional requests, concurrent clients,
//! Ctrl-C.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Sends a raw HTTP/1.0 request (so no client normalises the path) and
/// returns (status, head, body).
fn raw(addr: &str, request_line: &str, headers: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let host = if headers.contains("Host:") {
        String::new()
    } else {
        format!("Host: {addr}\r\n")
    };
    write!(
        s,
        "{request_line}\r\n{host}Connection: close\r\n{headers}\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(buf.len());
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head, buf[(split + 4).min(buf.len())..].to_vec())
}

/// Replaces `path`'s contents in one step (write a sibling outside the
/// watched folders, then rename), as editors do: the watcher sees one
/// change, never a half-written file that would publish a build of its own.
fn save(path: &std::path::Path, bytes: impl AsRef<[u8]>) {
    let project = path.ancestors().nth(3).expect("content/notes/file");
    let tmp = project.join(".docgen-test-save");
    std::fs::write(&tmp, bytes).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

const NOTE: &[u8] = b"1. What is a closure?\nA function that keeps its scope.\n\n2. What is a generator?\nA lazy iterator.\n";

#[test]
fn traversal_attempts_never_leave_the_output() {
    let dir = common::project(&[("content/a.md", NOTE)]);
    std::fs::write(dir.path().join("secret.txt"), "TOP-SECRET").unwrap();
    let served = common::Served::start(dir.path());
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fsecret.txt",
        "/..%2f..%2f",
        "//etc/passwd",
        "/../Cargo.toml",
        "/static/..%5c..%5csecret.txt",
    ] {
        let (status, _, body) = raw(&served.addr(), &format!("GET {path} HTTP/1.0"), "");
        assert!(status == 403 || status == 404, "{path}: status {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("TOP-SECRET")
                && !body.contains("root:x:")
                && !body.contains("[package]"),
            "{path}"
        );
    }
}

/// DNS rebinding: a request naming another host is refused; the preview's
/// own names are served, with the security headers.
#[test]
fn foreign_hosts_are_refused_and_pages_carry_security_headers() {
    let dir = common::project(&[("content/a.md", NOTE)]);
    let served = common::Served::start(dir.path());
    let addr = served.addr();
    let (status, _, _) = raw(&addr, "GET / HTTP/1.1", "Host: evil.example\r\n");
    assert_eq!(status, 403);
    let port = addr.rsplit(':').next().unwrap();
    let (status, head, _) = raw(
        &addr,
        "GET / HTTP/1.1",
        &format!("Host: localhost:{port}\r\n"),
    );
    assert_eq!(status, 200);
    for h in [
        "Content-Security-Policy: default-src 'self'; script-src 'self';",
        "X-Content-Type-Options: nosniff",
        "X-Frame-Options",
        "Referrer-Policy",
    ] {
        // Header names are case-insensitive (RFC 9110 §5.1).
        let wanted = h.to_ascii_lowercase();
        assert!(head.to_ascii_lowercase().contains(&wanted), "{h} in {head}");
    }
}

#[test]
fn serves_pages_with_types_404_head_and_etags() {
    let dir = common::project(&[("content/a.md", NOTE)]);
    let served = common::Served::start(dir.path());
    let addr = served.addr();
    let (status, head, body) = raw(&addr, "GET / HTTP/1.0", "");
    assert_eq!(status, 200);
    assert!(head.contains("text/html"), "{head}");
    assert!(
        String::from_utf8_lossy(&body)
            .contains("<script src=\"__docgen/livereload.js\" data-docgen-build="),
        "live reload injected"
    );
    let (status, js_head, js) = raw(&addr, "GET /__docgen/livereload.js HTTP/1.0", "");
    assert_eq!(status, 200);
    assert!(js_head.contains("javascript"), "{js_head}");
    assert!(String::from_utf8_lossy(&js).contains("__docgen/events"));
    let etag = head
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("etag: "))
        .map(|l| &l["etag: ".len()..])
        .expect("ETag")
        .trim()
        .to_string();
    let (status, _, body) = raw(
        &addr,
        "GET / HTTP/1.0",
        &format!("If-None-Match: {etag}\r\n"),
    );
    assert_eq!(status, 304);
    assert!(body.is_empty());
    let (status, head, _) = raw(&addr, "GET /static/style.css HTTP/1.0", "");
    assert_eq!(status, 200);
    assert!(head.contains("text/css"), "{head}");
    let (status, _, body) = raw(&addr, "GET /no/such/page.html HTTP/1.0", "");
    assert_eq!(status, 404);
    assert!(
        String::from_utf8_lossy(&body).contains("Page not found"),
        "the handbook's 404 page"
    );
    let (status, _, body) = raw(&addr, "HEAD /index.html HTTP/1.0", "");
    assert_eq!(status, 200);
    assert!(body.is_empty(), "HEAD has no body");
}

#[test]
fn many_concurrent_clients_get_answers() {
    let dir = common::project(&[("content/a.md", NOTE)]);
    let served = common::Served::start(dir.path());
    let addr = served.addr();
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let paths = [
                    "/",
                    "/search-index.js",
                    "/static/style.css",
                    "/open-questions.html",
                ];
                (0..20)
                    .map(|j| raw(&addr, &format!("GET {} HTTP/1.0", paths[(i + j) % 4]), "").0)
                    .collect::<Vec<u16>>()
            })
        })
        .collect();
    // A slow client that never finishes its request must not block others.
    let mut slow = TcpStream::connect(&addr).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    for t in threads {
        for status in t.join().unwrap() {
            assert_eq!(status, 200);
        }
    }
}

/// Reads one HTTP/1.1 response with a `Content-Length` from `r`;
/// returns (status, body length).
fn read_response(r: &mut impl BufRead) -> (u16, usize) {
    let mut status = 0;
    let mut length = 0;
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line).unwrap() == 0 {
            panic!("connection closed mid-response");
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some(code) = l.strip_prefix("HTTP/1.1 ") {
            status = code[..3].parse().unwrap();
        } else if let Some((name, value)) = l.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body).unwrap();
    (status, length)
}

/// Resident memory of process `pid` in KiB (Linux `/proc`).
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Notes large enough that a few pipelined copies of the print page fill
/// the socket buffers of a client that never reads.
fn many_notes() -> Vec<u8> {
    let mut note = String::new();
    for i in 1..=300 {
        note.push_str(&format!(
            "{i}. How does mechanism number {i} behave under load?\n{}\n\n",
            format!("Answer {i} explains the mechanism in some detail. ").repeat(40)
        ));
    }
    note.into_bytes()
}

#[test]
fn stalled_and_hostile_clients_never_delay_a_fresh_one() {
    let notes = many_notes();
    let dir = common::project(&[("content/a.md", &notes)]);
    let served = common::Served::start(dir.path());
    let addr = served.addr();
    let rss_before = rss_kib(served.pid());
    // A slow reader: 20 pipelined requests for the largest page, never read.
    let mut stalled = TcpStream::connect(&addr).unwrap();
    let pipelined = format!("GET /print.html HTTP/1.1\r\nHost: {addr}\r\n\r\n").repeat(20);
    stalled.write_all(pipelined.as_bytes()).unwrap();
    // Slowloris: 50 connections, each with a request head never finished.
    let slowloris: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut s = TcpStream::connect(&addr).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: a")
                .unwrap();
            s
        })
        .collect();
    // 20 clients each sending a 10 MB header line that never ends.
    let oversized: Vec<_> = (0..20)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let mut s = TcpStream::connect(&addr).unwrap();
                s.set_write_timeout(Some(Duration::from_secs(20))).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
                let _ = s.write_all(b"GET / HTTP/1.1\r\nX-Big: ");
                let chunk = vec![b'a'; 1 << 20];
                for _ in 0..10 {
                    if s.write_all(&chunk).is_err() {
                        break;
                    }
                }
                let mut answer = Vec::new();
                let _ = s.read_to_end(&mut answer);
                String::from_utf8_lossy(&answer).into_owned()
            })
        })
        .collect();
    for t in oversized {
        let answer = t.join().unwrap();
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
            "an oversized head is refused: {answer:.80}"
        );
    }
    // Too many headers are refused too.
    let many: String = (0..150).map(|i| format!("X-H{i}: {i}\r\n")).collect();
    let (status, _, _) = raw(&addr, "GET / HTTP/1.1", &many);
    assert_eq!(status, 431);
    // A fresh client is answered at once, every time.
    let mut times: Vec<Duration> = (0..11)
        .map(|_| {
            let start = std::time::Instant::now();
            let (status, _, body) = raw(&addr, "GET / HTTP/1.1", "");
            assert_eq!(status, 200);
            assert!(!body.is_empty());
            start.elapsed()
        })
        .collect();
    times.sort();
    assert!(
        times[5] <= Duration::from_millis(100),
        "median fresh request took {:?} (all: {times:?})",
        times[5]
    );
    if let (Some(before), Some(after)) = (rss_before, rss_kib(served.pid())) {
        assert!(
            after < before + 64 * 1024,
            "RSS grew from {before} KiB to {after} KiB"
        );
    }
    drop(slowloris);
    drop(stalled);
}

#[test]
fn keep_alive_requests_do_not_wait_for_delayed_acks() {
    let dir = common::project(&[("content/a.md", NOTE)]);
    let served = common::Served::start(dir.path());
    let addr = served.addr();
    let stream = TcpStream::connect(&addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let start = std::time::Instant::now();
    for _ in 0..20 {
        let request = format!("GET /index.html HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        writer.write_all(request.as_bytes()).unwrap();
        let (status, length) = read_response(&mut reader);
        assert_eq!(status, 200);
        assert!(length > 0);
    }
    // With Nagle's algorithm on, each response waited for the client's
    // delayed ACK: about 44 ms a request, 880 ms for these 20.
    let took = start.elapsed();
    assert!(
        took < Duration::from_millis(400),
        "20 keep-alive requests took {took:?}"
    );
}

#[test]
fn port_in_use_is_a_clear_error() {
    let dir = common::project(&[("content/a.md", NOTE)]);
    let served = common::Served::start(dir.path());
    let port = served.addr().rsplit(':').next().unwrap().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args([
            "--root",
            dir.path().to_str().unwrap(),
            "serve",
            "--port",
            &port,
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot listen on") && err.contains(&port),
        "{err}"
    );
}

#[test]
fn ctrl_c_stops_cleanly_and_leaves_no_temporary_directory() {
    let dir = common::project(&[("content/a.md", NOTE)]);
    let out = dir.path().join("public");
    let mut child = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args([
            "--root",
            dir.path().to_str().unwrap(),
            "serve",
            "--port",
            "0",
            "--output",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(out.join("index.html").exists());
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let hidden: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

/// Waits until the page shows the build the server now serves (read from
/// the `data-docgen-build` attribute of the page as served): the
/// live-reload script keeps that attribute at the build a page is up to
/// date with, whether it reloaded for it or not.
fn settle(b: &mut common::cdp::Browser, served: &common::Served) {
    let (status, _, body) = raw(&served.addr(), "GET / HTTP/1.0", "");
    assert_eq!(status, 200);
    let body = String::from_utf8_lossy(&body);
    let current = body
        .split("data-docgen-build=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the served page names its build");
    b.wait_for(
        &format!(
            "document.readyState === 'complete' && \
             document.querySelector('script[data-docgen-build]').getAttribute('data-docgen-build') === '{current}'"
        ),
        20,
    );
}

#[test]
fn edits_reload_the_page_and_errors_show_an_overlay() {
    let Some(binary) = common::browser() else {
        return;
    };
    let dir = common::project(&[("content/notes/a.md", NOTE)]);
    let served = common::Served::start(dir.path());
    let mut b = common::cdp::Browser::launch(&binary, 1100, 800);
    b.goto(&served.url);
    b.wait_for("document.body.innerText.includes('What is a closure?')", 10);
    // Give the event stream a moment to connect, then mark this page load.
    b.wait_for("performance.getEntriesByType('resource').some(r => r.name.includes('__docgen/events')) || true", 5);
    b.eval("window.__marker = 1");
    let file = dir.path().join("content/notes/a.md");
    save(
        &file,
        [NOTE, b"\n3. What is a FRESHQUESTION?\nNew.\n"].concat(),
    );
    b.wait_for(
        "window.__marker === undefined && document.body.innerText.includes('FRESHQUESTION')",
        20,
    );
    // The quick preview reloaded the page; the full rebuild that follows
    // may reload it once more. Wait until the page shows the server's
    // current build before marking it.
    served.wait_for_log("rebuilt in", 1, 30);
    settle(&mut b, &served);
    // Break the file: the old page stays, an overlay names the file.
    b.eval("window.__marker = 2");
    save(&file, "---\ntitle: [broken\n---\n1. Q?\n");
    b.wait_for(
        "document.getElementById('docgen-error-overlay') !== null",
        20,
    );
    let overlay = b.eval("document.getElementById('docgen-error-overlay').textContent");
    assert!(overlay.as_str().unwrap().contains("a.md"), "{overlay}");
    assert_eq!(
        b.eval("window.__marker"),
        serde_json::json!(2),
        "no reload on a failed build"
    );
    assert!(
        b.eval("document.body.innerText.includes('FRESHQUESTION')")
            .as_bool()
            .unwrap()
    );
    // Fix it: the overlay goes and the page reloads with the new text.
    save(
        &file,
        [NOTE, b"\n3. What is a FIXEDQUESTION?\nNew.\n"].concat(),
    );
    // The quick preview may reload the page before the full rebuild
    // clears the error; wait for the rebuild's state, not for a time.
    b.wait_for(
        "window.__marker === undefined && document.body.innerText.includes('FIXEDQUESTION') \
         && document.getElementById('docgen-error-overlay') === null",
        20,
    );
}

/// Pages left for the back/forward cache close their live-reload stream,
/// so browsing many pages never runs out of connections to the server
/// (browsers allow about six per host; a parked page holding one each made
/// the seventh navigation wait for a free connection).
#[test]
fn browsing_many_pages_never_stalls_on_live_reload_streams() {
    let Some(binary) = common::browser() else {
        return;
    };
    let served = common::Served::start(&common::repo());
    let built = common::build_seeds();
    let pages: Vec<&String> = built
        .site
        .files
        .keys()
        .filter(|p| p.starts_with("chapters/"))
        .take(10)
        .collect();
    assert_eq!(pages.len(), 10);
    let mut b = common::cdp::Browser::launch(&binary, 1100, 800);
    b.goto(&served.url);
    for page in pages {
        let url = format!("{}{page}", served.url);
        // A top-level navigation leaves the old page to the back/forward
        // cache, live-reload stream and all, unless the page lets it go.
        b.goto(&url);
        b.wait_for(&format!("location.href === {url:?}"), 15);
    }
    b.eval("history.back(); true");
    b.wait_for("document.readyState === 'complete'", 15);
}

/// `docgen serve` run inside the project (root `.`, the default) rebuilds
/// once per save, and never on its own: the rebuild reads every source, and
/// those reads are not changes.
#[test]
fn one_save_is_one_rebuild_and_an_idle_server_stays_idle() {
    let dir = common::project(&[("content/notes/a.md", NOTE)]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["serve", "--port", "0"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("http://127.0.0.1:"), "{first}");
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let _ = tx.send(line.unwrap_or_default());
        }
    });
    let rebuilds_within = |wait: Duration| {
        let end = std::time::Instant::now() + wait;
        let mut n = 0;
        while let Some(left) = end.checked_duration_since(std::time::Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(line) if line.starts_with("rebuilt") => n += 1,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        n
    };
    assert_eq!(rebuilds_within(Duration::from_millis(1500)), 0, "idle");
    save(
        &dir.path().join("content/notes/a.md"),
        [NOTE, b"\n3. What is a coroutine?\n".as_slice()].concat(),
    );
    assert_eq!(
        rebuilds_within(Duration::from_secs(4)),
        1,
        "one save, one rebuild"
    );
    assert_eq!(
        rebuilds_within(Duration::from_millis(1500)),
        0,
        "idle again"
    );
    let _ = child.kill();
    let _ = child.wait();
}

/// A binary file in `content/` is skipped with a warning, as `build`
/// says it: when serving starts, and when one appears during a session.
#[test]
fn binary_files_are_warned_about_while_serving() {
    let dir = common::project(&[
        ("content/notes/a.md", NOTE),
        ("content/notes/logo.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
    ]);
    let served = common::Served::start(dir.path());
    served.wait_for_log("warning: skipped content/notes/logo.md: binary file", 1, 20);
    save(
        &dir.path().join("content/notes/photo.txt"),
        b"\xff\xd8\xff\xe0\0\x10JFIF\0",
    );
    served.wait_for_log(
        "warning: skipped content/notes/photo.txt: binary file",
        1,
        30,
    );
    served.wait_for_log("rebuilt in", 1, 30);
    // A warning already shown is not repeated on every rebuild.
    save(
        &dir.path().join("content/notes/a.md"),
        [NOTE, b"\n3. What is a coroutine?\n".as_slice()].concat(),
    );
    served.wait_for_log("rebuilt in", 2, 30);
    let log = served.log_lines();
    let logo = log.iter().filter(|l| l.contains("notes/logo.md")).count();
    assert_eq!(logo, 1, "{log:?}");
}

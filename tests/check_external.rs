//! `docgen check --external` against a local HTTP server: broken and
//! unreachable links fail the check and are named, good ones pass, one
//! host never gets more than 2 requests at once, good answers come from
//! the cache the second time, and without `--external` nothing is fetched.

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the test server saw.
#[derive(Default)]
struct Seen {
    /// Requests per path, method included ("HEAD /ok").
    requests: Mutex<HashMap<String, usize>>,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
}

impl Seen {
    fn count(&self, key: &str) -> usize {
        self.requests.lock().unwrap().get(key).copied().unwrap_or(0)
    }
    fn total(&self) -> usize {
        self.requests.lock().unwrap().values().sum()
    }
}

/// A server on 127.0.0.1 answering `/ok*` 200 (after 150 ms), `/gone`
/// 404, `/no-head` 405 to HEAD and 200 to GET, `/moved` 301 to `/ok`,
/// `/slow` after 5 s. One connection per request.
fn server() -> (u16, Arc<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Seen::default());
    let shared = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let seen = Arc::clone(&shared);
            std::thread::spawn(move || {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    if stream.read(&mut byte).unwrap_or(0) == 0 {
                        return;
                    }
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let mut words = head.split_whitespace();
                let method = words.next().unwrap_or_default().to_string();
                let path = words.next().unwrap_or_default().to_string();
                let now = seen.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                seen.most_in_flight.fetch_max(now, Ordering::SeqCst);
                *seen
                    .requests
                    .lock()
                    .unwrap()
                    .entry(format!("{method} {path}"))
                    .or_default() += 1;
                let (status, extra) = match (method.as_str(), path.as_str()) {
                    (_, p) if p.starts_with("/ok") => {
                        std::thread::sleep(Duration::from_millis(150));
                        ("200 OK", String::new())
                    }
                    (_, "/gone") => ("404 Not Found", String::new()),
                    ("HEAD", "/no-head") => ("405 Method Not Allowed", String::new()),
                    (_, "/no-head") => ("200 OK", String::new()),
                    (_, "/moved") => (
                        "301 Moved Permanently",
                        format!("Location: http://127.0.0.1:{port}/ok\r\n"),
                    ),
                    (_, "/slow") => {
                        std::thread::sleep(Duration::from_secs(5));
                        ("200 OK", String::new())
                    }
                    _ => ("404 Not Found", String::new()),
                };
                seen.in_flight.fetch_sub(1, Ordering::SeqCst);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n{extra}\r\n"
                );
            });
        }
    });
    (port, seen)
}

fn check(dir: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn external_links_are_fetched_politely_and_cached() {
    let (port, seen) = server();
    let base = format!("http://127.0.0.1:{port}");
    let mut note = String::from("# Links\n\n1. Where is the documentation?\n\n");
    for i in 0..8 {
        note.push_str(&format!("   See [part {i}]({base}/ok{i}).\n"));
    }
    note.push_str(&format!(
        "\n2. Which links are broken?\n\n   [gone]({base}/gone), [no head]({base}/no-head), \
         [moved]({base}/moved#top) and [slow]({base}/slow).\n"
    ));
    // The same questions in Chinese, linking the same pages.
    note.push_str(&format!(
        "\n3. 文档在哪里？\n\n   见 [第一部分]({base}/ok0#intro)。\n"
    ));
    let dir = common::project(&[("content/links.md", note.as_bytes())]);

    // Without --external nothing is fetched and the check passes.
    let (ok, out) = check(dir.path(), &[]);
    assert!(ok, "{out}");
    assert_eq!(seen.total(), 0, "fetched without --external");

    let (ok, out) = check(dir.path(), &["--external", "--timeout", "1"]);
    assert!(!ok, "broken links passed: {out}");
    assert!(out.contains(&format!("{base}/gone (HTTP 404)")), "{out}");
    assert!(out.contains(&format!("{base}/slow (")), "{out}");
    for fine in ["/no-head", "/moved", "/ok0 ", "/ok7 "] {
        assert!(
            !out.contains(&format!("{base}{fine}")),
            "{fine} reported: {out}"
        );
    }
    assert!(
        out.contains("12 external link(s) checked, 2 broken, 0 answered from the cache"),
        "{out}"
    );
    assert!(
        seen.count("GET /no-head") == 1,
        "no GET after a refused HEAD"
    );
    assert_eq!(
        seen.count("HEAD /ok0"),
        1,
        "a URL linked twice is asked once"
    );
    let most = seen.most_in_flight.load(Ordering::SeqCst);
    assert!(most <= 2, "{most} requests at once to one host");
    assert_eq!(most, 2, "the two requests a host allows were not used");
    assert!(
        dir.path()
            .join(".docgen/cache/external-links.json")
            .is_file(),
        "no cache written"
    );

    // Again: the good answers come from the cache, the broken ones are
    // asked again.
    let (ok, out) = check(dir.path(), &["--external", "--timeout", "1"]);
    assert!(!ok);
    assert!(out.contains("answered from the cache"), "{out}");
    assert!(out.contains("10 answered from the cache"), "{out}");
    assert_eq!(
        seen.count("HEAD /ok3"),
        1,
        "a cached link was fetched again"
    );
    assert_eq!(
        seen.count("HEAD /gone"),
        2,
        "a broken link was not asked again"
    );

    // A corrupt cache is dropped with a warning, never trusted.
    std::fs::write(
        dir.path().join(".docgen/cache/external-links.json"),
        "{not json",
    )
    .unwrap();
    let (_, out) = check(dir.path(), &["--external", "--timeout", "1"]);
    assert!(out.contains("not a link cache docgen can read"), "{out}");
    assert_eq!(seen.count("HEAD /ok3"), 2, "the corrupt cache was trusted");
}

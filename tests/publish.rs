//! Publishing: the built site crawled over HTTP under a subpath (as on
//! GitHub Pages), at `/`, and from `file://`, with no broken link, asset or
//! anchor; and `docgen check` failing on a constructed broken link.

mod common;

use std::collections::{BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// A static file server for `dir` mounted at `prefix` (e.g. `/handbook/`),
/// answering missing files with the site's `404.html` like GitHub Pages.
fn static_server(dir: PathBuf, prefix: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = answer(stream, &dir, prefix);
        }
    });
    addr
}

fn answer(mut stream: TcpStream, dir: &Path, prefix: &str) -> std::io::Result<()> {
    let mut line = String::new();
    BufReader::new(stream.try_clone()?).read_line(&mut line)?;
    let path = line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split(['?', '#'])
        .next()
        .unwrap()
        .to_string();
    let file = path.strip_prefix(prefix).map(|rel| {
        let rel = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        dir.join(rel)
    });
    let (status, body) = match file.filter(|f| f.is_file() && !path.contains("..")) {
        Some(f) => ("200 OK", std::fs::read(f)?),
        None => ("404 Not Found", std::fs::read(dir.join("404.html"))?),
    };
    write!(
        stream,
        "HTTP/1.0 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        for part in html.split(attr).skip(1) {
            out.push(part.split('"').next().unwrap().replace("&amp;", "&"));
        }
    }
    out
}

/// Joins `link` to the directory of URL path `page` and normalises `..`.
fn join(page: &str, link: &str) -> String {
    let mut parts: Vec<&str> = if link.starts_with('/') {
        vec![]
    } else {
        page.split('/').collect()
    };
    if !link.starts_with('/') {
        parts.pop();
    }
    for seg in link.split('/') {
        match seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

fn ids(html: &str) -> BTreeSet<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|p| p.split('"').next().unwrap().to_string())
        .collect()
}

/// Crawls every page reachable from `start`; returns (pages seen, broken).
fn crawl(fetch: &mut dyn FnMut(&str) -> Option<String>, start: &str) -> (usize, Vec<String>) {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([start.to_string()]);
    let mut broken = Vec::new();
    let mut pages = std::collections::BTreeMap::new();
    while let Some(page) = queue.pop_front() {
        if !seen.insert(page.clone()) {
            continue;
        }
        let Some(html) = fetch(&page) else {
            broken.push(format!("{page}: missing"));
            continue;
        };
        if page.ends_with(".html") || page.ends_with('/') {
            for link in links(&html) {
                if link.contains("://") || link.starts_with("mailto:") || link.starts_with('#') {
                    continue;
                }
                let (path, frag) = link
                    .split_once('#')
                    .map_or((link.as_str(), None), |(p, f)| (p, Some(f.to_string())));
                let target = join(&page, path);
                if let Some(f) = frag {
                    let t = pages
                        .entry(target.clone())
                        .or_insert_with(|| fetch(&target))
                        .clone();
                    if !t.as_deref().map(ids).unwrap_or_default().contains(&f) {
                        broken.push(format!("{page} → {link}: no anchor"));
                    }
                }
                queue.push_back(target);
            }
        }
    }
    (seen.len(), broken)
}

fn build(base_url: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut args = vec!["build", "-q", "--output", out.to_str().unwrap()];
    if let Some(u) = base_url {
        args.extend(["--base-url", u]);
    }
    let (ok, err) = common::docgen(&common::repo(), &args);
    assert!(ok, "{err}");
    (dir, out)
}

#[test]
fn site_crawls_clean_under_a_subpath() {
    let (_keep, out) = build(Some("/handbook/"));
    let addr = static_server(out.clone(), "/handbook/");
    let mut fetch = |p: &str| match get(&addr, p) {
        (200, body) => Some(body),
        _ => None,
    };
    let (pages, broken) = crawl(&mut fetch, "/handbook/index.html");
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(pages > 30, "only {pages} pages crawled");
    // The 404 page works at any depth: its links are absolute under the subpath.
    let (status, body) = get(&addr, "/handbook/no/such/deep/page.html");
    assert_eq!(status, 404);
    let (_, broken) = crawl(
        &mut |p: &str| {
            if p == "/handbook/no/such/deep/page.html" {
                Some(body.clone())
            } else {
                fetch(p)
            }
        },
        "/handbook/no/such/deep/page.html",
    );
    assert!(
        broken
            .iter()
            .all(|b| b.starts_with("/handbook/no/such/deep/page.html: missing")),
        "{broken:#?}"
    );
    for f in [".nojekyll", "sitemap.xml", "robots.txt"] {
        assert!(out.join(f).exists(), "{f}");
    }
}

#[test]
fn site_crawls_clean_at_root_and_from_file_urls() {
    let (_keep, out) = build(None);
    let addr = static_server(out.clone(), "/");
    let mut fetch = |p: &str| match get(&addr, p) {
        (200, body) => Some(body),
        _ => None,
    };
    let (pages, broken) = crawl(&mut fetch, "/index.html");
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(pages > 30);
    let root = out.clone();
    let mut from_disk =
        |p: &str| std::fs::read_to_string(root.join(p.trim_start_matches('/'))).ok();
    let (pages_disk, broken) = crawl(&mut from_disk, "/index.html");
    assert!(broken.is_empty(), "{broken:#?}");
    assert_eq!(pages, pages_disk);
}

#[test]
fn check_fails_on_a_broken_link_and_passes_on_the_seeds() {
    let (ok, err) = common::docgen(&common::repo(), &["check"]);
    assert!(ok, "{err}");
    let dir = common::project(&[
        (
            "content/a.md",
            b"<details><summary><b>1. What is a closure?</b></summary>\nA function. See [GIL](../chapters/nowhere.html#gil).\n</details>\n" as &[u8],
        ),
    ]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["check"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("nowhere.html#gil") && stdout.contains("missing page"),
        "{stdout}"
    );
    let json = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["check", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let broken = v["broken_links"].as_array().unwrap();
    assert!(
        broken
            .iter()
            .any(|b| b["page"].as_str().unwrap().starts_with("chapters/")
                && b["target"] == "chapters/nowhere.html"),
        "{broken:?}"
    );
}

#[test]
fn edit_url_links_each_question_and_note_to_its_source_line() {
    let notes =
        "# Python\n\n## What is the GIL?\n\nA lock.\n\n## Why use generators?\n\nLaziness.\n";
    let config = "edit_url: https://example.org/notes/edit/main/content/{path}#L{line}\n";
    let dir = common::project(&[
        ("content/my notes/py.md", notes.as_bytes()),
        ("docgen.yaml", config.as_bytes()),
    ]);
    let built = docgen::pipeline::build_site(&docgen::pipeline::BuildOptions::new(dir.path()))
        .expect("builds");
    let pages: String = built
        .site
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("chapters/"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    for line in [3, 7] {
        let href = format!(
            "href=\"https://example.org/notes/edit/main/content/my%20notes/py.md#L{line}\""
        );
        assert!(pages.contains(&href), "{href}");
    }
    // No template, no links; a template without {path} or with another
    // scheme is an error naming the key.
    let plain = common::project(&[("content/py.md", notes.as_bytes())]);
    let built = docgen::pipeline::build_site(&docgen::pipeline::BuildOptions::new(plain.path()))
        .expect("builds");
    assert!(
        built
            .site
            .files
            .values()
            .all(|b| !String::from_utf8_lossy(b).contains("class=\"edit\""))
    );
    for bad in [
        "edit_url: https://example.org/edit/\n",
        "edit_url: \"javascript:alert(1)//{path}\"\n",
    ] {
        let dir = common::project(&[
            ("content/py.md", notes.as_bytes()),
            ("docgen.yaml", bad.as_bytes()),
        ]);
        let (ok, err) = common::docgen(dir.path(), &["build", "-q"]);
        assert!(!ok && err.contains("edit_url"), "{bad}: {err}");
    }
}

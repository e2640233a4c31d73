//! The built site's search in a real headless Chromium: typing into the
//! search box on `file://`, under a subpath (`/handbook/` on a tiny HTTP
//! server in this file) and during `docgen serve`; the keyboard; the
//! results page; highlights on the opened entry; a sharded index; and a
//! phone-width screenshot. Skipped when no browser is installed, unless
//! DOCGEN_REQUIRE_BROWSER=1. Timings are measured by `benches/search.rs`,
//! never asserted here.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

use common::cdp::Browser;
use common::type_query;
use serde_json::{Value, json};

/// A query typed into the box and what the top result must be: an entry
/// whose title or one of whose phrasings contains one of `expect`
/// (case-insensitive, backticks ignored). Deduplication may leave several
/// entries with the same title, so any of them is accepted.
struct Case {
    query: &'static str,
    expect: &'static [&'static str],
    /// Needs the concept catalog's aliases (a failure when `handbook.json`
    /// has no concepts).
    needs_concepts: bool,
}

const fn case(query: &'static str, expect: &'static [&'static str]) -> Case {
    Case {
        query,
        expect,
        needs_concepts: false,
    }
}

const fn synonym(query: &'static str, expect: &'static [&'static str]) -> Case {
    Case {
        query,
        expect,
        needs_concepts: true,
    }
}

const CASES: &[Case] = &[
    // The examples.
    case("global interpreter lock", &["global interpreter lock"]),
    case("GIL", &["global interpreter lock", "what is the gil"]),
    case("garbge colector", &["garbage collector"]),
    synonym("refcount", &["reference count"]),
    case("metaclas", &["metaclass", "meta class"]),
    synonym("with statement", &["context manager"]),
    // Prefixes, typos, plurals, identifiers, phrases.
    case("monkey patch", &["monkey patching"]),
    case("closures", &["closure"]),
    case("decoratr", &["decorator"]),
    case("multiprocesing", &["multiprocessing"]),
    case("serialisation", &["serialization"]),
    case("dependancy injection", &["dependency injection"]),
    case("pyc files", &[".pyc"]),
    case("lru cache", &["lru"]),
    case("slots", &["__slots__"]),
    case("new vs init", &["__new__"]),
    case("deep copy", &["deep copy", "deepcopy"]),
    case("duck typing", &["duck typing"]),
    case("coroutines vs generators", &["coroutines vs generators"]),
    case(
        "threading vs multiprocessing",
        &[
            "threading and multiprocessing",
            "threading vs multiprocessing",
            "multiprocessing over threading",
        ],
    ),
    case("weak ref", &["weak reference"]),
    case("legb", &["legb"]),
    case("interning", &["interning"]),
    case("virtual env", &["virtual environment"]),
    case("sys modules", &["sys.modules"]),
    case("str vs repr", &["__repr__"]),
    case("jit", &["just-in-time", "jit"]),
    case("wsgi", &["wsgi"]),
    case("rate limit", &["rate limit"]),
    case("mutable default", &["mutable default"]),
    case("exception chaining", &["exception chaining"]),
    case("memory leak", &["memory leak"]),
    case("context switch", &["context switch"]),
    case("event loop", &["event loop"]),
    case("python virtual machine", &["python virtual machine", "pvm"]),
    case("garbage collection", &["garbage collector"]),
    // Synonyms from the concept catalog.
    synonym("refcounting", &["reference count"]),
    synonym("gc", &["garbage collector", "garbage"]),
    synonym("weakref", &["weak reference"]),
    synonym("method resolution order", &["mro"]),
];

/// The bundled notes built into a temporary directory.
struct Site {
    _dir: tempfile::TempDir,
    public: PathBuf,
    handbook: Value,
}

fn build_site() -> Site {
    let (dir, public) = common::build_seeds_to_disk();
    let handbook =
        serde_json::from_str(&std::fs::read_to_string(public.join("handbook.json")).unwrap())
            .unwrap();
    Site {
        _dir: dir,
        public,
        handbook,
    }
}

fn has_concepts(hb: &Value) -> bool {
    hb["concepts"].as_array().is_some_and(|c| !c.is_empty())
}

fn norm(s: &str) -> String {
    s.replace('`', "").to_lowercase()
}

/// The entry whose URL is `href` with the query string removed.
fn entry_at<'a>(hb: &'a Value, href: &str) -> Option<&'a Value> {
    let (before, frag) = href.split_once('#').unwrap_or((href, ""));
    let page = before.split('?').next().unwrap_or(before);
    let url = if frag.is_empty() {
        page.to_string()
    } else {
        format!("{page}#{frag}")
    };
    hb["entries"]
        .as_array()?
        .iter()
        .find(|e| e["url"] == url.as_str())
}

/// Whether `entry`'s title or a phrasing contains one of `expect`.
fn entry_matches(entry: &Value, expect: &[&str]) -> bool {
    let mut texts = vec![entry["title"].as_str().unwrap_or("").to_string()];
    for v in entry["variants"].as_array().into_iter().flatten() {
        texts.push(v["question"].as_str().unwrap_or("").to_string());
    }
    texts
        .iter()
        .any(|t| expect.iter().any(|x| norm(t).contains(&norm(x))))
}

/// Types every case into the box of the page at `base` + `index.html`;
/// returns a report line per case and the failures.
fn run_cases(b: &mut Browser, base: &str, hb: &Value) -> (Vec<String>, Vec<String>) {
    b.goto(&format!("{base}index.html"));
    let concepts = has_concepts(hb);
    let (mut report, mut failures) = (Vec::new(), Vec::new());
    for c in CASES {
        if c.needs_concepts && !concepts {
            failures.push(format!("{}: handbook.json has no concepts", c.query));
            continue;
        }
        let hrefs = type_query(b, c.query);
        let top = hrefs.first().and_then(|h| entry_at(hb, h));
        let title = top.map_or("(none)", |e| e["title"].as_str().unwrap_or(""));
        let ok = top.is_some_and(|e| entry_matches(e, c.expect));
        report.push(format!(
            "{:<30} {} {title}",
            c.query,
            if ok { "ok  " } else { "FAIL" }
        ));
        if !ok {
            failures.push(format!(
                "{:?} → {title:?}, expected {:?}",
                c.query, c.expect
            ));
        }
    }
    (report, failures)
}

fn assert_cases(b: &mut Browser, base: &str, hb: &Value) {
    let (report, failures) = run_cases(b, base, hb);
    eprintln!("{base}\n  {}", report.join("\n  "));
    assert!(
        failures.is_empty(),
        "{} of {} queries failed at {base}:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

fn file_base(public: &Path) -> String {
    format!("file://{}/", public.display())
}

#[test]
fn box_queries_find_the_right_entry_from_file_urls() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = build_site();
    let mut b = Browser::launch(&browser, 1200, 900);
    let base = file_base(&site.public);
    b.goto(&format!("{base}index.html"));
    // Nothing is loaded on page view: the index comes with the first use.
    assert_eq!(b.eval("typeof window.DOCGEN_SEARCH"), json!("undefined"));
    assert_cases(&mut b, &base, &site.handbook);
}

/// Serves `dir` under `/handbook/` on 127.0.0.1 (std only, one thread per
/// connection, `Connection: close`); returns the base URL.
fn serve_subpath(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || respond(stream, &dir));
        }
    });
    format!("http://{addr}/handbook/")
}

fn respond(mut stream: TcpStream, dir: &Path) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("");
    let file = path
        .strip_prefix("/handbook/")
        .filter(|p| !p.split('/').any(|s| s == ".."))
        .map(|p| if p.is_empty() { "index.html" } else { p })
        .and_then(|p| std::fs::read(dir.join(p)).ok().map(|b| (p.to_string(), b)));
    let (status, kind, body) = match file {
        Some((p, body)) => {
            let kind = match p.rsplit('.').next() {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                Some("json") => "application/json",
                _ => "application/octet-stream",
            };
            ("200 OK", kind, body)
        }
        None => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

#[test]
fn box_queries_work_under_a_subpath() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = build_site();
    let base = serve_subpath(site.public.clone());
    let mut b = Browser::launch(&browser, 1200, 900);
    assert_cases(&mut b, &base, &site.handbook);
    // Every search file came from under the subpath.
    let loaded = b.eval(
        "performance.getEntriesByType('resource').map(r => r.name).filter(n => n.includes('search'))",
    );
    let loaded = loaded.as_array().unwrap();
    assert!(!loaded.is_empty());
    for url in loaded {
        assert!(url.as_str().unwrap().starts_with(&base), "{url}");
    }
}

/// `docgen serve` on the bundled notes: the same pages, the same root.
#[test]
fn box_queries_work_during_docgen_serve() {
    let Some(browser) = common::browser() else {
        return;
    };
    let served = common::Served::start(&common::repo());
    let url = served.url.trim_end_matches('/').to_string();
    let mut b = Browser::launch(&browser, 1200, 900);
    b.goto(&format!("{url}/index.html"));
    let text = b.eval("fetch('handbook.json').then(r => r.text())");
    let hb: Value = serde_json::from_str(text.as_str().unwrap()).unwrap();
    let hrefs = type_query(&mut b, "global interpreter lock");
    let top = hrefs.first().and_then(|h| entry_at(&hb, h));
    drop(served);
    assert!(
        top.is_some_and(|e| entry_matches(e, &["global interpreter lock"])),
        "{hrefs:?}"
    );
}

fn press_ctrl_k(b: &mut Browser) {
    for kind in ["keyDown", "keyUp"] {
        b.call(
            "Input.dispatchKeyEvent",
            json!({"type": kind, "key": "k", "code": "KeyK", "modifiers": 2, "windowsVirtualKeyCode": 75}),
        );
    }
}

fn active_id(b: &mut Browser) -> Value {
    b.eval("document.activeElement && document.activeElement.id")
}

#[test]
fn keyboard_focus_navigate_open_and_close() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = build_site();
    let mut b = Browser::launch(&browser, 1200, 900);
    let chapter = site.handbook["chapters"][0]["id"].as_str().unwrap();
    b.goto(&format!(
        "{}chapters/{chapter}.html",
        file_base(&site.public)
    ));
    // `/` and Ctrl-K focus the box.
    b.press("/");
    assert_eq!(active_id(&mut b), json!("search-input"));
    b.eval("document.activeElement.blur(), true");
    press_ctrl_k(&mut b);
    assert_eq!(active_id(&mut b), json!("search-input"));
    // ↓ selects the first result, ↓ ↑ move, Enter opens the selection.
    let hrefs = type_query(&mut b, "decorators");
    assert!(hrefs.len() >= 2, "{hrefs:?}");
    assert!(
        hrefs[0].starts_with("../chapters/"),
        "relative to the page: {hrefs:?}"
    );
    let combobox = "document.getElementById('search-input')";
    assert_eq!(
        b.eval(&format!("{combobox}.getAttribute('aria-expanded')")),
        json!("true")
    );
    b.press("ArrowDown");
    assert_eq!(
        b.eval(&format!("{combobox}.getAttribute('aria-activedescendant')")),
        json!("sr-0")
    );
    b.press("ArrowDown");
    b.press("ArrowUp");
    assert_eq!(
        b.eval("document.getElementById('sr-0').getAttribute('aria-selected')"),
        json!("true")
    );
    assert_eq!(
        b.eval("document.getElementById('sr-1').getAttribute('aria-selected')"),
        json!("false")
    );
    b.press("Enter");
    let frag = hrefs[0].rsplit('#').next().unwrap().to_string();
    b.wait_for(
        &format!("location.hash === '#{frag}' && document.readyState === 'complete'"),
        20,
    );
    // The opened entry has the query's words marked.
    b.wait_for(
        &format!(
            "document.getElementById({}).querySelector('mark')",
            json!(frag)
        ),
        10,
    );
    let marked = b.eval(&format!(
        "Array.from(document.getElementById({}).querySelectorAll('mark')).map(m => m.textContent.toLowerCase())",
        json!(frag)
    ));
    assert!(
        marked
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m.as_str().unwrap().starts_with("decorator")),
        "{marked}"
    );
    // Esc closes the list and keeps the focus in the box.
    type_query(&mut b, "gil");
    b.press("Escape");
    assert_eq!(
        b.eval("document.getElementById('search-results').hidden"),
        json!(true)
    );
    assert_eq!(
        b.eval(&format!("{combobox}.getAttribute('aria-expanded')")),
        json!("false")
    );
    assert_eq!(active_id(&mut b), json!("search-input"));
}

/// The `href`s of the results listed on the results page, in order.
fn page_links(b: &mut Browser) -> Vec<String> {
    b.eval("Array.from(document.querySelectorAll('#search-page-results a')).map(a => a.getAttribute('href'))")
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn results_page_is_shareable_by_query_and_hash() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = build_site();
    let base = file_base(&site.public);
    let mut b = Browser::launch(&browser, 1200, 900);
    for (url, query, expect) in [
        (
            "search.html?q=monkey%20patch",
            "monkey patch",
            "monkey patching",
        ),
        ("search.html#q=closures", "closures", "closure"),
        (
            "search.html?q=garbge+colector",
            "garbge colector",
            "garbage collector",
        ),
    ] {
        b.goto(&format!("{base}{url}"));
        b.wait_for(
            &format!(
                "document.getElementById('search-page-results').getAttribute('data-query') === {}",
                json!(query)
            ),
            20,
        );
        let links = page_links(&mut b);
        let top = links.first().and_then(|h| entry_at(&site.handbook, h));
        assert!(
            top.is_some_and(|e| entry_matches(e, &[expect])),
            "{url}: {links:?}"
        );
        assert_eq!(
            b.eval("document.getElementById('search-input').value"),
            json!(query)
        );
        let status = b.eval("document.getElementById('search-status').textContent");
        assert!(status.as_str().unwrap().contains("result"), "{status}");
        assert!(b.eval("!!document.querySelector('#search-page-results mark')") == json!(true));
    }
}

/// A sharded index (small parts, no prefetching) answers like the single
/// file and loads only the parts the query needs.
#[test]
fn sharded_index_loads_parts_on_demand() {
    let Some(browser) = common::browser() else {
        return;
    };
    let built = common::build_seeds();
    let opts = docgen::search::IndexOptions {
        shard_bytes: Some(16 * 1024),
        term_shard_bytes: 4 * 1024,
        prefetch_bytes: 0,
        ..Default::default()
    };
    let files = docgen::search::build_files(&built.linked, &opts);
    assert!(files.len() > 3, "split into parts: {}", files.len());
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    docgen::site::output::write_site(&built.site, &public).unwrap();
    for (path, text) in &files {
        std::fs::create_dir_all(public.join(path).parent().unwrap()).unwrap();
        std::fs::write(public.join(path), text).unwrap();
    }
    let hb: Value =
        serde_json::to_value(docgen::render::data::HandbookFile::of(&built.linked)).unwrap();
    let mut b = Browser::launch(&browser, 1200, 900);
    b.goto(&format!("{}index.html", file_base(&public)));
    let hrefs = type_query(&mut b, "garbge colector");
    let top = hrefs.first().and_then(|h| entry_at(&hb, h));
    assert!(
        top.is_some_and(|e| entry_matches(e, &["garbage collector"])),
        "{hrefs:?}"
    );
    let parts = b.eval("Object.keys(window.DOCGEN_SEARCH_PARTS || {}).length");
    let total = files.len() as u64 - 1;
    let loaded = parts.as_u64().unwrap();
    assert!(
        loaded >= 2 && loaded < total,
        "loaded {loaded} of {total} parts"
    );
}

#[test]
fn phone_width_dropdown_fits_and_is_captured() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = build_site();
    let mut b = Browser::launch(&browser, 360, 740);
    b.goto(&format!("{}index.html", file_base(&site.public)));
    type_query(&mut b, "gil");
    b.press("ArrowDown");
    let fits = b.eval(
        "(() => { const r = document.getElementById('search-results').getBoundingClientRect(); \
         return r.left >= 0 && r.right <= 360 && r.height > 100 && \
         document.documentElement.scrollWidth <= 360; })()",
    );
    assert_eq!(fits, json!(true));
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-360.png");
    b.screenshot(&shot);
    eprintln!("screenshot: {}", shot.display());
    assert!(std::fs::metadata(&shot).unwrap().len() > 1000);
}
/// The URL (site-relative) of the entry whose title is `title`.
fn url_of(hb: &Value, title: &str) -> String {
    hb["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == title)
        .unwrap_or_else(|| panic!("no entry titled {title:?}"))["url"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The `href`s of the results listed on the results page, in order,
/// without their query string (`?hl=…`, the words to mark on arrival).
fn result_links(dom: &str) -> Vec<String> {
    let Some(start) = dom.find("id=\"search-page-results\"") else {
        return Vec::new();
    };
    let list = &dom[start
        ..dom[start..]
            .find("</ol>")
            .map(|i| start + i)
            .unwrap_or(dom.len())];
    list.split("<a href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|href| match href.split_once('?') {
            Some((page, rest)) => {
                format!("{page}{}", rest.find('#').map_or("", |i| &rest[i..]))
            }
            None => href.to_string(),
        })
        .collect()
}

#[test]
fn search_page_finds_entries_from_file_urls() {
    let Some(browser) = common::browser() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let (ok, err) = common::docgen(
        &common::repo(),
        &["build", "-q", "--output", public.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    let hb: Value =
        serde_json::from_str(&std::fs::read_to_string(public.join("handbook.json")).unwrap())
            .unwrap();
    let cases = [
        (
            "global interpreter lock",
            "What is the Global Interpreter Lock (GIL)?",
        ),
        ("monkey patch", "What is monkey patching?"),
        ("closures", "What are closures?"),
    ];
    for (query, title) in cases {
        let url = format!(
            "file://{}/search.html?q={}",
            public.display(),
            query.replace(' ', "%20")
        );
        let dom = common::dump_dom(&browser, &url);
        let links = result_links(&dom);
        assert!(!links.is_empty(), "no results for {query:?}");
        let expected = url_of(&hb, title);
        assert!(
            links.iter().take(3).any(|l| l.ends_with(&expected)),
            "{query:?}: {expected} not in the top 3 of {:?}",
            &links[..links.len().min(5)]
        );
    }
}

/// A malformed escape in the address (`#%E0%A4%A`, with `?hl=` asking for
/// highlights) neither stops the search script nor the reader script: the
/// box still answers a query.
#[test]
fn a_malformed_hash_leaves_search_working() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = build_site();
    let mut b = Browser::launch(&browser, 1200, 900);
    let base = file_base(&site.public);
    b.goto(&format!("{base}index.html?hl=gil#%E0%A4%A"));
    b.wait_for("document.readyState === 'complete'", 20);
    assert!(!type_query(&mut b, "GIL").is_empty(), "the box answers");
}

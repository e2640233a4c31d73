//! `docgen pdf`: the print handbook (`print.html`) printed to PDF by an
//! installed Chromium or Chrome in headless mode.
//!
//! Why a browser rather than a pure-Rust typesetter: the print page is the
//! same HTML and CSS as the site (highlighted code, tables, emoji), and
//! Chromium prints it with CSS paged media (`@page` margin boxes give page
//! numbers), clickable internal links, and a PDF outline generated from the
//! headings (`--generate-pdf-document-outline`). A typst route would need a
//! second renderer of every construct the notes contain.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::pipeline::{self, BuildOptions};
use crate::site::{Site, SiteSink, output, paths};
use crate::{Error, Result};

/// Flags for running Chromium headless on a closed network without
/// hanging: no sandbox (root in containers), no GPU, and none of the
/// background services that try to reach Google's hosts at start. Pages
/// opened from `file://` may load other local files. Callers add their own
/// `--user-data-dir` (a fresh one each run).
pub const HEADLESS_ARGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
];

/// Flags that keep a print offline: host names resolve to nothing but the
/// loopback address, and every connection goes to a proxy that refuses it
/// (port 1), loopback ones included; [`print`] exempts only the print
/// server's own port. A note's remote image, or one pointing at another
/// local service, is then not fetched, and fails at once instead of
/// waiting for a network timeout.
pub const OFFLINE_ARGS: [&str; 2] = [
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:1",
];

/// Longest a print may take before docgen gives up, in seconds.
const PRINT_TIMEOUT_S: u64 = 180;

/// What to print and with which browser.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The handbook project to build.
    pub build: BuildOptions,
    /// Where to write the PDF, relative to the project root when relative;
    /// `None`: [`paths::PDF`] in the site output (`public/handbook.pdf`).
    pub output: Option<PathBuf>,
    /// The browser binary; `None` looks for `DOCGEN_BROWSER`, then for
    /// chromium / chrome on `PATH`.
    pub browser: Option<PathBuf>,
}

/// What [`make_pdf`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// The PDF's path.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// The PDF went into the site output, which was rebuilt with it and
    /// with a link to it on every page.
    pub with_site: bool,
}

/// Finds a Chromium-family browser: `explicit`, else `DOCGEN_BROWSER`
/// (when not empty), else the first of `chromium`, `chromium-browser`, `google-chrome`,
/// `google-chrome-stable`, `chrome` on `PATH`.
pub fn find_browser(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("DOCGEN_BROWSER").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let paths = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
        "chrome",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&paths).map(move |d| d.join(name)))
    .find(|p| p.is_file())
}

/// Builds the handbook and prints `print.html` to a PDF, with the page
/// number of every contents line and concept-index reference filled in
/// ([`fill_page_numbers`]).
///
/// Where it goes: `opts.output` resolved against the project root, or by
/// default [`paths::PDF`] in the site output. In the site output the whole
/// site is written with it, atomically, every page linking it (a later
/// `docgen build` keeps it). The PDF is printed into a temporary folder
/// and moved into place at the end, so a failed print leaves no
/// half-written file.
///
/// The print is sandboxed: the browser loads the site from a server on
/// the loopback address that answers only with the built site's files
/// (never the disk), so a note's `../` or `file://` image cannot reach a
/// file outside the site, and [`OFFLINE_ARGS`] keep it off the network.
///
/// Errors: the build's errors; [`Error::Output`] when the site output may
/// not be written; [`Error::Browser`] when no browser is found (saying how
/// to install one) or it fails to print; [`Error::Io`] when the PDF cannot
/// be moved into place.
pub fn make_pdf(opts: &PdfOptions) -> Result<Printed> {
    if opts.browser.is_none() && std::env::var_os("DOCGEN_BROWSER").is_some_and(|v| v.is_empty()) {
        return Err(Error::Browser {
            message: "DOCGEN_BROWSER is set but empty: unset it, or set it to the path of a Chromium or Chrome binary".into(),
        });
    }
    let browser = find_browser(opts.browser.as_deref()).ok_or_else(|| Error::Browser {
        message:
            "no Chromium or Chrome found: install one (Debian/Ubuntu: `apt-get install chromium`), \
                  or point --browser / DOCGEN_BROWSER at its binary"
                .into(),
    })?;
    let in_site = absolute(&opts.build.output.join(paths::PDF))?;
    let out = match &opts.output {
        None => in_site.clone(),
        Some(p) => absolute(&opts.build.root.join(p))?,
    };
    let with_site = out == in_site;
    let mut build = opts.build.clone();
    if with_site {
        output::check_target(&build.root, &build.output, build.force)?;
        build.pdf = true;
    }
    let built = pipeline::build_site(&build)?;
    let work = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let printed = work.path().join(paths::PDF);
    let mut site = built.site;
    let page = site.files.remove(PRINT_PAGE).unwrap_or_default();
    let page = String::from_utf8_lossy(&page).into_owned();
    let served = Arc::new(RwLock::new(fill_page_numbers(&page, None)));
    let site = Arc::new(site);
    let server = {
        let served = Arc::clone(&served);
        let site = Arc::clone(&site);
        crate::serve::server::Server::start(
            std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
            Arc::new(move |asked| serve_site(&asked, &site, &served)),
        )
        .map_err(|e| Error::Browser {
            message: format!("cannot start the print server on 127.0.0.1: {e}"),
        })?
    };
    let profile = work.path().join("profile");
    let result = (|| {
        // Print with placeholder numbers, read where each contents target
        // landed, print again with those pages; repeat while a target
        // still moves (the numbers have a fixed width, so one more print
        // is the rule).
        let mut pages: Option<HashMap<String, u32>> = None;
        for _ in 0..MAX_PRINTS {
            let _ = std::fs::remove_file(&printed);
            print(&browser, server.addr().port(), &printed, &profile)?;
            let landed = destination_pages(&printed)?;
            if pages.as_ref() == Some(&landed) {
                break;
            }
            let filled = fill_page_numbers(&page, Some(&landed));
            pages = Some(landed);
            *served.write().unwrap_or_else(|e| e.into_inner()) = filled;
        }
        Ok(())
    })();
    server.stop();
    drop(server);
    result?;
    let bytes = std::fs::read(&printed).map_err(|e| Error::io(&printed, e))?;
    let size = bytes.len() as u64;
    if with_site {
        let mut staging = output::Staging::new(&build.output)?;
        // The print server is gone, so the site is ours again (copied
        // only if a connection still holds it).
        let site = Arc::try_unwrap(site).unwrap_or_else(|shared| (*shared).clone());
        for (path, file) in site.files {
            staging.put(path, file)?;
        }
        staging.put(PRINT_PAGE.to_string(), page.into_bytes())?;
        staging.put(paths::PDF.to_string(), bytes)?;
        staging.finish()?;
    } else {
        let parent = out.parent().unwrap_or(Path::new("/"));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let mut file = tempfile::NamedTempFile::new_in(parent).map_err(|e| Error::io(parent, e))?;
        std::io::Write::write_all(&mut file, &bytes).map_err(|e| Error::io(&out, e))?;
        file.as_file().sync_all().map_err(|e| Error::io(&out, e))?;
        file.persist(&out).map_err(|e| Error::io(&out, e.error))?;
    }
    Ok(Printed {
        path: out,
        bytes: size,
        with_site,
    })
}

/// The print page's site path.
const PRINT_PAGE: &str = "print.html";

/// Most prints of one PDF: a first one with placeholder page numbers, one
/// with the real ones, and spares in case filling them moved a target.
const MAX_PRINTS: usize = 4;

/// Fills every page-number slot of the print page's `html`
/// (`<span class="pg" data-dest="ID"></span>`, and `pg-in` in the concept
/// index) with the page its target `ID` starts on in `pages` (1-based PDF
/// page numbers, by named destination). With `pages` `None`, as for the
/// first print, every slot gets `000`, as wide as the real numbers of a
/// handbook under 1000 pages, so that filling them later moves no line; a
/// target missing from `pages` is left empty. Returns the new page.
pub fn fill_page_numbers(html: &str, pages: Option<&HashMap<String, u32>>) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 50);
    let mut rest = html;
    while let Some(at) = rest.find(" data-dest=\"") {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let value = &tail[" data-dest=\"".len()..];
        let Some(close) = value.find('"') else {
            out.push_str(tail);
            return out;
        };
        let dest = &value[..close];
        let after = &value[close + 1..];
        let is_slot = after.starts_with("></span>")
            && (head.ends_with("<span class=\"pg\"") || head.ends_with("<span class=\"pg-in\""));
        if is_slot {
            let number = match pages {
                None => "000".to_string(),
                Some(pages) => pages
                    .get(&html_unescape(dest))
                    .map_or_else(String::new, u32::to_string),
            };
            out.push_str(&format!(" data-dest=\"{dest}\">{number}</span>"));
            rest = &after["></span>".len()..];
        } else {
            out.push_str(&tail[.." data-dest=\"".len() + close + 1]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// `s` with the character references tera's escaping writes turned back
/// into characters.
fn html_unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The page (1-based) each named destination of the PDF at `pdf` points
/// at, by element id: Chromium writes one per id that a link of the page
/// targets, in the catalog's `/Dests` dictionary (or the `/Dests` name
/// tree, PDF 1.7 section 12.3.2.3), percent-encoding ids outside ASCII
/// (decoded here). Read with the `lopdf` crate.
///
/// Errors: [`Error::Browser`] when the file is not a PDF lopdf can read.
pub fn destination_pages(pdf: &Path) -> Result<HashMap<String, u32>> {
    let doc = lopdf::Document::load(pdf).map_err(|e| Error::Browser {
        message: format!("cannot read the printed PDF {}: {e}", pdf.display()),
    })?;
    let pages: HashMap<lopdf::ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let mut found = HashMap::new();
    let Ok(catalog) = doc.catalog() else {
        return Ok(found);
    };
    let mut add = |name: &[u8], value: &lopdf::Object| {
        let target = match doc.dereference(value) {
            Ok((_, lopdf::Object::Array(a))) => a.first().cloned(),
            Ok((_, lopdf::Object::Dictionary(d))) => d
                .get(b"D")
                .ok()
                .and_then(|d| d.as_array().ok())
                .and_then(|a| a.first().cloned()),
            _ => None,
        };
        let page = target
            .and_then(|t| t.as_reference().ok())
            .and_then(|r| pages.get(&r).copied());
        if let Some(page) = page {
            // Chromium writes an id outside ASCII percent-encoded (UTF-8).
            let name = percent_encoding::percent_decode(name).decode_utf8_lossy();
            found.insert(name.into_owned(), page);
        }
    };
    if let Ok((_, lopdf::Object::Dictionary(dests))) =
        catalog.get(b"Dests").and_then(|d| doc.dereference(d))
    {
        for (name, value) in dests.iter() {
            add(name, value);
        }
    }
    let tree = catalog
        .get(b"Names")
        .and_then(|n| doc.dereference(n))
        .ok()
        .and_then(|(_, n)| n.as_dict().ok())
        .and_then(|n| n.get(b"Dests").ok())
        .cloned();
    if let Some(root) = tree {
        // Depth-first over the name tree: /Names arrays of (name, value)
        // pairs in leaves, /Kids below; bounded against cycles.
        let mut stack = vec![(root, 0usize)];
        while let Some((node, depth)) = stack.pop() {
            if depth > 32 {
                continue;
            }
            let Ok((_, lopdf::Object::Dictionary(node))) = doc.dereference(&node) else {
                continue;
            };
            if let Ok(names) = node.get(b"Names").and_then(lopdf::Object::as_array) {
                for pair in names.chunks(2) {
                    if let [lopdf::Object::String(name, _), value] = pair {
                        add(name, value);
                    }
                }
            }
            if let Ok(kids) = node.get(b"Kids").and_then(lopdf::Object::as_array) {
                stack.extend(kids.iter().map(|k| (k.clone(), depth + 1)));
            }
        }
    }
    Ok(found)
}

/// `p` made absolute against the current directory, with `.` and
/// repeated separators removed (lexically, [`std::path::absolute`]).
fn absolute(p: &Path) -> Result<PathBuf> {
    std::path::absolute(p).map_err(|e| Error::io(p, e))
}

/// Answers one print-server request from `site`: a site file (the print
/// page is `print_page`, with the page numbers of the current pass), 403
/// for a path that leaves the site, 404 otherwise.
fn serve_site(
    asked: &crate::serve::server::Asked,
    site: &Site,
    print_page: &RwLock<String>,
) -> hyper::Response<crate::serve::server::ResponseBody> {
    use crate::serve::http::{Resolved, mime_type, resolve};
    use crate::serve::server::ResponseBody;
    let (status, kind, body) = match resolve(&asked.target) {
        Resolved::File(path) if path == PRINT_PAGE => {
            let page = print_page.read().unwrap_or_else(|e| e.into_inner());
            (200, mime_type(&path).into_owned(), page.as_bytes().to_vec())
        }
        Resolved::File(path) => match site.files.get(&path) {
            Some(bytes) => (200, mime_type(&path).into_owned(), bytes.clone()),
            None => (404, "text/plain".to_string(), Vec::new()),
        },
        Resolved::Forbidden => (403, "text/plain".to_string(), Vec::new()),
    };
    hyper::Response::builder()
        .status(status)
        .header("Content-Type", kind)
        .body(ResponseBody::full(body))
        .unwrap_or_else(|_| hyper::Response::new(ResponseBody::full(Vec::new())))
}

/// [`HEADLESS_ARGS`] for printing: Chromium's own sandbox stays on
/// (`--no-sandbox` dropped) unless docgen runs as root, where Chromium
/// refuses to start with it.
fn print_args() -> Vec<&'static str> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    HEADLESS_ARGS
        .into_iter()
        .filter(|a| root || *a != "--no-sandbox")
        .collect()
}

/// Prints `print.html` from the print server on 127.0.0.1:`port` to `out`.
fn print(browser: &Path, port: u16, out: &Path, profile: &Path) -> Result<()> {
    let url = format!("http://127.0.0.1:{port}/print.html");
    let mut child = Command::new(browser)
        .args(print_args())
        .args(OFFLINE_ARGS)
        .arg(format!("--proxy-bypass-list=<-loopback>;127.0.0.1:{port}"))
        .args([
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            "--run-all-compositor-stages-before-draw",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(&url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| Error::Browser {
            message: format!("cannot start {}: {e}", browser.display()),
        })?;
    let deadline = Instant::now() + Duration::from_secs(PRINT_TIMEOUT_S);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            _ => {
                let _ = child.kill();
                return Err(Error::Browser {
                    message: format!("{} did not finish printing", browser.display()),
                });
            }
        }
    }
    let ok = std::fs::read(out)
        .map(|b| b.starts_with(b"%PDF"))
        .unwrap_or(false);
    if !ok {
        return Err(Error::Browser {
            message: format!("{} printed no PDF to {}", browser.display(), out.display()),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str, pages: Option<&[(&str, u32)]>, expect: &str) {
        let pages: Option<HashMap<String, u32>> =
            pages.map(|p| p.iter().map(|(k, v)| (k.to_string(), *v)).collect());
        assert_eq!(fill_page_numbers(html, pages.as_ref()), expect);
    }

    #[test]
    fn slots_get_placeholders_then_pages() {
        let html = r##"<a href="#a"><span class="pg" data-dest="a"></span>1.1 A</a> <a href="#b">2<span class="pg-in" data-dest="b"></span></a>"##;
        check(
            html,
            None,
            r##"<a href="#a"><span class="pg" data-dest="a">000</span>1.1 A</a> <a href="#b">2<span class="pg-in" data-dest="b">000</span></a>"##,
        );
        check(
            html,
            Some(&[("a", 7), ("b", 12)]),
            r##"<a href="#a"><span class="pg" data-dest="a">7</span>1.1 A</a> <a href="#b">2<span class="pg-in" data-dest="b">12</span></a>"##,
        );
        // A target the PDF has no destination for stays empty.
        check(
            html,
            Some(&[("a", 7)]),
            r##"<a href="#a"><span class="pg" data-dest="a">7</span>1.1 A</a> <a href="#b">2<span class="pg-in" data-dest="b"></span></a>"##,
        );
    }

    #[test]
    fn only_empty_slot_spans_are_filled() {
        // A note's own data-dest attribute, on another element or with
        // content, is left alone; escaped ids are looked up unescaped.
        let html = r##"<p data-dest="a">x</p><span class="pg" data-dest="a">keep</span><span class="pg" data-dest="q&amp;a"></span><span class="pg" data-dest="unterminated"##;
        check(
            html,
            Some(&[("a", 3), ("q&a", 4)]),
            r##"<p data-dest="a">x</p><span class="pg" data-dest="a">keep</span><span class="pg" data-dest="q&amp;a">4</span><span class="pg" data-dest="unterminated"##,
        );
        check("no slots here", None, "no slots here");
    }
}

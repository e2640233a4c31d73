//! `docgen pdf`: the print handbook (`print.html`) printed to PDF by an
//! installed Chromium or Chrome in headless mode.
//!
//! Why a browser rather than a pure-Rust typesetter: the print page is the
//! same HTML and CSS as the site (highlighted code, tables, emoji), and
//! Chromium prints it with CSS paged media (`@page` margin boxes give page
//! numbers), clickable internal links, and a PDF outline generated from the
//! headings (`--generate-pdf-document-outline`). A typst route would need a
//! second renderer of every construct the notes contain.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::pipeline::{self, BuildOptions};
use crate::site::Site;
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
    /// Where to write the PDF.
    pub output: PathBuf,
    /// The browser binary; `None` looks for `DOCGEN_BROWSER`, then for
    /// chromium / chrome on `PATH`.
    pub browser: Option<PathBuf>,
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

/// Builds the handbook, prints `print.html` to `opts.output`, and returns
/// the PDF's size in bytes.
///
/// The print is sandboxed: the browser loads the site from a server on
/// the loopback address that answers only with the built site's files
/// (never the disk), so a note's `../` or `file://` image cannot reach a
/// file outside the site, and [`OFFLINE_ARGS`] keep it off the network.
///
/// Errors: the build's errors; [`Error::Browser`] when no browser is found
/// (saying how to install one) or it fails to print.
pub fn make_pdf(opts: &PdfOptions) -> Result<u64> {
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
    let built = pipeline::build_site(&opts.build)?;
    let work = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let out = absolute(&opts.output)?;
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let _ = std::fs::remove_file(&out);
    let site = std::sync::Arc::new(built.site);
    let server = crate::serve::server::Server::start(
        std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
        std::sync::Arc::new(move |asked| serve_site(&asked, &site)),
    )
    .map_err(|e| Error::Browser {
        message: format!("cannot start the print server on 127.0.0.1: {e}"),
    })?;
    let printed = print(
        &browser,
        server.addr().port(),
        &out,
        &work.path().join("profile"),
    );
    server.stop();
    printed?;
    let meta = std::fs::metadata(&out).map_err(|e| Error::io(&out, e))?;
    Ok(meta.len())
}

fn absolute(p: &Path) -> Result<PathBuf> {
    if p.is_absolute() {
        return Ok(p.to_path_buf());
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    Ok(cwd.join(p))
}

/// Answers one print-server request from `site`: a site file, 403 for a
/// path that leaves the site, 404 otherwise.
fn serve_site(
    asked: &crate::serve::server::Asked,
    site: &Site,
) -> hyper::Response<crate::serve::server::ResponseBody> {
    use crate::serve::http::{Resolved, mime_type, resolve};
    use crate::serve::server::ResponseBody;
    let (status, kind, body) = match resolve(&asked.target) {
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

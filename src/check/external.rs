//! `docgen check --external`: the external (http/https) links of a built
//! site, fetched with a bounded, polite client (the `ureq` crate). Off by
//! default: a check must not need the network.
//!
//! Politeness and bounds:
//! - at most [`ExternalOptions::per_host`] requests at once to one host
//!   (2, as link checkers such as lychee default to a small number), and
//!   at most [`ExternalOptions::hosts_at_once`] hosts at once;
//! - every request has a whole-request timeout;
//! - `HEAD` first; `GET` (headers only, the body is never read) when the
//!   server refuses or mishandles `HEAD`;
//! - links that answered well are cached for a day in
//!   `.docgen/cache/external-links.json` under the project, so a second
//!   check does not ask again; failures are always asked again.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::site::Site;

/// The cache file, relative to the project root.
pub const CACHE_FILE: &str = ".docgen/cache/external-links.json";

/// How the external links are fetched.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// Longest one request may take, connection and redirects included.
    pub timeout: Duration,
    /// Most requests in flight to one host.
    pub per_host: usize,
    /// Most hosts asked at once.
    pub hosts_at_once: usize,
    /// The cache file (`None`: no cache).
    pub cache: Option<PathBuf>,
    /// How long a good answer is trusted.
    pub max_age: Duration,
}

impl Default for ExternalOptions {
    /// 10 s per request, 2 per host, 8 hosts at once, no cache, one day.
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            per_host: 2,
            hosts_at_once: 8,
            cache: None,
            max_age: Duration::from_secs(24 * 3600),
        }
    }
}

/// One external URL and what it answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExternalLink {
    /// The URL as the pages write it (without its `#fragment`).
    pub url: String,
    /// The site paths of the pages that link it.
    pub pages: Vec<String>,
    /// The HTTP status of the final answer (after redirects), if any.
    pub status: Option<u16>,
    /// Why there is no answer (timeout, refused connection, bad name).
    pub error: Option<String>,
    /// The answer came from the cache.
    pub cached: bool,
}

impl ExternalLink {
    /// True when the link answered with a 2xx or 3xx status.
    pub fn ok(&self) -> bool {
        self.status.is_some_and(|s| (200..400).contains(&s))
    }
}

/// The http(s) URLs that `href`/`src` attributes of the HTML pages of
/// `site` name, each with the pages that name it, fragments dropped.
/// URLs under `own` (the site's base URL: canonical links) are left out.
pub fn external_urls(site: &Site, own: Option<&str>) -> BTreeMap<String, Vec<String>> {
    let mut urls: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (page, html) in super::links::html_pages(site) {
        for attr in ["href", "src"] {
            for link in super::links::attribute_values(html, attr) {
                let lower = link.to_ascii_lowercase();
                if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                    continue;
                }
                let url = link.split('#').next().unwrap_or_default().to_string();
                if own.is_some_and(|o| !o.is_empty() && url.starts_with(o)) {
                    continue;
                }
                let pages = urls.entry(url).or_default();
                if pages.last().map(String::as_str) != Some(page) {
                    pages.push(page.to_string());
                }
            }
        }
    }
    urls
}

/// The lower-cased host (and port) of `url`, the unit of politeness.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.to_ascii_lowercase()
}

/// One cached answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    status: u16,
    /// Seconds since the Unix epoch.
    checked: u64,
}

/// The cache file's contents.
#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    links: BTreeMap<String, Cached>,
}

const CACHE_VERSION: u32 = 1;

fn now_s() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Reads the cache; a missing file is empty, a corrupt one is dropped
/// with a warning.
fn read_cache(path: &Path, warnings: &mut Vec<String>) -> CacheFile {
    let Ok(bytes) = std::fs::read(path) else {
        return CacheFile::default();
    };
    match serde_json::from_slice::<CacheFile>(&bytes) {
        Ok(c) if c.version == CACHE_VERSION => c,
        _ => {
            warnings.push(format!(
                "{}: not a link cache docgen can read; ignored and rewritten",
                path.display()
            ));
            CacheFile::default()
        }
    }
}

/// Writes the cache atomically (a temporary file renamed over it).
fn write_cache(path: &Path, cache: &CacheFile) -> std::io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let mut file = tempfile::NamedTempFile::new_in(parent)?;
    serde_json::to_writer_pretty(&mut file, cache)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Asks `url` with `HEAD`, then with `GET` when `HEAD` gets a 4xx/5xx
/// answer (servers that refuse or mishandle it). Returns the final status
/// or the error's message.
fn fetch(agent: &ureq::Agent, url: &str) -> Result<u16, String> {
    let head = agent.head(url).call();
    match head {
        Ok(r) if r.status().as_u16() < 400 => Ok(r.status().as_u16()),
        _ => match agent.get(url).call() {
            Ok(r) => Ok(r.status().as_u16()),
            Err(e) => Err(e.to_string()),
        },
    }
}

/// Fetches every URL of `urls` (from [`external_urls`]) under the bounds
/// of `opts` and returns one [`ExternalLink`] per URL in URL order, with
/// warnings about the cache. Never fails: an unreachable link is a result.
pub fn check_external(
    urls: &BTreeMap<String, Vec<String>>,
    opts: &ExternalOptions,
) -> (Vec<ExternalLink>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut cache = opts
        .cache
        .as_deref()
        .map(|p| read_cache(p, &mut warnings))
        .unwrap_or_default();
    let now = now_s();
    let fresh = |url: &str| {
        cache
            .links
            .get(url)
            .filter(|c| now.saturating_sub(c.checked) <= opts.max_age.as_secs())
            .map(|c| c.status)
    };
    let mut results: BTreeMap<String, ExternalLink> = BTreeMap::new();
    let mut by_host: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (url, pages) in urls {
        let cached = fresh(url);
        results.insert(
            url.clone(),
            ExternalLink {
                url: url.clone(),
                pages: pages.clone(),
                status: cached,
                error: None,
                cached: cached.is_some(),
            },
        );
        if cached.is_none() {
            by_host.entry(host_of(url)).or_default().push(url.clone());
        }
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .max_redirects(5)
        .user_agent(concat!(
            "docgen/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .build()
        .into();
    let hosts: Mutex<VecDeque<Vec<String>>> = Mutex::new(by_host.into_values().collect());
    let answers: Mutex<Vec<(String, Result<u16, String>)>> = Mutex::new(Vec::new());
    let workers = opts.hosts_at_once.max(1);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let next = hosts.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
                    let Some(list) = next else { break };
                    let at = AtomicUsize::new(0);
                    std::thread::scope(|s| {
                        for _ in 0..opts.per_host.clamp(1, list.len().max(1)) {
                            s.spawn(|| {
                                loop {
                                    let i = at.fetch_add(1, Ordering::Relaxed);
                                    let Some(url) = list.get(i) else { break };
                                    let answer = fetch(&agent, url);
                                    answers
                                        .lock()
                                        .unwrap_or_else(|e| e.into_inner())
                                        .push((url.clone(), answer));
                                }
                            });
                        }
                    });
                }
            });
        }
    });
    for (url, answer) in answers.into_inner().unwrap_or_else(|e| e.into_inner()) {
        let Some(r) = results.get_mut(&url) else {
            continue;
        };
        match answer {
            Ok(status) => {
                r.status = Some(status);
                if (200..400).contains(&status) {
                    cache.links.insert(
                        url,
                        Cached {
                            status,
                            checked: now,
                        },
                    );
                } else {
                    cache.links.remove(&url);
                }
            }
            Err(e) => {
                r.error = Some(e);
                cache.links.remove(&url);
            }
        }
    }
    if let Some(path) = &opts.cache {
        cache.version = CACHE_VERSION;
        if let Err(e) = write_cache(path, &cache) {
            warnings.push(format!("{}: link cache not written ({e})", path.display()));
        }
    }
    (results.into_values().collect(), warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_compared_without_case_credentials_or_path() {
        assert_eq!(host_of("https://Example.org/a?b"), "example.org");
        assert_eq!(host_of("http://u:p@example.org:8080#x"), "example.org:8080");
        assert_eq!(host_of("https://例え.jp"), "例え.jp");
    }

    #[test]
    fn only_http_links_outside_the_site_are_collected() {
        let mut site = Site::default();
        site.insert(
            "a.html",
            r#"<a href="https://example.org/x#frag">x</a><a href="https://example.org/x">again</a>
               <img src="http://img.example.net/p.png"><a href="b.html">in</a><a href="mailto:a@b">m</a>
               <link rel="canonical" href="https://me.example.io/handbook/a.html">"#,
        );
        site.insert("b.html", r#"<a href="HTTPS://example.org/x">x</a>"#);
        let urls = external_urls(&site, Some("https://me.example.io/handbook/"));
        let got: Vec<(&str, Vec<&str>)> = urls
            .iter()
            .map(|(u, p)| (u.as_str(), p.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("HTTPS://example.org/x", vec!["b.html"]),
                ("http://img.example.net/p.png", vec!["a.html"]),
                ("https://example.org/x", vec!["a.html"]),
            ]
        );
    }
}

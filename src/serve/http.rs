//! HTTP for `docgen serve`: mapping request paths to site files, MIME
//! types, validators (ETag) and the injected live-reload script.
//!
//! Files are served from the in-memory [`Site`](crate::site::Site), never
//! from disk, so no request path can reach a file outside the output:
//! a path is percent-decoded, split into segments, and any `..` (raw or
//! encoded, `%2e%2e`, `..%2f`), NUL or backslash is refused before lookup.

use std::borrow::Cow;

/// What a request path resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A site path to look up (`index.html`, `chapters/gil.html`, …).
    File(String),
    /// The path tries to leave the site or is malformed: answer 403.
    Forbidden,
}

/// Resolves the path part of a request URL (query and fragment ignored)
/// to a site path. Directories (`/`, `/chapters/`) map to their
/// `index.html`.
pub fn resolve(url: &str) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(path) else {
        return Resolved::Forbidden;
    };
    if decoded.contains(['\0', '\\']) {
        return Resolved::Forbidden;
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Resolved::Forbidden,
            s if s.contains(':') => return Resolved::Forbidden,
            s => segments.push(s),
        }
    }
    let mut rel = segments.join("/");
    if rel.is_empty() || decoded.ends_with('/') {
        if !rel.is_empty() {
            rel.push('/');
        }
        rel.push_str("index.html");
    }
    Resolved::File(rel)
}

/// The percent-decoded value of the query parameter `name` in a request
/// URL (`/__docgen/events?page=chapters%2Fgil.html` gives
/// `chapters/gil.html` for `page`); `+` stands for a space. Parsed as
/// `application/x-www-form-urlencoded` (the `form_urlencoded` crate, via
/// `url`). `None` when the parameter is missing, or when the query holds a
/// malformed escape or decodes to invalid UTF-8 (which the parser would
/// otherwise keep or replace).
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split('#').next()?.split_once('?')?.1;
    percent_decode(query)?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// Decodes `%XX` escapes (the `percent-encoding` crate); `None` for a
/// malformed escape (`%` not followed by two hex digits) or a non-UTF-8
/// result.
fn percent_decode(s: &str) -> Option<String> {
    let well_formed = s.match_indices('%').all(|(i, _)| {
        s.as_bytes()
            .get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// Whether a request's `Host` header names this preview, as a defence
/// against DNS rebinding (a page on another site resolving its own name to
/// 127.0.0.1 to read the preview). On a loopback `bound` address the host
/// must be `localhost`, `127.0.0.1`, `[::1]` or the bound address, with the
/// bound port or none; on another interface, which the author chose
/// (`--interface`), any host is allowed. A request without `Host` (HTTP/1.0)
/// is allowed.
pub fn host_allowed(host: Option<&str>, bound: std::net::SocketAddr) -> bool {
    if !bound.ip().is_loopback() {
        return true;
    }
    let Some(host) = host else { return true };
    let host = host.trim().to_ascii_lowercase();
    let (name, port) = match host.rsplit_once(':') {
        Some((n, p)) if !n.is_empty() && !p.contains(']') => (n.to_string(), Some(p.to_string())),
        _ => (host.clone(), None),
    };
    if port.is_some_and(|p| p != bound.port().to_string()) {
        return false;
    }
    let own = match bound.ip() {
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    ["localhost", "127.0.0.1", "[::1]"].contains(&name.as_str()) || name == own
}

/// The Content Security Policy of every preview response: scripts only
/// from the site itself (docgen writes no inline script, and the
/// live-reload client is a file, [`LIVE_RELOAD_PATH`]), connections only
/// back to the preview, no plugins, no `<base>` elsewhere. Images and
/// media may come from anywhere, as the notes link them; inline styles
/// stay allowed because sanitised note HTML may carry `style`.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
style-src 'self' 'unsafe-inline'; img-src * data:; media-src *; font-src 'self' data:; \
connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
frame-ancestors 'self'";

/// Headers every preview response carries: the
/// [`CONTENT_SECURITY_POLICY`], no MIME sniffing, no framing by other
/// sites, no referrer to other sites.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "SAMEORIGIN"),
    ("Referrer-Policy", "same-origin"),
];

/// The `Content-Type` for a site path, by extension (the `mime_guess`
/// crate's table), with `charset=utf-8` on text and JavaScript (docgen
/// writes UTF-8);
/// `application/octet-stream` when the extension is unknown.
pub fn mime_type(path: &str) -> Cow<'static, str> {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text =
        mime.type_() == mime_guess::mime::TEXT || mime.subtype() == mime_guess::mime::JAVASCRIPT;
    match (text, mime.get_param(mime_guess::mime::CHARSET)) {
        (true, None) => Cow::Owned(format!("{mime}; charset=utf-8")),
        _ => Cow::Owned(mime.to_string()),
    }
}

/// A strong ETag for `bytes`: 64-bit FNV-1a of the content, quoted.
/// (FNV: Fowler–Noll–Vo, <http://www.isthe.com/chongo/tech/comp/fnv/>.)
pub fn etag(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("\"{h:016x}\"")
}

/// True when an `If-None-Match` header value matches `tag` (or is `*`).
pub fn etag_matches(if_none_match: &str, tag: &str) -> bool {
    if_none_match
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == tag || t == "*")
}

/// The live-reload client, loaded by every HTML page served. It opens
/// an EventSource relative to the page (via `data-root`), so it works
/// behind any host name, IPv6 address or proxy path.
pub const LIVE_RELOAD_JS: &str = include_str!("livereload.js");

/// The site path the live-reload client is served at (no site file can
/// have it: docgen writes nothing under `__docgen/`).
pub const LIVE_RELOAD_PATH: &str = "__docgen/livereload.js";

/// The way from the folder of request target `target` (path and query, as
/// sent) back to the site root: `""` for `/index.html`, `"../"` for
/// `/chapters/a.html` or `/chapters/`. Relative, so a page served behind a
/// proxy path still finds the preview's own files.
pub fn root_prefix(target: &str) -> String {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let depth = path.matches('/').count().saturating_sub(1);
    "../".repeat(depth)
}

/// Inserts the live-reload script tag before `</body>` (pages without one
/// get it appended): the client at `root` + [`LIVE_RELOAD_PATH`], with the
/// build number the page was served from and the page's version (the build
/// it last changed in, see
/// [`Snapshot::page_version`](super::live::Snapshot::page_version)).
/// An external script, so the [`CONTENT_SECURITY_POLICY`] needs no inline
/// exception.
pub fn inject_live_reload(html: &[u8], root: &str, build: u64, page_version: u64) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{root}{LIVE_RELOAD_PATH}\" data-docgen-build=\"{build}\" data-docgen-page=\"{page_version}\"></script>"
    );
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_files_and_directories() {
        assert_eq!(resolve("/"), Resolved::File("index.html".into()));
        assert_eq!(
            resolve("/chapters/a.html?x=1#y"),
            Resolved::File("chapters/a.html".into())
        );
        assert_eq!(
            resolve("/chapters/"),
            Resolved::File("chapters/index.html".into())
        );
        assert_eq!(resolve("/a%20b.html"), Resolved::File("a b.html".into()));
        assert_eq!(
            resolve("//static//style.css"),
            Resolved::File("static/style.css".into())
        );
    }

    #[test]
    fn refuses_traversal_in_every_spelling() {
        for url in [
            "/../Cargo.toml",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2fetc/passwd",
            "/a/..%2F..%2F",
            "/static/..\\..\\x",
            "/%00",
            "/C:/Windows",
            "/%zz",
        ] {
            assert_eq!(resolve(url), Resolved::Forbidden, "{url}");
        }
        // `//etc/passwd` is just a path inside the site (not found there).
        assert_eq!(resolve("//etc/passwd"), Resolved::File("etc/passwd".into()));
    }

    #[test]
    fn etags_differ_by_content_and_match_lists() {
        let a = etag(b"a");
        assert_ne!(a, etag(b"b"));
        assert!(etag_matches(&format!("\"x\", {a}"), &a));
        assert!(etag_matches(&format!("W/{a}"), &a));
        assert!(!etag_matches("\"x\"", &a));
    }

    #[test]
    fn live_reload_goes_before_body_end() {
        let out =
            String::from_utf8(inject_live_reload(b"<body>x</body></html>", "../", 7, 5)).unwrap();
        assert!(out.contains(
            "<script src=\"../__docgen/livereload.js\" data-docgen-build=\"7\" data-docgen-page=\"5\"></script>"
        ));
        assert!(out.find("<script").unwrap() < out.find("</body>").unwrap());
    }

    #[test]
    fn the_root_prefix_follows_the_request_folder() {
        for (target, prefix) in [
            ("/", ""),
            ("/index.html?x=a/b", ""),
            ("/chapters/a.html", "../"),
            ("/chapters/", "../"),
            ("/a/b/missing", "../../"),
        ] {
            assert_eq!(root_prefix(target), prefix, "{target}");
        }
    }

    #[test]
    fn query_params_are_decoded() {
        let url = "/__docgen/events?x=1&page=chapters%2Fa%20b.html#top";
        assert_eq!(
            query_param(url, "page").as_deref(),
            Some("chapters/a b.html")
        );
        assert_eq!(
            query_param("/e?page=a+b.html", "page").as_deref(),
            Some("a b.html")
        );
        assert_eq!(query_param(url, "x").as_deref(), Some("1"));
        assert_eq!(query_param(url, "y"), None);
        assert_eq!(query_param("/e#?page=a", "page"), None);
        assert_eq!(query_param("/e?page=%zz", "page"), None);
        assert_eq!(query_param("/__docgen/events", "page"), None);
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime_type("a/b.html"), "text/html; charset=utf-8");
        assert_eq!(mime_type("s.JS"), "text/javascript; charset=utf-8");
        assert_eq!(mime_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(mime_type("handbook.json"), "application/json");
        assert_eq!(mime_type("favicon.svg"), "image/svg+xml");
        assert_eq!(mime_type("x.woff2"), "font/woff2");
        assert_eq!(mime_type("noext"), "application/octet-stream");
    }

    #[test]
    fn host_header_must_name_the_preview() {
        let bound: std::net::SocketAddr = "127.0.0.1:1111".parse().unwrap();
        for ok in [
            None,
            Some("localhost:1111"),
            Some("127.0.0.1:1111"),
            Some("LOCALHOST"),
            Some("[::1]:1111"),
        ] {
            assert!(host_allowed(ok, bound), "{ok:?}");
        }
        for bad in [
            "evil.example:1111",
            "localhost:2222",
            "attacker.test",
            "127.0.0.2:1111",
        ] {
            assert!(!host_allowed(Some(bad), bound), "{bad}");
        }
        let open: std::net::SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert!(host_allowed(Some("my-laptop.lan:1111"), open));
    }
}

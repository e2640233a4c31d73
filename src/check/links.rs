//! The link check of `docgen check`: every internal link and `#anchor`
//! of a built site must resolve under the configured base path.
//! Attributes are read with html5gum (WHATWG tokenisation).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::site::Site;

/// A link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenLink {
    /// The page holding the link (site path).
    pub page: String,
    /// The link as written (`href` or `src`).
    pub link: String,
    /// The site path it resolved to (empty when it left the site).
    pub target: String,
    /// Why it is broken: "missing page", "missing anchor", "outside the site".
    pub reason: String,
}

/// True for a broken link that a note carried over from the repository or
/// site it came from: to another notes file (`./chapter-02.md`,
/// `../README.md`), which the handbook does not publish under that name,
/// or a root-relative path of the original site (`/blog/home.html`). Such
/// links point outside the handbook; they are listed, not failed.
pub fn points_outside_the_handbook(b: &BrokenLink) -> bool {
    let path = b.link.split(['#', '?']).next().unwrap_or("");
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let to_a_note = ext.is_some_and(|e| crate::ingest::NOTE_EXTENSIONS.contains(&e.as_str()));
    // docgen's own pages link relatively; a root-relative link on a page
    // of notes (not the 404 page, which links from the base path) is the
    // original site's.
    let site_absolute = path.starts_with('/') && b.page != "404.html" && b.reason == "missing page";
    to_a_note || site_absolute
}

/// Checks every `href`/`src` of every HTML page of `site`. `base_path` is
/// the path the site is published under (`/` or `/repo/`): links starting
/// with `/` must start with it. External links (with a scheme) are not
/// fetched. Returns the broken links, in page order (including those that
/// [`points_outside_the_handbook`]; [`super::run_checks`] sets those apart).
pub fn check_links(site: &Site, base_path: &str) -> Vec<BrokenLink> {
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in html_pages(site) {
        ids.insert(path, attribute_values(bytes, "id").into_iter().collect());
    }
    let mut broken = Vec::new();
    for (page, html) in html_pages(site) {
        for attr in ["href", "src"] {
            for link in attribute_values(html, attr) {
                if let Some(b) = check_one(site, &ids, page, &link, base_path) {
                    broken.push(b);
                }
            }
        }
    }
    broken
}

fn check_one(
    site: &Site,
    ids: &BTreeMap<&str, BTreeSet<String>>,
    page: &str,
    link: &str,
    base_path: &str,
) -> Option<BrokenLink> {
    if link.is_empty()
        || link.contains("://")
        || link.starts_with("mailto:")
        || link.starts_with("data:")
    {
        return None;
    }
    let broken = |target: &str, reason: &str| BrokenLink {
        page: page.to_string(),
        link: link.to_string(),
        target: target.to_string(),
        reason: reason.to_string(),
    };
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        page.to_string()
    } else {
        match resolve(page, path, base_path) {
            Some(t) => t,
            None => return Some(broken("", "outside the site")),
        }
    };
    if !site.files.contains_key(&target) {
        return Some(broken(&target, "missing page"));
    }
    match (fragment, ids.get(target.as_str())) {
        // As browsers do (HTML, "find a potential indicated element"):
        // the fragment as written, else percent-decoded.
        (Some(f), Some(set))
            if !f.is_empty()
                && !set.contains(f)
                && !set.contains(
                    percent_encoding::percent_decode_str(f)
                        .decode_utf8_lossy()
                        .as_ref(),
                ) =>
        {
            Some(broken(&target, "missing anchor"))
        }
        _ => None,
    }
}

/// Resolves `href` (no fragment) from `page` to a site path; `None` when it
/// climbs out of the site or is absolute outside `base_path`.
///
/// Dot segments are resolved as RFC 3986 §5.2.4 does, with one difference
/// that is the point of the check: `url::Url::join` clamps a `..` above the
/// root (`/../x` is `/x`), which would hide exactly the links that leave
/// the site, so the segments are walked here and such a link is refused.
pub fn resolve(page: &str, href: &str, base_path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let rel = if let Some(abs) = href.strip_prefix('/') {
        let base = base_path.trim_matches('/');
        if base.is_empty() {
            abs
        } else {
            match abs.strip_prefix(base) {
                Some("") => "",
                Some(r) if r.starts_with('/') => &r[1..],
                _ => return None,
            }
        }
    } else {
        parts.extend(page.split('/'));
        parts.pop(); // the page's own file name
        href
    };
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut target = parts.join("/");
    if target.is_empty() || href.ends_with('/') {
        target = if target.is_empty() {
            "index.html".into()
        } else {
            format!("{target}/index.html")
        };
    }
    Some(target)
}

pub(super) fn html_pages(site: &Site) -> impl Iterator<Item = (&str, &str)> {
    site.files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .filter_map(|(p, b)| Some((p.as_str(), std::str::from_utf8(b).ok()?)))
}

/// The values of attribute `name` on every start tag of `html`, in order,
/// character references decoded. Tokenised by html5gum (WHATWG HTML
/// tokenisation) with its naive state switching, so the text of
/// `<script>`, `<style>` and `<textarea>` is raw text and text that merely
/// reads `href="x"` (escaped in a paragraph, or inside a script) is never
/// taken for a link.
pub(super) fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let mut emitter = html5gum::emitters::default::DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut out = Vec::new();
    for Ok(token) in html5gum::Tokenizer::new_with_emitter(html, emitter) {
        if let html5gum::Token::StartTag(tag) = token
            && let Some(value) = tag.attributes.get(name.as_bytes())
        {
            out.push(String::from_utf8_lossy(value).into_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::site::test_site as site;

    #[test]
    fn only_real_tags_have_attributes() {
        let html = "<p>write href=&quot;x&quot; or <code>href=\"y\"</code></p>\
                    <a class=\"k\" href=\"a.html?x=1&amp;y=2\">a</a><img src='b.png' alt=\"a > b\">\
                    <script>var s = '<a href=\"nope.html\">';</script><a href=c.html>c</a>";
        assert_eq!(attribute_values(html, "href"), ["a.html?x=1&y=2", "c.html"]);
        assert_eq!(attribute_values(html, "src"), ["b.png"]);
    }

    #[test]
    fn resolves_relative_and_absolute_links() {
        assert_eq!(
            resolve("chapters/a.html", "../index.html", "/").as_deref(),
            Some("index.html")
        );
        assert_eq!(
            resolve("chapters/a.html", "b.html", "/").as_deref(),
            Some("chapters/b.html")
        );
        assert_eq!(resolve("index.html", "../x.html", "/"), None);
        assert_eq!(
            resolve("404.html", "/repo/static/s.css", "/repo/").as_deref(),
            Some("static/s.css")
        );
        assert_eq!(resolve("404.html", "/other/s.css", "/repo/"), None);
        assert_eq!(resolve("404.html", "/repository/s.css", "/repo/"), None);
        assert_eq!(
            resolve("a/b.html", "./", "/").as_deref(),
            Some("a/index.html")
        );
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let s = site(&[
            (
                "index.html",
                r##"<a href="chapters/a.html#q1">ok</a> <a href="chapters/a.html#nope">x</a> <a href="gone.html">y</a> <a href="https://e.org/">ext</a> <img src="static/i.png">"##,
            ),
            (
                "chapters/a.html",
                r##"<h2 id="q1">Q</h2><a href="#q1">self</a><a href="../../up.html">up</a>"##,
            ),
        ]);
        let broken = check_links(&s, "/");
        let got: Vec<(&str, &str)> = broken
            .iter()
            .map(|b| (b.link.as_str(), b.reason.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("../../up.html", "outside the site"),
                ("chapters/a.html#nope", "missing anchor"),
                ("gone.html", "missing page"),
                ("static/i.png", "missing page")
            ]
        );
    }
}

//! `docgen check`: verifies a built site without publishing it. Every
//! internal link and `#anchor` must resolve (under the configured base
//! path), and source problems an author can act on are listed: unanswered
//! questions, empty sources, files that needed encoding repair.

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
/// [`points_outside_the_handbook`]; [`run_checks`] sets those apart).
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

fn html_pages(site: &Site) -> impl Iterator<Item = (&str, &str)> {
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
fn attribute_values(html: &str, name: &str) -> Vec<String> {
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

/// A question somewhere in the sources.
#[derive(Debug, Clone, Serialize)]
pub struct Located {
    /// Path under `content/`.
    pub source: String,
    /// 1-based line.
    pub line: usize,
    /// The question.
    pub question: String,
}

/// Everything `docgen check` reports.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// Links that do not resolve (these fail the check).
    pub broken_links: Vec<BrokenLink>,
    /// Links a note carried over to other files of the repository it came
    /// from (`./chapter-02.md`): outside the handbook, listed, not failed.
    pub outside_links: Vec<BrokenLink>,
    /// Entries no source answers (their first phrasing).
    pub unanswered: Vec<Located>,
    /// Sources from which nothing was extracted.
    pub empty_sources: Vec<String>,
    /// Sources whose encoding was repaired, with what was done.
    pub repaired: Vec<String>,
    /// Files skipped and build warnings.
    pub warnings: Vec<String>,
    /// Deduplication's merges and near misses, with scores.
    pub duplicates: crate::model::Review,
    /// Terms the concept catalog may be missing (empty without a catalog).
    pub concept_suggestions: Vec<ConceptSuggestion>,
    /// Per source: questions, answered, structure, repair, prose kept.
    pub sources: Vec<crate::pipeline::SourceReport>,
}

/// A candidate concept for `content/concepts.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct ConceptSuggestion {
    /// The term, in its most frequent spelling.
    pub term: String,
    /// `acronym`, `dunder` or `phrase`.
    pub kind: crate::concepts::SuggestionKind,
    /// Occurrences in all notes.
    pub count: usize,
    /// The sources (paths under `content/`) that use it.
    pub sources: Vec<String>,
}

/// Suggestions from [`crate::concepts::suggest`] over each source's
/// questions, answers and article text, as the handbook holds them.
fn concept_suggestions(built: &crate::pipeline::Built) -> Vec<ConceptSuggestion> {
    let Some(catalog) = &built.catalog else {
        return Vec::new();
    };
    let hb = &built.linked.handbook;
    let mut texts: BTreeMap<&str, String> = BTreeMap::new();
    let mut add = |source: &'_ str, text: &str| {
        let t = texts.entry(hb_source(hb, source)).or_default();
        t.push_str(text);
        t.push_str("\n\n");
    };
    for e in &hb.entries {
        for v in &e.variants {
            add(&v.source, &v.question);
        }
        for a in &e.answers {
            add(&a.source, &a.markdown);
        }
    }
    for a in &hb.articles {
        add(&a.source, &a.markdown);
    }
    let names: Vec<&str> = texts.keys().copied().collect();
    let bodies: Vec<&str> = texts.values().map(String::as_str).collect();
    let linker = crate::concepts::Linker::new(catalog);
    crate::concepts::suggest(&linker, &bodies)
        .into_iter()
        .map(|s| ConceptSuggestion {
            term: s.term,
            kind: s.kind,
            count: s.count,
            sources: s.sources.iter().map(|&i| names[i].to_string()).collect(),
        })
        .collect()
}

/// The handbook's own copy of a source name (so the map can borrow it).
fn hb_source<'a>(hb: &'a crate::model::Handbook, name: &str) -> &'a str {
    hb.sources
        .iter()
        .find(|s| s.name == name)
        .map_or("", |s| s.name.as_str())
}

impl CheckReport {
    /// True when nothing fails the check.
    pub fn passed(&self) -> bool {
        self.broken_links.is_empty()
    }
}

/// Runs every check on a built (not written) site.
pub fn run_checks(built: &crate::pipeline::Built, base_path: &str) -> CheckReport {
    let hb = &built.linked.handbook;
    let with_article: BTreeSet<&str> = hb.articles.iter().map(|a| a.source.as_str()).collect();
    let broken = check_links(&built.site, base_path);
    CheckReport {
        broken_links: broken
            .iter()
            .filter(|b| !points_outside_the_handbook(b))
            .cloned()
            .collect(),
        outside_links: broken
            .into_iter()
            .filter(points_outside_the_handbook)
            .collect(),
        unanswered: hb
            .entries
            .iter()
            .filter(|e| !e.answered)
            .map(|e| Located {
                source: e.variants[0].source.clone(),
                line: e.variants[0].line,
                question: e.variants[0].question.clone(),
            })
            .collect(),
        empty_sources: hb
            .sources
            .iter()
            .filter(|s| s.questions == 0 && !with_article.contains(s.name.as_str()))
            .map(|s| s.name.clone())
            .collect(),
        repaired: built
            .report
            .repaired
            .iter()
            .map(|(name, r)| match &r.mojibake_codec {
                Some(c) => format!(
                    "{name}: {} sequences of UTF-8 read as {c} restored",
                    r.sequences_repaired
                ),
                None => format!("{name}: decoded as {}", r.decoded_as),
            })
            .collect(),
        warnings: built.report.warnings.clone(),
        duplicates: hb.review.clone(),
        concept_suggestions: concept_suggestions(built),
        sources: built.report.per_source.clone(),
    }
}

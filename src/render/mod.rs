//! Stage 5, **render**: the [`Handbook`] becomes a [`Site`]: every output
//! file's path and bytes, in memory.
//!
//! *Invariant*: render never reads `content/`; it sees only the handbook
//! model and the [`Theme`] (templates and static files). Writing the site
//! to disk is the [`output`](crate::output) stage's job.
//!
//! Every link between pages is relative (each template gets `root`, the
//! path back to the site root), so the same output works at `/`, under a
//! subpath such as `/repo/`, and opened from disk with `file://`.

pub mod highlight;
pub mod markdown;
pub mod print;
pub mod templates;
pub mod views;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::handbook::Handbook;
use crate::theme::Theme;
use crate::{Result, search};
use markdown::MarkdownRenderer;
use templates::Templates;
use views::{ChapterLink, EntryView, Views};

/// The rendered site: output paths (`/`-separated, relative to the output
/// directory) to file contents. A `BTreeMap`, so iteration is in path order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Site {
    /// Every file of the site.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    /// Adds or replaces one file.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// A file's contents as text, if it exists and is UTF-8.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files
            .get(path)
            .and_then(|b| std::str::from_utf8(b).ok())
    }
}

/// What [`render`] needs besides the handbook.
pub struct RenderOptions<'a> {
    /// Templates and static files.
    pub theme: &'a Theme,
    /// The published URL, for canonical links, the sitemap and the 404
    /// page's links (`None`: omit them).
    pub base_url: Option<&'a str>,
    /// Custom domain written to `CNAME` (GitHub Pages).
    pub cname: Option<&'a str>,
}

/// Values every page template receives.
#[derive(Serialize)]
struct Common<'a> {
    site_title: &'a str,
    description: Option<&'a str>,
    chapters: &'a [ChapterLink],
    articles: &'a [views::ArticleView],
    open_count: usize,
    base_url: Option<&'a str>,
    sources: &'a [crate::handbook::SourceInfo],
    /// Number of concept pages (0: no catalog, no concept links).
    concept_count: usize,
}

/// Renders the handbook to a site.
///
/// Errors: [`crate::Error::Template`] when a template fails to parse or
/// render (naming the template file and line).
pub fn render(hb: &Handbook, opts: &RenderOptions) -> Result<Site> {
    let templates = Templates::new(opts.theme)?;
    let md = MarkdownRenderer::new();
    let views = Views::new(hb, &md);
    let chapters = views.chapter_links();
    let articles = views.articles();
    let entries: Vec<EntryView> = hb.entries.iter().map(|e| views.entry(e)).collect();
    let common = Common {
        site_title: &hb.title,
        description: hb.description.as_deref(),
        chapters: &chapters,
        articles: &articles,
        open_count: entries.iter().filter(|e| !e.answered).count(),
        base_url: opts.base_url,
        sources: &hb.sources,
        concept_count: hb.concepts.len(),
    };
    let pages = Pages {
        templates: &templates,
        common: &common,
    };
    let mut site = Site::default();
    site.insert(
        "index.html",
        pages.page("index.html", "", "index.html", |_| {})?,
    );
    render_chapters(&pages, hb, &entries, &mut site)?;
    for a in &articles {
        let html = pages.page("article.html", "../", &a.url, |c| c.insert("article", a))?;
        site.insert(a.url.clone(), html);
    }
    render_concepts(&pages, hb, &views, &mut site)?;
    let open: Vec<&EntryView> = entries.iter().filter(|e| !e.answered).collect();
    let html = pages.page("open_questions.html", "", "open-questions.html", |c| {
        c.insert("open", &open)
    })?;
    site.insert("open-questions.html", html);
    let html = pages.page("duplicates.html", "", "duplicates.html", |c| {
        c.insert("review", &hb.review)
    })?;
    site.insert("duplicates.html", html);
    site.insert(
        "search.html",
        pages.page("search.html", "", "search.html", |_| {})?,
    );
    site.insert(
        "review.html",
        pages.page("review.html", "", "review.html", |_| {})?,
    );
    let (print_chapters, print_concepts) = print::chapters_and_concepts(hb, &entries);
    let html = pages.page("print.html", "", "print.html", |c| {
        c.insert("chapters", &print_chapters);
        c.insert("concepts", &print_concepts);
        c.insert(
            "stats",
            &serde_json::json!({"entries": hb.entries.len(), "sources": hb.sources.len()}),
        );
    })?;
    site.insert("print.html", print::rewrite_links(&html));
    // The 404 page is served at any depth, so its links cannot be
    // relative: with a base URL they are absolute from its path.
    let root_404 = opts.base_url.map(base_path).unwrap_or_default();
    site.insert(
        "404.html",
        pages.page("404.html", &root_404, "404.html", |_| {})?,
    );
    add_data_files(hb, &entries, opts.theme, &mut site);
    add_publishing_files(&mut site, opts);
    Ok(site)
}

fn render_chapters(
    pages: &Pages,
    hb: &Handbook,
    entries: &[EntryView],
    site: &mut Site,
) -> Result<()> {
    let by_id: BTreeMap<&str, &EntryView> = entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let links = pages.common.chapters;
    for (i, chapter) in hb.chapters.iter().enumerate() {
        let list: Vec<&EntryView> = chapter
            .entries
            .iter()
            .filter_map(|id| by_id.get(id.as_str()).copied())
            .collect();
        let link = &links[i];
        let html = pages.page("chapter.html", "../", &link.url, |c| {
            c.insert("chapter", link);
            c.insert("entries", &list);
            c.insert("prev", &i.checked_sub(1).map(|p| &links[p]));
            c.insert("next", &links.get(i + 1));
        })?;
        site.insert(link.url.clone(), html);
    }
    Ok(())
}

/// `concepts/<id>.html` for every concept and `concepts/index.html` (the
/// alphabetical index and the concept map), when the handbook has concepts.
fn render_concepts(pages: &Pages, hb: &Handbook, views: &Views, site: &mut Site) -> Result<()> {
    if hb.concepts.is_empty() {
        return Ok(());
    }
    let concepts = views.concepts();
    for c in &concepts {
        let html = pages.page("concept.html", "../", &c.tag.url, |ctx| {
            ctx.insert("concept", c)
        })?;
        site.insert(c.tag.url.clone(), html);
    }
    let mut index: Vec<&views::ConceptView> = concepts.iter().collect();
    index.sort_by_key(|c| (c.tag.name.to_lowercase(), c.tag.id.clone()));
    let html = pages.page("concepts.html", "../", "concepts/index.html", |ctx| {
        ctx.insert("concepts", &index);
        ctx.insert("map", hb.concept_map.as_deref().unwrap_or(""));
    })?;
    site.insert("concepts/index.html", html);
    Ok(())
}

struct Pages<'a> {
    templates: &'a Templates,
    common: &'a Common<'a>,
}

impl Pages<'_> {
    /// Renders `template` for a page at site path `path`, `root` being the
    /// relative path back to the site root.
    fn page(
        &self,
        template: &str,
        root: &str,
        path: &str,
        fill: impl FnOnce(&mut tera::Context),
    ) -> Result<String> {
        let mut c = tera::Context::new();
        c.insert("site", self.common);
        c.insert("root", root);
        c.insert("path", path);
        // The page's top folder (`chapters`, `concepts`, …; "" at the root).
        c.insert("section", path.split_once('/').map_or("", |(dir, _)| dir));
        if let Some(base) = self.common.base_url {
            c.insert(
                "canonical",
                &format!("{}/{}", base.trim_end_matches('/'), path),
            );
        }
        fill(&mut c);
        self.templates.render(template, &c)
    }
}

/// The path part of a base URL, with a trailing slash: `/repo/` for
/// `https://user.github.io/repo`, `/` for a domain root.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// Files for static hosts: `.nojekyll` (GitHub Pages must not run Jekyll,
/// which hides folders starting with `_`), `robots.txt`, and with a base
/// URL a `sitemap.xml` of every page's absolute URL; `CNAME` when set.
fn add_publishing_files(site: &mut Site, opts: &RenderOptions) {
    site.insert(".nojekyll", Vec::new());
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = opts.base_url {
        let base = base.trim_end_matches('/');
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for path in site
            .files
            .keys()
            .filter(|p| p.ends_with(".html") && *p != "404.html")
        {
            let loc = format!("{base}/{path}").replace('&', "&amp;");
            xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
        }
        xml.push_str("</urlset>\n");
        site.insert("sitemap.xml", xml);
        robots.push_str(&format!("Sitemap: {base}/sitemap.xml\n"));
    }
    site.insert("robots.txt", robots);
    if let Some(cname) = opts.cname {
        site.insert("CNAME", format!("{}\n", cname.trim()));
    }
}

fn add_data_files(hb: &Handbook, entries: &[EntryView], theme: &Theme, site: &mut Site) {
    let json = serde_json::to_string_pretty(hb).unwrap_or_default();
    site.insert("handbook.json", json + "\n");
    for (path, text) in search::build_files(hb, entries, &search::IndexOptions::default()) {
        site.insert(path, text);
    }
    for (path, bytes) in &theme.static_files {
        site.insert(format!("static/{path}"), bytes.clone());
    }
    let (light, dark) = highlight::stylesheets();
    site.insert("static/syntax-light.css", light);
    site.insert("static/syntax-dark.css", dark);
    site.insert("static/syntax.css", highlight::screen_stylesheet());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_of_urls() {
        assert_eq!(base_path("https://u.github.io/repo/"), "/repo/");
        assert_eq!(base_path("https://u.github.io/repo"), "/repo/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("/handbook/"), "/handbook/");
        assert_eq!(base_path("https://x.org/a/b/"), "/a/b/");
    }
}

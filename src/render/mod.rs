//! Stage 5, **render**: the [`Linked`] handbook becomes the site's files, handed
//! one by one to a [`SiteSink`] (a [`Site`] in memory, or the build's
//! staging directory).
//!
//! *Invariant*: render never reads `content/`; it sees only the linked
//! handbook (`model::Linked`) and the [`Theme`] (templates and static files). Writing the site
//! to disk is [`site::output`](crate::site::output)'s job.
//!
//! Every link between pages is relative (each template gets `root`, the
//! path back to the site root), so the same output works at `/`, under a
//! subpath such as `/repo/`, and opened from disk with `file://`.

mod book;
pub mod concept_layout;
pub mod concept_map;
pub mod data;
pub mod highlight;
pub mod markdown;
mod moved;
pub mod print;
pub mod templates;
pub mod views;

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Linked;
use crate::site::paths;
use crate::site::{Site, SiteSink, WriteFn};
use crate::theme::Theme;
use crate::{Result, search};
use markdown::MarkdownRenderer;
use templates::Templates;
use views::{ChapterLink, Views};

/// What [`render`] needs besides the handbook.
pub struct RenderOptions<'a> {
    /// Templates and static files.
    pub theme: &'a Theme,
    /// The published URL, for canonical links, the sitemap and the 404
    /// page's links (`None`: omit them).
    pub base_url: Option<&'a str>,
    /// Custom domain written to `CNAME` (GitHub Pages).
    pub cname: Option<&'a str>,
    /// The output holds the printed handbook (`handbook.pdf`): every
    /// page's sidebar links it.
    pub pdf: bool,
    /// Code blocks highlighted ahead of time (see
    /// [`markdown::HighlightCache`]); `None` highlights while rendering.
    pub highlighted: Option<&'a markdown::HighlightCache>,
}

/// Values every page template receives.
#[derive(Serialize)]
struct Common<'a> {
    site_title: &'a str,
    description: Option<&'a str>,
    /// `<html lang>`.
    language: &'a str,
    chapters: &'a [ChapterLink],
    articles: &'a [views::ArticleView],
    open_count: usize,
    base_url: Option<&'a str>,
    sources: &'a [crate::model::SourceInfo],
    /// Number of concept pages (0: no catalog, no concept links).
    concept_count: usize,
    /// Whether entry URLs moved, so pages load `moved.js`.
    moved: bool,
    /// The sidebar links `handbook.pdf`.
    pdf: bool,
    /// The pages' icon: its path in the site and media type.
    favicon: String,
    favicon_type: &'static str,
}

/// A sink and the paths given to it so far (for the sitemap).
struct Out<'a> {
    sink: &'a mut dyn SiteSink,
    paths: Vec<String>,
}

impl Out<'_> {
    fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Result<()> {
        let path = path.into();
        self.paths.push(path.clone());
        self.sink.put(path, bytes.into())
    }

    fn append(&mut self, path: &str, bytes: &[u8]) -> Result<()> {
        if !self.paths.iter().rev().any(|p| p == path) {
            self.paths.push(path.to_string());
        }
        self.sink.append(path, bytes)
    }

    fn insert_with(&mut self, path: &str, write: &mut WriteFn) -> Result<()> {
        self.paths.push(path.to_string());
        self.sink.put_with(path.to_string(), write)
    }
}

/// An I/O error from writing a streamed file, for [`SiteSink::put_with`]
/// writers (the sink replaces it with one naming the real path).
fn write_error(path: &str, e: std::io::Error) -> crate::Error {
    crate::Error::io(std::path::Path::new(path), e)
}

/// Renders the handbook to a site in memory; see [`render_into`].
///
/// Errors: those of [`render_into`].
pub fn render(hb: &Linked, opts: &RenderOptions) -> Result<Site> {
    let mut site = Site::default();
    render_into(hb, opts, &mut site)?;
    Ok(site)
}

/// Renders only `index.html` and the pages of the chapters `chapter_ids`:
/// the quick preview of an edit (see [`crate::handbook::patch`]).
///
/// Errors: [`crate::Error::Template`] naming the template file and line.
pub fn render_pages(hb: &Linked, opts: &RenderOptions, chapter_ids: &[String]) -> Result<Site> {
    let mut site = Site::default();
    with_pages(hb, opts, &mut site, |pages, views, out| {
        out.insert(
            "index.html",
            pages.page("index.html", "", "index.html", |_| {})?,
        )?;
        book::render_pages(pages, hb, views, chapter_ids, out)
    })?;
    Ok(site)
}

/// Renders the handbook, handing every output file to `sink` as soon as it
/// is ready.
///
/// Errors: [`crate::Error::Template`] when a template fails to parse or
/// render (naming the template file and line); the sink's errors.
pub fn render_into(hb: &Linked, opts: &RenderOptions, sink: &mut dyn SiteSink) -> Result<()> {
    with_pages(hb, opts, sink, |pages, views, out| {
        // The concept map's layout runs on a thread of its own while the
        // chapters render (it is one sequential computation).
        let map = std::thread::scope(|scope| -> Result<_> {
            let map = scope.spawn(|| {
                hb.map
                    .as_ref()
                    .map(|g| concept_map::concept_map_svg(g, ""))
                    .unwrap_or_default()
            });
            out.insert(
                "index.html",
                pages.page("index.html", "", "index.html", |_| {})?,
            )?;
            // Markdown and highlighting dominate a build: entries render in
            // parallel, a batch of chapters at a time (rayon keeps the output
            // in input order, so the site is the same bytes with any number
            // of threads).
            let open = book::render(pages, hb, views, out)?;
            for a in pages.common.articles {
                let html = pages.page("article.html", "../", &a.url, |c| c.insert("article", a))?;
                out.insert(a.url.clone(), html)?;
            }
            let map = map
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok((map, open))
        });
        let (map, open) = map?;
        render_concepts(pages, hb, views, out, &map)?;
        let html = pages.page("open_questions.html", "", "open-questions.html", |c| {
            c.insert("open", &open)
        })?;
        out.insert("open-questions.html", html)?;
        // The review grows with the handbook (150 MB at 100 000
        // questions): it is streamed to its file, never held whole.
        pages.page_into(out, "duplicates.html", "", "duplicates.html", |c| {
            c.insert("review", &views.review())
        })?;
        for page in ["search.html", "review.html"] {
            out.insert(page, pages.page(page, "", page, |_| {})?)?;
        }
        // The 404 page is served at any depth, so its links cannot be
        // relative: with a base URL they are absolute from its path.
        let root_404 = opts.base_url.map(base_path).unwrap_or_default();
        out.insert(
            "404.html",
            pages.page("404.html", &root_404, "404.html", |_| {})?,
        )?;
        add_data_files(hb, opts.theme, out)?;
        // Redirect stubs stay out of the sitemap, as Hugo's alias pages do.
        for (path, bytes) in moved::files(&hb.handbook) {
            out.sink.put(path, bytes)?;
        }
        add_publishing_files(out, opts)
    })
}

/// Sets up what every page shares (templates, views, the navigation as a
/// template value) and runs `render` with it and an [`Out`] on `sink`.
fn with_pages(
    linked: &Linked,
    opts: &RenderOptions,
    sink: &mut dyn SiteSink,
    render: impl FnOnce(&Pages, &Views, &mut Out) -> Result<()>,
) -> Result<()> {
    let templates = Templates::new(opts.theme)?;
    let md = match opts.highlighted {
        Some(cache) => MarkdownRenderer::with_cache(cache),
        None => MarkdownRenderer::new(),
    };
    let views = Views::new(linked, &md);
    let hb = &linked.handbook;
    let chapters = views.chapter_links();
    let articles = views.articles();
    let (favicon, favicon_type) = opts.theme.favicon();
    let common = Common {
        site_title: &hb.title,
        description: hb.description.as_deref(),
        language: &hb.language,
        chapters: &chapters,
        articles: &articles,
        open_count: hb.entries.iter().filter(|e| !e.answered).count(),
        base_url: opts.base_url,
        sources: &hb.sources,
        concept_count: linked.concepts.len(),
        moved: !hb.moved.is_empty(),
        pdf: opts.pdf,
        favicon,
        favicon_type,
    };
    let pages = Pages {
        templates: &templates,
        common: &common,
        site: tera::Value::from_serializable(&common),
    };
    let mut out = Out {
        sink,
        paths: Vec::new(),
    };
    render(&pages, &views, &mut out)
}

/// Concept pages rendered at once (see [`render_concepts`]).
const CONCEPT_BATCH: usize = 64;

/// `concepts/<id>.html` for every concept and `concepts/index.html` (the
/// alphabetical index and the concept map `map`, an SVG), when the
/// handbook has concepts.
fn render_concepts(
    pages: &Pages,
    hb: &Linked,
    views: &Views,
    out: &mut Out,
    map: &str,
) -> Result<()> {
    if hb.concepts.is_empty() {
        return Ok(());
    }
    let concepts = views.concepts();
    // Pages render in parallel, a bounded batch at a time, and are
    // written in catalog order.
    for batch in concepts.chunks(CONCEPT_BATCH) {
        let rendered: Vec<Result<String>> = batch
            .par_iter()
            .map(|c| {
                pages.page("concept.html", "../", &c.tag.url, |ctx| {
                    ctx.insert("concept", c)
                })
            })
            .collect();
        for (c, html) in batch.iter().zip(rendered) {
            out.insert(c.tag.url.clone(), html?)?;
        }
    }
    let mut index: Vec<&views::ConceptView> = concepts.iter().collect();
    index.sort_by_key(|c| (c.tag.name.to_lowercase(), c.tag.id.clone()));
    // What the map's solid lines are: the catalog's relations, the pairs
    // a question compares (discovery's explicit relations), or both.
    let listed = concepts.iter().any(|c| !c.discovered);
    let compared = concepts.iter().any(|c| c.discovered);
    let html = pages.page("concepts.html", "../", paths::CONCEPT_INDEX, |ctx| {
        ctx.insert("concepts", &index);
        ctx.insert("map", map);
        ctx.insert("listed", &listed);
        ctx.insert("compared", &compared);
    })?;
    out.insert(paths::CONCEPT_INDEX, html)?;
    Ok(())
}

struct Pages<'a> {
    templates: &'a Templates,
    common: &'a Common<'a>,
    /// `common` converted to a template value once: every page shares it
    /// (cloning a value only bumps reference counts), so the navigation is
    /// not serialised again for each of thousands of pages.
    site: tera::Value,
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
        self.templates
            .render(template, &self.context(root, path, fill))
    }

    /// [`Pages::page`] rendered straight into `out` at `path`, through the
    /// sink's writer ([`SiteSink::put_with`]): for a page whose size grows
    /// with the handbook, which is then never held whole in memory.
    ///
    /// Errors: those of [`Pages::page`]; a failed write, as the sink
    /// reports it.
    fn page_into(
        &self,
        out: &mut Out,
        template: &str,
        root: &str,
        path: &str,
        fill: impl FnOnce(&mut tera::Context),
    ) -> Result<()> {
        let context = self.context(root, path, fill);
        out.insert_with(path, &mut |w| {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
            self.templates.render_to(template, &context, &mut w)?;
            w.flush().map_err(|e| write_error(path, e))
        })
    }

    /// The context of a page at `path` (see [`Pages::page`]).
    fn context(
        &self,
        root: &str,
        path: &str,
        fill: impl FnOnce(&mut tera::Context),
    ) -> tera::Context {
        let mut c = tera::Context::new();
        c.insert_value("site", self.site.clone());
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
        c
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
fn add_publishing_files(out: &mut Out, opts: &RenderOptions) -> Result<()> {
    out.insert(".nojekyll", Vec::new())?;
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = opts.base_url {
        let base = base.trim_end_matches('/');
        let mut pages: Vec<&String> = out
            .paths
            .iter()
            .filter(|p| p.ends_with(".html") && *p != "404.html")
            .collect();
        pages.sort();
        pages.dedup();
        let xml = sitemap(base, &pages).map_err(|e| write_error("sitemap.xml", e))?;
        out.insert("sitemap.xml", xml)?;
        robots.push_str(&format!("Sitemap: {base}/sitemap.xml\n"));
    }
    out.insert("robots.txt", robots)?;
    if let Some(cname) = opts.cname {
        out.insert("CNAME", format!("{}\n", cname.trim()))?;
    }
    Ok(())
}

/// The `sitemap.xml` (sitemaps.org protocol 0.9) listing `base/path` for
/// each of `pages`, written with quick-xml so every URL is escaped: one
/// `<url><loc>…</loc></url>` per line, indented by two spaces.
fn sitemap(base: &str, pages: &[&String]) -> std::io::Result<Vec<u8>> {
    use quick_xml::Writer;
    use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Text(BytesText::new("\n")))?;
    w.write_event(Event::Start(BytesStart::new("urlset").with_attributes([(
        "xmlns",
        "http://www.sitemaps.org/schemas/sitemap/0.9",
    )])))?;
    w.write_event(Event::Text(BytesText::new("\n")))?;
    for path in pages {
        let loc = format!("{base}/{path}");
        w.write_event(Event::Text(BytesText::new("  ")))?;
        w.create_element("url").write_inner_content(|w| {
            w.create_element("loc")
                .write_text_content(BytesText::new(&loc))?;
            Ok(())
        })?;
        w.write_event(Event::Text(BytesText::new("\n")))?;
    }
    w.write_event(Event::End(BytesEnd::new("urlset")))?;
    w.write_event(Event::Text(BytesText::new("\n")))?;
    Ok(w.into_inner())
}

fn add_data_files(hb: &Linked, theme: &Theme, out: &mut Out) -> Result<()> {
    // The search index (parallel inside) is built on a thread of its own
    // while this one streams `handbook.json`, one sequential
    // serialisation; its files are written after it, as before. Both come
    // after the review page, whose memory is freed by then.
    let search = std::thread::scope(|scope| -> Result<_> {
        let search = scope.spawn(|| search::build_files(hb, &search::IndexOptions::default()));
        out.insert_with("handbook.json", &mut |w| {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
            serde_json::to_writer_pretty(&mut w, &data::HandbookFile::of(hb))
                .map_err(std::io::Error::from)
                .and_then(|()| w.write_all(b"\n"))
                .and_then(|()| w.flush())
                .map_err(|e| write_error("handbook.json", e))
        })?;
        Ok(search
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })?;
    for (path, text) in search {
        out.insert(path, text)?;
    }
    for (path, bytes) in &theme.static_files {
        out.insert(format!("static/{path}"), bytes.clone())?;
    }
    out.insert("static/syntax.css", highlight::screen_stylesheet())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_lists_escaped_urls() {
        let (a, b) = ("a.html".to_string(), "q&a/<x>.html".to_string());
        let xml = sitemap("https://example.org/hb", &[&a, &b]).unwrap();
        assert_eq!(
            String::from_utf8(xml).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  \
             <url><loc>https://example.org/hb/a.html</loc></url>\n  \
             <url><loc>https://example.org/hb/q&amp;a/&lt;x&gt;.html</loc></url>\n\
             </urlset>\n"
        );
    }

    #[test]
    fn base_path_of_urls() {
        assert_eq!(base_path("https://u.github.io/repo/"), "/repo/");
        assert_eq!(base_path("https://u.github.io/repo"), "/repo/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("/handbook/"), "/handbook/");
        assert_eq!(base_path("https://x.org/a/b/"), "/a/b/");
    }
}

//! The reader experience checked on the built HTML, without a browser:
//! the CSS+JS budget of every page (issue #9: at most 60 KB uncompressed,
//! the search index excepted), no third-party fonts or CDNs, the theme set
//! by a blocking script before the first stylesheet (no flash of the wrong
//! theme), landmarks and
//! headings, pages complete without scripts, and the print handbook free
//! of the reader script.

mod common;

use docgen::site::Site;

/// The budget for the CSS and JavaScript one page loads.
const BUDGET: usize = 60_000;

/// The text of every `<tag …>` opening tag in `html` (`tag` = `link`, …).
fn tags<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    html.split(&format!("<{tag}"))
        .skip(1)
        .filter(|t| t.starts_with([' ', '>']))
        .map(|t| &t[..t.find('>').unwrap_or(t.len())])
        .collect()
}

/// The value of attribute `name` in an opening tag's text.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// The bodies of inline `<script>` elements.
fn inline_scripts(html: &str) -> Vec<&str> {
    html.split("<script>")
        .skip(1)
        .map(|t| &t[..t.find("</script>").unwrap_or(t.len())])
        .collect()
}

/// Bytes of CSS and JavaScript `page` loads (stylesheets, scripts, inline
/// scripts and styles), with the files counted.
fn page_weight(site: &Site, page: &str, html: &str) -> (usize, Vec<String>) {
    let mut files: Vec<&str> = tags(html, "link")
        .into_iter()
        .filter(|t| attr(t, "rel") == Some("stylesheet"))
        .filter_map(|t| attr(t, "href"))
        .collect();
    files.extend(
        tags(html, "script")
            .into_iter()
            .filter_map(|t| attr(t, "src")),
    );
    let mut total: usize = inline_scripts(html).iter().map(|s| s.len()).sum();
    total += html
        .split("<style")
        .skip(1)
        .map(|t| t.find("</style>").unwrap_or(0))
        .sum::<usize>();
    let mut named = Vec::new();
    for href in files {
        assert!(
            !href.contains("//"),
            "{page} loads {href} from another site"
        );
        let path = docgen::check::resolve(page, href, "/")
            .unwrap_or_else(|| panic!("{page}: {href} is outside the site"));
        let bytes = site
            .files
            .get(&path)
            .unwrap_or_else(|| panic!("{page}: {href} ({path}) is not in the site"));
        total += bytes.len();
        named.push(format!("{path} {}", bytes.len()));
    }
    (total, named)
}

#[test]
fn every_page_loads_at_most_60_kb_of_css_and_js() {
    let built = common::build_seeds();
    let mut heaviest = (0, String::new(), Vec::new());
    for (path, bytes) in &built.site.files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        let (total, files) = page_weight(&built.site, path, html);
        assert!(
            total <= BUDGET,
            "{path} loads {total} bytes of CSS+JS (budget {BUDGET}): {files:?}"
        );
        if total > heaviest.0 {
            heaviest = (total, path.clone(), files);
        }
    }
    eprintln!(
        "heaviest page: {} with {} bytes of CSS+JS: {:?}",
        heaviest.1, heaviest.0, heaviest.2
    );
    assert!(heaviest.0 > 0);
}

#[test]
fn no_web_fonts_or_remote_imports() {
    let built = common::build_seeds();
    for (path, bytes) in &built.site.files {
        if path.ends_with(".css") {
            let css = std::str::from_utf8(bytes).unwrap();
            for banned in ["@font-face", "@import", "url(http", "url(//"] {
                assert!(!css.contains(banned), "{path} has {banned}");
            }
        }
    }
}

#[test]
fn theme_is_applied_before_the_first_stylesheet() {
    let built = common::build_seeds();
    for page in ["index.html", "search.html", "review.html", "404.html"] {
        let html = built.site.text(page).unwrap();
        // A blocking script (no defer, no async) ahead of every stylesheet.
        let script = html.find("<script src=\"static/prefs.js\"></script>");
        let style = html.find("rel=\"stylesheet\"").unwrap();
        assert!(script.is_some_and(|s| s < style), "{page}");
        assert!(html.contains("static/syntax.css"), "{page}");
    }
    let prefs = built.site.text("static/prefs.js").unwrap();
    for key in ["docgen-theme", "data-theme", "docgen-study", "data-study"] {
        assert!(prefs.contains(key), "prefs.js: {key}");
    }
}

#[test]
fn pages_have_landmarks_one_h1_and_read_in_full_without_scripts() {
    let built = common::build_seeds();
    for (path, bytes) in &built.site.files {
        if !path.ends_with(".html") || path == "print.html" {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        for part in [
            "<a class=\"skip\" href=\"#main\">",
            "<header",
            "<nav class=\"sidebar\" aria-label=",
            "<main id=\"main\"",
            "<footer",
            "<html lang=\"en\"",
        ] {
            assert!(html.contains(part), "{path} lacks {part}");
        }
        assert_eq!(html.matches("<h1").count(), 1, "{path}");
        // Study controls and copy buttons come from the script only.
        assert!(!html.contains("class=\"study\""), "{path}");
        assert!(!html.contains("class=\"copy\""), "{path}");
    }
    for chapter in &built.linked.handbook.chapters {
        let page = format!("chapters/{}.html", chapter.id);
        let html = built.site.text(&page).unwrap();
        for id in &chapter.entries {
            let entry = built
                .linked
                .handbook
                .entries
                .iter()
                .find(|e| &e.id == id)
                .unwrap();
            if entry.answered {
                let hook = format!("<div class=\"answers\" id=\"answers-{id}\">");
                assert!(html.contains(&hook), "{page}: {hook}");
            }
        }
        assert!(html.contains("aria-current=\"page\""), "{page}");
        assert!(
            html.contains("<ol class=\"sub\">"),
            "{page}: current chapter open"
        );
    }
}

#[test]
fn review_page_lists_every_entry_by_slug_and_print_has_no_reader() {
    let built = common::build_seeds();
    let review = built.site.text("review.html").unwrap();
    for e in &built.linked.handbook.entries {
        assert!(
            review.contains(&format!("data-entry=\"{}\"", e.id)),
            "{}",
            e.id
        );
    }
    let print = built.site.text("print.html").unwrap();
    assert!(!print.contains("reader.js"));
    assert!(!print.contains("<script"));
}

/// Unanswered questions are marked in words ("no answer yet") on the
/// contents page, not by colour alone: one marker per open entry.
#[test]
fn unanswered_entries_say_so_in_words() {
    let built = common::build_seeds();
    let html = String::from_utf8(built.site.files["index.html"].clone()).unwrap();
    let open = built
        .linked
        .handbook
        .entries
        .iter()
        .filter(|e| !e.answered)
        .count();
    assert!(open > 0, "the seeds have unanswered questions");
    assert_eq!(html.matches("<li class=\"open\">").count(), open);
    assert_eq!(
        html.matches("<span class=\"no-answer\">no answer yet</span>")
            .count(),
        open
    );
}

/// Every page names its favicon (a file the site ships, which a project's
/// own `static/favicon.svg` replaces) and, with a description in
/// `docgen.yaml`, carries it as `<meta name="description">`.
#[test]
fn pages_carry_a_favicon_and_the_description() {
    let built = common::build_seeds();
    assert!(built.site.files.contains_key("static/favicon.svg"));
    let description = built
        .linked
        .handbook
        .description
        .clone()
        .expect("docgen.yaml has one");
    for (path, bytes) in &built.site.files {
        if !path.ends_with(".html") || path == "print.html" {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        assert!(
            html.contains("static/favicon.svg\" type=\"image/svg+xml\""),
            "{path}"
        );
        assert!(
            html.contains(&format!(
                "<meta name=\"description\" content=\"{description}\">"
            )),
            "{path}"
        );
    }
}

/// The duplicates review is a tool for the author: linked from the
/// footer, not the reader's sidebar, with breadcrumbs back.
#[test]
fn duplicates_review_sits_under_the_authors_tools() {
    let built = common::build_seeds();
    let page = |p: &str| String::from_utf8(built.site.files[p].clone()).unwrap();
    let index = page("index.html");
    let sidebar = index.split("<footer").next().unwrap();
    assert!(!sidebar.contains("duplicates.html"), "not in the sidebar");
    let footer = index.split("<footer").nth(1).unwrap();
    assert!(footer.contains("Tools for the author") && footer.contains("duplicates.html"));
    assert!(page("duplicates.html").contains("class=\"breadcrumbs\""));
}

/// The printed concept index is alphabetical, and each concept's entry
/// numbers run in book order.
#[test]
fn the_print_concept_index_is_alphabetical_in_book_order() {
    let built = common::build_seeds();
    let print = built.site.text("print.html").unwrap();
    let index = &print[print.find("id=\"concept-index\"").unwrap()..];
    let names: Vec<String> = index
        .split("<dt id=\"concept-")
        .skip(1)
        .map(|s| {
            let name = &s[s.find('>').unwrap() + 1..s.find("</dt>").unwrap()];
            name.to_lowercase()
        })
        .collect();
    assert!(names.len() > 20, "{} concepts", names.len());
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    // Entry numbers "c.e" under each concept are increasing.
    for block in index
        .split("<dt ")
        .skip(1)
        .take_while(|b| !b.contains("</section>"))
    {
        let numbers: Vec<(usize, usize)> = block
            .split("href=\"#")
            .skip(1)
            .filter_map(|s| {
                let text = &s[s.find('>')? + 1..s.find("</a>")?];
                let (c, e) = text.trim().split_once('.')?;
                Some((c.parse().ok()?, e.parse().ok()?))
            })
            .collect();
        let mut in_order = numbers.clone();
        in_order.sort();
        assert_eq!(numbers, in_order, "{block}");
    }
}

#[test]
fn duplicates_review_shows_rendered_titles_not_slugs_or_backticks() {
    let built = common::build_seeds();
    let html = std::str::from_utf8(&built.site.files["duplicates.html"]).unwrap();
    let main = &html[html.find("<main").unwrap()..];
    assert!(!main.contains('`'), "raw backticks on the review page");
    assert!(main.contains("<code>"), "code spans rendered");
    let hb = &built.linked.handbook;
    let merged = &hb.review.merged[0];
    let entry = hb.entries.iter().find(|e| e.id == merged.entry).unwrap();
    let link = format!(">{}</a>", entry.id);
    assert!(!main.contains(&link), "a merged entry is named by its slug");
    assert!(main.contains("class=\"breadcrumbs\""));
}

/// `favicon:` in `docgen.yaml` picks the pages' icon from the project's
/// `static/` folder, with its media type; a missing file or a path outside
/// `static/` is an error naming the key.
#[test]
fn the_favicon_comes_from_the_config() {
    let note: &[u8] = b"# Notes\n\n1. What is a favicon?\n\n   The page's icon.\n";
    let dir = common::project(&[
        ("content/a.md", note),
        ("static/brand/logo.png", b"\x89PNG\r\n\x1a\n"),
        (
            "docgen.yaml",
            b"title: Icons\nfavicon: static/brand/logo.png\n",
        ),
    ]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "{err}");
    let public = dir.path().join("public");
    assert!(public.join("static/brand/logo.png").is_file());
    for page in ["index.html", "open-questions.html"] {
        let html = std::fs::read_to_string(public.join(page)).unwrap();
        assert!(
            html.contains("<link rel=\"icon\" href=\"static/brand/logo.png\" type=\"image/png\">"),
            "{page}"
        );
    }
    for (config, says) in [
        ("favicon: static/missing.png\n", "no such file"),
        ("favicon: ../secret.png\n", "not under static/"),
        (
            "favicon: static/notes.txt\n",
            "not an SVG, PNG, ICO or WebP",
        ),
    ] {
        let dir = common::project(&[("content/a.md", note), ("docgen.yaml", config.as_bytes())]);
        let (ok, err) = common::docgen(dir.path(), &["build"]);
        assert!(!ok, "{config} was accepted");
        assert!(
            err.contains("favicon") && err.contains(says),
            "{config}: {err}"
        );
    }
}

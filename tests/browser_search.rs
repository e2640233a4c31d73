//! The built site's search, in a real headless Chromium: the results page
//! (`search.html?q=…`) runs the same search code as the search box.
//! Skipped when no browser is installed, unless DOCGEN_REQUIRE_BROWSER=1.

mod common;

use serde_json::Value;

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

/// The `href`s of the results listed on the results page, in order.
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
        .map(str::to_string)
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

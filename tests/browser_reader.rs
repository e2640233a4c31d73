//! The reader experience in headless Chromium (issue #9): the theme toggle
//! persists across pages (from `file://` and over HTTP) and the syntax
//! colours follow it; study mode
//! hides and reveals answers, marks entries, counts them per chapter after
//! a reload, lists entries to review, exports and imports progress; `j`/`k`
//! move the focus between questions, `n`/`p` between chapters, `?` shows
//! the shortcuts; the copy button, reached with the keyboard, copies the
//! code's exact text; no page scrolls sideways at 360 px or 1440 px; with
//! scripts off pages read in full; printing shows every answer; and
//! screenshots at 360 and 1440 px, light and dark. Skipped when no browser
//! is installed, unless DOCGEN_REQUIRE_BROWSER=1. No timings are asserted.

mod common;

use std::path::{Path, PathBuf};

use common::cdp::Browser;
use serde_json::{Value, json};

/// The bundled notes built into a temporary `public/`.
struct Site {
    _dir: tempfile::TempDir,
    public: PathBuf,
    handbook: Value,
}

impl Site {
    fn build() -> Site {
        let (dir, public) = common::build_seeds_to_disk();
        let text = std::fs::read_to_string(public.join("handbook.json")).unwrap();
        let handbook = serde_json::from_str(&text).unwrap();
        Site {
            _dir: dir,
            public,
            handbook,
        }
    }

    /// The `file://` URL of the site path `path`.
    fn url(&self, path: &str) -> String {
        format!("file://{}/{path}", self.public.display())
    }

    /// The chapter ids in reading order and each chapter's entry ids.
    fn chapters(&self) -> Vec<(String, Vec<String>)> {
        self.handbook["chapters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let ids = c["entries"].as_array().unwrap();
                (
                    c["id"].as_str().unwrap().to_string(),
                    ids.iter()
                        .map(|i| i.as_str().unwrap().to_string())
                        .collect(),
                )
            })
            .collect()
    }

    /// The entry with id `id`.
    fn entry(&self, id: &str) -> &Value {
        self.handbook["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap()
    }
}

/// Sends one key press: `text` makes it a character key (keypress too).
fn key(b: &mut Browser, key: &str, vk: u32, text: Option<&str>) {
    let mut down = json!({"type": "keyDown", "key": key, "code": key, "windowsVirtualKeyCode": vk});
    if let Some(t) = text {
        down["text"] = json!(t);
    }
    b.call("Input.dispatchKeyEvent", down);
    b.call(
        "Input.dispatchKeyEvent",
        json!({"type": "keyUp", "key": key, "code": key, "windowsVirtualKeyCode": vk}),
    );
}

fn char_key(b: &mut Browser, ch: &str) {
    key(b, ch, 0, Some(ch));
}

/// Emulates the system colour scheme (`light` or `dark`).
fn scheme(b: &mut Browser, value: &str) {
    b.call(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": value}]}),
    );
}

/// Navigates (reloading when `url` is the current page) and waits until
/// the new page's reader.js has run.
fn open(b: &mut Browser, url: &str) {
    b.eval("window.__left = true");
    b.goto(url);
    b.wait_for(
        "!window.__left && document.readyState === 'complete' && \
         document.documentElement.hasAttribute('data-reader')",
        20,
    );
}

fn text(b: &mut Browser, expr: &str) -> String {
    b.eval(expr).as_str().unwrap_or_default().to_string()
}

const BG: &str = "getComputedStyle(document.body).backgroundColor";

fn toggle_theme(b: &mut Browser) {
    b.eval("document.getElementById('theme-toggle').click()");
}

const KEYWORD: &str =
    "getComputedStyle(document.querySelector('main .hl-keyword, main .hl-storage')).color";

#[test]
fn theme_toggle_persists_across_pages_and_colours_the_code() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = Site::build();
    let (_, code_page, _) = entry_with_code(&site);
    let code_page = site.url(code_page.split('#').next().unwrap());
    let mut b = Browser::launch(&browser, 1200, 900);
    scheme(&mut b, "light");
    open(&mut b, &site.url("index.html"));
    assert_eq!(text(&mut b, BG), "rgb(253, 253, 252)");
    assert_eq!(
        b.eval("document.getElementById('theme-toggle').getAttribute('aria-pressed')"),
        json!("false")
    );
    toggle_theme(&mut b);
    assert_eq!(
        b.eval("document.documentElement.getAttribute('data-theme')"),
        json!("dark")
    );
    assert_eq!(text(&mut b, BG), "rgb(21, 24, 28)");
    assert_eq!(
        b.eval("localStorage.getItem('docgen-theme')"),
        json!("dark")
    );
    // Another page opens dark, code included; the system still says light.
    open(&mut b, &code_page);
    assert_eq!(text(&mut b, BG), "rgb(21, 24, 28)");
    assert_eq!(text(&mut b, KEYWORD), "rgb(255, 138, 148)");
    assert_eq!(
        b.eval("document.getElementById('theme-toggle').getAttribute('aria-pressed')"),
        json!("true")
    );
    // Back to light: the system's choice, so the page follows it again.
    toggle_theme(&mut b);
    assert_eq!(b.eval("localStorage.getItem('docgen-theme')"), Value::Null);
    assert_eq!(text(&mut b, KEYWORD), "rgb(185, 38, 74)");
    open(&mut b, &site.url("index.html"));
    assert_eq!(text(&mut b, BG), "rgb(253, 253, 252)");
    // With no choice stored, a dark system gives the dark theme...
    scheme(&mut b, "dark");
    open(&mut b, &code_page);
    assert_eq!(text(&mut b, BG), "rgb(21, 24, 28)");
    assert_eq!(text(&mut b, KEYWORD), "rgb(255, 138, 148)");
    // ... and a stored light choice wins over it.
    toggle_theme(&mut b);
    open(&mut b, &site.url("index.html"));
    assert_eq!(text(&mut b, BG), "rgb(253, 253, 252)");
}

/// The same over HTTP (`docgen serve` on the bundled notes), as on GitHub
/// Pages: the choice made on one page holds on the next.
#[test]
fn theme_choice_persists_over_http() {
    let Some(browser) = common::browser() else {
        return;
    };
    let served = common::Served::start(&common::repo());
    let base = served.url.trim_end_matches('/').to_string();
    let mut b = Browser::launch(&browser, 1200, 900);
    scheme(&mut b, "light");
    open(&mut b, &format!("{base}/index.html"));
    toggle_theme(&mut b);
    open(&mut b, &format!("{base}/review.html"));
    assert_eq!(text(&mut b, BG), "rgb(21, 24, 28)");
    assert_eq!(
        b.eval("document.documentElement.getAttribute('data-theme')"),
        json!("dark")
    );
}

/// Whether the answers of entry `id` are displayed.
fn answers_shown(b: &mut Browser, id: &str) -> bool {
    b.eval(&format!(
        "getComputedStyle(document.getElementById({}).querySelector('.answers')).display !== 'none'",
        json!(id)
    )) == json!(true)
}

/// Clicks the study button `class` (`reveal`, `known`, `again`) of entry `id`.
fn study_click(b: &mut Browser, id: &str, class: &str) {
    b.eval(&format!(
        "document.getElementById({}).querySelector('.study .{class}').click()",
        json!(id)
    ));
}

fn pressed(b: &mut Browser, id: &str, class: &str) -> Value {
    b.eval(&format!(
        "document.getElementById({}).querySelector('.study .{class}').getAttribute('aria-pressed')",
        json!(id)
    ))
}

#[test]
fn study_mode_hides_reveals_marks_and_counts_after_a_reload() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = Site::build();
    let (chapter, ids) = site
        .chapters()
        .into_iter()
        .find(|(_, ids)| ids.len() >= 3)
        .unwrap();
    let answered: Vec<String> = ids
        .iter()
        .filter(|id| site.entry(id)["answered"] == json!(true))
        .cloned()
        .collect();
    let (first, second) = (&answered[0], &answered[1]);
    let page = site.url(&format!("chapters/{chapter}.html"));
    let mut b = Browser::launch(&browser, 1200, 900);
    open(&mut b, &page);
    // Off by default: answers shown, no study controls.
    assert!(answers_shown(&mut b, first));
    assert_eq!(
        b.eval("getComputedStyle(document.querySelector('.study')).display"),
        json!("none")
    );
    b.eval("document.getElementById('study-toggle').click()");
    assert_eq!(
        b.eval("document.getElementById('study-toggle').getAttribute('aria-pressed')"),
        json!("true")
    );
    assert!(
        !answers_shown(&mut b, first),
        "answers hidden in study mode"
    );
    study_click(&mut b, first, "reveal");
    assert!(answers_shown(&mut b, first), "Show answer reveals it");
    assert!(!answers_shown(&mut b, second), "only that one");
    assert_eq!(
        b.eval(&format!(
            "document.getElementById({}).querySelector('.reveal').getAttribute('aria-expanded')",
            json!(first)
        )),
        json!("true")
    );
    study_click(&mut b, first, "known");
    study_click(&mut b, second, "again");
    assert_eq!(pressed(&mut b, first, "known"), json!("true"));
    let stored = text(
        &mut b,
        "localStorage.getItem('docgen-progress:' + document.body.dataset.site)",
    );
    let stored: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(
        stored,
        json!({first.as_str(): "known", second.as_str(): "review"})
    );
    // After a reload: still studying, answers hidden again, marks kept.
    open(&mut b, &page);
    assert!(!answers_shown(&mut b, first));
    assert_eq!(pressed(&mut b, first, "known"), json!("true"));
    assert_eq!(pressed(&mut b, second, "again"), json!("true"));
    let n = ids.len();
    let meta = text(
        &mut b,
        "document.querySelector('.chapter-meta .progress').textContent",
    );
    assert_eq!(meta, format!("1/{n} known, 1 to review"));
    // The table of contents counts it.
    open(&mut b, &site.url("index.html"));
    let toc = text(
        &mut b,
        &format!(
            "document.querySelector('.toc > li[data-chapter={}] > .progress').textContent",
            json!(chapter)
        ),
    );
    assert_eq!(toc, format!("1/{n} known, 1 to review"));
    // The review page lists the entry marked for review, and only it.
    open(&mut b, &site.url("review.html"));
    let listed = b.eval(
        "Array.from(document.querySelectorAll('.review-chapter li[data-entry]:not([hidden])')).map(li => li.dataset.entry)",
    );
    assert_eq!(listed, json!([second]));
    let summary = text(
        &mut b,
        "document.getElementById('progress-summary').textContent",
    );
    assert!(summary.starts_with("1 known and 1 to review"), "{summary}");
    export_clear_import(
        &mut b,
        &json!({first.as_str(): "known", second.as_str(): "review"}),
    );
}

/// On the review page: exports the progress (reading the downloaded
/// file), clears it, imports the file back.
fn export_clear_import(b: &mut Browser, expect: &Value) {
    b.eval(
        "window.__saved = null; HTMLAnchorElement.prototype.click = function () { \
         fetch(this.href).then(r => r.text()).then(t => { window.__saved = t; }); }; true",
    );
    b.eval("document.getElementById('progress-export').click()");
    b.wait_for("window.__saved", 10);
    let saved: Value = serde_json::from_str(&text(b, "window.__saved")).unwrap();
    assert_eq!(saved["docgen"], "progress");
    assert_eq!(&saved["marks"], expect);
    b.eval("window.confirm = () => true; document.getElementById('progress-clear').click()");
    assert_eq!(
        b.eval("localStorage.getItem('docgen-progress:' + document.body.dataset.site)"),
        Value::Null
    );
    assert_eq!(
        b.eval("document.getElementById('review-empty').hidden"),
        json!(false)
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("progress.json");
    std::fs::write(&file, serde_json::to_string(&saved).unwrap()).unwrap();
    let doc = b.call("DOM.getDocument", json!({}));
    let node = b.call(
        "DOM.querySelector",
        json!({"nodeId": doc["root"]["nodeId"], "selector": "#progress-import"}),
    );
    b.call(
        "DOM.setFileInputFiles",
        json!({"nodeId": node["nodeId"], "files": [file.to_str().unwrap()]}),
    );
    b.wait_for(
        "document.getElementById('progress-status').textContent.startsWith('Imported 2 marks')",
        10,
    );
    let restored = text(
        b,
        "localStorage.getItem('docgen-progress:' + document.body.dataset.site)",
    );
    assert_eq!(&serde_json::from_str::<Value>(&restored).unwrap(), expect);
}

#[test]
fn print_shows_every_answer_even_in_study_mode() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = Site::build();
    let (chapter, ids) = site.chapters().into_iter().next().unwrap();
    let id = ids
        .iter()
        .find(|id| site.entry(id)["answered"] == json!(true))
        .unwrap();
    let mut b = Browser::launch(&browser, 1200, 900);
    open(&mut b, &site.url(&format!("chapters/{chapter}.html")));
    b.eval("document.getElementById('study-toggle').click()");
    assert!(!answers_shown(&mut b, id));
    b.call("Emulation.setEmulatedMedia", json!({"media": "print"}));
    assert!(answers_shown(&mut b, id), "print expands study mode");
    assert_eq!(
        b.eval("getComputedStyle(document.querySelector('.study')).display"),
        json!("none")
    );
    // The print handbook loads no reader script at all.
    let print = std::fs::read_to_string(site.public.join("print.html")).unwrap();
    assert!(!print.contains("reader.js") && !print.contains("data-study"));
}

/// The id of the entry holding the focused element ("" for none).
fn focused_entry(b: &mut Browser) -> String {
    text(
        b,
        "(document.activeElement.closest('.entry') || {id: ''}).id",
    )
}

#[test]
fn keyboard_moves_between_questions_and_chapters() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = Site::build();
    let chapters = site.chapters();
    let (chapter, ids) = &chapters[1];
    let mut b = Browser::launch(&browser, 1200, 900);
    open(&mut b, &site.url(&format!("chapters/{chapter}.html")));
    for (k, expect) in [("j", 0), ("j", 1), ("j", 2), ("k", 1), ("k", 0)] {
        char_key(&mut b, k);
        assert_eq!(focused_entry(&mut b), ids[expect], "after {k}");
        let visible = b.eval(
            "(() => { const r = document.activeElement.getBoundingClientRect(); \
             return r.top >= 0 && r.bottom <= innerHeight; })()",
        );
        assert_eq!(visible, json!(true), "the focused question is in view");
    }
    // Typing in the search box is not a shortcut.
    b.eval("document.getElementById('search-input').focus()");
    char_key(&mut b, "j");
    assert_eq!(text(&mut b, "document.activeElement.id"), "search-input");
    b.eval("document.getElementById('search-input').value = ''; document.activeElement.blur()");
    // `?` opens the shortcuts, Escape closes them.
    char_key(&mut b, "?");
    assert_eq!(
        b.eval("document.querySelector('dialog.keys').open"),
        json!(true)
    );
    let listed = text(&mut b, "document.querySelector('dialog.keys').textContent");
    for k in ["Next question", "Previous chapter", "Search"] {
        assert!(listed.contains(k), "{listed}");
    }
    key(&mut b, "Escape", 27, None);
    assert_eq!(
        b.eval("document.querySelector('dialog.keys').open"),
        json!(false)
    );
    // `n` and `p` follow the chapter links.
    char_key(&mut b, "n");
    let next = format!("chapters/{}.html", chapters[2].0);
    b.wait_for(&format!("location.href.endsWith({})", json!(next)), 20);
    b.wait_for("document.readyState === 'complete' && document.documentElement.hasAttribute('data-reader')", 20);
    char_key(&mut b, "p");
    let back = format!("chapters/{chapter}.html");
    b.wait_for(&format!("location.href.endsWith({})", json!(back)), 20);
}

/// The first entry whose first answer's first fenced code block has
/// several lines: (entry id, its URL, the code).
fn entry_with_code(site: &Site) -> (String, String, String) {
    for e in site.handbook["entries"].as_array().unwrap() {
        let Some(md) = e["answers"][0]["markdown"].as_str() else {
            continue;
        };
        let mut lines = md.lines().skip_while(|l| !l.starts_with("```")).skip(1);
        let code: Vec<&str> = lines
            .by_ref()
            .take_while(|l| !l.starts_with("```"))
            .collect();
        if code.len() >= 3 {
            let url = e["url"].as_str().unwrap().to_string();
            return (e["id"].as_str().unwrap().to_string(), url, code.join("\n"));
        }
    }
    panic!("no entry with a multi-line code block");
}

#[test]
fn copy_button_is_reached_by_keyboard_and_copies_the_exact_code() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = Site::build();
    let (id, url, code) = entry_with_code(&site);
    let mut b = Browser::launch(&browser, 1200, 900);
    open(&mut b, &site.url(&url));
    // The page's own clipboard call, recorded (headless has no clipboard).
    b.eval(
        "window.__copied = null; navigator.clipboard.writeText = t => { window.__copied = t; \
         return Promise.resolve(); }; true",
    );
    let lang = text(
        &mut b,
        &format!(
            "document.getElementById({}).querySelector('pre').dataset.lang",
            json!(id)
        ),
    );
    assert!(!lang.is_empty());
    // From the question's own link, Tab until the first copy button.
    b.eval(&format!(
        "document.getElementById({}).querySelector('.anchor').focus()",
        json!(id)
    ));
    let mut reached = false;
    for _ in 0..40 {
        key(&mut b, "Tab", 9, None);
        if b.eval("document.activeElement.classList.contains('copy')") == json!(true) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the copy button");
    assert_eq!(focused_entry(&mut b), id);
    key(&mut b, "Enter", 13, Some("\r"));
    b.wait_for("window.__copied !== null", 10);
    assert_eq!(text(&mut b, "window.__copied"), code);
    b.wait_for("document.activeElement.textContent === 'Copied'", 10);
}

/// Pages whose width is checked: the home, a chapter with code, a note,
/// search results, review, open questions, and concept pages if built.
fn layout_pages(site: &Site) -> Vec<String> {
    let (_, url, _) = entry_with_code(site);
    let mut pages = vec![
        "index.html".to_string(),
        url.split('#').next().unwrap().to_string(),
        "search.html?q=gil".to_string(),
        "review.html".to_string(),
        "open-questions.html".to_string(),
    ];
    if let Some(note) = std::fs::read_dir(site.public.join("notes"))
        .ok()
        .and_then(|mut d| d.next())
    {
        pages.push(format!(
            "notes/{}",
            note.unwrap().file_name().to_string_lossy()
        ));
    }
    pages.extend(common::concept_pages(&site.public));
    pages
}

const NO_SIDE_SCROLL: &str = "document.documentElement.scrollWidth <= innerWidth";

#[test]
fn no_page_scrolls_sideways_at_phone_or_desktop_width() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = Site::build();
    let pages = layout_pages(&site);
    for (w, h) in [(360, 800), (1440, 900)] {
        let mut b = Browser::launch(&browser, w, h);
        for page in &pages {
            open(&mut b, &site.url(page));
            assert_eq!(b.eval(NO_SIDE_SCROLL), json!(true), "{page} at {w}px");
            // Wide code scrolls inside its own box.
            let boxes = b.eval(
                "Array.from(document.querySelectorAll('main pre, main table'))\
                 .every(p => p.getBoundingClientRect().right <= innerWidth + 0.5)",
            );
            assert_eq!(boxes, json!(true), "{page} at {w}px");
        }
        // The chapter menu: collapsed on a phone, open on a desktop.
        let phone = w < 600;
        assert_eq!(
            b.eval("document.querySelector('.menu').open"),
            json!(!phone)
        );
    }
}

#[test]
fn text_measure_is_about_seventy_characters() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = Site::build();
    let (_, url, _) = entry_with_code(&site);
    let mut b = Browser::launch(&browser, 1440, 900);
    open(&mut b, &site.url(&url));
    // How many characters of ordinary English text fit on one line of an
    // answer paragraph.
    let per_line = b.eval(
        "(() => { const p = document.querySelector('main .answer p'); \
         const s = document.createElement('span'); \
         s.style.cssText = 'position:absolute;white-space:nowrap'; \
         s.textContent = 'A closure keeps the variables of the function that made it, even later. '; \
         p.appendChild(s); const w = s.getBoundingClientRect().width / s.textContent.length; \
         s.remove(); return p.clientWidth / w; })()",
    );
    let n = per_line.as_f64().unwrap();
    assert!((60.0..=80.0).contains(&n), "{n} characters per line");
}

#[test]
fn without_scripts_every_page_reads_in_full() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = Site::build();
    let (id, url, _) = entry_with_code(&site);
    let mut b = Browser::launch(&browser, 360, 800);
    b.call(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": true}),
    );
    b.goto(&site.url(&url));
    assert!(answers_shown(&mut b, &id));
    for hidden in ["#theme-toggle", "#study-toggle", ".js-only"] {
        assert_eq!(
            b.eval(&format!(
                "getComputedStyle(document.querySelector('{hidden}')).display"
            )),
            json!("none"),
            "{hidden}"
        );
    }
    assert_eq!(
        b.eval("document.querySelectorAll('.study, .copy').length"),
        json!(0)
    );
    assert_eq!(b.eval("document.querySelector('.menu').open"), json!(true));
    assert_eq!(b.eval(NO_SIDE_SCROLL), json!(true));
}

#[test]
fn screenshots_at_phone_and_desktop_width_in_both_themes() {
    let Some(browser) = common::browser() else {
        return;
    };
    let site = Site::build();
    let (id, url, _) = entry_with_code(&site);
    let dir = std::env::var_os("DOCGEN_SHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("reader-shots"));
    std::fs::create_dir_all(&dir).unwrap();
    for (w, h) in [(360, 800), (1440, 900)] {
        let mut b = Browser::launch(&browser, w, h);
        for theme in ["light", "dark"] {
            scheme(&mut b, theme);
            for (name, page) in [("home", "index.html".to_string()), ("chapter", url.clone())] {
                open(&mut b, &site.url(&page));
                if name == "chapter" {
                    b.eval(&format!(
                        "document.getElementById({}).scrollIntoView(); true",
                        json!(id)
                    ));
                }
                let shot = dir.join(format!("{name}-{w}-{theme}.png"));
                b.screenshot(&shot);
                eprintln!("screenshot: {}", shot.display());
                assert!(std::fs::metadata(&shot).unwrap().len() > 1000);
            }
        }
    }
}

/// The contents page's list numbers are painted whole: chapter numbers
/// inside their (paint-contained) chapter box, and every entry number,
/// measured in the page's own font, fits in the space its list leaves
/// for markers, so "10." through "19." never lose a digit.
#[test]
fn contents_numbers_ten_and_up_are_not_clipped() {
    let Some(binary) = common::browser() else {
        return;
    };
    let site = Site::build();
    for width in [360, 1440] {
        let mut b = Browser::launch(&binary, width, 900);
        open(&mut b, &site.url("index.html"));
        let outer = text(
            &mut b,
            "getComputedStyle(document.querySelector('.toc > li')).listStylePosition",
        );
        assert_eq!(
            outer, "inside",
            "chapter numbers inside their box at {width}px"
        );
        // The widest entry number of each chapter list, in its font, must
        // fit in the list's left padding (where outside markers go).
        let worst = b.eval(
            "(() => { let worst = null; \
               for (const ol of document.querySelectorAll('.toc-entries')) { \
                 const n = ol.children.length; if (n < 10) continue; \
                 const probe = document.createElement('li'); \
                 probe.style.cssText = 'list-style:none;display:inline;white-space:nowrap'; \
                 probe.textContent = n + '. '; ol.appendChild(probe); \
                 const need = probe.getBoundingClientRect().width; probe.remove(); \
                 const room = parseFloat(getComputedStyle(ol).paddingLeft); \
                 if (!worst || need - room > worst.need - worst.room) worst = {n, need, room}; } \
               return worst; })()",
        );
        assert!(!worst.is_null(), "the seeds have a chapter of 10+ entries");
        let (need, room) = (
            worst["need"].as_f64().unwrap(),
            worst["room"].as_f64().unwrap(),
        );
        assert!(
            need <= room,
            "at {width}px, '{}.' needs {need}px, list leaves {room}px",
            worst["n"]
        );
        // The chapter markers themselves read 1., 2., … 10. …: the list
        // numbers every chapter.
        let chapters = b.eval("document.querySelectorAll('.toc > li').length");
        assert!(chapters.as_u64().unwrap() >= 2);
    }
}

/// The concept map lines up with the header: its box ends at the header's
/// right content edge on a desktop, as the text column does. On a phone it
/// fits the width at first (no page scroll), and + widens it inside its
/// own box, which then scrolls and says so; Fit brings it back.
#[test]
fn concept_map_lines_up_with_the_header_and_zooms_on_a_phone() {
    let Some(binary) = common::browser() else {
        return;
    };
    let site = Site::build();
    let url = site.url("concepts/index.html");
    let mut b = Browser::launch(&binary, 1440, 900);
    open(&mut b, &url);
    let edges = b.eval(
        "(() => { const top = document.querySelector('.top'), cs = getComputedStyle(top), \
           r = top.getBoundingClientRect(), map = document.querySelector('.concept-map-canvas').getBoundingClientRect(), \
           crumbs = document.querySelector('main .breadcrumbs').getBoundingClientRect(); \
           return {right: r.right - parseFloat(cs.paddingRight), left: r.left + parseFloat(cs.paddingLeft), \
                   mapRight: map.right, mapLeft: map.left, textLeft: crumbs.left}; })()",
    );
    let f = |k: &str| edges[k].as_f64().unwrap();
    assert!(
        (f("mapRight") - f("right")).abs() <= 2.0,
        "map ends at {} px, header content at {} px",
        f("mapRight"),
        f("right")
    );
    assert!(
        (f("mapLeft") - f("textLeft")).abs() <= 1.0,
        "the map starts where the page's text does"
    );
    assert!(
        f("mapLeft") >= f("left"),
        "the map starts left of the header"
    );

    let mut b = Browser::launch(&binary, 360, 800);
    open(&mut b, &url);
    assert_eq!(b.eval(NO_SIDE_SCROLL), json!(true));
    let fits = "(() => { const c = document.querySelector('.concept-map-canvas'); \
                return c.scrollWidth <= c.clientWidth + 1; })()";
    assert_eq!(b.eval(fits), json!(true), "the map fits a phone's width");
    b.eval("document.querySelector('[data-zoom=in]').click(); document.querySelector('[data-zoom=in]').click()");
    assert_eq!(b.eval(fits), json!(false), "+ widens the map in its box");
    assert_eq!(
        b.eval(NO_SIDE_SCROLL),
        json!(true),
        "the page itself never scrolls sideways"
    );
    let hint = text(
        &mut b,
        "document.querySelector('.concept-map-hint').textContent",
    );
    assert!(hint.contains("drag or scroll"), "no scroll cue: {hint:?}");
    let scrolled = b.eval(
        "(() => { const c = document.querySelector('.concept-map-canvas'); c.scrollLeft = 50; return c.scrollLeft; })()",
    );
    assert!(scrolled.as_f64().unwrap() > 0.0, "the zoomed map scrolls");
    b.eval("document.querySelector('[data-zoom=fit]').click()");
    assert_eq!(b.eval(fits), json!(true), "Fit brings the whole map back");
    assert_eq!(
        text(
            &mut b,
            "document.querySelector('.concept-map-hint').textContent"
        ),
        ""
    );
}

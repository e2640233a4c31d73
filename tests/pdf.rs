//! `docgen pdf` on the bundled notes, checked with poppler's pdfinfo and
//! pdftotext: pages, the table of contents, numbered chapters, page numbers.
//! Skipped without a browser (unless DOCGEN_REQUIRE_BROWSER=1).

mod common;

use std::process::Command;

fn tool(name: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(name).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs `docgen pdf` on the project at `root` into `pdf` with `browser`.
fn print_pdf(root: &std::path::Path, pdf: &std::path::Path, browser: &std::path::Path) {
    let (ok, err) = common::docgen(
        root,
        &[
            "pdf",
            "--output",
            pdf.to_str().unwrap(),
            "--browser",
            browser.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
}

#[test]
fn pdf_has_toc_numbered_chapters_page_numbers_and_outline() {
    let Some(browser) = common::browser() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("handbook.pdf");
    print_pdf(&common::repo(), &pdf, &browser);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(
        bytes.windows(9).any(|w| w == b"/Outlines"),
        "no PDF outline (bookmarks)"
    );
    assert!(
        bytes.windows(5).any(|w| w == b"/Link"),
        "no clickable links"
    );
    let Some(info) = tool("pdfinfo", &[pdf.to_str().unwrap()]) else {
        assert!(
            std::env::var("CI").is_err()
                && std::env::var("DOCGEN_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "pdfinfo (poppler-utils) is missing"
        );
        common::skip("pdfinfo (poppler-utils) not installed: page checks not run");
        return;
    };
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert!(pages > 20, "{pages} pages");
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]).unwrap();
    assert!(text.contains("Contents"));
    assert!(
        text.contains("1 Interpreter & Execution")
            || text.lines().any(|l| l.trim_start().starts_with("1 ")),
        "numbered chapters"
    );
    assert!(text.contains("1.1 "), "numbered entries");
    assert!(text.contains(&format!("2 / {pages}")), "page numbers");
    assert!(text.contains("What is the Global Interpreter Lock (GIL)?"));
}

#[test]
fn pdf_without_browser_says_how_to_install_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["pdf", "--browser", "/nonexistent/chromium", "--output"])
        .arg(dir.path().join("x.pdf"))
        .current_dir(common::repo())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot start /nonexistent/chromium"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["pdf", "--output"])
        .arg(dir.path().join("x.pdf"))
        .current_dir(common::repo())
        .env("PATH", "/nonexistent")
        .env_remove("DOCGEN_BROWSER")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("apt-get install chromium"));
    let out = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["pdf", "--output"])
        .arg(dir.path().join("x.pdf"))
        .current_dir(common::repo())
        .env("DOCGEN_BROWSER", "")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("DOCGEN_BROWSER is set but empty"), "{err}");
}

/// A handbook with Chinese and Korean notes prints their text: the PDF's
/// text layer reads back the questions in both scripts, with no U+FFFD.
/// (That the glyphs are drawn, not boxes, was checked by eye on the page
/// images; Chromium embeds the CJK faces as unnamed Type 3 fonts, so
/// `pdffonts` cannot name them.)
#[test]
fn chinese_and_korean_notes_print_with_cjk_glyphs() {
    let Some(browser) = common::browser() else {
        return;
    };
    let fixture = common::repo().join("tests/fixtures/multilingual/content");
    let zh = std::fs::read(fixture.join("zh.md")).unwrap();
    let ko = std::fs::read(fixture.join("ko.md")).unwrap();
    let dir = common::project(&[("content/zh.md", &zh), ("content/ko.md", &ko)]);
    let pdf = dir.path().join("handbook.pdf");
    print_pdf(dir.path(), &pdf, &browser);
    let Some(text) = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]) else {
        assert!(
            std::env::var("CI").is_err()
                && std::env::var("DOCGEN_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "pdftotext (poppler-utils) is missing"
        );
        common::skip("pdftotext (poppler-utils) not installed: text checks not run");
        return;
    };
    for question in ["Python垃圾回收机制是什么", "메타클래스는 무엇인가요"] {
        assert!(text.contains(question), "{question} not in the PDF text");
    }
    assert!(!text.contains('\u{FFFD}'));
}

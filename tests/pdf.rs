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

/// `pdf` with no `--output`, from another directory: the PDF goes into the
/// project's `public/`, written with the site, whose pages link it; a
/// later `build` keeps it. Then the PDF itself: outline, links, pages,
/// title, numbered contents.
#[test]
fn pdf_has_toc_numbered_chapters_page_numbers_and_outline() {
    let Some(browser) = common::browser() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("notes");
    common::copy_seeds(&project);
    let out = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["--root", "notes", "pdf", "--browser"])
        .arg(&browser)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !dir.path().join("handbook.pdf").exists(),
        "written into the working directory"
    );
    let pdf = project.join("public/handbook.pdf");
    let index = std::fs::read_to_string(project.join("public/index.html")).unwrap();
    assert!(
        index.contains("href=\"handbook.pdf\""),
        "the site does not link the PDF"
    );
    let (ok, err) = common::docgen(&project, &["build"]);
    assert!(ok, "{err}");
    assert!(pdf.is_file(), "build dropped the PDF");
    let index = std::fs::read_to_string(project.join("public/index.html")).unwrap();
    assert!(
        index.contains("href=\"handbook.pdf\""),
        "the rebuilt site does not link the PDF"
    );

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
    // The metadata title is the handbook's own, with nothing appended.
    let title = info
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(str::trim)
        .unwrap_or_default();
    let config = std::fs::read_to_string(common::repo().join("docgen.yaml")).unwrap();
    let want = config
        .lines()
        .find_map(|l| l.strip_prefix("title:"))
        .map(|t| t.trim().trim_matches('"'))
        .unwrap();
    assert_eq!(title, want);
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
    contents_pages_match_where_entries_start(&pdf, &text, pages);
}

/// The contents lines of `text` (the PDF's `pdftotext -layout`) as
/// (number "C.N", page): an indented number, a title, and a page number
/// at the end of the line, up to the contents' last line, "Concept index".
fn contents_lines(text: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    let contents = text.split("Concept index").next().unwrap();
    for line in contents.lines() {
        let trimmed = line.trim();
        let Some((number, rest)) = trimmed.split_once(' ') else {
            continue;
        };
        let is_entry_number = number.split('.').count() == 2
            && number
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        let page = rest
            .rsplit(' ')
            .next()
            .and_then(|p| p.parse::<usize>().ok());
        if let (true, Some(page)) = (is_entry_number && line.starts_with("  "), page)
            && !found.iter().any(|(n, _): &(String, usize)| n == number)
        {
            found.push((number.to_string(), page));
        }
    }
    found
}

/// Five entries spread over the contents (first, last, and three between):
/// the page the contents gives for each is the page whose text starts a
/// line with the entry's number, its heading. The concept index cites
/// pages too.
fn contents_pages_match_where_entries_start(pdf: &std::path::Path, text: &str, pages: usize) {
    let listed = contents_lines(text);
    assert!(
        listed.len() > 100,
        "{} numbered contents lines",
        listed.len()
    );
    let picks = [
        0,
        listed.len() / 4,
        listed.len() / 2,
        3 * listed.len() / 4,
        listed.len() - 1,
    ];
    for i in picks {
        let (number, page) = &listed[i];
        assert!(
            (1..=pages).contains(page),
            "{number} on page {page} of {pages}"
        );
        let page_text = tool(
            "pdftotext",
            &[
                "-f",
                &page.to_string(),
                "-l",
                &page.to_string(),
                pdf.to_str().unwrap(),
                "-",
            ],
        )
        .unwrap();
        assert!(
            page_text
                .lines()
                .any(|l| l.starts_with(&format!("{number} "))),
            "the contents says {number} starts on page {page}, but that page has no heading {number}:\n{page_text}"
        );
    }
    let index = text.split("Concept index").last().unwrap();
    assert!(
        index.matches(" p.\u{a0}").count() + index.matches(" p. ").count() > 20,
        "the concept index cites no pages"
    );
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
    // Entries with ids in Hangul and Han get their page in the contents
    // too (the PDF names them percent-encoded).
    let layout = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]).unwrap();
    let listed = contents_lines(&layout);
    assert_eq!(listed.len(), 6, "every entry has a page: {layout}");
}

/// A tiny PNG of `w`×`h` red pixels.
fn png(w: u32, h: u32) -> Vec<u8> {
    use std::io::Write;
    let raw: Vec<u8> = (0..h)
        .flat_map(|_| std::iter::once(0u8).chain((0..w).flat_map(|_| [255u8, 0, 0])))
        .collect();
    let mut z = flate2_free_deflate(&raw);
    let chunk = |t: &[u8], d: &[u8]| {
        let mut c = Vec::new();
        c.write_all(&(d.len() as u32).to_be_bytes()).unwrap();
        c.extend_from_slice(t);
        c.extend_from_slice(d);
        c.write_all(&crc32([t, d].concat().as_slice()).to_be_bytes())
            .unwrap();
        c
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(b"IDAT", &std::mem::take(&mut z)));
    out.extend(chunk(b"IEND", b""));
    out
}

/// zlib stream of `data` in stored (uncompressed) blocks.
fn flate2_free_deflate(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, c) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        out.extend_from_slice(&(c.len() as u16).to_le_bytes());
        out.extend_from_slice(&(!(c.len() as u16)).to_le_bytes());
        out.extend_from_slice(c);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The print is sandboxed: a note's remote image (by host name, or on
/// another local port) and its `../` and `file://` images outside the
/// site are not loaded, and the print still completes.
#[test]
fn pdf_loads_no_remote_image_and_no_file_outside_the_site() {
    let Some(browser) = common::browser() else {
        return;
    };
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let secret = png(40, 40);
    let dir = common::project(&[]);
    std::fs::write(dir.path().join("secret.png"), &secret).unwrap();
    let outside = dir.path().join("secret.png");
    let note = format!(
        "# Images\n\n## What does the diagram show?\n\n![remote](http://docgen-print-test.example/r.png)\n\n![local service](http://127.0.0.1:{port}/r.png)\n\n![up](../secret.png)\n\n![abs](file://{})\n\nThe flow of a request.\n",
        outside.display()
    );
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/images.md"), note).unwrap();
    let pdf = dir.path().join("handbook.pdf");
    let started = std::time::Instant::now();
    print_pdf(dir.path(), &pdf, &browser);
    eprintln!("pdf printed in {:?}", started.elapsed());
    assert!(
        listener.accept().is_err(),
        "the print connected to a local service"
    );
    let Some(images) = tool("pdfimages", &["-list", pdf.to_str().unwrap()]) else {
        assert!(
            std::env::var("CI").is_err()
                && std::env::var("DOCGEN_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "pdfimages (poppler-utils) is missing"
        );
        common::skip("pdfimages (poppler-utils) not installed: image checks not run");
        return;
    };
    // Remote images print as their alt text and URL.
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]).unwrap_or_default();
    assert!(
        text.contains("remote (http://docgen-print-test.example/r.png)"),
        "{text}"
    );
    // The secret is 40×40; broken-image icons are smaller.
    assert!(
        !images.lines().any(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.len() > 4 && f[3] == "40" && f[4] == "40"
        }),
        "an image outside the site was loaded:\n{images}"
    );
}

/// Without a browser: a `handbook.pdf` in a previous docgen output is kept
/// by the next build, byte for byte, and every page's sidebar links it;
/// with none there, no page links one.
#[test]
fn build_keeps_and_links_a_printed_handbook() {
    let dir = common::project(&[(
        "content/a.md",
        b"# Notes\n\n1. What is a slug?\n\n   A URL-safe name.\n",
    )]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "{err}");
    let public = dir.path().join("public");
    let index = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(
        !index.contains("handbook.pdf"),
        "links a PDF that is not there"
    );
    let pdf = b"%PDF-1.4 stand-in for a printed handbook\n";
    std::fs::write(public.join("handbook.pdf"), pdf).unwrap();
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "{err}");
    assert_eq!(std::fs::read(public.join("handbook.pdf")).unwrap(), pdf);
    for page in ["index.html", "open-questions.html"] {
        let html = std::fs::read_to_string(public.join(page)).unwrap();
        assert!(
            html.contains("href=\"handbook.pdf\""),
            "{page} does not link the PDF"
        );
    }
}

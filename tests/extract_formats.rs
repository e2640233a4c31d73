//! Every note structure docgen reads, on constructed fixtures in several
//! languages (`tests/fixtures/formats/NAME.LANG.EXT`, written for these
//! tests). Each fixture's `.expect` file names the structure it must be
//! read as, then one `LINE<TAB>QUESTION` row per question, exactly.

use std::path::Path;

fn fixtures() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let mut notes: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x != "expect"))
        .collect();
    notes.sort();
    notes
}

#[test]
fn every_structure_gives_its_questions_and_lines() {
    let notes = fixtures();
    assert!(notes.len() >= 12, "{} fixtures", notes.len());
    let mut languages = std::collections::BTreeSet::new();
    for note in notes {
        let name = note.file_name().unwrap().to_string_lossy().into_owned();
        languages.insert(name.split('.').nth(1).unwrap_or("").to_string());
        let body = std::fs::read_to_string(&note).unwrap();
        let expect = std::fs::read_to_string(note.with_extension("expect"))
            .unwrap_or_else(|e| panic!("{name}: no .expect file: {e}"));
        let mut rows = expect.lines();
        let structure = rows.next().unwrap();
        let want: Vec<(usize, String)> = rows
            .map(|r| {
                let (line, q) = r.split_once('\t').unwrap();
                (line.parse().unwrap(), q.to_string())
            })
            .collect();
        let x = docgen::extract::extract(&name, &body, 1);
        let got: Vec<(usize, String)> = x
            .entries
            .iter()
            .map(|e| (e.line, e.question.clone()))
            .collect();
        assert_eq!(got, want, "{name}");
        let format = serde_json::to_value(x.format).unwrap();
        assert_eq!(format, structure, "{name}: read as {format}");
    }
    assert!(languages.len() >= 7, "languages: {languages:?}");
}

#[test]
fn a_long_note_without_questions_is_reported_not_dropped() {
    let prose: String = (0..25)
        .map(|i| format!("Paragraph {i} of a diary entry about the weather.\n\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/diary.md"), &prose).unwrap();
    std::fs::write(
        dir.path().join("content/q.md"),
        "1. What is a closure?\nA function.\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["build"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("content/diary.md:1: no questions found in 25 lines"),
        "{err}"
    );
    assert!(
        err.contains("content/q.md: 1 question(s), 1 answered"),
        "{err}"
    );
    let page = std::fs::read_dir(dir.path().join("public/notes"))
        .unwrap()
        .count();
    assert_eq!(page, 1, "the diary is kept as a note page");
}

#[test]
fn an_empty_content_folder_is_an_error_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["build"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("no notes in"), "{err}");
}

#[test]
fn questions_kept_in_front_matter_are_entries_in_english_and_spanish() {
    let en = "---\ntitle: Frontend\nquestions:\n  - question: What is the box model?\n    answer: Content, padding, border and margin.\n  - question: Explain event delegation\n---\n\nSome prose about preparing for the interview.\n";
    let es = "+++\ntitle = \"Repaso\"\n[[preguntas]]\npregunta = \"¿Qué es un closure?\"\nrespuesta = \"Una función con su entorno.\"\n+++\n\nTexto.\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/en.md"), en).unwrap();
    std::fs::write(dir.path().join("content/es.md"), es).unwrap();
    let built = docgen::pipeline::build_site(&docgen::pipeline::BuildOptions::new(dir.path()))
        .expect("builds");
    let mut got: Vec<(String, usize, String, bool)> = built
        .linked
        .handbook
        .entries
        .iter()
        .flat_map(|e| {
            e.variants
                .iter()
                .map(|v| (v.source.clone(), v.line, v.question.clone(), v.answered))
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("en.md".into(), 4, "What is the box model?".into(), true),
            ("en.md".into(), 6, "Explain event delegation".into(), false),
            ("es.md".into(), 4, "¿Qué es un closure?".into(), true),
        ]
    );
    let per_source: Vec<&str> = built
        .report
        .per_source
        .iter()
        .map(|s| s.structure.as_str())
        .collect();
    assert_eq!(per_source, ["front-matter", "front-matter"]);
}

/// A note's first `#` heading is its title, however short the note: the
/// article is titled by it and never shows it as literal text (English
/// and Chinese).
#[test]
fn a_short_note_is_titled_by_its_first_heading() {
    for (body, title) in [
        ("# My notes\n\nOne sentence about closures.\n", "My notes"),
        ("# 我的笔记\n\n关于闭包的一句话。\n", "我的笔记"),
    ] {
        let x = docgen::extract::extract("notes.md", body, 1);
        let article = x.article.unwrap_or_else(|| panic!("no article: {body}"));
        assert_eq!(article.title, title);
        assert!(!article.markdown.contains('#'), "{}", article.markdown);
    }
}

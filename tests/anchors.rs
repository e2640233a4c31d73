//! A note's own table of contents: links to its headings resolve in the
//! handbook, in any script (GitHub-style anchors), through `docgen check`.

mod common;

fn check_json(dir: &std::path::Path) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["check", "--format", "json"])
        .current_dir(dir)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn a_chinese_readme_table_of_contents_resolves() {
    let note = "# Python 面试题\n\n- [1 Python的函数参数传递](#1-python的函数参数传递)\n- [2 类变量和实例变量](#2-类变量和实例变量)\n- [3 说说迭代器](#3-说说迭代器)\n\n## 1 Python的函数参数传递\n\n传的是对象的引用。[回到顶部](#python-面试题)\n\n## 2 类变量和实例变量\n\n类变量属于类。\n\n## 3 说说迭代器\n\n实现 `__next__`。\n";
    let dir = common::project(&[("content/readme.md", note.as_bytes())]);
    let report = check_json(dir.path());
    assert_eq!(report["broken_links"], serde_json::json!([]), "{report}");
    assert_eq!(report["sources"][0]["questions"], 3);
    let (ok, err) = common::docgen(dir.path(), &["build", "-q"]);
    assert!(ok, "{err}");
    let notes = common::read_tree(&dir.path().join("public/notes"));
    let page = String::from_utf8_lossy(&notes[0].1).into_owned();
    assert!(
        page.contains("href=\"../chapters/"),
        "ToC links lead to the entries"
    );
}

#[test]
fn russian_headings_without_a_space_and_encoded_links_resolve() {
    let note = "#Основы CSS\n\n+ [Что такое _селектор_?](#%D0%A7%D1%82%D0%BE-%D1%82%D0%B0%D0%BA%D0%BE%D0%B5-%D1%81%D0%B5%D0%BB%D0%B5%D0%BA%D1%82%D0%BE%D1%80)\n+ [Как работает каскад?](#Как-работает-каскад)\n\n##Что такое _селектор_?\nШаблон выбора элементов.\n[к оглавлению](#Основы-css)\n\n##Как работает каскад?\nПо специфичности.\n[к оглавлению](#Основы-css)\n";
    let dir = common::project(&[("content/css.md", note.as_bytes())]);
    let report = check_json(dir.path());
    assert_eq!(report["broken_links"], serde_json::json!([]), "{report}");
    assert_eq!(report["sources"][0]["questions"], 2);
}

#[test]
fn links_to_the_notes_own_repository_are_listed_not_failed() {
    let note = "## Basics\n\n1. What is a closure?\n\n   See [the next chapter](./chapter-02.md) and [home](../README.md).\n";
    let dir = common::project(&[("content/a.md", note.as_bytes())]);
    let report = check_json(dir.path());
    assert_eq!(report["broken_links"], serde_json::json!([]), "{report}");
    assert!(
        report["outside_links"].as_array().unwrap().len() >= 2,
        "{report}"
    );
}

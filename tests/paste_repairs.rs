//! Pasted text that a web page broke, repaired in constructed plain-text
//! notes of two languages: a flattened Python example in a Chinese note,
//! a glued table in a Russian one. The build shows the repaired code and
//! table; `docgen check` lists each repair with file and line.

mod common;

const ZH: &str = "1. 什么是装饰器？\n\n装饰器包装一个函数，在调用前后做事。\n\ndef 记录(函数): def 包装(): print(\"开始\") 函数() print(\"结束\") return 包装 @记录 def 你好(): print(\"你好\") 你好()\n\n2. 什么是生成器？\n\n生成器按需产生值。\n";

const RU: &str = "1. Чем отличаются списки и кортежи?\n\nСравнение:\n\nСвойствоСписокКортеж\nИзменяемостьДаНет\nСкоростьНижеВыше\nПамятьБольшеМеньше\n\n2. Что такое срез?\n\nЧасть последовательности.\n";

#[test]
fn flattened_code_and_glued_tables_are_repaired_and_listed() {
    let dir = common::project(&[
        ("content/zh.txt", ZH.as_bytes()),
        ("content/ru.txt", RU.as_bytes()),
    ]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
        .arg("check")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("repaired paste: content/zh.txt:5: one line of Python reflowed into 10"),
        "{text}"
    );
    assert!(
        text.contains("repaired paste: content/ru.txt:5: 4 glued table rows split into 3 columns"),
        "{text}"
    );

    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(ok, "{err}");
    let json = std::fs::read_to_string(dir.path().join("public/handbook.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let answers: Vec<String> = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["answers"].as_array().cloned().unwrap_or_default())
        .map(|a| a["markdown"].as_str().unwrap_or_default().to_string())
        .collect();
    let all = answers.join("\n\n");
    assert!(
        all.contains("def 记录(函数):\n    def 包装():\n        print(\"开始\")\n        函数()\n        print(\"结束\")\n    return 包装\n@记录\ndef 你好():\n    print(\"你好\")\n你好()"),
        "{all}"
    );
    assert!(
        all.contains(
            "| Свойство | Список | Кортеж |\n| --- | --- | --- |\n| Изменяемость | Да | Нет |"
        ),
        "{all}"
    );
}

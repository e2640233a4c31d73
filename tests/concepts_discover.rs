//! Concepts discovered in notes without a catalog: constructed Chinese and
//! Russian projects get concept pages and links; the bundled notes without
//! their catalog get the main concepts; `docgen concepts --write` exports
//! a catalog that rebuilds to the same site, byte for byte.

mod common;

use serde_json::Value;

fn handbook(dir: &std::path::Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("public/handbook.json")).unwrap()).unwrap()
}

fn build(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Value) {
    let dir = common::project(files);
    let (ok, err) = common::docgen(dir.path(), &["build", "-q"]);
    assert!(ok, "{err}");
    let hb = handbook(dir.path());
    (dir, hb)
}

/// The concept whose name or an alias is `form`, in any case.
fn concept<'a>(hb: &'a Value, form: &str) -> &'a Value {
    let same = |v: &Value| {
        v.as_str()
            .is_some_and(|s| s.to_lowercase() == form.to_lowercase())
    };
    hb["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| same(&c["name"]) || c["aliases"].as_array().unwrap().iter().any(same))
        .unwrap_or_else(|| panic!("no concept {form:?} in {}", hb["concepts"]))
}

/// Number of links to concept `id` in the rendered chapter pages.
fn links_to(dir: &std::path::Path, id: &str) -> usize {
    let needle = format!("href=\"../concepts/{id}.html\"");
    common::read_tree(&dir.join("public/chapters"))
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).matches(&needle).count())
        .sum()
}

const ZH: &str = "# Python 面试题

## 1. 什么是装饰器？

装饰器是一个接收函数并返回新函数的函数。

## 2. 装饰器有哪些常见用途？

常见用途是日志和权限检查，它不改动原函数。

## 3. 什么是生成器？

生成器用 yield 一次产生一个值，不像列表那样一次算完。

## 4. 生成器和列表有什么区别？

列表一次保存所有值，生成器按需产生值，所以生成器更省内存。

## 5. Python的垃圾回收机制是什么？

主要依靠引用计数，循环引用交给分代回收。

## 6. 为什么还需要垃圾回收机制？

因为循环引用让对象的计数永远不为零。
";

#[test]
fn a_chinese_project_without_a_catalog_gets_concepts_and_links() {
    let (dir, hb) = build(&[("content/python.md", ZH.as_bytes())]);
    for name in ["装饰器", "生成器", "垃圾回收机制"] {
        let c = concept(&hb, name);
        assert_eq!(c["discovered"], true);
        assert!(c["evidence"].as_str().unwrap().contains("python.md"), "{c}");
        let id = c["id"].as_str().unwrap();
        assert!(
            dir.path()
                .join(format!("public/concepts/{id}.html"))
                .exists()
        );
    }
    // Compared in question 4: the two concepts are related.
    let generator = concept(&hb, "生成器");
    let list = concept(&hb, "列表");
    assert!(
        generator["related"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| *r == list["id"])
            || list["related"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| *r == generator["id"]),
        "{generator}\n{list}"
    );
    // Question 4's answer mentions the generator concept: linked there.
    let gen_id = generator["id"].as_str().unwrap();
    assert!(links_to(dir.path(), gen_id) >= 1);
}

const RU: &str = "# Вопросы по Python

## 1. Что такое декоратор?

Декоратор — это функция, которая оборачивает другую функцию и меняет её поведение.

## 2. Зачем нужен декоратор в Python?

Декоратор добавляет логирование или кэширование без изменения исходного кода.

## 3. Что такое генератор?

Генератор возвращает значения по одному через yield и экономит память.

## 4. Чем генератор отличается от списка?

Список хранит все значения сразу, а генератор создаёт их по запросу.
";

#[test]
fn a_russian_project_without_a_catalog_gets_concepts_and_links() {
    let (dir, hb) = build(&[("content/python.md", RU.as_bytes())]);
    let decorator = concept(&hb, "декоратор");
    let generator = concept(&hb, "генератор");
    assert_eq!(decorator["discovered"], true);
    // The definition's answer is the summary.
    assert!(
        decorator["summary"]
            .as_str()
            .unwrap()
            .starts_with("Декоратор — это функция")
    );
    // Capitalised at the start of an answer, the mention is still linked.
    for c in [decorator, generator] {
        assert!(links_to(dir.path(), c["id"].as_str().unwrap()) >= 1, "{c}");
    }
}

/// The bundled notes without `concepts.yaml`.
fn seeds_without_catalog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    for entry in std::fs::read_dir(common::repo().join("content")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e != "yaml") {
            std::fs::copy(&path, content.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::copy(
        common::repo().join("docgen.yaml"),
        dir.path().join("docgen.yaml"),
    )
    .unwrap();
    dir
}

#[test]
fn the_bundled_notes_without_their_catalog_find_the_main_concepts() {
    let dir = seeds_without_catalog();
    let (ok, err) = common::docgen(dir.path(), &["build", "-q"]);
    assert!(ok, "{err}");
    let hb = handbook(dir.path());
    let concepts = hb["concepts"].as_array().unwrap();
    let entries = hb["entries"].as_array().unwrap().len();
    assert!(
        concepts.len()
            <= entries
                .div_ceil(docgen::concepts::discover::ENTRIES_PER_CONCEPT)
                .max(8),
        "{}",
        concepts.len()
    );
    let gil = concept(&hb, "GIL");
    assert!(
        gil["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Global Interpreter Lock")
    );
    for form in [
        "decorators",
        "closures",
        "multiprocessing",
        "metaclasses",
        "PVM",
    ] {
        concept(&hb, form);
    }
    assert!(links_to(dir.path(), gil["id"].as_str().unwrap()) >= 5);
}

#[test]
fn the_written_catalog_rebuilds_to_the_same_site() {
    let dir = seeds_without_catalog();
    let (ok, err) = common::docgen(dir.path(), &["build", "-q"]);
    assert!(ok, "{err}");
    let before = common::read_tree(&dir.path().join("public"));
    let (ok, err) = common::docgen(dir.path(), &["concepts", "--write"]);
    assert!(ok, "{err}");
    let written = std::fs::read_to_string(dir.path().join("content/concepts.yaml")).unwrap();
    assert!(written.contains("discovered: true"));
    // A second write refuses to replace the file.
    let (ok, err) = common::docgen(dir.path(), &["concepts", "--write"]);
    assert!(!ok && err.contains("--force"), "{err}");
    let (ok, err) = common::docgen(dir.path(), &["build", "-q"]);
    assert!(ok, "{err}");
    let after = common::read_tree(&dir.path().join("public"));
    assert_eq!(before.len(), after.len());
    for ((pa, a), (pb, b)) in before.iter().zip(&after) {
        assert_eq!(pa, pb);
        assert!(a == b, "{pa} differs after the round trip");
    }
}

/// A list of questions with no answers has no answers to tell frame
/// phrases by: key phrases used in three or more questions are concepts.
#[test]
fn unanswered_question_lists_get_concepts_in_chinese_and_english() {
    let zh = "# Vue 面试题\n\n- 生命周期有哪些阶段？\n- 父组件和子组件的生命周期顺序是什么？\n- 在哪个生命周期里请求数据？\n- 插槽是什么？\n- 具名插槽怎么用？\n- 作用域插槽解决什么问题？\n- 计算属性和侦听器有什么区别？\n";
    let (_dir, hb) = build(&[("content/vue.md", zh.as_bytes())]);
    for form in ["生命周期", "插槽"] {
        concept(&hb, form);
    }
    let en = "# Networking\n\n- What does the event loop do?\n- Why can the event loop stall?\n- How do timers reach the event loop?\n- What is a socket buffer?\n- When does a socket buffer fill?\n- How large is a socket buffer by default?\n- What is DNS caching?\n";
    let (_dir, hb) = build(&[("content/net.md", en.as_bytes())]);
    for form in ["event loop", "socket buffer"] {
        concept(&hb, form);
    }
    let linked: usize = hb["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["concepts"].as_array().unwrap().is_empty())
        .count();
    assert!(linked >= 6, "{linked} entries linked");
}

/// Which concept names a build of `files` discovers.
fn names(hb: &Value) -> Vec<String> {
    hb["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_lowercase())
        .collect()
}

#[test]
fn a_list_of_questions_without_answers_gets_its_framed_subjects() {
    // Only questions, no answers: what a define or compare frame names is
    // a concept, even asked once; what no frame names and only one
    // question asks is not.
    let en = "# Database questions

1. What is the difference between a mutex and a semaphore?
2. Mutex vs spin lock?
3. What is a deadlock?
4. How would you tune a slow report?
5. When is a semaphore better?
";
    let fr = "# Questions d'entretien

1. Qu'est-ce que Kubernetes ?
2. Quelle est la différence entre Docker et Podman ?
3. Docker ou une machine virtuelle : que choisir ?
4. Comment organisez-vous une revue de code ?
";
    let (_, hb) = build(&[("content/db.md", en.as_bytes())]);
    let found = names(&hb);
    for want in ["mutex", "semaphore", "spin lock", "deadlock"] {
        assert!(
            found.iter().any(|n| n == want),
            "{want} missing from {found:?}"
        );
    }
    assert!(!found.iter().any(|n| n.contains("report")), "{found:?}");
    let (_, hb) = build(&[("content/devops.md", fr.as_bytes())]);
    let found = names(&hb);
    for want in ["kubernetes", "docker", "podman"] {
        assert!(
            found.iter().any(|n| n == want),
            "{want} missing from {found:?}"
        );
    }
    assert!(!found.iter().any(|n| n.contains("revue")), "{found:?}");
}

#[test]
fn a_concept_counts_the_entries_that_inflect_it() {
    // "tuple" is asked about once; the answers that say "tuples" are
    // entries that use it too, in English and in Russian.
    for (file, text, form, uses) in [
        (
            "content/en.md",
            "## What is a tuple?\n\nA tuple is an immutable sequence.\n\n\
             ## How are lists stored?\n\nLists and tuples both hold references.\n\n\
             ## What can be a key?\n\nStrings, numbers and tuples of them.\n",
            "tuple",
            3,
        ),
        (
            "content/ru.md",
            "## Что такое кортеж?\n\nКортеж — неизменяемая последовательность.\n\n\
             ## Как хранятся списки?\n\nСписки и кортежи хранят ссылки.\n\n\
             ## Что может быть ключом?\n\nСтроки, числа и кортежи из них.\n",
            "кортеж",
            3,
        ),
    ] {
        let (_, hb) = build(&[(file, text.as_bytes())]);
        let c = concept_named(&hb, form);
        let evidence = c["evidence"].as_str().unwrap();
        assert!(
            evidence.contains(&format!("used in {uses} entries")),
            "{file}: {evidence}"
        );
    }
}

/// The concept named `form` in any case.
fn concept_named<'a>(hb: &'a Value, form: &str) -> &'a Value {
    hb["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"].as_str().unwrap().to_lowercase() == form)
        .unwrap_or_else(|| panic!("no concept {form:?} in {}", hb["concepts"]))
}

/// `docgen check --format json` on the project at `dir`, which must pass.
fn check_json(dir: &std::path::Path) -> Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["check", "--format", "json"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `docgen check` lists the discovered concepts, each with its evidence
/// and score, so an author can promote or leave them out; with a catalog
/// it lists none.
#[test]
fn check_lists_discovered_concepts_with_evidence_and_score() {
    let dir = common::project(&[("content/python.md", ZH.as_bytes())]);
    let report = check_json(dir.path());
    let listed = report["discovered_concepts"].as_array().unwrap();
    let generator = listed
        .iter()
        .find(|c| c["name"] == "生成器")
        .unwrap_or_else(|| panic!("{listed:?}"));
    let evidence = generator["evidence"].as_str().unwrap();
    assert!(
        evidence.contains("python.md") && evidence.contains("score "),
        "{evidence}"
    );
    let text = std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
        .arg("check")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("concept(s) discovered in the notes"),
        "{text}"
    );
    assert!(text.contains(&format!("  生成器: {evidence}")), "{text}");

    let catalog = "concepts:\n  - id: generator\n    name: Generator\n    aliases: [生成器]\n";
    std::fs::write(dir.path().join("content/concepts.yaml"), catalog).unwrap();
    let report = check_json(dir.path());
    assert_eq!(report["discovered_concepts"], serde_json::json!([]));
}

/// With `discover: true` the catalog overrides discovery: its concepts
/// come first as written, `exclude:` drops discovered ones, `same_as:` (or
/// a shared spelling) merges a discovered concept into a catalog one, and
/// the rest of discovery stays. Russian and Chinese notes.
#[test]
fn a_catalog_with_discover_overrides_the_discovered_concepts() {
    let ru_catalog = "discover: true\nexclude: [генератор]\nsame_as:\n  decorators: [декоратор]\nconcepts:\n  - id: decorators\n    name: Декораторы\n    aliases: [обёртка]\n";
    let (dir, hb) = build(&[
        ("content/python.md", RU.as_bytes()),
        ("content/concepts.yaml", ru_catalog.as_bytes()),
    ]);
    let names: Vec<&str> = hb["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Декораторы"], "excluded or merged concepts kept");
    let decorators = concept(&hb, "декоратор");
    assert_eq!(decorators["id"], "decorators");
    assert!(links_to(dir.path(), "decorators") >= 1);

    let zh_catalog = "discover: true\nexclude: [列表]\nconcepts:\n  - id: gc\n    name: 垃圾回收\n    aliases: [垃圾回收机制]\n  - id: coroutine\n    name: 协程\n    aliases: [协程]\n";
    let (dir, hb) = build(&[
        ("content/python.md", ZH.as_bytes()),
        ("content/concepts.yaml", zh_catalog.as_bytes()),
    ]);
    let concepts = hb["concepts"].as_array().unwrap();
    let names: Vec<&str> = concepts
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        &names[..2],
        ["垃圾回收", "协程"],
        "the catalog's own come first"
    );
    for name in ["生成器", "装饰器"] {
        assert_eq!(concept(&hb, name)["discovered"], true, "{names:?}");
    }
    assert!(
        !names.contains(&"列表") && !names.contains(&"垃圾回收机制"),
        "{names:?}"
    );
    assert!(links_to(dir.path(), "gc") >= 1);

    // Without `discover: true`, `exclude:` has nothing to act on: an error.
    let dir = common::project(&[
        ("content/python.md", ZH.as_bytes()),
        (
            "content/concepts.yaml",
            "exclude: [列表]\nconcepts: []\n".as_bytes(),
        ),
    ]);
    let (ok, err) = common::docgen(dir.path(), &["build"]);
    assert!(!ok);
    assert!(
        err.contains("concepts.yaml:1") && err.contains("discover: true"),
        "{err}"
    );
}

#[test]
fn answers_name_concepts_that_no_question_asks_about() {
    // No question names the event loop or the semaphore. Three answers
    // say "event loop" (a cohesive phrase: its words occur together), and
    // one answer defines the semaphore, which another uses. "Other task"
    // is said as often but its words are everywhere apart: no concept.
    let en = "# Async notes

## How do coroutines run?

Coroutines are scheduled by the event loop, which resumes each one when its awaited result is ready. Every other task waits.

## What does gather do?

It hands several awaitables to the event loop and waits for all of them; no other task is blocked.

## Why avoid blocking calls in async code?

A blocking call stalls the event loop, so no other task can progress.

## How do you limit concurrent downloads?

A semaphore is a counter that lets at most N tasks into a section. Wrap each download in the semaphore.

## What protects a shared counter between tasks?

Use a lock, or a semaphore with one slot: a task waits while another task holds it.
";
    let ru = "# Асинхронность

## Как выполняются корутины?

Корутины планирует цикл событий: он возобновляет каждую, когда её результат готов.

## Что делает gather?

Передаёт несколько задач в цикл событий и ждёт их все.

## Почему нельзя блокировать в асинхронном коде?

Блокирующий вызов останавливает цикл событий, и другие задачи стоят.

## Как ограничить число одновременных загрузок?

Семафор — это счётчик, который пускает в секцию не больше N задач. Оберните каждую загрузку в семафор.

## Что защищает общий счётчик между задачами?

Блокировка или семафор с одним местом.
";
    for (file, text, phrase, defined) in [
        ("content/async.md", en, "event loop", "semaphore"),
        ("content/async-ru.md", ru, "цикл событий", "семафор"),
    ] {
        let (dir, hb) = build(&[(file, text.as_bytes())]);
        let found = names(&hb);
        let said = concept_named(&hb, phrase);
        assert!(
            said["evidence"]
                .as_str()
                .unwrap()
                .contains("used in 3 entries"),
            "{file}: {said}"
        );
        let stated = concept_named(&hb, defined);
        assert!(
            stated["summary"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains(&format!("{defined} ")),
            "{file}: {stated}"
        );
        assert!(
            links_to(dir.path(), said["id"].as_str().unwrap()) >= 2,
            "{file}"
        );
        assert!(!found.iter().any(|n| n.contains("other task")), "{found:?}");
    }
}

#[test]
fn inflections_and_the_handbooks_subject_word_do_not_split_a_concept() {
    // Twelve questions all about one language: its name is the
    // handbook's subject, no concept; "Python bytecode" is the bytecode
    // concept, and "threading" the thread concept, with the merges
    // stated in the evidence. In Russian notes about Java the same holds
    // for "Java", and the stemmer already makes "поток"/"потоков" one.
    let topics_en = [
        (
            "What is Python bytecode?",
            "Python bytecode is the instruction list the Python interpreter runs.",
        ),
        (
            "Where does Python keep bytecode?",
            "Python caches bytecode in files next to the Python module.",
        ),
        (
            "How does Python run bytecode?",
            "The Python interpreter loop runs the bytecode.",
        ),
        (
            "What is a thread in Python?",
            "A thread is a unit of execution inside a Python process.",
        ),
        (
            "What is threading in Python?",
            "Python threading starts threads that share Python objects.",
        ),
        (
            "When are Python threads useful?",
            "Python threads help while waiting for input and output.",
        ),
        (
            "What is a Python list?",
            "A Python list is a growable array of references.",
        ),
        (
            "What is a Python dict?",
            "A Python dict is a hash table of keys and values.",
        ),
        (
            "How are Python strings stored?",
            "Python strings are immutable sequences of code points.",
        ),
        (
            "What is a Python module?",
            "A Python module is a file of Python code you import.",
        ),
        (
            "What does Python import do?",
            "Python import runs a module once and caches it.",
        ),
        (
            "What is a Python package?",
            "A Python package is a directory of Python modules.",
        ),
    ];
    let topics_ru = [
        (
            "Что такое байткод Java?",
            "Байткод Java — это набор инструкций виртуальной машины Java.",
        ),
        (
            "Где Java хранит байткод?",
            "Java хранит байткод в class-файлах.",
        ),
        (
            "Как Java выполняет байткод?",
            "Интерпретатор Java выполняет байткод и компилирует горячий код.",
        ),
        (
            "Что такое поток в Java?",
            "Поток — это единица выполнения внутри процесса Java.",
        ),
        (
            "Как создать поток в Java?",
            "В Java поток создают через класс Thread.",
        ),
        (
            "Зачем нужен пул потоков в Java?",
            "Пул потоков в Java переиспользует потоки.",
        ),
        (
            "Что такое список в Java?",
            "Список в Java хранит элементы по порядку.",
        ),
        (
            "Что такое словарь в Java?",
            "Словарь в Java хранит пары ключей и значений.",
        ),
        ("Как Java хранит строки?", "Строки в Java неизменяемы."),
        ("Что такое пакет в Java?", "Пакет в Java объединяет классы."),
        (
            "Что делает import в Java?",
            "Import в Java делает имена классов доступными.",
        ),
        (
            "Что такое модуль в Java?",
            "Модуль в Java описывает зависимости пакетов.",
        ),
    ];
    let note = |title: &str, topics: &[(&str, &str)]| {
        let mut s = format!("# {title}\n\n");
        for (q, a) in topics {
            s.push_str(&format!("## {q}\n\n{a}\n\n"));
        }
        s
    };
    let en = note("Python notes", &topics_en);
    let (_, hb) = build(&[("content/python.md", en.as_bytes())]);
    let found = names(&hb);
    assert!(!found.iter().any(|n| n == "python"), "{found:?}");
    assert!(!found.iter().any(|n| n.starts_with("python ")), "{found:?}");
    let bytecode = concept_named(&hb, "bytecode");
    assert!(
        bytecode["evidence"]
            .as_str()
            .unwrap()
            .contains("is it with the handbook's subject word"),
        "{bytecode}"
    );
    let threads: Vec<&String> = found.iter().filter(|n| n.starts_with("thread")).collect();
    assert_eq!(threads.len(), 1, "{found:?}");
    let thread = concept_named(&hb, threads[0]);
    assert!(
        thread["evidence"]
            .as_str()
            .unwrap()
            .contains("are inflections of one word"),
        "{thread}"
    );
    let ru = note("Java", &topics_ru);
    let (_, hb) = build(&[("content/java.md", ru.as_bytes())]);
    let found = names(&hb);
    assert!(!found.iter().any(|n| n == "java"), "{found:?}");
    assert_eq!(
        found.iter().filter(|n| n.starts_with("поток")).count(),
        1,
        "{found:?}"
    );
    concept_named(&hb, "байткод");
}

/// Questions that name a concept only in the plural still link its
/// singular: an answer about "one semaphore" mentions the concept the
/// questions call "Semaphores".
#[test]
fn a_concept_asked_in_the_plural_is_mentioned_in_the_singular() {
    let notes = "# Concurrency notes

## 1. What are semaphores?

Counters that let a fixed number of tasks into a section at once.

## 2. When do semaphores beat locks?

When several tasks may share the resource, not just one.

## 3. How do you limit concurrent downloads?

Wrap each download in one semaphore sized to the limit you want.

## 4. What is a deadlock?

Two tasks each waiting for a resource the other holds.
";
    let (_dir, hb) = build(&[("content/notes.md", notes.as_bytes())]);
    let semaphores = concept(&hb, "semaphores");
    let aliases: Vec<&str> = semaphores["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        aliases.iter().any(|a| a.eq_ignore_ascii_case("semaphore")),
        "{aliases:?}"
    );
    let downloads = hb["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"].as_str().unwrap().contains("downloads"))
        .unwrap();
    assert!(
        downloads["concepts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == &semaphores["id"]),
        "{downloads}"
    );
}

#[test]
fn a_noun_on_the_broad_stop_list_completes_its_phrase_in_english_and_french() {
    // "system" and "état" are on the ISO stop lists of their languages,
    // but these notes use them as nouns ("the system.", "un état."): the
    // phrase keeps them, after its modifier in English and before it in
    // French, and the modifier alone is no concept.
    let en = "## How does a program talk to the operating system?\n\n\
              It makes calls into the kernel; the operating system schedules it.\n\n\
              ## What does the operating system do when memory runs out?\n\n\
              It swaps pages to disk. Every request still goes through the system.\n\n\
              ## Why do threads need the operating system?\n\n\
              The kernel of the operating system schedules them.\n";
    let fr = "## Comment protéger un état partagé entre threads ?\n\n\
              Un verrou protège l'accès. Chaque thread voit un état.\n\n\
              ## Pourquoi un état partagé pose-t-il problème ?\n\n\
              Deux threads écrivent en même temps dans cet état partagé.\n\n\
              ## Où garder un état partagé dans une application web ?\n\n\
              Dans une base de données, jamais dans la mémoire du processus.\n";
    for (file, text, phrase, fragment) in [
        ("content/en.md", en, "operating system", "operating"),
        ("content/fr.md", fr, "état partagé", "partagé"),
    ] {
        let (_, hb) = build(&[(file, text.as_bytes())]);
        let c = concept(&hb, phrase);
        assert!(c["entries"].as_array().unwrap().len() >= 3, "{file}: {c}");
        assert!(
            !names(&hb).iter().any(|n| n.to_lowercase() == fragment),
            "{file}: {:?}",
            names(&hb)
        );
    }
}

/// A cheat sheet of terse "X?" questions, each answered on the next line.
const CHEAT_SHEET_EN: &str = "# Cheat sheet

1. Duck typing?
An object is judged by the methods it offers, not by its class.

2. Trie?
A tree that keeps strings one character per level, sharing prefixes.

3. Patch dependencies?
Swap the collaborators of the code under test for fakes.

4. Singleton in Python?
A class with a single instance, often just a module-level object.

5. Wheels (.whl)?
Built packages that install without running a build step.

6. WSGI?
Web Server Gateway Interface: the contract between a web server and an app.

7. Higher-order functions?
Functions that take or return other functions.
";

const CHEAT_SHEET_RU: &str = "# Шпаргалка

1. Утиная типизация?
Объект оценивают по его методам, а не по его классу.

2. Префиксное дерево?
Дерево, где строки хранятся по символу на уровень и делят общие начала.

3. Синглтон в Python?
Класс, у которого есть только один экземпляр.

4. JIT?
Just-In-Time компиляция: байткод переводится в машинный код во время работы.

5. Веб-сокеты?
Постоянное двустороннее соединение между браузером и сервером.
";

const CHEAT_SHEET_ZH: &str = "# 速查

1. 闭包？
函数记住了它定义时所在作用域的变量。

3. GIL？
Global Interpreter Lock，同一时刻只让一个线程执行字节码。

2. 装饰器有哪些常见用途？
日志、缓存和权限检查。
";

#[test]
fn a_cheat_sheets_terse_answered_questions_define_their_names() {
    let (_dir, hb) = build(&[("content/sheet.md", CHEAT_SHEET_EN.as_bytes())]);
    for name in [
        "duck typing",
        "trie",
        "singleton",
        "wheels",
        "higher-order functions",
    ] {
        let c = concept(&hb, name);
        assert_eq!(c["discovered"], true);
        assert!(c["summary"].as_str().is_some_and(|s| !s.is_empty()), "{c}");
    }
    // An acronym's answer that opens with its expansion gives the alias.
    assert_eq!(
        concept(&hb, "web server gateway interface")["id"],
        concept(&hb, "wsgi")["id"]
    );
    // A request ("Patch dependencies?") names no concept.
    let all = names(&hb);
    assert!(!all.iter().any(|n| n.contains("patch")), "{all:?}");

    let (_dir, hb) = build(&[("content/sheet.md", CHEAT_SHEET_RU.as_bytes())]);
    for name in [
        "утиная типизация",
        "префиксное дерево",
        "синглтон",
        "веб-сокеты",
    ] {
        assert_eq!(concept(&hb, name)["discovered"], true);
    }
    assert_eq!(
        concept(&hb, "just-in-time")["id"],
        concept(&hb, "jit")["id"]
    );

    // A CJK question that a frame word cuts is a question, not a name.
    let (_dir, hb) = build(&[("content/sheet.md", CHEAT_SHEET_ZH.as_bytes())]);
    assert_eq!(concept(&hb, "闭包")["discovered"], true);
    assert_eq!(
        concept(&hb, "global interpreter lock")["id"],
        concept(&hb, "gil")["id"]
    );
    let all = names(&hb);
    assert!(!all.iter().any(|n| n.contains("用途")), "{all:?}");
}

#[test]
fn a_word_asked_about_only_inside_longer_concepts_is_their_head_not_a_concept() {
    for (notes, phrase, head) in [
        (
            "# Functions\n\n## What happens when a function is called?\n\nA frame is pushed.\n\n\
             ## What are function annotations?\n\nHints on a function's parameters.\n\n\
             ## What are function objects?\n\nEvery function is a value you can pass.\n\n\
             ## What are partial functions?\n\nA function with some arguments fixed.\n",
            "function annotations",
            "function",
        ),
        (
            "# Функции\n\n## Что происходит, когда вызывается функция?\n\nСоздаётся кадр.\n\n\
             ## Что такое аннотации функции?\n\nПодсказки к параметрам функции.\n\n\
             ## Что такое объекты функции?\n\nЛюбая функция — значение, которое можно передать.\n\n\
             ## Что такое частичное применение функции?\n\nФункция с частью закреплённых аргументов.\n",
            "аннотации функции",
            "функция",
        ),
    ] {
        let (_dir, hb) = build(&[("content/notes.md", notes.as_bytes())]);
        assert_eq!(concept(&hb, phrase)["discovered"], true);
        let all = names(&hb);
        assert!(
            !all.iter().any(|n| n.to_lowercase() == head),
            "{head} is a concept: {all:?}"
        );
    }
}

#[test]
fn a_define_question_about_an_identifier_names_the_identifier_not_its_words() {
    for notes in [
        "# Imports\n\n## What is `sys.modules`?\n\nThe cache of loaded modules, keyed by name.\n\n\
         ## How is `sys.modules` used by the import system?\n\nIt is checked before any finder runs.\n",
        "# Импорт\n\n## Что такое `sys.modules`?\n\nКэш загруженных модулей по именам.\n\n\
         ## Как импорт использует `sys.modules`?\n\nОн проверяется до поиска модуля.\n",
    ] {
        let (_dir, hb) = build(&[("content/notes.md", notes.as_bytes())]);
        let c = concept(&hb, "sys.modules");
        assert!(
            c["evidence"].as_str().unwrap().contains("defined in"),
            "{c}"
        );
        let all = names(&hb);
        assert!(!all.iter().any(|n| n == "sys"), "{all:?}");
    }
}

#[test]
fn a_head_noun_both_compared_sides_share_stays_in_them_though_a_stop_word() {
    // Lists of questions without answers: a compared side stands for a
    // definition. The stop lists hold "copy", "сторона" and "sistema".
    for (notes, kept, cut) in [
        (
            "# Copies\n\n1. Shallow copy vs deep copy?\n2. When is a deep copy needed?\n\
             3. What does a deep copy cost?\n",
            "deep copy",
            "deep",
        ),
        (
            "# Веб\n\n1. Клиентская сторона vs серверная сторона?\n\
             2. Что проверяет серверная сторона?\n3. Где работает серверная сторона?\n",
            "серверная сторона",
            "серверная",
        ),
        (
            "# Sistemas\n\n1. Sistema operacional vs sistema embarcado?\n\
             2. Onde roda um sistema embarcado?\n3. Quanto custa um sistema embarcado?\n",
            "sistema embarcado",
            "embarcado",
        ),
    ] {
        let (_dir, hb) = build(&[("content/notes.md", notes.as_bytes())]);
        let all = names(&hb);
        assert!(all.iter().any(|n| n == kept), "no {kept:?} in {all:?}");
        assert!(!all.iter().any(|n| n == cut), "{cut:?} in {all:?}");
    }
}

#[test]
fn spellings_of_one_general_vocabulary_term_are_one_concept() {
    // English only: the vocabulary deduplication folds is English.
    let notes = "# Memory\n\n## What are reference cycles?\n\nObjects that point at each other.\n\n\
                 ## How is cyclic garbage found?\n\nA collector walks the containers.\n\n\
                 ## Why do reference cycles leak without a collector?\n\nTheir counts never reach zero.\n\n\
                 ## What is multithreading?\n\nSeveral threads in one process.\n\n\
                 ## What is threading used for?\n\nWaiting on I/O in parallel.\n";
    let (_dir, hb) = build(&[("content/notes.md", notes.as_bytes())]);
    assert_eq!(
        concept(&hb, "reference cycles")["id"],
        concept(&hb, "cyclic garbage")["id"]
    );
    assert_eq!(
        concept(&hb, "multithreading")["id"],
        concept(&hb, "threading")["id"]
    );
    let c = concept(&hb, "threading");
    assert!(
        c["evidence"]
            .as_str()
            .unwrap()
            .contains("one term of the general vocabulary"),
        "{c}"
    );
}

#[test]
fn a_hyphenated_phrase_is_used_wherever_it_is_written() {
    // The answers write the phrase with a hyphen; its key is spaced. Every
    // entry that writes it uses it (no question asks about it).
    for (file, text, form) in [
        (
            "content/en.md",
            "## How do threads help a server?\n\nThreads suit waiting, not CPU-bound work.\n\n\
             ## Why use processes?\n\nProcesses run CPU-bound work on every core.\n\n\
             ## What limits a thread pool?\n\nCPU-bound work holds the lock; the CPU stays busy.\n",
            "cpu bound",
        ),
        (
            "content/ru.md",
            "## Как устроен словарь?\n\nСловарь — это хеш-таблица с открытой адресацией.\n\n\
             ## Почему поиск по ключу быстрый?\n\nХеш-таблица находит ключ за постоянное время.\n\n\
             ## Как хранится множество?\n\nМножество тоже хеш-таблица, только без значений.\n",
            "хеш таблица",
        ),
    ] {
        let (_, hb) = build(&[(file, text.as_bytes())]);
        let c = concept(&hb, form);
        let evidence = c["evidence"].as_str().unwrap();
        assert!(evidence.contains("used in 3 entries"), "{file}: {evidence}");
    }
}

#[test]
fn a_word_most_entries_use_still_heads_a_specific_phrase() {
    // Every answer says "memory" / "память": too common to be a concept
    // alone. The phrase two questions ask about is one.
    let en: String = (0..20)
        .map(|i| match i {
            0 => "## How do you measure memory usage?\n\nSample the memory usage of the process.\n\n".to_string(),
            1 => "## Why does memory usage grow over time?\n\nCaches keep memory, so memory usage climbs.\n\n".to_string(),
            _ => format!("## What does stage {i} do?\n\nStage {i} keeps its buffers in memory.\n\n"),
        })
        .collect();
    let ru: String = (0..20)
        .map(|i| match i {
            0 => {
                "## Что входит в расход памяти?\n\nСнимите расход памяти процесса.\n\n".to_string()
            }
            1 => {
                "## Что влияет на расход памяти?\n\nКэши держат память, и расход памяти растёт.\n\n"
                    .to_string()
            }
            _ => format!("## Что делает этап {i}?\n\nЭтап {i} держит буферы в памяти.\n\n"),
        })
        .collect();
    for (file, text, phrase, word) in [
        ("content/en.md", en, "memory usage", "memory"),
        ("content/ru.md", ru, "расход памяти", "память"),
    ] {
        let (_, hb) = build(&[(file, text.as_bytes())]);
        let c = concept(&hb, phrase);
        assert!(
            c["evidence"]
                .as_str()
                .unwrap()
                .contains("asked about in 2 questions"),
            "{file}: {c}"
        );
        let found = names(&hb);
        assert!(!found.iter().any(|n| n == word), "{file}: {found:?}");
    }
}

#[test]
fn a_concept_used_across_sources_scores_above_one_used_in_one() {
    // The same three entries, in one source and spread over three: the
    // concept they share scores higher when more sources use it.
    let entries = [
        "## What is a closure?\n\nA function that keeps the variables of its scope.\n",
        "## How do decorators use a closure?\n\nThe wrapper is a closure over the decorated function.\n",
        "## Why do loops surprise closures?\n\nEach closure sees the loop variable's last value.\n",
    ];
    let ru = [
        "## Что такое замыкание?\n\nФункция, которая помнит переменные своей области.\n",
        "## Как декоратор использует замыкание?\n\nОбёртка — это замыкание над функцией.\n",
        "## Почему замыкание в цикле удивляет?\n\nКаждое замыкание видит последнее значение.\n",
    ];
    let other_en = [
        "## What is a wheel?\n\nA built package ready to install.\n",
        "## What does pip freeze print?\n\nThe installed versions.\n",
        "## Why pin versions?\n\nSo that builds repeat.\n",
    ];
    let other_ru = [
        "## Что такое колесо?\n\nСобранный пакет, готовый к установке.\n",
        "## Что печатает pip freeze?\n\nУстановленные версии.\n",
        "## Зачем фиксировать версии?\n\nЧтобы сборки повторялись.\n",
    ];
    for (set, other, form) in [(entries, other_en, "closure"), (ru, other_ru, "замыкание")]
    {
        let one = format!("{}\n{}", set.join("\n"), other.join("\n"));
        let (_, hb_one) = build(&[("content/all.md", one.as_bytes())]);
        // Each source also holds an unrelated entry, as notes do.
        let with = |i: usize| format!("{}\n{}", set[i], other[i]);
        let (_, hb_three) = build(&[
            ("content/a.md", with(0).as_bytes()),
            ("content/b.md", with(1).as_bytes()),
            ("content/c.md", with(2).as_bytes()),
        ]);
        let score = |hb: &Value| -> f64 {
            let ev = concept(hb, form)["evidence"].as_str().unwrap().to_string();
            ev.rsplit("score ").next().unwrap().parse().unwrap()
        };
        assert!(
            score(&hb_three) > score(&hb_one),
            "{form}: {} vs {}",
            score(&hb_three),
            score(&hb_one)
        );
    }
}

#[test]
fn a_name_the_answers_say_almost_only_inside_a_longer_phrase_is_its_fragment() {
    // "Redis" alone is said once; every other time it is part of "Redis
    // Cluster", which is the concept.
    for (file, text) in [
        (
            "content/en.md",
            "## How do you shard a cache?\n\nThe Redis Cluster splits the keys into slots.\n\n\
             ## What happens when a node fails?\n\nThen Redis Cluster promotes a replica.\n\n\
             ## How do clients find a key?\n\nA Redis Cluster redirects them to the right node.\n\n\
             ## Where do sessions live?\n\nIn Redis, with an expiry.\n",
        ),
        (
            "content/ru.md",
            "## Как шардировать кэш?\n\nТут Redis Cluster делит ключи на слоты.\n\n\
             ## Что будет при отказе узла?\n\nТогда Redis Cluster повышает реплику.\n\n\
             ## Как клиент находит ключ?\n\nЗдесь Redis Cluster перенаправляет его на нужный узел.\n\n\
             ## Где хранить сессии?\n\nВ Redis, со сроком жизни.\n",
        ),
    ] {
        let (_, hb) = build(&[(file, text.as_bytes())]);
        let c = concept(&hb, "redis cluster");
        assert!(
            c["evidence"]
                .as_str()
                .unwrap()
                .contains("used in 3 entries"),
            "{file}: {c}"
        );
        let found = names(&hb);
        assert!(!found.iter().any(|n| n == "redis"), "{file}: {found:?}");
    }
}

#[test]
fn a_phrase_that_only_extends_a_concept_where_it_is_used_is_that_concept() {
    // The answers say "event loop" / "цикл событий" in four entries and,
    // in three of them, "event loop thread" / "поток цикла событий": the
    // longer phrase adds nothing the shorter does not name.
    for (file, text, short, long) in [
        (
            "content/en.md",
            "## How do tasks run?\n\nThe event loop thread runs them one at a time.\n\n\
             ## Why not block?\n\nA blocking call stalls the event loop thread.\n\n\
             ## Where do callbacks run?\n\nOn the event loop thread, in order.\n\n\
             ## What schedules timers?\n\nThe event loop, when nothing else is ready.\n",
            "event loop",
            "event loop thread",
        ),
        (
            "content/ru.md",
            "## Как выполняются задачи?\n\nИх по одной выполняет поток цикла событий.\n\n\
             ## Почему нельзя блокировать?\n\nБлокирующий вызов останавливает поток цикла событий.\n\n\
             ## Где выполняются колбэки?\n\nВ потоке цикла событий, по порядку.\n\n\
             ## Кто запускает таймеры?\n\nЦикл событий, когда больше ничего не готово.\n",
            "цикл событий",
            "поток цикла событий",
        ),
    ] {
        let (_, hb) = build(&[(file, text.as_bytes())]);
        let c = concept(&hb, short);
        assert!(
            c["evidence"]
                .as_str()
                .unwrap()
                .contains("used in 4 entries"),
            "{file}: {c}"
        );
        let found = names(&hb);
        assert!(!found.iter().any(|n| n == long), "{file}: {found:?}");
    }
}

#[test]
fn a_section_heading_names_topics_its_answers_use() {
    // The questions never name the sections' topics and the answers say
    // them as common nouns: only the headings show they are topics. A
    // heading with a sentence in it ("why it is unfair") names nothing,
    // not even its other piece; in a language with articles, a lone word
    // that no article shows heading a noun phrase ("Advanced") neither.
    for (file, text, topics, not_topics) in [
        (
            "content/en.md",
            "# Notes\n\n## Concurrency and caching\n\n\
             ### How do threads share work?\n\nThey share memory; concurrency here means interleaving tasks on one core.\n\n\
             ### What does a worker pool give you?\n\nA pool bounds the concurrency: at most N tasks run at once.\n\n\
             ### Why put a proxy in front of a slow service?\n\nIts caching keeps hot responses close.\n\n\
             ### When do stale responses appear?\n\nWhen the caching keeps a response past its lifetime.\n\n\
             ## Scheduler: why it is unfair\n\n\
             ### Who runs next?\n\nThe scheduler picks the task that waited longest.\n\n\
             ### Can a task starve?\n\nYes, when others always win; blame the scheduler.\n\n\
             ## Advanced\n\n\
             ### Why pin a thread to a core?\n\nAdvanced tuning keeps its cache warm.\n\n\
             ### When does lock-free code pay off?\n\nUnder heavy contention, in advanced servers.\n",
            &["concurrency", "caching"][..],
            &["scheduler", "advanced"][..],
        ),
        (
            "content/fr.md",
            "# Notes\n\n## Concurrence et journalisation\n\n\
             ### Comment les threads partagent-ils le travail ?\n\nIls partagent la mémoire ; la concurrence alterne les tâches.\n\n\
             ### Que donne un pool de workers ?\n\nUn pool borne la concurrence.\n\n\
             ### Pourquoi écrire chaque requête ?\n\nLa journalisation garde une trace.\n\n\
             ### Où vont les traces ?\n\nDans un fichier, que tourne chaque jour la journalisation.\n\n\
             ## Avancé\n\n\
             ### Pourquoi fixer un thread sur un cœur ?\n\nUn réglage avancé garde le cache chaud.\n\n\
             ### Quand un code sans verrou paie-t-il ?\n\nSous forte contention, dans un serveur avancé.\n",
            &["concurrence", "journalisation"][..],
            &["avancé"][..],
        ),
        (
            "content/ru.md",
            "# Заметки\n\n## Конкурентность и кэширование\n\n\
             ### Как потоки делят работу?\n\nОни делят память; конкурентность здесь означает чередование задач на одном ядре.\n\n\
             ### Что даёт пул воркеров?\n\nПул ограничивает конкурентность: одновременно выполняется не больше N задач.\n\n\
             ### Зачем ставить прокси перед медленным сервисом?\n\nЕго кэширование держит горячие ответы рядом.\n\n\
             ### Когда появляются устаревшие ответы?\n\nКогда кэширование хранит ответ дольше срока жизни.\n\n\
             ## Планировщик: почему он несправедлив\n\n\
             ### Кто выполняется следующим?\n\nПланировщик выбирает задачу, которая ждала дольше всех.\n\n\
             ### Может ли задача голодать?\n\nДа, когда планировщик всегда предпочитает другие.\n",
            &["конкурентность", "кэширование"][..],
            &["планировщик"][..],
        ),
    ] {
        let (dir, hb) = build(&[(file, text.as_bytes())]);
        for topic in topics {
            let c = concept(&hb, topic);
            let evidence = c["evidence"].as_str().unwrap();
            assert!(evidence.contains("names a section of"), "{file}: {c}");
            assert!(evidence.contains("used in 2 entries"), "{file}: {c}");
            let id = c["id"].as_str().unwrap();
            assert!(links_to(dir.path(), id) >= 1, "{file}: no link to {id}");
        }
        let found = names(&hb);
        for not_topic in not_topics {
            assert!(!found.iter().any(|n| n == not_topic), "{file}: {found:?}");
        }
    }
}

#[test]
fn a_name_always_followed_by_one_word_is_the_phrase_of_both() {
    // "copy" and "машина" are on the broad stop lists, so the questions'
    // runs end before them; the notes never write the first word alone.
    for (file, text, phrase, fragment) in [
        (
            "content/en.md",
            "## What is deep copy?\n\nDeep copy duplicates every nested object, so the result shares nothing.\n\n\
             ## When is deep copy too slow?\n\nOn large graphs, because deep copy walks every object.\n\n\
             ## How does a shallow clone differ?\n\nA shallow clone shares nested objects; deep copy does not.\n",
            "deep copy",
            "deep",
        ),
        (
            "content/ru.md",
            "## Что такое виртуальная машина?\n\nВиртуальная машина исполняет байт-код на любой платформе.\n\n\
             ## Зачем нужна виртуальная машина?\n\nВиртуальная машина отделяет программу от процессора.\n\n\
             ## Чем байт-код лучше исходного текста?\n\nЕго быстрее исполняет виртуальная машина.\n",
            "виртуальная машина",
            "виртуальная",
        ),
    ] {
        let (dir, hb) = build(&[(file, text.as_bytes())]);
        let c = concept(&hb, phrase);
        assert!(
            c["evidence"]
                .as_str()
                .unwrap()
                .contains("nearly always followed by"),
            "{file}: {c}"
        );
        assert!(
            links_to(dir.path(), c["id"].as_str().unwrap()) >= 1,
            "{file}"
        );
        let found = names(&hb);
        assert!(!found.iter().any(|n| n == fragment), "{file}: {found:?}");
    }
}

#[test]
fn a_definition_sentence_with_no_break_spaces_still_defines_its_subject() {
    // Text pasted from web pages writes no-break spaces around words.
    for (file, text, subject) in [
        (
            "content/en.md",
            "## How do tasks share one core?\n\nConcurrency means\u{a0}managing many tasks at once.\n\n\
             ## Why do web servers need threads?\n\nThey rely on concurrency to serve many clients.\n",
            "concurrency",
        ),
        (
            "content/ru.md",
            "## Как задачи делят одно ядро?\n\nКонкурентность\u{a0}— это управление многими задачами сразу.\n\n\
             ## Зачем веб-серверам потоки?\n\nИм нужна конкурентность, чтобы обслуживать многих клиентов.\n",
            "конкурентность",
        ),
    ] {
        let (_, hb) = build(&[(file, text.as_bytes())]);
        let c = concept(&hb, subject);
        assert!(
            c["summary"]
                .as_str()
                .is_some_and(|s| s.contains("управление") || s.contains("managing")),
            "{file}: {c}"
        );
    }
}

#[test]
fn a_mass_noun_asked_after_prepositions_is_a_concept_in_english_and_german() {
    // "recursion" and "Vererbung" never follow an article: only the
    // prepositions before them show they are nouns.
    let en = "## What happens to the call stack during recursion?\n\n\
              Every call pushes a frame until the base case returns.\n\n\
              ## Why do interpreters cap the depth of recursion?\n\n\
              Deep chains of calls would exhaust memory for recursion.\n\n\
              ## When is a loop clearer than a solution with recursion?\n\n\
              When the state fits in two variables.\n";
    let de = "## Wie teilt man Code ohne Vererbung?\n\n\
              Durch Komposition: ein Objekt hält das andere.\n\n\
              ## Welche Probleme entstehen bei Vererbung?\n\n\
              Eine Änderung der Basisklasse trifft jede Unterklasse.\n\n\
              ## Was ist besser als Code mit Vererbung?\n\n\
              Kleine Schnittstellen, die man kombiniert, statt Vererbung.\n";
    for (file, text, noun) in [
        ("content/en.md", en, "recursion"),
        ("content/de.md", de, "Vererbung"),
    ] {
        let (_, hb) = build(&[(file, text.as_bytes())]);
        let c = concept(&hb, noun);
        assert!(c["about"].as_array().unwrap().len() >= 3, "{file}: {c}");
    }
}

/// A list of questions without answers: `first` and `second` asked one
/// after the other at its start, `again` at its end, eighteen other
/// questions between.
fn side_by_side_list(first: &[&str; 2], again: &[&str; 2], others: &[&str]) -> String {
    let mut out = String::from("# Questions\n\n");
    let all = first.iter().chain(others).chain(again);
    for (i, q) in all.enumerate() {
        out.push_str(&format!("{}. {q}\n", i + 1));
    }
    out
}

#[test]
fn concepts_asked_about_side_by_side_relate_in_english_and_chinese() {
    // Without answers nothing co-occurs in an answer: the only evidence of
    // how these concepts relate is where the questions are asked.
    let en_others = [
        "What is a bloom filter?",
        "What is a trie?",
        "What is a skip list?",
        "What is a binary heap?",
        "What is a mutex?",
        "What is a B-tree?",
        "What is a hash map?",
        "What is a linked list?",
        "What is a call stack?",
        "What is a ring buffer?",
        "What is a red-black tree?",
        "What is a suffix array?",
        "What is a tuple?",
        "What is a closure?",
        "What is a decorator?",
        "What is an iterator?",
        "What is a memory arena?",
        "What is a copy constructor?",
    ];
    let zh_others = [
        "什么是布隆过滤器？",
        "什么是字典树？",
        "什么是跳表？",
        "什么是二叉堆？",
        "什么是互斥锁？",
        "什么是B树？",
        "什么是哈希表？",
        "什么是链表？",
        "什么是调用栈？",
        "什么是环形缓冲区？",
        "什么是红黑树？",
        "什么是后缀数组？",
        "什么是元组？",
        "什么是闭包？",
        "什么是装饰器？",
        "什么是迭代器？",
        "什么是内存池？",
        "什么是拷贝构造函数？",
    ];
    let en = side_by_side_list(
        &["What is a coroutine?", "What is an event loop?"],
        &[
            "How do you cancel a coroutine?",
            "How does an event loop pick the next task?",
        ],
        &en_others,
    );
    let zh = side_by_side_list(
        &["什么是协程？", "什么是事件循环？"],
        &["协程是什么？", "事件循环是什么？"],
        &zh_others,
    );
    for (file, text, a, b) in [
        ("content/en.md", en, "coroutine", "event loop"),
        ("content/zh.md", zh, "协程", "事件循环"),
    ] {
        let (dir, hb) = build(&[(file, text.as_bytes())]);
        let (ca, cb) = (concept(&hb, a), concept(&hb, b));
        let relation = ca["relations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["concept"] == cb["id"])
            .unwrap_or_else(|| panic!("{file}: {a} is not related to {b}: {ca}"));
        let beside = relation["beside"].as_array().unwrap();
        assert_eq!(beside.len(), 2, "{file}: {relation}");
        // Neither is related to a question asked once beside it.
        let others: Vec<&str> = ca["related"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(others, [cb["id"].as_str().unwrap()], "{file}");
        let page = std::fs::read_to_string(dir.path().join(format!(
            "public/concepts/{}.html",
            ca["id"].as_str().unwrap()
        )))
        .unwrap();
        assert!(page.contains("asked side by side 2 times"), "{file}");
    }
}

#[test]
fn an_acronym_the_notes_never_expand_joins_the_phrase_it_spells_in_english_and_russian() {
    let en = "## What does the garbage collector do?\n\n\
              It frees objects nothing refers to. The GC runs when allocations pile up.\n\n\
              ## When does the garbage collector run?\n\n\
              After enough allocations; a full pass also walks older generations.\n\n\
              ## How do you pause the GC during a benchmark?\n\n\
              Call disable() before the timed part and enable() after it.\n";
    let ru = "## Что такое центральный процессор?\n\n\
              Главная микросхема компьютера. ЦП читает инструкции из памяти по очереди.\n\n\
              ## Как центральный процессор выполняет инструкции?\n\n\
              По очереди: выборка, декодирование, исполнение.\n\n\
              ## Почему ЦП греется под нагрузкой?\n\n\
              Каждое переключение транзисторов рассеивает энергию.\n";
    for (file, text, phrase, acronym, asked) in [
        (
            "content/en.md",
            en,
            "garbage collector",
            "GC",
            "how-do-you-pause-the-gc-during-a-benchmark",
        ),
        (
            "content/ru.md",
            ru,
            "центральный процессор",
            "ЦП",
            "почему-цп-греется-под-нагрузкой",
        ),
    ] {
        let (_, hb) = build(&[(file, text.as_bytes())]);
        let c = concept(&hb, phrase);
        assert!(
            c["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == acronym),
            "{file}: {c}"
        );
        assert!(
            c["about"].as_array().unwrap().iter().any(|e| e == asked),
            "{file}: {c}"
        );
        assert!(
            c["evidence"]
                .as_str()
                .unwrap()
                .contains("spells the initials"),
            "{file}: {c}"
        );
    }
    // Two phrases with the same initials: the acronym is neither's.
    let both = format!(
        "{en}\n## What is graph colouring?\n\n\
         Giving neighbouring nodes different colours.\n\n\
         ## Why is graph colouring hard?\n\n\
         No fast exact method is known.\n"
    );
    let (_, hb) = build(&[("content/en.md", both.as_bytes())]);
    for phrase in ["garbage collector", "graph colouring"] {
        let c = concept(&hb, phrase);
        assert!(
            !c["aliases"].as_array().unwrap().iter().any(|a| a == "GC"),
            "{c}"
        );
    }
}

#[test]
fn verb_forms_of_japanese_and_korean_questions_are_not_concepts() {
    // Every question repeats a verb form ("使ったことがありますか",
    // "기능을 하고 있나요"): only the nouns asked about are concepts.
    let ja = "# JavaScript 面接ノート\n\n\
              ## クロージャを使ったことがありますか？どんな場面で使いましたか？\n\n\
              クロージャは外側の変数を覚えている関数です。カウンターを作るときに使いました。\n\n\
              ## クロージャの仕組みについて述べてください。\n\n\
              関数が作られたときのスコープを、クロージャが持ち続けます。\n\n\
              ## プロトタイプを使ったことがありますか？どんな場面で使いましたか？\n\n\
              プロトタイプは、オブジェクトが共有するメソッドの置き場所です。\n\n\
              ## プロトタイプの仕組みについて述べてください。\n\n\
              プロパティが見つからないとき、プロトタイプをたどって探します。\n\n\
              ## イベントループを使ったことがありますか？どんな場面で使いましたか？\n\n\
              イベントループは、タスクキューから一つずつ処理を取り出します。\n\n\
              ## イベントループの仕組みについて述べてください。\n\n\
              コールスタックが空になると、イベントループが次のタスクを渡します。\n";
    let ko = "# 데이터베이스 면접 질문\n\n\
              1. 트랜잭션에 대해서 설명해주세요.\n\n\
              \x20       트랜잭션은 한꺼번에 성공하거나 한꺼번에 실패하는 작업의 묶음이다.\n\n\
              2. 트랜잭션은 어떤 기능을 하고 있나요?\n\n\
              \x20       중간에 실패해도 데이터가 어긋나지 않게 해서 일관성을 지킨다.\n\n\
              3. 인덱스에 대해서 설명해주세요.\n\n\
              \x20       인덱스는 조회를 빠르게 하는 정렬된 보조 구조이다.\n\n\
              4. 인덱스는 어떤 기능을 하고 있나요?\n\n\
              \x20       전체를 읽지 않고 필요한 행만 찾게 해서 조회를 줄인다.\n\n\
              5. 정규화에 대해서 설명해주세요.\n\n\
              \x20       정규화는 중복을 줄이도록 테이블을 나누는 과정이다.\n\n\
              6. 정규화는 어떤 기능을 하고 있나요?\n\n\
              \x20       수정할 곳을 한 곳으로 모아서 이상 현상을 막는다.\n";
    let hiragana = |c: char| ('\u{3041}'..='\u{309F}').contains(&c);
    for (file, text, nouns) in [
        (
            "content/ja.md",
            ja,
            ["クロージャ", "プロトタイプ", "イベントループ"],
        ),
        ("content/ko.md", ko, ["트랜잭션", "인덱스", "정규화"]),
    ] {
        let (_, hb) = build(&[(file, text.as_bytes())]);
        for noun in nouns {
            concept(&hb, noun);
        }
        for name in names(&hb) {
            assert!(
                !name.chars().any(hiragana),
                "{file}: {name:?} is a verb form"
            );
            assert!(
                !["하고", "해서", "대해서", "대해"].contains(&name.as_str()),
                "{file}: {name:?} is a verb form"
            );
        }
    }
}

#[test]
fn a_name_joined_by_a_linking_word_is_one_concept_in_portuguese_and_spanish() {
    // "banco" and "base" are nearly always followed by "de dados" / "de
    // datos": the name runs across the linking word, never ends on it.
    let pt = "# Perguntas de entrevista\n\
              \n\
              ## Qual banco de dados escolher para um sistema de pedidos?\n\
              \n\
              Um banco de dados relacional, porque os pedidos precisam de transações.\n\
              \n\
              ## Como um banco de dados usa um índice?\n\
              \n\
              O banco de dados consulta o índice antes de ler a tabela inteira.\n\
              \n\
              ## Por que o banco de dados precisa de transações?\n\
              \n\
              Sem transações, o banco de dados guardaria escritas pela metade.\n\
              \n\
              ## Como proteger o banco de dados contra falhas?\n\
              \n\
              Com backup diário e réplicas do banco de dados em outros servidores.\n\
              \n\
              ## Quando dividir o banco de dados em vários?\n\
              \n\
              Quando um só banco de dados não aguenta a carga de escrita.\n\
              \n\
              ## O que é normalização?\n\
              \n\
              Normalização divide as tabelas do banco de dados para evitar repetição.\n";
    let es = "# Preguntas de entrevista\n\
              \n\
              ## ¿Qué base de datos elegir para un sistema de pedidos?\n\
              \n\
              Una base de datos relacional, porque los pedidos necesitan transacciones.\n\
              \n\
              ## ¿Cómo usa una base de datos un índice?\n\
              \n\
              La base de datos consulta el índice antes de leer la tabla entera.\n\
              \n\
              ## ¿Por qué la base de datos necesita transacciones?\n\
              \n\
              Sin transacciones, la base de datos guardaría escrituras a medias.\n\
              \n\
              ## ¿Cómo proteger la base de datos contra fallos?\n\
              \n\
              Con copias diarias y réplicas de la base de datos en otros servidores.\n\
              \n\
              ## ¿Cuándo dividir la base de datos en varias?\n\
              \n\
              Cuando una sola base de datos no aguanta la carga de escritura.\n\
              \n\
              ## ¿Qué es la normalización?\n\
              \n\
              La normalización divide las tablas de la base de datos para evitar repeticiones.\n";
    for (file, text, name, id) in [
        ("content/pt.md", pt, "banco de dados", "banco-de-dados"),
        ("content/es.md", es, "base de datos", "base-de-datos"),
    ] {
        let (dir, hb) = build(&[(file, text.as_bytes())]);
        let c = concept(&hb, name);
        assert!(c["about"].as_array().unwrap().len() >= 5, "{file}: {c}");
        assert_eq!(c["id"], id, "{file}");
        assert!(
            links_to(dir.path(), id) >= 3,
            "{file}: linked from the answers"
        );
        for n in names(&hb) {
            assert!(
                !n.to_lowercase().ends_with(" de"),
                "{file}: {n:?} ends on its linking word"
            );
        }
    }
}

/// The text of every link to concept `id` in the rendered chapter pages.
fn link_texts(dir: &std::path::Path, id: &str) -> Vec<String> {
    let needle = format!("href=\"../concepts/{id}.html\" title=");
    let mut out = Vec::new();
    for (_, page) in common::read_tree(&dir.join("public/chapters")) {
        let page = String::from_utf8_lossy(&page);
        for (at, _) in page.match_indices(&needle) {
            let text = &page[at..];
            let text = &text[text.find('>').unwrap() + 1..];
            out.push(text[..text.find('<').unwrap()].to_string());
        }
    }
    out
}

#[test]
fn an_acronym_written_only_in_capitals_never_links_the_word_in_english_and_german() {
    // Every answer says the common word ("cap", "Art") before the acronym:
    // the first mention linked must be the acronym's.
    let en = "# Distributed systems questions\n\
              \n\
              ## What does the CAP theorem state?\n\
              \n\
              To cap it in one line: under a partition, CAP says a store keeps consistency or availability.\n\
              \n\
              ## Which CAP property do banks favour?\n\
              \n\
              They cap risk by choosing consistency, the C of CAP.\n\
              \n\
              ## Is CAP still useful?\n\
              \n\
              A cap on what any design can promise: CAP frames the trade-off.\n\
              \n\
              ## How does PACELC extend CAP?\n\
              \n\
              It puts a cap on latency too: beyond CAP, without partitions, latency trades against consistency.\n";
    let de = "# Android Fragen\n\
              \n\
              ## Was ist ART?\n\
              \n\
              Eine Art Laufzeitumgebung: ART führt Android-Apps aus.\n\
              \n\
              ## Wie übersetzt ART den Code?\n\
              \n\
              Diese Art der Übersetzung passiert vorab: ART erzeugt Maschinencode.\n\
              \n\
              ## Warum ersetzte ART die Dalvik-Maschine?\n\
              \n\
              Die Art der Speicherbereinigung ist besser, und ART startet Apps schneller.\n\
              \n\
              ## Wie viel Speicher braucht ART?\n\
              \n\
              Jede Art von Vorübersetzung kostet Platz: ART braucht mehr Speicher.\n";
    for (file, text, id, acronym) in [
        ("content/en.md", en, "cap", "CAP"),
        ("content/de.md", de, "art", "ART"),
    ] {
        let (dir, hb) = build(&[(file, text.as_bytes())]);
        assert_eq!(concept(&hb, acronym)["id"], id, "{file}");
        let texts = link_texts(dir.path(), id);
        assert!(texts.len() >= 3, "{file}: {texts:?}");
        assert!(texts.iter().all(|t| t == acronym), "{file}: {texts:?}");
    }
}

#[test]
fn an_acronym_joins_only_a_phrase_written_in_its_own_language() {
    // "GC" in the English notes spells the initials of a Portuguese
    // phrase; the two are not one concept.
    let en = "# Runtime questions\n\
              \n\
              ## When does the GC run?\n\
              \n\
              When an allocation finds the young heap full, the GC runs a minor cycle.\n\
              \n\
              ## How long does a GC pause last?\n\
              \n\
              A minor GC pause takes a few milliseconds on a small heap.\n\
              \n\
              ## Can a program trigger the GC?\n\
              \n\
              It can ask for a full GC, but the runtime may defer the request.\n\
              \n\
              ## Why tune the GC?\n\
              \n\
              A GC tuned for throughput pauses less often but longer.\n";
    let pt = "# Perguntas de processo\n\
              \n\
              ## O que é garantia contínua?\n\
              \n\
              A garantia contínua verifica cada entrega com testes automáticos.\n\
              \n\
              ## Quem cuida da garantia contínua?\n\
              \n\
              O time inteiro cuida da garantia contínua, não só a equipe de testes.\n\
              \n\
              ## Como medir a garantia contínua?\n\
              \n\
              Pela taxa de falhas que escapam: a garantia contínua quer essa taxa baixa.\n\
              \n\
              ## Quando a garantia contínua falha?\n\
              \n\
              A garantia contínua falha quando os testes ficam lentos e são ignorados.\n";
    let (_, hb) = build(&[
        ("content/en.md", en.as_bytes()),
        ("content/pt.md", pt.as_bytes()),
    ]);
    let c = concept(&hb, "garantia contínua");
    let aliases: Vec<&str> = c["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a.as_str())
        .collect();
    assert!(!aliases.contains(&"GC"), "{c}");
}

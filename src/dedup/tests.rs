//! Unit tests of the dedup stage, one group per feature, on constructed
//! questions.

use super::*;

fn entry(question: &str) -> Entry {
    entry_at("notes.md", 1, question)
}

fn entry_at(source: &str, line: usize, question: &str) -> Entry {
    Entry {
        source: source.to_string(),
        line,
        question: question.to_string(),
        answer: String::new(),
        section: Vec::new(),
    }
}

fn entries(questions: &[&str]) -> Vec<Entry> {
    questions
        .iter()
        .enumerate()
        .map(|(i, q)| entry_at("notes.md", i + 1, q))
        .collect()
}

fn same_cluster(c: &Clustering, a: usize, b: usize) -> bool {
    let assign = c.assignment(a.max(b) + 1);
    assign[a] == assign[b]
}

/// Made-up topic words for background questions: they share nothing
/// with the questions under test.
const FILLER_TOPICS: &[&str] = &[
    "zabrel", "quonith", "vesprac", "dulmoor", "kethrin", "pollavy", "strenox", "mirvade",
    "tolquin", "brastel", "yundrop", "gavrent", "fezzoly", "coprint", "lumbrak", "nistraw",
    "orvalde", "plinsoe", "raxonet", "suvilla", "thremix", "uldgate", "wiskorn", "xanthel",
];

/// Background questions of a handbook whose subject is `subject` ("a
/// Python handbook"): every one names it, as real notes do.
fn background(subject: &str) -> Vec<String> {
    FILLER_TOPICS
        .iter()
        .enumerate()
        .map(|(i, t)| match i % 3 {
            0 => format!("What is a {t} in {subject}?"),
            1 => format!("How does {subject} handle {t}s?"),
            _ => format!("Explain {t} handling in {subject}."),
        })
        .collect()
}

/// Background questions of a Russian handbook on `subject`.
fn background_ru(subject: &str) -> Vec<String> {
    FILLER_TOPICS
        .iter()
        .enumerate()
        .map(|(i, t)| match i % 2 {
            0 => format!("Что такое {t} в {subject}?"),
            _ => format!("Как {subject} обрабатывает {t}?"),
        })
        .collect()
}

/// Clusters `a` and `b` among the questions of a Python handbook
/// ([`background`]) and checks whether they merge.
fn check(a: &str, b: &str, expect_merge: bool) {
    check_in("Python", a, b, expect_merge);
}

/// Clusters `a` and `b` among the background questions of a handbook on
/// `subject` and checks whether they merge.
fn check_in(subject: &str, a: &str, b: &str, expect_merge: bool) {
    let mut questions = vec![a.to_string(), b.to_string()];
    questions.extend(background(subject));
    let refs: Vec<&str> = questions.iter().map(String::as_str).collect();
    let c = cluster(&entries(&refs), &DedupOptions::default()).unwrap();
    let merged = same_cluster(&c, 0, 1);
    let detail = c
        .clusters
        .iter()
        .flat_map(|c| &c.evidence)
        .chain(&c.near_misses)
        .map(|p| format!("{:.2} {}", p.score, p.reason))
        .collect::<Vec<_>>()
        .join(" | ");
    assert_eq!(merged, expect_merge, "{a:?} vs {b:?}: {detail}");
}

/// [`check_in`] among the questions of a Russian handbook on Python
/// ([`background_ru`]).
fn check_ru(a: &str, b: &str, expect_merge: bool) {
    let mut questions = vec![a.to_string(), b.to_string()];
    questions.extend(background_ru("Python"));
    let refs: Vec<&str> = questions.iter().map(String::as_str).collect();
    let c = cluster(&entries(&refs), &DedupOptions::default()).unwrap();
    let detail: Vec<String> = c.near_misses.iter().map(|p| p.reason.clone()).collect();
    assert_eq!(
        same_cluster(&c, 0, 1),
        expect_merge,
        "{a:?} vs {b:?}: {detail:?}"
    );
}

#[test]
fn terse_forms_match_full_forms() {
    check("Closure?", "What are closures?", true);
    check("Monkey patching?", "What is monkey patching?", true);
    check("Duck typing?", "How does Python support duck typing?", true);
    check("Generators?", "What are generators in Python?", true);
}

#[test]
fn stemming_and_case() {
    check(
        "How are dictionaries implemented?",
        "How is a Dictionary implemented?",
        true,
    );
    check(
        "What is list comprehension?",
        "What are list comprehensions?",
        true,
    );
}

#[test]
fn aliases_fold_phrasings() {
    check(
        "What is the GIL?",
        "What is the Global Interpreter Lock?",
        true,
    );
    check("What are meta classes?", "What are metaclasses?", true);
    check(
        "Multithreading vs Multiprocessing?",
        "Difference between threads and processes?",
        true,
    );
    check("What is a DB?", "What is a database?", true);
}

#[test]
fn user_aliases_extend_the_defaults() {
    let qs = entries(&[
        "What is a walrus operator?",
        "What is an assignment expression?",
    ]);
    let c = cluster(&qs, &DedupOptions::default()).unwrap();
    assert!(!same_cluster(&c, 0, 1));
    let mut opts = DedupOptions::default();
    opts.aliases.push(vec![
        "walrus operator".into(),
        "assignment expression".into(),
    ]);
    let c = cluster(&qs, &opts).unwrap();
    assert!(same_cluster(&c, 0, 1));
}

#[test]
fn acronyms_defined_in_the_collection_are_learned() {
    let qs = entries(&[
        "What is the Web Server Gateway Interface (WSGI)?",
        "WSGI?",
        "Explain web server gateway interface.",
    ]);
    let c = cluster(&qs, &DedupOptions::default()).unwrap();
    assert!(same_cluster(&c, 0, 1) && same_cluster(&c, 1, 2));
}

#[test]
fn qualifiers_and_generic_words_are_noise() {
    check(
        "Difference between threading and multiprocessing externally?",
        "Multithreading vs Multiprocessing?",
        true,
    );
    check(
        "How does Python manage memory internally?",
        "How is memory managed under the hood?",
        true,
    );
    check("How does a program execute code?", "How is code run?", true);
}

#[test]
fn subject_words_are_learned_from_the_handbook() {
    // The handbook's subject is whatever most of its questions name.
    check_in(
        "Python",
        "What are generators in Python?",
        "Generators?",
        true,
    );
    check_in(
        "JavaScript",
        "What are promises in JavaScript?",
        "Promises?",
        true,
    );
    check_in("SQL", "How do SQL views work?", "How do views work?", true);
    // A word that is not the handbook's subject still counts.
    check_in(
        "JavaScript",
        "How do Python generators work?",
        "How do generators work?",
        false,
    );
    check_in(
        "Python",
        "How do SQL views work?",
        "How do views work?",
        false,
    );
    // The same in Russian notes: the subject is learned, whatever the language.
    let merged = |background: Vec<String>, a: &str, b: &str| {
        let mut questions = vec![a.to_string(), b.to_string()];
        questions.extend(background);
        let refs: Vec<&str> = questions.iter().map(String::as_str).collect();
        let c = cluster(&entries(&refs), &DedupOptions::default()).unwrap();
        same_cluster(&c, 0, 1)
    };
    let (a, b) = ("Что такое генераторы Python?", "Что такое генераторы?");
    assert!(merged(background_ru("Python"), a, b));
    assert!(!merged(background_ru("Go"), a, b));
}

#[test]
fn question_frames_match_across_wordings() {
    // Pitfalls, conditions, mechanism, effect and why, each in two frames.
    check(
        "What are common pitfalls with closures?",
        "What can go wrong when using closures?",
        true,
    );
    check(
        "Which mistakes do people make with joins?",
        "What are the gotchas of joins?",
        true,
    );
    check(
        "When should you use a tuple instead of a list?",
        "In which situations would you prefer a tuple over a list?",
        true,
    );
    check(
        "How is the event loop implemented?",
        "Walk through the internals of the event loop.",
        true,
    );
    check(
        "How do indexes affect writes?",
        "In what way do indexes influence writes?",
        true,
    );
    check(
        "Why was the walrus operator introduced?",
        "What problem does the walrus operator solve?",
        true,
    );
    check(
        "What is a decorator?",
        "What is a decorator used for?",
        true,
    );
    check(
        "What causes lock contention?",
        "Why does lock contention happen?",
        true,
    );
    check(
        "Usual mistakes when writing decorators?",
        "Decorator gotchas to watch out for?",
        true,
    );
    check(
        "When should you index a column?",
        "In what situations does indexing a column make sense?",
        true,
    );
    check(
        "How are exceptions handled in Python?",
        "What is the idiomatic way to deal with exceptions?",
        true,
    );
    // Different asks over the same subject stay apart.
    check(
        "What are common pitfalls with closures?",
        "What is a closure?",
        false,
    );
    check(
        "What causes lock contention?",
        "What is lock contention?",
        false,
    );
    check(
        "How is the event loop implemented?",
        "What is the event loop used for?",
        false,
    );
    check(
        "Why was the walrus operator introduced?",
        "What is the walrus operator?",
        false,
    );
}

#[test]
fn derived_words_and_acronyms_from_the_notes_match() {
    // "-able" adjectives meet their verb when the notes use both.
    check(
        "How do you design scalable services?",
        "How do you design services that scale?",
        true,
    );
    // An acronym one question uses meets the phrase another spells out.
    check(
        "What is the DOM?",
        "What is the document object model?",
        true,
    );
    // An acronym an answer defines ("LF (Long Form)") joins its long form.
    let mut es = entries(&["What is the GIL?", "What is the global interpreter lock?"]);
    es.push(Entry {
        answer: "The GIL (global interpreter lock) lets one thread run at a time.".into(),
        ..entry_at("notes.md", 3, "Threads and the GIL?")
    });
    let c = cluster(&es, &DedupOptions::default()).unwrap();
    assert!(same_cluster(&c, 0, 1));
}

#[test]
fn a_making_verb_before_a_derived_adjective_only_frames_the_ask() {
    // "design scalable X" asks how to scale X.
    check(
        "How do you design scalable Python applications?",
        "Scale Python apps?",
        true,
    );
    check_in(
        "JavaScript",
        "How would you build scalable Node services?",
        "Scale Node services?",
        true,
    );
    // Without a derived adjective the making verb is the ask, and with
    // one it still counts a little.
    check(
        "How do you write a decorator?",
        "How do you use a decorator?",
        false,
    );
    check(
        "How do you write testable code?",
        "How do you test code?",
        false,
    );
    check_in(
        "JavaScript",
        "How do you build a bundle?",
        "How do you split a bundle?",
        false,
    );
}

#[test]
fn everything_and_all_values_say_the_same() {
    check(
        "Why is everything an object in Python?",
        "Why are all values objects in Python?",
        true,
    );
    check(
        "Почему в Python всё является объектом?",
        "Почему в Python все значения являются объектами?",
        true,
    );
    check(
        "Why is everything an object in Python?",
        "Why are all values in Python objects?",
        true,
    );
    check(
        "Почему в Python всё является объектом?",
        "Почему всё в Python является объектом?",
        true,
    );
    check(
        "Why is everything an object?",
        "Why is everything hashable?",
        false,
    );
    check(
        "Почему всё является объектом?",
        "Почему всё копируется по ссылке?",
        false,
    );
}

#[test]
fn russian_questions_are_stemmed_and_their_frames_dropped() {
    check("Что такое замыкание?", "Объясните замыкания.", true);
    check(
        "Что такое виртуальное окружение?",
        "Зачем нужны виртуальные окружения в Python?",
        true,
    );
    check("Что такое замыкание?", "Что такое декоратор?", false);
    check("Что такое индекс?", "Что такое составной индекс?", false);
}

#[test]
fn words_the_notes_use_as_context_weigh_as_context_everywhere() {
    let merged = |questions: &[&str]| {
        let c = cluster(&entries(questions), &DedupOptions::default()).unwrap();
        same_cluster(&c, 0, 1)
    };
    // "in SQL" twice: "SQL views" is about views, in SQL.
    assert!(merged(&[
        "What is a view in SQL?",
        "What are SQL views?",
        "What is a trigger in SQL?"
    ]));
    assert!(!merged(&["What is a view in SQL?", "What are SQL views?"]));
    // The same in Russian notes: "в Go" twice.
    assert!(merged(&[
        "Что такое горутина в Go?",
        "Что такое Go горутины?",
        "Что такое интерфейс в Go?"
    ]));
    assert!(!merged(&[
        "Что такое горутина в Go?",
        "Что такое Go горутины?"
    ]));
}

#[test]
fn labelled_questions_read_the_label_as_subject() {
    check("SQL views: what are they?", "What are SQL views?", true);
    check(
        "Cron - what do people use it for?",
        "What is cron used for?",
        true,
    );
    check(
        "Closures: how are they implemented?",
        "What is a closure?",
        false,
    );
    // The same structure in Chinese: label, then the question.
    check("视图：是什么？", "什么是视图？", true);
    check("装饰器：如何实现？", "装饰器是什么？", false);
    // Particles do not count: "Python的装饰器" is about 装饰器.
    check("什么是装饰器？", "Python的装饰器是什么？", true);
}

#[test]
fn the_same_words_in_opposite_directions_stay_apart() {
    check(
        "How do you convert a list to a string?",
        "How do you convert a string to a list?",
        false,
    );
    check(
        "How do I call a parent widget's method from a child widget?",
        "How do I call a child widget's method from the parent widget?",
        false,
    );
    check(
        "How do you convert a list to a string?",
        "How can I convert a list into a string?",
        true,
    );
    // A comparison is symmetric.
    check(
        "How does a tuple compare to a list?",
        "How does a list compare to a tuple?",
        true,
    );
    check_ru(
        "Как преобразовать список в строку?",
        "Как преобразовать строку в список?",
        false,
    );
    check_ru(
        "Как преобразовать список в строку?",
        "Как список преобразовать в строку?",
        true,
    );
}

#[test]
fn intent_separates_questions_with_the_same_nouns() {
    check(
        "What is the GIL?",
        "How does the GIL affect multithreading?",
        false,
    );
    check(
        "When to use multiprocessing over threading?",
        "Threading vs multiprocessing?",
        false,
    );
    check(
        "What are context managers?",
        "How are context managers implemented?",
        false,
    );
    check(
        "Why are strings immutable?",
        "What are immutable strings?",
        false,
    );
    check(
        "What are decorators?",
        "What are the advantages of decorators?",
        false,
    );
    check("What is a generator?", "How to write a generator?", false);
    check(
        "What is the GIL? Why?",
        "Why does Python need the GIL?",
        false,
    );
}

#[test]
fn compatible_intents_merge() {
    check(
        "How does Python handle file buffering?",
        "What is file buffering?",
        true,
    );
    check("Explain the GIL.", "What is the GIL?", true);
    check("Reduce memory usage?", "How to reduce memory usage?", true);
    check("Design patterns?", "What are design patterns?", true);
}

#[test]
fn code_tokens_are_kept_and_compared() {
    check("What is `__init__`?", "What is __init__()?", true);
    check("What is `__init__`?", "What is `__new__`?", false);
    check(
        "What are `.pyc` files and when are they created?",
        "What is the difference between .py and .pyc files?",
        false,
    );
    check(
        "What is the `__pycache__` folder?",
        "What is `__pycache__`?",
        true,
    );
}

#[test]
fn a_specialising_term_blocks_a_merge() {
    check("Rate limiter?", "API rate limiting?", false);
    check(
        "What are closures?",
        "What is the late binding issue in closures?",
        false,
    );
    check("What is a decorator?", "What is a class decorator?", false);
    check(
        "What is method overloading?",
        "Operator overloading?",
        false,
    );
}

#[test]
fn a_later_sub_question_weighs_less() {
    check(
        "What is bytecode and where is it stored?",
        "What is bytecode?",
        true,
    );
    check(
        "What is the GIL? Why?",
        "What is the Global Interpreter Lock (GIL)?",
        true,
    );
}

#[test]
fn compounds_join_to_collection_words() {
    check("What are memory views?", "What is a memoryview?", true);
}

#[test]
fn answers_are_only_weak_evidence() {
    let mut qs = entries(&["What is a list?", "What is a tuple?"]);
    for e in &mut qs {
        e.answer = "An ordered sequence of items, indexed from zero.".to_string();
    }
    let c = cluster(&qs, &DedupOptions::default()).unwrap();
    assert!(!same_cluster(&c, 0, 1));
}

#[test]
fn complete_linkage_prevents_chaining() {
    // "Handle" may join "define" and "mechanism", but those two may not
    // join each other, so the three cannot be one cluster.
    let qs = entries(&[
        "What is file buffering?",
        "How does Python handle file buffering?",
        "How does file buffering work?",
    ]);
    let c = cluster(&qs, &DedupOptions::default()).unwrap();
    assert!(!(same_cluster(&c, 0, 1) && same_cluster(&c, 1, 2)));
    assert!(!same_cluster(&c, 0, 2));
}

#[test]
fn canonical_is_the_clearest_phrasing() {
    let qs = entries(&[
        "What is the GIL? Why?",
        "What is the Global Interpreter Lock (GIL)?",
        "GIL?",
    ]);
    let c = cluster(&qs, &DedupOptions::default()).unwrap();
    assert_eq!(c.clusters.len(), 1);
    assert_eq!(c.clusters[0].canonical, 1);
    let qs = entries(&["Closure?", "What are closures?"]);
    let c = cluster(&qs, &DedupOptions::default()).unwrap();
    assert_eq!(c.clusters[0].canonical, 1);
}

#[test]
fn evidence_names_the_merging_pairs() {
    let qs = entries(&["Closure?", "What are closures?", "What are closures?"]);
    let c = cluster(&qs, &DedupOptions::default()).unwrap();
    let ev = &c.clusters[0].evidence;
    assert_eq!(ev.len(), 2, "a spanning tree over three members");
    assert!(ev.iter().all(|p| p.a < p.b && p.score >= DEFAULT_THRESHOLD));
}

#[test]
fn near_misses_are_reported() {
    let qs = entries(&[
        "What are context managers?",
        "How are context managers implemented?",
    ]);
    let c = cluster(&qs, &DedupOptions::default()).unwrap();
    assert_eq!(c.near_misses.len(), 1);
    assert!(c.near_misses[0].reason.contains("different asks"));
}

#[test]
fn forced_merge_and_split_win_over_scores() {
    let qs = entries(&[
        "What is a list?",
        "What is a tuple?",
        "Closure?",
        "What are closures?",
    ]);
    let r = |l: usize| QuestionRef {
        source: "notes.md".into(),
        line: l,
    };
    let opts = DedupOptions {
        merge: vec![(r(1), r(2))],
        split: vec![(r(3), r(4))],
        ..DedupOptions::default()
    };
    let c = cluster(&qs, &opts).unwrap();
    assert!(same_cluster(&c, 0, 1));
    assert!(!same_cluster(&c, 2, 3));
    let forced = &c.clusters[0].evidence[0];
    assert!(forced.reason.starts_with("forced merge"));
}

#[test]
fn split_of_identical_questions_is_honoured() {
    let qs = entries(&[
        "What are closures?",
        "What are closures?",
        "What are closures?",
    ]);
    let opts = DedupOptions {
        split: vec![("notes.md:1".parse().unwrap(), "notes.md:2".parse().unwrap())],
        ..DedupOptions::default()
    };
    let c = cluster(&qs, &opts).unwrap();
    assert!(!same_cluster(&c, 0, 1));
    assert!(same_cluster(&c, 0, 2) || same_cluster(&c, 1, 2));
}

/// An entry of `source` at `line` asking `question`, answered by `answer`.
fn answered_at(source: &str, line: usize, question: &str, answer: &str) -> Entry {
    Entry {
        answer: answer.to_string(),
        ..entry_at(source, line, question)
    }
}

#[test]
fn an_answer_opening_with_a_fence_has_its_code_read() {
    assert_eq!(
        opening_code("\n```js\nlet a = 1;\n```\n- A: 1"),
        Some("let a = 1;\n")
    );
    assert_eq!(
        opening_code("  ~~~~\nx\n~~~\ny\n~~~~\nz"),
        Some("x\n~~~\ny\n")
    );
    assert_eq!(opening_code("```\nunclosed"), Some("unclosed"));
    assert_eq!(opening_code("Prose first.\n```\nx\n```"), None);
    assert_eq!(
        opening_code("    ```\nindented four: code text, no fence"),
        None
    );
    assert_eq!(opening_code("``not a fence``"), None);
    assert_eq!(opening_code(""), None);
}

#[test]
fn one_question_over_different_code_is_different_exercises_in_french_and_chinese() {
    for (q, other) in [
        ("Quelle est la sortie ?", "autre.md"),
        ("下面代码的输出是什么？", "其他.md"),
    ] {
        let qs = vec![
            answered_at(
                "a.md",
                1,
                q,
                "```js\nconsole.log(1 + 1)\n```\n- A: 2\n- B: 11",
            ),
            answered_at(
                "a.md",
                9,
                q,
                "```js\nconsole.log(typeof null)\n```\n- A: null",
            ),
            // The same snippet again: the question asked twice.
            answered_at("a.md", 17, q, "\n```js\nconsole.log(1 + 1)\n```\nD"),
            // Another source, code of its own: today's rule reaches no
            // further than one source.
            answered_at(other, 1, q, "```js\nconsole.log([] + [])\n```"),
            // No opening code: the plain question, still one.
            answered_at("b.md", 1, q, "Réponse / 答案"),
            answered_at("b.md", 5, q, "Réponse / 答案 2"),
        ];
        let c = cluster(&qs, &DedupOptions::default()).unwrap();
        assert!(!same_cluster(&c, 0, 1), "{q}: two snippets, two exercises");
        assert!(same_cluster(&c, 0, 2), "{q}: one snippet twice");
        assert!(same_cluster(&c, 4, 5), "{q}: answers without code");
        assert!(
            c.near_misses
                .iter()
                .any(|p| p.reason.starts_with("different exercises")),
            "{q}: the review page says why: {:?}",
            c.near_misses
        );
        assert_eq!(exercise_pairs(&qs, |_| false), vec![(0, 1), (1, 2)], "{q}");
    }
}

#[test]
fn a_merge_override_wins_over_different_exercises() {
    let q = "What does this print?";
    let qs = vec![
        answered_at("a.md", 1, q, "```\nprint(1)\n```"),
        answered_at("a.md", 5, q, "```\nprint(2)\n```"),
    ];
    assert!(!same_cluster(
        &cluster(&qs, &DedupOptions::default()).unwrap(),
        0,
        1
    ));
    let opts = DedupOptions {
        merge: vec![("a.md:1".parse().unwrap(), "a.md:5".parse().unwrap())],
        ..DedupOptions::default()
    };
    assert!(same_cluster(&cluster(&qs, &opts).unwrap(), 0, 1));
}

#[test]
fn a_particle_on_a_latin_word_is_no_term_in_korean_and_japanese() {
    // "GIL이란" and "GIL은" are "GIL" with two particles; Japanese writes
    // its particles the same way ("GILとは", "GILは").
    for qs in [
        [
            "GIL이란 무엇인가요?",
            "GIL은 무엇인가요?",
            "데코레이터란 무엇인가요?",
        ],
        [
            "GILとは何ですか？",
            "GILは何ですか？",
            "デコレータとは何ですか？",
        ],
    ] {
        let c = cluster(&entries(&qs), &DedupOptions::default()).unwrap();
        assert!(same_cluster(&c, 0, 1), "{qs:?}");
        assert!(!same_cluster(&c, 0, 2), "{qs:?}");
    }
}

#[test]
fn override_errors_name_the_question() {
    let qs = entries(&["What is a list?", "What is a tuple?"]);
    let missing: QuestionRef = "other.md:7".parse().unwrap();
    let opts = DedupOptions {
        merge: vec![("notes.md:1".parse().unwrap(), missing.clone())],
        ..DedupOptions::default()
    };
    let err = cluster(&qs, &opts).unwrap_err();
    assert_eq!(err, DedupError::UnknownQuestion(missing));
    assert!(err.to_string().contains("other.md:7"));
    let pair = ("notes.md:1".parse().unwrap(), "notes.md:2".parse().unwrap());
    let opts = DedupOptions {
        merge: vec![pair.clone()],
        split: vec![pair],
        ..DedupOptions::default()
    };
    let err = cluster(&qs, &opts).unwrap_err();
    assert!(matches!(err, DedupError::ConflictingOverrides { .. }));
    let opts = DedupOptions {
        threshold: 1.5,
        ..DedupOptions::default()
    };
    assert_eq!(
        cluster(&qs, &opts).unwrap_err(),
        DedupError::InvalidThreshold(1.5)
    );
}

#[test]
fn question_refs_parse_with_clear_errors() {
    let r: QuestionRef = "dir/notes.md:12".parse().unwrap();
    assert_eq!((r.source.as_str(), r.line), ("dir/notes.md", 12));
    assert_eq!(r.to_string(), "dir/notes.md:12");
    for bad in ["notes.md", "notes.md:x", ":3", "notes.md:0"] {
        let err = bad.parse::<QuestionRef>().unwrap_err();
        assert!(err.to_string().contains(bad), "{err}");
        assert!(err.to_string().contains("file:line"), "{err}");
    }
}

#[test]
fn blank_questions_are_skipped_but_kept() {
    let qs = entries(&["", "What is a list?", "   \n", "What is a list?"]);
    let c = cluster(&qs, &DedupOptions::default()).unwrap();
    assert_eq!(c.skipped, vec![0, 2]);
    assert_eq!(c.clusters.len(), 3);
    assert!(same_cluster(&c, 1, 3));
    assert!(!same_cluster(&c, 0, 2));
}

#[test]
fn topicless_questions_merge_only_when_identical() {
    let qs = entries(&["What is it?", "What is it?", "Why?"]);
    let c = cluster(&qs, &DedupOptions::default()).unwrap();
    assert!(same_cluster(&c, 0, 1));
    assert!(!same_cluster(&c, 0, 2));
}

#[test]
fn output_is_deterministic() {
    let qs = entries(&[
        "What is the GIL?",
        "GIL?",
        "How does the GIL affect threads?",
        "How does GIL affect multithreading?",
        "What are closures?",
        "Closure?",
    ]);
    let a = cluster(&qs, &DedupOptions::default()).unwrap();
    let b = cluster(&qs, &DedupOptions::default()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn rank_answers_prefers_complete_answers() {
    let mut qs = vec![entry("Q?"), entry("Q?"), entry("Q?"), entry("Q?")];
    qs[0].answer = "Short answer.".into();
    qs[1].answer = String::new();
    qs[2].answer =
        "A longer answer:\n\n- one point\n- another point\n\n```python\nx = 1\n```".into();
    qs[3].answer = "Short answer.".into();
    assert_eq!(rank_answers(&qs, &[0, 1, 2, 3]), vec![2, 0, 3]);
    assert_eq!(rank_answers(&qs, &[3, 0]), vec![0, 3]);
}

#[test]
fn cjk_phrasings_meet_through_bigrams() {
    // Two phrasings of one question in Chinese, and in Korean.
    check(
        "Python的垃圾回收机制是什么？",
        "Python垃圾回收机制是什么",
        true,
    );
    check(
        "什么是Python的垃圾回收机制？",
        "Python的垃圾回收机制是什么？",
        true,
    );
    check("메타클래스는 무엇인가요?", "메타클래스란 무엇인가요?", true);
    // Questions about different things that share the frame do not.
    check(
        "Python的垃圾回收机制是什么？",
        "Python的装饰器是什么？",
        false,
    );
    check(
        "메타클래스는 무엇인가요?",
        "제너레이터는 무엇인가요?",
        false,
    );
    // A Chinese question and its English translation need not merge, and
    // must not merge with an unrelated English question.
    check(
        "Python的垃圾回收机制是什么？",
        "What is a decorator?",
        false,
    );
}

#[test]
fn cue_words_inside_a_term_stay_in_it() {
    // 作用域 is scope, 内部类 an inner class: only the frames "有什么作用"
    // and "内部是如何…" are cut.
    assert_eq!(cjk_content_pieces("作用域"), ["作用域"]);
    assert_eq!(cjk_content_pieces("内部类"), ["内部类"]);
    assert_eq!(cjk_content_pieces("变量有什么作用"), ["变量"]);
    assert_eq!(cjk_content_pieces("哈希表内部是如何工作的"), ["哈希表"]);
    assert_eq!(cjk_content_pieces("구현체"), ["구현체"]);
    assert_eq!(cjk_content_pieces("静态方法"), ["静态方法"]);
}

#[test]
fn asks_in_other_languages_are_read_from_their_cues() {
    let apart = [
        (
            "Почему строки неизменяемые?",
            "Что такое неизменяемые строки?",
        ),
        ("Как работает сборщик мусора?", "Что такое сборщик мусора?"),
        ("装饰器的原理是什么？", "装饰器是什么？"),
        (
            "데코레이터는 어떻게 동작하나요?",
            "데코레이터는 무엇인가요?",
        ),
        ("内部类是什么？", "类是什么？"),
    ];
    for (a, b) in apart {
        check(a, b, false);
    }
    let same = [
        ("装饰器和闭包有什么区别？", "装饰器与闭包的差别"),
        ("举一个闭包的例子", "闭包的例子是什么？"),
        ("哈希表的底层是怎么实现的？", "哈希表内部是如何工作的？"),
        (
            "클로저와 데코레이터는 어떻게 다른가요?",
            "클로저와 데코레이터의 차이점은 무엇인가요?",
        ),
        (
            "Чем процесс отличается от потока?",
            "Какая разница между процессом и потоком?",
        ),
        ("캐시는 어디에 쓰나요?", "캐시의 용도는 무엇인가요?"),
        (
            "언제 배열 대신 연결 리스트를 써야 하나요?",
            "연결 리스트가 배열보다 나은 경우는 언제인가요?",
        ),
    ];
    for (a, b) in same {
        check(a, b, true);
    }
}

#[test]
fn asking_what_a_predicate_means_weighs_its_arguments_lightly() {
    check(
        "What is memoization?",
        "What does it mean to memoize a function?",
        true,
    );
    check(
        "What does portability mean?",
        "What does it mean for a program to be portable?",
        true,
    );
    check(
        "What does it mean to memoize a function?",
        "How do you memoize a function?",
        false,
    );
    check_ru(
        "Что значит быть масштабируемым?",
        "Что значит для системы быть масштабируемой?",
        true,
    );
    check_ru(
        "Что значит для системы быть масштабируемой?",
        "Почему система должна быть масштабируемой?",
        false,
    );
}

#[test]
fn an_agent_noun_is_not_its_action_or_its_adjective() {
    check("What is an iterator?", "What is an iterable?", false);
    check("What is an allocator?", "What is allocation?", false);
    check("What are iterators?", "What is an iterator?", true);
    // Russian keeps them apart through its own stems.
    check_ru(
        "Что такое итератор?",
        "Что такое итерируемый объект?",
        false,
    );
}

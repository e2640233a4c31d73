//! What a question line looks like, independent of the format around it.
//!
//! Every format numbers or marks its questions differently (`12.`, `3)`,
//! `Q1.`, `Q2:`, bold wrappers, a stray closing quote), and numbered lists
//! inside answers look just like numbered questions. This module holds the
//! shared rules: parsing a number prefix, deciding whether text reads like a
//! question, and cleaning a question's text for storage.

/// Words that open a question or an interview-style instruction.
const QUESTION_WORDS: &[&str] = &[
    "what",
    "whats",
    "how",
    "why",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "whose",
    "is",
    "are",
    "was",
    "were",
    "do",
    "does",
    "did",
    "can",
    "could",
    "should",
    "would",
    "will",
    "shall",
    "may",
    "might",
    "must",
    "has",
    "have",
    "explain",
    "describe",
    "difference",
    "differences",
    "differentiate",
    "distinguish",
    "compare",
    "contrast",
    "define",
    "trace",
    "implement",
    "write",
    "list",
    "name",
    "give",
    "discuss",
    "outline",
    "illustrate",
    "demonstrate",
    "elaborate",
    "summarize",
    "summarise",
    "tell",
    "walk",
    "design",
    "find",
    "show",
    "create",
    "calculate",
    "count",
    "reverse",
    "sort",
    "remove",
    "convert",
    "determine",
    "generate",
    "solve",
    "prove",
    "identify",
    "state",
    "mention",
    "suggest",
    "update",
    "select",
    "check",
    "delete",
    "swap",
];

/// Words that open a question or an instruction in the other languages
/// notes are written in (Spanish, Portuguese, French, German, Russian),
/// lowercased. Matched against the first word, or the first two words for
/// the entries that hold a space.
const OPENERS: &[&str] = &[
    // Spanish
    "qué",
    "que",
    "cómo",
    "cuál",
    "cuáles",
    "cuándo",
    "dónde",
    "quién",
    "por qué",
    "explique",
    "explica",
    "describa",
    "defina",
    "diferencia",
    "diferencias",
    "compare",
    "mencione",
    // Portuguese
    "o que",
    "como",
    "qual",
    "quais",
    "quando",
    "onde",
    "quem",
    "por que",
    "porque",
    "descreva",
    "diferença",
    "diferenças",
    "cite",
    // French
    "qu'est-ce",
    "qu’est-ce",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "comment",
    "pourquoi",
    "quand",
    "où",
    "expliquez",
    "expliquer",
    "décrivez",
    "définissez",
    "différence",
    "comparez",
    "citez",
    // German
    "was",
    "wie",
    "warum",
    "wieso",
    "weshalb",
    "wann",
    "wo",
    "wer",
    "welche",
    "welcher",
    "welches",
    "erklären",
    "erkläre",
    "erklären sie",
    "beschreiben",
    "beschreibe",
    "unterschied",
    "vergleiche",
    "definiere",
    "nenne",
    "nennen",
    // Russian
    "что",
    "как",
    "какой",
    "какая",
    "какие",
    "каким",
    "какое",
    "каков",
    "почему",
    "зачем",
    "когда",
    "где",
    "кто",
    "чем",
    "сколько",
    "объясните",
    "объясни",
    "опишите",
    "опиши",
    "расскажите",
    "расскажи",
    "назовите",
    "перечислите",
    "в чём",
    "в чем",
    "разница",
    "отличие",
    "отличия",
    "для чего",
    "можно ли",
    "нужно ли",
    "приведите",
    "сравните",
    "дайте",
    "напишите",
    "напиши",
    "реализуйте",
    // imperatives of the other languages
    "escriba",
    "escribe",
    "escreva",
    "implemente",
    "écrivez",
    "schreibe",
    "implementiere",
];

/// Interrogatives and instruction words of the languages written without
/// spaces between words (Chinese, Japanese) and of Korean, which attaches
/// endings to its words: matched anywhere in the text, since these
/// languages often put the question word last ("GIL是什么").
const INFIXES: &[&str] = &[
    // Chinese
    "什么",
    "为什么",
    "为何",
    "如何",
    "怎么",
    "怎样",
    "哪些",
    "哪个",
    "哪种",
    "是否",
    "有何",
    "区别",
    "區別",
    "解释",
    "解釋",
    "简述",
    "簡述",
    "说明",
    "說明",
    "说说",
    "谈谈",
    "談談",
    "介绍",
    "介紹",
    "描述",
    "比较",
    "請問",
    "请问",
    "什麼",
    "為什麼",
    "原理",
    "下列",
    "以下哪",
    "正确的是",
    "错误的是",
    "请",
    "写出",
    "打印出",
    "给出",
    "举例",
    "列举",
    "てください",
    "しなさい",
    "주세요",
    "하시오",
    "하세요",
    // Japanese
    "なぜ",
    "何故",
    "どう",
    "どの",
    "どれ",
    "何が",
    "何を",
    "とは",
    "違い",
    "説明して",
    "ですか",
    "ますか",
    "でしょうか",
    // Korean
    "무엇",
    "무슨",
    "왜",
    "어떻게",
    "어떤",
    "언제",
    "어디",
    "누구",
    "설명",
    "차이",
    "비교",
    "정의",
    "이란",
    "란?",
    "인가",
    "는가",
    "나요",
    "까요",
    "할까",
];

/// A number or `Q` prefix split off a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Numbered<'a> {
    /// The prefix was `Q<n>` (or `Q:`), an explicit question marker.
    pub q: bool,
    /// The number, when there is one.
    pub number: Option<u32>,
    /// The text after the prefix, trimmed and non-empty.
    pub rest: &'a str,
}

/// Parses `12. text`, `12) text`, `Q12. text`, `Q12) text`, `Q12: text`,
/// `Q12 - text`, `Q12 text` and `Q: text` (leading whitespace allowed).
pub(crate) fn parse_numbered(line: &str) -> Option<Numbered<'_>> {
    let t = line.trim_start();
    let (q, body) = match t.strip_prefix(['Q', 'q']) {
        Some(r) => (true, r),
        None => (false, t),
    };
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 9 || (!q && digits == 0) {
        return None;
    }
    let number = body[..digits].parse().ok();
    let after = &body[digits..];
    // `1 . text`: a space before the dot, as some notes type it.
    let spaced = after.trim_start_matches(' ');
    let after = if digits > 0 && spaced.len() < after.len() && spaced.starts_with(['.', ')']) {
        spaced
    } else {
        after
    };
    let rest = match after.chars().next() {
        Some('.' | ')') => after[1..].strip_prefix(char::is_whitespace)?,
        // CJK enumeration marks need no space after them: `1、`, `2．`, `3）`.
        Some(c @ ('、' | '．' | '）')) if digits > 0 => &after[c.len_utf8()..],
        Some(':') if q => after[1..].strip_prefix(char::is_whitespace)?,
        Some('-' | '\u{2013}') if q && digits > 0 => &after[after.chars().next()?.len_utf8()..],
        Some(c) if q && digits > 0 && c.is_whitespace() => after,
        _ => return None,
    };
    let rest = rest.trim();
    let rest = if q {
        rest.trim_start_matches(['-', ':', '.']).trim()
    } else {
        rest
    };
    if rest.is_empty() {
        return None;
    }
    Some(Numbered { q, number, rest })
}

/// Removes markdown emphasis wrapping the whole text (`**…**`, `*…*`, and
/// `__…__`/`_…_` when the inside has a space, so `__init__` survives).
pub(crate) fn strip_wrappers(text: &str) -> &str {
    let mut t = text.trim();
    loop {
        let before = t;
        for (wrap, needs_space) in [("**", false), ("__", true), ("*", false), ("_", true)] {
            if let Some(inner) = t.strip_prefix(wrap).and_then(|r| r.strip_suffix(wrap)) {
                let inner = inner.trim();
                if !inner.is_empty() && (!needs_space || inner.contains(' ')) {
                    t = inner;
                    break;
                }
            }
        }
        if t == before {
            return t;
        }
    }
}

/// The first word, lowercased, letters only (ASCII letters: the English
/// question words; a word with other letters never matches them).
fn first_word(text: &str) -> String {
    text.trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// True when `text` opens with one of [`OPENERS`] (whole words, any case),
/// or with a Spanish opening question mark.
fn opens_with_opener(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '¿' && c != '¡');
    if t.starts_with('¿') {
        return true;
    }
    // Only the first two words are compared, so only they are lowered.
    let words: Vec<String> = t
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '?' | '.'))
        .filter(|w| !w.is_empty())
        .take(2)
        .map(str::to_lowercase)
        .collect();
    let openers = openers_set();
    words
        .first()
        .is_some_and(|one| openers.contains(one.as_str()))
        || (words.len() == 2 && openers.contains(words.join(" ").as_str()))
}

/// [`OPENERS`] as a set.
fn openers_set() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| OPENERS.iter().copied().collect())
}

/// True when `text` holds one of [`INFIXES`]. Every infix is written in
/// a CJK script, so ASCII text holds none.
fn has_infix(text: &str) -> bool {
    static INFIX: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    !text.is_ascii()
        && INFIX
            .get_or_init(|| {
                aho_corasick::AhoCorasick::new(INFIXES).expect("the infixes are valid patterns")
            })
            .is_match(text)
}

/// True when the text ends in a question mark (ignoring closing quotes and
/// emphasis markers after it).
pub(crate) fn ends_with_question_mark(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || is_quote(c) || c == '*');
    t.ends_with('?') || t.ends_with('\u{ff1f}')
}

/// True when the text reads like a question, in any of the languages
/// docgen knows: it ends with `?` or `？`, opens with a question or
/// instruction word (What, How, Explain; Qué, Comment, Warum, Что,
/// Объясните, …), or, in Chinese, Japanese and Korean, holds an
/// interrogative anywhere (什么, 如何, なぜ, 무엇, 설명, …).
/// The words that open a question in the languages docgen reads (Что,
/// Разница, Comment, Diferencia, Erkläre …): the frame of a question,
/// never its subject.
pub(crate) fn openers() -> &'static [&'static str] {
    OPENERS
}

/// The interrogatives and instruction words that mark a question inside
/// Chinese, Japanese and Korean text (什么, 区别, 原理, 설명, とは, …): the
/// frame of a question, never its subject.
pub(crate) fn cjk_question_infixes() -> &'static [&'static str] {
    INFIXES
}

pub(crate) fn looks_like_question(text: &str) -> bool {
    let stripped;
    let text = if text.contains('<') {
        stripped = super::details::html_text(text);
        &stripped
    } else {
        text
    };
    let t = strip_wrappers(text);
    if t.is_empty() {
        return false;
    }
    ends_with_question_mark(t)
        || QUESTION_WORDS.contains(&first_word(t).as_str())
        || opens_with_opener(t)
        || has_infix(t)
        || compares(t)
}

/// True for a comparison written with `vs` or `versus` between two
/// terms ("Lists vs tuples", "TCP vs. UDP"), a question in every language
/// notes are written in.
fn compares(text: &str) -> bool {
    // No letter outside ASCII lowers to one of these, so an ASCII
    // case-insensitive match is the match in the lowered text.
    static VS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    VS.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([" vs ", " vs. ", " versus "])
            .expect("the separators are valid patterns")
    })
    .is_match(text)
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '\u{ab}' | '\u{bb}'
    )
}

/// Drops a closing double quote that has no opening partner (a typo such as
/// `internally”`).
fn strip_unbalanced_quote(text: &str) -> &str {
    let count = |c: char| text.chars().filter(|&x| x == c).count();
    if let Some(rest) = text.strip_suffix('\u{201d}')
        && count('\u{201c}') < count('\u{201d}')
    {
        return rest.trim_end();
    }
    if let Some(rest) = text.strip_suffix('"')
        && count('"') % 2 == 1
    {
        return rest.trim_end();
    }
    if let Some(rest) = text.strip_suffix('\u{bb}')
        && count('\u{ab}') < count('\u{bb}')
    {
        return rest.trim_end();
    }
    text
}

/// A question's text for storage: trimmed, emphasis wrappers and the number
/// or `Q` prefix removed, a question marker word with a colon removed
/// (`Pergunta:`, `Вопрос 2:`), a stray closing quote dropped; a question
/// that starts with an inline HTML tag is taken as its text.
pub(crate) fn clean(text: &str) -> String {
    // A question wrapped in inline HTML (`<span id="q1">1. …</span>`, an
    // `<a name>` anchor before it) is read as its text.
    let unwrapped;
    let text = if text.trim_start().starts_with('<')
        && text.trim_start()[1..].starts_with(|c: char| c.is_ascii_alphabetic())
    {
        unwrapped = super::details::html_text(text);
        &unwrapped
    } else {
        text
    };
    let mut t = strip_wrappers(text);
    if let Some(n) = parse_numbered(t) {
        t = strip_wrappers(n.rest);
    }
    // A marker word with a colon (`Pergunta:`, `Question 3:`, `问：`).
    if let Some((super::label::Side::Question, rest)) = super::label::pair_marker(t)
        && !rest.is_empty()
    {
        t = strip_wrappers(rest);
    }
    // A question that is wholly a link (a contents line, `[Why?](#why)`)
    // is its text.
    if let Some(inner) = t.strip_prefix('[')
        && let Some(at) = inner.find("](")
        && inner.ends_with(')')
        && !inner[at + 2..].contains("](")
        && !inner[..at].contains(['[', ']'])
    {
        t = strip_wrappers(&inner[..at]);
    }
    strip_unbalanced_quote(t).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infixes_are_not_ascii_and_openers_match_in_any_case() {
        // `has_infix` skips ASCII text on this ground.
        assert!(INFIXES.iter().all(|w| !w.is_ascii()));
        for q in [
            "EXPLIQUE o GIL",
            "Por que usar tuplas",
            "Объясните, как работает GIL",
            "¿Qué es un closure",
            "TCP Vs. UDP",
            "Lists VERSUS tuples",
            "装饰器是什么",
        ] {
            assert!(looks_like_question(q), "{q}");
        }
        for not in ["Versus is a word here", "vs code settings", "Use tuples"] {
            assert!(!looks_like_question(not), "{not}");
        }
    }

    fn num(line: &str) -> Option<(bool, Option<u32>, &str)> {
        parse_numbered(line).map(|n| (n.q, n.number, n.rest))
    }

    #[test]
    fn number_prefixes() {
        assert_eq!(num("12. What?"), Some((false, Some(12), "What?")));
        assert_eq!(
            num("    13. What is x?"),
            Some((false, Some(13), "What is x?"))
        );
        assert_eq!(num("3) Why"), Some((false, Some(3), "Why")));
        assert_eq!(
            num("1、请解释什么是Nginx?"),
            Some((false, Some(1), "请解释什么是Nginx?"))
        );
        assert_eq!(num("2．なぜですか"), Some((false, Some(2), "なぜですか")));
        assert_eq!(num("Q1. Is it?"), Some((true, Some(1), "Is it?")));
        assert_eq!(num("Q2) a"), Some((true, Some(2), "a")));
        assert_eq!(num("Q3: b"), Some((true, Some(3), "b")));
        assert_eq!(num("Q4 - c"), Some((true, Some(4), "c")));
        assert_eq!(num("Q5 d"), Some((true, Some(5), "d")));
        assert_eq!(num("Q: e"), Some((true, None, "e")));
        assert_eq!(num("3.7+ dicts"), None);
        assert_eq!(num("1."), None);
        assert_eq!(num("Queue?"), None);
        assert_eq!(num("12345. x"), Some((false, Some(12345), "x")));
        assert_eq!(num("1234567890. x"), None);
        assert_eq!(num("-5 to 256"), None);
    }

    #[test]
    fn question_likeness() {
        assert!(looks_like_question("Closure?"));
        assert!(looks_like_question("Explain the role of the PVM."));
        assert!(looks_like_question("Difference between a and b"));
        assert!(looks_like_question("**What is X**"));
        assert!(looks_like_question("Is it? \u{201d}"));
        assert!(looks_like_question("Python的GIL是什么"));
        assert!(looks_like_question("解释一下装饰器"));
        assert!(looks_like_question("데코레이터에 대해 설명하시오"));
        assert!(looks_like_question("Объясните, как работает GIL"));
        assert!(looks_like_question("Что такое декоратор"));
        assert!(looks_like_question("¿Qué es un decorador"));
        assert!(looks_like_question("Qu'est-ce qu'un décorateur"));
        assert!(looks_like_question("GILとは"));
        assert!(!looks_like_question("Декораторы в Python"));
        assert!(!looks_like_question("装饰器的用法"));
        assert!(looks_like_question("Lists vs. tuples"));
        assert!(looks_like_question("<a href=\"#q9\">Update a table</a>."));
        assert!(looks_like_question("请写出代码删除其中的奇数"));
        assert!(!looks_like_question("Measure performance (profiling)"));
        assert!(!looks_like_question("Use efficient data structures"));
        assert!(!looks_like_question(""));
    }

    #[test]
    fn cleaning() {
        assert_eq!(
            clean("  Q5. Explain Python execution internally\u{201d} "),
            "Explain Python execution internally"
        );
        assert_eq!(clean("**1. What is X?**"), "What is X?");
        assert_eq!(
            clean("1) [Что такое ООП?](#что-такое-ооп)"),
            "Что такое ООП?"
        );
        assert_eq!(clean("[**Why?**](https://x.org/why)"), "Why?");
        assert_eq!(clean("[a](#a) and [b](#b)?"), "[a](#a) and [b](#b)?");
        assert_eq!(clean("1. **What is X?**"), "What is X?");
        assert_eq!(
            clean("What is \u{201c}x\u{201d}?"),
            "What is \u{201c}x\u{201d}?"
        );
        assert_eq!(clean("__init__ vs __new__?"), "__init__ vs __new__?");
        assert_eq!(clean("Say \"hi\""), "Say \"hi\"");
        assert_eq!(clean("Why `x`?\""), "Why `x`?");
        assert_eq!(
            clean("<span id=\"q1\">1. 什么是多态？</span>"),
            "什么是多态？"
        );
        assert_eq!(
            clean("<a name=\"gc\"></a>Как работает GC?"),
            "Как работает GC?"
        );
    }
}

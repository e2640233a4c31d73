//! Labels that mark a question or an answer, in any script: numbering
//! (`1.`, `1)`, `1、`, `(1)`, `（1）`, `第1题`, a bare `1 ` in a heading)
//! and marker words (`Q1`, `Question 2`, `问题3`, `문제 4`, `Вопрос 5`,
//! `A:`, `答：`, `Ответ:` …).
//!
//! The word lists are per language and hold only the words for
//! "question", "exercise" and "answer"; everything else is structure.

use super::question;

/// Words that mark a question (compared case-insensitively), in the
/// languages docgen reads.
const QUESTION_MARKERS: &[&str] = &[
    "q",
    "question",
    "questions",
    "quiz",
    "exercise",
    "problem",
    "task", // English
    "问题",
    "問題",
    "题目",
    "題目",
    "问",
    "問",
    "题",
    "題",
    "练习",
    "習題",
    "习题",
    "面试题", // Chinese / Japanese
    "質問",
    "設問",
    "질문",
    "문제",
    "문항", // Japanese, Korean
    "вопрос",
    "задача",
    "задание",
    "упражнение", // Russian
    "pregunta",
    "ejercicio",
    "questão",
    "questao",
    "pergunta",
    "exercício",
    "exercicio", // Spanish, Portuguese
    "frage",
    "aufgabe",
    "übung",
    "exercice", // German, French
];

/// Words that mark an answer.
const ANSWER_MARKERS: &[&str] = &[
    "a",
    "answer",
    "ans",
    "solution",
    "response", // English
    "答",
    "答案",
    "回答",
    "解答",
    "解",
    "参考答案",
    "答え",
    "解説", // Chinese, Japanese
    "답",
    "답변",
    "정답",
    "해설", // Korean
    "ответ",
    "решение", // Russian
    "respuesta",
    "solución",
    "resposta",
    "solução",
    "réponse",
    "antwort",
    "lösung",
    "r", // es, pt, fr, de
];

/// True when `word` (compared case-insensitively) is one of the words
/// that mark an answer (`Answer`, `答案`, `정답`, `Ответ`, `Réponse` …);
/// single-letter markers (`A`, `R`) count only when `short_too`.
pub(crate) fn is_answer_word(word: &str, short_too: bool) -> bool {
    let w = word.to_lowercase();
    ANSWER_MARKERS
        .iter()
        .any(|m| *m == w && (short_too || m.chars().count() > 1 || !m.is_ascii()))
}

/// True when `word` (compared case-insensitively) is one of the words
/// that mark a question (`Question`, `Q`, `问题`, `Вопрос`, `Pregunta` …).
pub(crate) fn is_question_word(word: &str) -> bool {
    let w = word.to_lowercase();
    QUESTION_MARKERS.contains(&w.as_str())
}

/// True when `text` holds a word for "question" or "exercise"
/// ([`QUESTION_MARKERS`] of two or more letters; as a whole word, or its
/// start, in scripts that separate words: `Questions`, `Вопросы`,
/// `Preguntas`; anywhere in text written without spaces: `面试问题`).
pub(crate) fn names_questions(text: &str) -> bool {
    let lower = text.to_lowercase();
    QUESTION_MARKERS
        .iter()
        .filter(|m| m.chars().count() >= 2)
        .any(|m| {
            // Scripts before the CJK blocks separate words with spaces.
            if m.chars().all(|c| (c as u32) < 0x2E80) {
                lower
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.starts_with(m))
            } else {
                lower.contains(m)
            }
        })
}

/// A numbering or marker label split off the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Label<'a> {
    /// The number, when there is one.
    pub number: Option<u32>,
    /// A marker word (`Q`, `Question`, `问题`, …) was part of the label.
    pub marker: bool,
    /// The text after the label, trimmed (may be empty for a bare label
    /// such as a `Q1` line above a heading).
    pub rest: &'a str,
}

/// Which side of a question-answer pair a marker line opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// `Q:`, `Question:`, `问：`, `Вопрос:` …
    Question,
    /// `A:`, `Answer:`, `答：`, `Ответ:` …
    Answer,
}

/// Separators that may follow a label.
fn strip_separator(s: &str) -> Option<&str> {
    let s = s.trim_start_matches([' ', '\t']);
    for sep in ['.', ')', ':', '、', '．', '：', '）', '-', '–', '—', '|'] {
        if let Some(rest) = s.strip_prefix(sep) {
            return Some(rest);
        }
    }
    None
}

/// Leading ASCII digits as a number (at most nine of them).
fn split_number(s: &str) -> Option<(u32, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    Some((s[..digits].parse().ok()?, &s[digits..]))
}

/// A marker word at the start of `s` (whole word for Latin and Cyrillic
/// scripts), and the text after it.
fn strip_marker<'a>(s: &'a str, markers: &[&str]) -> Option<&'a str> {
    // Most lines start with an ASCII letter no marker starts with: one
    // byte tells, before the head is lowered.
    if let Some(&b) = s.as_bytes().first()
        && b.is_ascii()
        && !markers
            .iter()
            .any(|m| m.as_bytes().first() == Some(&b.to_ascii_lowercase()))
    {
        return None;
    }
    // Only the head a marker can cover is lowered (a line may be long).
    let mut end = markers
        .iter()
        .map(|m| m.len())
        .max()
        .unwrap_or(0)
        .min(s.len());
    while !s.is_char_boundary(end) {
        end += 1;
    }
    let head = &s[..end];
    let lower = head.to_lowercase();
    // Lowercasing can change byte lengths only outside the scripts the
    // markers use; no marker matches when the lengths differ.
    if lower.len() != head.len() {
        return None;
    }
    let mut best: Option<usize> = None;
    for m in markers {
        if lower.starts_with(m) {
            let after = &s[m.len()..];
            let word_char = |c: char| c.is_alphabetic() && (c.is_ascii() || is_cyrillic(c));
            let cut_word = m.chars().next().is_some_and(word_char)
                && after.chars().next().is_some_and(word_char);
            if !cut_word && best.is_none_or(|b| m.len() > b) {
                best = Some(m.len());
            }
        }
    }
    best.map(|n| &s[n..])
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{52f}').contains(&c)
}

/// Parses a question label at the start of `text` (emphasis wrappers
/// removed first):
///
/// - `1.` `1)` `1、` `1．` `1:` `(1)` `（1）` `[1]` `#1` then text;
/// - `第1题`, `第 1 問` (Chinese and Japanese ordinal);
/// - a marker word with or without a number: `Q1.`, `Q.1`, `Q 1:`,
///   `Question 2 -`, `问题3：`, `문제 4.`, `Вопрос 5:`;
/// - with `bare_number`, also a number followed by a space (`1 Title`),
///   as headings number themselves.
///
/// Returns `None` when `text` starts with no label. Pure.
pub(crate) fn question_label(text: &str, bare_number: bool) -> Option<Label<'_>> {
    let t = question::strip_wrappers(text).trim_start();
    // Ordinal: 第N题 / 第N問 / 第N个.
    if let Some(after) = t.strip_prefix('第') {
        let after = after.trim_start();
        if let Some((n, rest)) = split_number(after) {
            let rest = rest.trim_start();
            let rest = rest
                .strip_prefix(['题', '題', '問', '问', '个', '部', '节', '章'])
                .unwrap_or(rest);
            let rest = strip_separator(rest).unwrap_or(rest);
            return Some(Label {
                number: Some(n),
                marker: true,
                rest: rest.trim(),
            });
        }
    }
    // Bracketed number.
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']')] {
        if let Some(inner) = t.strip_prefix(open)
            && let Some((n, rest)) = split_number(inner.trim_start())
            && let Some(rest) = rest.trim_start().strip_prefix(close)
        {
            let rest = strip_separator(rest).unwrap_or(rest);
            return Some(Label {
                number: Some(n),
                marker: false,
                rest: rest.trim(),
            });
        }
    }
    // Marker word, then an optional number.
    if let Some(after) = strip_marker(t, QUESTION_MARKERS) {
        let after_dot = after.strip_prefix('.').unwrap_or(after);
        let spaced = after_dot.trim_start_matches([' ', '\t', '#', '№']);
        if let Some((n, rest)) = split_number(spaced) {
            let rest = strip_separator(rest).unwrap_or(rest);
            return Some(Label {
                number: Some(n),
                marker: true,
                rest: rest.trim(),
            });
        }
        // No number: the marker must be followed by a separator.
        if let Some(rest) = strip_separator(after) {
            return Some(Label {
                number: None,
                marker: true,
                rest: rest.trim(),
            });
        }
        return None;
    }
    // `#1` / `№1`, or a card code: one or two capital letters before the
    // number (`A1.`, `DB12)`).
    let letters = t.bytes().take_while(u8::is_ascii_uppercase).count();
    let plain = t
        .strip_prefix('#')
        .or_else(|| t.strip_prefix('№'))
        .or_else(|| {
            ((1..=2).contains(&letters) && t[letters..].starts_with(|c: char| c.is_ascii_digit()))
                .then(|| &t[letters..])
        })
        .unwrap_or(t);
    let (n, rest) = split_number(plain)?;
    // A heading's section number (`1.2 Title`, `2.3.1. Title`): the last
    // part counts.
    if bare_number && rest.starts_with('.') {
        let mut last = n;
        let mut r = rest;
        while let Some(after) = r.strip_prefix('.')
            && let Some((k, tail)) = split_number(after)
        {
            last = k;
            r = tail;
        }
        let r = r.strip_prefix('.').unwrap_or(r);
        if r.len() < rest.len() - 1 && r.starts_with([' ', '\t']) && !r.trim().is_empty() {
            return Some(Label {
                number: Some(last),
                marker: false,
                rest: r.trim(),
            });
        }
    }
    if let Some(after) = strip_separator(rest) {
        // `3.7 dicts` is a version, not a label.
        if rest.starts_with('.') && after.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        return Some(Label {
            number: Some(n),
            marker: false,
            rest: after.trim(),
        });
    }
    if bare_number && rest.starts_with([' ', '\t']) && !rest.trim().is_empty() {
        return Some(Label {
            number: Some(n),
            marker: false,
            rest: rest.trim(),
        });
    }
    None
}

/// A line that opens one side of a question-answer pair: a question or
/// answer marker word, an optional number, then a colon (`Q:`, `Q1:`,
/// `Question 3:`, `问：`, `A:`, `Answer:`, `答：`, `Ответ:`, `R:`) and
/// the text after it (possibly empty). Emphasis around the marker
/// (`**Q:**`) is allowed. Pure.
pub(crate) fn pair_marker(line: &str) -> Option<(Side, &str)> {
    let t = line.trim_start();
    let t = t.trim_start_matches(['*', '_', '>', ' ']);
    for (side, markers) in [
        (Side::Question, QUESTION_MARKERS),
        (Side::Answer, ANSWER_MARKERS),
    ] {
        let Some(after) = strip_marker(t, markers) else {
            continue;
        };
        let after = after.trim_start_matches([' ', '.', '#']);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let after = &after[digits..];
        // A numbered marker may end with a full stop or a parenthesis
        // (`Q1.`, `R1)`); a bare one needs a colon (`A.` may be an initial).
        let seps: &[char] = if digits > 0 {
            &[':', '：', '.', '．', ')']
        } else {
            &[':', '：']
        };
        let rest = after
            .strip_prefix(seps)
            .or_else(|| after.trim_start_matches(['*', '_', ' ']).strip_prefix(seps));
        if let Some(rest) = rest {
            let rest = rest.trim_start_matches(['*', '_']).trim();
            return Some((side, rest));
        }
    }
    None
}

/// A field label opening a text: a short emphasised name ending with a
/// colon, the colon inside or after the emphasis (`**Topic:** …`,
/// `**Follow-up (senior):** …`, `__Ответ__: …`, `**答案：**…`). Returns the
/// text after it, trimmed. A name of at most four words (or twelve
/// characters of a script written without spaces) counts. Pure.
pub(crate) fn field(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let wrap = ["**", "__"].into_iter().find(|w| t.starts_with(w))?;
    let inner = &t[wrap.len()..];
    let close = inner.find(wrap)?;
    let name = &inner[..close];
    let after = &inner[close + wrap.len()..];
    let (name, rest) = if let Some(n) = name.strip_suffix([':', '：']) {
        (n, after)
    } else {
        (name, after.strip_prefix([':', '：'])?)
    };
    let name = name.trim();
    let short = if name.contains(' ') {
        name.split_whitespace().count() <= 4
    } else {
        name.chars().count() <= 24
    };
    (!name.is_empty() && short && name.chars().count() <= 40).then(|| rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(t: &str, bare: bool) -> Option<(Option<u32>, bool, &str)> {
        question_label(t, bare).map(|l| (l.number, l.marker, l.rest))
    }

    #[test]
    fn headings_that_name_questions_in_any_language() {
        for yes in [
            "Interview Questions",
            "Вопросы по Python",
            "Preguntas frecuentes",
            "面试问题汇总",
            "よくある質問",
            "자주 묻는 질문",
        ] {
            assert!(names_questions(yes), "{yes}");
        }
        for no in ["Setup", "Queue", "Ответы", "Answers", "답변"] {
            assert!(!names_questions(no), "{no}");
        }
    }

    #[test]
    fn numbering_in_any_style() {
        assert_eq!(label("1. What?", false), Some((Some(1), false, "What?")));
        assert_eq!(label("12) Why", false), Some((Some(12), false, "Why")));
        assert_eq!(
            label("3、什么是GIL", false),
            Some((Some(3), false, "什么是GIL"))
        );
        assert_eq!(
            label("（4）装饰器", false),
            Some((Some(4), false, "装饰器"))
        );
        assert_eq!(
            label("(5) Что такое GIL", false),
            Some((Some(5), false, "Что такое GIL"))
        );
        assert_eq!(label("第6题：进程", false), Some((Some(6), true, "进程")));
        assert_eq!(
            label("7 Python的函数", true),
            Some((Some(7), false, "Python的函数"))
        );
        assert_eq!(label("7 Python", false), None);
        assert_eq!(
            label("1.2 Tipos de Testes", true),
            Some((Some(2), false, "Tipos de Testes"))
        );
        assert_eq!(
            label("2.3.1. Индексы", true),
            Some((Some(1), false, "Индексы"))
        );
        assert_eq!(label("1.2 Tipos", false), None);
        assert_eq!(
            label("10000. Last", false),
            Some((Some(10000), false, "Last"))
        );
        assert_eq!(
            label("A1. What is a p-value?", true),
            Some((Some(1), false, "What is a p-value?"))
        );
        assert_eq!(label("B12) Power", false), Some((Some(12), false, "Power")));
        assert_eq!(label("H2O is water", true), None);
    }

    #[test]
    fn marker_words_in_any_language() {
        assert_eq!(label("Q1. Why?", false), Some((Some(1), true, "Why?")));
        assert_eq!(label("Q.2 Why?", false), Some((Some(2), true, "Why?")));
        assert_eq!(
            label("Question 3: How?", false),
            Some((Some(3), true, "How?"))
        );
        assert_eq!(label("问题4：如何", false), Some((Some(4), true, "如何")));
        assert_eq!(label("문제 5. 설명", false), Some((Some(5), true, "설명")));
        assert_eq!(label("Вопрос 6: Как", false), Some((Some(6), true, "Как")));
        assert_eq!(label("Q7", false), Some((Some(7), true, "")));
        assert_eq!(label("Queue?", false), None);
        assert_eq!(label("Questionable", false), None);
        assert_eq!(label("Вопросы и ответы", false), None);
    }

    #[test]
    fn field_labels_in_any_language() {
        assert_eq!(field("**Topic:** closures"), Some("closures"));
        assert_eq!(
            field("**Follow-up (senior):** Реализуй `debounce`"),
            Some("Реализуй `debounce`")
        );
        assert_eq!(field("__Ответ__: блокировка"), Some("блокировка"));
        assert_eq!(field("**答案：**全局锁"), Some("全局锁"));
        assert_eq!(field("**What is a closure?**"), None);
        assert_eq!(field("**Why** does it matter: see below"), None);
        assert_eq!(
            field("**A very long bold sentence that is no label at all:** x"),
            None
        );
    }

    #[test]
    fn pair_markers() {
        assert_eq!(pair_marker("Q: What?"), Some((Side::Question, "What?")));
        assert_eq!(pair_marker("**A:** It is."), Some((Side::Answer, "It is.")));
        assert_eq!(
            pair_marker("问：什么是GIL？"),
            Some((Side::Question, "什么是GIL？"))
        );
        assert_eq!(pair_marker("答：全局锁"), Some((Side::Answer, "全局锁")));
        assert_eq!(
            pair_marker("Ответ: блокировка"),
            Some((Side::Answer, "блокировка"))
        );
        assert_eq!(pair_marker("Answer 2: x"), Some((Side::Answer, "x")));
        assert_eq!(
            pair_marker("**Q1.** Quelle est la différence ?"),
            Some((Side::Question, "Quelle est la différence ?"))
        );
        assert_eq!(pair_marker("**R1.**"), Some((Side::Answer, "")));
        assert_eq!(pair_marker("В2) Что такое GIL?"), None);
        assert_eq!(
            pair_marker("Вопрос 2) Что такое GIL?"),
            Some((Side::Question, "Что такое GIL?"))
        );
        assert_eq!(pair_marker("A. Lincoln"), None);
        assert_eq!(pair_marker("Area: big"), None);
        assert_eq!(pair_marker("Note: x"), None);
    }
}

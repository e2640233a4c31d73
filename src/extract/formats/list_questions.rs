//! Lists of questions: list items (bulleted `-`/`*`/`+`/`•` or numbered,
//! lazily `1.` every time included) that read as questions, at one
//! nesting depth, each answered (or not) by what is nested under it:
//! indented paragraphs, sub-bullets with hints, code. An item that offers
//! lettered options (`【A】`, `(B)`, `C.`) asks too, as a multiple-choice
//! question, whatever its wording. The depth is the
//! one with the most question items; items there that do not ask stay
//! prose.

use crate::extract::format::{NoteFormat, Reading};
use crate::extract::{Format, Found, label, lines, question};

/// Least question items for a note to be read this way.
const MIN_QUESTIONS: usize = 3;

/// See the module documentation.
pub(crate) struct ListQuestions;

/// A list item: its line, indentation, text after the marker, and
/// whether it asks (reads as a question, or offers answer options).
pub(crate) struct Item<'a> {
    pub(crate) idx: usize,
    pub(crate) indent: usize,
    pub(crate) text: &'a str,
    pub(crate) asks: bool,
}

impl NoteFormat for ListQuestions {
    fn applies(&self, markdown: bool) -> bool {
        markdown
    }

    fn read(&self, lines: &[&str]) -> Reading {
        let mask = lines::fence_mask(lines);
        let mut items: Vec<Item> = (0..lines.len())
            .filter(|&i| !mask[i])
            .filter_map(|i| {
                item(lines[i]).map(|(indent, t)| Item {
                    idx: i,
                    indent,
                    text: t,
                    asks: question::looks_like_question(t),
                })
            })
            .collect();
        for k in 0..items.len() {
            if !items[k].asks {
                let end = answer_end(lines, &mask, &items[k]);
                items[k].asks = offers_options(&lines[items[k].idx + 1..end]);
            }
        }
        number_marks_questions(&mut items);
        let Some(depth) = question_depth(&items) else {
            return Reading::default();
        };
        let mut sections = lines::SectionCursor::default();
        let mut found = Vec::new();
        for (it, end) in units(lines, &mask, &items, depth) {
            let section = sections.at(lines, &mask, it.idx);
            // A field that asks (`**Follow-up:** Why …?`): its value.
            let text = label::field(it.text)
                .filter(|r| !r.is_empty())
                .unwrap_or(it.text);
            found.push(Found {
                idx: it.idx,
                question: question::clean(text),
                answer: lines::markdown_block(&lines[it.idx + 1..end]),
                section,
                span: it.idx..end,
            });
        }
        Reading::of(Format::ListQuestions, found)
    }
}

/// The question items read, with where each one's answer ends, in line
/// order: the items that ask at `depth`; items that ask at another depth
/// outside those items' answers (questions grouped under a label item,
/// "- OOP" over "  - What is a class?"); and follow-ups: when everything
/// nested under a question item is items that ask (with their own nested
/// lines), each of them is a question of its own and the item above has
/// no answer.
fn units<'i, 'a>(
    lines: &[&str],
    mask: &[bool],
    items: &'i [Item<'a>],
    depth: usize,
) -> Vec<(&'i Item<'a>, usize)> {
    let mut out: Vec<(&Item, usize)> = Vec::new();
    let inside =
        |out: &[(&Item, usize)], idx: usize| out.iter().any(|(t, end)| t.idx < idx && idx < *end);
    let chosen: Vec<(&Item, usize)> = items
        .iter()
        .filter(|it| depth_of(it.indent) == depth && it.asks)
        .map(|it| (it, answer_end(lines, mask, it)))
        .collect();
    for it in items.iter().filter(|it| it.asks) {
        if let Some(&(c, end)) = chosen.iter().find(|(c, _)| c.idx == it.idx) {
            out.push((c, end));
        } else if !inside(&chosen, it.idx) && !inside(&out, it.idx) {
            // An answer ends where the next item of the chosen depth starts.
            let next = chosen
                .iter()
                .map(|(c, _)| c.idx)
                .find(|&i| i > it.idx)
                .unwrap_or(usize::MAX);
            out.push((it, answer_end(lines, mask, it).min(next)));
        }
    }
    // Follow-ups.
    let mut split = Vec::new();
    for (parent, end) in &mut out {
        let nested: Vec<&Item> = items
            .iter()
            .filter(|c| parent.idx < c.idx && c.idx < *end && c.indent > parent.indent)
            .collect();
        let Some(child_indent) = nested.iter().map(|c| c.indent).min() else {
            continue;
        };
        let children: Vec<&Item> = nested
            .into_iter()
            .filter(|c| c.indent == child_indent)
            .collect();
        let only_followups = children.iter().all(|c| c.asks)
            && (parent.idx + 1..*end).all(|i| {
                mask[i]
                    || lines::is_blank(lines[i])
                    || lines::indent_width(lines[i]) > child_indent
                    || children.iter().any(|c| c.idx == i)
            });
        if only_followups {
            let first = children[0].idx;
            for c in children {
                split.push((c, answer_end(lines, mask, c)));
            }
            *end = first;
        }
    }
    out.extend(split);
    out.sort_by_key(|(it, _)| it.idx);
    out
}

/// True for a list item that is only a link, an image or a bare URL (a
/// reference list): neither a question nor prose that a list of
/// questions would hold.
pub(crate) fn is_link_only(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ',', ';']);
    if t.starts_with("http://") || t.starts_with("https://") {
        return !t.contains(char::is_whitespace);
    }
    let t = t.strip_prefix('!').unwrap_or(t);
    t.starts_with('[')
        && t.ends_with(')')
        && t.find("](").is_some_and(|at| !t[at + 2..].contains("]("))
}

/// Nesting depth of an indentation (two columns a level; a tab is four).
pub(crate) fn depth_of(indent: usize) -> usize {
    indent / 2
}

/// True when `lines` (what is nested under an item) offer at least two
/// lettered answer options, as multiple-choice questions do: `【A】`,
/// `(A)`, `A.`, `A)`, `A、`, `A：` at the start of a line (after any list
/// marker), letters A to F.
fn offers_options(lines: &[&str]) -> bool {
    let option = |l: &&&str| {
        let t = l.trim_start().trim_start_matches(['-', '*', '+', ' ']);
        let t = t.trim_start_matches(['【', '(', '（', '[']);
        let mut chars = t.chars();
        matches!(chars.next(), Some('A'..='F'))
            && matches!(
                chars.next(),
                Some('】' | ')' | '）' | ']' | '.' | '、' | '：' | ':')
            )
    };
    lines.iter().filter(option).count() >= 2
}

/// The depth holding the most question items, if it holds at least
/// [`MIN_QUESTIONS`] and they are at least half its items (links alone
/// and fields that do not ask left out).
fn question_depth(items: &[Item]) -> Option<usize> {
    let mut per_depth: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
    // Reference links and fields (`**Topic:** …`) that do not ask are no
    // part of a list of questions.
    let counted =
        |it: &&Item| it.asks || !(is_link_only(it.text) || label::field(it.text).is_some());
    for it in items.iter().filter(counted) {
        let e = per_depth.entry(depth_of(it.indent)).or_default();
        e.0 += usize::from(it.asks);
        e.1 += 1;
    }
    per_depth
        .into_iter()
        .filter(|(_, (q, n))| *q >= MIN_QUESTIONS && q * 2 >= *n)
        .max_by_key(|(d, (q, _))| (*q, std::cmp::Reverse(*d)))
        .map(|(d, _)| d)
}

/// Items that carry a number of their own inside the bullet (`- 4 . Heap
/// vs stack`): where most such items at one indentation ask, the numbering
/// marks the question sequence, and every numbered item there asks, worded
/// as a question or not.
fn number_marks_questions(items: &mut [Item]) {
    let rest = |it: &Item<'_>| -> Option<String> {
        label::question_label(it.text, false)
            .filter(|l| l.number.is_some() && !l.rest.is_empty())
            .map(|l| l.rest.to_string())
    };
    let numbered = |it: &Item<'_>| rest(it).is_some();
    let mut per_indent: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
    for it in items.iter() {
        let Some(r) = rest(it) else { continue };
        // An answer may follow the question on its line ("…? Non.").
        let asks = it.asks || question::looks_like_question(&r) || r.contains(['?', '？']);
        let e = per_indent.entry(it.indent).or_default();
        e.0 += usize::from(asks);
        e.1 += 1;
    }
    for it in items.iter_mut() {
        if let Some(&(asking, all)) = per_indent.get(&it.indent)
            && all >= MIN_QUESTIONS
            && asking * 2 > all
            && numbered(it)
        {
            it.asks = true;
        }
    }
}

/// A list item's indentation and text: `- x`, `* x`, `+ x`, `• x`, `1. x`,
/// `1) x`, `1、x`.
pub(crate) fn item(line: &str) -> Option<(usize, &str)> {
    let indent = lines::indent_width(line);
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '+', '\u{2022}'])
        && rest.starts_with([' ', '\t'])
        && !lines::is_rule(line)
    {
        let rest = rest.trim();
        return (!rest.is_empty()).then_some((indent, rest));
    }
    let l = label::question_label(t, false)?;
    (l.number.is_some() && !l.marker && !l.rest.is_empty()).then_some((indent, l.rest))
}

/// Where the answer under `it` ends: the next line that is a heading, a
/// thematic break, or a non-blank line indented no deeper than the item
/// (the next item, or text back at the item's margin after a blank line
/// or a fenced block).
pub(crate) fn answer_end(lines: &[&str], mask: &[bool], it: &Item) -> usize {
    let mut blank_before = false;
    for i in it.idx + 1..lines.len() {
        if mask[i] {
            // After a fenced block, text back at the margin is no part of it.
            blank_before = true;
            continue;
        }
        let line = lines[i];
        if lines::is_blank(line) {
            blank_before = true;
            continue;
        }
        if lines::atx_heading(line).is_some() || lines::is_rule(line) {
            return i;
        }
        let shallow = lines::indent_width(line) <= it.indent;
        if shallow && (item(line).is_some() || blank_before) {
            return i;
        }
        blank_before = false;
    }
    lines.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str, &[&str])]) {
        crate::extract::formats::testing::check_sections(&ListQuestions, input, expected);
    }

    #[test]
    fn numbered_bullets_ask_as_a_sequence_in_french_and_english() {
        check(
            "- 1 . Qu’est-ce qu’un objet? Une instance.\n\n- 2 . Heap vs stack\n\n- 3 . Les modificateurs d’accès:\n  * public\n\n- 4 . Est-ce que Java a des pointeurs? Non.\n\n- Tip: read the docs\n",
            &[
                (0, "Qu’est-ce qu’un objet? Une instance.", "", &[]),
                (2, "Heap vs stack", "", &[]),
                (4, "Les modificateurs d’accès:", "* public", &[]),
                (7, "Est-ce que Java a des pointeurs? Non.", "", &[]),
            ],
        );
        check(
            "- 1) What is a mutex?\n- 2) Deadlock conditions\n- 3) Why use a semaphore?\n- 4) Explain starvation\n",
            &[
                (0, "What is a mutex?", "", &[]),
                (1, "Deadlock conditions", "", &[]),
                (2, "Why use a semaphore?", "", &[]),
                (3, "Explain starvation", "", &[]),
            ],
        );
    }

    #[test]
    fn bullet_questions_with_tab_indented_hints_in_german() {
        check(
            "## Allgemein\n- Was ist ein Closure?\n\t- Tipp: Scope\n- Wie funktioniert der GIL?\n- Erkläre Generatoren.\n- Nur eine Notiz\n",
            &[
                (1, "Was ist ein Closure?", "- Tipp: Scope", &["Allgemein"]),
                (3, "Wie funktioniert der GIL?", "", &["Allgemein"]),
                (4, "Erkläre Generatoren.", "", &["Allgemein"]),
            ],
        );
    }

    #[test]
    fn lazily_numbered_questions_with_indented_answers_in_japanese() {
        check(
            "1. GILとは何ですか？\n\n   グローバルロック。\n1. なぜ遅いのですか？\n1. デコレータを説明してください\n   ```\n   @x\n   ```\nあとがき\n",
            &[
                (0, "GILとは何ですか？", "グローバルロック。", &[]),
                (3, "なぜ遅いのですか？", "", &[]),
                (4, "デコレータを説明してください", "```\n@x\n```", &[]),
            ],
        );
    }

    #[test]
    fn multiple_choice_items_ask_in_chinese_and_english() {
        let input = "1. 变量的查找顺序为：\n\n   ```\n   【A】局部>全局\n   【B】全局>局部\n   ```\n\n   正确答案：A\n2. 下面哪个说法正确：\n   - (A) 一\n   - (B) 二\n3. The keyword that defines a function is:\n   A. def\n   B. fun\n";
        let lines: Vec<&str> = input.split('\n').collect();
        let got: Vec<(usize, String)> = ListQuestions
            .read(&lines)
            .found
            .into_iter()
            .map(|f| (f.idx, f.question))
            .collect();
        assert_eq!(
            got,
            [
                (0, "变量的查找顺序为：".to_string()),
                (8, "下面哪个说法正确：".to_string()),
                (11, "The keyword that defines a function is:".to_string())
            ]
        );
    }

    fn questions(input: &str) -> Vec<(usize, String, String)> {
        let lines: Vec<&str> = input.split('\n').collect();
        ListQuestions
            .read(&lines)
            .found
            .into_iter()
            .map(|f| (f.idx, f.question, f.answer))
            .collect()
    }

    #[test]
    fn questions_grouped_under_label_items_in_russian_and_english() {
        let got = questions(
            "* Какие типы данных существуют?\n* Что такое словарь?\n* Основы ООП\n    * Что такое класс?\n    * Что такое объект?\n* Что такое срез?\n* [Статья](https://example.org/a)\n* [Видео](https://example.org/b)\n* [Курс](https://example.org/c)\n",
        );
        let lines: Vec<usize> = got.iter().map(|(i, _, _)| *i).collect();
        assert_eq!(lines, [0, 1, 3, 4, 5]);
        let got = questions(
            "- Basics\n  - What is a class?\n  - What is an object?\n- Patterns\n  - What is a factory?\n- Why prefer composition?\n",
        );
        let lines: Vec<usize> = got.iter().map(|(i, _, _)| *i).collect();
        assert_eq!(lines, [1, 2, 4, 5]);
    }

    #[test]
    fn follow_up_items_are_questions_of_their_own_in_english_and_chinese() {
        let got = questions(
            "1. What is SQL?\n   * Can you define its purpose?\n2. What is a primary key?\n   * How is it unlike a unique key?\n     Give an example.\n3. What is an index?\n   An ordered lookup structure.\n   * Why not index every column?\n",
        );
        let got: Vec<(usize, &str, &str)> = got
            .iter()
            .map(|(i, q, a)| (*i, q.as_str(), a.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (0, "What is SQL?", ""),
                (1, "Can you define its purpose?", ""),
                (2, "What is a primary key?", ""),
                (3, "How is it unlike a unique key?", "Give an example."),
                (
                    5,
                    "What is an index?",
                    "An ordered lookup structure.\n* Why not index every column?"
                ),
            ]
        );
        let got = questions(
            "* 为什么用多个域名提供资源？\n\t* 浏览器同时能从一个域名下载多少资源？\n* 如何减少页面加载时间？\n\t* 期待的方案：\n\t\t* 合并文件\n* 什么是闭包？\n",
        );
        let lines: Vec<usize> = got.iter().map(|(i, _, _)| *i).collect();
        assert_eq!(lines, [0, 1, 2, 5]);
    }

    #[test]
    fn fields_beside_questions_do_not_dilute_the_list_in_russian_and_english() {
        let ru = "### Сеть\n\n- **Файл:** `net.ts`\n- **Тема:** кеширование\n- **Ожидается:** ETag\n\n### Браузер\n\n- **Файл:** `dom.ts`\n- **Тема:** рендеринг\n- **Уточнение:** Что вызывает reflow?\n\n### Безопасность\n\n- Как предотвратить XSS?\n- Что такое CSRF?\n- **Ожидается:** токены\n";
        let got: Vec<(usize, String)> = questions(ru).into_iter().map(|(i, q, _)| (i, q)).collect();
        assert_eq!(
            got,
            [
                (10, "Что вызывает reflow?".to_string()),
                (14, "Как предотвратить XSS?".to_string()),
                (15, "Что такое CSRF?".to_string()),
            ]
        );
        let en = "- **Topic:** caching\n- **Practice:** `cache.ts`\n- **Expected:** ETag\n- **Topic:** workers\n- What is a service worker?\n- **Follow-up:** How do you update one?\n- Explain the cache API.\n";
        let got: Vec<usize> = questions(en).into_iter().map(|(i, _, _)| i).collect();
        assert_eq!(got, [4, 5, 6]);
    }

    #[test]
    fn topic_outlines_are_not_questions() {
        let lines: Vec<&str> =
            "- Garbage collector\n  - STW\n- Java 8 features\n- Access modifiers\n"
                .split('\n')
                .collect();
        assert!(ListQuestions.read(&lines).found.is_empty());
    }
}

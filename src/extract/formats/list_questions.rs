//! Lists of questions: list items (bulleted `-`/`*`/`+`/`•` or numbered,
//! lazily `1.` every time included) that read as questions, at one
//! nesting depth, each answered (or not) by what is nested under it:
//! indented paragraphs, sub-bullets with hints, code. An item that offers
//! lettered options (`【A】`, `(B)`, `C.`) asks too, as a multiple-choice
//! question, whatever its wording. The depth is the
//! one with the most question items; items there that do not ask stay
//! prose.

use crate::extract::format::{NoteFormat, Reading};
use crate::extract::{Format, Found, label, question, text};

/// Least question items for a note to be read this way.
const MIN_QUESTIONS: usize = 3;

/// See the module documentation.
pub(crate) struct ListQuestions;

/// A list item: its line, indentation, text after the marker, and
/// whether it asks (reads as a question, or offers answer options).
struct Item<'a> {
    idx: usize,
    indent: usize,
    text: &'a str,
    asks: bool,
}

impl NoteFormat for ListQuestions {
    fn applies(&self, markdown: bool) -> bool {
        markdown
    }

    fn read(&self, lines: &[&str]) -> Reading {
        let mask = text::fence_mask(lines);
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
        let Some(depth) = question_depth(&items) else {
            return Reading::default();
        };
        let mut sections = text::SectionCursor::default();
        let mut found = Vec::new();
        for it in items
            .iter()
            .filter(|it| depth_of(it.indent) == depth && it.asks)
        {
            let section = sections.at(lines, &mask, it.idx);
            let end = answer_end(lines, &mask, it);
            found.push(Found {
                idx: it.idx,
                question: question::clean(it.text),
                answer: text::markdown_block(&lines[it.idx + 1..end]),
                section,
                span: it.idx..end,
            });
        }
        Reading::of(Format::ListQuestions, found)
    }
}

/// Nesting depth of an indentation (two columns a level; a tab is four).
fn depth_of(indent: usize) -> usize {
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
/// [`MIN_QUESTIONS`] and they are at least half its items.
fn question_depth(items: &[Item]) -> Option<usize> {
    let mut per_depth: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
    for it in items {
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

/// A list item's indentation and text: `- x`, `* x`, `+ x`, `• x`, `1. x`,
/// `1) x`, `1、x`.
fn item(line: &str) -> Option<(usize, &str)> {
    let indent = text::indent_width(line);
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '+', '\u{2022}'])
        && rest.starts_with([' ', '\t'])
        && !text::is_rule(line)
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
fn answer_end(lines: &[&str], mask: &[bool], it: &Item) -> usize {
    let mut blank_before = false;
    for i in it.idx + 1..lines.len() {
        if mask[i] {
            // After a fenced block, text back at the margin is no part of it.
            blank_before = true;
            continue;
        }
        let line = lines[i];
        if text::is_blank(line) {
            blank_before = true;
            continue;
        }
        if text::atx_heading(line).is_some() || text::is_rule(line) {
            return i;
        }
        let shallow = text::indent_width(line) <= it.indent;
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

    #[test]
    fn topic_outlines_are_not_questions() {
        let lines: Vec<&str> =
            "- Garbage collector\n  - STW\n- Java 8 features\n- Access modifiers\n"
                .split('\n')
                .collect();
        assert!(ListQuestions.read(&lines).found.is_empty());
    }
}

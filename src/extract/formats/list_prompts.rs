//! Lists of prompts: list items at one depth, most of them followed by an
//! answer (nested lines, or lines up to the next item), whatever the
//! items' wording. A cheat sheet written as "- Generators" over its
//! explanation, or "1. **GIL**" over a bullet answer, asks about each
//! item as surely as "What is a generator?" does. The depth is the one
//! with the most answered items; at least [`MIN_ANSWERED`] of them, and
//! at least two thirds of that depth's items. Link-only items (reference
//! lists) do not count. Registered after the lists of questions, so a
//! list that reads as questions is read that way.

use super::list_questions::{answer_end, depth_of, is_link_only, item};
use crate::extract::format::{NoteFormat, Reading};
use crate::extract::{Format, Found, lines, question};

/// Least answered items for a note to be read this way.
const MIN_ANSWERED: usize = 3;

/// Longest item (in characters) taken as a prompt: longer items are
/// prose.
const MAX_CHARS: usize = 120;

/// See the module documentation.
pub(crate) struct ListPrompts;

impl NoteFormat for ListPrompts {
    fn applies(&self, markdown: bool) -> bool {
        markdown
    }

    fn read(&self, lines: &[&str]) -> Reading {
        let mask = lines::fence_mask(lines);
        // (line, indent, text, answer end, answered)
        let items: Vec<(usize, usize, &str, usize, bool)> = (0..lines.len())
            .filter(|&i| !mask[i])
            .filter_map(|i| {
                let (indent, t) = item(lines[i])?;
                if is_link_only(t) {
                    return None;
                }
                let probe = super::list_questions::Item {
                    idx: i,
                    indent,
                    text: t,
                    asks: false,
                };
                let end = answer_end(lines, &mask, &probe);
                let answered = (i + 1..end).any(|k| mask[k] || !lines::is_blank(lines[k]));
                Some((i, indent, t, end, answered))
            })
            .collect();
        let mut per_depth: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
        for &(_, indent, _, _, answered) in &items {
            let e = per_depth.entry(depth_of(indent)).or_default();
            e.0 += usize::from(answered);
            e.1 += 1;
        }
        let Some(depth) = per_depth
            .into_iter()
            .filter(|(_, (a, n))| *a >= MIN_ANSWERED && a * 3 >= n * 2)
            .max_by_key(|(d, (a, _))| (*a, std::cmp::Reverse(*d)))
            .map(|(d, _)| d)
        else {
            return Reading::default();
        };
        let at_depth: Vec<_> = items
            .iter()
            .filter(|(_, indent, _, _, _)| depth_of(*indent) == depth)
            .collect();
        if at_depth
            .iter()
            .any(|(_, _, t, _, _)| t.chars().count() > MAX_CHARS)
        {
            return Reading::default();
        }
        let mut sections = lines::SectionCursor::default();
        let found = at_depth
            .into_iter()
            .map(|&(i, _, t, end, _)| Found {
                idx: i,
                question: question::clean(t),
                answer: lines::markdown_block(&lines[i + 1..end]),
                section: sections.at(lines, &mask, i),
                span: i..end,
            })
            .collect();
        Reading::of(Format::ListPrompts, found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str)]) {
        crate::extract::formats::testing::check_qa(&ListPrompts, input, expected);
    }

    #[test]
    fn answered_topic_items_in_chinese() {
        check(
            "## 常见问题\n1. **字典安全取值**\n   - 用 `get()`，键不存在时返回默认值。\n\n2. **装饰器**\n   - 不改原函数而添加功能。\n\n3. **生成器**\n   - 用 `yield` 逐个产生值。\n",
            &[
                (1, "字典安全取值", "- 用 `get()`，键不存在时返回默认值。"),
                (4, "装饰器", "- 不改原函数而添加功能。"),
                (7, "生成器", "- 用 `yield` 逐个产生值。"),
            ],
        );
    }

    #[test]
    fn lazily_continued_and_code_answers_in_english() {
        check(
            "- Kinds of decorators\nFunction and class decorators.\n- A decorator with arguments\n```\ndef outer(x): ...\n```\n- Processes and threads\nA process owns memory; threads share it.\n- GIL\n",
            &[
                (0, "Kinds of decorators", "Function and class decorators."),
                (
                    2,
                    "A decorator with arguments",
                    "```\ndef outer(x): ...\n```",
                ),
                (
                    6,
                    "Processes and threads",
                    "A process owns memory; threads share it.",
                ),
                (8, "GIL", ""),
            ],
        );
    }

    #[test]
    fn outlines_without_answers_and_link_lists_are_not_prompts() {
        for input in [
            "- Garbage collector\n  - STW\n- Java 8 features\n- Access modifiers\n- Streams\n",
            "- [Iterators](https://example.org/a)\n  - read later\n- [Generators](https://example.org/b)\n  - read later\n- [Context managers](https://example.org/c)\n  - read later\n",
        ] {
            let lines: Vec<&str> = input.split('\n').collect();
            assert!(ListPrompts.read(&lines).found.is_empty(), "{input}");
        }
    }
}

//! Bold questions: a line that is wholly bold (`**Q1. What is …?**`,
//! `1. **Как работает …?**`, `**什么是GIL？**`) and reads as a question,
//! with its answer in the paragraphs below, up to the next bold question,
//! heading or thematic break, or, for a question that is a list item, the
//! next item beside it that asks.

use crate::extract::format::{NoteFormat, Reading};
use crate::extract::formats::list_questions;
use crate::extract::{Format, Found, label, lines, question};

/// Least bold questions for a note to be read this way.
const MIN_QUESTIONS: usize = 2;

/// See the module documentation.
pub(crate) struct Bold;

impl NoteFormat for Bold {
    fn applies(&self, markdown: bool) -> bool {
        markdown
    }

    fn read(&self, lines: &[&str]) -> Reading {
        let mask = lines::fence_mask(lines);
        let starts: Vec<(usize, String)> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !mask[*i])
            .filter_map(|(i, l)| bold_question(l).map(|q| (i, q)))
            .collect();
        if starts.len() < MIN_QUESTIONS {
            return Reading::default();
        }
        let mut sections = lines::SectionCursor::default();
        let mut found = Vec::new();
        for (k, (start, q)) in starts.iter().enumerate() {
            let section = sections.at(lines, &mask, *start);
            let limit = starts.get(k + 1).map_or(lines.len(), |(i, _)| *i);
            let mut end = lines::unit_end(lines, &mask, *start, limit);
            // A bold question that is a list item: a sibling item that asks
            // (not bold) opens the next question, not this answer.
            if let Some((indent, _)) = list_questions::item(lines[*start]) {
                end = (start + 1..end)
                    .find(|&i| {
                        !mask[i]
                            && list_questions::item(lines[i]).is_some_and(|(w, t)| {
                                w == indent && question::looks_like_question(t)
                            })
                    })
                    .unwrap_or(end);
            }
            found.push(Found {
                idx: *start,
                question: q.clone(),
                answer: lines::markdown_block(&lines[start + 1..end]),
                section,
                span: *start..end,
            });
        }
        Reading::of(Format::Bold, found)
    }
}

/// The question of a wholly bold line that asks one (a list marker or
/// number before the bold part is allowed).
fn bold_question(line: &str) -> Option<String> {
    let t = lines::strip_bullet(line).trim_end();
    let t = match label::question_label(t, false) {
        Some(l) if l.rest.starts_with("**") || l.rest.starts_with("__") => l.rest,
        _ => t,
    };
    let strong =
        (t.starts_with("**") && t.ends_with("**")) || (t.starts_with("__") && t.ends_with("__"));
    if !strong || t.len() < 5 || t[2..t.len() - 2].contains("**") {
        return None;
    }
    let inner = question::strip_wrappers(t);
    let labelled = label::question_label(inner, false).is_some_and(|l| !l.rest.is_empty());
    (labelled || question::looks_like_question(inner)).then(|| question::clean(inner))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str)]) {
        crate::extract::formats::testing::check_qa(&Bold, input, expected);
    }

    #[test]
    fn bold_questions_in_english_and_chinese() {
        check(
            "# Notes\n**Q1. What is a closure?**\n\nA function.\n\n**Q2. Explain MRO**\nC3.\n## Next\n**什么是GIL？**\n锁。\n**Not a question**\n",
            &[
                (1, "What is a closure?", "A function."),
                (5, "Explain MRO", "C3."),
                (8, "什么是GIL？", "锁。\n**Not a question**"),
            ],
        );
    }

    #[test]
    fn a_sibling_item_that_asks_ends_the_answer_in_english_and_spanish() {
        check(
            "* **What is a heap?**\n\nMemory for dynamic allocation.\n\n* How to avoid fragmentation\n\n    - pools\n* **Explain the stack**\n\nFrames.\n",
            &[
                (0, "What is a heap?", "Memory for dynamic allocation."),
                (7, "Explain the stack", "Frames."),
            ],
        );
        check(
            "- **¿Qué es un closure?**\n  Una función con su entorno.\n- [Enlace](https://example.org)\n- ¿Cómo se usa `bind`?\n- **¿Qué es el hoisting?**\n  Elevación.\n",
            &[
                (
                    0,
                    "¿Qué es un closure?",
                    "  Una función con su entorno.\n- [Enlace](https://example.org)",
                ),
                (4, "¿Qué es el hoisting?", "Elevación."),
            ],
        );
    }

    #[test]
    fn numbered_bold_items_in_russian() {
        check(
            "1. **Что такое замыкание?**\n   Функция.\n2. **Как работает GIL?**\n   Блокировка.\n",
            &[
                (0, "Что такое замыкание?", "Функция."),
                (2, "Как работает GIL?", "Блокировка."),
            ],
        );
    }
}

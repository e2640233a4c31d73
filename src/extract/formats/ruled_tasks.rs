//! Tasks split by thematic breaks (`---`, `***`, `<hr />`), as collections
//! of coding tasks are written: each unit between two breaks opens with a
//! short prompt paragraph ("What does this print, and why?:", "Write a
//! function that …"; up to a line ending with `?` or `:`) and goes on with code or prose. The prompt is the
//! question, the rest of the unit its answer. A unit counts when its prompt
//! asks or a fenced code block follows it; the note needs at least
//! [`MIN_TASKS`] such units, most of its units. A unit that opens with a
//! heading, a list, a quote, a table or HTML is left to other readings.

use crate::extract::format::{NoteFormat, Reading};
use crate::extract::{Format, Found, lines, question};

/// Least tasks for a note to be read this way.
const MIN_TASKS: usize = 3;

/// Longest prompt, in lines.
const MAX_PROMPT_LINES: usize = 3;

/// Longest prompt, in characters.
const MAX_PROMPT_CHARS: usize = 400;

/// See the module documentation.
pub(crate) struct RuledTasks;

impl NoteFormat for RuledTasks {
    fn applies(&self, _markdown: bool) -> bool {
        true
    }

    fn read(&self, lines: &[&str]) -> Reading {
        let mask = lines::fence_mask(lines);
        let is_break =
            |i: usize| !mask[i] && (lines::is_rule(lines[i]) || lines::is_html_rule(lines[i]));
        let breaks: Vec<usize> = (0..lines.len()).filter(|&i| is_break(i)).collect();
        if breaks.len() < 2 {
            return Reading::default();
        }
        let mut units = Vec::with_capacity(breaks.len() + 1);
        let mut start = 0;
        for &b in breaks.iter().chain(std::iter::once(&lines.len())) {
            if (start..b).any(|i| !lines::is_blank(lines[i])) {
                units.push(start..b);
            }
            start = b + 1;
        }
        let mut sections = lines::SectionCursor::default();
        let mut found = Vec::new();
        for unit in &units {
            let Some(first) = unit.clone().find(|&i| !lines::is_blank(lines[i])) else {
                continue;
            };
            if mask[first] || !is_prose(lines[first]) {
                continue;
            }
            // The prompt ends at a blank line or code, or after a line that
            // ends with a question mark or a colon (the answer follows).
            let end_prompt = (first..unit.end)
                .find(|&i| {
                    lines::is_blank(lines[i])
                        || mask[i]
                        || (i > first && lines[i - 1].trim_end().ends_with(['?', '？', ':', '：']))
                })
                .unwrap_or(unit.end);
            let prompt: Vec<&str> = lines[first..end_prompt].iter().map(|l| l.trim()).collect();
            let text = prompt.join(" ");
            if prompt.len() > MAX_PROMPT_LINES || text.chars().count() > MAX_PROMPT_CHARS {
                continue;
            }
            let code_follows = (end_prompt..unit.end).any(|i| mask[i]);
            if !code_follows && !question::looks_like_question(&text) {
                continue;
            }
            let section = sections.at(lines, &mask, first);
            found.push(Found {
                idx: first,
                question: question::clean(&text),
                answer: lines::markdown_block(&lines[end_prompt..unit.end]),
                section,
                span: first..unit.end,
            });
        }
        if found.len() < MIN_TASKS || found.len() * 2 <= units.len() {
            return Reading::default();
        }
        Reading::of(Format::RuledTasks, found)
    }
}

/// True for a line that can open a prompt: prose, not a heading, list
/// item, quote, table row or HTML.
fn is_prose(line: &str) -> bool {
    let t = line.trim_start();
    lines::atx_heading(t).is_none()
        && lines::strip_bullet(t).len() == t.len()
        && crate::extract::label::question_label(t, false).is_none_or(|l| l.marker)
        && !t.starts_with(['>', '|', '<'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str)]) {
        crate::extract::formats::testing::check_qa(&RuledTasks, input, expected);
    }

    #[test]
    fn coding_tasks_between_rules_in_russian_and_english() {
        check(
            "# Задачи\n\n<hr />\n\nЧто будет в консоли?:\n\n```js\nconsole.log(a);\n```\n\n<hr />\n\nНайти не повторяющиеся числа:\n\n```js\nconst arr = [1, 2, 1];\n```\n\n<hr />\n\nНапишите функцию-палиндром.\n\n```js\nf('abba');\n```\n",
            &[
                (4, "Что будет в консоли?:", "```js\nconsole.log(a);\n```"),
                (
                    12,
                    "Найти не повторяющиеся числа:",
                    "```js\nconst arr = [1, 2, 1];\n```",
                ),
                (20, "Напишите функцию-палиндром.", "```js\nf('abba');\n```"),
            ],
        );
        check(
            "What does this print?\n\n    print(1)\n\nIt prints 1.\n\n---\n\nReverse a list in place:\n```py\nxs.reverse()\n```\n\n---\n\nWhy is `is` not `==`?\nIdentity, not equality.\n",
            &[
                (0, "What does this print?", "    print(1)\n\nIt prints 1."),
                (8, "Reverse a list in place:", "```py\nxs.reverse()\n```"),
                (15, "Why is `is` not `==`?", "Identity, not equality."),
            ],
        );
    }

    #[test]
    fn essays_split_by_rules_are_no_tasks() {
        check(
            "Intro paragraph about the topic.\n\n---\n\nA second section of plain prose.\nIt goes on.\n\n---\n\nA third section, also prose.\n\n---\n\n## Heading\n\nMore.\n",
            &[],
        );
    }
}

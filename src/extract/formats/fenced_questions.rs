//! Questions pasted inside code fences: notes kept as a run of fenced
//! blocks (```` ```shell ````, ```` ``` ````), each opening with a question
//! in prose and holding its answer, prose and code mixed, below it. A
//! fence whose first line reads as a question and is not code is one
//! question; its answer is the rest of the block, kept fenced as the
//! author pasted it. At least [`MIN_QUESTIONS`] such fences, and at least
//! half of the note's fences.

use crate::extract::format::{NoteFormat, Reading};
use crate::extract::{Format, Found, lines, question};

/// Least question fences for a note to be read this way.
const MIN_QUESTIONS: usize = 3;

/// See the module documentation.
pub(crate) struct FencedQuestions;

impl NoteFormat for FencedQuestions {
    fn applies(&self, markdown: bool) -> bool {
        markdown
    }

    fn read(&self, lines: &[&str]) -> Reading {
        let fences = lines::fences(lines);
        let asking: Vec<(usize, usize, usize)> = fences
            .iter()
            .filter_map(|&(open, close)| {
                let first = (open + 1..close).find(|&i| !lines::is_blank(lines[i]))?;
                asks(lines[first]).then_some((open, first, close))
            })
            .collect();
        if asking.len() < MIN_QUESTIONS || asking.len() * 2 < fences.len() {
            return Reading::default();
        }
        let mut sections = lines::SectionCursor::default();
        let mask = lines::fence_mask(lines);
        let found = asking
            .into_iter()
            .map(|(open, first, close)| {
                let info = lines[open].trim().trim_start_matches(['`', '~']).trim();
                let body = lines::trim_blank_edges(&lines[first + 1..close]);
                let answer = if body.is_empty() {
                    String::new()
                } else {
                    format!("```{info}\n{}\n```", lines::dedent(body).join("\n"))
                };
                Found {
                    idx: first,
                    question: question::clean(lines[first]),
                    answer,
                    section: sections.at(lines, &mask, open),
                    span: open..(close + 1).min(lines.len()),
                }
            })
            .collect();
        Reading::of(Format::FencedQuestions, found)
    }
}

/// A fence's first line that asks in prose: it reads as a question and
/// has none of the marks code lines carry.
fn asks(line: &str) -> bool {
    let t = line.trim();
    let code = t.contains(['{', '}', ';', '=', '(', '<'])
        || t.starts_with(['$', '#', '/', '>'])
        || t.ends_with(':');
    !code && (question::ends_with_question_mark(t) || question::looks_like_question(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str)]) {
        crate::extract::formats::testing::check_qa(&FencedQuestions, input, expected);
    }

    #[test]
    fn questions_opening_shell_fences_in_russian() {
        check(
            "#### Теория\n```shell\nЧто такое интерфейс?\nНабор методов, который тип реализует неявно.\n```\n```shell\nКак сложить строки быстрее всего?\nЧерез strings.Builder:\n\nvar b strings.Builder\n```\n```\nЕсть ли в Go перегрузка методов?\nНет.\n```\n",
            &[
                (
                    2,
                    "Что такое интерфейс?",
                    "```shell\nНабор методов, который тип реализует неявно.\n```",
                ),
                (
                    6,
                    "Как сложить строки быстрее всего?",
                    "```shell\nЧерез strings.Builder:\n\nvar b strings.Builder\n```",
                ),
                (12, "Есть ли в Go перегрузка методов?", "```\nНет.\n```"),
            ],
        );
    }

    #[test]
    fn code_fences_of_a_tutorial_are_not_questions() {
        // English: fences that open with code, and too few that ask.
        let input = "```python\nx = compute()\n```\n```\nWhat does this print?\n1\n```\n```sh\n$ make test\n```\n```go\nfunc main() {}\n```\n";
        let lines: Vec<&str> = input.split('\n').collect();
        assert!(FencedQuestions.read(&lines).found.is_empty());
        check(
            "```text\nWhat is a goroutine?\nA function run concurrently.\n```\n```text\nWhy close a channel?\nTo tell receivers no more values come.\n```\n```text\nExplain select.\nIt waits on several channel operations.\n```\n",
            &[
                (
                    1,
                    "What is a goroutine?",
                    "```text\nA function run concurrently.\n```",
                ),
                (
                    5,
                    "Why close a channel?",
                    "```text\nTo tell receivers no more values come.\n```",
                ),
                (
                    9,
                    "Explain select.",
                    "```text\nIt waits on several channel operations.\n```",
                ),
            ],
        );
    }
}

//! One file per note structure, each a [`super::format::NoteFormat`]
//! registered in [`super::format::REGISTRY`].

pub(crate) mod bare_lines;
pub(crate) mod bold;
pub(crate) mod exercise;
pub(crate) mod fenced_questions;
pub(crate) mod flashcards;
pub(crate) mod list_prompts;
pub(crate) mod list_questions;
pub(crate) mod numbered_headings;
pub(crate) mod pairs;
pub(crate) mod ruled_tasks;
pub(crate) mod table;

/// The `check(input, expect)` helpers every format's unit tests share: a
/// note as one string in, the reading's questions out.
#[cfg(test)]
pub(crate) mod testing {
    use crate::extract::format::NoteFormat;

    /// Asserts that `format` reads `input` as exactly `expected`:
    /// (0-based line, question, answer) per question.
    pub(crate) fn check_qa(format: &dyn NoteFormat, input: &str, expected: &[(usize, &str, &str)]) {
        let lines: Vec<&str> = input.split('\n').collect();
        let found = format.read(&lines).found;
        let got: Vec<(usize, &str, &str)> = found
            .iter()
            .map(|f| (f.idx, f.question.as_str(), f.answer.as_str()))
            .collect();
        assert_eq!(got, expected, "input:\n{input}");
    }

    /// [`check_qa`] with each question's section path as well.
    pub(crate) fn check_sections(
        format: &dyn NoteFormat,
        input: &str,
        expected: &[(usize, &str, &str, &[&str])],
    ) {
        let lines: Vec<&str> = input.split('\n').collect();
        let found = format.read(&lines).found;
        let got: Vec<(usize, &str, &str, Vec<&str>)> = found
            .iter()
            .map(|f| {
                let section = f.section.iter().map(String::as_str).collect();
                (f.idx, f.question.as_str(), f.answer.as_str(), section)
            })
            .collect();
        let want: Vec<(usize, &str, &str, Vec<&str>)> = expected
            .iter()
            .map(|(i, q, a, s)| (*i, *q, *a, s.to_vec()))
            .collect();
        assert_eq!(got, want, "input:\n{input}");
    }
}

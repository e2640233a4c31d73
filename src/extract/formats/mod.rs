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

use super::{label, lines, question};

/// The first line from `from` (before `end`) that is not blank and not a
/// field (`**Setup:** …`), when it is a one-line quote or plain line that
/// asks, or a question marker's line (`**Q:** …`): its line and text
/// (quote or marker dropped). A titled marker or
/// numbered heading (`### Frage: Code Review`, `### 1.1 Regressão`) asks
/// the question written below it this way.
pub(crate) fn asked_below<'a>(
    lines: &[&'a str],
    mask: &[bool],
    from: usize,
    end: usize,
) -> Option<(usize, &'a str)> {
    let at = (from..end).find(|&i| {
        !lines::is_blank(lines[i])
            && (label::pair_marker(lines[i]).is_some()
                || label::field(lines[i]).is_none_or(|r| r.is_empty()))
    })?;
    if mask[at] {
        return None;
    }
    // `**Q:** text` below a title asks its text.
    if let Some((side, rest)) = label::pair_marker(lines[at]) {
        return (side == label::Side::Question && !rest.is_empty()).then_some((at, rest));
    }
    let t = lines[at].trim();
    let text = t.strip_prefix('>').map_or(t, str::trim);
    let plain = lines::atx_heading(text).is_none()
        && lines::strip_bullet(text).len() == text.len()
        && !text.starts_with(['|', '<']);
    (plain && question::looks_like_question(text)).then_some((at, text))
}

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

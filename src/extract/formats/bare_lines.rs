//! Bare question lines: lines with no marker at all that end with a
//! question mark (`?` or `？`), one question a line, as pasted from a
//! page or typed as a quick list. What follows a question up to the next
//! one (or a heading or thematic break) is its answer.

use crate::extract::format::{NoteFormat, Reading};
use crate::extract::{Format, Found, question, text};

/// Least question lines for a note to be read this way.
const MIN_QUESTIONS: usize = 3;

/// Longest line (in characters) taken as a question.
const MAX_CHARS: usize = 300;

/// See the module documentation.
pub(crate) struct BareLines;

impl NoteFormat for BareLines {
    fn applies(&self, _markdown: bool) -> bool {
        true
    }

    fn read(&self, lines: &[&str]) -> Reading {
        let mask = text::fence_mask(lines);
        let starts: Vec<usize> = (0..lines.len())
            .filter(|&i| !mask[i] && is_question_line(lines[i]))
            .collect();
        if starts.len() < MIN_QUESTIONS {
            return Reading::default();
        }
        let mut sections = text::SectionCursor::default();
        let mut found = Vec::new();
        for (k, &start) in starts.iter().enumerate() {
            let section = sections.at(lines, &mask, start);
            let limit = starts.get(k + 1).copied().unwrap_or(lines.len());
            let end = text::unit_end(lines, &mask, start, limit);
            found.push(Found {
                idx: start,
                question: question::clean(lines[start]),
                answer: text::markdown_block(&lines[start + 1..end]),
                section,
                span: start..end,
            });
        }
        Reading::of(Format::BareLines, found)
    }
}

/// A line at the margin that is no heading, list item, quote or table row
/// and ends with a question mark.
fn is_question_line(line: &str) -> bool {
    let t = line.trim();
    let structural = text::atx_heading(line).is_some()
        || t.starts_with(['-', '*', '+', '>', '|', '<', '#'])
        || t.chars().next().is_some_and(|c| c.is_ascii_digit())
        || text::indent_width(line) >= 4;
    !structural && t.chars().count() <= MAX_CHARS && question::ends_with_question_mark(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str)]) {
        crate::extract::formats::testing::check_qa(&BareLines, input, expected);
    }

    #[test]
    fn bare_question_lines_in_english_and_chinese() {
        check(
            "# Warm-up\nWhat is a closure?\nWhy is the GIL needed?\nIt serialises bytecode.\n\n什么是协程？\n",
            &[
                (1, "What is a closure?", ""),
                (2, "Why is the GIL needed?", "It serialises bytecode."),
                (5, "什么是协程？", ""),
            ],
        );
    }

    #[test]
    fn two_questions_are_not_a_structure() {
        let lines: Vec<&str> = "Why?\nBecause.\nReally?\n".split('\n').collect();
        assert!(BareLines.read(&lines).found.is_empty());
    }
}

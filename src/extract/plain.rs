//! Plain-text Q&A: numbered questions, each followed by its answer.
//!
//! Notes pasted from a web page or typed in a text editor number their
//! questions (`1. What is …?`) and put the answer on the following lines.
//! Questions are found with the shared numbering rules; each answer runs to
//! the next question and is converted from plain text to markdown.

use super::{Found, inline, lines, numbered, prose};

/// Reads the document as plain-text numbered questions with answers.
pub(crate) fn extract(lines: &[&str]) -> Vec<Found> {
    let hits = numbered::scan_plain(lines);
    let mut out = Vec::with_capacity(hits.len());
    for (k, hit) in hits.iter().enumerate() {
        let end = hits.get(k + 1).map_or(lines.len(), |h| h.idx);
        let body = lines::trim_blank_edges(&lines[hit.idx + 1..end]);
        out.push(Found {
            idx: hit.idx,
            question: inline::question_to_markdown(&hit.question),
            answer: prose::convert(body),
            section: Vec::new(),
            span: hit.idx..end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str)]) {
        let lines: Vec<&str> = input.split('\n').collect();
        let got = extract(&lines);
        let got: Vec<(usize, &str, &str)> = got
            .iter()
            .map(|f| (f.idx, f.question.as_str(), f.answer.as_str()))
            .collect();
        assert_eq!(got, expected, "input:\n{input}");
    }

    #[test]
    fn questions_and_converted_answers() {
        check(
            "1. What is X?\nX is a thing.\n\n2. What is monkey patching?\n\n\n3. How?  \n  \u{2022} a\n\n  \u{2022} b\n",
            &[
                (0, "What is X?", "X is a thing."),
                (3, "What is monkey patching?", ""),
                (6, "How?", "- a\n- b"),
            ],
        );
    }

    #[test]
    fn indented_questions_and_sub_lists() {
        check(
            "    13. What is scope resolution (LEGB rule)?\n\n    It is:\n\n    1. Local\n\n    2. Global\n    14. Explain caching\n    Caching.",
            &[
                (
                    0,
                    "What is scope resolution (LEGB rule)?",
                    "It is:\n\n1. Local\n2. Global",
                ),
                (7, "Explain caching", "Caching."),
            ],
        );
    }

    #[test]
    fn questions_with_markdown_specials_become_inline_markdown() {
        check(
            "1. What is __new__() vs __init__()?\nx",
            &[(0, "What is `__new__()` vs `__init__()`?", "x")],
        );
    }
}

//! Bare question lines: lines with no marker at all that end with a
//! question mark (`?` or `？`), one question a line, as pasted from a
//! page or typed as a quick list. What follows a question up to the next
//! one (or a heading or thematic break) is its answer.

use crate::extract::format::{NoteFormat, Reading};
use crate::extract::{Format, Found, lines, question};

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
        let mask = lines::fence_mask(lines);
        let asks: Vec<bool> = (0..lines.len())
            .map(|i| {
                !mask[i]
                    && is_bare(lines[i])
                    && question::looks_like_question(without_badge(lines[i]))
            })
            .collect();
        // Badged lines mark the question sequence when most of them ask.
        let badged: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                !mask[i] && is_bare(lines[i]) && without_badge(lines[i]) != lines[i].trim()
            })
            .collect();
        let badged_ask = badged.iter().filter(|&&i| asks[i]).count();
        let badges_mark = badged.len() >= MIN_QUESTIONS && badged_ask * 2 > badged.len();
        let starts: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                (badges_mark && badged.binary_search(&i).is_ok())
                    || (!mask[i] && is_question_line(lines[i]))
                    || in_run(&asks, i)
                    || (!mask[i] && quoted_question(lines, i).is_some())
            })
            .collect();
        if starts.len() < MIN_QUESTIONS {
            return Reading::default();
        }
        let mut sections = lines::SectionCursor::default();
        let mut found = Vec::new();
        for (k, &start) in starts.iter().enumerate() {
            let section = sections.at(lines, &mask, start);
            let limit = starts.get(k + 1).copied().unwrap_or(lines.len());
            let end = lines::unit_end(lines, &mask, start, limit);
            found.push(Found {
                idx: start,
                question: question::clean(
                    quoted_question(lines, start).unwrap_or(without_badge(lines[start])),
                ),
                answer: lines::markdown_block(&lines[start + 1..end]),
                section,
                span: start..end,
            });
        }
        Reading::of(Format::BareLines, found)
    }
}

/// The text of line `i` when it is a quote of one line (no quote line
/// above or below it) that asks: a question set off as a quote, the
/// answer following as plain text (`> What is a servlet?`).
fn quoted_question<'a>(lines: &[&'a str], i: usize) -> Option<&'a str> {
    let is_quote = |l: &str| l.trim_start().starts_with('>');
    if !is_quote(lines[i])
        || (i > 0 && is_quote(lines[i - 1]))
        || lines.get(i + 1).is_some_and(|l| is_quote(l))
    {
        return None;
    }
    let inner = lines[i].trim_start().trim_start_matches('>').trim();
    (is_bare(inner)
        && (question::ends_with_question_mark(inner) || question::looks_like_question(inner)))
    .then_some(inner)
}

/// A line at the margin that is no heading, list item, quote or table row
/// and ends with a question mark.
fn is_question_line(line: &str) -> bool {
    is_bare(line) && question::ends_with_question_mark(without_badge(line))
}

/// The line's text without a leading percentage badge (`6% What is …`: how
/// often a question is asked, as some collections rate them). Where most
/// badged lines ask, every badged line is a question, worded as one or
/// not.
fn without_badge(line: &str) -> &str {
    let t = line.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    match t[digits..].strip_prefix('%') {
        Some(rest) if (1..=3).contains(&digits) && rest.starts_with([' ', '\t']) => {
            rest.trim_start()
        }
        _ => t,
    }
}

/// A non-blank line at the margin, no longer than [`MAX_CHARS`], that is
/// no heading, list item, quote or table row (a percentage badge before
/// the text allowed).
fn is_bare(line: &str) -> bool {
    if lines::indent_width(line) >= 4 {
        return false;
    }
    let t = without_badge(line);
    let structural = lines::atx_heading(line).is_some()
        || t.starts_with(['-', '*', '+', '>', '|', '<', '#'])
        || t.chars().next().is_some_and(|c| c.is_ascii_digit())
        || lines::indent_width(line) >= 4;
    !t.is_empty() && !structural && t.chars().count() <= MAX_CHARS
}

/// Whether line `i` is in a run of at least [`MIN_QUESTIONS`] consecutive
/// lines that each read as a question (`asks`): a pasted list of requests
/// ("Explain X." / "X를 설명해주세요.") asks line by line even without
/// question marks.
fn in_run(asks: &[bool], i: usize) -> bool {
    if !asks[i] {
        return false;
    }
    let before = asks[..i].iter().rev().take_while(|&&a| a).count();
    let after = asks[i + 1..].iter().take_while(|&&a| a).count();
    before + 1 + after >= MIN_QUESTIONS
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
    fn lines_rated_by_a_percentage_badge_in_russian_and_english() {
        check(
            "## JVM\n\n6% Для чего нужна JVM\n5% Что такое Classloader\n12% Расскажи про JIT\n",
            &[
                (2, "Для чего нужна JVM", ""),
                (3, "Что такое Classloader", ""),
                (4, "Расскажи про JIT", ""),
            ],
        );
        check(
            "40% What is a closure\n7% Explain hoisting\n3% Event loop phases\n2% How does `this` bind\nA detail.\n",
            &[
                (0, "What is a closure", ""),
                (1, "Explain hoisting", ""),
                (2, "Event loop phases", ""),
                (3, "How does `this` bind", "A detail."),
            ],
        );
    }

    #[test]
    fn one_line_quotes_that_ask_in_korean_and_english() {
        check(
            "# Spring\n\n> 서블릿이 뭔가요?\n\n요청을 처리합니다.\n\n> 컨테이너가 무엇인가요?\n\n생명주기를 관리합니다.\n\n> Explain dependency injection\n\nObjects get their collaborators.\n\n> What is a bean?\n> A quoted passage\n\nText.\n",
            &[
                (2, "서블릿이 뭔가요?", "요청을 처리합니다."),
                (6, "컨테이너가 무엇인가요?", "생명주기를 관리합니다."),
                (
                    10,
                    "Explain dependency injection",
                    "Objects get their collaborators.\n\n> What is a bean?\n> A quoted passage\n\nText.",
                ),
            ],
        );
    }

    #[test]
    fn runs_of_requests_ask_without_question_marks_in_korean_and_english() {
        check(
            "운영체제\n프로세스와 스레드의 차이를 설명해주세요.\n가상 메모리에 대해 설명해주세요.\n교착상태의 조건을 설명해주세요.\n\n정리\n",
            &[
                (1, "프로세스와 스레드의 차이를 설명해주세요.", ""),
                (2, "가상 메모리에 대해 설명해주세요.", ""),
                (3, "교착상태의 조건을 설명해주세요.", "정리"),
            ],
        );
        check(
            "Explain the event loop.\nDescribe how promises chain.\nWhy is this bound late?\n",
            &[
                (0, "Explain the event loop.", ""),
                (1, "Describe how promises chain.", ""),
                (2, "Why is this bound late?", ""),
            ],
        );
        // Two requests in a row are a paragraph, not a structure.
        let lines: Vec<&str> = "Explain the event loop.\nDescribe it well.\nThe end.\n"
            .split('\n')
            .collect();
        assert!(BareLines.read(&lines).found.is_empty());
    }

    #[test]
    fn two_questions_are_not_a_structure() {
        let lines: Vec<&str> = "Why?\nBecause.\nReally?\n".split('\n').collect();
        assert!(BareLines.read(&lines).found.is_empty());
    }
}

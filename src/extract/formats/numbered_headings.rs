//! Numbered headings: `## 1 Python的函数参数传递`, `# 3. Title` with
//! `## A.` sub-parts, `### 第5题`, `### Q6` or a heading with a `Q6` line
//! above it. Headings at one level that are numbered as siblings (or carry
//! a question marker) are the questions, whatever their wording, so an
//! imperative "Show how …" counts as much as "What is …?". Each answer
//! runs to the next heading at that level or above; deeper headings stay
//! inside it. Shallower headings (`# Part 2`) are sections, and so are
//! numbered headings whose own sub-headings ask the questions (an
//! article's `## 3. Bytecode` over `### What is bytecode?`).

use crate::extract::format::{NoteFormat, Reading};
use crate::extract::{Format, Found, details, label, lines, question};

/// Least numbered headings at the question level.
const MIN_QUESTIONS: usize = 2;

/// Least share of the level's headings that are numbered.
const MIN_SHARE: f64 = 0.5;

/// See the module documentation.
pub(crate) struct NumberedHeadings;

/// A heading outside fences, with its label if it is a question.
struct Head<'a> {
    idx: usize,
    /// Where the unit starts: the marker line above, or the heading.
    from: usize,
    level: usize,
    text: &'a str,
    /// The question text when the heading is labelled (or marked above).
    question: Option<String>,
    number: Option<u32>,
}

impl NoteFormat for NumberedHeadings {
    fn applies(&self, markdown: bool) -> bool {
        markdown
    }

    fn read(&self, lines: &[&str]) -> Reading {
        let heads = heads(lines);
        let Some(level) = question_level(&heads) else {
            return Reading::default();
        };
        let mask = lines::fence_mask(lines);
        let mut sections = lines::Sections::default();
        let mut found = Vec::new();
        for (k, h) in heads.iter().enumerate() {
            sections.enter(h.level, h.text);
            let Some(q) = h.question.as_ref().filter(|_| h.level == level) else {
                continue;
            };
            let end = heads[k + 1..]
                .iter()
                .find(|n| n.level <= level)
                .map_or(lines.len(), |n| n.from);
            // A title (`### 1.1 Regressão`) over the question it asks.
            let below = (!question::looks_like_question(q))
                .then(|| super::asked_below(lines, &mask, h.idx + 1, end))
                .flatten();
            let (idx, q, from) = match below {
                Some((at, text)) => (at, question::clean(text), at + 1),
                None => (h.idx, q.clone(), h.idx + 1),
            };
            let body = trim_rules(&lines[from..end]);
            let answer = lines::markdown_block(body);
            found.push(Found {
                idx,
                question: q,
                answer: details::unwrap_generic(&answer).trim().to_string(),
                section: sections.path_above(level),
                span: h.idx..end,
            });
        }
        Reading::of(Format::NumberedHeadings, found)
    }
}

/// Every heading outside fences and outside folded `<details>` answers
/// (whose own headings structure the answer); a labelled one (or one
/// under a bare marker line such as `Q6`) carries its question.
fn heads<'a>(lines: &[&'a str]) -> Vec<Head<'a>> {
    let mask = lines::fence_mask(lines);
    let folded = details::folded_mask(lines);
    let mut out = Vec::new();
    for (idx, line) in lines.iter().enumerate() {
        if mask[idx] || folded[idx] {
            continue;
        }
        let Some((level, t)) = lines::atx_heading(line) else {
            continue;
        };
        let above = marker_above(lines, &mask, idx);
        let (question, number) = match label::question_label(t, true) {
            Some(l) if !l.rest.is_empty() => (Some(question::clean(l.rest)), l.number),
            _ if above.is_some() => (Some(question::clean(t)), None),
            _ => (None, None),
        };
        out.push(Head {
            idx,
            from: above.unwrap_or(idx),
            level,
            text: t,
            question: question.filter(|q| !q.is_empty()),
            number,
        });
    }
    out
}

/// The nearest non-blank line above `idx` when it is a bare question
/// marker (`Q6`, `**Q6**`, `问题6`).
fn marker_above(lines: &[&str], mask: &[bool], idx: usize) -> Option<usize> {
    let above = (0..idx).rev().find(|&i| !lines::is_blank(lines[i]));
    above.filter(|&i| {
        !mask[i]
            && lines::atx_heading(lines[i]).is_none()
            && label::question_label(lines[i].trim(), false)
                .is_some_and(|l| l.marker && l.rest.is_empty())
    })
}

/// The level whose headings are numbered siblings: at least
/// [`MIN_QUESTIONS`] labelled headings, at least [`MIN_SHARE`] of the
/// level, numbers that mostly run on (each the one before plus one, or a
/// restart at 1); the level with the most such headings, the deeper on a
/// tie.
fn question_level(heads: &[Head]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for level in 1..=6 {
        let at: Vec<&Head> = heads.iter().filter(|h| h.level == level).collect();
        let labelled: Vec<&&Head> = at.iter().filter(|h| h.question.is_some()).collect();
        if labelled.len() < MIN_QUESTIONS || (labelled.len() as f64) < MIN_SHARE * at.len() as f64 {
            continue;
        }
        let numbers: Vec<u32> = labelled.iter().filter_map(|h| h.number).collect();
        let runs_on = numbers
            .windows(2)
            .filter(|w| w[1] == w[0].saturating_add(1) || w[1] == 1 || w[1] == w[0])
            .count();
        if numbers.len() >= 2 && runs_on * 5 < (numbers.len() - 1) * 3 {
            continue;
        }
        if asking_subheadings(heads, level) >= MIN_QUESTIONS {
            // The questions sit deeper: these numbers are sections.
            continue;
        }
        if best.is_none_or(|(n, _)| labelled.len() >= n) {
            best = Some((labelled.len(), level));
        }
    }
    best.map(|(_, level)| level)
}

/// How many labelled headings at `level` hold a deeper heading that asks
/// a question (reads as one, or carries a question marker).
fn asking_subheadings(heads: &[Head], level: usize) -> usize {
    let mut count = 0;
    for (k, h) in heads.iter().enumerate() {
        if h.level != level || h.question.is_none() {
            continue;
        }
        let asks = heads[k + 1..]
            .iter()
            .take_while(|n| n.level > level)
            .any(|n| {
                question::looks_like_question(n.text)
                    || label::question_label(n.text, false).is_some_and(|l| l.marker)
            });
        count += usize::from(asks);
    }
    count
}

/// `lines` without thematic breaks and blank lines at either end (a rule
/// between two questions closes the answer, it is not part of it).
fn trim_rules<'a, 'b>(lines: &'b [&'a str]) -> &'b [&'a str] {
    let mut lines = lines::trim_blank_edges(lines);
    while let [rest @ .., last] = lines
        && (lines::is_rule(last) || lines::is_blank(last))
    {
        lines = rest;
    }
    while let [first, rest @ ..] = lines
        && (lines::is_rule(first) || lines::is_blank(first))
    {
        lines = rest;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str, &[&str])]) {
        crate::extract::formats::testing::check_sections(&NumberedHeadings, input, expected);
    }

    #[test]
    fn a_numbered_title_asks_the_line_below_it_in_portuguese_and_english() {
        check(
            "## 1. Conceitos\n\n### 1.1 Regressão\nO que é um teste de regressão?\n\n**Resposta:**\n\n### 1.2 Tipos\nExplique a diferença entre os tipos.\n",
            &[
                (
                    3,
                    "O que é um teste de regressão?",
                    "**Resposta:**",
                    &["1. Conceitos"],
                ),
                (
                    8,
                    "Explique a diferença entre os tipos.",
                    "",
                    &["1. Conceitos"],
                ),
            ],
        );
        check(
            "### 1. Caching\nWhy cache at the edge?\nLatency.\n### 2. Logging\nStructured logs.\n",
            &[
                (1, "Why cache at the edge?", "Latency.", &[]),
                (3, "Logging", "Structured logs.", &[]),
            ],
        );
    }

    #[test]
    fn numbered_headings_under_parts_in_chinese() {
        check(
            "# Python 基础\n## 1 Python的函数参数传递\n看例子。\n## 2 类变量和实例变量\n### 例子\n代码\n# 进阶\n## 3 迭代器\n---\n",
            &[
                (1, "Python的函数参数传递", "看例子。", &["Python 基础"]),
                (3, "类变量和实例变量", "### 例子\n代码", &["Python 基础"]),
                (7, "迭代器", "", &["进阶"]),
            ],
        );
    }

    #[test]
    fn imperative_questions_and_answer_subparts_in_english() {
        check(
            "# 1. Show idiomatic use of a context manager\n## A. Short answer\nUse `with`.\n## B. Detail\nMore.\n# 2. Compare lists and tuples\n## A.\nMutability.\n",
            &[
                (
                    0,
                    "Show idiomatic use of a context manager",
                    "## A. Short answer\nUse `with`.\n## B. Detail\nMore.",
                    &[],
                ),
                (5, "Compare lists and tuples", "## A.\nMutability.", &[]),
            ],
        );
    }

    #[test]
    fn marker_on_the_line_above_in_korean() {
        check(
            "# 면접 질문\nQ1\n### 프로세스와 스레드의 차이\n답변 하나\n\nQ2\n### 가비지 컬렉션\n답변 둘\n",
            &[
                (2, "프로세스와 스레드의 차이", "답변 하나", &["면접 질문"]),
                (6, "가비지 컬렉션", "답변 둘", &["면접 질문"]),
            ],
        );
    }

    #[test]
    fn numbered_sections_over_question_headings_are_sections() {
        let lines: Vec<&str> = "# Notes\n## 1. Basics\n### What is x?\nx\n## 2. More\nm\n## 3. Deeper\n### Q1. Why y?\ny\n"
            .split('\n')
            .collect();
        assert!(NumberedHeadings.read(&lines).found.is_empty());
        let lines: Vec<&str> = "## 1. 基础\n### 什么是GIL？\n锁\n## 2. 进阶\n### 如何调试？\npdb\n"
            .split('\n')
            .collect();
        assert!(NumberedHeadings.read(&lines).found.is_empty());
    }

    #[test]
    fn section_numbers_out_of_sequence_are_not_questions() {
        let lines: Vec<&str> = "## 2019 notes\ntext\n## 7 things\nmore\n## 3 days\nx"
            .split('\n')
            .collect();
        assert!(NumberedHeadings.read(&lines).found.is_empty());
    }
}

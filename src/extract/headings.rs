//! Questions written as markdown headings (`### Q1. What is …?`).
//!
//! In a heading Q&A every heading at one level asks a question and the text
//! under it answers; shallower headings are sections. The question level is
//! the level holding the most question-like headings. The same machinery
//! finds the few explicit questions inside an article, where only headings
//! marked `Q<n>` or sitting under a "Questions" heading count.

use super::{Found, details, label, lines, question};

/// A heading outside fenced code.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    pub idx: usize,
    pub level: usize,
    pub text: String,
    /// Marked `Q<n>` / `Q:`.
    pub q_marked: bool,
    /// Reads like a question (or is `Q`-marked).
    pub asks: bool,
}

/// Every heading outside fences except the document title.
pub(crate) fn headings(lines: &[&str]) -> Vec<Heading> {
    let mask = lines::fence_mask(lines);
    let title = lines::title_index(lines, &mask);
    let mut out = Vec::new();
    for (idx, line) in lines.iter().enumerate() {
        if mask[idx] || Some(idx) == title {
            continue;
        }
        if let Some((level, t)) = lines::loose_heading(line) {
            let bare = question::strip_wrappers(t);
            let q_marked = question::parse_numbered(bare).is_some_and(|n| n.q);
            out.push(Heading {
                idx,
                level,
                text: t.to_string(),
                q_marked,
                asks: q_marked || question::looks_like_question(numbered_rest(bare)),
            });
        }
    }
    out
}

/// The heading text after a `3.` / `Q3.` prefix.
fn numbered_rest(t: &str) -> &str {
    question::parse_numbered(t).map_or(t, |n| n.rest)
}

/// Where an answer under the heading at `start` ends: the next heading at
/// `stop_level` or shallower (any heading when `None`), a thematic break, or
/// the end.
fn answer_end(lines: &[&str], mask: &[bool], start: usize, stop_level: Option<usize>) -> usize {
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        if mask[i] {
            continue;
        }
        if lines::is_rule(line) {
            return i;
        }
        if let Some((level, _)) = lines::loose_heading(line)
            && stop_level.is_none_or(|s| level <= s)
        {
            return i;
        }
    }
    lines.len()
}

fn found(lines: &[&str], h: &Heading, end: usize, section: Vec<String>) -> Found {
    let answer = lines::markdown_block(&lines[h.idx + 1..end]);
    Found {
        idx: h.idx,
        question: question::clean(&h.text),
        answer: details::unwrap_generic(&answer).trim().to_string(),
        section,
        span: h.idx..end,
    }
}

/// Least asking headings at a level other than the main question level
/// for it to be read as a question level too.
const MIN_OTHER_LEVEL: usize = 2;

/// The result of reading a document as a heading Q&A.
#[derive(Debug, Default)]
pub(crate) struct HeadingScan {
    pub found: Vec<Found>,
    /// Share of the headings at the question level that ask a question.
    pub share: f64,
}

/// Reads the document as a heading Q&A.
pub(crate) fn extract(lines: &[&str]) -> HeadingScan {
    let all = headings(lines);
    let mut counts = [0usize; 7];
    for h in all.iter().filter(|h| h.asks) {
        counts[h.level] += 1;
    }
    let Some(level) = (1..=6)
        .filter(|&l| counts[l] > 0)
        .max_by_key(|&l| (counts[l], l))
    else {
        return HeadingScan::default();
    };
    let mut totals = [0usize; 7];
    for h in &all {
        totals[h.level] += 1;
    }
    let at_level = totals[level];
    // Other levels where most headings ask are question levels too
    // (follow-up questions under a question, or main questions above
    // their follow-ups): every asking heading there is a question.
    let is_question_level =
        |l: usize| l == level || (counts[l] >= MIN_OTHER_LEVEL && counts[l] * 2 >= totals[l]);
    let starts: Vec<usize> = all
        .iter()
        .filter(|h| h.asks && is_question_level(h.level))
        .map(|h| h.idx)
        .collect();
    let mask = lines::fence_mask(lines);
    let mut sections = lines::Sections::default();
    let mut out = Vec::new();
    for h in &all {
        sections.enter(h.level, &h.text);
        if h.asks && is_question_level(h.level) {
            let next_question = starts
                .iter()
                .copied()
                .find(|&s| s > h.idx)
                .unwrap_or(lines.len());
            let end = answer_end(lines, &mask, h.idx, Some(h.level)).min(next_question);
            out.push(found(lines, h, end, sections.path_above(h.level)));
        }
    }
    HeadingScan {
        share: counts[level] as f64 / at_level.max(1) as f64,
        found: out,
    }
}

/// True for a heading that announces interview questions: it holds a
/// word for "question" of a language docgen reads ([`label`]'s markers:
/// `Questions`, `问题`, `質問`, `질문`, `Вопросы`, `Preguntas` …), or
/// `Q&A` / `FAQ`.
fn announces_questions(t: &str) -> bool {
    let lower = t.to_lowercase();
    lower.contains("q&a") || lower.contains("faq") || label::names_questions(t)
}

/// The explicit questions of an article: `Q<n>`-marked headings, and
/// question headings under a heading that announces questions. Each answer
/// runs to the next heading or thematic break.
pub(crate) fn article_questions(lines: &[&str]) -> Vec<Found> {
    let mask = lines::fence_mask(lines);
    let mut sections = lines::Sections::default();
    let mut out = Vec::new();
    for h in &headings(lines) {
        let path = sections.path_above(h.level);
        sections.enter(h.level, &h.text);
        if h.q_marked || (h.asks && path.iter().any(|p| announces_questions(p))) {
            let end = answer_end(lines, &mask, h.idx, None);
            out.push(found(lines, h, end, path));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qa(input: &str) -> Vec<(usize, String, String, Vec<String>)> {
        let lines: Vec<&str> = input.split('\n').collect();
        extract(&lines)
            .found
            .into_iter()
            .map(|f| (f.idx, f.question, f.answer, f.section))
            .collect()
    }

    #[test]
    fn question_headings_with_sections() {
        let got = qa(
            "# Notes\n## Basics\n### Q1. What is `x`?\nIt is `x`.\n\n#### Example\ncode\n### Q2: Explain y\nY.\n---\nnot part\n## Advanced\n### Why z\nZ.",
        );
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].1, "What is `x`?");
        assert_eq!(got[0].2, "It is `x`.\n\n#### Example\ncode");
        assert_eq!(got[0].3, ["Basics"]);
        assert_eq!(
            (got[1].0, got[1].1.as_str(), got[1].2.as_str()),
            (7, "Explain y", "Y.")
        );
        assert_eq!((got[2].0, got[2].1.as_str()), (12, "Why z"));
        assert_eq!(got[2].3, ["Advanced"]);
    }

    #[test]
    fn follow_up_question_headings_at_another_level_in_chinese_and_english() {
        let got = qa(
            "# 网络\n### 什么是握手？\n三次。\n##### 可以两次吗？\n不可以。\n##### 为什么？\n防止旧连接。\n### 什么是挥手？\n四次。\n##### 能合并吗？\n不能。",
        );
        let qs: Vec<(usize, &str, &str)> = got
            .iter()
            .map(|f| (f.0, f.1.as_str(), f.2.as_str()))
            .collect();
        assert_eq!(
            qs,
            [
                (1, "什么是握手？", "三次。"),
                (3, "可以两次吗？", "不可以。"),
                (5, "为什么？", "防止旧连接。"),
                (7, "什么是挥手？", "四次。"),
                (9, "能合并吗？", "不能。"),
            ]
        );
        // One asking heading above the question level is a section.
        let got = qa(
            "## Why use caches?\n### What is a hit?\nFound.\n### What is a miss?\nNot found.\n## Eviction\n### What is LRU?\nOldest out.",
        );
        let qs: Vec<(usize, &str)> = got.iter().map(|f| (f.0, f.1.as_str())).collect();
        assert_eq!(
            qs,
            [
                (1, "What is a hit?"),
                (3, "What is a miss?"),
                (6, "What is LRU?")
            ]
        );
        assert_eq!(got[0].3, ["Why use caches?"]);
    }

    #[test]
    fn share_counts_non_question_headings() {
        let lines = ["### What is a?", "x", "### Setup", "y", "### Usage", "z"];
        let scan = extract(&lines);
        assert_eq!(scan.found.len(), 1);
        assert!((scan.share - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn headings_in_fences_are_ignored() {
        let got = qa("### Q1. Why?\n```\n### Q2. not a heading\n```\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].2, "```\n### Q2. not a heading\n```");
    }

    #[test]
    fn folded_answers_are_unwrapped() {
        let got = qa("### What is x?\n<details><summary>Answer</summary>\n\n**x**\n</details>");
        assert_eq!(got[0].2, "**x**");
    }

    #[test]
    fn article_questions_need_a_marker() {
        let lines: Vec<&str> = "# T\n## 3. Bytecode\n### What is Bytecode?\nb\n## 12. Common Interview Questions\n### Q1. Is it compiled?\nBoth\n### Why slow?\nLoop\n---\n### 5. Stackless\n- x"
            .split('\n')
            .collect();
        let got = article_questions(&lines);
        let qs: Vec<(usize, &str, &str)> = got
            .iter()
            .map(|f| (f.idx, f.question.as_str(), f.answer.as_str()))
            .collect();
        assert_eq!(
            qs,
            [(5, "Is it compiled?", "Both"), (7, "Why slow?", "Loop")]
        );
        assert_eq!(got[0].section, ["12. Common Interview Questions"]);
    }
}

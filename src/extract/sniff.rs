//! Deciding what a note is, from its content alone.
//!
//! File names say nothing reliable, so the format is sniffed: first whether
//! the text is markdown at all (headings, fences, rules, HTML blocks against
//! `•` bullets), then each candidate reading (details blocks, heading
//! questions, numbered questions) is tried and scored by *coverage*, the share
//! of content lines that fall inside an extracted question or its answer. A
//! reading that explains most of the note wins; when none does, prose
//! dominates and the note is an article.

use super::{Format, Found, article, details, headings, list, plain, text};

/// Least coverage for a question-and-answer reading of a note.
const MIN_COVERAGE: f64 = 0.5;

/// Least share of question headings at the question level for a heading Q&A.
const MIN_HEADING_SHARE: f64 = 0.5;

/// Markdown evidence needed to read a note as markdown.
const MIN_MARKDOWN_SCORE: usize = 3;

/// The outcome of sniffing: the format, its entries, and whether the text is
/// markdown (plain text needs converting).
#[derive(Debug)]
pub(crate) struct Decision {
    pub format: Format,
    pub found: Vec<Found>,
    pub markdown: bool,
}

/// Markdown evidence a line outside fences gives: 2 for a heading or a
/// disclosure tag, 1 for a rule, list item, quote, bold or link.
fn markdown_weight(line: &str) -> usize {
    let t = line.trim_start();
    let lower = t.to_ascii_lowercase();
    let strong = text::atx_heading(line).is_some_and(|(_, h)| !h.is_empty())
        || lower.starts_with("<details")
        || lower.starts_with("<summary");
    let weak = text::is_rule(line)
        || t.starts_with("- ")
        || t.starts_with("> ")
        || (t.starts_with("**") && t[2..].contains("**"))
        || (t.contains("](") && t.contains('['));
    if strong { 2 } else { usize::from(weak) }
}

/// Scores markdown structure (fences, headings, …) against plain-text `•`
/// bullets.
pub(crate) fn is_markdown(lines: &[&str]) -> bool {
    let mask = text::fence_mask(lines);
    let mut md = 0;
    let mut plain = 0;
    for (i, line) in lines.iter().enumerate() {
        if mask[i] {
            // Only the opening fence line counts.
            if i == 0 || !mask[i - 1] {
                md += 2;
            }
        } else if line.trim_start().starts_with('\u{2022}') {
            plain += 1;
        } else {
            md += markdown_weight(line);
        }
    }
    md >= MIN_MARKDOWN_SCORE && md > plain
}

/// Share of content lines (not blank, not a rule, not a heading outside any
/// entry) covered by the entries' spans.
pub(crate) fn coverage(lines: &[&str], found: &[Found]) -> f64 {
    let mut covered = vec![false; lines.len()];
    for f in found {
        for i in f.span.clone() {
            if let Some(c) = covered.get_mut(i) {
                *c = true;
            }
        }
    }
    let mut content = 0usize;
    let mut hit = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if text::is_blank(line)
            || text::is_rule(line)
            || (text::atx_heading(line).is_some() && !covered[i])
        {
            continue;
        }
        content += 1;
        hit += usize::from(covered[i]);
    }
    if content == 0 {
        0.0
    } else {
        hit as f64 / content as f64
    }
}

/// Decides the format of a note and extracts its entries.
pub(crate) fn decide(lines: &[&str]) -> Decision {
    if !is_markdown(lines) {
        let found = plain::extract(lines);
        let format = if !found.is_empty() && coverage(lines, &found) >= MIN_COVERAGE {
            Format::PlainQa
        } else {
            Format::Article
        };
        return Decision {
            format,
            found,
            markdown: false,
        };
    }
    let mut candidates: Vec<(Format, Vec<Found>)> = Vec::new();
    candidates.push((Format::Details, details::extract(lines)));
    let scan = headings::extract(lines);
    if scan.share >= MIN_HEADING_SHARE {
        candidates.push((Format::HeadingQa, scan.found));
    }
    let numbered = list::extract(lines);
    let answered = numbered
        .iter()
        .filter(|f| !f.answer.trim().is_empty())
        .count();
    let list_format = if answered * 2 > numbered.len() {
        Format::PlainQa
    } else {
        Format::QuestionList
    };
    candidates.push((list_format, numbered));
    // The best covering reading; on a tie, more entries, then the earlier
    // (more specific) candidate.
    let mut best: Option<(f64, Format, Vec<Found>)> = None;
    for (format, found) in candidates {
        let cov = coverage(lines, &found);
        if found.is_empty() || cov < MIN_COVERAGE {
            continue;
        }
        let better = best
            .as_ref()
            .is_none_or(|(c, _, f)| cov > *c || (cov == *c && found.len() > f.len()));
        if better {
            best = Some((cov, format, found));
        }
    }
    match best {
        Some((_, format, found)) => Decision {
            format,
            found,
            markdown: true,
        },
        None => Decision {
            format: Format::Article,
            found: article::entries(lines),
            markdown: true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(input: &str) -> Format {
        let lines: Vec<&str> = input.split('\n').collect();
        decide(&lines).format
    }

    #[test]
    fn markdown_or_plain() {
        let md: Vec<&str> = "## A\n\n1. What?\n---".split('\n').collect();
        assert!(is_markdown(&md));
        let plain: Vec<&str> = "1. What?\nAnswer\n  \u{2022} a\n  \u{2022} b\n- c"
            .split('\n')
            .collect();
        assert!(!is_markdown(&plain));
    }

    #[test]
    fn formats_from_content() {
        assert_eq!(
            format_of("## A\n\n1. What is x?\n2. Why y?\n\n---\n"),
            Format::QuestionList
        );
        assert_eq!(
            format_of("1. What is x?\nx is x.\n2. Why y?\nBecause."),
            Format::PlainQa
        );
        assert_eq!(
            format_of("# T\n## S\n<details><summary>What?</summary>\nA\n</details>\n"),
            Format::Details
        );
        assert_eq!(
            format_of("# FAQ\n\n### What is x?\nX.\n\n### How does y work?\nY.\n"),
            Format::HeadingQa
        );
        assert_eq!(
            format_of(
                "# Notes\n\nLong prose here.\n\n## Part\n\nMore prose.\n\n- a\n- b\n\n### What is x?\nX.\n"
            ),
            Format::Article
        );
        assert_eq!(format_of(""), Format::Article);
        assert_eq!(format_of("just some words"), Format::Article);
    }

    #[test]
    fn coverage_counts_content_lines() {
        let lines = ["## H", "q", "a", "", "other", "---"];
        let f = Found {
            idx: 1,
            question: "q".into(),
            answer: "a".into(),
            section: vec![],
            span: 1..3,
        };
        assert!((coverage(&lines, &[f]) - 2.0 / 3.0).abs() < 1e-9);
    }
}

//! Deciding what a note is, from its content alone.
//!
//! File names say nothing reliable, so the format is sniffed: first whether
//! the text is markdown at all (headings, fences, rules, HTML blocks against
//! `•` bullets), then each candidate reading (details blocks, heading
//! questions, numbered questions) is tried and scored by *coverage*, the share
//! of content lines that fall inside an extracted question or its answer. A
//! reading that explains most of the note wins; when none does, prose
//! dominates and the note is an article.

use super::{Format, Found, article, format, plain, question, text};

/// Least coverage for a question-and-answer reading of a note.
const MIN_COVERAGE: f64 = 0.5;

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

/// Decides the format of a note and extracts its entries: every
/// registered reading that applies ([`format::REGISTRY`]) is scored by
/// coverage; the best one at or above [`MIN_COVERAGE`] wins (on a tie,
/// more entries, then the earlier one). A reading gets no credit for an
/// answer's lines from the first question another reading found inside it
/// ([`truncated`]), so one huge answer never beats the list of questions
/// it holds. Questions other readings find outside the chosen one's units
/// are added ([`other_questions`]). When no reading explains the note, it
/// is an article, with the questions it asks explicitly.
pub(crate) fn decide(lines: &[&str]) -> Decision {
    let markdown = is_markdown(lines);
    let readings: Vec<(Format, Vec<Found>)> = format::REGISTRY
        .iter()
        .filter(|f| f.applies(markdown))
        .map(|f| f.read(lines))
        .filter_map(|r| r.format.map(|f| (f, r.found)))
        .collect();
    let asked: Vec<(usize, String)> = {
        let mut v: Vec<(usize, String)> = readings
            .iter()
            .flat_map(|(_, found)| found.iter())
            .filter(|f| question::looks_like_question(&f.question))
            .map(|f| (f.idx, f.question.clone()))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let others: Vec<Found> = readings
        .iter()
        .flat_map(|(_, found)| found.iter().cloned())
        .collect();
    let mut best: Option<(f64, Format, Vec<Found>)> = None;
    for (format, found) in readings {
        let cov = coverage(lines, &truncated(&found, &asked));
        if cov < MIN_COVERAGE {
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
        Some((_, format, mut found)) => {
            found.extend(other_questions(&found, &others));
            found.sort_by_key(|f| f.idx);
            Decision {
                format,
                found,
                markdown,
            }
        }
        None if markdown => Decision {
            format: Format::Article,
            found: article::entries(lines),
            markdown,
        },
        None => Decision {
            format: Format::Article,
            found: plain::extract(lines),
            markdown,
        },
    }
}

/// Questions other readings found outside the chosen reading's units (a
/// note that mixes structures: numbered headings, then a plain list of
/// questions): those that read as questions and whose span overlaps no
/// unit kept so far, in registry order.
fn other_questions(chosen: &[Found], others: &[Found]) -> Vec<Found> {
    let mut taken: Vec<std::ops::Range<usize>> = chosen.iter().map(|f| f.span.clone()).collect();
    let mut out = Vec::new();
    for f in others {
        let overlaps = taken
            .iter()
            .any(|t| t.start < f.span.end && f.span.start < t.end);
        if !overlaps && question::looks_like_question(&f.question) {
            taken.push(f.span.clone());
            out.push(f.clone());
        }
    }
    out
}

/// `found` with each span cut at the first question line of `asked` (a
/// question some reading found, with its text) that it holds after its
/// own question line and that asks something else: an answer gets no
/// credit for the questions it swallowed.
fn truncated(found: &[Found], asked: &[(usize, String)]) -> Vec<Found> {
    found
        .iter()
        .map(|f| {
            let from = asked.partition_point(|&(i, _)| i <= f.idx);
            let cut = asked[from..]
                .iter()
                .find(|(_, q)| *q != f.question)
                .filter(|(i, _)| *i < f.span.end)
                .map_or(f.span.end, |(i, _)| *i);
            Found {
                span: f.span.start..cut.max(f.span.start + 1),
                ..f.clone()
            }
        })
        .collect()
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
